/* wharf-preferences-window.c: the preferences, bound to GSettings.
 *
 * Each combo row's "selected" index is bound to an enum key through the
 * nick table of that key, so the order of the rows' items is the order of
 * the tables below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-preferences-window.h"

struct _WharfPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *color_scheme_row;
  AdwComboRow          *format_row;
};

G_DEFINE_FINAL_TYPE (WharfPreferencesWindow, wharf_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const color_scheme_nicks[] = { "follow", "light", "dark", NULL };
static const char * const format_nicks[] = { "yaml", "json", NULL };

static gboolean
nick_to_index (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      if (g_str_equal (nicks[i], nick))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
index_to_nick (const GValue       *value,
               const GVariantType *expected_type,
               gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) nicks))
    return NULL;

  return g_variant_new_string (nicks[index]);
}

static void
bind_combo_row (WharfPreferencesWindow *self,
                const char             *key,
                AdwComboRow            *row,
                const char * const     *nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                nick_to_index, index_to_nick,
                                (gpointer) nicks, NULL);
}

static void
wharf_preferences_window_dispose (GObject *object)
{
  WharfPreferencesWindow *self = WHARF_PREFERENCES_WINDOW (object);

  if (self->color_scheme_row != NULL)
    g_settings_unbind (self->color_scheme_row, "selected");
  if (self->format_row != NULL)
    g_settings_unbind (self->format_row, "selected");
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wharf_preferences_window_parent_class)->dispose (object);
}

static void
wharf_preferences_window_class_init (WharfPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, WharfPreferencesWindow, format_row);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wharf_preferences_window_init (WharfPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  bind_combo_row (self, "color-scheme", self->color_scheme_row, color_scheme_nicks);
  bind_combo_row (self, "default-format", self->format_row, format_nicks);
}

GtkWidget *
wharf_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (WHARF_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
