/* wharf-aws-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-json.h"
#include "wharf-aws-request.h"
#include "wharf-aws-retry.h"

/* The error carries the AWS code, request id and HTTP status next to the
 * message (GLib extended error domain). */
typedef struct {
  char  *aws_code;
  char  *request_id;
  guint  status;
} WharfAwsClientErrorPrivate;

static void
wharf_aws_client_error_private_init (WharfAwsClientErrorPrivate *priv)
{
}

static void
wharf_aws_client_error_private_copy (const WharfAwsClientErrorPrivate *src,
                                     WharfAwsClientErrorPrivate       *dest)
{
  /* The generated wrappers may pass NULL for a foreign error. */
  if (src == NULL || dest == NULL)
    return;
  dest->aws_code = g_strdup (src->aws_code);
  dest->request_id = g_strdup (src->request_id);
  dest->status = src->status;
}

static void
wharf_aws_client_error_private_clear (WharfAwsClientErrorPrivate *priv)
{
  if (priv == NULL)
    return;
  g_clear_pointer (&priv->aws_code, g_free);
  g_clear_pointer (&priv->request_id, g_free);
}

G_DEFINE_EXTENDED_ERROR (WharfAwsClientError, wharf_aws_client_error)

void
wharf_aws_client_set_error (GError              **error,
                            WharfAwsClientError   code,
                            guint                 http_status,
                            const char           *aws_code,
                            const char           *request_id,
                            const char           *message)
{
  WharfAwsClientErrorPrivate *priv;
  GError *new_error;

  if (error == NULL)
    return;
  if (aws_code != NULL && *aws_code != '\0')
    new_error = g_error_new (WHARF_AWS_CLIENT_ERROR, code, "%s: %s", aws_code,
                             message != NULL && *message != '\0' ? message : aws_code);
  else
    new_error = g_error_new_literal (WHARF_AWS_CLIENT_ERROR, code,
                                     message != NULL ? message : "");
  priv = wharf_aws_client_error_get_private (new_error);
  priv->aws_code = aws_code != NULL && *aws_code != '\0' ? g_strdup (aws_code) : NULL;
  priv->request_id = g_strdup (request_id);
  priv->status = http_status;
  g_propagate_error (error, new_error);
}

const char *
wharf_aws_client_error_get_code (const GError *error)
{
  WharfAwsClientErrorPrivate *priv;

  if (error == NULL || error->domain != WHARF_AWS_CLIENT_ERROR)
    return NULL;
  priv = wharf_aws_client_error_get_private (error);
  return priv != NULL ? priv->aws_code : NULL;
}

const char *
wharf_aws_client_error_get_request_id (const GError *error)
{
  WharfAwsClientErrorPrivate *priv;

  if (error == NULL || error->domain != WHARF_AWS_CLIENT_ERROR)
    return NULL;
  priv = wharf_aws_client_error_get_private (error);
  return priv != NULL ? priv->request_id : NULL;
}

guint
wharf_aws_client_error_get_status (const GError *error)
{
  WharfAwsClientErrorPrivate *priv;

  if (error == NULL || error->domain != WHARF_AWS_CLIENT_ERROR)
    return 0;
  priv = wharf_aws_client_error_get_private (error);
  return priv != NULL ? priv->status : 0;
}

gboolean
wharf_aws_client_error_has_code (const GError *error,
                                 const char   *aws_code)
{
  return g_strcmp0 (wharf_aws_client_error_get_code (error), aws_code) == 0;
}

