/* wharf-sandbox-operation.c: the steps of a stack operation.
 *
 * An operation is a sequence of phases (create; rollback; update; cleanup;
 * update rollback; rollback cleanup; delete). A phase is a set of items
 * (one action on one logical resource) with "waits for" edges from the
 * dependency graph. Every step completes the running items, then starts
 * the items whose prerequisites are done, as CloudFormation does in
 * parallel. A failure cancels the other running items and starts the
 * rollback with CloudFormation's event sequence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-operation-private.h"

static void
item_free (Item *item)
{
  g_free (item->id);
  g_ptr_array_unref (item->waits);
  g_free (item);
}

static Item *
item_new (GPtrArray *items, const char *id, Action action)
{
  Item *item = g_new0 (Item, 1);

  item->id = g_strdup (id);
  item->action = action;
  item->waits = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (items, item);
  return item;
}

static Item *
find_item (GPtrArray *items, const char *id)
{
  for (guint i = 0; items && i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->id, id))
        return item;
    }
  return NULL;
}

void
sbx_operation_free (SbxOperation *op)
{
  if (op == NULL)
    return;
  g_clear_pointer (&op->items, g_ptr_array_unref);
  g_clear_pointer (&op->main_items, g_ptr_array_unref);
  g_clear_pointer (&op->removed, g_ptr_array_unref);
  g_ptr_array_unref (op->failed);
  g_free (op->token);
  g_strfreev (op->retain);
  g_free (op);
}

gint64
sbx_operation_next_step (SbxOperation *op)
{
  return op->next_step;
}

const char *
sbx_operation_token (SbxOperation *op)
{
  return op->token;
}

static SbxOperation *
operation_new (SbxOpKind kind, const char *token, gint64 now, SbxState *state)
{
  SbxOperation *op = g_new0 (SbxOperation, 1);

  op->kind = kind;
  op->token = g_strdup (token);
  op->failed = g_ptr_array_new_with_free_func (g_free);
  op->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  op->next_step = now + sbx_state_step_usec (state);
  return op;
}

/* Items wait for the items of the resources they depend on (creation) or
 * for the items of the resources that depend on them (deletion). */
static void
add_waits (GPtrArray *items, SbxTemplate *tmpl, gboolean reverse)
{
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      for (guint j = 0; j < items->len; j++)
        {
          Item *other = g_ptr_array_index (items, j);
          GPtrArray *deps;

          if (i == j)
            continue;
          deps = sbx_template_deps (tmpl, reverse ? other->id : item->id);
          if (deps && g_ptr_array_find_with_equal_func (deps, reverse ? item->id : other->id,
                                                        g_str_equal, NULL))
            g_ptr_array_add (item->waits, g_strdup (other->id));
        }
    }
}

static void
add_delete_items (SbxOperation *op, SbxStack *stack, SbxTemplate *tmpl)
{
  for (guint i = 0; i < stack->resources->len; i++)
    {
      SbxResource *res = g_ptr_array_index (stack->resources, i);

      if (res->status != NULL && !g_str_equal (res->status, "DELETE_COMPLETE") &&
          !g_str_equal (res->status, "DELETE_SKIPPED"))
        item_new (op->items, res->logical_id, ACT_DELETE);
    }
  add_waits (op->items, tmpl, TRUE);
}

