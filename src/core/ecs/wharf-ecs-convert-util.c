/* wharf-ecs-convert-util.c: JSON and Compose-tree helpers of the converter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-ecs-convert-private.h"
#include "wharf-fargate.h"

char *
wharf_ecs_normalize_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; p != NULL && *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  if (out->len > 0)
    out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (out, FALSE);
}

JsonNode *
wharf_cfn_string (const char *value)
{
  return json_node_init_string (json_node_alloc (), value ? value : "");
}

JsonNode *
wharf_cfn_int (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

JsonNode *
wharf_cfn_bool (gboolean value)
{
  return json_node_init_boolean (json_node_alloc (), value);
}

JsonNode *
wharf_cfn_object (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

JsonNode *
wharf_cfn_array (JsonArray *array)
{
  JsonNode *node = json_node_init_array (json_node_alloc (), array);

  json_array_unref (array);
  return node;
}

JsonNode *
wharf_cfn_ref (const char *logical_id)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "Ref", logical_id);
  return wharf_cfn_object (object);
}

JsonNode *
wharf_cfn_get_att (const char *logical_id,
                   const char *attribute)
{
  JsonObject *object = json_object_new ();
  JsonArray *args = json_array_new ();

  json_array_add_string_element (args, logical_id);
  json_array_add_string_element (args, attribute);
  json_object_set_array_member (object, "Fn::GetAtt", args);
  return wharf_cfn_object (object);
}

JsonNode *
wharf_cfn_sub (const char *format)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "Fn::Sub", format);
  return wharf_cfn_object (object);
}

JsonNode *
wharf_cfn_join (const char *separator,
                JsonNode   *first,
                ...)
{
  JsonObject *object = json_object_new ();
  JsonArray *args = json_array_new ();
  JsonArray *items = json_array_new ();
  va_list ap;

  va_start (ap, first);
  for (JsonNode *n = first; n != NULL; n = va_arg (ap, JsonNode *))
    json_array_add_element (items, n);
  va_end (ap);
  json_array_add_string_element (args, separator);
  json_array_add_array_element (args, items);
  json_object_set_array_member (object, "Fn::Join", args);
  return wharf_cfn_object (object);
}

JsonNode *
wharf_cfn_copy (JsonNode *node)
{
  /* Deep: json_node_copy () shares objects and arrays. */
  return wharf_json_sorted_copy (node);
}

static void
add_tag (JsonArray  *tags,
         const char *key,
         const char *value)
{
  JsonObject *tag = json_object_new ();

  json_object_set_string_member (tag, "Key", key);
  json_object_set_string_member (tag, "Value", value);
  json_array_add_object_element (tags, tag);
}

JsonArray *
wharf_cfn_tags (WharfEcsConvert *ctx,
                const char      *key,
                const char      *value)
{
  JsonArray *tags = json_array_new ();

  add_tag (tags, WHARF_TAG_PROJECT, ctx->name);
  if (key != NULL)
    add_tag (tags, key, value);
  return tags;
}

JsonNode *
wharf_cfn_trust_policy (const char *service)
{
  JsonObject *doc = json_object_new ();
  JsonArray *statements = json_array_new ();
  JsonObject *statement = json_object_new ();
  JsonObject *principal = json_object_new ();
  JsonArray *actions = json_array_new ();

  json_array_add_string_element (actions, "sts:AssumeRole");
  json_object_set_string_member (principal, "Service", service);
  json_object_set_array_member (statement, "Action", actions);
  json_object_set_string_member (statement, "Effect", "Allow");
  json_object_set_object_member (statement, "Principal", principal);
  json_array_add_object_element (statements, statement);
  json_object_set_array_member (doc, "Statement", statements);
  json_object_set_string_member (doc, "Version", "2012-10-17");
  return wharf_cfn_object (doc);
}

