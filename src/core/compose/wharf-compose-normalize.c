/* wharf-compose-normalize.c: Compose short syntax to the long syntax that
 * `docker compose config` prints, one file at a time.
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

#include "wharf-compose-private.h"
#include "wharf-compose-units.h"

#define SUB(path, key) g_autofree char *sub_##key = g_strconcat (path, ".", #key, NULL)

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

static gboolean
is_url (const char *s)
{
  return g_str_has_prefix (s, "http://") || g_str_has_prefix (s, "https://") ||
         g_str_has_prefix (s, "git://") || g_str_has_prefix (s, "git@") ||
         g_str_has_prefix (s, "github.com/") || g_str_has_prefix (s, "ssh://") ||
         strstr (s, "://") != NULL;
}

static WharfNode *
positioned_string (const char      *value,
                   const WharfNode *where)
{
  WharfNode *node = wharf_node_new_string (value);
  wharf_node_set_position_from (node, where);
  return node;
}

static WharfNode *
positioned_mapping (const WharfNode *where)
{
  WharfNode *node = wharf_node_new_mapping (NULL, 0, 0);
  wharf_node_set_position_from (node, where);
  return node;
}

/* A scalar of any type as text (numbers and booleans as written). */
static const char *
scalar_text (const WharfNode *node)
{
  return wharf_node_get_scalar (node);
}

/* Replaces KEY's value in MAP (keeping the key node) with VALUE. */
static void
replace_value (WharfNode  *map,
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
static void
string_to_list (WharfNode  *map,
                const char *key)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);

  if (value != NULL && wharf_node_get_kind (value) == WHARF_NODE_SCALAR)
    {
      WharfNode *list = wharf_node_new_sequence (NULL, 0, 0);
      wharf_node_set_position_from (list, value);
      wharf_node_sequence_append (list, positioned_string (scalar_text (value), value));
      replace_value (map, key, list);
    }
}

/* A command given as a string is split like a shell would. */
static void
normalize_command (WharfComposeContext *ctx,
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
            wharf_node_set_scalar (item, scalar_text (item), WHARF_SCALAR_STRING);
        }
      return;
    }
  if (wharf_node_get_kind (value) != WHARF_NODE_SCALAR)
    return;
  if (!wharf_shell_split (scalar_text (value), &words))
    {
      wharf_compose_error_at (ctx, value, path, "%s: unterminated quote in “%s”", key,
                              scalar_text (value));
      return;
    }
  list = wharf_node_new_sequence (NULL, 0, 0);
  wharf_node_set_position_from (list, value);
  for (guint i = 0; words[i] != NULL; i++)
    wharf_node_sequence_append (list, positioned_string (words[i], value));
  replace_value (map, key, list);
}

static void
normalize_duration (WharfComposeContext *ctx,
                    WharfNode           *map,
                    const char          *key,
                    const char          *path)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);
  g_autofree char *formatted = NULL;
  gint64 ns;

  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_SCALAR)
    return;
  if (!wharf_duration_parse (scalar_text (value), &ns))
    {
      wharf_compose_error_at (ctx, value, path, "%s: invalid duration “%s”", key, scalar_text (value));
      return;
    }
  formatted = wharf_duration_format (ns);
  wharf_node_set_scalar (value, formatted, WHARF_SCALAR_STRING);
}

/* Byte sizes are printed as a string of digits, as compose-go does. */
static void
normalize_bytes (WharfComposeContext *ctx,
                 WharfNode           *map,
                 const char          *key,
                 const char          *path)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);
  char buf[32];
  gint64 bytes;

  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_SCALAR)
    return;
  if (!wharf_bytes_parse (scalar_text (value), &bytes))
    {
      wharf_compose_error_at (ctx, value, path, "%s: invalid size “%s”", key, scalar_text (value));
      return;
    }
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, bytes);
  wharf_node_set_scalar (value, buf, WHARF_SCALAR_STRING);
}

