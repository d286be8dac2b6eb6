/* wharf-aws-cloudformation-templates.c: templates (GetTemplate,
 * GetTemplateSummary, ValidateTemplate) and change set descriptions.
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
wharf_cfn_template_parameter_free (WharfCfnTemplateParameter *parameter)
{
  if (parameter == NULL)
    return;
  g_free (parameter->key);
  g_free (parameter->default_value);
  g_free (parameter->description);
  g_free (parameter->type);
  g_free (parameter);
}

void
wharf_cfn_template_summary_free (WharfCfnTemplateSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->description);
  g_ptr_array_unref (summary->parameters);
  g_strfreev (summary->capabilities);
  g_free (summary->capabilities_reason);
  g_strfreev (summary->declared_transforms);
  g_strfreev (summary->resource_types);
  g_free (summary);
}

void
wharf_cfn_resource_change_free (WharfCfnResourceChange *change)
{
  if (change == NULL)
    return;
  g_free (change->action);
  g_free (change->logical_resource_id);
  g_free (change->physical_resource_id);
  g_free (change->resource_type);
  g_free (change->replacement);
  g_strfreev (change->scope);
  g_free (change);
}

void
wharf_cfn_change_set_free (WharfCfnChangeSet *change_set)
{
  if (change_set == NULL)
    return;
  g_free (change_set->change_set_id);
  g_free (change_set->change_set_name);
  g_free (change_set->stack_id);
  g_free (change_set->stack_name);
  g_free (change_set->status);
  g_free (change_set->execution_status);
  g_free (change_set->status_reason);
  g_free (change_set->description);
  g_strfreev (change_set->capabilities);
  g_ptr_array_unref (change_set->changes);
  g_free (change_set);
}

static gpointer
decode_template_body (WharfAwsResponse  *response,
                      GError           **error)
{
  WharfAwsXmlNode *result = wharf_aws_response_query_result (response, "GetTemplate", error);
  const char *body;

  if (result == NULL)
    return NULL;
  body = wharf_aws_xml_get_text (result, "TemplateBody");
  if (body == NULL)
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, response->status,
                                  NULL, response->request_id, _("The response has no template body"));
      return NULL;
    }
  return g_strdup (body);
}

char *
wharf_cfn_get_template (WharfAwsClient  *client,
                        const char      *stack_name,
                        const char      *change_set_name,
                        const char      *stage,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();

  if (stack_name != NULL)
    wharf_aws_params_add (params, "StackName", stack_name);
  if (change_set_name != NULL)
    wharf_aws_params_add (params, "ChangeSetName", change_set_name);
  if (stage != NULL)
    wharf_aws_params_add (params, "TemplateStage", stage);
  return wharf_aws_client_call_decoded (client, wharf_aws_request_new_query (CFN, "GetTemplate", params),
                                        decode_template_body, g_free, cancellable, error);
}

WharfCfnTemplateSummary *
wharf_cfn_decode_template_summary (WharfAwsResponse  *response,
                                   const char        *operation,
                                   GError           **error)
{
  WharfAwsXmlNode *result = wharf_aws_response_query_result (response, operation, error);
  g_autoptr(GPtrArray) members = NULL;
  WharfCfnTemplateSummary *summary;

  if (result == NULL)
    return NULL;
  summary = g_new0 (WharfCfnTemplateSummary, 1);
  summary->description = g_strdup (wharf_aws_xml_get_text (result, "Description"));
  summary->capabilities = wharf_aws_xml_get_strv (result, "Capabilities");
  summary->capabilities_reason = g_strdup (wharf_aws_xml_get_text (result, "CapabilitiesReason"));
  summary->declared_transforms = wharf_aws_xml_get_strv (result, "DeclaredTransforms");
  summary->resource_types = wharf_aws_xml_get_strv (result, "ResourceTypes");
  summary->parameters = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_cfn_template_parameter_free);
  /* ValidateTemplate: Parameters; GetTemplateSummary: Parameters too, with
   * ParameterType. */
  members = wharf_aws_xml_get_list (result, "Parameters");
  for (guint i = 0; i < members->len; i++)
    {
      WharfAwsXmlNode *member = g_ptr_array_index (members, i);
      WharfCfnTemplateParameter *parameter = g_new0 (WharfCfnTemplateParameter, 1);

      parameter->key = g_strdup (wharf_aws_xml_get_text (member, "ParameterKey"));
      parameter->default_value = g_strdup (wharf_aws_xml_get_text (member, "DefaultValue"));
      parameter->description = g_strdup (wharf_aws_xml_get_text (member, "Description"));
      parameter->type = g_strdup (wharf_aws_xml_get_text (member, "ParameterType"));
      parameter->no_echo = wharf_aws_xml_get_bool (member, "NoEcho", FALSE);
      g_ptr_array_add (summary->parameters, parameter);
    }
  return summary;
}

