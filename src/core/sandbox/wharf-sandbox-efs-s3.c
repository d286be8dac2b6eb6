/* wharf-sandbox-efs-s3.c: EFS (rest-json, /2015-02-01/…) and a minimal
 * path-style S3 (buckets and objects, for templates given by TemplateURL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wharf-sandbox-private.h"

void
sbx_file_system_free (SbxFileSystem *fs)
{
  g_free (fs->id);
  g_free (fs->arn);
  g_free (fs->creation_token);
  g_free (fs->name);
  g_free (fs->performance_mode);
  g_free (fs->throughput_mode);
  g_clear_pointer (&fs->tags, json_node_unref);
  g_free (fs);
}

SbxFileSystem *
sbx_file_system_add (SbxState   *state,
                     const char *token,
                     JsonObject *props,
                     gint64      now)
{
  SbxFileSystem *fs = g_new0 (SbxFileSystem, 1);
  g_autofree char *hex = sbx_random_hex (state, 17);
  JsonNode *tags = NULL;

  fs->id = g_strdup_printf ("fs-%s", hex);
  fs->arn = g_strdup_printf ("arn:aws:elasticfilesystem:%s:%s:file-system/%s",
                             state->region, state->account_id, fs->id);
  fs->creation_token = g_strdup (token);
  fs->performance_mode = g_strdup (props ? json_object_get_string_member_with_default (props, "PerformanceMode", "generalPurpose")
                                         : "generalPurpose");
  fs->throughput_mode = g_strdup (props ? json_object_get_string_member_with_default (props, "ThroughputMode", "bursting")
                                        : "bursting");
  fs->encrypted = props && json_object_has_member (props, "Encrypted") &&
                  JSON_NODE_HOLDS_VALUE (json_object_get_member (props, "Encrypted")) &&
                  json_object_get_boolean_member (props, "Encrypted");
  fs->created = now;
  if (props)
    tags = json_object_get_member (props, json_object_has_member (props, "Tags") ? "Tags" : "FileSystemTags");
  fs->tags = tags && JSON_NODE_HOLDS_ARRAY (tags) ? json_node_copy (tags) : json_node_new (JSON_NODE_ARRAY);
  if (JSON_NODE_HOLDS_NULL (fs->tags) || json_node_get_array (fs->tags) == NULL)
    json_node_take_array (fs->tags, json_array_new ());
  for (guint i = 0; i < json_array_get_length (json_node_get_array (fs->tags)); i++)
    {
      JsonObject *t = json_array_get_object_element (json_node_get_array (fs->tags), i);

      if (t && g_strcmp0 (json_object_get_string_member_with_default (t, "Key", ""), "Name") == 0)
        fs->name = g_strdup (json_object_get_string_member_with_default (t, "Value", NULL));
    }
  g_ptr_array_add (state->file_systems, fs);
  return fs;
}

void
sbx_file_system_remove (SbxState   *state,
                        const char *id)
{
  for (guint i = 0; i < state->file_systems->len; i++)
    {
      SbxFileSystem *fs = g_ptr_array_index (state->file_systems, i);

      if (g_str_equal (fs->id, id))
        {
          g_ptr_array_remove_index (state->file_systems, i);
          return;
        }
    }
}

static void
add_fs (JsonBuilder *b, SbxState *state, SbxFileSystem *fs)
{
  json_builder_begin_object (b);
#define S(k, v) do { if (v) { json_builder_set_member_name (b, k); json_builder_add_string_value (b, v); } } while (0)
  S ("OwnerId", state->account_id);
  S ("CreationToken", fs->creation_token);
  S ("FileSystemId", fs->id);
  S ("FileSystemArn", fs->arn);
  S ("LifeCycleState", "available");
  S ("Name", fs->name);
  S ("PerformanceMode", fs->performance_mode);
  S ("ThroughputMode", fs->throughput_mode);
#undef S
  json_builder_set_member_name (b, "CreationTime");
  json_builder_add_double_value (b, sbx_json_time (fs->created));
  json_builder_set_member_name (b, "NumberOfMountTargets");
  json_builder_add_int_value (b, 0);
  json_builder_set_member_name (b, "Encrypted");
  json_builder_add_boolean_value (b, fs->encrypted);
  json_builder_set_member_name (b, "SizeInBytes");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "Value");
  json_builder_add_int_value (b, 6144);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "Tags");
  json_builder_add_value (b, json_node_copy (fs->tags));
  json_builder_end_object (b);
}

static SbxFileSystem *
find_fs (SbxState *state, const char *id, const char *token)
{
  for (guint i = 0; i < state->file_systems->len; i++)
    {
      SbxFileSystem *fs = g_ptr_array_index (state->file_systems, i);

      if ((id && g_str_equal (fs->id, id)) || (token && g_strcmp0 (fs->creation_token, token) == 0))
        return fs;
    }
  return NULL;
}

static void
describe_file_systems (SbxRequest *req)
{
  const char *id = sbx_param (req, "FileSystemId");
  const char *token = sbx_param (req, "CreationToken");
  const char *marker = sbx_param (req, "Marker");
  gint64 max = sbx_param (req, "MaxItems") ? g_ascii_strtoll (sbx_param (req, "MaxItems"), NULL, 10) : 100;
  guint offset = marker ? (guint) atoi (marker) : 0, count = 0, last;
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (id && find_fs (req->state, id, NULL) == NULL)
    {
      g_autofree char *m = g_strdup_printf ("File system '%s' does not exist.", id);
      sbx_reply_error (req, 404, "FileSystemNotFound", m);
      return;
    }
  for (guint i = 0; i < req->state->file_systems->len; i++)
    {
      SbxFileSystem *fs = g_ptr_array_index (req->state->file_systems, i);

      if ((id == NULL || g_str_equal (fs->id, id)) &&
          (token == NULL || g_strcmp0 (fs->creation_token, token) == 0))
        g_ptr_array_add (hits, fs);
    }
  max = CLAMP (max, 1, 1000);
  last = MIN (hits->len, offset + (guint) max);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "FileSystems");
  json_builder_begin_array (b);
  for (guint i = offset; i < last; i++, count++)
    add_fs (b, req->state, g_ptr_array_index (hits, i));
  json_builder_end_array (b);
  if (marker)
    {
      json_builder_set_member_name (b, "Marker");
      json_builder_add_string_value (b, marker);
    }
  if (last < hits->len)
    {
      g_autofree char *next = g_strdup_printf ("%u", last);
      json_builder_set_member_name (b, "NextMarker");
      json_builder_add_string_value (b, next);
    }
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static void
create_file_system (SbxRequest *req)
{
  const char *token = sbx_json_string (req, "CreationToken");
  SbxFileSystem *fs;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (token == NULL || *token == '\0' || strlen (token) > 64)
    {
      sbx_reply_error (req, 400, "BadRequest", "CreationToken must be between 1 and 64 characters.");
      return;
    }
  fs = find_fs (req->state, NULL, token);
  if (fs != NULL)
    {
      g_autofree char *m = g_strdup_printf ("File system '%s' already exists with creation token '%s'", fs->id, token);
      sbx_reply_error (req, 409, "FileSystemAlreadyExists", m);
      return;
    }
  fs = sbx_file_system_add (req->state, token, req->json, req->now);
  add_fs (b, req->state, fs);
  sbx_reply_json (req, 201, json_builder_get_root (b));
}

static void
empty_list (SbxRequest *req, const char *member)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

gboolean
sbx_handle_efs (SbxRequest *req)
{
  const char *rest = req->path + strlen ("/2015-02-01/");

  if (g_str_equal (rest, "file-systems") && g_str_equal (req->method, "GET"))
    describe_file_systems (req);
  else if (g_str_equal (rest, "file-systems") && g_str_equal (req->method, "POST"))
    create_file_system (req);
  else if (g_str_has_prefix (rest, "file-systems/") && g_str_equal (req->method, "DELETE"))
    {
      const char *id = rest + strlen ("file-systems/");

      if (find_fs (req->state, id, NULL) == NULL)
        {
          g_autofree char *m = g_strdup_printf ("File system '%s' does not exist.", id);
          sbx_reply_error (req, 404, "FileSystemNotFound", m);
        }
      else
        {
          sbx_file_system_remove (req->state, id);
          sbx_reply_raw (req, 204, NULL, NULL);
        }
    }
  else if (g_str_equal (rest, "mount-targets") && g_str_equal (req->method, "GET"))
    empty_list (req, "MountTargets");
  else if (g_str_equal (rest, "access-points") && g_str_equal (req->method, "GET"))
    empty_list (req, "AccessPoints");
  else
    return FALSE;
  return TRUE;
}

/* ---- S3 ---- */

