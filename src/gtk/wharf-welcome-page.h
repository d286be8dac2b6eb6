/* wharf-welcome-page.h: the page shown before a project is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WHARF_TYPE_WELCOME_PAGE (wharf_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfWelcomePage, wharf_welcome_page, WHARF, WELCOME_PAGE, AdwBin)

GtkWidget *wharf_welcome_page_new            (void);
guint      wharf_welcome_page_get_n_recent   (WharfWelcomePage *self);
GtkWidget *wharf_welcome_page_get_recent_row (WharfWelcomePage *self,
                                              guint             position);

G_END_DECLS
