/* test-context-aws-apply.c: wharf_context_store_apply_to_aws_config(), the
 * one path from a Docker context to an AWS account (wharf-cli --context and
 * the window's context selector).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "context-fixture.h"
#include "wharf-aws-config.h"
#include "wharf-context-aws.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

typedef struct {
  ContextFixture        base;
  char                 *config;
  char                 *credentials;
  WharfAwsProfileStore *profiles;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  context_fixture_set_up (&fixture->base, data);
  fixture->config = wharf_test_write_file (fixture->base.dir, "aws/config",
                                           "[default]\nregion = us-east-1\n\n"
                                           "[profile team]\nregion = eu-west-1\n");
  fixture->credentials = wharf_test_write_file (fixture->base.dir, "aws/credentials",
                                                "[default]\naws_access_key_id = AKIADEFAULT\n"
                                                "aws_secret_access_key = " SECRET "\n\n"
                                                "[team]\naws_access_key_id = AKIATEAM\n"
                                                "aws_secret_access_key = " SECRET "\n");
  fixture->profiles = wharf_aws_profile_store_new (fixture->config, fixture->credentials);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->profiles);
  g_clear_pointer (&fixture->config, g_free);
  g_clear_pointer (&fixture->credentials, g_free);
  context_fixture_tear_down (&fixture->base, data);
}

/* A loaded config on the fixture's AWS files, with NAME=VALUE pairs as its
 * whole environment (never the environment of the test). */
static WharfAwsConfig *
new_config (Fixture    *fixture,
            const char *first_env,
            ...)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_new0 (char *, 1);
  WharfAwsConfig *config;
  va_list args;

  envp = g_environ_setenv (envp, "HOME", fixture->base.dir, TRUE);
  envp = g_environ_setenv (envp, "AWS_CONFIG_FILE", fixture->config, TRUE);
  envp = g_environ_setenv (envp, "AWS_SHARED_CREDENTIALS_FILE", fixture->credentials, TRUE);
  va_start (args, first_env);
  for (const char *name = first_env; name != NULL; name = va_arg (args, const char *))
    envp = g_environ_setenv (envp, name, va_arg (args, const char *), TRUE);
  va_end (args);
  config = wharf_aws_config_new ((const char * const *) envp);
  g_assert_true (wharf_aws_config_load (config, &error));
  g_assert_no_error (error);
  return config;
}

/* Applies NAME with FLAGS, asserts success, and checks what a client made
 * from the result would use: PROFILE, REGION, KEY_ID. (Clients are not
 * made: each costs a second in the sanitizer build.) */
