/* wharf-resources-window.c: the Secrets & Volumes window.
 *
 * Both lists are GtkStringLists (names, file system ids) bound to boxed
 * list boxes; the details live in hash tables refreshed with them. The
 * AWS side is in wharf-resources-window-ops.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-efs.h"
#include "wharf-aws-secrets.h"
#include "wharf-compose-project.h"
#include "wharf-deployment.h"
#include "wharf-resources-window-private.h"
#include "wharf-window.h"

G_DEFINE_FINAL_TYPE (WharfResourcesWindow, wharf_resources_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Delete confirmations. */
static void
delete_response (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  WharfResourcesWindow *self = user_data;
  const char *name = g_object_get_data (G_OBJECT (dialog), "wharf-name");
  WharfResourcesOp op = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "wharf-op"));

  if (g_str_equal (response, "delete"))
    _wharf_resources_window_run (self, op, name, NULL);
}

static void
confirm_delete (WharfResourcesWindow *self,
                WharfResourcesOp      op,
                const char           *name,
                const char           *label)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);

  if (op == WHARF_RESOURCES_DELETE_SECRET)
    {
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete Secret “%s”?"), label);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("The secret is deleted at once, without a recovery period. Services that read it will fail to start."));
    }
  else
    {
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete Volume “%s”?"), label);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("The file system %s and every file on it are deleted for good."), name);
    }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "wharf-name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (dialog), "wharf-op", GINT_TO_POINTER (op));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
delete_button (const char *action,
               const char *target,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

static GtkWidget *
secret_row (gpointer item,
            gpointer user_data)
{
  WharfResourcesWindow *self = user_data;
  const char *name = gtk_string_object_get_string (item);
  WharfSecret *secret = g_hash_table_lookup (self->secrets, name);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (secret != NULL && secret->description != NULL && *secret->description != '\0')
    subtitle = g_strdup (secret->description);
  else if (secret != NULL && secret->created_date != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (secret->created_date);
      g_autofree char *when = g_date_time_format (local, "%x %X");

      subtitle = g_strdup_printf (_("Created %s"), when);
    }
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (secret != NULL && secret->arn != NULL)
    gtk_widget_set_tooltip_text (row, secret->arn);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             delete_button ("resources.delete-secret", name, _("Delete Secret")));
  return row;
}

static GtkWidget *
volume_row (gpointer item,
            gpointer user_data)
{
  WharfResourcesWindow *self = user_data;
  const char *id = gtk_string_object_get_string (item);
  WharfEfsFileSystem *fs = g_hash_table_lookup (self->volumes, id);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  const char *name = fs != NULL && fs->name != NULL && *fs->name != '\0' ? fs->name : id;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: a file system id and its state ("available") */
  subtitle = g_strdup_printf (_("%s · %s"), id, fs != NULL && fs->life_cycle_state ? fs->life_cycle_state : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             delete_button ("resources.delete-volume", id, _("Delete Volume")));
  return row;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* Replaces the strings of LIST by the keys of TABLE, sorted. */
static void
refill (GtkStringList *list,
        GHashTable    *table,
        gboolean     (*keep) (gpointer value, gpointer user_data),
        gpointer       user_data)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (keep == NULL || keep (value, user_data))
      g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_names);
  g_ptr_array_add (keys, NULL);
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                          (const char * const *) keys->pdata);
}

void
_wharf_resources_window_set_secrets (WharfResourcesWindow *self,
                                     GPtrArray            *secrets)
{
  g_autoptr(GPtrArray) owned = secrets;

  g_hash_table_remove_all (self->secrets);
  /* the table takes the secrets */
  g_ptr_array_set_free_func (owned, NULL);
  for (guint i = 0; i < owned->len; i++)
    {
      WharfSecret *s = g_ptr_array_index (owned, i);

      g_hash_table_replace (self->secrets, s->name, s);
    }
  refill (self->secret_names, self->secrets, NULL, NULL);
}

static gboolean
volume_shown (gpointer value,
              gpointer user_data)
{
  WharfResourcesWindow *self = user_data;
  WharfEfsFileSystem *fs = value;

  if (self->project_name == NULL || !gtk_toggle_button_get_active (self->project_only_button))
    return TRUE;
  return fs->tags != NULL &&
         g_strcmp0 (g_hash_table_lookup (fs->tags, WHARF_DEPLOYMENT_TAG_PROJECT), self->project_name) == 0;
}

