/* wharf-context-store-edit.c: reading the store folder, and the changes
 * (create, update, remove, use), each one atomic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wharf-context-store-private.h"

static char *
meta_dir (const char *config_dir,
          const char *name)
{
  g_autofree char *folder = wharf_context_dup_folder_name (name);

  return g_build_filename (config_dir, "contexts", "meta", folder, NULL);
}

static WharfContext *
read_meta (const char  *path,
           GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                   ? WHARF_CONTEXT_ERROR_NOT_FOUND : WHARF_CONTEXT_ERROR_IO,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  return wharf_context_new_from_data (data, length, path, error);
}

WharfContext *
wharf_context_store_read (const char  *config_dir,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  WharfContext *context;

  if (g_str_equal (name, WHARF_CONTEXT_DEFAULT_NAME))
    return wharf_context_new_default ();

  dir = meta_dir (config_dir, name);
  path = g_build_filename (dir, "meta.json", NULL);
  context = read_meta (path, &local_error);
  if (g_error_matches (local_error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_NOT_FOUND))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_NOT_FOUND,
                   _("Context “%s” not found (no “%s”)"), name, path);
      return NULL;
    }
  if (context == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return context;
}

static int
compare_contexts (gconstpointer a,
                  gconstpointer b)
{
  WharfContext *ca = *(WharfContext * const *) a;
  WharfContext *cb = *(WharfContext * const *) b;

  return strcmp (wharf_context_get_name (ca), wharf_context_get_name (cb));
}

GPtrArray *
wharf_context_store_scan (const char  *config_dir,
                          GError     **error)
{
  g_autofree char *root = g_build_filename (config_dir, "contexts", "meta", NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *entry;

  g_ptr_array_add (items, wharf_context_new_default ());
  dir = g_dir_open (root, 0, &local_error);
  if (dir == NULL && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_IO,
                   _("Could not read the folder “%s”: %s"), root, local_error->message);
      return NULL;
    }

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, entry, "meta.json", NULL);
      g_autoptr(GError) meta_error = NULL;
      WharfContext *context;

      /* Like the Docker CLI, a folder without meta.json is no context. */
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      context = read_meta (path, &meta_error);
      if (context == NULL)
        context = wharf_context_new_broken (entry, meta_error);
      g_ptr_array_add (items, context);
    }
  g_ptr_array_sort (items, compare_contexts);
  return g_steal_pointer (&items);
}

static gboolean
check_writable (WharfContext  *context,
                GError       **error)
{
  const char *name = wharf_context_get_name (context);

  if (!wharf_context_name_is_valid (name, error))
    return FALSE;
  if (g_str_equal (name, WHARF_CONTEXT_DEFAULT_NAME))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID_NAME,
                   _("“%s” is a reserved context name"), name);
      return FALSE;
    }
  if (!wharf_context_is_ecs (context) || wharf_context_get_error (context) != NULL)
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_READ_ONLY,
                   _("Context “%s” is not an ECS context: Wharf writes ECS contexts only"), name);
      return FALSE;
    }
  if (wharf_context_get_region (context) != NULL &&
      !wharf_context_region_is_valid (wharf_context_get_region (context), error))
    return FALSE;
  return TRUE;
}

static gboolean
write_meta (const char    *config_dir,
            WharfContext  *context,
            GError       **error)
{
  g_autofree char *dir = meta_dir (config_dir, wharf_context_get_name (context));
  g_autofree char *path = g_build_filename (dir, "meta.json", NULL);
  g_autofree char *data = wharf_context_to_data (context);

  /* 0755 folders and a 0644 file, as the Docker CLI makes them. */
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return wharf_context_write_file (path, data, strlen (data), 0644, error);
}

