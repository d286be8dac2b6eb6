/* wharf-compose-extends.c: `extends` and `include`.
 *
 * A file reached through extends or include is read like any other (parsed,
 * interpolated, validated, canonicalised) with its relative paths resolved
 * against its own folder, so paths are rebased before merging.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-compose-loader.h"
#include "wharf-compose-private.h"
#include "wharf-dotenv.h"

typedef struct {
  WharfComposeLoader *loader;
  GHashTable         *files;     /* path → WharfNode root (other files) */
  GPtrArray          *stack;     /* "file#service" being resolved */
} Extends;

static WharfNode *
get_file (Extends     *ext,
          const char  *path,
          GError     **error)
{
  WharfNode *root = g_hash_table_lookup (ext->files, path);

  if (root == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      root = wharf_compose_loader_read_file (ext->loader, path, dir, error);
      if (root == NULL)
        return NULL;
      g_hash_table_insert (ext->files, g_strdup (path), root);
    }
  return root;
}

static gboolean resolve_service (Extends     *ext,
                                 WharfNode   *root,
                                 const char  *file,
                                 const char  *name,
                                 GError     **error);

/* Replaces services.NAME in ROOT by its base merged with itself. */
static gboolean
resolve_service (Extends     *ext,
                 WharfNode   *root,
                 const char  *file,
                 const char  *name,
                 GError     **error)
{
  WharfNode *services = wharf_node_mapping_lookup (root, "services");
  WharfNode *service = wharf_node_mapping_lookup (services, name);
  WharfNode *extends = wharf_node_mapping_lookup (service, "extends");
  g_autofree char *key = g_strdup_printf ("%s#%s", file, name);
  g_autofree char *where = wharf_node_format_position (extends);
  const char *base_name;
  const char *base_file;
  WharfNode *base_root;
  WharfNode *base;
  g_autoptr(WharfNode) merged = NULL;

  if (service == NULL || extends == NULL)
    return TRUE;

  for (guint i = 0; i < ext->stack->len; i++)
    if (g_str_equal (ext->stack->pdata[i], key))
      {
        g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_CYCLE,
                     "%s: services.%s.extends: circular reference with extends (%s)", where, name,
                     (const char *) ext->stack->pdata[0]);
        return FALSE;
      }

  if (wharf_node_get_kind (extends) == WHARF_NODE_SCALAR)
    base_name = wharf_node_get_scalar (extends), base_file = NULL;
  else
    {
      base_name = wharf_node_mapping_lookup_string (extends, "service");
      base_file = wharf_node_mapping_lookup_string (extends, "file");
    }
  if (base_name == NULL)
    {
      g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_INVALID,
                   "%s: services.%s.extends: the service to extend is missing", where, name);
      return FALSE;
    }

  if (base_file == NULL || g_str_equal (base_file, file))
    base_file = file, base_root = root;
  else if ((base_root = get_file (ext, base_file, error)) == NULL)
    return FALSE;

  if (wharf_node_mapping_lookup (wharf_node_mapping_lookup (base_root, "services"), base_name) == NULL)
    {
      g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_INVALID,
                   "%s: services.%s.extends: cannot extend service “%s”: it is not defined in %s",
                   where, name, base_name, base_file);
      return FALSE;
    }

  g_ptr_array_add (ext->stack, g_strdup (key));
  if (!resolve_service (ext, base_root, base_file, base_name, error))
    return FALSE;
  g_ptr_array_remove_index (ext->stack, ext->stack->len - 1);

  base = wharf_node_mapping_lookup (wharf_node_mapping_lookup (base_root, "services"), base_name);
  if (wharf_node_get_kind (base) != WHARF_NODE_MAPPING)
    merged = wharf_node_new_mapping (NULL, 0, 0);
  else
    merged = wharf_node_copy (base);
  wharf_node_set_position_from (merged, service);
  {
    g_autoptr(WharfNode) own = wharf_node_copy (service);
    wharf_node_mapping_remove (own, "extends");
    wharf_compose_merge (merged, own, "services.*");
  }
  wharf_node_mapping_set_with_key (services,
                                   wharf_node_copy (wharf_node_mapping_lookup_key_node (services, name)),
                                   g_steal_pointer (&merged));
  return TRUE;
}

