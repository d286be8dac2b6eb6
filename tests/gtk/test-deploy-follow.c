/* test-deploy-follow.c: the deployment page against the sandbox, around
 * the edges of a deployment: the header's Deploy is disabled while one
 * runs, a change set under review is deleted on AWS when the project
 * changes (or closes), and an operation started outside the window (here
 * through the core API, as wharf-cli up does) is offered and followed to
 * its end; an update followed shows the update only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-deploy-page-private.h"
#include "wharf-test-gtk.h"
#include "wharf-test-gtk-sandbox.h"
#include "wharf-test-util.h"
#include "wharf-window-private.h"

#define PACE 0.02
/* Slow enough for the window to load, check and attach while the
 * create still runs, even under ASan on a busy machine. */
#define FOLLOW_PACE 0.5
#define TIMEOUT_MS 90000

static GApplication *app;

typedef struct {
  DeployTestSandbox   *sandbox;
  char                *home;
  char                *path;
  WharfWindow         *window;
  WharfDeploymentPage *page;
  gpointer             old_project;   /* not a reference: compared only */
  WharfAwsClient      *client;
  char                *change_set;
} Fixture;

static const char web_yaml[] =
  "name: webapp\n"
  "services:\n"
  "  web:\n"
  "    image: nginx:%s\n"
  "    ports: [\"80:80\"]\n";

static void
write_project (Fixture    *fixture,
               const char *tag)
{
  g_autofree char *contents = g_strdup_printf (web_yaml, tag);

  g_free (fixture->path);
  fixture->path = wharf_test_write_file (fixture->home, "compose.yaml", contents);
}

static gboolean
project_loaded (gpointer data)
{
  Fixture *fixture = data;

  return !fixture->window->loading && wharf_window_get_project (fixture->window) != NULL &&
         wharf_window_get_project (fixture->window) != fixture->old_project;
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  if (wharf_test_screenshot_dir () == NULL)
    return;
  wharf_test_spin (800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  wharf_test_screenshot_take (name, 0);
}

static void
setup (Fixture *fixture,
       double   pace)
{
  const char *files[] = { NULL, NULL };

  wharf_test_reset_settings ();
  fixture->sandbox = wharf_test_gtk_sandbox_start (NULL, pace, &fixture->home);
  fixture->client = deploy_test_sandbox_client (fixture->sandbox);
  write_project (fixture, "1.25");
  files[0] = fixture->path;

  if (g_strcmp0 (g_getenv ("WHARF_SCREENSHOT_STYLE"), "dark") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  fixture->window = wharf_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  fixture->page = fixture->window->deployment_page;
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  wharf_window_set_files (fixture->window, files);
  wharf_test_wait_until (project_loaded, fixture, 10000);
}

static void
teardown (Fixture *fixture)
{
  wharf_test_destroy_window (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->change_set, g_free);
  wharf_test_gtk_sandbox_stop (fixture->sandbox, g_steal_pointer (&fixture->home));
}

static gboolean
page_idle (gpointer data)
{
  Fixture *fixture = data;

  return !wharf_deployment_page_get_busy (fixture->page);
}

static gboolean
can_follow (gpointer data)
{
  Fixture *fixture = data;

  return wharf_deployment_page_get_can_follow (fixture->page);
}

static gboolean
offer_gone (gpointer data)
{
  Fixture *fixture = data;

  return !wharf_deployment_page_get_can_follow (fixture->page);
}

/* What the user sees: the header's Deploy (win.deploy). */
static gboolean
header_deploy_sensitive (Fixture *fixture)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (fixture->window->deploy_button));
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), action, NULL));
}

static void
deploy_to_review (Fixture *fixture)
{
  g_assert_true (header_deploy_sensitive (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.deploy", NULL));
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture->page), ==, "preparing");
  g_assert_false (header_deploy_sensitive (fixture));
  wharf_test_wait_until (page_idle, fixture, TIMEOUT_MS);
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture->page), ==, "review");
  g_free (fixture->change_set);
  fixture->change_set = g_strdup (wharf_deployment_get_change_set (wharf_deployment_page_get_deployment (fixture->page))->change_set_id);
}

