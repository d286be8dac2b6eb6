/* test-aws-config.c: the shared config chain: profile and region
 * selection, every credential source and their precedence, endpoint
 * overrides, and parse errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-aws-config.h"
#include "wharf-test-util.h"

typedef struct {
  char *home;
  char *config_path;
  char *credentials_path;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *config = wharf_test_srcdir_path ("fixtures", "aws", "config", NULL);
  g_autofree char *credentials = wharf_test_srcdir_path ("fixtures", "aws", "credentials", NULL);
  g_autofree char *config_text = NULL;
  g_autofree char *credentials_text = NULL;

  g_assert_true (g_file_get_contents (config, &config_text, NULL, NULL));
  g_assert_true (g_file_get_contents (credentials, &credentials_text, NULL, NULL));
  fx->home = wharf_test_mkdtemp ();
  fx->config_path = wharf_test_write_file (fx->home, ".aws/config", config_text);
  fx->credentials_path = wharf_test_write_file (fx->home, ".aws/credentials", credentials_text);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  wharf_test_rmtree (fx->home);
  g_free (fx->home);
  g_free (fx->config_path);
  g_free (fx->credentials_path);
}

/* A config over FX's home with the extra "NAME=value" variables. */
static WharfAwsConfig *
new_config (Fixture    *fx,
            const char *first,
            ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) envp = NULL;
  g_autofree char *home = NULL;
  g_autoptr(GError) error = NULL;
  WharfAwsConfig *config;
  va_list args;

  g_strv_builder_add_many (builder, "PATH=/usr/local/bin:/usr/bin:/bin", NULL);
  home = g_strconcat ("HOME=", fx->home, NULL);
  g_strv_builder_add (builder, home);
  va_start (args, first);
  for (const char *v = first; v != NULL; v = va_arg (args, const char *))
    g_strv_builder_add (builder, v);
  va_end (args);
  envp = g_strv_builder_end (builder);
  config = wharf_aws_config_new ((const char * const *) envp);
  wharf_aws_config_load (config, &error);
  g_assert_no_error (error);
  return config;
}

static void
rewrite (Fixture    *fx,
         const char *config_text,
         const char *credentials_text)
{
  g_assert_true (g_file_set_contents (fx->config_path, config_text, -1, NULL));
  g_assert_true (g_file_set_contents (fx->credentials_path, credentials_text, -1, NULL));
}

/* ---- profile and region -------------------------------------------------- */

static void
test_profile_selection (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(WharfAwsConfig) plain = new_config (fx, NULL);
  g_autoptr(WharfAwsConfig) both = new_config (fx, "AWS_PROFILE=dev", "AWS_DEFAULT_PROFILE=ci", NULL);
  g_autoptr(WharfAwsConfig) legacy = new_config (fx, "AWS_DEFAULT_PROFILE=ci", NULL);
  g_autoptr(WharfAwsConfig) empty = new_config (fx, "AWS_PROFILE=", NULL);
  g_auto(GStrv) names = wharf_aws_config_list_profiles (plain);
  const char *expected[] = { "ci", "default", "dev", "fake", "role", "sso", NULL };

  g_assert_cmpstr (wharf_aws_config_get_profile_name (plain), ==, "default");
  g_assert_cmpstr (wharf_aws_config_get_profile_name (both), ==, "dev");
  g_assert_cmpstr (wharf_aws_config_get_profile_name (legacy), ==, "ci");
  g_assert_cmpstr (wharf_aws_config_get_profile_name (empty), ==, "default");
  wharf_aws_config_set_profile (both, "role");
  g_assert_cmpstr (wharf_aws_config_get_profile_name (both), ==, "role");

  g_assert_cmpstrv (names, expected);
  g_assert_true (wharf_aws_config_has_profile (plain, "ci"));     /* credentials file only */
  g_assert_true (wharf_aws_config_has_profile (plain, "fake"));   /* config file only */
  g_assert_false (wharf_aws_config_has_profile (plain, "sandbox")); /* a [services] section */
  g_assert_false (wharf_aws_config_has_profile (plain, "corp"));    /* an [sso-session] */
  /* Keys are case-insensitive; values trimmed; "key: value" accepted. */
  g_assert_cmpstr (wharf_aws_config_get_value (plain, "dev", "output"), ==, "text");
  g_assert_cmpstr (wharf_aws_config_get_value (plain, "dev", "cli_pager"), ==, "");
}

