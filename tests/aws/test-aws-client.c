/* test-aws-client.c: the HTTP client against a canned-response loopback
 * server: signing headers, retries and their bounds, error shapes, faults
 * (malformed, truncated, wrong content type, resets), cancellation, clock
 * skew, paging, async use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-aws-client-server.h"
#include "wharf-aws-cloudformation.h"
#include "wharf-aws-sts.h"
#include "wharf-core.h"
#include "wharf-sigv4.h"
#include "wharf-test-util.h"

#define XML "text/xml"

static const char identity_xml[] =
  "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
  "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn>"
  "<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>"
  "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

static const char throttling_xml[] =
  "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
  "<Message>Rate exceeded</Message></Error><RequestId>req-t</RequestId></ErrorResponse>";

static WharfStsIdentity *
identity (WharfTestServer *server,
          GError         **error)
{
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);

  return wharf_sts_get_caller_identity (client, NULL, error);
}

static void
test_signed_request (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(WharfTestRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  const char *auth;

  wharf_test_server_push (server, 200, XML, identity_xml, NULL);
  id = identity (server, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id->account, ==, "123456789012");
  g_assert_cmpstr (id->arn, ==, "arn:aws:iam::123456789012:user/alice");
  g_assert_cmpstr (id->user_id, ==, "AIDAEXAMPLE");

  request = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/");
  g_assert_cmpstr (request->body, ==, "Action=GetCallerIdentity&Version=2011-06-15");
  g_assert_cmpstr (soup_message_headers_get_content_type (request->headers, NULL), ==,
                   "application/x-www-form-urlencoded");
  auth = soup_message_headers_get_one (request->headers, "Authorization");
  g_assert_nonnull (auth);
  g_assert_true (g_str_has_prefix (auth, "AWS4-HMAC-SHA256 Credential=test/"));
  g_assert_nonnull (strstr (auth, "/us-east-1/sts/aws4_request"));
  g_assert_nonnull (soup_message_headers_get_one (request->headers, "X-Amz-Date"));
  g_assert_null (soup_message_headers_get_one (request->headers, "X-Amz-Security-Token"));
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "User-Agent"), ==,
                   wharf_core_user_agent ());
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "amz-sdk-request"), ==,
                   "attempt=1; max=3");
}

static void
test_session_token_sent (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsCredentials) credentials = wharf_aws_credentials_new ("ASIA", "secret", "tok3n", NULL, NULL);
  g_autoptr(WharfAwsClient) client = wharf_aws_client_new ("eu-west-1", credentials);
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(WharfTestRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (wharf_aws_client_set_endpoint (client, wharf_test_server_get_url (server), NULL));
  wharf_test_server_push (server, 200, XML, identity_xml, NULL);
  id = wharf_sts_get_caller_identity (client, NULL, &error);
  g_assert_no_error (error);
  request = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "X-Amz-Security-Token"), ==, "tok3n");
  g_assert_nonnull (strstr (soup_message_headers_get_one (request->headers, "Authorization"),
                            "/eu-west-1/sts/aws4_request"));
}

static void
test_throttling_then_success (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfAwsResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfTestRequest) third = NULL;
  g_autoptr(WharfTestRequest) first = NULL;

  wharf_test_server_push (server, 400, XML, throttling_xml, NULL);
  wharf_test_server_push (server, 503, "text/plain", "Service Unavailable", NULL);
  wharf_test_server_push (server, 200, XML, identity_xml, NULL);
  response = wharf_aws_client_call (client, wharf_sts_get_caller_identity_request (), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->attempts, ==, 3);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 3);

  /* Every attempt is signed again, with the same invocation id. */
  first = wharf_test_server_get_request (server, 0);
  third = wharf_test_server_get_request (server, 2);
  g_assert_cmpstr (soup_message_headers_get_one (third->headers, "amz-sdk-request"), ==, "attempt=3; max=3");
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "amz-sdk-invocation-id"), ==,
                   soup_message_headers_get_one (third->headers, "amz-sdk-invocation-id"));
  /* A success after retries refunds what it took. */
  g_assert_cmpuint (wharf_aws_retry_policy_get_quota (wharf_aws_client_get_retry_policy (client)), ==,
                    WHARF_AWS_RETRY_QUOTA);
}

