/* test-preferences.c: the preferences window writes and follows GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-preferences-window.h"
#include "wharf-test-gtk.h"

static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

/* The combo rows are the only AdwComboRow widgets of the window, in
 * order: style, then default format. */
static void
collect_combo_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  if (ADW_IS_COMBO_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_combo_rows (child, rows);
}

static void
test_bindings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *window;
  AdwComboRow *style_row;
  AdwComboRow *format_row;

  wharf_test_reset_settings ();
  g_settings_set_string (settings, "default-format", "json");

  window = wharf_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  collect_combo_rows (window, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  style_row = rows->pdata[0];
  format_row = rows->pdata[1];

  /* Rows show the stored values... */
  g_assert_cmpuint (adw_combo_row_get_selected (style_row), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (format_row), ==, 1);

  /* ...write what the user picks... */
  adw_combo_row_set_selected (style_row, 2);
  assert_setting (settings, "color-scheme", "dark");
  adw_combo_row_set_selected (style_row, 1);
  assert_setting (settings, "color-scheme", "light");
  adw_combo_row_set_selected (format_row, 0);
  assert_setting (settings, "default-format", "yaml");

  /* ...and follow changes made elsewhere. */
  g_settings_set_string (settings, "default-format", "json");
  g_assert_cmpuint (adw_combo_row_get_selected (format_row), ==, 1);
  g_settings_set_string (settings, "color-scheme", "follow");
  g_assert_cmpuint (adw_combo_row_get_selected (style_row), ==, 0);

  wharf_test_destroy_window (GTK_WINDOW (window));

  /* Once gone, the window no longer writes settings. */
  g_settings_set_string (settings, "color-scheme", "dark");
  assert_setting (settings, "color-scheme", "dark");
}

int
main (int   argc,
      char *argv[])
{
  wharf_test_gtk_init (&argc, &argv);

  g_test_add_func ("/wharf/preferences/bindings", test_bindings);

  return g_test_run ();
}
