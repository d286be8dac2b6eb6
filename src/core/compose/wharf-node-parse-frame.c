/* wharf-node-parse-frame.c: the children of the collections being
 * parsed. They wait on one stack in the builder, and a collection gets an
 * array of their number when it closes, instead of one grown by doubling
 * (which reallocated and copied every mapping two or three times).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-node-parse-private.h"

/* Adds KEY → VALUE: notes whether the keys stay in order and whether a
 * '$' came in, while the previous key is still in the cache. */
void
wharf_parse_frame_add_child (WharfParseBuilder *b,
                             WharfParseFrame   *frame,
                             WharfNode         *key,
                             WharfNode         *value)
{
  guint n = b->n_children - frame->first_child;

  if (n > 0 && frame->keys_sorted &&
      strcmp (b->children[b->n_children - 1].key->scalar, key->scalar) >= 0)
    frame->keys_sorted = FALSE;
  if (frame->keys != NULL)
    g_hash_table_insert (frame->keys, key->scalar, GUINT_TO_POINTER (n + 1));
  frame->node->no_dollar &= value->no_dollar;
  wharf_parse_push_child (b, key, value);
}

/* Gives FRAME's node its children, in an array of their number. */
void
wharf_parse_frame_install_children (WharfParseBuilder *b,
                                    WharfParseFrame   *frame)
{
  WharfNode *node = frame->node;
  guint n = b->n_children - frame->first_child;
  WharfNodeEntry *entries = b->children + frame->first_child;

  if (n > 0)
    {
      if (node->kind == WHARF_NODE_MAPPING)
        {
          node->entries = g_new (WharfNodeEntry, n);
          memcpy (node->entries, entries, n * sizeof (WharfNodeEntry));
          node->keys_sorted = frame->keys_sorted;
        }
      else
        {
          node->items = g_new (WharfNode *, n);
          for (guint i = 0; i < n; i++)
            node->items[i] = entries[i].key;
        }
      node->len = node->alloc = n;
    }
  /* The node owns them now. */
  b->n_children = frame->first_child;
}
