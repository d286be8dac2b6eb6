/* wharf-event-row.h: one stack event in the deployment timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-stack-event.h"

G_BEGIN_DECLS

#define WHARF_TYPE_EVENT_ROW (wharf_event_row_get_type ())
G_DECLARE_FINAL_TYPE (WharfEventRow, wharf_event_row, WHARF, EVENT_ROW, GtkWidget)

GtkWidget       *wharf_event_row_new       (void);
/* The event shown, or NULL (a recycled row of the list view). */
void             wharf_event_row_set_event (WharfEventRow   *self,
                                            WharfStackEvent *event);
WharfStackEvent *wharf_event_row_get_event (WharfEventRow   *self);
/* The text of the status badge (for tests). */
const char      *wharf_event_row_get_badge (WharfEventRow   *self);

G_END_DECLS