static void
enter_phase (SbxState *state, SbxStack *stack, Phase phase, const char *reason, gint64 when)
{
  SbxOperation *op = stack->op;
  static const char * const statuses[] = {
    [PH_CREATE] = "CREATE_IN_PROGRESS",
    [PH_ROLLBACK] = "ROLLBACK_IN_PROGRESS",
    [PH_UPDATE] = "UPDATE_IN_PROGRESS",
    [PH_UPDATE_CLEANUP] = "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
    [PH_UPDATE_ROLLBACK] = "UPDATE_ROLLBACK_IN_PROGRESS",
    [PH_UPDATE_ROLLBACK_CLEANUP] = "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
    [PH_DELETE] = "DELETE_IN_PROGRESS",
  };
  GPtrArray *previous = g_steal_pointer (&op->items);

  op->phase = phase;
  if (phase == PH_UPDATE)
    {
      /* built by sbx_operation_new_update() */
      op->items = previous;
      sbx_stack_set_status (state, stack, statuses[phase], reason, when);
      return;
    }
  if ((phase == PH_UPDATE_CLEANUP || phase == PH_UPDATE_ROLLBACK) && op->main_items == NULL)
    op->main_items = g_steal_pointer (&previous);
  g_clear_pointer (&previous, g_ptr_array_unref);
  op->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  if (phase == PH_UPDATE_ROLLBACK)
    {
      /* evaluate reverts against the previous template and parameters */
      if (stack->old_tmpl)
        {
          sbx_template_free (stack->tmpl);
          stack->tmpl = g_steal_pointer (&stack->old_tmpl);
          g_ptr_array_unref (stack->parameters);
          stack->parameters = g_steal_pointer (&stack->old_parameters);
        }
      for (guint i = 0; op->main_items && i < op->main_items->len; i++)
        {
          Item *m = g_ptr_array_index (op->main_items, i);

          if ((m->action == ACT_UPDATE || m->action == ACT_REPLACE) && m->state != ST_PENDING)
            {
              Item *r = item_new (op->items, m->id, ACT_REVERT);
              r->orig_action = m->action;
              r->orig_state = m->state;
            }
        }
    }
  else if (phase == PH_UPDATE_ROLLBACK_CLEANUP || phase == PH_UPDATE_CLEANUP)
    {
      for (guint i = 0; op->main_items && i < op->main_items->len; i++)
        {
          Item *m = g_ptr_array_index (op->main_items, i);
          SbxResource *res = sbx_stack_resource (stack, m->id);

          if (m->action == ACT_REPLACE && res && res->old_physical_id)
            item_new (op->items, m->id, ACT_DELETE_OLD);
          else if (phase == PH_UPDATE_ROLLBACK_CLEANUP && m->action == ACT_CREATE && m->state != ST_PENDING)
            item_new (op->items, m->id, ACT_DELETE)->remove = TRUE;
        }
      for (guint i = 0; phase == PH_UPDATE_CLEANUP && op->removed && i < op->removed->len; i++)
        item_new (op->items, g_ptr_array_index (op->removed, i), ACT_DELETE)->remove = TRUE;
      if (phase == PH_UPDATE_CLEANUP && stack->old_tmpl)
        add_waits (op->items, stack->old_tmpl, TRUE);
    }
  else if (phase == PH_ROLLBACK || phase == PH_DELETE)
    add_delete_items (op, stack, stack->tmpl);
  sbx_stack_set_status (state, stack, statuses[phase], reason, when);
}

static char *
failed_list (SbxOperation *op)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < op->failed->len; i++)
    g_ptr_array_add (names, g_ptr_array_index (op->failed, i));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static void
end_operation (SbxState *state, SbxStack *stack, const char *status, const char *reason, gint64 when)
{
  sbx_stack_set_status (state, stack, status, reason, when);
  if (g_str_equal (status, "DELETE_COMPLETE"))
    stack->deleted = when;
  g_clear_pointer (&stack->old_tmpl, sbx_template_free);
  g_clear_pointer (&stack->old_parameters, g_ptr_array_unref);
  for (guint i = 0; i < stack->resources->len; i++)
    {
      SbxResource *res = g_ptr_array_index (stack->resources, i);

      g_clear_pointer (&res->old_physical_id, g_free);
      g_clear_pointer (&res->old_properties, json_node_unref);
      g_clear_pointer (&res->old_attributes, g_hash_table_unref);
    }
  sbx_operation_free (g_steal_pointer (&stack->op));
}

