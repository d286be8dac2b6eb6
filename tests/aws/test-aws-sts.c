/* test-aws-sts.c: STS calls, and the client built from a WharfAwsConfig:
 * endpoint overrides and the credential chain, including a role_arn
 * profile whose AssumeRole goes through Wharf's own STS call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-aws-client-server.h"
#include "wharf-aws-config.h"
#include "wharf-aws-sts.h"

#define XML "text/xml"

static const char assume_role_xml[] =
  "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
  "<AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/deploy/wharf</Arn><AssumedRoleId>AROA:wharf</AssumedRoleId>"
  "</AssumedRoleUser><Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>roleSecret</SecretAccessKey>"
  "<SessionToken>roleToken</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
  "</AssumeRoleResult></AssumeRoleResponse>";

static const char identity_xml[] =
  "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:sts::1:assumed-role/deploy/wharf</Arn>"
  "<UserId>AROA:wharf</UserId><Account>000000000001</Account></GetCallerIdentityResult></GetCallerIdentityResponse>";

static void
test_assume_role (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfAwsCredentials) credentials = NULL;
  g_autoptr(WharfTestRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 200, XML, assume_role_xml, NULL);
  credentials = wharf_sts_assume_role (client, "arn:aws:iam::1:role/deploy", "wharf", 900, "ext", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (credentials), ==, "ASIAROLE");
  g_assert_cmpstr (wharf_aws_credentials_get_secret_access_key (credentials), ==, "roleSecret");
  g_assert_cmpstr (wharf_aws_credentials_get_session_token (credentials), ==, "roleToken");
  g_assert_cmpint (g_date_time_get_year (wharf_aws_credentials_get_expiration (credentials)), ==, 2099);
  g_assert_cmpstr (wharf_aws_credentials_get_source (credentials), ==, "assume-role");
  request = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (request->body, ==, "Action=AssumeRole&Version=2011-06-15"
                   "&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fdeploy&RoleSessionName=wharf"
                   "&DurationSeconds=900&ExternalId=ext");
}

static void
test_assume_role_denied (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 403, XML,
    "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized"
    " to perform: sts:AssumeRole</Message></Error></ErrorResponse>", NULL);
  credentials = wharf_sts_assume_role (client, "arn:aws:iam::1:role/deploy", "wharf", 0, NULL, NULL, &error);
  g_assert_null (credentials);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "AccessDenied");
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 1);
}

static void
test_config_role_chain (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autofree char *endpoint_env = g_strconcat ("AWS_ENDPOINT_URL=", wharf_test_server_get_url (server), NULL);
  const char *envp[] = { endpoint_env, "AWS_REGION=eu-central-1", "AWS_PROFILE=deploy", "HOME=/nonexistent", NULL };
  g_autoptr(WharfAwsConfig) config = wharf_aws_config_new (envp);
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(WharfStsIdentity) id2 = NULL;
  g_autoptr(WharfTestRequest) assume = NULL;
  g_autoptr(WharfTestRequest) call = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (wharf_aws_config_load_from_data (config,
                                                  "[profile deploy]\nrole_arn = arn:aws:iam::1:role/deploy\n"
                                                  "source_profile = base\nrole_session_name = wharf\n",
                                                  "[base]\naws_access_key_id = AKIDBASE\n"
                                                  "aws_secret_access_key = baseSecret\n",
                                                  &error));
  g_assert_no_error (error);
  client = wharf_aws_client_new_for_config (config, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_aws_client_get_region (client), ==, "eu-central-1");

  wharf_test_server_push (server, 200, XML, assume_role_xml, NULL);
  wharf_test_server_push (server, 200, XML, identity_xml, NULL);
  wharf_test_server_push (server, 200, XML, identity_xml, NULL);
  id = wharf_sts_get_caller_identity (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id->account, ==, "000000000001");

  /* AssumeRole was signed with the source profile's keys … */
  assume = wharf_test_server_get_request (server, 0);
  g_assert_nonnull (strstr (assume->body, "Action=AssumeRole"));
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (assume->headers, "Authorization"),
                                   "AWS4-HMAC-SHA256 Credential=AKIDBASE/"));
  /* … and the call itself with the role's temporary credentials. */
  call = wharf_test_server_get_request (server, 1);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (call->headers, "Authorization"),
                                   "AWS4-HMAC-SHA256 Credential=ASIAROLE/"));
  g_assert_nonnull (strstr (soup_message_headers_get_one (call->headers, "Authorization"),
                            "/eu-central-1/sts/aws4_request"));
  g_assert_cmpstr (soup_message_headers_get_one (call->headers, "X-Amz-Security-Token"), ==, "roleToken");

  /* The role's credentials are reused, not assumed again. */
  id2 = wharf_sts_get_caller_identity (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 3);
}

