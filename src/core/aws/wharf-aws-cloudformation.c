/* wharf-aws-cloudformation.c
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
wharf_cfn_output_free (WharfCfnOutput *output)
{
  if (output == NULL)
    return;
  g_free (output->key);
  g_free (output->value);
  g_free (output->description);
  g_free (output->export_name);
  g_free (output);
}

void
wharf_cfn_stack_free (WharfCfnStack *stack)
{
  if (stack == NULL)
    return;
  g_free (stack->stack_id);
  g_free (stack->stack_name);
  g_free (stack->status);
  g_free (stack->status_reason);
  g_free (stack->description);
  g_clear_pointer (&stack->creation_time, g_date_time_unref);
  g_clear_pointer (&stack->last_updated_time, g_date_time_unref);
  g_clear_pointer (&stack->deletion_time, g_date_time_unref);
  g_hash_table_unref (stack->parameters);
  g_ptr_array_unref (stack->outputs);
  g_hash_table_unref (stack->tags);
  g_strfreev (stack->capabilities);
  g_free (stack);
}

void
wharf_cfn_stack_event_free (WharfCfnStackEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->event_id);
  g_free (event->stack_id);
  g_free (event->stack_name);
  g_free (event->logical_resource_id);
  g_free (event->physical_resource_id);
  g_free (event->resource_type);
  g_free (event->resource_status);
  g_free (event->resource_status_reason);
  g_free (event->client_request_token);
  g_clear_pointer (&event->timestamp, g_date_time_unref);
  g_free (event);
}

gboolean
wharf_cfn_error_is_stack_missing (const GError *error)
{
  return wharf_aws_client_error_has_code (error, "ValidationError") &&
         strstr (error->message, "does not exist") != NULL;
}

gboolean
wharf_cfn_error_is_no_updates (const GError *error)
{
  return wharf_aws_client_error_has_code (error, "ValidationError") &&
         strstr (error->message, "No updates are to be performed") != NULL;
}

gboolean
wharf_cfn_status_is_terminal (const char *status)
{
  return status != NULL &&
         (g_str_has_suffix (status, "_COMPLETE") || g_str_has_suffix (status, "_FAILED")) &&
         !g_str_has_suffix (status, "_CLEANUP_IN_PROGRESS");
}

static void
add_pairs (WharfAwsParams     *params,
           const char         *prefix,
           const char         *key_name,
           const char         *value_name,
           const char * const *pairs,
           guint              *index)
{
  for (gsize i = 0; pairs != NULL && pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      g_autofree char *key = g_strdup_printf ("%s.member.%u.%s", prefix, ++*index, key_name);
      g_autofree char *value = g_strdup_printf ("%s.member.%u.%s", prefix, *index, value_name);

      wharf_aws_params_add (params, key, pairs[i]);
      wharf_aws_params_add (params, value, pairs[i + 1]);
    }
}

static WharfAwsParams *
stack_input_params (const WharfCfnStackInput *input,
                    gboolean                  create)
{
  WharfAwsParams *params = wharf_aws_params_new ();
  guint index = 0;

  wharf_aws_params_add (params, "StackName", input->stack_name);
  if (input->change_set_name != NULL)
    wharf_aws_params_add (params, "ChangeSetName", input->change_set_name);
  if (input->change_set_type != NULL)
    wharf_aws_params_add (params, "ChangeSetType", input->change_set_type);
  if (input->description != NULL)
    wharf_aws_params_add (params, "Description", input->description);
  if (input->template_body != NULL)
    wharf_aws_params_add (params, "TemplateBody", input->template_body);
  else if (input->template_url != NULL)
    wharf_aws_params_add (params, "TemplateURL", input->template_url);
  else if (input->use_previous_template)
    wharf_aws_params_add_bool (params, "UsePreviousTemplate", TRUE);
  add_pairs (params, "Parameters", "ParameterKey", "ParameterValue", input->parameters, &index);
  for (gsize i = 0; input->use_previous_keys != NULL && input->use_previous_keys[i] != NULL; i++)
    {
      g_autofree char *key = g_strdup_printf ("Parameters.member.%u.ParameterKey", ++index);
      g_autofree char *flag = g_strdup_printf ("Parameters.member.%u.UsePreviousValue", index);

      wharf_aws_params_add (params, key, input->use_previous_keys[i]);
      wharf_aws_params_add_bool (params, flag, TRUE);
    }
  wharf_aws_params_add_list (params, "Capabilities.member", input->capabilities);
  index = 0;
  add_pairs (params, "Tags", "Key", "Value", input->tags, &index);
  if (input->role_arn != NULL)
    wharf_aws_params_add (params, "RoleARN", input->role_arn);
  if (input->client_request_token != NULL)
    wharf_aws_params_add (params, input->change_set_name != NULL ? "ClientToken" : "ClientRequestToken",
                          input->client_request_token);
  if (create && input->on_failure != NULL)
    wharf_aws_params_add (params, "OnFailure", input->on_failure);
  if (create && input->timeout_in_minutes > 0)
    wharf_aws_params_add_int (params, "TimeoutInMinutes", input->timeout_in_minutes);
  return params;
}

WharfAwsRequest *
wharf_cfn_create_stack_request (const WharfCfnStackInput *input)
{
  g_autoptr(WharfAwsParams) params = stack_input_params (input, TRUE);

  return wharf_aws_request_new_query (CFN, "CreateStack", params);
}

WharfAwsRequest *
wharf_cfn_update_stack_request (const WharfCfnStackInput *input)
{
  g_autoptr(WharfAwsParams) params = stack_input_params (input, FALSE);

  return wharf_aws_request_new_query (CFN, "UpdateStack", params);
}

WharfAwsRequest *
wharf_cfn_create_change_set_request (const WharfCfnStackInput *input)
{
  g_autoptr(WharfAwsParams) params = stack_input_params (input, FALSE);

  return wharf_aws_request_new_query (CFN, "CreateChangeSet", params);
}

gpointer
wharf_cfn_decode_stack_id (WharfAwsResponse  *response,
                           GError           **error)
{
  WharfAwsXmlNode *root = wharf_aws_response_xml_root (response, error);
  WharfAwsXmlNode *result;
  const char *id;

  if (root == NULL || root->children->len == 0)
    {
      if (root != NULL)
        wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, response->status,
                                    NULL, response->request_id, _("The response has no result"));
      return NULL;
    }
  /* CreateStackResult/StackId, UpdateStackResult/StackId, CreateChangeSetResult/Id */
  result = g_ptr_array_index (root->children, 0);
  id = wharf_aws_xml_get_text (result, "StackId");
  if (strcmp (result->name, "CreateChangeSetResult") == 0)
    id = wharf_aws_xml_get_text (result, "Id");
  if (id == NULL || *id == '\0')
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, response->status,
                                  NULL, response->request_id, _("The response has no stack or change set id"));
      return NULL;
    }
  return g_strdup (id);
}

