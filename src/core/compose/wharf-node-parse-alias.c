/* wharf-node-parse-alias.c: YAML aliases (copied, within a budget so an
 * alias bomb fails fast) and merge keys (`<<` with one mapping or a list
 * of mappings).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-node-parse-private.h"

/* Deep copy that fails once the alias budget is spent (billion laughs). */
WharfNode *
wharf_parse_copy_within_budget (WharfParseBuilder *b,
                                const WharfNode   *node)
{
  WharfNode *copy;
  WharfNodeKind kind = wharf_node_get_kind (node);

  if (b->alias_budget == 0)
    return NULL;
  b->alias_budget--;

  if (kind == WHARF_NODE_SCALAR || kind == WHARF_NODE_NULL)
    return wharf_node_copy (node);

  if (kind == WHARF_NODE_SEQUENCE)
    {
      copy = wharf_node_new_interned (WHARF_NODE_SEQUENCE, node->file, node->line, node->column);
      for (guint i = 0; i < wharf_node_sequence_size (node); i++)
        {
          WharfNode *item = wharf_parse_copy_within_budget (b, wharf_node_sequence_get (node, i));
          if (item == NULL)
            {
              wharf_node_unref (copy);
              return NULL;
            }
          wharf_node_sequence_append (copy, item);
        }
    }
  else
    {
      copy = wharf_node_new_interned (WHARF_NODE_MAPPING, node->file, node->line, node->column);
      for (guint i = 0; i < wharf_node_mapping_size (node); i++)
        {
          WharfNode *value = wharf_parse_copy_within_budget (b, wharf_node_mapping_get_value (node, i));
          if (value == NULL)
            {
              wharf_node_unref (copy);
              return NULL;
            }
          /* The source's keys are unique already. */
          wharf_node_mapping_append_new (copy, wharf_node_copy (node->entries[i].key), value);
        }
    }
  copy->tag = node->tag;
  copy->no_dollar = node->no_dollar;   /* the same text as the anchor's */
  return copy;
}

gboolean
wharf_parse_is_merge_key (const WharfNode *key)
{
  return g_strcmp0 (wharf_node_get_tag (key), WHARF_YAML_TAG_MERGE) == 0;
}

void
wharf_parse_add_merge_source (WharfParseBuilder *b,
                              WharfParseFrame   *frame,
                              WharfNode         *value)
{
  WharfNodeKind kind = wharf_node_get_kind (value);

  if (frame->merge_sources == NULL)
    frame->merge_sources = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_node_unref);

  if (kind == WHARF_NODE_MAPPING)
    g_ptr_array_add (frame->merge_sources, wharf_node_ref (value));
  else if (kind == WHARF_NODE_SEQUENCE)
    {
      for (guint i = 0; i < wharf_node_sequence_size (value); i++)
        {
          WharfNode *item = wharf_node_sequence_get (value, i);
          if (wharf_node_get_kind (item) != WHARF_NODE_MAPPING)
            {
              yaml_mark_t mark = { 0, wharf_node_get_line (item) - 1, wharf_node_get_column (item) - 1 };
              wharf_parse_set_error (b, &mark, WHARF_YAML_ERROR_SYNTAX,
                                     "map merge requires a mapping or a list of mappings");
              return;
            }
          g_ptr_array_add (frame->merge_sources, wharf_node_ref (item));
        }
    }
  else
    {
      yaml_mark_t mark = { 0, wharf_node_get_line (value) - 1, wharf_node_get_column (value) - 1 };
      wharf_parse_set_error (b, &mark, WHARF_YAML_ERROR_SYNTAX,
                             "map merge requires a mapping or a list of mappings");
    }
}

/* Explicit keys win over merged ones; earlier merge sources win over later. */
void
wharf_parse_apply_merges (WharfParseFrame *frame)
{
  if (frame->merge_sources == NULL)
    return;
  for (guint s = 0; s < frame->merge_sources->len; s++)
    {
      WharfNode *source = frame->merge_sources->pdata[s];

      for (guint i = 0; i < wharf_node_mapping_size (source); i++)
        {
          const char *key = wharf_node_mapping_get_key (source, i);

          if (wharf_node_mapping_lookup_key_node (frame->node, key) != NULL)
            continue;
          wharf_node_mapping_set_with_key (frame->node,
                                           wharf_node_copy (wharf_node_mapping_get_key_node (source, i)),
                                           wharf_node_copy (wharf_node_mapping_get_value (source, i)));
        }
    }
}

