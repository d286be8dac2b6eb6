/* test-context-docker.c: the real Docker CLI and wharf-cli share one context
 * store (client only: no Docker engine is needed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "wharf-context-store.h"
#include "wharf-test-util.h"

typedef struct {
  char  *docker;
  char  *dir;
  char **envp;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *aws_config = NULL;
  g_autofree char *aws_credentials = NULL;

  fixture->docker = wharf_test_find_program ("docker");
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
  /* No telemetry, no update checks, no engine. */
  fixture->envp = g_environ_setenv (fixture->envp, "DOCKER_CLI_HINTS", "false", TRUE);
  fixture->envp = g_environ_setenv (fixture->envp, "DOCKER_CLI_OTEL_EXPORTER_OTLP_ENDPOINT", "", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  wharf_test_rmtree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->docker, g_free);
  g_clear_pointer (&fixture->envp, g_strfreev);
}

/* Runs PROGRAM ARGS… with the fixture's environment; returns stdout and
 * asserts the exit status. */
static char *
run_full (Fixture     *fixture,
          char       **envp,
          int          expected,
          char       **out_stderr,
          const char  *program,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) program);
  va_start (args, program);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  status = wharf_test_run ((const char * const *) argv->pdata, fixture->dir,
                           (const char * const *) (envp != NULL ? envp : fixture->envp), &out, &err);
  if (status != expected)
    g_error ("%s %s exited with %d (expected %d)\nstdout: %s\nstderr: %s", program,
             (const char *) argv->pdata[1], status, expected, out, err);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);
  return out;
}

#define DOCKER(fixture, ...) run_full (fixture, NULL, 0, NULL, (fixture)->docker, __VA_ARGS__, NULL)
#define WHARF(fixture, ...) run_full (fixture, NULL, 0, NULL, wharf_test_cli_path (), __VA_ARGS__, NULL)

static WharfContextStore *
open_store (Fixture *fixture)
{
  WharfContextStore *store = wharf_context_store_new (fixture->dir);
  g_autoptr(GError) error = NULL;

  wharf_context_store_reload (store, &error);
  g_assert_no_error (error);
  return store;
}

static char *
plant_fixture (Fixture    *fixture,
               const char *context_name,
               const char *fixture_name)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "contexts", fixture_name, NULL);
  g_autofree char *data = NULL;
  g_autofree char *folder = g_compute_checksum_for_string (G_CHECKSUM_SHA256, context_name, -1);
  g_autofree char *rel = g_build_filename ("contexts", "meta", folder, "meta.json", NULL);

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return wharf_test_write_file (fixture->dir, rel, data);
}

/* `docker context ls --format json` lists what wharf-cli created, with no
 * error (the "docker" endpoint Docker needs is there). */
static void
test_docker_lists (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint seen = 0;

  if (fixture->docker == NULL)
    return;
  a = WHARF (fixture, "context", "create", "ecs", "prod", "--profile", "team",
             "--region", "eu-west-3", "--description", "Prod <eu> & co");
  b = WHARF (fixture, "context", "create", "ecs", "fromenv", "--from-env");
  g_assert_cmpstr (a, ==, "prod\n");
  /* As Docker's ECS integration wrote them (Docker 28 has no ECS type). */
  g_free (plant_fixture (fixture, "myecs", "compose-cli-profile.json"));
  g_free (plant_fixture (fixture, "ecsLocal", "compose-cli-ecs-local.json"));
  out = DOCKER (fixture, "context", "ls", "--format", "json");
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *row;
      const char *name;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      row = json_node_get_object (json_parser_get_root (parser));
      name = json_object_get_string_member (row, "Name");
      g_assert_cmpstr (json_object_get_string_member (row, "Error"), ==, "");
      if (g_str_equal (name, "prod"))
        g_assert_cmpstr (json_object_get_string_member (row, "Description"), ==, "Prod <eu> & co");
      if (g_str_equal (name, "fromenv"))
        g_assert_cmpstr (json_object_get_string_member (row, "Description"), ==,
                         "credentials read from environment");
      if (!g_str_equal (name, "default"))
        seen++;
    }
  g_assert_cmpuint (seen, ==, 4);
}

/* `wharf-cli context inspect` prints what `docker context inspect` prints,
 * byte for byte: for Wharf's contexts, Docker's, Docker's ECS integration's,
 * the default one, TLS material, odd keys and numbers. */
