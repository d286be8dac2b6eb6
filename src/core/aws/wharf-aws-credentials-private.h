/* wharf-aws-credentials-private.h: what the credential chain files need
 * from WharfAwsConfig, and the chain's building blocks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-config.h"

G_BEGIN_DECLS

/* Temporary credentials are refreshed this long before they expire
 * (botocore's advisory refresh). */
#define WHARF_AWS_REFRESH_MARGIN (15 * G_TIME_SPAN_MINUTE)

/* Cached credentials under KEY, if they do not expire within the margin. */
WharfAwsCredentials *wharf_aws_config_cache_lookup      (WharfAwsConfig *self,
                                                         const char     *key);
void                 wharf_aws_config_cache_store       (WharfAwsConfig      *self,
                                                         const char          *key,
                                                         WharfAwsCredentials *credentials);
/* Call the hooks; WHARF_AWS_ERROR_UNSUPPORTED when none is set. */
WharfAwsCredentials *wharf_aws_config_call_assume_role  (WharfAwsConfig                 *self,
                                                         const WharfAwsAssumeRoleParams *params,
                                                         GCancellable                   *cancellable,
                                                         GError                        **error);
WharfAwsCredentials *wharf_aws_config_call_sso          (WharfAwsConfig          *self,
                                                         const WharfAwsSsoParams *params,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);
/* ~/ and $VAR expansion with the config's environment. */
char                *wharf_aws_config_expand_path       (WharfAwsConfig *self,
                                                         const char     *path);
/* The config file's section for PROFILE ("default", "profile NAME"), or NULL. */
char                *wharf_aws_config_dup_section_for   (WharfAwsConfig *self,
                                                         const char     *profile);
/* TRUE after wharf_aws_config_set_profile() with a name. */
gboolean             wharf_aws_config_has_profile_override (WharfAwsConfig *self);
/* The config's environment (owned by SELF). */
const char * const  *wharf_aws_config_get_environ       (WharfAwsConfig *self);

/* credential_process: runs COMMAND (shell-split, no shell) and parses its
 * JSON. Errors: WHARF_AWS_ERROR_CREDENTIAL_PROCESS. */
WharfAwsCredentials *wharf_aws_credentials_from_process (const char          *command,
                                                         const char * const  *envp,
                                                         const char          *profile,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
/* The Version 1 JSON document of credential_process (pure). */
WharfAwsCredentials *wharf_aws_credentials_parse_process_output (const char  *json,
                                                                 gsize        length,
                                                                 const char  *profile,
                                                                 GError     **error);

/* SSO: reads the cached token of PROFILE and calls the SSO hook. */
WharfAwsCredentials *wharf_aws_credentials_from_sso     (WharfAwsConfig *self,
                                                         const char     *profile,
                                                         GCancellable   *cancellable,
                                                         GError        **error);
/* Path of the token cache file for a session name or legacy start URL. */
char                *wharf_aws_sso_cache_path           (WharfAwsConfig *self,
                                                         const char     *session_or_url);

G_END_DECLS
