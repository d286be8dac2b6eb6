/* wharf-aws-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-aws-json.h"
#include "wharf-aws-secrets.h"

#define SECRETS WHARF_AWS_SERVICE_SECRETS_MANAGER

void
wharf_secret_free (WharfSecret *secret)
{
  if (secret == NULL)
    return;
  g_free (secret->arn);
  g_free (secret->name);
  g_free (secret->description);
  g_free (secret->version_id);
  g_clear_pointer (&secret->created_date, g_date_time_unref);
  g_clear_pointer (&secret->deleted_date, g_date_time_unref);
  g_hash_table_unref (secret->tags);
  g_free (secret);
}

WharfSecret *
wharf_secret_from_json (JsonObject *object)
{
  WharfSecret *secret = g_new0 (WharfSecret, 1);
  JsonArray *tags = wharf_aws_json_get_array (object, "Tags");

  secret->arn = g_strdup (wharf_aws_json_get_string (object, "ARN"));
  secret->name = g_strdup (wharf_aws_json_get_string (object, "Name"));
  secret->description = g_strdup (wharf_aws_json_get_string (object, "Description"));
  secret->version_id = g_strdup (wharf_aws_json_get_string (object, "VersionId"));
  secret->created_date = wharf_aws_json_get_datetime (object, "CreatedDate", FALSE);
  secret->deleted_date = wharf_aws_json_get_datetime (object, "DeletedDate", FALSE);
  if (secret->deleted_date == NULL)
    secret->deleted_date = wharf_aws_json_get_datetime (object, "DeletionDate", FALSE);
  secret->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonObject *tag = json_array_get_object_element (tags, i);
      const char *key = wharf_aws_json_get_string (tag, "Key");

      if (key != NULL)
        g_hash_table_replace (secret->tags, g_strdup (key),
                              g_strdup (wharf_aws_json_get_string (tag, "Value")));
    }
  return secret;
}

static gpointer
decode_secret (WharfAwsResponse  *response,
               GError           **error)
{
  JsonObject *object = wharf_aws_response_json_object (response, error);

  return object != NULL ? wharf_secret_from_json (object) : NULL;
}

static WharfSecret *
call_secret (WharfAwsClient  *client,
             const char      *operation,
             JsonObject      *input,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (body, input);
  return wharf_aws_client_call_decoded (client, wharf_aws_request_new_json (SECRETS, operation, body),
                                        decode_secret, (GDestroyNotify) wharf_secret_free,
                                        cancellable, error);
}

WharfSecret *
wharf_secrets_create_secret (WharfAwsClient      *client,
                             const char          *name,
                             const char          *secret_string,
                             const char          *description,
                             const char * const  *tags,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autofree char *token = g_uuid_string_random ();

  json_object_set_string_member (input, "Name", name);
  wharf_aws_json_set_string (input, "SecretString", secret_string);
  wharf_aws_json_set_string (input, "Description", description);
  json_object_set_string_member (input, "ClientRequestToken", token);
  if (tags != NULL && tags[0] != NULL)
    {
      JsonArray *array = json_array_new ();

      for (gsize i = 0; tags[i] != NULL && tags[i + 1] != NULL; i += 2)
        {
          JsonObject *tag = json_object_new ();

          json_object_set_string_member (tag, "Key", tags[i]);
          json_object_set_string_member (tag, "Value", tags[i + 1]);
          json_array_add_object_element (array, tag);
        }
      json_object_set_array_member (input, "Tags", array);
    }
  return call_secret (client, "CreateSecret", input, cancellable, error);
}

WharfSecret *
wharf_secrets_describe_secret (WharfAwsClient  *client,
                               const char      *secret_id,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(JsonObject) input = json_object_new ();

  json_object_set_string_member (input, "SecretId", secret_id);
  return call_secret (client, "DescribeSecret", input, cancellable, error);
}

WharfSecret *
wharf_secrets_delete_secret (WharfAwsClient  *client,
                             const char      *secret_id,
                             gboolean         force,
                             guint            recovery_days,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(JsonObject) input = json_object_new ();

  json_object_set_string_member (input, "SecretId", secret_id);
  if (force)
    json_object_set_boolean_member (input, "ForceDeleteWithoutRecovery", TRUE);
  else if (recovery_days > 0)
    json_object_set_int_member (input, "RecoveryWindowInDays", recovery_days);
  return call_secret (client, "DeleteSecret", input, cancellable, error);
}

GPtrArray *
wharf_secrets_list_secrets (WharfAwsClient      *client,
                            const char * const  *filters,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonArray) items = NULL;
  GPtrArray *secrets;

  if (filters != NULL && filters[0] != NULL)
    {
      JsonArray *array = json_array_new ();

      for (gsize i = 0; filters[i] != NULL && filters[i + 1] != NULL; i += 2)
        {
          JsonObject *filter = json_object_new ();
          JsonArray *values = json_array_new ();

          json_array_add_string_element (values, filters[i + 1]);
          json_object_set_string_member (filter, "Key", filters[i]);
          json_object_set_array_member (filter, "Values", values);
          json_array_add_object_element (array, filter);
        }
      json_object_set_array_member (input, "Filters", array);
    }
  items = wharf_aws_client_json_list_all (client, SECRETS, "ListSecrets", input, "NextToken", NULL,
                                          "SecretList", cancellable, error);
  if (items == NULL)
    return NULL;
  secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_secret_free);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *object = json_array_get_object_element (items, i);

      if (object != NULL)
        g_ptr_array_add (secrets, wharf_secret_from_json (object));
    }
  return secrets;
}
