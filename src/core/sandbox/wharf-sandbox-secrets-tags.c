/* wharf-sandbox-secrets-tags.c: the tags of Secrets Manager secrets:
 * their checks (shared with CreateSecret) and TagResource/UntagResource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-sandbox-private.h"

/* Tags as Secrets Manager checks them: at most 50 {Key, Value}, keys of
 * 1–128 characters, values of at most 256. */
gboolean
sbx_secret_tags_valid (SbxRequest *req,
                       JsonNode   *tags)
{
  JsonArray *array = tags != NULL && JSON_NODE_HOLDS_ARRAY (tags) ? json_node_get_array (tags) : NULL;

  if (array == NULL || json_array_get_length (array) > 50)
    {
      sbx_reply_error (req, 400, "InvalidParameterException",
                       "Tags must be a list of at most 50 tags.");
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *tag = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *key = tag ? json_object_get_member (tag, "Key") : NULL;
      JsonNode *value = tag ? json_object_get_member (tag, "Value") : NULL;

      if (key == NULL || !JSON_NODE_HOLDS_VALUE (key) ||
          json_node_get_value_type (key) != G_TYPE_STRING ||
          *json_node_get_string (key) == '\0' || g_utf8_strlen (json_node_get_string (key), -1) > 128 ||
          (value != NULL && (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING ||
                             g_utf8_strlen (json_node_get_string (value), -1) > 256)))
        {
          sbx_reply_error (req, 400, "InvalidParameterException",
                           "A tag needs a Key of 1 to 128 characters and a Value of at most 256.");
          return FALSE;
        }
    }
  return TRUE;
}

/* Adds KEY=VALUE to the tags of S, or replaces the value of KEY. */
static void
set_tag (SbxSecret  *s,
         const char *key,
         const char *value)
{
  JsonArray *array;
  JsonObject *tag;

  if (s->tags == NULL)
    s->tags = json_node_init_array (json_node_alloc (), json_array_new ());
  array = json_node_get_array (s->tags);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      tag = json_array_get_object_element (array, i);
      if (g_str_equal (json_object_get_string_member (tag, "Key"), key))
        {
          json_object_set_string_member (tag, "Value", value);
          return;
        }
    }
  tag = json_object_new ();
  json_object_set_string_member (tag, "Key", key);
  json_object_set_string_member (tag, "Value", value);
  json_array_add_object_element (array, tag);
}

void
sbx_secret_set_tags (SbxSecret *s,
                     JsonNode  *tags)
{
  JsonArray *array = json_node_get_array (tags);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *tag = json_array_get_object_element (array, i);

      set_tag (s, json_object_get_string_member (tag, "Key"),
               json_object_get_string_member_with_default (tag, "Value", ""));
    }
}

static void
reply_empty (SbxRequest *req)
{
  sbx_reply_json (req, 200, json_node_init_object (json_node_alloc (), json_object_new ()));
}

static void
tag_resource (SbxRequest *req)
{
  SbxSecret *s = sbx_secret_or_fail (req);
  JsonNode *tags = req->json ? json_object_get_member (req->json, "Tags") : NULL;

  if (s == NULL || !sbx_secret_tags_valid (req, tags))
    return;
  sbx_secret_set_tags (s, tags);
  reply_empty (req);
}

static void
untag_resource (SbxRequest *req)
{
  SbxSecret *s = sbx_secret_or_fail (req);
  JsonNode *keys = req->json ? json_object_get_member (req->json, "TagKeys") : NULL;
  JsonArray *key_array = keys && JSON_NODE_HOLDS_ARRAY (keys) ? json_node_get_array (keys) : NULL;
  JsonArray *tags;

  if (s == NULL)
    return;
  if (key_array == NULL)
    {
      sbx_reply_error (req, 400, "InvalidParameterException", "TagKeys must be a list of strings.");
      return;
    }
  tags = s->tags ? json_node_get_array (s->tags) : NULL;
  for (guint i = 0; tags != NULL && i < json_array_get_length (key_array); i++)
    {
      JsonNode *key = json_array_get_element (key_array, i);

      if (!JSON_NODE_HOLDS_VALUE (key) || json_node_get_value_type (key) != G_TYPE_STRING)
        continue;
      for (guint j = json_array_get_length (tags); j > 0; j--)
        {
          JsonObject *tag = json_array_get_object_element (tags, j - 1);

          if (g_str_equal (json_object_get_string_member (tag, "Key"), json_node_get_string (key)))
            json_array_remove_element (tags, j - 1);
        }
    }
  reply_empty (req);
}

gboolean
sbx_handle_secrets_tags (SbxRequest *req)
{
  if (g_str_equal (req->operation, "TagResource"))
    tag_resource (req);
  else if (g_str_equal (req->operation, "UntagResource"))
    untag_resource (req);
  else
    return FALSE;
  return TRUE;
}