static const WharfAwsService services[WHARF_AWS_N_SERVICES] = {
  { WHARF_AWS_SERVICE_CLOUDFORMATION, "cloudformation", "CloudFormation", "cloudformation",
    "cloudformation", WHARF_AWS_PROTOCOL_QUERY, "2010-05-15", NULL },
  { WHARF_AWS_SERVICE_ECS, "ecs", "ECS", "ecs", "ecs", WHARF_AWS_PROTOCOL_JSON, "2014-11-13",
    "AmazonEC2ContainerServiceV20141113" },
  { WHARF_AWS_SERVICE_LOGS, "logs", "CloudWatch Logs", "logs", "logs", WHARF_AWS_PROTOCOL_JSON,
    "2014-03-28", "Logs_20140328" },
  { WHARF_AWS_SERVICE_SECRETS_MANAGER, "secretsmanager", "Secrets Manager", "secretsmanager",
    "secretsmanager", WHARF_AWS_PROTOCOL_JSON, "2017-10-17", "secretsmanager" },
  { WHARF_AWS_SERVICE_EFS, "efs", "EFS", "elasticfilesystem", "elasticfilesystem",
    WHARF_AWS_PROTOCOL_REST_JSON, "2015-02-01", NULL },
  { WHARF_AWS_SERVICE_EC2, "ec2", "EC2", "ec2", "ec2", WHARF_AWS_PROTOCOL_EC2, "2016-11-15", NULL },
  { WHARF_AWS_SERVICE_ELBV2, "elbv2", "Elastic Load Balancing v2", "elasticloadbalancing",
    "elasticloadbalancing", WHARF_AWS_PROTOCOL_QUERY, "2015-12-01", NULL },
  { WHARF_AWS_SERVICE_AUTOSCALING, "autoscaling", "Auto Scaling", "autoscaling", "autoscaling",
    WHARF_AWS_PROTOCOL_QUERY, "2011-01-01", NULL },
  { WHARF_AWS_SERVICE_STS, "sts", "STS", "sts", "sts", WHARF_AWS_PROTOCOL_QUERY, "2011-06-15", NULL },
  { WHARF_AWS_SERVICE_SSM, "ssm", "SSM", "ssm", "ssm", WHARF_AWS_PROTOCOL_JSON, "2014-11-06",
    "AmazonSSM" },
  { WHARF_AWS_SERVICE_S3, "s3", "S3", "s3", "s3", WHARF_AWS_PROTOCOL_REST_XML, "2006-03-01", NULL },
  { WHARF_AWS_SERVICE_SSO, "sso", "SSO", "portal.sso", "awsssoportal", WHARF_AWS_PROTOCOL_REST_JSON,
    "2019-06-10", NULL },
};

const WharfAwsService *
wharf_aws_service_get (WharfAwsServiceKind kind)
{
  g_return_val_if_fail (kind < WHARF_AWS_N_SERVICES, NULL);
  return &services[kind];
}

const WharfAwsService *
wharf_aws_service_from_name (const char *name)
{
  for (guint i = 0; i < WHARF_AWS_N_SERVICES; i++)
    if (g_strcmp0 (services[i].name, name) == 0)
      return &services[i];
  return NULL;
}

struct _WharfAwsParams
{
  GPtrArray *items;  /* name, value, name, value… */
};

WharfAwsParams *
wharf_aws_params_new (void)
{
  WharfAwsParams *params = g_new0 (WharfAwsParams, 1);

  params->items = g_ptr_array_new_with_free_func (g_free);
  return params;
}

void
wharf_aws_params_free (WharfAwsParams *params)
{
  if (params == NULL)
    return;
  g_ptr_array_unref (params->items);
  g_free (params);
}

void
wharf_aws_params_add (WharfAwsParams *params,
                      const char     *name,
                      const char     *value)
{
  g_return_if_fail (name != NULL);

  g_ptr_array_add (params->items, g_strdup (name));
  g_ptr_array_add (params->items, g_strdup (value != NULL ? value : ""));
}

void
wharf_aws_params_add_int (WharfAwsParams *params,
                          const char     *name,
                          gint64          value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  wharf_aws_params_add (params, name, text);
}

void
wharf_aws_params_add_bool (WharfAwsParams *params,
                           const char     *name,
                           gboolean        value)
{
  wharf_aws_params_add (params, name, value ? "true" : "false");
}

void
wharf_aws_params_add_list (WharfAwsParams     *params,
                           const char         *prefix,
                           const char * const *values)
{
  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.%" G_GSIZE_FORMAT, prefix, i + 1);

      wharf_aws_params_add (params, name, values[i]);
    }
}

guint
wharf_aws_params_get_length (const WharfAwsParams *params)
{
  return params->items->len / 2;
}

const char *
wharf_aws_params_lookup (const WharfAwsParams *params,
                         const char           *name)
{
  for (guint i = 0; i + 1 < params->items->len; i += 2)
    if (strcmp (g_ptr_array_index (params->items, i), name) == 0)
      return g_ptr_array_index (params->items, i + 1);
  return NULL;
}

char *
wharf_aws_params_encode (const WharfAwsParams *params)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; params != NULL && i + 1 < params->items->len; i += 2)
    {
      if (out->len > 0)
        g_string_append_c (out, '&');
      /* NULL reserved characters: exactly the SigV4 unreserved set stays. */
      g_string_append_uri_escaped (out, g_ptr_array_index (params->items, i), NULL, FALSE);
      g_string_append_c (out, '=');
      g_string_append_uri_escaped (out, g_ptr_array_index (params->items, i + 1), NULL, FALSE);
    }
  return g_string_free (out, FALSE);
}

static WharfAwsRequest *
request_new (WharfAwsServiceKind  kind,
             const char          *operation,
             const char          *method,
             const char          *path)
{
  WharfAwsRequest *request = g_new0 (WharfAwsRequest, 1);

  request->service = wharf_aws_service_get (kind);
  request->operation = g_strdup (operation);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->query = wharf_aws_params_new ();
  request->headers = g_ptr_array_new_with_free_func (g_free);
  return request;
}

