/* wharf-sandbox-cfn-changesets.c: the CloudFormation Query API for change
 * sets: CreateChangeSet, DescribeChangeSet, ExecuteChangeSet,
 * DeleteChangeSet, ListChangeSets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

static void
reply_string (SbxRequest *req, GString *out)
{
  g_autofree char *body = g_string_free (out, FALSE);

  sbx_reply_query (req, body);
}

static SbxChangeSet *
change_set_or_fail (SbxRequest *req)
{
  const char *name = sbx_param (req, "ChangeSetName");
  SbxChangeSet *cs = name ? sbx_change_set_find (req->state, name, sbx_param (req, "StackName")) : NULL;

  if (cs == NULL)
    {
      g_autofree char *m = g_strdup_printf ("ChangeSet [%s] does not exist", name ? name : "");
      sbx_reply_error (req, 404, "ChangeSetNotFound", m);
    }
  return cs;
}

static void
create_change_set (SbxRequest *req)
{
  const char *stack_name = sbx_param (req, "StackName");
  const char *name = sbx_param (req, "ChangeSetName");
  const char *type = sbx_param (req, "ChangeSetType") ? sbx_param (req, "ChangeSetType") : "UPDATE";
  g_auto(GStrv) caps = sbx_param_list (req, "Capabilities.member");
  g_autoptr(GPtrArray) given = sbx_param_pairs (req, "Parameters.member", "ParameterKey", "ParameterValue");
  g_autoptr(GPtrArray) tags = sbx_param_pairs (req, "Tags.member", "Key", "Value");
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(SbxTemplate) tmpl = NULL;
  g_autoptr(GError) error = NULL;
  SbxStack *stack;
  SbxChangeSet *cs;
  GString *out;

  if (!sbx_cfn_check_name (req, stack_name, "stackName", "[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*") ||
      !sbx_cfn_check_name (req, name, "changeSetName", "[a-zA-Z][-a-zA-Z0-9]*"))
    return;
  if (!g_str_equal (type, "CREATE") && !g_str_equal (type, "UPDATE"))
    {
      g_autofree char *m = g_strdup_printf ("1 validation error detected: Value '%s' at 'changeSetType' failed to "
                                            "satisfy constraint: Member must satisfy enum value set: "
                                            "[IMPORT, UPDATE, CREATE]", type);
      sbx_reply_error (req, 400, "ValidationError", m);
      return;
    }
  stack = sbx_stack_find (req->state, stack_name, FALSE);
  if (g_str_equal (type, "CREATE") && stack && !g_str_equal (stack->status, "REVIEW_IN_PROGRESS"))
    {
      g_autofree char *m = g_strdup_printf ("Stack [%s] already exists and cannot be created again with the changeSet [%s].",
                                            stack_name, name);
      sbx_reply_error (req, 400, "AlreadyExistsException", m);
      return;
    }
  if (g_str_equal (type, "UPDATE") && stack == NULL)
    {
      g_autofree char *m = g_strdup_printf ("Stack [%s] does not exist", stack_name);
      sbx_reply_error (req, 400, "ValidationError", m);
      return;
    }
  if (g_str_equal (type, "UPDATE") &&
      (sbx_stack_is_busy (stack) || g_str_equal (stack->status, "ROLLBACK_COMPLETE") ||
       g_str_equal (stack->status, "CREATE_FAILED")))
    {
      g_autofree char *m = g_strdup_printf ("Stack:%s is in %s state and can not be updated.",
                                            stack->stack_id, stack->status);
      sbx_reply_error (req, 400, "ValidationError", m);
      return;
    }
  if (stack && sbx_change_set_find (req->state, name, stack->stack_id))
    {
      g_autofree char *m = g_strdup_printf ("ChangeSet [%s] already exists", name);
      sbx_reply_error (req, 400, "AlreadyExistsException", m);
      return;
    }
  tmpl = sbx_cfn_request_template (req, stack);
  if (tmpl == NULL)
    return;
  params = sbx_resolve_parameters (tmpl, given, stack ? stack->parameters : NULL, &error);
  if (params == NULL || !sbx_check_capabilities (tmpl, caps, &error))
    {
      sbx_reply_gerror (req, error);
      return;
    }
  if (stack == NULL)
    stack = sbx_engine_review_stack (req->state, stack_name, req->now);
  cs = sbx_change_set_create (req->state, stack, name, type, g_steal_pointer (&tmpl),
                              g_steal_pointer (&params), g_steal_pointer (&tags), caps,
                              sbx_param (req, "Description"), req->now);
  out = g_string_new (NULL);
  sbx_xml_text (out, "Id", cs->arn);
  sbx_xml_text (out, "StackId", cs->stack_id);
  reply_string (req, out);
}

static void
change_xml (GString *out, SbxChange *c)
{
  gboolean tags_only = c->details->len > 0;

  for (guint i = 0; i < c->details->len; i++)
    tags_only &= g_str_equal (((SbxChangeDetail *) g_ptr_array_index (c->details, i))->name, "Tags");
  g_string_append (out, "<member><Type>Resource</Type><ResourceChange>");
  sbx_xml_text (out, "Action", c->action);
  sbx_xml_text (out, "LogicalResourceId", c->logical_id);
  sbx_xml_text (out, "PhysicalResourceId", c->physical_id);
  sbx_xml_text (out, "ResourceType", c->type);
  sbx_xml_text (out, "Replacement", c->replacement);
  g_string_append (out, "<Scope>");
  if (c->details->len > 0)
    sbx_xml_text (out, "member", tags_only ? "Tags" : "Properties");
  g_string_append (out, "</Scope><Details>");
  for (guint i = 0; i < c->details->len; i++)
    {
      SbxChangeDetail *d = g_ptr_array_index (c->details, i);

      g_string_append (out, "<member><Target>");
      sbx_xml_text (out, "Attribute", g_str_equal (d->name, "Tags") ? "Tags" : "Properties");
      sbx_xml_text (out, "Name", d->name);
      sbx_xml_text (out, "RequiresRecreation", d->requires_recreation);
      g_string_append (out, "</Target>");
      sbx_xml_text (out, "Evaluation", d->evaluation);
      sbx_xml_text (out, "ChangeSource", d->source);
      sbx_xml_text (out, "CausingEntity", d->causing_entity);
      g_string_append (out, "</member>");
    }
  g_string_append (out, "</Details></ResourceChange></member>");
}

static void
describe_change_set (SbxRequest *req)
{
  SbxChangeSet *cs = change_set_or_fail (req);
  GString *out;

  if (cs == NULL)
    return;
  out = g_string_new (NULL);
  sbx_xml_text (out, "ChangeSetName", cs->name);
  sbx_xml_text (out, "ChangeSetId", cs->arn);
  sbx_xml_text (out, "StackId", cs->stack_id);
  sbx_xml_text (out, "StackName", cs->stack_name);
  sbx_xml_text (out, "Description", cs->description);
  sbx_cfn_parameters_xml (out, cs->parameters);
  sbx_xml_time (out, "CreationTime", cs->created);
  sbx_xml_text (out, "ExecutionStatus", cs->execution_status);
  sbx_xml_text (out, "Status", cs->status);
  sbx_xml_text (out, "StatusReason", cs->status_reason);
  g_string_append (out, "<NotificationARNs/><Capabilities>");
  for (guint i = 0; cs->capabilities && cs->capabilities[i]; i++)
    sbx_xml_text (out, "member", cs->capabilities[i]);
  g_string_append (out, "</Capabilities>");
  sbx_cfn_tags_xml (out, cs->tags);
  g_string_append (out, "<Changes>");
  for (guint i = 0; cs->changes && i < cs->changes->len; i++)
    change_xml (out, g_ptr_array_index (cs->changes, i));
  g_string_append (out, "</Changes>");
  sbx_xml_bool (out, "IncludeNestedStacks", FALSE);
  reply_string (req, out);
}

static void
execute_change_set (SbxRequest *req)
{
  SbxChangeSet *cs = change_set_or_fail (req);
  g_autoptr(GError) error = NULL;

  if (cs == NULL)
    return;
  if (!sbx_change_set_execute (req->state, cs, sbx_param (req, "ClientRequestToken"),
                               g_strcmp0 (sbx_param (req, "DisableRollback"), "true") == 0,
                               req->now, &error))
    {
      sbx_reply_gerror (req, error);
      return;
    }
  sbx_reply_query (req, "");
}

static void
delete_change_set (SbxRequest *req)
{
  SbxChangeSet *cs = change_set_or_fail (req);

  if (cs == NULL)
    return;
  if (g_str_equal (cs->execution_status, "EXECUTE_IN_PROGRESS"))
    {
      g_autofree char *m = g_strdup_printf ("ChangeSet [%s] cannot be deleted in its current status of [%s]",
                                            cs->arn, cs->execution_status);
      sbx_reply_error (req, 400, "InvalidChangeSetStatus", m);
      return;
    }
  sbx_change_set_delete (req->state, cs);
  sbx_reply_query (req, "");
}

static void
list_change_sets (SbxRequest *req)
{
  const char *name = sbx_param (req, "StackName");
  SbxStack *stack = name ? sbx_stack_find (req->state, name, g_str_has_prefix (name, "arn:")) : NULL;
  GString *out;

  if (stack == NULL)
    {
      g_autofree char *m = g_strdup_printf ("Stack [%s] does not exist", name ? name : "");
      sbx_reply_error (req, 400, "ValidationError", m);
      return;
    }
  out = g_string_new ("<Summaries>");
  for (guint i = 0; i < req->state->change_sets->len; i++)
    {
      SbxChangeSet *cs = g_ptr_array_index (req->state->change_sets, i);

      if (!g_str_equal (cs->stack_id, stack->stack_id))
        continue;
      g_string_append (out, "<member>");
      sbx_xml_text (out, "StackId", cs->stack_id);
      sbx_xml_text (out, "StackName", cs->stack_name);
      sbx_xml_text (out, "ChangeSetId", cs->arn);
      sbx_xml_text (out, "ChangeSetName", cs->name);
      sbx_xml_text (out, "ExecutionStatus", cs->execution_status);
      sbx_xml_text (out, "Status", cs->status);
      sbx_xml_text (out, "StatusReason", cs->status_reason);
      sbx_xml_time (out, "CreationTime", cs->created);
      sbx_xml_text (out, "Description", cs->description);
      sbx_xml_bool (out, "IncludeNestedStacks", FALSE);
      g_string_append (out, "</member>");
    }
  g_string_append (out, "</Summaries>");
  reply_string (req, out);
}

gboolean
sbx_handle_cfn_change_sets (SbxRequest *req)
{
  const char *op = req->operation;

  if (g_str_equal (op, "CreateChangeSet"))
    create_change_set (req);
  else if (g_str_equal (op, "DescribeChangeSet"))
    describe_change_set (req);
  else if (g_str_equal (op, "ExecuteChangeSet"))
    execute_change_set (req);
  else if (g_str_equal (op, "DeleteChangeSet"))
    delete_change_set (req);
  else if (g_str_equal (op, "ListChangeSets"))
    list_change_sets (req);
  else
    return FALSE;
  return TRUE;
}
