/* wharf-aws-credentials.h: an immutable, reference-counted set of AWS
 * credentials (boxed type). The secret and the session token are never
 * printed or logged; they are wiped from memory when the last reference
 * goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _WharfAwsCredentials WharfAwsCredentials;

#define WHARF_TYPE_AWS_CREDENTIALS (wharf_aws_credentials_get_type ())

GType                wharf_aws_credentials_get_type              (void) G_GNUC_CONST;

/* SESSION_TOKEN, EXPIRATION (UTC) and SOURCE may be NULL. SOURCE says where
 * the credentials come from, for display ("environment", "shared-credentials-file",
 * "assume-role", "sso", "credential_process", …). */
WharfAwsCredentials *wharf_aws_credentials_new                   (const char          *access_key_id,
                                                                  const char          *secret_access_key,
                                                                  const char          *session_token,
                                                                  GDateTime           *expiration,
                                                                  const char          *source);
WharfAwsCredentials *wharf_aws_credentials_ref                   (WharfAwsCredentials *self);
void                 wharf_aws_credentials_unref                 (WharfAwsCredentials *self);

const char          *wharf_aws_credentials_get_access_key_id     (const WharfAwsCredentials *self);
const char          *wharf_aws_credentials_get_secret_access_key (const WharfAwsCredentials *self);
/* NULL when there is none. */
const char          *wharf_aws_credentials_get_session_token     (const WharfAwsCredentials *self);
/* NULL for long-term credentials. */
GDateTime           *wharf_aws_credentials_get_expiration        (const WharfAwsCredentials *self);
const char          *wharf_aws_credentials_get_source            (const WharfAwsCredentials *self);

/* TRUE when the credentials expire within MARGIN of NOW (NOW NULL: the
 * current time). Credentials without expiration never expire. */
gboolean             wharf_aws_credentials_expires_within        (const WharfAwsCredentials *self,
                                                                  GDateTime           *now,
                                                                  GTimeSpan            margin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfAwsCredentials, wharf_aws_credentials_unref)

G_END_DECLS
