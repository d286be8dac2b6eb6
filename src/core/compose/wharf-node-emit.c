/* wharf-node-emit.c: WharfNode trees as YAML (libyaml emitter) and JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <yaml.h>

#include "wharf-node.h"

static int
write_to_gstring (void          *data,
                  unsigned char *buffer,
                  size_t         size)
{
  g_string_append_len ((GString *) data, (const char *) buffer, size);
  return 1;
}

/* A string must be quoted when, written plain, it would read back as
 * another type (or as null), as the Compose tools print them. */
static gboolean
string_needs_quotes (const char *text)
{
  if (*text == '\0' || g_str_equal (text, "~") || g_ascii_strcasecmp (text, "null") == 0)
    return TRUE;
  if (wharf_scalar_resolve_type (text) != WHARF_SCALAR_STRING)
    return TRUE;
  /* YAML 1.1 readers (PyYAML, docker-compose 1.x) take these as booleans. */
  if (g_ascii_strcasecmp (text, "yes") == 0 || g_ascii_strcasecmp (text, "no") == 0 ||
      g_ascii_strcasecmp (text, "on") == 0 || g_ascii_strcasecmp (text, "off") == 0 ||
      g_ascii_strcasecmp (text, "y") == 0 || g_ascii_strcasecmp (text, "n") == 0)
    return TRUE;
  /* Numbers with a leading zero or sexagesimal forms read as ints in YAML 1.1. */
  if (g_ascii_isdigit (text[0]) && strspn (text, "0123456789:._") == strlen (text))
    return TRUE;
  return FALSE;
}

static gboolean
emit_scalar (yaml_emitter_t  *emitter,
             const char      *text,
             yaml_scalar_style_t style)
{
  yaml_event_t event;

  yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) text, (int) strlen (text),
                                1, 1, style);
  return yaml_emitter_emit (emitter, &event);
}

