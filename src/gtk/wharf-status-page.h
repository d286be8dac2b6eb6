/* wharf-status-page.h: the status page of the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WHARF_TYPE_STATUS_PAGE (wharf_status_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfStatusPage, wharf_status_page, WHARF, STATUS_PAGE, AdwBin)

GtkWidget *wharf_status_page_new (void);

G_END_DECLS
