/* test-logs-page.c: the logs page: its ring buffer (the memory bound of
 * long sessions), then against the sandbox: a stack never deployed, the
 * lines of a deployed web.yaml, following new ones without duplicates,
 * search, copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-logs-buffer.h"
#include "wharf-logs-page.h"
#include "wharf-test-gtk.h"
#include "wharf-test-gtk-sandbox.h"
#include "wharf-test-util.h"

#define PACE 0.05

static DeployTestSandbox *sandbox;
static char *home;

static GPtrArray *
numbered_lines (guint from,
                guint to)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = from; i < to; i++)
    {
      g_autofree char *message = g_strdup_printf ("line %u\n", i);

      g_ptr_array_add (lines, wharf_log_line_new (i % 2 ? "web" : "cache", 1700000000000 + i, message));
    }
  return lines;
}

static char *
message_at (GListModel *model,
            guint       position)
{
  g_autoptr(WharfLogLine) line = g_list_model_get_item (model, position);

  return g_strdup (wharf_log_line_get_message (line));
}

typedef struct {
  guint removed;
  guint added;
} Changes;

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Changes    *changes)
{
  changes->removed += removed;
  changes->added += added;
}

static void
test_buffer_bound (void)
{
  g_autoptr(WharfLogBuffer) buffer = wharf_log_buffer_new (5);
  g_autoptr(GPtrArray) first = numbered_lines (0, 3);
  g_autoptr(GPtrArray) second = numbered_lines (3, 7);
  g_autoptr(GPtrArray) burst = numbered_lines (7, 19);
  GListModel *model = G_LIST_MODEL (buffer);
  Changes changes = { 0 };
  g_autofree char *m = NULL;

  g_signal_connect (buffer, "items-changed", G_CALLBACK (count_changes), &changes);
  wharf_log_buffer_append (buffer, first);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (wharf_log_buffer_get_dropped (buffer), ==, 0);
  /* past the capacity, the oldest go */
  wharf_log_buffer_append (buffer, second);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpuint (wharf_log_buffer_get_dropped (buffer), ==, 2);
  m = message_at (model, 0);
  g_assert_cmpstr (m, ==, "line 2");
  g_clear_pointer (&m, g_free);
  m = message_at (model, 4);
  g_assert_cmpstr (m, ==, "line 6");
  g_clear_pointer (&m, g_free);
  g_assert_null (g_list_model_get_item (model, 5));
  /* a burst bigger than the buffer keeps its own last lines */
  wharf_log_buffer_append (buffer, burst);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpuint (wharf_log_buffer_get_dropped (buffer), ==, 2 + 5 + 7);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *expected = g_strdup_printf ("line %u", 14 + i);

      m = message_at (model, i);
      g_assert_cmpstr (m, ==, expected);
      g_clear_pointer (&m, g_free);
    }
  /* the signals describe every change: views stay in step */
  g_assert_cmpuint (changes.added - changes.removed, ==, 5);
  wharf_log_buffer_clear (buffer);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (changes.added - changes.removed, ==, 0);
}

/* The page's own buffer holds WHARF_LOG_BUFFER_DEFAULT_CAPACITY lines,
 * and search works on a full one. */
static void
test_page_bound_and_search (void)
{
  GtkWidget *page = g_object_ref_sink (wharf_logs_page_new ());
  WharfLogsPage *logs = WHARF_LOGS_PAGE (page);
  GListModel *lines = wharf_logs_page_get_lines (logs);
  g_autoptr(GPtrArray) many = numbered_lines (0, WHARF_LOG_BUFFER_DEFAULT_CAPACITY + 500);
  g_autofree char *m = NULL;
  g_autofree char *text = NULL;

  wharf_log_buffer_append (WHARF_LOG_BUFFER (lines), many);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, WHARF_LOG_BUFFER_DEFAULT_CAPACITY);
  m = message_at (lines, 0);
  g_assert_cmpstr (m, ==, "line 500");
  g_assert_cmpuint (g_list_model_get_n_items (wharf_logs_page_get_visible_lines (logs)), ==,
                    WHARF_LOG_BUFFER_DEFAULT_CAPACITY);
  wharf_logs_page_set_search (logs, "LINE 10499");
  g_assert_cmpuint (g_list_model_get_n_items (wharf_logs_page_get_visible_lines (logs)), ==, 1);
  text = wharf_logs_page_dup_text (logs);
  g_assert_true (g_str_has_prefix (text, "web | 2023-11-14T22:13:30.499Z line 10499\n"));
  /* the service name matches too */
  wharf_logs_page_set_search (logs, "cache");
  g_assert_cmpuint (g_list_model_get_n_items (wharf_logs_page_get_visible_lines (logs)), ==,
                    WHARF_LOG_BUFFER_DEFAULT_CAPACITY / 2);
  wharf_logs_page_set_search (logs, "");
  g_assert_cmpuint (g_list_model_get_n_items (wharf_logs_page_get_visible_lines (logs)), ==,
                    WHARF_LOG_BUFFER_DEFAULT_CAPACITY);
  g_assert_finalize_object (page);
}

static gboolean
answered (gpointer data)
{
  return wharf_logs_page_get_n_requests (data) > 0;
}

