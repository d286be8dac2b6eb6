/* wharf-stack-event.c: stack events and the new-event tracker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-stack-event.h"

struct _WharfStackEvent
{
  GObject    parent_instance;
  char      *event_id;
  GDateTime *timestamp;
  char      *logical_id;
  char      *resource_type;
  char      *status;
  char      *reason;
  char      *physical_id;
  GTimeSpan  duration;
};

G_DEFINE_FINAL_TYPE (WharfStackEvent, wharf_stack_event, G_TYPE_OBJECT)

static void
wharf_stack_event_finalize (GObject *object)
{
  WharfStackEvent *self = WHARF_STACK_EVENT (object);

  g_free (self->event_id);
  g_clear_pointer (&self->timestamp, g_date_time_unref);
  g_free (self->logical_id);
  g_free (self->resource_type);
  g_free (self->status);
  g_free (self->reason);
  g_free (self->physical_id);
  G_OBJECT_CLASS (wharf_stack_event_parent_class)->finalize (object);
}

static void
wharf_stack_event_class_init (WharfStackEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_stack_event_finalize;
}

static void
wharf_stack_event_init (WharfStackEvent *self)
{
  self->duration = -1;
}

WharfStackEvent *
wharf_stack_event_new (const WharfCfnStackEvent *event)
{
  WharfStackEvent *self = g_object_new (WHARF_TYPE_STACK_EVENT, NULL);

  self->event_id = g_strdup (event->event_id);
  self->timestamp = event->timestamp ? g_date_time_ref (event->timestamp) : g_date_time_new_now_utc ();
  self->logical_id = g_strdup (event->logical_resource_id);
  self->resource_type = g_strdup (event->resource_type);
  self->status = g_strdup (event->resource_status);
  self->reason = g_strdup (event->resource_status_reason);
  self->physical_id = g_strdup (event->physical_resource_id);
  return self;
}

const char *wharf_stack_event_get_event_id (WharfStackEvent *self) { return self->event_id; }
GDateTime *wharf_stack_event_get_timestamp (WharfStackEvent *self) { return self->timestamp; }
const char *wharf_stack_event_get_logical_id (WharfStackEvent *self) { return self->logical_id; }
const char *wharf_stack_event_get_resource_type (WharfStackEvent *self) { return self->resource_type; }
const char *wharf_stack_event_get_status (WharfStackEvent *self) { return self->status; }
const char *wharf_stack_event_get_reason (WharfStackEvent *self) { return self->reason; }
const char *wharf_stack_event_get_physical_id (WharfStackEvent *self) { return self->physical_id; }
GTimeSpan wharf_stack_event_get_duration (WharfStackEvent *self) { return self->duration; }

void
wharf_stack_event_set_duration (WharfStackEvent *self,
                                GTimeSpan        duration)
{
  self->duration = duration;
}

gboolean
wharf_stack_event_is_stack (WharfStackEvent *self)
{
  return g_strcmp0 (self->resource_type, "AWS::CloudFormation::Stack") == 0;
}

gboolean
wharf_stack_event_is_failed (WharfStackEvent *self)
{
  return self->status != NULL && g_str_has_suffix (self->status, "_FAILED");
}

static gboolean
status_is_complete (const char *status)
{
  return status != NULL &&
         ((g_str_has_suffix (status, "_COMPLETE") && strstr (status, "ROLLBACK") == NULL) ||
          g_str_equal (status, "DELETE_SKIPPED"));
}

static gboolean
status_is_failed (const char *status)
{
  return status != NULL && g_str_has_suffix (status, "_FAILED");
}

gboolean
wharf_stack_event_is_complete (WharfStackEvent *self)
{
  return status_is_complete (self->status);
}

char *
wharf_stack_status_to_camel (const char *status)
{
  GString *out = g_string_new (NULL);
  gboolean upper = TRUE;

  for (const char *p = status ? status : ""; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          upper = TRUE;
          continue;
        }
      g_string_append_c (out, upper ? g_ascii_toupper (*p) : g_ascii_tolower (*p));
      upper = FALSE;
    }
  return g_string_free (out, FALSE);
}

/* ---- the tracker ------------------------------------------------------------ */