char *
wharf_cfn_create_stack (WharfAwsClient            *client,
                        const WharfCfnStackInput  *input,
                        GCancellable              *cancellable,
                        GError                   **error)
{
  return wharf_aws_client_call_decoded (client, wharf_cfn_create_stack_request (input),
                                        wharf_cfn_decode_stack_id, g_free, cancellable, error);
}

char *
wharf_cfn_update_stack (WharfAwsClient            *client,
                        const WharfCfnStackInput  *input,
                        GCancellable              *cancellable,
                        GError                   **error)
{
  return wharf_aws_client_call_decoded (client, wharf_cfn_update_stack_request (input),
                                        wharf_cfn_decode_stack_id, g_free, cancellable, error);
}

char *
wharf_cfn_create_change_set (WharfAwsClient            *client,
                             const WharfCfnStackInput  *input,
                             GCancellable              *cancellable,
                             GError                   **error)
{
  return wharf_aws_client_call_decoded (client, wharf_cfn_create_change_set_request (input),
                                        wharf_cfn_decode_stack_id, g_free, cancellable, error);
}

/* Operations whose answer carries nothing Wharf needs. */
static gboolean
call_no_output (WharfAwsClient  *client,
                const char      *operation,
                WharfAwsParams  *params,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(WharfAwsResponse) response = NULL;

  response = wharf_aws_client_call (client, wharf_aws_request_new_query (CFN, operation, params),
                                    cancellable, error);
  return response != NULL;
}

gboolean
wharf_cfn_delete_stack (WharfAwsClient      *client,
                        const char          *stack_name,
                        const char          *client_request_token,
                        const char * const  *retain_resources,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();

  wharf_aws_params_add (params, "StackName", stack_name);
  wharf_aws_params_add_list (params, "RetainResources.member", retain_resources);
  if (client_request_token != NULL)
    wharf_aws_params_add (params, "ClientRequestToken", client_request_token);
  return call_no_output (client, "DeleteStack", params, cancellable, error);
}

