/* wharf-compose-loader.c: the Load phase, end to end.
 *
 * Order of work, as compose-go: environment (process, then --env-file or
 * .env), file selection (-f, COMPOSE_FILE, discovery), project name, then
 * per file: parse, interpolate, validate, canonicalise, include, extends;
 * then merge the files, apply profiles, fold env_file into environment,
 * add defaults and check references.
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

G_DEFINE_QUARK (wharf-compose-error-quark, wharf_compose_error)

struct _WharfComposeLoadOptions
{
  GPtrArray *files;
  GPtrArray *profiles;
  GPtrArray *env_files;
  char      *project_name;
  char      *project_dir;
  char      *working_dir;
  GStrv      environment;
};

G_DEFINE_BOXED_TYPE (WharfComposeLoadOptions, wharf_compose_load_options,
                     wharf_compose_load_options_copy, wharf_compose_load_options_free)

WharfComposeLoadOptions *
wharf_compose_load_options_new (void)
{
  WharfComposeLoadOptions *o = g_new0 (WharfComposeLoadOptions, 1);

  o->files = g_ptr_array_new_with_free_func (g_free);
  o->profiles = g_ptr_array_new_with_free_func (g_free);
  o->env_files = g_ptr_array_new_with_free_func (g_free);
  return o;
}

static void
copy_strings (GPtrArray *to,
              GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (from->pdata[i]));
}

WharfComposeLoadOptions *
wharf_compose_load_options_copy (WharfComposeLoadOptions *options)
{
  WharfComposeLoadOptions *o = wharf_compose_load_options_new ();

  copy_strings (o->files, options->files);
  copy_strings (o->profiles, options->profiles);
  copy_strings (o->env_files, options->env_files);
  o->project_name = g_strdup (options->project_name);
  o->project_dir = g_strdup (options->project_dir);
  o->working_dir = g_strdup (options->working_dir);
  o->environment = g_strdupv (options->environment);
  return o;
}

void
wharf_compose_load_options_free (WharfComposeLoadOptions *options)
{
  if (options == NULL)
    return;
  g_ptr_array_unref (options->files);
  g_ptr_array_unref (options->profiles);
  g_ptr_array_unref (options->env_files);
  g_free (options->project_name);
  g_free (options->project_dir);
  g_free (options->working_dir);
  g_strfreev (options->environment);
  g_free (options);
}

void
wharf_compose_load_options_add_file (WharfComposeLoadOptions *options,
                                     const char              *file)
{
  g_ptr_array_add (options->files, g_strdup (file));
}

void
wharf_compose_load_options_set_project_name (WharfComposeLoadOptions *options,
                                             const char              *name)
{
  g_free (options->project_name);
  options->project_name = g_strdup (name);
}

void
wharf_compose_load_options_set_project_directory (WharfComposeLoadOptions *options,
                                                  const char              *dir)
{
  g_free (options->project_dir);
  options->project_dir = g_strdup (dir);
}

void
wharf_compose_load_options_add_profile (WharfComposeLoadOptions *options,
                                        const char              *profile)
{
  g_ptr_array_add (options->profiles, g_strdup (profile));
}

void
wharf_compose_load_options_add_env_file (WharfComposeLoadOptions *options,
                                         const char              *file)
{
  g_ptr_array_add (options->env_files, g_strdup (file));
}

void
wharf_compose_load_options_set_environment (WharfComposeLoadOptions *options,
                                            const char * const      *envp)
{
  g_strfreev (options->environment);
  options->environment = g_strdupv ((char **) envp);
}

void
wharf_compose_load_options_set_working_directory (WharfComposeLoadOptions *options,
                                                  const char              *dir)
{
  g_free (options->working_dir);
  options->working_dir = g_strdup (dir);
}

/* Context helpers */

const char *
wharf_compose_context_lookup (const char *name,
                              gpointer    user_data)
{
  WharfComposeContext *ctx = user_data;
  return g_hash_table_lookup (ctx->env, name);
}

static void add_diagnostic_va (WharfComposeContext *ctx,
                               WharfSeverity        severity,
                               const WharfNode     *node,
                               const char          *path,
                               const char          *format,
                               va_list              args) G_GNUC_PRINTF (5, 0);

static void
add_diagnostic_va (WharfComposeContext *ctx,
                   WharfSeverity        severity,
                   const WharfNode     *node,
                   const char          *path,
                   const char          *format,
                   va_list              args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  g_autoptr(WharfDiagnostic) d = NULL;

  d = wharf_diagnostic_new (severity, node ? wharf_node_get_file (node) : NULL,
                            node ? wharf_node_get_line (node) : 0,
                            node ? wharf_node_get_column (node) : 0, path, message);
  g_list_store_append (ctx->diagnostics, d);
}

