/* wharf-compose-loader.c: the Load phase, end to end.
 *
 * Order of work, as compose-go: environment (process, then --env-file or
 * .env), file selection (-f, COMPOSE_FILE, discovery), project name, then
 * per file: parse, interpolate, validate, canonicalise, include, extends;
 * then merge the files, apply profiles, fold env_file into environment,
 * add defaults and check references. The options are in
 * wharf-compose-options.c, the environment and the files in
 * wharf-compose-files.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-compose-loader.h"
#include "wharf-compose-private.h"

G_DEFINE_QUARK (wharf-compose-error-quark, wharf_compose_error)

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

static void
loader_clear (WharfComposeLoader *loader)
{
  g_clear_pointer (&loader->ctx.env, g_hash_table_unref);
  g_clear_pointer (&loader->os_env, g_hash_table_unref);
  g_clear_pointer (&loader->include_stack, g_ptr_array_unref);
  g_clear_pointer (&loader->parsed, g_hash_table_unref);
  g_clear_object (&loader->ctx.diagnostics);
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
  loader->os_env = wharf_compose_environ_to_table (options->environment ? (const char * const *) options->environment
                                                          : (const char * const *) environ_default);
  loader->ctx.home = g_hash_table_lookup (loader->os_env, "HOME");

  for (guint i = 0; i < options->files->len; i++)
    {
      g_autofree char *abs = g_str_equal (options->files->pdata[i], "-")
                             ? g_strdup ("/dev/stdin") : wharf_compose_absolute_path (cwd, options->files->pdata[i]);
      g_strv_builder_add (fb, abs);
    }
  files = g_strv_builder_end (fb);

  /* The project directory holds .env; by default it is the first file's. */
  if (options->project_dir != NULL)
    project_dir = wharf_compose_absolute_path (cwd, options->project_dir);
  else if (files[0] != NULL)
    project_dir = g_path_get_dirname (files[0]);
  else
    {
      g_auto(GStrv) found = wharf_compose_discover_files (cwd);
      project_dir = found ? g_path_get_dirname (found[0]) : g_strdup (cwd);
    }

  {
    g_autoptr(GStrvBuilder) eb = g_strv_builder_new ();
    for (guint i = 0; i < options->env_files->len; i++)
      {
        g_autofree char *abs = wharf_compose_absolute_path (cwd, options->env_files->pdata[i]);
        g_strv_builder_add (eb, abs);
      }
    env_files = g_strv_builder_end (eb);
  }
  dot_env = g_build_filename (project_dir, ".env", NULL);
  loader->ctx.env = wharf_compose_build_environment (loader->os_env, (const char * const *) env_files, dot_env, error);
  if (loader->ctx.env == NULL)
    return NULL;

  /* Files: -f, else COMPOSE_FILE, else the default names. */
  compose_file = g_hash_table_lookup (loader->ctx.env, "COMPOSE_FILE");
  if (files[0] == NULL && compose_file != NULL && *compose_file != '\0')
    {
      const char *sep = g_hash_table_lookup (loader->ctx.env, "COMPOSE_PATH_SEPARATOR");
      g_auto(GStrv) listed = wharf_compose_split_list (compose_file, sep && *sep ? sep : ":");
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

      for (guint i = 0; listed[i] != NULL; i++)
        {
          g_autofree char *abs = wharf_compose_absolute_path (project_dir, listed[i]);
          g_strv_builder_add (b, abs);
        }
      g_strfreev (files);
      files = g_strv_builder_end (b);
    }
  if (files[0] == NULL)
    {
      g_strfreev (files);
      files = wharf_compose_discover_files (project_dir);
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
      g_autofree char *from_files = wharf_compose_name_from_files ((const char * const *) files, loader->ctx.env,
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
      profiles = wharf_compose_split_list (env_profiles ? env_profiles : "", ",");
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