gboolean
wharf_cfn_execute_change_set (WharfAwsClient  *client,
                              const char      *change_set_name,
                              const char      *stack_name,
                              const char      *client_request_token,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();

  wharf_aws_params_add (params, "ChangeSetName", change_set_name);
  if (stack_name != NULL)
    wharf_aws_params_add (params, "StackName", stack_name);
  if (client_request_token != NULL)
    wharf_aws_params_add (params, "ClientRequestToken", client_request_token);
  return call_no_output (client, "ExecuteChangeSet", params, cancellable, error);
}

gboolean
wharf_cfn_delete_change_set (WharfAwsClient  *client,
                             const char      *change_set_name,
                             const char      *stack_name,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();

  wharf_aws_params_add (params, "ChangeSetName", change_set_name);
  if (stack_name != NULL)
    wharf_aws_params_add (params, "StackName", stack_name);
  return call_no_output (client, "DeleteChangeSet", params, cancellable, error);
}

gboolean
wharf_cfn_cancel_update_stack (WharfAwsClient  *client,
                               const char      *stack_name,
                               const char      *client_request_token,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();

  wharf_aws_params_add (params, "StackName", stack_name);
  if (client_request_token != NULL)
    wharf_aws_params_add (params, "ClientRequestToken", client_request_token);
  return call_no_output (client, "CancelUpdateStack", params, cancellable, error);
}

static GHashTable *
decode_pairs (WharfAwsXmlNode *node,
              const char      *path,
              const char      *key_name,
              const char      *value_name)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) members = wharf_aws_xml_get_list (node, path);

  for (guint i = 0; i < members->len; i++)
    {
      WharfAwsXmlNode *member = g_ptr_array_index (members, i);
      const char *key = wharf_aws_xml_get_text (member, key_name);

      if (key != NULL)
        g_hash_table_replace (table, g_strdup (key),
                              g_strdup (wharf_aws_xml_get_text (member, value_name)));
    }
  return table;
}

static WharfCfnStack *
decode_stack (WharfAwsXmlNode *member)
{
  WharfCfnStack *stack = g_new0 (WharfCfnStack, 1);
  g_autoptr(GPtrArray) outputs = wharf_aws_xml_get_list (member, "Outputs");

  stack->stack_id = g_strdup (wharf_aws_xml_get_text (member, "StackId"));
  stack->stack_name = g_strdup (wharf_aws_xml_get_text (member, "StackName"));
  stack->status = g_strdup (wharf_aws_xml_get_text (member, "StackStatus"));
  stack->status_reason = g_strdup (wharf_aws_xml_get_text (member, "StackStatusReason"));
  stack->description = g_strdup (wharf_aws_xml_get_text (member, "Description"));
  stack->creation_time = wharf_aws_xml_get_datetime (member, "CreationTime");
  stack->last_updated_time = wharf_aws_xml_get_datetime (member, "LastUpdatedTime");
  stack->deletion_time = wharf_aws_xml_get_datetime (member, "DeletionTime");
  stack->parameters = decode_pairs (member, "Parameters", "ParameterKey", "ParameterValue");
  stack->tags = decode_pairs (member, "Tags", "Key", "Value");
  stack->capabilities = wharf_aws_xml_get_strv (member, "Capabilities");
  stack->disable_rollback = wharf_aws_xml_get_bool (member, "DisableRollback", FALSE);
  stack->termination_protection = wharf_aws_xml_get_bool (member, "EnableTerminationProtection", FALSE);
  stack->outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_cfn_output_free);
  for (guint i = 0; i < outputs->len; i++)
    {
      WharfAwsXmlNode *node = g_ptr_array_index (outputs, i);
      WharfCfnOutput *output = g_new0 (WharfCfnOutput, 1);

      output->key = g_strdup (wharf_aws_xml_get_text (node, "OutputKey"));
      output->value = g_strdup (wharf_aws_xml_get_text (node, "OutputValue"));
      output->description = g_strdup (wharf_aws_xml_get_text (node, "Description"));
      output->export_name = g_strdup (wharf_aws_xml_get_text (node, "ExportName"));
      g_ptr_array_add (stack->outputs, output);
    }
  return stack;
}

WharfAwsRequest *
wharf_cfn_describe_stacks_request (const char *stack_name,
                                   const char *next_token)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();

  if (stack_name != NULL)
    wharf_aws_params_add (params, "StackName", stack_name);
  if (next_token != NULL)
    wharf_aws_params_add (params, "NextToken", next_token);
  return wharf_aws_request_new_query (CFN, "DescribeStacks", params);
}

