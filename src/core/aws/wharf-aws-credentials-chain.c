/* wharf-aws-credentials-chain.c: the AWS CLI credential chain
 * (reference/aws.md §4.4, §4.5).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wharf-aws-config.h"
#include "wharf-aws-credentials-private.h"

/* Role chains longer than this are a loop or a mistake. */
#define MAX_ROLE_DEPTH 8

static WharfAwsCredentials *resolve_profile (WharfAwsConfig *self,
                                             const char     *profile,
                                             gboolean        as_source,
                                             guint           depth,
                                             GCancellable   *cancellable,
                                             GError        **error);

/* The environment keys, NULL without error when absent. */
static WharfAwsCredentials *
from_environment (WharfAwsConfig *self,
                  GError        **error)
{
  const char *akid = wharf_aws_config_getenv (self, "AWS_ACCESS_KEY_ID");
  const char *secret = wharf_aws_config_getenv (self, "AWS_SECRET_ACCESS_KEY");
  const char *token = wharf_aws_config_getenv (self, "AWS_SESSION_TOKEN");
  const char *expiration = wharf_aws_config_getenv (self, "AWS_CREDENTIAL_EXPIRATION");
  g_autoptr(GDateTime) expires = NULL;

  if (akid == NULL && secret == NULL)
    return NULL;
  if (akid == NULL || secret == NULL)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_NO_CREDENTIALS,
                   _("Partial credentials found in the environment: %s is set but %s is not"),
                   akid != NULL ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                   akid != NULL ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID");
      return NULL;
    }
  if (token == NULL)
    token = wharf_aws_config_getenv (self, "AWS_SECURITY_TOKEN");
  if (expiration != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      expires = g_date_time_new_from_iso8601 (expiration, utc);
    }
  return wharf_aws_credentials_new (akid, secret, token, expires, "environment");
}

/* Static keys of PROFILE in one file, NULL without error when absent. */
static WharfAwsCredentials *
from_file_keys (WharfAwsConfig            *self,
                const WharfAwsProfileFile *file,
                const char                *section,
                const char                *source,
                GError                   **error)
{
  const char *akid, *secret, *token;

  if (section == NULL)
    return NULL;
  akid = wharf_aws_profile_file_get (file, section, "aws_access_key_id");
  secret = wharf_aws_profile_file_get (file, section, "aws_secret_access_key");
  token = wharf_aws_profile_file_get (file, section, "aws_session_token");
  if (token == NULL)
    token = wharf_aws_profile_file_get (file, section, "aws_security_token");
  if (akid == NULL && secret == NULL)
    return NULL;
  if (akid == NULL || *akid == '\0' || secret == NULL || *secret == '\0')
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_PROFILE,
                   _("Partial credentials in [%s] of %s: both aws_access_key_id and "
                     "aws_secret_access_key are needed"), section, source);
      return NULL;
    }
  return wharf_aws_credentials_new (akid, secret, token, NULL, source);
}

static WharfAwsCredentials *
from_credentials_file (WharfAwsConfig *self,
                       const char     *profile,
                       GError        **error)
{
  const WharfAwsProfileFile *file = wharf_aws_config_get_credentials_file (self);

  return from_file_keys (self, file, wharf_aws_profile_file_has_section (file, profile) ? profile : NULL,
                         "shared-credentials-file", error);
}

static WharfAwsCredentials *
from_config_file (WharfAwsConfig *self,
                  const char     *profile,
                  GError        **error)
{
  g_autofree char *section = wharf_aws_config_dup_section_for (self, profile);

  return from_file_keys (self, wharf_aws_config_get_config_file (self), section,
                         "config-file", error);
}

static gboolean
has_static_keys (WharfAwsConfig *self,
                 const char     *profile)
{
  return wharf_aws_config_get_value (self, profile, "aws_access_key_id") != NULL;
}

/* STS region: the profile's region, else the resolved one, else us-east-1. */
static char *
sts_region (WharfAwsConfig *self,
            const char     *profile)
{
  const char *region = wharf_aws_config_get_value (self, profile, "region");
  char *resolved;

  if (region != NULL && *region != '\0')
    return g_strdup (region);
  resolved = wharf_aws_config_dup_region (self, NULL);
  return resolved != NULL ? resolved : g_strdup ("us-east-1");
}