static void
test_throttling_storm (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_set_default (server, 400, XML, throttling_xml);
  id = identity (server, &error);
  g_assert_null (id);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_THROTTLED);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "Throttling");
  g_assert_cmpstr (wharf_aws_client_error_get_request_id (error), ==, "req-t");
  g_assert_cmpstr (error->message, ==, "Throttling: Rate exceeded");
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 3);
}

static void
test_max_attempts (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfAwsResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  wharf_aws_retry_policy_set_max_attempts (wharf_aws_client_get_retry_policy (client), 5);
  wharf_test_server_set_default (server, 500, "application/xml",
                                 "<ErrorResponse><Error><Code>InternalFailure</Code>"
                                 "<Message>boom</Message></Error></ErrorResponse>");
  response = wharf_aws_client_call (client, wharf_sts_get_caller_identity_request (), NULL, &error);
  g_assert_null (response);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "InternalFailure");
  g_assert_cmpuint (wharf_aws_client_error_get_status (error), ==, 500);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 5);
  /* Four retries cost 5 each and were not refunded. */
  g_assert_cmpuint (wharf_aws_retry_policy_get_quota (wharf_aws_client_get_retry_policy (client)), ==,
                    WHARF_AWS_RETRY_QUOTA - 4 * WHARF_AWS_RETRY_COST);
}

static void
test_max_attempts_env (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(WharfTestServer) server = wharf_test_server_new ();
      g_autoptr(WharfStsIdentity) id = NULL;
      g_autoptr(GError) error = NULL;

      wharf_test_server_set_default (server, 400, XML, throttling_xml);
      id = identity (server, &error);
      g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_THROTTLED);
      g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 1);
      return;
    }
  g_setenv ("AWS_MAX_ATTEMPTS", "1", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("AWS_MAX_ATTEMPTS");
  g_test_trap_assert_passed ();
}

static void
test_not_retryable (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfCfnStack) stack = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_set_default (server, 400, XML,
                                 "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                                 "<Error><Type>Sender</Type><Code>ValidationError</Code>"
                                 "<Message>Stack with id nope does not exist</Message></Error>"
                                 "<RequestId>r-2</RequestId></ErrorResponse>");
  stack = wharf_cfn_describe_stack (client, "nope", NULL, &error);
  g_assert_null (stack);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_true (wharf_aws_client_error_has_code (error, "ValidationError"));
  g_assert_true (wharf_cfn_error_is_stack_missing (error));
  g_assert_cmpstr (error->message, ==, "ValidationError: Stack with id nope does not exist");
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 1);
}

static void
test_malformed_xml (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 200, XML, "<GetCallerIdentityResponse><GetCallerIdentityResult>"
                          "<Account>1</Acc", NULL);
  id = identity (server, &error);
  g_assert_null (id);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE);
  /* A 200 with a bad body is not retried (the request did happen). */
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 1);
}

static void
test_malformed_json (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfAwsResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 200, "application/x-amz-json-1.1", "{\"clusters\": [", NULL);
  response = wharf_aws_client_call (client, wharf_aws_request_new_json (WHARF_AWS_SERVICE_ECS,
                                                                        "DescribeClusters", NULL),
                                    NULL, &error);
  g_assert_null (response);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE);
}

static void
test_wrong_content_type (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;

  /* A captive portal's page is well-formed XML, yet not an answer. */
  wharf_test_server_push (server, 200, "text/html", "<html><body>Sign in</body></html>", NULL);
  id = identity (server, &error);
  g_assert_null (id);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE);
  g_assert_nonnull (strstr (error->message, "text/html"));
}

static void
test_missing_result (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 200, XML, "<GetCallerIdentityResponse/>", NULL);
  id = identity (server, &error);
  g_assert_null (id);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE);
}

static void
test_unparsable_error_body (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 403, "text/html", "<html>Forbidden", NULL);
  id = identity (server, &error);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "403");
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 1);
}

