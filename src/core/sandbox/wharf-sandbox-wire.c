/* wharf-sandbox-wire.c: request decoding and response encoding for the
 * protocols of aws.md §3 (Query, EC2, JSON 1.1, rest-json, S3's rest-xml).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

/* Form bodies and URL queries: '+' is a space, %XX escapes. */
GHashTable *
sbx_parse_form (const char *data,
                gsize       length)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *copy = g_strndup (data ? data : "", data ? length : 0);
  g_auto(GStrv) pairs = g_strsplit (copy, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      char *p;

      if (pairs[i][0] == '\0')
        continue;
      if (eq)
        *eq = '\0';
      for (p = pairs[i]; *p; p++)
        if (*p == '+')
          *p = ' ';
      if (eq)
        for (p = eq + 1; *p; p++)
          if (*p == '+')
            *p = ' ';
      name = g_uri_unescape_string (pairs[i], NULL);
      value = g_uri_unescape_string (eq ? eq + 1 : "", NULL);
      if (name == NULL || value == NULL)
        continue;
      g_hash_table_replace (table, g_steal_pointer (&name), g_steal_pointer (&value));
    }
  return table;
}

const char *
sbx_param (SbxRequest *req,
           const char *name)
{
  if (req->params == NULL)
    return NULL;
  return g_hash_table_lookup (req->params, name);
}

GStrv
sbx_param_list (SbxRequest *req,
                const char *prefix)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 1; i < 10000; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s.%u", prefix, i);
      const char *value = sbx_param (req, key);

      if (value == NULL)
        break;
      g_strv_builder_add (builder, value);
    }
  return g_strv_builder_end (builder);
}

GPtrArray *
sbx_param_pairs (SbxRequest *req,
                 const char *prefix,
                 const char *key,
                 const char *value)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_pair_free);

  for (guint i = 1; i < 10000; i++)
    {
      g_autofree char *k = g_strdup_printf ("%s.%u.%s", prefix, i, key);
      g_autofree char *v = g_strdup_printf ("%s.%u.%s", prefix, i, value);
      g_autofree char *prev = g_strdup_printf ("%s.%u.UsePreviousValue", prefix, i);
      const char *kv = sbx_param (req, k);
      SbxPair *pair;

      if (kv == NULL)
        break;
      pair = sbx_pair_new (kv, sbx_param (req, v));
      /* UsePreviousValue=true is marked by a NULL value */
      if (g_strcmp0 (sbx_param (req, prev), "true") == 0)
        g_clear_pointer (&pair->value, g_free);
      else if (pair->value == NULL)
        pair->value = g_strdup ("");
      g_ptr_array_add (pairs, pair);
    }
  return pairs;
}

const char *
sbx_json_string (SbxRequest *req,
                 const char *member)
{
  JsonNode *node;

  if (req->json == NULL)
    return NULL;
  node = json_object_get_member (req->json, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
sbx_json_int (SbxRequest *req,
              const char *member,
              gint64      fallback)
{
  JsonNode *node;

  if (req->json == NULL)
    return fallback;
  node = json_object_get_member (req->json, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

void
sbx_xml_text (GString    *out,
              const char *element,
              const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  escaped = g_markup_escape_text (text, -1);
  g_string_append_printf (out, "<%s>%s</%s>", element, escaped, element);
}

void
sbx_xml_bool (GString    *out,
              const char *element,
              gboolean    value)
{
  g_string_append_printf (out, "<%s>%s</%s>", element, value ? "true" : "false", element);
}

void
sbx_xml_int (GString    *out,
             const char *element,
             gint64      value)
{
  g_string_append_printf (out, "<%s>%" G_GINT64_FORMAT "</%s>", element, value, element);
}

void
sbx_xml_time (GString    *out,
              const char *element,
              gint64      usec)
{
  g_autofree char *iso = sbx_iso8601 (usec);

  if (usec > 0)
    sbx_xml_text (out, element, iso);
}

double
sbx_json_time (gint64 usec)
{
  return (double) (usec / 1000) / 1000.0;
}

static void
set_common_headers (SbxRequest *req,
                    const char *content_type)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  soup_message_headers_replace (headers, "x-amzn-RequestId", req->request_id);
  if (req->protocol == SBX_PROTO_REST_XML)
    {
      soup_message_headers_replace (headers, "x-amz-request-id", req->request_id);
      soup_message_headers_replace (headers, "x-amz-id-2", req->request_id);
    }
  if (content_type)
    soup_message_headers_replace (headers, "Content-Type", content_type);
}

static void
reply_string (SbxRequest *req,
              guint       status,
              const char *content_type,
              GString    *body)
{
  gsize len = body->len;
  char *data = g_string_free (body, FALSE);

  set_common_headers (req, content_type);
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_TAKE, data, len);
}

void
sbx_reply_query (SbxRequest *req,
                 const char *result)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append_printf (out, "<%sResponse xmlns=\"%s\">", req->operation, req->xmlns);
  if (result != NULL)
    g_string_append_printf (out, "<%sResult>%s</%sResult>", req->operation, result, req->operation);
  g_string_append_printf (out, "<ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>"
                          "</%sResponse>\n", req->request_id, req->operation);
  reply_string (req, SOUP_STATUS_OK, "text/xml", out);
}

void
sbx_reply_ec2 (SbxRequest *req,
               const char *body)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append_printf (out, "<%sResponse xmlns=\"%s\"><requestId>%s</requestId>%s</%sResponse>\n",
                          req->operation, req->xmlns, req->request_id, body, req->operation);
  reply_string (req, SOUP_STATUS_OK, "text/xml;charset=UTF-8", out);
}