/* aws-chunked bodies (botocore's streaming checksums): "<hex>\r\n<data>\r\n…0\r\n<trailer>". */
static GBytes *
dechunk (GBytes *body)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  GByteArray *out = g_byte_array_new ();
  gsize pos = 0;

  while (pos < size)
    {
      const char *eol = g_strstr_len (data + pos, size - pos, "\r\n");
      gsize chunk;

      if (eol == NULL)
        break;
      chunk = g_ascii_strtoull (data + pos, NULL, 16);
      pos = eol - data + 2;
      if (chunk == 0 || pos + chunk > size)
        break;
      g_byte_array_append (out, (const guint8 *) data + pos, chunk);
      pos += chunk + 2;
    }
  return g_byte_array_free_to_bytes (out);
}

static gboolean
split_path (const char *path, char **bucket, char **key)
{
  const char *p = path[0] == '/' ? path + 1 : path;
  const char *slash = strchr (p, '/');

  *bucket = slash ? g_strndup (p, slash - p) : g_strdup (p);
  *key = slash && slash[1] ? g_uri_unescape_string (slash + 1, NULL) : NULL;
  return **bucket != '\0';
}

GBytes *
sbx_s3_lookup_url (SbxState   *state,
                   const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *bucket = NULL;
  g_autofree char *key = NULL;
  const char *host;
  GHashTable *objects;

  if (uri == NULL)
    return NULL;
  host = g_uri_get_host (uri);
  if (host && strstr (host, ".s3") && !g_str_has_prefix (host, "s3"))
    {
      bucket = g_strndup (host, strstr (host, ".s3") - host);
      key = g_uri_unescape_string (g_uri_get_path (uri) + 1, NULL);
    }
  else if (!split_path (g_uri_get_path (uri), &bucket, &key))
    return NULL;
  objects = g_hash_table_lookup (state->buckets, bucket);
  if (objects == NULL || key == NULL)
    return NULL;
  return g_hash_table_lookup (objects, key) ? g_bytes_ref (g_hash_table_lookup (objects, key)) : NULL;
}

