/* wharf-compose-merge.c: the Compose merge rules, for several -f files and
 * for extends (compose-spec 13-merge.md, compose-go's override package).
 *
 * Mappings merge key by key. Sequences append, except that command,
 * entrypoint and healthcheck.test are replaced, and that some sequences
 * hold unique entries (ports, volumes by target, secrets and configs by
 * target, env_file by path, capabilities, DNS…) where a later entry replaces
 * an earlier one with the same key. `!reset` removes a value, `!override`
 * replaces it without merging.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-compose-private.h"

typedef char *(*IndexFunc) (const WharfNode *item);

static gboolean
is_reset (const WharfNode *node)
{
  return g_strcmp0 (wharf_node_get_tag (node), "!reset") == 0;
}

static gboolean
is_override (const WharfNode *node)
{
  return g_strcmp0 (wharf_node_get_tag (node), "!override") == 0;
}

void
wharf_compose_strip_tags (WharfNode *node)
{
  if (wharf_node_get_tag (node) != NULL && !is_reset (node))
    wharf_node_set_tag (node, NULL);

  if (wharf_node_get_kind (node) == WHARF_NODE_MAPPING)
    {
      for (guint i = 0; i < wharf_node_mapping_size (node);)
        {
          WharfNode *value = wharf_node_mapping_get_value (node, i);
          if (is_reset (value))
            {
              wharf_node_mapping_remove (node, wharf_node_mapping_get_key (node, i));
              continue;
            }
          wharf_compose_strip_tags (value);
          i++;
        }
    }
  else if (wharf_node_get_kind (node) == WHARF_NODE_SEQUENCE)
    {
      for (guint i = 0; i < wharf_node_sequence_size (node);)
        {
          WharfNode *item = wharf_node_sequence_get (node, i);
          if (is_reset (item))
            {
              wharf_node_sequence_remove (node, i);
              continue;
            }
          wharf_compose_strip_tags (item);
          i++;
        }
    }
}

static char *
index_scalar (const WharfNode *item)
{
  const char *text = wharf_node_get_scalar (item);
  return text ? g_strdup (text) : wharf_node_to_json (item, FALSE);
}

static char *
index_port (const WharfNode *item)
{
  if (wharf_node_get_kind (item) != WHARF_NODE_MAPPING)
    return index_scalar (item);
  return g_strdup_printf ("%s:%s:%s/%s:%s",
                          wharf_node_mapping_lookup_string (item, "host_ip") ?: "",
                          wharf_node_mapping_lookup_string (item, "published") ?: "",
                          wharf_node_mapping_lookup_string (item, "target") ?: "",
                          wharf_node_mapping_lookup_string (item, "protocol") ?: "tcp",
                          wharf_node_mapping_lookup_string (item, "mode") ?: "ingress");
}

static char *
index_volume (const WharfNode *item)
{
  const char *target = wharf_node_mapping_lookup_string (item, "target");
  return target ? g_strdup (target) : index_scalar (item);
}

static char *
index_mount (const WharfNode *item,
             const char      *prefix)
{
  const char *target = wharf_node_mapping_lookup_string (item, "target");
  const char *source = wharf_node_mapping_lookup_string (item, "source");

  if (target != NULL)
    return g_strdup (target);
  if (source != NULL)
    return g_strconcat (prefix, source, NULL);
  return index_scalar (item);
}

static char *
index_secret (const WharfNode *item)
{
  return index_mount (item, "/run/secrets/");
}

static char *
index_config (const WharfNode *item)
{
  return index_mount (item, "/");
}

static char *
index_env_file (const WharfNode *item)
{
  const char *path = wharf_node_mapping_lookup_string (item, "path");
  return path ? g_strdup (path) : index_scalar (item);
}

static const struct {
  const char *path;
  IndexFunc   index;
} unique_sequences[] = {
  { "services.*.ports", index_port },
  { "services.*.volumes", index_volume },
  { "services.*.secrets", index_secret },
  { "services.*.configs", index_config },
  { "services.*.env_file", index_env_file },
  { "services.*.devices", index_scalar },
  { "services.*.cap_add", index_scalar },
  { "services.*.cap_drop", index_scalar },
  { "services.*.dns", index_scalar },
  { "services.*.dns_opt", index_scalar },
  { "services.*.dns_search", index_scalar },
  { "services.*.expose", index_scalar },
  { "services.*.links", index_scalar },
  { "services.*.profiles", index_scalar },
  { "services.*.tmpfs", index_scalar },
  { "services.*.extra_hosts", index_scalar },
  { "services.*.security_opt", index_scalar },
  { "services.*.build.tags", index_scalar },
  { "services.*.build.platforms", index_scalar },
  { "services.*.networks.*.aliases", index_scalar },
};

static const char * const replaced_paths[] = {
  "services.*.command",
  "services.*.entrypoint",
  "services.*.healthcheck.test",
};

/* The generic path of KEY below PATH: names of services, networks… are "*". */
static char *
child_path (const char *path,
            const char *key)
{
  static const char * const named[] = {
    "services", "networks", "volumes", "secrets", "configs",
    "services.*.ulimits", "services.*.networks", "services.*.depends_on",
  };

  if (path == NULL || *path == '\0')
    return g_strdup (key);
  for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_str_equal (path, named[i]))
      return g_strconcat (path, ".*", NULL);
  return g_strconcat (path, ".", key, NULL);
}

