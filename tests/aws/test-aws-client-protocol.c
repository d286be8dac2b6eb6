/* test-aws-client-protocol.c: the pure layers under the client: XML and
 * JSON readers, error shapes of every protocol, request encoding, retry
 * classification, redaction of secrets in debug logs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-aws-client-server.h"
#include "wharf-aws-json.h"
#include "wharf-aws-secrets.h"
#include "wharf-aws-xml.h"
#include "wharf-context-private.h"

static WharfAwsResponse *
parse (WharfAwsProtocol  protocol,
       guint             status,
       const char       *content_type,
       const char       *body,
       const char       *error_type,
       GError          **error)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  if (content_type != NULL)
    soup_message_headers_set_content_type (headers, content_type, NULL);
  if (error_type != NULL)
    soup_message_headers_replace (headers, "x-amzn-ErrorType", error_type);
  soup_message_headers_replace (headers, "x-amzn-RequestId", "hdr-id");
  return wharf_aws_response_parse (protocol, status, headers, bytes, error);
}

static void
test_xml_tree (void)
{
  const char doc[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">\n"
    "  <DescribeStacksResult><Stacks><member><StackName>a &amp; b</StackName>"
    "<Body>  line1\nline2  </Body><Count>42</Count><Flag>true</Flag>"
    "<When>2026-01-01T00:00:00.123Z</When><Caps><member>X</member><member>Y</member></Caps>"
    "</member></Stacks></DescribeStacksResult>\n"
    "  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>\n"
    "</DescribeStacksResponse>";
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsXmlNode) root = wharf_aws_xml_parse (doc, strlen (doc), &error);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_auto(GStrv) caps = NULL;
  WharfAwsXmlNode *member;

  g_assert_no_error (error);
  g_assert_cmpstr (root->name, ==, "DescribeStacksResponse");
  members = wharf_aws_xml_get_list (root, "DescribeStacksResult/Stacks");
  g_assert_cmpuint (members->len, ==, 1);
  member = g_ptr_array_index (members, 0);
  g_assert_cmpstr (wharf_aws_xml_get_text (member, "StackName"), ==, "a & b");
  /* Leaf text is kept exactly (template bodies). */
  g_assert_cmpstr (wharf_aws_xml_get_text (member, "Body"), ==, "  line1\nline2  ");
  g_assert_cmpint (wharf_aws_xml_get_int (member, "Count", -1), ==, 42);
  g_assert_cmpint (wharf_aws_xml_get_int (member, "StackName", -1), ==, -1);
  g_assert_true (wharf_aws_xml_get_bool (member, "Flag", FALSE));
  g_assert_false (wharf_aws_xml_get_bool (member, "Missing", FALSE));
  when = wharf_aws_xml_get_datetime (member, "When");
  g_assert_nonnull (when);
  g_assert_cmpint (g_date_time_get_year (when), ==, 2026);
  g_assert_cmpint (g_date_time_get_microsecond (when), ==, 123000);
  caps = wharf_aws_xml_get_strv (member, "Caps");
  g_assert_cmpstrv (caps, ((const char *[]) { "X", "Y", NULL }));
  g_assert_null (wharf_aws_xml_get (root, "Nope/Deeper"));
  g_assert_cmpstr (wharf_aws_xml_find (root, "RequestId")->text, ==, "r");
}

static void
test_xml_malformed (void)
{
  const char *bad[] = {
    "", "   ", "<a>", "<a></b>", "<a><b></a>", "<a>&bogus;</a>", "text only",
    "<a/><b/>", "<a>\xff\xfe</a>", "<a x='1></a>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WharfAwsXmlNode) root = wharf_aws_xml_parse (bad[i], strlen (bad[i]), &error);

      g_assert_null (root);
      g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE);
    }
}

static void
test_xml_too_deep (void)
{
  g_autoptr(GString) doc = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsXmlNode) root = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append (doc, "<a>");
  root = wharf_aws_xml_parse (doc->str, doc->len, &error);
  g_assert_null (root);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE);
}