/* Stores a new ECS context (see wharf_context_new_ecs()). */
gboolean
wharf_context_store_create (WharfContextStore  *self,
                            WharfContext       *context,
                            GError            **error)
{
  const char *config_dir = wharf_context_store_get_config_dir (self);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), FALSE);
  g_return_val_if_fail (WHARF_IS_CONTEXT (context), FALSE);

  if (!check_writable (context, error))
    return FALSE;
  dir = meta_dir (config_dir, wharf_context_get_name (context));
  path = g_build_filename (dir, "meta.json", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_EXISTS,
                   _("Context “%s” already exists (“%s”)"), wharf_context_get_name (context), path);
      return FALSE;
    }
  if (!write_meta (config_dir, context, error))
    return FALSE;
  wharf_context_store_changed (self);
  return TRUE;
}

/* Rewrites the meta.json of an existing ECS context; keys Wharf does not
 * know (in the file when CONTEXT was looked up) are kept. */
gboolean
wharf_context_store_update (WharfContextStore  *self,
                            WharfContext       *context,
                            GError            **error)
{
  g_autoptr(WharfContext) existing = NULL;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), FALSE);
  g_return_val_if_fail (WHARF_IS_CONTEXT (context), FALSE);

  if (!check_writable (context, error))
    return FALSE;
  existing = wharf_context_store_lookup (self, wharf_context_get_name (context), error);
  if (existing == NULL)
    return FALSE;
  if (!check_writable (existing, error))
    return FALSE;
  if (!write_meta (wharf_context_store_get_config_dir (self), context, error))
    return FALSE;
  wharf_context_store_changed (self);
  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

/* Removes an ECS context (its meta and TLS folders). The current context
 * is removed only with FORCE, and config.json then names none. */
gboolean
wharf_context_store_remove (WharfContextStore  *self,
                            const char         *name,
                            gboolean            force,
                            GError            **error)
{
  const char *config_dir;
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(JsonNode) config = NULL;
  g_autofree char *current = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tls = NULL;
  g_autofree char *path = NULL;
  const char *configured;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  config_dir = wharf_context_store_get_config_dir (self);
  if (g_str_equal (name, WHARF_CONTEXT_DEFAULT_NAME))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_READ_ONLY,
                   _("The context “%s” is built in and cannot be removed"), name);
      return FALSE;
    }
  context = wharf_context_store_lookup (self, name, error);
  if (context == NULL)
    return FALSE;
  if (!wharf_context_is_ecs (context))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_READ_ONLY,
                   _("Context “%s” is a “%s” context, not an ECS one: Wharf does not change it "
                     "(“docker context rm %s” removes it)"),
                   name, wharf_context_get_context_type (context), name);
      return FALSE;
    }

  /* config.json first: if it cannot be read nothing is removed. */
  config = wharf_context_config_read (config_dir, error);
  if (config == NULL)
    return FALSE;
  configured = wharf_context_config_get_current (config);
  current = wharf_context_resolve_current (wharf_context_store_get_override (self), configured);
  if (!force && (g_strcmp0 (current, name) == 0 || g_strcmp0 (configured, name) == 0))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_IN_USE,
                   _("Context “%s” is the current context; use another one first, or force the removal"),
                   name);
      return FALSE;
    }
  if (g_strcmp0 (configured, name) == 0 &&
      !wharf_context_config_set_current (config_dir, NULL, error))
    return FALSE;

  /* Removing meta.json is the atomic step: without it the folder is no
   * context, for Docker as for Wharf. */
  dir = meta_dir (config_dir, name);
  path = g_build_filename (dir, "meta.json", NULL);
  if (g_unlink (path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_IO,
                   _("Could not remove “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  remove_tree (dir);
  tls = wharf_context_store_dup_tls_path (self, name);
  remove_tree (tls);
  wharf_context_store_changed (self);
  return TRUE;
}

/* Makes NAME the current context in config.json ("default": none). */
gboolean
wharf_context_store_use (WharfContextStore  *self,
                         const char         *name,
                         GError            **error)
{
  g_autoptr(WharfContext) context = NULL;
  gboolean is_default;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  context = wharf_context_store_lookup (self, name, error);
  if (context == NULL)
    return FALSE;
  is_default = wharf_context_is_default (context);
  if (!wharf_context_config_set_current (wharf_context_store_get_config_dir (self),
                                         is_default ? NULL : name, error))
    return FALSE;
  wharf_context_store_changed (self);
  return TRUE;
}
