/* test-cli-aws-context.c: how wharf-cli's AWS commands pick the account
 * from --context, DOCKER_CONTEXT and --profile (wharf-cli-aws.c over
 * wharf_context_store_apply_to_aws_config()). Every case fails before any
 * network call: the error says which way the account was chosen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "wharf-test-util.h"

typedef struct {
  char  *dir;
  char **envp;
  char  *err;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char * const unset[] = { "DOCKER_HOST", "DOCKER_CONTEXT", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
                                 "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
                                 "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL" };
  g_autofree char *docker = NULL;
  g_autofree char *config = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *folder = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "dock", -1);
  g_autofree char *meta = g_build_filename ("docker", "contexts", "meta", folder, "meta.json", NULL);

  f->dir = wharf_test_mkdtemp ();
  docker = g_build_filename (f->dir, "docker", NULL);
  f->envp = g_get_environ ();
  for (gsize i = 0; i < G_N_ELEMENTS (unset); i++)
    f->envp = g_environ_unsetenv (f->envp, unset[i]);
  f->envp = g_environ_setenv (f->envp, "HOME", f->dir, TRUE);
  f->envp = g_environ_setenv (f->envp, "DOCKER_CONFIG", docker, TRUE);
  /* The default profile has no region: the AWS chain stops at it. */
  config = wharf_test_write_file (f->dir, "aws/config", "[profile team]\nregion = eu-west-3\n");
  credentials = wharf_test_write_file (f->dir, "aws/credentials", "");
  f->envp = g_environ_setenv (f->envp, "AWS_CONFIG_FILE", config, TRUE);
  f->envp = g_environ_setenv (f->envp, "AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);
  /* A Docker engine context, as Docker Desktop writes one. */
  g_free (wharf_test_write_file (f->dir, meta,
                                 "{\"Name\":\"dock\",\"Metadata\":{},"
                                 "\"Endpoints\":{\"docker\":{\"Host\":\"unix:///run/docker.sock\"}}}"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  wharf_test_rmtree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->envp, g_strfreev);
  g_clear_pointer (&f->err, g_free);
}

/* Runs `wharf-cli secret ls EXTRA…` (NULL-terminated); stderr in f->err. */
static int
secret_ls (Fixture    *f,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_clear_pointer (&f->err, g_free);
  g_ptr_array_add (argv, (gpointer) wharf_test_cli_path ());
  g_ptr_array_add (argv, (gpointer) "secret");
  g_ptr_array_add (argv, (gpointer) "ls");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return wharf_test_run ((const char * const *) argv->pdata, f->dir,
                         (const char * const *) f->envp, NULL, &f->err);
}

#define assert_contains(haystack, needle) G_STMT_START {                     \
    if (strstr ((haystack), (needle)) == NULL)                                 \
      g_error ("“%s” not found in:\n%s", (needle), (haystack));                \
  } G_STMT_END

/* A context named on the command line must be an ECS one. */
static void
test_named (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpint (secret_ls (f, "--context", "dock", NULL), !=, 0);
  assert_contains (f->err, "The context “dock” is not an Amazon ECS context");
  g_assert_cmpint (secret_ls (f, "--context", "default", NULL), !=, 0);
  assert_contains (f->err, "The context “default” is not an Amazon ECS context");
  g_assert_cmpint (secret_ls (f, "--context", "nope", NULL), !=, 0);
  assert_contains (f->err, "nope");
  g_assert_null (strstr (f->err, "region"));
}

/* A current context that is not an ECS one leaves the account to the AWS
 * chain (here: no region), as if Docker were not there. */
static void
test_current (Fixture       *f,
              gconstpointer  data)
{
  f->envp = g_environ_setenv (f->envp, "DOCKER_CONTEXT", "dock", TRUE);
  g_assert_cmpint (secret_ls (f, NULL), !=, 0);
  assert_contains (f->err, "You must specify a region");
  assert_contains (f->err, "“default”");
  g_assert_null (strstr (f->err, "ECS context"));
}

/* An ECS context's profile, and --profile over it. */
static void
test_profile_wins (Fixture       *f,
                   gconstpointer  data)
{
  const char *argv[] = { wharf_test_cli_path (), "context", "create", "ecs", "eu", "--profile", "team", NULL };
  g_autofree char *err = NULL;

  g_assert_cmpint (wharf_test_run (argv, f->dir, (const char * const *) f->envp, NULL, &err), ==, 0);
  /* The context's profile has a region but no keys: the error names it. */
  g_assert_cmpint (secret_ls (f, "--context", "eu", NULL), !=, 0);
  assert_contains (f->err, "team");
  g_assert_null (strstr (f->err, "You must specify a region"));
  /* --profile wins over the context's; ghost has no region either. */
  g_assert_cmpint (secret_ls (f, "--context", "eu", "--profile", "ghost", NULL), !=, 0);
  assert_contains (f->err, "ghost");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-aws-context/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("named", test_named);
  ADD ("current", test_current);
  ADD ("profile-wins", test_profile_wins);
#undef ADD
  return g_test_run ();
}
