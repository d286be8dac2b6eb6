/* wharf-logs-row.h: how one log line looks in the logs page's list view
 * (time, service in its own colour, message).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WHARF_LOGS_N_COLOURS 8

/* Connects FACTORY's setup and bind for WharfLogLine items. */
void  wharf_logs_row_init_factory  (GtkSignalListItemFactory *factory);
/* The colour class of SERVICE ("wharf-log-colour-0" … "-7"): stable for
 * a name, so a service keeps its colour across sessions. */
const char *wharf_logs_row_colour_class (const char *service);

G_END_DECLS
