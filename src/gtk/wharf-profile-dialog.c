/* wharf-profile-dialog.c: the editor of an AWS profile.
 *
 * Changes go through WharfAwsProfileStore, which edits only the lines
 * concerned (comments and unknown keys stay), puts keys where the AWS CLI
 * does and writes atomically, the credentials file 0600.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-context-regions.h"
#include "wharf-profile-dialog.h"

struct _WharfProfileDialog
{
  AdwWindow             parent_instance;

  WharfAwsProfileStore *store;
  WharfAwsProfile      *profile;  /* NULL when creating */

  AdwWindowTitle       *window_title;
  GtkButton            *save_button;
  GtkLabel             *error_label;
  AdwEntryRow          *name_row;
  AdwComboRow          *region_row;
  AdwComboRow          *output_row;
  AdwPreferencesGroup  *keys_group;
  AdwEntryRow          *key_id_row;
  AdwPasswordEntryRow  *secret_row;
};

G_DEFINE_FINAL_TYPE (WharfProfileDialog, wharf_profile_dialog, ADW_TYPE_WINDOW)

/* The AWS CLI's output formats; the first item of the row is "none". */
static const char * const outputs[] = { "json", "yaml", "yaml-stream", "text", "table", NULL };

static const char *
selected_output (WharfProfileDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->output_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > G_N_ELEMENTS (outputs) - 1)
    return NULL;
  return outputs[selected - 1];
}

/* Adds KEY → VALUE to CHANGES when it differs from the profile's (NULL
 * VALUE removes the key). */
static void
add_change (WharfProfileDialog *self,
            GHashTable         *changes,
            const char         *key,
            const char         *value)
{
  const char *old = self->profile != NULL ? wharf_aws_profile_get_value (self->profile, key) : NULL;

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (old, value) == 0)
    return;
  if (self->profile == NULL && value == NULL)
    return;
  g_hash_table_insert (changes, (gpointer) key, g_strdup (value));
}

static void
name_changed (WharfProfileDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", *name != '\0');
}

static gboolean
save (WharfProfileDialog  *self,
      GError             **error)
{
  g_autoptr(GHashTable) changes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *key_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_id_row))));
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

  if (!wharf_aws_profile_name_is_valid (name))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot be a profile name: use letters, digits and “-_.@”"), name);
      return FALSE;
    }
  add_change (self, changes, "region", wharf_context_regions_get (self->region_row));
  add_change (self, changes, "output", selected_output (self));
  add_change (self, changes, "aws_access_key_id", key_id);
  /* Empty: keep the stored secret (it is never shown back). */
  if (*secret != '\0')
    g_hash_table_insert (changes, "aws_secret_access_key", g_strdup (secret));
  if (self->profile == NULL && (*key_id == '\0') != (*secret == '\0'))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_ARGUMENT,
                   _("Enter both the access key ID and the secret access key, or neither"));
      return FALSE;
    }
  if (self->profile == NULL)
    return wharf_aws_profile_store_create (self->store, name, changes, error);
  if (g_hash_table_size (changes) == 0)
    return TRUE;
  return wharf_aws_profile_store_edit (self->store, wharf_aws_profile_get_name (self->profile),
                                       changes, error);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WharfProfileDialog *self = WHARF_PROFILE_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  gboolean saved = save (self, &error);

  /* The secret leaves the widget as soon as it was used. */
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  if (!saved)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
wharf_profile_dialog_dispose (GObject *object)
{
  WharfProfileDialog *self = WHARF_PROFILE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WHARF_TYPE_PROFILE_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (wharf_profile_dialog_parent_class)->dispose (object);
}

static void
wharf_profile_dialog_class_init (WharfProfileDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_profile_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-profile-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfProfileDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, WharfProfileDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, WharfProfileDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WharfProfileDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, WharfProfileDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, WharfProfileDialog, output_row);
  gtk_widget_class_bind_template_child (widget_class, WharfProfileDialog, keys_group);
  gtk_widget_class_bind_template_child (widget_class, WharfProfileDialog, key_id_row);
  gtk_widget_class_bind_template_child (widget_class, WharfProfileDialog, secret_row);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wharf_profile_dialog_init (WharfProfileDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
wharf_profile_dialog_new (GtkWindow            *parent,
                          WharfAwsProfileStore *store,
                          WharfAwsProfile      *profile)
{
  WharfProfileDialog *self;
  g_autoptr(GtkStringList) output_list = gtk_string_list_new (NULL);
  const char *output = NULL;

  g_return_val_if_fail (WHARF_IS_AWS_PROFILE_STORE (store), NULL);
  g_return_val_if_fail (profile == NULL || WHARF_IS_AWS_PROFILE (profile), NULL);

  self = g_object_new (WHARF_TYPE_PROFILE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->profile = profile != NULL ? g_object_ref (profile) : NULL;

  /* Translators: no output format in the profile (the AWS CLI uses json) */
  gtk_string_list_append (output_list, _("Not set"));
  for (guint i = 0; outputs[i] != NULL; i++)
    gtk_string_list_append (output_list, outputs[i]);
  adw_combo_row_set_model (self->output_row, G_LIST_MODEL (output_list));

  if (profile != NULL)
    {
      const char *key_id = wharf_aws_profile_get_value (profile, "aws_access_key_id");

      gtk_window_set_title (GTK_WINDOW (self), _("Edit AWS Profile"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), wharf_aws_profile_get_name (profile));
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->key_id_row), key_id ? key_id : "");
      wharf_context_regions_setup_row (self->region_row, _("Not set"), wharf_aws_profile_get_region (profile));
      output = wharf_aws_profile_get_value (profile, "output");
      if (wharf_aws_profile_get_has_credentials (profile))
        adw_preferences_group_set_description (self->keys_group,
                                               _("The secret access key is never shown. Leave it "
                                                 "empty to keep the stored one."));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New AWS Profile"));
      gtk_button_set_label (self->save_button, _("Crea_te"));
      wharf_context_regions_setup_row (self->region_row, _("Not set"), NULL);
      adw_preferences_group_set_description (self->keys_group,
                                             _("Saved in the AWS credentials file, which only you can read."));
    }
  for (guint i = 0; output != NULL && outputs[i] != NULL; i++)
    if (g_str_equal (output, outputs[i]))
      adw_combo_row_set_selected (self->output_row, i + 1);
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  g_signal_connect_object (self->name_row, "changed",
                           G_CALLBACK (name_changed), self, G_CONNECT_SWAPPED);
  name_changed (self);
  return GTK_WINDOW (self);
}
