/* wharf-ecs-overlay.c: the x-aws-cloudformation overlay, deep-merged onto
 * the generated template (semantics in README.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-ecs-convert.h"

static JsonNode *merge (JsonNode *destination,
                        JsonNode *overlay);

static void
merge_object (JsonObject *destination,
              JsonObject *overlay)
{
  g_autoptr(GList) members = json_object_get_members (overlay);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (overlay, l->data);
      JsonNode *existing = json_object_get_member (destination, l->data);

      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (destination, l->data);
      else if (existing != NULL)
        json_object_set_member (destination, l->data, merge (existing, value));
      else
        json_object_set_member (destination, l->data, wharf_json_sorted_copy (value));
    }
}

/* The member every element of ARRAY has (as a string), or NULL. */
static gboolean
all_have_key (JsonArray  *array,
              const char *key)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return FALSE;
      value = json_object_get_member (json_node_get_object (element), key);
      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
          json_node_get_value_type (value) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

static const char *
merge_key (JsonArray *destination,
           JsonArray *overlay)
{
  static const char * const keys[] = { "Name", "Key", NULL };

  if (json_array_get_length (overlay) == 0)
    return NULL;
  for (guint k = 0; keys[k] != NULL; k++)
    if (all_have_key (destination, keys[k]) && all_have_key (overlay, keys[k]))
      return keys[k];
  return NULL;
}

static JsonNode *
merge_array (JsonArray *destination,
             JsonArray *overlay)
{
  const char *key = merge_key (destination, overlay);
  JsonArray *result;

  if (key == NULL)
    {
      JsonNode *tmp = json_node_init_array (json_node_alloc (), overlay);
      JsonNode *copy = wharf_json_sorted_copy (tmp);

      json_node_unref (tmp);
      return copy;
    }
  result = json_array_new ();
  for (guint i = 0; i < json_array_get_length (destination); i++)
    json_array_add_element (result, wharf_json_sorted_copy (json_array_get_element (destination, i)));
  for (guint i = 0; i < json_array_get_length (overlay); i++)
    {
      JsonNode *element = json_array_get_element (overlay, i);
      const char *name = json_object_get_string_member (json_node_get_object (element), key);
      gboolean merged = FALSE;

      for (guint j = 0; j < json_array_get_length (result) && !merged; j++)
        {
          JsonObject *candidate = json_array_get_object_element (result, j);

          if (g_strcmp0 (json_object_get_string_member (candidate, key), name) == 0)
            {
              merge_object (candidate, json_node_get_object (element));
              merged = TRUE;
            }
        }
      if (!merged)
        json_array_add_element (result, wharf_json_sorted_copy (element));
    }
  JsonNode *node = json_node_init_array (json_node_alloc (), result);
  json_array_unref (result);
  return node;
}

/* A new node: DESTINATION with OVERLAY merged in. */
static JsonNode *
merge (JsonNode *destination,
       JsonNode *overlay)
{
  if (JSON_NODE_HOLDS_OBJECT (destination) && JSON_NODE_HOLDS_OBJECT (overlay))
    {
      JsonNode *copy = wharf_json_sorted_copy (destination);

      merge_object (json_node_get_object (copy), json_node_get_object (overlay));
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (destination) && JSON_NODE_HOLDS_ARRAY (overlay))
    return merge_array (json_node_get_array (destination), json_node_get_array (overlay));
  return wharf_json_sorted_copy (overlay);
}

gboolean
wharf_ecs_apply_overlay (WharfTemplate  *template_,
                         JsonNode       *overlay,
                         GError        **error)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE (template_), FALSE);

  if (overlay == NULL || JSON_NODE_HOLDS_NULL (overlay))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (overlay))
    {
      g_set_error_literal (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_EXTENSION,
                           _("x-aws-cloudformation must be a mapping (a partial CloudFormation template)"));
      return FALSE;
    }
  merge_object (wharf_template_get_root (template_), json_node_get_object (overlay));
  if (wharf_template_get_root (template_) == NULL ||
      !json_object_has_member (wharf_template_get_root (template_), "Resources"))
    {
      g_set_error_literal (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_EXTENSION,
                           _("x-aws-cloudformation removes the Resources of the template"));
      return FALSE;
    }
  return TRUE;
}
