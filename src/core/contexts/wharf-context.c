/* wharf-context.c: one Docker context, kept as the JSON document of its
 * meta.json so that keys Wharf does not know survive an update.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-context-private.h"

G_DEFINE_QUARK (wharf-context-error-quark, wharf_context_error)

struct _WharfContext
{
  GObject   parent_instance;

  JsonNode *root;          /* {"Name":…, "Metadata":{…}, "Endpoints":{…}} */
  GError   *error;         /* a meta.json that could not be read */
  char     *description;   /* only for the built-in default context */
  gboolean  is_default;
  gboolean  current;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_CONTEXT_TYPE,
  PROP_DESCRIPTION,
  PROP_CREDENTIALS,
  PROP_PROFILE,
  PROP_REGION,
  PROP_ENDPOINT,
  PROP_READ_ONLY,
  PROP_CURRENT,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (WharfContextCredentials, wharf_context_credentials,
  G_DEFINE_ENUM_VALUE (WHARF_CONTEXT_CREDENTIALS_NONE, "none"),
  G_DEFINE_ENUM_VALUE (WHARF_CONTEXT_CREDENTIALS_PROFILE, "profile"),
  G_DEFINE_ENUM_VALUE (WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, "environment"))

G_DEFINE_FINAL_TYPE (WharfContext, wharf_context, G_TYPE_OBJECT)

static void
wharf_context_finalize (GObject *object)
{
  WharfContext *self = WHARF_CONTEXT (object);

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->description, g_free);
  G_OBJECT_CLASS (wharf_context_parent_class)->finalize (object);
}

static void
wharf_context_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WharfContext *self = WHARF_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, wharf_context_get_name (self));
      break;
    case PROP_CONTEXT_TYPE:
      g_value_set_string (value, wharf_context_get_context_type (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, wharf_context_get_description (self));
      break;
    case PROP_CREDENTIALS:
      g_value_set_enum (value, wharf_context_get_credentials (self));
      break;
    case PROP_PROFILE:
      g_value_set_string (value, wharf_context_get_profile (self));
      break;
    case PROP_REGION:
      g_value_set_string (value, wharf_context_get_region (self));
      break;
    case PROP_ENDPOINT:
      g_value_take_string (value, wharf_context_dup_endpoint_summary (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, wharf_context_is_read_only (self));
      break;
    case PROP_CURRENT:
      g_value_set_boolean (value, self->current);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_context_class_init (WharfContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = wharf_context_finalize;
  object_class->get_property = wharf_context_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_CONTEXT_TYPE] = g_param_spec_string ("context-type", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_CREDENTIALS] =
    g_param_spec_enum ("credentials", NULL, NULL, wharf_context_credentials_get_type (),
                       WHARF_CONTEXT_CREDENTIALS_NONE, flags);
  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL, flags);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, flags);
  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, flags);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, TRUE, flags);
  properties[PROP_CURRENT] = g_param_spec_boolean ("current", NULL, NULL, FALSE, flags);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wharf_context_init (WharfContext *self)
{
}

/* Docker's rule: ^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$ */
gboolean
wharf_context_name_is_valid (const char  *name,
                             GError     **error)
{
  gboolean ok = name != NULL && g_ascii_isalnum (name[0]) && name[1] != '\0';

  for (const char *p = name != NULL ? name + 1 : ""; ok && *p != '\0'; p++)
    ok = g_ascii_isalnum (*p) || strchr ("_.+-", *p) != NULL;
  if (!ok)
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID_NAME,
                   _("Context name “%s” is invalid: a name starts with a letter or a digit, "
                     "followed by at least one letter, digit, “_”, “.”, “+” or “-”"),
                   name != NULL ? name : "");
      return FALSE;
    }
  return TRUE;
}

WharfContext *
wharf_context_new_named (const char *name)
{
  WharfContext *self = g_object_new (WHARF_TYPE_CONTEXT, NULL);
  JsonObject *root = json_object_new ();

  json_object_set_string_member (root, "Name", name);
  json_object_set_object_member (root, "Metadata", json_object_new ());
  json_object_set_object_member (root, "Endpoints", json_object_new ());
  self->root = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  return self;
}

