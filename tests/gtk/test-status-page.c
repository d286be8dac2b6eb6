/* test-status-page.c: the status page against the sandbox: empty states,
 * a stack that is not deployed, then a deployed web.yaml (its service,
 * running task and URL as a link), and refreshes that stop while the
 * page is not visible.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "deploy-test-sandbox.h"
#include "wharf-compose-loader.h"
#include "wharf-deployment.h"
#include "wharf-status-page.h"
#include "wharf-status-service.h"
#include "wharf-test-gtk.h"
#include "wharf-test-util.h"

#define PACE 0.05

static DeployTestSandbox *sandbox;
static char *home;

/* The process environment of a wharf-cli run against the sandbox, so the
 * session's client (AWS chain, no context) talks to it. */
static void
use_sandbox (void)
{
  g_auto(GStrv) envp = NULL;

  sandbox = deploy_test_sandbox_start (NULL, PACE);
  home = wharf_test_mkdtemp ();
  envp = deploy_test_sandbox_envp (sandbox, home);
  for (guint i = 0; envp[i] != NULL; i++)
    if (g_str_has_prefix (envp[i], "AWS_") || g_str_has_prefix (envp[i], "DOCKER_CONFIG="))
      {
        g_auto(GStrv) kv = g_strsplit (envp[i], "=", 2);

        g_setenv (kv[0], kv[1], TRUE);
      }
  g_unsetenv ("DOCKER_CONTEXT");
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_SESSION_TOKEN");
}

static WharfComposeProject *
load_web (const char *name)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "deploy", "web.yaml", NULL);
  g_autoptr(WharfComposeLoadOptions) options = wharf_compose_load_options_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "TAG");
  WharfComposeProject *project;

  wharf_compose_load_options_add_file (options, path);
  wharf_compose_load_options_set_project_name (options, name);
  wharf_compose_load_options_set_environment (options, (const char * const *) env);
  project = wharf_compose_load (options, NULL, NULL, &error);
  g_assert_no_error (error);
  return project;
}

static void
deploy (WharfComposeProject *project)
{
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sandbox);
  g_autoptr(WharfDeployment) d = wharf_deployment_new (client, wharf_compose_project_get_name (project));
  g_autoptr(GError) error = NULL;

  wharf_deployment_set_poll_interval (d, 0.05, 0.2);
  wharf_deployment_set_project (d, wharf_compose_project_get_root (project));
  g_assert_true (wharf_deployment_prepare (d, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_deployment_execute (d, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_deployment_wait (d, NULL, &error));
  g_assert_no_error (error);
}

static WharfSession *
new_session (void)
{
  return wharf_session_new (g_getenv ("DOCKER_CONFIG"));
}

static GtkWindow *
present (GtkWidget *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 900, 600);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

typedef struct {
  WharfStatusPage *page;
  guint            n;
} Waiting;

static gboolean
fetched_more (gpointer data)
{
  Waiting *w = data;

  return wharf_status_page_get_n_fetches (w->page) > w->n;
}

static void
wait_fetch (WharfStatusPage *page)
{
  Waiting w = { page, wharf_status_page_get_n_fetches (page) };

  wharf_test_wait_until (fetched_more, &w, 20000);
}

static void
test_no_project (void)
{
  GtkWidget *page = wharf_status_page_new ();
  g_autoptr(WharfSession) session = new_session ();
  GtkWindow *window;

  g_object_ref_sink (page);
  g_assert_cmpstr (wharf_status_page_get_state (WHARF_STATUS_PAGE (page)), ==, "empty");
  wharf_status_page_set_project (WHARF_STATUS_PAGE (page), session, NULL);
  window = present (page);
  wharf_test_spin (200);
  /* no project: nothing to fetch, even while visible */
  g_assert_cmpstr (wharf_status_page_get_state (WHARF_STATUS_PAGE (page)), ==, "empty");
  g_assert_cmpuint (wharf_status_page_get_n_fetches (WHARF_STATUS_PAGE (page)), ==, 0);
  wharf_test_destroy_window (window);
  g_assert_finalize_object (page);
}

static void
test_not_deployed (void)
{
  g_autoptr(WharfComposeProject) project = load_web ("nothere");
  g_autoptr(WharfSession) session = new_session ();
  GtkWidget *page = wharf_status_page_new ();
  GtkWindow *window;

  wharf_status_page_set_project (WHARF_STATUS_PAGE (page), session, project);
  window = present (page);
  wait_fetch (WHARF_STATUS_PAGE (page));
  g_assert_cmpstr (wharf_status_page_get_state (WHARF_STATUS_PAGE (page)), ==, "not-deployed");
  g_assert_cmpuint (g_list_model_get_n_items (wharf_status_page_get_services (WHARF_STATUS_PAGE (page))), ==, 0);
  wharf_test_destroy_window (window);
}

/* AWS out of reach: the error page names the problem. */
static void
test_unreachable (void)
{
  g_autoptr(WharfComposeProject) project = load_web ("webapp");
  g_autoptr(WharfSession) session = new_session ();
  g_autofree char *endpoint = g_strdup (g_getenv ("AWS_ENDPOINT_URL"));
  GtkWidget *page = wharf_status_page_new ();
  AdwStatusPage *error_page;
  GtkWindow *window;

  /* a closed port, and no retries to wait for */
  g_setenv ("AWS_ENDPOINT_URL", "http://127.0.0.1:9/", TRUE);
  g_setenv ("AWS_MAX_ATTEMPTS", "1", TRUE);
  wharf_status_page_set_project (WHARF_STATUS_PAGE (page), session, project);
  window = present (page);
  wait_fetch (WHARF_STATUS_PAGE (page));
  g_setenv ("AWS_ENDPOINT_URL", endpoint, TRUE);
  g_unsetenv ("AWS_MAX_ATTEMPTS");
  g_assert_cmpstr (wharf_status_page_get_state (WHARF_STATUS_PAGE (page)), ==, "error");
  error_page = ADW_STATUS_PAGE (gtk_widget_get_template_child (page, WHARF_TYPE_STATUS_PAGE, "error_page"));
  g_assert_cmpstr (adw_status_page_get_title (error_page), ==, "Cannot Reach AWS");
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "sandbox is running"));
  wharf_test_destroy_window (window);
}

