/* test-sigv4.c: the SigV4 signer against AWS's test suite
 * (../shared/peer-tests/sigv4), plus host/port, S3, session token and the
 * server-side parse/verify path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "wharf-sigv4.h"
#include "wharf-test-util.h"

#define SUITE_AKID   "AKIDEXAMPLE"
#define SUITE_SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define SUITE_TOKEN  "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Parses a raw request ("GET /p?q HTTP/1.1\nName:value\n…\n\nbody"), with
 * obsolete line folding, into a WharfSigv4Request. */
static WharfSigv4Request *
parse_raw_request (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) body = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GString) value = NULL;
  const char *line = lines[0];
  const char *space = strchr (line, ' ');
  const char *version = g_strrstr (line, " HTTP/");
  g_autofree char *method = NULL;
  g_autofree char *target = NULL;
  char *question;
  WharfSigv4Request *request;
  guint i;

  g_assert_nonnull (space);
  g_assert_nonnull (version);
  method = g_strndup (line, space - line);
  target = g_strndup (space + 1, version - space - 1);
  question = strchr (target, '?');
  if (question != NULL)
    *question++ = '\0';
  request = wharf_sigv4_request_new (method, target, question);

  for (i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      if (*lines[i] == ' ' || *lines[i] == '\t')
        {
          g_assert_nonnull (value);
          g_string_append_printf (value, "\n%s", lines[i]);
          continue;
        }
      if (name != NULL)
        wharf_sigv4_request_add_header (request, name, value->str);
      g_clear_pointer (&name, g_free);
      if (value != NULL)
        g_string_free (g_steal_pointer (&value), TRUE);
      {
        const char *colon = strchr (lines[i], ':');
        g_assert_nonnull (colon);
        name = g_strndup (lines[i], colon - lines[i]);
        value = g_string_new (colon + 1);
      }
    }
  if (name != NULL)
    wharf_sigv4_request_add_header (request, name, value->str);
  if (lines[i] != NULL)
    {
      body = g_string_new (NULL);
      for (i++; lines[i] != NULL; i++)
        g_string_append_printf (body, "%s%s", body->len > 0 ? "\n" : "", lines[i]);
      wharf_sigv4_request_set_payload (request, body->str, body->len);
    }
  return request;
}

/* Server side round trip: the request as signed verifies, and fails with a
 * wrong secret. */
