/* test-aws-secrets.c: Secrets Manager and SSM calls against canned JSON 1.1
 * responses, and EFS (rest-json) and S3 (rest-xml) requests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-aws-client-server.h"
#include "wharf-aws-efs.h"
#include "wharf-aws-json.h"
#include "wharf-aws-s3.h"
#include "wharf-aws-secrets.h"
#include "wharf-aws-ssm.h"

#define JSON_TYPE "application/x-amz-json-1.1"

static void
test_secrets (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfSecret) created = NULL;
  g_autoptr(WharfSecret) described = NULL;
  g_autoptr(WharfSecret) deleted = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(WharfTestRequest) create = NULL;
  g_autoptr(WharfTestRequest) list_request = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;

  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"ARN\":\"arn:secret:db-AbCd\",\"Name\":\"db\",\"VersionId\":\"v-1\"}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"ARN\":\"arn:secret:db-AbCd\",\"Name\":\"db\",\"Description\":\"d\",\"CreatedDate\":1764230400.25,"
    "\"DeletedDate\":1764316800,\"Tags\":[{\"Key\":\"com.docker.compose.project\",\"Value\":\"demo\"}]}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"SecretList\":[{\"ARN\":\"arn:1\",\"Name\":\"a\"}],\"NextToken\":\"p2\"}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE, "{\"SecretList\":[{\"ARN\":\"arn:2\",\"Name\":\"b\"}]}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"ARN\":\"arn:secret:db-AbCd\",\"Name\":\"db\",\"DeletionDate\":1764316800}", NULL);
  wharf_test_server_push (server, 400, JSON_TYPE,
    "{\"__type\":\"ResourceExistsException\",\"Message\":\"The operation failed because the secret db already exists.\"}",
    NULL);

  created = wharf_secrets_create_secret (client, "db", "pa55", NULL,
                                         (const char *[]) { "project", "demo", NULL }, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (created->version_id, ==, "v-1");
  create = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (soup_message_headers_get_one (create->headers, "X-Amz-Target"), ==, "secretsmanager.CreateSecret");
  root = wharf_aws_json_parse (create->body, strlen (create->body), NULL);
  body = wharf_aws_json_root_object (root);
  g_assert_cmpstr (wharf_aws_json_get_string (body, "SecretString"), ==, "pa55");
  g_assert_nonnull (wharf_aws_json_get_string (body, "ClientRequestToken"));
  g_assert_cmpuint (json_array_get_length (wharf_aws_json_get_array (body, "Tags")), ==, 1);

  described = wharf_secrets_describe_secret (client, "db", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (described->description, ==, "d");
  g_assert_cmpstr (g_hash_table_lookup (described->tags, "com.docker.compose.project"), ==, "demo");
  g_assert_cmpint (g_date_time_get_microsecond (described->created_date), ==, 250000);
  g_assert_nonnull (described->deleted_date);

  list = wharf_secrets_list_secrets (client, (const char *[]) { "tag-key", "com.docker.compose.project", NULL },
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((WharfSecret *) g_ptr_array_index (list, 1))->name, ==, "b");
  list_request = wharf_test_server_get_request (server, 3);
  g_assert_nonnull (strstr (list_request->body, "\"NextToken\":\"p2\""));
  g_assert_nonnull (strstr (list_request->body, "\"Key\":\"tag-key\""));

  deleted = wharf_secrets_delete_secret (client, "db", FALSE, 7, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_to_unix (deleted->deleted_date), ==, 1764316800);

  g_assert_null (wharf_secrets_create_secret (client, "db", "x", NULL, NULL, NULL, &error));
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "ResourceExistsException");
}

static void
test_ssm (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfSsmParameter) parameter = NULL;
  g_autoptr(WharfSsmParameter) missing = NULL;
  g_autoptr(WharfTestRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"Parameter\":{\"Name\":\"/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id\","
    "\"Type\":\"String\",\"Value\":\"ami-0123\",\"Version\":12}}", NULL);
  wharf_test_server_push (server, 400, JSON_TYPE, "{\"__type\":\"ParameterNotFound\"}", NULL);
  parameter = wharf_ssm_get_parameter (client, "/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id",
                                       FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parameter->value, ==, "ami-0123");
  g_assert_cmpint (parameter->version, ==, 12);
  request = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "X-Amz-Target"), ==, "AmazonSSM.GetParameter");

  missing = wharf_ssm_get_parameter (client, "/nope", FALSE, NULL, &error);
  g_assert_null (missing);
  g_assert_true (wharf_aws_client_error_has_code (error, "ParameterNotFound"));
}

static void
test_efs (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfEfsFileSystem) created = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(WharfTestRequest) create = NULL;
  g_autoptr(WharfTestRequest) page2 = NULL;
  g_autoptr(WharfTestRequest) del = NULL;
  g_autoptr(GError) error = NULL;
  WharfEfsFileSystem *fs;

  wharf_test_server_push (server, 201, "application/json",
    "{\"FileSystemId\":\"fs-1\",\"CreationToken\":\"demo_data\",\"LifeCycleState\":\"creating\","
    "\"Encrypted\":true,\"NumberOfMountTargets\":0,\"Tags\":[{\"Key\":\"Name\",\"Value\":\"demo_data\"}]}", NULL);
  wharf_test_server_push (server, 200, "application/json",
    "{\"FileSystems\":[{\"FileSystemId\":\"fs-1\",\"LifeCycleState\":\"available\"}],\"NextMarker\":\"mk 2\"}", NULL);
  wharf_test_server_push (server, 200, "application/json",
    "{\"FileSystems\":[{\"FileSystemId\":\"fs-2\",\"LifeCycleState\":\"available\"}],\"Marker\":\"mk 2\"}", NULL);
  wharf_test_server_push (server, 204, NULL, "", NULL);
  wharf_test_server_push (server, 409, "application/json",
    "{\"ErrorCode\":\"FileSystemInUse\",\"Message\":\"File system 'fs-1' has mount targets\"}",
    "x-amzn-ErrorType", "FileSystemInUse", NULL);

  created = wharf_efs_create_file_system (client, "demo_data", TRUE, (const char *[]) { "Name", "demo_data", NULL },
                                          NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (created->file_system_id, ==, "fs-1");
  g_assert_true (created->encrypted);
  g_assert_cmpstr (g_hash_table_lookup (created->tags, "Name"), ==, "demo_data");
  create = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (create->method, ==, "POST");
  g_assert_cmpstr (create->path, ==, "/2015-02-01/file-systems");
  g_assert_nonnull (strstr (soup_message_headers_get_one (create->headers, "Authorization"),
                            "/elasticfilesystem/aws4_request"));

  all = wharf_efs_describe_file_systems (client, NULL, "demo_data", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  fs = g_ptr_array_index (all, 1);
  g_assert_cmpstr (fs->file_system_id, ==, "fs-2");
  page2 = wharf_test_server_get_request (server, 2);
  g_assert_cmpstr (page2->method, ==, "GET");
  g_assert_cmpstr (page2->query, ==, "CreationToken=demo_data&Marker=mk%202");

  g_assert_true (wharf_efs_delete_file_system (client, "fs-1", NULL, &error));
  g_assert_no_error (error);
  del = wharf_test_server_get_request (server, 3);
  g_assert_cmpstr (del->method, ==, "DELETE");
  g_assert_cmpstr (del->path, ==, "/2015-02-01/file-systems/fs-1");

  g_assert_false (wharf_efs_delete_file_system (client, "fs-1", NULL, &error));
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "FileSystemInUse");
  g_assert_cmpuint (wharf_aws_client_error_get_status (error), ==, 409);
}

static void
test_s3 (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsCredentials) credentials = wharf_aws_credentials_new ("test", "test", NULL, NULL, NULL);
  g_autoptr(WharfAwsClient) client = wharf_aws_client_new ("eu-west-3", credentials);
  g_autoptr(WharfTestRequest) create = NULL;
  g_autoptr(WharfTestRequest) put = NULL;
  g_autoptr(WharfTestRequest) del = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("{\"Resources\":{}}", 16);
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected_url = NULL;
  g_autofree char *path = wharf_s3_object_path ("wharf-templates", "demo/template v1.json");

  g_assert_true (wharf_aws_client_set_endpoint (client, wharf_test_server_get_url (server), NULL));
  wharf_test_server_push (server, 200, NULL, "", NULL);
  wharf_test_server_push (server, 200, NULL, "", "ETag", "\"abc\"", NULL);
  wharf_test_server_push (server, 204, NULL, "", NULL);

  g_assert_true (wharf_s3_create_bucket (client, "wharf-templates", NULL, &error));
  g_assert_no_error (error);
  create = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (create->method, ==, "PUT");
  g_assert_cmpstr (create->path, ==, "/wharf-templates");
  g_assert_nonnull (strstr (create->body, "<LocationConstraint>eu-west-3</LocationConstraint>"));

  etag = wharf_s3_put_object (client, "wharf-templates", "demo/template v1.json", data, "application/json",
                              NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (etag, ==, "\"abc\"");
  put = wharf_test_server_get_request (server, 1);
  g_assert_cmpstr (put->path, ==, "/wharf-templates/demo/template%20v1.json");
  g_assert_cmpstr (path, ==, put->path);
  g_assert_cmpstr (put->body, ==, "{\"Resources\":{}}");
  /* S3 needs the payload hash header, signed. */
  g_assert_cmpstr (soup_message_headers_get_one (put->headers, "X-Amz-Content-SHA256"), !=, NULL);
  g_assert_nonnull (strstr (soup_message_headers_get_one (put->headers, "Authorization"), "x-amz-content-sha256"));
  g_assert_nonnull (strstr (soup_message_headers_get_one (put->headers, "Authorization"), "/eu-west-3/s3/aws4_request"));

  g_assert_true (wharf_s3_delete_object (client, "wharf-templates", "demo/template v1.json", NULL, &error));
  g_assert_no_error (error);
  del = wharf_test_server_get_request (server, 2);
  g_assert_cmpstr (del->method, ==, "DELETE");

  url = wharf_s3_object_url (client, "wharf-templates", "demo/t.json", &error);
  expected_url = g_strconcat (wharf_test_server_get_url (server), "/wharf-templates/demo/t.json", NULL);
  g_assert_cmpstr (url, ==, expected_url);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/secrets/calls", test_secrets);
  g_test_add_func ("/aws/ssm/get-parameter", test_ssm);
  g_test_add_func ("/aws/efs/calls", test_efs);
  g_test_add_func ("/aws/s3/calls", test_s3);

  return g_test_run ();
}
