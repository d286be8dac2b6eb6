/* wharf-logs-page.h: the logs page of the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-compose-project.h"
#include "wharf-session.h"

G_BEGIN_DECLS

#define WHARF_TYPE_LOGS_PAGE (wharf_logs_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfLogsPage, wharf_logs_page, WHARF, LOGS_PAGE, AdwBin)

GtkWidget *wharf_logs_page_new         (void);
/* The window's session (where to deploy) and its loaded project (NULL
 * while none is loaded); the stack is the project's name. */
void       wharf_logs_page_set_project (WharfLogsPage *self,
                                  WharfSession        *session,
                                  WharfComposeProject *project);

G_END_DECLS
