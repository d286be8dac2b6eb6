/* wharf-deployment-attach.c: following a stack operation that someone
 * else started (wharf-cli up -d, another window, the console).
 *
 * The stack's history holds every earlier operation too, so attaching
 * looks for the stack's own event that began the current operation and
 * keeps only the events from there on; that event's time is when the
 * operation started. DescribeStackEvents lists the newest first, so the
 * search stops on the page that holds that event instead of reading the
 * whole history of a long-lived stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-deployment-private.h"

typedef struct {
  WharfDeployment    *self;
  GPtrArray          *events;   /* newest first, down to the start */
  WharfCfnStackEvent *start;    /* in events */
} Search;

/* The statuses that begin an operation. Rollbacks (ROLLBACK_,
 * UPDATE_ROLLBACK_, IMPORT_ROLLBACK_…, also after CancelUpdateStack,
 * ContinueUpdateRollback or RollbackStack) and cleanups
 * (…_CLEANUP_IN_PROGRESS) are part of the operation they follow, so the
 * search goes on past them; REVIEW_IN_PROGRESS is the empty stack of a
 * change set, where nothing runs yet. */
static gboolean
starts_operation (const char *status)
{
  static const char * const starts[] = {
    "CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "DELETE_IN_PROGRESS", "IMPORT_IN_PROGRESS", NULL,
  };

  return status != NULL && g_strv_contains (starts, status);
}

/* The stack's own events, not those of a nested stack (same type, but
 * the logical id of the resource in this template). */
static gboolean
is_own_stack_event (WharfDeployment    *self,
                    WharfCfnStackEvent *e)
{
  if (g_strcmp0 (e->resource_type, "AWS::CloudFormation::Stack") != 0 ||
      g_strcmp0 (e->logical_resource_id, self->stack_name) != 0)
    return FALSE;
  return self->stack_id == NULL || e->physical_resource_id == NULL ||
         g_str_equal (e->physical_resource_id, self->stack_id);
}

static WharfAwsRequest *
search_request (const char *token,
                gpointer    user_data)
{
  Search *search = user_data;
  WharfDeployment *self = search->self;

  return wharf_cfn_describe_stack_events_request (self->stack_id ? self->stack_id : self->stack_name, token);
}

static gboolean
search_page (WharfAwsResponse  *response,
             char             **out_next_token,
             gpointer           user_data,
             GError           **error)
{
  Search *search = user_data;
  g_autoptr(GPtrArray) page = wharf_cfn_decode_stack_events (response, out_next_token, error);

  if (page == NULL)
    return FALSE;
  for (guint i = 0; i < page->len; i++)
    {
      WharfCfnStackEvent *e = g_ptr_array_index (page, i);

      page->pdata[i] = NULL;
      g_ptr_array_add (search->events, e);
      if (is_own_stack_event (search->self, e) && starts_operation (e->resource_status))
        {
          /* Everything older belongs to earlier operations. */
          search->start = e;
          g_clear_pointer (out_next_token, g_free);
          break;
        }
    }
  return TRUE;
}

static WharfOperation
operation_of_status (const char *status)
{
  if (g_str_has_prefix (status, "CREATE_") || g_str_has_prefix (status, "ROLLBACK_"))
    return WHARF_OPERATION_CREATE;
  if (g_str_has_prefix (status, "UPDATE_"))
    return WHARF_OPERATION_UPDATE;
  if (g_str_has_prefix (status, "DELETE_"))
    return WHARF_OPERATION_DELETE;
  return WHARF_OPERATION_NONE;
}

/* Reads the events of the current operation into self->attached (oldest
 * first) and sets the operation and its start from the event that
 * began it. */
static gboolean
find_operation (WharfDeployment  *self,
                const char       *stack_status,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_cfn_stack_event_free);
  Search search = { self, events, NULL };

  if (!wharf_aws_client_paginate (self->client, search_request, search_page, &search, 0, cancellable, error))
    return FALSE;
  /* Without a start (a history cut short), the stack's status still
   * tells the kind of operation, and every event read is shown. */
  self->operation = operation_of_status (search.start ? search.start->resource_status : stack_status);
  if (search.start != NULL && search.start->timestamp != NULL)
    wharf_deployment_set_started (self, search.start->timestamp);
  for (guint i = 0; i < events->len / 2; i++)
    {
      gpointer tmp = events->pdata[i];

      events->pdata[i] = events->pdata[events->len - 1 - i];
      events->pdata[events->len - 1 - i] = tmp;
    }
  g_clear_pointer (&self->attached, g_ptr_array_unref);
  self->attached = g_steal_pointer (&events);
  return TRUE;
}

gboolean
wharf_deployment_attach (WharfDeployment  *self,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(WharfCfnStack) stack = NULL;
  g_autoptr(GError) local = NULL;

  if (self->state != WHARF_DEPLOYMENT_IDLE)
    {
      g_set_error_literal (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STATE,
                           _("the deployment is already in use"));
      return FALSE;
    }
  stack = wharf_deployment_describe (self, cancellable, error);
  if (stack == NULL)
    return FALSE;
  if (!find_operation (self, stack->status, cancellable, &local))
    {
      /* Deleted between the two calls: nothing left to follow. */
      if (wharf_cfn_error_is_stack_missing (local))
        g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_NO_STACK,
                     _("stack %s does not exist"), self->stack_name);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  wharf_deployment_set_state (self, WHARF_DEPLOYMENT_WAITING);
  return TRUE;
}
