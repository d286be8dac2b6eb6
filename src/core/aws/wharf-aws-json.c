/* wharf-aws-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wharf-aws-json.h"
#include "wharf-aws-request.h"

/* What json-glib must not be given: its parser recurses once per nesting
 * level (hostile input could exhaust the stack), and json-glib 1.6 takes
 * values written one after the other ("x"{…}, [1][2]) as one document
 * and leaks all but the last. AWS answers with one value: anything else
 * is refused before parsing. */
typedef enum {
  SHAPE_OK,
  SHAPE_TOO_DEEP,        /* over WHARF_AWS_JSON_MAX_DEPTH levels */
  SHAPE_SEVERAL_VALUES,
} Shape;

static Shape
check_shape (const char *data,
             gsize       length)
{
  guint depth = 0, values = 0;
  gboolean in_string = FALSE, in_bare = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (depth == 0)
        {
          /* a value starts at the top level */
          gboolean bare = !g_ascii_isspace (c) && strchr ("{}[]\",", c) == NULL;

          if ((c == '{' || c == '[' || c == '"' || (bare && !in_bare)) && ++values > 1)
            return SHAPE_SEVERAL_VALUES;
          in_bare = bare;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > WHARF_AWS_JSON_MAX_DEPTH)
            return SHAPE_TOO_DEEP;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return SHAPE_OK;
}

G_DEFINE_QUARK (wharf-json-error-quark, wharf_json_error)

gboolean
wharf_json_check_shape (const char  *data,
                        gssize       length,
                        GError     **error)
{
  g_return_val_if_fail (data != NULL || length <= 0, FALSE);

  if (data == NULL)
    return TRUE;
  switch (check_shape (data, length < 0 ? strlen (data) : (gsize) length))
    {
    case SHAPE_TOO_DEEP:
      g_set_error (error, WHARF_JSON_ERROR, WHARF_JSON_ERROR_TOO_DEEP,
                   _("The JSON document is nested more than %u levels deep"),
                   (guint) WHARF_AWS_JSON_MAX_DEPTH);
      return FALSE;
    case SHAPE_SEVERAL_VALUES:
      g_set_error_literal (error, WHARF_JSON_ERROR, WHARF_JSON_ERROR_SEVERAL_VALUES,
                           _("The JSON document holds more than one value"));
      return FALSE;
    case SHAPE_OK:
    default:
      return TRUE;
    }
}

JsonNode *
wharf_aws_json_parse (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL || length == 0)
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, 0,
                                  NULL, NULL, _("The response body is empty"));
      return NULL;
    }
  if (length > G_MAXSSIZE)
    length = G_MAXSSIZE;
  switch (check_shape (data, length))
    {
    case SHAPE_TOO_DEEP:
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, 0,
                                  NULL, NULL, _("The JSON response is nested too deeply"));
      return NULL;
    case SHAPE_SEVERAL_VALUES:
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, 0,
                                  NULL, NULL, _("Invalid JSON in the response: more than one value"));
      return NULL;
    case SHAPE_OK:
    default:
      break;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_autofree char *msg = g_strdup_printf (_("Invalid JSON in the response: %s"),
                                              local_error->message);

      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, 0,
                                  NULL, NULL, msg);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, 0,
                                  NULL, NULL, _("The response body is empty"));
      return NULL;
    }
  return json_node_ref (root);
}

char *
wharf_aws_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static JsonNode *
member_node (JsonObject *object,
             const char *member)
{
  if (object == NULL || member == NULL)
    return NULL;
  return json_object_get_member (object, member);
}

const char *
wharf_aws_json_get_string (JsonObject *object,
                           const char *member)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
wharf_aws_json_get_int (JsonObject *object,
                        const char *member,
                        gint64      default_value)
{
  JsonNode *node = member_node (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return default_value;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (isfinite (d) && d >= (double) G_MININT64 && d < (double) G_MAXINT64)
        return (gint64) d;
    }
  return default_value;
}

gboolean
wharf_aws_json_get_bool (JsonObject *object,
                         const char *member,
                         gboolean    default_value)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;
  return json_node_get_boolean (node);
}

