/* test-cli-context.c: "wharf-cli context …", its options, output and exit codes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "wharf-context-store.h"
#include "wharf-test-util.h"

typedef struct {
  char  *dir;
  char **envp;
  char  *out;
  char  *err;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *aws_config = NULL;
  g_autofree char *aws_credentials = NULL;

  fixture->dir = wharf_test_mkdtemp ();
  fixture->envp = g_get_environ ();
  fixture->envp = g_environ_setenv (fixture->envp, "DOCKER_CONFIG", fixture->dir, TRUE);
  fixture->envp = g_environ_unsetenv (fixture->envp, "DOCKER_HOST");
  fixture->envp = g_environ_unsetenv (fixture->envp, "DOCKER_CONTEXT");
  /* The AWS profiles the tests name, in files of their own. */
  aws_config = wharf_test_write_file (fixture->dir, "aws/config",
                                      "[default]\nregion = us-east-1\n\n[profile team]\nregion = eu-west-3\n\n"
                                      "[profile dev]\nregion = eu-west-1\n\n[profile p]\n");
  aws_credentials = g_build_filename (fixture->dir, "aws", "credentials", NULL);
  fixture->envp = g_environ_setenv (fixture->envp, "AWS_CONFIG_FILE", aws_config, TRUE);
  fixture->envp = g_environ_setenv (fixture->envp, "AWS_SHARED_CREDENTIALS_FILE", aws_credentials, TRUE);
  fixture->envp = g_environ_unsetenv (fixture->envp, "AWS_PROFILE");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wharf_test_rmtree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->envp, g_strfreev);
  g_clear_pointer (&fixture->out, g_free);
  g_clear_pointer (&fixture->err, g_free);
}

/* Runs wharf-cli ARGS…; stdout and stderr in fixture->out / ->err. */
static int
cli (Fixture    *fixture,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_clear_pointer (&fixture->out, g_free);
  g_clear_pointer (&fixture->err, g_free);
  g_ptr_array_add (argv, (gpointer) wharf_test_cli_path ());
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return wharf_test_run ((const char * const *) argv->pdata, fixture->dir,
                         (const char * const *) fixture->envp, &fixture->out, &fixture->err);
}

#define assert_contains(haystack, needle) G_STMT_START {                     \
    if (strstr ((haystack), (needle)) == NULL)                                 \
      g_error ("“%s” not found in:\n%s", (needle), (haystack));                \
  } G_STMT_END

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  const char *commands[][2] = {
    { "create", "--from-env" }, { "ls", "--format" }, { "show", "Usage" },
    { "use", "NAME" }, { "rm", "--force" }, { "inspect", "NAME" },
  };

  g_assert_cmpint (cli (fixture, "--help", NULL), ==, 0);
  assert_contains (fixture->out, "context");
  g_assert_cmpint (cli (fixture, "context", "--help", NULL), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    assert_contains (fixture->out, commands[i][0]);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_assert_cmpint (cli (fixture, "context", commands[i][0], "--help", NULL), ==, 0);
      assert_contains (fixture->out, "Usage");
      assert_contains (fixture->out, commands[i][1]);
    }
  g_assert_cmpint (cli (fixture, "context", "create", "--help", NULL), ==, 0);
  assert_contains (fixture->out, "--profile");
  assert_contains (fixture->out, "--region");
  assert_contains (fixture->out, "--description");

  g_assert_cmpint (cli (fixture, "context", NULL), ==, 2);
  g_assert_cmpint (cli (fixture, "context", "frobnicate", NULL), ==, 2);
  assert_contains (fixture->err, "frobnicate");
  g_assert_cmpint (cli (fixture, "context", "--bogus", "ls", NULL), ==, 2);
  g_assert_cmpint (cli (fixture, "context", "--context", NULL), ==, 2);
  g_assert_cmpint (cli (fixture, "context", "ls", "--bogus", NULL), ==, 2);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(WharfContextStore) store = wharf_context_store_new (fixture->dir);
  g_autofree char *meta = wharf_context_store_dup_meta_path (store, "prod");
  g_autofree char *file = g_build_filename (meta, "meta.json", NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "prod", "--profile", "team",
                        "--region", "eu-west-3", "--description", "Production", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "prod\n");
  assert_contains (fixture->err, "prod");
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "{\"Name\":\"prod\",\"Metadata\":{\"Description\":\"Production\",\"Type\":\"ecs\"},"
                   "\"Endpoints\":{\"docker\":{\"Profile\":\"team\",\"Region\":\"eu-west-3\"},"
                   "\"ecs\":{\"Profile\":\"team\",\"Region\":\"eu-west-3\"}}}");

  /* The same name again: exit 1, the file untouched. */
  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "prod", "--from-env", NULL), ==, 1);
  assert_contains (fixture->err, "already exists");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  assert_contains (contents, "\"Profile\":\"team\"");

  /* The §1.2 shape of an environment context, description included. */
  g_assert_cmpint (cli (fixture, "context", "--config", fixture->dir, "create", "ecs", "env",
                        "--from-env", NULL), ==, 0);
  g_assert_cmpint (cli (fixture, "context", "inspect", "env", NULL), ==, 0);
  assert_contains (fixture->out, "\"CredentialsFromEnv\": true");
  assert_contains (fixture->out, "\"Description\": \"credentials read from environment\"");
}

