/* wharf-sandbox-engine.c: stack events, parameters and outputs, and the
 * entry points of stack operations (create, update, delete, cancel); the
 * stack objects themselves are in wharf-sandbox-stack.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

static gboolean
engine_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* "Code: message" (see sbx_reply_gerror) */
static gboolean
engine_error (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_STATE, msg);
  return FALSE;
}

static GPtrArray *
pairs_copy (GPtrArray *pairs)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_pair_free);

  for (guint i = 0; pairs && i < pairs->len; i++)
    {
      SbxPair *p = g_ptr_array_index (pairs, i);
      g_ptr_array_add (copy, sbx_pair_new (p->key, p->value));
    }
  return copy;
}

static void
event_free (SbxEvent *e)
{
  g_free (e->event_id);
  g_free (e->logical_id);
  g_free (e->physical_id);
  g_free (e->type);
  g_free (e->status);
  g_free (e->reason);
  g_free (e->token);
  g_free (e);
}

void
sbx_engine_add_event (SbxState   *state,
                      SbxStack   *stack,
                      const char *logical_id,
                      const char *physical_id,
                      const char *type,
                      const char *status,
                      const char *reason,
                      gint64      when)
{
  SbxEvent *e = g_new0 (SbxEvent, 1);
  SbxResource *res = sbx_stack_resource (stack, logical_id);

  /* timestamps are unique and increasing within a stack (1 ms apart) */
  if (when <= stack->last_event_time)
    when = stack->last_event_time + 1000;
  stack->last_event_time = when;
  e->logical_id = g_strdup (logical_id);
  e->physical_id = g_strdup (physical_id);
  e->type = g_strdup (type);
  e->status = g_strdup (status);
  e->reason = g_strdup (reason);
  e->token = stack->op ? g_strdup (sbx_operation_token (stack->op)) : NULL;
  e->timestamp = when;
  if (g_str_equal (type, "AWS::CloudFormation::Stack"))
    e->event_id = sbx_uuid (state);
  else
    {
      g_autofree char *iso = sbx_iso8601 (when);
      e->event_id = g_strdup_printf ("%s-%s-%s", logical_id, status, iso);
    }
  g_ptr_array_add (stack->events, e);

  if (res != NULL && (physical_id == NULL || res->physical_id == NULL ||
                      g_str_equal (physical_id, res->physical_id)))
    {
      g_free (res->status);
      res->status = g_strdup (status);
      g_free (res->status_reason);
      res->status_reason = g_strdup (reason);
      res->timestamp = when;
    }
}

void
sbx_stack_set_status (SbxState   *state,
                      SbxStack   *stack,
                      const char *status,
                      const char *reason,
                      gint64      when)
{
  g_free (stack->status);
  stack->status = g_strdup (status);
  g_free (stack->status_reason);
  stack->status_reason = g_strdup (reason);
  sbx_engine_add_event (state, stack, stack->name, stack->stack_id, "AWS::CloudFormation::Stack",
                        status, reason, when);
}

void
sbx_stack_compute_outputs (SbxState *state,
                           SbxStack *stack)
{
  JsonObject *outputs = sbx_template_section (stack->tmpl, "Outputs");
  SbxEval ev = { state, stack, stack->tmpl, stack->parameters };
  GList *members = outputs ? json_object_get_members (outputs) : NULL;

  g_ptr_array_set_size (stack->outputs, 0);
  for (GList *l = members; l; l = l->next)
    {
      JsonObject *o = json_object_get_object_member (outputs, l->data);
      const char *condition = json_object_get_string_member_with_default (o, "Condition", NULL);
      g_autoptr(JsonNode) value = NULL;
      g_autofree char *text = NULL;
      JsonNode *export;

      if (condition && !sbx_eval_condition (&ev, condition))
        continue;
      value = sbx_eval (&ev, json_object_get_member (o, "Value"));
      text = sbx_node_to_string (value);
      g_ptr_array_add (stack->outputs, sbx_pair_new (l->data, text));
      export = json_object_get_member (o, "Export");
      if (export && JSON_NODE_HOLDS_OBJECT (export))
        {
          g_autoptr(JsonNode) name = sbx_eval (&ev, json_object_get_member (json_node_get_object (export), "Name"));
          g_autofree char *name_s = sbx_node_to_string (name);

          g_hash_table_replace (state->exports, g_steal_pointer (&name_s), g_strdup (text));
        }
    }
  g_list_free (members);
}

