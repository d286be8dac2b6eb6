/* wharf-status-page.h: the status page of the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-compose-project.h"
#include "wharf-session.h"

G_BEGIN_DECLS

#define WHARF_TYPE_STATUS_PAGE (wharf_status_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfStatusPage, wharf_status_page, WHARF, STATUS_PAGE, AdwBin)

GtkWidget *wharf_status_page_new         (void);
/* The window's session (where to deploy) and its loaded project (NULL
 * while none is loaded); the stack is the project's name. */
void       wharf_status_page_set_project (WharfStatusPage *self,
                                  WharfSession        *session,
                                  WharfComposeProject *project);

G_END_DECLS