static void
normalize_cpus (WharfComposeContext *ctx,
                WharfNode           *map,
                const char          *key,
                const char          *path)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);
  double cpus;

  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_SCALAR)
    return;
  if (!wharf_node_get_double (value, &cpus) || cpus < 0)
    {
      wharf_compose_error_at (ctx, value, path, "%s: invalid number of CPUs “%s”", key,
                              scalar_text (value));
      return;
    }
  {
    g_autoptr(WharfNode) number = wharf_node_new_double (cpus);
    wharf_node_set_scalar (value, wharf_node_get_scalar (number), WHARF_SCALAR_FLOAT);
  }
}

/* ["A=1", "B"] or {A: 1, B: null} → {A: "1", B: null}; SEPARATOR splits
 * list items ("=" for environment and labels; "=" or ":" for extra_hosts). */
static void
normalize_dict (WharfComposeContext *ctx,
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
            wharf_node_set_scalar (v, scalar_text (v), WHARF_SCALAR_STRING);
        }
      return;
    }
  if (wharf_node_get_kind (value) != WHARF_NODE_SEQUENCE)
    return;

  dict = positioned_mapping (value);
  for (guint i = 0; i < wharf_node_sequence_size (value); i++)
    {
      WharfNode *item = wharf_node_sequence_get (value, i);
      const char *text = scalar_text (item);
      const char *eq;
      g_autofree char *name = NULL;
      WharfNode *key_node;

      if (text == NULL)
        continue;
      eq = strchr (text, '=');
      name = eq ? g_strndup (text, eq - text) : g_strdup (text);
      key_node = positioned_string (name, item);
      wharf_node_mapping_set_with_key (dict, key_node,
                                       eq ? positioned_string (eq + 1, item)
                                          : wharf_node_new_null (wharf_node_get_file (item),
                                                                 wharf_node_get_line (item),
                                                                 wharf_node_get_column (item)));
    }
  replace_value (map, key, dict);
}

static void
normalize_list_to_names (WharfNode  *map,
                         const char *key)
{
  WharfNode *value = wharf_node_mapping_lookup (map, key);
  WharfNode *dict;

  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_SEQUENCE)
    return;
  dict = positioned_mapping (value);
  for (guint i = 0; i < wharf_node_sequence_size (value); i++)
    {
      WharfNode *item = wharf_node_sequence_get (value, i);
      if (scalar_text (item) != NULL)
        wharf_node_mapping_set_with_key (dict, positioned_string (scalar_text (item), item),
                                         wharf_node_new_null (wharf_node_get_file (item),
                                                              wharf_node_get_line (item),
                                                              wharf_node_get_column (item)));
    }
  replace_value (map, key, dict);
}

static void
normalize_depends_on (WharfNode *service)
{
  WharfNode *value;

  normalize_list_to_names (service, "depends_on");
  value = wharf_node_mapping_lookup (service, "depends_on");
  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_MAPPING)
    return;
  for (guint i = 0; i < wharf_node_mapping_size (value); i++)
    {
      WharfNode *dep = wharf_node_mapping_get_value (value, i);

      if (wharf_node_get_kind (dep) != WHARF_NODE_MAPPING)
        {
          WharfNode *key = wharf_node_mapping_get_key_node (value, i);
          dep = positioned_mapping (key);
          wharf_node_mapping_set_with_key (value, wharf_node_copy (key), dep);
        }
      if (wharf_node_mapping_lookup (dep, "condition") == NULL)
        wharf_node_mapping_set (dep, "condition", positioned_string ("service_started", dep));
      if (wharf_node_mapping_lookup (dep, "required") == NULL)
        {
          WharfNode *yes = wharf_node_new_bool (TRUE);
          wharf_node_set_position_from (yes, dep);
          wharf_node_mapping_set (dep, "required", yes);
        }
    }
}

