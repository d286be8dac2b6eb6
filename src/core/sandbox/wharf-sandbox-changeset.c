/* wharf-sandbox-changeset.c: change sets: Add/Modify/Remove between a
 * stack and a new template, replacement per property, execution.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

#define NO_CHANGES_REASON \
  "The submitted information didn't contain changes. Submit different information to create a change set."

static void
detail_free (SbxChangeDetail *d)
{
  g_free (d->name);
  g_free (d->requires_recreation);
  g_free (d->evaluation);
  g_free (d->source);
  g_free (d->causing_entity);
  g_free (d);
}

void
sbx_change_free (SbxChange *change)
{
  g_free (change->action);
  g_free (change->logical_id);
  g_free (change->physical_id);
  g_free (change->type);
  g_free (change->replacement);
  g_ptr_array_unref (change->details);
  g_free (change);
}

void
sbx_change_set_free (SbxChangeSet *cs)
{
  g_free (cs->arn);
  g_free (cs->name);
  g_free (cs->stack_id);
  g_free (cs->stack_name);
  g_free (cs->type);
  g_free (cs->status);
  g_free (cs->execution_status);
  g_free (cs->status_reason);
  g_free (cs->description);
  sbx_template_free (cs->tmpl);
  g_clear_pointer (&cs->parameters, g_ptr_array_unref);
  g_clear_pointer (&cs->tags, g_ptr_array_unref);
  g_strfreev (cs->capabilities);
  g_clear_pointer (&cs->changes, g_ptr_array_unref);
  g_free (cs);
}

static SbxChange *
change_new (const char *action, const char *id, const char *physical_id, const char *type)
{
  SbxChange *c = g_new0 (SbxChange, 1);

  c->action = g_strdup (action);
  c->logical_id = g_strdup (id);
  c->physical_id = g_strdup (physical_id);
  c->type = g_strdup (type);
  c->details = g_ptr_array_new_with_free_func ((GDestroyNotify) detail_free);
  return c;
}

static void
add_detail (SbxChange *c, const char *name, SbxReplacement rule, gboolean dynamic,
            const char *source, const char *cause)
{
  SbxChangeDetail *d = g_new0 (SbxChangeDetail, 1);

  d->name = g_strdup (name);
  d->requires_recreation = g_strdup (rule == SBX_REPLACE_ALWAYS ? "Always"
                                     : rule == SBX_REPLACE_CONDITIONAL ? "Conditionally" : "Never");
  d->evaluation = g_strdup (dynamic ? "Dynamic" : "Static");
  d->source = g_strdup (source);
  d->causing_entity = g_strdup (cause);
  g_ptr_array_add (c->details, d);
}

static JsonNode *
member (JsonNode *obj, const char *name)
{
  if (obj == NULL || !JSON_NODE_HOLDS_OBJECT (obj))
    return NULL;
  return json_object_get_member (json_node_get_object (obj), name);
}

static gboolean
nodes_equal (JsonNode *a, JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

/* Property-level differences of one resource; NULL when unchanged. */
static SbxChange *
diff_resource (SbxEval *ev, SbxStack *stack, SbxResource *res, const char *id, GHashTable *replaced)
{
  JsonObject *decl = sbx_template_resource (ev->tmpl, id);
  JsonObject *old_decl = stack->tmpl ? sbx_template_resource (stack->tmpl, id) : NULL;
  JsonNode *raw = json_object_get_member (decl, "Properties");
  JsonNode *old_raw = old_decl ? json_object_get_member (old_decl, "Properties") : NULL;
  g_autoptr(JsonNode) props = sbx_eval (ev, raw);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) names = NULL;
  SbxChange *c = change_new ("Modify", id, res->physical_id, res->type);
  gboolean static_always = FALSE, dynamic_always = FALSE, conditional = FALSE;

  if (props && JSON_NODE_HOLDS_OBJECT (props))
    for (GList *l = names = json_object_get_members (json_node_get_object (props)); l; l = l->next)
      g_hash_table_add (keys, l->data);
  g_clear_pointer (&names, g_list_free);
  if (res->properties && JSON_NODE_HOLDS_OBJECT (res->properties))
    for (GList *l = names = json_object_get_members (json_node_get_object (res->properties)); l; l = l->next)
      g_hash_table_add (keys, l->data);
  g_clear_pointer (&names, g_list_free);
  names = g_list_sort (g_hash_table_get_keys (keys), (GCompareFunc) g_strcmp0);

  for (GList *l = names; l; l = l->next)
    {
      const char *name = l->data;
      SbxReplacement rule = sbx_property_replacement (res->type, name);
      g_autoptr(GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      const char *cause = NULL;
      GHashTableIter iter;
      gpointer ref;

      if (!nodes_equal (member (props, name), member (res->properties, name)))
        {
          gboolean direct = !nodes_equal (member (raw, name), member (old_raw, name));

          add_detail (c, name, rule, FALSE, direct ? "DirectModification" : "ParameterReference", NULL);
          static_always |= rule == SBX_REPLACE_ALWAYS;
          conditional |= rule == SBX_REPLACE_CONDITIONAL;
          continue;
        }
      sbx_collect_refs (member (raw, name), refs);
      g_hash_table_iter_init (&iter, refs);
      while (cause == NULL && g_hash_table_iter_next (&iter, &ref, NULL))
        if (g_hash_table_contains (replaced, ref))
          cause = ref;
      if (cause != NULL)
        {
          add_detail (c, name, rule, TRUE, "ResourceReference", cause);
          dynamic_always |= rule == SBX_REPLACE_ALWAYS;
          conditional |= rule == SBX_REPLACE_CONDITIONAL;
        }
    }
  if (!g_str_equal (res->type, json_object_get_string_member_with_default (decl, "Type", "")))
    static_always = TRUE;
  if (c->details->len == 0 && !static_always)
    {
      sbx_change_free (c);
      return NULL;
    }
  if (static_always)
    c->replacement = g_strdup ("True");
  else if (dynamic_always || conditional)
    {
      c->replacement = g_strdup ("Conditional");
      c->dynamic = dynamic_always;
    }
  else
    c->replacement = g_strdup ("False");
  if (static_always || dynamic_always)
    g_hash_table_add (replaced, g_strdup (id));
  return c;
}

