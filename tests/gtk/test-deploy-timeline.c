/* test-deploy-timeline.c: the deployment timeline on a synthetic model:
 * filtering, following the tail unless the user scrolled up, rows
 * recycled for 10,000 events, and the longest main-loop stall while
 * scrolling through them (printed as a TAP comment, not asserted: it
 * depends on the machine).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "wharf-deploy-timeline.h"
#include "wharf-event-row.h"
#include "wharf-test-gtk.h"

#define N_EVENTS 10000
#define FAIL_EVERY 97   /* every 97th resource fails */
#define MAX_STEPS 400   /* steps of 2.5 pages (10,000 rows are about 700 pages) */

static const char * const types[] = {
  "AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::EC2::SecurityGroup",
  "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::Logs::LogGroup", "AWS::IAM::Role",
};

static WharfStackEvent *
make_event (guint       i,
            const char *status,
            const char *reason)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 27, 9, 0, 0);
  g_autoptr(GDateTime) when = g_date_time_add_seconds (start, i);
  g_autofree char *id = g_strdup_printf ("event-%05u", i);
  g_autofree char *logical = g_strdup_printf ("Service%u", i / 2);
  WharfCfnStackEvent e = {
    .event_id = id,
    .stack_name = (char *) "bench",
    .logical_resource_id = logical,
    .resource_type = (char *) types[(i / 2) % G_N_ELEMENTS (types)],
    .resource_status = (char *) status,
    .resource_status_reason = (char *) reason,
    .timestamp = when,
  };
  WharfStackEvent *event = wharf_stack_event_new (&e);

  wharf_stack_event_set_duration (event, (i % 2) ? 2 * G_TIME_SPAN_SECOND : -1);
  return event;
}

/* Pairs of IN_PROGRESS / COMPLETE (or FAILED) events per resource. */
static GListStore *
make_events (guint n)
{
  GListStore *store = g_list_store_new (WHARF_TYPE_STACK_EVENT);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      gboolean fails = (i / 2) % FAIL_EVERY == 0;

      if (i % 2 == 0)
        g_ptr_array_add (batch, make_event (i, "CREATE_IN_PROGRESS", NULL));
      else if (fails)
        g_ptr_array_add (batch, make_event (i, "CREATE_FAILED", "Resource handler returned message: boom"));
      else
        g_ptr_array_add (batch, make_event (i, "CREATE_COMPLETE", NULL));
    }
  g_list_store_splice (store, 0, 0, batch->pdata, batch->len);
  return store;
}

static GtkWindow *
present (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 900, 700);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static GtkAdjustment *
vadjustment (WharfDeployTimeline *timeline)
{
  GtkWidget *list = GTK_WIDGET (wharf_deploy_timeline_get_list_view (timeline));

  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (gtk_widget_get_parent (list)));
}

static gboolean
at_bottom (gpointer data)
{
  GtkAdjustment *adj = data;

  /* Before the first layout the adjustment is all zeros. */
  return gtk_adjustment_get_upper (adj) > gtk_adjustment_get_page_size (adj) &&
         gtk_adjustment_get_value (adj) >= gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) - 1;
}

static void
test_filter (void)
{
  g_autoptr(GListStore) events = make_events (200);
  WharfDeployTimeline *timeline = WHARF_DEPLOY_TIMELINE (wharf_deploy_timeline_new ());
  GtkWindow *window = present (GTK_WIDGET (timeline));
  GListModel *shown;

  wharf_deploy_timeline_set_events (timeline, G_LIST_MODEL (events));
  shown = wharf_deploy_timeline_get_shown (timeline);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 200);

  /* Service1, Service10…Service19: 11 resources, 2 events each. */
  wharf_deploy_timeline_set_filter (timeline, "service1", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 22);
  /* Resources 0 and 97 failed. */
  wharf_deploy_timeline_set_filter (timeline, NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  wharf_deploy_timeline_set_filter (timeline, "service97", TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  wharf_deploy_timeline_set_filter (timeline, NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 200);

  wharf_test_destroy_window (window);
}

static void
test_follow_tail (void)
{
  g_autoptr(GListStore) events = make_events (400);
  WharfDeployTimeline *timeline = WHARF_DEPLOY_TIMELINE (wharf_deploy_timeline_new ());
  GtkWindow *window = present (GTK_WIDGET (timeline));
  GtkAdjustment *adj = vadjustment (timeline);
  g_autoptr(WharfStackEvent) more = make_event (400, "CREATE_IN_PROGRESS", NULL);
  g_autoptr(WharfStackEvent) again = make_event (401, "CREATE_COMPLETE", NULL);

  wharf_deploy_timeline_set_events (timeline, G_LIST_MODEL (events));
  wharf_test_wait_until (at_bottom, adj, 5000);
  g_assert_true (wharf_deploy_timeline_get_following (timeline));

  /* The user scrolls up: new events no longer move the view. */
  gtk_adjustment_set_value (adj, 0);
  g_assert_false (wharf_deploy_timeline_get_following (timeline));
  g_list_store_append (events, more);
  wharf_test_spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);

  /* Back at the bottom: following again. */
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  g_assert_true (wharf_deploy_timeline_get_following (timeline));
  g_list_store_append (events, again);
  wharf_test_wait_until (at_bottom, adj, 5000);

  wharf_test_destroy_window (window);
}

