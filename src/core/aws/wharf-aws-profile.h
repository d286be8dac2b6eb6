/* wharf-aws-profile.h: one AWS profile as the profile store lists it
 * (immutable snapshot). Secrets are never kept: has-credentials says
 * whether keys are set, access-key-hint shows the key id's last four
 * characters like `aws configure list`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  WHARF_AWS_PROFILE_KIND_NONE,          /* region/output only */
  WHARF_AWS_PROFILE_KIND_KEYS,          /* static access keys */
  WHARF_AWS_PROFILE_KIND_SSO,           /* IAM Identity Center */
  WHARF_AWS_PROFILE_KIND_ROLE,          /* role_arn + source */
  WHARF_AWS_PROFILE_KIND_PROCESS,       /* credential_process */
  WHARF_AWS_PROFILE_KIND_WEB_IDENTITY,  /* web_identity_token_file (not supported) */
} WharfAwsProfileKind;

#define WHARF_TYPE_AWS_PROFILE_KIND (wharf_aws_profile_kind_get_type ())
GType wharf_aws_profile_kind_get_type (void) G_GNUC_CONST;

#define WHARF_TYPE_AWS_PROFILE (wharf_aws_profile_get_type ())
G_DECLARE_FINAL_TYPE (WharfAwsProfile, wharf_aws_profile, WHARF, AWS_PROFILE, GObject)

/* VALUES: the profile's merged keys (credentials file over config file);
 * secret keys in it are dropped, not copied. */
WharfAwsProfile     *wharf_aws_profile_new              (const char      *name,
                                                         GHashTable      *values);

const char          *wharf_aws_profile_get_name         (WharfAwsProfile *self);
/* NULL when unset. */
const char          *wharf_aws_profile_get_region       (WharfAwsProfile *self);
WharfAwsProfileKind  wharf_aws_profile_get_kind         (WharfAwsProfile *self);
gboolean             wharf_aws_profile_get_has_credentials (WharfAwsProfile *self);
/* "****************WXYZ", or NULL without keys. */
const char          *wharf_aws_profile_get_access_key_hint (WharfAwsProfile *self);
/* Any non-secret key ("output", "role_arn", "sso_session", …), or NULL;
 * always NULL for aws_secret_access_key and the session token. */
const char          *wharf_aws_profile_get_value        (WharfAwsProfile *self,
                                                         const char      *key);
/* Sorted names of the non-secret keys it has. */
GStrv                wharf_aws_profile_list_keys        (WharfAwsProfile *self);
/* Translated label: "Access keys", "SSO", "Assume role", … */
const char          *wharf_aws_profile_kind_to_string   (WharfAwsProfileKind kind);

/* TRUE for the keys that are secret (write-only). */
gboolean             wharf_aws_profile_key_is_secret    (const char      *key);

G_END_DECLS
