/* wharf-log-cursor.c: (timestamp, event id) tracking for logs --follow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-log-cursor.h"

/* Events up to this much older than the newest one are still expected
 * (CloudWatch may ingest a stream's events late). */
#define LATE_WINDOW_MS 5000

struct _WharfLogCursor
{
  gint64      newest;   /* newest timestamp let through */
  GHashTable *seen;     /* "stream\nid" → timestamp (gint64*) */
};

WharfLogCursor *
wharf_log_cursor_new (gint64 start_ms)
{
  WharfLogCursor *c = g_new0 (WharfLogCursor, 1);

  c->newest = start_ms;
  c->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return c;
}

void
wharf_log_cursor_free (WharfLogCursor *cursor)
{
  if (cursor == NULL)
    return;
  g_hash_table_unref (cursor->seen);
  g_free (cursor);
}

static gboolean
is_stale (gpointer key,
          gpointer value,
          gpointer user_data)
{
  return *(gint64 *) value < *(gint64 *) user_data;
}

gboolean
wharf_log_cursor_accept (WharfLogCursor      *cursor,
                         const WharfLogEvent *event)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", event->log_stream_name ? event->log_stream_name : "",
                                          event->event_id ? event->event_id : "");
  gint64 *ts;

  if (g_hash_table_contains (cursor->seen, key))
    return FALSE;
  ts = g_new (gint64, 1);
  *ts = event->timestamp;
  g_hash_table_insert (cursor->seen, g_steal_pointer (&key), ts);
  if (event->timestamp > cursor->newest)
    {
      gint64 horizon;

      cursor->newest = event->timestamp;
      horizon = cursor->newest - 2 * LATE_WINDOW_MS;
      g_hash_table_foreach_remove (cursor->seen, is_stale, &horizon);
    }
  return TRUE;
}

gint64
wharf_log_cursor_get_start (WharfLogCursor *cursor)
{
  /* Re-read the late window: ids already shown are dropped. */
  return MAX (cursor->newest - LATE_WINDOW_MS, 0);
}