static void
test_create_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  struct {
    const char *args[8];
    int status;
    const char *message;
  } cases[] = {
    { { "ecs", "x1", "--profile", "p", "--from-env" }, 2, "--from-env" },
    { { "ecs", "x1" }, 2, "--profile" },
    { { "ecs", "x1", "--profile", "" }, 2, "--profile" },
    { { "ecs", "x1", "--profile", "p", "--region", "moon-1" }, 2, "moon-1" },
    { { "ecs", "-bad", "--profile", "p" }, 2, NULL },
    { { "ecs", "a", "--profile", "p" }, 2, "“a”" },
    { { "ecs", "no/slash", "--profile", "p" }, 2, "no/slash" },
    { { "ecs", "default", "--profile", "p" }, 2, "reserved" },
    { { "docker", "x1", "--profile", "p" }, 2, "docker context create" },
    { { "ecs", "x1", "--profile", "p", "--access-keys", "k" }, 2, "--access-keys" },
    { { "ecs", "x1", "--from-env", "--access-keys", "k" }, 2, "--access-keys" },
    { { "ecs", "x1", "--access-keys", "k" }, 2, "--region" },
    { { "ecs", "x1", "--profile", "nosuchprofile" }, 1, "nosuchprofile" },
    { { "ecs" }, 2, "usage" },
    { { "ecs", "x1", "x2", "--profile", "p" }, 2, "usage" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[16] = { wharf_test_cli_path (), "context", "create" };
      guint n = 3;

      for (guint j = 0; cases[i].args[j] != NULL; j++)
        argv[n++] = cases[i].args[j];
      g_clear_pointer (&fixture->out, g_free);
      g_clear_pointer (&fixture->err, g_free);
      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpint (wharf_test_run (argv, fixture->dir, (const char * const *) fixture->envp,
                                       &fixture->out, &fixture->err), ==, cases[i].status);
      if (cases[i].message != NULL)
        assert_contains (fixture->err, cases[i].message);
    }
  /* Nothing was written. */
  {
    g_autofree char *contexts = g_build_filename (fixture->dir, "contexts", NULL);

    g_assert_false (g_file_test (contexts, G_FILE_TEST_EXISTS));
  }
}

