/* wharf-compose-check.c: what happens once the files are merged: profiles,
 * env_file folded into environment, and the references between services,
 * networks, volumes, secrets and configs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-compose-loader.h"
#include "wharf-compose-private.h"
#include "wharf-dotenv.h"

static gboolean
service_active (WharfNode          *service,
                const char * const *profiles)
{
  WharfNode *own = wharf_node_mapping_lookup (service, "profiles");

  if (wharf_node_sequence_size (own) == 0)
    return TRUE;
  for (guint i = 0; i < wharf_node_sequence_size (own); i++)
    {
      const char *p = wharf_node_get_scalar (wharf_node_sequence_get (own, i));
      for (guint j = 0; p != NULL && profiles != NULL && profiles[j] != NULL; j++)
        if (g_str_equal (profiles[j], "*") || g_str_equal (profiles[j], p))
          return TRUE;
    }
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GStrv
wharf_compose_collect_profiles (WharfNode *root)
{
  WharfNode *services = wharf_node_mapping_lookup (root, "services");
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < wharf_node_mapping_size (services); i++)
    {
      WharfNode *own = wharf_node_mapping_lookup (wharf_node_mapping_get_value (services, i), "profiles");
      for (guint j = 0; j < wharf_node_sequence_size (own); j++)
        {
          const char *p = wharf_node_get_scalar (wharf_node_sequence_get (own, j));
          gboolean seen = FALSE;
          for (guint k = 0; p != NULL && k < all->len; k++)
            seen = seen || g_str_equal (all->pdata[k], p);
          if (p != NULL && !seen)
            g_ptr_array_add (all, g_strdup (p));
        }
    }
  g_ptr_array_sort (all, compare_strings);
  g_ptr_array_add (all, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&all), FALSE);
}

/* Drops services that no active profile enables. */
void
wharf_compose_apply_profiles (WharfComposeContext *ctx,
                              WharfNode           *root,
                              const char * const  *profiles)
{
  WharfNode *services = wharf_node_mapping_lookup (root, "services");

  for (guint i = 0; i < wharf_node_mapping_size (services);)
    {
      if (!service_active (wharf_node_mapping_get_value (services, i), profiles))
        {
          wharf_node_mapping_remove (services, wharf_node_mapping_get_key (services, i));
          continue;
        }
      i++;
    }
}

typedef struct {
  WharfComposeContext *ctx;
  WharfNode           *environment;
  GHashTable          *from_files;
} EnvLookup;

/* Inside env files: the process environment first, then the service's
 * environment:, then what earlier env files set. */
static const char *
env_file_lookup (const char *name,
                 gpointer    user_data)
{
  EnvLookup *l = user_data;
  const char *value = g_hash_table_lookup (l->ctx->env, name);

  if (value != NULL)
    return value;
  value = wharf_node_mapping_lookup_string (l->environment, name);
  if (value != NULL)
    return value;
  return g_hash_table_lookup (l->from_files, name);
}

