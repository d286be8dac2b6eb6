/* wharf-sandbox-yaml.c: CloudFormation YAML to a JSON tree, with the
 * short-form intrinsic function tags (!Ref, !GetAtt, !Sub…), as
 * CloudFormation reads it (no aliases).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <yaml.h>

#include "wharf-sandbox-private.h"

#define MAX_DEPTH 128

typedef struct {
  yaml_parser_t parser;
  GError      **error;
} Reader;

static gboolean
fail (Reader *r, const char *message, gsize line, gsize column)
{
  if (*r->error == NULL)
    g_set_error (r->error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_TEMPLATE,
                 "Template format error: %s (line %" G_GSIZE_FORMAT ", column %" G_GSIZE_FORMAT ")",
                 message, line + 1, column + 1);
  return FALSE;
}

static gboolean
next_event (Reader *r, yaml_event_t *event)
{
  if (!yaml_parser_parse (&r->parser, event))
    return fail (r, "YAML not well-formed.", r->parser.problem_mark.line,
                 r->parser.problem_mark.column);
  return TRUE;
}

/* Wraps VALUE for a short-form tag: !Ref x → {"Ref": x}, !Sub → Fn::Sub… */
static JsonNode *
apply_tag (const char *tag, JsonNode *value)
{
  g_autoptr(JsonObject) obj = NULL;
  JsonNode *wrapped;
  const char *name;

  if (tag == NULL || tag[0] != '!' || tag[1] == '\0' || tag[1] == '!')
    return value;
  name = tag + 1;
  obj = json_object_new ();
  if (g_str_equal (name, "GetAtt") && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);
      const char *dot = strchr (text, '.');
      g_autofree char *head = dot ? g_strndup (text, dot - text) : g_strdup (text);
      JsonArray *parts = json_array_new ();

      json_array_add_string_element (parts, head);
      if (dot)
        json_array_add_string_element (parts, dot + 1);
      json_node_unref (value);
      value = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (value, parts);
    }
  if (g_str_equal (name, "Ref") || g_str_equal (name, "Condition"))
    json_object_set_member (obj, name, value);
  else
    {
      g_autofree char *fn = g_strconcat ("Fn::", name, NULL);
      json_object_set_member (obj, fn, value);
    }
  wrapped = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (wrapped, obj);
  return wrapped;
}

static JsonNode *
scalar_node (yaml_event_t *event)
{
  const char *text = (const char *) event->data.scalar.value;
  gboolean plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                   event->data.scalar.tag == NULL;
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  char *end = NULL;

  if (plain)
    {
      if (text[0] == '\0' || g_str_equal (text, "~") || g_str_equal (text, "null") ||
          g_str_equal (text, "Null") || g_str_equal (text, "NULL"))
        {
          json_node_init_null (node);
          return node;
        }
      if (g_str_equal (text, "true") || g_str_equal (text, "True") || g_str_equal (text, "TRUE"))
        {
          json_node_set_boolean (node, TRUE);
          return node;
        }
      if (g_str_equal (text, "false") || g_str_equal (text, "False") || g_str_equal (text, "FALSE"))
        {
          json_node_set_boolean (node, FALSE);
          return node;
        }
      if (g_regex_match_simple ("^[-+]?[0-9]+$", text, 0, 0))
        {
          gint64 v = g_ascii_strtoll (text, &end, 10);

          if (end && *end == '\0' && !(text[0] == '0' && text[1] != '\0'))
            {
              json_node_set_int (node, v);
              return node;
            }
        }
      if (g_regex_match_simple ("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$", text, 0, 0))
        {
          json_node_set_double (node, g_ascii_strtod (text, NULL));
          return node;
        }
    }
  json_node_set_string (node, text);
  return node;
}

static JsonNode *read_node (Reader *r, yaml_event_t *event, guint depth);

