/* wharf-compose-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-compose-service.h"

struct _WharfComposeService
{
  GObject    parent_instance;
  char      *name;
  WharfNode *node;
};

G_DEFINE_FINAL_TYPE (WharfComposeService, wharf_compose_service, G_TYPE_OBJECT)

enum { SVC_PROP_0, SVC_PROP_NAME, SVC_PROP_IMAGE, SVC_PROP_REPLICAS, SVC_N_PROPS };
static GParamSpec *service_properties[SVC_N_PROPS];

static void
wharf_compose_service_finalize (GObject *object)
{
  WharfComposeService *self = WHARF_COMPOSE_SERVICE (object);

  g_free (self->name);
  g_clear_pointer (&self->node, wharf_node_unref);
  G_OBJECT_CLASS (wharf_compose_service_parent_class)->finalize (object);
}

static void
wharf_compose_service_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  WharfComposeService *self = WHARF_COMPOSE_SERVICE (object);

  switch (prop_id)
    {
    case SVC_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case SVC_PROP_IMAGE:
      g_value_set_string (value, wharf_compose_service_get_image (self));
      break;
    case SVC_PROP_REPLICAS:
      g_value_set_uint (value, wharf_compose_service_get_replicas (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_compose_service_class_init (WharfComposeServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wharf_compose_service_finalize;
  object_class->get_property = wharf_compose_service_get_property;

  service_properties[SVC_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  service_properties[SVC_PROP_IMAGE] =
    g_param_spec_string ("image", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  service_properties[SVC_PROP_REPLICAS] =
    g_param_spec_uint ("replicas", NULL, NULL, 0, G_MAXUINT, 1,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SVC_N_PROPS, service_properties);
}

static void
wharf_compose_service_init (WharfComposeService *self)
{
}

WharfComposeService *
wharf_compose_service_new (const char *name,
                           WharfNode  *node)
{
  WharfComposeService *self = g_object_new (WHARF_TYPE_COMPOSE_SERVICE, NULL);

  self->name = g_strdup (name);
  self->node = wharf_node_ref (node);
  return self;
}

const char *
wharf_compose_service_get_name (WharfComposeService *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_SERVICE (self), NULL);
  return self->name;
}

WharfNode *
wharf_compose_service_get_node (WharfComposeService *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_SERVICE (self), NULL);
  return self->node;
}

const char *
wharf_compose_service_get_image (WharfComposeService *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_SERVICE (self), NULL);
  return wharf_node_mapping_lookup_string (self->node, "image");
}

guint
wharf_compose_service_get_replicas (WharfComposeService *self)
{
  WharfNode *deploy;
  gint64 replicas;

  g_return_val_if_fail (WHARF_IS_COMPOSE_SERVICE (self), 1);
  deploy = wharf_node_mapping_lookup (self->node, "deploy");
  if (wharf_node_get_int64 (wharf_node_mapping_lookup (deploy, "replicas"), &replicas) &&
      replicas >= 0 && replicas <= G_MAXUINT)
    return (guint) replicas;
  if (wharf_node_get_int64 (wharf_node_mapping_lookup (self->node, "scale"), &replicas) &&
      replicas >= 0 && replicas <= G_MAXUINT)
    return (guint) replicas;
  return 1;
}

GStrv
wharf_compose_service_dup_ports (WharfComposeService *self)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  WharfNode *ports = wharf_node_mapping_lookup (self->node, "ports");

  for (guint i = 0; i < wharf_node_sequence_size (ports); i++)
    {
      WharfNode *p = wharf_node_sequence_get (ports, i);
      const char *published = wharf_node_mapping_lookup_string (p, "published");
      const char *target = wharf_node_mapping_lookup_string (p, "target");
      const char *protocol = wharf_node_mapping_lookup_string (p, "protocol");
      g_autofree char *text = NULL;

      if (published != NULL)
        text = g_strdup_printf ("%s:%s/%s", published, target ?: "?", protocol ?: "tcp");
      else
        text = g_strdup_printf ("%s/%s", target ?: "?", protocol ?: "tcp");
      g_strv_builder_add (b, text);
    }
  return g_strv_builder_end (b);
}

static GStrv
dup_keys (WharfNode *map)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < wharf_node_mapping_size (map); i++)
    g_strv_builder_add (b, wharf_node_mapping_get_key (map, i));
  return g_strv_builder_end (b);
}

GStrv
wharf_compose_service_dup_networks (WharfComposeService *self)
{
  return dup_keys (wharf_node_mapping_lookup (self->node, "networks"));
}

GStrv
wharf_compose_service_dup_depends_on (WharfComposeService *self)
{
  return dup_keys (wharf_node_mapping_lookup (self->node, "depends_on"));
}

GStrv
wharf_compose_service_dup_volumes (WharfComposeService *self)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  WharfNode *volumes = wharf_node_mapping_lookup (self->node, "volumes");

  for (guint i = 0; i < wharf_node_sequence_size (volumes); i++)
    {
      WharfNode *v = wharf_node_sequence_get (volumes, i);
      const char *source = wharf_node_mapping_lookup_string (v, "source");
      const char *target = wharf_node_mapping_lookup_string (v, "target");
      g_autofree char *text = source ? g_strdup_printf ("%s:%s", source, target ?: "")
                                     : g_strdup (target ?: "");
      g_strv_builder_add (b, text);
    }
  return g_strv_builder_end (b);
}

GStrv
wharf_compose_service_dup_secrets (WharfComposeService *self)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  WharfNode *secrets = wharf_node_mapping_lookup (self->node, "secrets");

  for (guint i = 0; i < wharf_node_sequence_size (secrets); i++)
    {
      const char *source = wharf_node_mapping_lookup_string (wharf_node_sequence_get (secrets, i), "source");
      if (source != NULL)
        g_strv_builder_add (b, source);
    }
  return g_strv_builder_end (b);
}

/* WharfComposeResource */