static gboolean
fold_service (WharfComposeContext  *ctx,
              WharfNode            *service,
              const char           *name,
              GError              **error)
{
  WharfNode *env_files = wharf_node_mapping_lookup (service, "env_file");
  WharfNode *environment = wharf_node_mapping_lookup (service, "environment");
  g_autoptr(GHashTable) from_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  EnvLookup lookup;

  if (environment == NULL && env_files != NULL)
    {
      environment = wharf_node_new_mapping (NULL, 0, 0);
      wharf_node_set_position_from (environment, env_files);
      wharf_node_mapping_set (service, "environment", environment);
    }
  lookup = (EnvLookup) { ctx, environment, from_files };

  for (guint i = 0; i < wharf_node_sequence_size (env_files); i++)
    {
      WharfNode *entry = wharf_node_sequence_get (env_files, i);
      const char *path = wharf_node_mapping_lookup_string (entry, "path");
      gboolean required = TRUE;
      g_autoptr(GHashTable) values = NULL;
      g_autoptr(GPtrArray) keys = NULL;
      g_autoptr(GError) local_error = NULL;

      wharf_node_get_boolean (wharf_node_mapping_lookup (entry, "required"), &required);
      if (path == NULL)
        continue;
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *where = wharf_node_format_position (entry);
          if (!required)
            continue;
          g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_ENV_FILE,
                       "%s: services.%s.env_file: env file %s not found", where, name, path);
          return FALSE;
        }
      values = wharf_dotenv_parse_file_full (path, env_file_lookup, &lookup, &keys, &local_error);
      if (values == NULL)
        {
          g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_ENV_FILE,
                       "services.%s.env_file: %s", name, local_error->message);
          return FALSE;
        }
      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = keys->pdata[k];
          if (!g_hash_table_contains (from_files, key))
            g_ptr_array_add (order, g_strdup (key));
          g_hash_table_replace (from_files, g_strdup (key), g_strdup (g_hash_table_lookup (values, key)));
        }
    }

  /* environment: wins over env_file. */
  for (guint k = 0; k < order->len; k++)
    {
      const char *key = order->pdata[k];
      if (wharf_node_mapping_lookup_key_node (environment, key) == NULL)
        {
          WharfNode *value = wharf_node_new_string (g_hash_table_lookup (from_files, key));
          wharf_node_set_position_from (value, env_files);
          wharf_node_mapping_set (environment, key, value);
        }
    }
  wharf_node_mapping_remove (service, "env_file");

  /* A bare KEY takes its value from the environment, if set there. */
  for (guint i = 0; i < wharf_node_mapping_size (environment); i++)
    {
      WharfNode *value = wharf_node_mapping_get_value (environment, i);
      if (wharf_node_get_kind (value) == WHARF_NODE_NULL)
        {
          const char *v = g_hash_table_lookup (ctx->env, wharf_node_mapping_get_key (environment, i));
          if (v != NULL)
            {
              WharfNode *resolved = wharf_node_new_string (v);
              wharf_node_set_position_from (resolved, value);
              wharf_node_mapping_set_with_key (environment,
                                               wharf_node_copy (wharf_node_mapping_get_key_node (environment, i)),
                                               resolved);
            }
        }
    }
  if (environment != NULL)
    wharf_node_mapping_sort (environment);
  return TRUE;
}

gboolean
wharf_compose_fold_env_files (WharfComposeContext  *ctx,
                              WharfNode            *root,
                              GError              **error)
{
  WharfNode *services = wharf_node_mapping_lookup (root, "services");

  for (guint i = 0; i < wharf_node_mapping_size (services); i++)
    {
      WharfNode *service = wharf_node_mapping_get_value (services, i);
      if (wharf_node_get_kind (service) == WHARF_NODE_MAPPING &&
          !fold_service (ctx, service, wharf_node_mapping_get_key (services, i), error))
        return FALSE;
    }
  return TRUE;
}

/* Depth-first search for a depends_on cycle from NAME. */
static gboolean
find_cycle (WharfNode  *services,
            const char *name,
            GHashTable *state,     /* name → 1 visiting, 2 done */
            GPtrArray  *path)
{
  WharfNode *deps = wharf_node_mapping_lookup (wharf_node_mapping_lookup (services, name), "depends_on");
  int s = GPOINTER_TO_INT (g_hash_table_lookup (state, name));

  if (s == 2)
    return FALSE;
  if (s == 1)
    {
      g_ptr_array_add (path, (gpointer) name);
      return TRUE;
    }
  g_hash_table_insert (state, (gpointer) name, GINT_TO_POINTER (1));
  g_ptr_array_add (path, (gpointer) name);
  for (guint i = 0; i < wharf_node_mapping_size (deps); i++)
    {
      const char *dep = wharf_node_mapping_get_key (deps, i);
      if (wharf_node_mapping_lookup (services, dep) != NULL && find_cycle (services, dep, state, path))
        return TRUE;
    }
  g_ptr_array_remove_index (path, path->len - 1);
  g_hash_table_insert (state, (gpointer) name, GINT_TO_POINTER (2));
  return FALSE;
}