gboolean
sbx_handle_s3 (SbxRequest *req)
{
  g_autofree char *bucket = NULL;
  g_autofree char *key = NULL;
  GHashTable *objects;
  SoupMessageHeaders *in = soup_server_message_get_request_headers (req->msg);

  if (!split_path (req->path, &bucket, &key))
    return FALSE;
  objects = g_hash_table_lookup (req->state->buckets, bucket);
  if (key == NULL && g_str_equal (req->method, "PUT"))
    {
      if (objects != NULL)
        sbx_reply_error (req, 409, "BucketAlreadyOwnedByYou",
                         "Your previous request to create the named bucket succeeded and you already own it.");
      else
        {
          g_autofree char *location = g_strconcat ("/", bucket, NULL);

          g_hash_table_insert (req->state->buckets, g_strdup (bucket),
                               g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref));
          soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Location", location);
          sbx_reply_raw (req, 200, NULL, NULL);
        }
      return TRUE;
    }
  if (objects == NULL)
    {
      sbx_reply_error (req, 404, "NoSuchBucket", "The specified bucket does not exist");
      return TRUE;
    }
  if (key == NULL && g_str_equal (req->method, "DELETE"))
    {
      if (g_hash_table_size (objects) > 0)
        sbx_reply_error (req, 409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
      else
        {
          g_hash_table_remove (req->state->buckets, bucket);
          sbx_reply_raw (req, 204, NULL, NULL);
        }
      return TRUE;
    }
  if (key == NULL)
    return FALSE;
  if (g_str_equal (req->method, "PUT"))
    {
      const char *encoding = soup_message_headers_get_one (in, "Content-Encoding");
      const char *sha = soup_message_headers_get_one (in, "x-amz-content-sha256");
      GBytes *body = (encoding && strstr (encoding, "aws-chunked")) || (sha && g_str_has_prefix (sha, "STREAMING-"))
                     ? dechunk (req->body) : g_bytes_ref (req->body);
      g_autofree char *md5 = g_compute_checksum_for_bytes (G_CHECKSUM_MD5, body);
      g_autofree char *etag = g_strdup_printf ("\"%s\"", md5);

      g_hash_table_replace (objects, g_strdup (key), body);
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "ETag", etag);
      sbx_reply_raw (req, 200, NULL, NULL);
    }
  else if (g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD"))
    {
      GBytes *object = g_hash_table_lookup (objects, key);

      if (object == NULL)
        sbx_reply_error (req, 404, "NoSuchKey", "The specified key does not exist.");
      else if (g_str_equal (req->method, "HEAD"))
        {
          sbx_reply_raw (req, 200, NULL, NULL);
          soup_message_headers_set_content_length (soup_server_message_get_response_headers (req->msg),
                                                   g_bytes_get_size (object));
        }
      else
        sbx_reply_raw (req, 200, "binary/octet-stream", object);
    }
  else if (g_str_equal (req->method, "DELETE"))
    {
      g_hash_table_remove (objects, key);
      sbx_reply_raw (req, 204, NULL, NULL);
    }
  else
    return FALSE;
  return TRUE;
}
