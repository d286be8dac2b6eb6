/* wharf-compose-schema.c: walks a Compose node tree along the schema table
 * (wharf-compose-schema-table.c) and reports what does not fit.
 *
 * The walk follows the table, not the tree, so its cost is one visit per
 * node; property lookups are binary searches, and the key path is a stack
 * of segments pushed and popped as the walk goes down and up, spelt out
 * only when something is reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "wharf-compose-schema.h"
#include "wharf-compose-schema-private.h"
#include "wharf-diagnostic.h"
#include "wharf-node-private.h"

typedef WharfSchemaRule Rule;

/* Arrays longer than this find duplicates with a hash table. */
#define UNIQUE_LINEAR_MAX 32

typedef struct {
  GListStore    *diagnostics;
  WharfNodePath  path;         /* only spelt out for a report */
  gboolean       failed;
} Validator;

static void report (Validator       *v,
                    WharfSeverity    severity,
                    const WharfNode *node,
                    const char      *format,
                    ...) G_GNUC_PRINTF (4, 5);

static void validate_node (Validator       *v,
                           const Rule      *rule,
                           const WharfNode *node);

static void
report (Validator       *v,
        WharfSeverity    severity,
        const WharfNode *node,
        const char      *format,
        ...)
{
  g_autoptr(WharfDiagnostic) diagnostic = NULL;
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  va_list args;

  if (severity == WHARF_SEVERITY_ERROR)
    v->failed = TRUE;
  if (v->diagnostics == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  path = wharf_node_path_format (NULL, &v->path);
  diagnostic = wharf_diagnostic_new (severity,
                                     wharf_node_get_file (node),
                                     wharf_node_get_line (node),
                                     wharf_node_get_column (node),
                                     *path != '\0' ? path : NULL,
                                     message);
  g_list_store_append (v->diagnostics, diagnostic);
}

static gsize
path_push_key (Validator  *v,
               const char *key)
{
  gsize len = v->path.len;

  wharf_node_path_push (&v->path, key, 0);
  return len;
}

static gsize
path_push_index (Validator *v,
                 guint      index)
{
  gsize len = v->path.len;

  wharf_node_path_push (&v->path, NULL, index);
  return len;
}

static void
path_pop (Validator *v,
          gsize      saved)
{
  v->path.len = (guint) saved;
}

/* Type names, as compose-go words them ("must be a string or list"). */

static void
add_name (const char **names,
          guint       *n,
          const char  *name)
{
  for (guint i = 0; i < *n; i++)
    if (names[i] == name)
      return;
  if (*n < 8)
    names[(*n)++] = name;
}

static void
collect_names (const Rule  *rule,
               const char **names,
               guint       *n)
{
  switch ((WharfSchemaKind) rule->kind)
    {
    case WHARF_SCHEMA_ANY:
      break;
    case WHARF_SCHEMA_SCALAR:
      add_name (names, n, "string");
      add_name (names, n, "number");
      add_name (names, n, "boolean");
      break;
    case WHARF_SCHEMA_STRING_OR_NUMBER:
    case WHARF_SCHEMA_BYTES:
    case WHARF_SCHEMA_PORT:
      add_name (names, n, "string");
      add_name (names, n, "number");
      break;
    case WHARF_SCHEMA_INTEGER:
      add_name (names, n, "integer");
      break;
    case WHARF_SCHEMA_NUMBER:
      add_name (names, n, "number");
      break;
    case WHARF_SCHEMA_BOOLEAN:
      add_name (names, n, "boolean");
      break;
    case WHARF_SCHEMA_OBJECT:
      add_name (names, n, "mapping");
      break;
    case WHARF_SCHEMA_ARRAY:
      add_name (names, n, "list");
      break;
    case WHARF_SCHEMA_ONE_OF:
      for (guint i = 0; rule->alternatives[i] != NULL; i++)
        collect_names (rule->alternatives[i], names, n);
      break;
    case WHARF_SCHEMA_STRING:
    case WHARF_SCHEMA_DURATION:
    case WHARF_SCHEMA_ENUM:
    case WHARF_SCHEMA_RESTART:
    case WHARF_SCHEMA_PULL_POLICY:
    case WHARF_SCHEMA_OBSOLETE:
    default:
      add_name (names, n, "string");
      break;
    }
  if (rule->flags & WHARF_SCHEMA_NULLABLE)
    add_name (names, n, "null");
}

static void
report_type (Validator       *v,
             const Rule      *rule,
             const WharfNode *node)
{
  const char *names[8];
  guint n = 0;
  g_autoptr(GString) type = g_string_new (NULL);

  collect_names (rule, names, &n);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (type, i + 1 == n ? " or " : ", ");
      g_string_append (type, names[i]);
    }
  report (v, WHARF_SEVERITY_ERROR, node, _("must be a %s"), type->str);
}

