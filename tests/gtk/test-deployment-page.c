/* test-deployment-page.c: deploying from the window against the sandbox:
 * the change-set review, executing it, the timeline until
 * CREATE_COMPLETE, "Up to Date", Delete Stack until DELETE_COMPLETE, a
 * discarded change set, an injected resource failure whose banner shows
 * the root cause (not the cascade), and cancelling by closing the
 * project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-deploy-page-private.h"
#include "wharf-event-row.h"
#include "wharf-failure-explanation.h"
#include "wharf-test-gtk.h"
#include "wharf-test-gtk-sandbox.h"
#include "wharf-test-util.h"
#include "wharf-window-private.h"

#define PACE 0.02
/* tests/ui/screenshots.sh: slow enough to catch a running timeline. */
#define SCREENSHOT_PACE 0.4
/* Slow enough for Cancel Update to reach the sandbox before the update
 * ends, even under ASan on a busy machine. */
#define UPDATE_PACE 1.0
#define TIMEOUT_MS 90000

static GApplication *app;

typedef struct {
  DeployTestSandbox   *sandbox;
  char                *home;
  WharfWindow         *window;
  WharfDeploymentPage *page;
  gpointer             old_project;   /* not a reference: compared only */
} Fixture;

static gboolean
project_loaded (gpointer data)
{
  Fixture *fixture = data;

  return !fixture->window->loading && wharf_window_get_project (fixture->window) != NULL;
}

/* Under tests/ui/screenshots.sh (WHARF_SCREENSHOT_DIR set), the screen
 * is shot at the interesting moments. */
static void
screenshot (Fixture    *fixture,
            const char *name)
{
  if (wharf_test_screenshot_dir () == NULL)
    return;
  /* transitions (crossfade, revealer) last 200-300 ms */
  wharf_test_spin (800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  wharf_test_screenshot_take (name, 0);
}

/* Two services created side by side: when one fails, CloudFormation
 * cancels the other ("Resource creation cancelled"), the cascade the
 * banner must not blame. */
static const char pair_yaml[] =
  "name: webapp\n"
  "services:\n"
  "  web:\n"
  "    image: nginx:1.25\n"
  "    ports: [\"80:80\"]\n"
  "  worker:\n"
  "    image: busybox:1.36\n"
  "    command: [\"sh\", \"-c\", \"sleep 1000\"]\n";

static void
setup_with (Fixture    *fixture,
            const char *faults,
            gboolean    pair,
            double      pace)
{
  g_autofree char *path = NULL;
  const char *files[] = { NULL, NULL };

  wharf_test_reset_settings ();
  /* WharfSession reads the AWS and Docker configuration of the process:
   * it points at the sandbox before the window exists. */
  fixture->sandbox = wharf_test_gtk_sandbox_start (faults,
                                                   wharf_test_screenshot_dir () ? SCREENSHOT_PACE : pace,
                                                   &fixture->home);
  if (pair)
    path = wharf_test_write_file (fixture->home, "compose.yaml", pair_yaml);
  else
    path = wharf_test_srcdir_path ("fixtures", "deploy", "web.yaml", NULL);
  files[0] = path;

  if (g_strcmp0 (g_getenv ("WHARF_SCREENSHOT_STYLE"), "dark") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  fixture->window = wharf_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  fixture->page = fixture->window->deployment_page;
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  wharf_window_set_files (fixture->window, files);
  wharf_test_wait_until (project_loaded, fixture, 10000);
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture->page), ==, "message");
}

static void
setup (Fixture    *fixture,
       const char *faults)
{
  setup_with (fixture, faults, FALSE, PACE);
}

static void
teardown (Fixture *fixture)
{
  wharf_test_destroy_window (GTK_WINDOW (fixture->window));
  wharf_test_gtk_sandbox_stop (fixture->sandbox, g_steal_pointer (&fixture->home));
}

static gboolean
page_idle (gpointer data)
{
  Fixture *fixture = data;

  return !wharf_deployment_page_get_busy (fixture->page);
}

static gboolean
account_known (gpointer data)
{
  Fixture *fixture = data;

  return fixture->page->account != NULL;
}

static gboolean
project_reloaded (gpointer data)
{
  Fixture *fixture = data;

  return !fixture->window->loading && wharf_window_get_project (fixture->window) != NULL &&
         wharf_window_get_project (fixture->window) != fixture->old_project;
}

