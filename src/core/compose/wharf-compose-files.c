/* wharf-compose-files.c: where a project's files and variables come
 * from: the interpolation environment (process, then --env-file or .env),
 * the Compose files (-f, COMPOSE_FILE or discovery), the top-level name:,
 * and reading each file (parse, interpolate, validate, canonicalise) and
 * merging them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-compose-loader.h"
#include "wharf-compose-private.h"
#include "wharf-dotenv.h"

#if __has_include("wharf-compose-schema.h")
#include "wharf-compose-schema.h"
#define HAVE_SCHEMA 1
#endif

/* Environment */

GHashTable *
wharf_compose_environ_to_table (const char * const *envp)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; envp != NULL && envp[i] != NULL; i++)
    {
      const char *eq = strchr (envp[i], '=');
      if (eq != NULL && eq != envp[i])
        g_hash_table_replace (table, g_strndup (envp[i], eq - envp[i]), g_strdup (eq + 1));
    }
  return table;
}

static const char *
lookup_table (const char *name,
              gpointer    user_data)
{
  return g_hash_table_lookup (user_data, name);
}

typedef struct {
  GHashTable *first;
  GHashTable *then;
} Layers;

static const char *
lookup_layers (const char *name,
               gpointer    user_data)
{
  Layers *layers = user_data;
  const char *value = g_hash_table_lookup (layers->first, name);

  return value ? value : g_hash_table_lookup (layers->then, name);
}

/* Values in an env file see the process environment first, then what the
 * earlier env files set (later files win). */
static gboolean
read_env_file_into (GHashTable  *env,
                    GHashTable  *os_env,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) local_error = NULL;
  Layers layers = { os_env, env };
  GHashTableIter iter;
  gpointer key, value;

  values = wharf_dotenv_parse_file (path, lookup_layers, &layers, &local_error);
  if (values == NULL)
    {
      if (g_error_matches (local_error, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_NOT_FOUND))
        g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_ENV_FILE,
                     "couldn't find env file: %s", path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (env, g_strdup (key), g_strdup (value));
  return TRUE;
}

GHashTable *
wharf_compose_build_environment (GHashTable          *os_env,
                                 const char * const  *env_files,
                                 const char          *dot_env,
                                 GError             **error)
{
  g_autoptr(GHashTable) env = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (env_files != NULL && env_files[0] != NULL)
    {
      for (guint i = 0; env_files[i] != NULL; i++)
        if (!read_env_file_into (env, os_env, env_files[i], error))
          return NULL;
    }
  else if (dot_env != NULL && g_file_test (dot_env, G_FILE_TEST_IS_REGULAR))
    {
      if (!read_env_file_into (env, os_env, dot_env, error))
        return NULL;
    }

  g_hash_table_iter_init (&iter, os_env);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (env, g_strdup (key), g_strdup (value));
  return g_steal_pointer (&env);
}

static const char * const default_files[] = {
  "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml",
};

/* compose.yaml (or another default name) in DIR or a parent, plus its
 * override file. */
GStrv
wharf_compose_discover_files (const char *dir)
{
  g_autofree char *current = g_strdup (dir);

  while (current != NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (default_files); i++)
        {
          g_autofree char *path = g_build_filename (current, default_files[i], NULL);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            {
              g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
              g_autofree char *stem = g_strndup (default_files[i], strrchr (default_files[i], '.') - default_files[i]);
              const char *exts[] = { ".yaml", ".yml" };

              g_strv_builder_add (b, path);
              for (gsize e = 0; e < G_N_ELEMENTS (exts); e++)
                {
                  g_autofree char *name = g_strconcat (stem, ".override", exts[e], NULL);
                  g_autofree char *override = g_build_filename (current, name, NULL);
                  if (g_file_test (override, G_FILE_TEST_IS_REGULAR))
                    {
                      g_strv_builder_add (b, override);
                      break;
                    }
                }
              return g_strv_builder_end (b);
            }
        }
      {
        g_autofree char *parent = g_path_get_dirname (current);
        if (g_str_equal (parent, current))
          break;
        g_free (current);
        current = g_steal_pointer (&parent);
      }
    }
  return NULL;
}

char *
wharf_compose_absolute_path (const char *cwd,
                             const char *path)
{
  g_autofree char *joined = g_path_is_absolute (path) ? g_strdup (path) : g_build_filename (cwd, path, NULL);
  return g_canonicalize_filename (joined, NULL);
}