static void
test_region (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(WharfAwsConfig) plain = new_config (fx, NULL);
  g_autoptr(WharfAwsConfig) both = new_config (fx, "AWS_REGION=ca-central-1",
                                               "AWS_DEFAULT_REGION=sa-east-1", NULL);
  g_autoptr(WharfAwsConfig) legacy = new_config (fx, "AWS_DEFAULT_REGION=sa-east-1", NULL);
  g_autoptr(WharfAwsConfig) dev = new_config (fx, "AWS_PROFILE=dev", NULL);
  g_autoptr(WharfAwsConfig) none = new_config (fx, "AWS_PROFILE=ci", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = wharf_aws_config_dup_region (plain, NULL);
  g_autofree char *r2 = wharf_aws_config_dup_region (both, NULL);
  g_autofree char *r3 = wharf_aws_config_dup_region (legacy, NULL);
  g_autofree char *r4 = wharf_aws_config_dup_region (dev, NULL);
  g_autofree char *r5 = NULL;
  g_autofree char *r6 = NULL;

  g_assert_cmpstr (r1, ==, "eu-west-1");
  g_assert_cmpstr (r2, ==, "ca-central-1");
  g_assert_cmpstr (r3, ==, "sa-east-1");
  /* dev has a region in both files: the credentials file wins. */
  g_assert_cmpstr (r4, ==, "us-east-1");

  r5 = wharf_aws_config_dup_region (none, &error);
  g_assert_null (r5);
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_NO_REGION);

  /* Other settings read the same way: environment, then profile. */
  {
    g_autoptr(WharfAwsConfig) retry = new_config (fx, "AWS_MAX_ATTEMPTS=7", NULL);
    g_assert_cmpstr (wharf_aws_config_get_setting (retry, "AWS_MAX_ATTEMPTS", "max_attempts"), ==, "7");
    g_assert_cmpstr (wharf_aws_config_get_setting (plain, "AWS_OUTPUT", "output"), ==, "json");
    g_assert_null (wharf_aws_config_get_setting (plain, "AWS_RETRY_MODE", "retry_mode"));
  }

  wharf_aws_config_set_region (both, "me-south-1");
  r6 = wharf_aws_config_dup_region (both, NULL);
  g_assert_cmpstr (r6, ==, "me-south-1");
}

static void
test_paths (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *alt = wharf_test_write_file (fx->home, "alt/cfg", "[profile x]\nregion = eu-north-1\n");
  g_autofree char *alt_creds = wharf_test_write_file (fx->home, "alt/creds", "[x]\naws_access_key_id = A\n"
                                                      "aws_secret_access_key = S\n");
  g_autoptr(WharfAwsConfig) config = NULL;
  g_autoptr(WharfAwsConfig) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *region = NULL;
  g_auto(GStrv) none = NULL;

  /* ~ and $VAR are expanded with the config's own environment. */
  config = new_config (fx, "AWS_CONFIG_FILE=~/alt/cfg", "WHERE=alt",
                       "AWS_SHARED_CREDENTIALS_FILE=${HOME}/$WHERE/creds", "AWS_PROFILE=x", NULL);
  g_assert_cmpstr (wharf_aws_config_get_config_path (config), ==, alt);
  g_assert_cmpstr (wharf_aws_config_get_credentials_path (config), ==, alt_creds);
  region = wharf_aws_config_dup_region (config, NULL);
  g_assert_cmpstr (region, ==, "eu-north-1");
  g_assert_false (wharf_aws_config_has_profile (config, "dev"));

  /* Missing files are empty, not an error. */
  missing = new_config (fx, "AWS_CONFIG_FILE=/nonexistent/c", "AWS_SHARED_CREDENTIALS_FILE=/nonexistent/k", NULL);
  none = wharf_aws_config_list_profiles (missing);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_no_error (error);
}

