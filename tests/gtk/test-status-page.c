/* test-status-page.c: the status page against the sandbox: empty states,
 * a stack that is not deployed, then a deployed web.yaml (its service,
 * running task and URL as a link), and refreshes that stop while the
 * page is not visible.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-status-page.h"
#include "wharf-status-service.h"
#include "wharf-test-gtk.h"
#include "wharf-test-gtk-sandbox.h"
#include "wharf-test-util.h"

#define PACE 0.05

static DeployTestSandbox *sandbox;
static char *home;

static WharfSession *
new_session (void)
{
  return wharf_session_new (g_getenv ("DOCKER_CONFIG"));
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
  window = wharf_test_present (page);
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
  g_autoptr(WharfComposeProject) project = wharf_test_gtk_load_web ("nothere");
  g_autoptr(WharfSession) session = new_session ();
  GtkWidget *page = wharf_status_page_new ();
  GtkWindow *window;

  wharf_status_page_set_project (WHARF_STATUS_PAGE (page), session, project);
  window = wharf_test_present (page);
  wait_fetch (WHARF_STATUS_PAGE (page));
  g_assert_cmpstr (wharf_status_page_get_state (WHARF_STATUS_PAGE (page)), ==, "not-deployed");
  g_assert_cmpuint (g_list_model_get_n_items (wharf_status_page_get_services (WHARF_STATUS_PAGE (page))), ==, 0);
  wharf_test_destroy_window (window);
}

/* AWS out of reach: the error page names the problem. */
static void
test_unreachable (void)
{
  g_autoptr(WharfComposeProject) project = wharf_test_gtk_load_web ("webapp");
  g_autoptr(WharfSession) session = new_session ();
  g_autofree char *endpoint = g_strdup (g_getenv ("AWS_ENDPOINT_URL"));
  GtkWidget *page = wharf_status_page_new ();
  AdwStatusPage *error_page;
  GtkWindow *window;

  /* a closed port, and no retries to wait for */
  g_setenv ("AWS_ENDPOINT_URL", "http://127.0.0.1:9/", TRUE);
  g_setenv ("AWS_MAX_ATTEMPTS", "1", TRUE);
  wharf_status_page_set_project (WHARF_STATUS_PAGE (page), session, project);
  window = wharf_test_present (page);
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
  g_autoptr(WharfComposeProject) project = wharf_test_gtk_load_web ("webapp");
  g_autoptr(WharfSession) session = new_session ();
  g_autoptr(WharfStatusService) web = NULL;
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *page = wharf_status_page_new ();
  WharfStatusPage *status = WHARF_STATUS_PAGE (page);
  const char * const *endpoints;
  GtkWindow *window;
  guint n;

  wharf_test_gtk_deploy (sandbox, project);
  wharf_status_page_set_refresh_interval (status, 200);
  wharf_status_page_set_project (status, session, project);
  g_assert_cmpstr (wharf_status_page_get_state (status), ==, "loading");
  window = wharf_test_present (page);
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

/* Not a test: tests/ui/screenshots.sh runs it (with -p) to shoot the
 * page in a window, web.yaml deployed. */
static void
take_screenshot (void)
{
  wharf_test_gtk_screenshot_page (sandbox, wharf_status_page_new (),
                                  (WharfTestSetProject) wharf_status_page_set_project, "status", 4000);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wharf_test_gtk_init (&argc, &argv);
  sandbox = wharf_test_gtk_sandbox_start (NULL, PACE, &home);
  g_test_add_func ("/status-page/no-project", test_no_project);
  g_test_add_func ("/status-page/not-deployed", test_not_deployed);
  g_test_add_func ("/status-page/unreachable", test_unreachable);
  g_test_add_func ("/status-page/running", test_running);
  g_test_add_func ("/status-page/screenshot", take_screenshot);
  status = g_test_run ();
  wharf_test_gtk_sandbox_stop (sandbox, home);
  return status;
}
