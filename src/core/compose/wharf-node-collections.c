/* wharf-node-collections.c: mappings (unique keys in insertion order,
 * hashed once they are large) and sequences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-node-private.h"

void
wharf_node_collection_clear (WharfNode *node)
{
  if (node->kind == WHARF_NODE_MAPPING)
    {
      for (guint i = 0; i < node->len; i++)
        {
          wharf_node_unref (node->entries[i].key);
          wharf_node_unref (node->entries[i].value);
        }
      g_clear_pointer (&node->entries, g_free);
    }
  else
    {
      for (guint i = 0; i < node->len; i++)
        wharf_node_unref (node->items[i]);
      g_clear_pointer (&node->items, g_free);
    }
  g_clear_pointer (&node->index, g_hash_table_unref);
  node->len = node->alloc = 0;
}

/* Room for one more child. */
static void
grow (WharfNode *node,
      gsize      element_size)
{
  gpointer *array = node->kind == WHARF_NODE_MAPPING ? (gpointer *) &node->entries
                                                      : (gpointer *) &node->items;

  if (node->len < node->alloc)
    return;
  node->alloc = node->alloc == 0 ? 4 : node->alloc * 2;
  *array = g_realloc_n (*array, node->alloc, element_size);
}

/* Mappings */

static void
index_build (GHashTable           **index,
             const WharfNodeEntry  *entries,
             guint                  n)
{
  *index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (*index, entries[i].key->scalar, GUINT_TO_POINTER (i + 1));
}

static void
index_rebuild (WharfNode *node)
{
  g_clear_pointer (&node->index, g_hash_table_unref);
  if (node->len >= WHARF_NODE_INDEX_THRESHOLD)
    index_build (&node->index, node->entries, node->len);
}

int
wharf_node_entries_find (const WharfNodeEntry  *entries,
                         guint                  n,
                         GHashTable           **index,
                         const char            *key)
{
  if (*index == NULL && n >= WHARF_NODE_INDEX_THRESHOLD)
    index_build (index, entries, n);
  if (*index != NULL)
    return (int) GPOINTER_TO_UINT (g_hash_table_lookup (*index, key)) - 1;
  for (guint i = 0; i < n; i++)
    {
      const char *k = entries[i].key->scalar;

      /* The first byte rules out most keys without a call. */
      if (k[0] == key[0] && strcmp (k, key) == 0)
        return (int) i;
    }
  return -1;
}

int
wharf_node_mapping_find (const WharfNode *node,
                         const char      *key)
{
  /* The index is a cache: building it does not change the mapping. */
  return wharf_node_entries_find (node->entries, node->len, &((WharfNode *) node)->index, key);
}

guint
wharf_node_mapping_size (const WharfNode *node)
{
  if (node == NULL || node->kind != WHARF_NODE_MAPPING)
    return 0;
  return node->len;
}

const char *
wharf_node_mapping_get_key (const WharfNode *node,
                            guint            index)
{
  g_return_val_if_fail (node != NULL && node->kind == WHARF_NODE_MAPPING, NULL);
  g_return_val_if_fail (index < node->len, NULL);
  return node->entries[index].key->scalar;
}

WharfNode *
wharf_node_mapping_get_key_node (const WharfNode *node,
                                 guint            index)
{
  g_return_val_if_fail (node != NULL && node->kind == WHARF_NODE_MAPPING, NULL);
  g_return_val_if_fail (index < node->len, NULL);
  return node->entries[index].key;
}

WharfNode *
wharf_node_mapping_get_value (const WharfNode *node,
                              guint            index)
{
  g_return_val_if_fail (node != NULL && node->kind == WHARF_NODE_MAPPING, NULL);
  g_return_val_if_fail (index < node->len, NULL);
  return node->entries[index].value;
}

WharfNode *
wharf_node_mapping_lookup (const WharfNode *node,
                           const char      *key)
{
  int i;

  if (node == NULL || node->kind != WHARF_NODE_MAPPING)
    return NULL;
  i = wharf_node_mapping_find (node, key);
  return i < 0 ? NULL : node->entries[i].value;
}

WharfNode *
wharf_node_mapping_lookup_key_node (const WharfNode *node,
                                    const char      *key)
{
  int i;

  if (node == NULL || node->kind != WHARF_NODE_MAPPING)
    return NULL;
  i = wharf_node_mapping_find (node, key);
  return i < 0 ? NULL : node->entries[i].key;
}

const char *
wharf_node_mapping_lookup_string (const WharfNode *node,
                                  const char      *key)
{
  return wharf_node_get_scalar (wharf_node_mapping_lookup (node, key));
}

void
wharf_node_mapping_append_new (WharfNode *node,
                               WharfNode *key,
                               WharfNode *value)
{
  /* Whether the keys stay in order is known now, when the last key is
   * still in the cache, rather than by a sort's pass over all of them. */
  if (node->len == 0)
    node->keys_sorted = TRUE;
  else if (node->keys_sorted && strcmp (node->entries[node->len - 1].key->scalar, key->scalar) >= 0)
    node->keys_sorted = FALSE;
  grow (node, sizeof (WharfNodeEntry));
  node->entries[node->len++] = (WharfNodeEntry) { key, value };
  node->no_dollar &= value->no_dollar;
  if (node->index != NULL)
    g_hash_table_insert (node->index, key->scalar, GUINT_TO_POINTER (node->len));
}