static JsonNode *
read_mapping (Reader *r, guint depth)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  JsonNode *node;

  for (;;)
    {
      yaml_event_t key_event, value_event;
      g_autofree char *key = NULL;
      JsonNode *value;

      if (!next_event (r, &key_event))
        return NULL;
      if (key_event.type == YAML_MAPPING_END_EVENT)
        {
          yaml_event_delete (&key_event);
          break;
        }
      if (key_event.type != YAML_SCALAR_EVENT)
        {
          fail (r, key_event.type == YAML_ALIAS_EVENT
                ? "YAML aliases are not allowed in CloudFormation templates"
                : "Mapping keys must be strings.",
                key_event.start_mark.line, key_event.start_mark.column);
          yaml_event_delete (&key_event);
          return NULL;
        }
      key = g_strdup ((const char *) key_event.data.scalar.value);
      if (json_object_has_member (obj, key))
        {
          g_autofree char *m = g_strdup_printf ("Duplicate key “%s”.", key);
          fail (r, m, key_event.start_mark.line, key_event.start_mark.column);
          yaml_event_delete (&key_event);
          return NULL;
        }
      yaml_event_delete (&key_event);
      if (!next_event (r, &value_event))
        return NULL;
      value = read_node (r, &value_event, depth + 1);
      yaml_event_delete (&value_event);
      if (value == NULL)
        return NULL;
      json_object_set_member (obj, key, value);
    }
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, obj);
  return node;
}

static JsonNode *
read_sequence (Reader *r, guint depth)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  for (;;)
    {
      yaml_event_t event;
      JsonNode *item;

      if (!next_event (r, &event))
        return NULL;
      if (event.type == YAML_SEQUENCE_END_EVENT)
        {
          yaml_event_delete (&event);
          break;
        }
      item = read_node (r, &event, depth + 1);
      yaml_event_delete (&event);
      if (item == NULL)
        return NULL;
      json_array_add_element (array, item);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

static JsonNode *
read_node (Reader *r, yaml_event_t *event, guint depth)
{
  JsonNode *node = NULL;
  const char *tag = NULL;

  if (depth > MAX_DEPTH)
    {
      fail (r, "Template is nested too deeply.", event->start_mark.line, event->start_mark.column);
      return NULL;
    }
  switch (event->type)
    {
    case YAML_SCALAR_EVENT:
      tag = (const char *) event->data.scalar.tag;
      node = scalar_node (event);
      break;
    case YAML_MAPPING_START_EVENT:
      tag = (const char *) event->data.mapping_start.tag;
      node = read_mapping (r, depth);
      break;
    case YAML_SEQUENCE_START_EVENT:
      tag = (const char *) event->data.sequence_start.tag;
      node = read_sequence (r, depth);
      break;
    case YAML_ALIAS_EVENT:
      fail (r, "YAML aliases are not allowed in CloudFormation templates",
            event->start_mark.line, event->start_mark.column);
      return NULL;
    default:
      fail (r, "YAML not well-formed.", event->start_mark.line, event->start_mark.column);
      return NULL;
    }
  if (node == NULL)
    return NULL;
  return apply_tag (tag, node);
}

JsonNode *
sbx_yaml_to_json (const char  *data,
                  gsize        length,
                  GError     **error)
{
  Reader r = { 0 };
  JsonNode *root = NULL;
  gboolean done = FALSE;
  g_autoptr(GError) local = NULL;

  r.error = &local;
  yaml_parser_initialize (&r.parser);
  yaml_parser_set_input_string (&r.parser, (const unsigned char *) data, length);
  while (!done)
    {
      yaml_event_t event;

      if (!next_event (&r, &event))
        break;
      switch (event.type)
        {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
          break;
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;
        default:
          if (root != NULL)
            {
              fail (&r, "Templates must contain one YAML document.",
                    event.start_mark.line, event.start_mark.column);
              done = TRUE;
              break;
            }
          root = read_node (&r, &event, 0);
          if (root == NULL)
            done = TRUE;
          break;
        }
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&r.parser);
  if (local != NULL)
    {
      g_clear_pointer (&root, json_node_unref);
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return root;
}
