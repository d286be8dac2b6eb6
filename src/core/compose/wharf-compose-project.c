/* wharf-compose-project.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-compose-project.h"
#include "wharf-diagnostic.h"

struct _WharfComposeProject
{
  GObject     parent_instance;
  WharfNode  *root;
  char       *working_dir;
  GStrv       files;
  GStrv       all_profiles;
  GListStore *services;
  GListStore *networks;
  GListStore *volumes;
  GListStore *secrets;
  GListStore *configs;
  GListModel *diagnostics;
};

G_DEFINE_FINAL_TYPE (WharfComposeProject, wharf_compose_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_WORKING_DIR,
  PROP_FILES,
  PROP_SERVICES,
  PROP_DIAGNOSTICS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wharf_compose_project_finalize (GObject *object)
{
  WharfComposeProject *self = WHARF_COMPOSE_PROJECT (object);

  g_clear_pointer (&self->root, wharf_node_unref);
  g_free (self->working_dir);
  g_strfreev (self->files);
  g_strfreev (self->all_profiles);
  g_clear_object (&self->services);
  g_clear_object (&self->networks);
  g_clear_object (&self->volumes);
  g_clear_object (&self->secrets);
  g_clear_object (&self->configs);
  g_clear_object (&self->diagnostics);
  G_OBJECT_CLASS (wharf_compose_project_parent_class)->finalize (object);
}

static void
wharf_compose_project_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  WharfComposeProject *self = WHARF_COMPOSE_PROJECT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, wharf_compose_project_get_name (self));
      break;
    case PROP_WORKING_DIR:
      g_value_set_string (value, self->working_dir);
      break;
    case PROP_FILES:
      g_value_set_boxed (value, self->files);
      break;
    case PROP_SERVICES:
      g_value_set_object (value, self->services);
      break;
    case PROP_DIAGNOSTICS:
      g_value_set_object (value, self->diagnostics);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_compose_project_class_init (WharfComposeProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wharf_compose_project_finalize;
  object_class->get_property = wharf_compose_project_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKING_DIR] =
    g_param_spec_string ("working-dir", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILES] =
    g_param_spec_boxed ("files", NULL, NULL, G_TYPE_STRV, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVICES] =
    g_param_spec_object ("services", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIAGNOSTICS] =
    g_param_spec_object ("diagnostics", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wharf_compose_project_init (WharfComposeProject *self)
{
  self->services = g_list_store_new (WHARF_TYPE_COMPOSE_SERVICE);
  self->networks = g_list_store_new (WHARF_TYPE_COMPOSE_RESOURCE);
  self->volumes = g_list_store_new (WHARF_TYPE_COMPOSE_RESOURCE);
  self->secrets = g_list_store_new (WHARF_TYPE_COMPOSE_RESOURCE);
  self->configs = g_list_store_new (WHARF_TYPE_COMPOSE_RESOURCE);
}

static void
fill_resources (GListStore *store,
                WharfNode  *root,
                const char *section,
                const char *kind)
{
  WharfNode *map = wharf_node_mapping_lookup (root, section);

  for (guint i = 0; i < wharf_node_mapping_size (map); i++)
    {
      g_autoptr(WharfComposeResource) r =
        wharf_compose_resource_new (kind, wharf_node_mapping_get_key (map, i),
                                    wharf_node_mapping_get_value (map, i));
      g_list_store_append (store, r);
    }
}

WharfComposeProject *
wharf_compose_project_new (WharfNode          *root,
                           const char         *working_dir,
                           const char * const *files,
                           GListModel         *diagnostics)
{
  WharfComposeProject *self;
  WharfNode *services;

  g_return_val_if_fail (root != NULL, NULL);

  self = g_object_new (WHARF_TYPE_COMPOSE_PROJECT, NULL);
  self->root = wharf_node_ref (root);
  self->working_dir = g_strdup (working_dir);
  self->files = g_strdupv ((char **) files);
  self->diagnostics = diagnostics ? g_object_ref (diagnostics)
                                  : G_LIST_MODEL (g_list_store_new (WHARF_TYPE_DIAGNOSTIC));

  services = wharf_node_mapping_lookup (root, "services");
  for (guint i = 0; i < wharf_node_mapping_size (services); i++)
    {
      g_autoptr(WharfComposeService) s =
        wharf_compose_service_new (wharf_node_mapping_get_key (services, i),
                                   wharf_node_mapping_get_value (services, i));
      g_list_store_append (self->services, s);
    }
  fill_resources (self->networks, root, "networks", "network");
  fill_resources (self->volumes, root, "volumes", "volume");
  fill_resources (self->secrets, root, "secrets", "secret");
  fill_resources (self->configs, root, "configs", "config");
  return self;
}

const char *
wharf_compose_project_get_name (WharfComposeProject *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_PROJECT (self), NULL);
  return wharf_node_mapping_lookup_string (self->root, "name");
}

const char *
wharf_compose_project_get_working_dir (WharfComposeProject *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_PROJECT (self), NULL);
  return self->working_dir;
}

const char * const *
wharf_compose_project_get_files (WharfComposeProject *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_PROJECT (self), NULL);
  return (const char * const *) self->files;
}

WharfNode *
wharf_compose_project_get_root (WharfComposeProject *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_PROJECT (self), NULL);
  return self->root;
}

GListModel *
wharf_compose_project_get_services (WharfComposeProject *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_PROJECT (self), NULL);
  return G_LIST_MODEL (self->services);
}

WharfComposeService *
wharf_compose_project_lookup_service (WharfComposeProject *self,
                                      const char          *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->services));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WharfComposeService) s = g_list_model_get_item (G_LIST_MODEL (self->services), i);
      if (g_strcmp0 (wharf_compose_service_get_name (s), name) == 0)
        return s;   /* the store keeps a reference */
    }
  return NULL;
}

GListModel *
wharf_compose_project_get_networks (WharfComposeProject *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_PROJECT (self), NULL);
  return G_LIST_MODEL (self->networks);
}

GListModel *
wharf_compose_project_get_volumes (WharfComposeProject *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_PROJECT (self), NULL);
  return G_LIST_MODEL (self->volumes);
}

GListModel *
wharf_compose_project_get_secrets (WharfComposeProject *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_PROJECT (self), NULL);
  return G_LIST_MODEL (self->secrets);
}

GListModel *
wharf_compose_project_get_configs (WharfComposeProject *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_PROJECT (self), NULL);
  return G_LIST_MODEL (self->configs);
}

GListModel *
wharf_compose_project_get_diagnostics (WharfComposeProject *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_PROJECT (self), NULL);
  return self->diagnostics;
}

const char * const *
wharf_compose_project_get_all_profiles (WharfComposeProject *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (WHARF_IS_COMPOSE_PROJECT (self), NULL);
  return self->all_profiles ? (const char * const *) self->all_profiles : none;
}

void
wharf_compose_project_set_all_profiles (WharfComposeProject *self,
                                        const char * const  *profiles)
{
  g_return_if_fail (WHARF_IS_COMPOSE_PROJECT (self));
  g_strfreev (self->all_profiles);
  self->all_profiles = g_strdupv ((char **) profiles);
}