static gpointer
decode_validate (WharfAwsResponse  *response,
                 GError           **error)
{
  return wharf_cfn_decode_template_summary (response, "ValidateTemplate", error);
}

static gpointer
decode_summary (WharfAwsResponse  *response,
                GError           **error)
{
  return wharf_cfn_decode_template_summary (response, "GetTemplateSummary", error);
}

static WharfAwsParams *
template_params (const char *template_body,
                 const char *template_url,
                 const char *stack_name)
{
  WharfAwsParams *params = wharf_aws_params_new ();

  if (template_body != NULL)
    wharf_aws_params_add (params, "TemplateBody", template_body);
  else if (template_url != NULL)
    wharf_aws_params_add (params, "TemplateURL", template_url);
  else if (stack_name != NULL)
    wharf_aws_params_add (params, "StackName", stack_name);
  return params;
}

WharfCfnTemplateSummary *
wharf_cfn_get_template_summary (WharfAwsClient  *client,
                                const char      *template_body,
                                const char      *template_url,
                                const char      *stack_name,
                                GCancellable    *cancellable,
                                GError         **error)
{
  g_autoptr(WharfAwsParams) params = template_params (template_body, template_url, stack_name);

  return wharf_aws_client_call_decoded (client, wharf_aws_request_new_query (CFN, "GetTemplateSummary", params),
                                        decode_summary, (GDestroyNotify) wharf_cfn_template_summary_free,
                                        cancellable, error);
}

WharfCfnTemplateSummary *
wharf_cfn_validate_template (WharfAwsClient  *client,
                             const char      *template_body,
                             const char      *template_url,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(WharfAwsParams) params = template_params (template_body, template_url, NULL);

  return wharf_aws_client_call_decoded (client, wharf_aws_request_new_query (CFN, "ValidateTemplate", params),
                                        decode_validate, (GDestroyNotify) wharf_cfn_template_summary_free,
                                        cancellable, error);
}

WharfAwsRequest *
wharf_cfn_describe_change_set_request (const char *change_set_name,
                                       const char *stack_name,
                                       const char *next_token)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();

  wharf_aws_params_add (params, "ChangeSetName", change_set_name);
  if (stack_name != NULL)
    wharf_aws_params_add (params, "StackName", stack_name);
  if (next_token != NULL)
    wharf_aws_params_add (params, "NextToken", next_token);
  return wharf_aws_request_new_query (CFN, "DescribeChangeSet", params);
}

