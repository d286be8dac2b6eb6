/* wharf-context-inspect.c: contexts as `docker context inspect` and
 * `docker context ls --format json` print them, byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-context-store-private.h"

#define IN_MEMORY "<IN MEMORY>"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A copy with the keys of every object in byte order (Go maps). */
static JsonNode *
sorted_copy (JsonNode *node)
{
  g_autoptr(GList) members = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  JsonObject *object, *copy;

  if (node == NULL)
    return json_node_init_null (json_node_alloc ());
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *array_copy = json_array_new ();
      JsonNode *result;

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (array_copy, sorted_copy (json_array_get_element (array, i)));
      result = json_node_init_array (json_node_alloc (), array_copy);
      json_array_unref (array_copy);
      return result;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return json_node_copy (node);

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  keys = g_ptr_array_new ();
  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);
  g_ptr_array_sort (keys, compare_strings);
  copy = json_object_new ();
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      json_object_set_member (copy, key, sorted_copy (json_object_get_member (object, key)));
    }
  node = json_node_init_object (json_node_alloc (), copy);
  json_object_unref (copy);
  return node;
}

/* The Docker CLI decodes the "docker" endpoint into a structure: only
 * Host (when set) and SkipTLSVerify survive. */
static JsonNode *
docker_endpoint (JsonNode *node)
{
  JsonObject *endpoint = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *result = json_object_new ();
  const char *host = wharf_json_get_string (endpoint, "Host");
  JsonNode *skip = endpoint != NULL ? json_object_get_member (endpoint, "SkipTLSVerify") : NULL;

  if (host != NULL && *host != '\0')
    json_object_set_string_member (result, "Host", host);
  json_object_set_boolean_member (result, "SkipTLSVerify",
                                  skip != NULL && JSON_NODE_HOLDS_VALUE (skip) &&
                                  json_node_get_value_type (skip) == G_TYPE_BOOLEAN &&
                                  json_node_get_boolean (skip));
  node = json_node_init_object (json_node_alloc (), result);
  json_object_unref (result);
  return node;
}

/* TLS files per endpoint: CONFIG/contexts/tls/<hash>/<endpoint>/<file>. */
static JsonObject *
tls_material (const char *tls_path)
{
  JsonObject *result = json_object_new ();
  g_autoptr(GDir) dir = g_dir_open (tls_path, 0, NULL);
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (endpoints, g_strdup (name));
  g_ptr_array_sort (endpoints, compare_strings);
  for (guint i = 0; i < endpoints->len; i++)
    {
      const char *endpoint = g_ptr_array_index (endpoints, i);
      g_autofree char *path = g_build_filename (tls_path, endpoint, NULL);
      g_autoptr(GDir) files_dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      JsonArray *array;

      if (files_dir == NULL)
        continue;
      while ((name = g_dir_read_name (files_dir)) != NULL)
        g_ptr_array_add (files, g_strdup (name));
      g_ptr_array_sort (files, compare_strings);
      array = json_array_new ();
      for (guint j = 0; j < files->len; j++)
        json_array_add_string_element (array, g_ptr_array_index (files, j));
      json_object_set_array_member (result, endpoint, array);
    }
  return result;
}

static JsonNode *
inspect_node (WharfContextStore *self,
              WharfContext      *context)
{
  JsonObject *root = json_node_get_object (wharf_context_get_root (context));
  JsonObject *metadata = wharf_context_get_metadata (context);
  JsonObject *endpoints = wharf_context_get_endpoints (context);
  JsonObject *result = json_object_new ();
  JsonObject *storage = json_object_new ();
  const char *name = wharf_context_get_name (context);
  gboolean is_default = wharf_context_is_default (context);
  g_autofree char *meta_path = NULL;
  g_autofree char *tls_path = NULL;
  JsonNode *node;

  json_object_set_string_member (result, "Name", name);
  if (metadata != NULL)
    {
      node = sorted_copy (json_object_get_member (root, "Metadata"));
      /* Go's omitempty on the description. */
      if (g_strcmp0 (wharf_json_get_string (json_node_get_object (node), "Description"), "") == 0)
        json_object_remove_member (json_node_get_object (node), "Description");
      json_object_set_member (result, "Metadata", node);
    }
  if (endpoints != NULL && json_object_get_size (endpoints) > 0)
    {
      JsonObject *copy;

      node = sorted_copy (json_object_get_member (root, "Endpoints"));
      copy = json_node_get_object (node);
      if (json_object_has_member (copy, "docker"))
        json_object_set_member (copy, "docker",
                                docker_endpoint (json_object_get_member (endpoints, "docker")));
      json_object_set_member (result, "Endpoints", node);
    }

  if (is_default)
    {
      json_object_set_object_member (result, "TLSMaterial", json_object_new ());
      json_object_set_string_member (storage, "MetadataPath", IN_MEMORY);
      json_object_set_string_member (storage, "TLSPath", IN_MEMORY);
    }
  else
    {
      meta_path = wharf_context_store_dup_meta_path (self, name);
      tls_path = wharf_context_store_dup_tls_path (self, name);
      json_object_set_object_member (result, "TLSMaterial", tls_material (tls_path));
      json_object_set_string_member (storage, "MetadataPath", meta_path);
      json_object_set_string_member (storage, "TLSPath", tls_path);
    }
  json_object_set_object_member (result, "Storage", storage);

  node = json_node_init_object (json_node_alloc (), result);
  json_object_unref (result);
  return node;
}

/* The JSON array `docker context inspect NAMES…` prints (with its final
 * newline). Fails on the first name that cannot be read. */
char *
wharf_context_store_inspect (WharfContextStore   *self,
                             const char * const  *names,
                             GError             **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  GString *out;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), NULL);
  g_return_val_if_fail (names != NULL, NULL);

  for (gsize i = 0; names[i] != NULL; i++)
    {
      g_autoptr(WharfContext) context = wharf_context_store_lookup (self, names[i], error);

      if (context == NULL)
        return NULL;
      json_array_add_element (array, inspect_node (self, context));
    }
  node = json_node_init_array (json_node_alloc (), array);
  out = g_string_new (NULL);
  wharf_json_write_node (out, node, WHARF_JSON_INDENT_SPACES | WHARF_JSON_GO_FLOATS, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* One line of `docker context ls --format json`, plus Wharf's "Type" and
 * "Endpoint" (where an ECS context points). No newline. */
char *
wharf_context_to_list_json (WharfContext *context)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *endpoint = NULL;
  const GError *error;
  const char *host;
  GString *out;

  g_return_val_if_fail (WHARF_IS_CONTEXT (context), NULL);

  error = wharf_context_get_error (context);
  endpoint = wharf_context_dup_endpoint_summary (context);
  host = wharf_context_get_docker_host (context);
  json_object_set_boolean_member (object, "Current", wharf_context_get_current (context));
  json_object_set_string_member (object, "Description",
                                 wharf_context_get_description (context) != NULL
                                 ? wharf_context_get_description (context) : "");
  json_object_set_string_member (object, "DockerEndpoint", host != NULL ? host : "");
  json_object_set_string_member (object, "Endpoint", endpoint);
  json_object_set_string_member (object, "Error", error != NULL ? error->message : "");
  json_object_set_string_member (object, "Name", wharf_context_get_name (context));
  json_object_set_string_member (object, "Type",
                                 error == NULL ? wharf_context_get_context_type (context) : "");
  node = json_node_init_object (json_node_alloc (), object);
  out = g_string_new (NULL);
  wharf_json_write_node (out, node, WHARF_JSON_COMPACT, 0);
  return g_string_free (out, FALSE);
}