void
wharf_compose_error_at (WharfComposeContext *ctx,
                        const WharfNode     *node,
                        const char          *path,
                        const char          *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  add_diagnostic_va (ctx, WHARF_SEVERITY_ERROR, node, path, format, args);
  va_end (args);
}

void
wharf_compose_warning_at (WharfComposeContext *ctx,
                          const WharfNode     *node,
                          const char          *path,
                          const char          *format,
                          ...)
{
  va_list args;

  va_start (args, format);
  add_diagnostic_va (ctx, WHARF_SEVERITY_WARNING, node, path, format, args);
  va_end (args);
}

gboolean
wharf_compose_context_has_errors (WharfComposeContext *ctx)
{
  return wharf_diagnostics_has_errors (G_LIST_MODEL (ctx->diagnostics));
}

/* Project names */

gboolean
wharf_compose_is_valid_project_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  if (!(g_ascii_islower (*name) || g_ascii_isdigit (*name)))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

char *
wharf_compose_normalize_project_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; p && *p; p++)
    {
      char c = g_ascii_tolower (*p);
      if (g_ascii_islower (c) || g_ascii_isdigit (c) || c == '_' || c == '-')
        {
          if (out->len == 0 && (c == '_' || c == '-'))
            continue;
          g_string_append_c (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

/* Files */

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
  wharf_compose_strip_tags (merged);
  return g_steal_pointer (&merged);
}

/* Environment */

static GHashTable *
environ_to_table (const char * const *envp)
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

static GHashTable *
build_environment (GHashTable          *os_env,
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
static GStrv
discover_files (const char *dir)
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

static char *
absolute_path (const char *cwd,
               const char *path)
{
  g_autofree char *joined = g_path_is_absolute (path) ? g_strdup (path) : g_build_filename (cwd, path, NULL);
  return g_canonicalize_filename (joined, NULL);
}

/* The top-level `name:` of the last file that has one, interpolated. The
 * parsed files are kept in PARSED for the rest of the load. */
static char *
name_from_files (const char * const *files,
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

static void
loader_clear (WharfComposeLoader *loader)
{
  g_clear_pointer (&loader->ctx.env, g_hash_table_unref);
  g_clear_pointer (&loader->os_env, g_hash_table_unref);
  g_clear_pointer (&loader->include_stack, g_ptr_array_unref);
  g_clear_pointer (&loader->parsed, g_hash_table_unref);
  g_clear_object (&loader->ctx.diagnostics);
}

static GStrv
split_list (const char *text,
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

static WharfComposeProject *
load_project (WharfComposeLoadOptions  *options,
              WharfComposeLoader       *loader,
              GError                  **error)
{
  g_autofree char *cwd = options->working_dir ? g_strdup (options->working_dir) : g_get_current_dir ();
  g_autofree char *project_dir = NULL;
  g_autofree char *dot_env = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) env_files = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) profiles = NULL;
  g_auto(GStrv) environ_default = NULL;
  g_auto(GStrv) all_profiles = NULL;
  g_autoptr(GStrvBuilder) fb = g_strv_builder_new ();
  g_autoptr(WharfNode) root = NULL;
  const char *compose_file;
  WharfComposeProject *project;

  if (options->environment == NULL)
    environ_default = g_get_environ ();
  loader->os_env = environ_to_table (options->environment ? (const char * const *) options->environment
                                                          : (const char * const *) environ_default);
  loader->ctx.home = g_hash_table_lookup (loader->os_env, "HOME");

  for (guint i = 0; i < options->files->len; i++)
    {
      g_autofree char *abs = g_str_equal (options->files->pdata[i], "-")
                             ? g_strdup ("/dev/stdin") : absolute_path (cwd, options->files->pdata[i]);
      g_strv_builder_add (fb, abs);
    }
  files = g_strv_builder_end (fb);

  /* The project directory holds .env; by default it is the first file's. */
  if (options->project_dir != NULL)
    project_dir = absolute_path (cwd, options->project_dir);
  else if (files[0] != NULL)
    project_dir = g_path_get_dirname (files[0]);
  else
    {
      g_auto(GStrv) found = discover_files (cwd);
      project_dir = found ? g_path_get_dirname (found[0]) : g_strdup (cwd);
    }

  {
    g_autoptr(GStrvBuilder) eb = g_strv_builder_new ();
    for (guint i = 0; i < options->env_files->len; i++)
      {
        g_autofree char *abs = absolute_path (cwd, options->env_files->pdata[i]);
        g_strv_builder_add (eb, abs);
      }
    env_files = g_strv_builder_end (eb);
  }
  dot_env = g_build_filename (project_dir, ".env", NULL);
  loader->ctx.env = build_environment (loader->os_env, (const char * const *) env_files, dot_env, error);
  if (loader->ctx.env == NULL)
    return NULL;

  /* Files: -f, else COMPOSE_FILE, else the default names. */
  compose_file = g_hash_table_lookup (loader->ctx.env, "COMPOSE_FILE");
  if (files[0] == NULL && compose_file != NULL && *compose_file != '\0')
    {
      const char *sep = g_hash_table_lookup (loader->ctx.env, "COMPOSE_PATH_SEPARATOR");
      g_auto(GStrv) listed = split_list (compose_file, sep && *sep ? sep : ":");
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

      for (guint i = 0; listed[i] != NULL; i++)
        {
          g_autofree char *abs = absolute_path (project_dir, listed[i]);
          g_strv_builder_add (b, abs);
        }
      g_strfreev (files);
      files = g_strv_builder_end (b);
    }
  if (files[0] == NULL)
    {
      g_strfreev (files);
      files = discover_files (project_dir);
      if (files == NULL)
        {
          g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_NOT_FOUND,
                       "no configuration file provided: no compose.yaml, compose.yml, "
                       "docker-compose.yaml or docker-compose.yml in %s or its parents", cwd);
          return NULL;
        }
    }
  for (guint i = 0; files[i] != NULL; i++)
    if (!g_file_test (files[i], G_FILE_TEST_EXISTS))
      {
        g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_NOT_FOUND,
                     "%s: no such file", files[i]);
        return NULL;
      }

  /* Project name: -p, COMPOSE_PROJECT_NAME, name:, then the folder's name. */
  if (options->project_name != NULL)
    {
      if (!wharf_compose_is_valid_project_name (options->project_name))
        {
          g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_PROJECT_NAME,
                       "invalid project name “%s”: it must contain only lowercase letters, "
                       "decimal digits, dashes and underscores, and begin with a letter or digit",
                       options->project_name);
          return NULL;
        }
      name = g_strdup (options->project_name);
    }
  else if (g_hash_table_lookup (loader->ctx.env, "COMPOSE_PROJECT_NAME") != NULL &&
           *(const char *) g_hash_table_lookup (loader->ctx.env, "COMPOSE_PROJECT_NAME") != '\0')
    name = wharf_compose_normalize_project_name (g_hash_table_lookup (loader->ctx.env, "COMPOSE_PROJECT_NAME"));
  else
    {
      g_autofree char *from_files = name_from_files ((const char * const *) files, loader->ctx.env,
                                                     loader->parsed, error);
      if (from_files == NULL)
        return NULL;
      if (*from_files != '\0')
        {
          if (!wharf_compose_is_valid_project_name (from_files))
            {
              g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_PROJECT_NAME,
                           "invalid project name “%s” in name:: it must contain only lowercase "
                           "letters, decimal digits, dashes and underscores", from_files);
              return NULL;
            }
          name = g_steal_pointer (&from_files);
        }
      else
        {
          g_autofree char *base = g_path_get_basename (project_dir);
          name = wharf_compose_normalize_project_name (base);
        }
    }
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_PROJECT_NAME,
                   "cannot derive a project name from the folder “%s”: use -p NAME", project_dir);
      return NULL;
    }
  if (g_hash_table_lookup (loader->ctx.env, "COMPOSE_PROJECT_NAME") == NULL)
    g_hash_table_insert (loader->ctx.env, g_strdup ("COMPOSE_PROJECT_NAME"), g_strdup (name));

  root = wharf_compose_loader_load_files (loader, (const char * const *) files, project_dir, error);
  if (root == NULL)
    return NULL;
  if (wharf_compose_context_has_errors (&loader->ctx))
    goto invalid;

  /* Profiles: --profile, else COMPOSE_PROFILES. */
  if (options->profiles->len > 0)
    {
      g_ptr_array_add (options->profiles, NULL);
      profiles = g_strdupv ((char **) options->profiles->pdata);
      g_ptr_array_remove_index (options->profiles, options->profiles->len - 1);
    }
  else
    {
      const char *env_profiles = g_hash_table_lookup (loader->ctx.env, "COMPOSE_PROFILES");
      profiles = split_list (env_profiles ? env_profiles : "", ",");
    }
  all_profiles = wharf_compose_collect_profiles (root);
  wharf_compose_apply_profiles (&loader->ctx, root, (const char * const *) profiles);

  if (!wharf_compose_fold_env_files (&loader->ctx, root, error))
    return NULL;

  wharf_node_mapping_remove (root, "version");
  wharf_node_mapping_remove (root, "include");
  wharf_node_mapping_set (root, "name", wharf_node_new_string (name));
  wharf_compose_finish_project (&loader->ctx, root, name);
  if (!wharf_compose_check_project (&loader->ctx, root, error))
    return NULL;
  if (wharf_compose_context_has_errors (&loader->ctx))
    goto invalid;

  {
    /* The order `docker compose config` prints: name, services, networks,
     * volumes, secrets, configs, then extensions. */
    static const char * const order[] = { "name", "services", "networks", "volumes", "secrets", "configs" };
    g_autoptr(WharfNode) ordered = wharf_node_new_mapping (wharf_node_get_file (root), 1, 1);

    for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
      {
        WharfNode *value = wharf_node_mapping_lookup (root, order[i]);
        if (value != NULL)
          wharf_node_mapping_set_with_key (ordered,
                                           wharf_node_copy (wharf_node_mapping_lookup_key_node (root, order[i])),
                                           wharf_node_ref (value));
      }
    for (guint i = 0; i < wharf_node_mapping_size (root); i++)
      if (wharf_node_mapping_lookup (ordered, wharf_node_mapping_get_key (root, i)) == NULL)
        wharf_node_mapping_set_with_key (ordered, wharf_node_copy (wharf_node_mapping_get_key_node (root, i)),
                                         wharf_node_ref (wharf_node_mapping_get_value (root, i)));
    g_clear_pointer (&root, wharf_node_unref);
    root = g_steal_pointer (&ordered);
  }

  project = wharf_compose_project_new (root, project_dir, (const char * const *) files,
                                       G_LIST_MODEL (loader->ctx.diagnostics));
  wharf_compose_project_set_all_profiles (project, (const char * const *) all_profiles);
  return project;

