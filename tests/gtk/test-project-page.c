/* test-project-page.c: loading the window's project and showing it on the
 * project page: services, resources, diagnostics, reloads, latency.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-test-gtk.h"
#include "wharf-test-util.h"
#include "wharf-window-private.h"

static GApplication *app;

typedef struct {
  char        *dir;
  WharfWindow *window;
} Fixture;

static const char compose_text[] =
  "services:\n"
  "  web:\n"
  "    image: nginx:1.25\n"
  "    ports: [\"80:80\"]\n"
  "    networks: [front]\n"
  "    secrets: [token]\n"
  "    deploy:\n"
  "      replicas: 3\n"
  "  api:\n"
  "    image: example/api\n"
  "    volumes: [\"data:/var/lib/api\"]\n"
  "    networks: [front]\n"
  "  worker:\n"
  "    image: example/worker\n"
  "    deploy:\n"
  "      resources:\n"
  "        limits: {cpus: \"0.5\", memory: 1G}\n"
  "networks:\n"
  "  front: {}\n"
  "volumes:\n"
  "  data: {}\n"
  "secrets:\n"
  "  token:\n"
  "    file: ./token.txt\n";

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  wharf_test_reset_settings ();
  fixture->dir = wharf_test_mkdtemp ();
  fixture->window = wharf_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  wharf_test_destroy_window (GTK_WINDOW (fixture->window));
  wharf_test_rmtree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
load_done (gpointer data)
{
  WharfWindow *window = data;

  return !window->loading;
}

static void
open_and_wait (Fixture    *fixture,
               const char *path)
{
  const char *paths[] = { path, NULL };

  wharf_window_set_files (fixture->window, paths);
  g_assert_true (fixture->window->loading);
  wharf_test_wait_until (load_done, fixture->window, 20000);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static void
test_services (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *token = wharf_test_write_file (fixture->dir, "token.txt", "secret\n");
  g_autofree char *path = wharf_test_write_file (fixture->dir, "compose.yaml", compose_text);
  WharfComposeProject *project;
  GListModel *services;
  GtkListBox *list;

  open_and_wait (fixture, path);
  project = WHARF_COMPOSE_PROJECT (wharf_window_get_project (fixture->window));
  g_assert_nonnull (project);
  g_assert_true (wharf_project_page_get_project (fixture->window->project_page) == project);

  services = wharf_compose_project_get_services (project);
  list = wharf_project_page_get_list (fixture->window->project_page, "services");
  g_assert_cmpuint (g_list_model_get_n_items (services), ==, 3);
  g_assert_cmpuint (count_rows (list), ==, g_list_model_get_n_items (services));
  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(WharfComposeService) service = g_list_model_get_item (services, i);
      AdwPreferencesRow *row = ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, i));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      g_assert_cmpstr (adw_preferences_row_get_title (row), ==,
                       wharf_compose_service_get_name (service));
      g_assert_true (g_str_has_prefix (subtitle, wharf_compose_service_get_image (service)));
      if (g_str_equal (wharf_compose_service_get_name (service), "worker"))
        {
          g_autofree char *size = wharf_project_page_format_fargate_size (wharf_compose_service_get_node (service));

          g_assert_cmpstr (size, ==, "0.5 vCPU · 1 GB");
        }
      if (g_str_equal (wharf_compose_service_get_name (service), "api"))
        {
          g_autofree char *size = wharf_project_page_format_fargate_size (wharf_compose_service_get_node (service));

          /* No resources: the smallest Fargate size. */
          g_assert_cmpstr (size, ==, "0.25 vCPU · 512 MB");
        }
      if (g_str_equal (wharf_compose_service_get_name (service), "web"))
        {
          g_assert_nonnull (strstr (subtitle, "80:80"));
          g_assert_nonnull (strstr (subtitle, "front"));
          g_assert_nonnull (strstr (subtitle, "token"));
        }
    }

  g_assert_cmpuint (count_rows (wharf_project_page_get_list (fixture->window->project_page, "networks")), ==,
                    g_list_model_get_n_items (wharf_compose_project_get_networks (project)));
  g_assert_cmpuint (count_rows (wharf_project_page_get_list (fixture->window->project_page, "volumes")), ==, 1);
  g_assert_cmpuint (count_rows (wharf_project_page_get_list (fixture->window->project_page, "secrets")), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (fixture->window->deploy_button)));
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = wharf_test_write_file (fixture->dir, "compose.yaml",
                                                 "services:\n"
                                                 "  web:\n"
                                                 "    image: nginx\n"
                                                 "    replicas: many\n"
                                                 "    ports: 12\n");
  GtkListBox *list;
  AdwPreferencesRow *row;
  const char *subtitle;

  open_and_wait (fixture, path);
  g_assert_null (wharf_window_get_project (fixture->window));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (fixture->window->deploy_button)));
  g_assert_cmpuint (count_rows (wharf_project_page_get_list (fixture->window->project_page, "services")), ==, 0);

  /* The errors are listed with their location. */
  list = wharf_project_page_get_list (fixture->window->project_page, "diagnostics");
  g_assert_cmpuint (count_rows (list), >, 0);
  row = ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 0));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (subtitle);
  g_assert_true (g_str_has_prefix (subtitle, "compose.yaml:"));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
}

