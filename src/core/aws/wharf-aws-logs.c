/* wharf-aws-logs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-aws-client-private.h"
#include "wharf-aws-json.h"
#include "wharf-aws-logs.h"

#define LOGS WHARF_AWS_SERVICE_LOGS

void
wharf_log_event_free (WharfLogEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->log_stream_name);
  g_free (event->event_id);
  g_free (event->message);
  g_free (event);
}

GPtrArray *
wharf_logs_decode_events (JsonObject *object)
{
  JsonArray *array = wharf_aws_json_get_array (object, "events");
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_log_event_free);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *e = json_array_get_object_element (array, i);
      WharfLogEvent *event;

      if (e == NULL)
        continue;
      event = g_new0 (WharfLogEvent, 1);
      event->log_stream_name = g_strdup (wharf_aws_json_get_string (e, "logStreamName"));
      event->event_id = g_strdup (wharf_aws_json_get_string (e, "eventId"));
      event->message = g_strdup (wharf_aws_json_get_string (e, "message"));
      event->timestamp = wharf_aws_json_get_int (e, "timestamp", 0);
      event->ingestion_time = wharf_aws_json_get_int (e, "ingestionTime", 0);
      g_ptr_array_add (events, event);
    }
  return events;
}

typedef struct {
  JsonObject *input;
  GPtrArray  *events;
} FilterState;

static void
filter_state_free (FilterState *state)
{
  json_object_unref (state->input);
  g_ptr_array_unref (state->events);
  g_free (state);
}

static JsonObject *
filter_input (const WharfLogsFilter *filter)
{
  JsonObject *input = json_object_new ();

  json_object_set_string_member (input, "logGroupName", filter->log_group_name);
  wharf_aws_json_set_strv (input, "logStreamNames", filter->log_stream_names);
  wharf_aws_json_set_string (input, "logStreamNamePrefix", filter->log_stream_name_prefix);
  if (filter->start_time > 0)
    json_object_set_int_member (input, "startTime", filter->start_time);
  if (filter->end_time > 0)
    json_object_set_int_member (input, "endTime", filter->end_time);
  wharf_aws_json_set_string (input, "filterPattern", filter->filter_pattern);
  if (filter->limit > 0)
    json_object_set_int_member (input, "limit", filter->limit);
  return input;
}

static WharfAwsRequest *
json_request (const char *operation,
              JsonObject *input,
              const char *token_member,
              const char *token)
{
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (input);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (object, l->data, json_node_copy (json_object_get_member (input, l->data)));
  if (token != NULL)
    json_object_set_string_member (object, token_member, token);
  json_node_take_object (body, object);
  return wharf_aws_request_new_json (LOGS, operation, body);
}

static WharfAwsRequest *
filter_page_request (const char *token,
                     gpointer    user_data)
{
  FilterState *state = user_data;

  return json_request ("FilterLogEvents", state->input, "nextToken", token);
}

static gboolean
filter_page (WharfAwsResponse  *response,
             char             **out_next_token,
             gpointer           user_data,
             GError           **error)
{
  FilterState *state = user_data;
  JsonObject *object = wharf_aws_response_json_object (response, error);
  g_autoptr(GPtrArray) events = NULL;
  const char *next;

  if (object == NULL)
    return FALSE;
  events = wharf_logs_decode_events (object);
  g_ptr_array_extend_and_steal (state->events, g_steal_pointer (&events));
  next = wharf_aws_json_get_string (object, "nextToken");
  *out_next_token = next != NULL && *next != '\0' ? g_strdup (next) : NULL;
  return TRUE;
}

GPtrArray *
wharf_logs_filter_log_events_page (WharfAwsClient         *client,
                                   const WharfLogsFilter  *filter,
                                   const char             *token,
                                   char                  **out_next_token,
                                   GCancellable           *cancellable,
                                   GError                **error)
{
  g_autoptr(JsonObject) input = filter_input (filter);
  g_autoptr(WharfAwsResponse) response = NULL;
  FilterState state = { input, NULL };

  response = wharf_aws_client_call (client, filter_page_request (token, &state), cancellable, error);
  if (response == NULL)
    return NULL;
  state.events = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_log_event_free);
  if (!filter_page (response, out_next_token, &state, error))
    {
      g_ptr_array_unref (state.events);
      return NULL;
    }
  return state.events;
}

static void
on_filter_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FilterState *state = g_task_get_task_data (task);
  GError *error = NULL;

  if (!wharf_aws_client_paginate_finish (WHARF_AWS_CLIENT (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_ptr_array_ref (state->events), (GDestroyNotify) g_ptr_array_unref);
}

void
wharf_logs_filter_log_events_async (WharfAwsClient         *client,
                                    const WharfLogsFilter  *filter,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  FilterState *state = g_new0 (FilterState, 1);

  g_task_set_source_tag (task, wharf_logs_filter_log_events_async);
  state->input = filter_input (filter);
  state->events = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_log_event_free);
  g_task_set_task_data (task, state, (GDestroyNotify) filter_state_free);
  wharf_aws_client_paginate_async (client, filter_page_request, filter_page, state, NULL, 0,
                                   cancellable, on_filter_done, task);
}

GPtrArray *
wharf_logs_filter_log_events_finish (WharfAwsClient  *client,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
wharf_logs_filter_log_events (WharfAwsClient         *client,
                              const WharfLogsFilter  *filter,
                              GCancellable           *cancellable,
                              GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context = wharf_aws_client_sync_begin (client);
  GPtrArray *events;

  wharf_logs_filter_log_events_async (client, filter, cancellable, wharf_aws_client_sync_done, &result);
  wharf_aws_client_sync_wait (context, &result);
  events = wharf_logs_filter_log_events_finish (client, result, error);
  wharf_aws_client_sync_end (context);
  return events;
}

static JsonObject *
get_input (const char *log_group_name,
           const char *log_stream_name,
           gboolean    start_from_head)
{
  JsonObject *input = json_object_new ();

  json_object_set_string_member (input, "logGroupName", log_group_name);
  json_object_set_string_member (input, "logStreamName", log_stream_name);
  json_object_set_boolean_member (input, "startFromHead", start_from_head);
  return input;
}

GPtrArray *
wharf_logs_get_log_events_page (WharfAwsClient  *client,
                                const char      *log_group_name,
                                const char      *log_stream_name,
                                gboolean         start_from_head,
                                const char      *token,
                                char           **out_next_forward_token,
                                GCancellable    *cancellable,
                                GError         **error)
{
  g_autoptr(JsonObject) input = get_input (log_group_name, log_stream_name, start_from_head);
  g_autoptr(WharfAwsResponse) response = NULL;
  JsonObject *object;

  response = wharf_aws_client_call (client, json_request ("GetLogEvents", input, "nextToken", token),
                                    cancellable, error);
  if (response == NULL || (object = wharf_aws_response_json_object (response, error)) == NULL)
    return NULL;
  if (out_next_forward_token != NULL)
    *out_next_forward_token = g_strdup (wharf_aws_json_get_string (object, "nextForwardToken"));
  return wharf_logs_decode_events (object);
}

typedef struct {
  JsonObject *input;
  GPtrArray  *events;
} GetState;

static WharfAwsRequest *
get_page_request (const char *token,
                  gpointer    user_data)
{
  GetState *state = user_data;

  return json_request ("GetLogEvents", state->input, "nextToken", token);
}

static gboolean
get_page (WharfAwsResponse  *response,
          char             **out_next_token,
          gpointer           user_data,
          GError           **error)
{
  GetState *state = user_data;
  JsonObject *object = wharf_aws_response_json_object (response, error);
  g_autoptr(GPtrArray) events = NULL;

  if (object == NULL)
    return FALSE;
  events = wharf_logs_decode_events (object);
  /* An empty page means the end was reached (the token repeats next). */
  *out_next_token = events->len > 0 ? g_strdup (wharf_aws_json_get_string (object, "nextForwardToken")) : NULL;
  g_ptr_array_extend_and_steal (state->events, g_steal_pointer (&events));
  return TRUE;
}

GPtrArray *
wharf_logs_get_log_events (WharfAwsClient  *client,
                           const char      *log_group_name,
                           const char      *log_stream_name,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(JsonObject) input = get_input (log_group_name, log_stream_name, TRUE);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_log_event_free);
  GetState state = { input, events };

  if (!wharf_aws_client_paginate (client, get_page_request, get_page, &state, 0, cancellable, error))
    return NULL;
  return g_steal_pointer (&events);
}