static void
test_not_deployed (void)
{
  g_autoptr(WharfComposeProject) project = wharf_test_gtk_load_web ("nothere");
  g_autoptr(WharfSession) session = wharf_session_new (g_getenv ("DOCKER_CONFIG"));
  GtkWidget *page = wharf_logs_page_new ();
  AdwStatusPage *message;
  GtkStack *content;
  GtkWindow *window;

  wharf_logs_page_set_project (WHARF_LOGS_PAGE (page), session, project);
  window = wharf_test_present (page);
  wharf_test_wait_until (answered, page, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (wharf_logs_page_get_lines (WHARF_LOGS_PAGE (page))), ==, 0);
  /* the missing log group is explained, not shown as an error code */
  content = GTK_STACK (gtk_widget_get_template_child (page, WHARF_TYPE_LOGS_PAGE, "content_stack"));
  message = ADW_STATUS_PAGE (gtk_widget_get_template_child (page, WHARF_TYPE_LOGS_PAGE, "message_page"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "message");
  g_assert_cmpstr (adw_status_page_get_title (message), ==, "No Logs Yet");
  g_assert_nonnull (strstr (adw_status_page_get_description (message), "/docker-compose/nothere"));
  wharf_test_destroy_window (window);
}

typedef struct {
  WharfLogsPage *page;
  guint          n;
} Waiting;

static gboolean
more_lines (gpointer data)
{
  Waiting *w = data;

  return g_list_model_get_n_items (wharf_logs_page_get_lines (w->page)) > w->n;
}

static guint
count_matching (GListModel *model,
                const char *text)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WharfLogLine) line = g_list_model_get_item (model, i);

      if (strstr (wharf_log_line_get_message (line), text) != NULL)
        n++;
    }
  return n;
}

static void
test_follow (void)
{
  g_autoptr(WharfComposeProject) project = wharf_test_gtk_load_web ("webapp");
  g_autoptr(WharfSession) session = wharf_session_new (g_getenv ("DOCKER_CONFIG"));
  GtkWidget *page = wharf_logs_page_new ();
  WharfLogsPage *logs = WHARF_LOGS_PAGE (page);
  GListModel *lines = wharf_logs_page_get_lines (logs);
  GListModel *visible = wharf_logs_page_get_visible_lines (logs);
  Waiting w = { logs, 0 };
  GtkWindow *window;
  guint n, requests;

  wharf_test_gtk_deploy (sandbox, project);
  wharf_logs_page_set_poll_interval (logs, 250);
  wharf_logs_page_set_project (logs, session, project);
  window = wharf_test_present (page);
  /* the first lines, then new ones as the task writes them */
  wharf_test_wait_until (more_lines, &w, 20000);
  w.n = g_list_model_get_n_items (lines);
  wharf_test_wait_until (more_lines, &w, 20000);
  g_assert_cmpuint (wharf_logs_page_get_n_requests (logs), >=, 2);
  wharf_test_spin (1000);
  /* one task, one start line: polls from the same millisecond again
   * never repeat a line */
  g_assert_cmpuint (count_matching (lines, "web: starting container from image nginx:1.25"), ==, 1);
  g_assert_cmpuint (count_matching (lines, "web: listening on"), ==, 1);
  for (guint i = 1; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(WharfLogLine) a = g_list_model_get_item (lines, i - 1);
      g_autoptr(WharfLogLine) b = g_list_model_get_item (lines, i);

      g_assert_cmpint (wharf_log_line_get_timestamp (a), <=, wharf_log_line_get_timestamp (b));
      /* the service's container, or the init container the converter adds */
      g_assert_true (g_str_equal (wharf_log_line_get_service (b), "web") ||
                     g_str_has_suffix (wharf_log_line_get_service (b), "_InitContainer"));
    }

  /* search filters what is shown, not what is kept */
  n = g_list_model_get_n_items (lines);
  wharf_logs_page_set_search (logs, "WEB: Listening ON");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  wharf_logs_page_set_search (logs, "no such text anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  wharf_logs_page_set_search (logs, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (visible), >=, n);

  /* without follow, no more requests */
  wharf_logs_page_set_follow (logs, FALSE);
  wharf_test_spin (400);
  requests = wharf_logs_page_get_n_requests (logs);
  wharf_test_spin (800);
  g_assert_cmpuint (wharf_logs_page_get_n_requests (logs), ==, requests);
  wharf_test_destroy_window (window);
}

/* Not a test: tests/ui/screenshots.sh runs it (with -p) to shoot the
 * page in a window, web.yaml deployed. */
static void
take_screenshot (void)
{
  wharf_test_gtk_screenshot_page (sandbox, wharf_logs_page_new (),
                                  (WharfTestSetProject) wharf_logs_page_set_project, "logs", 8000);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wharf_test_gtk_init (&argc, &argv);
  g_test_add_func ("/logs-page/buffer-bound", test_buffer_bound);
  g_test_add_func ("/logs-page/page-bound-and-search", test_page_bound_and_search);
  sandbox = wharf_test_gtk_sandbox_start (NULL, PACE, &home);
  g_test_add_func ("/logs-page/not-deployed", test_not_deployed);
  g_test_add_func ("/logs-page/follow", test_follow);
  g_test_add_func ("/logs-page/screenshot", take_screenshot);
  status = g_test_run ();
  wharf_test_gtk_sandbox_stop (sandbox, home);
  return status;
}
