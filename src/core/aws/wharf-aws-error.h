/* wharf-aws-error.h: the error domain of the AWS configuration, credentials
 * and signing layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WHARF_AWS_ERROR (wharf_aws_error_quark ())

typedef enum {
  WHARF_AWS_ERROR_FAILED,
  /* SigV4: the request to sign is incomplete (no Host header, bad path…). */
  WHARF_AWS_ERROR_INVALID_REQUEST,
  /* SigV4 server side: Authorization header malformed or incomplete. */
  WHARF_AWS_ERROR_INVALID_AUTHORIZATION,
  /* SigV4 server side: the signature does not match. */
  WHARF_AWS_ERROR_SIGNATURE_MISMATCH,
  /* A config or credentials file could not be parsed. */
  WHARF_AWS_ERROR_PARSE,
  /* The named profile exists in neither file. */
  WHARF_AWS_ERROR_PROFILE_NOT_FOUND,
  /* A profile with that name already exists (profile store). */
  WHARF_AWS_ERROR_PROFILE_EXISTS,
  /* Invalid profile name, key or value (profile store). */
  WHARF_AWS_ERROR_INVALID_ARGUMENT,
  /* No region from the environment nor the profile. */
  WHARF_AWS_ERROR_NO_REGION,
  /* The credential chain found nothing. */
  WHARF_AWS_ERROR_NO_CREDENTIALS,
  /* A profile is set up wrongly (role without source, source loop…). */
  WHARF_AWS_ERROR_INVALID_PROFILE,
  /* credential_process failed, or printed something that is not valid. */
  WHARF_AWS_ERROR_CREDENTIAL_PROCESS,
  /* SSO: no cached token, or it has expired ("run aws sso login"). */
  WHARF_AWS_ERROR_SSO_TOKEN,
  /* STS AssumeRole / SSO GetRoleCredentials failed or is not available. */
  WHARF_AWS_ERROR_ASSUME_ROLE,
  /* Something the chain recognises but Wharf does not implement
   * (web identity, IMDS, MFA prompts). */
  WHARF_AWS_ERROR_UNSUPPORTED,
  /* Reading or writing a file failed. */
  WHARF_AWS_ERROR_IO,
} WharfAwsError;

GQuark wharf_aws_error_quark (void);

G_END_DECLS
