/* wharf-sandbox-logs.c: CloudWatch Logs: log groups, streams and events,
 * and the JSON 1.1 API (Logs_20140328.*).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wharf-sandbox-private.h"

#define MAX_EVENTS_PER_STREAM 10000

static void
log_event_free (SbxLogEvent *e)
{
  g_free (e->message);
  g_free (e->event_id);
  g_free (e);
}

static void
log_stream_free (SbxLogStream *s)
{
  g_free (s->name);
  g_ptr_array_unref (s->events);
  g_free (s);
}

void
sbx_log_group_free (SbxLogGroup *group)
{
  g_free (group->name);
  g_free (group->arn);
  g_ptr_array_unref (group->streams);
  g_free (group);
}

SbxLogGroup *
sbx_logs_group_find (SbxState   *state,
                     const char *name)
{
  for (guint i = 0; name && i < state->log_groups->len; i++)
    {
      SbxLogGroup *g = g_ptr_array_index (state->log_groups, i);

      if (g_str_equal (g->name, name) || g_str_equal (g->arn, name) ||
          (g_str_has_prefix (name, g->arn) && strlen (name) == strlen (g->arn) - 2))
        return g;
    }
  return NULL;
}

SbxLogGroup *
sbx_logs_group_ensure (SbxState   *state,
                       const char *name,
                       gint64      now)
{
  SbxLogGroup *g = sbx_logs_group_find (state, name);

  if (g != NULL)
    return g;
  g = g_new0 (SbxLogGroup, 1);
  g->name = g_strdup (name);
  g->arn = g_strdup_printf ("arn:aws:logs:%s:%s:log-group:%s:*", state->region, state->account_id, name);
  g->created = now;
  g->streams = g_ptr_array_new_with_free_func ((GDestroyNotify) log_stream_free);
  g_ptr_array_add (state->log_groups, g);
  return g;
}

void
sbx_logs_group_remove (SbxState   *state,
                       const char *name)
{
  SbxLogGroup *g = sbx_logs_group_find (state, name);

  if (g)
    g_ptr_array_remove (state->log_groups, g);
}

static SbxLogStream *
find_stream (SbxLogGroup *g, const char *name)
{
  for (guint i = 0; name && i < g->streams->len; i++)
    {
      SbxLogStream *s = g_ptr_array_index (g->streams, i);

      if (g_str_equal (s->name, name))
        return s;
    }
  return NULL;
}

void
sbx_logs_put (SbxState   *state,
              const char *group,
              const char *stream,
              gint64      when,
              const char *message)
{
  SbxLogGroup *g = sbx_logs_group_ensure (state, group, when);
  SbxLogStream *s = find_stream (g, stream);
  SbxLogEvent *e;

  if (s == NULL)
    {
      s = g_new0 (SbxLogStream, 1);
      s->name = g_strdup (stream);
      s->created = when / 1000;
      s->events = g_ptr_array_new_with_free_func ((GDestroyNotify) log_event_free);
      g_ptr_array_add (g->streams, s);
    }
  if (s->events->len >= MAX_EVENTS_PER_STREAM)
    g_ptr_array_remove_index (s->events, 0);
  e = g_new0 (SbxLogEvent, 1);
  e->timestamp = when / 1000;
  e->ingestion = when / 1000 + 7;
  e->message = g_strdup (message);
  e->event_id = g_strdup_printf ("%020" G_GINT64_FORMAT "%036" G_GUINT64_FORMAT, e->timestamp, ++state->counter);
  g_ptr_array_add (s->events, e);
}

static SbxLogGroup *
group_or_fail (SbxRequest *req)
{
  const char *name = sbx_json_string (req, "logGroupName");
  SbxLogGroup *g;

  if (name == NULL)
    name = sbx_json_string (req, "logGroupIdentifier");
  g = sbx_logs_group_find (req->state, name);
  if (g == NULL)
    sbx_reply_error (req, 400, "ResourceNotFoundException", "The specified log group does not exist.");
  return g;
}

static void
add_event (JsonBuilder *b, const char *stream, SbxLogEvent *e)
{
  json_builder_begin_object (b);
  if (stream)
    {
      json_builder_set_member_name (b, "logStreamName");
      json_builder_add_string_value (b, stream);
    }
  json_builder_set_member_name (b, "timestamp");
  json_builder_add_int_value (b, e->timestamp);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, e->message);
  json_builder_set_member_name (b, "ingestionTime");
  json_builder_add_int_value (b, e->ingestion);
  if (stream)
    {
      json_builder_set_member_name (b, "eventId");
      json_builder_add_string_value (b, e->event_id);
    }
  json_builder_end_object (b);
}

typedef struct {
  SbxLogStream *stream;
  SbxLogEvent  *event;
} Hit;

static int
compare_hits (gconstpointer a, gconstpointer b)
{
  const Hit *x = a, *y = b;

  if (x->event->timestamp != y->event->timestamp)
    return x->event->timestamp < y->event->timestamp ? -1 : 1;
  return strcmp (x->event->event_id, y->event->event_id);
}

/* Every term of the pattern must appear ("" or absent matches all). */
static gboolean
matches (const char *pattern, const char *message)
{
  g_auto(GStrv) terms = NULL;

  if (pattern == NULL || *pattern == '\0')
    return TRUE;
  if (pattern[0] == '"' && g_str_has_suffix (pattern, "\"") && strlen (pattern) >= 2)
    {
      g_autofree char *inner = g_strndup (pattern + 1, strlen (pattern) - 2);
      return strstr (message, inner) != NULL;
    }
  terms = g_strsplit (pattern, " ", -1);
  for (guint i = 0; terms[i]; i++)
    if (*terms[i] && strstr (message, terms[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
filter_log_events (SbxRequest *req)
{
  SbxLogGroup *g = group_or_fail (req);
  JsonNode *names = req->json ? json_object_get_member (req->json, "logStreamNames") : NULL;
  const char *prefix = sbx_json_string (req, "logStreamNamePrefix");
  const char *pattern = sbx_json_string (req, "filterPattern");
  gint64 start = sbx_json_int (req, "startTime", G_MININT64);
  gint64 end = sbx_json_int (req, "endTime", G_MAXINT64);
  gint64 limit = sbx_json_int (req, "limit", 10000);
  const char *token = sbx_json_string (req, "nextToken");
  guint offset = token ? (guint) atoi (token + (g_str_has_prefix (token, "o/") ? 2 : 0)) : 0;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint last;

  if (g == NULL)
    return;
  if (names && prefix)
    {
      sbx_reply_error (req, 400, "InvalidParameterException",
                       "logStreamNames and logStreamNamePrefix are mutually exclusive");
      return;
    }
  if (limit < 1 || limit > 10000)
    {
      sbx_reply_error (req, 400, "InvalidParameterException", "limit must be between 1 and 10000");
      return;
    }
  for (guint i = 0; i < g->streams->len; i++)
    {
      SbxLogStream *s = g_ptr_array_index (g->streams, i);
      gboolean wanted = TRUE;

      if (names && JSON_NODE_HOLDS_ARRAY (names))
        {
          JsonArray *a = json_node_get_array (names);

          wanted = FALSE;
          for (guint j = 0; j < json_array_get_length (a); j++)
            wanted |= g_strcmp0 (json_array_get_string_element (a, j), s->name) == 0;
        }
      if (prefix && !g_str_has_prefix (s->name, prefix))
        wanted = FALSE;
      for (guint j = 0; wanted && j < s->events->len; j++)
        {
          SbxLogEvent *e = g_ptr_array_index (s->events, j);
          Hit hit = { s, e };

          if (e->timestamp >= start && e->timestamp <= end && matches (pattern, e->message))
            g_array_append_val (hits, hit);
        }
    }
  g_array_sort (hits, compare_hits);
  last = MIN (hits->len, offset + (guint) limit);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = offset; i < last; i++)
    {
      Hit *h = &g_array_index (hits, Hit, i);
      add_event (b, h->stream->name, h->event);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "searchedLogStreams");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  if (last < hits->len)
    {
      g_autofree char *next = g_strdup_printf ("o/%u", last);
      json_builder_set_member_name (b, "nextToken");
      json_builder_add_string_value (b, next);
    }
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static void
get_log_events (SbxRequest *req)
{
  SbxLogGroup *g = group_or_fail (req);
  SbxLogStream *s;
  const char *token = sbx_json_string (req, "nextToken");
  gint64 limit = sbx_json_int (req, "limit", 10000);
  gint64 start = sbx_json_int (req, "startTime", G_MININT64);
  gint64 end = sbx_json_int (req, "endTime", G_MAXINT64);
  gboolean from_head = req->json && json_object_has_member (req->json, "startFromHead") &&
                       json_object_get_boolean_member (req->json, "startFromHead");
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *forward = NULL;
  g_autofree char *backward = NULL;
  guint first, last;

  if (g == NULL)
    return;
  s = find_stream (g, sbx_json_string (req, "logStreamName"));
  if (s == NULL)
    {
      sbx_reply_error (req, 400, "ResourceNotFoundException", "The specified log stream does not exist.");
      return;
    }
  for (guint i = 0; i < s->events->len; i++)
    {
      SbxLogEvent *e = g_ptr_array_index (s->events, i);

      if (e->timestamp >= start && e->timestamp <= end)
        g_ptr_array_add (events, e);
    }
  limit = CLAMP (limit, 1, 10000);
  if (token && g_str_has_prefix (token, "f/"))
    {
      first = MIN ((guint) atoi (token + 2), events->len);
      last = MIN (events->len, first + (guint) limit);
    }
  else if (token && g_str_has_prefix (token, "b/"))
    {
      last = MIN ((guint) atoi (token + 2), events->len);
      first = last > (guint) limit ? last - (guint) limit : 0;
    }
  else if (from_head)
    {
      first = 0;
      last = MIN (events->len, (guint) limit);
    }
  else
    {
      last = events->len;
      first = last > (guint) limit ? last - (guint) limit : 0;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = first; i < last; i++)
    add_event (b, NULL, g_ptr_array_index (events, i));
  json_builder_end_array (b);
  forward = g_strdup_printf ("f/%036u", last);
  backward = g_strdup_printf ("b/%036u", first);
  json_builder_set_member_name (b, "nextForwardToken");
  json_builder_add_string_value (b, forward);
  json_builder_set_member_name (b, "nextBackwardToken");
  json_builder_add_string_value (b, backward);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static int
compare_streams_by_name (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(SbxLogStream * const *) a)->name, (*(SbxLogStream * const *) b)->name);
}

static gint64
last_event_time (SbxLogStream *s)
{
  return s->events->len ? ((SbxLogEvent *) g_ptr_array_index (s->events, s->events->len - 1))->timestamp : 0;
}

static int
compare_streams_by_time (gconstpointer a, gconstpointer b)
{
  gint64 x = last_event_time (*(SbxLogStream * const *) a);
  gint64 y = last_event_time (*(SbxLogStream * const *) b);

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
describe_log_streams (SbxRequest *req)
{
  SbxLogGroup *g = group_or_fail (req);
  const char *prefix = sbx_json_string (req, "logStreamNamePrefix");
  const char *order = sbx_json_string (req, "orderBy");
  gboolean descending = req->json && json_object_has_member (req->json, "descending") &&
                        json_object_get_boolean_member (req->json, "descending");
  gint64 limit = CLAMP (sbx_json_int (req, "limit", 50), 1, 50);
  const char *token = sbx_json_string (req, "nextToken");
  guint offset = token ? (guint) atoi (token) : 0;
  g_autoptr(GPtrArray) streams = g_ptr_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint last;

  if (g == NULL)
    return;
  if (prefix && g_strcmp0 (order, "LastEventTime") == 0)
    {
      sbx_reply_error (req, 400, "InvalidParameterException",
                       "Cannot order by LastEventTime with a logStreamNamePrefix.");
      return;
    }
  for (guint i = 0; i < g->streams->len; i++)
    {
      SbxLogStream *s = g_ptr_array_index (g->streams, i);

      if (prefix == NULL || g_str_has_prefix (s->name, prefix))
        g_ptr_array_add (streams, s);
    }
  g_ptr_array_sort (streams, g_strcmp0 (order, "LastEventTime") == 0 ? compare_streams_by_time
                                                                     : compare_streams_by_name);
  if (descending)
    for (guint i = 0; i < streams->len / 2; i++)
      {
        gpointer tmp = streams->pdata[i];
        streams->pdata[i] = streams->pdata[streams->len - 1 - i];
        streams->pdata[streams->len - 1 - i] = tmp;
      }
  last = MIN (streams->len, offset + (guint) limit);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "logStreams");
  json_builder_begin_array (b);
  for (guint i = offset; i < last; i++)
    {
      SbxLogStream *s = g_ptr_array_index (streams, i);
      g_autofree char *arn = g_strdup_printf ("arn:aws:logs:%s:%s:log-group:%s:log-stream:%s",
                                              req->state->region, req->state->account_id, g->name, s->name);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "logStreamName");
      json_builder_add_string_value (b, s->name);
      json_builder_set_member_name (b, "creationTime");
      json_builder_add_int_value (b, s->created);
      if (s->events->len)
        {
          json_builder_set_member_name (b, "firstEventTimestamp");
          json_builder_add_int_value (b, ((SbxLogEvent *) g_ptr_array_index (s->events, 0))->timestamp);
          json_builder_set_member_name (b, "lastEventTimestamp");
          json_builder_add_int_value (b, last_event_time (s));
          json_builder_set_member_name (b, "lastIngestionTime");
          json_builder_add_int_value (b, last_event_time (s) + 7);
        }
      json_builder_set_member_name (b, "arn");
      json_builder_add_string_value (b, arn);
      json_builder_set_member_name (b, "storedBytes");
      json_builder_add_int_value (b, 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (last < streams->len)
    {
      g_autofree char *next = g_strdup_printf ("%u", last);
      json_builder_set_member_name (b, "nextToken");
      json_builder_add_string_value (b, next);
    }
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

gboolean
sbx_handle_logs (SbxRequest *req)
{
  if (g_str_equal (req->operation, "FilterLogEvents"))
    filter_log_events (req);
  else if (g_str_equal (req->operation, "GetLogEvents"))
    get_log_events (req);
  else if (g_str_equal (req->operation, "DescribeLogStreams"))
    describe_log_streams (req);
  else
    return FALSE;
  return TRUE;
}
