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