static void
test_reload_keeps_page (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = wharf_test_write_file (fixture->dir, "compose.yaml",
                                                 "services:\n  web:\n    image: nginx\n");
  g_autofree char *path2 = NULL;
  GtkListBox *list = wharf_project_page_get_list (fixture->window->project_page, "services");
  GObject *first;

  open_and_wait (fixture, path);
  first = wharf_window_get_project (fixture->window);
  g_assert_nonnull (first);
  g_assert_cmpuint (count_rows (list), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "template");
  path2 = wharf_test_write_file (fixture->dir, "compose.yaml",
                                 "services:\n  web:\n    image: nginx\n  db:\n    image: postgres\n");
  g_assert_cmpstr (path, ==, path2);

  /* Two reloads in a row: the first is cancelled, the second wins. */
  wharf_window_reload (fixture->window);
  wharf_window_reload (fixture->window);
  wharf_test_wait_until (load_done, fixture->window, 20000);
  g_assert_true (wharf_window_get_project (fixture->window) != first);
  g_assert_cmpuint (count_rows (list), ==, 2);
  g_assert_cmpstr (wharf_window_get_visible_page (fixture->window), ==, "template");

  /* Closing the project empties the page. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-project", NULL);
  g_assert_false (fixture->window->loading);
  g_assert_cmpuint (count_rows (list), ==, 0);
}

static guint line_for_visible;

static gboolean
line_visible (gpointer data)
{
  GtkTextView *view = GTK_TEXT_VIEW (wharf_source_window_get_view (data));
  GdkRectangle visible;
  GtkTextIter iter;
  int y;
  int height;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (view), &iter, (int) line_for_visible - 1);
  gtk_text_view_get_line_yrange (view, &iter, &y, &height);
  return visible.y > 0 && y >= visible.y && y + height <= visible.y + visible.height;
}

static void
test_diagnostic_source (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("services:\n");
  g_autofree char *path = NULL;
  g_autoptr(WharfDiagnostic) diagnostic = NULL;
  GListModel *diagnostics;
  WharfSourceWindow *source;
  GtkListBox *list;
  GtkListBoxRow *row = NULL;
  guint line;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (text, "  svc%u:\n    image: nginx\n", i);
  g_string_append (text, "  broken:\n    image: nginx\n    ports: {not: a list}\n");
  path = wharf_test_write_file (fixture->dir, "compose.yaml", text->str);
  open_and_wait (fixture, path);

  list = wharf_project_page_get_list (fixture->window->project_page, "diagnostics");
  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    if (gtk_list_box_row_get_activatable (gtk_list_box_get_row_at_index (list, i)))
      {
        row = gtk_list_box_get_row_at_index (list, i);
        break;
      }
  g_assert_nonnull (row);
  g_assert_null (wharf_project_page_get_source_window (fixture->window->project_page));
  g_signal_emit_by_name (list, "row-activated", row);

  source = wharf_project_page_get_source_window (fixture->window->project_page);
  g_assert_nonnull (source);
  g_assert_cmpstr (wharf_source_window_get_path (source), ==, path);
  diagnostics = wharf_project_page_get_diagnostics (fixture->window->project_page);
  diagnostic = g_list_model_get_item (diagnostics, (guint) gtk_list_box_row_get_index (row));
  line = wharf_diagnostic_get_line (diagnostic);
  /* The error is on the "ports" line near the end of the file. */
  g_assert_cmpuint (line, >, 100);
  g_assert_cmpuint (wharf_source_window_get_cursor_line (source), ==, line);

  /* Once drawn and laid out, the line is scrolled into view. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (source));
  line_for_visible = line;
  wharf_test_wait_until (line_visible, source, 10000);
}

typedef struct {
  gint64 last;
  gint64 longest;
} Probe;

static gboolean
probe_tick (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();

  if (probe->last != 0 && now - probe->last > probe->longest)
    probe->longest = now - probe->last;
  probe->last = now;

  return G_SOURCE_CONTINUE;
}

static void
test_latency (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("services:\n");
  g_autofree char *path = NULL;
  Probe probe = { 0, 0 };
  guint probe_id;
  gint64 start;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text,
                            "  svc%03u:\n"
                            "    image: example/svc%03u:1.0\n"
                            "    ports: [\"%u:80\"]\n"
                            "    environment:\n"
                            "      INDEX: \"%u\"\n"
                            "    deploy:\n"
                            "      resources:\n"
                            "        limits: {cpus: \"0.5\", memory: 1G}\n",
                            i, i, 8000 + i, i);
  path = wharf_test_write_file (fixture->dir, "compose.yaml", text->str);

  probe_id = g_timeout_add (1, probe_tick, &probe);
  start = g_get_monotonic_time ();
  open_and_wait (fixture, path);
  /* Let the list lay out its 200 rows. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_source_remove (probe_id);

  g_assert_cmpuint (count_rows (wharf_project_page_get_list (fixture->window->project_page, "services")), ==, 200);
  g_test_message ("200 services: loaded in %.1f ms, longest main-loop gap %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0, probe.longest / 1000.0);
  g_printerr ("# 200 services: longest main-loop gap %.1f ms\n", probe.longest / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  wharf_test_gtk_init (&argc, &argv);
  app = wharf_test_app_new ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/wharf/project-page/services", test_services);
  ADD ("/wharf/project-page/errors", test_errors);
  ADD ("/wharf/project-page/reload-keeps-page", test_reload_keeps_page);
  ADD ("/wharf/project-page/diagnostic-source", test_diagnostic_source);
  ADD ("/wharf/project-page/latency", test_latency);
#undef ADD

  ret = g_test_run ();
  g_object_unref (app);

  return ret;
}