static char *
next_token_of (WharfAwsXmlNode *result,
               const char      *name)
{
  const char *token = wharf_aws_xml_get_text (result, name);

  return token != NULL && *token != '\0' ? g_strdup (token) : NULL;
}

GPtrArray *
wharf_cfn_decode_describe_stacks (WharfAwsResponse  *response,
                                  char             **out_next_token,
                                  GError           **error)
{
  WharfAwsXmlNode *result = wharf_aws_response_query_result (response, "DescribeStacks", error);
  g_autoptr(GPtrArray) members = NULL;
  GPtrArray *stacks;

  if (result == NULL)
    return NULL;
  members = wharf_aws_xml_get_list (result, "Stacks");
  stacks = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_cfn_stack_free);
  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (stacks, decode_stack (g_ptr_array_index (members, i)));
  *out_next_token = next_token_of (result, "NextToken");
  return stacks;
}

typedef struct {
  const char *name;       /* stack or change set name */
  const char *stack_name;
  GPtrArray  *items;
  gpointer    object;     /* change set being merged */
} PageState;

static WharfAwsRequest *
stacks_page_request (const char *token,
                     gpointer    user_data)
{
  PageState *state = user_data;

  return wharf_cfn_describe_stacks_request (state->name, token);
}

static gboolean
stacks_page (WharfAwsResponse  *response,
             char             **out_next_token,
             gpointer           user_data,
             GError           **error)
{
  PageState *state = user_data;
  g_autoptr(GPtrArray) stacks = wharf_cfn_decode_describe_stacks (response, out_next_token, error);

  if (stacks == NULL)
    return FALSE;
  g_ptr_array_extend_and_steal (state->items, g_steal_pointer (&stacks));
  return TRUE;
}

GPtrArray *
wharf_cfn_describe_stacks (WharfAwsClient  *client,
                           const char      *stack_name,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_cfn_stack_free);
  PageState state = { stack_name, NULL, items, NULL };

  if (!wharf_aws_client_paginate (client, stacks_page_request, stacks_page, &state, 0,
                                  cancellable, error))
    return NULL;
  return g_steal_pointer (&items);
}

static void
set_stack_missing (GError     **error,
                   const char  *stack_name)
{
  g_autofree char *msg = g_strdup_printf ("Stack with id %s does not exist", stack_name);

  wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_SERVICE, 400, "ValidationError", NULL, msg);
}

static void
on_describe_stack_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PageState *state = g_task_get_task_data (task);
  GError *error = NULL;

  if (!wharf_aws_client_paginate_finish (WHARF_AWS_CLIENT (source), result, &error))
    g_task_return_error (task, error);
  else if (state->items->len == 0)
    {
      set_stack_missing (&error, state->name);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, g_ptr_array_steal_index (state->items, 0),
                           (GDestroyNotify) wharf_cfn_stack_free);
}

static void
page_state_free (PageState *state)
{
  g_free ((char *) state->name);
  g_ptr_array_unref (state->items);
  g_free (state);
}

void
wharf_cfn_describe_stack_async (WharfAwsClient      *client,
                                const char          *stack_name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  PageState *state = g_new0 (PageState, 1);

  g_return_if_fail (stack_name != NULL);

  g_task_set_source_tag (task, wharf_cfn_describe_stack_async);
  state->name = g_strdup (stack_name);
  state->items = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_cfn_stack_free);
  g_task_set_task_data (task, state, (GDestroyNotify) page_state_free);
  wharf_aws_client_paginate_async (client, stacks_page_request, stacks_page, state, NULL, 0,
                                   cancellable, on_describe_stack_done, task);
}

WharfCfnStack *
wharf_cfn_describe_stack_finish (WharfAwsClient  *client,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

WharfCfnStack *
wharf_cfn_describe_stack (WharfAwsClient  *client,
                          const char      *stack_name,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context;
  WharfCfnStack *stack;

  g_return_val_if_fail (stack_name != NULL, NULL);

  context = wharf_aws_client_sync_begin (client);
  wharf_cfn_describe_stack_async (client, stack_name, cancellable, wharf_aws_client_sync_done, &result);
  wharf_aws_client_sync_wait (context, &result);
  stack = wharf_cfn_describe_stack_finish (client, result, error);
  wharf_aws_client_sync_end (context);
  return stack;
}