/* secrets: [a] → [{source: a}] (configs alike). */
static void
normalize_file_refs (WharfNode  *service,
                     const char *key)
{
  WharfNode *value = wharf_node_mapping_lookup (service, key);

  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_SEQUENCE)
    return;
  for (guint i = 0; i < wharf_node_sequence_size (value); i++)
    {
      WharfNode *item = wharf_node_sequence_get (value, i);

      if (wharf_node_get_kind (item) == WHARF_NODE_SCALAR)
        {
          WharfNode *ref = positioned_mapping (item);
          wharf_node_mapping_set (ref, "source", positioned_string (scalar_text (item), item));
          wharf_node_sequence_remove (value, i);
          wharf_node_sequence_insert (value, i, ref);
        }
      else if (wharf_node_get_kind (item) == WHARF_NODE_MAPPING)
        {
          WharfNode *mode = wharf_node_mapping_lookup (item, "mode");
          /* Modes are octal when written as strings ("0440"). */
          if (mode != NULL && wharf_node_is_string (mode))
            {
              guint64 m = g_ascii_strtoull (scalar_text (mode), NULL, 8);
              char buf[24];
              g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, m);
              wharf_node_set_scalar (mode, buf, WHARF_SCALAR_INT);
            }
        }
    }
}

static void
normalize_build (WharfComposeContext *ctx,
                 WharfNode           *service,
                 const char          *base_dir,
                 const char          *path)
{
  WharfNode *build = wharf_node_mapping_lookup (service, "build");
  WharfNode *context;

  if (build == NULL)
    return;
  if (wharf_node_get_kind (build) == WHARF_NODE_SCALAR)
    {
      WharfNode *map = positioned_mapping (build);
      wharf_node_mapping_set (map, "context", positioned_string (scalar_text (build), build));
      replace_value (service, "build", map);
      build = map;
    }
  if (wharf_node_get_kind (build) != WHARF_NODE_MAPPING)
    return;
  context = wharf_node_mapping_lookup (build, "context");
  if (context == NULL)
    {
      context = positioned_string (".", build);
      wharf_node_mapping_set (build, "context", context);
    }
  if (scalar_text (context) != NULL && !is_url (scalar_text (context)))
    wharf_compose_resolve_path_node (ctx, base_dir, context);
  if (wharf_node_mapping_lookup (build, "dockerfile") == NULL &&
      wharf_node_mapping_lookup (build, "dockerfile_inline") == NULL)
    wharf_node_mapping_set (build, "dockerfile", positioned_string ("Dockerfile", build));
  normalize_dict (ctx, build, "args", path, TRUE);
  normalize_dict (ctx, build, "labels", path, TRUE);
}

static void
normalize_env_files (WharfComposeContext *ctx,
                     WharfNode           *service,
                     const char          *base_dir)
{
  WharfNode *value = wharf_node_mapping_lookup (service, "env_file");
  WharfNode *list;

  if (value == NULL)
    return;
  string_to_list (service, "env_file");
  value = wharf_node_mapping_lookup (service, "env_file");
  if (wharf_node_get_kind (value) != WHARF_NODE_SEQUENCE)
    return;
  list = wharf_node_new_sequence (NULL, 0, 0);
  wharf_node_set_position_from (list, value);
  for (guint i = 0; i < wharf_node_sequence_size (value); i++)
    {
      WharfNode *item = wharf_node_sequence_get (value, i);
      WharfNode *entry;

      if (wharf_node_get_kind (item) == WHARF_NODE_SCALAR)
        {
          entry = positioned_mapping (item);
          wharf_node_mapping_set (entry, "path", positioned_string (scalar_text (item), item));
        }
      else if (wharf_node_get_kind (item) == WHARF_NODE_MAPPING)
        entry = wharf_node_copy (item);
      else
        continue;
      wharf_compose_resolve_path_node (ctx, base_dir, wharf_node_mapping_lookup (entry, "path"));
      if (wharf_node_mapping_lookup (entry, "required") == NULL)
        {
          WharfNode *yes = wharf_node_new_bool (TRUE);
          wharf_node_set_position_from (yes, entry);
          wharf_node_mapping_set (entry, "required", yes);
        }
      wharf_node_sequence_append (list, entry);
    }
  replace_value (service, "env_file", list);
}

