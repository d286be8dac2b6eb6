/* wharf-node.c: the positioned YAML tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wharf-node.h"

G_DEFINE_QUARK (wharf-yaml-error-quark, wharf_yaml_error)

/* Mappings index their keys in a hash table once they grow past this. */
#define INDEX_THRESHOLD 12

struct _WharfNode
{
  gatomicrefcount  ref_count;
  WharfNodeKind    kind;
  WharfScalarType  scalar_type;
  gboolean         quoted;
  guint            line;
  guint            column;
  const char      *file;   /* interned */
  const char      *tag;    /* interned */
  char            *scalar;
  GPtrArray       *keys;   /* mapping: WharfNode scalars */
  GPtrArray       *items;  /* mapping values, or sequence items */
  GHashTable      *index;  /* key string → GUINT_TO_POINTER (position + 1) */
};

G_DEFINE_BOXED_TYPE (WharfNode, wharf_node, wharf_node_ref, wharf_node_unref)

static WharfNode *
node_new (WharfNodeKind  kind,
          const char    *file,
          guint          line,
          guint          column)
{
  WharfNode *node = g_new0 (WharfNode, 1);

  g_atomic_ref_count_init (&node->ref_count);
  node->kind = kind;
  node->file = file ? g_intern_string (file) : NULL;
  node->line = line;
  node->column = column;
  if (kind == WHARF_NODE_MAPPING)
    node->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_node_unref);
  if (kind == WHARF_NODE_MAPPING || kind == WHARF_NODE_SEQUENCE)
    node->items = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_node_unref);
  return node;
}

WharfNode *
wharf_node_new_null (const char *file,
                     guint       line,
                     guint       column)
{
  return node_new (WHARF_NODE_NULL, file, line, column);
}

WharfNode *
wharf_node_new_scalar (const char      *value,
                       WharfScalarType  type,
                       const char      *file,
                       guint            line,
                       guint            column)
{
  WharfNode *node = node_new (WHARF_NODE_SCALAR, file, line, column);

  node->scalar = g_strdup (value ? value : "");
  node->scalar_type = type;
  return node;
}

WharfNode *
wharf_node_new_mapping (const char *file,
                        guint       line,
                        guint       column)
{
  return node_new (WHARF_NODE_MAPPING, file, line, column);
}

WharfNode *
wharf_node_new_sequence (const char *file,
                         guint       line,
                         guint       column)
{
  return node_new (WHARF_NODE_SEQUENCE, file, line, column);
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
  g_free (node->scalar);
  g_clear_pointer (&node->keys, g_ptr_array_unref);
  g_clear_pointer (&node->items, g_ptr_array_unref);
  g_clear_pointer (&node->index, g_hash_table_unref);
  g_free (node);
}