static void
merge_sequence (WharfNode  *base,
                WharfNode  *override,
                const char *path)
{
  IndexFunc index = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (unique_sequences); i++)
    if (g_str_equal (path, unique_sequences[i].path))
      index = unique_sequences[i].index;

  for (guint i = 0; i < wharf_node_sequence_size (override); i++)
    {
      WharfNode *item = wharf_node_copy (wharf_node_sequence_get (override, i));
      gboolean replaced = FALSE;

      wharf_compose_strip_tags (item);
      if (index != NULL)
        {
          g_autofree char *key = index (item);

          for (guint j = 0; j < wharf_node_sequence_size (base); j++)
            {
              g_autofree char *other = index (wharf_node_sequence_get (base, j));
              if (g_str_equal (key, other))
                {
                  wharf_node_sequence_remove (base, j);
                  wharf_node_sequence_insert (base, j, item);
                  replaced = TRUE;
                  break;
                }
            }
        }
      if (!replaced)
        wharf_node_sequence_append (base, item);
    }
}

static gboolean
is_replaced_path (const char *path)
{
  for (gsize i = 0; i < G_N_ELEMENTS (replaced_paths); i++)
    if (g_str_equal (path, replaced_paths[i]))
      return TRUE;
  return FALSE;
}

static void
merge_mapping (WharfNode  *base,
               WharfNode  *override,
               const char *path)
{
  /* logging: a different driver discards the earlier options. */
  if (g_strcmp0 (path, "services.*.logging") == 0)
    {
      const char *a = wharf_node_mapping_lookup_string (base, "driver");
      const char *b = wharf_node_mapping_lookup_string (override, "driver");
      if (a != NULL && b != NULL && !g_str_equal (a, b))
        wharf_node_mapping_remove (base, "options");
    }

  for (guint i = 0; i < wharf_node_mapping_size (override); i++)
    {
      const char *key = wharf_node_mapping_get_key (override, i);
      WharfNode *value = wharf_node_mapping_get_value (override, i);
      WharfNode *existing = wharf_node_mapping_lookup (base, key);
      g_autofree char *sub = child_path (path, key);
      WharfNode *copy;

      if (is_reset (value))
        {
          wharf_node_mapping_remove (base, key);
          continue;
        }
      if (existing != NULL && !is_override (value) && !is_replaced_path (sub))
        {
          WharfNodeKind a = wharf_node_get_kind (existing);
          WharfNodeKind b = wharf_node_get_kind (value);

          if (a == WHARF_NODE_MAPPING && b == WHARF_NODE_MAPPING)
            {
              merge_mapping (existing, value, sub);
              continue;
            }
          if (a == WHARF_NODE_SEQUENCE && b == WHARF_NODE_SEQUENCE)
            {
              merge_sequence (existing, value, sub);
              continue;
            }
          /* A service network or dependency given as null keeps its settings. */
          if (b == WHARF_NODE_NULL && a == WHARF_NODE_MAPPING &&
              (g_str_equal (sub, "services.*.networks.*") || g_str_equal (sub, "services.*.depends_on.*")))
            continue;
        }
      copy = wharf_node_copy (value);
      wharf_compose_strip_tags (copy);
      wharf_node_mapping_set_with_key (base, wharf_node_copy (wharf_node_mapping_get_key_node (override, i)),
                                       copy);
    }
}

void
wharf_compose_merge (WharfNode  *base,
                     WharfNode  *override,
                     const char *path)
{
  g_return_if_fail (base != NULL && override != NULL);

  if (wharf_node_get_kind (base) == WHARF_NODE_MAPPING &&
      wharf_node_get_kind (override) == WHARF_NODE_MAPPING)
    merge_mapping (base, override, path ? path : "");
  else if (wharf_node_get_kind (base) == WHARF_NODE_SEQUENCE &&
           wharf_node_get_kind (override) == WHARF_NODE_SEQUENCE)
    merge_sequence (base, override, path ? path : "");
}
