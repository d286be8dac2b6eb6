/* wharf-status-service-row.h: one service on the status page: counts,
 * health, endpoints (links) and its recent tasks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-status-service.h"

G_BEGIN_DECLS

#define WHARF_TYPE_STATUS_SERVICE_ROW (wharf_status_service_row_get_type ())
G_DECLARE_FINAL_TYPE (WharfStatusServiceRow, wharf_status_service_row, WHARF, STATUS_SERVICE_ROW, AdwBin)

GtkWidget *wharf_status_service_row_new         (void);
/* SERVICE may be NULL (an unbound row of the list view). */
void       wharf_status_service_row_set_service (WharfStatusServiceRow *self,
                                                 WharfStatusService    *service);

/* "Running", "Healthy"… for ECS's upper-case states. */
char      *wharf_status_title_case              (const char            *state);

G_END_DECLS