static void
test_config_no_credentials (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autofree char *endpoint_env = g_strconcat ("AWS_ENDPOINT_URL=", wharf_test_server_get_url (server), NULL);
  const char *envp[] = { endpoint_env, "AWS_REGION=us-west-2", "HOME=/nonexistent", NULL };
  g_autoptr(WharfAwsConfig) config = wharf_aws_config_new (envp);
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (wharf_aws_config_load_from_data (config, NULL, NULL, &error));
  client = wharf_aws_client_new_for_config (config, &error);
  g_assert_no_error (error);
  id = wharf_sts_get_caller_identity (client, NULL, &error);
  g_assert_null (id);
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_NO_CREDENTIALS);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 0);
}

static void
test_config_endpoint_insecure (void)
{
  const char *envp[] = { "AWS_ENDPOINT_URL_STS=http://sts.example.com", "AWS_REGION=us-west-2",
                         "AWS_ACCESS_KEY_ID=a", "AWS_SECRET_ACCESS_KEY=b", "HOME=/nonexistent", NULL };
  g_autoptr(WharfAwsConfig) config = wharf_aws_config_new (envp);
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ecs = NULL;

  g_assert_true (wharf_aws_config_load_from_data (config, NULL, NULL, &error));
  client = wharf_aws_client_new_for_config (config, &error);
  g_assert_no_error (error);
  id = wharf_sts_get_caller_identity (client, NULL, &error);
  g_assert_null (id);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT);
  /* Other services keep their AWS endpoint. */
  ecs = wharf_aws_client_get_endpoint (client, WHARF_AWS_SERVICE_ECS, NULL);
  g_assert_cmpstr (ecs, ==, "https://ecs.us-west-2.amazonaws.com");
}

static void
test_sso_role_credentials (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsCredentials) credentials = NULL;
  g_autoptr(WharfAwsCredentials) none = NULL;
  g_autoptr(WharfTestRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  WharfAwsSsoParams params = {
    .access_token = "sso-access-token", .account_id = "111122223333", .role_name = "Deploy",
    .region = "eu-west-1", .endpoint = wharf_test_server_get_url (server), .profile = "sso",
  };

  wharf_test_server_push (server, 200, "application/json",
    "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSO\",\"secretAccessKey\":\"ssoSecret\","
    "\"sessionToken\":\"ssoToken\",\"expiration\":4070908800000}}", NULL);
  wharf_test_server_push (server, 401, "application/json",
    "{\"message\":\"Session token not found or invalid\"}",
    "x-amzn-ErrorType", "UnauthorizedException", NULL);
  credentials = wharf_sso_get_role_credentials_hook (&params, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (credentials), ==, "ASIASSO");
  g_assert_cmpstr (wharf_aws_credentials_get_session_token (credentials), ==, "ssoToken");
  g_assert_cmpstr (wharf_aws_credentials_get_source (credentials), ==, "sso");
  g_assert_cmpint (g_date_time_get_year (wharf_aws_credentials_get_expiration (credentials)), ==, 2099);

  /* Unsigned: a bearer token instead of SigV4. */
  request = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, "/federation/credentials");
  g_assert_cmpstr (request->query, ==, "account_id=111122223333&role_name=Deploy");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "x-amz-sso_bearer_token"), ==, "sso-access-token");
  g_assert_null (soup_message_headers_get_one (request->headers, "Authorization"));

  none = wharf_sso_get_role_credentials_hook (&params, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "UnauthorizedException");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/sts/assume-role", test_assume_role);
  g_test_add_func ("/aws/sts/assume-role-denied", test_assume_role_denied);
  g_test_add_func ("/aws/sts/config-role-chain", test_config_role_chain);
  g_test_add_func ("/aws/sts/config-no-credentials", test_config_no_credentials);
  g_test_add_func ("/aws/sts/config-endpoint-insecure", test_config_endpoint_insecure);
  g_test_add_func ("/aws/sts/sso-role-credentials", test_sso_role_credentials);

  return g_test_run ();
}