WharfCfnChangeSet *
wharf_cfn_decode_change_set (WharfAwsResponse  *response,
                             char             **out_next_token,
                             GError           **error)
{
  WharfAwsXmlNode *result = wharf_aws_response_query_result (response, "DescribeChangeSet", error);
  g_autoptr(GPtrArray) members = NULL;
  WharfCfnChangeSet *change_set;
  const char *token;

  if (result == NULL)
    return NULL;
  change_set = g_new0 (WharfCfnChangeSet, 1);
  change_set->change_set_id = g_strdup (wharf_aws_xml_get_text (result, "ChangeSetId"));
  change_set->change_set_name = g_strdup (wharf_aws_xml_get_text (result, "ChangeSetName"));
  change_set->stack_id = g_strdup (wharf_aws_xml_get_text (result, "StackId"));
  change_set->stack_name = g_strdup (wharf_aws_xml_get_text (result, "StackName"));
  change_set->status = g_strdup (wharf_aws_xml_get_text (result, "Status"));
  change_set->execution_status = g_strdup (wharf_aws_xml_get_text (result, "ExecutionStatus"));
  change_set->status_reason = g_strdup (wharf_aws_xml_get_text (result, "StatusReason"));
  change_set->description = g_strdup (wharf_aws_xml_get_text (result, "Description"));
  change_set->capabilities = wharf_aws_xml_get_strv (result, "Capabilities");
  change_set->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_cfn_resource_change_free);
  members = wharf_aws_xml_get_list (result, "Changes");
  for (guint i = 0; i < members->len; i++)
    {
      WharfAwsXmlNode *rc = wharf_aws_xml_get (g_ptr_array_index (members, i), "ResourceChange");
      WharfCfnResourceChange *change;

      if (rc == NULL)
        continue;
      change = g_new0 (WharfCfnResourceChange, 1);
      change->action = g_strdup (wharf_aws_xml_get_text (rc, "Action"));
      change->logical_resource_id = g_strdup (wharf_aws_xml_get_text (rc, "LogicalResourceId"));
      change->physical_resource_id = g_strdup (wharf_aws_xml_get_text (rc, "PhysicalResourceId"));
      change->resource_type = g_strdup (wharf_aws_xml_get_text (rc, "ResourceType"));
      change->replacement = g_strdup (wharf_aws_xml_get_text (rc, "Replacement"));
      change->scope = wharf_aws_xml_get_strv (rc, "Scope");
      g_ptr_array_add (change_set->changes, change);
    }
  token = wharf_aws_xml_get_text (result, "NextToken");
  *out_next_token = token != NULL && *token != '\0' ? g_strdup (token) : NULL;
  return change_set;
}

typedef struct {
  char              *change_set_name;
  char              *stack_name;
  WharfCfnChangeSet *merged;
} ChangeSetState;

static void
change_set_state_free (ChangeSetState *state)
{
  g_free (state->change_set_name);
  g_free (state->stack_name);
  wharf_cfn_change_set_free (state->merged);
  g_free (state);
}

static WharfAwsRequest *
change_set_page_request (const char *token,
                         gpointer    user_data)
{
  ChangeSetState *state = user_data;

  return wharf_cfn_describe_change_set_request (state->change_set_name, state->stack_name, token);
}

static gboolean
change_set_page (WharfAwsResponse  *response,
                 char             **out_next_token,
                 gpointer           user_data,
                 GError           **error)
{
  ChangeSetState *state = user_data;
  WharfCfnChangeSet *page = wharf_cfn_decode_change_set (response, out_next_token, error);

  if (page == NULL)
    return FALSE;
  if (state->merged == NULL)
    {
      state->merged = page;
      return TRUE;
    }
  g_ptr_array_extend_and_steal (state->merged->changes, g_steal_pointer (&page->changes));
  page->changes = g_ptr_array_new ();
  wharf_cfn_change_set_free (page);
  return TRUE;
}

static void
on_change_set_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChangeSetState *state = g_task_get_task_data (task);
  GError *error = NULL;

  if (!wharf_aws_client_paginate_finish (WHARF_AWS_CLIENT (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&state->merged), (GDestroyNotify) wharf_cfn_change_set_free);
}

void
wharf_cfn_describe_change_set_async (WharfAwsClient      *client,
                                     const char          *change_set_name,
                                     const char          *stack_name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);
  ChangeSetState *state = g_new0 (ChangeSetState, 1);

  g_task_set_source_tag (task, wharf_cfn_describe_change_set_async);
  state->change_set_name = g_strdup (change_set_name);
  state->stack_name = g_strdup (stack_name);
  g_task_set_task_data (task, state, (GDestroyNotify) change_set_state_free);
  wharf_aws_client_paginate_async (client, change_set_page_request, change_set_page, state, NULL, 0,
                                   cancellable, on_change_set_done, task);
}

WharfCfnChangeSet *
wharf_cfn_describe_change_set_finish (WharfAwsClient  *client,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

WharfCfnChangeSet *
wharf_cfn_describe_change_set (WharfAwsClient  *client,
                               const char      *change_set_name,
                               const char      *stack_name,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context = wharf_aws_client_sync_begin (client);
  WharfCfnChangeSet *change_set;

  wharf_cfn_describe_change_set_async (client, change_set_name, stack_name, cancellable,
                                       wharf_aws_client_sync_done, &result);
  wharf_aws_client_sync_wait (context, &result);
  change_set = wharf_cfn_describe_change_set_finish (client, result, error);
  wharf_aws_client_sync_end (context);
  return change_set;
}