static void
fail_phase (SbxState *state, SbxStack *stack, gint64 when)
{
  SbxOperation *op = stack->op;
  g_autofree char *names = failed_list (op);
  g_autofree char *reason = NULL;

  if (op->phase == PH_CREATE)
    {
      if (op->delete_on_failure)
        {
          reason = g_strdup_printf ("The following resource(s) failed to create: [%s]. Delete requested by user.", names);
          enter_phase (state, stack, PH_DELETE, reason, when);
        }
      else if (op->disable_rollback)
        {
          reason = g_strdup_printf ("The following resource(s) failed to create: [%s]. ", names);
          end_operation (state, stack, "CREATE_FAILED", reason, when);
        }
      else
        {
          reason = g_strdup_printf ("The following resource(s) failed to create: [%s]. Rollback requested by user.", names);
          enter_phase (state, stack, PH_ROLLBACK, reason, when);
        }
      return;
    }
  reason = g_strdup_printf ("The following resource(s) failed to update: [%s]. ", names);
  if (op->disable_rollback)
    end_operation (state, stack, "UPDATE_FAILED", reason, when);
  else
    enter_phase (state, stack, PH_UPDATE_ROLLBACK, reason, when);
}

static void
cancel_running (SbxState *state, SbxStack *stack, gint64 when)
{
  SbxOperation *op = stack->op;

  for (guint i = 0; i < op->items->len; i++)
    {
      Item *item = g_ptr_array_index (op->items, i);
      SbxResource *res = sbx_stack_resource (stack, item->id);

      if (item->state != ST_RUNNING || res == NULL)
        continue;
      item->state = ST_CANCELLED;
      if (item->action == ACT_CREATE)
        sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                              "CREATE_FAILED", "Resource creation cancelled", when);
      else
        sbx_engine_add_event (state, stack, res->logical_id, res->physical_id, res->type,
                              "UPDATE_FAILED", "Resource update cancelled", when);
    }
}

static void
complete_phase (SbxState *state, SbxStack *stack, gint64 when)
{
  SbxOperation *op = stack->op;

  switch (op->phase)
    {
    case PH_CREATE:
      sbx_stack_compute_outputs (state, stack);
      end_operation (state, stack, "CREATE_COMPLETE", NULL, when);
      break;
    case PH_ROLLBACK:
      end_operation (state, stack, "ROLLBACK_COMPLETE", NULL, when);
      break;
    case PH_UPDATE:
      sbx_stack_compute_outputs (state, stack);
      enter_phase (state, stack, PH_UPDATE_CLEANUP, NULL, when);
      break;
    case PH_UPDATE_CLEANUP:
      end_operation (state, stack, "UPDATE_COMPLETE", NULL, when);
      break;
    case PH_UPDATE_ROLLBACK:
      enter_phase (state, stack, PH_UPDATE_ROLLBACK_CLEANUP, NULL, when);
      break;
    case PH_UPDATE_ROLLBACK_CLEANUP:
      sbx_stack_compute_outputs (state, stack);
      end_operation (state, stack, "UPDATE_ROLLBACK_COMPLETE", NULL, when);
      break;
    case PH_DELETE:
    default:
      end_operation (state, stack, "DELETE_COMPLETE", NULL, when);
      break;
    }
}

