/* wharf-node-parse.c: libyaml events into a positioned WharfNode tree.
 *
 * Handles tags such as `!reset` and `!override` (kept on the node),
 * duplicate keys (an error, as in compose-go), a nesting limit and the
 * file size limit; anchors, aliases (copied, within a budget so an alias
 * bomb fails fast) and merge keys (`<<`) are in wharf-node-parse-alias.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <yaml.h>

#include "wharf-node-parse-private.h"

#define TAG_STR   "tag:yaml.org,2002:str"
#define TAG_INT   "tag:yaml.org,2002:int"
#define TAG_FLOAT "tag:yaml.org,2002:float"
#define TAG_BOOL  "tag:yaml.org,2002:bool"
#define TAG_NULL  "tag:yaml.org,2002:null"
#define TAG_MERGE WHARF_YAML_TAG_MERGE

typedef WharfParseFrame Frame;
typedef WharfParseBuilder Builder;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->node, wharf_node_unref);
  g_clear_pointer (&frame->pending_key, wharf_node_unref);
  g_clear_pointer (&frame->merge_sources, g_ptr_array_unref);
  g_clear_pointer (&frame->anchor, g_free);
  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

void
wharf_parse_set_error (WharfParseBuilder *b,
                       const yaml_mark_t *mark,
                       WharfYamlError     code,
                       const char        *format,
                       ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  if (b->error != NULL)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (mark != NULL)
    g_set_error (&b->error, WHARF_YAML_ERROR, code, "%s:%zu:%zu: %s",
                 b->file, mark->line + 1, mark->column + 1, msg);
  else
    g_set_error (&b->error, WHARF_YAML_ERROR, code, "%s: %s", b->file, msg);
}

static WharfNode *
scalar_from_event (Builder            *b,
                   const yaml_event_t *event)
{
  const char *value = (const char *) event->data.scalar.value;
  const char *tag = (const char *) event->data.scalar.tag;
  gboolean plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
  const yaml_mark_t *m = &event->start_mark;
  WharfScalarType type = WHARF_SCALAR_STRING;
  WharfNode *node;

  if (tag != NULL && g_str_equal (tag, "!"))
    tag = NULL, plain = FALSE;   /* the non-specific tag: a string */

  if (plain && (tag == NULL || tag[0] == '!') &&
      (*value == '\0' ||
       ((*value == '~' || *value == 'n' || *value == 'N') &&
        (g_str_equal (value, "~") || g_str_equal (value, "null") ||
         g_str_equal (value, "Null") || g_str_equal (value, "NULL")))))
    {
      node = wharf_node_new_interned (WHARF_NODE_NULL, b->file, m->line + 1, m->column + 1);
      wharf_node_set_tag (node, tag);
      b->tagged |= tag != NULL;
      node->no_dollar = TRUE;
      return node;
    }

  if (tag == NULL && plain)
    type = wharf_scalar_resolve_type (value);
  else if (tag != NULL)
    {
      if (g_str_equal (tag, TAG_NULL))
        {
          node = wharf_node_new_interned (WHARF_NODE_NULL, b->file, m->line + 1, m->column + 1);
          node->no_dollar = TRUE;
          return node;
        }
      else if (g_str_equal (tag, TAG_INT))
        type = WHARF_SCALAR_INT;
      else if (g_str_equal (tag, TAG_FLOAT))
        type = WHARF_SCALAR_FLOAT;
      else if (g_str_equal (tag, TAG_BOOL))
        type = WHARF_SCALAR_BOOL;
      else if (plain && !g_str_equal (tag, TAG_STR))
        type = wharf_scalar_resolve_type (value);   /* !reset 1, !override true… */
    }

  node = wharf_node_new_scalar_len_interned (value, event->data.scalar.length, type, b->file,
                                             m->line + 1, m->column + 1);
  node->no_dollar = memchr (value, '$', event->data.scalar.length) == NULL;
  node->quoted = !plain || (tag != NULL && g_str_equal (tag, TAG_STR));
  if (tag != NULL && tag[0] == '!' )
    wharf_node_set_tag (node, tag);
  else if (tag == NULL && plain && value[0] == '<' && g_str_equal (value, "<<"))
    wharf_node_set_tag (node, TAG_MERGE);
  b->tagged |= node->tag != NULL;
  return node;
}

