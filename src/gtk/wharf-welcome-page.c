/* wharf-welcome-page.c: the page shown before a project is open.
 *
 * An AdwStatusPage with the app icon, an "Open Compose File…" button and
 * the recent projects from GSettings. Rows activate win.open-recent and
 * their remove button win.forget-recent, both with the project's file list
 * as target, so the page needs no signals of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-recent.h"
#include "wharf-welcome-page.h"

struct _WharfWelcomePage
{
  AdwBin               parent_instance;

  GSettings           *settings;
  GPtrArray           *recent_rows;

  AdwStatusPage       *status_page;
  AdwPreferencesGroup *recent_group;
};

G_DEFINE_FINAL_TYPE (WharfWelcomePage, wharf_welcome_page, ADW_TYPE_BIN)

static GtkWidget *
create_recent_row (const char * const *files)
{
  g_autoptr(GFile) file = g_file_new_for_path (files[0]);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = NULL;
  g_autofree char *path = wharf_format_path (files[0]);
  g_autofree char *subtitle = NULL;
  guint n_files = g_strv_length ((char **) files);
  GVariant *target = g_variant_new_strv (files, -1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* Projects are named after their folder, as docker compose names them. */
  name = folder != NULL ? g_file_get_basename (folder) : g_file_get_basename (file);
  if (n_files > 1)
    /* Translators: %s is a file path, %u how many more files the project has */
    subtitle = g_strdup_printf (ngettext ("%s and %u more file", "%s and %u more files", n_files - 1),
                                path, n_files - 1);
  else
    subtitle = g_strdup (path);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_add_css_class (row, "recent-project");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), target);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove From Recent Projects"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.forget-recent");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), target);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  return row;
}

static void
wharf_welcome_page_rebuild (WharfWelcomePage *self)
{
  g_autoptr(GVariant) projects = g_settings_get_value (self->settings, "recent-projects");
  gsize n = g_variant_n_children (projects);

  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);

  for (gsize i = 0; i < n && i < WHARF_RECENT_MAX; i++)
    {
      g_autoptr(GVariant) project = g_variant_get_child_value (projects, i);
      g_autofree const char **files = g_variant_get_strv (project, NULL);
      GtkWidget *row;

      if (files[0] == NULL)
        continue;
      row = create_recent_row (files);
      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->recent_rows->len > 0);
}

static void
on_recent_projects_changed (WharfWelcomePage *self,
                            const char       *key,
                            GSettings        *settings)
{
  wharf_welcome_page_rebuild (self);
}

static void
wharf_welcome_page_dispose (GObject *object)
{
  WharfWelcomePage *self = WHARF_WELCOME_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wharf_welcome_page_parent_class)->dispose (object);
}

static void
wharf_welcome_page_finalize (GObject *object)
{
  WharfWelcomePage *self = WHARF_WELCOME_PAGE (object);

  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (wharf_welcome_page_parent_class)->finalize (object);
}

static void
wharf_welcome_page_class_init (WharfWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_welcome_page_dispose;
  object_class->finalize = wharf_welcome_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, WharfWelcomePage, recent_group);
}

static void
wharf_welcome_page_init (WharfWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "welcome-page");

  self->recent_rows = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (on_recent_projects_changed), self,
                           G_CONNECT_SWAPPED);
  wharf_welcome_page_rebuild (self);
}

GtkWidget *
wharf_welcome_page_new (void)
{
  return g_object_new (WHARF_TYPE_WELCOME_PAGE, NULL);
}

guint
wharf_welcome_page_get_n_recent (WharfWelcomePage *self)
{
  g_return_val_if_fail (WHARF_IS_WELCOME_PAGE (self), 0);

  return self->recent_rows->len;
}

GtkWidget *
wharf_welcome_page_get_recent_row (WharfWelcomePage *self,
                                   guint             position)
{
  g_return_val_if_fail (WHARF_IS_WELCOME_PAGE (self), NULL);
  g_return_val_if_fail (position < self->recent_rows->len, NULL);

  return g_ptr_array_index (self->recent_rows, position);
}