void
wharf_node_mapping_set_with_key (WharfNode *node,
                                 WharfNode *key_node,
                                 WharfNode *value)
{
  int i;

  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_MAPPING);
  g_return_if_fail (key_node != NULL && key_node->kind == WHARF_NODE_SCALAR);
  g_return_if_fail (value != NULL);

  i = wharf_node_mapping_find (node, key_node->scalar);
  if (i >= 0)
    {
      /* Keep the original key node (and its position). */
      wharf_node_unref (key_node);
      wharf_node_unref (node->entries[i].value);
      node->entries[i].value = value;
      node->no_dollar &= value->no_dollar;
      return;
    }
  wharf_node_mapping_append_new (node, key_node, value);
}

void
wharf_node_mapping_set (WharfNode  *node,
                        const char *key,
                        WharfNode  *value)
{
  WharfNode *key_node = wharf_node_new_string (key);

  wharf_node_set_position_from (key_node, value);
  wharf_node_mapping_set_with_key (node, key_node, value);
}

gboolean
wharf_node_mapping_remove (WharfNode  *node,
                           const char *key)
{
  WharfNodeEntry entry;
  int i;

  g_return_val_if_fail (node != NULL && node->kind == WHARF_NODE_MAPPING, FALSE);
  i = wharf_node_mapping_find (node, key);
  if (i < 0)
    return FALSE;
  entry = node->entries[i];
  memmove (&node->entries[i], &node->entries[i + 1], (node->len - i - 1) * sizeof (WharfNodeEntry));
  node->len--;
  if (node->index != NULL)
    index_rebuild (node);
  wharf_node_unref (entry.key);
  wharf_node_unref (entry.value);
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const WharfNodeEntry *ea = a, *eb = b;
  return strcmp (ea->key->scalar, eb->key->scalar);
}

void
wharf_node_mapping_sort (WharfNode *node)
{
  gboolean sorted = TRUE;

  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_MAPPING);
  if (node->len < 2 || node->keys_sorted)
    return;
  /* Canonical trees are sorted again and again: check before sorting. */
  for (guint i = 1; i < node->len && sorted; i++)
    sorted = compare_entries (&node->entries[i - 1], &node->entries[i]) <= 0;
  node->keys_sorted = TRUE;
  if (sorted)
    return;
  if (node->len <= 16)
    {
      /* Most mappings are a dozen keys: an insertion sort (stable) does
       * without g_qsort_with_data's buffer and indirect calls. */
      for (guint i = 1; i < node->len; i++)
        {
          WharfNodeEntry entry = node->entries[i];
          guint j = i;

          for (; j > 0 && compare_entries (&node->entries[j - 1], &entry) > 0; j--)
            node->entries[j] = node->entries[j - 1];
          node->entries[j] = entry;
        }
    }
  else
    {
      /* g_qsort_with_data is stable (merge sort). */
      g_qsort_with_data (node->entries, node->len, sizeof (WharfNodeEntry),
                         (GCompareDataFunc) compare_entries, NULL);
    }
  if (node->index != NULL)
    index_rebuild (node);
}

void
wharf_node_sort_recursively (WharfNode *node)
{
  /* The struct directly: this visits every node under each service. */
  if (node->kind == WHARF_NODE_MAPPING)
    {
      wharf_node_mapping_sort (node);
      for (guint i = 0; i < node->len; i++)
        if (node->entries[i].value->kind == WHARF_NODE_MAPPING ||
            node->entries[i].value->kind == WHARF_NODE_SEQUENCE)
          wharf_node_sort_recursively (node->entries[i].value);
    }
  else if (node->kind == WHARF_NODE_SEQUENCE)
    {
      for (guint i = 0; i < node->len; i++)
        if (node->items[i]->kind == WHARF_NODE_MAPPING || node->items[i]->kind == WHARF_NODE_SEQUENCE)
          wharf_node_sort_recursively (node->items[i]);
    }
}

/* Sequences */

guint
wharf_node_sequence_size (const WharfNode *node)
{
  if (node == NULL || node->kind != WHARF_NODE_SEQUENCE)
    return 0;
  return node->len;
}

WharfNode *
wharf_node_sequence_get (const WharfNode *node,
                         guint            index)
{
  g_return_val_if_fail (node != NULL && node->kind == WHARF_NODE_SEQUENCE, NULL);
  g_return_val_if_fail (index < node->len, NULL);
  return node->items[index];
}

void
wharf_node_sequence_append (WharfNode *node,
                            WharfNode *item)
{
  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_SEQUENCE);
  g_return_if_fail (item != NULL);
  grow (node, sizeof (WharfNode *));
  node->items[node->len++] = item;
  node->no_dollar &= item->no_dollar;
}

void
wharf_node_sequence_insert (WharfNode *node,
                            guint      index,
                            WharfNode *item)
{
  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_SEQUENCE);
  g_return_if_fail (item != NULL && index <= node->len);
  grow (node, sizeof (WharfNode *));
  memmove (&node->items[index + 1], &node->items[index], (node->len - index) * sizeof (WharfNode *));
  node->items[index] = item;
  node->len++;
  node->no_dollar &= item->no_dollar;
}

void
wharf_node_sequence_remove (WharfNode *node,
                            guint      index)
{
  WharfNode *item;

  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_SEQUENCE);
  g_return_if_fail (index < node->len);
  item = node->items[index];
  memmove (&node->items[index], &node->items[index + 1], (node->len - index - 1) * sizeof (WharfNode *));
  node->len--;
  wharf_node_unref (item);
}

void
wharf_node_sequence_clear (WharfNode *node)
{
  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_SEQUENCE);
  for (guint i = 0; i < node->len; i++)
    wharf_node_unref (node->items[i]);
  node->len = 0;
}
