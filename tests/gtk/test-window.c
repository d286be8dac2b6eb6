/* test-window.c: the main window: welcome page, opening files, actions,
 * reloading on changes, saved state, finalization.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "wharf-test-gtk.h"
#include "wharf-test-util.h"
#include "wharf-window-private.h"

static GApplication *app;

typedef struct {
  char        *dir;
  char        *compose;
  char        *override;
  WharfWindow *window;
  guint        n_reloads;
} Fixture;

static void
on_reload (WharfWindow *window,
           Fixture     *fixture)
{
  fixture->n_reloads++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  wharf_test_reset_settings ();
  fixture->dir = wharf_test_mkdtemp ();
  fixture->compose = wharf_test_write_file (fixture->dir, "compose.yaml",
                                            "services:\n  web:\n    image: nginx\n");
  fixture->override = wharf_test_write_file (fixture->dir, "compose.prod.yaml",
                                             "services:\n  web:\n    ports: [\"80:80\"]\n");
  fixture->window = wharf_window_new (GTK_APPLICATION (app));
  g_signal_connect (fixture->window, "reload", G_CALLBACK (on_reload), fixture);
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
  g_free (fixture->compose);
  g_free (fixture->override);
}

/* Whether the window's action DETAILED is enabled, as an actionable widget
 * placed in the window sees it (GTK 4.8 has no query for widget actions). */
static gboolean
is_enabled (WharfWindow *window,
            const char  *detailed)
{
  GtkWidget *probe = gtk_button_new ();
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;
  gboolean enabled;

  /* The target goes first, so the probe never has a mismatched one. */
  g_assert_true (g_action_parse_detailed_name (detailed, &name, &target, NULL));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (probe), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), name);
  adw_header_bar_pack_start (window->header_bar, probe);
  enabled = gtk_widget_get_sensitive (probe);
  adw_header_bar_remove (window->header_bar, probe);

  return enabled;
}

static gboolean
load_done (gpointer data)
{
  return !WHARF_WINDOW (data)->loading;
}

static void
test_welcome (Fixture       *fixture,
              gconstpointer  data)
{
  WharfWindow *window = fixture->window;

  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "welcome");
  g_assert_null (wharf_window_get_files (window));
  g_assert_null (wharf_window_get_project (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Wharf");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->welcome_page)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->deploy_button)));
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (window->switcher_title));

  /* Without files only opening is possible. */
  g_assert_true (is_enabled (window, "win.open"));
  g_assert_false (is_enabled (window, "win.reload"));
  g_assert_false (is_enabled (window, "win.close-project"));
  g_assert_false (is_enabled (window, "win.show-page::logs"));
  g_assert_false (is_enabled (window, "win.deploy"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->deploy_button)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
  g_assert_cmpuint (fixture->n_reloads, ==, 0);
}

static void
test_open_files (Fixture       *fixture,
                 gconstpointer  data)
{
  WharfWindow *window = fixture->window;
  g_autoptr(GFile) compose = g_file_new_for_path (fixture->compose);
  g_autoptr(GFile) override = g_file_new_for_path (fixture->override);
  GFile *files[] = { compose, override };
  g_auto(GStrv) property = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) recent = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autofree const char **first_files = NULL;

  g_assert_true (wharf_window_open_files (window, files, 2));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The files property keeps the -f order. */
  g_object_get (window, "files", &property, NULL);
  g_assert_nonnull (property);
  g_assert_cmpuint (g_strv_length (property), ==, 2);
  g_assert_cmpstr (property[0], ==, fixture->compose);
  g_assert_cmpstr (property[1], ==, fixture->override);
  g_assert_cmpuint (fixture->n_reloads, ==, 1);

  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "project");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->project_page)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "project");
  g_assert_cmpuint (wharf_project_page_get_n_file_rows (window->project_page), ==, 2);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "compose.yaml + 1");
  g_assert_cmpstr (adw_view_switcher_title_get_title (window->switcher_title), ==, "compose.yaml + 1");
  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (window->switcher_title));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->deploy_button)));

  /* Opening remembers the project, newest first. */
  recent = g_settings_get_value (settings, "recent-projects");
  g_assert_cmpuint (g_variant_n_children (recent), ==, 1);
  first = g_variant_get_child_value (recent, 0);
  first_files = g_variant_get_strv (first, NULL);
  g_assert_cmpstr (first_files[0], ==, fixture->compose);
  g_assert_cmpstr (first_files[1], ==, fixture->override);

  /* Files alone are not a project: deploying needs a loaded one. */
  g_assert_true (is_enabled (window, "win.reload"));
  g_assert_true (is_enabled (window, "win.close-project"));
  g_assert_true (is_enabled (window, "win.show-page::logs"));
  g_assert_true (is_enabled (window, "win.deploy") == (wharf_window_get_project (window) != NULL));
  wharf_test_wait_until (load_done, window, 20000);
  g_assert_nonnull (wharf_window_get_project (window));
  g_assert_true (is_enabled (window, "win.deploy"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  g_assert_cmpuint (fixture->n_reloads, ==, 2);
}

/* Opening a folder opens what `docker compose` finds there: compose.yaml
 * and its override, in that order; an empty folder says why. */
static void
test_open_folder (Fixture       *fixture,
                  gconstpointer  data)
{
  WharfWindow *window = fixture->window;
  g_autofree char *override = wharf_test_write_file (fixture->dir, "compose.override.yaml",
                                                     "services:\n  web:\n    image: nginx:1.27\n");
  g_autofree char *empty = g_build_filename (fixture->dir, "empty", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr(GFile) empty_folder = g_file_new_for_path (empty);
  const char * const *files;

  g_assert_true (is_enabled (window, "win.open-folder"));
  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  _wharf_window_open_folder (window, empty_folder);
  g_assert_null (wharf_window_get_files (window));
  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "welcome");

  /* as `wharf FOLDER` does */
  g_assert_true (wharf_window_open_files (window, &folder, 1));
  files = wharf_window_get_files (window);
  g_assert_nonnull (files);
  g_assert_cmpuint (g_strv_length ((char **) files), ==, 2);
  g_assert_cmpstr (files[0], ==, fixture->compose);
  g_assert_cmpstr (files[1], ==, override);
  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "project");
  wharf_test_wait_until (load_done, window, 20000);
  g_assert_nonnull (wharf_window_get_project (window));
}

