/* wharf-sandbox-intrinsics.c: Ref, Fn::GetAtt, Fn::Sub and the other
 * intrinsic functions and conditions, evaluated against a stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

#define MAX_EVAL_DEPTH 64

char *
sbx_node_to_string (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *out = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = sbx_node_to_string (json_array_get_element (array, i));

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append (out, item);
        }
      return g_string_free (out, FALSE);
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_to_string (node, FALSE);
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
}

static JsonNode *
string_node (const char *s)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, s ? s : "");
  return node;
}

static JsonNode *
array_of_strings (char **items)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; items && items[i]; i++)
    json_array_add_string_element (array, items[i]);
  json_node_take_array (node, array);
  return node;
}

static JsonNode *eval (SbxEval *ev, JsonNode *node, guint depth);

static JsonNode *
eval_ref (SbxEval *ev, const char *name)
{
  JsonObject *params = sbx_template_section (ev->tmpl, "Parameters");
  SbxResource *res;

  if (g_str_equal (name, "AWS::Region"))
    return string_node (ev->state->region);
  if (g_str_equal (name, "AWS::AccountId"))
    return string_node (ev->state->account_id);
  if (g_str_equal (name, "AWS::StackName"))
    return string_node (ev->stack->name);
  if (g_str_equal (name, "AWS::StackId"))
    return string_node (ev->stack->stack_id);
  if (g_str_equal (name, "AWS::Partition"))
    return string_node ("aws");
  if (g_str_equal (name, "AWS::URLSuffix"))
    return string_node ("amazonaws.com");
  if (g_str_equal (name, "AWS::NoValue"))
    return NULL;
  if (g_str_equal (name, "AWS::NotificationARNs"))
    return array_of_strings (NULL);
  if (params && json_object_has_member (params, name))
    {
      JsonObject *decl = json_object_get_object_member (params, name);
      const char *type = decl ? json_object_get_string_member_with_default (decl, "Type", "String") : "String";
      const char *value = sbx_pairs_lookup (ev->parameters, name);

      if (g_str_has_prefix (type, "List<") || g_str_equal (type, "CommaDelimitedList"))
        {
          g_auto(GStrv) items = value && *value ? g_strsplit (value, ",", -1) : NULL;

          for (guint i = 0; items && items[i]; i++)
            g_strstrip (items[i]);
          return array_of_strings (items);
        }
      return string_node (value);
    }
  res = sbx_stack_resource (ev->stack, name);
  return string_node (res ? res->physical_id : "");
}

static JsonNode *
eval_getatt (SbxEval *ev, const char *id, const char *attribute)
{
  SbxResource *res = sbx_stack_resource (ev->stack, id);
  const char *value = res ? g_hash_table_lookup (res->attributes, attribute) : NULL;

  return string_node (value);
}

static char *
eval_sub (SbxEval *ev, const char *text, JsonObject *locals, guint depth)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      const char *start = strstr (p, "${");
      const char *end;
      g_autofree char *name = NULL;
      g_autoptr(JsonNode) value = NULL;
      char *dot;

      if (start == NULL || (end = strchr (start, '}')) == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, start - p);
      p = end + 1;
      if (start[2] == '!')
        {
          g_string_append (out, "${");
          g_string_append_len (out, start + 3, end - start - 3);
          g_string_append_c (out, '}');
          continue;
        }
      name = g_strndup (start + 2, end - start - 2);
      g_strstrip (name);
      if (locals && json_object_has_member (locals, name))
        value = eval (ev, json_object_get_member (locals, name), depth + 1);
      else if ((dot = strchr (name, '.')) != NULL && !g_str_has_prefix (name, "AWS::"))
        {
          *dot = '\0';
          value = eval_getatt (ev, name, dot + 1);
        }
      else
        value = eval_ref (ev, name);
      {
        g_autofree char *s = sbx_node_to_string (value);
        g_string_append (out, s);
      }
    }
  return g_string_free (out, FALSE);
}

static gboolean
truthy (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return g_strcmp0 (json_node_get_string (node), "true") == 0;
}

static JsonNode *
bool_node (gboolean value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (node, value);
  return node;
}

static JsonNode *
eval_function (SbxEval *ev, const char *fn, JsonNode *arg, guint depth)
{
  g_autoptr(JsonNode) a = NULL;
  JsonArray *args;

  if (g_str_equal (fn, "Ref"))
    return JSON_NODE_HOLDS_VALUE (arg) ? eval_ref (ev, json_node_get_string (arg)) : string_node ("");
  if (g_str_equal (fn, "Condition"))
    return bool_node (JSON_NODE_HOLDS_VALUE (arg) && sbx_eval_condition (ev, json_node_get_string (arg)));
  if (g_str_equal (fn, "Fn::GetAtt"))
    {
      if (JSON_NODE_HOLDS_ARRAY (arg) && json_array_get_length (json_node_get_array (arg)) == 2)
        {
          g_autoptr(JsonNode) name = eval (ev, json_array_get_element (json_node_get_array (arg), 1), depth + 1);
          g_autofree char *s = sbx_node_to_string (name);

          return eval_getatt (ev, json_array_get_string_element (json_node_get_array (arg), 0), s);
        }
      if (JSON_NODE_HOLDS_VALUE (arg))
        {
          g_auto(GStrv) parts = g_strsplit (json_node_get_string (arg), ".", 2);
          return eval_getatt (ev, parts[0], parts[1] ? parts[1] : "");
        }
      return string_node ("");
    }
  if (g_str_equal (fn, "Fn::Sub"))
    {
      if (JSON_NODE_HOLDS_VALUE (arg))
        {
          g_autofree char *s = eval_sub (ev, json_node_get_string (arg), NULL, depth);
          return string_node (s);
        }
      if (JSON_NODE_HOLDS_ARRAY (arg) && json_array_get_length (json_node_get_array (arg)) == 2)
        {
          JsonArray *sa = json_node_get_array (arg);
          JsonNode *vars = json_array_get_element (sa, 1);
          g_autofree char *s = eval_sub (ev, json_array_get_string_element (sa, 0),
                                         JSON_NODE_HOLDS_OBJECT (vars) ? json_node_get_object (vars) : NULL,
                                         depth);
          return string_node (s);
        }
      return string_node ("");
    }
  if (g_str_equal (fn, "Fn::Base64") || g_str_equal (fn, "Fn::ImportValue"))
    {
      g_autoptr(JsonNode) v = eval (ev, arg, depth + 1);
      g_autofree char *s = sbx_node_to_string (v);

      if (g_str_equal (fn, "Fn::ImportValue"))
        return string_node (g_hash_table_lookup (ev->state->exports, s));
      {
        g_autofree char *b64 = g_base64_encode ((const guchar *) s, strlen (s));
        return string_node (b64);
      }
    }
  if (g_str_equal (fn, "Fn::GetAZs"))
    {
      g_autoptr(GPtrArray) azs = g_ptr_array_new ();

      for (guint i = 0; i < ev->state->subnets->len; i++)
        {
          SbxSubnet *s = g_ptr_array_index (ev->state->subnets, i);

          if (!g_ptr_array_find_with_equal_func (azs, s->az, g_str_equal, NULL))
            g_ptr_array_add (azs, s->az);
        }
      if (azs->len == 0)
        {
          /* no subnets seeded: the region's zones */
          g_auto(GStrv) zones = g_new0 (char *, 7);

          for (int i = 0; i < 6; i++)
            zones[i] = g_strdup_printf ("%s%c", ev->state->region, 'a' + i);
          return array_of_strings (zones);
        }
      g_ptr_array_add (azs, NULL);
      return array_of_strings ((char **) azs->pdata);
    }

  if (g_str_equal (fn, "Fn::If") && JSON_NODE_HOLDS_ARRAY (arg) &&
      json_array_get_length (json_node_get_array (arg)) == 3)
    {
      JsonArray *ia = json_node_get_array (arg);
      gboolean cond = sbx_eval_condition (ev, json_array_get_string_element (ia, 0));

      return eval (ev, json_array_get_element (ia, cond ? 1 : 2), depth + 1);
    }
  a = eval (ev, arg, depth + 1);
  args = a && JSON_NODE_HOLDS_ARRAY (a) ? json_node_get_array (a) : NULL;
  if (g_str_equal (fn, "Fn::Join") && args && json_array_get_length (args) == 2)
    {
      g_autofree char *delim = sbx_node_to_string (json_array_get_element (args, 0));
      JsonNode *list = json_array_get_element (args, 1);
      GString *out = g_string_new (NULL);

      for (guint i = 0; JSON_NODE_HOLDS_ARRAY (list) && i < json_array_get_length (json_node_get_array (list)); i++)
        {
          g_autofree char *s = sbx_node_to_string (json_array_get_element (json_node_get_array (list), i));

          if (i > 0)
            g_string_append (out, delim);
          g_string_append (out, s);
        }
      {
        g_autofree char *joined = g_string_free (out, FALSE);
        return string_node (joined);
      }
    }
  if (g_str_equal (fn, "Fn::Select") && args && json_array_get_length (args) == 2)
    {
      g_autofree char *index_s = sbx_node_to_string (json_array_get_element (args, 0));
      JsonNode *list = json_array_get_element (args, 1);
      guint64 index = g_ascii_strtoull (index_s, NULL, 10);

      if (JSON_NODE_HOLDS_ARRAY (list) && index < json_array_get_length (json_node_get_array (list)))
        return json_node_copy (json_array_get_element (json_node_get_array (list), index));
      return string_node ("");
    }
  if (g_str_equal (fn, "Fn::Split") && args && json_array_get_length (args) == 2)
    {
      g_autofree char *delim = sbx_node_to_string (json_array_get_element (args, 0));
      g_autofree char *s = sbx_node_to_string (json_array_get_element (args, 1));
      g_auto(GStrv) parts = g_strsplit (s, *delim ? delim : ",", -1);

      return array_of_strings (parts);
    }
  if (g_str_equal (fn, "Fn::FindInMap") && args && json_array_get_length (args) >= 3)
    {
      JsonObject *maps = sbx_template_section (ev->tmpl, "Mappings");
      g_autofree char *m = sbx_node_to_string (json_array_get_element (args, 0));
      g_autofree char *k1 = sbx_node_to_string (json_array_get_element (args, 1));
      g_autofree char *k2 = sbx_node_to_string (json_array_get_element (args, 2));
      JsonNode *map = maps ? json_object_get_member (maps, m) : NULL;
      JsonNode *top = map && JSON_NODE_HOLDS_OBJECT (map) ? json_object_get_member (json_node_get_object (map), k1) : NULL;
      JsonNode *value = top && JSON_NODE_HOLDS_OBJECT (top) ? json_object_get_member (json_node_get_object (top), k2) : NULL;

      return value ? json_node_copy (value) : string_node ("");
    }
  if (g_str_equal (fn, "Fn::Equals") && args && json_array_get_length (args) == 2)
    {
      g_autofree char *x = sbx_node_to_string (json_array_get_element (args, 0));
      g_autofree char *y = sbx_node_to_string (json_array_get_element (args, 1));
      return bool_node (g_str_equal (x, y));
    }
  if ((g_str_equal (fn, "Fn::And") || g_str_equal (fn, "Fn::Or") || g_str_equal (fn, "Fn::Not")) && args)
    {
      gboolean and = g_str_equal (fn, "Fn::And");
      gboolean result = and || g_str_equal (fn, "Fn::Not");

      for (guint i = 0; i < json_array_get_length (args); i++)
        {
          gboolean v = truthy (json_array_get_element (args, i));

          if (g_str_equal (fn, "Fn::Not"))
            result = !v;
          else
            result = and ? (result && v) : (result || v);
        }
      return bool_node (result);
    }
  if (g_str_equal (fn, "Fn::Cidr"))
    {
      static char *cidrs[] = { "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24", NULL };
      return array_of_strings (cidrs);
    }
  /* unknown function: keep it as data */
  {
    JsonObject *obj = json_object_new ();
    JsonNode *node = json_node_new (JSON_NODE_OBJECT);

    json_object_set_member (obj, fn, a ? json_node_copy (a) : json_node_new (JSON_NODE_NULL));
    json_node_take_object (node, obj);
    return node;
  }
}

