/* wharf-aws-config.h: the AWS shared configuration exactly as the AWS CLI
 * v2 resolves it (reference/aws.md §4): environment variables,
 * ~/.aws/config and ~/.aws/credentials, the selected profile, the region,
 * the credential chain and the endpoint overrides.
 *
 * The environment is explicit (an envp array) so that nothing depends on
 * the real $HOME by accident; ~ is $HOME from that environment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-credentials.h"
#include "wharf-aws-error.h"
#include "wharf-aws-profile-file.h"

G_BEGIN_DECLS

/* ---- services ------------------------------------------------------------ */

typedef struct {
  const char *service_id;       /* model serviceId: "CloudFormation", "CloudWatch Logs" */
  const char *cli_name;         /* AWS CLI command: "cloudformation", "logs", "elbv2" */
  const char *endpoint_prefix;  /* "cloudformation", "logs", "elasticfilesystem" */
  const char *signing_name;     /* SigV4 scope service name */
  gboolean    global;           /* one endpoint for all regions (IAM) */
} WharfAwsServiceInfo;

/* Looks a service up by serviceId (case-insensitive), CLI name, endpoint
 * prefix or signing name ("ECS", "ecs"; "Elastic Load Balancing v2",
 * "elbv2", "elasticloadbalancing"). NULL when unknown. */
const WharfAwsServiceInfo *wharf_aws_service_lookup        (const char *name);
/* "Secrets Manager" → "SECRETS_MANAGER" (AWS_ENDPOINT_URL_<this>) */
char                      *wharf_aws_service_env_name      (const char *service_id);
/* "Secrets Manager" → "secrets_manager" ([services] key) */
char                      *wharf_aws_service_config_key    (const char *service_id);
/* https://<prefix>.<region>.amazonaws.com (.com.cn in cn-*), global
 * services at https://<prefix>.amazonaws.com. */
char                      *wharf_aws_default_endpoint      (const WharfAwsServiceInfo *service,
                                                            const char *region);

/* ---- pluggable network calls ------------------------------------------------ */

/* STS AssumeRole, made by the HTTP client (the config layer does no network
 * I/O). Returns the role's credentials with their expiration. */
typedef struct {
  WharfAwsCredentials *source;          /* credentials to sign the call with */
  const char          *role_arn;
  const char          *role_session_name;
  const char          *external_id;     /* nullable */
  int                  duration_seconds; /* 0: the STS default (3600) */
  const char          *region;          /* STS region (regional endpoint) */
  const char          *endpoint;        /* resolved STS endpoint URL */
  const char          *profile;         /* profile being resolved (messages) */
} WharfAwsAssumeRoleParams;

typedef WharfAwsCredentials *(*WharfAwsAssumeRoleFunc) (const WharfAwsAssumeRoleParams *params,
                                                        gpointer                        user_data,
                                                        GCancellable                   *cancellable,
                                                        GError                        **error);

/* SSO GetRoleCredentials (unsigned; bearer token header
 * x-amz-sso_bearer_token), GET ENDPOINT/federation/credentials?account_id=…&role_name=… */
typedef struct {
  const char *access_token;   /* secret: never log */
  const char *account_id;
  const char *role_name;
  const char *region;         /* sso_region */
  const char *endpoint;       /* https://portal.sso.<sso_region>.amazonaws.com or override */
  const char *profile;
} WharfAwsSsoParams;

typedef WharfAwsCredentials *(*WharfAwsSsoFunc) (const WharfAwsSsoParams *params,
                                                 gpointer                 user_data,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);

/* ---- the configuration ----------------------------------------------------- */

#define WHARF_TYPE_AWS_CONFIG (wharf_aws_config_get_type ())
G_DECLARE_FINAL_TYPE (WharfAwsConfig, wharf_aws_config, WHARF, AWS_CONFIG, GObject)

/* ENVP: "NAME=value" strings (NULL: the process environment). Call
 * wharf_aws_config_load() or _load_from_data() before using it. */
WharfAwsConfig      *wharf_aws_config_new                  (const char * const *envp);

/* Reads $AWS_CONFIG_FILE (default ~/.aws/config) and
 * $AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials); missing files
 * are empty. Errors: WHARF_AWS_ERROR_IO, WHARF_AWS_ERROR_PARSE. */
gboolean             wharf_aws_config_load                 (WharfAwsConfig     *self,
                                                            GError            **error);
/* Pure variant: the two files' contents (either may be NULL). */
gboolean             wharf_aws_config_load_from_data       (WharfAwsConfig     *self,
                                                            const char         *config_data,
                                                            const char         *credentials_data,
                                                            GError            **error);

/* A variable of the config's environment, or NULL. */
const char          *wharf_aws_config_getenv               (WharfAwsConfig     *self,
                                                            const char         *name);
/* Paths of the two files (after ~ and $VAR expansion). */
const char          *wharf_aws_config_get_config_path      (WharfAwsConfig     *self);
const char          *wharf_aws_config_get_credentials_path (WharfAwsConfig     *self);

/* Explicit choices (the --profile and --region options); NULL clears.
 * An explicit profile also skips the environment keys, as the CLI does. */
