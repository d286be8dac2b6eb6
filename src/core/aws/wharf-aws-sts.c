/* wharf-aws-sts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-aws-json.h"
#include "wharf-aws-sts.h"

#define STS WHARF_AWS_SERVICE_STS

void
wharf_sts_identity_free (WharfStsIdentity *identity)
{
  if (identity == NULL)
    return;
  g_free (identity->account);
  g_free (identity->arn);
  g_free (identity->user_id);
  g_free (identity);
}

WharfAwsRequest *
wharf_sts_get_caller_identity_request (void)
{
  return wharf_aws_request_new_query (STS, "GetCallerIdentity", NULL);
}

gpointer
wharf_sts_decode_caller_identity (WharfAwsResponse  *response,
                                  GError           **error)
{
  WharfAwsXmlNode *result = wharf_aws_response_query_result (response, "GetCallerIdentity", error);
  WharfStsIdentity *identity;

  if (result == NULL)
    return NULL;
  if (wharf_aws_xml_get_text (result, "Account") == NULL)
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, response->status,
                                  NULL, response->request_id, _("The response has no account"));
      return NULL;
    }
  identity = g_new0 (WharfStsIdentity, 1);
  identity->account = g_strdup (wharf_aws_xml_get_text (result, "Account"));
  identity->arn = g_strdup (wharf_aws_xml_get_text (result, "Arn"));
  identity->user_id = g_strdup (wharf_aws_xml_get_text (result, "UserId"));
  return identity;
}

WharfStsIdentity *
wharf_sts_get_caller_identity (WharfAwsClient  *client,
                               GCancellable    *cancellable,
                               GError         **error)
{
  return wharf_aws_client_call_decoded (client, wharf_sts_get_caller_identity_request (),
                                        wharf_sts_decode_caller_identity,
                                        (GDestroyNotify) wharf_sts_identity_free, cancellable, error);
}

void
wharf_sts_get_caller_identity_async (WharfAwsClient      *client,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  wharf_aws_client_call_decoded_async (client, wharf_sts_get_caller_identity_request (),
                                       wharf_sts_decode_caller_identity,
                                       (GDestroyNotify) wharf_sts_identity_free,
                                       cancellable, callback, user_data);
}

WharfStsIdentity *
wharf_sts_get_caller_identity_finish (WharfAwsClient  *client,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return wharf_aws_client_call_decoded_finish (client, result, error);
}

WharfAwsRequest *
wharf_sts_assume_role_request (const char *role_arn,
                               const char *role_session_name,
                               int         duration_seconds,
                               const char *external_id)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();

  wharf_aws_params_add (params, "RoleArn", role_arn);
  wharf_aws_params_add (params, "RoleSessionName", role_session_name);
  if (duration_seconds > 0)
    wharf_aws_params_add_int (params, "DurationSeconds", duration_seconds);
  if (external_id != NULL)
    wharf_aws_params_add (params, "ExternalId", external_id);
  return wharf_aws_request_new_query (STS, "AssumeRole", params);
}

gpointer
wharf_sts_decode_assume_role (WharfAwsResponse  *response,
                              GError           **error)
{
  WharfAwsXmlNode *result = wharf_aws_response_query_result (response, "AssumeRole", error);
  WharfAwsXmlNode *credentials;
  const char *key_id, *secret, *token;
  g_autoptr(GDateTime) expiration = NULL;

  if (result == NULL)
    return NULL;
  credentials = wharf_aws_xml_get (result, "Credentials");
  key_id = wharf_aws_xml_get_text (credentials, "AccessKeyId");
  secret = wharf_aws_xml_get_text (credentials, "SecretAccessKey");
  token = wharf_aws_xml_get_text (credentials, "SessionToken");
  expiration = wharf_aws_xml_get_datetime (credentials, "Expiration");
  if (key_id == NULL || *key_id == '\0' || secret == NULL || *secret == '\0')
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, response->status,
                                  NULL, response->request_id, _("The response has no credentials"));
      return NULL;
    }
  return wharf_aws_credentials_new (key_id, secret, token, expiration, "assume-role");
}

WharfAwsCredentials *
wharf_sts_assume_role (WharfAwsClient  *client,
                       const char      *role_arn,
                       const char      *role_session_name,
                       int              duration_seconds,
                       const char      *external_id,
                       GCancellable    *cancellable,
                       GError         **error)
{
  WharfAwsRequest *request = wharf_sts_assume_role_request (role_arn, role_session_name,
                                                            duration_seconds, external_id);

  return wharf_aws_client_call_decoded (client, request, wharf_sts_decode_assume_role,
                                        (GDestroyNotify) wharf_aws_credentials_unref,
                                        cancellable, error);
}

WharfAwsCredentials *
wharf_sts_assume_role_hook (const WharfAwsAssumeRoleParams  *params,
                            gpointer                         user_data,
                            GCancellable                    *cancellable,
                            GError                         **error)
{
  g_autoptr(WharfAwsClient) client = NULL;

  client = wharf_aws_client_new (params->region != NULL ? params->region : "us-east-1", params->source);
  if (params->endpoint != NULL &&
      !wharf_aws_client_set_service_endpoint (client, WHARF_AWS_SERVICE_STS, params->endpoint, error))
    return NULL;
  return wharf_sts_assume_role (client, params->role_arn, params->role_session_name,
                                params->duration_seconds, params->external_id, cancellable, error);
}

WharfAwsRequest *
wharf_sso_get_role_credentials_request (const char *access_token,
                                        const char *account_id,
                                        const char *role_name)
{
  WharfAwsRequest *request = wharf_aws_request_new_rest (WHARF_AWS_SERVICE_SSO, "GetRoleCredentials", "GET",
                                                         "/federation/credentials");

  wharf_aws_params_add (request->query, "account_id", account_id);
  wharf_aws_params_add (request->query, "role_name", role_name);
  wharf_aws_request_add_header (request, "x-amz-sso_bearer_token", access_token);
  request->unsigned_request = TRUE;
  return request;
}

gpointer
wharf_sso_decode_role_credentials (WharfAwsResponse  *response,
                                   GError           **error)
{
  JsonObject *root = wharf_aws_response_json_object (response, error);
  JsonObject *object;
  const char *key_id, *secret;
  g_autoptr(GDateTime) expiration = NULL;

  if (root == NULL)
    return NULL;
  object = wharf_aws_json_get_object (root, "roleCredentials");
  key_id = wharf_aws_json_get_string (object, "accessKeyId");
  secret = wharf_aws_json_get_string (object, "secretAccessKey");
  if (key_id == NULL || *key_id == '\0' || secret == NULL || *secret == '\0')
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, response->status,
                                  NULL, response->request_id, _("The response has no credentials"));
      return NULL;
    }
  /* expiration is epoch milliseconds. */
  expiration = wharf_aws_json_get_datetime (object, "expiration", TRUE);
  return wharf_aws_credentials_new (key_id, secret, wharf_aws_json_get_string (object, "sessionToken"),
                                    expiration, "sso");
}

