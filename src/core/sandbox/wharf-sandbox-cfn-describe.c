/* wharf-sandbox-cfn-describe.c: the CloudFormation Query API's reads of
 * stacks: DescribeStacks and ListStacks, DescribeStackEvents (newest
 * first), ListStackResources and DescribeStackResources, with opaque
 * NextTokens as AWS pages them.
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

/* The last 36 characters of the stack id (its UUID): tokens of one stack
 * are refused for another. */
static const char *
stack_scope (SbxStack *stack)
{
  gsize len = strlen (stack->stack_id);

  return len > 36 ? stack->stack_id + len - 36 : stack->stack_id;
}

/* NextTokens are opaque to clients: base64 of "KIND:SCOPE:INDEX". They
 * stay valid while stacks, events or resources are added, as indexes
 * only grow. */
static char *
page_token (const char *kind,
            const char *scope,
            guint       index)
{
  g_autofree char *text = g_strdup_printf ("%s:%s:%u", kind, scope, index);

  return g_base64_encode ((const guchar *) text, strlen (text));
}

/* Reads TOKEN into *INDEX (at most LIMIT); else answers ValidationError
 * and returns FALSE. */
static gboolean
page_token_parse (SbxRequest *req,
                  const char *token,
                  const char *kind,
                  const char *scope,
                  guint       limit,
                  guint      *index)
{
  gsize len = 0;
  g_autofree guchar *raw = g_base64_decode (token, &len);
  g_autofree char *text = g_strndup ((const char *) raw, len);
  g_auto(GStrv) parts = g_strsplit (text, ":", 3);
  guint64 value = 0;

  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], kind) || !g_str_equal (parts[1], scope) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 0, limit, &value, NULL))
    {
      sbx_reply_error (req, 400, "ValidationError", "Invalid NextToken");
      return FALSE;
    }
  *index = (guint) value;
  return TRUE;
}

static void
stack_xml (GString *out, SbxStack *stack)
{
  g_string_append (out, "<member>");
  sbx_xml_text (out, "StackId", stack->stack_id);
  sbx_xml_text (out, "StackName", stack->name);
  sbx_xml_text (out, "Description", stack->description);
  sbx_cfn_parameters_xml (out, stack->parameters);
  sbx_xml_time (out, "CreationTime", stack->created);
  sbx_xml_time (out, "LastUpdatedTime", stack->updated);
  sbx_xml_time (out, "DeletionTime", stack->deleted);
  sbx_xml_text (out, "StackStatus", stack->status);
  sbx_xml_text (out, "StackStatusReason", stack->status_reason);
  sbx_xml_bool (out, "DisableRollback", stack->disable_rollback);
  g_string_append (out, "<NotificationARNs/><Capabilities>");
  for (guint i = 0; stack->capabilities && stack->capabilities[i]; i++)
    sbx_xml_text (out, "member", stack->capabilities[i]);
  g_string_append (out, "</Capabilities><Outputs>");
  for (guint i = 0; i < stack->outputs->len; i++)
    {
      SbxPair *o = g_ptr_array_index (stack->outputs, i);

      g_string_append (out, "<member>");
      sbx_xml_text (out, "OutputKey", o->key);
      sbx_xml_text (out, "OutputValue", o->value);
      g_string_append (out, "</member>");
    }
  g_string_append (out, "</Outputs>");
  sbx_cfn_tags_xml (out, stack->tags);
  sbx_xml_bool (out, "EnableTerminationProtection", FALSE);
  g_string_append (out, "<DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus></DriftInformation>"
                   "</member>");
}

/* DescribeStacks without a name lists the stacks that are not deleted,
 * newest first, stack_page_size at a time. */
