/* wharf-sandbox-operation-private.h: what the two halves of a stack
 * operation share: the phases and items of wharf-sandbox-operation.c and
 * the per-item actions of wharf-sandbox-operation-items.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-sandbox-private.h"

typedef enum {
  ACT_CREATE,
  ACT_UPDATE,
  ACT_REPLACE,
  ACT_DELETE,
  ACT_DELETE_OLD,   /* the previous physical resource of a replaced one */
  ACT_REVERT,
} Action;

typedef enum {
  ST_PENDING,
  ST_RUNNING,
  ST_DONE,
  ST_FAILED,
  ST_CANCELLED,
} ItemState;

typedef enum {
  PH_CREATE,
  PH_ROLLBACK,
  PH_UPDATE,
  PH_UPDATE_CLEANUP,
  PH_UPDATE_ROLLBACK,
  PH_UPDATE_ROLLBACK_CLEANUP,
  PH_DELETE,
} Phase;

typedef struct {
  char      *id;
  Action     action;
  ItemState  state;
  Action     orig_action;  /* ACT_REVERT: what is reverted */
  ItemState  orig_state;
  gboolean   remove;       /* ACT_DELETE: drop the resource from the stack after */
  GPtrArray *waits;
} Item;

struct _SbxOperation {
  SbxOpKind  kind;
  Phase      phase;
  GPtrArray *items;
  GPtrArray *main_items;   /* the update phase's items, for rollback */
  GPtrArray *removed;      /* logical ids removed by an update */
  GPtrArray *failed;
  gint64     next_step;
  char      *token;
  GStrv      retain;
  gboolean   disable_rollback;
  gboolean   delete_on_failure;
};

/* Starts ITEM (its first events, its provisioning) at WHEN. */
void     sbx_op_start_item  (SbxState *state,
                             SbxStack *stack,
                             Item     *item,
                             gint64    when);
/* Completes ITEM at WHEN; FALSE when it failed. */
gboolean sbx_op_finish_item (SbxState *state,
                             SbxStack *stack,
                             Item     *item,
                             gint64    when);
