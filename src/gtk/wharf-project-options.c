/* wharf-project-options.c: the profiles and env files chosen on the
 * project page.
 *
 * They are the loader's --profile and --env-file options for this
 * window's project: wharf-window-load.c reads them with
 * wharf_project_page_apply_load_options(), and every change reloads the
 * project (win.reload). They are forgotten when another project opens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-project-page-private.h"
#include "wharf-recent.h"

static void
request_reload (WharfProjectPage *self)
{
  /* Outside a window (tests of the page alone) there is nothing to reload. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);
}

/* For arrays of strings: A and B point to the elements. */
static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
update_button_labels (WharfProjectPage *self)
{
  guint n_profiles = g_hash_table_size (self->active_profiles);
  guint n_env_files = g_list_model_get_n_items (G_LIST_MODEL (self->env_files));
  g_autofree char *profiles = NULL;
  g_autofree char *env_files = NULL;

  /* Translators: the profiles button with the number of active profiles */
  profiles = n_profiles > 0 ? g_strdup_printf (_("Profiles (%u)"), n_profiles) : g_strdup (_("Profiles"));
  /* Translators: the env files button with the number of env files */
  env_files = n_env_files > 0 ? g_strdup_printf (_("Env Files (%u)"), n_env_files) : g_strdup (_("Env Files"));
  gtk_menu_button_set_label (self->profiles_button, profiles);
  gtk_menu_button_set_label (self->env_files_button, env_files);
}

static void
on_profile_toggled (GtkCheckButton   *check,
                    WharfProjectPage *self)
{
  const char *profile = g_object_get_data (G_OBJECT (check), "profile");

  wharf_project_page_set_profile_active (self, profile, gtk_check_button_get_active (check));
}

static void
rebuild_profiles (WharfProjectPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->profiles_list))) != NULL)
    gtk_list_box_remove (self->profiles_list, child);

  for (guint i = 0; self->all_profiles != NULL && self->all_profiles[i] != NULL; i++)
    {
      const char *profile = self->all_profiles[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), profile);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_hash_table_contains (self->active_profiles, profile));
      g_object_set_data_full (G_OBJECT (check), "profile", g_strdup (profile), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_profile_toggled), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->profiles_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->profiles_list), self->all_profiles != NULL && self->all_profiles[0] != NULL);
  gtk_widget_set_visible (self->profiles_empty, self->all_profiles == NULL || self->all_profiles[0] == NULL);
}

/* The profiles of the loaded project, plus the active ones it may no
 * longer declare (or a failed load did not report), so they can be
 * switched off. */
void
_wharf_project_page_update_profiles (WharfProjectPage *self)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  g_auto(GStrv) all = NULL;

  if (self->project != NULL)
    {
      const char * const *declared = wharf_compose_project_get_all_profiles (self->project);

      for (guint i = 0; declared != NULL && declared[i] != NULL; i++)
        g_ptr_array_add (profiles, (gpointer) declared[i]);
    }
  else
    {
      for (guint i = 0; self->all_profiles != NULL && self->all_profiles[i] != NULL; i++)
        g_ptr_array_add (profiles, self->all_profiles[i]);
    }
  g_hash_table_iter_init (&iter, self->active_profiles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_ptr_array_find_with_equal_func (profiles, key, g_str_equal, NULL))
      g_ptr_array_add (profiles, key);
  g_ptr_array_sort (profiles, compare_strings);
  g_ptr_array_add (profiles, NULL);
  all = g_strdupv ((char **) profiles->pdata);

  if (self->all_profiles != NULL && g_strv_equal ((const char * const *) all,
                                                  (const char * const *) self->all_profiles))
    return;
  g_strfreev (self->all_profiles);
  self->all_profiles = g_steal_pointer (&all);
  rebuild_profiles (self);
}

static void
on_remove_env_file_clicked (GtkButton        *button,
                            WharfProjectPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  if (row != NULL)
    wharf_project_page_remove_env_file (self, (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}

static GtkWidget *
create_env_file_row (gpointer item,
                     gpointer user_data)
{
  WharfProjectPage *self = user_data;
  const char *path = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *folder = wharf_format_folder (file);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), basename);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  gtk_widget_set_tooltip_text (row, path);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_env_file_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
on_env_files_changed (WharfProjectPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->env_files_list),
                          g_list_model_get_n_items (G_LIST_MODEL (self->env_files)) > 0);
  update_button_labels (self);
}

static void
env_file_chosen (WharfProjectPage *self,
                 GFile            *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    wharf_project_page_add_env_file (self, path);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
file_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WharfProjectPage) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    env_file_chosen (self, file);
}

