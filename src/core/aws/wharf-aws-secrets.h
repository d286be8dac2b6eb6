/* wharf-aws-secrets.h: typed Secrets Manager calls (JSON 1.1 protocol).
 * Secret values go out in requests but are never logged nor returned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char       *arn;
  char       *name;
  char       *description;
  char       *version_id;      /* CreateSecret */
  GDateTime  *created_date;
  GDateTime  *deleted_date;    /* pending deletion (DescribeSecret/ListSecrets),
                                  or DeletionDate of DeleteSecret */
  GHashTable *tags;            /* key → value */
} WharfSecret;

void         wharf_secret_free          (WharfSecret *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfSecret, wharf_secret_free)

WharfSecret *wharf_secret_from_json     (JsonObject  *object);

/* TAGS: KEY, VALUE pairs (may be NULL). */
WharfSecret *wharf_secrets_create_secret   (WharfAwsClient      *client,
                                            const char          *name,
                                            const char          *secret_string,
                                            const char          *description,
                                            const char * const  *tags,
                                            GCancellable        *cancellable,
                                            GError             **error);
WharfSecret *wharf_secrets_describe_secret (WharfAwsClient      *client,
                                            const char          *secret_id,
                                            GCancellable        *cancellable,
                                            GError             **error);
/* All pages. FILTERS: KEY, VALUE pairs ("name", "prefix"; "tag-key", …),
 * may be NULL. */
GPtrArray   *wharf_secrets_list_secrets    (WharfAwsClient      *client,
                                            const char * const  *filters,
                                            GCancellable        *cancellable,
                                            GError             **error);
/* FORCE: ForceDeleteWithoutRecovery; else RECOVERY_DAYS (0: default 30). */
WharfSecret *wharf_secrets_delete_secret   (WharfAwsClient      *client,
                                            const char          *secret_id,
                                            gboolean             force,
                                            guint                recovery_days,
                                            GCancellable        *cancellable,
                                            GError             **error);

G_END_DECLS