void
sbx_reply_json (SbxRequest *req,
                guint       status,
                JsonNode   *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  GString *out = g_string_new (NULL);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  g_string_append (out, text);
  json_node_unref (node);
  reply_string (req, status,
                req->protocol == SBX_PROTO_REST_JSON ? "application/json"
                                                      : "application/x-amz-json-1.1",
                out);
}

void
sbx_reply_raw (SbxRequest *req,
               guint       status,
               const char *content_type,
               GBytes     *body)
{
  set_common_headers (req, NULL);
  soup_server_message_set_status (req->msg, status, NULL);
  if (body)
    soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_COPY,
                                      g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  else
    soup_message_headers_set_content_length (soup_server_message_get_response_headers (req->msg), 0);
}

void
sbx_reply_error (SbxRequest *req,
                 guint       status,
                 const char *code,
                 const char *message)
{
  g_autofree char *msg = g_markup_escape_text (message ? message : "", -1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  GString *out;

  switch (req->protocol)
    {
    case SBX_PROTO_JSON:
    case SBX_PROTO_REST_JSON:
      {
        g_autoptr(JsonBuilder) b = json_builder_new ();

        json_builder_begin_object (b);
        json_builder_set_member_name (b, req->protocol == SBX_PROTO_JSON ? "__type" : "ErrorCode");
        json_builder_add_string_value (b, code);
        /* Secrets Manager and EFS spell it "Message" */
        json_builder_set_member_name (b, (g_strcmp0 (req->service, "ecs") == 0 ||
                                          g_strcmp0 (req->service, "logs") == 0)
                                      ? "message" : "Message");
        json_builder_add_string_value (b, message ? message : "");
        json_builder_end_object (b);
        soup_message_headers_replace (headers, "x-amzn-ErrorType", code);
        sbx_reply_json (req, status, json_builder_get_root (b));
        return;
      }
    case SBX_PROTO_EC2:
      out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      g_string_append_printf (out, "<Response><Errors><Error><Code>%s</Code><Message>%s</Message>"
                              "</Error></Errors><RequestID>%s</RequestID></Response>\n",
                              code, msg, req->request_id);
      reply_string (req, status, "text/xml;charset=UTF-8", out);
      return;
    case SBX_PROTO_REST_XML:
      out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      g_string_append_printf (out, "<Error><Code>%s</Code><Message>%s</Message>"
                              "<RequestId>%s</RequestId></Error>\n", code, msg, req->request_id);
      reply_string (req, status, "application/xml", out);
      return;
    case SBX_PROTO_QUERY:
    default:
      out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      g_string_append_printf (out, "<ErrorResponse xmlns=\"%s\"><Error><Type>%s</Type>"
                              "<Code>%s</Code><Message>%s</Message></Error>"
                              "<RequestId>%s</RequestId></ErrorResponse>\n",
                              req->xmlns ? req->xmlns : "", status >= 500 ? "Receiver" : "Sender",
                              code, msg, req->request_id);
      reply_string (req, status, "text/xml", out);
      return;
    }
}

/* Engine errors (WHARF_SANDBOX_ERROR) carry the AWS code in their message
 * prefix "Code: message"; others are ValidationError. */
void
sbx_reply_gerror (SbxRequest   *req,
                  const GError *error)
{
  const char *colon = strstr (error->message, ": ");
  g_autofree char *code = NULL;

  if (colon && error->code == WHARF_SANDBOX_ERROR_STATE && strchr (error->message, ' ') > colon)
    {
      code = g_strndup (error->message, colon - error->message);
      sbx_reply_error (req, 400, code, colon + 2);
      return;
    }
  sbx_reply_error (req, 400, "ValidationError", error->message);
}