static void
test_connection_reset (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;

  /* Two resets, then an answer. */
  wharf_test_server_push_raw (server, "");
  wharf_test_server_push_raw (server, "");
  wharf_test_server_push (server, 200, XML, identity_xml, NULL);
  id = identity (server, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id->account, ==, "123456789012");
}

static void
test_reset_storm (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 20; i++)
    wharf_test_server_push_raw (server, "");
  id = identity (server, &error);
  g_assert_null (id);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_NETWORK);
  /* Bounded: libsoup may resend once on a dead connection by itself, but
   * never more than our attempts allow for. */
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), >=, 3);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), <=, 6);
}

static void
test_truncated_body (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;
  const char *truncated = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 400\r\n\r\n"
                          "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>12";

  wharf_test_server_push_raw (server, truncated);
  wharf_test_server_push_raw (server, truncated);
  wharf_test_server_push_raw (server, truncated);
  id = identity (server, &error);
  g_assert_null (id);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_NETWORK);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 3);
}

static void
test_backoff_bounds (void)
{
  g_autoptr(WharfAwsRetryPolicy) policy = wharf_aws_retry_policy_new (3);
  guint max_seen[4] = { 0 };

  /* Full jitter: delay after attempt i is in [0, min(base × 2^(i-1), 20 s)). */
  for (int n = 0; n < 2000; n++)
    for (guint attempt = 1; attempt <= 3; attempt++)
      {
        guint delay = wharf_aws_retry_policy_delay (policy, attempt);

        g_assert_cmpuint (delay, <, 1000u << (attempt - 1));
        max_seen[attempt] = MAX (max_seen[attempt], delay);
      }
  /* …and it really spreads over the range. */
  g_assert_cmpuint (max_seen[1], >, 900);
  g_assert_cmpuint (max_seen[3], >, 3600);
  for (int n = 0; n < 100; n++)
    g_assert_cmpuint (wharf_aws_retry_policy_delay (policy, 30), <, WHARF_AWS_RETRY_MAX_BACKOFF_MS);
}

static void
test_backoff_observed (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfAwsRetryPolicy) twin = wharf_aws_retry_policy_new (3);
  g_autoptr(WharfAwsResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;
  guint expected;

  /* The client really waits: a policy with the same seed draws the same
   * two delays. (A lower bound only: a loaded machine may be slower.) */
  wharf_aws_retry_policy_set_base_delay (wharf_aws_client_get_retry_policy (client), 200);
  wharf_aws_retry_policy_set_seed (twin, 42);
  wharf_aws_retry_policy_set_base_delay (twin, 200);
  expected = wharf_aws_retry_policy_delay (twin, 1) + wharf_aws_retry_policy_delay (twin, 2);
  g_assert_cmpuint (expected, <, 200 + 400);

  wharf_test_server_set_default (server, 400, XML, throttling_xml);
  start = g_get_monotonic_time ();
  response = wharf_aws_client_call (client, wharf_sts_get_caller_identity_request (), NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_THROTTLED);
  g_assert_cmpint (elapsed, >=, ((gint64) expected - 5) * 1000);
}

static void
test_quota_exhausted (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  WharfAwsRetryPolicy *policy = wharf_aws_client_get_retry_policy (client);
  guint cost = 0;
  g_autoptr(WharfAwsResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  while (wharf_aws_retry_policy_acquire (policy, WHARF_AWS_RETRY_THROTTLING, &cost))
    ;
  g_assert_cmpuint (wharf_aws_retry_policy_get_quota (policy), <, WHARF_AWS_RETRY_COST);
  wharf_test_server_set_default (server, 400, XML, throttling_xml);
  response = wharf_aws_client_call (client, wharf_sts_get_caller_identity_request (), NULL, &error);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_THROTTLED);
  /* No tokens left: no retry. */
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 1);
}

