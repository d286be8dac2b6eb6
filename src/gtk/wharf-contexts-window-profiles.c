/* wharf-contexts-window-profiles.c: the AWS Profiles page of the Contexts
 * & Profiles window: list, create, edit, remove and test.
 *
 * Profiles come from the files the AWS CLI reads (AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials)
 * through WharfAwsProfileStore, which keeps comments and unknown keys and
 * writes the credentials file 0600. Secrets are write-only here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-contexts-window-private.h"
#include "wharf-profile-dialog.h"
#include "wharf-profile-row.h"
#include "wharf-profile-test.h"

static GtkWidget *
create_profile_row (gpointer item,
                    gpointer user_data)
{
  return wharf_profile_row_new (WHARF_AWS_PROFILE (item));
}

/* PATH with the home folder written "~", as people know these files. */
static char *
dup_display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize length = strlen (home);

  if (length > 1 && g_str_has_prefix (path, home) && path[length] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + length, NULL);
  return g_strdup (path);
}

void
_wharf_contexts_window_reload_profiles (WharfContextsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *config = dup_display_path (wharf_aws_profile_store_get_config_path (self->profiles));
  g_autofree char *credentials =
    dup_display_path (wharf_aws_profile_store_get_credentials_path (self->profiles));

  /* Translators: the two paths are the AWS config and credentials files */
  description = g_strdup_printf (_("Stored in “%s” and “%s”, where the AWS CLI reads them too."),
                                 config, credentials);
  if (!wharf_aws_profile_store_load (self->profiles, &error))
    {
      g_free (description);
      description = g_strdup (error->message);
    }
  adw_preferences_group_set_description (self->profiles_group, description);
}

static WharfProfileRow *
find_row (WharfContextsWindow *self,
          const char          *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->profiles_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (WHARF_IS_PROFILE_ROW (child) &&
        g_strcmp0 (wharf_aws_profile_get_name (wharf_profile_row_get_profile (WHARF_PROFILE_ROW (child))),
                   name) == 0)
      return WHARF_PROFILE_ROW (child);
  return NULL;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  WharfContextsWindow *self = WHARF_CONTEXTS_WINDOW (widget);

  _wharf_contexts_window_show_dialog (self, wharf_profile_dialog_new (GTK_WINDOW (self), self->profiles, NULL));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WharfContextsWindow *self = WHARF_CONTEXTS_WINDOW (widget);
  WharfAwsProfile *profile;

  _wharf_contexts_window_reload_profiles (self);
  profile = wharf_aws_profile_store_lookup (self->profiles, g_variant_get_string (parameter, NULL));
  if (profile == NULL)
    return;
  _wharf_contexts_window_show_dialog (self, wharf_profile_dialog_new (GTK_WINDOW (self), self->profiles, profile));
}

static void
remove_response (AdwMessageDialog    *dialog,
                 const char          *response,
                 WharfContextsWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "profile-name");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove"))
    return;
  if (!wharf_aws_profile_store_delete (self->profiles, name, &error))
    _wharf_contexts_window_toast (self, error->message);
}

/* How many ECS contexts name PROFILE: removing it breaks them. */
static guint
count_contexts_using (WharfContextsWindow *self,
                      const char          *profile)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WharfContext) context = g_list_model_get_item (model, i);

      if (wharf_context_is_ecs (context) &&
          wharf_context_get_credentials (context) == WHARF_CONTEXT_CREDENTIALS_PROFILE &&
          g_strcmp0 (wharf_context_get_profile (context), profile) == 0)
        count++;
    }
  return count;
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WharfContextsWindow *self = WHARF_CONTEXTS_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  guint users = count_contexts_using (self, name);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove Profile “%s”?"), name);
  if (users > 0)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    g_dngettext (GETTEXT_PACKAGE,
                                                 "Its sections leave the AWS config and credentials files, "
                                                 "keys included. %u context uses it and will stop working.",
                                                 "Its sections leave the AWS config and credentials files, "
                                                 "keys included. %u contexts use it and will stop working.",
                                                 users),
                                    users);
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("Its sections leave the AWS config and credentials files, keys "
                                   "included. The AWS CLI loses it too."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "profile-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response), self, 0);
  _wharf_contexts_window_show_dialog (self, GTK_WINDOW (dialog));
}

typedef struct {
  WharfContextsWindow *self;  /* weak: the window may close first */
  char                *name;
} TestData;

static void
test_data_free (TestData *data)
{
  g_clear_weak_pointer (&data->self);
  g_free (data->name);
  g_free (data);
}

static void
test_ready (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  TestData *data = user_data;
  WharfContextsWindow *self = data->self;
  g_autoptr(WharfStsIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  WharfProfileRow *row;
  GtkWidget *dialog;

  identity = wharf_profile_test_finish (result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      test_data_free (data);
      return;
    }
  row = find_row (self, data->name);
  if (row != NULL)
    wharf_profile_row_set_testing (row, FALSE);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  if (identity != NULL)
    {
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Profile “%s” Works"), data->name);
      /* Translators: the result of testing a profile; an account id and an ARN */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("Account: %s\nIdentity: %s"),
                                      identity->account, identity->arn);
    }
  else
    {
      g_autofree char *code = NULL;
      g_autofree char *sentence = NULL;

      wharf_profile_test_explain (error, &code, &sentence);
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Profile “%s” Failed"), data->name);
      /* Translators: an AWS error code, then what it means */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("%s\n\n%s"), code, sentence);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  _wharf_contexts_window_show_dialog (self, GTK_WINDOW (dialog));
  test_data_free (data);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WharfContextsWindow *self = WHARF_CONTEXTS_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  TestData *data = g_new0 (TestData, 1);
  WharfProfileRow *row = find_row (self, name);

  if (row != NULL)
    wharf_profile_row_set_testing (row, TRUE);
  g_set_weak_pointer (&data->self, self);
  data->name = g_strdup (name);
  wharf_profile_test_async (name, self->cancellable, test_ready, data);
}

void
_wharf_contexts_window_class_init_profiles (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "profiles.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "profiles.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "profiles.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "profiles.test", "s", test_action);
}

void
_wharf_contexts_window_init_profiles (WharfContextsWindow *self)
{
  g_autoptr(WharfAwsConfig) config = wharf_aws_config_new (NULL);
  GtkWidget *placeholder;

  self->profiles = wharf_aws_profile_store_new_for_config (config);
  placeholder = gtk_label_new (_("No AWS profiles yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->profiles_list, placeholder);
  gtk_list_box_bind_model (self->profiles_list, wharf_aws_profile_store_get_profiles (self->profiles),
                           create_profile_row, self, NULL);
  _wharf_contexts_window_reload_profiles (self);
}
