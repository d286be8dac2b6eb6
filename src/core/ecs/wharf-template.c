/* wharf-template.c: the CloudFormation document, its sections and limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-ecs-error.h"
#include "wharf-template.h"

G_DEFINE_QUARK (wharf-ecs-error-quark, wharf_ecs_error)

struct _WharfTemplate
{
  GObject     parent_instance;
  JsonNode   *root;      /* object */
  GArray     *secrets;   /* WharfTemplateSecret */
};

G_DEFINE_FINAL_TYPE (WharfTemplate, wharf_template, G_TYPE_OBJECT)

static void
secret_clear (gpointer data)
{
  WharfTemplateSecret *secret = data;

  g_free (secret->parameter);
  g_free (secret->secret);
  g_free (secret->file);
  g_free (secret->environment);
}

static void
wharf_template_finalize (GObject *object)
{
  WharfTemplate *self = WHARF_TEMPLATE (object);

  json_node_unref (self->root);
  g_array_unref (self->secrets);
  G_OBJECT_CLASS (wharf_template_parent_class)->finalize (object);
}

static void
wharf_template_class_init (WharfTemplateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_template_finalize;
}

static void
wharf_template_init (WharfTemplate *self)
{
  JsonObject *root = json_object_new ();

  json_object_set_string_member (root, "AWSTemplateFormatVersion", "2010-09-09");
  json_object_set_object_member (root, "Resources", json_object_new ());
  self->root = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  self->secrets = g_array_new (FALSE, TRUE, sizeof (WharfTemplateSecret));
  g_array_set_clear_func (self->secrets, secret_clear);
}

WharfTemplate *
wharf_template_new (void)
{
  return g_object_new (WHARF_TYPE_TEMPLATE, NULL);
}

JsonObject *
wharf_template_get_root (WharfTemplate *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE (self), NULL);
  return json_node_get_object (self->root);
}

/* The object member NAME of the root, created when missing. */
static JsonObject *
section (WharfTemplate *self,
         const char    *name,
         gboolean       create)
{
  JsonObject *root = json_node_get_object (self->root);
  JsonNode *node = json_object_get_member (root, name);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  if (!create)
    return NULL;
  json_object_set_object_member (root, name, json_object_new ());
  return json_object_get_object_member (root, name);
}

void
wharf_template_set_description (WharfTemplate *self,
                                const char    *description)
{
  g_return_if_fail (WHARF_IS_TEMPLATE (self));
  if (description == NULL)
    json_object_remove_member (json_node_get_object (self->root), "Description");
  else
    json_object_set_string_member (json_node_get_object (self->root), "Description", description);
}

const char *
wharf_template_get_description (WharfTemplate *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE (self), NULL);
  return json_object_get_string_member_with_default (json_node_get_object (self->root),
                                                     "Description", NULL);
}

JsonObject *
wharf_template_add_resource (WharfTemplate *self,
                             const char    *logical_id,
                             const char    *type)
{
  JsonObject *resources;
  JsonObject *resource;

  g_return_val_if_fail (WHARF_IS_TEMPLATE (self), NULL);
  resources = section (self, "Resources", TRUE);
  resource = json_object_new ();
  json_object_set_string_member (resource, "Type", type);
  json_object_set_object_member (resource, "Properties", json_object_new ());
  json_object_set_object_member (resources, logical_id, resource);
  return resource;
}

JsonObject *
wharf_template_get_resource (WharfTemplate *self,
                             const char    *logical_id)
{
  JsonObject *resources;
  JsonNode *node;

  g_return_val_if_fail (WHARF_IS_TEMPLATE (self), NULL);
  resources = section (self, "Resources", FALSE);
  if (resources == NULL)
    return NULL;
  node = json_object_get_member (resources, logical_id);
  return (node != NULL && JSON_NODE_HOLDS_OBJECT (node)) ? json_node_get_object (node) : NULL;
}

JsonObject *
wharf_template_get_properties (WharfTemplate *self,
                               const char    *logical_id)
{
  JsonObject *resource = wharf_template_get_resource (self, logical_id);
  JsonNode *node;

  if (resource == NULL)
    return NULL;
  node = json_object_get_member (resource, "Properties");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_object_member (resource, "Properties", json_object_new ());
      node = json_object_get_member (resource, "Properties");
    }
  return json_node_get_object (node);
}

const char *
wharf_template_get_resource_type (WharfTemplate *self,
                                  const char    *logical_id)
{
  JsonObject *resource = wharf_template_get_resource (self, logical_id);

  if (resource == NULL)
    return NULL;
  return json_object_get_string_member_with_default (resource, "Type", NULL);
}