static void
normalize_healthcheck (WharfComposeContext *ctx,
                       WharfNode           *service,
                       const char          *path)
{
  WharfNode *hc = wharf_node_mapping_lookup (service, "healthcheck");
  WharfNode *test;
  static const char * const durations[] = { "interval", "timeout", "start_period", "start_interval" };

  if (hc == NULL || wharf_node_get_kind (hc) != WHARF_NODE_MAPPING)
    return;
  test = wharf_node_mapping_lookup (hc, "test");
  if (test != NULL && wharf_node_get_kind (test) == WHARF_NODE_SCALAR)
    {
      WharfNode *list = wharf_node_new_sequence (NULL, 0, 0);
      wharf_node_set_position_from (list, test);
      if (g_str_equal (scalar_text (test), "NONE"))
        wharf_node_sequence_append (list, positioned_string ("NONE", test));
      else
        {
          wharf_node_sequence_append (list, positioned_string ("CMD-SHELL", test));
          wharf_node_sequence_append (list, positioned_string (scalar_text (test), test));
        }
      replace_value (hc, "test", list);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (durations); i++)
    normalize_duration (ctx, hc, durations[i], path);
}

static void
normalize_deploy (WharfComposeContext *ctx,
                  WharfNode           *service,
                  const char          *path)
{
  WharfNode *deploy = wharf_node_mapping_lookup (service, "deploy");
  WharfNode *resources;
  static const char * const kinds[] = { "limits", "reservations" };
  static const char * const configs[] = { "update_config", "rollback_config" };

  if (deploy == NULL || wharf_node_get_kind (deploy) != WHARF_NODE_MAPPING)
    return;
  resources = wharf_node_mapping_lookup (deploy, "resources");
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      WharfNode *r = wharf_node_mapping_lookup (resources, kinds[i]);
      if (r == NULL || wharf_node_get_kind (r) != WHARF_NODE_MAPPING)
        continue;
      normalize_cpus (ctx, r, "cpus", path);
      normalize_bytes (ctx, r, "memory", path);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      WharfNode *c = wharf_node_mapping_lookup (deploy, configs[i]);
      if (c == NULL || wharf_node_get_kind (c) != WHARF_NODE_MAPPING)
        continue;
      normalize_duration (ctx, c, "delay", path);
      normalize_duration (ctx, c, "monitor", path);
    }
  {
    WharfNode *rp = wharf_node_mapping_lookup (deploy, "restart_policy");
    if (rp != NULL && wharf_node_get_kind (rp) == WHARF_NODE_MAPPING)
      {
        normalize_duration (ctx, rp, "delay", path);
        normalize_duration (ctx, rp, "window", path);
      }
  }
  normalize_dict (ctx, deploy, "labels", path, TRUE);
}

