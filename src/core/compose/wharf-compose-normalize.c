/* wharf-compose-normalize.c: Compose short syntax to the long syntax that
 * `docker compose config` prints: the value-level rewrites (paths,
 * commands, durations, sizes, CPUs, dictionaries) that the service and
 * project canonicalisation (wharf-compose-normalize-service.c,
 * wharf-compose-normalize-project.c) apply key by key.
 *
 * Each file is canonicalised before files are merged, so merging compares
 * like with like (a port written "80:80" in one file and as a mapping in
 * another), and relative paths are resolved against the right folder (the
 * project's, or the extended or included file's).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-compose-normalize-private.h"
#include "wharf-compose-units.h"

char *
wharf_compose_resolve_path (WharfComposeContext *ctx,
                            const char          *base_dir,
                            const char          *path)
{
  if (path == NULL)
    return NULL;
  if (path[0] == '~' && (path[1] == '/' || path[1] == '\0'))
    return g_build_filename (ctx->home ? ctx->home : g_get_home_dir (), path + 1, NULL);
  if (g_path_is_absolute (path) || base_dir == NULL)
    return g_strdup (path);
  {
    g_autofree char *joined = g_build_filename (base_dir, path, NULL);
    return g_canonicalize_filename (joined, NULL);
  }
}

void
wharf_compose_resolve_path_node (WharfComposeContext *ctx,
                                 const char          *base_dir,
                                 WharfNode           *node)
{
  const char *text = wharf_node_get_scalar (node);
  g_autofree char *abs = NULL;

  if (text == NULL)
    return;
  abs = wharf_compose_resolve_path (ctx, base_dir, text);
  wharf_node_set_scalar (node, abs, WHARF_SCALAR_STRING);
}

gboolean
wharf_compose_is_url (const char *s)
{
  return g_str_has_prefix (s, "http://") || g_str_has_prefix (s, "https://") ||
         g_str_has_prefix (s, "git://") || g_str_has_prefix (s, "git@") ||
         g_str_has_prefix (s, "github.com/") || g_str_has_prefix (s, "ssh://") ||
         strstr (s, "://") != NULL;
}

WharfNode *
wharf_compose_positioned_string (const char      *value,
                                 const WharfNode *where)
{
  WharfNode *node = wharf_node_new_string (value);
  wharf_node_set_position_from (node, where);
  return node;
}

WharfNode *
wharf_compose_positioned_mapping (const WharfNode *where)
{
  WharfNode *node = wharf_node_new_mapping (NULL, 0, 0);
  wharf_node_set_position_from (node, where);
  return node;
}

/* Replaces KEY's value in MAP (keeping the key node) with VALUE. */
void
wharf_compose_replace_value (WharfNode  *map,
                             const char *key,
                             WharfNode  *value)
{
  WharfNode *key_node = wharf_node_mapping_lookup_key_node (map, key);
  const char *tag = wharf_node_get_tag (wharf_node_mapping_lookup (map, key));

  if (tag != NULL && wharf_node_get_tag (value) == NULL)
    wharf_node_set_tag (value, tag);
  if (key_node != NULL)
    wharf_node_mapping_set_with_key (map, wharf_node_copy (key_node), value);
  else
    wharf_node_mapping_set (map, key, value);
}

/* "a" → ["a"] */
void
wharf_compose_string_to_list (WharfNode  *map,
                              const char *key)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);

  if (value != NULL && wharf_node_get_kind (value) == WHARF_NODE_SCALAR)
    {
      WharfNode *list = wharf_node_new_sequence (NULL, 0, 0);
      wharf_node_set_position_from (list, value);
      wharf_node_sequence_append (list, wharf_compose_positioned_string (wharf_node_get_scalar (value), value));
      wharf_compose_replace_value (map, key, list);
    }
}

/* A command given as a string is split like a shell would. */
void
wharf_compose_normalize_command (WharfComposeContext *ctx,
                                 WharfNode           *map,
                                 const char          *key,
                                 const char          *path)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);
  g_auto(GStrv) words = NULL;
  WharfNode *list;

  if (value == NULL)
    return;
  if (wharf_node_get_kind (value) == WHARF_NODE_SEQUENCE)
    {
      for (guint i = 0; i < wharf_node_sequence_size (value); i++)
        {
          WharfNode *item = wharf_node_sequence_get (value, i);
          if (wharf_node_get_kind (item) == WHARF_NODE_SCALAR)
            wharf_node_set_scalar (item, wharf_node_get_scalar (item), WHARF_SCALAR_STRING);
        }
      return;
    }
  if (wharf_node_get_kind (value) != WHARF_NODE_SCALAR)
    return;
  if (!wharf_shell_split (wharf_node_get_scalar (value), &words))
    {
      wharf_compose_error_at (ctx, value, path, "%s: unterminated quote in “%s”", key,
                              wharf_node_get_scalar (value));
      return;
    }
  list = wharf_node_new_sequence (NULL, 0, 0);
  wharf_node_set_position_from (list, value);
  for (guint i = 0; words[i] != NULL; i++)
    wharf_node_sequence_append (list, wharf_compose_positioned_string (words[i], value));
  wharf_compose_replace_value (map, key, list);
}

