/* wharf-compose-normalize-project.c: a file's services and resource
 * definitions in long syntax, and the project-level defaults added once
 * the files are merged (default network, resource names, sorted keys).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-compose-normalize-private.h"

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
          WharfNode *empty = wharf_compose_positioned_mapping (def);
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
          wharf_compose_replace_value (def, "external", yes);
          if (external_name != NULL && wharf_node_mapping_lookup (def, "name") == NULL)
            wharf_node_mapping_set (def, "name", wharf_compose_positioned_string (external_name, yes));
        }
      wharf_compose_resolve_path_node (ctx, base_dir, wharf_node_mapping_lookup (def, "file"));
      wharf_compose_normalize_dict (ctx, def, "labels", kind, TRUE);
      wharf_compose_normalize_dict (ctx, def, "driver_opts", kind, TRUE);
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
      wharf_node_mapping_set (def, "name", wharf_compose_positioned_string (name, def));
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
          networks = wharf_compose_positioned_mapping (service);
          wharf_node_mapping_set (networks, "default", wharf_node_new_null (NULL, 0, 0));
          wharf_node_mapping_set (service, "networks", networks);
        }
      if (wharf_node_mapping_lookup_key_node (networks, "default") != NULL)
        uses_default = TRUE;
      wharf_node_sort_recursively (service);
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