GPtrArray *
sbx_resolve_parameters (SbxTemplate  *tmpl,
                        GPtrArray    *given,
                        GPtrArray    *previous,
                        GError      **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_pair_free);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  JsonObject *decls = sbx_template_section (tmpl, "Parameters");

  for (guint i = 0; given && i < given->len; i++)
    {
      SbxPair *p = g_ptr_array_index (given, i);

      if (!g_ptr_array_find_with_equal_func (tmpl->parameters, p->key, g_str_equal, NULL))
        g_ptr_array_add (unknown, p->key);
    }
  if (unknown->len)
    {
      g_ptr_array_add (unknown, NULL);
      g_autofree char *names = g_strjoinv (", ", (char **) unknown->pdata);
      engine_error (error, "ValidationError: Parameters: [%s] do not exist in the template", names);
      return NULL;
    }
  for (guint i = 0; i < tmpl->parameters->len; i++)
    {
      const char *name = g_ptr_array_index (tmpl->parameters, i);
      JsonObject *decl = json_object_get_object_member (decls, name);
      JsonNode *def = json_object_get_member (decl, "Default");
      JsonNode *allowed = json_object_get_member (decl, "AllowedValues");
      const char *type = json_object_get_string_member_with_default (decl, "Type", "String");
      gboolean found = FALSE;
      g_autofree char *value = NULL;

      for (guint j = 0; given && j < given->len; j++)
        {
          SbxPair *p = g_ptr_array_index (given, j);

          if (g_str_equal (p->key, name))
            {
              found = TRUE;
              value = g_strdup (p->value ? p->value : sbx_pairs_lookup (previous, name));
            }
        }
      if (!found && def != NULL)
        value = sbx_node_to_string (def);
      if (value == NULL)
        {
          g_ptr_array_add (missing, (gpointer) name);
          continue;
        }
      if (g_str_equal (type, "Number") && !g_regex_match_simple ("^-?[0-9]+(\\.[0-9]+)?$", value, 0, 0))
        {
          engine_error (error, "ValidationError: Parameter '%s' must be a number.", name);
          return NULL;
        }
      if (allowed && JSON_NODE_HOLDS_ARRAY (allowed))
        {
          JsonArray *a = json_node_get_array (allowed);
          gboolean ok = FALSE;

          for (guint j = 0; j < json_array_get_length (a); j++)
            {
              g_autofree char *v = sbx_node_to_string (json_array_get_element (a, j));
              ok = ok || g_str_equal (v, value);
            }
          if (!ok)
            {
              engine_error (error, "ValidationError: Parameter '%s' must be one of AllowedValues", name);
              return NULL;
            }
        }
      g_ptr_array_add (result, sbx_pair_new (name, value));
    }
  if (missing->len)
    {
      g_ptr_array_add (missing, NULL);
      g_autofree char *names = g_strjoinv (", ", (char **) missing->pdata);
      engine_error (error, "ValidationError: Parameters: [%s] must have values", names);
      return NULL;
    }
  return g_steal_pointer (&result);
}

gboolean
sbx_check_capabilities (SbxTemplate  *tmpl,
                        GStrv         capabilities,
                        GError      **error)
{
  const char * const *caps = (const char * const *) capabilities;
  gboolean named = caps && g_strv_contains (caps, "CAPABILITY_NAMED_IAM");
  gboolean iam = caps && g_strv_contains (caps, "CAPABILITY_IAM");

  if (tmpl->needs_named_iam && !named)
    return engine_error (error, "InsufficientCapabilitiesException: Requires capabilities : [CAPABILITY_NAMED_IAM]");
  if (tmpl->needs_iam && !iam && !named)
    return engine_error (error, "InsufficientCapabilitiesException: Requires capabilities : [CAPABILITY_IAM]");
  return TRUE;
}

