/* wharf-context-config.c: "currentContext" in the Docker CLI's config.json.
 *
 * The file holds much more than the current context (registry auths,
 * credential helpers, plugin settings…): it is read as a JSON document, one
 * key changed, and written back whole, with the keys Wharf does not know in
 * their order, atomically, keeping the file's mode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wharf-context-store-private.h"

char *
wharf_context_config_path (const char *config_dir)
{
  return g_build_filename (config_dir, "config.json", NULL);
}

static JsonNode *
empty_object (void)
{
  g_autoptr(JsonObject) object = json_object_new ();

  return json_node_init_object (json_node_alloc (), object);
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* config.json as a JSON object; an empty object when the file does not
 * exist or is empty (the Docker CLI accepts both). */
JsonNode *
wharf_context_config_read (const char  *config_dir,
                           GError     **error)
{
  g_autofree char *path = wharf_context_config_path (config_dir);
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *current;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return empty_object ();
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_IO,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  if (is_blank (data, length))
    return empty_object ();

  root = wharf_json_parse_object (data, length, path, error);
  if (root == NULL)
    return NULL;
  current = json_object_get_member (json_node_get_object (root), "currentContext");
  if (current != NULL && !JSON_NODE_HOLDS_NULL (current) &&
      (!JSON_NODE_HOLDS_VALUE (current) || json_node_get_value_type (current) != G_TYPE_STRING))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE,
                   _("Could not read “%s”: “currentContext” should be a string"), path);
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* The context config.json names, or NULL. */
const char *
wharf_context_config_get_current (JsonNode *config)
{
  const char *name = wharf_json_get_string (json_node_get_object (config), "currentContext");

  return name != NULL && *name != '\0' ? name : NULL;
}

/* Sets (NAME) or removes (NULL, as Docker does for "default") the current
 * context. A config.json that cannot be read is never overwritten. */
gboolean
wharf_context_config_set_current (const char  *config_dir,
                                  const char  *name,
                                  GError     **error)
{
  g_autoptr(JsonNode) config = NULL;
  g_autofree char *path = wharf_context_config_path (config_dir);
  g_autoptr(GString) out = NULL;
  JsonObject *object;

  config = wharf_context_config_read (config_dir, error);
  if (config == NULL)
    return FALSE;
  object = json_node_get_object (config);
  if (g_strcmp0 (wharf_context_config_get_current (config), name) == 0)
    return TRUE;
  if (name == NULL)
    json_object_remove_member (object, "currentContext");
  else
    json_object_set_string_member (object, "currentContext", name);

  /* The folder is private, as the Docker CLI makes it. */
  if (g_mkdir_with_parents (config_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), config_dir, g_strerror (saved_errno));
      return FALSE;
    }
  out = g_string_new (NULL);
  wharf_json_write_node (out, config, WHARF_JSON_INDENT_TAB, 0);
  return wharf_context_write_file (path, out->str, out->len, 0600, error);
}

/* Which context applies, in the Docker CLI's order: the explicit choice
 * (--context), then DOCKER_HOST (which means "default"), then
 * DOCKER_CONTEXT, then config.json, then "default". */
char *
wharf_context_resolve_current (const char *override,
                               const char *configured)
{
  const char *host = g_getenv ("DOCKER_HOST");
  const char *env = g_getenv ("DOCKER_CONTEXT");

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  if (host != NULL && *host != '\0')
    return g_strdup (WHARF_CONTEXT_DEFAULT_NAME);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (configured != NULL && *configured != '\0')
    return g_strdup (configured);
  return g_strdup (WHARF_CONTEXT_DEFAULT_NAME);
}

/* FALSE when the option or the environment decides, whatever config.json says. */
gboolean
wharf_context_resolve_uses_config (const char *override)
{
  const char *host = g_getenv ("DOCKER_HOST");
  const char *env = g_getenv ("DOCKER_CONTEXT");

  return (override == NULL || *override == '\0') &&
         (host == NULL || *host == '\0') &&
         (env == NULL || *env == '\0');
}
