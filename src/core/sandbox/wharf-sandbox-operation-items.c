/* wharf-sandbox-operation-items.c: what one item of a stack operation
 * does to its resource when it starts and when it completes: create,
 * update, replace (the old one is deleted at cleanup), delete (or retain),
 * revert during a rollback, and the events of each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-operation-private.h"

static gboolean
is_retained (SbxStack *stack, SbxOperation *op, const char *id)
{
  JsonObject *res = sbx_template_resource (stack->tmpl, id);
  const char *policy = res ? json_object_get_string_member_with_default (res, "DeletionPolicy", NULL) : NULL;

  if (op->retain && g_strv_contains ((const char * const *) op->retain, id))
    return TRUE;
  return g_strcmp0 (policy, "Retain") == 0 || g_strcmp0 (policy, "RetainExceptOnCreate") == 0;
}

void
sbx_op_start_item (SbxState *state, SbxStack *stack, Item *item, gint64 when)
{
  SbxOperation *op = stack->op;
  SbxResource *res = sbx_stack_resource (stack, item->id);
  SbxEval ev = { state, stack, stack->tmpl, stack->parameters };
  JsonObject *decl = sbx_template_resource (stack->tmpl, item->id);

  item->state = ST_RUNNING;
  switch (item->action)
    {
    case ACT_CREATE:
      if (res == NULL)
        {
          res = sbx_resource_new (item->id, sbx_template_resource_type (stack->tmpl, item->id));
          g_ptr_array_add (stack->resources, res);
        }
      g_clear_pointer (&res->properties, json_node_unref);
      res->properties = decl ? sbx_eval (&ev, json_object_get_member (decl, "Properties")) : NULL;
      sbx_resource_provision (state, stack, res);
      sbx_engine_add_event (state, stack, res->logical_id, NULL, res->type, "CREATE_IN_PROGRESS", NULL, when);
      sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                            "CREATE_IN_PROGRESS", "Resource creation Initiated", when);
      break;
    case ACT_UPDATE:
    case ACT_REPLACE:
      g_clear_pointer (&res->old_properties, json_node_unref);
      g_clear_pointer (&res->old_attributes, g_hash_table_unref);
      res->old_properties = g_steal_pointer (&res->properties);
      res->properties = decl ? sbx_eval (&ev, json_object_get_member (decl, "Properties")) : NULL;
      res->old_attributes = g_hash_table_ref (res->attributes);
      g_hash_table_unref (res->attributes);
      res->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (item->action == ACT_UPDATE)
        {
          GHashTableIter iter;
          gpointer k, v;

          g_hash_table_iter_init (&iter, res->old_attributes);
          while (g_hash_table_iter_next (&iter, &k, &v))
            g_hash_table_insert (res->attributes, g_strdup (k), g_strdup (v));
          sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                                "UPDATE_IN_PROGRESS", NULL, when);
          break;
        }
      sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type, "UPDATE_IN_PROGRESS",
                            "Requested update requires the creation of a new physical resource; hence creating one.",
                            when);
      g_free (res->old_physical_id);
      res->old_physical_id = g_strdup (res->physical_id);
      sbx_resource_provision (state, stack, res);
      sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                            "UPDATE_IN_PROGRESS", "Resource creation Initiated", when);
      break;
    case ACT_DELETE:
      if (res == NULL)
        {
          item->state = ST_DONE;
          break;
        }
      if (res->exists && is_retained (stack, op, item->id))
        {
          sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                                "DELETE_SKIPPED", NULL, when);
          item->state = ST_DONE;
          if (item->remove)
            g_ptr_array_remove (stack->resources, res);
          break;
        }
      sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                            "DELETE_IN_PROGRESS", NULL, when);
      break;
    case ACT_DELETE_OLD:
      sbx_engine_add_event (state, stack, res->logical_id, res->old_physical_id, res->type,
                            "DELETE_IN_PROGRESS", NULL, when);
      break;
    case ACT_REVERT:
    default:
      sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                            "UPDATE_IN_PROGRESS", NULL, when);
      break;
    }
}

static void
swap_old (SbxResource *res)
{
  char *p = res->physical_id;
  JsonNode *n = res->properties;
  GHashTable *a = res->attributes;

  res->physical_id = res->old_physical_id;
  res->old_physical_id = p;
  res->properties = res->old_properties;
  res->old_properties = n;
  if (res->old_attributes)
    {
      res->attributes = res->old_attributes;
      res->old_attributes = a;
    }
}

/* Returns FALSE when the item failed. */
gboolean
sbx_op_finish_item (SbxState *state, SbxStack *stack, Item *item, gint64 when)
{
  SbxOperation *op = stack->op;
  SbxResource *res = sbx_stack_resource (stack, item->id);
  gboolean forward = op->phase == PH_CREATE || op->phase == PH_UPDATE;
  const char *fault = (res && forward) ? sbx_fault_for_resource (state, res) : NULL;

  item->state = ST_DONE;
  if (res == NULL)
    return TRUE;
  switch (item->action)
    {
    case ACT_CREATE:
    case ACT_UPDATE:
    case ACT_REPLACE:
      if (fault)
        {
          item->state = ST_FAILED;
          if (item->action == ACT_CREATE)
            res->exists = FALSE;
          sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                                item->action == ACT_CREATE ? "CREATE_FAILED" : "UPDATE_FAILED", fault, when);
          g_ptr_array_add (op->failed, g_strdup (res->logical_id));
          return FALSE;
        }
      if (item->action == ACT_UPDATE)
        sbx_world_update (state, stack, res, when);
      else
        sbx_world_create (state, stack, res, when);
      res->exists = TRUE;
      sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                            item->action == ACT_CREATE ? "CREATE_COMPLETE" : "UPDATE_COMPLETE", NULL, when);
      return TRUE;
    case ACT_DELETE:
      if (res->exists)
        sbx_world_delete (state, res->type, res->physical_id, when);
      res->exists = FALSE;
      sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                            "DELETE_COMPLETE", NULL, when);
      if (item->remove)
        g_ptr_array_remove (stack->resources, res);
      return TRUE;
    case ACT_DELETE_OLD:
      sbx_world_delete (state, res->type, res->old_physical_id, when);
      sbx_engine_add_event (state, stack, res->logical_id, res->old_physical_id, res->type,
                            "DELETE_COMPLETE", NULL, when);
      g_clear_pointer (&res->old_physical_id, g_free);
      g_clear_pointer (&res->old_properties, json_node_unref);
      g_clear_pointer (&res->old_attributes, g_hash_table_unref);
      return TRUE;
    case ACT_REVERT:
    default:
      if (item->orig_action == ACT_REPLACE && item->orig_state == ST_DONE)
        swap_old (res);  /* the new physical resource is deleted in the cleanup */
      else
        {
          if (res->old_physical_id)
            {
              g_free (res->physical_id);
              res->physical_id = g_steal_pointer (&res->old_physical_id);
            }
          if (res->old_properties)
            {
              g_clear_pointer (&res->properties, json_node_unref);
              res->properties = g_steal_pointer (&res->old_properties);
            }
          if (res->old_attributes)
            {
              g_hash_table_unref (res->attributes);
              res->attributes = g_steal_pointer (&res->old_attributes);
            }
          sbx_world_update (state, stack, res, when);
        }
      res->exists = TRUE;
      sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                            "UPDATE_COMPLETE", NULL, when);
      return TRUE;
    }
}