JsonObject *
wharf_ecs_add_resource (WharfEcsConvert *ctx,
                        const char      *logical_id,
                        const char      *type,
                        const char      *owner)
{
  const char *previous = g_hash_table_lookup (ctx->owners, logical_id);
  JsonObject *resource;

  if (previous != NULL && g_strcmp0 (previous, owner) != 0)
    {
      if (ctx->error == NULL)
        g_set_error (&ctx->error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_COLLISION,
                     _("%s and %s both give the CloudFormation logical ID “%s”; rename one of them"),
                     previous, owner, logical_id);
      return NULL;
    }
  if (previous != NULL)
    return wharf_template_get_properties (ctx->tpl, logical_id);
  g_hash_table_insert (ctx->owners, g_strdup (logical_id), g_strdup (owner));
  resource = wharf_template_add_resource (ctx->tpl, logical_id, type);
  return json_object_get_object_member (resource, "Properties");
}

void
wharf_ecs_add_depends_on (WharfEcsConvert *ctx,
                          const char      *logical_id,
                          const char      *dependency)
{
  JsonObject *resource = wharf_template_get_resource (ctx->tpl, logical_id);
  JsonArray *depends;

  if (resource == NULL)
    return;
  if (!json_object_has_member (resource, "DependsOn"))
    json_object_set_array_member (resource, "DependsOn", json_array_new ());
  depends = json_object_get_array_member (resource, "DependsOn");
  for (guint i = 0; i < json_array_get_length (depends); i++)
    if (g_strcmp0 (json_array_get_string_element (depends, i), dependency) == 0)
      return;
  json_array_add_string_element (depends, dependency);
}

WharfNode *
wharf_ecs_lookup (const WharfNode *node,
                  const char      *first_key,
                  ...)
{
  va_list ap;
  WharfNode *current = (WharfNode *) node;

  va_start (ap, first_key);
  for (const char *key = first_key; key != NULL && current != NULL; key = va_arg (ap, const char *))
    {
      if (wharf_node_get_kind (current) != WHARF_NODE_MAPPING)
        current = NULL;
      else
        current = wharf_node_mapping_lookup (current, key);
    }
  va_end (ap);
  return current;
}

const char *
wharf_ecs_lookup_string (const WharfNode *node,
                         const char      *key)
{
  WharfNode *value = wharf_ecs_lookup (node, key, NULL);

  if (value == NULL || wharf_node_get_kind (value) != WHARF_NODE_SCALAR)
    return NULL;
  return wharf_node_get_scalar (value);
}

gboolean
wharf_ecs_lookup_bool (const WharfNode *node,
                       const char      *key)
{
  WharfNode *value = wharf_ecs_lookup (node, key, NULL);
  gboolean result = FALSE;

  if (value == NULL || !wharf_node_get_boolean (value, &result))
    return FALSE;
  return result;
}

JsonNode *
wharf_ecs_node_to_json (const WharfNode *node)
{
  return wharf_node_to_json_node (node);
}

/* GPUs reserved through devices (capability gpu) or generic_resources. */
guint
wharf_ecs_service_gpus (const WharfNode *service)
{
  WharfNode *reservations = wharf_ecs_lookup (service, "deploy", "resources", "reservations", NULL);
  WharfNode *devices = wharf_ecs_lookup (reservations, "devices", NULL);
  WharfNode *generic = wharf_ecs_lookup (reservations, "generic_resources", NULL);
  guint gpus = 0;

  for (guint i = 0; devices && wharf_node_get_kind (devices) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (devices); i++)
    {
      WharfNode *device = wharf_node_sequence_get (devices, i);
      WharfNode *caps = wharf_ecs_lookup (device, "capabilities", NULL);
      gboolean is_gpu = FALSE;
      gint64 count = 0;

      for (guint j = 0; caps && wharf_node_get_kind (caps) == WHARF_NODE_SEQUENCE &&
                        j < wharf_node_sequence_size (caps); j++)
        if (g_strcmp0 (wharf_node_get_scalar (wharf_node_sequence_get (caps, j)), "gpu") == 0)
          is_gpu = TRUE;
      if (!is_gpu)
        continue;
      if (!wharf_node_get_int64 (wharf_ecs_lookup (device, "count", NULL), &count) || count <= 0)
        count = 1;
      gpus += (guint) MIN (count, 64);
    }
  for (guint i = 0; generic && wharf_node_get_kind (generic) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (generic); i++)
    {
      WharfNode *spec = wharf_ecs_lookup (wharf_node_sequence_get (generic, i),
                                          "discrete_resource_spec", NULL);
      gint64 value = 0;

      if (g_strcmp0 (wharf_ecs_lookup_string (spec, "kind"), "gpus") == 0 &&
          wharf_node_get_int64 (wharf_ecs_lookup (spec, "value", NULL), &value) && value > 0)
        gpus += (guint) MIN (value, 64);
    }
  return gpus;
}