static gboolean
emit_node (yaml_emitter_t  *emitter,
           const WharfNode *node)
{
  yaml_event_t event;

  switch (wharf_node_get_kind (node))
    {
    case WHARF_NODE_NULL:
      return emit_scalar (emitter, "null", YAML_PLAIN_SCALAR_STYLE);

    case WHARF_NODE_SCALAR:
      {
        const char *text = wharf_node_get_scalar (node);
        yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;

        if (wharf_node_get_scalar_type (node) != WHARF_SCALAR_STRING)
          style = YAML_PLAIN_SCALAR_STYLE;
        else if (string_needs_quotes (text))
          style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
        else if (strchr (text, '\n') != NULL)
          style = YAML_LITERAL_SCALAR_STYLE;
        return emit_scalar (emitter, text, style);
      }

    case WHARF_NODE_SEQUENCE:
      yaml_sequence_start_event_initialize (&event, NULL, NULL, 1,
                                            wharf_node_sequence_size (node) == 0
                                            ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
      if (!yaml_emitter_emit (emitter, &event))
        return FALSE;
      for (guint i = 0; i < wharf_node_sequence_size (node); i++)
        if (!emit_node (emitter, wharf_node_sequence_get (node, i)))
          return FALSE;
      yaml_sequence_end_event_initialize (&event);
      return yaml_emitter_emit (emitter, &event);

    case WHARF_NODE_MAPPING:
      yaml_mapping_start_event_initialize (&event, NULL, NULL, 1,
                                           wharf_node_mapping_size (node) == 0
                                           ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
      if (!yaml_emitter_emit (emitter, &event))
        return FALSE;
      for (guint i = 0; i < wharf_node_mapping_size (node); i++)
        {
          const char *key = wharf_node_mapping_get_key (node, i);

          if (!emit_scalar (emitter, key, string_needs_quotes (key)
                                          ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                          : YAML_ANY_SCALAR_STYLE))
            return FALSE;
          if (!emit_node (emitter, wharf_node_mapping_get_value (node, i)))
            return FALSE;
        }
      yaml_mapping_end_event_initialize (&event);
      return yaml_emitter_emit (emitter, &event);

    default:
      g_assert_not_reached ();
    }
}

char *
wharf_node_to_yaml (const WharfNode  *node,
                    gsize            *length,
                    GError          **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  yaml_emitter_t emitter;
  yaml_event_t event;
  gboolean ok;

  g_return_val_if_fail (node != NULL, NULL);

  yaml_emitter_initialize (&emitter);
  yaml_emitter_set_output (&emitter, write_to_gstring, out);
  yaml_emitter_set_unicode (&emitter, 1);
  yaml_emitter_set_width (&emitter, -1);
  yaml_emitter_set_indent (&emitter, 2);

  yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING);
  ok = yaml_emitter_emit (&emitter, &event);
  yaml_document_start_event_initialize (&event, NULL, NULL, NULL, 1);
  ok = ok && yaml_emitter_emit (&emitter, &event);
  ok = ok && emit_node (&emitter, node);
  yaml_document_end_event_initialize (&event, 1);
  ok = ok && yaml_emitter_emit (&emitter, &event);
  yaml_stream_end_event_initialize (&event);
  ok = ok && yaml_emitter_emit (&emitter, &event);

  if (!ok)
    {
      g_set_error (error, WHARF_YAML_ERROR, WHARF_YAML_ERROR_SYNTAX, "cannot write YAML: %s",
                   emitter.problem ? emitter.problem : "emitter error");
      yaml_emitter_delete (&emitter);
      return NULL;
    }
  yaml_emitter_delete (&emitter);
  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

JsonNode *
wharf_node_to_json_node (const WharfNode *node)
{
  JsonNode *json = NULL;

  switch (wharf_node_get_kind (node))
    {
    case WHARF_NODE_NULL:
      return json_node_new (JSON_NODE_NULL);

    case WHARF_NODE_SCALAR:
      {
        const char *text = wharf_node_get_scalar (node);
        gint64 i;
        double d;
        gboolean b;

        json = json_node_new (JSON_NODE_VALUE);
        switch (wharf_node_get_scalar_type (node))
          {
          case WHARF_SCALAR_INT:
            if (wharf_node_get_int64 (node, &i))
              {
                json_node_set_int (json, i);
                return json;
              }
            break;
          case WHARF_SCALAR_FLOAT:
            if (wharf_node_get_double (node, &d) && isfinite (d))
              {
                json_node_set_double (json, d);
                return json;
              }
            break;
          case WHARF_SCALAR_BOOL:
            if (wharf_node_get_boolean (node, &b))
              {
                json_node_set_boolean (json, b);
                return json;
              }
            break;
          case WHARF_SCALAR_STRING:
          default:
            break;
          }
        json_node_set_string (json, text);
        return json;
      }

    case WHARF_NODE_SEQUENCE:
      {
        JsonArray *array = json_array_sized_new (wharf_node_sequence_size (node));

        for (guint i = 0; i < wharf_node_sequence_size (node); i++)
          json_array_add_element (array, wharf_node_to_json_node (wharf_node_sequence_get (node, i)));
        json = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (json, array);
        return json;
      }

    case WHARF_NODE_MAPPING:
      {
        JsonObject *object = json_object_new ();

        for (guint i = 0; i < wharf_node_mapping_size (node); i++)
          json_object_set_member (object, wharf_node_mapping_get_key (node, i),
                                  wharf_node_to_json_node (wharf_node_mapping_get_value (node, i)));
        json = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (json, object);
        return json;
      }

    default:
      g_assert_not_reached ();
    }
}

char *
wharf_node_to_json (const WharfNode *node,
                    gboolean         pretty)
{
  g_autoptr(JsonNode) json = wharf_node_to_json_node (node);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, json);
  return json_generator_to_data (gen, NULL);
}

WharfNode *
wharf_node_from_json_node (JsonNode *json)
{
  switch (json_node_get_node_type (json))
    {
    case JSON_NODE_NULL:
      return wharf_node_new_null (NULL, 0, 0);

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (json);

        if (type == G_TYPE_INT64)
          return wharf_node_new_int (json_node_get_int (json));
        if (type == G_TYPE_DOUBLE)
          return wharf_node_new_double (json_node_get_double (json));
        if (type == G_TYPE_BOOLEAN)
          return wharf_node_new_bool (json_node_get_boolean (json));
        return wharf_node_new_string (json_node_get_string (json));
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (json);
        WharfNode *seq = wharf_node_new_sequence (NULL, 0, 0);

        for (guint i = 0; i < json_array_get_length (array); i++)
          wharf_node_sequence_append (seq, wharf_node_from_json_node (json_array_get_element (array, i)));
        return seq;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (json);
        WharfNode *map = wharf_node_new_mapping (NULL, 0, 0);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          wharf_node_mapping_set (map, name, wharf_node_from_json_node (member));
        return map;
      }

    default:
      g_assert_not_reached ();
    }
}