static void
no_credentials (WharfAwsClient             *client,
                WharfAwsCredentialsRequest *request,
                GCancellable               *cancellable,
                gpointer                    user_data)
{
  wharf_aws_client_credentials_return (request, NULL,
                                       g_error_new_literal (WHARF_AWS_CLIENT_ERROR,
                                                            WHARF_AWS_CLIENT_ERROR_INVALID_ARGUMENT,
                                                            "unsigned client"));
}

WharfAwsCredentials *
wharf_sso_get_role_credentials_hook (const WharfAwsSsoParams  *params,
                                     gpointer                  user_data,
                                     GCancellable             *cancellable,
                                     GError                  **error)
{
  g_autoptr(WharfAwsClient) client = NULL;
  WharfAwsRequest *request;

  client = wharf_aws_client_new_with_provider (params->region != NULL ? params->region : "us-east-1",
                                               no_credentials, NULL, NULL);
  if (params->endpoint != NULL &&
      !wharf_aws_client_set_service_endpoint (client, WHARF_AWS_SERVICE_SSO, params->endpoint, error))
    return NULL;
  request = wharf_sso_get_role_credentials_request (params->access_token, params->account_id, params->role_name);
  return wharf_aws_client_call_decoded (client, request, wharf_sso_decode_role_credentials,
                                        (GDestroyNotify) wharf_aws_credentials_unref, cancellable, error);
}

void
wharf_sts_install_assume_role_hook (WharfAwsConfig *config)
{
  wharf_aws_config_set_assume_role_func (config, wharf_sts_assume_role_hook, NULL, NULL);
  wharf_aws_config_set_sso_func (config, wharf_sso_get_role_credentials_hook, NULL, NULL);
}