typedef struct {
  GtkAdjustment *adj;
  gint64         last;
  gint64         longest;
  gint64         longest_step;   /* while stepping page by page */
  gint64         last_cpu;
  gint64         longest_cpu;    /* main-thread CPU time in the longest gap */
  guint          frames;
  guint          jumps;
  gboolean       done;
} Scroll;

/* CPU time of the main thread: the build machine is shared, so a wall
 * clock gap may be time the scheduler gave to other processes. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* A high-priority 1 ms probe: the gap between its runs is how long the
 * main loop was busy with something else (layout, drawing, models). */
static gboolean
probe (gpointer data)
{
  Scroll *s = data;
  gint64 now = g_get_monotonic_time ();

  gint64 cpu = thread_cpu_time ();

  if (s->last != 0)
    {
      s->longest = MAX (s->longest, now - s->last);
      s->longest_cpu = MAX (s->longest_cpu, cpu - s->last_cpu);
    }
  s->last = now;
  s->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

/* One step a frame: first down the list 2.5 pages at a time (a new
 * screenful of rows each frame), then jumps to far positions (dragging the scrollbar). */
static gboolean
scroll_step (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Scroll *s = data;
  double value = gtk_adjustment_get_value (s->adj);
  double page = gtk_adjustment_get_page_size (s->adj);
  double bottom = gtk_adjustment_get_upper (s->adj) - page;

  s->frames++;
  if (value < bottom - 1 && s->jumps == 0 && s->frames < MAX_STEPS)
    {
      s->longest_step = s->longest;
      gtk_adjustment_set_value (s->adj, MIN (bottom, value + 2.5 * page));
      return G_SOURCE_CONTINUE;
    }
  if (s->jumps < 40)
    {
      s->jumps++;
      gtk_adjustment_set_value (s->adj, bottom * ((s->jumps * 37) % 40) / 40.0);
      return G_SOURCE_CONTINUE;
    }
  s->done = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
scroll_done (gpointer data)
{
  return ((Scroll *) data)->done;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += WHARF_IS_EVENT_ROW (gtk_widget_get_first_child (child)) ? 1 : 0;
  return n;
}

static void
test_ten_thousand (void)
{
  g_autoptr(GListStore) events = make_events (N_EVENTS);
  WharfDeployTimeline *timeline = WHARF_DEPLOY_TIMELINE (wharf_deploy_timeline_new ());
  GtkWindow *window = present (GTK_WIDGET (timeline));
  GtkWidget *list = GTK_WIDGET (wharf_deploy_timeline_get_list_view (timeline));
  Scroll s = { .adj = vadjustment (timeline) };
  gint64 bound;
  guint probe_id;

  bound = g_get_monotonic_time ();
  wharf_deploy_timeline_set_events (timeline, G_LIST_MODEL (events));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_test_message ("binding %u events and drawing: %.1f ms", N_EVENTS,
                  (g_get_monotonic_time () - bound) / 1000.0);
  wharf_test_wait_until (at_bottom, s.adj, 10000);

  gtk_adjustment_set_value (s.adj, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  probe_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, probe, &s, NULL);
  gtk_widget_add_tick_callback (list, scroll_step, &s, NULL);
  bound = g_get_monotonic_time ();
  wharf_test_wait_until (scroll_done, &s, 110000);
  g_source_remove (probe_id);
  g_test_message ("%u frames in %.1f s", s.frames, (g_get_monotonic_time () - bound) / 1e6);

  /* Rows are recycled: a screenful of widgets, not one per event. */
  g_assert_cmpuint (count_rows (list), >, 0);
  g_assert_cmpuint (count_rows (list), <, 300);
  g_assert_cmpuint (s.frames, >, 10);
  g_test_message ("longest main-loop stall scrolling %u events: %.1f ms stepping down, %.1f ms with far jumps, "
                  "%.1f ms of main-thread CPU in any gap (%u frames, %u jumps, %u row widgets)",
                  N_EVENTS, s.longest_step / 1000.0, s.longest / 1000.0, s.longest_cpu / 1000.0,
                  s.frames, s.jumps, count_rows (list));

  wharf_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  wharf_test_gtk_init (&argc, &argv);

  g_test_add_func ("/deploy-timeline/filter", test_filter);
  g_test_add_func ("/deploy-timeline/follow-tail", test_follow_tail);
  g_test_add_func ("/deploy-timeline/ten-thousand", test_ten_thousand);

  return g_test_run ();
}