static void
describe_stacks (SbxRequest *req)
{
  const char *name = sbx_param (req, "StackName");
  const char *token = sbx_param (req, "NextToken");
  GPtrArray *stacks = req->state->stacks;
  guint start = stacks->len, count = 0;
  GString *out;

  if (name != NULL)
    {
      SbxStack *stack = sbx_stack_find (req->state, name, g_str_has_prefix (name, "arn:"));

      if (stack == NULL)
        {
          g_autofree char *m = g_strdup_printf ("Stack with id %s does not exist", name);
          sbx_reply_error (req, 400, "ValidationError", m);
          return;
        }
      out = g_string_new ("<Stacks>");
      stack_xml (out, stack);
      g_string_append (out, "</Stacks>");
      reply_string (req, out);
      return;
    }
  if (token != NULL && !page_token_parse (req, token, "stacks", "all", stacks->len, &start))
    return;
  out = g_string_new ("<Stacks>");
  for (; start > 0 && count < req->state->stack_page_size; start--)
    {
      SbxStack *stack = g_ptr_array_index (stacks, start - 1);

      if (!g_str_equal (stack->status, "DELETE_COMPLETE"))
        {
          stack_xml (out, stack);
          count++;
        }
    }
  g_string_append (out, "</Stacks>");
  /* a token only when a stack is left */
  while (start > 0 && g_str_equal (((SbxStack *) g_ptr_array_index (stacks, start - 1))->status, "DELETE_COMPLETE"))
    start--;
  if (start > 0)
    {
      g_autofree char *next = page_token ("stacks", "all", start);

      sbx_xml_text (out, "NextToken", next);
    }
  reply_string (req, out);
}

static void
list_stacks (SbxRequest *req)
{
  g_auto(GStrv) filter = sbx_param_list (req, "StackStatusFilter.member");
  GString *out = g_string_new ("<StackSummaries>");

  for (guint i = req->state->stacks->len; i > 0; i--)
    {
      SbxStack *stack = g_ptr_array_index (req->state->stacks, i - 1);

      if (filter[0] && !g_strv_contains ((const char * const *) filter, stack->status))
        continue;
      g_string_append (out, "<member>");
      sbx_xml_text (out, "StackId", stack->stack_id);
      sbx_xml_text (out, "StackName", stack->name);
      sbx_xml_text (out, "TemplateDescription", stack->description);
      sbx_xml_time (out, "CreationTime", stack->created);
      sbx_xml_time (out, "LastUpdatedTime", stack->updated);
      sbx_xml_time (out, "DeletionTime", stack->deleted);
      sbx_xml_text (out, "StackStatus", stack->status);
      sbx_xml_text (out, "StackStatusReason", stack->status_reason);
      g_string_append (out, "<DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus>"
                       "</DriftInformation></member>");
    }
  g_string_append (out, "</StackSummaries>");
  reply_string (req, out);
}

/* Tokens name the index (oldest first) of the next event to return. */
static void
describe_stack_events (SbxRequest *req)
{
  const char *name = sbx_param (req, "StackName");
  const char *token = sbx_param (req, "NextToken");
  SbxStack *stack = name ? sbx_stack_find (req->state, name, g_str_has_prefix (name, "arn:")) : NULL;
  guint start, count = 0;
  GString *out;

  if (stack == NULL)
    {
      g_autofree char *m = g_strdup_printf ("Stack [%s] does not exist", name ? name : "");
      sbx_reply_error (req, 400, "ValidationError", m);
      return;
    }
  start = stack->events->len;
  if (token != NULL && !page_token_parse (req, token, "events", stack_scope (stack), stack->events->len, &start))
    return;
  out = g_string_new ("<StackEvents>");
  while (start > 0 && count < req->state->event_page_size)
    {
      SbxEvent *e = g_ptr_array_index (stack->events, --start);

      count++;
      g_string_append (out, "<member>");
      sbx_xml_text (out, "StackId", stack->stack_id);
      sbx_xml_text (out, "EventId", e->event_id);
      sbx_xml_text (out, "StackName", stack->name);
      sbx_xml_text (out, "LogicalResourceId", e->logical_id);
      sbx_xml_text (out, "PhysicalResourceId", e->physical_id ? e->physical_id : "");
      sbx_xml_text (out, "ResourceType", e->type);
      sbx_xml_time (out, "Timestamp", e->timestamp);
      sbx_xml_text (out, "ResourceStatus", e->status);
      sbx_xml_text (out, "ResourceStatusReason", e->reason);
      sbx_xml_text (out, "ClientRequestToken", e->token);
      g_string_append (out, "</member>");
    }
  g_string_append (out, "</StackEvents>");
  if (start > 0)
    {
      g_autofree char *next = page_token ("events", stack_scope (stack), start);

      sbx_xml_text (out, "NextToken", next);
    }
  reply_string (req, out);
}