gboolean
wharf_template_remove_resource (WharfTemplate *self,
                                const char    *logical_id)
{
  JsonObject *resources;

  g_return_val_if_fail (WHARF_IS_TEMPLATE (self), FALSE);
  resources = section (self, "Resources", FALSE);
  if (resources == NULL || !json_object_has_member (resources, logical_id))
    return FALSE;
  json_object_remove_member (resources, logical_id);
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
wharf_template_list_resources_of_type (WharfTemplate *self,
                                       const char    *type)
{
  GPtrArray *ids = g_ptr_array_new ();
  JsonObject *resources;

  g_return_val_if_fail (WHARF_IS_TEMPLATE (self), NULL);
  resources = section (self, "Resources", FALSE);
  if (resources != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (resources);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *rtype = wharf_template_get_resource_type (self, l->data);

          if (type == NULL || g_strcmp0 (rtype, type) == 0)
            g_ptr_array_add (ids, g_strdup (l->data));
        }
    }
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

char **
wharf_template_list_resources (WharfTemplate *self)
{
  return wharf_template_list_resources_of_type (self, NULL);
}

guint
wharf_template_get_n_resources (WharfTemplate *self)
{
  JsonObject *resources;

  g_return_val_if_fail (WHARF_IS_TEMPLATE (self), 0);
  resources = section (self, "Resources", FALSE);
  return resources ? json_object_get_size (resources) : 0;
}

JsonObject *
wharf_template_add_parameter (WharfTemplate *self,
                              const char    *name,
                              const char    *type,
                              const char    *description)
{
  JsonObject *parameter = json_object_new ();

  g_return_val_if_fail (WHARF_IS_TEMPLATE (self), NULL);
  json_object_set_string_member (parameter, "Type", type);
  if (description != NULL)
    json_object_set_string_member (parameter, "Description", description);
  json_object_set_object_member (section (self, "Parameters", TRUE), name, parameter);
  return parameter;
}

void
wharf_template_add_output (WharfTemplate *self,
                           const char    *name,
                           const char    *description,
                           JsonNode      *value)
{
  JsonObject *output = json_object_new ();

  g_return_if_fail (WHARF_IS_TEMPLATE (self));
  if (description != NULL)
    json_object_set_string_member (output, "Description", description);
  json_object_set_member (output, "Value", value);
  json_object_set_object_member (section (self, "Outputs", TRUE), name, output);
}

void
wharf_template_add_condition (WharfTemplate *self,
                              const char    *name,
                              JsonNode      *value)
{
  g_return_if_fail (WHARF_IS_TEMPLATE (self));
  json_object_set_member (section (self, "Conditions", TRUE), name, value);
}

void
wharf_template_set_metadata (WharfTemplate *self,
                             const char    *key,
                             JsonNode      *value)
{
  g_return_if_fail (WHARF_IS_TEMPLATE (self));
  json_object_set_member (section (self, "Metadata", TRUE), key, value);
}

void
wharf_template_add_secret (WharfTemplate *self,
                           const char    *parameter,
                           const char    *secret,
                           const char    *file,
                           const char    *environment)
{
  WharfTemplateSecret entry = { 0 };

  g_return_if_fail (WHARF_IS_TEMPLATE (self));
  entry.parameter = g_strdup (parameter);
  entry.secret = g_strdup (secret);
  entry.file = g_strdup (file);
  entry.environment = g_strdup (environment);
  g_array_append_val (self->secrets, entry);
}

GArray *
wharf_template_get_secrets (WharfTemplate *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE (self), NULL);
  return self->secrets;
}

char *
wharf_template_to_yaml (WharfTemplate  *self,
                        gsize          *length,
                        GError        **error)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE (self), NULL);
  return wharf_json_to_yaml (self->root, length, error);
}

char *
wharf_template_to_json (WharfTemplate *self,
                        gsize         *length)
{
  g_autoptr(JsonNode) sorted = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) out = NULL;
  char *text;

  g_return_val_if_fail (WHARF_IS_TEMPLATE (self), NULL);
  sorted = wharf_json_sorted_copy (self->root);
  json_generator_set_root (generator, sorted);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  out = g_string_new (text);
  g_free (text);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
wharf_template_serialize (WharfTemplate        *self,
                          WharfTemplateFormat   format,
                          gsize                *length,
                          GError              **error)
{
  if (format == WHARF_TEMPLATE_FORMAT_JSON)
    return wharf_template_to_json (self, length);
  return wharf_template_to_yaml (self, length, error);
}

gsize
wharf_template_get_size (WharfTemplate       *self,
                         WharfTemplateFormat  format)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  text = wharf_template_serialize (self, format, &length, NULL);
  return text ? length : 0;
}

static guint
section_size (WharfTemplate *self,
              const char    *name)
{
  JsonObject *object = section (self, name, FALSE);

  return object ? json_object_get_size (object) : 0;
}

gboolean
wharf_template_check_limits (WharfTemplate        *self,
                             WharfTemplateFormat   format,
                             gboolean             *needs_upload,
                             GError              **error)
{
  guint n_resources = wharf_template_get_n_resources (self);
  gsize size;

  if (needs_upload != NULL)
    *needs_upload = FALSE;
  if (n_resources > WHARF_TEMPLATE_MAX_RESOURCES)
    {
      g_set_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_LIMIT,
                   _("the template has %u resources; CloudFormation allows at most %u"),
                   n_resources, WHARF_TEMPLATE_MAX_RESOURCES);
      return FALSE;
    }
  if (section_size (self, "Parameters") > WHARF_TEMPLATE_MAX_PARAMETERS)
    {
      g_set_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_LIMIT,
                   _("the template has %u parameters; CloudFormation allows at most %u"),
                   section_size (self, "Parameters"), WHARF_TEMPLATE_MAX_PARAMETERS);
      return FALSE;
    }
  if (section_size (self, "Outputs") > WHARF_TEMPLATE_MAX_OUTPUTS)
    {
      g_set_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_LIMIT,
                   _("the template has %u outputs; CloudFormation allows at most %u"),
                   section_size (self, "Outputs"), WHARF_TEMPLATE_MAX_OUTPUTS);
      return FALSE;
    }
  size = wharf_template_get_size (self, format);
  if (size > WHARF_TEMPLATE_MAX_SIZE)
    {
      g_set_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_LIMIT,
                   _("the template is %lu bytes; CloudFormation accepts at most %d bytes"),
                   (unsigned long) size, WHARF_TEMPLATE_MAX_SIZE);
      return FALSE;
    }
  if (needs_upload != NULL)
    *needs_upload = size > WHARF_TEMPLATE_MAX_BODY_SIZE;
  return TRUE;
}