static gboolean
read_resources (const WharfNode *resources,
                double          *cpus,
                guint64         *memory)
{
  WharfNode *cpu_node = wharf_ecs_lookup (resources, "cpus", NULL);
  WharfNode *mem_node = wharf_ecs_lookup (resources, "memory", NULL);
  gboolean found = FALSE;
  gint64 bytes;

  if (cpu_node != NULL && wharf_node_get_double (cpu_node, cpus))
    found = TRUE;
  if (mem_node != NULL)
    {
      if (wharf_node_get_int64 (mem_node, &bytes) && bytes >= 0)
        *memory = (guint64) bytes, found = TRUE;
      else if (wharf_node_get_kind (mem_node) == WHARF_NODE_SCALAR &&
               wharf_parse_byte_size (wharf_node_get_scalar (mem_node), memory))
        found = TRUE;
    }
  return found;
}

/* Limits if present, else reservations, else the legacy cpus/mem_limit. */
gboolean
wharf_ecs_service_resources (const WharfNode *service,
                             double          *cpus,
                             guint64         *memory_bytes)
{
  WharfNode *resources = wharf_ecs_lookup (service, "deploy", "resources", NULL);
  WharfNode *legacy = wharf_node_new_mapping (NULL, 0, 0);
  gboolean found;

  *cpus = 0;
  *memory_bytes = 0;
  found = read_resources (wharf_ecs_lookup (resources, "limits", NULL), cpus, memory_bytes) ||
          read_resources (wharf_ecs_lookup (resources, "reservations", NULL), cpus, memory_bytes);
  if (!found)
    {
      WharfNode *c = wharf_ecs_lookup (service, "cpus", NULL);
      WharfNode *m = wharf_ecs_lookup (service, "mem_limit", NULL);

      if (c != NULL)
        wharf_node_mapping_set (legacy, "cpus", wharf_node_copy (c));
      if (m != NULL)
        wharf_node_mapping_set (legacy, "memory", wharf_node_copy (m));
      found = read_resources (legacy, cpus, memory_bytes);
    }
  wharf_node_unref (legacy);
  return found;
}

gboolean
wharf_ecs_port_is_http (const WharfNode *port)
{
  const char *protocol = wharf_ecs_lookup_string (port, "x-aws-protocol");
  gint64 target = 0, published = 0;

  if (protocol != NULL)
    return g_ascii_strcasecmp (protocol, "http") == 0 || g_ascii_strcasecmp (protocol, "https") == 0;
  if (g_strcmp0 (wharf_ecs_lookup_string (port, "protocol"), "udp") == 0)
    return FALSE;
  /* "80:8000" is a web port too: the listener is on 80. */
  wharf_node_get_int64 (wharf_ecs_lookup (port, "target", NULL), &target);
  wharf_node_get_int64 (wharf_ecs_lookup (port, "published", NULL), &published);
  return target == 80 || target == 443 || published == 80 || published == 443;
}
