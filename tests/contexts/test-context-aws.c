/* test-context-aws.c: ECS contexts made from access keys, and the AWS
 * profiles they name (read back by the real AWS CLI).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "wharf-context-aws.h"
#include "wharf-test-util.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

typedef struct {
  char                 *dir;
  char                 *config;
  char                 *credentials;
  WharfContextStore    *store;
  WharfAwsProfileStore *profiles;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = wharf_test_mkdtemp ();
  fixture->config = wharf_test_write_file (fixture->dir, "aws/config",
                                           "# my settings\n[default]\nregion = us-east-1\n\n"
                                           "[profile taken]\nregion = eu-west-1\n");
  fixture->credentials = g_build_filename (fixture->dir, "aws", "credentials", NULL);
  fixture->store = wharf_context_store_new (fixture->dir);
  fixture->profiles = wharf_aws_profile_store_new (fixture->config, fixture->credentials);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->profiles);
  wharf_test_rmtree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->config, g_free);
  g_clear_pointer (&fixture->credentials, g_free);
}

static void
test_read_keys (void)
{
  struct {
    const char *data;
    const char *id;
  } good[] = {
    { "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE\nAWSSecretKey=" SECRET "\n", "AKIAIOSFODNN7EXAMPLE" },
    { "AWSSecretKey = " SECRET "\r\nAWSAccessKeyId = AKIAIOSFODNN7EXAMPLE\r\n", "AKIAIOSFODNN7EXAMPLE" },
    { "# keys\naws_access_key_id=AKIA1234\naws_secret_access_key=" SECRET, "AKIA1234" },
    { "\xef\xbb\xbf" "Access key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE," SECRET "\r\n",
      "AKIAIOSFODNN7EXAMPLE" },
    { "User name,Password,Access key ID,Secret access key,Console login link\n"
      "bob,,AKIABOB," SECRET ",https://x.signin.aws.amazon.com/console\n", "AKIABOB" },
  };
  const char *bad[] = {
    "", "nothing here", "AWSAccessKeyId=AKIAX\n", "AWSSecretKey=" SECRET "\n",
    "AWSAccessKeyId=AKIA-with-dash\nAWSSecretKey=" SECRET "\n",
    "AWSAccessKeyId=AKIAX\nAWSSecretKey=a b " SECRET "\n",
    "Access key ID,Secret access key\n",
    "Name,Other\nx,y\n",
    "AWSAccessKeyId=AKIA\xff\nAWSSecretKey=" SECRET "\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *secret = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (wharf_context_read_access_keys (good[i].data, -1, "keys.csv", &id, &secret, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, good[i].id);
      g_assert_cmpstr (secret, ==, SECRET);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *secret = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (wharf_context_read_access_keys (bad[i], -1, "/path/keys.csv", &id, &secret, &error));
      g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "/path/keys.csv"));
      g_assert_null (strstr (error->message, "EXAMPLEKEY"));
      g_assert_null (id);
      g_assert_null (secret);
    }
}

static char *
find_aws (void)
{
  g_autofree char *shim = g_build_filename (g_get_home_dir (), ".pyenv", "shims", "aws", NULL);
  char *path = g_find_program_in_path ("aws");

  if (path == NULL && g_file_test (shim, G_FILE_TEST_IS_EXECUTABLE))
    path = g_steal_pointer (&shim);
  return path;
}

/* `aws configure get KEY --profile PROFILE` with the fixture's files. */
static char *
aws_get (Fixture    *fixture,
         const char *aws,
         const char *key,
         const char *profile)
{
  const char *argv[] = { aws, "configure", "get", key, "--profile", profile, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  envp = g_environ_setenv (envp, "AWS_CONFIG_FILE", fixture->config, TRUE);
  envp = g_environ_setenv (envp, "AWS_SHARED_CREDENTIALS_FILE", fixture->credentials, TRUE);
  envp = g_environ_unsetenv (envp, "AWS_PROFILE");
  envp = g_environ_unsetenv (envp, "AWS_REGION");
  envp = g_environ_unsetenv (envp, "AWS_DEFAULT_REGION");
  status = wharf_test_run (argv, fixture->dir, (const char * const *) envp, &out, &err);
  g_assert_cmpint (status, ==, 0);
  return g_strdup (g_strstrip (out));
}

/* Docker's region bug (compose-cli-ecs.md §7 item 1) does not exist: the
 * AWS CLI reads the region of the profile the context names. */
static void
test_create_from_keys (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(WharfContext) read = NULL;
  g_autofree char *aws = NULL;
  g_autofree char *config_text = NULL;
  WharfAwsProfile *profile;

  context = wharf_context_store_create_from_keys (fixture->store, fixture->profiles, "prod",
                                                  "AKIAIOSFODNN7EXAMPLE", SECRET, "ap-southeast-2",
                                                  "Production", &error);
  g_assert_no_error (error);
  g_assert_nonnull (context);
  g_assert_cmpstr (wharf_context_get_profile (context), ==, "prod");

  read = wharf_context_store_lookup (fixture->store, "prod", &error);
  g_assert_no_error (error);
  g_assert_cmpint (wharf_context_get_credentials (read), ==, WHARF_CONTEXT_CREDENTIALS_PROFILE);
  g_assert_cmpstr (wharf_context_get_profile (read), ==, "prod");
  g_assert_cmpstr (wharf_context_get_description (read), ==, "Production");

  g_assert_true (wharf_aws_profile_store_load (fixture->profiles, &error));
  profile = wharf_aws_profile_store_lookup (fixture->profiles, "prod");
  g_assert_nonnull (profile);
  g_assert_cmpstr (wharf_aws_profile_get_region (profile), ==, "ap-southeast-2");
  /* The comment and the other profiles are still there. */
  g_assert_true (g_file_get_contents (fixture->config, &config_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (config_text, "# my settings\n[default]\nregion = us-east-1\n"));

  aws = find_aws ();
  if (aws == NULL)
    {
      g_test_skip ("the aws CLI is not installed (pyenv)");
      return;
    }
  {
    g_autofree char *region = aws_get (fixture, aws, "region", "prod");
    g_autofree char *key = aws_get (fixture, aws, "aws_access_key_id", "prod");
    g_autofree char *other = aws_get (fixture, aws, "region", "taken");

    g_assert_cmpstr (region, ==, "ap-southeast-2");
    g_assert_cmpstr (key, ==, "AKIAIOSFODNN7EXAMPLE");
    g_assert_cmpstr (other, ==, "eu-west-1");
  }
}

static void
test_create_from_keys_errors (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(WharfContext) existing =
    wharf_context_new_ecs ("ctx", WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, NULL, NULL, NULL);
  g_autofree char *meta = NULL;
  g_autofree char *parent = NULL;

  /* A profile of that name exists: never overwritten, no context. */
  context = wharf_context_store_create_from_keys (fixture->store, fixture->profiles, "taken",
                                                  "AKIA1234", SECRET, "eu-west-3", NULL, &error);
  g_assert_null (context);
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PROFILE_EXISTS);
  g_clear_error (&error);
  g_assert_null (wharf_context_store_lookup (fixture->store, "taken", NULL));

  /* A context of that name exists: no profile is written. */
  g_assert_true (wharf_context_store_create (fixture->store, existing, &error));
  context = wharf_context_store_create_from_keys (fixture->store, fixture->profiles, "ctx",
                                                  "AKIA1234", SECRET, "eu-west-3", NULL, &error);
  g_assert_null (context);
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (wharf_aws_profile_store_load (fixture->profiles, &error));
  g_assert_null (wharf_aws_profile_store_lookup (fixture->profiles, "ctx"));
  g_assert_false (g_file_test (fixture->credentials, G_FILE_TEST_EXISTS));

  /* No region, a bad region, a bad name, "default". */
  context = wharf_context_store_create_from_keys (fixture->store, fixture->profiles, "x1",
                                                  "AKIA1234", SECRET, NULL, NULL, &error);
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID);
  g_clear_error (&error);
  context = wharf_context_store_create_from_keys (fixture->store, fixture->profiles, "x1",
                                                  "AKIA1234", SECRET, "europe", NULL, &error);
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID);
  g_clear_error (&error);
  context = wharf_context_store_create_from_keys (fixture->store, fixture->profiles, "x",
                                                  "AKIA1234", SECRET, "eu-west-3", NULL, &error);
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID_NAME);
  g_clear_error (&error);
  context = wharf_context_store_create_from_keys (fixture->store, fixture->profiles, "default",
                                                  "AKIA1234", SECRET, "eu-west-3", NULL, &error);
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID_NAME);
  g_clear_error (&error);

  /* The context cannot be written (its folder is a dangling link): the
   * new profile is removed again. */
  meta = wharf_context_store_dup_meta_path (fixture->store, "late");
  parent = g_path_get_dirname (meta);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_assert_cmpint (symlink ("/nonexistent/wharf-test", meta), ==, 0);
  context = wharf_context_store_create_from_keys (fixture->store, fixture->profiles, "late",
                                                  "AKIA1234", SECRET, "eu-west-3", NULL, &error);
  g_assert_null (context);
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_IO);
  g_clear_error (&error);
  g_assert_true (wharf_aws_profile_store_load (fixture->profiles, &error));
  g_assert_null (wharf_aws_profile_store_lookup (fixture->profiles, "late"));
}