static void
test_clock_skew (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfAwsResponse) response = NULL;
  g_autoptr(WharfTestRequest) first = NULL;
  g_autoptr(WharfTestRequest) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) server_time = g_date_time_add_hours (now, 2);
  g_autofree char *date = soup_date_time_to_string (server_time, SOUP_DATE_HTTP);
  g_autoptr(GDateTime) signed_first = NULL;
  g_autoptr(GDateTime) signed_second = NULL;

  wharf_test_server_push (server, 403, XML,
                          "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code>"
                          "<Message>Signature expired</Message></Error></ErrorResponse>",
                          "Date", date, NULL);
  wharf_test_server_push (server, 200, XML, identity_xml, NULL);
  response = wharf_aws_client_call (client, wharf_sts_get_caller_identity_request (), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wharf_aws_client_get_clock_skew (client) / G_USEC_PER_SEC, >=, 2 * 3600 - 60);
  g_assert_cmpint (wharf_aws_client_get_clock_skew (client) / G_USEC_PER_SEC, <=, 2 * 3600 + 60);

  first = wharf_test_server_get_request (server, 0);
  second = wharf_test_server_get_request (server, 1);
  signed_first = wharf_sigv4_parse_amz_date (soup_message_headers_get_one (first->headers, "X-Amz-Date"));
  signed_second = wharf_sigv4_parse_amz_date (soup_message_headers_get_one (second->headers, "X-Amz-Date"));
  g_assert_cmpint (g_date_time_difference (signed_second, signed_first) / G_USEC_PER_SEC, >=, 2 * 3600 - 60);
}

static void
test_insecure_endpoint (void)
{
  g_autoptr(WharfAwsCredentials) credentials = wharf_aws_credentials_new ("a", "b", NULL, NULL, NULL);
  g_autoptr(WharfAwsClient) client = wharf_aws_client_new ("us-east-1", credentials);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert_false (wharf_aws_client_set_endpoint (client, "http://example.com:4566", &error));
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT);
  g_clear_error (&error);
  g_assert_false (wharf_aws_client_set_endpoint (client, "http://10.0.0.1/", &error));
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT);
  g_clear_error (&error);
  g_assert_false (wharf_aws_client_set_endpoint (client, "not a url", &error));
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT);
  g_clear_error (&error);
  g_assert_true (wharf_aws_client_set_endpoint (client, "http://localhost:4566", NULL));
  g_assert_true (wharf_aws_client_set_endpoint (client, "http://[::1]:4566", NULL));
  g_assert_true (wharf_aws_client_set_endpoint (client, "https://example.com", NULL));
  g_assert_true (wharf_aws_client_set_endpoint (client, NULL, NULL));

  url = wharf_aws_client_get_endpoint (client, WHARF_AWS_SERVICE_EFS, &error);
  g_assert_cmpstr (url, ==, "https://elasticfilesystem.us-east-1.amazonaws.com");
}

static void
test_unreachable (void)
{
  g_autoptr(WharfAwsCredentials) credentials = wharf_aws_credentials_new ("a", "b", NULL, NULL, NULL);
  g_autoptr(WharfAwsClient) client = wharf_aws_client_new ("us-east-1", credentials);
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;

  /* A port that was just free: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  g_assert_true (wharf_aws_client_set_endpoint (client, url, NULL));
  wharf_aws_retry_policy_set_base_delay (wharf_aws_client_get_retry_policy (client), 1);
  id = wharf_sts_get_caller_identity (client, NULL, &error);
  g_assert_null (id);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_NETWORK);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static gpointer
cancel_thread (gpointer user_data)
{
  g_usleep (100 * 1000);
  g_cancellable_cancel (user_data);
  return NULL;
}

static void
test_cancel_during_backoff (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(WharfAwsResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  GThread *thread;
  gint64 start;

  /* A 60 s backoff, cut short by cancelling from another thread. */
  wharf_aws_retry_policy_set_base_delay (wharf_aws_client_get_retry_policy (client), 60000);
  wharf_aws_retry_policy_set_seed (wharf_aws_client_get_retry_policy (client), 7);
  wharf_test_server_set_default (server, 400, XML, throttling_xml);
  thread = g_thread_new ("cancel", cancel_thread, cancellable);
  start = g_get_monotonic_time ();
  response = wharf_aws_client_call (client, wharf_sts_get_caller_identity_request (), cancellable, &error);
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 1);
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_cancel_in_flight_async (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;

  /* The answer would come after 2 s; the main loop cancels at 50 ms. */
  wharf_test_server_push_delayed (server, 2000, 200, XML, identity_xml);
  wharf_sts_get_caller_identity_async (client, cancellable, on_async_done, &result);
  g_timeout_add (50, cancel_later, cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  id = wharf_sts_get_caller_identity_finish (client, result, &error);
  g_assert_null (id);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_async_success (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(WharfStsIdentity) id = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 400, XML, throttling_xml, NULL);
  wharf_test_server_push (server, 200, XML, identity_xml, NULL);
  wharf_sts_get_caller_identity_async (client, NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  id = wharf_sts_get_caller_identity_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id->account, ==, "123456789012");
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 2);
}

