/* wharf-context-dialog.c: the editor of an ECS context.
 *
 * It does what `wharf-cli context create ecs` does, with the same checks
 * (valid name, existing profile, region for new keys) and through the
 * same core calls, so the files are the Docker CLI's and the AWS CLI's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-context-aws.h"
#include "wharf-context-dialog.h"
#include "wharf-context-regions.h"

struct _WharfContextDialog
{
  AdwWindow             parent_instance;

  WharfContextStore    *store;
  WharfAwsProfileStore *profiles;
  WharfContext         *context;  /* NULL when creating */

  AdwWindowTitle       *window_title;
  GtkButton            *save_button;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *credentials_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *description_row;
  AdwComboRow          *source_row;
  AdwComboRow          *profile_row;
  AdwEntryRow          *key_id_row;
  AdwPasswordEntryRow  *secret_row;
  AdwComboRow          *region_row;
};

G_DEFINE_FINAL_TYPE (WharfContextDialog, wharf_context_dialog, ADW_TYPE_WINDOW)

static WharfContextSource
get_source (WharfContextDialog *self)
{
  return (WharfContextSource) adw_combo_row_get_selected (self->source_row);
}

static void
source_changed (WharfContextDialog *self)
{
  WharfContextSource source = get_source (self);
  g_autofree char *region = g_strdup (wharf_context_regions_get (self->region_row));

  gtk_widget_set_visible (GTK_WIDGET (self->profile_row), source == WHARF_CONTEXT_SOURCE_PROFILE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_id_row), source == WHARF_CONTEXT_SOURCE_KEYS);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), source == WHARF_CONTEXT_SOURCE_KEYS);
  /* New keys make a profile, which needs a region; otherwise the region
   * may come from the profile or the environment. */
  switch (source)
    {
    case WHARF_CONTEXT_SOURCE_PROFILE:
      wharf_context_regions_setup_row (self->region_row, _("The profile’s region"), region);
      adw_preferences_group_set_description (self->credentials_group,
                                                               _("Wharf and the Docker CLI read the profile’s "
                                               "credentials from the AWS files each time they deploy."));
      break;

    case WHARF_CONTEXT_SOURCE_ENVIRONMENT:
      wharf_context_regions_setup_row (self->region_row, _("AWS_REGION of the environment"), region);
      adw_preferences_group_set_description (self->credentials_group,
                                             _("The credentials are read from AWS_ACCESS_KEY_ID and "
                                               "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) each time Wharf runs."));
      break;

    case WHARF_CONTEXT_SOURCE_KEYS:
    default:
      wharf_context_regions_setup_row (self->region_row, NULL, region);
      adw_preferences_group_set_description (self->credentials_group,
                                             _("The keys are saved as a new AWS profile named after the "
                                               "context, in the AWS credentials file that only you can read."));
      break;
    }
}

static void
name_changed (WharfContextDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", *name != '\0');
}

static void
show_error (WharfContextDialog *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* The secret is wiped from the entry once used, whatever the outcome. */
static void
clear_secret (WharfContextDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
}

static const char *
selected_profile (WharfContextDialog *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->profile_row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static gboolean
save (WharfContextDialog  *self,
      GError             **error)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->description_row));
  const char *region = wharf_context_regions_get (self->region_row);
  WharfContextSource source = get_source (self);
  const char *profile = NULL;
  g_autoptr(WharfContext) context = NULL;

  if (*description == '\0')
    description = NULL;
  if (self->context == NULL)
    {
      if (!wharf_context_name_is_valid (name, error))
        return FALSE;
      if (g_str_equal (name, WHARF_CONTEXT_DEFAULT_NAME))
        {
          g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID_NAME,
                       _("“%s” is a reserved context name"), name);
          return FALSE;
        }
    }

  if (source == WHARF_CONTEXT_SOURCE_KEYS)
    {
      g_autofree char *key_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_id_row))));
      const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

      if (*key_id == '\0' || *secret == '\0')
        {
          g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID,
                       _("Enter both the access key ID and the secret access key"));
          return FALSE;
        }
      context = wharf_context_store_create_from_keys (self->store, self->profiles, name, key_id, secret,
                                                      region, description, error);
      return context != NULL;
    }

  if (source == WHARF_CONTEXT_SOURCE_PROFILE)
    {
      profile = selected_profile (self);
      if (profile == NULL)
        {
          g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID,
                       _("There is no AWS profile yet: add one on the AWS Profiles page, or use new access keys"));
          return FALSE;
        }
      if (!wharf_context_check_profile (self->profiles, profile, error))
        return FALSE;
    }
  else if (description == NULL)
    /* Docker's integration described environment contexts this way. */
    description = "credentials read from environment";

  if (self->context != NULL)
    {
      /* Edit the file's own snapshot: keys Wharf does not know stay. */
      context = wharf_context_store_lookup (self->store, wharf_context_get_name (self->context), error);
      if (context == NULL)
        return FALSE;
      wharf_context_set_description (context, description);
      wharf_context_set_credentials (context,
                                     source == WHARF_CONTEXT_SOURCE_PROFILE ? WHARF_CONTEXT_CREDENTIALS_PROFILE
                                                                            : WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT,
                                     profile);
      wharf_context_set_region (context, region);
      return wharf_context_store_update (self->store, context, error);
    }
  context = wharf_context_new_ecs (name,
                                   source == WHARF_CONTEXT_SOURCE_PROFILE ? WHARF_CONTEXT_CREDENTIALS_PROFILE
                                                                          : WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT,
                                   profile, region, description);
  return wharf_context_store_create (self->store, context, error);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WharfContextDialog *self = WHARF_CONTEXT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  gboolean saved = save (self, &error);

  clear_secret (self);
  if (!saved)
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
wharf_context_dialog_dispose (GObject *object)
{
  WharfContextDialog *self = WHARF_CONTEXT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WHARF_TYPE_CONTEXT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->profiles);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (wharf_context_dialog_parent_class)->dispose (object);
}