static JsonNode *
eval (SbxEval *ev, JsonNode *node, guint depth)
{
  if (node == NULL)
    return NULL;
  if (depth > MAX_EVAL_DEPTH)
    return string_node ("");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *in = json_node_get_array (node);
      JsonArray *out = json_array_new ();
      JsonNode *result = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (in); i++)
        {
          JsonNode *item = eval (ev, json_array_get_element (in, i), depth + 1);

          if (item != NULL)
            json_array_add_element (out, item);
        }
      json_node_take_array (result, out);
      return result;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *in = json_node_get_object (node);
      JsonObject *out;
      JsonNode *result;
      GList *members = json_object_get_members (in);

      if (json_object_get_size (in) == 1 &&
          (g_str_has_prefix (members->data, "Fn::") || g_str_equal (members->data, "Ref") ||
           g_str_equal (members->data, "Condition")))
        {
          const char *fn = members->data;

          g_list_free (members);
          return eval_function (ev, fn, json_object_get_member (in, fn), depth);
        }
      out = json_object_new ();
      for (GList *l = members; l; l = l->next)
        {
          JsonNode *value = eval (ev, json_object_get_member (in, l->data), depth + 1);

          if (value != NULL)
            json_object_set_member (out, l->data, value);
        }
      g_list_free (members);
      result = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (result, out);
      return result;
    }
  return json_node_copy (node);
}

JsonNode *
sbx_eval (SbxEval  *ev,
          JsonNode *node)
{
  return eval (ev, node, 0);
}

gboolean
sbx_eval_condition (SbxEval    *ev,
                    const char *name)
{
  JsonObject *conditions = sbx_template_section (ev->tmpl, "Conditions");
  g_autoptr(JsonNode) value = NULL;

  if (name == NULL || conditions == NULL || !json_object_has_member (conditions, name))
    return FALSE;
  value = eval (ev, json_object_get_member (conditions, name), 1);
  return truthy (value);
}

gboolean
sbx_resource_enabled (SbxEval    *ev,
                      const char *logical_id)
{
  JsonObject *res = sbx_template_resource (ev->tmpl, logical_id);
  const char *condition = res ? json_object_get_string_member_with_default (res, "Condition", NULL) : NULL;

  if (res == NULL)
    return FALSE;
  return condition == NULL || sbx_eval_condition (ev, condition);
}