static void
test_json_parse (void)
{
  const char doc[] = "{\"s\":\"x\",\"i\":5,\"d\":1.5e9,\"b\":true,\"a\":[\"p\",3,\"q\"],"
                     "\"ms\":1700000000123,\"o\":{\"k\":null}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = wharf_aws_json_parse (doc, strlen (doc), &error);
  JsonObject *object = wharf_aws_json_root_object (root);
  g_auto(GStrv) strv = NULL;
  g_autoptr(GDateTime) seconds = NULL;
  g_autoptr(GDateTime) ms = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (wharf_aws_json_get_string (object, "s"), ==, "x");
  g_assert_null (wharf_aws_json_get_string (object, "i"));
  g_assert_cmpint (wharf_aws_json_get_int (object, "i", 0), ==, 5);
  g_assert_cmpint (wharf_aws_json_get_int (object, "s", -7), ==, -7);
  g_assert_true (wharf_aws_json_get_bool (object, "b", FALSE));
  g_assert_null (wharf_aws_json_get_object (object, "a"));
  g_assert_nonnull (wharf_aws_json_get_object (object, "o"));
  g_assert_null (wharf_aws_json_get_string (wharf_aws_json_get_object (object, "o"), "k"));
  strv = wharf_aws_json_get_strv (object, "a");
  g_assert_cmpstrv (strv, ((const char *[]) { "p", "q", NULL }));
  seconds = wharf_aws_json_get_datetime (object, "d", FALSE);
  g_assert_cmpint (g_date_time_to_unix (seconds), ==, 1500000000);
  ms = wharf_aws_json_get_datetime (object, "ms", TRUE);
  g_assert_cmpint (g_date_time_to_unix (ms), ==, 1700000000);
  g_assert_cmpint (g_date_time_get_microsecond (ms), ==, 123000);
  g_assert_null (wharf_aws_json_get_datetime (object, "s", FALSE));
}

static void
test_json_malformed (void)
{
  const char *bad[] = { "", "{", "{\"a\":}", "[1,2", "nul", "{\"a\" 1}", "\xff" };
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) deep_error = NULL;
  g_autoptr(JsonNode) deep_root = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = wharf_aws_json_parse (bad[i], strlen (bad[i]), &error);

      g_assert_null (root);
      g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE);
    }
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  deep_root = wharf_aws_json_parse (deep->str, deep->len, &deep_error);
  g_assert_null (deep_root);
  g_assert_error (deep_error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE);
}

/* The shape check that guards every untrusted JSON text (json-glib 1.6
 * leaks all but the last of several top-level values). */
static void
test_json_check_shape (void)
{
  const char *several[] = { "\"x\"{}", "[1][2]", "{}{}", "{} []", "1 2", "true false",
                            "{\"a\": \"}{\"}\"b\"", "null{}" };
  const char *single[] = { "{}", " [1, [2, {\"a\": \"][}{\\\"\"}]] ", "\"x\"", "12.5e3", "true",
                           "{\"k\": \"}{\"}", "" };
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) deep_error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (several); i++)
    {
      g_autoptr(GError) error = NULL;

      if (wharf_json_check_shape (several[i], -1, &error))
        g_error ("“%s” passed the shape check", several[i]);
      g_assert_error (error, WHARF_JSON_ERROR, WHARF_JSON_ERROR_SEVERAL_VALUES);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (single); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!wharf_json_check_shape (single[i], strlen (single[i]), &error))
        g_error ("“%s” failed the shape check: %s", single[i], error->message);
    }
  /* LENGTH bounds the text: the second value is past it */
  g_assert_true (wharf_json_check_shape ("{}{}", 2, NULL));
  for (int i = 0; i <= WHARF_AWS_JSON_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  g_assert_false (wharf_json_check_shape (deep->str, deep->len, &deep_error));
  g_assert_error (deep_error, WHARF_JSON_ERROR, WHARF_JSON_ERROR_TOO_DEEP);
  g_assert_true (wharf_json_check_shape (deep->str, WHARF_AWS_JSON_MAX_DEPTH, NULL));
}

