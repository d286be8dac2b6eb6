/* wharf-node.c: the positioned YAML tree: construction, references,
 * copies, positions, tags and scalar text. Typed scalar reads are in
 * wharf-node-scalar.c, mappings and sequences in wharf-node-collections.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wharf-node-private.h"

G_DEFINE_QUARK (wharf-yaml-error-quark, wharf_yaml_error)

G_DEFINE_BOXED_TYPE (WharfNode, wharf_node, wharf_node_ref, wharf_node_unref)

/* The last string interned for a position. Nodes of one file all name the
 * same file, and an interned string lives for ever, so a pointer equal to
 * this one needs no trip through g_intern_string () (and its lock). */
static const char *last_interned_file;

static const char *
intern_file (const char *file)
{
  const char *last;

  if (file == NULL)
    return NULL;
  last = g_atomic_pointer_get (&last_interned_file);
  if (file == last)
    return last;
  last = g_intern_string (file);
  g_atomic_pointer_set (&last_interned_file, last);
  return last;
}

static WharfNode *
node_alloc (WharfNodeKind  kind,
            const char    *file,
            guint          line,
            guint          column,
            gsize          inline_size)
{
  /* Not zeroed whole: the text that follows is written by the caller. */
  gsize header = WHARF_NODE_HEADER (kind);
  WharfNode *node = wharf_node_slab_alloc (header + inline_size);
  gboolean in_slab = node != NULL;

  if (!in_slab)
    node = g_malloc (header + inline_size);
  memset (node, 0, header);
  node->in_slab = in_slab;
  g_atomic_ref_count_init (&node->ref_count);
  node->kind = kind;
  node->file = file;
  node->line = line;
  node->column = column;
  if (kind == WHARF_NODE_SCALAR)
    node->inline_size = (guint) inline_size;
  return node;
}

WharfNode *
wharf_node_new_interned (WharfNodeKind  kind,
                         const char    *file,
                         guint          line,
                         guint          column)
{
  return node_alloc (kind, file, line, column, 0);
}

WharfNode *
wharf_node_new_scalar_len_interned (const char      *value,
                                    gsize            length,
                                    WharfScalarType  type,
                                    const char      *file,
                                    guint            line,
                                    guint            column)
{
  WharfNode *node = node_alloc (WHARF_NODE_SCALAR, file, line, column, length + 1);

  if (length > 0)
    memcpy (wharf_node_inline_text (node), value, length);
  wharf_node_inline_text (node)[length] = '\0';
  node->scalar = wharf_node_inline_text (node);
  node->scalar_type = type;
  return node;
}

WharfNode *
wharf_node_new_null (const char *file,
                     guint       line,
                     guint       column)
{
  return node_alloc (WHARF_NODE_NULL, intern_file (file), line, column, 0);
}

WharfNode *
wharf_node_new_scalar (const char      *value,
                       WharfScalarType  type,
                       const char      *file,
                       guint            line,
                       guint            column)
{
  if (value == NULL)
    value = "";
  return wharf_node_new_scalar_len_interned (value, strlen (value), type, intern_file (file),
                                             line, column);
}

WharfNode *
wharf_node_new_mapping (const char *file,
                        guint       line,
                        guint       column)
{
  return node_alloc (WHARF_NODE_MAPPING, intern_file (file), line, column, 0);
}

WharfNode *
wharf_node_new_sequence (const char *file,
                         guint       line,
                         guint       column)
{
  return node_alloc (WHARF_NODE_SEQUENCE, intern_file (file), line, column, 0);
}

WharfNode *
wharf_node_new_string (const char *value)
{
  return wharf_node_new_scalar (value, WHARF_SCALAR_STRING, NULL, 0, 0);
}

WharfNode *
wharf_node_new_int (gint64 value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  return wharf_node_new_scalar (buf, WHARF_SCALAR_INT, NULL, 0, 0);
}

WharfNode *
wharf_node_new_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    g_snprintf (buf, sizeof buf, "%.1f", value);
  else
    g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  return wharf_node_new_scalar (buf, WHARF_SCALAR_FLOAT, NULL, 0, 0);
}

WharfNode *
wharf_node_new_bool (gboolean value)
{
  return wharf_node_new_scalar (value ? "true" : "false", WHARF_SCALAR_BOOL, NULL, 0, 0);
}

WharfNode *
wharf_node_ref (WharfNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_atomic_ref_count_inc (&node->ref_count);
  return node;
}

void
wharf_node_unref (WharfNode *node)
{
  if (node == NULL)
    return;
  if (!g_atomic_ref_count_dec (&node->ref_count))
    return;
  if (node->kind == WHARF_NODE_SCALAR && node->scalar != wharf_node_inline_text (node))
    g_free (node->scalar);
  else if (node->kind == WHARF_NODE_MAPPING || node->kind == WHARF_NODE_SEQUENCE)
    wharf_node_collection_clear (node);
  if (node->in_slab)
    wharf_node_slab_free (node);
  else
    g_free (node);
}

WharfNode *
wharf_node_copy (const WharfNode *node)
{
  WharfNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  if (node->kind == WHARF_NODE_SCALAR)
    copy = wharf_node_new_scalar_len_interned (node->scalar, strlen (node->scalar),
                                               node->scalar_type, node->file,
                                               node->line, node->column);
  else
    copy = node_alloc (node->kind, node->file, node->line, node->column, 0);
  copy->tag = node->tag;
  copy->quoted = node->quoted;
  copy->no_dollar = node->no_dollar;
  copy->keys_sorted = node->keys_sorted;
  if (node->kind == WHARF_NODE_MAPPING)
    {
      copy->entries = g_new (WharfNodeEntry, MAX (node->len, 1));
      copy->alloc = MAX (node->len, 1);
      for (guint i = 0; i < node->len; i++)
        copy->entries[i] = (WharfNodeEntry) { wharf_node_copy (node->entries[i].key),
                                              wharf_node_copy (node->entries[i].value) };
      copy->len = node->len;
    }
  else if (node->kind == WHARF_NODE_SEQUENCE)
    {
      copy->items = g_new (WharfNode *, MAX (node->len, 1));
      copy->alloc = MAX (node->len, 1);
      for (guint i = 0; i < node->len; i++)
        copy->items[i] = wharf_node_copy (node->items[i]);
      copy->len = node->len;
    }
  return copy;
}

