/* wharf-change-set-item.h: one resource change of a change set, as a
 * GObject so the review lists it through a GListModel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-cloudformation.h"

G_BEGIN_DECLS

#define WHARF_TYPE_CHANGE_SET_ITEM (wharf_change_set_item_get_type ())
G_DECLARE_FINAL_TYPE (WharfChangeSetItem, wharf_change_set_item, WHARF, CHANGE_SET_ITEM, GObject)

WharfChangeSetItem *wharf_change_set_item_new               (const WharfCfnResourceChange *change);
/* "Add", "Modify", "Remove", … */
const char         *wharf_change_set_item_get_action        (WharfChangeSetItem *self);
const char         *wharf_change_set_item_get_logical_id    (WharfChangeSetItem *self);
const char         *wharf_change_set_item_get_resource_type (WharfChangeSetItem *self);
/* "True", "False", "Conditional" or NULL. */
const char         *wharf_change_set_item_get_replacement   (WharfChangeSetItem *self);
/* A new GListStore of WharfChangeSetItem for CHANGE_SET's changes. */
GListStore         *wharf_change_set_item_list              (const WharfCfnChangeSet *change_set);

G_END_DECLS
