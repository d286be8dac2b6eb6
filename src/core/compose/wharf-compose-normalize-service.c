/* wharf-compose-normalize-service.c: one service in long syntax
 * (build, command, depends_on, deploy, environment, env_file, healthcheck,
 * ports, volumes, secrets, configs…), before the files are merged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-compose-normalize-private.h"

static void
normalize_depends_on (WharfNode *service)
{
  WharfNode *value;

  wharf_compose_normalize_list_to_names (service, "depends_on");
  value = wharf_node_mapping_lookup (service, "depends_on");
  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_MAPPING)
    return;
  for (guint i = 0; i < wharf_node_mapping_size (value); i++)
    {
      WharfNode *dep = wharf_node_mapping_get_value (value, i);

      if (wharf_node_get_kind (dep) != WHARF_NODE_MAPPING)
        {
          WharfNode *key = wharf_node_mapping_get_key_node (value, i);
          dep = wharf_compose_positioned_mapping (key);
          wharf_node_mapping_set_with_key (value, wharf_node_copy (key), dep);
        }
      if (wharf_node_mapping_lookup (dep, "condition") == NULL)
        wharf_node_mapping_set (dep, "condition", wharf_compose_positioned_string ("service_started", dep));
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
          WharfNode *ref = wharf_compose_positioned_mapping (item);
          wharf_node_mapping_set (ref, "source", wharf_compose_positioned_string (wharf_node_get_scalar (item), item));
          wharf_node_sequence_remove (value, i);
          wharf_node_sequence_insert (value, i, ref);
        }
      else if (wharf_node_get_kind (item) == WHARF_NODE_MAPPING)
        {
          WharfNode *mode = wharf_node_mapping_lookup (item, "mode");
          /* Modes are octal when written as strings ("0440"). */
          if (mode != NULL && wharf_node_is_string (mode))
            {
              guint64 m = g_ascii_strtoull (wharf_node_get_scalar (mode), NULL, 8);
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
      WharfNode *map = wharf_compose_positioned_mapping (build);
      wharf_node_mapping_set (map, "context", wharf_compose_positioned_string (wharf_node_get_scalar (build), build));
      wharf_compose_replace_value (service, "build", map);
      build = map;
    }
  if (wharf_node_get_kind (build) != WHARF_NODE_MAPPING)
    return;
  context = wharf_node_mapping_lookup (build, "context");
  if (context == NULL)
    {
      context = wharf_compose_positioned_string (".", build);
      wharf_node_mapping_set (build, "context", context);
    }
  if (wharf_node_get_scalar (context) != NULL && !wharf_compose_is_url (wharf_node_get_scalar (context)))
    wharf_compose_resolve_path_node (ctx, base_dir, context);
  if (wharf_node_mapping_lookup (build, "dockerfile") == NULL &&
      wharf_node_mapping_lookup (build, "dockerfile_inline") == NULL)
    wharf_node_mapping_set (build, "dockerfile", wharf_compose_positioned_string ("Dockerfile", build));
  wharf_compose_normalize_dict (ctx, build, "args", path, TRUE);
  wharf_compose_normalize_dict (ctx, build, "labels", path, TRUE);
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
  wharf_compose_string_to_list (service, "env_file");
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
          entry = wharf_compose_positioned_mapping (item);
          wharf_node_mapping_set (entry, "path", wharf_compose_positioned_string (wharf_node_get_scalar (item), item));
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
  wharf_compose_replace_value (service, "env_file", list);
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
      if (g_str_equal (wharf_node_get_scalar (test), "NONE"))
        wharf_node_sequence_append (list, wharf_compose_positioned_string ("NONE", test));
      else
        {
          wharf_node_sequence_append (list, wharf_compose_positioned_string ("CMD-SHELL", test));
          wharf_node_sequence_append (list, wharf_compose_positioned_string (wharf_node_get_scalar (test), test));
        }
      wharf_compose_replace_value (hc, "test", list);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (durations); i++)
    wharf_compose_normalize_duration (ctx, hc, durations[i], path);
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
      wharf_compose_normalize_cpus (ctx, r, "cpus", path);
      wharf_compose_normalize_bytes (ctx, r, "memory", path);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      WharfNode *c = wharf_node_mapping_lookup (deploy, configs[i]);
      if (c == NULL || wharf_node_get_kind (c) != WHARF_NODE_MAPPING)
        continue;
      wharf_compose_normalize_duration (ctx, c, "delay", path);
      wharf_compose_normalize_duration (ctx, c, "monitor", path);
    }
  {
    WharfNode *rp = wharf_node_mapping_lookup (deploy, "restart_policy");
    if (rp != NULL && wharf_node_get_kind (rp) == WHARF_NODE_MAPPING)
      {
        wharf_compose_normalize_duration (ctx, rp, "delay", path);
        wharf_compose_normalize_duration (ctx, rp, "window", path);
      }
  }
  wharf_compose_normalize_dict (ctx, deploy, "labels", path, TRUE);
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
    wharf_compose_string_to_list (service, list_keys[i]);
  {
    /* expose: numbers become strings, as compose-go prints them. */
    WharfNode *expose = wharf_node_mapping_lookup (service, "expose");
    for (guint i = 0; i < wharf_node_sequence_size (expose); i++)
      {
        WharfNode *item = wharf_node_sequence_get (expose, i);
        if (wharf_node_get_kind (item) == WHARF_NODE_SCALAR)
          wharf_node_set_scalar (item, wharf_node_get_scalar (item), WHARF_SCALAR_STRING);
      }
  }
  normalize_build (ctx, service, base_dir, path);
  wharf_compose_normalize_command (ctx, service, "command", path);
  wharf_compose_normalize_command (ctx, service, "entrypoint", path);
  wharf_compose_normalize_cpus (ctx, service, "cpus", path);
  normalize_depends_on (service);
  normalize_deploy (ctx, service, path);
  wharf_compose_normalize_dict (ctx, service, "environment", path, TRUE);
  wharf_compose_normalize_dict (ctx, service, "labels", path, TRUE);
  wharf_compose_normalize_dict (ctx, service, "annotations", path, TRUE);
  wharf_compose_normalize_dict (ctx, service, "sysctls", path, TRUE);
  normalize_env_files (ctx, service, base_dir);
  normalize_file_refs (service, "secrets");
  normalize_file_refs (service, "configs");
  normalize_healthcheck (ctx, service, path);
  wharf_compose_normalize_list_to_names (service, "networks");
  wharf_compose_normalize_duration (ctx, service, "stop_grace_period", path);
  for (gsize i = 0; i < G_N_ELEMENTS (byte_keys); i++)
    wharf_compose_normalize_bytes (ctx, service, byte_keys[i], path);
  wharf_compose_normalize_ports (ctx, service, path);
  wharf_compose_normalize_volumes (ctx, service, base_dir, path);

  /* extends.file is relative to the file that says it. */
  {
    WharfNode *extends = wharf_node_mapping_lookup (service, "extends");
    wharf_compose_resolve_path_node (ctx, base_dir, wharf_node_mapping_lookup (extends, "file"));
  }
}