WharfNode *
wharf_node_copy (const WharfNode *node)
{
  WharfNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  copy = node_new (node->kind, node->file, node->line, node->column);
  copy->tag = node->tag;
  copy->scalar_type = node->scalar_type;
  copy->quoted = node->quoted;
  copy->scalar = g_strdup (node->scalar);
  if (node->keys != NULL)
    for (guint i = 0; i < node->keys->len; i++)
      g_ptr_array_add (copy->keys, wharf_node_copy (node->keys->pdata[i]));
  if (node->items != NULL)
    for (guint i = 0; i < node->items->len; i++)
      g_ptr_array_add (copy->items, wharf_node_copy (node->items->pdata[i]));
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

  switch (a->kind)
    {
    case WHARF_NODE_NULL:
      return TRUE;
    case WHARF_NODE_SCALAR:
      return a->scalar_type == b->scalar_type && g_strcmp0 (a->scalar, b->scalar) == 0;
    case WHARF_NODE_SEQUENCE:
      if (a->items->len != b->items->len)
        return FALSE;
      for (guint i = 0; i < a->items->len; i++)
        if (!wharf_node_equal (a->items->pdata[i], b->items->pdata[i]))
          return FALSE;
      return TRUE;
    case WHARF_NODE_MAPPING:
      if (a->items->len != b->items->len)
        return FALSE;
      for (guint i = 0; i < a->keys->len; i++)
        {
          const char *key = wharf_node_mapping_get_key (a, i);
          if (!wharf_node_equal (a->items->pdata[i], wharf_node_mapping_lookup (b, key)))
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
  node->file = file ? g_intern_string (file) : NULL;
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

/* Scalars */

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
  if (value != node->scalar)
    {
      g_free (node->scalar);
      node->scalar = g_strdup (value ? value : "");
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

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  const char *s = text;
  gboolean negative = FALSE;
  guint base = 10;
  guint64 value;
  char *end = NULL;

  if (*s == '+' || *s == '-')
    negative = (*s++ == '-');
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    base = 16, s += 2;
  else if (s[0] == '0' && s[1] == 'o')
    base = 8, s += 2;
  if (!g_ascii_isxdigit (*s))
    return FALSE;
  errno = 0;
  value = g_ascii_strtoull (s, &end, base);
  if (errno != 0 || *end != '\0' || value > (guint64) G_MAXINT64 + (negative ? 1 : 0))
    return FALSE;
  if (out != NULL)
    *out = negative ? (gint64) (0 - value) : (gint64) value;
  return TRUE;
}

static gboolean
parse_float (const char *text,
             double     *out)
{
  char *end = NULL;
  double value;

  if (g_str_equal (text, ".inf") || g_str_equal (text, "+.inf") || g_str_equal (text, ".Inf") ||
      g_str_equal (text, "+.Inf") || g_str_equal (text, ".INF") || g_str_equal (text, "+.INF"))
    value = INFINITY;
  else if (g_str_equal (text, "-.inf") || g_str_equal (text, "-.Inf") || g_str_equal (text, "-.INF"))
    value = -INFINITY;
  else if (g_str_equal (text, ".nan") || g_str_equal (text, ".NaN") || g_str_equal (text, ".NAN"))
    value = NAN;
  else
    {
      const char *s = text;

      if (*s == '+' || *s == '-')
        s++;
      /* The core schema's float: digits with a dot and/or an exponent. */
      if (!(g_ascii_isdigit (*s) || (*s == '.' && g_ascii_isdigit (s[1]))))
        return FALSE;
      errno = 0;
      value = g_ascii_strtod (text, &end);
      if (errno != 0 || end == text || *end != '\0')
        return FALSE;
      for (s = text; *s; s++)
        if (*s == 'x' || *s == 'X' || *s == 'n' || *s == 'N' || *s == 'i' || *s == 'I')
          return FALSE;
    }
  if (out != NULL)
    *out = value;
  return TRUE;
}

WharfScalarType
wharf_scalar_resolve_type (const char *text)
{
  static const char * const bools[] = { "true", "True", "TRUE", "false", "False", "FALSE" };

  if (text == NULL || *text == '\0')
    return WHARF_SCALAR_STRING;
  for (gsize i = 0; i < G_N_ELEMENTS (bools); i++)
    if (g_str_equal (text, bools[i]))
      return WHARF_SCALAR_BOOL;
  if (!(g_ascii_isdigit (*text) || *text == '-' || *text == '+' || *text == '.'))
    return WHARF_SCALAR_STRING;
  if (parse_int (text, NULL))
    return WHARF_SCALAR_INT;
  if (parse_float (text, NULL))
    return WHARF_SCALAR_FLOAT;
  return WHARF_SCALAR_STRING;
}

gboolean
wharf_node_get_int64 (const WharfNode *node,
                      gint64          *out)
{
  if (node == NULL || node->kind != WHARF_NODE_SCALAR || node->scalar_type == WHARF_SCALAR_BOOL)
    return FALSE;
  return parse_int (node->scalar, out);
}

gboolean
wharf_node_get_double (const WharfNode *node,
                       double          *out)
{
  gint64 i;

  if (node == NULL || node->kind != WHARF_NODE_SCALAR || node->scalar_type == WHARF_SCALAR_BOOL)
    return FALSE;
  if (parse_int (node->scalar, &i))
    {
      if (out != NULL)
        *out = (double) i;
      return TRUE;
    }
  return parse_float (node->scalar, out);
}

gboolean
wharf_node_get_boolean (const WharfNode *node,
                        gboolean        *out)
{
  const char *s;

  if (node == NULL || node->kind != WHARF_NODE_SCALAR)
    return FALSE;
  s = node->scalar;
  if (g_ascii_strcasecmp (s, "true") == 0)
    {
      if (out != NULL)
        *out = TRUE;
      return TRUE;
    }
  if (g_ascii_strcasecmp (s, "false") == 0)
    {
      if (out != NULL)
        *out = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* Mappings */

static void
index_rebuild (WharfNode *node)
{
  g_clear_pointer (&node->index, g_hash_table_unref);
  if (node->keys->len < INDEX_THRESHOLD)
    return;
  node->index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < node->keys->len; i++)
    {
      WharfNode *key = node->keys->pdata[i];
      g_hash_table_insert (node->index, key->scalar, GUINT_TO_POINTER (i + 1));
    }
}

static int
mapping_find (const WharfNode *node,
              const char      *key)
{
  if (node->index == NULL && node->keys->len >= INDEX_THRESHOLD)
    index_rebuild ((WharfNode *) node);
  if (node->index != NULL)
    return (int) GPOINTER_TO_UINT (g_hash_table_lookup (node->index, key)) - 1;
  for (guint i = 0; i < node->keys->len; i++)
    {
      WharfNode *k = node->keys->pdata[i];
      if (strcmp (k->scalar, key) == 0)
        return (int) i;
    }
  return -1;
}

guint
wharf_node_mapping_size (const WharfNode *node)
{
  if (node == NULL || node->kind != WHARF_NODE_MAPPING)
    return 0;
  return node->keys->len;
}

const char *
wharf_node_mapping_get_key (const WharfNode *node,
                            guint            index)
{
  g_return_val_if_fail (node != NULL && node->kind == WHARF_NODE_MAPPING, NULL);
  g_return_val_if_fail (index < node->keys->len, NULL);
  return ((WharfNode *) node->keys->pdata[index])->scalar;
}

WharfNode *
wharf_node_mapping_get_key_node (const WharfNode *node,
                                 guint            index)
{
  g_return_val_if_fail (node != NULL && node->kind == WHARF_NODE_MAPPING, NULL);
  g_return_val_if_fail (index < node->keys->len, NULL);
  return node->keys->pdata[index];
}

WharfNode *
wharf_node_mapping_get_value (const WharfNode *node,
                              guint            index)
{
  g_return_val_if_fail (node != NULL && node->kind == WHARF_NODE_MAPPING, NULL);
  g_return_val_if_fail (index < node->items->len, NULL);
  return node->items->pdata[index];
}

WharfNode *
wharf_node_mapping_lookup (const WharfNode *node,
                           const char      *key)
{
  int i;

  if (node == NULL || node->kind != WHARF_NODE_MAPPING)
    return NULL;
  i = mapping_find (node, key);
  return i < 0 ? NULL : node->items->pdata[i];
}

WharfNode *
wharf_node_mapping_lookup_key_node (const WharfNode *node,
                                    const char      *key)
{
  int i;

  if (node == NULL || node->kind != WHARF_NODE_MAPPING)
    return NULL;
  i = mapping_find (node, key);
  return i < 0 ? NULL : node->keys->pdata[i];
}

const char *
wharf_node_mapping_lookup_string (const WharfNode *node,
                                  const char      *key)
{
  return wharf_node_get_scalar (wharf_node_mapping_lookup (node, key));
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

  i = mapping_find (node, key_node->scalar);
  if (i >= 0)
    {
      /* Keep the original key node (and its position). */
      wharf_node_unref (key_node);
      wharf_node_unref (node->items->pdata[i]);
      node->items->pdata[i] = value;
      return;
    }
  g_ptr_array_add (node->keys, key_node);
  g_ptr_array_add (node->items, value);
  if (node->index != NULL)
    g_hash_table_insert (node->index, key_node->scalar, GUINT_TO_POINTER (node->keys->len));
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
  int i;

  g_return_val_if_fail (node != NULL && node->kind == WHARF_NODE_MAPPING, FALSE);
  i = mapping_find (node, key);
  if (i < 0)
    return FALSE;
  g_ptr_array_remove_index (node->keys, i);
  g_ptr_array_remove_index (node->items, i);
  if (node->index != NULL)
    index_rebuild (node);
  return TRUE;
}

typedef struct {
  WharfNode *key;
  WharfNode *value;
} Pair;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *pa = a, *pb = b;
  return strcmp (pa->key->scalar, pb->key->scalar);
}

void
wharf_node_mapping_sort (WharfNode *node)
{
  g_autofree Pair *pairs = NULL;
  guint n;

  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_MAPPING);
  n = node->keys->len;
  if (n < 2)
    return;
  pairs = g_new (Pair, n);
  for (guint i = 0; i < n; i++)
    pairs[i] = (Pair) { node->keys->pdata[i], node->items->pdata[i] };
  /* g_qsort_with_data is stable (merge sort). */
  g_qsort_with_data (pairs, n, sizeof (Pair), (GCompareDataFunc) compare_pairs, NULL);
  for (guint i = 0; i < n; i++)
    {
      node->keys->pdata[i] = pairs[i].key;
      node->items->pdata[i] = pairs[i].value;
    }
  if (node->index != NULL)
    index_rebuild (node);
}

/* Sequences */

guint
wharf_node_sequence_size (const WharfNode *node)
{
  if (node == NULL || node->kind != WHARF_NODE_SEQUENCE)
    return 0;
  return node->items->len;
}

WharfNode *
wharf_node_sequence_get (const WharfNode *node,
                         guint            index)
{
  g_return_val_if_fail (node != NULL && node->kind == WHARF_NODE_SEQUENCE, NULL);
  g_return_val_if_fail (index < node->items->len, NULL);
  return node->items->pdata[index];
}

void
wharf_node_sequence_append (WharfNode *node,
                            WharfNode *item)
{
  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_SEQUENCE);
  g_return_if_fail (item != NULL);
  g_ptr_array_add (node->items, item);
}

void
wharf_node_sequence_insert (WharfNode *node,
                            guint      index,
                            WharfNode *item)
{
  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_SEQUENCE);
  g_return_if_fail (item != NULL && index <= node->items->len);
  g_ptr_array_insert (node->items, index, item);
}

void
wharf_node_sequence_remove (WharfNode *node,
                            guint      index)
{
  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_SEQUENCE);
  g_return_if_fail (index < node->items->len);
  g_ptr_array_remove_index (node->items, index);
}

void
wharf_node_sequence_clear (WharfNode *node)
{
  g_return_if_fail (node != NULL && node->kind == WHARF_NODE_SEQUENCE);
  g_ptr_array_set_size (node->items, 0);
}
