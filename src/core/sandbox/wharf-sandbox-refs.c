/* wharf-sandbox-refs.c: what a template node refers to, as CloudFormation
 * reads it: Ref, Fn::GetAtt (both forms), DependsOn, and the ${Name} and
 * ${Resource.Attribute} variables of Fn::Sub (not its local variables).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

static void
collect_sub (const char *text, JsonObject *locals, GHashTable *set, GHashTable *getatts)
{
  const char *p = text;

  while ((p = strstr (p, "${")) != NULL)
    {
      const char *end = strchr (p, '}');
      g_autofree char *name = NULL;
      char *dot;

      if (end == NULL)
        break;
      if (p[2] == '!')
        {
          p = end + 1;
          continue;
        }
      name = g_strndup (p + 2, end - p - 2);
      g_strstrip (name);
      dot = strchr (name, '.');
      if (dot)
        *dot = '\0';
      if (!(locals && json_object_has_member (locals, name)))
        {
          g_hash_table_add (set, g_strdup (name));
          if (dot && getatts)
            g_hash_table_add (getatts, g_strdup (name));
        }
      p = end + 1;
    }
}

static void
collect (JsonNode *node, GHashTable *set, GHashTable *getatts)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect (json_array_get_element (array, i), set, getatts);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  {
    JsonObject *obj = json_node_get_object (node);
    JsonNode *arg;

    if (json_object_get_size (obj) == 1 && (arg = json_object_get_member (obj, "Ref")) &&
        JSON_NODE_HOLDS_VALUE (arg) && json_node_get_value_type (arg) == G_TYPE_STRING)
      {
        g_hash_table_add (set, g_strdup (json_node_get_string (arg)));
        return;
      }
    if (json_object_get_size (obj) == 1 && (arg = json_object_get_member (obj, "Fn::GetAtt")))
      {
        g_autofree char *target = NULL;

        if (JSON_NODE_HOLDS_ARRAY (arg) && json_array_get_length (json_node_get_array (arg)) >= 1)
          target = g_strdup (json_array_get_string_element (json_node_get_array (arg), 0));
        else if (JSON_NODE_HOLDS_VALUE (arg) && json_node_get_value_type (arg) == G_TYPE_STRING)
          target = g_strdup (json_node_get_string (arg));
        if (target && strchr (target, '.'))
          *strchr (target, '.') = '\0';
        if (target)
          {
            g_hash_table_add (set, g_strdup (target));
            if (getatts)
              g_hash_table_add (getatts, g_strdup (target));
          }
        return;
      }
    if (json_object_get_size (obj) == 1 && (arg = json_object_get_member (obj, "Fn::Sub")))
      {
        if (JSON_NODE_HOLDS_VALUE (arg))
          collect_sub (json_node_get_string (arg), NULL, set, getatts);
        else if (JSON_NODE_HOLDS_ARRAY (arg) && json_array_get_length (json_node_get_array (arg)) == 2)
          {
            JsonArray *a = json_node_get_array (arg);
            JsonNode *vars = json_array_get_element (a, 1);
            JsonObject *locals = JSON_NODE_HOLDS_OBJECT (vars) ? json_node_get_object (vars) : NULL;

            if (JSON_NODE_HOLDS_VALUE (json_array_get_element (a, 0)))
              collect_sub (json_array_get_string_element (a, 0), locals, set, getatts);
            collect (vars, set, getatts);
          }
        return;
      }
    {
      GList *members = json_object_get_members (obj);

      for (GList *l = members; l; l = l->next)
        collect (json_object_get_member (obj, l->data), set, getatts);
      g_list_free (members);
    }
  }
}

void
sbx_collect_refs (JsonNode   *node,
                  GHashTable *set)
{
  collect (node, set, NULL);
}

void
sbx_collect_refs_and_getatts (JsonNode   *node,
                              GHashTable *set,
                              GHashTable *getatts)
{
  collect (node, set, getatts);
}