static void
add_env_file_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_file_dialog_set_title (dialog, _("Add Env File"));
  gtk_file_dialog_set_accept_label (dialog, _("_Add"));
  gtk_file_dialog_open (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                        file_dialog_cb, g_object_ref (widget));
}

#else /* GTK < 4.10 */

static void
file_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(WharfProjectPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        env_file_chosen (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
add_env_file_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Add Env File"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* The dialog keeps itself and the page alive until it answers. */
  g_signal_connect (native, "response", G_CALLBACK (file_chooser_response_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

void
_wharf_project_page_reset_options (WharfProjectPage *self)
{
  g_hash_table_remove_all (self->active_profiles);
  g_clear_pointer (&self->all_profiles, g_strfreev);
  rebuild_profiles (self);
  gtk_string_list_splice (self->env_files, 0, g_list_model_get_n_items (G_LIST_MODEL (self->env_files)), NULL);
  update_button_labels (self);
}

void
_wharf_project_page_init_options (WharfProjectPage *self)
{
  self->active_profiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->env_files = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->env_files_list, G_LIST_MODEL (self->env_files),
                           create_env_file_row, self, NULL);
  g_signal_connect_object (self->env_files, "items-changed",
                           G_CALLBACK (on_env_files_changed), self, G_CONNECT_SWAPPED);
  rebuild_profiles (self);
  update_button_labels (self);
}

void
_wharf_project_page_finalize_options (WharfProjectPage *self)
{
  g_clear_pointer (&self->all_profiles, g_strfreev);
  g_clear_pointer (&self->active_profiles, g_hash_table_unref);
  g_clear_object (&self->env_files);
}

void
_wharf_project_page_class_init_options (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, profiles_button);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, profiles_list);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, profiles_empty);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, env_files_button);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, env_files_list);
  gtk_widget_class_install_action (widget_class, "project.add-env-file", NULL, add_env_file_action);
}

/* Every profile the services declare (and the active ones), sorted. */
const char * const *
wharf_project_page_get_all_profiles (WharfProjectPage *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  return (const char * const *) self->all_profiles;
}

/* The active profiles, sorted. */
GStrv
wharf_project_page_dup_active_profiles (WharfProjectPage *self)
{
  g_autofree const char **keys = NULL;
  guint n = 0;

  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->active_profiles, &n);
  qsort (keys, n, sizeof (char *), compare_strings);
  return g_strdupv ((char **) keys);
}

void
wharf_project_page_set_profile_active (WharfProjectPage *self,
                                       const char       *profile,
                                       gboolean          active)
{
  gboolean changed;

  g_return_if_fail (WHARF_IS_PROJECT_PAGE (self));
  g_return_if_fail (profile != NULL);

  if (active)
    changed = g_hash_table_add (self->active_profiles, g_strdup (profile));
  else
    changed = g_hash_table_remove (self->active_profiles, profile);
  if (!changed)
    return;

  /* Keep the check buttons in step when the change came from elsewhere. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->profiles_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      if (check != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (check), "profile"), profile) == 0)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
    }
  update_button_labels (self);
  request_reload (self);
}

/* The env files (GtkStringObject paths) in --env-file order. */
GListModel *
wharf_project_page_get_env_files (WharfProjectPage *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  return G_LIST_MODEL (self->env_files);
}

/* Appends PATH: its variables override those of the files before it. */
void
wharf_project_page_add_env_file (WharfProjectPage *self,
                                 const char       *path)
{
  g_return_if_fail (WHARF_IS_PROJECT_PAGE (self));
  g_return_if_fail (path != NULL);

  gtk_string_list_append (self->env_files, path);
  request_reload (self);
}

void
wharf_project_page_remove_env_file (WharfProjectPage *self,
                                    guint             position)
{
  g_return_if_fail (WHARF_IS_PROJECT_PAGE (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->env_files)))
    return;
  gtk_string_list_remove (self->env_files, position);
  request_reload (self);
}

/* Adds the chosen profiles and env files to OPTIONS. */
void
wharf_project_page_apply_load_options (WharfProjectPage        *self,
                                       WharfComposeLoadOptions *options)
{
  g_auto(GStrv) profiles = NULL;
  guint n_env_files;

  g_return_if_fail (WHARF_IS_PROJECT_PAGE (self));
  g_return_if_fail (options != NULL);

  profiles = wharf_project_page_dup_active_profiles (self);
  for (guint i = 0; profiles[i] != NULL; i++)
    wharf_compose_load_options_add_profile (options, profiles[i]);
  n_env_files = g_list_model_get_n_items (G_LIST_MODEL (self->env_files));
  for (guint i = 0; i < n_env_files; i++)
    wharf_compose_load_options_add_env_file (options, gtk_string_list_get_string (self->env_files, i));
}