static SbxStack *
stack_new (SbxState *state, const char *name, gint64 now)
{
  SbxStack *stack = g_new0 (SbxStack, 1);
  g_autofree char *uuid = sbx_uuid (state);

  stack->name = g_strdup (name);
  stack->stack_id = g_strdup_printf ("arn:aws:cloudformation:%s:%s:stack/%s/%s",
                                     state->region, state->account_id, name, uuid);
  stack->created = now;
  stack->status = g_strdup ("REVIEW_IN_PROGRESS");
  stack->resources = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_resource_free);
  stack->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  stack->outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_pair_free);
  stack->parameters = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_pair_free);
  stack->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_pair_free);
  g_ptr_array_add (state->stacks, stack);
  return stack;
}

SbxStack *
sbx_engine_review_stack (SbxState   *state,
                         const char *name,
                         gint64      now)
{
  SbxStack *stack = stack_new (state, name, now);

  sbx_stack_set_status (state, stack, "REVIEW_IN_PROGRESS", "User Initiated", now);
  return stack;
}

SbxStack *
sbx_engine_create_stack (SbxState     *state,
                         SbxStack     *review_stack,
                         const char   *name,
                         SbxTemplate  *tmpl,
                         GPtrArray    *parameters,
                         GPtrArray    *tags,
                         GStrv         capabilities,
                         const char   *on_failure,
                         const char   *token,
                         gint64        now,
                         GError      **error)
{
  g_autoptr(GPtrArray) params = NULL;
  SbxStack *stack;

  if (review_stack == NULL && sbx_stack_find (state, name, FALSE) != NULL)
    {
      engine_error (error, "AlreadyExistsException: Stack [%s] already exists", name);
      return NULL;
    }
  params = sbx_resolve_parameters (tmpl, parameters, NULL, error);
  if (params == NULL || !sbx_check_capabilities (tmpl, capabilities, error))
    return NULL;
  stack = review_stack ? review_stack : stack_new (state, name, now);
  if (review_stack)
    stack->created = now;
  sbx_template_free (stack->tmpl);
  stack->tmpl = tmpl;
  g_free (stack->description);
  stack->description = g_strdup (tmpl->description);
  g_ptr_array_unref (stack->parameters);
  stack->parameters = g_steal_pointer (&params);
  g_ptr_array_unref (stack->tags);
  stack->tags = pairs_copy (tags);
  g_strfreev (stack->capabilities);
  stack->capabilities = g_strdupv (capabilities);
  g_free (stack->on_failure);
  stack->on_failure = g_strdup (on_failure ? on_failure : "ROLLBACK");
  stack->disable_rollback = g_strcmp0 (on_failure, "DO_NOTHING") == 0;
  sbx_operation_new_create (state, stack, token, now);
  return stack;
}

