/* wharf-logs-page.h: the logs page of the main window: CloudWatch Logs of
 * the project's services (all or one), since a time, followed live,
 * searchable, in a bounded buffer (WHARF_LOG_BUFFER_DEFAULT_CAPACITY
 * lines: older ones are dropped).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-compose-project.h"
#include "wharf-session.h"

G_BEGIN_DECLS

#define WHARF_LOGS_PAGE_POLL_MS 2000

#define WHARF_TYPE_LOGS_PAGE (wharf_logs_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfLogsPage, wharf_logs_page, WHARF, LOGS_PAGE, AdwBin)

GtkWidget  *wharf_logs_page_new               (void);
/* The window's session (where to deploy) and its loaded project (NULL
 * while none is loaded); the stack is the project's name. */
void        wharf_logs_page_set_project       (WharfLogsPage       *self,
                                               WharfSession        *session,
                                               WharfComposeProject *project);
/* Every line kept (GListModel of WharfLogLine, oldest first). */
GListModel *wharf_logs_page_get_lines         (WharfLogsPage       *self);
/* The lines shown: those matching the search. */
GListModel *wharf_logs_page_get_visible_lines (WharfLogsPage       *self);
/* Sets the search text (as typed in the search entry) and filters now. */
void        wharf_logs_page_set_search        (WharfLogsPage       *self,
                                               const char          *text);
void        wharf_logs_page_set_follow        (WharfLogsPage       *self,
                                               gboolean             follow);
/* Milliseconds between polls while following (default
 * WHARF_LOGS_PAGE_POLL_MS). */
void        wharf_logs_page_set_poll_interval (WharfLogsPage       *self,
                                               guint                ms);
/* Requests answered since creation (the first load and each poll). */
guint       wharf_logs_page_get_n_requests    (WharfLogsPage       *self);
/* The visible lines as text, one per line (what Copy puts on the
 * clipboard). */
char       *wharf_logs_page_dup_text          (WharfLogsPage       *self);

G_END_DECLS