WharfAwsRequest *
wharf_aws_request_new_query (WharfAwsServiceKind   kind,
                             const char           *operation,
                             const WharfAwsParams *params)
{
  WharfAwsRequest *request = request_new (kind, operation, "POST", "/");
  GString *body = g_string_new ("Action=");
  g_autofree char *encoded = wharf_aws_params_encode (params);

  g_string_append_uri_escaped (body, operation, NULL, FALSE);
  g_string_append (body, "&Version=");
  g_string_append (body, request->service->api_version);
  if (*encoded != '\0')
    {
      g_string_append_c (body, '&');
      g_string_append (body, encoded);
    }
  request->content_type = g_strdup ("application/x-www-form-urlencoded; charset=utf-8");
  request->body = g_string_free_to_bytes (body);
  return request;
}

WharfAwsRequest *
wharf_aws_request_new_json (WharfAwsServiceKind  kind,
                            const char          *operation,
                            JsonNode            *body)
{
  WharfAwsRequest *request = request_new (kind, operation, "POST", "/");
  g_autofree char *target = g_strdup_printf ("%s.%s", request->service->target_prefix, operation);
  char *text = body != NULL ? wharf_aws_json_to_string (body) : g_strdup ("{}");

  request->content_type = g_strdup ("application/x-amz-json-1.1");
  request->body = g_bytes_new_take (text, strlen (text));
  wharf_aws_request_add_header (request, "X-Amz-Target", target);
  return request;
}

WharfAwsRequest *
wharf_aws_request_new_rest (WharfAwsServiceKind  kind,
                            const char          *operation,
                            const char          *method,
                            const char          *path)
{
  return request_new (kind, operation, method, path);
}

void
wharf_aws_request_set_body (WharfAwsRequest *request,
                            const char      *content_type,
                            GBytes          *body)
{
  g_free (request->content_type);
  request->content_type = g_strdup (content_type);
  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = body != NULL ? g_bytes_ref (body) : NULL;
}

void
wharf_aws_request_add_header (WharfAwsRequest *request,
                              const char      *name,
                              const char      *value)
{
  g_ptr_array_add (request->headers, g_strdup (name));
  g_ptr_array_add (request->headers, g_strdup (value));
}

void
wharf_aws_request_free (WharfAwsRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->operation);
  g_free (request->method);
  g_free (request->path);
  wharf_aws_params_free (request->query);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_ptr_array_unref (request->headers);
  g_free (request);
}

static const char * const secret_headers[] = {
  "authorization", "x-amz-security-token", "x-amz-sso_bearer_token", NULL,
};

const char *
wharf_aws_redact_header (const char *name,
                         const char *value)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_strv_contains (secret_headers, lower))
    return "<redacted>";
  return value;
}

/* Parameter and member names whose values are secret. Matched on the last
 * dotted component, case-insensitively, as substrings. */
static const char * const secret_names[] = {
  "secret", "password", "sessiontoken", "tokencode", "parametervalue", "accesskey",
  "signature", NULL,
};

gboolean
wharf_aws_is_secret_name (const char *name,
                          gsize       length)
{
  g_autofree char *lower = g_ascii_strdown (name, (gssize) length);
  const char *last = strrchr (lower, '.');

  last = last != NULL ? last + 1 : lower;
  /* "SecretId"/"SecretArn"/"SecretList" name a secret, they are not one. */
  if (g_str_has_prefix (last, "secretid") || g_str_has_prefix (last, "secretarn") ||
      g_str_has_prefix (last, "secretlist") || strcmp (last, "accesskeyid") == 0)
    return FALSE;
  for (gsize i = 0; secret_names[i] != NULL; i++)
    if (strstr (last, secret_names[i]) != NULL)
      return TRUE;
  return FALSE;
}

char *
wharf_aws_redact_params (const char *encoded)
{
  g_auto(GStrv) pairs = NULL;
  GString *out = g_string_new (NULL);

  if (encoded == NULL)
    return g_string_free (out, FALSE);
  pairs = g_strsplit (encoded, "&", -1);
  for (gsize i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *name = g_uri_unescape_segment (pairs[i], eq, NULL);

      if (i > 0)
        g_string_append_c (out, '&');
      if (eq != NULL && name != NULL && wharf_aws_is_secret_name (name, strlen (name)))
        {
          g_string_append_len (out, pairs[i], eq - pairs[i]);
          g_string_append (out, "=<redacted>");
        }
      else
        g_string_append (out, pairs[i]);
    }
  return g_string_free (out, FALSE);
}
