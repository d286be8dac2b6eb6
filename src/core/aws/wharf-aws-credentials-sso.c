/* wharf-aws-credentials-sso.c: IAM Identity Center (SSO) profiles
 * (reference/aws.md §4.7): the token `aws sso login` cached, then
 * GetRoleCredentials through the SSO hook. Wharf does not refresh tokens:
 * an expired token asks the user to run `aws sso login` again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wharf-aws-credentials-private.h"
#include "wharf-aws-json.h"

char *
wharf_aws_sso_cache_path (WharfAwsConfig *self,
                          const char     *session_or_url)
{
  g_autofree char *sha1 = g_compute_checksum_for_string (G_CHECKSUM_SHA1, session_or_url, -1);
  g_autofree char *relative = g_strdup_printf ("~/.aws/sso/cache/%s.json", sha1);

  return wharf_aws_config_expand_path (self, relative);
}

static gboolean
sso_token_error (GError    **error,
                 const char *profile,
                 const char *reason)
{
  g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_SSO_TOKEN,
               _("%s To refresh this SSO session run “aws sso login --profile %s”."),
               reason, profile);
  return FALSE;
}

/* Reads the cached access token; fails when absent, invalid or expired. */
static char *
read_token (WharfAwsConfig *self,
            const char     *cache_name,
            const char     *profile,
            GError        **error)
{
  g_autofree char *path = wharf_aws_sso_cache_path (self, cache_name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *expires_text = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  JsonObject *object;
  const char *token;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      sso_token_error (error, profile, _("No cached SSO token was found."));
      return NULL;
    }
  /* json-glib leaks on documents of several values: check the shape first. */
  if (!g_file_get_contents (path, &data, &length, NULL) ||
      !wharf_json_check_shape (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      sso_token_error (error, profile, _("The cached SSO token is not valid JSON."));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  token = json_object_get_string_member_with_default (object, "accessToken", NULL);
  expires_text = g_strdup (json_object_get_string_member_with_default (object, "expiresAt", ""));
  /* Older CLIs wrote "2019-11-14T04:05:45UTC". */
  if (g_str_has_suffix (expires_text, "UTC"))
    strcpy (expires_text + strlen (expires_text) - 3, "Z");
  expires = g_date_time_new_from_iso8601 (expires_text, utc);
  if (token == NULL || *token == '\0' || expires == NULL)
    {
      sso_token_error (error, profile,
                       _("The cached SSO token has no accessToken or expiresAt."));
      return NULL;
    }
  if (g_date_time_compare (expires, now) <= 0)
    {
      sso_token_error (error, profile, _("The SSO session associated with this profile has expired."));
      return NULL;
    }
  return g_strdup (token);
}

WharfAwsCredentials *
wharf_aws_credentials_from_sso (WharfAwsConfig *self,
                                const char     *profile,
                                GCancellable   *cancellable,
                                GError        **error)
{
  const char *session = wharf_aws_config_get_value (self, profile, "sso_session");
  const char *account = wharf_aws_config_get_value (self, profile, "sso_account_id");
  const char *role = wharf_aws_config_get_value (self, profile, "sso_role_name");
  const char *start_url, *region;
  g_autofree char *cache_key = NULL;
  g_autofree char *token = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr(WharfAwsCredentials) result = NULL;
  WharfAwsSsoParams params = { 0 };

  if (session != NULL)
    {
      g_autofree char *section = g_strconcat ("sso-session ", session, NULL);
      const WharfAwsProfileFile *file = wharf_aws_config_get_config_file (self);

      start_url = wharf_aws_profile_file_get (file, section, "sso_start_url");
      region = wharf_aws_profile_file_get (file, section, "sso_region");
    }
  else
    {
      start_url = wharf_aws_config_get_value (self, profile, "sso_start_url");
      region = wharf_aws_config_get_value (self, profile, "sso_region");
    }
  if (start_url == NULL || region == NULL || account == NULL || role == NULL)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_PROFILE,
                   _("SSO profile “%s” needs sso_start_url and sso_region (in its "
                     "[sso-session] when sso_session is set), sso_account_id and sso_role_name"),
                   profile);
      return NULL;
    }

  cache_key = g_strdup_printf ("sso\n%s\n%s\n%s", start_url, account, role);
  result = wharf_aws_config_cache_lookup (self, cache_key);
  if (result != NULL)
    return g_steal_pointer (&result);

  token = read_token (self, session != NULL ? session : start_url, profile, error);
  if (token == NULL)
    return NULL;
  endpoint = wharf_aws_config_resolve_endpoint (self, "SSO", region, NULL, error);
  if (endpoint == NULL)
    return NULL;
  params.access_token = token;
  params.account_id = account;
  params.role_name = role;
  params.region = region;
  params.endpoint = endpoint;
  params.profile = profile;
  result = wharf_aws_config_call_sso (self, &params, cancellable, error);
  explicit_bzero (token, strlen (token));
  if (result == NULL)
    return NULL;
  wharf_aws_config_cache_store (self, cache_key, result);
  return g_steal_pointer (&result);
}