static void
test_check_profile (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wharf_context_check_profile (fixture->profiles, "taken", &error));
  g_assert_no_error (error);
  g_assert_true (wharf_context_check_profile (fixture->profiles, "default", &error));
  g_assert_false (wharf_context_check_profile (fixture->profiles, "nope", &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nope"));
  g_assert_nonnull (strstr (error->message, fixture->config));
}

static WharfAwsConfig *
new_config (Fixture    *fixture,
            const char *first_env,
            ...)
{
  g_autoptr(GError) error = NULL;
  GStrv envp = g_new0 (char *, 1);
  WharfAwsConfig *config;
  va_list args;

  envp = g_environ_setenv (envp, "HOME", fixture->dir, TRUE);
  envp = g_environ_setenv (envp, "AWS_CONFIG_FILE", fixture->config, TRUE);
  envp = g_environ_setenv (envp, "AWS_SHARED_CREDENTIALS_FILE", fixture->credentials, TRUE);
  va_start (args, first_env);
  for (const char *name = first_env; name != NULL; name = va_arg (args, const char *))
    envp = g_environ_setenv (envp, name, va_arg (args, const char *), TRUE);
  va_end (args);
  config = wharf_aws_config_new ((const char * const *) envp);
  g_strfreev (envp);
  g_assert_true (wharf_aws_config_load (config, &error));
  g_assert_no_error (error);
  return config;
}

static char *
region_of (WharfAwsConfig *config)
{
  g_autoptr(GError) error = NULL;
  char *region = wharf_aws_config_dup_region (config, &error);

  g_assert_no_error (error);
  return region;
}

/* What a deployment resolves from a context: the profile's region when the
 * context has none (Docker's bug sent these to us-east-1). */
static void
test_apply_to_config (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfContext) keyed = NULL;
  g_autoptr(WharfContext) pinned =
    wharf_context_new_ecs ("pinned", WHARF_CONTEXT_CREDENTIALS_PROFILE, "taken", "eu-north-1", NULL);
  g_autoptr(WharfContext) env =
    wharf_context_new_ecs ("env", WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, NULL, NULL, NULL);
  g_autoptr(WharfContext) moby = wharf_context_new_from_data ("{\"Name\":\"dock\"}", -1, "x", NULL);
  g_autoptr(WharfContext) plain = wharf_context_new_default ();

  keyed = wharf_context_store_create_from_keys (fixture->store, fixture->profiles, "prod",
                                                "AKIAIOSFODNN7EXAMPLE", SECRET, "ap-southeast-2",
                                                NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(WharfAwsConfig) config = new_config (fixture, NULL);
    g_autofree char *region = NULL;

    g_assert_true (wharf_context_apply_to_aws_config (keyed, config, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (wharf_aws_config_get_profile_name (config), ==, "prod");
    region = region_of (config);
    g_assert_cmpstr (region, ==, "ap-southeast-2");
  }
  {
    g_autoptr(WharfAwsConfig) config = new_config (fixture, NULL);
    g_autofree char *region = NULL;

    g_assert_true (wharf_context_apply_to_aws_config (pinned, config, &error));
    g_assert_cmpstr (wharf_aws_config_get_profile_name (config), ==, "taken");
    region = region_of (config);
    g_assert_cmpstr (region, ==, "eu-north-1");
  }
  {
    g_autoptr(WharfAwsConfig) config = new_config (fixture, NULL);

    g_assert_false (wharf_context_apply_to_aws_config (env, config, &error));
    g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "AWS_ACCESS_KEY_ID"));
    g_clear_error (&error);
  }
  {
    g_autoptr(WharfAwsConfig) config = new_config (fixture, "AWS_ACCESS_KEY_ID", "AKIAENV",
                                                   "AWS_SECRET_ACCESS_KEY", SECRET,
                                                   "AWS_REGION", "sa-east-1", NULL);
    g_autofree char *region = NULL;

    g_assert_true (wharf_context_apply_to_aws_config (env, config, &error));
    g_assert_no_error (error);
    region = region_of (config);
    g_assert_cmpstr (region, ==, "sa-east-1");
  }
  {
    g_autoptr(WharfAwsConfig) config = new_config (fixture, "AWS_PROFILE", "taken", NULL);
    g_autofree char *region = NULL;

    g_assert_true (wharf_context_apply_to_aws_config (env, config, &error));
    g_assert_cmpstr (wharf_aws_config_get_profile_name (config), ==, "taken");
    region = region_of (config);
    g_assert_cmpstr (region, ==, "eu-west-1");
  }
  {
    g_autoptr(WharfAwsConfig) config = new_config (fixture, NULL);
    g_autofree char *region = NULL;

    g_assert_false (wharf_context_apply_to_aws_config (moby, config, &error));
    g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (wharf_context_apply_to_aws_config (plain, config, &error));
    g_assert_cmpstr (wharf_aws_config_get_profile_name (config), ==, "default");
    region = region_of (config);
    g_assert_cmpstr (region, ==, "us-east-1");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/context-aws/read-keys", test_read_keys);
#define ADD(path, func) \
  g_test_add ("/context-aws/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("create-from-keys", test_create_from_keys);
  ADD ("create-from-keys-errors", test_create_from_keys_errors);
  ADD ("check-profile", test_check_profile);
  ADD ("apply-to-config", test_apply_to_config);
#undef ADD
  return g_test_run ();
}
