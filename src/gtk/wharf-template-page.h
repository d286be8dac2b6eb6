/* wharf-template-page.h: the template page of the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WHARF_TYPE_TEMPLATE_PAGE (wharf_template_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfTemplatePage, wharf_template_page, WHARF, TEMPLATE_PAGE, AdwBin)

GtkWidget *wharf_template_page_new (void);

G_END_DECLS