static gboolean
can_cancel (gpointer data)
{
  Fixture *fixture = data;

  return fixture->page->waiting;
}

static gboolean
some_events (gpointer data)
{
  Fixture *fixture = data;
  WharfDeployment *deployment = wharf_deployment_page_get_deployment (fixture->page);

  return g_list_model_get_n_items (wharf_deployment_get_events (deployment)) >= 20;
}

static gboolean
dialog_shown (gpointer data)
{
  Fixture *fixture = data;

  return wharf_deployment_page_get_dialog (fixture->page) != NULL;
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), action, NULL));
}

/* Deploy from the header's action and wait for the review. */
static void
deploy_to_review (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.deploy", NULL));
  g_assert_cmpstr (wharf_window_get_visible_page (fixture->window), ==, "deployment");
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture->page), ==, "preparing");
  g_assert_true (wharf_deployment_page_get_busy (fixture->page));
  wharf_test_wait_until (page_idle, fixture, TIMEOUT_MS);
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture->page), ==, "review");
}

static WharfStackEvent *
last_event (Fixture *fixture)
{
  GListModel *events = wharf_deployment_get_events (wharf_deployment_page_get_deployment (fixture->page));
  guint n = g_list_model_get_n_items (events);

  g_assert_cmpuint (n, >, 0);
  return g_list_model_get_item (events, n - 1);
}

static void
delete_stack (Fixture *fixture)
{
  GtkWindow *dialog;
  g_autoptr(WharfStackEvent) last = NULL;

  activate (fixture, "deployment.delete-stack");
  wharf_test_wait_until (dialog_shown, fixture, TIMEOUT_MS);
  dialog = wharf_deployment_page_get_dialog (fixture->page);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  screenshot (fixture, "deploy-delete-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "webapp"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Retain"));
  /* a second click while it is shown does not stack dialogs */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "deployment.delete-stack", NULL);
  g_assert_true (wharf_deployment_page_get_dialog (fixture->page) == dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture->page), ==, "timeline");
  wharf_test_wait_until (page_idle, fixture, TIMEOUT_MS);
  g_assert_cmpint (wharf_deployment_get_state (wharf_deployment_page_get_deployment (fixture->page)), ==,
                   WHARF_DEPLOYMENT_DONE);
  g_assert_cmpstr (wharf_deployment_get_stack_status (wharf_deployment_page_get_deployment (fixture->page)), ==,
                   "DELETE_COMPLETE");
  last = last_event (fixture);
  g_assert_true (wharf_stack_event_is_stack (last));
  g_assert_cmpstr (wharf_stack_event_get_status (last), ==, "DELETE_COMPLETE");
}

/* The list view shows rows for the shown events, with coloured badges. */
static void
assert_rows_drawn (Fixture *fixture)
{
  GtkWidget *list = wharf_deploy_timeline_get_list_view (fixture->page->timeline);
  guint rows = 0, green = 0;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (!WHARF_IS_EVENT_ROW (row) || wharf_event_row_get_event (WHARF_EVENT_ROW (row)) == NULL)
        continue;
      rows++;
      if (wharf_stack_event_is_complete (wharf_event_row_get_event (WHARF_EVENT_ROW (row))))
        {
          g_assert_true (gtk_widget_has_css_class (gtk_widget_get_last_child (gtk_widget_get_first_child (row)),
                                                   "success"));
          green++;
        }
    }
  g_assert_cmpuint (rows, >, 0);
  g_assert_cmpuint (green, >, 0);
}