invalid:
  {
    GListModel *list = G_LIST_MODEL (loader->ctx.diagnostics);
    guint n = g_list_model_get_n_items (list);
    guint errors = wharf_diagnostics_count (list, WHARF_SEVERITY_ERROR);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(WharfDiagnostic) d = g_list_model_get_item (list, i);
        if (wharf_diagnostic_get_severity (d) == WHARF_SEVERITY_ERROR)
          {
            g_autofree char *text = wharf_diagnostic_format (d);
            if (errors > 1)
              g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_INVALID,
                           "%s (and %u more errors)", text, errors - 1);
            else
              g_set_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_INVALID, "%s", text);
            break;
          }
      }
    return NULL;
  }
}

WharfComposeProject *
wharf_compose_load (WharfComposeLoadOptions  *options,
                    GListStore               *diagnostics,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  WharfComposeLoader loader = { 0 };
  WharfComposeProject *project;

  g_return_val_if_fail (options != NULL, NULL);

  loader.ctx.diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  loader.include_stack = g_ptr_array_new_with_free_func (g_free);
  loader.parsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) wharf_node_unref);
  loader.cancellable = cancellable;

  project = load_project (options, &loader, error);

  if (diagnostics != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (loader.ctx.diagnostics));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) d = g_list_model_get_item (G_LIST_MODEL (loader.ctx.diagnostics), i);
          g_list_store_append (diagnostics, d);
        }
    }
  loader_clear (&loader);
  return project;
}

typedef struct {
  WharfComposeLoadOptions *options;
  GListStore              *diagnostics;
} LoadData;

static void
load_data_free (LoadData *data)
{
  wharf_compose_load_options_free (data->options);
  g_clear_object (&data->diagnostics);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  WharfComposeProject *project = wharf_compose_load (data->options, data->diagnostics,
                                                     cancellable, &error);

  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

void
wharf_compose_load_async (WharfComposeLoadOptions *options,
                          GCancellable            *cancellable,
                          GAsyncReadyCallback      callback,
                          gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadData *data = g_new0 (LoadData, 1);

  data->options = wharf_compose_load_options_copy (options);
  data->diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_task_set_source_tag (task, wharf_compose_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

WharfComposeProject *
wharf_compose_load_finish (GAsyncResult  *result,
                           GListModel   **diagnostics,
                           GError       **error)
{
  LoadData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  data = g_task_get_task_data (G_TASK (result));
  if (diagnostics != NULL)
    *diagnostics = G_LIST_MODEL (g_object_ref (data->diagnostics));
  return g_task_propagate_pointer (G_TASK (result), error);
}
