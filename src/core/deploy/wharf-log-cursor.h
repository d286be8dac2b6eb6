/* wharf-log-cursor.h: following CloudWatch Logs without duplicates or gaps.
 *
 * FilterLogEvents is asked again and again from a start time; events with
 * the same millisecond can arrive in two polls, and late events can land
 * at the boundary. The cursor asks from the newest timestamp seen (so
 * nothing at that millisecond is missed) and drops every event id it has
 * already let through, per stream.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-logs.h"

G_BEGIN_DECLS

typedef struct _WharfLogCursor WharfLogCursor;

/* START_MS: the first poll's start time (0: from the beginning). */
WharfLogCursor *wharf_log_cursor_new        (gint64          start_ms);
void            wharf_log_cursor_free       (WharfLogCursor *cursor);
/* TRUE when EVENT was not let through before (and records it). */
gboolean        wharf_log_cursor_accept     (WharfLogCursor *cursor,
                                             const WharfLogEvent *event);
/* The start time of the next poll, in ms. */
gint64          wharf_log_cursor_get_start  (WharfLogCursor *cursor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfLogCursor, wharf_log_cursor_free)

G_END_DECLS