void
sbx_operation_step (SbxState *state,
                    SbxStack *stack,
                    gint64    when)
{
  SbxOperation *op = stack->op;
  gboolean failed = FALSE;
  gboolean active = FALSE;

  op->next_step = when + MAX (sbx_state_step_usec (state), 1);
  /* failures first: the items still in flight are then cancelled */
  for (guint i = 0; i < op->items->len; i++)
    {
      Item *item = g_ptr_array_index (op->items, i);
      SbxResource *res = sbx_stack_resource (stack, item->id);

      if (item->state == ST_RUNNING && res && item->action != ACT_DELETE &&
          item->action != ACT_DELETE_OLD && item->action != ACT_REVERT &&
          (op->phase == PH_CREATE || op->phase == PH_UPDATE) &&
          sbx_fault_for_resource (state, res) != NULL)
        failed |= !sbx_op_finish_item (state, stack, item, when);
    }
  for (guint i = 0; !failed && i < op->items->len; i++)
    {
      Item *item = g_ptr_array_index (op->items, i);

      if (item->state == ST_RUNNING && !sbx_op_finish_item (state, stack, item, when))
        failed = TRUE;
    }
  if (failed)
    {
      cancel_running (state, stack, when);
      fail_phase (state, stack, when);
      return;
    }
  for (guint i = 0; i < op->items->len; i++)
    {
      Item *item = g_ptr_array_index (op->items, i);
      gboolean ready = item->state == ST_PENDING;

      for (guint j = 0; ready && j < item->waits->len; j++)
        {
          Item *dep = find_item (op->items, g_ptr_array_index (item->waits, j));

          ready = dep == NULL || dep->state == ST_DONE;
        }
      if (ready)
        sbx_op_start_item (state, stack, item, when);
      if (item->state == ST_PENDING || item->state == ST_RUNNING)
        active = TRUE;
    }
  if (!active)
    complete_phase (state, stack, when);
}

SbxOperation *
sbx_operation_new_create (SbxState   *state,
                          SbxStack   *stack,
                          const char *token,
                          gint64      now)
{
  SbxOperation *op = operation_new (SBX_OP_CREATE, token, now, state);
  SbxEval ev = { state, stack, stack->tmpl, stack->parameters };

  op->disable_rollback = stack->disable_rollback || g_strcmp0 (stack->on_failure, "DO_NOTHING") == 0;
  op->delete_on_failure = g_strcmp0 (stack->on_failure, "DELETE") == 0;
  op->phase = PH_CREATE;
  stack->op = op;
  for (guint i = 0; i < stack->tmpl->order->len; i++)
    {
      const char *id = g_ptr_array_index (stack->tmpl->order, i);

      if (sbx_resource_enabled (&ev, id))
        item_new (op->items, id, ACT_CREATE);
    }
  add_waits (op->items, stack->tmpl, FALSE);
  sbx_stack_set_status (state, stack, "CREATE_IN_PROGRESS", "User Initiated", now);
  return op;
}

SbxOperation *
sbx_operation_new_update (SbxState   *state,
                          SbxStack   *stack,
                          GPtrArray  *changes,
                          const char *token,
                          gboolean    disable_rollback,
                          gint64      now)
{
  SbxOperation *op = operation_new (SBX_OP_UPDATE, token, now, state);

  op->disable_rollback = disable_rollback;
  op->removed = g_ptr_array_new_with_free_func (g_free);
  stack->op = op;
  for (guint i = 0; i < changes->len; i++)
    {
      SbxChange *c = g_ptr_array_index (changes, i);

      if (g_str_equal (c->action, "Add"))
        item_new (op->items, c->logical_id, ACT_CREATE);
      else if (g_str_equal (c->action, "Remove"))
        g_ptr_array_add (op->removed, g_strdup (c->logical_id));
      else
        item_new (op->items, c->logical_id,
                  g_strcmp0 (c->replacement, "True") == 0 ||
                  (c->dynamic && g_strcmp0 (c->replacement, "Conditional") == 0)
                  ? ACT_REPLACE : ACT_UPDATE);
    }
  add_waits (op->items, stack->tmpl, FALSE);
  enter_phase (state, stack, PH_UPDATE, "User Initiated", now);
  return op;
}

SbxOperation *
sbx_operation_new_delete (SbxState   *state,
                          SbxStack   *stack,
                          GStrv       retain,
                          const char *token,
                          gint64      now)
{
  SbxOperation *op = operation_new (SBX_OP_DELETE, token, now, state);

  op->retain = g_strdupv (retain);
  stack->op = op;
  enter_phase (state, stack, PH_DELETE, "User Initiated", now);
  return op;
}

void
sbx_operation_cancel (SbxState *state,
                      SbxStack *stack,
                      gint64    now)
{
  cancel_running (state, stack, now);
  enter_phase (state, stack, PH_UPDATE_ROLLBACK, "Stack update cancelled", now);
}