void
wharf_compose_canonicalize_service (WharfComposeContext *ctx,
                                    WharfNode           *service,
                                    const char          *name,
                                    const char          *base_dir)
{
  g_autofree char *path = g_strconcat ("services.", name, NULL);
  static const char * const byte_keys[] = { "mem_limit", "mem_reservation", "memswap_limit", "shm_size" };
  static const char * const list_keys[] = { "dns", "dns_search", "tmpfs", "env_file", "cap_add",
                                              "cap_drop", "expose", "profiles", "external_links",
                                              "security_opt", "links", "volumes_from" };

  if (wharf_node_get_kind (service) != WHARF_NODE_MAPPING)
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (list_keys); i++)
    string_to_list (service, list_keys[i]);
  {
    /* expose: numbers become strings, as compose-go prints them. */
    WharfNode *expose = wharf_node_mapping_lookup (service, "expose");
    for (guint i = 0; i < wharf_node_sequence_size (expose); i++)
      {
        WharfNode *item = wharf_node_sequence_get (expose, i);
        if (wharf_node_get_kind (item) == WHARF_NODE_SCALAR)
          wharf_node_set_scalar (item, scalar_text (item), WHARF_SCALAR_STRING);
      }
  }
  normalize_build (ctx, service, base_dir, path);
  normalize_command (ctx, service, "command", path);
  normalize_command (ctx, service, "entrypoint", path);
  normalize_cpus (ctx, service, "cpus", path);
  normalize_depends_on (service);
  normalize_deploy (ctx, service, path);
  normalize_dict (ctx, service, "environment", path, TRUE);
  normalize_dict (ctx, service, "labels", path, TRUE);
  normalize_dict (ctx, service, "annotations", path, TRUE);
  normalize_dict (ctx, service, "sysctls", path, TRUE);
  normalize_env_files (ctx, service, base_dir);
  normalize_file_refs (service, "secrets");
  normalize_file_refs (service, "configs");
  normalize_healthcheck (ctx, service, path);
  normalize_list_to_names (service, "networks");
  normalize_duration (ctx, service, "stop_grace_period", path);
  for (gsize i = 0; i < G_N_ELEMENTS (byte_keys); i++)
    normalize_bytes (ctx, service, byte_keys[i], path);
  wharf_compose_normalize_ports (ctx, service, path);
  wharf_compose_normalize_volumes (ctx, service, base_dir, path);

  /* extends.file is relative to the file that says it. */
  {
    WharfNode *extends = wharf_node_mapping_lookup (service, "extends");
    wharf_compose_resolve_path_node (ctx, base_dir, wharf_node_mapping_lookup (extends, "file"));
  }
}

/* networks, volumes, secrets, configs: null definitions become {}, the
 * legacy `external: {name: x}` becomes `external: true, name: x`, and
 * files are resolved. */
static void
canonicalize_resources (WharfComposeContext *ctx,
                        WharfNode           *root,
                        const char          *kind,
                        const char          *base_dir)
{
  WharfNode *section = wharf_node_mapping_lookup (root, kind);

  if (section == NULL || wharf_node_get_kind (section) != WHARF_NODE_MAPPING)
    return;
  for (guint i = 0; i < wharf_node_mapping_size (section); i++)
    {
      WharfNode *def = wharf_node_mapping_get_value (section, i);
      WharfNode *external;

      if (wharf_node_get_kind (def) == WHARF_NODE_NULL)
        {
          WharfNode *key = wharf_node_mapping_get_key_node (section, i);
          WharfNode *empty = positioned_mapping (def);
          wharf_node_set_tag (empty, wharf_node_get_tag (def));
          wharf_node_mapping_set_with_key (section, wharf_node_copy (key), empty);
          continue;
        }
      if (wharf_node_get_kind (def) != WHARF_NODE_MAPPING)
        continue;
      external = wharf_node_mapping_lookup (def, "external");
      if (external != NULL && wharf_node_get_kind (external) == WHARF_NODE_MAPPING)
        {
          const char *name = wharf_node_mapping_lookup_string (external, "name");
          g_autofree char *external_name = g_strdup (name);
          WharfNode *yes = wharf_node_new_bool (TRUE);

          wharf_node_set_position_from (yes, external);
          wharf_compose_warning_at (ctx, external, kind,
                                    "external.name is deprecated, use name with external: true");
          replace_value (def, "external", yes);
          if (external_name != NULL && wharf_node_mapping_lookup (def, "name") == NULL)
            wharf_node_mapping_set (def, "name", positioned_string (external_name, yes));
        }
      wharf_compose_resolve_path_node (ctx, base_dir, wharf_node_mapping_lookup (def, "file"));
      normalize_dict (ctx, def, "labels", kind, TRUE);
      normalize_dict (ctx, def, "driver_opts", kind, TRUE);
    }
}

