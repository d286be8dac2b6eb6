/* test-welcome.c: the recent projects list and the welcome page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-recent.h"
#include "wharf-test-gtk.h"
#include "wharf-test-util.h"
#include "wharf-window-private.h"

static GApplication *app;

/* Parses an "aas" in GVariant text format. */
static GVariant *
projects (const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = g_variant_parse (G_VARIANT_TYPE ("aas"), text, NULL, NULL, &error);

  g_assert_no_error (error);
  return value;
}

static void
assert_projects (GVariant   *value,
                 const char *expected)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (value);
  g_autofree char *text = g_variant_print (owned, FALSE);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_recent_prepend (void)
{
  g_autoptr(GVariant) none = projects ("@aas []");
  g_autoptr(GVariant) three = projects ("[['/a/compose.yaml'], ['/b/compose.yaml', '/b/prod.yaml'], ['/c/compose.yaml']]");
  const char *b[] = { "/b/compose.yaml", "/b/prod.yaml", NULL };
  const char *b_only[] = { "/b/compose.yaml", NULL };
  const char *d[] = { "/d/compose.yaml", NULL };

  assert_projects (wharf_recent_prepend (none, d, 10), "[['/d/compose.yaml']]");
  assert_projects (wharf_recent_prepend (NULL, d, 10), "[['/d/compose.yaml']]");
  /* Reopening moves a project to the top instead of duplicating it. */
  assert_projects (wharf_recent_prepend (three, b, 10),
                   "[['/b/compose.yaml', '/b/prod.yaml'], ['/a/compose.yaml'], ['/c/compose.yaml']]");
  /* The same file without its override is another project. */
  assert_projects (wharf_recent_prepend (three, b_only, 10),
                   "[['/b/compose.yaml'], ['/a/compose.yaml'], ['/b/compose.yaml', '/b/prod.yaml'], ['/c/compose.yaml']]");
  /* The oldest projects fall off the end. */
  assert_projects (wharf_recent_prepend (three, d, 2),
                   "[['/d/compose.yaml'], ['/a/compose.yaml']]");
}

static void
test_recent_remove (void)
{
  g_autoptr(GVariant) two = projects ("[['/a/compose.yaml'], ['/b/compose.yaml', '/b/prod.yaml']]");
  const char *a[] = { "/a/compose.yaml", NULL };
  const char *b_only[] = { "/b/compose.yaml", NULL };

  assert_projects (wharf_recent_remove (two, a), "[['/b/compose.yaml', '/b/prod.yaml']]");
  assert_projects (wharf_recent_remove (two, b_only),
                   "[['/a/compose.yaml'], ['/b/compose.yaml', '/b/prod.yaml']]");
}

static void
test_format_path (void)
{
  const char *home = g_get_home_dir ();
  g_autofree char *inside = g_build_filename (home, "src", "compose.yaml", NULL);
  g_autofree char *sibling = g_strconcat (home, "-other/compose.yaml", NULL);
  g_autofree char *formatted = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (inside);
  g_autoptr(GFile) root_file = g_file_new_for_path ("/compose.yaml");

  formatted = wharf_format_path (inside);
  g_assert_cmpstr (formatted, ==, "~/src/compose.yaml");
  g_clear_pointer (&formatted, g_free);

  /* A folder whose name merely starts like the home folder stays whole. */
  formatted = wharf_format_path (sibling);
  g_assert_cmpstr (formatted, ==, sibling);
  g_clear_pointer (&formatted, g_free);

  formatted = wharf_format_path ("/srv/compose.yaml");
  g_assert_cmpstr (formatted, ==, "/srv/compose.yaml");
  g_clear_pointer (&formatted, g_free);

  formatted = wharf_format_folder (file);
  g_assert_cmpstr (formatted, ==, "~/src");
  g_clear_pointer (&formatted, g_free);

  formatted = wharf_format_folder (root_file);
  g_assert_cmpstr (formatted, ==, "/");
}

static void
test_welcome_rows (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *a = wharf_test_write_file (dir, "a/compose.yaml", "services: {}\n");
  g_autofree char *b = wharf_test_write_file (dir, "b/compose.yaml", "services: {}\n");
  g_autofree char *b_prod = wharf_test_write_file (dir, "b/prod.yaml", "services: {}\n");
  const char *project_a[] = { a, NULL };
  const char *project_b[] = { b, b_prod, NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) recent = NULL;
  WharfWindow *window;
  WharfWelcomePage *page;
  GtkWidget *row;
  GVariant *target;

  wharf_test_reset_settings ();
  window = wharf_window_new (GTK_APPLICATION (app));
  page = window->welcome_page;
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (wharf_welcome_page_get_n_recent (page), ==, 0);

  /* Rows follow the setting, newest first. */
  wharf_recent_add (settings, project_a);
  wharf_recent_add (settings, project_b);
  g_assert_cmpuint (wharf_welcome_page_get_n_recent (page), ==, 2);
  row = wharf_welcome_page_get_recent_row (page, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "b");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.open-recent");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row));
  g_assert_cmpuint (g_variant_n_children (target), ==, 2);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (row));

  /* Activating a row opens its project with all its files. */
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpstr (wharf_window_get_visible_page (window), ==, "project");
  g_assert_cmpuint (g_strv_length ((char **) wharf_window_get_files (window)), ==, 2);
  g_assert_cmpstr (wharf_window_get_files (window)[0], ==, b);
  g_assert_cmpstr (wharf_window_get_files (window)[1], ==, b_prod);

  /* Forgetting removes it from the setting and the page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-recent", "^as", project_b);
  recent = g_settings_get_value (settings, "recent-projects");
  g_assert_cmpuint (g_variant_n_children (recent), ==, 1);
  g_assert_cmpuint (wharf_welcome_page_get_n_recent (page), ==, 1);

  wharf_test_destroy_window (GTK_WINDOW (window));
  wharf_test_rmtree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  wharf_test_gtk_init (&argc, &argv);
  app = wharf_test_app_new ();

  g_test_add_func ("/wharf/recent/prepend", test_recent_prepend);
  g_test_add_func ("/wharf/recent/remove", test_recent_remove);
  g_test_add_func ("/wharf/recent/format-path", test_format_path);
  g_test_add_func ("/wharf/welcome/rows", test_welcome_rows);

  ret = g_test_run ();
  g_object_unref (app);

  return ret;
}