/* Docker's built-in context, never stored. */
WharfContext *
wharf_context_new_default (void)
{
  WharfContext *self = wharf_context_new_named (WHARF_CONTEXT_DEFAULT_NAME);
  JsonObject *docker = wharf_json_ensure_object (wharf_context_ensure_endpoints (self), "docker");
  const char *host = g_getenv ("DOCKER_HOST");

  json_object_set_string_member (docker, "Host",
                                 host != NULL && *host != '\0' ? host : "unix:///var/run/docker.sock");
  json_object_set_boolean_member (docker, "SkipTLSVerify", FALSE);
  self->is_default = TRUE;
  self->description = g_strdup (_("Current DOCKER_HOST based configuration"));
  return self;
}

static gboolean
check_member (JsonObject  *object,
              const char  *key,
              GType        type,
              const char  *where,
              const char  *path,
              GError     **error)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (type == JSON_TYPE_OBJECT ? JSON_NODE_HOLDS_OBJECT (node)
                               : JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type)
    return TRUE;
  g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE,
               _("Could not read “%s”: “%s%s” should be %s"), path, where, key,
               type == JSON_TYPE_OBJECT ? _("an object") :
               type == G_TYPE_BOOLEAN ? _("a boolean") : _("a string"));
  return FALSE;
}

/* Parses the contents of a meta.json; PATH names the file in errors. */
WharfContext *
wharf_context_new_from_data (const char  *data,
                             gssize       length,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(WharfContext) self = NULL;
  JsonObject *object, *metadata, *endpoints;
  const char *name;

  g_return_val_if_fail (data != NULL, NULL);

  root = wharf_json_parse_object (data, length, path, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  name = wharf_json_get_string (object, "Name");
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE,
                   _("Could not read “%s”: the context has no “Name”"), path);
      return NULL;
    }
  if (!check_member (object, "Metadata", JSON_TYPE_OBJECT, "", path, error) ||
      !check_member (object, "Endpoints", JSON_TYPE_OBJECT, "", path, error))
    return NULL;
  metadata = wharf_json_get_object (object, "Metadata");
  endpoints = wharf_json_get_object (object, "Endpoints");
  if (!check_member (metadata, "Type", G_TYPE_STRING, "Metadata.", path, error) ||
      !check_member (metadata, "Description", G_TYPE_STRING, "Metadata.", path, error))
    return NULL;

  if (g_strcmp0 (wharf_json_get_string (metadata, "Type"), WHARF_CONTEXT_TYPE_ECS) == 0)
    {
      JsonObject *ecs;

      if (!check_member (endpoints, "ecs", JSON_TYPE_OBJECT, "Endpoints.", path, error))
        return NULL;
      ecs = wharf_json_get_object (endpoints, "ecs");
      if (!check_member (ecs, "CredentialsFromEnv", G_TYPE_BOOLEAN, "Endpoints.ecs.", path, error) ||
          !check_member (ecs, "Profile", G_TYPE_STRING, "Endpoints.ecs.", path, error) ||
          !check_member (ecs, "Region", G_TYPE_STRING, "Endpoints.ecs.", path, error))
        return NULL;
    }

  self = g_object_new (WHARF_TYPE_CONTEXT, NULL);
  self->root = g_steal_pointer (&root);
  return g_steal_pointer (&self);
}

/* A folder of the store whose meta.json could not be read: listed with its
 * error (like the ERROR column of `docker context ls`). */
WharfContext *
wharf_context_new_broken (const char   *name,
                          const GError *error)
{
  WharfContext *self = wharf_context_new_named (name);

  self->error = g_error_copy (error);
  return self;
}

const char *
wharf_context_get_name (WharfContext *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT (self), NULL);
  return wharf_json_get_string (json_node_get_object (self->root), "Name");
}

/* Metadata.Type, or "moby" when absent (as the Docker CLI decides). */
const char *
wharf_context_get_context_type (WharfContext *self)
{
  const char *type;

  g_return_val_if_fail (WHARF_IS_CONTEXT (self), NULL);
  if (self->error != NULL)
    return NULL;
  type = wharf_json_get_string (wharf_context_get_metadata (self), "Type");
  return type != NULL && *type != '\0' ? type : WHARF_CONTEXT_TYPE_MOBY;
}