static void
test_ls (Fixture       *fixture,
         gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  guint ecs = 0;

  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "b-env", "--from-env", "--region", "us-east-2", NULL), ==, 0);
  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "a-prof", "--profile", "dev", NULL), ==, 0);
  g_assert_cmpint (cli (fixture, "context", "use", "a-prof", NULL), ==, 0);

  g_assert_cmpint (cli (fixture, "context", "ls", NULL), ==, 0);
  lines = g_strsplit (fixture->out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "NAME"));
  g_assert_true (g_str_has_prefix (lines[1], "a-prof *"));
  assert_contains (lines[1], "profile dev");
  g_assert_true (g_str_has_prefix (lines[2], "b-env "));
  assert_contains (lines[2], "environment variables, us-east-2");
  g_assert_true (g_str_has_prefix (lines[3], "default "));
  g_clear_pointer (&lines, g_strfreev);

  g_assert_cmpint (cli (fixture, "context", "ls", "-q", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "a-prof\nb-env\ndefault\n");

  g_assert_cmpint (cli (fixture, "context", "ls", "--format", "json", NULL), ==, 0);
  lines = g_strsplit (g_strstrip (fixture->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *row;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      row = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpint (json_object_get_boolean_member (row, "Current"), ==,
                       g_str_equal (json_object_get_string_member (row, "Name"), "a-prof"));
      if (g_str_equal (json_object_get_string_member (row, "Type"), "ecs"))
        ecs++;
    }
  g_assert_cmpuint (ecs, ==, 2);

  g_assert_cmpint (cli (fixture, "context", "ls", "--format", "yaml", NULL), ==, 2);
  g_assert_cmpint (cli (fixture, "context", "ls", "extra", NULL), ==, 2);
}

/* Broken files: clear messages naming the file, never a crash. */
static void
test_corrupt_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "broken", -1);
  g_autofree char *rel = g_build_filename ("contexts", "meta", folder, "meta.json", NULL);
  g_autofree char *meta = wharf_test_write_file (fixture->dir, rel, "{\"Name\": ");
  g_autofree char *config = NULL;

  g_assert_cmpint (cli (fixture, "context", "ls", NULL), ==, 0);
  assert_contains (fixture->out, folder);
  assert_contains (fixture->out, meta);
  g_assert_cmpint (cli (fixture, "context", "inspect", "broken", NULL), ==, 1);
  assert_contains (fixture->err, meta);
  g_assert_cmpint (cli (fixture, "context", "use", "broken", NULL), ==, 1);
  assert_contains (fixture->err, meta);

  config = wharf_test_write_file (fixture->dir, "config.json", "{\"currentContext\": \"x\",,}");
  g_assert_cmpint (cli (fixture, "context", "show", NULL), ==, 1);
  assert_contains (fixture->err, config);
  g_assert_cmpint (cli (fixture, "context", "ls", NULL), ==, 0);
  assert_contains (fixture->err, config);
  assert_contains (fixture->out, "default");
  g_assert_cmpint (cli (fixture, "context", "use", "default", NULL), ==, 1);
  assert_contains (fixture->err, config);
  {
    g_autofree char *after = NULL;

    g_assert_true (g_file_get_contents (config, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, "{\"currentContext\": \"x\",,}");
  }
}

