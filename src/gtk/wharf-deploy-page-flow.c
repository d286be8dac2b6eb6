/* wharf-deploy-page-flow.c: the steps of the deployment page: prepare,
 * execute or discard, wait, cancel an update, delete the stack.
 *
 * The blocking WharfDeployment steps run in worker threads; waiting runs
 * on the main context (the events model is filled there). Every call
 * holds a reference on the page and checks, when it ends, that its
 * deployment is still the current one: a newer operation, a new project
 * or context, or disposing the page cancels and forgets the old one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-aws-sts.h"
#include "wharf-deploy-format.h"
#include "wharf-deploy-page-private.h"

static void
step_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WharfDeployStepFunc func = (WharfDeployStepFunc) task_data;
  GError *error = NULL;

  if (func (source, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
_wharf_deploy_page_run_step (WharfDeploymentPage *self,
                             WharfDeployStepFunc  func,
                             GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (self->deployment, self->cancellable, callback, g_object_ref (self));

  g_task_set_source_tag (task, _wharf_deploy_page_run_step);
  g_task_set_task_data (task, (gpointer) func, NULL);
  self->busy = TRUE;
  _wharf_deploy_page_update_actions (self);
  g_task_run_in_thread (task, step_thread);
}

gboolean
_wharf_deploy_page_step_finish (WharfDeploymentPage  *self,
                                GObject              *source,
                                GAsyncResult         *result,
                                GError              **error)
{
  gboolean ok = g_task_propagate_boolean (G_TASK (result), error);

  if (source != (GObject *) self->deployment)
    return FALSE;
  self->busy = FALSE;
  _wharf_deploy_page_update_actions (self);
  return ok || !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static const char *
stack_name (WharfDeploymentPage *self)
{
  return wharf_deployment_get_stack_name (self->deployment);
}

/* ---- waiting ------------------------------------------------------------------ */

static void
waited (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(WharfDeploymentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean ok = wharf_deployment_wait_finish (WHARF_DEPLOYMENT (source), result, &error);

  if (source != (GObject *) self->deployment)
    return;
  self->busy = FALSE;
  self->waiting = FALSE;
  _wharf_deploy_page_update_actions (self);
  wharf_deploy_timeline_set_can_cancel (self->timeline, FALSE);

  if (ok && self->run == WHARF_DEPLOY_RUN_DOWN)
    {
      const char * const *retained = wharf_deployment_get_retained (self->deployment);

      title = g_strdup_printf (_("Stack “%s” Deleted"), stack_name (self));
      if (retained != NULL && retained[0] != NULL)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) retained);
          g_autofree char *note = g_strdup_printf (_("Kept file systems (their data survives the stack): %s"), list);

          wharf_deploy_timeline_set_note (self->timeline, note);
        }
    }
  else if (self->run == WHARF_DEPLOY_RUN_FOLLOW &&
           (ok || g_error_matches (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_FAILED)))
    {
      title = _wharf_deploy_page_follow_title (self, ok);
      if (!ok)
        wharf_deploy_timeline_show_failure (self->timeline, wharf_deployment_get_explanation (self->deployment),
                                            error->message, self->on_failure,
                                            wharf_deployment_get_stack_status (self->deployment));
    }
  else if (ok)
    {
      if (wharf_deployment_is_new_stack (self->deployment))
        title = g_strdup_printf (_("Stack “%s” Created"), stack_name (self));
      else if (self->cancel_requested)
        title = g_strdup_printf (_("Update of “%s” Cancelled"), stack_name (self));
      else
        title = g_strdup_printf (_("Stack “%s” Updated"), stack_name (self));
    }
  else if (g_error_matches (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_FAILED))
    {
      if (self->run == WHARF_DEPLOY_RUN_DOWN)
        title = g_strdup_printf (_("Deleting “%s” Failed"), stack_name (self));
      else if (self->cancel_requested)
        title = g_strdup_printf (_("Update of “%s” Cancelled"), stack_name (self));
      else
        title = g_strdup_printf (_("Deploying “%s” Failed"), stack_name (self));
      wharf_deploy_timeline_show_failure (self->timeline, wharf_deployment_get_explanation (self->deployment),
                                          error->message, self->on_failure,
                                          wharf_deployment_get_stack_status (self->deployment));
    }
  else
    {
      g_autofree char *detail = NULL;
      g_autofree char *sentence = wharf_deploy_format_error (error, &detail);
      g_autofree char *message = g_strdup_printf ("%s %s", sentence, detail);

      /* The operation goes on in AWS; only following it stopped. */
      title = g_strdup_printf (_("Stopped Following “%s”"), stack_name (self));
      wharf_deploy_timeline_show_failure (self->timeline, NULL, message, self->on_failure, NULL);
    }
  wharf_deploy_timeline_set_status (self->timeline, title, FALSE);
}

