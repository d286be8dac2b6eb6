/* wharf-window-open.c: choosing Compose files, from a file chooser or by
 * dropping them on the window, or choosing a project folder.
 *
 * Inside Flatpak the portal grants the chosen files only; choosing the
 * folder grants the files beside them too (.env, overrides, env_file,
 * include, extends): see wharf-project-folder.c.
 *
 * GTK 4.10 replaced GtkFileChooserNative with GtkFileDialog; both go
 * through the file chooser portal inside Flatpak.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-project-folder.h"
#include "wharf-window-private.h"

static GtkFileFilter *
create_compose_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Compose Files"));
  gtk_file_filter_add_mime_type (filter, "application/yaml");
  gtk_file_filter_add_mime_type (filter, "application/x-yaml");
  gtk_file_filter_add_mime_type (filter, "text/yaml");
  gtk_file_filter_add_mime_type (filter, "text/x-yaml");
  gtk_file_filter_add_suffix (filter, "yaml");
  gtk_file_filter_add_suffix (filter, "yml");

  return filter;
}

static GtkFileFilter *
create_all_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");

  return filter;
}

/* Opens FILES here when this window shows no project, else lets the
 * application pick or create a window for them. */
static void
open_chosen_files (WharfWindow *self,
                   GListModel  *model)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (files, g_list_model_get_item (model, i));
  if (files->len == 0)
    return;

  if (self->files == NULL)
    {
      wharf_window_open_files (self, (GFile **) files->pdata, files->len);
    }
  else
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (app != NULL)
        g_application_open (G_APPLICATION (app), (GFile **) files->pdata, files->len, "");
      else
        wharf_window_open_files (self, (GFile **) files->pdata, files->len);
    }
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
file_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WharfWindow) self = user_data;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, &error);
  if (model == NULL)
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
          !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
        wharf_window_add_toast (self, error->message);
      return;
    }

  open_chosen_files (self, model);
}

void
_wharf_window_choose_files (WharfWindow *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) compose_filter = create_compose_filter ();
  g_autoptr(GtkFileFilter) all_filter = create_all_filter ();

  g_list_store_append (filters, compose_filter);
  g_list_store_append (filters, all_filter);
  gtk_file_dialog_set_title (dialog, _("Open Compose Files"));
  gtk_file_dialog_set_accept_label (dialog, _("_Open"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, compose_filter);
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), self->cancellable,
                                 file_dialog_cb, g_object_ref (self));
}

#else /* GTK < 4.10 */

static void
file_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(WharfWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) model = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      open_chosen_files (self, model);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
_wharf_window_choose_files (WharfWindow *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) compose_filter = create_compose_filter ();
  g_autoptr(GtkFileFilter) all_filter = create_all_filter ();

  native = gtk_file_chooser_native_new (_("Open Compose Files"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), compose_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), compose_filter);

  /* The dialog keeps itself and the window alive until it answers. */
  g_signal_connect (native, "response", G_CALLBACK (file_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

/* Opens the Compose files `docker compose` would use in FOLDER. */
void
_wharf_window_open_folder (WharfWindow *self,
                           GFile       *folder)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GListStore) files = NULL;

  g_return_if_fail (WHARF_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  paths = wharf_project_folder_find_files (folder, &error);
  if (paths == NULL)
    {
      wharf_window_add_toast (self, error->message);
      return;
    }
  files = g_list_store_new (G_TYPE_FILE);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      g_list_store_append (files, file);
    }
  open_chosen_files (self, G_LIST_MODEL (files));
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
folder_dialog_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WharfWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (object), result, &error);

  if (folder != NULL)
    _wharf_window_open_folder (self, folder);
  else if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
           !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    wharf_window_add_toast (self, error->message);
}

void
_wharf_window_choose_folder (WharfWindow *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Open Project Folder"));
  gtk_file_dialog_set_accept_label (dialog, _("_Open"));
  gtk_file_dialog_select_folder (dialog, GTK_WINDOW (self), self->cancellable,
                                 folder_dialog_cb, g_object_ref (self));
}

#else /* GTK < 4.10 */

static void
folder_chooser_response_cb (GtkNativeDialog *native,
                            int              response,
                            gpointer         user_data)
{
  g_autoptr(WharfWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (folder != NULL)
        _wharf_window_open_folder (self, folder);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
_wharf_window_choose_folder (WharfWindow *self)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Project Folder"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (folder_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         WharfWindow   *self)
{
  GdkFileList *file_list;
  g_autoptr(GListStore) model = NULL;
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  file_list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (file_list);
  if (files == NULL)
    return FALSE;

  /* A dropped folder opens like "Open Folder…". */
  if (files->next == NULL &&
      g_file_query_file_type (files->data, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      _wharf_window_open_folder (self, files->data);
      g_slist_free (files);
      return TRUE;
    }

  model = g_list_store_new (G_TYPE_FILE);
  for (GSList *l = files; l != NULL; l = l->next)
    g_list_store_append (model, l->data);
  g_slist_free (files);

  open_chosen_files (self, G_LIST_MODEL (model));

  return TRUE;
}

void
_wharf_window_setup_drop_target (WharfWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
