/* test-stack-events.c: the event model (new events only, durations,
 * progress), the failure explainer's root cause, and the logs cursor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-failure-explanation.h"
#include "wharf-log-cursor.h"
#include "wharf-stack-event.h"
#include <string.h>

#include "wharf-test-util.h"

static WharfCfnStackEvent *
cfn_event (const char *id,
           int         second,
           const char *logical,
           const char *type,
           const char *status,
           const char *reason)
{
  WharfCfnStackEvent *e = g_new0 (WharfCfnStackEvent, 1);

  e->event_id = g_strdup (id);
  e->timestamp = g_date_time_new_utc (2026, 11, 27, 10, 0, second);
  e->logical_resource_id = g_strdup (logical);
  e->resource_type = g_strdup (type);
  e->resource_status = g_strdup (status);
  e->resource_status_reason = g_strdup (reason);
  e->stack_name = g_strdup ("app");
  return e;
}

static GPtrArray *
events_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_cfn_stack_event_free);
}

static void
test_tracker_new_only (void)
{
  g_autoptr(WharfStackEventTracker) tracker = wharf_stack_event_tracker_new ();
  g_autoptr(GListStore) store = g_list_store_new (WHARF_TYPE_STACK_EVENT);
  g_autoptr(GPtrArray) baseline = events_new ();
  g_autoptr(GPtrArray) first = events_new ();
  g_autoptr(GPtrArray) second = events_new ();
  g_autoptr(WharfStackEvent) e = NULL;
  guint done, seen;

  /* an earlier operation's events are the baseline: never shown */
  g_ptr_array_add (baseline, cfn_event ("old-2", 1, "app", "AWS::CloudFormation::Stack", "CREATE_COMPLETE", NULL));
  g_ptr_array_add (baseline, cfn_event ("old-1", 0, "Cluster", "AWS::ECS::Cluster", "CREATE_COMPLETE", NULL));
  wharf_stack_event_tracker_mark_seen (tracker, baseline);
  g_assert_cmpstr (wharf_stack_event_tracker_get_last_id (tracker), ==, "old-2");

  g_ptr_array_add (first, cfn_event ("old-2", 1, "app", "AWS::CloudFormation::Stack", "CREATE_COMPLETE", NULL));
  g_ptr_array_add (first, cfn_event ("e1", 10, "app", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated"));
  g_ptr_array_add (first, cfn_event ("e2", 11, "Task", "AWS::ECS::TaskDefinition", "UPDATE_IN_PROGRESS", NULL));
  g_assert_cmpuint (wharf_stack_event_tracker_add (tracker, store, first), ==, 2);
  /* a page that repeats events (paging boundary, throttled retry) */
  g_ptr_array_add (second, cfn_event ("e2", 11, "Task", "AWS::ECS::TaskDefinition", "UPDATE_IN_PROGRESS", NULL));
  g_ptr_array_add (second, cfn_event ("e3", 14, "Task", "AWS::ECS::TaskDefinition", "UPDATE_COMPLETE", NULL));
  g_ptr_array_add (second, cfn_event ("e4", 15, "Service", "AWS::ECS::Service", "UPDATE_IN_PROGRESS", NULL));
  g_assert_cmpuint (wharf_stack_event_tracker_add (tracker, store, second), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);
  g_assert_cmpstr (wharf_stack_event_tracker_get_last_id (tracker), ==, "e4");

  e = g_list_model_get_item (G_LIST_MODEL (store), 2);
  g_assert_cmpstr (wharf_stack_event_get_event_id (e), ==, "e3");
  g_assert_cmpint (wharf_stack_event_get_duration (e), ==, 3 * G_USEC_PER_SEC);
  g_assert_true (wharf_stack_event_is_complete (e));
  g_assert_false (wharf_stack_event_is_stack (e));

  done = wharf_stack_event_tracker_count_done (tracker);
  seen = wharf_stack_event_tracker_count_seen (tracker);
  g_assert_cmpuint (done, ==, 1);   /* Task; Service still in progress */
  g_assert_cmpuint (seen, ==, 2);   /* the stack row is not a resource */
}

static void
test_status_camel (void)
{
  g_autofree char *a = wharf_stack_status_to_camel ("CREATE_IN_PROGRESS");
  g_autofree char *b = wharf_stack_status_to_camel ("DELETE_SKIPPED");

  g_assert_cmpstr (a, ==, "CreateInProgress");
  g_assert_cmpstr (b, ==, "DeleteSkipped");
}

static GListStore *
store_of (GPtrArray *events)
{
  GListStore *store = g_list_store_new (WHARF_TYPE_STACK_EVENT);
  g_autoptr(WharfStackEventTracker) tracker = wharf_stack_event_tracker_new ();

  wharf_stack_event_tracker_add (tracker, store, events);
  return store;
}

static void
test_root_cause_skips_cascade (void)
{
  g_autoptr(GPtrArray) events = events_new ();
  g_autoptr(GListStore) store = NULL;
  g_autoptr(WharfStackEvent) root = NULL;
  g_autoptr(WharfFailureExplanation) why = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_add (events, cfn_event ("1", 0, "app", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated"));
  g_ptr_array_add (events, cfn_event ("2", 1, "LogGroup", "AWS::Logs::LogGroup", "CREATE_IN_PROGRESS", NULL));
  /* the cascade comes first in time here, as it can within one second */
  g_ptr_array_add (events, cfn_event ("3", 2, "LogGroup", "AWS::Logs::LogGroup", "CREATE_FAILED", "Resource creation cancelled"));
  g_ptr_array_add (events, cfn_event ("4", 3, "WebService", "AWS::ECS::Service", "CREATE_FAILED",
                                      "Invalid request provided: no container port"));
  g_ptr_array_add (events, cfn_event ("5", 4, "app", "AWS::CloudFormation::Stack", "ROLLBACK_IN_PROGRESS",
                                      "The following resource(s) failed to create: [WebService, LogGroup]."));
  g_ptr_array_add (events, cfn_event ("6", 9, "app", "AWS::CloudFormation::Stack", "ROLLBACK_COMPLETE", NULL));
  store = store_of (events);
  root = wharf_failure_find_root_cause (G_LIST_MODEL (store));
  g_assert_nonnull (root);
  g_assert_cmpstr (wharf_stack_event_get_logical_id (root), ==, "WebService");
  g_assert_true (wharf_failure_reason_is_cascade ("Resource update cancelled"));
  g_assert_false (wharf_failure_reason_is_cascade ("Invalid request provided"));
  g_assert_false (wharf_failure_reason_is_cascade (NULL));

  why = wharf_failure_explanation_new (root, "ROLLBACK_COMPLETE", NULL);
  wharf_failure_explanation_add_task_stop (why, "WebService", "abc", "EssentialContainerExited: boom", "container web exited with code 3");
  wharf_failure_explanation_add_log_line (why, "web | panic: no config");
  text = wharf_failure_explanation_format (why);
  g_assert_nonnull (strstr (text, "Root cause: WebService"));
  g_assert_nonnull (strstr (text, "no container port"));
  g_assert_null (strstr (text, "cancelled"));
  g_assert_nonnull (strstr (text, "EssentialContainerExited: boom"));
  g_assert_nonnull (strstr (text, "panic: no config"));
  g_assert_cmpuint (wharf_failure_explanation_get_task_stops (why)->len, ==, 1);
}

static void
test_root_cause_fallbacks (void)
{
  g_autoptr(GPtrArray) only_cascade = events_new ();
  g_autoptr(GPtrArray) only_stack = events_new ();
  g_autoptr(GPtrArray) none = events_new ();
  g_autoptr(GListStore) a = NULL, b = NULL, c = NULL;
  g_autoptr(WharfStackEvent) ra = NULL, rb = NULL, rc = NULL;

  g_ptr_array_add (only_cascade, cfn_event ("1", 1, "Role", "AWS::IAM::Role", "CREATE_FAILED", "Resource creation cancelled"));
  g_ptr_array_add (only_stack, cfn_event ("1", 1, "app", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_FAILED", "x"));
  g_ptr_array_add (none, cfn_event ("1", 1, "Role", "AWS::IAM::Role", "CREATE_COMPLETE", NULL));
  a = store_of (only_cascade);
  b = store_of (only_stack);
  c = store_of (none);
  ra = wharf_failure_find_root_cause (G_LIST_MODEL (a));
  rb = wharf_failure_find_root_cause (G_LIST_MODEL (b));
  rc = wharf_failure_find_root_cause (G_LIST_MODEL (c));
  g_assert_cmpstr (wharf_stack_event_get_logical_id (ra), ==, "Role");
  g_assert_cmpstr (wharf_stack_event_get_logical_id (rb), ==, "app");
  g_assert_null (rc);
}

static WharfLogEvent
log_event (const char *stream, const char *id, gint64 ts)
{
  WharfLogEvent e = { (char *) stream, (char *) id, (char *) "m", ts, ts };

  return e;
}

static void
test_log_cursor (void)
{
  g_autoptr(WharfLogCursor) cursor = wharf_log_cursor_new (0);
  WharfLogEvent a = log_event ("p/web/1", "a", 100000);
  WharfLogEvent b = log_event ("p/web/1", "b", 100000);   /* same millisecond */
  WharfLogEvent c = log_event ("p/db/2", "a", 100000);    /* same id, other stream */
  WharfLogEvent late = log_event ("p/db/2", "late", 99000);

  g_assert_true (wharf_log_cursor_accept (cursor, &a));
  /* the next poll starts at or before the newest millisecond: no gap */
  g_assert_cmpint (wharf_log_cursor_get_start (cursor), <=, 100000);
  g_assert_false (wharf_log_cursor_accept (cursor, &a));
  g_assert_true (wharf_log_cursor_accept (cursor, &b));
  g_assert_true (wharf_log_cursor_accept (cursor, &c));
  /* a late event inside the window is still shown, once */
  g_assert_cmpint (wharf_log_cursor_get_start (cursor), <=, 99000);
  g_assert_true (wharf_log_cursor_accept (cursor, &late));
  g_assert_false (wharf_log_cursor_accept (cursor, &late));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deploy/events/tracker-new-only", test_tracker_new_only);
  g_test_add_func ("/deploy/events/status-camel", test_status_camel);
  g_test_add_func ("/deploy/explain/root-cause-skips-cascade", test_root_cause_skips_cascade);
  g_test_add_func ("/deploy/explain/root-cause-fallbacks", test_root_cause_fallbacks);
  g_test_add_func ("/deploy/logs/cursor", test_log_cursor);
  return g_test_run ();
}