static void
check_verifies (const char             *raw,
                const WharfSigv4Result *result,
                const char             *secret,
                WharfSigv4Flags         flags)
{
  g_autoptr(WharfSigv4Request) received = parse_raw_request (raw);
  g_autoptr(WharfSigv4Authorization) auth = NULL;
  g_autoptr(WharfSigv4Result) expected = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < result->headers->len; i++)
    {
      WharfSigv4Header *h = g_ptr_array_index (result->headers, i);
      wharf_sigv4_request_add_header (received, h->name, h->value);
    }
  auth = wharf_sigv4_parse_authorization (wharf_sigv4_request_get_header (received, "Authorization"),
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (auth->access_key_id, ==, SUITE_AKID);
  g_assert_true (wharf_sigv4_verify (received, auth, secret, flags, &expected, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (expected->canonical_request, ==, result->canonical_request);

  g_assert_false (wharf_sigv4_verify (received, auth, "not-the-secret", flags, NULL, &error));
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_SIGNATURE_MISMATCH);
}

static GDateTime *
suite_time (void)
{
  return g_date_time_new_utc (2015, 8, 30, 12, 36, 0);
}

/* Classic format: DIR/NAME.{req,creq,sts,authz,sreq}. */
static void
test_classic_case (gconstpointer data)
{
  const char *dir = data;
  g_autofree char *name = g_path_get_basename (dir);
  g_autofree char *base = g_build_filename (dir, name, NULL);
  g_autofree char *req_path = g_strconcat (base, ".req", NULL);
  g_autofree char *raw = read_text (req_path);
  g_autofree char *sreq_path = g_strconcat (base, ".sreq", NULL);
  g_autofree char *sreq = read_text (sreq_path);
  g_autofree char *creq_path = g_strconcat (base, ".creq", NULL);
  g_autofree char *creq = read_text (creq_path);
  g_autofree char *sts_path = g_strconcat (base, ".sts", NULL);
  g_autofree char *sts = read_text (sts_path);
  g_autofree char *authz_path = g_strconcat (base, ".authz", NULL);
  g_autofree char *authz = read_text (authz_path);
  g_autoptr(WharfSigv4Request) request = parse_raw_request (raw);
  g_autoptr(WharfAwsCredentials) creds = NULL;
  g_autoptr(WharfSigv4Result) result = NULL;
  g_autoptr(GDateTime) when = suite_time ();
  g_autoptr(GError) error = NULL;
  WharfSigv4Flags flags = WHARF_SIGV4_FLAGS_NONE;
  const char *token = NULL;

  if (strcmp (name, "get-vanilla-with-session-token") == 0)
    token = SUITE_TOKEN;
  if (strcmp (name, "post-sts-header-after") == 0)
    {
      /* The token the suite adds after signing is the one in .sreq. */
      g_autoptr(WharfSigv4Request) signed_req = parse_raw_request (sreq);
      token = wharf_sigv4_request_get_header (signed_req, "X-Amz-Security-Token");
      g_assert_nonnull (token);
      creds = wharf_aws_credentials_new (SUITE_AKID, SUITE_SECRET, token, NULL, NULL);
      flags = WHARF_SIGV4_TOKEN_AFTER_SIGNING;
    }
  if (creds == NULL)
    creds = wharf_aws_credentials_new (SUITE_AKID, SUITE_SECRET, token, NULL, NULL);

  result = wharf_sigv4_sign (request, creds, "us-east-1", "service", when, flags, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->canonical_request, ==, creq);
  g_assert_cmpstr (result->string_to_sign, ==, sts);
  g_assert_cmpstr (result->authorization, ==, authz);

  /* Every header signing adds is in the signed request as sent (the
   * Authorization value is checked against .authz above: the .sreq of
   * aws-c-auth's own get-vanilla-with-session-token case carries a stale
   * signature). */
  {
    g_autoptr(WharfSigv4Request) sent = parse_raw_request (sreq);
    for (guint i = 0; i < result->headers->len; i++)
      {
        WharfSigv4Header *h = g_ptr_array_index (result->headers, i);
        g_autofree char *value = g_strdup (wharf_sigv4_request_get_header (sent, h->name));
        if (g_ascii_strcasecmp (h->name, "Authorization") == 0)
          continue;
        g_assert_nonnull (value);
        g_assert_cmpstr (g_strstrip (value), ==, h->value);
      }
  }

  check_verifies (raw, result, SUITE_SECRET, flags);
}

/* Newer format: context.json, request.txt, header-*.txt. */
static void
test_v4_case (gconstpointer data)
{
  const char *dir = data;
  g_autofree char *context_path = g_build_filename (dir, "context.json", NULL);
  g_autofree char *request_path = g_build_filename (dir, "request.txt", NULL);
  g_autofree char *creq_path = g_build_filename (dir, "header-canonical-request.txt", NULL);
  g_autofree char *sts_path = g_build_filename (dir, "header-string-to-sign.txt", NULL);
  g_autofree char *sig_path = g_build_filename (dir, "header-signature.txt", NULL);
  g_autofree char *sreq_path = g_build_filename (dir, "header-signed-request.txt", NULL);
  g_autofree char *raw = read_text (request_path);
  g_autofree char *creq = read_text (creq_path);
  g_autofree char *sts = read_text (sts_path);
  g_autofree char *sig = read_text (sig_path);
  g_autofree char *sreq = read_text (sreq_path);
  g_autofree char *auth_line = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(WharfSigv4Request) request = parse_raw_request (raw);
  g_autoptr(WharfAwsCredentials) creds = NULL;
  g_autoptr(WharfSigv4Result) result = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GError) error = NULL;
  WharfSigv4Flags flags = WHARF_SIGV4_FLAGS_NONE;
  JsonObject *context, *cred;

  json_parser_load_from_file (parser, context_path, &error);
  g_assert_no_error (error);
  context = json_node_get_object (json_parser_get_root (parser));
  cred = json_object_get_object_member (context, "credentials");
  creds = wharf_aws_credentials_new (json_object_get_string_member (cred, "access_key_id"),
                                     json_object_get_string_member (cred, "secret_access_key"),
                                     json_object_get_string_member_with_default (cred, "token", NULL),
                                     NULL, NULL);
  when = g_date_time_new_from_iso8601 (json_object_get_string_member (context, "timestamp"), NULL);
  g_assert_nonnull (when);
  if (!json_object_get_boolean_member_with_default (context, "normalize", TRUE))
    flags |= WHARF_SIGV4_NO_NORMALIZE_PATH;
  if (json_object_get_boolean_member_with_default (context, "sign_body", FALSE))
    flags |= WHARF_SIGV4_SIGN_BODY;
  if (json_object_get_boolean_member_with_default (context, "omit_session_token", FALSE))
    flags |= WHARF_SIGV4_TOKEN_AFTER_SIGNING;

  result = wharf_sigv4_sign (request, creds,
                             json_object_get_string_member (context, "region"),
                             json_object_get_string_member (context, "service"),
                             when, flags, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->canonical_request, ==, creq);
  g_assert_cmpstr (result->string_to_sign, ==, sts);
  g_assert_cmpstr (result->signature, ==, g_strstrip (sig));
  auth_line = g_strdup_printf ("Authorization:%s\n", result->authorization);
  g_assert_nonnull (strstr (sreq, auth_line));

  check_verifies (raw, result, wharf_aws_credentials_get_secret_access_key (creds), flags);
}