static void
test_deploy_needs_project (Fixture       *fixture,
                           gconstpointer  data)
{
  WharfWindow *window = fixture->window;
  const char *paths[] = { fixture->compose, NULL };
  g_autoptr(GObject) project = g_object_new (G_TYPE_OBJECT, NULL);

  wharf_window_set_files (window, paths);
  g_assert_false (is_enabled (window, "win.deploy"));

  _wharf_window_set_project (window, project);
  g_assert_true (wharf_window_get_project (window) == project);
  g_assert_true (is_enabled (window, "win.deploy"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->deploy_button)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.deploy", NULL);
  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "deployment");

  /* Other files drop the project until they are loaded. */
  paths[0] = fixture->override;
  wharf_window_set_files (window, paths);
  g_assert_null (wharf_window_get_project (window));
  g_assert_false (is_enabled (window, "win.deploy"));
  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "deployment");

  /* Closing the project returns to the welcome page. */
  _wharf_window_set_project (window, project);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-project", NULL);
  g_assert_null (wharf_window_get_files (window));
  g_assert_null (wharf_window_get_project (window));
  g_assert_false (is_enabled (window, "win.deploy"));
  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "welcome");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Wharf");
}

static void
test_open_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  WharfWindow *window = fixture->window;
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.yaml", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autofree char *empty_path = g_build_filename (fixture->dir, "empty", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr(GFile) empty = g_file_new_for_path (empty_path);
  g_autoptr(GFile) compose = g_file_new_for_path (fixture->compose);
  g_autoptr(GFile) remote = g_file_new_for_uri ("https://example.com/compose.yaml");
  GFile *with_missing[] = { compose, missing };
  GFile *with_folder[] = { compose, folder };

  g_assert_cmpint (g_mkdir (empty_path, 0700), ==, 0);
  g_assert_false (wharf_window_open_files (window, &missing, 1));
  /* a folder without Compose files, or a folder among files */
  g_assert_false (wharf_window_open_files (window, &empty, 1));
  g_assert_false (wharf_window_open_files (window, with_folder, 2));
  g_assert_false (wharf_window_open_files (window, &remote, 1));
  /* One bad file keeps the whole project from opening. */
  g_assert_false (wharf_window_open_files (window, with_missing, 2));
  g_assert_false (wharf_window_open_files (window, NULL, 0));

  g_assert_null (wharf_window_get_files (window));
  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "welcome");
  g_assert_cmpuint (fixture->n_reloads, ==, 0);
}

