/* wharf-deployment-wait.c: following a stack operation to its end. Only
 * new events are read (paging stops at the last seen event id); the poll
 * interval is 1 s while events arrive and backs off to 5 s when idle;
 * throttling and network errors are retried with the same back-off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-deployment-private.h"

#define MAX_TRANSIENT_ERRORS 30

typedef struct {
  double   interval;
  guint    idle_polls;
  guint    transient_errors;
  gboolean final_poll;      /* the stack is terminal: read the last events */
  char    *terminal_status;
  GError  *failure;         /* kept while deleting after a failure */
} WaitData;

static void
wait_data_free (WaitData *data)
{
  g_free (data->terminal_status);
  g_clear_error (&data->failure);
  g_free (data);
}

static void poll_events (GTask *task);

static gboolean
on_timer (gpointer user_data)
{
  poll_events (user_data);
  return G_SOURCE_REMOVE;
}

static void
schedule (GTask  *task,
          double  seconds)
{
  g_autoptr(GSource) source = g_timeout_source_new ((guint) (seconds * 1000));

  g_source_set_callback (source, on_timer, task, NULL);
  g_source_attach (source, g_task_get_context (task));
}

static gboolean
is_transient (const GError *error)
{
  const char *code = wharf_aws_client_error_get_code (error);

  if (g_error_matches (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_THROTTLED) ||
      g_error_matches (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_NETWORK) ||
      g_error_matches (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE))
    return TRUE;
  if (code != NULL && (wharf_aws_retry_is_throttling_code (code) || wharf_aws_retry_is_transient_code (code)))
    return TRUE;
  return error->domain == WHARF_AWS_CLIENT_ERROR && wharf_aws_client_error_get_status (error) >= 500;
}

static const char *
stack_ref (WharfDeployment *self)
{
  return self->stack_id ? self->stack_id : self->stack_name;
}

static gboolean
status_is_success (WharfDeployment *self,
                   const char      *status)
{
  switch (self->operation)
    {
    case WHARF_OPERATION_CREATE:
      return g_strcmp0 (status, "CREATE_COMPLETE") == 0;
    case WHARF_OPERATION_UPDATE:
      return g_strcmp0 (status, "UPDATE_COMPLETE") == 0;
    case WHARF_OPERATION_DELETE:
      return g_strcmp0 (status, "DELETE_COMPLETE") == 0;
    case WHARF_OPERATION_NONE:
    default:
      return status != NULL && g_str_has_suffix (status, "_COMPLETE") && strstr (status, "ROLLBACK") == NULL;
    }
}

static void
explain_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  WharfDeployment *self = source;
  WaitData *data = task_data;

  g_clear_object (&self->explanation);
  self->explanation = wharf_failure_explain (self->client, self->stack_name, G_LIST_MODEL (self->events),
                                             data->terminal_status, NULL, 10, cancellable);
  /* --on-failure delete: the user asked for the stack to go. */
  if (self->on_failure == WHARF_ON_FAILURE_DELETE && self->operation != WHARF_OPERATION_DELETE)
    {
      if (wharf_cfn_delete_stack (self->client, stack_ref (self), NULL, NULL, cancellable, NULL))
        {
          self->operation = WHARF_OPERATION_DELETE;
          data->final_poll = FALSE;
          g_clear_pointer (&data->terminal_status, g_free);
          g_task_return_boolean (task, TRUE);
          return;
        }
    }
  g_task_return_boolean (task, FALSE);
}

static void
explained (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WaitData *data = g_task_get_task_data (task);

  /* TRUE: the failed stack is being deleted; follow that, then fail. */
  if (g_task_propagate_boolean (G_TASK (result), NULL))
    {
      data->interval = ((WharfDeployment *) source)->poll_active;
      schedule (g_steal_pointer (&task), data->interval);
      return;
    }
  wharf_deployment_set_state (WHARF_DEPLOYMENT (source), WHARF_DEPLOYMENT_FAILED);
  g_task_return_error (task, g_steal_pointer (&data->failure));
}

