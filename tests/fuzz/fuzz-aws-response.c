/* fuzz-aws-response.c: the AWS response parsers (XML and JSON, success
 * and error shapes of every protocol) and the typed decoders on arbitrary
 * bytes.
 *
 * Input: byte 0 picks the protocol, byte 1 the HTTP status class, byte 2
 * the content type; the rest is the body.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "wharf-aws-cloudformation.h"
#include "wharf-aws-ecs.h"
#include "wharf-aws-efs.h"
#include "wharf-aws-json.h"
#include "wharf-aws-logs.h"
#include "wharf-aws-secrets.h"
#include "wharf-aws-sts.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

static void
decode_xml (WharfAwsResponse *response)
{
  g_autoptr(GPtrArray) stacks = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(WharfCfnChangeSet) change_set = NULL;
  g_autoptr(WharfCfnTemplateSummary) summary = NULL;
  g_autoptr(WharfStsIdentity) identity = NULL;
  g_autoptr(WharfAwsCredentials) credentials = NULL;
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL;

  stacks = wharf_cfn_decode_describe_stacks (response, &t1, NULL);
  events = wharf_cfn_decode_stack_events (response, &t2, NULL);
  change_set = wharf_cfn_decode_change_set (response, &t3, NULL);
  summary = wharf_cfn_decode_template_summary (response, "ValidateTemplate", NULL);
  identity = wharf_sts_decode_caller_identity (response, NULL);
  credentials = wharf_sts_decode_assume_role (response, NULL);
  if (response->xml != NULL)
    {
      g_autoptr(GPtrArray) list = wharf_aws_xml_get_list (response->xml, "DescribeStacksResult/Stacks");
      g_auto(GStrv) strv = wharf_aws_xml_get_strv (response->xml, "vpcSet");
      g_autoptr(GDateTime) when = wharf_aws_xml_get_datetime (response->xml, "Timestamp");

      g_assert (list != NULL && strv != NULL);
      if (when != NULL)
        g_assert (g_date_time_get_year (when) >= 1);
      (void) wharf_aws_xml_get_int (response->xml, "Count", 0);
      (void) wharf_aws_xml_find (response->xml, "nextToken");
    }
}

static void
decode_json (WharfAwsResponse *response)
{
  JsonObject *object = wharf_aws_json_root_object (response->json);
  g_autoptr(WharfEcsService) service = NULL;
  g_autoptr(WharfEcsTask) task = NULL;
  g_autoptr(GPtrArray) log_events = NULL;
  g_autoptr(WharfSecret) secret = NULL;
  g_autoptr(WharfEfsFileSystem) fs = NULL;
  g_autofree char *redacted = NULL;
  gsize length = 0;
  const char *body;

  if (object == NULL)
    return;
  service = wharf_ecs_service_from_json (object);
  task = wharf_ecs_task_from_json (object);
  log_events = wharf_logs_decode_events (object);
  secret = wharf_secret_from_json (object);
  fs = wharf_efs_file_system_from_json (object);
  body = g_bytes_get_data (response->body, &length);
  redacted = wharf_aws_redact_json (body, length);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint statuses[] = { 200, 400, 403, 429, 500, 503, 204, 301 };
  static const char * const types[] = { NULL, "text/xml", "application/x-amz-json-1.1", "text/html",
                                        "application/json", "application/xml" };
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(WharfAwsResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  WharfAwsProtocol protocol;

  if (size < 3)
    return 0;
  protocol = data[0] % (WHARF_AWS_PROTOCOL_REST_XML + 1);
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  if (types[data[2] % G_N_ELEMENTS (types)] != NULL)
    soup_message_headers_set_content_type (headers, types[data[2] % G_N_ELEMENTS (types)], NULL);
  body = g_bytes_new (data + 3, size - 3);

  response = wharf_aws_response_parse (protocol, statuses[data[1] % G_N_ELEMENTS (statuses)],
                                       headers, body, &error);
  /* Exactly one of a response and an error, and errors carry what the
   * callers rely on. */
  g_assert ((response == NULL) != (error == NULL));
  if (response == NULL)
    {
      g_assert (error->domain == WHARF_AWS_CLIENT_ERROR);
      g_assert (error->message != NULL);
      if (error->code == WHARF_AWS_CLIENT_ERROR_SERVICE || error->code == WHARF_AWS_CLIENT_ERROR_THROTTLED)
        g_assert (wharf_aws_client_error_get_code (error) != NULL);
      return 0;
    }
  if (protocol == WHARF_AWS_PROTOCOL_JSON || protocol == WHARF_AWS_PROTOCOL_REST_JSON)
    decode_json (response);
  else
    decode_xml (response);
  return 0;
}