static void
test_deploy_and_delete (void)
{
  Fixture fixture = { 0 };
  WharfDeployment *deployment;
  g_autoptr(WharfStackEvent) last = NULL;
  GListModel *shown;

  setup_with (&fixture, NULL, FALSE, UPDATE_PACE);
  deploy_to_review (&fixture);

  /* First deploy: a CREATE change set, all Add rows. */
  deployment = wharf_deployment_page_get_deployment (fixture.page);
  g_assert_true (wharf_deployment_is_new_stack (deployment));
  g_assert_cmpuint (wharf_deploy_review_count_rows (fixture.page->review, "Add"), >=, 5);
  g_assert_cmpuint (wharf_deploy_review_count_rows (fixture.page->review, "Add"), ==,
                    wharf_deployment_get_change_set (deployment)->changes->len);
  g_assert_cmpuint (wharf_deploy_review_count_rows (fixture.page->review, "Modify"), ==, 0);
  g_assert_cmpuint (wharf_deploy_review_count_rows (fixture.page->review, "Remove"), ==, 0);
  wharf_test_wait_until (account_known, &fixture, TIMEOUT_MS);
  g_assert_cmpstr (fixture.page->account, ==, "000000000000");
  screenshot (&fixture, "deploy-review");

  /* Execute: the timeline follows the stack to CREATE_COMPLETE. */
  activate (&fixture, "deployment.execute");
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture.page), ==, "timeline");
  if (wharf_test_screenshot_dir () != NULL)
    {
      wharf_test_wait_until (some_events, &fixture, TIMEOUT_MS);
      screenshot (&fixture, "deploy-running");
    }
  wharf_test_wait_until (page_idle, &fixture, TIMEOUT_MS);
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture.page), ==, "timeline");
  g_assert_cmpint (wharf_deployment_get_state (deployment), ==, WHARF_DEPLOYMENT_DONE);
  g_assert_cmpstr (wharf_deployment_get_stack_status (deployment), ==, "CREATE_COMPLETE");
  last = last_event (&fixture);
  g_assert_true (wharf_stack_event_is_stack (last));
  g_assert_cmpstr (wharf_stack_event_get_status (last), ==, "CREATE_COMPLETE");
  g_assert_false (wharf_deploy_timeline_get_banner_visible (fixture.page->timeline));
  g_assert_nonnull (strstr (wharf_deploy_timeline_get_progress_text (fixture.page->timeline), " of "));
  shown = wharf_deploy_timeline_get_shown (fixture.page->timeline);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==,
                    g_list_model_get_n_items (wharf_deployment_get_events (deployment)));
  assert_rows_drawn (&fixture);

  /* The filter: one resource, then failures only (none). */
  wharf_deploy_timeline_set_filter (fixture.page->timeline, "webservice", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(WharfStackEvent) e = g_list_model_get_item (shown, i);

      g_assert_nonnull (strstr (wharf_stack_event_get_logical_id (e), "WebService"));
    }
  wharf_deploy_timeline_set_filter (fixture.page->timeline, NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  wharf_deploy_timeline_set_filter (fixture.page->timeline, NULL, FALSE);

  /* Deploying again changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.deploy", NULL));
  wharf_test_wait_until (page_idle, &fixture, TIMEOUT_MS);
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture.page), ==, "message");
  g_assert_cmpstr (adw_status_page_get_title (fixture.page->placeholder), ==, "Up to Date");

  /* A new image: an UPDATE change set, the task definition replaced. */
  g_setenv ("TAG", "1.27", TRUE);
  fixture.old_project = wharf_window_get_project (fixture.window);
  wharf_window_reload (fixture.window);
  wharf_test_wait_until (project_reloaded, &fixture, 10000);
  deploy_to_review (&fixture);
  deployment = wharf_deployment_page_get_deployment (fixture.page);
  g_assert_false (wharf_deployment_is_new_stack (deployment));
  g_assert_cmpuint (wharf_deploy_review_count_rows (fixture.page->review, "Modify"), >=, 1);
  g_assert_cmpuint (wharf_deploy_review_count_rows (fixture.page->review, "Add"), ==, 0);
  g_assert_cmpuint (wharf_deploy_review_count_rows (fixture.page->review, "Remove"), ==, 0);
  screenshot (&fixture, "deploy-review-update");

  /* Execute, then Cancel Update while it runs: rolled back. */
  activate (&fixture, "deployment.execute");
  wharf_test_wait_until (can_cancel, &fixture, TIMEOUT_MS);
  activate (&fixture, "deployment.cancel-update");
  wharf_test_wait_until (page_idle, &fixture, TIMEOUT_MS);
  g_assert_cmpstr (wharf_deployment_get_stack_status (deployment), ==, "UPDATE_ROLLBACK_COMPLETE");
  g_unsetenv ("TAG");

  delete_stack (&fixture);
  teardown (&fixture);
}

static void
test_discard (void)
{
  Fixture fixture = { 0 };

  setup (&fixture, NULL);
  deploy_to_review (&fixture);
  activate (&fixture, "deployment.discard");
  wharf_test_wait_until (page_idle, &fixture, TIMEOUT_MS);
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture.page), ==, "message");
  g_assert_cmpstr (adw_status_page_get_title (fixture.page->placeholder), ==, "Change Set Discarded");
  g_assert_cmpint (wharf_deployment_get_state (wharf_deployment_page_get_deployment (fixture.page)), ==,
                   WHARF_DEPLOYMENT_DONE);
  teardown (&fixture);
}