static void
test_parse_errors (void)
{
  struct { const char *text; const char *line; } cases[] = {
    { "region = x\n", ":1:" },
    { "[default]\nregion = a\nregion = b\n", ":3:" },
    { "[default]\n[default]\n", ":2:" },
    { "[default]\n\njust words\n", ":3:" },
    { "[default\nregion = a\n", ":1:" },
    { "[default]\n= value\n", ":2:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WharfAwsConfig) config = wharf_aws_config_new (NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (wharf_aws_config_load_from_data (config, cases[i].text, NULL, &error));
      g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, cases[i].line));
    }
}

/* ---- credential chain ------------------------------------------------------ */

static WharfAwsCredentials *
resolve_ok (WharfAwsConfig *config)
{
  g_autoptr(GError) error = NULL;
  WharfAwsCredentials *creds = wharf_aws_config_resolve_credentials (config, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (creds);
  return creds;
}

static void
resolve_fails (WharfAwsConfig *config,
               int             code,
               const char     *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsCredentials) creds = wharf_aws_config_resolve_credentials (config, NULL, &error);

  g_assert_null (creds);
  g_assert_error (error, WHARF_AWS_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” not in “%s”", message_part, error->message);
}

static void
test_chain_environment (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(WharfAwsConfig) env = new_config (fx, "AWS_ACCESS_KEY_ID=AKIDENV", "AWS_SECRET_ACCESS_KEY=envsecret",
                                              "AWS_SESSION_TOKEN=envtoken", "AWS_PROFILE=dev",
                                              "AWS_CREDENTIAL_EXPIRATION=2030-01-01T00:00:00Z", NULL);
  g_autoptr(WharfAwsConfig) legacy_token = new_config (fx, "AWS_ACCESS_KEY_ID=AKIDENV",
                                                       "AWS_SECRET_ACCESS_KEY=envsecret",
                                                       "AWS_SECURITY_TOKEN=oldtoken", NULL);
  g_autoptr(WharfAwsConfig) partial = new_config (fx, "AWS_ACCESS_KEY_ID=AKIDENV", NULL);
  g_autoptr(WharfAwsCredentials) c1 = resolve_ok (env);
  g_autoptr(WharfAwsCredentials) c2 = NULL;
  g_autoptr(WharfAwsCredentials) c3 = resolve_ok (legacy_token);

  /* Environment keys beat the profile's keys... */
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (c1), ==, "AKIDENV");
  g_assert_cmpstr (wharf_aws_credentials_get_secret_access_key (c1), ==, "envsecret");
  g_assert_cmpstr (wharf_aws_credentials_get_session_token (c1), ==, "envtoken");
  g_assert_cmpstr (wharf_aws_credentials_get_source (c1), ==, "environment");
  g_assert_cmpint (g_date_time_get_year (wharf_aws_credentials_get_expiration (c1)), ==, 2030);
  g_assert_cmpstr (wharf_aws_credentials_get_session_token (c3), ==, "oldtoken");

  /* ...unless a profile is chosen explicitly (--profile). */
  wharf_aws_config_set_profile (env, "dev");
  c2 = resolve_ok (env);
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (c2), ==, "AKIDDEV0000000000002");
  g_assert_cmpstr (wharf_aws_credentials_get_source (c2), ==, "shared-credentials-file");

  resolve_fails (partial, WHARF_AWS_ERROR_NO_CREDENTIALS, "AWS_SECRET_ACCESS_KEY");

  /* Web identity from the environment needs both variables; it comes
   * before the credentials file, and Wharf says it cannot do it. */
  {
    g_autoptr(WharfAwsConfig) web = new_config (fx, "AWS_WEB_IDENTITY_TOKEN_FILE=/tmp/token",
                                                "AWS_ROLE_ARN=arn:aws:iam::1:role/W", NULL);
    g_autoptr(WharfAwsConfig) half = new_config (fx, "AWS_WEB_IDENTITY_TOKEN_FILE=/tmp/token", NULL);
    g_autoptr(WharfAwsCredentials) c4 = NULL;

    resolve_fails (web, WHARF_AWS_ERROR_UNSUPPORTED, "Web identity");
    c4 = resolve_ok (half);
    g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (c4), ==, "AKIDDEFAULT000000001");
  }
}

