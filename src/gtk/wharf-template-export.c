/* wharf-template-export.c: "Export Stack File…" (template.export, Ctrl+S).
 *
 * Writes the previewed template as YAML or JSON (by the file's extension,
 * else the file type chosen in the dialog, else the format shown), with
 * g_file_replace_contents, which writes a temporary file and renames it:
 * an existing stack file is never left half written. Errors are toasts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-template-page-private.h"

G_DEFINE_QUARK (wharf-template-page-error-quark, wharf_template_page_error)

/* The format a file name asks for: FALLBACK unless it ends in .json,
 * .yaml or .yml. */
WharfTemplateFormat
wharf_template_page_format_for_file (GFile               *file,
                                     WharfTemplateFormat  fallback)
{
  g_autofree char *basename = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (G_IS_FILE (file), fallback);

  basename = g_file_get_basename (file);
  lower = g_ascii_strdown (basename != NULL ? basename : "", -1);
  if (g_str_has_suffix (lower, ".json"))
    return WHARF_TEMPLATE_FORMAT_JSON;
  if (g_str_has_suffix (lower, ".yaml") || g_str_has_suffix (lower, ".yml"))
    return WHARF_TEMPLATE_FORMAT_YAML;
  return fallback;
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * wharf_template_page_export_async:
 * @file: where to write
 * @format: YAML or JSON
 *
 * Writes the template shown to @file, atomically.
 */
void
wharf_template_page_export_async (WharfTemplatePage   *self,
                                  GFile               *file,
                                  WharfTemplateFormat  format,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *text;
  GBytes *bytes;

  g_return_if_fail (WHARF_IS_TEMPLATE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wharf_template_page_export_async);
  text = format == WHARF_TEMPLATE_FORMAT_JSON ? self->json : self->yaml;
  if (self->template == NULL || text == NULL)
    {
      g_task_return_new_error (task, WHARF_TEMPLATE_PAGE_ERROR, WHARF_TEMPLATE_PAGE_ERROR_NO_TEMPLATE,
                               _("There is no template to export"));
      return;
    }

  /* A copy: a newer conversion frees the page's text during the write. */
  bytes = g_bytes_new (text, strlen (text));
  g_task_set_task_data (task, bytes, (GDestroyNotify) g_bytes_unref);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cancellable, replace_contents_cb, g_steal_pointer (&task));
}

gboolean
wharf_template_page_export_finish (WharfTemplatePage  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
add_toast (WharfTemplatePage *self,
           const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  WharfTemplatePage *self = WHARF_TEMPLATE_PAGE (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = g_file_get_basename (file);

  if (!wharf_template_page_export_finish (self, result, &error))
    /* Translators: %s is the error, e.g. "Permission denied" */
    message = g_strdup_printf (_("Could not export the stack file: %s"), error->message);
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Exported “%s”"), name);
  add_toast (self, message);
}

/* Exports to the FILE chosen in the save dialog; FILTER_JSON tells
 * whether the JSON file type was chosen there. */
static void
export_chosen (WharfTemplatePage *self,
               GFile             *file,
               gboolean           filter_json)
{
  WharfTemplateFormat fallback = filter_json ? WHARF_TEMPLATE_FORMAT_JSON : self->format;

  wharf_template_page_export_async (self, file, wharf_template_page_format_for_file (file, fallback),
                                    NULL, export_cb, g_object_ref (file));
}

static char *
suggested_name (WharfTemplatePage *self)
{
  const char *name = self->project != NULL ? wharf_compose_project_get_name (self->project) : NULL;

  return g_strdup_printf ("%s.%s", name != NULL ? name : "stack",
                          self->format == WHARF_TEMPLATE_FORMAT_JSON ? "json" : "yaml");
}

static GtkFileFilter *
create_filter (const char *name,
               const char *suffixes)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_auto(GStrv) list = g_strsplit (suffixes, " ", -1);

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; list[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, list[i]);
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
save_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WharfTemplatePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);

  if (file != NULL)
    export_chosen (self, file, FALSE);
  else if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
           !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    add_toast (self, error->message);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WharfTemplatePage *self = WHARF_TEMPLATE_PAGE (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) yaml = create_filter (_("YAML"), "yaml yml");
  g_autoptr(GtkFileFilter) json = create_filter (_("JSON"), "json");
  g_autofree char *name = suggested_name (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->template == NULL)
    return;
  g_list_store_append (filters, yaml);
  g_list_store_append (filters, json);
  gtk_file_dialog_set_title (dialog, _("Export Stack File"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, self->format == WHARF_TEMPLATE_FORMAT_JSON ? json : yaml);
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                        save_dialog_cb, g_object_ref (self));
}

#else /* GTK < 4.10 */

static void
save_response_cb (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(WharfTemplatePage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        export_chosen (self, file, filter != NULL && filter == g_object_get_data (G_OBJECT (native), "json"));
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WharfTemplatePage *self = WHARF_TEMPLATE_PAGE (widget);
  g_autoptr(GtkFileFilter) yaml = create_filter (_("YAML"), "yaml yml");
  g_autoptr(GtkFileFilter) json = create_filter (_("JSON"), "json");
  g_autofree char *name = suggested_name (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;

  if (self->template == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Export Stack File"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), yaml);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), json);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native),
                               self->format == WHARF_TEMPLATE_FORMAT_JSON ? json : yaml);
  g_object_set_data_full (G_OBJECT (native), "json", g_object_ref (json), g_object_unref);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  if (self->project != NULL && wharf_compose_project_get_working_dir (self->project) != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (wharf_compose_project_get_working_dir (self->project));

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }
  /* The dialog keeps itself and the page alive until it answers. */
  g_signal_connect (native, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

void
_wharf_template_page_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "template.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "template.export", NULL);
}