struct _WharfStackEventTracker
{
  GHashTable *seen;        /* event id set */
  GHashTable *started;     /* logical id → GDateTime of the first IN_PROGRESS */
  GHashTable *last_status; /* logical id → status (resources only) */
  char       *last_id;
};

WharfStackEventTracker *
wharf_stack_event_tracker_new (void)
{
  WharfStackEventTracker *t = g_new0 (WharfStackEventTracker, 1);

  t->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->started = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_date_time_unref);
  t->last_status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return t;
}

void
wharf_stack_event_tracker_free (WharfStackEventTracker *tracker)
{
  if (tracker == NULL)
    return;
  g_hash_table_unref (tracker->seen);
  g_hash_table_unref (tracker->started);
  g_hash_table_unref (tracker->last_status);
  g_free (tracker->last_id);
  g_free (tracker);
}

void
wharf_stack_event_tracker_mark_seen (WharfStackEventTracker *tracker,
                                     GPtrArray              *baseline)
{
  for (guint i = 0; baseline != NULL && i < baseline->len; i++)
    {
      WharfCfnStackEvent *e = g_ptr_array_index (baseline, i);

      if (e->event_id == NULL)
        continue;
      g_hash_table_add (tracker->seen, g_strdup (e->event_id));
    }
  /* DescribeStackEvents lists the newest first: that is the one to stop at. */
  if (baseline != NULL && baseline->len > 0)
    {
      WharfCfnStackEvent *newest = g_ptr_array_index (baseline, 0);

      for (guint i = 1; i < baseline->len; i++)
        {
          WharfCfnStackEvent *e = g_ptr_array_index (baseline, i);

          if (e->timestamp && newest->timestamp && g_date_time_compare (e->timestamp, newest->timestamp) > 0)
            newest = e;
        }
      g_free (tracker->last_id);
      tracker->last_id = g_strdup (newest->event_id);
    }
}

guint
wharf_stack_event_tracker_add (WharfStackEventTracker *tracker,
                               GListStore             *store,
                               GPtrArray              *events)
{
  guint added = 0;

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      WharfCfnStackEvent *e = g_ptr_array_index (events, i);
      g_autoptr(WharfStackEvent) event = NULL;
      GDateTime *start;

      if (e->event_id == NULL || g_hash_table_contains (tracker->seen, e->event_id))
        continue;
      g_hash_table_add (tracker->seen, g_strdup (e->event_id));
      event = wharf_stack_event_new (e);
      if (event->logical_id != NULL)
        {
          start = g_hash_table_lookup (tracker->started, event->logical_id);
          if (event->status != NULL && g_str_has_suffix (event->status, "_IN_PROGRESS") &&
              (start == NULL || status_is_complete (g_hash_table_lookup (tracker->last_status, event->logical_id)) ||
               status_is_failed (g_hash_table_lookup (tracker->last_status, event->logical_id))))
            {
              g_hash_table_replace (tracker->started, g_strdup (event->logical_id),
                                    g_date_time_ref (event->timestamp));
              start = event->timestamp;
            }
          if (start != NULL)
            event->duration = g_date_time_difference (event->timestamp, start);
          if (!wharf_stack_event_is_stack (event))
            g_hash_table_replace (tracker->last_status, g_strdup (event->logical_id),
                                  g_strdup (event->status));
        }
      g_free (tracker->last_id);
      tracker->last_id = g_strdup (e->event_id);
      g_list_store_append (store, event);
      added++;
    }
  return added;
}

const char *
wharf_stack_event_tracker_get_last_id (WharfStackEventTracker *tracker)
{
  return tracker->last_id;
}

guint
wharf_stack_event_tracker_count_done (WharfStackEventTracker *tracker)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, tracker->last_status);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (status_is_complete (value))
      n++;
  return n;
}

guint
wharf_stack_event_tracker_count_seen (WharfStackEventTracker *tracker)
{
  return g_hash_table_size (tracker->last_status);
}