static void
test_chain_files (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(WharfAwsConfig) dflt = new_config (fx, NULL);
  g_autoptr(WharfAwsConfig) ci = new_config (fx, "AWS_PROFILE=ci", NULL);
  g_autoptr(WharfAwsConfig) missing = new_config (fx, "AWS_PROFILE=nope", NULL);
  g_autoptr(WharfAwsConfig) nothing = new_config (fx, "AWS_PROFILE=fake", NULL);
  g_autoptr(WharfAwsCredentials) c1 = resolve_ok (dflt);
  g_autoptr(WharfAwsCredentials) c2 = resolve_ok (ci);
  g_autoptr(WharfAwsCredentials) c3 = NULL;
  g_autoptr(WharfAwsConfig) both = NULL;
  g_autoptr(WharfAwsConfig) config_only = NULL;
  g_autoptr(WharfAwsConfig) partial = NULL;
  g_autoptr(WharfAwsConfig) empty = NULL;

  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (c1), ==, "AKIDDEFAULT000000001");
  g_assert_null (wharf_aws_credentials_get_session_token (c1));
  g_assert_null (wharf_aws_credentials_get_expiration (c1));
  g_assert_cmpstr (wharf_aws_credentials_get_session_token (c2), ==, "FwoGZXIvYXdzEXAMPLETOKEN");
  resolve_fails (missing, WHARF_AWS_ERROR_PROFILE_NOT_FOUND, "nope");
  resolve_fails (nothing, WHARF_AWS_ERROR_NO_CREDENTIALS, "fake");

  /* Keys in both files: the credentials file's; then the config file's. */
  rewrite (fx, "[profile p]\naws_access_key_id = FROMCONFIG\naws_secret_access_key = c\n"
               "[profile q]\naws_access_key_id = ONLYCONFIG\naws_secret_access_key = c\n"
               "[profile r]\naws_access_key_id = HALF\n",
               "[p]\naws_access_key_id = FROMCREDS\naws_secret_access_key = k\n");
  both = new_config (fx, "AWS_PROFILE=p", NULL);
  c3 = resolve_ok (both);
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (c3), ==, "FROMCREDS");
  g_clear_pointer (&c3, wharf_aws_credentials_unref);
  config_only = new_config (fx, "AWS_PROFILE=q", NULL);
  c3 = resolve_ok (config_only);
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (c3), ==, "ONLYCONFIG");
  g_assert_cmpstr (wharf_aws_credentials_get_source (c3), ==, "config-file");
  partial = new_config (fx, "AWS_PROFILE=r", NULL);
  resolve_fails (partial, WHARF_AWS_ERROR_INVALID_PROFILE, "aws_secret_access_key");

  /* No files and no environment: the CLI's "Unable to locate credentials". */
  rewrite (fx, "", "");
  empty = new_config (fx, NULL);
  resolve_fails (empty, WHARF_AWS_ERROR_NO_CREDENTIALS, "aws configure");
}

/* ---- credential_process ------------------------------------------------------ */

static WharfAwsConfig *
process_config (Fixture    *fx,
                const char *command,
                const char *credentials)
{
  g_autofree char *text = g_strdup_printf ("[default]\ncredential_process = %s\n", command);

  rewrite (fx, text, credentials != NULL ? credentials : "");
  return new_config (fx, NULL);
}

