/* wharf-context-aws.h: ECS contexts and the AWS profiles they name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-profile-store.h"
#include "wharf-context-store.h"

G_BEGIN_DECLS

/* Reads an access key file: "AWSAccessKeyId=…" / "AWSSecretKey=…" lines
 * (the AWS rootkey format Docker's integration took), or the CSV the IAM
 * console downloads ("Access key ID,Secret access key" header). PATH names
 * the file in errors (WHARF_CONTEXT_ERROR_PARSE); the secret never appears
 * in a message. */
gboolean      wharf_context_read_access_keys        (const char            *data,
                                                     gssize                 length,
                                                     const char            *path,
                                                     char                 **access_key_id,
                                                     char                 **secret_access_key,
                                                     GError               **error);

/* WHARF_CONTEXT_ERROR_INVALID when PROFILE is in neither AWS file. */
gboolean      wharf_context_check_profile           (WharfAwsProfileStore  *profiles,
                                                     const char            *profile,
                                                     GError               **error);

/* Creates the AWS profile NAME (keys in the credentials file, REGION in
 * the config file, where the AWS CLI reads them) and the ECS context NAME
 * that uses it. Nothing is left behind on failure; an existing profile is
 * never overwritten (WHARF_AWS_ERROR_PROFILE_EXISTS). */
WharfContext *wharf_context_store_create_from_keys  (WharfContextStore     *self,
                                                     WharfAwsProfileStore  *profiles,
                                                     const char            *name,
                                                     const char            *access_key_id,
                                                     const char            *secret_access_key,
                                                     const char            *region,
                                                     const char            *description,
                                                     GError               **error);

/* Makes CONFIG resolve what CONTEXT says: its profile (and region when it
 * stores one) for a profile context; the AWS_* variables of CONFIG's
 * environment for an environment context (which then need AWS_PROFILE or
 * both access key variables). The "default" context leaves CONFIG to the
 * AWS chain. Other contexts: WHARF_CONTEXT_ERROR_INVALID. */
gboolean      wharf_context_apply_to_aws_config     (WharfContext          *context,
                                                     WharfAwsConfig        *config,
                                                     GError               **error);

/* How wharf_context_store_apply_to_aws_config() reads its NAME. */
typedef enum {
  WHARF_CONTEXT_AWS_NONE           = 0,
  /* A NULL NAME means Docker's current context when that is an ECS
   * context, and the AWS chain when it is missing, broken or of another
   * type (wharf-cli without --context). Without it, NULL is the chain. */
  WHARF_CONTEXT_AWS_FOLLOW_CURRENT = 1 << 0,
  /* A NAME given must be an ECS context: "default" is refused like any
   * other type instead of meaning the AWS chain (wharf-cli --context). */
  WHARF_CONTEXT_AWS_ECS_ONLY       = 1 << 1,
} WharfContextAwsFlags;

/* The one way Wharf turns a Docker context into an AWS account (the CLI's
 * --context and the window's context selector): looks NAME up in SELF
 * (errors of wharf_context_store_lookup(), WHARF_CONTEXT_ERROR_NOT_FOUND
 * for a missing one), refuses a context that is not an ECS one
 * (WHARF_CONTEXT_ERROR_INVALID), then wharf_context_apply_to_aws_config().
 * SELF should have been reloaded; CONFIG loaded. */
gboolean      wharf_context_store_apply_to_aws_config (WharfContextStore     *self,
                                                       const char            *name,
                                                       WharfContextAwsFlags   flags,
                                                       WharfAwsConfig        *config,
                                                       GError               **error);

G_END_DECLS