static void
test_failure (void)
{
  Fixture fixture = { 0 };
  WharfDeployment *deployment;
  WharfFailureExplanation *why;
  GListModel *events;
  GListModel *shown;
  const char *cause;
  gboolean cascade = FALSE;

  /* The web task definition fails while the worker's is being created. */
  setup_with (&fixture, "\"faults\": {\"resources\": [{\"logical_id\": \"WebTaskDefinition\", "
                        "\"reason\": \"Invalid request provided: container web: invalid image reference\"}]}", TRUE, PACE);
  deploy_to_review (&fixture);
  deployment = wharf_deployment_page_get_deployment (fixture.page);
  activate (&fixture, "deployment.execute");
  wharf_test_wait_until (page_idle, &fixture, TIMEOUT_MS);
  screenshot (&fixture, "deploy-failed");
  g_assert_cmpint (wharf_deployment_get_state (deployment), ==, WHARF_DEPLOYMENT_FAILED);
  g_assert_cmpstr (wharf_deployment_get_stack_status (deployment), ==, "ROLLBACK_COMPLETE");

  /* The banner names the failed resource and its reason... */
  g_assert_true (wharf_deploy_timeline_get_banner_visible (fixture.page->timeline));
  cause = wharf_failure_banner_get_root_cause (wharf_deploy_timeline_get_banner (fixture.page->timeline));
  g_assert_true (g_str_has_prefix (cause, "WebTaskDefinition "));
  g_assert_nonnull (strstr (cause, "invalid image reference"));
  /* ...not the cancellations it caused, which the timeline does show. */
  g_assert_nonnull (strstr (cause, "): "));
  g_assert_false (wharf_failure_reason_is_cascade (strstr (cause, "): ") + 3));
  events = wharf_deployment_get_events (deployment);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(WharfStackEvent) e = g_list_model_get_item (events, i);

      cascade |= wharf_stack_event_is_failed (e) && wharf_failure_reason_is_cascade (wharf_stack_event_get_reason (e));
    }
  why = wharf_deployment_get_explanation (deployment);
  g_assert_nonnull (why);
  g_assert_true (cascade);
  g_assert_cmpstr (wharf_stack_event_get_logical_id (wharf_failure_explanation_get_root_cause (why)), ==,
                   "WebTaskDefinition");

  /* Failures only: every shown event failed, the root cause among them. */
  wharf_deploy_timeline_set_filter (fixture.page->timeline, NULL, TRUE);
  shown = wharf_deploy_timeline_get_shown (fixture.page->timeline);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(WharfStackEvent) e = g_list_model_get_item (shown, i);

      g_assert_true (wharf_stack_event_is_failed (e));
    }
  wharf_deploy_timeline_set_filter (fixture.page->timeline, NULL, FALSE);

  /* Deploying again is refused with a way out: Delete Stack. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.deploy", NULL));
  wharf_test_wait_until (page_idle, &fixture, TIMEOUT_MS);
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture.page), ==, "error");
  g_assert_cmpstr (wharf_deployment_page_get_error (fixture.page), ==, "The stack cannot be updated now.");
  g_assert_true (gtk_widget_get_visible (fixture.page->error_delete_button));

  delete_stack (&fixture);
  teardown (&fixture);
}

/* Closing the project while preparing cancels and forgets the run. */
static void
test_cancel_on_close (void)
{
  Fixture fixture = { 0 };

  setup (&fixture, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.deploy", NULL));
  g_assert_true (wharf_deployment_page_get_busy (fixture.page));
  wharf_window_set_files (fixture.window, NULL);
  g_assert_false (wharf_deployment_page_get_busy (fixture.page));
  g_assert_null (wharf_deployment_page_get_deployment (fixture.page));
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture.page), ==, "message");
  /* the cancelled step ends without touching the page */
  wharf_test_spin (500);
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture.page), ==, "message");
  teardown (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wharf_test_gtk_init (&argc, &argv);
  app = wharf_test_app_new ();

  g_test_add_func ("/deployment-page/deploy-and-delete", test_deploy_and_delete);
  g_test_add_func ("/deployment-page/discard", test_discard);
  g_test_add_func ("/deployment-page/failure", test_failure);
  g_test_add_func ("/deployment-page/cancel-on-close", test_cancel_on_close);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