/* ListStackResources (SUMMARIES, paged by resource_page_size) and
 * DescribeStackResources (the first 100, by stack or physical id). */
static void
stack_resources (SbxRequest *req, gboolean summaries)
{
  const char *name = sbx_param (req, "StackName");
  const char *physical = sbx_param (req, "PhysicalResourceId");
  const char *logical = sbx_param (req, "LogicalResourceId");
  const char *token = sbx_param (req, "NextToken");
  SbxStack *stack = NULL;
  guint count = 0, start = 0, i;
  GString *out;

  if (!summaries && physical != NULL)
    for (guint k = 0; stack == NULL && k < req->state->stacks->len; k++)
      {
        SbxStack *s = g_ptr_array_index (req->state->stacks, k);

        for (guint j = 0; j < s->resources->len; j++)
          if (g_strcmp0 (((SbxResource *) g_ptr_array_index (s->resources, j))->physical_id, physical) == 0)
            stack = s;
      }
  else if (name != NULL)
    stack = sbx_stack_find (req->state, name, g_str_has_prefix (name, "arn:"));
  if (stack == NULL)
    {
      g_autofree char *m = g_strdup_printf ("Stack with id %s does not exist", name ? name : physical ? physical : "");
      sbx_reply_error (req, 400, "ValidationError", m);
      return;
    }
  if (summaries && token != NULL &&
      !page_token_parse (req, token, "resources", stack_scope (stack), stack->resources->len, &start))
    return;
  out = g_string_new (summaries ? "<StackResourceSummaries>" : "<StackResources>");
  /* ListStackResources pages; DescribeStackResources stops at 100 */
  for (i = start; i < stack->resources->len && count < (summaries ? req->state->resource_page_size : 100); i++)
    {
      SbxResource *res = g_ptr_array_index (stack->resources, i);

      if (res->status == NULL || (logical && !g_str_equal (logical, res->logical_id)))
        continue;
      count++;
      g_string_append (out, "<member>");
      if (!summaries)
        {
          sbx_xml_text (out, "StackName", stack->name);
          sbx_xml_text (out, "StackId", stack->stack_id);
        }
      sbx_xml_text (out, "LogicalResourceId", res->logical_id);
      sbx_xml_text (out, "PhysicalResourceId", res->physical_id ? res->physical_id : "");
      sbx_xml_text (out, "ResourceType", res->type);
      sbx_xml_time (out, summaries ? "LastUpdatedTimestamp" : "Timestamp", res->timestamp);
      sbx_xml_text (out, "ResourceStatus", res->status);
      sbx_xml_text (out, "ResourceStatusReason", res->status_reason);
      g_string_append (out, summaries ? "<DriftInformation><StackResourceDriftStatus>NOT_CHECKED"
                                        "</StackResourceDriftStatus></DriftInformation></member>"
                                      : "</member>");
    }
  g_string_append (out, summaries ? "</StackResourceSummaries>" : "</StackResources>");
  while (i < stack->resources->len && ((SbxResource *) g_ptr_array_index (stack->resources, i))->status == NULL)
    i++;
  if (summaries && i < stack->resources->len)
    {
      g_autofree char *next = page_token ("resources", stack_scope (stack), i);

      sbx_xml_text (out, "NextToken", next);
    }
  reply_string (req, out);
}

gboolean
sbx_handle_cfn_describe (SbxRequest *req)
{
  const char *op = req->operation;

  if (g_str_equal (op, "DescribeStacks"))
    describe_stacks (req);
  else if (g_str_equal (op, "ListStacks"))
    list_stacks (req);
  else if (g_str_equal (op, "DescribeStackEvents"))
    describe_stack_events (req);
  else if (g_str_equal (op, "ListStackResources"))
    stack_resources (req, TRUE);
  else if (g_str_equal (op, "DescribeStackResources"))
    stack_resources (req, FALSE);
  else
    return FALSE;
  return TRUE;
}