void
_wharf_resources_window_set_volumes (WharfResourcesWindow *self,
                                     GPtrArray            *volumes)
{
  g_autoptr(GPtrArray) owned = volumes;

  g_hash_table_remove_all (self->volumes);
  g_ptr_array_set_free_func (owned, NULL);
  for (guint i = 0; i < owned->len; i++)
    {
      WharfEfsFileSystem *fs = g_ptr_array_index (owned, i);

      g_hash_table_replace (self->volumes, fs->file_system_id, fs);
    }
  refill (self->volume_ids, self->volumes, volume_shown, self);
}

static void
project_only_toggled (WharfResourcesWindow *self)
{
  refill (self->volume_ids, self->volumes, volume_shown, self);
}

static void
create_secret_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WharfResourcesWindow *self = WHARF_RESOURCES_WINDOW (widget);
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->secret_name_row)));
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->secret_value_row));

  g_strstrip (name);
  if (*name == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->secret_name_row));
      return;
    }
  _wharf_resources_window_run (self, WHARF_RESOURCES_CREATE_SECRET, name, g_strdup (value));
  /* the value is never shown again, not even if creating fails */
  gtk_editable_set_text (GTK_EDITABLE (self->secret_value_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->secret_name_row), "");
}

static void
file_chosen (GtkNativeDialog *chooser,
             int              response,
             gpointer         user_data)
{
  WharfResourcesWindow *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* Secret files are small (Secrets Manager takes 64 KiB at most). */
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      goto out;
    }
  name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->secret_name_row)));
  g_strstrip (name);
  if (*name == '\0')
    {
      g_free (name);
      name = g_file_get_basename (file);
    }
  _wharf_resources_window_run (self, WHARF_RESOURCES_CREATE_SECRET, name, g_steal_pointer (&contents));
  gtk_editable_set_text (GTK_EDITABLE (self->secret_name_row), "");
out:
  g_object_unref (chooser);
}

static void
create_secret_from_file_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Create a Secret From a File"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Create"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chosen), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
delete_secret_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const char *name = g_variant_get_string (parameter, NULL);

  confirm_delete (WHARF_RESOURCES_WINDOW (widget), WHARF_RESOURCES_DELETE_SECRET, name, name);
}

static void
create_volume_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WharfResourcesWindow *self = WHARF_RESOURCES_WINDOW (widget);
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->volume_name_row)));

  g_strstrip (name);
  if (*name == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->volume_name_row));
      return;
    }
  _wharf_resources_window_run (self, WHARF_RESOURCES_CREATE_VOLUME, name, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->volume_name_row), "");
}

static void
delete_volume_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WharfResourcesWindow *self = WHARF_RESOURCES_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  WharfEfsFileSystem *fs = g_hash_table_lookup (self->volumes, id);

  confirm_delete (self, WHARF_RESOURCES_DELETE_VOLUME, id,
                  fs != NULL && fs->name != NULL && *fs->name != '\0' ? fs->name : id);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WharfResourcesWindow *self = WHARF_RESOURCES_WINDOW (widget);

  _wharf_resources_window_run (self, WHARF_RESOURCES_LIST_SECRETS, NULL, NULL);
  _wharf_resources_window_run (self, WHARF_RESOURCES_LIST_VOLUMES, NULL, NULL);
}

static void
value_activated (WharfResourcesWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "resources.create-secret", NULL);
}

static void
wharf_resources_window_dispose (GObject *object)
{
  WharfResourcesWindow *self = WHARF_RESOURCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (wharf_resources_window_parent_class)->dispose (object);
}

static void
wharf_resources_window_finalize (GObject *object)
{
  WharfResourcesWindow *self = WHARF_RESOURCES_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->secret_names);
  g_clear_object (&self->volume_ids);
  g_clear_pointer (&self->secrets, g_hash_table_unref);
  g_clear_pointer (&self->volumes, g_hash_table_unref);
  g_free (self->project_name);

  G_OBJECT_CLASS (wharf_resources_window_parent_class)->finalize (object);
}