static void
check_refs (WharfComposeContext *ctx,
            WharfNode           *root,
            WharfNode           *service,
            const char          *name,
            const char          *key,
            const char          *section,
            const char          *what)
{
  WharfNode *refs = wharf_node_mapping_lookup (service, key);
  WharfNode *defs = wharf_node_mapping_lookup (root, section);

  for (guint i = 0; i < wharf_node_mapping_size (refs); i++)
    {
      const char *ref = wharf_node_mapping_get_key (refs, i);
      if (wharf_node_mapping_lookup (defs, ref) == NULL)
        {
          g_autofree char *path = g_strdup_printf ("services.%s.%s", name, key);
          wharf_compose_error_at (ctx, wharf_node_mapping_get_key_node (refs, i), path,
                                  "service “%s” refers to undefined %s “%s”", name, what, ref);
        }
    }
  for (guint i = 0; i < wharf_node_sequence_size (refs); i++)
    {
      WharfNode *item = wharf_node_sequence_get (refs, i);
      const char *ref;
      const char *type = wharf_node_mapping_lookup_string (item, "type");

      if (g_str_equal (key, "volumes"))
        {
          if (g_strcmp0 (type, "volume") != 0)
            continue;
        }
      ref = wharf_node_mapping_lookup_string (item, "source");
      if (ref != NULL && wharf_node_mapping_lookup (defs, ref) == NULL)
        {
          g_autofree char *path = g_strdup_printf ("services.%s.%s[%u]", name, key, i);
          wharf_compose_error_at (ctx, item, path, "service “%s” refers to undefined %s “%s”",
                                  name, what, ref);
        }
    }
}

