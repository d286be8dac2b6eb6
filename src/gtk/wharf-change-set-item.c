/* wharf-change-set-item.c: one resource change of a change set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-change-set-item.h"

struct _WharfChangeSetItem
{
  GObject  parent_instance;

  char    *action;
  char    *logical_id;
  char    *resource_type;
  char    *replacement;
};

G_DEFINE_FINAL_TYPE (WharfChangeSetItem, wharf_change_set_item, G_TYPE_OBJECT)

static void
wharf_change_set_item_finalize (GObject *object)
{
  WharfChangeSetItem *self = WHARF_CHANGE_SET_ITEM (object);

  g_free (self->action);
  g_free (self->logical_id);
  g_free (self->resource_type);
  g_free (self->replacement);

  G_OBJECT_CLASS (wharf_change_set_item_parent_class)->finalize (object);
}

static void
wharf_change_set_item_class_init (WharfChangeSetItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_change_set_item_finalize;
}

static void
wharf_change_set_item_init (WharfChangeSetItem *self)
{
}

WharfChangeSetItem *
wharf_change_set_item_new (const WharfCfnResourceChange *change)
{
  WharfChangeSetItem *self;

  g_return_val_if_fail (change != NULL, NULL);

  self = g_object_new (WHARF_TYPE_CHANGE_SET_ITEM, NULL);
  self->action = g_strdup (change->action ? change->action : "Modify");
  self->logical_id = g_strdup (change->logical_resource_id ? change->logical_resource_id : "");
  self->resource_type = g_strdup (change->resource_type ? change->resource_type : "");
  self->replacement = g_strdup (change->replacement);
  return self;
}

const char *
wharf_change_set_item_get_action (WharfChangeSetItem *self)
{
  g_return_val_if_fail (WHARF_IS_CHANGE_SET_ITEM (self), NULL);
  return self->action;
}

const char *
wharf_change_set_item_get_logical_id (WharfChangeSetItem *self)
{
  g_return_val_if_fail (WHARF_IS_CHANGE_SET_ITEM (self), NULL);
  return self->logical_id;
}

const char *
wharf_change_set_item_get_resource_type (WharfChangeSetItem *self)
{
  g_return_val_if_fail (WHARF_IS_CHANGE_SET_ITEM (self), NULL);
  return self->resource_type;
}

const char *
wharf_change_set_item_get_replacement (WharfChangeSetItem *self)
{
  g_return_val_if_fail (WHARF_IS_CHANGE_SET_ITEM (self), NULL);
  return self->replacement;
}

GListStore *
wharf_change_set_item_list (const WharfCfnChangeSet *change_set)
{
  GListStore *store = g_list_store_new (WHARF_TYPE_CHANGE_SET_ITEM);

  for (guint i = 0; change_set != NULL && change_set->changes != NULL && i < change_set->changes->len; i++)
    {
      g_autoptr(WharfChangeSetItem) item = wharf_change_set_item_new (g_ptr_array_index (change_set->changes, i));

      g_list_store_append (store, item);
    }
  return store;
}