static void
test_process (Fixture       *fx,
              gconstpointer  data)
{
  g_autofree char *counter = g_build_filename (fx->home, "runs", NULL);
  g_autofree char *ok_cmd = g_strdup_printf (
    "sh -c 'echo run >> \"%s\"; printf \"%%s\" \"{\\\"Version\\\": 1, \\\"AccessKeyId\\\": \\\"AKIDPROC\\\", "
    "\\\"SecretAccessKey\\\": \\\"procsecret\\\", \\\"SessionToken\\\": \\\"proctoken\\\", "
    "\\\"Expiration\\\": \\\"2099-11-27T12:00:00Z\\\"}\"'", counter);
  g_autoptr(WharfAwsConfig) ok = process_config (fx, ok_cmd, NULL);
  g_autoptr(WharfAwsCredentials) c1 = resolve_ok (ok);
  g_autoptr(WharfAwsCredentials) c2 = resolve_ok (ok);
  g_autofree char *runs = NULL;

  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (c1), ==, "AKIDPROC");
  g_assert_cmpstr (wharf_aws_credentials_get_secret_access_key (c1), ==, "procsecret");
  g_assert_cmpstr (wharf_aws_credentials_get_session_token (c1), ==, "proctoken");
  g_assert_cmpstr (wharf_aws_credentials_get_source (c1), ==, "credential_process");
  g_assert_cmpint (g_date_time_get_year (wharf_aws_credentials_get_expiration (c1)), ==, 2099);
  /* Cached until it nears expiration: the process ran once. */
  g_assert_true (g_file_get_contents (counter, &runs, NULL, NULL));
  g_assert_cmpstr (runs, ==, "run\n");
  g_assert_true (c1 == c2);

  /* Credentials-file keys come before credential_process. */
  {
    g_autoptr(WharfAwsConfig) keys = process_config (fx, ok_cmd, "[default]\naws_access_key_id = K\n"
                                                     "aws_secret_access_key = S\n");
    g_autoptr(WharfAwsCredentials) c3 = resolve_ok (keys);
    g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (c3), ==, "K");
  }
}

static void
test_process_errors (Fixture       *fx,
                     gconstpointer  data)
{
  struct { const char *command; const char *message; } cases[] = {
    { "sh -c 'echo token service unreachable >&2; exit 3'", "token service unreachable" },
    { "sh -c 'kill -9 $$'", "signal 9" },
    { "printf 'not json at all'", "not a JSON object" },
    { "printf '[1,2]'", "not a JSON object" },
    /* two documents: refused before json-glib (which would leak one) */
    { "printf '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}"
      "{\"Version\": 1, \"AccessKeyId\": \"B\", \"SecretAccessKey\": \"S\"}'", "more than one value" },
    { "printf '\"x\"{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}'",
      "more than one value" },
    { "printf '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}'", "Version" },
    { "printf '{\"Version\": \"1\", \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}'", "Version" },
    { "printf '{\"Version\": 1, \"AccessKeyId\": \"A\"}'", "SecretAccessKey" },
    { "printf '{\"Version\": 1, \"AccessKeyId\": 5, \"SecretAccessKey\": \"S\"}'", "AccessKeyId" },
    { "printf '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\", "
      "\"Expiration\": \"tomorrow\"}'", "Expiration" },
    { "printf '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"'", "JSON" },
    { "/nonexistent/wharf-credential-helper --profile x", "nonexistent" },
    { "helper 'unterminated", "default" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WharfAwsConfig) config = process_config (fx, cases[i].command, NULL);
      resolve_fails (config, WHARF_AWS_ERROR_CREDENTIAL_PROCESS, cases[i].message);
    }
}

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The async variant runs the chain (here a process) off the main thread. */
static void
test_async (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(WharfAwsConfig) ok = process_config (fx, "printf '{\"Version\": 1, \"AccessKeyId\": "
                                                 "\"AKIDASYNC\", \"SecretAccessKey\": \"s\"}'", NULL);
  g_autoptr(WharfAwsConfig) bad = process_config (fx, "false", NULL);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(WharfAwsCredentials) creds = NULL;
  g_autoptr(GError) error = NULL;

  wharf_aws_config_resolve_credentials_async (ok, NULL, on_resolved, &r1);
  wharf_aws_config_resolve_credentials_async (bad, NULL, on_resolved, &r2);
  while (r1 == NULL || r2 == NULL)
    g_main_context_iteration (NULL, TRUE);
  creds = wharf_aws_config_resolve_credentials_finish (ok, r1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (creds), ==, "AKIDASYNC");
  g_assert_null (wharf_aws_config_resolve_credentials_finish (bad, r2, &error));
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_CREDENTIAL_PROCESS);
}