static WharfAwsCredentials *
assume_role (WharfAwsConfig *self,
             const char     *profile,
             guint           depth,
             GCancellable   *cancellable,
             GError        **error)
{
  const char *role_arn = wharf_aws_config_get_value (self, profile, "role_arn");
  const char *source_profile = wharf_aws_config_get_value (self, profile, "source_profile");
  const char *credential_source = wharf_aws_config_get_value (self, profile, "credential_source");
  const char *session_name = wharf_aws_config_get_value (self, profile, "role_session_name");
  const char *external_id = wharf_aws_config_get_value (self, profile, "external_id");
  const char *duration = wharf_aws_config_get_value (self, profile, "duration_seconds");
  g_autoptr(WharfAwsCredentials) source = NULL;
  g_autoptr(WharfAwsCredentials) result = NULL;
  g_autofree char *region = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *generated_name = NULL;
  g_autofree char *cache_key = NULL;
  WharfAwsAssumeRoleParams params = { 0 };
  guint64 seconds = 0;

  if ((source_profile != NULL) == (credential_source != NULL))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_PROFILE,
                   _("Profile “%s” has role_arn and needs exactly one of source_profile "
                     "and credential_source"), profile);
      return NULL;
    }
  if (wharf_aws_config_get_value (self, profile, "mfa_serial") != NULL)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_UNSUPPORTED,
                   _("Profile “%s” needs an MFA code (mfa_serial), which Wharf cannot ask for; "
                     "use “aws sts get-session-token” and a profile with its keys"), profile);
      return NULL;
    }
  if (duration != NULL && !g_ascii_string_to_unsigned (duration, 10, 900, 43200, &seconds, NULL))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_PROFILE,
                   _("duration_seconds of profile “%s” must be between 900 and 43200"), profile);
      return NULL;
    }

  if (credential_source != NULL)
    {
      if (strcmp (credential_source, "Environment") != 0)
        {
          g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_UNSUPPORTED,
                       _("credential_source “%s” of profile “%s” is not supported "
                         "(only Environment is)"), credential_source, profile);
          return NULL;
        }
      source = from_environment (self, error);
      if (source == NULL && (error == NULL || *error == NULL))
        g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_NO_CREDENTIALS,
                     _("Profile “%s” takes its source credentials from the environment, but "
                       "AWS_ACCESS_KEY_ID is not set"), profile);
    }
  else if (strcmp (source_profile, profile) == 0)
    {
      /* A profile may be its own source only through its static keys. */
      source = from_credentials_file (self, profile, error);
      if (source == NULL && (error == NULL || *error == NULL))
        source = from_config_file (self, profile, error);
      if (source == NULL && (error == NULL || *error == NULL))
        g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_PROFILE,
                     _("Profile “%s” is its own source_profile but has no keys"), profile);
    }
  else if (!wharf_aws_config_has_profile (self, source_profile))
    g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PROFILE_NOT_FOUND,
                 _("The source_profile “%s” of profile “%s” could not be found"),
                 source_profile, profile);
  else
    source = resolve_profile (self, source_profile, TRUE, depth + 1, cancellable, error);
  if (source == NULL)
    return NULL;

  cache_key = g_strdup_printf ("role\n%s\n%s\n%s\n%s", role_arn,
                               session_name != NULL ? session_name : "",
                               external_id != NULL ? external_id : "",
                               wharf_aws_credentials_get_access_key_id (source));
  result = wharf_aws_config_cache_lookup (self, cache_key);
  if (result != NULL)
    return g_steal_pointer (&result);

  region = sts_region (self, profile);
  endpoint = wharf_aws_config_resolve_endpoint (self, "STS", region, NULL, error);
  if (endpoint == NULL)
    return NULL;
  if (session_name == NULL)
    session_name = generated_name = g_strdup_printf ("botocore-session-%" G_GINT64_FORMAT,
                                                     g_get_real_time () / G_USEC_PER_SEC);
  params.source = source;
  params.role_arn = role_arn;
  params.role_session_name = session_name;
  params.external_id = external_id;
  params.duration_seconds = (int) seconds;
  params.region = region;
  params.endpoint = endpoint;
  params.profile = profile;
  result = wharf_aws_config_call_assume_role (self, &params, cancellable, error);
  if (result == NULL)
    return NULL;
  wharf_aws_config_cache_store (self, cache_key, result);
  return g_steal_pointer (&result);
}

static WharfAwsCredentials *
from_process (WharfAwsConfig *self,
              const char     *profile,
              const char     *command,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autofree char *cache_key = g_strdup_printf ("process\n%s", command);
  g_autoptr(WharfAwsCredentials) result = wharf_aws_config_cache_lookup (self, cache_key);

  if (result != NULL)
    return g_steal_pointer (&result);
  result = wharf_aws_credentials_from_process (command, wharf_aws_config_get_environ (self),
                                               profile, cancellable, error);
  if (result == NULL)
    return NULL;
  wharf_aws_config_cache_store (self, cache_key, result);
  return g_steal_pointer (&result);
}

/* The chain for one profile, without the environment keys. AS_SOURCE: a
 * source_profile with static keys uses them rather than its own role. */
