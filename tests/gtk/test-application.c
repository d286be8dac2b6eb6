/* test-application.c: `wharf FILE…`, app actions, the color scheme.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-application.h"
#include "wharf-preferences-window.h"
#include "wharf-test-gtk.h"
#include "wharf-test-util.h"
#include "wharf-window.h"

typedef struct {
  GApplication *app;
  char         *first;
  char         *second;
  char         *other;
  GStrv         seen_files;
  GStrv         seen_other;
  guint         n_windows;
  gboolean      checked;
} RunData;

static GtkWindow *
find_window_with_file (GtkApplication *app,
                       const char     *path)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      const char * const *files;

      if (!WHARF_IS_WINDOW (l->data))
        continue;
      files = wharf_window_get_files (l->data);
      if (files != NULL && g_strv_contains (files, path))
        return l->data;
    }

  return NULL;
}

static gboolean
check_and_quit (gpointer user_data)
{
  RunData *run = user_data;
  GtkApplication *app = GTK_APPLICATION (run->app);
  g_autoptr(GFile) other = g_file_new_for_path (run->other);
  GtkWindow *window;

  window = find_window_with_file (app, run->first);
  if (window != NULL)
    run->seen_files = g_strdupv ((char **) wharf_window_get_files (WHARF_WINDOW (window)));

  /* A second `wharf FILE` while a project is open opens another window. */
  g_application_open (run->app, &other, 1, "");
  window = find_window_with_file (app, run->other);
  if (window != NULL)
    run->seen_other = g_strdupv ((char **) wharf_window_get_files (WHARF_WINDOW (window)));
  run->n_windows = g_list_length (gtk_application_get_windows (app));
  run->checked = TRUE;

  /* Closing every window ends g_application_run(). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
test_command_line (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  RunData run = { 0 };
  char *argv[4];
  int status;

  wharf_test_reset_settings ();
  run.first = wharf_test_write_file (dir, "compose.yaml", "services: {}\n");
  run.second = wharf_test_write_file (dir, "compose.override.yaml", "services: {}\n");
  run.other = wharf_test_write_file (dir, "other/compose.yaml", "services: {}\n");
  run.app = g_object_new (WHARF_TYPE_APPLICATION,
                          "application-id", "io.github.wharf.Wharf.CommandLine",
                          "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                          NULL);

  argv[0] = (char *) "wharf";
  argv[1] = run.first;
  argv[2] = run.second;
  argv[3] = NULL;
  g_idle_add (check_and_quit, &run);
  status = g_application_run (run.app, 3, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.checked);
  /* Several files on the command line are one project, in -f order. */
  g_assert_nonnull (run.seen_files);
  g_assert_cmpuint (g_strv_length (run.seen_files), ==, 2);
  g_assert_cmpstr (run.seen_files[0], ==, run.first);
  g_assert_cmpstr (run.seen_files[1], ==, run.second);
  g_assert_nonnull (run.seen_other);
  g_assert_cmpuint (g_strv_length (run.seen_other), ==, 1);
  g_assert_cmpstr (run.seen_other[0], ==, run.other);
  g_assert_cmpuint (run.n_windows, ==, 2);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (run.app)));

  g_assert_finalize_object (run.app);
  g_strfreev (run.seen_files);
  g_strfreev (run.seen_other);
  g_free (run.first);
  g_free (run.second);
  g_free (run.other);
  wharf_test_rmtree (dir);
}

static void
test_color_scheme (void)
{
  g_autoptr(GApplication) app = wharf_test_app_new ();
  GSettings *settings = wharf_application_get_settings (WHARF_APPLICATION (app));
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style_manager));
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (style_manager));
  g_settings_set_string (settings, "color-scheme", "follow");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style_manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

static GtkWindow *
find_toplevel_of_type (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static void
test_app_actions (void)
{
  g_autoptr(GApplication) app = wharf_test_app_new ();
  WharfWindow *window = wharf_window_new (GTK_APPLICATION (app));
  g_auto(GStrv) accels = NULL;
  GtkWindow *dialog;
  const char *names[] = { "preferences", "about", "quit" };

  wharf_test_reset_settings ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), names[i]));
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), names[i]));
    }
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.open");
  g_assert_cmpstr (accels[0], ==, "<Control>o");

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The shortcuts window comes from the gtk/help-overlay.ui resource. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  dialog = find_toplevel_of_type (WHARF_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  wharf_test_destroy_window (dialog);

#if !ADW_CHECK_VERSION (1, 5, 0)
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  dialog = find_toplevel_of_type (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (dialog)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (dialog)), ==, APP_ID);
  wharf_test_destroy_window (dialog);
#endif

  wharf_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  wharf_test_gtk_init (&argc, &argv);

  g_test_add_func ("/wharf/application/command-line", test_command_line);
  g_test_add_func ("/wharf/application/color-scheme", test_color_scheme);
  g_test_add_func ("/wharf/application/actions", test_app_actions);

  return g_test_run ();
}
