/* wharf-status-page.h: the status page of the main window: the services
 * of the project's stack, their tasks and endpoints (`ps`), refreshed
 * every few seconds while the page is visible.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-compose-project.h"
#include "wharf-session.h"

G_BEGIN_DECLS

#define WHARF_STATUS_PAGE_REFRESH_MS 5000

#define WHARF_TYPE_STATUS_PAGE (wharf_status_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfStatusPage, wharf_status_page, WHARF, STATUS_PAGE, AdwBin)

GtkWidget  *wharf_status_page_new                  (void);
/* The window's session (where to deploy) and its loaded project (NULL
 * while none is loaded); the stack is the project's name. */
void        wharf_status_page_set_project          (WharfStatusPage     *self,
                                                    WharfSession        *session,
                                                    WharfComposeProject *project);
/* Fetches now (no-op while a fetch runs, or without a project). */
void        wharf_status_page_refresh              (WharfStatusPage     *self);
/* Milliseconds between refreshes while mapped (default
 * WHARF_STATUS_PAGE_REFRESH_MS). */
void        wharf_status_page_set_refresh_interval (WharfStatusPage     *self,
                                                    guint                ms);
/* The services shown (GListModel of WharfStatusService). */
GListModel *wharf_status_page_get_services         (WharfStatusPage     *self);
/* What the page shows: "empty", "loading", "not-deployed", "error" or
 * "services". */
const char *wharf_status_page_get_state            (WharfStatusPage     *self);
/* Fetches completed since creation (successful or not). */
guint       wharf_status_page_get_n_fetches        (WharfStatusPage     *self);

G_END_DECLS