static WharfAwsCredentials *
resolve_profile (WharfAwsConfig *self,
                 const char     *profile,
                 gboolean        as_source,
                 guint           depth,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  WharfAwsCredentials *creds = NULL;
  const char *command;

  if (depth > MAX_ROLE_DEPTH)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_PROFILE,
                   _("source_profile chain starting at “%s” is a loop or longer than %d profiles"),
                   profile, MAX_ROLE_DEPTH);
      return NULL;
    }

  if (wharf_aws_config_get_value (self, profile, "role_arn") != NULL &&
      wharf_aws_config_get_value (self, profile, "web_identity_token_file") == NULL &&
      !(as_source && has_static_keys (self, profile)))
    return assume_role (self, profile, depth, cancellable, error);

  if (wharf_aws_config_get_value (self, profile, "web_identity_token_file") != NULL ||
      (depth == 0 && wharf_aws_config_getenv (self, "AWS_WEB_IDENTITY_TOKEN_FILE") != NULL &&
       wharf_aws_config_getenv (self, "AWS_ROLE_ARN") != NULL))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_UNSUPPORTED,
                   _("Web identity credentials (web_identity_token_file, "
                     "AWS_WEB_IDENTITY_TOKEN_FILE) are not supported by Wharf"));
      return NULL;
    }

  if (wharf_aws_config_get_value (self, profile, "sso_session") != NULL ||
      wharf_aws_config_get_value (self, profile, "sso_start_url") != NULL)
    return wharf_aws_credentials_from_sso (self, profile, cancellable, error);

  if ((creds = from_credentials_file (self, profile, &local_error)) != NULL || local_error != NULL)
    goto out;
  command = wharf_aws_config_get_value (self, profile, "credential_process");
  if (command != NULL && *command != '\0')
    return from_process (self, profile, command, cancellable, error);
  if ((creds = from_config_file (self, profile, &local_error)) != NULL || local_error != NULL)
    goto out;

  g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_NO_CREDENTIALS,
               _("Unable to locate credentials for profile “%s”. You can configure credentials "
                 "by running “aws configure”."), profile);
  return NULL;

out:
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return creds;
}

static WharfAwsCredentials *
resolve (WharfAwsConfig *self,
         const char     *profile,
         gboolean        use_environment,
         GCancellable   *cancellable,
         GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  WharfAwsCredentials *creds;

  if (use_environment)
    {
      creds = from_environment (self, &local_error);
      if (creds != NULL)
        return creds;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (!wharf_aws_config_has_profile (self, profile))
    {
      if (strcmp (profile, "default") == 0)
        g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_NO_CREDENTIALS,
                     _("Unable to locate credentials. You can configure credentials by "
                       "running “aws configure”."));
      else
        g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PROFILE_NOT_FOUND,
                     _("The config profile (%s) could not be found"), profile);
      return NULL;
    }
  return resolve_profile (self, profile, FALSE, 0, cancellable, error);
}

WharfAwsCredentials *
wharf_aws_config_resolve_credentials (WharfAwsConfig *self,
                                      GCancellable   *cancellable,
                                      GError        **error)
{
  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (self), NULL);

  /* An explicit --profile skips the environment keys, as in botocore. */
  return resolve (self, wharf_aws_config_get_profile_name (self),
                  !wharf_aws_config_has_profile_override (self), cancellable, error);
}

WharfAwsCredentials *
wharf_aws_config_resolve_credentials_for_profile (WharfAwsConfig *self,
                                                  const char     *profile,
                                                  GCancellable   *cancellable,
                                                  GError        **error)
{
  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (self), NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  return resolve (self, profile, FALSE, cancellable, error);
}

typedef struct {
  char     *profile;
  gboolean  use_environment;
} ResolveData;

static void
resolve_data_free (gpointer data)
{
  ResolveData *rd = data;

  g_free (rd->profile);
  g_free (rd);
}

static void
resolve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ResolveData *rd = task_data;
  GError *error = NULL;
  WharfAwsCredentials *creds;

  creds = resolve (WHARF_AWS_CONFIG (source_object), rd->profile, rd->use_environment,
                   cancellable, &error);
  if (creds != NULL)
    g_task_return_pointer (task, creds, (GDestroyNotify) wharf_aws_credentials_unref);
  else
    g_task_return_error (task, error);
}

void
wharf_aws_config_resolve_credentials_async (WharfAwsConfig     *self,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  ResolveData *rd;

  g_return_if_fail (WHARF_IS_AWS_CONFIG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wharf_aws_config_resolve_credentials_async);
  /* Snapshot the selection: the caller may change it meanwhile. */
  rd = g_new0 (ResolveData, 1);
  rd->profile = g_strdup (wharf_aws_config_get_profile_name (self));
  rd->use_environment = !wharf_aws_config_has_profile_override (self);
  g_task_set_task_data (task, rd, resolve_data_free);
  g_task_run_in_thread (task, resolve_thread);
}

WharfAwsCredentials *
wharf_aws_config_resolve_credentials_finish (WharfAwsConfig *self,
                                             GAsyncResult   *result,
                                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