static void
finish (GTask *task)
{
  WharfDeployment *self = g_task_get_source_object (task);
  WaitData *data = g_task_get_task_data (task);
  g_autoptr(GTask) explain = NULL;

  g_free (self->stack_status);
  self->stack_status = g_strdup (data->terminal_status);
  if (data->failure != NULL)
    {
      /* The deletion that followed a failure ended. */
      wharf_deployment_set_state (self, WHARF_DEPLOYMENT_FAILED);
      g_task_return_error (task, g_steal_pointer (&data->failure));
      g_object_unref (task);
      return;
    }
  if (status_is_success (self, data->terminal_status))
    {
      wharf_deployment_set_state (self, WHARF_DEPLOYMENT_DONE);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  g_set_error (&data->failure, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_FAILED,
               _("stack %s ended in %s"), self->stack_name, data->terminal_status);
  explain = g_task_new (self, g_task_get_cancellable (task), explained, task);
  g_task_set_task_data (explain, data, NULL);
  g_task_run_in_thread (explain, explain_thread);
}

static gpointer
decode_stacks (WharfAwsResponse  *response,
               GError           **error)
{
  g_autofree char *token = NULL;

  return wharf_cfn_decode_describe_stacks (response, &token, error);
}

static void
stack_described (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  WharfDeployment *self = g_task_get_source_object (task);
  WaitData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stacks = wharf_aws_client_call_decoded_finish (WHARF_AWS_CLIENT (source), result, &error);
  const char *status = NULL;

  if (stacks == NULL)
    {
      if (wharf_cfn_error_is_stack_missing (error) && self->operation == WHARF_OPERATION_DELETE)
        status = "DELETE_COMPLETE";
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && is_transient (error) &&
               ++data->transient_errors < MAX_TRANSIENT_ERRORS)
        {
          schedule (task, data->interval);
          return;
        }
      else
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
    }
  else if (stacks->len > 0)
    status = ((WharfCfnStack *) g_ptr_array_index (stacks, 0))->status;
  data->transient_errors = 0;
  if (status != NULL && wharf_cfn_status_is_terminal (status))
    {
      g_free (data->terminal_status);
      data->terminal_status = g_strdup (status);
      if (!data->final_poll)
        {
          data->final_poll = TRUE;
          poll_events (task);
          return;
        }
      finish (task);
      return;
    }
  schedule (task, data->interval);
}

static void
check_stack (GTask *task)
{
  WharfDeployment *self = g_task_get_source_object (task);

  wharf_aws_client_call_decoded_async (self->client,
                                       wharf_cfn_describe_stacks_request (stack_ref (self), NULL),
                                       decode_stacks, (GDestroyNotify) g_ptr_array_unref,
                                       g_task_get_cancellable (task), stack_described, task);
}

static void
events_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  WharfDeployment *self = g_task_get_source_object (task);
  WaitData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = wharf_cfn_describe_new_stack_events_finish (WHARF_AWS_CLIENT (source), result, &error);
  gboolean stack_terminal = FALSE;
  guint added;

  if (events == NULL)
    {
      if (wharf_cfn_error_is_stack_missing (error) && self->operation == WHARF_OPERATION_DELETE)
        {
          g_free (data->terminal_status);
          data->terminal_status = g_strdup ("DELETE_COMPLETE");
          finish (task);
          return;
        }
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && is_transient (error) &&
          ++data->transient_errors < MAX_TRANSIENT_ERRORS)
        {
          data->interval = MIN (data->interval * 2, self->poll_idle_max);
          schedule (task, data->interval);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  data->transient_errors = 0;
  added = wharf_stack_event_tracker_add (self->tracker, self->events, events);
  if (data->final_poll)
    {
      finish (task);
      return;
    }
  for (guint i = 0; i < events->len; i++)
    {
      WharfCfnStackEvent *e = g_ptr_array_index (events, i);

      if (g_strcmp0 (e->resource_type, "AWS::CloudFormation::Stack") == 0 &&
          wharf_cfn_status_is_terminal (e->resource_status))
        stack_terminal = TRUE;
    }
  if (added > 0)
    {
      data->interval = self->poll_active;
      data->idle_polls = 0;
      g_object_notify (G_OBJECT (self), "progress");
    }
  else
    {
      data->idle_polls++;
      data->interval = MIN (data->interval * 1.5, self->poll_idle_max);
    }
  /* The stack's own terminal event, or a quiet stack: ask its status. */
  if (stack_terminal || data->idle_polls % 3 == 1)
    check_stack (task);
  else
    schedule (task, data->interval);
}

static void
poll_events (GTask *task)
{
  WharfDeployment *self = g_task_get_source_object (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  wharf_cfn_describe_new_stack_events_async (self->client, stack_ref (self),
                                             wharf_stack_event_tracker_get_last_id (self->tracker),
                                             g_task_get_cancellable (task), events_read, task);
}

void
wharf_deployment_wait_async (WharfDeployment     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  WaitData *data = g_new0 (WaitData, 1);

  g_task_set_source_tag (task, wharf_deployment_wait_async);
  data->interval = self->poll_active;
  g_task_set_task_data (task, data, (GDestroyNotify) wait_data_free);
  if (self->state != WHARF_DEPLOYMENT_WAITING)
    {
      g_task_return_new_error (task, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STATE,
                               _("no stack operation to wait for"));
      g_object_unref (task);
      return;
    }
  /* Attached: the operation's events so far, added here rather than in
   * attach's worker thread, the thread that owns the events model. */
  if (self->attached != NULL)
    {
      g_autoptr(GPtrArray) attached = g_steal_pointer (&self->attached);

      if (wharf_stack_event_tracker_add (self->tracker, self->events, attached) > 0)
        g_object_notify (G_OBJECT (self), "progress");
    }
  poll_events (task);
}

gboolean
wharf_deployment_wait_finish (WharfDeployment  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
wait_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
wharf_deployment_wait (WharfDeployment  *self,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_main_context_push_thread_default (context);
  wharf_deployment_wait_async (self, cancellable, wait_done, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  return wharf_deployment_wait_finish (self, result, error);
}