static void
collect_links (GtkWidget *widget,
               GPtrArray *uris)
{
  if (GTK_IS_LINK_BUTTON (widget))
    g_ptr_array_add (uris, g_strdup (gtk_link_button_get_uri (GTK_LINK_BUTTON (widget))));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_links (c, uris);
}

static gboolean
web_running (gpointer data)
{
  GListModel *services = wharf_status_page_get_services (data);
  g_autoptr(WharfStatusService) web = NULL;
  GPtrArray *tasks;

  if (g_list_model_get_n_items (services) != 1)
    return FALSE;
  web = g_list_model_get_item (services, 0);
  tasks = wharf_status_service_get_tasks (web);
  return wharf_status_service_get_running (web) >= 1 && tasks->len >= 1 &&
         g_strcmp0 (((WharfStatusTask *) g_ptr_array_index (tasks, 0))->last_status, "RUNNING") == 0;
}

static void
test_running (void)
{
  g_autoptr(WharfComposeProject) project = load_web ("webapp");
  g_autoptr(WharfSession) session = new_session ();
  g_autoptr(WharfStatusService) web = NULL;
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *page = wharf_status_page_new ();
  WharfStatusPage *status = WHARF_STATUS_PAGE (page);
  const char * const *endpoints;
  GtkWindow *window;
  guint n;

  deploy (project);
  wharf_status_page_set_refresh_interval (status, 200);
  wharf_status_page_set_project (status, session, project);
  g_assert_cmpstr (wharf_status_page_get_state (status), ==, "loading");
  window = present (page);
  wharf_test_wait_until (web_running, status, 30000);
  g_assert_cmpstr (wharf_status_page_get_state (status), ==, "services");
  web = g_list_model_get_item (wharf_status_page_get_services (status), 0);
  g_assert_cmpstr (wharf_status_service_get_name (web), ==, "web");
  g_assert_cmpint (wharf_status_service_get_desired (web), ==, 1);
  endpoints = wharf_status_service_get_endpoints (web);
  g_assert_nonnull (endpoints[0]);
  g_assert_true (g_str_has_prefix (endpoints[0], "http://"));

  /* the endpoint is a link on screen */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  collect_links (page, uris);
  g_assert_cmpuint (uris->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (uris, 0), ==, endpoints[0]);

  /* refreshes go on while visible… */
  wait_fetch (status);
  wait_fetch (status);
  /* …and stop once hidden (unmapped), until shown again */
  gtk_widget_set_visible (page, FALSE);
  wharf_test_spin (300);
  n = wharf_status_page_get_n_fetches (status);
  wharf_test_spin (1000);
  g_assert_cmpuint (wharf_status_page_get_n_fetches (status), ==, n);
  gtk_widget_set_visible (page, TRUE);
  wait_fetch (status);
  g_assert_cmpstr (wharf_status_page_get_state (status), ==, "services");

  /* closing the project empties the page */
  wharf_status_page_set_project (status, session, NULL);
  g_assert_cmpstr (wharf_status_page_get_state (status), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (wharf_status_page_get_services (status)), ==, 0);
  wharf_test_destroy_window (window);
}

/* Not a test: tests/ui/screenshots-status.sh runs it (with -p) to shoot
 * the page in a window, after the other tests deployed web.yaml, in the
 * style WHARF_SCREENSHOT_STYLE. */
static void
take_screenshot (void)
{
  const char *dir = g_getenv ("WHARF_SCREENSHOT_DIR");
  const char *style = g_getenv ("WHARF_SCREENSHOT_STYLE");
  g_autoptr(WharfComposeProject) project = NULL;
  g_autoptr(WharfSession) session = NULL;
  g_autofree char *cmd = NULL;
  GtkWidget *box, *header, *page;
  GtkWindow *window;

  if (dir == NULL)
    {
      g_test_skip ("WHARF_SCREENSHOT_DIR is not set");
      return;
    }
  {
    /* what AdwApplication would load */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/wharf/Wharf/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      g_strcmp0 (style, "dark") == 0 ? ADW_COLOR_SCHEME_FORCE_DARK
                                                                     : ADW_COLOR_SCHEME_FORCE_LIGHT);
  project = load_web ("webapp");
  deploy (project);
  session = wharf_session_new (g_getenv ("DOCKER_CONFIG"));
  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 1100, 720);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("web.yaml", "tests/fixtures/deploy"));
  gtk_box_append (GTK_BOX (box), header);
  page = wharf_status_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  wharf_status_page_set_project (WHARF_STATUS_PAGE (page), session, project);
  gtk_window_present (window);
  wharf_test_spin (4000);
  cmd = g_strdup_printf ("import -window root %s/status-%s.png", dir, style);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  wharf_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wharf_test_gtk_init (&argc, &argv);
  use_sandbox ();
  g_test_add_func ("/status-page/no-project", test_no_project);
  g_test_add_func ("/status-page/not-deployed", test_not_deployed);
  g_test_add_func ("/status-page/unreachable", test_unreachable);
  g_test_add_func ("/status-page/running", test_running);
  g_test_add_func ("/status-page/screenshot", take_screenshot);
  status = g_test_run ();
  deploy_test_sandbox_stop (sandbox);
  wharf_test_rmtree (home);
  g_free (home);
  return status;
}