static void
wharf_resources_window_class_init (WharfResourcesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_resources_window_dispose;
  object_class->finalize = wharf_resources_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-resources-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfResourcesWindow, secret_name_row);
  gtk_widget_class_bind_template_child (widget_class, WharfResourcesWindow, secret_value_row);
  gtk_widget_class_bind_template_child (widget_class, WharfResourcesWindow, secrets_list);
  gtk_widget_class_bind_template_child (widget_class, WharfResourcesWindow, secrets_spinner);
  gtk_widget_class_bind_template_child (widget_class, WharfResourcesWindow, volume_name_row);
  gtk_widget_class_bind_template_child (widget_class, WharfResourcesWindow, volumes_list);
  gtk_widget_class_bind_template_child (widget_class, WharfResourcesWindow, volumes_spinner);
  gtk_widget_class_bind_template_child (widget_class, WharfResourcesWindow, project_only_button);

  gtk_widget_class_install_action (widget_class, "resources.create-secret", NULL, create_secret_action);
  gtk_widget_class_install_action (widget_class, "resources.create-secret-from-file", NULL,
                                   create_secret_from_file_action);
  gtk_widget_class_install_action (widget_class, "resources.delete-secret", "s", delete_secret_action);
  gtk_widget_class_install_action (widget_class, "resources.create-volume", NULL, create_volume_action);
  gtk_widget_class_install_action (widget_class, "resources.delete-volume", "s", delete_volume_action);
  gtk_widget_class_install_action (widget_class, "resources.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "resources.refresh", NULL);
}

static void
wharf_resources_window_init (WharfResourcesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->secret_names = gtk_string_list_new (NULL);
  self->volume_ids = gtk_string_list_new (NULL);
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) wharf_secret_free);
  self->volumes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) wharf_efs_file_system_free);
  gtk_list_box_bind_model (self->secrets_list, G_LIST_MODEL (self->secret_names), secret_row, self, NULL);
  gtk_list_box_bind_model (self->volumes_list, G_LIST_MODEL (self->volume_ids), volume_row, self, NULL);
  gtk_list_box_set_placeholder (self->secrets_list, gtk_label_new (_("No secrets")));
  gtk_list_box_set_placeholder (self->volumes_list, gtk_label_new (_("No volumes")));
  g_signal_connect_swapped (self->project_only_button, "toggled", G_CALLBACK (project_only_toggled), self);
  g_signal_connect_swapped (self->secret_value_row, "entry-activated",
                            G_CALLBACK (value_activated), self);
}

WharfResourcesWindow *
wharf_resources_window_new (GtkWindow    *parent,
                            WharfSession *session,
                            const char   *project_name)
{
  WharfResourcesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WHARF_IS_SESSION (session), NULL);

  self = g_object_new (WHARF_TYPE_RESOURCES_WINDOW, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->project_name = g_strdup (project_name);
  gtk_widget_set_visible (GTK_WIDGET (self->project_only_button), project_name != NULL);
  gtk_toggle_button_set_active (self->project_only_button, project_name != NULL);
  refresh_action (GTK_WIDGET (self), NULL, NULL);
  return self;
}

GListModel *
wharf_resources_window_get_secrets (WharfResourcesWindow *self)
{
  g_return_val_if_fail (WHARF_IS_RESOURCES_WINDOW (self), NULL);
  return G_LIST_MODEL (self->secret_names);
}

GListModel *
wharf_resources_window_get_volumes (WharfResourcesWindow *self)
{
  g_return_val_if_fail (WHARF_IS_RESOURCES_WINDOW (self), NULL);
  return G_LIST_MODEL (self->volume_ids);
}

gboolean
wharf_resources_window_is_busy (WharfResourcesWindow *self)
{
  g_return_val_if_fail (WHARF_IS_RESOURCES_WINDOW (self), FALSE);
  return self->secrets_busy > 0 || self->volumes_busy > 0;
}

guint
wharf_resources_window_get_n_operations (WharfResourcesWindow *self)
{
  g_return_val_if_fail (WHARF_IS_RESOURCES_WINDOW (self), 0);
  return self->n_operations;
}

void
_wharf_window_show_resources (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  WharfWindow *window = WHARF_WINDOW (widget);
  GObject *project = wharf_window_get_project (window);
  const char *name = NULL;
  WharfResourcesWindow *resources;

  if (project != NULL && WHARF_IS_COMPOSE_PROJECT (project))
    name = wharf_compose_project_get_name (WHARF_COMPOSE_PROJECT (project));
  resources = wharf_resources_window_new (GTK_WINDOW (window), wharf_window_get_session (window), name);
  gtk_window_present (GTK_WINDOW (resources));
}
