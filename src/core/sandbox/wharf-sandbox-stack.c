/* wharf-sandbox-stack.c: the objects of a stack: key/value pairs
 * (parameters, tags, outputs), resources, the stack itself, and finding
 * them by name, id or logical id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

SbxPair *
sbx_pair_new (const char *key,
              const char *value)
{
  SbxPair *pair = g_new0 (SbxPair, 1);

  pair->key = g_strdup (key);
  pair->value = g_strdup (value);
  return pair;
}

void
sbx_pair_free (SbxPair *pair)
{
  g_free (pair->key);
  g_free (pair->value);
  g_free (pair);
}

const char *
sbx_pairs_lookup (GPtrArray  *pairs,
                  const char *key)
{
  for (guint i = 0; pairs && i < pairs->len; i++)
    {
      SbxPair *pair = g_ptr_array_index (pairs, i);

      if (g_strcmp0 (pair->key, key) == 0)
        return pair->value;
    }
  return NULL;
}

SbxResource *
sbx_resource_new (const char *logical_id,
                  const char *type)
{
  SbxResource *res = g_new0 (SbxResource, 1);

  res->logical_id = g_strdup (logical_id);
  res->type = g_strdup (type);
  res->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return res;
}

void
sbx_resource_free (SbxResource *res)
{
  g_free (res->logical_id);
  g_free (res->type);
  g_free (res->physical_id);
  g_free (res->status);
  g_free (res->status_reason);
  g_clear_pointer (&res->properties, json_node_unref);
  g_clear_pointer (&res->attributes, g_hash_table_unref);
  g_free (res->old_physical_id);
  g_clear_pointer (&res->old_properties, json_node_unref);
  g_clear_pointer (&res->old_attributes, g_hash_table_unref);
  g_free (res);
}

void
sbx_stack_free (SbxStack *stack)
{
  g_free (stack->stack_id);
  g_free (stack->name);
  g_free (stack->status);
  g_free (stack->status_reason);
  g_free (stack->description);
  sbx_template_free (stack->tmpl);
  sbx_template_free (stack->old_tmpl);
  g_clear_pointer (&stack->parameters, g_ptr_array_unref);
  g_clear_pointer (&stack->old_parameters, g_ptr_array_unref);
  g_clear_pointer (&stack->tags, g_ptr_array_unref);
  g_strfreev (stack->capabilities);
  g_free (stack->on_failure);
  g_ptr_array_unref (stack->resources);
  g_ptr_array_unref (stack->events);
  g_ptr_array_unref (stack->outputs);
  sbx_operation_free (stack->op);
  g_free (stack);
}

SbxStack *
sbx_stack_find (SbxState   *state,
                const char *name_or_id,
                gboolean    include_deleted)
{
  gboolean by_id = g_str_has_prefix (name_or_id, "arn:");

  /* newest first: a name can be reused after a delete */
  for (guint i = state->stacks->len; i > 0; i--)
    {
      SbxStack *stack = g_ptr_array_index (state->stacks, i - 1);

      if (by_id && g_str_equal (stack->stack_id, name_or_id))
        return stack;
      if (!by_id && g_str_equal (stack->name, name_or_id) &&
          (include_deleted || !g_str_equal (stack->status, "DELETE_COMPLETE")))
        return stack;
    }
  return NULL;
}

SbxResource *
sbx_stack_resource (SbxStack   *stack,
                    const char *logical_id)
{
  for (guint i = 0; i < stack->resources->len; i++)
    {
      SbxResource *res = g_ptr_array_index (stack->resources, i);

      if (g_str_equal (res->logical_id, logical_id))
        return res;
    }
  return NULL;
}

gboolean
sbx_stack_is_busy (SbxStack *stack)
{
  return stack->op != NULL || g_str_has_suffix (stack->status, "_IN_PROGRESS");
}