GPtrArray *
sbx_compute_changes (SbxState    *state,
                     SbxStack    *stack,
                     SbxTemplate *tmpl,
                     GPtrArray   *parameters)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_change_free);
  g_autoptr(GHashTable) replaced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SbxEval ev = { state, stack, tmpl, parameters };

  for (guint i = 0; i < tmpl->order->len; i++)
    {
      const char *id = g_ptr_array_index (tmpl->order, i);
      SbxResource *res = sbx_stack_resource (stack, id);
      SbxChange *c;

      if (!sbx_resource_enabled (&ev, id))
        continue;
      if (res == NULL || !res->exists)
        {
          c = change_new ("Add", id, NULL, sbx_template_resource_type (tmpl, id));
          g_ptr_array_add (changes, c);
          continue;
        }
      c = diff_resource (&ev, stack, res, id, replaced);
      if (c != NULL)
        g_ptr_array_add (changes, c);
    }
  for (guint i = 0; i < stack->resources->len; i++)
    {
      SbxResource *res = g_ptr_array_index (stack->resources, i);

      if (!res->exists)
        continue;
      if (sbx_template_resource (tmpl, res->logical_id) == NULL ||
          !sbx_resource_enabled (&ev, res->logical_id))
        g_ptr_array_add (changes, change_new ("Remove", res->logical_id, res->physical_id, res->type));
    }
  return changes;
}

SbxChangeSet *
sbx_change_set_create (SbxState    *state,
                       SbxStack    *stack,
                       const char  *name,
                       const char  *type,
                       SbxTemplate *tmpl,
                       GPtrArray   *parameters,
                       GPtrArray   *tags,
                       GStrv        capabilities,
                       const char  *description,
                       gint64       now)
{
  SbxChangeSet *cs = g_new0 (SbxChangeSet, 1);
  g_autofree char *uuid = sbx_uuid (state);

  cs->arn = g_strdup_printf ("arn:aws:cloudformation:%s:%s:changeSet/%s/%s",
                             state->region, state->account_id, name, uuid);
  cs->name = g_strdup (name);
  cs->stack_id = g_strdup (stack->stack_id);
  cs->stack_name = g_strdup (stack->name);
  cs->type = g_strdup (type);
  cs->status = g_strdup ("CREATE_PENDING");
  cs->execution_status = g_strdup ("UNAVAILABLE");
  cs->description = g_strdup (description);
  cs->created = now;
  cs->ready_at = now + sbx_state_step_usec (state);
  cs->tmpl = tmpl;
  cs->parameters = parameters;
  cs->tags = tags;
  cs->capabilities = g_strdupv (capabilities);
  g_ptr_array_add (state->change_sets, cs);
  return cs;
}