gboolean
wharf_compose_resolve_extends (WharfComposeLoader  *loader,
                               WharfNode           *root,
                               const char          *file,
                               GError             **error)
{
  WharfNode *services = wharf_node_mapping_lookup (root, "services");
  Extends ext = { loader, NULL, NULL };
  gboolean ok = TRUE;

  if (services == NULL)
    return TRUE;
  ext.files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) wharf_node_unref);
  ext.stack = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; ok && i < wharf_node_mapping_size (services); i++)
    ok = resolve_service (&ext, root, file, wharf_node_mapping_get_key (services, i), error);
  g_hash_table_unref (ext.files);
  g_ptr_array_unref (ext.stack);
  return ok;
}

/* The included project's environment: the process environment over its
 * env files (or the .env of its project directory). */
static GHashTable *
include_environment (WharfComposeLoader  *loader,
                     WharfNode           *env_files,
                     const char          *base_dir,
                     const char          *project_dir,
                     GError             **error)
{
  g_autoptr(GHashTable) env = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (wharf_node_get_kind (env_files) == WHARF_NODE_SCALAR)
    g_ptr_array_add (paths, wharf_compose_resolve_path (&loader->ctx, base_dir,
                                                        wharf_node_get_scalar (env_files)));
  for (guint i = 0; i < wharf_node_sequence_size (env_files); i++)
    {
      const char *p = wharf_node_get_scalar (wharf_node_sequence_get (env_files, i));
      if (p != NULL)
        g_ptr_array_add (paths, wharf_compose_resolve_path (&loader->ctx, base_dir, p));
    }
  if (paths->len == 0)
    {
      char *dot_env = g_build_filename (project_dir, ".env", NULL);
      if (g_file_test (dot_env, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, dot_env);
      else
        g_free (dot_env);
    }

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GHashTable) values = wharf_dotenv_parse_file (paths->pdata[i], wharf_compose_context_lookup,
                                                              &loader->ctx, error);
      if (values == NULL)
        return NULL;
      g_hash_table_iter_init (&iter, values);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_replace (env, g_strdup (key), g_strdup (value));
    }
  g_hash_table_iter_init (&iter, loader->os_env);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (env, g_strdup (key), g_strdup (value));
  if (g_hash_table_lookup (env, "COMPOSE_PROJECT_NAME") == NULL &&
      g_hash_table_lookup (loader->ctx.env, "COMPOSE_PROJECT_NAME") != NULL)
    g_hash_table_insert (env, g_strdup ("COMPOSE_PROJECT_NAME"),
                         g_strdup (g_hash_table_lookup (loader->ctx.env, "COMPOSE_PROJECT_NAME")));
  return g_steal_pointer (&env);
}

/* Adds the included project's resources; a name defined on both sides is
 * an error (compose-go: "imported compose file defines conflicting …"). */
static gboolean
add_included (WharfNode   *root,
              WharfNode   *included,
              const char  *include_file,
              GError     **error)
{
  static const char * const sections[] = { "services", "networks", "volumes", "secrets", "configs" };

  for (gsize s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      WharfNode *from = wharf_node_mapping_lookup (included, sections[s]);
      WharfNode *to = wharf_node_mapping_lookup (root, sections[s]);

      if (from == NULL || wharf_node_mapping_size (from) == 0)
        continue;
      if (to == NULL)
        {
          to = wharf_node_new_mapping (NULL, 0, 0);
          wharf_node_mapping_set (root, sections[s], to);
        }
      for (guint i = 0; i < wharf_node_mapping_size (from); i++)
        {
          const char *key = wharf_node_mapping_get_key (from, i);
          WharfNode *mine = wharf_node_mapping_lookup_key_node (to, key);

          if (mine != NULL)
            {
              WharfNode *theirs = wharf_node_mapping_get_value (from, i);
              if (g_str_equal (sections[s], "services") || !wharf_node_equal (theirs, wharf_node_mapping_lookup (to, key)))
                {
                  g_autofree char *where = wharf_node_format_position (mine);
                  g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_INVALID,
                               "%s: %s.%s conflicts with the one %s defines", where, sections[s],
                               key, include_file);
                  return FALSE;
                }
              continue;
            }
          wharf_node_mapping_set_with_key (to, wharf_node_copy (wharf_node_mapping_get_key_node (from, i)),
                                           wharf_node_copy (wharf_node_mapping_get_value (from, i)));
        }
    }
  return TRUE;
}