/* The top-level `name:` of the last file that has one, interpolated. The
 * parsed files are kept in PARSED for the rest of the load. */
char *
wharf_compose_name_from_files (const char * const *files,
                               GHashTable         *env,
                               GHashTable         *parsed,
                               GError            **error)
{
  g_autofree char *name = NULL;

  for (guint i = 0; files[i] != NULL; i++)
    {
      WharfNode *root = wharf_node_parse_file (files[i], error);
      WharfNode *node;

      if (root == NULL)
        return NULL;
      g_hash_table_replace (parsed, g_strdup (files[i]), root);
      node = wharf_node_mapping_lookup (root, "name");
      const char *text = wharf_node_get_scalar (node);

      if (text != NULL)
        {
          g_autoptr(GError) local_error = NULL;
          char *value = wharf_interpolate (text, lookup_table, env, &local_error);

          if (value == NULL)
            {
              g_autofree char *where = wharf_node_format_position (node);
              g_set_error (error, local_error->domain, local_error->code, "%s: name: %s", where,
                           local_error->message);
              return NULL;
            }
          g_free (name);
          name = value;
        }
    }
  return name ? g_steal_pointer (&name) : g_strdup ("");
}

GStrv
wharf_compose_split_list (const char *text,
                          const char *separator)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (text, separator, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (b, parts[i]);
    }
  return g_strv_builder_end (b);
}


/* Reading and merging */

WharfNode *
wharf_compose_loader_read_file (WharfComposeLoader  *loader,
                                const char          *path,
                                const char          *base_dir,
                                GError             **error)
{
  g_autoptr(WharfNode) root = NULL;
  g_autofree char *parsed_path = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_NOT_FOUND,
                   "%s: no such file", path);
      return NULL;
    }
  /* The top-level files were parsed once already, to find name:. */
  if (loader->parsed != NULL &&
      g_hash_table_steal_extended (loader->parsed, path, (gpointer *) &parsed_path, (gpointer *) &root))
    ;
  else if ((root = wharf_node_parse_file (path, error)) == NULL)
    return NULL;
  loader->saw_tags |= wharf_node_parse_had_tags (root);
  if (wharf_node_get_kind (root) == WHARF_NODE_NULL)
    {
      g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_EMPTY,
                   "%s: empty compose file", path);
      return NULL;
    }
  if (wharf_node_get_kind (root) != WHARF_NODE_MAPPING)
    {
      g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_EMPTY,
                   "%s:%u:%u: a Compose file must be a mapping at the top level", path,
                   wharf_node_get_line (root), wharf_node_get_column (root));
      return NULL;
    }
  if (!wharf_interpolate_node_full (root, wharf_compose_context_lookup, &loader->ctx, NULL,
                                    loader->ctx.diagnostics, error))
    return NULL;
#ifdef HAVE_SCHEMA
  if (!wharf_compose_schema_validate (root, loader->ctx.diagnostics))
    return g_steal_pointer (&root);   /* errors are in the diagnostics */
#endif
  wharf_compose_canonicalize_file (&loader->ctx, root, base_dir);
  return g_steal_pointer (&root);
}

WharfNode *
wharf_compose_loader_load_files (WharfComposeLoader  *loader,
                                 const char * const  *files,
                                 const char          *project_dir,
                                 GError             **error)
{
  g_autoptr(WharfNode) merged = NULL;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(WharfNode) root = NULL;

      if (g_cancellable_set_error_if_cancelled (loader->cancellable, error))
        return NULL;
      root = wharf_compose_loader_read_file (loader, files[i], project_dir, error);
      if (root == NULL)
        return NULL;
      if (wharf_compose_context_has_errors (&loader->ctx))
        continue;   /* keep collecting diagnostics from the other files */
      if (!wharf_compose_resolve_includes (loader, root, files[i], error) ||
          !wharf_compose_resolve_extends (loader, root, files[i], error))
        return NULL;
      if (merged == NULL)
        merged = g_steal_pointer (&root);
      else
        wharf_compose_merge (merged, root, "");
    }
  if (merged == NULL)
    merged = wharf_node_new_mapping (files[0], 1, 1);
  /* A walk over the whole tree, only needed when some file had tags. */
  if (loader->saw_tags)
    wharf_compose_strip_tags (merged);
  return g_steal_pointer (&merged);
}