void
wharf_compose_canonicalize_file (WharfComposeContext *ctx,
                                 WharfNode           *root,
                                 const char          *base_dir)
{
  WharfNode *services = wharf_node_mapping_lookup (root, "services");

  for (guint i = 0; i < wharf_node_mapping_size (services); i++)
    wharf_compose_canonicalize_service (ctx, wharf_node_mapping_get_value (services, i),
                                        wharf_node_mapping_get_key (services, i), base_dir);
  canonicalize_resources (ctx, root, "networks", base_dir);
  canonicalize_resources (ctx, root, "volumes", base_dir);
  canonicalize_resources (ctx, root, "secrets", base_dir);
  canonicalize_resources (ctx, root, "configs", base_dir);
}

/* name: "<project>_<key>" unless external (then the key) or given. */
static void
name_resources (WharfNode  *root,
                const char *kind,
                const char *project_name)
{
  WharfNode *section = wharf_node_mapping_lookup (root, kind);

  for (guint i = 0; i < wharf_node_mapping_size (section); i++)
    {
      WharfNode *def = wharf_node_mapping_get_value (section, i);
      const char *key = wharf_node_mapping_get_key (section, i);
      gboolean external = FALSE;
      g_autofree char *name = NULL;

      if (wharf_node_get_kind (def) != WHARF_NODE_MAPPING ||
          wharf_node_mapping_lookup (def, "name") != NULL)
        continue;
      wharf_node_get_boolean (wharf_node_mapping_lookup (def, "external"), &external);
      name = external ? g_strdup (key) : g_strdup_printf ("%s_%s", project_name, key);
      wharf_node_mapping_set (def, "name", positioned_string (name, def));
    }
}

static void
sort_recursively (WharfNode *node)
{
  if (wharf_node_get_kind (node) == WHARF_NODE_MAPPING)
    {
      wharf_node_mapping_sort (node);
      for (guint i = 0; i < wharf_node_mapping_size (node); i++)
        sort_recursively (wharf_node_mapping_get_value (node, i));
    }
  else if (wharf_node_get_kind (node) == WHARF_NODE_SEQUENCE)
    {
      for (guint i = 0; i < wharf_node_sequence_size (node); i++)
        sort_recursively (wharf_node_sequence_get (node, i));
    }
}

void
wharf_compose_finish_project (WharfComposeContext *ctx,
                              WharfNode           *root,
                              const char          *project_name)
{
  WharfNode *services = wharf_node_mapping_lookup (root, "services");
  gboolean uses_default = FALSE;

  /* Services with no network join "default", unless network_mode says otherwise. */
  for (guint i = 0; i < wharf_node_mapping_size (services); i++)
    {
      WharfNode *service = wharf_node_mapping_get_value (services, i);
      WharfNode *networks;

      if (wharf_node_get_kind (service) != WHARF_NODE_MAPPING)
        continue;
      networks = wharf_node_mapping_lookup (service, "networks");
      if (networks == NULL && wharf_node_mapping_lookup (service, "network_mode") == NULL)
        {
          networks = positioned_mapping (service);
          wharf_node_mapping_set (networks, "default", wharf_node_new_null (NULL, 0, 0));
          wharf_node_mapping_set (service, "networks", networks);
        }
      if (wharf_node_mapping_lookup_key_node (networks, "default") != NULL)
        uses_default = TRUE;
      sort_recursively (service);
    }

  if (uses_default)
    {
      WharfNode *networks = wharf_node_mapping_lookup (root, "networks");
      if (networks == NULL)
        {
          networks = wharf_node_new_mapping (NULL, 0, 0);
          wharf_node_mapping_set (root, "networks", networks);
        }
      if (wharf_node_mapping_lookup (networks, "default") == NULL)
        wharf_node_mapping_set (networks, "default", wharf_node_new_mapping (NULL, 0, 0));
    }

  name_resources (root, "networks", project_name);
  name_resources (root, "volumes", project_name);
  name_resources (root, "secrets", project_name);
  name_resources (root, "configs", project_name);
}