SbxChangeSet *
sbx_change_set_find (SbxState   *state,
                     const char *name_or_arn,
                     const char *stack_name)
{
  for (guint i = 0; i < state->change_sets->len; i++)
    {
      SbxChangeSet *cs = g_ptr_array_index (state->change_sets, i);

      if (g_str_equal (cs->arn, name_or_arn))
        return cs;
      if (stack_name && g_str_equal (cs->name, name_or_arn) &&
          (g_str_equal (cs->stack_name, stack_name) || g_str_equal (cs->stack_id, stack_name)))
        return cs;
    }
  return NULL;
}

static void
set_string (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

void
sbx_change_sets_advance (SbxState *state,
                         gint64    now)
{
  for (guint i = 0; i < state->change_sets->len; i++)
    {
      SbxChangeSet *cs = g_ptr_array_index (state->change_sets, i);
      SbxStack *stack = sbx_stack_find (state, cs->stack_id, TRUE);

      if (g_str_equal (cs->status, "CREATE_PENDING") && now >= cs->ready_at && stack)
        {
          cs->changes = sbx_compute_changes (state, stack, cs->tmpl, cs->parameters);
          if (cs->changes->len == 0 && g_str_equal (cs->type, "UPDATE"))
            {
              set_string (&cs->status, "FAILED");
              set_string (&cs->status_reason, NO_CHANGES_REASON);
            }
          else
            {
              set_string (&cs->status, "CREATE_COMPLETE");
              set_string (&cs->execution_status, "AVAILABLE");
            }
        }
      else if (g_str_equal (cs->execution_status, "EXECUTE_IN_PROGRESS") && stack && stack->op == NULL)
        set_string (&cs->execution_status,
                    g_str_has_suffix (stack->status, "_COMPLETE") && !strstr (stack->status, "ROLLBACK")
                    ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED");
    }
}

gboolean
sbx_change_set_execute (SbxState      *state,
                        SbxChangeSet  *cs,
                        const char    *token,
                        gboolean       disable_rollback,
                        gint64         now,
                        GError       **error)
{
  SbxStack *stack = sbx_stack_find (state, cs->stack_id, TRUE);
  SbxTemplate *tmpl;
  gboolean ok;

  if (!g_str_equal (cs->execution_status, "AVAILABLE") || stack == NULL)
    {
      g_set_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_STATE,
                   "InvalidChangeSetStatus: ChangeSet [%s] cannot be executed in its current execution status of [%s]",
                   cs->arn, cs->execution_status);
      return FALSE;
    }
  tmpl = sbx_template_parse (cs->tmpl->body, strlen (cs->tmpl->body), error);
  if (tmpl == NULL)
    return FALSE;
  if (g_str_equal (cs->type, "CREATE"))
    ok = sbx_engine_create_stack (state, stack, stack->name, tmpl, cs->parameters, cs->tags,
                                  cs->capabilities, disable_rollback ? "DO_NOTHING" : "ROLLBACK",
                                  token, now, error) != NULL;
  else
    ok = sbx_engine_update_stack (state, stack, tmpl, cs->parameters, cs->tags, cs->capabilities,
                                  disable_rollback, token, now, error);
  if (!ok)
    {
      if (g_str_equal (cs->type, "CREATE"))
        sbx_template_free (tmpl);
      return FALSE;
    }
  set_string (&cs->execution_status, "EXECUTE_IN_PROGRESS");
  for (guint i = 0; i < state->change_sets->len; i++)
    {
      SbxChangeSet *other = g_ptr_array_index (state->change_sets, i);

      if (other != cs && g_str_equal (other->stack_id, cs->stack_id))
        set_string (&other->execution_status, "OBSOLETE");
    }
  return TRUE;
}

void
sbx_change_set_delete (SbxState     *state,
                       SbxChangeSet *cs)
{
  g_ptr_array_remove (state->change_sets, cs);
}
