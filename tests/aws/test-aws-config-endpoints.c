/* test-aws-config-endpoints.c: endpoint overrides and defaults, SSO
 * profiles, and the same resolution checked against botocore (the AWS
 * CLI's library) on the same files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-aws-config.h"
#include "wharf-test-util.h"

static char *home;

static WharfAwsConfig *
config_with (const char *config_text,
             const char *first_env,
             ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *home_var = g_strconcat ("HOME=", home, NULL);
  g_auto(GStrv) envp = NULL;
  g_autoptr(GError) error = NULL;
  WharfAwsConfig *config;
  va_list args;

  g_strv_builder_add (builder, home_var);
  va_start (args, first_env);
  for (const char *v = first_env; v != NULL; v = va_arg (args, const char *))
    g_strv_builder_add (builder, v);
  va_end (args);
  envp = g_strv_builder_end (builder);
  config = wharf_aws_config_new ((const char * const *) envp);
  wharf_aws_config_load_from_data (config, config_text, NULL, &error);
  g_assert_no_error (error);
  return config;
}

static void
assert_endpoint (WharfAwsConfig *config,
                 const char     *service,
                 const char     *region,
                 const char     *expected,
                 gboolean        expected_overridden)
{
  g_autoptr(GError) error = NULL;
  gboolean overridden = !expected_overridden;
  g_autofree char *url = wharf_aws_config_resolve_endpoint (config, service, region, &overridden, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, expected);
  g_assert_cmpint (overridden, ==, expected_overridden);
}

static void
test_services (void)
{
  struct { const char *name; const char *id; const char *env; const char *key; const char *signing; } cases[] = {
    { "cloudformation", "CloudFormation", "CLOUDFORMATION", "cloudformation", "cloudformation" },
    { "logs", "CloudWatch Logs", "CLOUDWATCH_LOGS", "cloudwatch_logs", "logs" },
    { "secretsmanager", "Secrets Manager", "SECRETS_MANAGER", "secrets_manager", "secretsmanager" },
    { "elbv2", "Elastic Load Balancing v2", "ELASTIC_LOAD_BALANCING_V2", "elastic_load_balancing_v2",
      "elasticloadbalancing" },
    { "elasticfilesystem", "EFS", "EFS", "efs", "elasticfilesystem" },
    { "sso-oidc", "SSO OIDC", "SSO_OIDC", "sso_oidc", "sso-oauth" },
    { "ECS", "ECS", "ECS", "ecs", "ecs" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const WharfAwsServiceInfo *info = wharf_aws_service_lookup (cases[i].name);
      g_autofree char *env = NULL;
      g_autofree char *key = NULL;

      g_assert_nonnull (info);
      env = wharf_aws_service_env_name (info->service_id);
      key = wharf_aws_service_config_key (info->service_id);
      g_assert_cmpstr (info->service_id, ==, cases[i].id);
      g_assert_cmpstr (env, ==, cases[i].env);
      g_assert_cmpstr (key, ==, cases[i].key);
      g_assert_cmpstr (info->signing_name, ==, cases[i].signing);
    }
  g_assert_null (wharf_aws_service_lookup ("dynamodb"));
}

static void
test_default_endpoints (void)
{
  g_autoptr(WharfAwsConfig) config = config_with ("", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *none = NULL;

  assert_endpoint (config, "CloudFormation", "eu-west-1", "https://cloudformation.eu-west-1.amazonaws.com", FALSE);
  assert_endpoint (config, "CloudWatch Logs", "us-east-2", "https://logs.us-east-2.amazonaws.com", FALSE);
  assert_endpoint (config, "EFS", "eu-west-1", "https://elasticfilesystem.eu-west-1.amazonaws.com", FALSE);
  assert_endpoint (config, "elbv2", "eu-west-1", "https://elasticloadbalancing.eu-west-1.amazonaws.com", FALSE);
  assert_endpoint (config, "STS", "us-east-1", "https://sts.us-east-1.amazonaws.com", FALSE);
  assert_endpoint (config, "SSO", "eu-central-1", "https://portal.sso.eu-central-1.amazonaws.com", FALSE);
  assert_endpoint (config, "S3", "ap-south-1", "https://s3.ap-south-1.amazonaws.com", FALSE);
  assert_endpoint (config, "ECS", "cn-north-1", "https://ecs.cn-north-1.amazonaws.com.cn", FALSE);
  assert_endpoint (config, "IAM", "eu-west-1", "https://iam.amazonaws.com", FALSE);

  none = wharf_aws_config_resolve_endpoint (config, "Foo Bar", "eu-west-1", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_ARGUMENT);
}

static const char services_config[] =
  "[default]\n"
  "region = eu-west-1\n"
  "[profile fake]\n"
  "services = sandbox\n"
  "endpoint_url = http://127.0.0.1:9000\n"
  "[profile ignoring]\n"
  "endpoint_url = http://127.0.0.1:9000\n"
  "ignore_configured_endpoint_urls = true\n"
  "[services sandbox]\n"
  "cloudformation =\n"
  "  endpoint_url = http://127.0.0.1:5055\n"
  "secrets_manager =\n"
  "  endpoint_url = http://127.0.0.1:5066\n";

static void
test_overrides (void)
{
  g_autoptr(WharfAwsConfig) env = config_with ("", "AWS_ENDPOINT_URL=http://127.0.0.1:9999",
                                               "AWS_ENDPOINT_URL_CLOUDFORMATION=http://127.0.0.1:7777",
                                               "AWS_ENDPOINT_URL_SECRETS_MANAGER=http://[::1]:7070",
                                               "AWS_ENDPOINT_URL_FOO_BAR=http://127.0.0.1:1", NULL);
  g_autoptr(WharfAwsConfig) profile = config_with (services_config, "AWS_PROFILE=fake", NULL);
  g_autoptr(WharfAwsConfig) env_over_profile = config_with (services_config, "AWS_PROFILE=fake",
                                                            "AWS_ENDPOINT_URL_ECS=http://127.0.0.1:6000", NULL);
  g_autoptr(WharfAwsConfig) ignored_env = config_with (services_config, "AWS_PROFILE=fake",
                                                       "AWS_ENDPOINT_URL=http://127.0.0.1:9999",
                                                       "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true", NULL);
  g_autoptr(WharfAwsConfig) ignored_profile = config_with (services_config, "AWS_PROFILE=ignoring",
                                                           "AWS_ENDPOINT_URL=http://127.0.0.1:9999", NULL);
  g_autoptr(WharfAwsConfig) env_says_false = config_with (services_config, "AWS_PROFILE=ignoring",
                                                          "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false", NULL);

  assert_endpoint (env, "CloudFormation", "eu-west-1", "http://127.0.0.1:7777", TRUE);
  assert_endpoint (env, "Secrets Manager", "eu-west-1", "http://[::1]:7070", TRUE);
  assert_endpoint (env, "ECS", "eu-west-1", "http://127.0.0.1:9999", TRUE);
  assert_endpoint (env, "CloudWatch Logs", "eu-west-1", "http://127.0.0.1:9999", TRUE);
  assert_endpoint (env, "Foo Bar", "eu-west-1", "http://127.0.0.1:1", TRUE);

  assert_endpoint (profile, "CloudFormation", "eu-west-1", "http://127.0.0.1:5055", TRUE);
  assert_endpoint (profile, "secretsmanager", "eu-west-1", "http://127.0.0.1:5066", TRUE);
  assert_endpoint (profile, "ECS", "eu-west-1", "http://127.0.0.1:9000", TRUE);
  assert_endpoint (env_over_profile, "ECS", "eu-west-1", "http://127.0.0.1:6000", TRUE);
  assert_endpoint (env_over_profile, "CloudFormation", "eu-west-1", "http://127.0.0.1:5055", TRUE);

  assert_endpoint (ignored_env, "CloudFormation", "eu-west-1",
                   "https://cloudformation.eu-west-1.amazonaws.com", FALSE);
  assert_endpoint (ignored_profile, "ECS", "eu-west-1", "https://ecs.eu-west-1.amazonaws.com", FALSE);
  assert_endpoint (env_says_false, "ECS", "eu-west-1", "http://127.0.0.1:9000", TRUE);
}

/* ---- SSO ------------------------------------------------------------------- */