/* DescribeChangeSet answers ChangeSetNotFound. */
static gboolean
change_set_gone (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfCfnChangeSet) cs = wharf_cfn_describe_change_set (fixture->client, fixture->change_set,
                                                                   NULL, NULL, &error);

  if (cs != NULL)
    return FALSE;
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "ChangeSetNotFound");
  return TRUE;
}

static void
test_deploy_disabled (void)
{
  Fixture fixture = { 0 };
  WharfDeployment *deployment;

  setup (&fixture, PACE);
  g_assert_false (wharf_deployment_page_get_deploying (fixture.page));

  /* Preparing, then the review: disabled, and a second Deploy (the
   * shortcut) does not replace the change set shown. */
  deploy_to_review (&fixture);
  deployment = wharf_deployment_page_get_deployment (fixture.page);
  g_assert_false (header_deploy_sensitive (&fixture));
  g_assert_true (wharf_deployment_page_get_deploying (fixture.page));
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.deploy", NULL);
  g_assert_true (wharf_deployment_page_get_deployment (fixture.page) == deployment);
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture.page), ==, "review");

  /* Executing and waiting: disabled; at the end: enabled. */
  activate (&fixture, "deployment.execute");
  g_assert_false (header_deploy_sensitive (&fixture));
  wharf_test_wait_until (page_idle, &fixture, TIMEOUT_MS);
  g_assert_cmpstr (wharf_deployment_get_stack_status (deployment), ==, "CREATE_COMPLETE");
  g_assert_true (header_deploy_sensitive (&fixture));

  /* Discarding ends a deployment too. */
  fixture.old_project = wharf_window_get_project (fixture.window);
  write_project (&fixture, "1.27");
  wharf_test_wait_until (project_loaded, &fixture, 10000);
  deploy_to_review (&fixture);
  g_assert_false (header_deploy_sensitive (&fixture));
  activate (&fixture, "deployment.discard");
  wharf_test_wait_until (page_idle, &fixture, TIMEOUT_MS);
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture.page), ==, "message");
  g_assert_true (header_deploy_sensitive (&fixture));

  /* So does cancelling while preparing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.deploy", NULL));
  g_assert_false (header_deploy_sensitive (&fixture));
  activate (&fixture, "deployment.stop");
  g_assert_true (header_deploy_sensitive (&fixture));
  teardown (&fixture);
}

static void
test_stale_review (void)
{
  Fixture fixture = { 0 };
  const char *description;

  setup (&fixture, PACE);
  deploy_to_review (&fixture);
  g_assert_false (change_set_gone (&fixture));

  /* The file changes on disk: the window reloads it (file monitor). */
  fixture.old_project = wharf_window_get_project (fixture.window);
  write_project (&fixture, "1.27");
  wharf_test_wait_until (project_loaded, &fixture, 10000);
  wharf_test_wait_until (page_idle, &fixture, TIMEOUT_MS);
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture.page), ==, "message");
  g_assert_cmpstr (adw_status_page_get_title (fixture.page->placeholder), ==, "Change Set Discarded");
  description = adw_status_page_get_description (fixture.page->placeholder);
  g_assert_nonnull (strstr (description, "The project changed"));
  screenshot (&fixture, "deploy-stale-review");
  g_assert_true (change_set_gone (&fixture));
  g_assert_true (header_deploy_sensitive (&fixture));

  /* Deploy again: a new review, of the new image. Closing the project
   * while it shows deletes that change set as well. */
  deploy_to_review (&fixture);
  g_assert_false (change_set_gone (&fixture));
  wharf_window_set_files (fixture.window, NULL);
  g_assert_null (wharf_deployment_page_get_deployment (fixture.page));
  wharf_test_wait_until (change_set_gone, &fixture, TIMEOUT_MS);
  teardown (&fixture);
}