/* Docker's meta.json and config.json are read through the shape check. */
static void
test_json_context_file_two_values (void)
{
  const char *bad[] = { "{\"Name\": \"a\"}{\"Name\": \"b\"}", "\"x\"{\"Name\": \"b\"}" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) good = wharf_json_parse_object ("{\"Name\": \"a\"}", -1, "meta.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (good);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) root = wharf_json_parse_object (bad[i], -1, "meta.json", &error);

      g_assert_null (root);
      g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "meta.json"));
      g_assert_nonnull (strstr (error->message, "more than one value"));
      g_clear_error (&error);
    }
}

static void
test_error_query (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsResponse) response =
    parse (WHARF_AWS_PROTOCOL_QUERY, 400, "text/xml",
           "<ErrorResponse><Error><Type>Sender</Type><Code>ChangeSetNotFound</Code>"
           "<Message>ChangeSet [x] does not exist</Message></Error><RequestId>x-1</RequestId></ErrorResponse>",
           NULL, &error);

  g_assert_null (response);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "ChangeSetNotFound");
  g_assert_cmpstr (error->message, ==, "ChangeSetNotFound: ChangeSet [x] does not exist");
  g_assert_cmpuint (wharf_aws_client_error_get_status (error), ==, 400);
  /* The header request id wins over the body's. */
  g_assert_cmpstr (wharf_aws_client_error_get_request_id (error), ==, "hdr-id");
}

static void
test_error_ec2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(WharfAwsResponse) response =
    parse (WHARF_AWS_PROTOCOL_EC2, 503, "text/xml;charset=UTF-8",
           "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded."
           "</Message></Error></Errors><RequestID>e-1</RequestID></Response>", NULL, &error);

  g_assert_null (response);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_THROTTLED);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "RequestLimitExceeded");
  /* The extended data survives g_error_copy(). */
  copy = g_error_copy (error);
  g_assert_cmpstr (wharf_aws_client_error_get_code (copy), ==, "RequestLimitExceeded");
  g_assert_cmpuint (wharf_aws_client_error_get_status (copy), ==, 503);
}

static void
test_error_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  g_autoptr(WharfAwsResponse) r1 =
    parse (WHARF_AWS_PROTOCOL_JSON, 400, "application/x-amz-json-1.1",
           "{\"__type\":\"com.amazonaws.ecs#ClusterNotFoundException:http://internal\","
           "\"message\":\"Cluster not found.\"}", NULL, &error);
  g_autoptr(WharfAwsResponse) r2 =
    parse (WHARF_AWS_PROTOCOL_JSON, 400, "application/x-amz-json-1.1",
           "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find it\"}",
           NULL, &error2);
  g_autoptr(WharfAwsResponse) r3 =
    parse (WHARF_AWS_PROTOCOL_JSON, 400, "application/x-amz-json-1.1", "{}",
           "ThrottlingException:http://x", &error3);

  g_assert_null (r1);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "ClusterNotFoundException");
  g_assert_cmpstr (error->message, ==, "ClusterNotFoundException: Cluster not found.");
  g_assert_null (r2);
  g_assert_cmpstr (error2->message, ==, "ResourceNotFoundException: Secrets Manager can't find it");
  g_assert_null (r3);
  g_assert_error (error3, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_THROTTLED);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error3), ==, "ThrottlingException");
}

static void
test_error_rest_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsResponse) response =
    parse (WHARF_AWS_PROTOCOL_REST_JSON, 404, "application/json",
           "{\"ErrorCode\":\"FileSystemNotFound\",\"Message\":\"File system 'fs-1' does not exist.\"}",
           NULL, &error);

  g_assert_null (response);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "FileSystemNotFound");
  g_assert_cmpuint (wharf_aws_client_error_get_status (error), ==, 404);
}