static gboolean
reloaded_twice (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_reloads >= 2;
}

static void
test_reload_on_change (Fixture       *fixture,
                       gconstpointer  data)
{
  WharfWindow *window = fixture->window;
  const char *paths[] = { fixture->compose, fixture->override, NULL };
  g_autoptr(GError) error = NULL;

  wharf_window_set_files (window, paths);
  g_assert_cmpuint (fixture->n_reloads, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "template");
  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "template");

  /* An editor's atomic save of the override file triggers one reload,
   * and the page the user is on stays. */
  g_file_set_contents (fixture->override, "services:\n  web:\n    ports: [\"8080:80\"]\n", -1, &error);
  g_assert_no_error (error);
  wharf_test_wait_until (reloaded_twice, fixture, 5000);
  wharf_test_spin (2 * WHARF_WINDOW_RELOAD_DELAY_MS);
  g_assert_cmpuint (fixture->n_reloads, ==, 2);
  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "template");
  g_assert_cmpstr (wharf_window_get_files (window)[1], ==, fixture->override);

  /* After closing, changes are no longer watched. */
  wharf_window_set_files (window, NULL);
  g_file_set_contents (fixture->compose, "services: {}\n", -1, &error);
  g_assert_no_error (error);
  wharf_test_spin (4 * WHARF_WINDOW_RELOAD_DELAY_MS);
  g_assert_cmpuint (fixture->n_reloads, ==, 2);
}

static void
test_show_page (Fixture       *fixture,
                gconstpointer  data)
{
  WharfWindow *window = fixture->window;
  const char *paths[] = { fixture->compose, NULL };
  static const char * const pages[] = { "project", "template", "deployment", "status", "logs" };

  /* Pages cannot be shown while the welcome page is. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "logs");
  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "welcome");

  wharf_window_set_files (window, paths);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]);
      g_assert_cmpstr (wharf_window_get_visible_page (window), ==, pages[i]);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "no-such-page");
  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "logs");
}

static void
test_title (void)
{
  const char *one[] = { "/srv/app/compose.yaml", NULL };
  const char *three[] = { "/srv/app/compose.yaml", "/srv/app/a.yaml", "/srv/b.yaml", NULL };
  g_autofree char *home_file = g_build_filename (g_get_home_dir (), "proj", "compose.yml", NULL);
  const char *home[] = { home_file, NULL };
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  title = _wharf_window_dup_title (NULL, &subtitle);
  g_assert_cmpstr (title, ==, "Wharf");
  g_assert_null (subtitle);
  g_clear_pointer (&title, g_free);

  title = _wharf_window_dup_title (one, &subtitle);
  g_assert_cmpstr (title, ==, "compose.yaml");
  g_assert_cmpstr (subtitle, ==, "/srv/app");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&subtitle, g_free);

  title = _wharf_window_dup_title (three, &subtitle);
  g_assert_cmpstr (title, ==, "compose.yaml + 2");
  g_assert_cmpstr (subtitle, ==, "/srv/app");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&subtitle, g_free);

  title = _wharf_window_dup_title (home, &subtitle);
  g_assert_cmpstr (title, ==, "compose.yml");
  g_assert_cmpstr (subtitle, ==, "~/proj");
}

static void
test_window_state (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  WharfWindow *window;
  int width = 0;
  int height = 0;

  wharf_test_reset_settings ();
  window = wharf_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Closing saves the size; the next window starts with it. */
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);

  window = wharf_window_new (GTK_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  wharf_test_destroy_window (GTK_WINDOW (window));
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
  ADD ("/wharf/window/welcome", test_welcome);
  ADD ("/wharf/window/open-files", test_open_files);
  ADD ("/wharf/window/open-folder", test_open_folder);
  ADD ("/wharf/window/deploy-needs-project", test_deploy_needs_project);
  ADD ("/wharf/window/open-errors", test_open_errors);
  ADD ("/wharf/window/reload-on-change", test_reload_on_change);
  ADD ("/wharf/window/show-page", test_show_page);
#undef ADD
  g_test_add_func ("/wharf/window/title", test_title);
  g_test_add_func ("/wharf/window/state", test_window_state);

  ret = g_test_run ();
  g_object_unref (app);

  return ret;
}