void
_wharf_deploy_page_start_wait (WharfDeploymentPage *self)
{
  self->busy = TRUE;
  self->waiting = TRUE;
  self->cancel_requested = FALSE;
  _wharf_deploy_page_update_actions (self);
  wharf_deploy_timeline_set_can_cancel (self->timeline, _wharf_deploy_page_can_cancel_update (self));
  wharf_deployment_wait_async (self->deployment, self->cancellable, waited, g_object_ref (self));
}

/* ---- prepare ------------------------------------------------------------------ */

static void
identity_found (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WharfDeploymentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfStsIdentity) identity = wharf_sts_get_caller_identity_finish (WHARF_AWS_CLIENT (source),
                                                                               result, &error);

  if (self->deployment == NULL || wharf_deployment_get_client (self->deployment) != (WharfAwsClient *) source)
    return;
  g_free (self->account);
  /* Not knowing the account does not stop a deployment: say so. */
  self->account = identity ? g_strdup (identity->account) : g_strdup (_("Unknown (GetCallerIdentity failed)"));
  wharf_deploy_review_set_account (self->review, self->account);
}

static void
prepared (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WharfDeploymentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = wharf_deployment_prepare_finish (WHARF_DEPLOYMENT (source), result, &error);
  g_autofree char *summary = NULL;

  if (source != (GObject *) self->deployment)
    return;
  self->busy = FALSE;
  _wharf_deploy_page_update_actions (self);
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _wharf_deploy_page_show_error (self, error);
      return;
    }
  if (!wharf_deployment_has_changes (self->deployment))
    {
      const char *message = wharf_deployment_get_message (self->deployment);

      _wharf_deploy_page_show_message (self, "object-select-symbolic", _("Up to Date"),
                                       message ? message : _("The stack already matches the project"));
      return;
    }
  summary = wharf_session_dup_summary (self->session);
  wharf_deploy_review_set_deployment (self->review, self->deployment, summary);
  if (self->account != NULL)
    wharf_deploy_review_set_account (self->review, self->account);
  gtk_stack_set_visible_child_name (self->stack, "review");
}

void
_wharf_deploy_page_prepare (WharfDeploymentPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsClient) client = wharf_session_create_client (self->session, &error);
  g_autoptr(WharfDeployment) deployment = NULL;

  if (client == NULL)
    {
      _wharf_deploy_page_stop (self);
      _wharf_deploy_page_show_error (self, error);
      return;
    }
  deployment = wharf_deployment_new (client, wharf_compose_project_get_name (self->project));
  wharf_deployment_set_project (deployment, wharf_compose_project_get_root (self->project));
  _wharf_deploy_page_take (self, deployment, WHARF_DEPLOY_RUN_UP);
  g_clear_pointer (&self->account, g_free);

  gtk_stack_set_visible_child_name (self->stack, "preparing");
  gtk_spinner_start (self->preparing_spinner);
  _wharf_deploy_page_show_step (self);
  self->busy = TRUE;
  _wharf_deploy_page_update_actions (self);
  wharf_deployment_prepare_async (deployment, self->cancellable, prepared, g_object_ref (self));
  wharf_sts_get_caller_identity_async (client, self->cancellable, identity_found, g_object_ref (self));
}

/* ---- execute, discard, cancel ------------------------------------------------ */

static void
executed (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WharfDeploymentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!_wharf_deploy_page_step_finish (self, source, result, &error))
    return;
  if (error != NULL)
    {
      _wharf_deploy_page_show_error (self, error);
      return;
    }
  if (wharf_deployment_is_new_stack (self->deployment))
    title = g_strdup_printf (_("Creating “%s”…"), stack_name (self));
  else
    title = g_strdup_printf (_("Updating “%s”…"), stack_name (self));
  wharf_deploy_timeline_set_status (self->timeline, title, TRUE);
  _wharf_deploy_page_start_wait (self);
}

void
_wharf_deploy_page_execute (WharfDeploymentPage *self)
{
  if (self->deployment == NULL || self->busy ||
      wharf_deployment_get_state (self->deployment) != WHARF_DEPLOYMENT_REVIEW)
    return;
  self->on_failure = wharf_deploy_review_get_on_failure (self->review);
  wharf_deployment_set_on_failure (self->deployment, self->on_failure);
  wharf_deploy_timeline_set_deployment (self->timeline, self->deployment);
  wharf_deploy_timeline_set_status (self->timeline, _("Executing the Change Set…"), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "timeline");
  _wharf_deploy_page_run_step (self, wharf_deployment_execute, executed);
}