static void
test_error_s3_and_429 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(WharfAwsResponse) r1 =
    parse (WHARF_AWS_PROTOCOL_REST_XML, 409, "application/xml",
           "<Error><Code>BucketAlreadyOwnedByYou</Code><Message>Yours</Message>"
           "<RequestId>s3-1</RequestId></Error>", NULL, &error);
  g_autoptr(WharfAwsResponse) r2 =
    parse (WHARF_AWS_PROTOCOL_REST_JSON, 429, "application/json", "", NULL, &error2);

  g_assert_null (r1);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "BucketAlreadyOwnedByYou");
  g_assert_null (r2);
  g_assert_error (error2, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_THROTTLED);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error2), ==, "429");
}

static void
test_success_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsResponse) empty = parse (WHARF_AWS_PROTOCOL_REST_XML, 204, NULL, "", NULL, &error);
  g_autoptr(WharfAwsResponse) json = NULL;
  g_autoptr(WharfAwsResponse) array = NULL;
  g_autoptr(WharfAwsResponse) json_for_xml = NULL;

  g_assert_no_error (error);
  g_assert_null (empty->xml);
  g_assert_cmpstr (empty->request_id, ==, "hdr-id");
  json = parse (WHARF_AWS_PROTOCOL_JSON, 200, "application/x-amz-json-1.1", "{\"a\":1}", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (wharf_aws_response_json_object (json, NULL));
  array = parse (WHARF_AWS_PROTOCOL_JSON, 200, "application/x-amz-json-1.1", "[1]", NULL, &error);
  g_assert_null (array);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE);
  g_clear_error (&error);
  json_for_xml = parse (WHARF_AWS_PROTOCOL_QUERY, 200, "application/json", "<a/>", NULL, &error);
  g_assert_null (json_for_xml);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE);
}

static void
test_params_encoding (void)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();
  g_autoptr(WharfAwsRequest) request = NULL;
  g_autofree char *encoded = NULL;
  const char *caps[] = { "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", NULL };
  gsize length;

  wharf_aws_params_add (params, "TemplateBody", "{\"a b\":\"ሴ~!*'()/+=&\"}");
  wharf_aws_params_add_list (params, "Capabilities.member", caps);
  wharf_aws_params_add_int (params, "TimeoutInMinutes", 15);
  wharf_aws_params_add_bool (params, "DisableRollback", FALSE);
  encoded = wharf_aws_params_encode (params);
  g_assert_cmpstr (encoded, ==,
                   "TemplateBody=%7B%22a%20b%22%3A%22%E1%88%B4~%21%2A%27%28%29%2F%2B%3D%26%22%7D"
                   "&Capabilities.member.1=CAPABILITY_IAM&Capabilities.member.2=CAPABILITY_NAMED_IAM"
                   "&TimeoutInMinutes=15&DisableRollback=false");
  g_assert_cmpstr (wharf_aws_params_lookup (params, "TimeoutInMinutes"), ==, "15");
  g_assert_cmpuint (wharf_aws_params_get_length (params), ==, 5);

  request = wharf_aws_request_new_query (WHARF_AWS_SERVICE_CLOUDFORMATION, "CreateStack", params);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_true (g_str_has_prefix (g_bytes_get_data (request->body, &length),
                                   "Action=CreateStack&Version=2010-05-15&TemplateBody="));
}