static void
test_suite_absent (void)
{
  g_autofree char *path = wharf_test_peer_path ("sigv4", NULL);

  if (path != NULL && !g_file_test (path, G_FILE_TEST_IS_DIR))
    g_test_skip ("peer-tests/sigv4 is absent");
}

/* Adds one test per folder holding NAME/NAME.req, recursively. */
static guint
add_classic_cases (const char *dir,
                   const char *test_prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint count = 0;

  if (listing == NULL)
    return 0;
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *sub = g_build_filename (dir, entry, NULL);
      g_autofree char *req = g_strdup_printf ("%s/%s.req", sub, entry);
      g_autofree char *test_path = g_strdup_printf ("%s/%s", test_prefix, entry);

      if (!g_file_test (sub, G_FILE_TEST_IS_DIR) || strcmp (entry, "aws-signing-test-suite-v4") == 0)
        continue;
      if (g_file_test (req, G_FILE_TEST_EXISTS))
        {
          g_test_add_data_func_full (test_path, g_strdup (sub), test_classic_case, g_free);
          count++;
        }
      else
        count += add_classic_cases (sub, test_path);
    }
  return count;
}

static guint
add_v4_cases (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint count = 0;

  if (listing == NULL)
    return 0;
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *sub = g_build_filename (dir, entry, NULL);
      g_autofree char *context = g_build_filename (sub, "context.json", NULL);
      g_autofree char *test_path = g_strdup_printf ("/sigv4/suite-v4/%s", entry);

      if (!g_file_test (context, G_FILE_TEST_EXISTS))
        continue;
      g_test_add_data_func_full (test_path, g_strdup (sub), test_v4_case, g_free);
      count++;
    }
  return count;
}

/* ---- unit tests ------------------------------------------------------------ */

static WharfSigv4Result *
sign_simple (WharfSigv4Request   *request,
             WharfAwsCredentials *creds,
             WharfSigv4Flags      flags)
{
  g_autoptr(GDateTime) when = suite_time ();
  g_autoptr(GError) error = NULL;
  WharfSigv4Result *result;

  result = wharf_sigv4_sign (request, creds, "us-east-1", "service", when, flags, &error);
  g_assert_no_error (error);
  return result;
}