static void
test_timeout (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfAwsResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  wharf_aws_client_set_timeout (client, 2);
  wharf_aws_retry_policy_set_max_attempts (wharf_aws_client_get_retry_policy (client), 2);
  wharf_test_server_push_delayed (server, 5000, 200, XML, identity_xml);
  wharf_test_server_push (server, 200, XML, identity_xml, NULL);
  response = wharf_aws_client_call (client, wharf_sts_get_caller_identity_request (), NULL, &error);
  /* The first attempt timed out; the retry got the answer. */
  g_assert_no_error (error);
  g_assert_cmpuint (response->attempts, ==, 2);
}

static gpointer
identity_thread (gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  WharfStsIdentity *id = wharf_sts_get_caller_identity (user_data, NULL, &error);

  g_assert_no_error (error);
  return id;
}

/* Blocking calls from worker threads (how the GUI runs CLI-style code in
 * g_task_run_in_thread()) share one client safely. */
static void
test_sync_from_threads (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  GThread *threads[4];

  wharf_test_server_set_default (server, 200, XML, identity_xml);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("sync-call", identity_thread, client);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(WharfStsIdentity) id = g_thread_join (threads[i]);

      g_assert_cmpstr (id->account, ==, "123456789012");
    }
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, G_N_ELEMENTS (threads));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/client/signed-request", test_signed_request);
  g_test_add_func ("/aws/client/session-token", test_session_token_sent);
  g_test_add_func ("/aws/client/retry/throttling-then-success", test_throttling_then_success);
  g_test_add_func ("/aws/client/retry/throttling-storm", test_throttling_storm);
  g_test_add_func ("/aws/client/retry/max-attempts", test_max_attempts);
  g_test_add_func ("/aws/client/retry/max-attempts-env", test_max_attempts_env);
  g_test_add_func ("/aws/client/retry/not-retryable", test_not_retryable);
  g_test_add_func ("/aws/client/retry/backoff-bounds", test_backoff_bounds);
  g_test_add_func ("/aws/client/retry/backoff-observed", test_backoff_observed);
  g_test_add_func ("/aws/client/retry/quota-exhausted", test_quota_exhausted);
  g_test_add_func ("/aws/client/retry/timeout", test_timeout);
  g_test_add_func ("/aws/client/fault/malformed-xml", test_malformed_xml);
  g_test_add_func ("/aws/client/fault/malformed-json", test_malformed_json);
  g_test_add_func ("/aws/client/fault/wrong-content-type", test_wrong_content_type);
  g_test_add_func ("/aws/client/fault/missing-result", test_missing_result);
  g_test_add_func ("/aws/client/fault/unparsable-error", test_unparsable_error_body);
  g_test_add_func ("/aws/client/fault/reset", test_connection_reset);
  g_test_add_func ("/aws/client/fault/reset-storm", test_reset_storm);
  g_test_add_func ("/aws/client/fault/truncated", test_truncated_body);
  g_test_add_func ("/aws/client/fault/unreachable", test_unreachable);
  g_test_add_func ("/aws/client/clock-skew", test_clock_skew);
  g_test_add_func ("/aws/client/endpoint/insecure", test_insecure_endpoint);
  g_test_add_func ("/aws/client/cancel/backoff", test_cancel_during_backoff);
  g_test_add_func ("/aws/client/cancel/in-flight-async", test_cancel_in_flight_async);
  g_test_add_func ("/aws/client/async", test_async_success);
  g_test_add_func ("/aws/client/sync-from-threads", test_sync_from_threads);

  return g_test_run ();
}
