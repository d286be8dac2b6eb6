/* wharf-deployment-execute.c: executing or discarding the reviewed change
 * set, cancelling an update, and the asynchronous variants of the steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-deployment-private.h"

gboolean
wharf_deployment_execute (WharfDeployment  *self,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();
  g_autoptr(WharfAwsResponse) response = NULL;

  if (self->state != WHARF_DEPLOYMENT_REVIEW || self->change_set == NULL)
    {
      g_set_error_literal (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STATE,
                           _("there is no change set to execute"));
      return FALSE;
    }
  if (!wharf_deployment_take_baseline (self, cancellable, error))
    return FALSE;
  wharf_deployment_set_state (self, WHARF_DEPLOYMENT_EXECUTING);
  wharf_deployment_set_started (self, NULL);
  wharf_aws_params_add (params, "ChangeSetName", self->change_set->change_set_id);
  if (self->on_failure == WHARF_ON_FAILURE_KEEP)
    wharf_aws_params_add (params, "DisableRollback", "true");
  response = wharf_aws_client_call (self->client,
                                    wharf_aws_request_new_query (WHARF_AWS_SERVICE_CLOUDFORMATION,
                                                                 "ExecuteChangeSet", params),
                                    cancellable, error);
  if (response == NULL)
    {
      wharf_deployment_set_state (self, WHARF_DEPLOYMENT_FAILED);
      return FALSE;
    }
  wharf_deployment_set_state (self, WHARF_DEPLOYMENT_WAITING);
  return TRUE;
}

gboolean
wharf_deployment_discard (WharfDeployment  *self,
                          GCancellable     *cancellable,
                          GError          **error)
{
  if (self->state != WHARF_DEPLOYMENT_REVIEW || self->change_set == NULL)
    {
      g_set_error_literal (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STATE,
                           _("there is no change set to discard"));
      return FALSE;
    }
  if (!wharf_cfn_delete_change_set (self->client, self->change_set->change_set_id, NULL, cancellable, error))
    return FALSE;
  g_free (self->message);
  self->message = g_strdup (_("Change set discarded; the stack was not changed."));
  wharf_deployment_set_state (self, WHARF_DEPLOYMENT_DONE);
  return TRUE;
}

gboolean
wharf_deployment_cancel_update (WharfDeployment  *self,
                                GCancellable     *cancellable,
                                GError          **error)
{
  return wharf_cfn_cancel_update_stack (self->client, self->stack_id ? self->stack_id : self->stack_name,
                                        NULL, cancellable, error);
}

/* ---- async wrappers ------------------------------------------------------------- */

static void
step_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WharfDeploymentStepFunc func = task_data;
  GError *error = NULL;

  if (func (source, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wharf_deployment_run_in_thread (WharfDeployment         *self,
                                WharfDeploymentStepFunc  func,
                                gpointer                 source_tag,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, func, NULL);
  g_task_run_in_thread (task, step_thread);
}

void
wharf_deployment_prepare_async (WharfDeployment     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  wharf_deployment_run_in_thread (self, wharf_deployment_prepare, wharf_deployment_prepare_async,
                                  cancellable, callback, user_data);
}

gboolean
wharf_deployment_prepare_finish (WharfDeployment  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