gboolean
sbx_engine_update_stack (SbxState     *state,
                         SbxStack     *stack,
                         SbxTemplate  *tmpl,
                         GPtrArray    *parameters,
                         GPtrArray    *tags,
                         GStrv         capabilities,
                         gboolean      disable_rollback,
                         const char   *token,
                         gint64        now,
                         GError      **error)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gboolean same_params = TRUE;

  if (sbx_stack_is_busy (stack) || g_str_equal (stack->status, "ROLLBACK_COMPLETE") ||
      g_str_equal (stack->status, "CREATE_FAILED") || g_str_equal (stack->status, "ROLLBACK_FAILED") ||
      g_str_equal (stack->status, "DELETE_COMPLETE") || g_str_equal (stack->status, "REVIEW_IN_PROGRESS"))
    {
      sbx_template_free (tmpl);
      return engine_error (error, "ValidationError: Stack:%s is in %s state and can not be updated.",
                           stack->stack_id, stack->status);
    }
  params = sbx_resolve_parameters (tmpl, parameters, stack->parameters, error);
  if (params == NULL || !sbx_check_capabilities (tmpl, capabilities, error))
    {
      sbx_template_free (tmpl);
      return FALSE;
    }
  for (guint i = 0; i < params->len; i++)
    {
      SbxPair *p = g_ptr_array_index (params, i);
      same_params = same_params && g_strcmp0 (p->value, sbx_pairs_lookup (stack->parameters, p->key)) == 0;
    }
  same_params = same_params && params->len == stack->parameters->len;
  changes = sbx_compute_changes (state, stack, tmpl, params);
  if (changes->len == 0 && same_params && g_str_equal (tmpl->body, stack->tmpl->body))
    {
      sbx_template_free (tmpl);
      return engine_error (error, "ValidationError: No updates are to be performed.");
    }
  stack->old_tmpl = stack->tmpl;
  stack->tmpl = tmpl;
  stack->old_parameters = stack->parameters;
  stack->parameters = g_steal_pointer (&params);
  if (tags != NULL && tags->len > 0)
    {
      g_ptr_array_unref (stack->tags);
      stack->tags = pairs_copy (tags);
    }
  g_strfreev (stack->capabilities);
  stack->capabilities = g_strdupv (capabilities);
  stack->updated = now;
  g_free (stack->description);
  stack->description = g_strdup (tmpl->description);
  sbx_operation_new_update (state, stack, changes, token, disable_rollback, now);
  return TRUE;
}

gboolean
sbx_engine_delete_stack (SbxState    *state,
                         SbxStack    *stack,
                         GStrv        retain,
                         const char  *token,
                         gint64       now,
                         GError     **error)
{
  if (g_str_equal (stack->status, "DELETE_COMPLETE") || g_str_equal (stack->status, "DELETE_IN_PROGRESS"))
    return TRUE;
  if (sbx_stack_is_busy (stack) && !g_str_equal (stack->status, "REVIEW_IN_PROGRESS"))
    return engine_error (error, "ValidationError: Stack [%s] cannot be deleted while in status %s",
                         stack->name, stack->status);
  if (stack->tmpl == NULL)
    {
      /* a stack still in review has nothing to delete */
      sbx_stack_set_status (state, stack, "DELETE_COMPLETE", NULL, now);
      stack->deleted = now;
      return TRUE;
    }
  sbx_operation_new_delete (state, stack, retain, token, now);
  return TRUE;
}

gboolean
sbx_engine_cancel_update (SbxState  *state,
                          SbxStack  *stack,
                          gint64     now,
                          GError   **error)
{
  if (!g_str_equal (stack->status, "UPDATE_IN_PROGRESS") || stack->op == NULL)
    return engine_error (error, "ValidationError: CancelUpdateStack cannot be called from current stack status");
  sbx_operation_cancel (state, stack, now);
  return TRUE;
}

void
sbx_engine_advance (SbxState *state,
                    gint64    now)
{
  for (guint i = 0; i < state->stacks->len; i++)
    {
      SbxStack *stack = g_ptr_array_index (state->stacks, i);
      guint guard = 0;

      while (stack->op != NULL && sbx_operation_next_step (stack->op) <= now && guard++ < 100000)
        sbx_operation_step (state, stack, sbx_operation_next_step (stack->op));
    }
  sbx_change_sets_advance (state, now);
  sbx_ecs_advance (state, now);
}

gint64
sbx_engine_run_until_idle (SbxState *state,
                           gint64    now)
{
  for (guint guard = 0; guard < 100000; guard++)
    {
      gint64 next = G_MAXINT64;

      for (guint i = 0; i < state->stacks->len; i++)
        {
          SbxStack *stack = g_ptr_array_index (state->stacks, i);

          if (stack->op != NULL)
            next = MIN (next, sbx_operation_next_step (stack->op));
        }
      if (next == G_MAXINT64)
        break;
      now = MAX (now, next);
      sbx_engine_advance (state, now);
    }
  return now;
}