void
wharf_compose_normalize_duration (WharfComposeContext *ctx,
                                  WharfNode           *map,
                                  const char          *key,
                                  const char          *path)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);
  char formatted[WHARF_DURATION_BUFFER_SIZE];
  gint64 ns;

  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_SCALAR)
    return;
  if (!wharf_duration_parse (wharf_node_get_scalar (value), &ns))
    {
      wharf_compose_error_at (ctx, value, path, "%s: invalid duration “%s”", key, wharf_node_get_scalar (value));
      return;
    }
  wharf_duration_format_to (ns, formatted);
  wharf_node_set_scalar (value, formatted, WHARF_SCALAR_STRING);
}

/* Byte sizes are printed as a string of digits, as compose-go does. */
void
wharf_compose_normalize_bytes (WharfComposeContext *ctx,
                               WharfNode           *map,
                               const char          *key,
                               const char          *path)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);
  char buf[32];
  gint64 bytes;

  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_SCALAR)
    return;
  if (!wharf_bytes_parse (wharf_node_get_scalar (value), &bytes))
    {
      wharf_compose_error_at (ctx, value, path, "%s: invalid size “%s”", key, wharf_node_get_scalar (value));
      return;
    }
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, bytes);
  wharf_node_set_scalar (value, buf, WHARF_SCALAR_STRING);
}

void
wharf_compose_normalize_cpus (WharfComposeContext *ctx,
                              WharfNode           *map,
                              const char          *key,
                              const char          *path)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);
  char canonical[40];
  double cpus;

  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_SCALAR)
    return;
  /* Nearly every value is a plain decimal: no strtod () and printf (). */
  if (wharf_decimal_canonical (wharf_node_get_scalar (value), canonical))
    {
      wharf_node_set_scalar (value, canonical, WHARF_SCALAR_FLOAT);
      return;
    }
  if (!wharf_node_get_double (value, &cpus) || cpus < 0)
    {
      wharf_compose_error_at (ctx, value, path, "%s: invalid number of CPUs “%s”", key,
                              wharf_node_get_scalar (value));
      return;
    }
  {
    g_autoptr(WharfNode) number = wharf_node_new_double (cpus);
    wharf_node_set_scalar (value, wharf_node_get_scalar (number), WHARF_SCALAR_FLOAT);
  }
}

/* ["A=1", "B"] or {A: 1, B: null} → {A: "1", B: null}; SEPARATOR splits
 * list items ("=" for environment and labels; "=" or ":" for extra_hosts). */
void
wharf_compose_normalize_dict (WharfComposeContext *ctx,
                              WharfNode           *map,
                              const char          *key,
                              const char          *path,
                              gboolean             stringify)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);
  WharfNode *dict;

  if (value == NULL)
    return;
  if (wharf_node_get_kind (value) == WHARF_NODE_MAPPING)
    {
      for (guint i = 0; stringify && i < wharf_node_mapping_size (value); i++)
        {
          WharfNode *v = wharf_node_mapping_get_value (value, i);
          if (wharf_node_get_kind (v) == WHARF_NODE_SCALAR)
            wharf_node_set_scalar (v, wharf_node_get_scalar (v), WHARF_SCALAR_STRING);
        }
      return;
    }
  if (wharf_node_get_kind (value) != WHARF_NODE_SEQUENCE)
    return;

  dict = wharf_compose_positioned_mapping (value);
  for (guint i = 0; i < wharf_node_sequence_size (value); i++)
    {
      WharfNode *item = wharf_node_sequence_get (value, i);
      const char *text = wharf_node_get_scalar (item);
      const char *eq;
      g_autofree char *name = NULL;
      WharfNode *key_node;

      if (text == NULL)
        continue;
      eq = strchr (text, '=');
      name = eq ? g_strndup (text, eq - text) : g_strdup (text);
      key_node = wharf_compose_positioned_string (name, item);
      wharf_node_mapping_set_with_key (dict, key_node,
                                       eq ? wharf_compose_positioned_string (eq + 1, item)
                                          : wharf_node_new_null (wharf_node_get_file (item),
                                                                 wharf_node_get_line (item),
                                                                 wharf_node_get_column (item)));
    }
  wharf_compose_replace_value (map, key, dict);
}

void
wharf_compose_normalize_list_to_names (WharfNode  *map,
                                       const char *key)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);
  WharfNode *dict;

  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_SEQUENCE)
    return;
  dict = wharf_compose_positioned_mapping (value);
  for (guint i = 0; i < wharf_node_sequence_size (value); i++)
    {
      WharfNode *item = wharf_node_sequence_get (value, i);
      if (wharf_node_get_scalar (item) != NULL)
        wharf_node_mapping_set_with_key (dict, wharf_compose_positioned_string (wharf_node_get_scalar (item), item),
                                         wharf_node_new_null (wharf_node_get_file (item),
                                                              wharf_node_get_line (item),
                                                              wharf_node_get_column (item)));
    }
  wharf_compose_replace_value (map, key, dict);
}