static void
test_inspect_identical (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *docker = NULL, *wharf = NULL;
  g_autofree char *tls = NULL;
  g_autoptr(WharfContextStore) store = NULL;

  if (fixture->docker == NULL)
    return;
  a = WHARF (fixture, "context", "create", "ecs", "prod", "--profile", "team",
             "--region", "eu-west-3", "--description", "<Prod> & \"co\"");
  b = WHARF (fixture, "context", "create", "ecs", "fromenv", "--from-env");
  c = DOCKER (fixture, "context", "create", "dock", "--docker", "host=tcp://10.1.2.3:2376",
              "--description", "made by docker");
  g_free (plant_fixture (fixture, "myecs", "compose-cli-keys.json"));
  g_free (plant_fixture (fixture, "extra", "unknown-keys.json"));
  g_free (plant_fixture (fixture, "k8s", "docker-kubernetes.json"));
  store = wharf_context_store_new (fixture->dir);
  tls = wharf_context_store_dup_tls_path (store, "dock");
  g_free (wharf_test_write_file (tls, "docker/key.pem", "k"));
  g_free (wharf_test_write_file (tls, "docker/ca.pem", "c"));
  g_free (wharf_test_write_file (tls, "docker/cert.pem", "c"));

  docker = DOCKER (fixture, "context", "inspect", "prod", "fromenv", "dock", "myecs", "extra", "k8s", "default");
  wharf = WHARF (fixture, "context", "inspect", "prod", "fromenv", "dock", "myecs", "extra", "k8s", "default");
  g_assert_cmpstr (wharf, ==, docker);
}

static void
test_use_both_ways (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL;
  g_autofree char *o5 = NULL, *o6 = NULL, *o7 = NULL, *o8 = NULL;

  if (fixture->docker == NULL)
    return;
  a = WHARF (fixture, "context", "create", "ecs", "one", "--profile", "p");
  b = WHARF (fixture, "context", "create", "ecs", "two", "--from-env");

  o1 = DOCKER (fixture, "context", "use", "one");
  o2 = WHARF (fixture, "context", "show");
  g_assert_cmpstr (o2, ==, "one\n");

  o3 = WHARF (fixture, "context", "use", "two");
  o4 = DOCKER (fixture, "context", "show");
  g_assert_cmpstr (o4, ==, "two\n");
  o5 = DOCKER (fixture, "context", "ls", "--format", "{{.Name}}{{if .Current}}*{{end}}");
  g_assert_nonnull (strstr (o5, "two*\n"));

  /* Back to default, both ways. */
  o6 = WHARF (fixture, "context", "use", "default");
  o7 = DOCKER (fixture, "context", "show");
  g_assert_cmpstr (o7, ==, "default\n");
  o8 = WHARF (fixture, "context", "show");
  g_assert_cmpstr (o8, ==, "default\n");
}

static void
test_docker_removes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *a = NULL, *u = NULL, *r = NULL, *ls = NULL, *show = NULL;
  g_autoptr(WharfContextStore) store = NULL;
  g_autofree char *meta = NULL;

  if (fixture->docker == NULL)
    return;
  a = WHARF (fixture, "context", "create", "ecs", "gone", "--profile", "p", "--region", "us-west-2");
  u = WHARF (fixture, "context", "use", "gone");
  r = DOCKER (fixture, "context", "rm", "-f", "gone");
  ls = WHARF (fixture, "context", "ls", "-q");
  g_assert_cmpstr (ls, ==, "default\n");
  show = WHARF (fixture, "context", "show");
  g_assert_cmpstr (show, ==, "default\n");
  store = open_store (fixture);
  meta = wharf_context_store_dup_meta_path (store, "gone");
  g_assert_false (g_file_test (meta, G_FILE_TEST_EXISTS));
}

/* `docker context update` rewrites the "docker" endpoint of an ECS context
 * and keeps the "ecs" one: Wharf still reads it, and can update it again. */
static void
test_docker_updates (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *a = NULL, *u = NULL, *inspect = NULL;
  g_autoptr(WharfContextStore) store = NULL;
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->docker == NULL)
    return;
  a = WHARF (fixture, "context", "create", "ecs", "prod", "--profile", "team", "--region", "eu-west-3");
  u = DOCKER (fixture, "context", "update", "prod", "--description", "changed by docker");
  store = open_store (fixture);
  context = wharf_context_store_lookup (store, "prod", &error);
  g_assert_no_error (error);
  g_assert_true (wharf_context_is_ecs (context));
  g_assert_cmpstr (wharf_context_get_description (context), ==, "changed by docker");
  g_assert_cmpstr (wharf_context_get_profile (context), ==, "team");
  g_assert_cmpstr (wharf_context_get_region (context), ==, "eu-west-3");

  wharf_context_set_region (context, "eu-south-2");
  g_assert_true (wharf_context_store_update (store, context, &error));
  g_assert_no_error (error);
  inspect = DOCKER (fixture, "context", "inspect", "prod");
  g_assert_nonnull (strstr (inspect, "\"Region\": \"eu-south-2\""));
  g_assert_nonnull (strstr (inspect, "\"Description\": \"changed by docker\""));
}