struct _WharfComposeResource
{
  GObject    parent_instance;
  char      *kind;
  char      *key;
  WharfNode *node;
};

G_DEFINE_FINAL_TYPE (WharfComposeResource, wharf_compose_resource, G_TYPE_OBJECT)

enum { RES_PROP_0, RES_PROP_KIND, RES_PROP_KEY, RES_PROP_NAME, RES_PROP_EXTERNAL, RES_N_PROPS };
static GParamSpec *resource_properties[RES_N_PROPS];

static void
wharf_compose_resource_finalize (GObject *object)
{
  WharfComposeResource *self = WHARF_COMPOSE_RESOURCE (object);

  g_free (self->kind);
  g_free (self->key);
  g_clear_pointer (&self->node, wharf_node_unref);
  G_OBJECT_CLASS (wharf_compose_resource_parent_class)->finalize (object);
}

static void
wharf_compose_resource_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  WharfComposeResource *self = WHARF_COMPOSE_RESOURCE (object);

  switch (prop_id)
    {
    case RES_PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case RES_PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case RES_PROP_NAME:
      g_value_set_string (value, wharf_compose_resource_get_name (self));
      break;
    case RES_PROP_EXTERNAL:
      g_value_set_boolean (value, wharf_compose_resource_get_external (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_compose_resource_class_init (WharfComposeResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wharf_compose_resource_finalize;
  object_class->get_property = wharf_compose_resource_get_property;

  resource_properties[RES_PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  resource_properties[RES_PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  resource_properties[RES_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  resource_properties[RES_PROP_EXTERNAL] =
    g_param_spec_boolean ("external", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, RES_N_PROPS, resource_properties);
}

static void
wharf_compose_resource_init (WharfComposeResource *self)
{
}

WharfComposeResource *
wharf_compose_resource_new (const char *kind,
                            const char *key,
                            WharfNode  *node)
{
  WharfComposeResource *self = g_object_new (WHARF_TYPE_COMPOSE_RESOURCE, NULL);

  self->kind = g_strdup (kind);
  self->key = g_strdup (key);
  self->node = wharf_node_ref (node);
  return self;
}

const char *
wharf_compose_resource_get_kind (WharfComposeResource *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_RESOURCE (self), NULL);
  return self->kind;
}

const char *
wharf_compose_resource_get_key (WharfComposeResource *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_RESOURCE (self), NULL);
  return self->key;
}

const char *
wharf_compose_resource_get_name (WharfComposeResource *self)
{
  const char *name;

  g_return_val_if_fail (WHARF_IS_COMPOSE_RESOURCE (self), NULL);
  name = wharf_node_mapping_lookup_string (self->node, "name");
  return name ? name : self->key;
}

gboolean
wharf_compose_resource_get_external (WharfComposeResource *self)
{
  gboolean external = FALSE;

  g_return_val_if_fail (WHARF_IS_COMPOSE_RESOURCE (self), FALSE);
  wharf_node_get_boolean (wharf_node_mapping_lookup (self->node, "external"), &external);
  return external;
}

WharfNode *
wharf_compose_resource_get_node (WharfComposeResource *self)
{
  g_return_val_if_fail (WHARF_IS_COMPOSE_RESOURCE (self), NULL);
  return self->node;
}
