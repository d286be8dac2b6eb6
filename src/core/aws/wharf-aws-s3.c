/* wharf-aws-s3.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-aws-s3.h"

#define S3 WHARF_AWS_SERVICE_S3

char *
wharf_s3_object_path (const char *bucket,
                      const char *key)
{
  g_autofree char *escaped_bucket = g_uri_escape_string (bucket, NULL, FALSE);
  g_autofree char *escaped_key = key != NULL ? g_uri_escape_string (key, "/", FALSE) : NULL;

  return escaped_key != NULL ? g_strconcat ("/", escaped_bucket, "/", escaped_key, NULL)
                             : g_strconcat ("/", escaped_bucket, NULL);
}

gboolean
wharf_s3_create_bucket (WharfAwsClient  *client,
                        const char      *bucket,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autofree char *path = wharf_s3_object_path (bucket, NULL);
  WharfAwsRequest *request = wharf_aws_request_new_rest (S3, "CreateBucket", "PUT", path);
  const char *region = wharf_aws_client_get_region (client);
  g_autoptr(WharfAwsResponse) response = NULL;

  /* us-east-1 is the default location and must not be named. */
  if (g_strcmp0 (region, "us-east-1") != 0)
    {
      g_autofree char *body = NULL;
      g_autofree char *escaped = g_markup_escape_text (region, -1);
      g_autoptr(GBytes) bytes = NULL;

      body = g_strdup_printf ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                              "<LocationConstraint>%s</LocationConstraint></CreateBucketConfiguration>",
                              escaped);
      bytes = g_bytes_new (body, strlen (body));
      wharf_aws_request_set_body (request, "application/xml", bytes);
    }
  response = wharf_aws_client_call (client, request, cancellable, error);
  return response != NULL;
}

char *
wharf_s3_put_object (WharfAwsClient  *client,
                     const char      *bucket,
                     const char      *key,
                     GBytes          *data,
                     const char      *content_type,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autofree char *path = wharf_s3_object_path (bucket, key);
  WharfAwsRequest *request = wharf_aws_request_new_rest (S3, "PutObject", "PUT", path);
  g_autoptr(WharfAwsResponse) response = NULL;
  const char *etag;

  wharf_aws_request_set_body (request, content_type != NULL ? content_type : "application/octet-stream", data);
  response = wharf_aws_client_call (client, request, cancellable, error);
  if (response == NULL)
    return NULL;
  etag = response->headers != NULL ? soup_message_headers_get_one (response->headers, "ETag") : NULL;
  return g_strdup (etag);
}

gboolean
wharf_s3_delete_object (WharfAwsClient  *client,
                        const char      *bucket,
                        const char      *key,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autofree char *path = wharf_s3_object_path (bucket, key);
  g_autoptr(WharfAwsResponse) response = NULL;

  response = wharf_aws_client_call (client, wharf_aws_request_new_rest (S3, "DeleteObject", "DELETE", path),
                                    cancellable, error);
  return response != NULL;
}

char *
wharf_s3_object_url (WharfAwsClient  *client,
                     const char      *bucket,
                     const char      *key,
                     GError         **error)
{
  g_autofree char *endpoint = wharf_aws_client_get_endpoint (client, S3, error);
  g_autofree char *path = NULL;
  gsize len;

  if (endpoint == NULL)
    return NULL;
  len = strlen (endpoint);
  while (len > 0 && endpoint[len - 1] == '/')
    endpoint[--len] = '\0';
  path = wharf_s3_object_path (bucket, key);
  return g_strconcat (endpoint, path, NULL);
}