/* ---- assume role ------------------------------------------------------------ */

typedef struct {
  guint  calls;
  char  *source_akid;
  char  *role_arn;
  char  *session_name;
  char  *external_id;
  char  *region;
  char  *endpoint;
  int    duration;
  int    expires_in;   /* seconds */
} FakeSts;

static void
fake_sts_clear (FakeSts *sts)
{
  g_free (sts->source_akid);
  g_free (sts->role_arn);
  g_free (sts->session_name);
  g_free (sts->external_id);
  g_free (sts->region);
  g_free (sts->endpoint);
}

static WharfAwsCredentials *
fake_assume_role (const WharfAwsAssumeRoleParams *params,
                  gpointer                        user_data,
                  GCancellable                   *cancellable,
                  GError                        **error)
{
  FakeSts *sts = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add_seconds (now, sts->expires_in);
  g_autofree char *akid = NULL;

  fake_sts_clear (sts);
  sts->calls++;
  sts->source_akid = g_strdup (wharf_aws_credentials_get_access_key_id (params->source));
  sts->role_arn = g_strdup (params->role_arn);
  sts->session_name = g_strdup (params->role_session_name);
  sts->external_id = g_strdup (params->external_id);
  sts->region = g_strdup (params->region);
  sts->endpoint = g_strdup (params->endpoint);
  sts->duration = params->duration_seconds;
  if (g_str_has_suffix (params->role_arn, "/Denied"))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_ASSUME_ROLE, "AccessDenied");
      return NULL;
    }
  akid = g_strdup_printf ("ASIAROLE%u", sts->calls);
  return wharf_aws_credentials_new (akid, "rolesecret", "roletoken", expires, "assume-role");
}

static void
test_assume_role (Fixture       *fx,
                  gconstpointer  data)
{
  FakeSts sts = { .expires_in = 3600 };
  g_autoptr(WharfAwsConfig) config = new_config (fx, "AWS_PROFILE=role",
                                                 "AWS_ENDPOINT_URL_STS=http://127.0.0.1:7000", NULL);
  g_autoptr(WharfAwsCredentials) c1 = NULL;
  g_autoptr(WharfAwsCredentials) c2 = NULL;
  g_autoptr(WharfAwsCredentials) c3 = NULL;

  /* Without an STS client the chain says so. */
  resolve_fails (config, WHARF_AWS_ERROR_UNSUPPORTED, "STS");

  wharf_aws_config_set_assume_role_func (config, fake_assume_role, &sts, NULL);
  c1 = resolve_ok (config);
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (c1), ==, "ASIAROLE1");
  g_assert_cmpstr (wharf_aws_credentials_get_session_token (c1), ==, "roletoken");
  /* source_profile dev's keys sign the call, in the role profile's region. */
  g_assert_cmpstr (sts.source_akid, ==, "AKIDDEV0000000000002");
  g_assert_cmpstr (sts.role_arn, ==, "arn:aws:iam::123456789012:role/Deploy");
  g_assert_cmpstr (sts.external_id, ==, "wharf-ext");
  g_assert_cmpstr (sts.region, ==, "eu-central-1");
  g_assert_cmpstr (sts.endpoint, ==, "http://127.0.0.1:7000");
  g_assert_true (g_str_has_prefix (sts.session_name, "botocore-session-"));
  g_assert_cmpint (sts.duration, ==, 0);

  /* Cached until 15 minutes before expiry. */
  c2 = resolve_ok (config);
  g_assert_cmpuint (sts.calls, ==, 1);
  g_assert_true (c1 == c2);
  wharf_aws_config_clear_cache (config);
  sts.expires_in = 600;
  g_clear_pointer (&c2, wharf_aws_credentials_unref);
  c2 = resolve_ok (config);
  g_assert_cmpuint (sts.calls, ==, 2);
  c3 = resolve_ok (config);
  g_assert_cmpuint (sts.calls, ==, 3);
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (c3), ==, "ASIAROLE3");
  fake_sts_clear (&sts);
}

