/* wharf-aws-response.c: turning an HTTP answer into a parsed response or
 * an error carrying the AWS code, for every protocol (declared in
 * wharf-aws-request.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-json.h"
#include "wharf-aws-request.h"
#include "wharf-aws-retry.h"

static const char *
response_request_id (SoupMessageHeaders *headers)
{
  const char *id;

  if (headers == NULL)
    return NULL;
  id = soup_message_headers_get_one (headers, "x-amzn-RequestId");
  if (id == NULL)
    id = soup_message_headers_get_one (headers, "x-amz-request-id");
  return id;
}

/* A body of the wrong kind (an HTML proxy page, JSON for an XML protocol…)
 * must not be decoded as an empty but valid answer. */
static gboolean
content_type_ok (WharfAwsProtocol  protocol,
                 const char       *content_type)
{
  gboolean json = protocol == WHARF_AWS_PROTOCOL_JSON || protocol == WHARF_AWS_PROTOCOL_REST_JSON;

  /* text/html is not refused here: moto labels its XML answers so. An
   * HTML page is caught by its root element instead. */
  if (content_type == NULL)
    return TRUE;
  if (json)
    return strstr (content_type, "xml") == NULL;
  return strstr (content_type, "json") == NULL;
}

/* An HTML page (proxy, captive portal) is well-formed XML but no answer;
 * Query answers are always <OperationResponse>. */
static gboolean
xml_root_ok (WharfAwsProtocol        protocol,
             const WharfAwsXmlNode  *root)
{
  if (g_ascii_strcasecmp (root->name, "html") == 0)
    return FALSE;
  if (protocol == WHARF_AWS_PROTOCOL_QUERY || protocol == WHARF_AWS_PROTOCOL_EC2)
    return g_str_has_suffix (root->name, "Response");
  return TRUE;
}

static void
set_service_error (GError             **error,
                   guint                status,
                   const char          *code,
                   const char          *message,
                   const char          *request_id)
{
  g_autofree char *status_code = NULL;
  WharfAwsClientError kind;

  if (code == NULL || *code == '\0')
    {
      status_code = g_strdup_printf ("%u", status);
      code = status_code;
      if (message == NULL || *message == '\0')
        message = soup_status_get_phrase (status);
    }
  if (message == NULL || *message == '\0')
    message = _("The service reported an error without a message");

  kind = wharf_aws_retry_is_throttling_code (code) || status == 429
         ? WHARF_AWS_CLIENT_ERROR_THROTTLED : WHARF_AWS_CLIENT_ERROR_SERVICE;
  wharf_aws_client_set_error (error, kind, status, code, request_id, message);
}

static void
parse_error_body (WharfAwsProtocol    protocol,
                  guint               status,
                  SoupMessageHeaders *headers,
                  const char         *data,
                  gsize               length,
                  GError            **error)
{
  const char *request_id = response_request_id (headers);
  const char *type_header = headers != NULL ? soup_message_headers_get_one (headers, "x-amzn-ErrorType") : NULL;

  gsize skip = 0;
  gboolean json;

  /* Decide by the body, not the protocol: gateways and emulators answer
   * JSON services with XML errors (and the other way round). */
  while (skip < length && g_ascii_isspace (data[skip]))
    skip++;
  json = skip < length ? data[skip] == '{'
                       : protocol == WHARF_AWS_PROTOCOL_JSON || protocol == WHARF_AWS_PROTOCOL_REST_JSON;
  if (json)
    {
      g_autoptr(JsonNode) root = length > 0 ? wharf_aws_json_parse (data, length, NULL) : NULL;
      g_autofree char *code = NULL;
      const char *message = NULL;

      if (wharf_aws_json_get_error (root, type_header, &code, &message))
        {
          set_service_error (error, status, code, message, request_id);
          return;
        }
    }
  else
    {
      g_autoptr(WharfAwsXmlNode) root = length > 0 ? wharf_aws_xml_parse (data, length, NULL) : NULL;
      const char *code = NULL, *message = NULL, *xml_id = NULL;

      if (wharf_aws_xml_get_error (root, &code, &message, &xml_id))
        {
          set_service_error (error, status, code, message, request_id != NULL ? request_id : xml_id);
          return;
        }
    }

  /* No error shape: keep the error type header, else the HTTP status. */
  if (type_header != NULL)
    {
      g_autoptr(JsonNode) none = NULL;
      g_autofree char *code = NULL;
      const char *message = NULL;

      if (wharf_aws_json_get_error (none, type_header, &code, &message))
        {
          set_service_error (error, status, code, NULL, request_id);
          return;
        }
    }
  set_service_error (error, status, NULL, NULL, request_id);
}

