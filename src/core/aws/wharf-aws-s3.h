/* wharf-aws-s3.h: the few S3 calls Wharf needs to pass templates larger
 * than 51,200 bytes to CloudFormation by URL (rest-xml protocol,
 * path-style addressing, signed payload).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

/* Creates BUCKET in the client's region. BucketAlreadyOwnedByYou is a
 * WHARF_AWS_CLIENT_ERROR_SERVICE error the caller may treat as success. */
gboolean  wharf_s3_create_bucket (WharfAwsClient  *client,
                                  const char      *bucket,
                                  GCancellable    *cancellable,
                                  GError         **error);
/* Uploads DATA to BUCKET/KEY; returns the ETag (may be NULL on success
 * when the server sends none: check ERROR). */
char     *wharf_s3_put_object    (WharfAwsClient  *client,
                                  const char      *bucket,
                                  const char      *key,
                                  GBytes          *data,
                                  const char      *content_type,
                                  GCancellable    *cancellable,
                                  GError         **error);
gboolean  wharf_s3_delete_object (WharfAwsClient  *client,
                                  const char      *bucket,
                                  const char      *key,
                                  GCancellable    *cancellable,
                                  GError         **error);
/* The object's URL (what CloudFormation's TemplateURL takes), on the
 * client's S3 endpoint. */
char     *wharf_s3_object_url    (WharfAwsClient  *client,
                                  const char      *bucket,
                                  const char      *key,
                                  GError         **error);
/* "/BUCKET/KEY" with the key's segments URI-encoded once. */
char     *wharf_s3_object_path   (const char      *bucket,
                                  const char      *key);

G_END_DECLS