static void
test_assume_role_variants (Fixture       *fx,
                           gconstpointer  data)
{
  FakeSts sts = { .expires_in = 3600 };
  g_autoptr(WharfAwsConfig) config = NULL;
  struct { const char *profile; int code; const char *message; } failures[] = {
    { "both", WHARF_AWS_ERROR_INVALID_PROFILE, "exactly one" },
    { "neither", WHARF_AWS_ERROR_INVALID_PROFILE, "exactly one" },
    { "loop-a", WHARF_AWS_ERROR_INVALID_PROFILE, "loop" },
    { "lost", WHARF_AWS_ERROR_PROFILE_NOT_FOUND, "ghost" },
    { "imds", WHARF_AWS_ERROR_UNSUPPORTED, "Ec2InstanceMetadata" },
    { "mfa", WHARF_AWS_ERROR_UNSUPPORTED, "MFA" },
    { "denied", WHARF_AWS_ERROR_ASSUME_ROLE, "AccessDenied" },
    { "envsrc", WHARF_AWS_ERROR_NO_CREDENTIALS, "environment" },
    { "selfnokeys", WHARF_AWS_ERROR_INVALID_PROFILE, "own source_profile" },
    { "baddur", WHARF_AWS_ERROR_INVALID_PROFILE, "duration_seconds" },
    { "web", WHARF_AWS_ERROR_UNSUPPORTED, "Web identity" },
  };

  rewrite (fx,
           "[profile chain]\nrole_arn = arn:aws:iam::1:role/Outer\nsource_profile = middle\n"
           "role_session_name = wharf\nduration_seconds = 1800\nregion = us-west-1\n"
           "[profile middle]\nrole_arn = arn:aws:iam::1:role/Inner\nsource_profile = base\n"
           "[profile base]\nregion = eu-west-3\n"
           "[profile self]\nrole_arn = arn:aws:iam::1:role/Self\nsource_profile = self\n"
           "[profile keyed]\nrole_arn = arn:aws:iam::1:role/Unused\nsource_profile = base\n"
           "[profile viakeyed]\nrole_arn = arn:aws:iam::1:role/ViaKeyed\nsource_profile = keyed\n"
           "[profile envsrc]\nrole_arn = arn:aws:iam::1:role/Env\ncredential_source = Environment\n"
           "[profile both]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = base\n"
           "credential_source = Environment\n"
           "[profile neither]\nrole_arn = arn:aws:iam::1:role/X\n"
           "[profile loop-a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = loop-b\n"
           "[profile loop-b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = loop-a\n"
           "[profile lost]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = ghost\n"
           "[profile imds]\nrole_arn = arn:aws:iam::1:role/X\ncredential_source = Ec2InstanceMetadata\n"
           "[profile mfa]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = base\nmfa_serial = arn:mfa\n"
           "[profile denied]\nrole_arn = arn:aws:iam::1:role/Denied\nsource_profile = base\n"
           "[profile selfnokeys]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = selfnokeys\n"
           "[profile baddur]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = base\nduration_seconds = 60\n"
           "[profile web]\nrole_arn = arn:aws:iam::1:role/X\nweb_identity_token_file = /tmp/t\n",
           "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = b\n"
           "[self]\naws_access_key_id = AKIDSELF\naws_secret_access_key = s\n"
           "[keyed]\naws_access_key_id = AKIDKEYED\naws_secret_access_key = k\n");
  config = new_config (fx, NULL);
  wharf_aws_config_set_assume_role_func (config, fake_assume_role, &sts, NULL);

  /* Chaining: base keys → Inner role → Outer role. */
  {
    g_autoptr(WharfAwsCredentials) c = wharf_aws_config_resolve_credentials_for_profile (config, "chain",
                                                                                         NULL, NULL);
    g_assert_nonnull (c);
    g_assert_cmpuint (sts.calls, ==, 2);
    g_assert_cmpstr (sts.role_arn, ==, "arn:aws:iam::1:role/Outer");
    g_assert_cmpstr (sts.source_akid, ==, "ASIAROLE1");
    g_assert_cmpstr (sts.session_name, ==, "wharf");
    g_assert_cmpint (sts.duration, ==, 1800);
    g_assert_cmpstr (sts.region, ==, "us-west-1");
    g_assert_cmpstr (sts.endpoint, ==, "https://sts.us-west-1.amazonaws.com");
  }
  /* A profile that is its own source uses its static keys. */
  {
    g_autoptr(WharfAwsCredentials) c = wharf_aws_config_resolve_credentials_for_profile (config, "self",
                                                                                         NULL, NULL);
    g_assert_nonnull (c);
    g_assert_cmpstr (sts.source_akid, ==, "AKIDSELF");
  }
  /* A source profile with static keys uses them, not its own role. */
  {
    g_autoptr(WharfAwsCredentials) c = wharf_aws_config_resolve_credentials_for_profile (config, "viakeyed",
                                                                                         NULL, NULL);
    g_assert_nonnull (c);
    g_assert_cmpstr (sts.source_akid, ==, "AKIDKEYED");
    g_assert_cmpstr (sts.role_arn, ==, "arn:aws:iam::1:role/ViaKeyed");
  }
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WharfAwsCredentials) c =
        wharf_aws_config_resolve_credentials_for_profile (config, failures[i].profile, NULL, &error);
      g_assert_null (c);
      g_assert_error (error, WHARF_AWS_ERROR, failures[i].code);
      if (strstr (error->message, failures[i].message) == NULL)
        g_error ("%s: “%s” not in “%s”", failures[i].profile, failures[i].message, error->message);
    }
  /* credential_source = Environment signs with the environment keys. */
  {
    g_autoptr(WharfAwsConfig) env = new_config (fx, "AWS_ACCESS_KEY_ID=AKIDFROMENV",
                                                "AWS_SECRET_ACCESS_KEY=e", NULL);
    g_autoptr(WharfAwsCredentials) c = NULL;
    wharf_aws_config_set_assume_role_func (env, fake_assume_role, &sts, NULL);
    c = wharf_aws_config_resolve_credentials_for_profile (env, "envsrc", NULL, NULL);
    g_assert_nonnull (c);
    g_assert_cmpstr (sts.source_akid, ==, "AKIDFROMENV");
  }
  fake_sts_clear (&sts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/aws-config/profile-selection", test_profile_selection);
  ADD ("/aws-config/region", test_region);
  ADD ("/aws-config/paths", test_paths);
  g_test_add_func ("/aws-config/parse-errors", test_parse_errors);
  ADD ("/aws-config/chain/environment", test_chain_environment);
  ADD ("/aws-config/chain/files", test_chain_files);
  ADD ("/aws-config/chain/process", test_process);
  ADD ("/aws-config/chain/process-errors", test_process_errors);
  ADD ("/aws-config/chain/async", test_async);
  ADD ("/aws-config/chain/assume-role", test_assume_role);
  ADD ("/aws-config/chain/assume-role-variants", test_assume_role_variants);
#undef ADD

  return g_test_run ();
}