WharfAwsResponse *
wharf_aws_response_parse (WharfAwsProtocol    protocol,
                          guint               status,
                          SoupMessageHeaders *headers,
                          GBytes             *body,
                          GError            **error)
{
  g_autoptr(WharfAwsResponse) response = NULL;
  const char *request_id = response_request_id (headers);
  const char *content_type = headers != NULL ? soup_message_headers_get_content_type (headers, NULL) : NULL;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  g_autoptr(GError) local_error = NULL;

  if (status < 200 || status > 299)
    {
      parse_error_body (protocol, status, headers, data, length, error);
      return NULL;
    }

  if (!content_type_ok (protocol, content_type))
    {
      g_autofree char *msg = g_strdup_printf (_("Unexpected content type “%s” in the response"),
                                              content_type);

      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, status,
                                  NULL, request_id, msg);
      return NULL;
    }

  response = g_new0 (WharfAwsResponse, 1);
  response->status = status;
  response->request_id = g_strdup (request_id);
  response->headers = headers != NULL ? soup_message_headers_ref (headers) : NULL;
  response->body = body != NULL ? g_bytes_ref (body) : NULL;

  if (length == 0)
    return g_steal_pointer (&response);

  if (protocol == WHARF_AWS_PROTOCOL_JSON || protocol == WHARF_AWS_PROTOCOL_REST_JSON)
    {
      response->json = wharf_aws_json_parse (data, length, &local_error);
      if (response->json != NULL && !JSON_NODE_HOLDS_OBJECT (response->json))
        wharf_aws_client_set_error (&local_error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, status,
                                    NULL, request_id, _("The JSON response is not an object"));
    }
  else
    {
      const char *code = NULL, *message = NULL, *xml_id = NULL;

      response->xml = wharf_aws_xml_parse (data, length, &local_error);
      if (response->xml != NULL && !xml_root_ok (protocol, response->xml))
        {
          g_autofree char *msg = g_strdup_printf (_("Unexpected document “%s” (content type “%s”) in the response"),
                                                  response->xml->name, content_type != NULL ? content_type : "");

          wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, status,
                                      NULL, request_id, msg);
          return NULL;
        }
      /* Some services answer 200 with an error document. */
      if (response->xml != NULL &&
          (strcmp (response->xml->name, "ErrorResponse") == 0 ||
           strcmp (response->xml->name, "Response") == 0 ||
           strcmp (response->xml->name, "Error") == 0) &&
          wharf_aws_xml_get_error (response->xml, &code, &message, &xml_id))
        {
          set_service_error (error, status, code, message, request_id != NULL ? request_id : xml_id);
          return NULL;
        }
    }

  if (local_error != NULL)
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, status,
                                  NULL, request_id, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&response);
}

void
wharf_aws_response_free (WharfAwsResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->request_id);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->xml, wharf_aws_xml_node_free);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}

static void
set_malformed (GError           **error,
               WharfAwsResponse  *response,
               const char        *what)
{
  g_autofree char *msg = g_strdup_printf (_("The response has no %s"), what);

  wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, response->status,
                              NULL, response->request_id, msg);
}

WharfAwsXmlNode *
wharf_aws_response_query_result (WharfAwsResponse  *response,
                                 const char        *operation,
                                 GError           **error)
{
  g_autofree char *name = g_strconcat (operation, "Result", NULL);
  WharfAwsXmlNode *result = wharf_aws_xml_get (response->xml, name);

  if (result == NULL)
    set_malformed (error, response, name);
  return result;
}

WharfAwsXmlNode *
wharf_aws_response_xml_root (WharfAwsResponse  *response,
                             GError           **error)
{
  if (response->xml == NULL)
    set_malformed (error, response, "XML document");
  return response->xml;
}

JsonObject *
wharf_aws_response_json_object (WharfAwsResponse  *response,
                                GError           **error)
{
  JsonObject *object = wharf_aws_json_root_object (response->json);

  if (object == NULL)
    set_malformed (error, response, "JSON object");
  return object;
}
