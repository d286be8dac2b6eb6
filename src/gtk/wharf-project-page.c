/* wharf-project-page.c: the project page of the main window.
 *
 * A toolbar (summary, profiles, env files) above sections chosen in a
 * sidebar: services, problems, networks, volumes, secrets and the Compose
 * files in -f order. The lists are in wharf-project-lists.c, the profiles
 * and env files (the window's load options) in wharf-project-options.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-project-page-private.h"
#include "wharf-recent.h"
#include "wharf-source-window.h"

G_DEFINE_FINAL_TYPE (WharfProjectPage, wharf_project_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FILES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wharf_project_page_rebuild_files (WharfProjectPage *self)
{
  for (guint i = 0; i < self->file_rows->len; i++)
    adw_preferences_group_remove (self->files_group, g_ptr_array_index (self->file_rows, i));
  g_ptr_array_set_size (self->file_rows, 0);

  for (guint i = 0; self->files != NULL && self->files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->files[i]);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *folder = wharf_format_folder (file);
      g_autofree char *prefix = g_strdup_printf ("%u", i + 1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *number = gtk_label_new (prefix);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), basename);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      gtk_widget_add_css_class (number, "dim-label");
      gtk_widget_add_css_class (number, "numeric");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), number);
      adw_preferences_group_add (self->files_group, row);
      g_ptr_array_add (self->file_rows, row);
    }
}

static void
wharf_project_page_dispose (GObject *object)
{
  WharfProjectPage *self = WHARF_PROJECT_PAGE (object);

  if (self->source_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->source_window), (gpointer *) &self->source_window);
      gtk_window_destroy (GTK_WINDOW (self->source_window));
      self->source_window = NULL;
    }

  G_OBJECT_CLASS (wharf_project_page_parent_class)->dispose (object);
}

static void
wharf_project_page_finalize (GObject *object)
{
  WharfProjectPage *self = WHARF_PROJECT_PAGE (object);

  g_clear_pointer (&self->files, g_strfreev);
  g_clear_pointer (&self->file_rows, g_ptr_array_unref);
  g_clear_object (&self->project);
  g_clear_object (&self->diagnostics);
  _wharf_project_page_finalize_options (self);

  G_OBJECT_CLASS (wharf_project_page_parent_class)->finalize (object);
}

static void
wharf_project_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WharfProjectPage *self = WHARF_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILES:
      g_value_set_boxed (value, self->files);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_project_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WharfProjectPage *self = WHARF_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILES:
      wharf_project_page_set_files (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_project_page_class_init (WharfProjectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_project_page_dispose;
  object_class->finalize = wharf_project_page_finalize;
  object_class->get_property = wharf_project_page_get_property;
  object_class->set_property = wharf_project_page_set_property;

  properties[PROP_FILES] =
    g_param_spec_boxed ("files", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-project-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, sections);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, files_group);
  _wharf_project_page_class_init_lists (widget_class);
  _wharf_project_page_class_init_options (widget_class);
}

static void
wharf_project_page_init (WharfProjectPage *self)
{
  self->file_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  _wharf_project_page_init_lists (self);
  _wharf_project_page_init_options (self);
  _wharf_project_page_update_lists (self);
}

GtkWidget *
wharf_project_page_new (void)
{
  return g_object_new (WHARF_TYPE_PROJECT_PAGE, NULL);
}

const char * const *
wharf_project_page_get_files (WharfProjectPage *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  return (const char * const *) self->files;
}

void
wharf_project_page_set_files (WharfProjectPage   *self,
                              const char * const *files)
{
  g_return_if_fail (WHARF_IS_PROJECT_PAGE (self));

  if (files == (const char * const *) self->files)
    return;
  if (files != NULL && self->files != NULL &&
      g_strv_equal (files, (const char * const *) self->files))
    return;

  g_clear_pointer (&self->files, g_strfreev);
  self->files = g_strdupv ((char **) files);
  /* Profiles and env files belong to the project they were chosen for. */
  _wharf_project_page_reset_options (self);
  wharf_project_page_rebuild_files (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILES]);
}

guint
wharf_project_page_get_n_file_rows (WharfProjectPage *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), 0);

  return self->file_rows->len;
}

/**
 * wharf_project_page_set_project:
 * @project: (nullable): the loaded project
 * @diagnostics: (nullable): the diagnostics of the last load (kept even
 *   when the load failed and @project is %NULL)
 *
 * Shows the services, networks, volumes, secrets and diagnostics.
 */
void
wharf_project_page_set_project (WharfProjectPage    *self,
                                WharfComposeProject *project,
                                GListModel          *diagnostics)
{
  g_return_if_fail (WHARF_IS_PROJECT_PAGE (self));
  g_return_if_fail (project == NULL || WHARF_IS_COMPOSE_PROJECT (project));
  g_return_if_fail (diagnostics == NULL || G_IS_LIST_MODEL (diagnostics));

  g_set_object (&self->project, project);
  g_set_object (&self->diagnostics, diagnostics);
  _wharf_project_page_update_lists (self);
  _wharf_project_page_update_profiles (self);
}

WharfComposeProject *
wharf_project_page_get_project (WharfProjectPage *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  return self->project;
}

/* The list view of GROUP ("services", "networks", "volumes", "secrets"
 * or "diagnostics"), for tests. */
GtkGridView *
wharf_project_page_get_list (WharfProjectPage *self,
                             const char       *group)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  if (g_str_equal (group, "services"))
    return self->services_view;
  if (g_str_equal (group, "networks"))
    return self->networks_view;
  if (g_str_equal (group, "volumes"))
    return self->volumes_view;
  if (g_str_equal (group, "secrets"))
    return self->secrets_view;
  if (g_str_equal (group, "diagnostics"))
    return self->diagnostics_view;
  g_return_val_if_reached (NULL);
}

/* The diagnostics of the last load, or %NULL. */
GListModel *
wharf_project_page_get_diagnostics (WharfProjectPage *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  return self->diagnostics;
}