static void
test_json_request (void)
{
  g_autoptr(WharfAwsRequest) request = wharf_aws_request_new_json (WHARF_AWS_SERVICE_LOGS, "FilterLogEvents", NULL);
  g_autofree char *body = g_strndup (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body));

  g_assert_cmpstr (body, ==, "{}");
  g_assert_cmpstr (request->content_type, ==, "application/x-amz-json-1.1");
  g_assert_cmpstr (g_ptr_array_index (request->headers, 0), ==, "X-Amz-Target");
  g_assert_cmpstr (g_ptr_array_index (request->headers, 1), ==, "Logs_20140328.FilterLogEvents");
  g_assert_cmpstr (wharf_aws_service_from_name ("elbv2")->signing_name, ==, "elasticloadbalancing");
  g_assert_cmpstr (wharf_aws_service_get (WHARF_AWS_SERVICE_EFS)->signing_name, ==, "elasticfilesystem");
  g_assert_null (wharf_aws_service_from_name ("nope"));
}

static void
test_retry_classify (void)
{
  g_autoptr(GError) throttled = NULL;
  g_autoptr(GError) server = NULL;
  g_autoptr(GError) client = NULL;
  g_autoptr(GError) timeout = NULL;
  g_autoptr(GError) transient = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 27, 8, 0, 0);
  GTimeSpan skew = 0;

  wharf_aws_client_set_error (&throttled, WHARF_AWS_CLIENT_ERROR_THROTTLED, 400, "Throttling", NULL, "x");
  wharf_aws_client_set_error (&server, WHARF_AWS_CLIENT_ERROR_SERVICE, 502, "502", NULL, "x");
  wharf_aws_client_set_error (&client, WHARF_AWS_CLIENT_ERROR_SERVICE, 400, "ValidationError", NULL, "x");
  wharf_aws_client_set_error (&timeout, WHARF_AWS_CLIENT_ERROR_NETWORK, 0, "RequestTimeout", NULL, "x");
  wharf_aws_client_set_error (&transient, WHARF_AWS_CLIENT_ERROR_SERVICE, 400, "PriorRequestNotComplete", NULL, "x");
  g_assert_cmpint (wharf_aws_retry_classify (throttled), ==, WHARF_AWS_RETRY_THROTTLING);
  g_assert_cmpint (wharf_aws_retry_classify (server), ==, WHARF_AWS_RETRY_TRANSIENT);
  g_assert_cmpint (wharf_aws_retry_classify (client), ==, WHARF_AWS_RETRY_NONE);
  g_assert_cmpint (wharf_aws_retry_classify (timeout), ==, WHARF_AWS_RETRY_TIMEOUT);
  g_assert_cmpint (wharf_aws_retry_classify (transient), ==, WHARF_AWS_RETRY_TRANSIENT);
  for (const char * const *c = (const char *[]) { "Throttling", "ThrottlingException", "RequestLimitExceeded",
                                                  "TooManyRequestsException", "SlowDown", NULL }; *c; c++)
    g_assert_true (wharf_aws_retry_is_throttling_code (*c));
  g_assert_false (wharf_aws_retry_is_throttling_code ("AccessDenied"));
  g_assert_true (wharf_aws_retry_is_clock_skew_code ("RequestTimeTooSkewed"));

  g_assert_true (wharf_aws_retry_parse_skew ("Fri, 27 Nov 2026 08:10:00 GMT", now, &skew));
  g_assert_cmpint (skew, ==, 10 * G_TIME_SPAN_MINUTE);
  g_assert_false (wharf_aws_retry_parse_skew ("yesterday", now, &skew));
}