static gboolean
include_one (WharfComposeLoader  *loader,
             WharfNode           *root,
             WharfNode           *entry,
             const char          *file,
             GError             **error)
{
  g_autofree char *base_dir = g_path_get_dirname (file);
  g_autofree char *where = wharf_node_format_position (entry);
  g_autofree char *project_dir = NULL;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  g_autoptr(GHashTable) env = NULL;
  g_autoptr(WharfNode) included = NULL;
  WharfNode *path_node = entry;
  GHashTable *saved_env;

  if (wharf_node_get_kind (entry) == WHARF_NODE_MAPPING)
    path_node = wharf_node_mapping_lookup (entry, "path");
  if (wharf_node_get_kind (path_node) == WHARF_NODE_SCALAR)
    {
      g_autofree char *abs = wharf_compose_resolve_path (&loader->ctx, base_dir, wharf_node_get_scalar (path_node));
      g_strv_builder_add (b, abs);
    }
  for (guint i = 0; i < wharf_node_sequence_size (path_node); i++)
    {
      const char *p = wharf_node_get_scalar (wharf_node_sequence_get (path_node, i));
      g_autofree char *abs = p ? wharf_compose_resolve_path (&loader->ctx, base_dir, p) : NULL;
      if (abs != NULL)
        g_strv_builder_add (b, abs);
    }
  paths = g_strv_builder_end (b);
  if (paths[0] == NULL)
    {
      g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_INVALID,
                   "%s: include: the path of the file to include is missing", where);
      return FALSE;
    }

  for (guint i = 0; i <= loader->include_stack->len; i++)
    for (guint j = 0; paths[j] != NULL; j++)
      if (g_str_equal (i < loader->include_stack->len ? loader->include_stack->pdata[i] : file,
                       paths[j]))
        {
          g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_CYCLE,
                       "%s: include cycle detected: %s includes %s", where, file, paths[j]);
          return FALSE;
        }

  {
    const char *pd = wharf_node_mapping_lookup_string (entry, "project_directory");
    project_dir = pd ? wharf_compose_resolve_path (&loader->ctx, base_dir, pd) : g_path_get_dirname (paths[0]);
  }
  env = include_environment (loader, wharf_node_mapping_lookup (entry, "env_file"), base_dir,
                             project_dir, error);
  if (env == NULL)
    return FALSE;

  saved_env = loader->ctx.env;
  loader->ctx.env = env;
  g_ptr_array_add (loader->include_stack, g_strdup (file));
  included = wharf_compose_loader_load_files (loader, (const char * const *) paths, project_dir, error);
  g_ptr_array_remove_index (loader->include_stack, loader->include_stack->len - 1);
  loader->ctx.env = saved_env;
  if (included == NULL)
    return FALSE;
  return add_included (root, included, paths[0], error);
}

gboolean
wharf_compose_resolve_includes (WharfComposeLoader  *loader,
                                WharfNode           *root,
                                const char          *file,
                                GError             **error)
{
  WharfNode *include = wharf_node_mapping_lookup (root, "include");

  for (guint i = 0; i < wharf_node_sequence_size (include); i++)
    if (!include_one (loader, root, wharf_node_sequence_get (include, i), file, error))
      return FALSE;
  wharf_node_mapping_remove (root, "include");
  return TRUE;
}