/* Contexts `docker context create` made are listed, read-only. */
static void
test_wharf_reads_docker (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *c = NULL, *err = NULL, *rm = NULL, *use = NULL, *show = NULL, *ls = NULL;
  g_autoptr(WharfContextStore) store = NULL;
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *meta = NULL;

  if (fixture->docker == NULL)
    return;
  c = DOCKER (fixture, "context", "create", "dock", "--docker", "host=tcp://10.1.2.3:2375",
              "--description", "made by docker");
  store = open_store (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  context = wharf_context_store_lookup (store, "dock", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_context_get_context_type (context), ==, "moby");
  g_assert_true (wharf_context_is_read_only (context));
  g_assert_cmpstr (wharf_context_get_docker_host (context), ==, "tcp://10.1.2.3:2375");
  g_assert_cmpstr (wharf_context_get_description (context), ==, "made by docker");

  ls = WHARF (fixture, "context", "ls");
  g_assert_nonnull (strstr (ls, "dock "));
  g_assert_nonnull (strstr (ls, "tcp://10.1.2.3:2375"));

  rm = run_full (fixture, NULL, 1, &err, wharf_test_cli_path (), "context", "rm", "dock", NULL);
  g_assert_nonnull (strstr (err, "docker context rm dock"));
  meta = wharf_context_store_dup_meta_path (store, "dock");
  g_assert_true (g_file_test (meta, G_FILE_TEST_IS_DIR));

  use = WHARF (fixture, "context", "use", "dock");
  show = DOCKER (fixture, "context", "show");
  g_assert_cmpstr (show, ==, "dock\n");
}

/* DOCKER_CONTEXT, DOCKER_HOST and --context decide as they do for Docker. */
static void
test_overrides_agree (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *u = NULL;
  const char *cases[][2] = {
    { NULL, NULL },
    { "DOCKER_CONTEXT", "two" },
    { "DOCKER_CONTEXT", "nosuch" },
    { "DOCKER_HOST", "tcp://127.0.0.1:1" },
  };

  if (fixture->docker == NULL)
    return;
  a = WHARF (fixture, "context", "create", "ecs", "one", "--profile", "p");
  b = WHARF (fixture, "context", "create", "ecs", "two", "--profile", "p");
  u = WHARF (fixture, "context", "use", "one");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) envp = g_strdupv (fixture->envp);
      g_autofree char *docker = NULL, *wharf = NULL;

      if (cases[i][0] != NULL)
        envp = g_environ_setenv (envp, cases[i][0], cases[i][1], TRUE);
      docker = run_full (fixture, envp, 0, NULL, fixture->docker, "context", "show", NULL);
      wharf = run_full (fixture, envp, 0, NULL, wharf_test_cli_path (), "context", "show", NULL);
      g_assert_cmpstr (wharf, ==, docker);
    }

  {
    g_autofree char *docker = DOCKER (fixture, "--context", "two", "context", "show");
    g_autofree char *wharf = WHARF (fixture, "context", "--context", "two", "show");

    g_assert_cmpstr (docker, ==, "two\n");
    g_assert_cmpstr (wharf, ==, docker);
  }
}

/* Docker reads the config.json Wharf rewrites, Wharf keeps Docker's keys. */
static void
test_config_shared (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "contexts", "config-unknown-keys.json", NULL);
  g_autofree char *original = NULL;
  g_autofree char *config = NULL;
  g_autofree char *a = NULL, *u = NULL, *show = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  if (fixture->docker == NULL)
    return;
  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  config = wharf_test_write_file (fixture->dir, "config.json", original);
  g_assert_cmpint (g_chmod (config, 0600), ==, 0);
  a = WHARF (fixture, "context", "create", "ecs", "prod", "--profile", "p");
  u = WHARF (fixture, "context", "use", "prod");
  show = DOCKER (fixture, "context", "show");
  g_assert_cmpstr (show, ==, "prod\n");

  json_parser_load_from_file (parser, config, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (object, "auths"));
  g_assert_true (json_object_has_member (object, "x-wharf-test"));
  g_assert_cmpstr (json_object_get_string_member (object, "credsStore"), ==, "desktop");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/context-docker/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("docker-lists", test_docker_lists);
  ADD ("inspect-identical", test_inspect_identical);
  ADD ("use-both-ways", test_use_both_ways);
  ADD ("docker-removes", test_docker_removes);
  ADD ("wharf-reads-docker", test_wharf_reads_docker);
  ADD ("docker-updates", test_docker_updates);
  ADD ("overrides-agree", test_overrides_agree);
  ADD ("config-shared", test_config_shared);
#undef ADD
  return g_test_run ();
}