static void
wharf_context_dialog_class_init (WharfContextDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_context_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-context-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfContextDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, WharfContextDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, WharfContextDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WharfContextDialog, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, WharfContextDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, WharfContextDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, WharfContextDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, WharfContextDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, WharfContextDialog, key_id_row);
  gtk_widget_class_bind_template_child (widget_class, WharfContextDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, WharfContextDialog, region_row);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wharf_context_dialog_init (WharfContextDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static GtkStringList *
profile_names (WharfAwsProfileStore *profiles)
{
  GListModel *model = wharf_aws_profile_store_get_profiles (profiles);
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WharfAwsProfile) profile = g_list_model_get_item (model, i);

      gtk_string_list_append (names, wharf_aws_profile_get_name (profile));
    }
  return names;
}

GtkWindow *
wharf_context_dialog_new (GtkWindow            *parent,
                          WharfContextStore    *store,
                          WharfAwsProfileStore *profiles,
                          WharfContext         *context)
{
  WharfContextDialog *self;
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) names = NULL;
  const char *profile = NULL;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (store), NULL);
  g_return_val_if_fail (WHARF_IS_AWS_PROFILE_STORE (profiles), NULL);
  g_return_val_if_fail (context == NULL || WHARF_IS_CONTEXT (context), NULL);

  self = g_object_new (WHARF_TYPE_CONTEXT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->profiles = g_object_ref (profiles);
  self->context = context != NULL ? g_object_ref (context) : NULL;

  gtk_string_list_append (sources, _("An AWS profile"));
  gtk_string_list_append (sources, _("Environment variables"));
  /* An existing context keeps its name, so it cannot become a new
   * profile named after it. */
  if (context == NULL)
    gtk_string_list_append (sources, _("New access keys"));
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (sources));
  names = profile_names (profiles);
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (names));

  if (context != NULL)
    {
      const char *description = wharf_context_get_description (context);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Context"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), wharf_context_get_name (context));
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->description_row), description ? description : "");
      profile = wharf_context_get_profile (context);
      adw_combo_row_set_selected (self->source_row,
                                  wharf_context_get_credentials (context) == WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT
                                    ? WHARF_CONTEXT_SOURCE_ENVIRONMENT : WHARF_CONTEXT_SOURCE_PROFILE);
      for (guint i = 0; profile != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (names)); i++)
        if (g_strcmp0 (gtk_string_list_get_string (names, i), profile) == 0)
          adw_combo_row_set_selected (self->profile_row, i);
      wharf_context_regions_setup_row (self->region_row, NULL, wharf_context_get_region (context));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New ECS Context"));
      gtk_button_set_label (self->save_button, _("Crea_te"));
      /* Without profiles, new keys are the likely way in. */
      if (g_list_model_get_n_items (G_LIST_MODEL (names)) == 0)
        adw_combo_row_set_selected (self->source_row, WHARF_CONTEXT_SOURCE_KEYS);
    }
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  /* Fills the region row for the source, keeping the region chosen. */
  source_changed (self);
  g_signal_connect_object (self->source_row, "notify::selected",
                           G_CALLBACK (source_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "changed",
                           G_CALLBACK (name_changed), self, G_CONNECT_SWAPPED);
  name_changed (self);
  return GTK_WINDOW (self);
}
