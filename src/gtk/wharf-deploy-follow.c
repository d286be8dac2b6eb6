/* wharf-deploy-follow.c: following a stack operation that this page did
 * not start (wharf-cli up in a terminal, another window, the console).
 *
 * When the page is shown idle, or its project or context changes, it
 * asks CloudFormation for the stack's status; an *_IN_PROGRESS status
 * replaces the message with an offer to follow the operation. Follow
 * attaches a WharfDeployment to it and waits like an own deployment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-deploy-page-private.h"

/* REVIEW_IN_PROGRESS is a stack created by a change set under review:
 * nothing runs, there is nothing to follow. */
static gboolean
status_is_running (const char *status)
{
  return status != NULL && g_str_has_suffix (status, "_IN_PROGRESS") &&
         !g_str_equal (status, "REVIEW_IN_PROGRESS");
}

/* Only an idle page on screen checks: nothing of its own would be
 * replaced, and a hidden page has no one to offer it to. */
static gboolean
can_check (WharfDeploymentPage *self)
{
  return self->project != NULL && self->session != NULL && !self->busy && self->dialog == NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (self)) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "message") == 0;
}

static void
checked (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(WharfDeploymentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfCfnStack) stack = wharf_cfn_describe_stack_finish (WHARF_AWS_CLIENT (source), result, &error);
  g_autofree char *description = NULL;

  /* A newer check, operation, project or context made this one stale. */
  if (g_task_get_cancellable (G_TASK (result)) != self->check_cancellable)
    return;
  g_clear_object (&self->check_cancellable);
  if (stack == NULL && !wharf_cfn_error_is_stack_missing (error))
    {
      /* No answer: whatever the page shows stays as it is. */
      g_debug ("Could not read the status of the stack: %s", error->message);
      return;
    }
  if (!can_check (self))
    return;
  if (stack == NULL || !status_is_running (stack->status))
    {
      /* An offer made earlier is out of date: the operation ended. */
      if (gtk_widget_get_visible (self->follow_button))
        _wharf_deploy_page_show_idle (self);
      return;
    }

  description = g_strdup_printf (_("Another program, such as wharf-cli in a terminal, is changing the stack "
                                   "“%s” (%s). Follow the operation to watch its events until it ends."),
                                 stack->stack_name, stack->status);
  _wharf_deploy_page_show_message (self, "emblem-synchronizing-symbolic", _("Operation in Progress"), description);
  /* Deploying now would only be refused: the stack is busy. */
  gtk_widget_set_visible (self->deploy_button, FALSE);
  gtk_widget_set_visible (self->follow_button, TRUE);
  g_free (self->follow_status);
  self->follow_status = g_strdup (stack->status);
}

void
_wharf_deploy_page_check_stack (WharfDeploymentPage *self)
{
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (!can_check (self))
    return;
  client = wharf_session_create_client (self->session, &error);
  if (client == NULL)
    {
      /* Deploy reports it, with its context. */
      g_debug ("No client to read the stack's status: %s", error->message);
      return;
    }
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  wharf_cfn_describe_stack_async (client, wharf_compose_project_get_name (self->project),
                                  self->check_cancellable, checked, g_object_ref (self));
}

static void
attached (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WharfDeploymentPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!_wharf_deploy_page_step_finish (self, source, result, &error))
    return;
  if (g_error_matches (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_NO_STACK))
    {
      g_autofree char *description = g_strdup_printf (_("There is no stack “%s” in this account and region"),
                                                      wharf_deployment_get_stack_name (self->deployment));

      _wharf_deploy_page_show_message (self, "send-to-symbolic", _("Not Deployed"), description);
      return;
    }
  if (error != NULL)
    {
      _wharf_deploy_page_show_error (self, error);
      return;
    }
  _wharf_deploy_page_start_wait (self);
}

void
_wharf_deploy_page_follow (WharfDeploymentPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(WharfDeployment) deployment = NULL;
  g_autofree char *status = NULL;
  g_autofree char *title = NULL;

  if (self->project == NULL || self->busy)
    return;
  client = wharf_session_create_client (self->session, &error);
  if (client == NULL)
    {
      _wharf_deploy_page_stop (self);
      _wharf_deploy_page_show_error (self, error);
      return;
    }
  /* Taking the deployment forgets the status the offer was made for. */
  status = g_steal_pointer (&self->follow_status);
  deployment = wharf_deployment_new (client, wharf_compose_project_get_name (self->project));
  _wharf_deploy_page_take (self, deployment, WHARF_DEPLOY_RUN_FOLLOW);
  self->follow_status = g_steal_pointer (&status);
  /* The stack's own settings decide what a failure does. */
  self->on_failure = WHARF_ON_FAILURE_ROLLBACK;

  title = g_strdup_printf (_("Following “%s”…"), wharf_deployment_get_stack_name (deployment));
  wharf_deploy_timeline_set_deployment (self->timeline, deployment);
  wharf_deploy_timeline_set_status (self->timeline, title, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "timeline");
  _wharf_deploy_page_run_step (self, wharf_deployment_attach, attached);
}

char *
_wharf_deploy_page_follow_title (WharfDeploymentPage *self,
                                 gboolean             ok)
{
  const char *name = wharf_deployment_get_stack_name (self->deployment);
  const char *status = wharf_deployment_get_stack_status (self->deployment);

  if (ok && g_strcmp0 (status, "CREATE_COMPLETE") == 0)
    return g_strdup_printf (_("Stack “%s” Created"), name);
  if (ok && g_strcmp0 (status, "DELETE_COMPLETE") == 0)
    return g_strdup_printf (_("Stack “%s” Deleted"), name);
  if (ok)
    return g_strdup_printf (_("Stack “%s” Updated"), name);
  if (self->cancel_requested)
    return g_strdup_printf (_("Update of “%s” Cancelled"), name);
  if (self->follow_status != NULL && g_str_has_prefix (self->follow_status, "DELETE_"))
    return g_strdup_printf (_("Deleting “%s” Failed"), name);
  return g_strdup_printf (_("Deploying “%s” Failed"), name);
}
