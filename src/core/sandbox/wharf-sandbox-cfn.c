/* wharf-sandbox-cfn.c: the CloudFormation Query API for stacks: create,
 * update, delete, cancel, templates (the reads are in
 * wharf-sandbox-cfn-describe.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wharf-sandbox-private.h"

#define STACK_PATTERN "[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*"

gboolean
sbx_cfn_check_name (SbxRequest *req,
                    const char *value,
                    const char *member,
                    const char *pattern)
{
  g_autofree char *anchored = g_strdup_printf ("^(%s)$", pattern);
  g_autofree char *m = NULL;

  if (value != NULL && strlen (value) <= 128 && g_regex_match_simple (anchored, value, 0, 0))
    return TRUE;
  if (value == NULL)
    m = g_strdup_printf ("1 validation error detected: Value null at '%s' failed to satisfy constraint: "
                         "Member must not be null", member);
  else
    m = g_strdup_printf ("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                         "Member must satisfy regular expression pattern: %s", value, member, pattern);
  sbx_reply_error (req, 400, "ValidationError", m);
  return FALSE;
}

SbxTemplate *
sbx_cfn_request_template (SbxRequest *req,
                          SbxStack   *stack)
{
  const char *body = sbx_param (req, "TemplateBody");
  const char *url = sbx_param (req, "TemplateURL");
  gboolean previous = g_strcmp0 (sbx_param (req, "UsePreviousTemplate"), "true") == 0;
  g_autoptr(GBytes) object = NULL;
  g_autoptr(GError) error = NULL;
  SbxTemplate *tmpl;
  gsize length;

  if ((body != NULL) + (url != NULL) + previous != 1)
    {
      sbx_reply_error (req, 400, "ValidationError",
                       previous ? "You cannot specify both usePreviousTemplate and Template Body/Template Url."
                                : "Either Template URL or Template Body must be specified.");
      return NULL;
    }
  if (previous)
    {
      if (stack == NULL || stack->tmpl == NULL)
        {
          sbx_reply_error (req, 400, "ValidationError", "UsePreviousTemplate is not allowed for a new stack.");
          return NULL;
        }
      body = stack->tmpl->body;
    }
  else if (body != NULL && strlen (body) > SBX_MAX_TEMPLATE_BODY)
    {
      g_autofree char *m = g_strdup_printf ("1 validation error detected: Value '%.40s…' at 'templateBody' failed "
                                            "to satisfy constraint: Member must have length less than or equal "
                                            "to %d", body, SBX_MAX_TEMPLATE_BODY);
      sbx_reply_error (req, 400, "ValidationError", m);
      return NULL;
    }
  else if (url != NULL)
    {
      object = sbx_s3_lookup_url (req->state, url);
      if (object == NULL)
        {
          sbx_reply_error (req, 400, "ValidationError",
                           "TemplateURL must be a supported URL.");
          return NULL;
        }
      if (g_bytes_get_size (object) > SBX_MAX_TEMPLATE_URL)
        {
          sbx_reply_error (req, 400, "ValidationError", "Template may not exceed 1000000 bytes in size.");
          return NULL;
        }
      body = g_bytes_get_data (object, &length);
      tmpl = sbx_template_parse (body, length, &error);
      if (tmpl == NULL)
        sbx_reply_error (req, 400, "ValidationError", error->message);
      return tmpl;
    }
  tmpl = sbx_template_parse (body, strlen (body), &error);
  if (tmpl == NULL)
    sbx_reply_error (req, 400, "ValidationError", error->message);
  return tmpl;
}

void
sbx_cfn_parameters_xml (GString   *out,
                        GPtrArray *parameters)
{
  g_string_append (out, "<Parameters>");
  for (guint i = 0; parameters && i < parameters->len; i++)
    {
      SbxPair *p = g_ptr_array_index (parameters, i);

      g_string_append (out, "<member>");
      sbx_xml_text (out, "ParameterKey", p->key);
      sbx_xml_text (out, "ParameterValue", p->value);
      g_string_append (out, "</member>");
    }
  g_string_append (out, "</Parameters>");
}

void
sbx_cfn_tags_xml (GString   *out,
                  GPtrArray *tags)
{
  g_string_append (out, "<Tags>");
  for (guint i = 0; tags && i < tags->len; i++)
    {
      SbxPair *p = g_ptr_array_index (tags, i);

      g_string_append (out, "<member>");
      sbx_xml_text (out, "Key", p->key);
      sbx_xml_text (out, "Value", p->value);
      g_string_append (out, "</member>");
    }
  g_string_append (out, "</Tags>");
}

static void
reply_string (SbxRequest *req, GString *out)
{
  g_autofree char *body = g_string_free (out, FALSE);

  sbx_reply_query (req, body);
}

static SbxStack *
stack_or_fail (SbxRequest *req)
{
  const char *name = sbx_param (req, "StackName");
  SbxStack *stack = name ? sbx_stack_find (req->state, name, FALSE) : NULL;

  if (stack == NULL)
    {
      g_autofree char *m = g_strdup_printf ("Stack with id %s does not exist", name ? name : "");
      sbx_reply_error (req, 400, "ValidationError", m);
    }
  return stack;
}

static void
parameter_declarations (GString *out, SbxTemplate *tmpl, gboolean summary)
{
  JsonObject *decls = sbx_template_section (tmpl, "Parameters");

  g_string_append (out, "<Parameters>");
  for (guint i = 0; i < tmpl->parameters->len; i++)
    {
      const char *key = g_ptr_array_index (tmpl->parameters, i);
      JsonObject *d = json_object_get_object_member (decls, key);
      JsonNode *def = json_object_get_member (d, "Default");

      g_string_append (out, "<member>");
      sbx_xml_text (out, "ParameterKey", key);
      if (def)
        {
          g_autofree char *v = sbx_node_to_string (def);
          sbx_xml_text (out, "DefaultValue", v);
        }
      if (summary)
        sbx_xml_text (out, "ParameterType", json_object_get_string_member_with_default (d, "Type", "String"));
      sbx_xml_bool (out, "NoEcho", g_strcmp0 (json_object_get_string_member_with_default (d, "NoEcho", "false"), "true") == 0);
      sbx_xml_text (out, "Description", json_object_get_string_member_with_default (d, "Description", NULL));
      g_string_append (out, "</member>");
    }
  g_string_append (out, "</Parameters>");
  sbx_xml_text (out, "Description", tmpl->description);
  if (tmpl->needs_iam)
    {
      g_string_append (out, "<Capabilities>");
      sbx_xml_text (out, "member", tmpl->needs_named_iam ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM");
      g_string_append (out, "</Capabilities>");
      sbx_xml_text (out, "CapabilitiesReason", "The following resource(s) require capabilities: [AWS::IAM::Role]");
    }
}

static void
validate_template (SbxRequest *req, gboolean summary)
{
  const char *name = sbx_param (req, "StackName");
  g_autoptr(SbxTemplate) tmpl = NULL;
  GString *out;

  if (summary && name != NULL)
    {
      SbxStack *stack = stack_or_fail (req);

      if (stack == NULL)
        return;
      tmpl = sbx_template_parse (stack->tmpl->body, strlen (stack->tmpl->body), NULL);
    }
  else
    tmpl = sbx_cfn_request_template (req, NULL);
  if (tmpl == NULL)
    return;
  out = g_string_new (NULL);
  parameter_declarations (out, tmpl, summary);
  if (summary)
    {
      g_autoptr(GPtrArray) types = g_ptr_array_new ();

      g_string_append (out, "<ResourceTypes>");
      for (guint i = 0; i < tmpl->order->len; i++)
        {
          const char *type = sbx_template_resource_type (tmpl, g_ptr_array_index (tmpl->order, i));

          if (!g_ptr_array_find_with_equal_func (types, type, g_str_equal, NULL))
            {
              g_ptr_array_add (types, (gpointer) type);
              sbx_xml_text (out, "member", type);
            }
        }
      g_string_append (out, "</ResourceTypes><Version>2010-09-09</Version>");
    }
  reply_string (req, out);
}

static void
get_template (SbxRequest *req)
{
  const char *cs_name = sbx_param (req, "ChangeSetName");
  SbxChangeSet *cs = cs_name ? sbx_change_set_find (req->state, cs_name, sbx_param (req, "StackName")) : NULL;
  SbxStack *stack = NULL;
  GString *out;

  if (cs_name && cs == NULL)
    {
      g_autofree char *m = g_strdup_printf ("ChangeSet [%s] does not exist", cs_name);
      sbx_reply_error (req, 404, "ChangeSetNotFound", m);
      return;
    }
  if (cs == NULL && (stack = stack_or_fail (req)) == NULL)
    return;
  out = g_string_new (NULL);
  sbx_xml_text (out, "TemplateBody", cs ? cs->tmpl->body : stack->tmpl ? stack->tmpl->body : "");
  g_string_append (out, "<StagesAvailable><member>Original</member><member>Processed</member></StagesAvailable>");
  reply_string (req, out);
}

static void
create_or_update_stack (SbxRequest *req, gboolean create)
{
  const char *name = sbx_param (req, "StackName");
  const char *on_failure = sbx_param (req, "OnFailure");
  const char *disable = sbx_param (req, "DisableRollback");
  g_auto(GStrv) caps = sbx_param_list (req, "Capabilities.member");
  g_autoptr(GPtrArray) params = sbx_param_pairs (req, "Parameters.member", "ParameterKey", "ParameterValue");
  g_autoptr(GPtrArray) tags = sbx_param_pairs (req, "Tags.member", "Key", "Value");
  g_autoptr(GError) error = NULL;
  SbxStack *stack = NULL;
  SbxTemplate *tmpl;
  GString *out;

  if (!sbx_cfn_check_name (req, name, "stackName", STACK_PATTERN))
    return;
  if (sbx_param (req, "ClientRequestToken") &&
      !sbx_cfn_check_name (req, sbx_param (req, "ClientRequestToken"), "clientRequestToken", "[a-zA-Z0-9][-a-zA-Z0-9]*"))
    return;
  if (create && on_failure && disable)
    {
      sbx_reply_error (req, 400, "ValidationError", "You cannot specify both DisableRollback and OnFailure.");
      return;
    }
  if (!create && (stack = sbx_stack_find (req->state, name, FALSE)) == NULL)
    {
      g_autofree char *m = g_strdup_printf ("Stack [%s] does not exist", name);
      sbx_reply_error (req, 400, "ValidationError", m);
      return;
    }
  tmpl = sbx_cfn_request_template (req, stack);
  if (tmpl == NULL)
    return;
  if (create)
    {
      if (g_strcmp0 (disable, "true") == 0)
        on_failure = "DO_NOTHING";
      stack = sbx_engine_create_stack (req->state, NULL, name, tmpl, params, tags, caps, on_failure,
                                       sbx_param (req, "ClientRequestToken"), req->now, &error);
      if (stack == NULL)
        sbx_template_free (tmpl);
    }
  else if (!sbx_engine_update_stack (req->state, stack, tmpl, params, tags, caps,
                                     g_strcmp0 (disable, "true") == 0,
                                     sbx_param (req, "ClientRequestToken"), req->now, &error))
    stack = NULL;
  if (stack == NULL)
    {
      sbx_reply_gerror (req, error);
      return;
    }
  out = g_string_new (NULL);
  sbx_xml_text (out, "StackId", stack->stack_id);
  reply_string (req, out);
}

static void
delete_stack (SbxRequest *req)
{
  const char *name = sbx_param (req, "StackName");
  g_auto(GStrv) retain = sbx_param_list (req, "RetainResources.member");
  SbxStack *stack = name ? sbx_stack_find (req->state, name, g_str_has_prefix (name, "arn:")) : NULL;
  g_autoptr(GError) error = NULL;

  /* deleting a stack that does not exist succeeds */
  if (stack != NULL && !sbx_engine_delete_stack (req->state, stack, retain, sbx_param (req, "ClientRequestToken"),
                                                 req->now, &error))
    {
      sbx_reply_gerror (req, error);
      return;
    }
  sbx_reply_query (req, NULL);
}

static void
cancel_update (SbxRequest *req)
{
  SbxStack *stack = stack_or_fail (req);
  g_autoptr(GError) error = NULL;

  if (stack == NULL)
    return;
  if (!sbx_engine_cancel_update (req->state, stack, req->now, &error))
    sbx_reply_gerror (req, error);
  else
    sbx_reply_query (req, NULL);
}

gboolean
sbx_handle_cloudformation (SbxRequest *req)
{
  const char *op = req->operation;

  if (g_str_equal (op, "CreateStack") || g_str_equal (op, "UpdateStack"))
    create_or_update_stack (req, g_str_equal (op, "CreateStack"));
  else if (g_str_equal (op, "DeleteStack"))
    delete_stack (req);
  else if (sbx_handle_cfn_describe (req))
    ;
  else if (g_str_equal (op, "GetTemplate"))
    get_template (req);
  else if (g_str_equal (op, "GetTemplateSummary"))
    validate_template (req, TRUE);
  else if (g_str_equal (op, "ValidateTemplate"))
    validate_template (req, FALSE);
  else if (g_str_equal (op, "CancelUpdateStack"))
    cancel_update (req);
  else
    return sbx_handle_cfn_change_sets (req);
  return TRUE;
}
