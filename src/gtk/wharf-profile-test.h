/* wharf-profile-test.h: the "Test" button of an AWS profile: STS
 * GetCallerIdentity with the profile's credentials, and what to tell the
 * user when it fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-sts.h"

G_BEGIN_DECLS

/* Resolves PROFILE's credentials (in a worker: the chain may run a
 * credential_process) and calls GetCallerIdentity in the profile's region
 * (us-east-1 when it has none). Endpoint overrides of the environment and
 * of the profile apply, as for the AWS CLI. */
void              wharf_profile_test_async       (const char           *profile,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
WharfStsIdentity *wharf_profile_test_finish      (GAsyncResult         *result,
                                                  GError              **error);

/* A short code for ERROR (the AWS error code, e.g. "InvalidClientTokenId",
 * or a description of the failure kind) and a sentence saying what it
 * means and what to do. Never quotes secrets: ERROR's message is not
 * used for known codes. */
void              wharf_profile_test_explain     (const GError         *error,
                                                  char                **code,
                                                  char                **sentence);

G_END_DECLS