const char *
wharf_context_get_description (WharfContext *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT (self), NULL);
  if (self->description != NULL)
    return self->description;
  return wharf_json_get_string (wharf_context_get_metadata (self), "Description");
}

gboolean
wharf_context_is_default (WharfContext *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT (self), FALSE);
  return self->is_default;
}

gboolean
wharf_context_is_ecs (WharfContext *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT (self), FALSE);
  return g_strcmp0 (wharf_context_get_context_type (self), WHARF_CONTEXT_TYPE_ECS) == 0;
}

/* Wharf edits ECS contexts only; others belong to Docker (or to tools
 * that made them) and are listed, used and inspected, never changed. */
gboolean
wharf_context_is_read_only (WharfContext *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT (self), TRUE);
  return self->is_default || !wharf_context_is_ecs (self);
}

gboolean
wharf_context_get_current (WharfContext *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT (self), FALSE);
  return self->current;
}

void
wharf_context_set_current (WharfContext *self,
                           gboolean      current)
{
  if (self->current == !!current)
    return;
  self->current = !!current;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

const GError *
wharf_context_get_error (WharfContext *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT (self), NULL);
  return self->error;
}

void
wharf_context_set_description (WharfContext *self,
                               const char   *description)
{
  JsonObject *metadata;

  g_return_if_fail (WHARF_IS_CONTEXT (self));
  g_return_if_fail (!self->is_default);

  metadata = wharf_context_ensure_metadata (self);
  if (g_strcmp0 (wharf_json_get_string (metadata, "Description"), description) == 0)
    return;
  /* Go's omitempty: no key for an empty description. */
  if (description == NULL || *description == '\0')
    json_object_remove_member (metadata, "Description");
  else
    json_object_set_string_member (metadata, "Description", description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/* The "Metadata" object of meta.json, or NULL when the file has none. */
JsonObject *
wharf_context_get_metadata (WharfContext *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT (self), NULL);
  return wharf_json_get_object (json_node_get_object (self->root), "Metadata");
}

/* The "Endpoints" object of meta.json, or NULL when the file has none. */
JsonObject *
wharf_context_get_endpoints (WharfContext *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT (self), NULL);
  return wharf_json_get_object (json_node_get_object (self->root), "Endpoints");
}

JsonObject *
wharf_context_ensure_metadata (WharfContext *self)
{
  return wharf_json_ensure_object (json_node_get_object (self->root), "Metadata");
}

JsonObject *
wharf_context_ensure_endpoints (WharfContext *self)
{
  return wharf_json_ensure_object (json_node_get_object (self->root), "Endpoints");
}

JsonNode *
wharf_context_get_root (WharfContext *self)
{
  return self->root;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* meta.json as Docker writes it: compact, "Name", "Metadata", "Endpoints"
 * in that order (a Go struct), the keys of maps sorted; keys Wharf does not
 * know are kept after them. */
char *
wharf_context_to_data (WharfContext *self)
{
  static const char *const fixed[] = { "Name", "Metadata", "Endpoints", NULL };
  JsonObject *root;
  g_autoptr(GList) members = NULL;
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  GString *out = g_string_new ("{");

  g_return_val_if_fail (WHARF_IS_CONTEXT (self), NULL);

  root = json_node_get_object (self->root);
  for (gsize i = 0; fixed[i] != NULL; i++)
    {
      if (!json_object_has_member (root, fixed[i]))
        continue;
      if (i > 0)
        g_string_append_c (out, ',');
      wharf_json_write_key (out, fixed[i], WHARF_JSON_COMPACT);
      wharf_json_write_node (out, json_object_get_member (root, fixed[i]),
                             WHARF_JSON_COMPACT | WHARF_JSON_SORT_KEYS, 1);
    }
  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains ((const char * const *) fixed, l->data))
      g_ptr_array_add (extra, l->data);
  g_ptr_array_sort (extra, compare_keys);
  for (guint i = 0; i < extra->len; i++)
    {
      const char *key = g_ptr_array_index (extra, i);

      g_string_append_c (out, ',');
      wharf_json_write_key (out, key, WHARF_JSON_COMPACT);
      wharf_json_write_node (out, json_object_get_member (root, key),
                             WHARF_JSON_COMPACT | WHARF_JSON_SORT_KEYS, 1);
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}