static void
test_use_rm_inspect (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "one", "--profile", "p", NULL), ==, 0);
  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "two", "--profile", "p", NULL), ==, 0);
  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "three", "--profile", "p", NULL), ==, 0);

  g_assert_cmpint (cli (fixture, "context", "use", "nope", NULL), ==, 1);
  assert_contains (fixture->err, "nope");
  g_assert_cmpint (cli (fixture, "context", "use", NULL), ==, 2);
  g_assert_cmpint (cli (fixture, "context", "use", "two", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "two\n");
  g_assert_cmpint (cli (fixture, "context", "show", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "two\n");

  /* inspect without a name: the current context. */
  g_assert_cmpint (cli (fixture, "context", "inspect", NULL), ==, 0);
  json_parser_load_from_data (parser, fixture->out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "Name"), ==, "two");

  /* Missing names are reported, the others printed. */
  g_assert_cmpint (cli (fixture, "context", "inspect", "one", "ghost", NULL), ==, 1);
  assert_contains (fixture->err, "ghost");
  assert_contains (fixture->out, "\"Name\": \"one\"");

  /* rm: the current one needs --force; each name is handled. */
  g_assert_cmpint (cli (fixture, "context", "rm", "one", "ghost", "two", "three", NULL), ==, 1);
  g_assert_cmpstr (fixture->out, ==, "one\nthree\n");
  assert_contains (fixture->err, "ghost");
  assert_contains (fixture->err, "two");
  g_assert_cmpint (cli (fixture, "context", "rm", "-f", "two", NULL), ==, 0);
  g_assert_cmpint (cli (fixture, "context", "show", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "default\n");
  g_assert_cmpint (cli (fixture, "context", "ls", "-q", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "default\n");
  g_assert_cmpint (cli (fixture, "context", "rm", "default", NULL), ==, 1);
  g_assert_cmpint (cli (fixture, "context", "rm", NULL), ==, 2);
}

static char *
aws_config_path (Fixture    *fixture,
                 const char *name)
{
  return g_build_filename (fixture->dir, "aws", name, NULL);
}

/* --access-keys: a new profile (keys in credentials, region in config),
 * then the context naming it; the secret is never printed. */
static void
test_access_keys (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *keys = wharf_test_write_file (fixture->dir, "rootkey.csv",
                                                 "AWSAccessKeyId=AKIAWHARFTEST0001\n"
                                                 "AWSSecretKey=s3cr3t/Wharf+Test/Value0123456789abcdefgh\n");
  g_autofree char *bad = wharf_test_write_file (fixture->dir, "bad.txt", "AWSAccessKeyId=AKIAX\n");
  g_autofree char *config = aws_config_path (fixture, "config");
  g_autofree char *credentials = aws_config_path (fixture, "credentials");
  g_autofree char *config_text = NULL;
  g_autofree char *credentials_text = NULL;

  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "keyed", "--access-keys", keys,
                        "--region", "eu-central-1", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "keyed\n");
  g_assert_null (strstr (fixture->err, "s3cr3t"));
  g_assert_true (g_file_get_contents (config, &config_text, NULL, NULL));
  g_assert_true (g_file_get_contents (credentials, &credentials_text, NULL, NULL));
  assert_contains (config_text, "[profile keyed]");
  assert_contains (config_text, "eu-central-1");
  /* The profiles that were there are untouched. */
  assert_contains (config_text, "[profile team]\nregion = eu-west-3\n");
  assert_contains (credentials_text, "[keyed]");
  assert_contains (credentials_text, "AKIAWHARFTEST0001");

  g_assert_cmpint (cli (fixture, "context", "inspect", "keyed", NULL), ==, 0);
  assert_contains (fixture->out, "\"Profile\": \"keyed\"");
  g_assert_null (strstr (fixture->out, "s3cr3t"));

  /* Again: the context exists; the profile is not written twice. */
  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "keyed", "--access-keys", keys,
                        "--region", "eu-central-1", NULL), ==, 1);
  assert_contains (fixture->err, "keyed");
  /* A profile of that name exists already (team): refused, no context. */
  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "team", "--access-keys", keys,
                        "--region", "eu-central-1", NULL), ==, 1);
  assert_contains (fixture->err, "team");
  g_assert_cmpint (cli (fixture, "context", "inspect", "team", NULL), ==, 1);
  /* A file without both keys. */
  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "other", "--access-keys", bad,
                        "--region", "eu-central-1", NULL), ==, 1);
  assert_contains (fixture->err, bad);
  g_assert_cmpint (cli (fixture, "context", "create", "ecs", "other", "--access-keys", "/nonexistent/keys",
                        "--region", "eu-central-1", NULL), ==, 1);
  assert_contains (fixture->err, "/nonexistent/keys");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli-context/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("help", test_help);
  ADD ("create", test_create);
  ADD ("create-errors", test_create_errors);
  ADD ("ls", test_ls);
  ADD ("corrupt-files", test_corrupt_files);
  ADD ("use-rm-inspect", test_use_rm_inspect);
  ADD ("access-keys", test_access_keys);
#undef ADD
  return g_test_run ();
}
