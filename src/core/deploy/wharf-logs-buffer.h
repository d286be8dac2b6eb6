/* wharf-logs-buffer.h: a bounded list of log lines for long sessions.
 *
 * WharfLogLine is one CloudWatch Logs event with the Compose service it
 * came from. WharfLogBuffer is a GListModel of WharfLogLine that keeps at
 * most CAPACITY lines: appending past it drops the oldest ones, so a page
 * that follows logs for days uses constant memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-logs.h"

G_BEGIN_DECLS

/* What the logs page keeps by default: about 2 MB of typical lines. */
#define WHARF_LOG_BUFFER_DEFAULT_CAPACITY 10000

#define WHARF_TYPE_LOG_LINE (wharf_log_line_get_type ())
G_DECLARE_FINAL_TYPE (WharfLogLine, wharf_log_line, WHARF, LOG_LINE, GObject)

WharfLogLine *wharf_log_line_new            (const char   *service,
                                             gint64        timestamp_ms,
                                             const char   *message);
/* The service is the CONTAINER of the stream "PROJECT/CONTAINER/TASK"
 * (the stream itself when it has another shape); the message loses its
 * trailing newline. */
WharfLogLine *wharf_log_line_new_from_event (const WharfLogEvent *event);
const char   *wharf_log_line_get_service    (WharfLogLine *self);
gint64        wharf_log_line_get_timestamp  (WharfLogLine *self);
const char   *wharf_log_line_get_message    (WharfLogLine *self);
/* TRUE when TEXT (lower case) occurs in the message or the service,
 * ignoring case. "" matches everything. */
gboolean      wharf_log_line_matches        (WharfLogLine *self,
                                             const char   *text_casefolded);
/* "service | 2024-05-01T10:00:00.123Z message" (the CLI's
 * `logs --timestamps` format), for copying. */
char         *wharf_log_line_to_string      (WharfLogLine *self);

#define WHARF_TYPE_LOG_BUFFER (wharf_log_buffer_get_type ())
G_DECLARE_FINAL_TYPE (WharfLogBuffer, wharf_log_buffer, WHARF, LOG_BUFFER, GObject)

/* CAPACITY ≥ 1. */
WharfLogBuffer *wharf_log_buffer_new          (guint           capacity);
guint           wharf_log_buffer_get_capacity (WharfLogBuffer *self);
/* Lines dropped since creation or the last clear. */
guint64         wharf_log_buffer_get_dropped  (WharfLogBuffer *self);
/* Appends LINES (WharfLogLine*, not consumed), oldest first; emits one
 * items-changed for what was dropped at the front and one for the end. */
void            wharf_log_buffer_append       (WharfLogBuffer *self,
                                               GPtrArray      *lines);
void            wharf_log_buffer_clear        (WharfLogBuffer *self);

G_END_DECLS
