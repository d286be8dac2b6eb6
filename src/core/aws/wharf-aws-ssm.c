/* wharf-aws-ssm.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-json.h"
#include "wharf-aws-ssm.h"

void
wharf_ssm_parameter_free (WharfSsmParameter *parameter)
{
  if (parameter == NULL)
    return;
  g_free (parameter->name);
  g_free (parameter->type);
  if (parameter->value != NULL)
    memset (parameter->value, 0, strlen (parameter->value));
  g_free (parameter->value);
  g_free (parameter->arn);
  g_free (parameter);
}

static gpointer
decode_parameter (WharfAwsResponse  *response,
                  GError           **error)
{
  JsonObject *root = wharf_aws_response_json_object (response, error);
  JsonObject *object;
  WharfSsmParameter *parameter;

  if (root == NULL)
    return NULL;
  object = wharf_aws_json_get_object (root, "Parameter");
  if (object == NULL || wharf_aws_json_get_string (object, "Value") == NULL)
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, response->status,
                                  NULL, response->request_id, _("The response has no parameter value"));
      return NULL;
    }
  parameter = g_new0 (WharfSsmParameter, 1);
  parameter->name = g_strdup (wharf_aws_json_get_string (object, "Name"));
  parameter->type = g_strdup (wharf_aws_json_get_string (object, "Type"));
  parameter->value = g_strdup (wharf_aws_json_get_string (object, "Value"));
  parameter->arn = g_strdup (wharf_aws_json_get_string (object, "ARN"));
  parameter->version = wharf_aws_json_get_int (object, "Version", 0);
  return parameter;
}

WharfSsmParameter *
wharf_ssm_get_parameter (WharfAwsClient  *client,
                         const char      *name,
                         gboolean         with_decryption,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  JsonObject *input = json_object_new ();

  json_object_set_string_member (input, "Name", name);
  json_object_set_boolean_member (input, "WithDecryption", with_decryption);
  json_node_take_object (body, input);
  return wharf_aws_client_call_decoded (client,
                                        wharf_aws_request_new_json (WHARF_AWS_SERVICE_SSM, "GetParameter", body),
                                        decode_parameter, (GDestroyNotify) wharf_ssm_parameter_free,
                                        cancellable, error);
}
