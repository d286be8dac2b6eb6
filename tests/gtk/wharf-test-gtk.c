/* wharf-test-gtk.c: helpers for the GTK tests (suite ui).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wharf-application.h"
#include "wharf-test-gtk.h"
#include "wharf-test-util.h"


void
wharf_test_gtk_init (int    *argc,
                     char ***argv)
{
  const char *build_dir = g_getenv ("WHARF_BUILD_DIR");

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* With the TAP protocol, exit 77 would count as an error. */
      printf ("1..0 # SKIP no display server (run under xvfb-run -a dbus-run-session)\n");
      exit (0);
    }

  if (build_dir != NULL)
    {
      g_autofree char *schema_dir = g_build_filename (build_dir, "data", NULL);

      g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

GApplication *
wharf_test_app_new (void)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("io.github.wharf.Wharf.Test%u", ++counter);
  GApplication *app;

  /* Each instance gets its own id: two registered applications of one
   * process cannot export the same object path. */
  app = g_object_new (WHARF_TYPE_APPLICATION,
                      "application-id", id,
                      "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);

  return app;
}

void
wharf_test_reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
wharf_test_wait_until (gboolean (*condition) (gpointer data),
                       gpointer   data,
                       guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source_id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Condition not met within %u ms", timeout_ms);
  g_source_remove (source_id);
}

void
wharf_test_spin (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

GtkWindow *
wharf_test_present (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 900, 600);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

void
wharf_test_destroy_window (GtkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (window);
  /* Let the frame clock, pending idles and the toplevel list let go. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

void
wharf_test_use_config (const char *docker_config,
                       const char *aws_config,
                       const char *aws_credentials)
{
  g_setenv ("DOCKER_CONFIG", docker_config, TRUE);
  g_setenv ("AWS_CONFIG_FILE", aws_config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", aws_credentials, TRUE);
  g_unsetenv ("DOCKER_CONTEXT");
  g_unsetenv ("DOCKER_HOST");
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_ENDPOINT_URL");
}

const char *
wharf_test_screenshot_dir (void)
{
  return g_getenv ("WHARF_SCREENSHOT_DIR");
}

static const char *
screenshot_style (void)
{
  const char *style = g_getenv ("WHARF_SCREENSHOT_STYLE");

  return style != NULL ? style : "light";
}

gboolean
wharf_test_screenshot_begin (void)
{
  g_autoptr(GtkCssProvider) css = NULL;

  if (wharf_test_screenshot_dir () == NULL)
    {
      g_test_skip ("set WHARF_SCREENSHOT_DIR to take screenshots");
      return FALSE;
    }
  /* Tests without a running application have no style sheet yet; a
   * second copy of it changes nothing. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/wharf/Wharf/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      g_str_equal (screenshot_style (), "dark") ? ADW_COLOR_SCHEME_FORCE_DARK
                                                                                : ADW_COLOR_SCHEME_FORCE_LIGHT);
  return TRUE;
}

GtkWindow *
wharf_test_screenshot_window (GtkWidget  *page,
                              const char *title,
                              const char *subtitle)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  gtk_window_set_default_size (window, 1100, 720);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, subtitle));
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (window);
  return window;
}

void
wharf_test_screenshot_take (const char *name,
                            guint       settle_ms)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, screenshot_style ());
  g_autofree char *path = g_build_filename (wharf_test_screenshot_dir (), file, NULL);
  const char *argv[] = { "import", "-window", "root", path, NULL };

  g_assert_nonnull (wharf_test_screenshot_dir ());
  if (settle_ms > 0)
    wharf_test_spin (settle_ms);
  g_assert_cmpint (wharf_test_run (argv, NULL, NULL, NULL, NULL), ==, 0);
  g_test_message ("screenshot: %s", path);
}
