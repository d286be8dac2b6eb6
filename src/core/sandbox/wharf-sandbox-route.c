/* wharf-sandbox-route.c: which service and operation a request is for
 * (X-Amz-Target, the EFS path, the Version of a Query request, the SigV4
 * scope for S3), its JSON body, its handler, and the protocol's
 * throttling error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-aws-json.h"
#include "wharf-sandbox-private.h"

typedef struct {
  const char *target_prefix;
  const char *service;
} TargetRoute;

static const TargetRoute target_routes[] = {
  { "AmazonEC2ContainerServiceV20141113", "ecs" },
  { "Logs_20140328", "logs" },
  { "secretsmanager", "secretsmanager" },
  { "AmazonSSM", "ssm" },
};

typedef struct {
  const char *version;
  const char *service;
  const char *xmlns;
  SbxProtocol protocol;
} VersionRoute;

static const VersionRoute version_routes[] = {
  { "2010-05-15", "cloudformation", "http://cloudformation.amazonaws.com/doc/2010-05-15/", SBX_PROTO_QUERY },
  { "2015-12-01", "elasticloadbalancing", "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", SBX_PROTO_QUERY },
  { "2011-06-15", "sts", "https://sts.amazonaws.com/doc/2011-06-15/", SBX_PROTO_QUERY },
  { "2011-01-01", "autoscaling", "http://autoscaling.amazonaws.com/doc/2011-01-01/", SBX_PROTO_QUERY },
  { "2016-11-15", "ec2", "http://ec2.amazonaws.com/doc/2016-11-15/", SBX_PROTO_EC2 },
};

typedef gboolean (*Handler) (SbxRequest *req);

typedef struct {
  const char *service;
  Handler     handler;
} ServiceHandler;

static const ServiceHandler handlers[] = {
  { "cloudformation", sbx_handle_cloudformation },
  { "ecs", sbx_handle_ecs },
  { "logs", sbx_handle_logs },
  { "secretsmanager", sbx_handle_secretsmanager },
  { "ssm", sbx_handle_ssm },
  { "elasticfilesystem", sbx_handle_efs },
  { "s3", sbx_handle_s3 },
  { "ec2", sbx_handle_ec2 },
  { "elasticloadbalancing", sbx_handle_elbv2 },
  { "sts", sbx_handle_sts },
  { "autoscaling", sbx_handle_autoscaling },
};

gboolean
sbx_route (SbxRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *target = soup_message_headers_get_one (headers, "X-Amz-Target");
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  GUri *uri = soup_server_message_get_uri (req->msg);
  g_autofree char *scope_service = NULL;
  g_autofree char *scope_region = NULL;
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  gsize size = 0;
  const char *data = g_bytes_get_data (req->body, &size);

  sbx_auth_scope (auth, &scope_service, &scope_region);

  if (target != NULL)
    {
      const char *dot = strrchr (target, '.');

      for (gsize i = 0; dot && i < G_N_ELEMENTS (target_routes); i++)
        if (strncmp (target, target_routes[i].target_prefix, dot - target) == 0 &&
            strlen (target_routes[i].target_prefix) == (gsize) (dot - target))
          {
            req->service = target_routes[i].service;
            req->protocol = SBX_PROTO_JSON;
            req->operation = g_strdup (dot + 1);
            return TRUE;
          }
      return FALSE;
    }
  if (g_str_has_prefix (req->path, "/2015-02-01/"))
    {
      req->service = "elasticfilesystem";
      req->protocol = SBX_PROTO_REST_JSON;
      req->params = sbx_parse_form (g_uri_get_query (uri), strlen (g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));
      return TRUE;
    }
  if (g_strcmp0 (scope_service, "s3") != 0)
    {
      if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") == 0)
        req->params = sbx_parse_form (data, size);
      else if (g_uri_get_query (uri) != NULL && g_str_equal (req->path, "/"))
        req->params = sbx_parse_form (g_uri_get_query (uri), strlen (g_uri_get_query (uri)));
      if (req->params && sbx_param (req, "Action"))
        {
          const char *version = sbx_param (req, "Version");

          for (gsize i = 0; i < G_N_ELEMENTS (version_routes); i++)
            if (g_strcmp0 (version, version_routes[i].version) == 0 ||
                (version == NULL && g_strcmp0 (scope_service, version_routes[i].service) == 0))
              {
                req->service = version_routes[i].service;
                req->xmlns = version_routes[i].xmlns;
                req->protocol = version_routes[i].protocol;
                req->operation = g_strdup (sbx_param (req, "Action"));
                return TRUE;
              }
          return FALSE;
        }
      g_clear_pointer (&req->params, g_hash_table_unref);
    }
  if (g_strcmp0 (scope_service, "s3") == 0 || !g_str_equal (req->path, "/"))
    {
      req->service = "s3";
      req->protocol = SBX_PROTO_REST_XML;
      req->params = sbx_parse_form (g_uri_get_query (uri), strlen (g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));
      return TRUE;
    }
  return FALSE;
}

gboolean
sbx_parse_json_body (SbxRequest *req)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = g_bytes_get_data (req->body, &size);

  if (size == 0)
    return req->protocol == SBX_PROTO_REST_JSON;
  /* request bodies come from any local client */
  if (!wharf_json_check_shape (data, MIN (size, G_MAXSSIZE), NULL) ||
      !json_parser_load_from_data (parser, data, size, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  req->json_root = json_parser_steal_root (parser);
  req->json = json_node_get_object (req->json_root);
  return TRUE;
}

void
sbx_reply_throttled (SbxRequest *req)
{
  if (req->protocol == SBX_PROTO_EC2)
    sbx_reply_error (req, 503, "RequestLimitExceeded", "Request limit exceeded.");
  else if (req->protocol == SBX_PROTO_REST_XML)
    sbx_reply_error (req, 503, "SlowDown", "Please reduce your request rate.");
  else if (req->protocol == SBX_PROTO_REST_JSON)
    sbx_reply_error (req, 429, "ThrottlingException", "Rate exceeded");
  else if (req->protocol == SBX_PROTO_JSON)
    sbx_reply_error (req, 400, "ThrottlingException", "Rate exceeded");
  else
    sbx_reply_error (req, 400, "Throttling", "Rate exceeded");
}

void
sbx_dispatch (SbxRequest *req)
{
  gboolean handled = FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (handlers); i++)
    if (g_str_equal (req->service, handlers[i].service))
      handled = handlers[i].handler (req);
  if (!handled)
    {
      g_autofree char *m = g_strdup_printf ("The action %s is not valid for this web service.",
                                            req->operation ? req->operation : req->method);
      if (req->protocol == SBX_PROTO_JSON)
        sbx_reply_error (req, 400, "UnknownOperationException", m);
      else if (req->protocol == SBX_PROTO_REST_JSON || req->protocol == SBX_PROTO_REST_XML)
        sbx_reply_error (req, 405, "MethodNotAllowed", m);
      else
        sbx_reply_error (req, 400, "InvalidAction", m);
    }
}