static void
discarded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WharfDeploymentPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!_wharf_deploy_page_step_finish (self, source, result, &error))
    return;
  if (error != NULL)
    _wharf_deploy_page_show_error (self, error);
  else if (self->stale_review)
    _wharf_deploy_page_show_message (self, "send-to-symbolic", _("Change Set Discarded"),
                                     _("The project changed. Deploy again to review the new changes."));
  else
    _wharf_deploy_page_show_message (self, "send-to-symbolic", _("Change Set Discarded"),
                                     wharf_deployment_get_message (self->deployment));
}

void
_wharf_deploy_page_discard (WharfDeploymentPage *self)
{
  if (self->deployment == NULL || self->busy ||
      wharf_deployment_get_state (self->deployment) != WHARF_DEPLOYMENT_REVIEW)
    return;
  _wharf_deploy_page_run_step (self, wharf_deployment_discard, discarded);
}

void
_wharf_deploy_page_discard_stale (WharfDeploymentPage *self)
{
  /* A discard already on its way (the Discard button, an earlier
   * reload) goes on; it explains why when it ends. */
  self->stale_review = TRUE;
  if (self->busy)
    _wharf_deploy_page_update_actions (self);
  else
    _wharf_deploy_page_discard (self);
}

static void
drop_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  /* Best effort: the page moved on, nobody waits for the answer. */
  if (!wharf_deployment_discard (source, NULL, &error))
    g_debug ("Could not delete the change set under review: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

void
_wharf_deploy_page_drop_review (WharfDeploymentPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->deployment == NULL || self->busy || self->run != WHARF_DEPLOY_RUN_UP ||
      wharf_deployment_get_state (self->deployment) != WHARF_DEPLOYMENT_REVIEW)
    return;
  /* Not the page's cancellable: the page forgets the deployment now. */
  task = g_task_new (self->deployment, NULL, NULL, NULL);
  g_task_set_source_tag (task, _wharf_deploy_page_drop_review);
  g_task_run_in_thread (task, drop_thread);
}

static void
update_cancelled (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WharfDeploymentPage) self = user_data;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (source != (GObject *) self->deployment || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      g_autofree char *detail = NULL;
      g_autofree char *sentence = wharf_deploy_format_error (error, &detail);
      g_autofree char *note = g_strdup_printf (_("The update could not be cancelled. %s %s"), sentence, detail);

      self->cancel_requested = FALSE;
      wharf_deploy_timeline_set_note (self->timeline, note);
      wharf_deploy_timeline_set_can_cancel (self->timeline, self->waiting);
      return;
    }
  wharf_deploy_timeline_set_note (self->timeline,
                                  _("Cancelling the update: CloudFormation rolls the stack back to its previous state."));
}

void
_wharf_deploy_page_cancel_update (WharfDeploymentPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->deployment == NULL || !self->waiting || self->cancel_requested)
    return;
  /* Not a run_step(): the wait goes on and keeps the page busy. */
  self->cancel_requested = TRUE;
  wharf_deploy_timeline_set_can_cancel (self->timeline, FALSE);
  task = g_task_new (self->deployment, self->cancellable, update_cancelled, g_object_ref (self));
  g_task_set_source_tag (task, _wharf_deploy_page_cancel_update);
  g_task_set_task_data (task, (gpointer) wharf_deployment_cancel_update, NULL);
  g_task_run_in_thread (task, step_thread);
}

/* ---- delete the stack ---------------------------------------------------------- */

static void
down_started (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WharfDeploymentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!_wharf_deploy_page_step_finish (self, source, result, &error))
    return;
  if (g_error_matches (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_NO_STACK))
    {
      g_autofree char *description = g_strdup_printf (_("There is no stack “%s” in this account and region"),
                                                      stack_name (self));

      _wharf_deploy_page_show_message (self, "send-to-symbolic", _("Not Deployed"), description);
      return;
    }
  if (error != NULL)
    {
      _wharf_deploy_page_show_error (self, error);
      return;
    }
  title = g_strdup_printf (_("Deleting “%s”…"), stack_name (self));
  wharf_deploy_timeline_set_status (self->timeline, title, TRUE);
  _wharf_deploy_page_start_wait (self);
}

void
_wharf_deploy_page_start_down (WharfDeploymentPage *self,
                               WharfAwsClient      *client)
{
  g_autoptr(WharfDeployment) deployment = wharf_deployment_new (client, wharf_compose_project_get_name (self->project));
  g_autofree char *title = NULL;

  _wharf_deploy_page_take (self, deployment, WHARF_DEPLOY_RUN_DOWN);
  title = g_strdup_printf (_("Deleting “%s”…"), stack_name (self));
  wharf_deploy_timeline_set_deployment (self->timeline, deployment);
  wharf_deploy_timeline_set_status (self->timeline, title, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "timeline");
  _wharf_deploy_page_run_step (self, wharf_deployment_start_down, down_started);
}