static const char *
result_header (const WharfSigv4Result *result,
               const char             *name)
{
  for (guint i = 0; i < result->headers->len; i++)
    {
      WharfSigv4Header *h = g_ptr_array_index (result->headers, i);
      if (g_ascii_strcasecmp (h->name, name) == 0)
        return h->value;
    }
  return NULL;
}

static void
test_host_for_uri (void)
{
  struct { const char *uri; const char *host; } cases[] = {
    { "http://127.0.0.1:5098/", "127.0.0.1:5098" },
    { "http://127.0.0.1:80/", "127.0.0.1" },
    { "https://CloudFormation.us-east-1.amazonaws.com/", "cloudformation.us-east-1.amazonaws.com" },
    { "https://example.com:443/x", "example.com" },
    { "https://example.com:80/x", "example.com:80" },
    { "http://[::1]:4566/", "[::1]:4566" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (cases[i].uri, G_URI_FLAGS_ENCODED, NULL);
      g_autofree char *host = wharf_sigv4_host_for_uri (uri);
      g_assert_cmpstr (host, ==, cases[i].host);
    }
}

/* A host with a port is signed as is; the session token is added and signed. */
static void
test_port_and_token (void)
{
  g_autoptr(WharfSigv4Request) request = wharf_sigv4_request_new ("POST", "/", NULL);
  g_autoptr(WharfAwsCredentials) creds =
    wharf_aws_credentials_new ("AKID", "SECRET", "TOKEN/+=", NULL, "test");
  g_autoptr(WharfSigv4Result) result = NULL;
  const char *body = "Action=DescribeStacks&Version=2010-05-15";
  g_autofree char *body_hash = wharf_sigv4_sha256_hex (body, strlen (body));

  wharf_sigv4_request_add_header (request, "Host", "127.0.0.1:5098");
  wharf_sigv4_request_add_header (request, "Content-Type",
                                  "application/x-www-form-urlencoded; charset=utf-8");
  wharf_sigv4_request_add_header (request, "User-Agent", "wharf/0.1");
  wharf_sigv4_request_set_payload (request, body, strlen (body));
  result = sign_simple (request, creds, WHARF_SIGV4_FLAGS_NONE);

  g_assert_nonnull (strstr (result->canonical_request, "\nhost:127.0.0.1:5098\n"));
  g_assert_nonnull (strstr (result->canonical_request, "\nx-amz-security-token:TOKEN/+=\n"));
  g_assert_null (strstr (result->canonical_request, "user-agent"));
  g_assert_cmpstr (result->signed_headers, ==, "content-type;host;x-amz-date;x-amz-security-token");
  g_assert_true (g_str_has_suffix (result->canonical_request, body_hash));
  g_assert_cmpstr (result_header (result, "X-Amz-Date"), ==, "20150830T123600Z");
  g_assert_cmpstr (result_header (result, "X-Amz-Security-Token"), ==, "TOKEN/+=");
  g_assert_cmpstr (result_header (result, "Authorization"), ==, result->authorization);
  g_assert_null (result_header (result, "X-Amz-Content-SHA256"));
}

/* S3: the path is not encoded again nor normalised; the body hash is sent. */
static void
test_s3_path (void)
{
  g_autoptr(WharfAwsCredentials) creds = wharf_aws_credentials_new ("AKID", "SECRET", NULL, NULL, NULL);
  g_autoptr(WharfSigv4Request) s3 = wharf_sigv4_request_new ("PUT", "/bucket/a%20b//c.json", NULL);
  g_autoptr(WharfSigv4Request) other = wharf_sigv4_request_new ("PUT", "/bucket/a%20b//c.json", NULL);
  g_autoptr(WharfSigv4Result) r3 = NULL;
  g_autoptr(WharfSigv4Result) ro = NULL;
  g_auto(GStrv) lines3 = NULL;
  g_auto(GStrv) lineso = NULL;

  wharf_sigv4_request_add_header (s3, "Host", "s3.us-east-1.amazonaws.com");
  wharf_sigv4_request_add_header (other, "Host", "s3.us-east-1.amazonaws.com");
  wharf_sigv4_request_set_payload (s3, "{}", 2);
  wharf_sigv4_request_set_payload (other, "{}", 2);
  r3 = sign_simple (s3, creds, WHARF_SIGV4_S3);
  ro = sign_simple (other, creds, WHARF_SIGV4_FLAGS_NONE);
  lines3 = g_strsplit (r3->canonical_request, "\n", -1);
  lineso = g_strsplit (ro->canonical_request, "\n", -1);
  g_assert_cmpstr (lines3[1], ==, "/bucket/a%20b//c.json");
  g_assert_cmpstr (lineso[1], ==, "/bucket/a%2520b/c.json");
  g_assert_cmpstr (result_header (r3, "X-Amz-Content-SHA256"), ==, r3->payload_hash);
  g_assert_nonnull (strstr (r3->signed_headers, "x-amz-content-sha256"));
  g_assert_cmpstr (r3->payload_hash, ==,
                   "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
}

static void
test_query_encoding (void)
{
  g_autoptr(WharfAwsCredentials) creds = wharf_aws_credentials_new ("AKID", "SECRET", NULL, NULL, NULL);
  g_autoptr(WharfSigv4Request) raw = wharf_sigv4_request_new ("GET", "/", "b=x y&a=2&a=1&c");
  g_autoptr(WharfSigv4Request) enc = wharf_sigv4_request_new ("GET", "/", "b=x%20y&a=2&a=1&c=");
  g_autoptr(WharfSigv4Result) r1 = NULL;
  g_autoptr(WharfSigv4Result) r2 = NULL;
  g_auto(GStrv) lines = NULL;

  wharf_sigv4_request_add_header (raw, "Host", "h");
  wharf_sigv4_request_add_header (enc, "Host", "h");
  r1 = sign_simple (raw, creds, 0);
  r2 = sign_simple (enc, creds, 0);
  lines = g_strsplit (r1->canonical_request, "\n", -1);
  g_assert_cmpstr (lines[2], ==, "a=1&a=2&b=x%20y&c=");
  g_assert_cmpstr (r1->signature, ==, r2->signature);
}

static void
test_sign_errors (void)
{
  g_autoptr(WharfAwsCredentials) creds = wharf_aws_credentials_new ("AKID", "SECRET", NULL, NULL, NULL);
  g_autoptr(GDateTime) when = suite_time ();
  g_autoptr(WharfSigv4Request) no_host = wharf_sigv4_request_new ("GET", "/", NULL);
  g_autoptr(WharfSigv4Request) relative = wharf_sigv4_request_new ("GET", "x", NULL);
  g_autoptr(WharfSigv4Request) bad_date = wharf_sigv4_request_new ("GET", "/", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (wharf_sigv4_sign (no_host, creds, "r", "s", when, 0, &error));
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  wharf_sigv4_request_add_header (relative, "Host", "h");
  g_assert_null (wharf_sigv4_sign (relative, creds, "r", "s", when, 0, &error));
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  wharf_sigv4_request_add_header (bad_date, "Host", "h");
  wharf_sigv4_request_add_header (bad_date, "X-Amz-Date", "yesterday");
  g_assert_null (wharf_sigv4_sign (bad_date, creds, "r", "s", when, 0, &error));
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_REQUEST);
}

static void
test_parse_authorization (void)
{
  const char *good = "AWS4-HMAC-SHA256 Credential=AKID/20150830/eu-west-1/ecs/aws4_request, "
                     "SignedHeaders=host;x-amz-date, "
                     "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
  const char *bad[] = {
    "",
    "AWS4-HMAC-SHA1 Credential=AKID/20150830/r/s/aws4_request, SignedHeaders=host, Signature=00",
    "AWS4-HMAC-SHA256 Credential=AKID/20150830/r/s/aws4_request, SignedHeaders=host",
    "AWS4-HMAC-SHA256 Credential=AKID/2015083/r/s/aws4_request, SignedHeaders=host, "
      "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    "AWS4-HMAC-SHA256 Credential=AKID/20150830/r/s/aws5_request, SignedHeaders=host, "
      "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    "AWS4-HMAC-SHA256 Credential=AKID/20150830/r/s/aws4_request, SignedHeaders=Host, "
      "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    "AWS4-HMAC-SHA256 Credential=AKID/20150830/r/s/aws4_request, SignedHeaders=host, Signature=XYZ",
    "AWS4-HMAC-SHA256 garbage",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfSigv4Authorization) auth = wharf_sigv4_parse_authorization (good, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (auth->access_key_id, ==, "AKID");
  g_assert_cmpstr (auth->date, ==, "20150830");
  g_assert_cmpstr (auth->region, ==, "eu-west-1");
  g_assert_cmpstr (auth->service, ==, "ecs");
  g_assert_cmpuint (g_strv_length (auth->signed_headers), ==, 2);
  g_assert_cmpstr (auth->signed_headers[1], ==, "x-amz-date");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(WharfSigv4Authorization) none = wharf_sigv4_parse_authorization (bad[i], &error);
      g_assert_null (none);
      g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION);
      g_clear_error (&error);
    }
}

/* Tampering with the body, a signed header or the scope is detected. */
static void
test_verify_tampering (void)
{
  g_autoptr(WharfAwsCredentials) creds = wharf_aws_credentials_new ("AKID", "SECRET", "TOK", NULL, NULL);
  g_autoptr(WharfSigv4Request) request = wharf_sigv4_request_new ("POST", "/", NULL);
  g_autoptr(WharfSigv4Result) result = NULL;
  g_autoptr(WharfSigv4Authorization) auth = NULL;
  g_autoptr(GError) error = NULL;
  const char *variants[] = { "body", "header", "unsigned-host", "nodate", "wrong-date" };

  wharf_sigv4_request_add_header (request, "Host", "127.0.0.1:1234");
  wharf_sigv4_request_add_header (request, "X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListServices");
  wharf_sigv4_request_set_payload (request, "{}", 2);
  result = sign_simple (request, creds, 0);
  auth = wharf_sigv4_parse_authorization (result->authorization, &error);
  g_assert_no_error (error);

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(WharfSigv4Request) received = wharf_sigv4_request_new ("POST", "/", NULL);
      g_autoptr(WharfSigv4Authorization) a = wharf_sigv4_parse_authorization (result->authorization, NULL);
      gboolean body = strcmp (variants[v], "body") == 0;
      gboolean header = strcmp (variants[v], "header") == 0;

      if (strcmp (variants[v], "unsigned-host") == 0)
        {
          g_strfreev (a->signed_headers);
          a->signed_headers = g_strsplit ("x-amz-date;x-amz-target", ";", -1);
        }
      if (strcmp (variants[v], "wrong-date") == 0)
        {
          g_free (a->date);
          a->date = g_strdup ("20150831");
        }
      wharf_sigv4_request_add_header (received, "Host", "127.0.0.1:1234");
      wharf_sigv4_request_add_header (received, "X-Amz-Target",
                                      header ? "AmazonEC2ContainerServiceV20141113.DeleteService"
                                             : "AmazonEC2ContainerServiceV20141113.ListServices");
      if (strcmp (variants[v], "nodate") != 0)
        wharf_sigv4_request_add_header (received, "X-Amz-Date", result->amz_date);
      wharf_sigv4_request_add_header (received, "X-Amz-Security-Token", "TOK");
      wharf_sigv4_request_set_payload (received, body ? "{ }" : "{}", body ? 3 : 2);

      g_assert_false (wharf_sigv4_verify (received, a, "SECRET", 0, NULL, &error));
      if (body || header)
        g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_SIGNATURE_MISMATCH);
      else
        g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION);
      g_clear_error (&error);
    }
}

