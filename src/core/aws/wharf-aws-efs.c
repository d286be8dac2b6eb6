/* wharf-aws-efs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-efs.h"
#include "wharf-aws-json.h"

#define EFS WHARF_AWS_SERVICE_EFS
#define FILE_SYSTEMS_PATH "/2015-02-01/file-systems"

void
wharf_efs_file_system_free (WharfEfsFileSystem *file_system)
{
  if (file_system == NULL)
    return;
  g_free (file_system->file_system_id);
  g_free (file_system->file_system_arn);
  g_free (file_system->creation_token);
  g_free (file_system->life_cycle_state);
  g_free (file_system->name);
  g_free (file_system->performance_mode);
  g_hash_table_unref (file_system->tags);
  g_free (file_system);
}

WharfEfsFileSystem *
wharf_efs_file_system_from_json (JsonObject *object)
{
  WharfEfsFileSystem *fs = g_new0 (WharfEfsFileSystem, 1);
  JsonArray *tags = wharf_aws_json_get_array (object, "Tags");

  fs->file_system_id = g_strdup (wharf_aws_json_get_string (object, "FileSystemId"));
  fs->file_system_arn = g_strdup (wharf_aws_json_get_string (object, "FileSystemArn"));
  fs->creation_token = g_strdup (wharf_aws_json_get_string (object, "CreationToken"));
  fs->life_cycle_state = g_strdup (wharf_aws_json_get_string (object, "LifeCycleState"));
  fs->name = g_strdup (wharf_aws_json_get_string (object, "Name"));
  fs->performance_mode = g_strdup (wharf_aws_json_get_string (object, "PerformanceMode"));
  fs->encrypted = wharf_aws_json_get_bool (object, "Encrypted", FALSE);
  fs->number_of_mount_targets = wharf_aws_json_get_int (object, "NumberOfMountTargets", 0);
  fs->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonObject *tag = json_array_get_object_element (tags, i);
      const char *key = wharf_aws_json_get_string (tag, "Key");

      if (key != NULL)
        g_hash_table_replace (fs->tags, g_strdup (key), g_strdup (wharf_aws_json_get_string (tag, "Value")));
    }
  return fs;
}

static gpointer
decode_file_system (WharfAwsResponse  *response,
                    GError           **error)
{
  JsonObject *object = wharf_aws_response_json_object (response, error);

  if (object == NULL)
    return NULL;
  if (wharf_aws_json_get_string (object, "FileSystemId") == NULL)
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, response->status,
                                  NULL, response->request_id, _("The response has no file system id"));
      return NULL;
    }
  return wharf_efs_file_system_from_json (object);
}

WharfEfsFileSystem *
wharf_efs_create_file_system (WharfAwsClient      *client,
                              const char          *creation_token,
                              gboolean             encrypted,
                              const char * const  *tags,
                              GCancellable        *cancellable,
                              GError             **error)
{
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  JsonObject *input = json_object_new ();
  WharfAwsRequest *request;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;

  json_object_set_string_member (input, "CreationToken", creation_token);
  json_object_set_boolean_member (input, "Encrypted", encrypted);
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
  json_node_take_object (body, input);
  text = wharf_aws_json_to_string (body);
  bytes = g_bytes_new (text, strlen (text));

  request = wharf_aws_request_new_rest (EFS, "CreateFileSystem", "POST", FILE_SYSTEMS_PATH);
  wharf_aws_request_set_body (request, "application/json", bytes);
  return wharf_aws_client_call_decoded (client, request, decode_file_system,
                                        (GDestroyNotify) wharf_efs_file_system_free, cancellable, error);
}

typedef struct {
  const char *file_system_id;
  const char *creation_token;
  GPtrArray  *items;
} DescribeState;

static WharfAwsRequest *
describe_page_request (const char *token,
                       gpointer    user_data)
{
  DescribeState *state = user_data;
  WharfAwsRequest *request = wharf_aws_request_new_rest (EFS, "DescribeFileSystems", "GET",
                                                         FILE_SYSTEMS_PATH);

  if (state->creation_token != NULL)
    wharf_aws_params_add (request->query, "CreationToken", state->creation_token);
  if (state->file_system_id != NULL)
    wharf_aws_params_add (request->query, "FileSystemId", state->file_system_id);
  if (token != NULL)
    wharf_aws_params_add (request->query, "Marker", token);
  return request;
}

static gboolean
describe_page (WharfAwsResponse  *response,
               char             **out_next_token,
               gpointer           user_data,
               GError           **error)
{
  DescribeState *state = user_data;
  JsonObject *object = wharf_aws_response_json_object (response, error);
  JsonArray *array;
  const char *next;

  if (object == NULL)
    return FALSE;
  array = wharf_aws_json_get_array (object, "FileSystems");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *fs = json_array_get_object_element (array, i);

      if (fs != NULL)
        g_ptr_array_add (state->items, wharf_efs_file_system_from_json (fs));
    }
  next = wharf_aws_json_get_string (object, "NextMarker");
  *out_next_token = next != NULL && *next != '\0' ? g_strdup (next) : NULL;
  return TRUE;
}

GPtrArray *
wharf_efs_describe_file_systems (WharfAwsClient  *client,
                                 const char      *file_system_id,
                                 const char      *creation_token,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_efs_file_system_free);
  DescribeState state = { file_system_id, creation_token, items };

  if (!wharf_aws_client_paginate (client, describe_page_request, describe_page, &state, 0,
                                  cancellable, error))
    return NULL;
  return g_steal_pointer (&items);
}

gboolean
wharf_efs_delete_file_system (WharfAwsClient  *client,
                              const char      *file_system_id,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autofree char *escaped = g_uri_escape_string (file_system_id, NULL, FALSE);
  g_autofree char *path = g_strconcat (FILE_SYSTEMS_PATH "/", escaped, NULL);
  g_autoptr(WharfAwsResponse) response = NULL;

  response = wharf_aws_client_call (client, wharf_aws_request_new_rest (EFS, "DeleteFileSystem", "DELETE", path),
                                    cancellable, error);
  return response != NULL;
}