/* Gives a finished NODE to the enclosing collection (or makes it the root). */
static void
attach (Builder   *b,
        WharfNode *node)
{
  Frame *parent;

  if (b->stack->len == 0)
    {
      g_clear_pointer (&b->root, wharf_node_unref);
      b->root = node;
      return;
    }

  parent = &g_array_index (b->stack, Frame, b->stack->len - 1);
  if (wharf_node_get_kind (parent->node) == WHARF_NODE_SEQUENCE)
    {
      parent->node->no_dollar &= node->no_dollar;
      wharf_parse_push_child (b, node, NULL);
      return;
    }

  if (parent->pending_key == NULL)
    {
      if (wharf_node_get_kind (node) != WHARF_NODE_SCALAR)
        {
          yaml_mark_t mark = { 0, wharf_node_get_line (node) - 1, wharf_node_get_column (node) - 1 };
          if (wharf_node_get_kind (node) == WHARF_NODE_NULL)
            {
              /* A null key ("~: x" or "? "): keep it as the text "null". */
              WharfNode *key = wharf_node_new_scalar ("null", WHARF_SCALAR_STRING,
                                                      wharf_node_get_file (node),
                                                      wharf_node_get_line (node),
                                                      wharf_node_get_column (node));
              wharf_node_unref (node);
              parent->pending_key = key;
              return;
            }
          wharf_parse_set_error (b, &mark, WHARF_YAML_ERROR_UNSUPPORTED,
                                 "mapping keys must be strings, not a mapping or a list");
          wharf_node_unref (node);
          return;
        }
      parent->pending_key = node;
      return;
    }

  if (wharf_parse_is_merge_key (parent->pending_key))
    {
      wharf_parse_add_merge_source (b, parent, node);
      g_clear_pointer (&parent->pending_key, wharf_node_unref);
      wharf_node_unref (node);
      return;
    }

  {
    const char *key = parent->pending_key->scalar;
    /* Hashed past a dozen keys, as mappings are. */
    int existing = wharf_node_entries_find (b->children + parent->first_child,
                                            b->n_children - parent->first_child, &parent->keys, key);

    if (existing >= 0)
      {
        yaml_mark_t mark = { 0, wharf_node_get_line (parent->pending_key) - 1,
                             wharf_node_get_column (parent->pending_key) - 1 };
        wharf_parse_set_error (b, &mark, WHARF_YAML_ERROR_DUPLICATE_KEY,
                               "mapping key \"%s\" already defined at line %u", key,
                               b->children[parent->first_child + (guint) existing].key->line);
        wharf_node_unref (node);
        return;
      }
    wharf_parse_frame_add_child (b, parent, g_steal_pointer (&parent->pending_key), node);
  }
}

static void
push (Builder            *b,
      WharfNode          *node,
      const yaml_char_t  *anchor,
      const yaml_mark_t  *mark)
{
  Frame frame = { 0 };

  if (b->stack->len >= WHARF_NODE_MAX_DEPTH)
    {
      wharf_parse_set_error (b, mark, WHARF_YAML_ERROR_TOO_DEEP,
                             "the document is nested deeper than %d levels", WHARF_NODE_MAX_DEPTH);
      wharf_node_unref (node);
      return;
    }
  frame.node = node;
  frame.anchor = g_strdup ((const char *) anchor);
  frame.first_child = b->n_children;
  frame.keys_sorted = TRUE;
  g_array_append_val (b->stack, frame);
}

static void
pop (Builder *b)
{
  Frame *top = &g_array_index (b->stack, Frame, b->stack->len - 1);
  WharfNode *node;
  g_autofree char *anchor = NULL;

  wharf_parse_frame_install_children (b, top);
  if (wharf_node_get_kind (top->node) == WHARF_NODE_MAPPING)
    wharf_parse_apply_merges (top);
  node = g_steal_pointer (&top->node);
  anchor = g_steal_pointer (&top->anchor);
  g_array_set_size (b->stack, b->stack->len - 1);   /* clears the frame */
  if (anchor != NULL)
    g_hash_table_replace (b->anchors, g_steal_pointer (&anchor), wharf_node_ref (node));
  attach (b, node);
}

static const char *
tag_of (const yaml_char_t *tag)
{
  const char *t = (const char *) tag;

  /* Collections only keep the local tags Compose uses (!reset, !override). */
  if (t != NULL && t[0] == '!' && t[1] != '\0')
    return t;
  return NULL;
}