JsonObject *
wharf_aws_json_get_object (JsonObject *object,
                           const char *member)
{
  JsonNode *node = member_node (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
wharf_aws_json_get_array (JsonObject *object,
                          const char *member)
{
  JsonNode *node = member_node (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

char **
wharf_aws_json_get_strv (JsonObject *object,
                         const char *member)
{
  JsonArray *array = wharf_aws_json_get_array (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

GDateTime *
wharf_aws_json_get_datetime (JsonObject *object,
                             const char *member,
                             gboolean    milliseconds)
{
  JsonNode *node = member_node (object, member);
  GType type;
  double seconds;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      return g_date_time_new_from_iso8601 (json_node_get_string (node), utc);
    }
  if (type == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);
      gint64 unit = milliseconds ? 1000 : 1;
      gint64 whole = value / unit;
      gint64 rest = value % unit;
      g_autoptr(GDateTime) base = NULL;

      if (rest < 0)
        {
          whole--;
          rest += unit;
        }
      /* GDateTime covers years 1..9999. */
      if (whole < -62135596800 || whole > 253402300799)
        return NULL;
      base = g_date_time_new_from_unix_utc (whole);
      return base != NULL ? g_date_time_add (base, rest * (G_USEC_PER_SEC / unit)) : NULL;
    }
  if (type != G_TYPE_DOUBLE)
    return NULL;
  seconds = json_node_get_double (node);
  if (milliseconds)
    seconds /= 1000.0;
  if (!isfinite (seconds) || seconds < -62135596800.0 || seconds > 253402300799.0)
    return NULL;
  {
    g_autoptr(GDateTime) base = g_date_time_new_from_unix_utc ((gint64) floor (seconds));

    if (base == NULL)
      return NULL;
    return g_date_time_add (base, (GTimeSpan) llround ((seconds - floor (seconds)) * G_USEC_PER_SEC));
  }
}

JsonObject *
wharf_aws_json_root_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

void
wharf_aws_json_set_string (JsonObject *object,
                           const char *member,
                           const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

void
wharf_aws_json_set_strv (JsonObject         *object,
                         const char         *member,
                         const char * const *values)
{
  JsonArray *array;

  if (values == NULL)
    return;
  array = json_array_new ();
  for (gsize i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, member, array);
}

/* "com.amazonaws.ecs#ClusterNotFoundException:http://…" → "ClusterNotFoundException" */
static char *
normalise_code (const char *raw)
{
  const char *start = strrchr (raw, '#');
  const char *end;

  start = start != NULL ? start + 1 : raw;
  end = strchr (start, ':');
  return end != NULL ? g_strndup (start, (gsize) (end - start)) : g_strdup (start);
}

gboolean
wharf_aws_json_get_error (JsonNode    *root,
                          const char  *error_type_header,
                          char       **code,
                          const char **message)
{
  JsonObject *object = wharf_aws_json_root_object (root);
  const char *raw = error_type_header;
  const char *msg;
  g_autofree char *normalised = NULL;

  if (raw == NULL || *raw == '\0')
    raw = wharf_aws_json_get_string (object, "__type");
  if (raw == NULL || *raw == '\0')
    raw = wharf_aws_json_get_string (object, "code");
  if (raw == NULL || *raw == '\0')
    raw = wharf_aws_json_get_string (object, "ErrorCode");
  if (raw == NULL || *raw == '\0')
    return FALSE;

  normalised = normalise_code (raw);
  if (*normalised == '\0')
    return FALSE;

  msg = wharf_aws_json_get_string (object, "message");
  if (msg == NULL)
    msg = wharf_aws_json_get_string (object, "Message");
  if (msg == NULL)
    msg = wharf_aws_json_get_string (object, "errorMessage");

  *code = g_steal_pointer (&normalised);
  *message = msg;
  return TRUE;
}

static void
redact_node (JsonNode *node,
             guint     depth)
{
  if (node == NULL || depth > 64)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        redact_node (json_array_get_element (array, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *value = json_object_get_member (object, name);

          if (wharf_aws_is_secret_name (name, strlen (name)) && JSON_NODE_HOLDS_VALUE (value))
            json_object_set_string_member (object, name, "<redacted>");
          else
            redact_node (value, depth + 1);
        }
    }
}

char *
wharf_aws_redact_json (const char *text,
                       gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || length == 0)
    return g_strdup ("");
  if (check_shape (text, length) != SHAPE_OK ||
      !json_parser_load_from_data (parser, text, (gssize) MIN (length, G_MAXSSIZE), NULL))
    return g_strdup ("<unparsable body>");
  root = json_parser_get_root (parser);
  redact_node (root, 0);
  return wharf_aws_json_to_string (root);
}