static void
assert_applies (Fixture              *fixture,
                WharfAwsConfig       *config,
                const char           *name,
                WharfContextAwsFlags  flags,
                const char           *profile,
                const char           *region,
                const char           *key_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *resolved_region = NULL;
  g_autoptr(WharfAwsCredentials) credentials = NULL;

  g_assert_true (wharf_context_store_reload (fixture->base.store, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_context_store_apply_to_aws_config (fixture->base.store, name, flags,
                                                          config, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_aws_config_get_profile_name (config), ==, profile);
  resolved_region = wharf_aws_config_dup_region (config, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved_region, ==, region);
  credentials = wharf_aws_config_resolve_credentials (config, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (credentials), ==, key_id);
}

static void
assert_refused (Fixture              *fixture,
                const char           *name,
                WharfContextAwsFlags  flags,
                int                   code)
{
  g_autoptr(WharfAwsConfig) config = new_config (fixture, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (wharf_context_store_reload (fixture->base.store, &error));
  g_assert_no_error (error);
  g_assert_false (wharf_context_store_apply_to_aws_config (fixture->base.store, name, flags,
                                                           config, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, code);
  /* Nothing of the refused context reached the config. */
  g_assert_cmpstr (wharf_aws_config_get_profile_name (config), ==, "default");
}

/* A profile context: its profile's keys, its own region when it stores
 * one, else the profile's region (not us-east-1 as with Docker). */
static void
test_profile (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(WharfContext) pinned =
    wharf_context_new_ecs ("pinned", WHARF_CONTEXT_CREDENTIALS_PROFILE, "team", "eu-north-1", NULL);
  g_autoptr(WharfAwsConfig) loose_config = new_config (fixture, NULL);
  g_autoptr(WharfAwsConfig) pinned_config = new_config (fixture, NULL);
  g_autoptr(WharfAwsConfig) keyed_env = new_config (fixture, "AWS_ACCESS_KEY_ID", "AKIAENV",
                                                    "AWS_SECRET_ACCESS_KEY", SECRET,
                                                    "AWS_REGION", "sa-east-1", NULL);
  g_autoptr(GError) error = NULL;

  context_create_ecs (&fixture->base, "loose", "team");
  g_assert_true (wharf_context_store_create (fixture->base.store, pinned, &error));
  g_assert_no_error (error);

  assert_applies (fixture, loose_config, "loose", WHARF_CONTEXT_AWS_NONE,
                  "team", "eu-west-1", "AKIATEAM");
  assert_applies (fixture, pinned_config, "pinned", WHARF_CONTEXT_AWS_ECS_ONLY,
                  "team", "eu-north-1", "AKIATEAM");
  /* The context's profile is an explicit choice: it wins over keys in the
   * environment; AWS_REGION still wins over the profile's region. */
  assert_applies (fixture, keyed_env, "loose", WHARF_CONTEXT_AWS_NONE,
                  "team", "sa-east-1", "AKIATEAM");
}

/* An environment context: the AWS_* variables decide, and some are needed. */
static void
test_environment (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(WharfAwsConfig) keys = new_config (fixture, "AWS_ACCESS_KEY_ID", "AKIAENV",
                                               "AWS_SECRET_ACCESS_KEY", SECRET,
                                               "AWS_REGION", "sa-east-1", NULL);
  g_autoptr(WharfAwsConfig) profile = new_config (fixture, "AWS_PROFILE", "team", NULL);
  g_autoptr(WharfAwsConfig) bare = new_config (fixture, NULL);
  g_autoptr(GError) error = NULL;

  context_create_ecs (&fixture->base, "env", NULL);

  assert_applies (fixture, keys, "env", WHARF_CONTEXT_AWS_ECS_ONLY,
                  "default", "sa-east-1", "AKIAENV");
  assert_applies (fixture, profile, "env", WHARF_CONTEXT_AWS_NONE,
                  "team", "eu-west-1", "AKIATEAM");

  g_assert_false (wharf_context_store_apply_to_aws_config (fixture->base.store, "env",
                                                           WHARF_CONTEXT_AWS_NONE, bare, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "AWS_PROFILE"));
  g_assert_nonnull (strstr (error->message, "“env”"));
}

/* A context made from access keys: the profile written for it. */
static void
test_access_keys (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(WharfContext) prod = NULL;
  g_autoptr(WharfAwsConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  prod = wharf_context_store_create_from_keys (fixture->base.store, fixture->profiles, "prod",
                                               "AKIAPROD", SECRET, "ap-southeast-2", NULL, &error);
  g_assert_no_error (error);
  /* Read after the profile was written, as a new command would. */
  config = new_config (fixture, NULL);
  assert_applies (fixture, config, "prod", WHARF_CONTEXT_AWS_ECS_ONLY,
                  "prod", "ap-southeast-2", "AKIAPROD");
}

/* Without a name: the AWS chain, or with FOLLOW_CURRENT the current
 * context when it is an ECS one. */
static void
test_current (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meta = NULL;

  context_create_ecs (&fixture->base, "loose", "team");
  meta = context_plant_meta (&fixture->base, "dock",
                             "{\"Name\":\"dock\",\"Metadata\":{},"
                             "\"Endpoints\":{\"docker\":{\"Host\":\"unix:///run/docker.sock\"}}}");
  g_assert_true (wharf_context_store_reload (fixture->base.store, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_context_store_use (fixture->base.store, "loose", &error));
  g_assert_no_error (error);
  {
    g_autoptr(WharfAwsConfig) config = new_config (fixture, NULL);

    assert_applies (fixture, config, NULL, WHARF_CONTEXT_AWS_NONE,
                    "default", "us-east-1", "AKIADEFAULT");
  }
  {
    g_autoptr(WharfAwsConfig) config = new_config (fixture, NULL);

    assert_applies (fixture, config, NULL, WHARF_CONTEXT_AWS_FOLLOW_CURRENT,
                    "team", "eu-west-1", "AKIATEAM");
  }
  /* A Docker engine as the current context is no error: the chain. */
  g_assert_true (wharf_context_store_use (fixture->base.store, "dock", &error));
  g_assert_no_error (error);
  {
    g_autoptr(WharfAwsConfig) config = new_config (fixture, NULL);

    assert_applies (fixture, config, NULL,
                    WHARF_CONTEXT_AWS_FOLLOW_CURRENT | WHARF_CONTEXT_AWS_ECS_ONLY,
                    "default", "us-east-1", "AKIADEFAULT");
  }
}

/* Named contexts Wharf cannot deploy with. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *meta = NULL;

  meta = context_plant_meta (&fixture->base, "dock",
                             "{\"Name\":\"dock\",\"Metadata\":{},"
                             "\"Endpoints\":{\"docker\":{\"Host\":\"unix:///run/docker.sock\"}}}");

  assert_refused (fixture, "dock", WHARF_CONTEXT_AWS_NONE, WHARF_CONTEXT_ERROR_INVALID);
  assert_refused (fixture, "dock", WHARF_CONTEXT_AWS_FOLLOW_CURRENT, WHARF_CONTEXT_ERROR_INVALID);
  assert_refused (fixture, "nope", WHARF_CONTEXT_AWS_NONE, WHARF_CONTEXT_ERROR_NOT_FOUND);
  assert_refused (fixture, "nope", WHARF_CONTEXT_AWS_FOLLOW_CURRENT, WHARF_CONTEXT_ERROR_NOT_FOUND);
  assert_refused (fixture, "default", WHARF_CONTEXT_AWS_ECS_ONLY, WHARF_CONTEXT_ERROR_INVALID);
  /* The window's selector offers "default": the AWS chain. */
  {
    g_autoptr(WharfAwsConfig) config = new_config (fixture, NULL);

    assert_applies (fixture, config, "default", WHARF_CONTEXT_AWS_NONE,
                    "default", "us-east-1", "AKIADEFAULT");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/context-aws-apply/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("profile", test_profile);
  ADD ("environment", test_environment);
  ADD ("access-keys", test_access_keys);
  ADD ("current", test_current);
  ADD ("refused", test_refused);
#undef ADD
  return g_test_run ();
}