static gboolean
handle_event (Builder      *b,
              yaml_event_t *event)
{
  const yaml_mark_t *m = &event->start_mark;

  switch (event->type)
    {
    case YAML_DOCUMENT_START_EVENT:
      if (++b->n_documents > 1)
        wharf_parse_set_error (b, m, WHARF_YAML_ERROR_UNSUPPORTED,
                               "a Compose file holds one YAML document, this one has several");
      break;

    case YAML_SCALAR_EVENT:
      {
        WharfNode *node = scalar_from_event (b, event);
        if (event->data.scalar.anchor != NULL)
          g_hash_table_replace (b->anchors, g_strdup ((const char *) event->data.scalar.anchor),
                                wharf_node_ref (node));
        attach (b, node);
      }
      break;

    case YAML_ALIAS_EVENT:
      {
        const char *name = (const char *) event->data.alias.anchor;
        WharfNode *target = g_hash_table_lookup (b->anchors, name);
        WharfNode *copy;

        if (target == NULL)
          {
            wharf_parse_set_error (b, m, WHARF_YAML_ERROR_UNSUPPORTED, "unknown anchor \"%s\" referenced", name);
            break;
          }
        copy = wharf_parse_copy_within_budget (b, target);
        if (copy == NULL)
          {
            wharf_parse_set_error (b, m, WHARF_YAML_ERROR_TOO_LARGE,
                                   "the document contains excessive aliasing (more than %d nodes expanded)",
                                   WHARF_NODE_MAX_ALIAS_NODES);
            break;
          }
        /* The alias's position is where it is used. */
        wharf_node_set_position (copy, b->file, m->line + 1, m->column + 1);
        attach (b, copy);
      }
      break;

    case YAML_SEQUENCE_START_EVENT:
      {
        WharfNode *node = wharf_node_new_interned (WHARF_NODE_SEQUENCE, b->file, m->line + 1, m->column + 1);
        wharf_node_set_tag (node, tag_of (event->data.sequence_start.tag));
        b->tagged |= node->tag != NULL;
        node->no_dollar = TRUE;   /* until a child says otherwise */
        push (b, node, event->data.sequence_start.anchor, m);
      }
      break;

    case YAML_MAPPING_START_EVENT:
      {
        WharfNode *node = wharf_node_new_interned (WHARF_NODE_MAPPING, b->file, m->line + 1, m->column + 1);
        wharf_node_set_tag (node, tag_of (event->data.mapping_start.tag));
        b->tagged |= node->tag != NULL;
        node->no_dollar = TRUE;   /* until a child says otherwise */
        push (b, node, event->data.mapping_start.anchor, m);
      }
      break;

    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      if (b->stack->len > 0)
        pop (b);
      break;

    case YAML_STREAM_END_EVENT:
      return FALSE;

    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
    default:
      break;
    }
  return b->error == NULL;
}

static void
set_parser_error (Builder       *b,
                  yaml_parser_t *parser)
{
  WharfYamlError code = WHARF_YAML_ERROR_SYNTAX;
  const yaml_mark_t *mark = &parser->problem_mark;
  const char *problem = parser->problem ? parser->problem : "malformed YAML";

  if (parser->error == YAML_READER_ERROR)
    {
      /* Reader errors carry a byte offset: turn it into a line and column. */
      yaml_mark_t where = { parser->problem_offset, 0, 0 };

      for (gsize i = 0; b->data != NULL && i < parser->problem_offset; i++)
        {
          if (b->data[i] == '\n')
            where.line++, where.column = 0;
          else if (((guchar) b->data[i] & 0xC0) != 0x80)
            where.column++;
        }
      wharf_parse_set_error (b, &where, WHARF_YAML_ERROR_ENCODING, "%s (a Compose file must be UTF-8)",
                             problem);
      return;
    }
  if (parser->error == YAML_MEMORY_ERROR)
    code = WHARF_YAML_ERROR_TOO_LARGE;

  if (parser->context != NULL)
    wharf_parse_set_error (b, mark, code, "%s %s (line %zu)", problem, parser->context,
                           parser->context_mark.line + 1);
  else
    wharf_parse_set_error (b, mark, code, "%s", problem);
}

WharfNode *
wharf_node_parse (const char  *data,
                  gsize        length,
                  const char  *file,
                  GError     **error)
{
  yaml_parser_t parser;
  Builder b = { 0 };
  gboolean more = TRUE;
  WharfNode *result = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  b.file = g_intern_string (file ? file : "<input>");
  b.data = data;
  if (length > WHARF_NODE_MAX_FILE_SIZE)
    {
      g_set_error (error, WHARF_YAML_ERROR, WHARF_YAML_ERROR_TOO_LARGE,
                   "%s: the file is too large (%.1f MB, the limit is %d MB)", b.file,
                   length / 1e6, WHARF_NODE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  b.stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  b.children_alloc = 256;
  b.children = g_new (WharfNodeEntry, b.children_alloc);
  g_array_set_clear_func (b.stack, (GDestroyNotify) frame_clear);
  b.anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) wharf_node_unref);
  b.alias_budget = WHARF_NODE_MAX_ALIAS_NODES;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) (data ? data : ""), length);

  while (more)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (&parser, &event))
        {
          set_parser_error (&b, &parser);
          break;
        }
      more = handle_event (&b, &event);
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&parser);

  if (b.error != NULL)
    g_propagate_error (error, g_steal_pointer (&b.error));
  else if (b.root != NULL)
    {
      result = g_steal_pointer (&b.root);
      result->tree_tagged = b.tagged;
    }
  else
    result = wharf_node_new_null (b.file, 1, 1);

  g_clear_pointer (&b.root, wharf_node_unref);
  g_array_unref (b.stack);
  /* After an error: the children of collections left open. */
  for (guint i = 0; i < b.n_children; i++)
    {
      wharf_node_unref (b.children[i].key);
      wharf_node_unref (b.children[i].value);
    }
  g_free (b.children);
  g_hash_table_unref (b.anchors);
  return result;
}

gboolean
wharf_node_parse_had_tags (const WharfNode *root)
{
  return root != NULL && root->tree_tagged;
}
