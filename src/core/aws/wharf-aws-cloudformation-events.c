/* wharf-aws-cloudformation-events.c: stack events (with the "only new
 * events" reader the deployment watcher polls) and stack resources.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-client-private.h"
#include "wharf-aws-cloudformation.h"

#define CFN WHARF_AWS_SERVICE_CLOUDFORMATION

void
wharf_cfn_resource_summary_free (WharfCfnResourceSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->logical_resource_id);
  g_free (summary->physical_resource_id);
  g_free (summary->resource_type);
  g_free (summary->resource_status);
  g_free (summary->resource_status_reason);
  g_clear_pointer (&summary->last_updated_time, g_date_time_unref);
  g_free (summary);
}

WharfAwsRequest *
wharf_cfn_describe_stack_events_request (const char *stack_name,
                                         const char *next_token)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();

  wharf_aws_params_add (params, "StackName", stack_name);
  if (next_token != NULL)
    wharf_aws_params_add (params, "NextToken", next_token);
  return wharf_aws_request_new_query (CFN, "DescribeStackEvents", params);
}

static char *
next_token_of (WharfAwsXmlNode *result)
{
  const char *token = wharf_aws_xml_get_text (result, "NextToken");

  return token != NULL && *token != '\0' ? g_strdup (token) : NULL;
}

GPtrArray *
wharf_cfn_decode_stack_events (WharfAwsResponse  *response,
                               char             **out_next_token,
                               GError           **error)
{
  WharfAwsXmlNode *result = wharf_aws_response_query_result (response, "DescribeStackEvents", error);
  g_autoptr(GPtrArray) members = NULL;
  GPtrArray *events;

  if (result == NULL)
    return NULL;
  members = wharf_aws_xml_get_list (result, "StackEvents");
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_cfn_stack_event_free);
  for (guint i = 0; i < members->len; i++)
    {
      WharfAwsXmlNode *member = g_ptr_array_index (members, i);
      WharfCfnStackEvent *event = g_new0 (WharfCfnStackEvent, 1);

      event->event_id = g_strdup (wharf_aws_xml_get_text (member, "EventId"));
      event->stack_id = g_strdup (wharf_aws_xml_get_text (member, "StackId"));
      event->stack_name = g_strdup (wharf_aws_xml_get_text (member, "StackName"));
      event->logical_resource_id = g_strdup (wharf_aws_xml_get_text (member, "LogicalResourceId"));
      event->physical_resource_id = g_strdup (wharf_aws_xml_get_text (member, "PhysicalResourceId"));
      event->resource_type = g_strdup (wharf_aws_xml_get_text (member, "ResourceType"));
      event->resource_status = g_strdup (wharf_aws_xml_get_text (member, "ResourceStatus"));
      event->resource_status_reason = g_strdup (wharf_aws_xml_get_text (member, "ResourceStatusReason"));
      event->client_request_token = g_strdup (wharf_aws_xml_get_text (member, "ClientRequestToken"));
      event->timestamp = wharf_aws_xml_get_datetime (member, "Timestamp");
      g_ptr_array_add (events, event);
    }
  *out_next_token = next_token_of (result);
  return events;
}

typedef struct {
  char      *stack_name;
  char      *last_seen;   /* stop at this event id */
  GPtrArray *events;      /* newest first while paging */
  gboolean   reached;
} EventsState;

static void
events_state_free (EventsState *state)
{
  g_free (state->stack_name);
  g_free (state->last_seen);
  g_clear_pointer (&state->events, g_ptr_array_unref);
  g_free (state);
}

static WharfAwsRequest *
events_page_request (const char *token,
                     gpointer    user_data)
{
  EventsState *state = user_data;

  return wharf_cfn_describe_stack_events_request (state->stack_name, token);
}

static gboolean
events_page (WharfAwsResponse  *response,
             char             **out_next_token,
             gpointer           user_data,
             GError           **error)
{
  EventsState *state = user_data;
  g_autoptr(GPtrArray) events = wharf_cfn_decode_stack_events (response, out_next_token, error);

  if (events == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      WharfCfnStackEvent *event = g_ptr_array_index (events, i);

      /* Events come newest first: everything from the last seen one on
       * was already reported. */
      if (state->last_seen != NULL && g_strcmp0 (event->event_id, state->last_seen) == 0)
        {
          state->reached = TRUE;
          g_clear_pointer (out_next_token, g_free);
          break;
        }
      g_ptr_array_add (state->events, event);
      events->pdata[i] = NULL;
    }
  return TRUE;
}

static EventsState *
events_state_new (const char *stack_name,
                  const char *last_seen_event_id)
{
  EventsState *state = g_new0 (EventsState, 1);

  state->stack_name = g_strdup (stack_name);
  state->last_seen = g_strdup (last_seen_event_id);
  state->events = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_cfn_stack_event_free);
  return state;
}