gboolean
wharf_node_equal (const WharfNode *a,
                  const WharfNode *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->kind != b->kind)
    return FALSE;

  switch ((WharfNodeKind) a->kind)
    {
    case WHARF_NODE_NULL:
      return TRUE;
    case WHARF_NODE_SCALAR:
      return a->scalar_type == b->scalar_type && g_strcmp0 (a->scalar, b->scalar) == 0;
    case WHARF_NODE_SEQUENCE:
      if (a->len != b->len)
        return FALSE;
      for (guint i = 0; i < a->len; i++)
        if (!wharf_node_equal (a->items[i], b->items[i]))
          return FALSE;
      return TRUE;
    case WHARF_NODE_MAPPING:
      if (a->len != b->len)
        return FALSE;
      for (guint i = 0; i < a->len; i++)
        {
          const char *key = a->entries[i].key->scalar;
          if (!wharf_node_equal (a->entries[i].value, wharf_node_mapping_lookup (b, key)))
            return FALSE;
        }
      return TRUE;
    default:
      return FALSE;
    }
}

WharfNodeKind
wharf_node_get_kind (const WharfNode *node)
{
  if (node == NULL)
    return WHARF_NODE_NULL;
  return node->kind;
}

const char *
wharf_node_get_file (const WharfNode *node)
{
  if (node == NULL)
    return NULL;
  return node->file;
}

guint
wharf_node_get_line (const WharfNode *node)
{
  if (node == NULL)
    return 0;
  return node->line;
}

guint
wharf_node_get_column (const WharfNode *node)
{
  if (node == NULL)
    return 0;
  return node->column;
}

void
wharf_node_set_position (WharfNode  *node,
                         const char *file,
                         guint       line,
                         guint       column)
{
  g_return_if_fail (node != NULL);
  node->file = intern_file (file);
  node->line = line;
  node->column = column;
}

void
wharf_node_set_position_from (WharfNode       *node,
                              const WharfNode *other)
{
  g_return_if_fail (node != NULL);
  if (other == NULL)
    return;
  node->file = other->file;
  node->line = other->line;
  node->column = other->column;
}

char *
wharf_node_format_position (const WharfNode *node)
{
  if (node == NULL || node->file == NULL)
    return g_strdup ("");
  if (node->line == 0)
    return g_strdup (node->file);
  return g_strdup_printf ("%s:%u:%u", node->file, node->line, node->column);
}

const char *
wharf_node_get_tag (const WharfNode *node)
{
  if (node == NULL)
    return NULL;
  return node->tag;
}

void
wharf_node_set_tag (WharfNode  *node,
                    const char *tag)
{
  g_return_if_fail (node != NULL);
  node->tag = tag ? g_intern_string (tag) : NULL;
}

/* Scalar text (typed reads are in wharf-node-scalar.c). */

const char *
wharf_node_get_scalar (const WharfNode *node)
{
  if (node == NULL || node->kind != WHARF_NODE_SCALAR)
    return NULL;
  return node->scalar;
}

WharfScalarType
wharf_node_get_scalar_type (const WharfNode *node)
{
  g_return_val_if_fail (node != NULL, WHARF_SCALAR_STRING);
  return node->scalar_type;
}

void
wharf_node_set_scalar (WharfNode       *node,
                       const char      *value,
                       WharfScalarType  type)
{
  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_SCALAR);
  if (value == NULL)
    value = "";
  node->no_dollar = FALSE;
  if (value != node->scalar)
    {
      gsize length = strlen (value);

      if (length < node->inline_size)
        {
          /* VALUE may be a part of the current text: memmove. */
          memmove (wharf_node_inline_text (node), value, length + 1);
          if (node->scalar != wharf_node_inline_text (node))
            g_free (node->scalar);
          node->scalar = wharf_node_inline_text (node);
        }
      else
        {
          char *copy = g_strndup (value, length);

          if (node->scalar != wharf_node_inline_text (node))
            g_free (node->scalar);
          node->scalar = copy;
        }
    }
  node->scalar_type = type;
}

gboolean
wharf_node_get_quoted (const WharfNode *node)
{
  return node != NULL && node->kind == WHARF_NODE_SCALAR && node->quoted;
}

void
wharf_node_set_quoted (WharfNode *node,
                       gboolean   quoted)
{
  g_return_if_fail (node != NULL);
  node->quoted = !!quoted;
}

gboolean
wharf_node_is_string (const WharfNode *node)
{
  return node != NULL && node->kind == WHARF_NODE_SCALAR && node->scalar_type == WHARF_SCALAR_STRING;
}

char *
wharf_node_path_format (const char          *prefix,
                        const WharfNodePath *segments)
{
  GString *path = g_string_new (prefix);

  for (guint i = 0; i < segments->len; i++)
    {
      const WharfNodePathSegment *segment = &segments->segments[i];

      if (segment->key != NULL)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, segment->key);
        }
      else
        g_string_append_printf (path, "[%u]", segment->index);
    }
  return g_string_free (path, FALSE);
}
