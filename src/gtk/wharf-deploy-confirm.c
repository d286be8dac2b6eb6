/* wharf-deploy-confirm.c: "Delete Stack": list what the stack retains,
 * ask with an AdwMessageDialog naming the stack, then start the down.
 *
 * File systems have DeletionPolicy Retain (their data outlives the
 * stack), so the dialog lists them by reading the stack's resources
 * first; if that fails it still says that file systems are kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-deploy-format.h"
#include "wharf-deploy-page-private.h"

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GStrvBuilder) retained = g_strv_builder_new ();
  GError *error = NULL;

  resources = wharf_cfn_list_stack_resources (source, task_data, cancellable, &error);
  if (resources == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < resources->len; i++)
    {
      WharfCfnResourceSummary *r = g_ptr_array_index (resources, i);

      if (g_strcmp0 (r->resource_type, "AWS::EFS::FileSystem") == 0)
        {
          g_autofree char *line = g_strdup_printf ("%s (%s)", r->logical_resource_id,
                                                   r->physical_resource_id ? r->physical_resource_id : "—");

          g_strv_builder_add (retained, line);
        }
    }
  g_task_return_pointer (task, g_strv_builder_end (retained), (GDestroyNotify) g_strfreev);
}

static void
on_response (AdwMessageDialog    *dialog,
             const char          *response,
             WharfDeploymentPage *self)
{
  WharfAwsClient *client = g_object_get_data (G_OBJECT (dialog), "wharf-client");

  /* The dialog closes itself after this handler: starting the down
   * must not destroy it under its own feet. */
  self->dialog = NULL;
  if (g_strcmp0 (response, "delete") == 0 && self->project != NULL && !self->busy)
    _wharf_deploy_page_start_down (self, client);
  _wharf_deploy_page_update_actions (self);
}

static void
on_dialog_destroyed (WharfDeploymentPage *self)
{
  self->dialog = NULL;
  _wharf_deploy_page_update_actions (self);
}

static void
ask (WharfDeploymentPage *self,
     WharfAwsClient      *client,
     const char * const  *retained)
{
  const char *name = wharf_compose_project_get_name (self->project);
  g_autofree char *heading = g_strdup_printf (_("Delete Stack “%s”?"), name);
  g_autofree char *where = wharf_session_dup_summary (self->session);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_string_append_printf (body, _("Every resource of the stack “%s” (%s) is deleted: services, load balancer, "
                                  "cluster, roles and log groups. This cannot be undone."), name, where);
  g_string_append (body, "\n\n");
  if (retained != NULL && retained[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) retained);

      g_string_append_printf (body, _("Retained: the file systems %s keep their data (DeletionPolicy Retain) "
                                      "and can be deleted from the volumes list."), list);
    }
  else
    g_string_append (body, _("File systems with the Retain deletion policy, if any, keep their data."));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Stack"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "wharf-client", g_object_ref (client), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_response), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroyed), self, G_CONNECT_SWAPPED);
  self->dialog = GTK_WINDOW (dialog);
  _wharf_deploy_page_update_actions (self);
  gtk_window_present (self->dialog);
}

static void
listed (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(WharfDeploymentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) retained = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  _wharf_deploy_page_update_actions (self);
  if (self->project == NULL)
    return;
  if (error != NULL && wharf_cfn_error_is_stack_missing (error))
    {
      g_autofree char *description = g_strdup_printf (_("There is no stack “%s” in this account and region"),
                                                      wharf_compose_project_get_name (self->project));

      _wharf_deploy_page_show_message (self, "send-to-symbolic", _("Not Deployed"), description);
      return;
    }
  ask (self, WHARF_AWS_CLIENT (source), (const char * const *) retained);
}

void
_wharf_deploy_page_delete_stack (WharfDeploymentPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(GTask) task = NULL;

  if (self->project == NULL || self->busy || self->dialog != NULL)
    return;
  if (self->deployment != NULL)
    client = g_object_ref (wharf_deployment_get_client (self->deployment));
  else
    client = wharf_session_create_client (self->session, &error);
  if (client == NULL)
    {
      _wharf_deploy_page_show_error (self, error);
      return;
    }
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  self->busy = TRUE;
  _wharf_deploy_page_update_actions (self);
  task = g_task_new (client, self->cancellable, listed, g_object_ref (self));
  g_task_set_source_tag (task, _wharf_deploy_page_delete_stack);
  g_task_set_task_data (task, g_strdup (wharf_compose_project_get_name (self->project)), g_free);
  g_task_run_in_thread (task, list_thread);
}
