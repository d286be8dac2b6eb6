/* wharf-aws-sts.h: typed STS calls (Query protocol), and the AssumeRole
 * hook the credential chain (wharf-aws-config.h) uses for role_arn
 * profiles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"
#include "wharf-aws-config.h"

G_BEGIN_DECLS

typedef struct {
  char *account;
  char *arn;
  char *user_id;
} WharfStsIdentity;

void                 wharf_sts_identity_free        (WharfStsIdentity *identity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfStsIdentity, wharf_sts_identity_free)

WharfAwsRequest     *wharf_sts_get_caller_identity_request (void);
/* WharfStsIdentity* */
gpointer             wharf_sts_decode_caller_identity      (WharfAwsResponse *response,
                                                            GError          **error);
WharfStsIdentity    *wharf_sts_get_caller_identity  (WharfAwsClient   *client,
                                                     GCancellable     *cancellable,
                                                     GError          **error);
void                 wharf_sts_get_caller_identity_async  (WharfAwsClient      *client,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
WharfStsIdentity    *wharf_sts_get_caller_identity_finish (WharfAwsClient      *client,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* DURATION_SECONDS 0: the STS default; EXTERNAL_ID may be NULL. The
 * credentials' source is "assume-role". */
WharfAwsRequest     *wharf_sts_assume_role_request  (const char       *role_arn,
                                                     const char       *role_session_name,
                                                     int               duration_seconds,
                                                     const char       *external_id);
/* WharfAwsCredentials* */
gpointer             wharf_sts_decode_assume_role   (WharfAwsResponse *response,
                                                     GError          **error);
WharfAwsCredentials *wharf_sts_assume_role          (WharfAwsClient   *client,
                                                     const char       *role_arn,
                                                     const char       *role_session_name,
                                                     int               duration_seconds,
                                                     const char       *external_id,
                                                     GCancellable     *cancellable,
                                                     GError          **error);

/* A WharfAwsAssumeRoleFunc: a blocking AssumeRole with PARAMS->source at
 * PARAMS->endpoint (or the regional STS endpoint). */
WharfAwsCredentials *wharf_sts_assume_role_hook     (const WharfAwsAssumeRoleParams *params,
                                                     gpointer                        user_data,
                                                     GCancellable                   *cancellable,
                                                     GError                        **error);
/* Sets wharf_sts_assume_role_hook() as CONFIG's AssumeRole function and
 * wharf_sso_get_role_credentials_hook() as its SSO function. */
void                 wharf_sts_install_assume_role_hook (WharfAwsConfig *config);

/* SSO portal GetRoleCredentials (unsigned; the access token goes in the
 * x-amz-sso_bearer_token header, never logged). The credentials' source
 * is "sso". */
WharfAwsRequest     *wharf_sso_get_role_credentials_request (const char       *access_token,
                                                             const char       *account_id,
                                                             const char       *role_name);
/* WharfAwsCredentials* */
gpointer             wharf_sso_decode_role_credentials      (WharfAwsResponse *response,
                                                             GError          **error);
/* A WharfAwsSsoFunc: blocking GetRoleCredentials at PARAMS->endpoint (or
 * https://portal.sso.REGION.amazonaws.com). */
WharfAwsCredentials *wharf_sso_get_role_credentials_hook    (const WharfAwsSsoParams *params,
                                                             gpointer                 user_data,
                                                             GCancellable            *cancellable,
                                                             GError                 **error);

G_END_DECLS