void                 wharf_aws_config_set_profile          (WharfAwsConfig     *self,
                                                            const char         *profile);
void                 wharf_aws_config_set_region           (WharfAwsConfig     *self,
                                                            const char         *region);

/* --profile > AWS_PROFILE > AWS_DEFAULT_PROFILE > "default". */
const char          *wharf_aws_config_get_profile_name     (WharfAwsConfig     *self);
/* TRUE when PROFILE (NULL: the selected one) is in either file. */
gboolean             wharf_aws_config_has_profile          (WharfAwsConfig     *self,
                                                            const char         *profile);
/* Profile names from both files, sorted, without duplicates. */
GStrv                wharf_aws_config_list_profiles        (WharfAwsConfig     *self);
/* KEY of PROFILE (NULL: the selected one): the credentials file wins over
 * the config file. NULL when unset. */
const char          *wharf_aws_config_get_value            (WharfAwsConfig     *self,
                                                            const char         *profile,
                                                            const char         *key);
/* A setting with an environment variable and a profile key, environment
 * first: ("AWS_MAX_ATTEMPTS", "max_attempts"), ("AWS_RETRY_MODE",
 * "retry_mode"), ("AWS_CA_BUNDLE", "ca_bundle"). NULL when unset. Values
 * returned by the getters belong to SELF and stay valid until it is
 * reloaded. */
const char          *wharf_aws_config_get_setting          (WharfAwsConfig     *self,
                                                            const char         *env_name,
                                                            const char         *key);
/* The parsed files (owned by SELF). */
const WharfAwsProfileFile *wharf_aws_config_get_config_file      (WharfAwsConfig *self);
const WharfAwsProfileFile *wharf_aws_config_get_credentials_file (WharfAwsConfig *self);

/* --region > AWS_REGION > AWS_DEFAULT_REGION > profile region. Errors:
 * WHARF_AWS_ERROR_NO_REGION. */
char                *wharf_aws_config_dup_region           (WharfAwsConfig     *self,
                                                            GError            **error);

/* Endpoint for SERVICE_ID (a serviceId or anything wharf_aws_service_lookup
 * knows) in REGION: AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL >
 * profile services section > profile endpoint_url > the AWS default;
 * overrides ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the
 * profile's ignore_configured_endpoint_urls is true. OUT_OVERRIDDEN (may
 * be NULL) tells whether the URL came from configuration. Errors:
 * WHARF_AWS_ERROR_INVALID_ARGUMENT for an unknown service without override. */
char                *wharf_aws_config_resolve_endpoint     (WharfAwsConfig     *self,
                                                            const char         *service_id,
                                                            const char         *region,
                                                            gboolean           *out_overridden,
                                                            GError            **error);

/* Network hooks for the credential chain (see above). Without them, a
 * profile that needs STS or SSO fails with WHARF_AWS_ERROR_UNSUPPORTED. */
void                 wharf_aws_config_set_assume_role_func (WharfAwsConfig        *self,
                                                            WharfAwsAssumeRoleFunc func,
                                                            gpointer               user_data,
                                                            GDestroyNotify         destroy);
void                 wharf_aws_config_set_sso_func         (WharfAwsConfig        *self,
                                                            WharfAwsSsoFunc        func,
                                                            gpointer               user_data,
                                                            GDestroyNotify         destroy);

/* The credential chain of the AWS CLI for the selected profile: environment
 * keys (unless a profile was set explicitly) → assume role (role_arn with
 * source_profile or credential_source = Environment) → web identity
 * (WHARF_AWS_ERROR_UNSUPPORTED) → SSO (cached token + GetRoleCredentials)
 * → credentials file keys → credential_process → config file keys.
 * Temporary credentials (role, SSO, process) are cached in SELF until 15
 * minutes before they expire. Blocking (may run a process or call the
 * hooks): run it in a worker thread from a GUI.
 * Errors: WHARF_AWS_ERROR_NO_CREDENTIALS, _PROFILE_NOT_FOUND,
 * _INVALID_PROFILE, _CREDENTIAL_PROCESS, _SSO_TOKEN, _ASSUME_ROLE,
 * _UNSUPPORTED, or the hook's error. */
WharfAwsCredentials *wharf_aws_config_resolve_credentials  (WharfAwsConfig     *self,
                                                            GCancellable       *cancellable,
                                                            GError            **error);
/* The same in a worker thread (the hooks are called there); do not reload
 * SELF while it runs. */
void                 wharf_aws_config_resolve_credentials_async  (WharfAwsConfig     *self,
                                                                  GCancellable       *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer            user_data);
WharfAwsCredentials *wharf_aws_config_resolve_credentials_finish (WharfAwsConfig     *self,
                                                                  GAsyncResult       *result,
                                                                  GError            **error);
/* The same for another profile (no environment keys). */
WharfAwsCredentials *wharf_aws_config_resolve_credentials_for_profile (WharfAwsConfig *self,
                                                                       const char     *profile,
                                                                       GCancellable   *cancellable,
                                                                       GError        **error);

/* Drops cached temporary credentials. */
void                 wharf_aws_config_clear_cache          (WharfAwsConfig     *self);

G_END_DECLS