static gboolean
accepts_kind (const Rule    *rule,
              WharfNodeKind  kind)
{
  if (rule->kind == WHARF_SCHEMA_ANY)
    return TRUE;
  if (kind == WHARF_NODE_NULL && (rule->flags & WHARF_SCHEMA_NULLABLE))
    return TRUE;
  switch ((WharfSchemaKind) rule->kind)
    {
    case WHARF_SCHEMA_OBJECT:
      return kind == WHARF_NODE_MAPPING;
    case WHARF_SCHEMA_ARRAY:
      return kind == WHARF_NODE_SEQUENCE;
    case WHARF_SCHEMA_ONE_OF:
      for (guint i = 0; rule->alternatives[i] != NULL; i++)
        if (accepts_kind (rule->alternatives[i], kind))
          return TRUE;
      return FALSE;
    default:
      return kind == WHARF_NODE_SCALAR;
    }
}

/* Objects */

static int
compare_prop (const void *key,
              const void *prop)
{
  return strcmp (key, ((const WharfSchemaProp *) prop)->name);
}

static gboolean
key_matches (WharfSchemaKeys  keys,
             const char      *key)
{
  const char *s;

  switch (keys)
    {
    case WHARF_SCHEMA_KEYS_ANY:
      return *key != '\0';
    case WHARF_SCHEMA_KEYS_NAME:
      for (s = key; *s != '\0'; s++)
        if (!g_ascii_isalnum (*s) && *s != '.' && *s != '_' && *s != '-')
          return FALSE;
      return s != key;
    case WHARF_SCHEMA_KEYS_LOWER:
      for (s = key; *s != '\0'; s++)
        if (!g_ascii_islower (*s))
          return FALSE;
      return s != key;
    case WHARF_SCHEMA_KEYS_NONE:
    default:
      return FALSE;
    }
}

static void
validate_object (Validator       *v,
                 const Rule      *rule,
                 const WharfNode *node)
{
  guint n = node->len;

  /* The struct directly, here and below: this visits every node. */
  for (guint i = 0; i < n; i++)
    {
      const char *key = node->entries[i].key->scalar;
      const WharfNode *value = node->entries[i].value;
      const WharfSchemaProp *prop = NULL;
      const Rule *value_rule = NULL;
      gsize saved;

      if (rule->n_props > 0)
        prop = bsearch (key, rule->props, rule->n_props, sizeof (WharfSchemaProp), compare_prop);
      if (prop != NULL)
        value_rule = prop->rule;
      else if ((rule->flags & WHARF_SCHEMA_EXTENSIONS) && g_str_has_prefix (key, "x-"))
        continue;
      else if (key_matches (rule->keys, key))
        value_rule = rule->item;
      else
        {
          report (v, WHARF_SEVERITY_ERROR, wharf_node_mapping_get_key_node (node, i),
                  _("additional property %s is not allowed"), key);
          continue;
        }

      saved = path_push_key (v, key);
      if (value_rule->kind == WHARF_SCHEMA_OBSOLETE)
        {
          if (wharf_node_get_kind (value) != WHARF_NODE_MAPPING &&
              wharf_node_get_kind (value) != WHARF_NODE_SEQUENCE)
            report (v, WHARF_SEVERITY_WARNING, wharf_node_mapping_get_key_node (node, i),
                    _("%s is obsolete: it is ignored, remove it"), key);
          else
            report_type (v, value_rule, value);
        }
      else
        validate_node (v, value_rule, value);
      path_pop (v, saved);
    }

  for (guint i = 0; rule->values != NULL && rule->values[i] != NULL; i++)
    if (wharf_node_mapping_lookup (node, rule->values[i]) == NULL)
      report (v, WHARF_SEVERITY_ERROR, node, _("missing required property %s"), rule->values[i]);
}

/* Arrays */

static char *
unique_key (const WharfNode *item)
{
  return g_strdup_printf ("%d:%s", (int) wharf_node_get_scalar_type (item),
                          wharf_node_get_scalar (item));
}