static void
test_amz_date (void)
{
  g_autoptr(GDateTime) t = wharf_sigv4_parse_amz_date ("20150830T123600Z");
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (7200);
  g_autoptr(GDateTime) local = g_date_time_new (tz, 2015, 8, 30, 14, 36, 0);
  g_autofree char *s = NULL;

  g_assert_nonnull (t);
  g_assert_cmpint (g_date_time_get_hour (t), ==, 12);
  s = wharf_sigv4_format_amz_date (local);
  g_assert_cmpstr (s, ==, "20150830T123600Z");
  g_assert_null (wharf_sigv4_parse_amz_date ("2015-08-30T12:36:00Z"));
  g_assert_null (wharf_sigv4_parse_amz_date ("20150830T1236000"));
  g_assert_null (wharf_sigv4_parse_amz_date ("20151330T123600Z"));
  g_assert_null (wharf_sigv4_parse_amz_date (NULL));
}

/* ---- botocore agrees ------------------------------------------------------ */

/* botocore (the AWS CLI's signer) signs requests shaped like Wharf's; it
 * picks the time, so Wharf signs with botocore's X-Amz-Date. */
static const char botocore_sign_script[] =
  "import json\n"
  "from botocore.auth import SigV4Auth\n"
  "from botocore.awsrequest import AWSRequest\n"
  "from botocore.credentials import Credentials\n"
  "creds = Credentials('AKIDBOTO', 'boto/secret+key', 'boto-token/+=')\n"
  "cases = [\n"
  " ('POST', 'http://127.0.0.1:5098/', 'Action=DescribeStacks&Version=2010-05-15',\n"
  "  {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}, 'cloudformation', 'us-west-2'),\n"
  " ('POST', 'https://ecs.eu-west-1.amazonaws.com/', '{\"cluster\": \"default\"}',\n"
  "  {'Content-Type': 'application/x-amz-json-1.1',\n"
  "   'X-Amz-Target': 'AmazonEC2ContainerServiceV20141113.ListServices'}, 'ecs', 'eu-west-1'),\n"
  " ('GET', 'http://[::1]:4566/2015-02-01/file-systems?CreationToken=a%20b%2Bc&MaxItems=10', '',\n"
  "  {}, 'elasticfilesystem', 'eu-west-1'),\n"
  "]\n"
  "out = []\n"
  "for method, url, body, headers, service, region in cases:\n"
  "    req = AWSRequest(method=method, url=url, data=body.encode(), headers=headers)\n"
  "    SigV4Auth(creds, service, region).add_auth(req)\n"
  "    out.append({'method': method, 'url': url, 'body': body, 'service': service,\n"
  "                'region': region, 'headers': dict(req.headers.items())})\n"
  "print(json.dumps(out))\n";

