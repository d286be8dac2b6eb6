/* wharf-template-yaml.c: sorted copies of JSON trees and their YAML form.
 *
 * YAML is written through libyaml's emitter in block style. Strings that a
 * YAML 1.1 or 1.2 reader would take for another type ("256", "-1", "true",
 * "2010-09-09", "yes") are double-quoted, so every reader gets the same
 * document (CloudFormation, cfn-lint/PyYAML, Wharf's own loader).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <yaml.h>

#include "wharf-ecs-error.h"
#include "wharf-template.h"

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The member names of OBJECT, sorted; the strings belong to OBJECT.
 * (json_object_get_members () copies the list: slower.) */
static GPtrArray *
sorted_members (JsonObject *object)
{
  GPtrArray *names = g_ptr_array_sized_new (json_object_get_size (object));
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_members);
  return names;
}

JsonNode *
wharf_json_sorted_copy (JsonNode *node)
{
  if (node == NULL)
    return json_node_new (JSON_NODE_NULL);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObject *copy = json_object_new ();
        g_autoptr(GPtrArray) members = sorted_members (object);
        JsonNode *result;

        for (guint i = 0; i < members->len; i++)
          json_object_set_member (copy, members->pdata[i],
                                  wharf_json_sorted_copy (json_object_get_member (object, members->pdata[i])));
        result = json_node_init_object (json_node_alloc (), copy);
        json_object_unref (copy);
        return result;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *copy = json_array_sized_new (json_array_get_length (array));
        JsonNode *result;

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (copy, wharf_json_sorted_copy (json_array_get_element (array, i)));
        result = json_node_init_array (json_node_alloc (), copy);
        json_array_unref (copy);
        return result;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

static gboolean
looks_like_number_or_date (const char *s)
{
  const char *p = s;

  if (*p == '+' || *p == '-' || *p == '.')
    p++;
  return g_ascii_isdigit (*p) || g_ascii_strcasecmp (p, "inf") == 0 ||
         g_ascii_strcasecmp (p, "nan") == 0;
}

/* TRUE when a plain scalar with this text would not read back as the same
 * string in YAML 1.1 or 1.2. */
static gboolean
needs_quotes (const char *s)
{
  static const char * const specials[] = {
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", NULL,
  };

  if (*s == '\0')
    return TRUE;
  if (looks_like_number_or_date (s))
    return TRUE;
  for (guint i = 0; specials[i] != NULL; i++)
    if (g_ascii_strcasecmp (s, specials[i]) == 0)
      return TRUE;
  /* Leading or trailing blanks and line breaks read back differently. */
  return g_ascii_isspace (s[0]) || g_ascii_isspace (s[strlen (s) - 1]) ||
         strchr (s, '\n') != NULL;
}

static gboolean
emit_scalar (yaml_emitter_t     *emitter,
             const char         *text,
             yaml_scalar_style_t style)
{
  yaml_event_t event;

  if (!yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) text,
                                     (int) strlen (text), 1, 1, style))
    return FALSE;
  return yaml_emitter_emit (emitter, &event) != 0;
}

static gboolean
emit_node (yaml_emitter_t *emitter,
           JsonNode       *node)
{
  yaml_event_t event;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GPtrArray) members = sorted_members (object);
        gboolean empty = members->len == 0;

        if (!yaml_mapping_start_event_initialize (&event, NULL, NULL, 1,
                                                  empty ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE) ||
            !yaml_emitter_emit (emitter, &event))
          return FALSE;
        for (guint i = 0; i < members->len; i++)
          {
            const char *key = members->pdata[i];

            if (!emit_scalar (emitter, key,
                              needs_quotes (key) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE) ||
                !emit_node (emitter, json_object_get_member (object, key)))
              return FALSE;
          }
        yaml_mapping_end_event_initialize (&event);
        return yaml_emitter_emit (emitter, &event) != 0;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (!yaml_sequence_start_event_initialize (&event, NULL, NULL, 1,
                                                   n == 0 ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE) ||
            !yaml_emitter_emit (emitter, &event))
          return FALSE;
        for (guint i = 0; i < n; i++)
          if (!emit_node (emitter, json_array_get_element (array, i)))
            return FALSE;
        yaml_sequence_end_event_initialize (&event);
        return yaml_emitter_emit (emitter, &event) != 0;
      }
    case JSON_NODE_NULL:
      return emit_scalar (emitter, "null", YAML_PLAIN_SCALAR_STYLE);
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (type == G_TYPE_STRING)
          {
            const char *s = json_node_get_string (node);

            return emit_scalar (emitter, s, needs_quotes (s) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                                             : YAML_PLAIN_SCALAR_STYLE);
          }
        if (type == G_TYPE_BOOLEAN)
          return emit_scalar (emitter, json_node_get_boolean (node) ? "true" : "false",
                              YAML_PLAIN_SCALAR_STYLE);
        if (type == G_TYPE_DOUBLE)
          {
            g_ascii_formatd (buf, sizeof buf, "%.15g", json_node_get_double (node));
            return emit_scalar (emitter, buf, YAML_PLAIN_SCALAR_STYLE);
          }
        g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int (node));
        return emit_scalar (emitter, buf, YAML_PLAIN_SCALAR_STYLE);
      }
    }
}

static int
write_to_string (void          *data,
                 unsigned char *buffer,
                 size_t         size)
{
  g_string_append_len (data, (const char *) buffer, (gssize) size);
  return 1;
}

char *
wharf_json_to_yaml (JsonNode  *node,
                    gsize     *length,
                    GError   **error)
{
  yaml_emitter_t emitter;
  yaml_event_t event;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok;

  g_return_val_if_fail (node != NULL, NULL);
  if (!yaml_emitter_initialize (&emitter))
    {
      g_set_error_literal (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_FORMAT,
                           _("cannot initialise the YAML writer"));
      return NULL;
    }
  yaml_emitter_set_output (&emitter, write_to_string, out);
  yaml_emitter_set_unicode (&emitter, 1);
  yaml_emitter_set_width (&emitter, -1);
  yaml_emitter_set_indent (&emitter, 2);

  ok = yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_document_start_event_initialize (&event, NULL, NULL, NULL, 1) &&
       yaml_emitter_emit (&emitter, &event) &&
       emit_node (&emitter, node) &&
       yaml_document_end_event_initialize (&event, 1) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_stream_end_event_initialize (&event) &&
       yaml_emitter_emit (&emitter, &event) &&
       yaml_emitter_flush (&emitter);
  if (!ok)
    {
      g_set_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_FORMAT,
                   _("cannot write YAML: %s"),
                   emitter.problem ? emitter.problem : _("unknown error"));
      yaml_emitter_delete (&emitter);
      return NULL;
    }
  yaml_emitter_delete (&emitter);
  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