typedef struct {
  guint  calls;
  char  *token;
  char  *account;
  char  *role;
  char  *region;
  char  *endpoint;
} FakeSso;

static void
fake_sso_clear (FakeSso *sso)
{
  g_clear_pointer (&sso->token, g_free);
  g_clear_pointer (&sso->account, g_free);
  g_clear_pointer (&sso->role, g_free);
  g_clear_pointer (&sso->region, g_free);
  g_clear_pointer (&sso->endpoint, g_free);
}

static WharfAwsCredentials *
fake_sso (const WharfAwsSsoParams *params,
          gpointer                 user_data,
          GCancellable            *cancellable,
          GError                 **error)
{
  FakeSso *sso = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add_hours (now, 1);

  fake_sso_clear (sso);
  sso->calls++;
  sso->token = g_strdup (params->access_token);
  sso->account = g_strdup (params->account_id);
  sso->role = g_strdup (params->role_name);
  sso->region = g_strdup (params->region);
  sso->endpoint = g_strdup (params->endpoint);
  return wharf_aws_credentials_new ("ASIASSO", "ssosecret", "ssotoken", expires, "sso");
}

static void
write_token (const char *cache_name,
             const char *token,
             GTimeSpan   expires_in,
             gboolean    old_format)
{
  g_autofree char *sha1 = g_compute_checksum_for_string (G_CHECKSUM_SHA1, cache_name, -1);
  g_autofree char *name = g_strdup_printf (".aws/sso/cache/%s.json", sha1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add (now, expires_in);
  g_autofree char *when = g_date_time_format (expires, old_format ? "%Y-%m-%dT%H:%M:%SUTC"
                                                                  : "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *json = g_strdup_printf ("{\"startUrl\": \"https://corp.awsapps.com/start\", "
                                           "\"region\": \"us-east-1\", \"accessToken\": \"%s\", "
                                           "\"expiresAt\": \"%s\"}", token, when);
  g_autofree char *path = wharf_test_write_file (home, name, json);
}

static const char sso_config[] =
  "[profile sso]\n"
  "sso_session = corp\n"
  "sso_account_id = 111122223333\n"
  "sso_role_name = Admin\n"
  "[sso-session corp]\n"
  "sso_start_url = https://corp.awsapps.com/start\n"
  "sso_region = us-east-1\n"
  "[profile legacy]\n"
  "sso_start_url = https://legacy.awsapps.com/start\n"
  "sso_region = eu-west-1\n"
  "sso_account_id = 444455556666\n"
  "sso_role_name = ReadOnly\n"
  "[profile broken]\n"
  "sso_session = corp\n"
  "sso_role_name = Admin\n";

static void
resolve_fails (WharfAwsConfig *config,
               const char     *profile,
               int             code,
               const char     *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsCredentials) creds =
    wharf_aws_config_resolve_credentials_for_profile (config, profile, NULL, &error);

  g_assert_null (creds);
  g_assert_error (error, WHARF_AWS_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” not in “%s”", message_part, error->message);
}

static void
test_sso (void)
{
  FakeSso sso = { 0 };
  g_autoptr(WharfAwsConfig) config = config_with (sso_config, "AWS_ENDPOINT_URL_STS=http://x:1", NULL);
  g_autoptr(WharfAwsCredentials) c1 = NULL;
  g_autoptr(WharfAwsCredentials) c2 = NULL;
  g_autoptr(WharfAwsCredentials) c3 = NULL;

  /* No cached token yet. */
  resolve_fails (config, "sso", WHARF_AWS_ERROR_SSO_TOKEN, "aws sso login --profile sso");

  write_token ("corp", "access-token-1", G_TIME_SPAN_HOUR, FALSE);
  resolve_fails (config, "sso", WHARF_AWS_ERROR_UNSUPPORTED, "SSO");
  wharf_aws_config_set_sso_func (config, fake_sso, &sso, NULL);
  c1 = wharf_aws_config_resolve_credentials_for_profile (config, "sso", NULL, NULL);
  g_assert_nonnull (c1);
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (c1), ==, "ASIASSO");
  g_assert_cmpstr (sso.token, ==, "access-token-1");
  g_assert_cmpstr (sso.account, ==, "111122223333");
  g_assert_cmpstr (sso.role, ==, "Admin");
  g_assert_cmpstr (sso.region, ==, "us-east-1");
  g_assert_cmpstr (sso.endpoint, ==, "https://portal.sso.us-east-1.amazonaws.com");
  c2 = wharf_aws_config_resolve_credentials_for_profile (config, "sso", NULL, NULL);
  g_assert_true (c1 == c2);
  g_assert_cmpuint (sso.calls, ==, 1);

  /* An expired token is refused with the CLI's advice. */
  wharf_aws_config_clear_cache (config);
  write_token ("corp", "access-token-2", -G_TIME_SPAN_MINUTE, FALSE);
  resolve_fails (config, "sso", WHARF_AWS_ERROR_SSO_TOKEN, "expired");
  g_assert_cmpuint (sso.calls, ==, 1);

  /* Legacy profiles: token cached under sha1(start URL), old date format. */
  write_token ("https://legacy.awsapps.com/start", "legacy-token", G_TIME_SPAN_HOUR, TRUE);
  c3 = wharf_aws_config_resolve_credentials_for_profile (config, "legacy", NULL, NULL);
  g_assert_nonnull (c3);
  g_assert_cmpstr (sso.token, ==, "legacy-token");
  g_assert_cmpstr (sso.account, ==, "444455556666");
  g_assert_cmpstr (sso.endpoint, ==, "https://portal.sso.eu-west-1.amazonaws.com");

  resolve_fails (config, "broken", WHARF_AWS_ERROR_INVALID_PROFILE, "sso_account_id");

  /* A damaged cache file. */
  {
    g_autofree char *sha1 = g_compute_checksum_for_string (G_CHECKSUM_SHA1, "corp", -1);
    g_autofree char *name = g_strdup_printf (".aws/sso/cache/%s.json", sha1);
    g_autofree char *path = wharf_test_write_file (home, name, "{\"accessToken\": ");
    resolve_fails (config, "sso", WHARF_AWS_ERROR_SSO_TOKEN, "not valid JSON");
    g_free (path);
    path = wharf_test_write_file (home, name, "{\"accessToken\": \"t\"}");
    resolve_fails (config, "sso", WHARF_AWS_ERROR_SSO_TOKEN, "expiresAt");
  }
  fake_sso_clear (&sso);
}

/* ---- botocore agrees ----------------------------------------------------------- */

static const char botocore_script[] =
  "import sys, botocore.session\n"
  "s = botocore.session.Session()\n"
  "region = s.get_config_variable('region')\n"
  "print(s.get_config_variable('profile') or 'default')\n"
  "print(region)\n"
  "c = s.get_credentials()\n"
  "print(c.access_key if c else '')\n"
  "for svc in sys.argv[1:]:\n"
  "    print(s.create_client(svc, region_name=region).meta.endpoint_url)\n";

static void
test_botocore_agrees (void)
{
  g_autofree char *python = wharf_test_find_program ("python3");
  g_autofree char *real_python = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *credentials_path = NULL;
  const char *clients[] = { "cloudformation", "ecs", "logs", "secretsmanager", "efs", "elbv2", "ec2",
                            "sts", "ssm", "autoscaling" };
  const char *ids[] = { "CloudFormation", "ECS", "CloudWatch Logs", "Secrets Manager", "EFS",
                        "Elastic Load Balancing v2", "EC2", "STS", "SSM", "Auto Scaling" };
  const char *scenarios[][4] = {
    { "AWS_PROFILE=fake", NULL },
    /* botocore (CLI v1) ignores AWS_REGION, which CLI v2 and Wharf read:
     * only AWS_DEFAULT_REGION is compared. */
    { "AWS_PROFILE=dev", "AWS_DEFAULT_REGION=ap-northeast-1", "AWS_ENDPOINT_URL=http://127.0.0.1:4566", NULL },
    { "AWS_PROFILE=dev", NULL },
    { "AWS_DEFAULT_REGION=eu-north-1", "AWS_ENDPOINT_URL_ECS=http://127.0.0.1:6000", NULL },
    { "AWS_PROFILE=fake", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true", NULL },
  };
  const char *config_text =
    "[default]\nregion = eu-west-1\n"
    "[profile dev]\nregion = us-east-2\n"
    "[profile fake]\nregion = us-west-2\nservices = sandbox\nendpoint_url = http://127.0.0.1:9000\n"
    "[services sandbox]\ncloudformation =\n  endpoint_url = http://127.0.0.1:5055\n"
    "secrets_manager =\n  endpoint_url = http://127.0.0.1:5066\n"
    "elastic_load_balancing_v2 =\n  endpoint_url = http://127.0.0.1:5077\n";
  const char *credentials_text =
    "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n"
    "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = v\nregion = ca-central-1\n"
    "[fake]\naws_access_key_id = AKIDFAKE\naws_secret_access_key = f\n";

  if (python == NULL)
    return;
  {
    const char *probe[] = { python, "-c", "import sys, botocore; print(sys.executable)", NULL };
    if (wharf_test_run (probe, NULL, NULL, &real_python, NULL) != 0)
      {
        g_test_skip ("botocore is not installed for python3");
        return;
      }
    g_strstrip (real_python);
  }
  config_path = wharf_test_write_file (home, "peer/config", config_text);
  credentials_path = wharf_test_write_file (home, "peer/credentials", credentials_text);

  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      g_autoptr(GStrvBuilder) env = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
      g_autofree char *home_var = g_strconcat ("HOME=", home, NULL);
      g_autofree char *config_var = g_strconcat ("AWS_CONFIG_FILE=", config_path, NULL);
      g_autofree char *creds_var = g_strconcat ("AWS_SHARED_CREDENTIALS_FILE=", credentials_path, NULL);
      g_auto(GStrv) envp = NULL;
      g_auto(GStrv) args = NULL;
      g_auto(GStrv) lines = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *region = NULL;
      g_autoptr(WharfAwsConfig) config = NULL;
      g_autoptr(WharfAwsCredentials) creds = NULL;
      g_autoptr(GError) error = NULL;

      g_strv_builder_add_many (env, home_var, config_var, creds_var, "LC_ALL=C.UTF-8", NULL);
      for (guint i = 0; scenarios[s][i] != NULL; i++)
        g_strv_builder_add (env, scenarios[s][i]);
      envp = g_strv_builder_end (env);
      g_strv_builder_add_many (argv, real_python, "-c", botocore_script, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
        g_strv_builder_add (argv, clients[i]);
      args = g_strv_builder_end (argv);
      if (wharf_test_run ((const char * const *) args, NULL, (const char * const *) envp, &out, &err) != 0)
        g_error ("botocore failed: %s", err);
      lines = g_strsplit (out, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), >=, 3 + G_N_ELEMENTS (clients));

      config = wharf_aws_config_new ((const char * const *) envp);
      g_assert_true (wharf_aws_config_load (config, &error));
      region = wharf_aws_config_dup_region (config, &error);
      g_assert_no_error (error);
      creds = wharf_aws_config_resolve_credentials (config, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (wharf_aws_config_get_profile_name (config), ==, lines[0]);
      g_assert_cmpstr (region, ==, lines[1]);
      g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (creds), ==, lines[2]);
      for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
        {
          g_autofree char *url = wharf_aws_config_resolve_endpoint (config, ids[i], region, NULL, &error);
          g_assert_no_error (error);
          g_test_message ("scenario %u %s: wharf %s, botocore %s", s, ids[i], url, lines[3 + i]);
          g_assert_cmpstr (url, ==, lines[3 + i]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  home = wharf_test_mkdtemp ();

  g_test_add_func ("/aws-config/services", test_services);
  g_test_add_func ("/aws-config/endpoints/defaults", test_default_endpoints);
  g_test_add_func ("/aws-config/endpoints/overrides", test_overrides);
  g_test_add_func ("/aws-config/chain/sso", test_sso);
  g_test_add_func ("/aws-config/botocore-agrees", test_botocore_agrees);

  status = g_test_run ();
  wharf_test_rmtree (home);
  g_free (home);
  return status;
}