static void
check_unique (Validator       *v,
              const WharfNode *node)
{
  guint n = wharf_node_sequence_size (node);
  g_autoptr(GHashTable) seen = NULL;

  if (n > UNIQUE_LINEAR_MAX)
    {
      const WharfNode *first_item = wharf_node_sequence_get (node, 0);

      seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (wharf_node_get_kind (first_item) == WHARF_NODE_SCALAR)
        g_hash_table_insert (seen, unique_key (first_item), GUINT_TO_POINTER (1));
    }

  for (guint i = 1; i < n; i++)
    {
      const WharfNode *item = wharf_node_sequence_get (node, i);
      int first = -1;

      if (wharf_node_get_kind (item) != WHARF_NODE_SCALAR)
        continue;
      if (seen == NULL)
        {
          for (guint j = 0; j < i && first < 0; j++)
            if (wharf_node_equal (wharf_node_sequence_get (node, j), item))
              first = (int) j;
        }
      else
        {
          g_autofree char *key = unique_key (item);
          gpointer previous = g_hash_table_lookup (seen, key);

          if (previous != NULL)
            first = (int) GPOINTER_TO_UINT (previous) - 1;
          else
            g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (i + 1));
        }
      if (first >= 0)
        {
          gsize saved = path_push_index (v, i);

          report (v, WHARF_SEVERITY_ERROR, item,
                  _("repeats item %d: items must be unique"), first);
          path_pop (v, saved);
        }
    }
}

static void
validate_array (Validator       *v,
                const Rule      *rule,
                const WharfNode *node)
{
  guint n = node->len;

  for (guint i = 0; i < n; i++)
    {
      gsize saved = path_push_index (v, i);

      validate_node (v, rule->item, node->items[i]);
      path_pop (v, saved);
    }
  if ((rule->flags & WHARF_SCHEMA_UNIQUE) && n > 1)
    check_unique (v, node);
}

/* Scalars: the checks live in wharf-compose-schema-scalar.c. TYPE_RULE
 * names the expected types in messages: the one-of rule when RULE is one of
 * its alternatives. */
static void
validate_scalar (Validator       *v,
                 const Rule      *rule,
                 const Rule      *type_rule,
                 const WharfNode *node)
{
  g_autofree char *message = NULL;

  if (wharf_compose_schema_check_scalar (rule, node, &message))
    return;
  if (message == NULL)
    report_type (v, type_rule, node);
  else
    report (v, WHARF_SEVERITY_ERROR, node, "%s", message);
}

static void
validate_node_as (Validator       *v,
                  const Rule      *rule,
                  const Rule      *type_rule,
                  const WharfNode *node)
{
  WharfNodeKind kind = node->kind;

  /* !reset removes the value whatever it is; the merge step handles it. */
  if (rule->kind == WHARF_SCHEMA_ANY || (node->tag != NULL && strcmp (node->tag, "!reset") == 0))
    return;

  if (!accepts_kind (rule, kind))
    {
      report_type (v, type_rule, node);
      return;
    }
  if (kind == WHARF_NODE_NULL)
    return;

  switch ((WharfSchemaKind) rule->kind)
    {
    case WHARF_SCHEMA_ONE_OF:
      for (guint i = 0; rule->alternatives[i] != NULL; i++)
        if (accepts_kind (rule->alternatives[i], kind))
          {
            validate_node_as (v, rule->alternatives[i], rule, node);
            break;
          }
      break;
    case WHARF_SCHEMA_OBJECT:
      validate_object (v, rule, node);
      break;
    case WHARF_SCHEMA_ARRAY:
      validate_array (v, rule, node);
      break;
    default:
      validate_scalar (v, rule, type_rule, node);
      break;
    }
}

static void
validate_node (Validator       *v,
               const Rule      *rule,
               const WharfNode *node)
{
  validate_node_as (v, rule, rule, node);
}

gboolean
wharf_compose_schema_validate (WharfNode  *root,
                               GListStore *diagnostics)
{
  Validator v = { diagnostics, { NULL, 0, 0 }, FALSE };

  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (diagnostics == NULL || G_IS_LIST_STORE (diagnostics), FALSE);

  if (wharf_node_get_kind (root) == WHARF_NODE_NULL)
    return TRUE;

  validate_node (&v, &wharf_compose_schema_root, root);
  wharf_node_path_clear (&v.path);
  return !v.failed;
}