gboolean
wharf_compose_check_project (WharfComposeContext  *ctx,
                             WharfNode            *root,
                             GError              **error)
{
  WharfNode *services = wharf_node_mapping_lookup (root, "services");

  for (guint i = 0; i < wharf_node_mapping_size (services); i++)
    {
      const char *name = wharf_node_mapping_get_key (services, i);
      WharfNode *service = wharf_node_mapping_get_value (services, i);
      WharfNode *deps = wharf_node_mapping_lookup (service, "depends_on");
      const char *mode = wharf_node_mapping_lookup_string (service, "network_mode");

      for (guint d = 0; d < wharf_node_mapping_size (deps); d++)
        {
          const char *dep = wharf_node_mapping_get_key (deps, d);
          WharfNode *key = wharf_node_mapping_get_key_node (deps, d);
          g_autofree char *path = g_strdup_printf ("services.%s.depends_on", name);
          gboolean required = TRUE;

          wharf_node_get_boolean (wharf_node_mapping_lookup (wharf_node_mapping_get_value (deps, d), "required"),
                                  &required);
          if (g_str_equal (dep, name))
            wharf_compose_error_at (ctx, key, path, "service “%s” depends on itself", name);
          else if (wharf_node_mapping_lookup (services, dep) == NULL && required)
            wharf_compose_error_at (ctx, key, path, "service “%s” depends on undefined service “%s”",
                                    name, dep);
        }
      if (mode != NULL && wharf_node_mapping_lookup_key_node (service, "networks") != NULL)
        {
          g_autofree char *path = g_strdup_printf ("services.%s", name);
          wharf_compose_error_at (ctx, wharf_node_mapping_lookup_key_node (service, "network_mode"), path,
                                  "service “%s” declares mutually exclusive network_mode and networks",
                                  name);
        }
      if (mode != NULL && g_str_has_prefix (mode, "service:") &&
          wharf_node_mapping_lookup (services, mode + strlen ("service:")) == NULL)
        {
          g_autofree char *path = g_strdup_printf ("services.%s.network_mode", name);
          wharf_compose_error_at (ctx, wharf_node_mapping_lookup (service, "network_mode"), path,
                                  "service “%s” depends on undefined service “%s”", name,
                                  mode + strlen ("service:"));
        }
      {
        const char *ipc = wharf_node_mapping_lookup_string (service, "ipc");
        if (ipc != NULL && g_str_has_prefix (ipc, "service:") &&
            wharf_node_mapping_lookup (services, ipc + strlen ("service:")) == NULL)
          {
            g_autofree char *path = g_strdup_printf ("services.%s.ipc", name);
            wharf_compose_error_at (ctx, wharf_node_mapping_lookup (service, "ipc"), path,
                                    "service “%s” depends on undefined service “%s”", name,
                                    ipc + strlen ("service:"));
          }
      }
      {
        WharfNode *from = wharf_node_mapping_lookup (service, "volumes_from");
        for (guint v = 0; v < wharf_node_sequence_size (from); v++)
          {
            WharfNode *item = wharf_node_sequence_get (from, v);
            g_autofree char *ref = g_strdup (wharf_node_get_scalar (item));
            char *colon = ref ? strchr (ref, ':') : NULL;
            if (ref == NULL || g_str_has_prefix (ref, "container:"))
              continue;
            if (colon != NULL)
              *colon = '\0';
            if (wharf_node_mapping_lookup (services, ref) == NULL)
              {
                g_autofree char *path = g_strdup_printf ("services.%s.volumes_from", name);
                wharf_compose_error_at (ctx, item, path,
                                        "service “%s” depends on undefined service “%s”", name, ref);
              }
          }
      }
      check_refs (ctx, root, service, name, "networks", "networks", "network");
      check_refs (ctx, root, service, name, "volumes", "volumes", "volume");
      check_refs (ctx, root, service, name, "secrets", "secrets", "secret");
      check_refs (ctx, root, service, name, "configs", "configs", "config");
    }

  /* A cycle through a broken reference was already reported. */
  if (wharf_compose_context_has_errors (ctx))
    return TRUE;

  {
    g_autoptr(GHashTable) state = g_hash_table_new (g_str_hash, g_str_equal);
    for (guint i = 0; i < wharf_node_mapping_size (services); i++)
      {
        g_autoptr(GPtrArray) path = g_ptr_array_new ();
        if (find_cycle (services, wharf_node_mapping_get_key (services, i), state, path))
          {
            g_autoptr(GString) text = g_string_new (NULL);
            const char *start = path->pdata[path->len - 1];
            gboolean in = FALSE;
            for (guint p = 0; p < path->len; p++)
              {
                if (!in && g_str_equal (path->pdata[p], start))
                  in = TRUE;
                if (in)
                  g_string_append_printf (text, "%s%s", text->len ? " → " : "", (char *) path->pdata[p]);
              }
            g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_CYCLE,
                         "dependency cycle detected: %s", text->str);
            return FALSE;
          }
      }
  }

  /* Stable output: services and resources sorted by name. */
  if (wharf_node_get_kind (services) == WHARF_NODE_MAPPING)
    wharf_node_mapping_sort (services);
  {
    static const char * const sections[] = { "networks", "volumes", "secrets", "configs" };
    for (gsize s = 0; s < G_N_ELEMENTS (sections); s++)
      {
        WharfNode *section = wharf_node_mapping_lookup (root, sections[s]);
        if (section != NULL && wharf_node_get_kind (section) == WHARF_NODE_MAPPING)
          {
            wharf_node_mapping_sort (section);
            for (guint i = 0; i < wharf_node_mapping_size (section); i++)
              if (wharf_node_get_kind (wharf_node_mapping_get_value (section, i)) == WHARF_NODE_MAPPING)
                wharf_node_mapping_sort (wharf_node_mapping_get_value (section, i));
          }
      }
  }
  return TRUE;
}
