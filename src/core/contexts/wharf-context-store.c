/* wharf-context-store.c: the Docker CLI's context store as a GListModel.
 *
 * Layout (the Docker CLI's): CONFIG/contexts/meta/<sha256 of name>/meta.json,
 * TLS files in CONFIG/contexts/tls/<sha256 of name>/, the current context
 * in CONFIG/config.json. CONFIG is $DOCKER_CONFIG or ~/.docker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-context-store-private.h"


enum {
  PROP_0,
  PROP_CONFIG_DIR,
  PROP_OVERRIDE,
  PROP_CURRENT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WharfContextStore, wharf_context_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return WHARF_TYPE_CONTEXT;
}

static guint
get_n_items (GListModel *model)
{
  return WHARF_CONTEXT_STORE (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  WharfContextStore *self = WHARF_CONTEXT_STORE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
wharf_context_store_finalize (GObject *object)
{
  WharfContextStore *self = WHARF_CONTEXT_STORE (object);

  wharf_context_store_unwatch (self);
  g_clear_pointer (&self->config_dir, g_free);
  g_clear_pointer (&self->override, g_free);
  g_clear_pointer (&self->configured, g_free);
  g_clear_pointer (&self->current_name, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (wharf_context_store_parent_class)->finalize (object);
}

static void
wharf_context_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  WharfContextStore *self = WHARF_CONTEXT_STORE (object);

  switch (prop_id)
    {
    case PROP_CONFIG_DIR:
      g_value_set_string (value, self->config_dir);
      break;
    case PROP_OVERRIDE:
      g_value_set_string (value, self->override);
      break;
    case PROP_CURRENT_NAME:
      g_value_set_string (value, self->current_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_context_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  WharfContextStore *self = WHARF_CONTEXT_STORE (object);

  switch (prop_id)
    {
    case PROP_CONFIG_DIR:
      {
        const char *dir = g_value_get_string (value);
        const char *env = g_getenv ("DOCKER_CONFIG");

        if (dir != NULL && *dir != '\0')
          self->config_dir = g_strdup (dir);
        else if (env != NULL && *env != '\0')
          self->config_dir = g_strdup (env);
        else
          self->config_dir = g_build_filename (g_get_home_dir (), ".docker", NULL);
      }
      break;
    case PROP_OVERRIDE:
      wharf_context_store_set_override (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_context_store_class_init (WharfContextStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wharf_context_store_finalize;
  object_class->get_property = wharf_context_store_get_property;
  object_class->set_property = wharf_context_store_set_property;

  properties[PROP_CONFIG_DIR] =
    g_param_spec_string ("config-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERRIDE] =
    g_param_spec_string ("override", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_NAME] =
    g_param_spec_string ("current-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wharf_context_store_init (WharfContextStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->current_name = wharf_context_resolve_current (NULL, NULL);
}

/* CONFIG_DIR: the Docker configuration folder, or NULL for $DOCKER_CONFIG,
 * else ~/.docker. */
WharfContextStore *
wharf_context_store_new (const char *config_dir)
{
  return g_object_new (WHARF_TYPE_CONTEXT_STORE, "config-dir", config_dir, NULL);
}

const char *
wharf_context_store_get_config_dir (WharfContextStore *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), NULL);
  return self->config_dir;
}

void
wharf_context_store_update_current (WharfContextStore *self)
{
  g_autofree char *current = wharf_context_resolve_current (self->override, self->configured);

  for (guint i = 0; i < self->items->len; i++)
    {
      WharfContext *context = g_ptr_array_index (self->items, i);

      wharf_context_set_current (context, g_strcmp0 (wharf_context_get_name (context), current) == 0);
    }
  if (g_strcmp0 (current, self->current_name) != 0)
    {
      g_free (self->current_name);
      self->current_name = g_steal_pointer (&current);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_NAME]);
    }
}

/* The context chosen for this run only (the --context option), or NULL. */
void
wharf_context_store_set_override (WharfContextStore *self,
                                  const char        *name)
{
  g_return_if_fail (WHARF_IS_CONTEXT_STORE (self));

  if (name != NULL && *name == '\0')
    name = NULL;
  if (g_strcmp0 (self->override, name) == 0)
    return;
  g_free (self->override);
  self->override = g_strdup (name);
  wharf_context_store_update_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERRIDE]);
}

const char *
wharf_context_store_get_override (WharfContextStore *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), NULL);
  return self->override;
}

/* The context that applies, as of the last reload (or use). */
const char *
wharf_context_store_get_current_name (WharfContextStore *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), NULL);
  return self->current_name;
}

/* The folder name Docker uses: the hex SHA-256 of the name. */
char *
wharf_context_dup_folder_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
}

char *
wharf_context_store_dup_meta_path (WharfContextStore *self,
                                   const char        *name)
{
  g_autofree char *folder = wharf_context_dup_folder_name (name);

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), NULL);
  return g_build_filename (self->config_dir, "contexts", "meta", folder, NULL);
}

char *
wharf_context_store_dup_tls_path (WharfContextStore *self,
                                  const char        *name)
{
  g_autofree char *folder = wharf_context_dup_folder_name (name);

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), NULL);
  return g_build_filename (self->config_dir, "contexts", "tls", folder, NULL);
}

/* Reads one context afresh from its meta.json ("default" is built in). */
WharfContext *
wharf_context_store_lookup (WharfContextStore  *self,
                            const char         *name,
                            GError            **error)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return wharf_context_store_read (self->config_dir, name, error);
}

/* The currentContext of config.json, or NULL. */
char *
wharf_context_store_dup_configured (WharfContextStore  *self,
                                    GError            **error)
{
  g_autoptr(JsonNode) config = NULL;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), NULL);

  config = wharf_context_config_read (self->config_dir, error);
  if (config == NULL)
    return NULL;
  return g_strdup (wharf_context_config_get_current (config));
}

/* The name of the context that applies now: --context, DOCKER_HOST (means
 * "default"), DOCKER_CONTEXT, config.json, "default". Fails only when
 * config.json has to be read and cannot be. */
char *
wharf_context_store_dup_current (WharfContextStore  *self,
                                 GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *configured = NULL;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), NULL);

  /* config.json does not matter when the option or the environment decides. */
  if (!wharf_context_resolve_uses_config (self->override))
    return wharf_context_resolve_current (self->override, NULL);
  configured = wharf_context_store_dup_configured (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return wharf_context_resolve_current (self->override, configured);
}

/* The context that applies now (see wharf_context_store_dup_current()),
 * read afresh. NOT_FOUND when DOCKER_CONTEXT or config.json name a
 * context that does not exist. */
WharfContext *
wharf_context_store_lookup_current (WharfContextStore  *self,
                                    GError            **error)
{
  g_autofree char *name = wharf_context_store_dup_current (self, error);

  if (name == NULL)
    return NULL;
  return wharf_context_store_lookup (self, name, error);
}

/* After a change made by this store: the list and current flags follow. */
void
wharf_context_store_changed (WharfContextStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!wharf_context_store_reload (self, &error))
    g_debug ("Context store %s: %s", self->config_dir, error->message);
}