static void
test_follow (void)
{
  Fixture fixture = { 0 };
  g_autoptr(WharfDeployment) other = NULL;
  g_autoptr(WharfDeployment) down = NULL;
  const char *files[] = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  WharfDeployment *deployment;
  GListModel *events;
  g_autoptr(WharfStackEvent) last = NULL;

  setup (&fixture, FOLLOW_PACE);
  /* Nothing runs: the page offers to deploy. */
  adw_view_stack_set_visible_child_name (fixture.window->view_stack, "deployment");
  wharf_test_spin (500);
  g_assert_false (wharf_deployment_page_get_can_follow (fixture.page));
  adw_view_stack_set_visible_child_name (fixture.window->view_stack, "project");

  /* Another program creates the stack (wharf-cli up does exactly this). */
  other = wharf_deployment_new (fixture.client, "webapp");
  wharf_deployment_set_project (other, wharf_compose_project_get_root (WHARF_COMPOSE_PROJECT (wharf_window_get_project (fixture.window))));
  g_assert_true (wharf_deployment_prepare (other, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_deployment_execute (other, NULL, &error));
  g_assert_no_error (error);

  /* Showing the page finds it running and offers to follow it. */
  adw_view_stack_set_visible_child_name (fixture.window->view_stack, "deployment");
  wharf_test_wait_until (can_follow, &fixture, TIMEOUT_MS);
  g_assert_cmpstr (adw_status_page_get_title (fixture.page->placeholder), ==, "Operation in Progress");
  g_assert_nonnull (strstr (adw_status_page_get_description (fixture.page->placeholder), "CREATE_IN_PROGRESS"));
  g_assert_false (gtk_widget_get_visible (fixture.page->deploy_button));
  screenshot (&fixture, "deploy-follow-offer");

  activate (&fixture, "deployment.follow");
  g_assert_cmpstr (wharf_deployment_page_get_view (fixture.page), ==, "timeline");
  g_assert_true (wharf_deployment_page_get_busy (fixture.page));
  g_assert_false (header_deploy_sensitive (&fixture));
  deployment = wharf_deployment_page_get_deployment (fixture.page);
  g_assert_true (deployment != other);
  screenshot (&fixture, "deploy-following");
  wharf_test_wait_until (page_idle, &fixture, TIMEOUT_MS);

  g_assert_cmpint (wharf_deployment_get_state (deployment), ==, WHARF_DEPLOYMENT_DONE);
  g_assert_cmpstr (wharf_deployment_get_stack_status (deployment), ==, "CREATE_COMPLETE");
  events = wharf_deployment_get_events (deployment);
  g_assert_cmpuint (g_list_model_get_n_items (events), >, 2);
  g_assert_cmpuint (g_list_model_get_n_items (wharf_deploy_timeline_get_shown (fixture.page->timeline)), ==,
                    g_list_model_get_n_items (events));
  last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  g_assert_true (wharf_stack_event_is_stack (last));
  g_assert_cmpstr (wharf_stack_event_get_status (last), ==, "CREATE_COMPLETE");
  g_assert_false (wharf_deploy_timeline_get_banner_visible (fixture.page->timeline));
  g_assert_true (header_deploy_sensitive (&fixture));
  screenshot (&fixture, "deploy-followed");

  /* The offer goes when the operation ends before it is taken. */
  down = wharf_deployment_new (fixture.client, "webapp");
  g_assert_true (wharf_deployment_start_down (down, NULL, &error));
  g_assert_no_error (error);
  wharf_window_set_files (fixture.window, NULL);
  files[0] = fixture.path;
  fixture.old_project = NULL;
  wharf_window_set_files (fixture.window, files);
  wharf_test_wait_until (project_loaded, &fixture, 10000);
  adw_view_stack_set_visible_child_name (fixture.window->view_stack, "deployment");
  wharf_test_wait_until (can_follow, &fixture, TIMEOUT_MS);
  g_assert_nonnull (strstr (adw_status_page_get_description (fixture.page->placeholder), "DELETE_IN_PROGRESS"));
  wharf_deployment_set_poll_interval (down, 0.05, 0.2);
  g_assert_true (wharf_deployment_wait (down, NULL, &error));
  g_assert_no_error (error);
  adw_view_stack_set_visible_child_name (fixture.window->view_stack, "project");
  adw_view_stack_set_visible_child_name (fixture.window->view_stack, "deployment");
  wharf_test_wait_until (offer_gone, &fixture, TIMEOUT_MS);
  g_assert_cmpstr (adw_status_page_get_title (fixture.page->placeholder), ==, "Ready to Deploy");
  g_assert_true (gtk_widget_get_visible (fixture.page->deploy_button));
  teardown (&fixture);
}

/* Following an update shows the update only, not the create before it:
 * its events start at the stack's UPDATE_IN_PROGRESS, and the progress
 * counts the resources it changed. */
static void
test_follow_update (void)
{
  Fixture fixture = { 0 };
  g_autoptr(WharfDeployment) create = NULL;
  g_autoptr(WharfDeployment) update = NULL;
  g_autoptr(WharfStackEvent) first = NULL;
  g_autoptr(GHashTable) created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;
  WharfDeployment *deployment;
  GListModel *events;
  guint done = 0, total = 0;

  setup (&fixture, FOLLOW_PACE);
  create = wharf_deployment_new (fixture.client, "webapp");
  wharf_deployment_set_poll_interval (create, 0.05, 0.2);
  wharf_deployment_set_project (create, wharf_compose_project_get_root (WHARF_COMPOSE_PROJECT (wharf_window_get_project (fixture.window))));
  g_assert_true (wharf_deployment_prepare (create, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_deployment_execute (create, NULL, &error));
  g_assert_true (wharf_deployment_wait (create, NULL, &error));
  g_assert_no_error (error);
  events = wharf_deployment_get_events (create);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(WharfStackEvent) e = g_list_model_get_item (events, i);

      g_hash_table_add (created, g_strdup (wharf_stack_event_get_event_id (e)));
    }

  /* Another program updates it. */
  fixture.old_project = wharf_window_get_project (fixture.window);
  write_project (&fixture, "1.26");
  wharf_test_wait_until (project_loaded, &fixture, 10000);
  update = wharf_deployment_new (fixture.client, "webapp");
  wharf_deployment_set_project (update, wharf_compose_project_get_root (WHARF_COMPOSE_PROJECT (wharf_window_get_project (fixture.window))));
  g_assert_true (wharf_deployment_prepare (update, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_deployment_execute (update, NULL, &error));
  g_assert_no_error (error);

  adw_view_stack_set_visible_child_name (fixture.window->view_stack, "deployment");
  wharf_test_wait_until (can_follow, &fixture, TIMEOUT_MS);
  g_assert_nonnull (strstr (adw_status_page_get_description (fixture.page->placeholder), "UPDATE_IN_PROGRESS"));
  activate (&fixture, "deployment.follow");
  deployment = wharf_deployment_page_get_deployment (fixture.page);
  wharf_test_wait_until (page_idle, &fixture, TIMEOUT_MS);

  g_assert_cmpstr (wharf_deployment_get_stack_status (deployment), ==, "UPDATE_COMPLETE");
  events = wharf_deploy_timeline_get_shown (fixture.page->timeline);
  g_assert_cmpuint (g_list_model_get_n_items (events), >, 0);
  first = g_list_model_get_item (events, 0);
  g_assert_true (wharf_stack_event_is_stack (first));
  g_assert_cmpstr (wharf_stack_event_get_status (first), ==, "UPDATE_IN_PROGRESS");
  g_assert_true (g_date_time_equal (wharf_stack_event_get_timestamp (first),
                                    wharf_deployment_get_started (deployment)));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(WharfStackEvent) e = g_list_model_get_item (events, i);

      g_assert_false (g_hash_table_contains (created, wharf_stack_event_get_event_id (e)));
    }
  wharf_deployment_get_progress (deployment, &done, &total);
  g_assert_cmpuint (done, ==, total);
  counts = g_strdup_printf ("%u of %u resource", done, total);
  g_assert_true (g_str_has_prefix (wharf_deploy_timeline_get_progress_text (fixture.page->timeline), counts));
  wharf_deployment_get_progress (create, &done, NULL);
  g_assert_cmpuint (total, <, done);
  teardown (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wharf_test_gtk_init (&argc, &argv);
  app = wharf_test_app_new ();

  g_test_add_func ("/deploy-follow/deploy-disabled", test_deploy_disabled);
  g_test_add_func ("/deploy-follow/stale-review", test_stale_review);
  g_test_add_func ("/deploy-follow/follow", test_follow);
  g_test_add_func ("/deploy-follow/follow-update", test_follow_update);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
