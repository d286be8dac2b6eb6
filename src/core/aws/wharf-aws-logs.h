/* wharf-aws-logs.h: typed CloudWatch Logs calls (JSON 1.1 protocol).
 * Timestamps are epoch milliseconds, as on the wire.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char   *log_stream_name;
  char   *event_id;
  char   *message;
  gint64  timestamp;        /* ms */
  gint64  ingestion_time;   /* ms */
} WharfLogEvent;

void wharf_log_event_free (WharfLogEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfLogEvent, wharf_log_event_free)

typedef struct {
  const char         *log_group_name;
  const char * const *log_stream_names;       /* may be NULL */
  const char         *log_stream_name_prefix; /* may be NULL */
  gint64              start_time;             /* ms, 0: unset */
  gint64              end_time;               /* ms, 0: unset */
  const char         *filter_pattern;         /* may be NULL */
  guint               limit;                  /* 0: service default */
} WharfLogsFilter;

/* One page of FilterLogEvents from TOKEN (NULL: the start). Pages may be
 * empty while more exist: *OUT_NEXT_TOKEN is NULL only at the end.
 * Returns WharfLogEvent*. */
GPtrArray *wharf_logs_filter_log_events_page (WharfAwsClient        *client,
                                              const WharfLogsFilter *filter,
                                              const char            *token,
                                              char                 **out_next_token,
                                              GCancellable          *cancellable,
                                              GError               **error);
/* Every page. */
GPtrArray *wharf_logs_filter_log_events      (WharfAwsClient        *client,
                                              const WharfLogsFilter *filter,
                                              GCancellable          *cancellable,
                                              GError               **error);
void       wharf_logs_filter_log_events_async  (WharfAwsClient        *client,
                                                const WharfLogsFilter *filter,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
GPtrArray *wharf_logs_filter_log_events_finish (WharfAwsClient        *client,
                                                GAsyncResult          *result,
                                                GError               **error);

/* One page of GetLogEvents (START_FROM_HEAD: oldest first). The stream
 * is exhausted when *OUT_NEXT_FORWARD_TOKEN equals TOKEN. */
GPtrArray *wharf_logs_get_log_events_page    (WharfAwsClient        *client,
                                              const char            *log_group_name,
                                              const char            *log_stream_name,
                                              gboolean               start_from_head,
                                              const char            *token,
                                              char                 **out_next_forward_token,
                                              GCancellable          *cancellable,
                                              GError               **error);
/* Every event of the stream, oldest first (follows nextForwardToken until
 * it repeats). */
GPtrArray *wharf_logs_get_log_events         (WharfAwsClient        *client,
                                              const char            *log_group_name,
                                              const char            *log_stream_name,
                                              GCancellable          *cancellable,
                                              GError               **error);

/* Decoder: the events array of a response. */
GPtrArray *wharf_logs_decode_events          (JsonObject            *object);

G_END_DECLS
