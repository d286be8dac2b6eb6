/* wharf-logs-page.h: the logs page of the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WHARF_TYPE_LOGS_PAGE (wharf_logs_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfLogsPage, wharf_logs_page, WHARF, LOGS_PAGE, AdwBin)

GtkWidget *wharf_logs_page_new (void);

G_END_DECLS