static void
test_redaction (void)
{
  g_autofree char *form = wharf_aws_redact_params ("Action=AssumeRole&TokenCode=123456&SecretId=my-id"
                                                   "&Parameters.member.1.ParameterValue=pw&NextToken=abc");
  const char json[] = "{\"Name\":\"db\",\"SecretString\":\"hunter2\",\"Nested\":[{\"SessionToken\":\"t\"}],"
                      "\"SecretId\":\"keep\"}";
  g_autofree char *redacted = wharf_aws_redact_json (json, strlen (json));

  g_assert_cmpstr (form, ==, "Action=AssumeRole&TokenCode=<redacted>&SecretId=my-id"
                   "&Parameters.member.1.ParameterValue=<redacted>&NextToken=abc");
  g_assert_null (strstr (redacted, "hunter2"));
  g_assert_null (strstr (redacted, "\"t\""));
  g_assert_nonnull (strstr (redacted, "keep"));
  g_assert_nonnull (strstr (redacted, "\"db\""));
  g_assert_cmpstr (wharf_aws_redact_header ("authorization", "AWS4-HMAC-SHA256 …"), ==, "<redacted>");
  g_assert_cmpstr (wharf_aws_redact_header ("X-Amz-Security-Token", "t"), ==, "<redacted>");
  g_assert_cmpstr (wharf_aws_redact_header ("x-amz-sso_bearer_token", "t"), ==, "<redacted>");
  g_assert_cmpstr (wharf_aws_redact_header ("X-Amz-Target", "t"), ==, "t");
}

/* The debug log of a real call carries no secret, token or signature. */
static void
test_debug_log_redacted (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(WharfTestServer) server = wharf_test_server_new ();
      g_autoptr(WharfAwsCredentials) credentials =
        wharf_aws_credentials_new ("AKIDLOG", "s3cr3tK3y", "S3ssionT0ken", NULL, NULL);
      g_autoptr(WharfAwsClient) client = wharf_aws_client_new ("us-east-1", credentials);
      g_autoptr(WharfSecret) secret = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (wharf_aws_client_set_endpoint (client, wharf_test_server_get_url (server), NULL));
      wharf_test_server_push (server, 200, "application/x-amz-json-1.1",
                              "{\"ARN\":\"arn:x\",\"Name\":\"db\",\"VersionId\":\"v1\"}", NULL);
      secret = wharf_secrets_create_secret (client, "db", "hunter2-value", NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (secret->arn, ==, "arn:x");
      return;
    }
  g_setenv ("G_MESSAGES_DEBUG", "Wharf", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*secretsmanager.CreateSecret attempt 1/3*");
  g_test_trap_assert_stdout ("*<redacted>*");
  g_test_trap_assert_stdout_unmatched ("*hunter2-value*");
  g_test_trap_assert_stdout_unmatched ("*S3ssionT0ken*");
  g_test_trap_assert_stdout_unmatched ("*s3cr3tK3y*");
  g_test_trap_assert_stdout_unmatched ("*Signature=*");
  g_test_trap_assert_stderr_unmatched ("*hunter2-value*");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/protocol/xml/tree", test_xml_tree);
  g_test_add_func ("/aws/protocol/xml/malformed", test_xml_malformed);
  g_test_add_func ("/aws/protocol/xml/too-deep", test_xml_too_deep);
  g_test_add_func ("/aws/protocol/json/parse", test_json_parse);
  g_test_add_func ("/aws/protocol/json/malformed", test_json_malformed);
  g_test_add_func ("/aws/protocol/json/check-shape", test_json_check_shape);
  g_test_add_func ("/aws/protocol/json/context-file-two-values", test_json_context_file_two_values);
  g_test_add_func ("/aws/protocol/error/query", test_error_query);
  g_test_add_func ("/aws/protocol/error/ec2", test_error_ec2);
  g_test_add_func ("/aws/protocol/error/json", test_error_json);
  g_test_add_func ("/aws/protocol/error/rest-json", test_error_rest_json);
  g_test_add_func ("/aws/protocol/error/s3-and-429", test_error_s3_and_429);
  g_test_add_func ("/aws/protocol/success-shapes", test_success_shapes);
  g_test_add_func ("/aws/protocol/params", test_params_encoding);
  g_test_add_func ("/aws/protocol/json-request", test_json_request);
  g_test_add_func ("/aws/protocol/retry-classify", test_retry_classify);
  g_test_add_func ("/aws/protocol/redaction", test_redaction);
  g_test_add_func ("/aws/protocol/debug-log-redacted", test_debug_log_redacted);

  return g_test_run ();
}