static void
test_botocore_agrees (void)
{
  g_autofree char *python = wharf_test_find_program ("python3");
  const char *argv[] = { python, "-c", botocore_sign_script, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(WharfAwsCredentials) creds = wharf_aws_credentials_new ("AKIDBOTO", "boto/secret+key",
                                                                    "boto-token/+=", NULL, NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *cases;

  if (python == NULL)
    return;
  if (wharf_test_run (argv, NULL, NULL, &out, &err) != 0)
    {
      g_autofree char *msg = g_strdup_printf ("botocore is not usable: %s", err);
      g_test_skip (msg);
      return;
    }
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  cases = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (cases), ==, 3);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      JsonObject *headers = json_object_get_object_member (c, "headers");
      const char *body = json_object_get_string_member (c, "body");
      const char *boto_auth = json_object_get_string_member (headers, "Authorization");
      g_autoptr(GUri) uri = g_uri_parse (json_object_get_string_member (c, "url"), G_URI_FLAGS_ENCODED, &error);
      g_autofree char *host = NULL;
      g_autoptr(WharfSigv4Request) request = NULL;
      g_autoptr(WharfSigv4Request) received = NULL;
      g_autoptr(WharfSigv4Result) result = NULL;
      g_autoptr(WharfSigv4Authorization) auth = NULL;
      g_autoptr(GList) names = json_object_get_members (headers);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      g_assert_no_error (error);
      host = wharf_sigv4_host_for_uri (uri);
      request = wharf_sigv4_request_new (json_object_get_string_member (c, "method"),
                                         g_uri_get_path (uri), g_uri_get_query (uri));
      received = wharf_sigv4_request_new (json_object_get_string_member (c, "method"),
                                          g_uri_get_path (uri), g_uri_get_query (uri));
      wharf_sigv4_request_add_header (request, "Host", host);
      wharf_sigv4_request_add_header (received, "Host", host);
      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *value = json_object_get_string_member (headers, l->data);
          /* Wharf adds the token itself; the rest is what the client sends. */
          if (g_ascii_strcasecmp (l->data, "Authorization") != 0 &&
              g_ascii_strcasecmp (l->data, "X-Amz-Security-Token") != 0)
            wharf_sigv4_request_add_header (request, l->data, value);
          wharf_sigv4_request_add_header (received, l->data, value);
        }
      wharf_sigv4_request_set_payload (request, body, strlen (body));
      wharf_sigv4_request_set_payload (received, body, strlen (body));

      /* Wharf's client signs exactly like botocore... */
      result = wharf_sigv4_sign (request, creds, json_object_get_string_member (c, "region"),
                                 json_object_get_string_member (c, "service"), now, 0, &error);
      g_assert_no_error (error);
      g_test_message ("%s %s: %s", json_object_get_string_member (c, "method"),
                      json_object_get_string_member (c, "url"), result->signed_headers);
      g_assert_cmpstr (result->authorization, ==, boto_auth);
      g_assert_nonnull (strstr (result->signed_headers, "x-amz-security-token"));

      /* ...and the sandbox accepts what botocore sends. */
      auth = wharf_sigv4_parse_authorization (boto_auth, &error);
      g_assert_no_error (error);
      g_assert_true (wharf_sigv4_verify (received, auth, "boto/secret+key", 0, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
wharf_test_sigv4_add_unit_tests (void)
{
  g_test_add_func ("/sigv4/host-for-uri", test_host_for_uri);
  g_test_add_func ("/sigv4/port-and-token", test_port_and_token);
  g_test_add_func ("/sigv4/s3-path", test_s3_path);
  g_test_add_func ("/sigv4/query-encoding", test_query_encoding);
  g_test_add_func ("/sigv4/sign-errors", test_sign_errors);
  g_test_add_func ("/sigv4/parse-authorization", test_parse_authorization);
  g_test_add_func ("/sigv4/verify-tampering", test_verify_tampering);
  g_test_add_func ("/sigv4/amz-date", test_amz_date);
  g_test_add_func ("/sigv4/botocore-agrees", test_botocore_agrees);
}

int
main (int   argc,
      char *argv[])
{
  const char *peer = g_getenv ("WHARF_PEER_TESTS");
  g_autofree char *suite = peer != NULL ? g_build_filename (peer, "sigv4", NULL) : NULL;
  g_autofree char *suite_v4 = peer != NULL ? g_build_filename (suite, "aws-signing-test-suite-v4", NULL) : NULL;

  g_test_init (&argc, &argv, NULL);

  if (suite != NULL && g_file_test (suite, G_FILE_TEST_IS_DIR))
    {
      /* The suite holds 33 classic and 38 newer-format cases: finding fewer
       * means the walk broke, not that the signer passed. */
      g_assert_cmpuint (add_classic_cases (suite, "/sigv4/suite"), ==, 33);
      g_assert_cmpuint (add_v4_cases (suite_v4), ==, 38);
    }
  else
    g_test_add_func ("/sigv4/suite/absent", test_suite_absent);

  wharf_test_sigv4_add_unit_tests ();
  return g_test_run ();
}