GPtrArray *
wharf_cfn_describe_stack_events (WharfAwsClient  *client,
                                 const char      *stack_name,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  EventsState *state = events_state_new (stack_name, NULL);
  GPtrArray *events = NULL;

  if (wharf_aws_client_paginate (client, events_page_request, events_page, state, 0,
                                 cancellable, error))
    events = g_steal_pointer (&state->events);
  events_state_free (state);
  return events;
}

static void
on_new_events_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EventsState *state = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *events;

  if (!wharf_aws_client_paginate_finish (WHARF_AWS_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  events = g_steal_pointer (&state->events);
  /* Oldest first, ready to append to a timeline. */
  for (guint i = 0; i < events->len / 2; i++)
    {
      gpointer tmp = events->pdata[i];

      events->pdata[i] = events->pdata[events->len - 1 - i];
      events->pdata[events->len - 1 - i] = tmp;
    }
  g_task_return_pointer (task, events, (GDestroyNotify) g_ptr_array_unref);
}

void
wharf_cfn_describe_new_stack_events_async (WharfAwsClient      *client,
                                           const char          *stack_name,
                                           const char          *last_seen_event_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  EventsState *state = events_state_new (stack_name, last_seen_event_id);

  g_task_set_source_tag (task, wharf_cfn_describe_new_stack_events_async);
  g_task_set_task_data (task, state, (GDestroyNotify) events_state_free);
  wharf_aws_client_paginate_async (client, events_page_request, events_page, state, NULL, 0,
                                   cancellable, on_new_events_done, task);
}

GPtrArray *
wharf_cfn_describe_new_stack_events_finish (WharfAwsClient  *client,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
wharf_cfn_describe_new_stack_events (WharfAwsClient  *client,
                                     const char      *stack_name,
                                     const char      *last_seen_event_id,
                                     GCancellable    *cancellable,
                                     GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context = wharf_aws_client_sync_begin (client);
  GPtrArray *events;

  wharf_cfn_describe_new_stack_events_async (client, stack_name, last_seen_event_id, cancellable,
                                             wharf_aws_client_sync_done, &result);
  wharf_aws_client_sync_wait (context, &result);
  events = wharf_cfn_describe_new_stack_events_finish (client, result, error);
  wharf_aws_client_sync_end (context);
  return events;
}

typedef struct {
  const char *stack_name;
  GPtrArray  *items;
} ResourcesState;

static WharfAwsRequest *
resources_page_request (const char *token,
                        gpointer    user_data)
{
  ResourcesState *state = user_data;
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();

  wharf_aws_params_add (params, "StackName", state->stack_name);
  if (token != NULL)
    wharf_aws_params_add (params, "NextToken", token);
  return wharf_aws_request_new_query (CFN, "ListStackResources", params);
}

static gboolean
resources_page (WharfAwsResponse  *response,
                char             **out_next_token,
                gpointer           user_data,
                GError           **error)
{
  ResourcesState *state = user_data;
  WharfAwsXmlNode *result = wharf_aws_response_query_result (response, "ListStackResources", error);
  g_autoptr(GPtrArray) members = NULL;

  if (result == NULL)
    return FALSE;
  members = wharf_aws_xml_get_list (result, "StackResourceSummaries");
  for (guint i = 0; i < members->len; i++)
    {
      WharfAwsXmlNode *member = g_ptr_array_index (members, i);
      WharfCfnResourceSummary *summary = g_new0 (WharfCfnResourceSummary, 1);

      summary->logical_resource_id = g_strdup (wharf_aws_xml_get_text (member, "LogicalResourceId"));
      summary->physical_resource_id = g_strdup (wharf_aws_xml_get_text (member, "PhysicalResourceId"));
      summary->resource_type = g_strdup (wharf_aws_xml_get_text (member, "ResourceType"));
      summary->resource_status = g_strdup (wharf_aws_xml_get_text (member, "ResourceStatus"));
      summary->resource_status_reason = g_strdup (wharf_aws_xml_get_text (member, "ResourceStatusReason"));
      summary->last_updated_time = wharf_aws_xml_get_datetime (member, "LastUpdatedTimestamp");
      g_ptr_array_add (state->items, summary);
    }
  *out_next_token = next_token_of (result);
  return TRUE;
}

GPtrArray *
wharf_cfn_list_stack_resources (WharfAwsClient  *client,
                                const char      *stack_name,
                                GCancellable    *cancellable,
                                GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_cfn_resource_summary_free);
  ResourcesState state = { stack_name, items };

  if (!wharf_aws_client_paginate (client, resources_page_request, resources_page, &state, 0,
                                  cancellable, error))
    return NULL;
  return g_steal_pointer (&items);
}
