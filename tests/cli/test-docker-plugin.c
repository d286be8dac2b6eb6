/* test-docker-plugin.c: wharf-cli as the Docker CLI plugin docker-ecs,
 * driven through the real docker CLI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>

#include "wharf-test-util.h"

typedef struct {
  char  *dir;
  char  *docker;
  char **envp;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *plugins = NULL;
  g_autofree char *link = NULL;
  g_autofree char *docker_config = NULL;

  f->docker = wharf_test_find_program ("docker");
  if (f->docker == NULL)
    return;
  f->dir = wharf_test_mkdtemp ();
  docker_config = g_build_filename (f->dir, "docker", NULL);
  plugins = g_build_filename (docker_config, "cli-plugins", NULL);
  g_assert_cmpint (g_mkdir_with_parents (plugins, 0755), ==, 0);
  link = g_build_filename (plugins, "docker-ecs", NULL);
  g_assert_cmpint (symlink (wharf_test_cli_path (), link), ==, 0);
  f->envp = g_get_environ ();
  f->envp = g_environ_setenv (f->envp, "DOCKER_CONFIG", docker_config, TRUE);
  f->envp = g_environ_unsetenv (f->envp, "DOCKER_HOST");
  f->envp = g_environ_unsetenv (f->envp, "DOCKER_CONTEXT");
  g_free (wharf_test_write_file (f->dir, "app/compose.yaml",
                                 "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  wharf_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->docker);
  g_strfreev (f->envp);
}

static void
test_listed (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "docker", "--help", NULL };

  if (f->docker == NULL)
    return;
  g_assert_cmpint (wharf_test_run (argv, f->dir, (const char * const *) f->envp, &out, NULL), ==, 0);
  /* docker lists the plugin with its short description. */
  g_assert_nonnull (strstr (out, "ecs*"));
  g_assert_nonnull (strstr (out, "Deploy Compose applications to Amazon ECS"));
}

static void
test_compose_config (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *app = g_build_filename (f->dir, "app", NULL);
  const char *argv[] = { "docker", "ecs", "compose", "config", "--services", NULL };
  int status;

  if (f->docker == NULL)
    return;
  status = wharf_test_run (argv, app, (const char * const *) f->envp, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "web\n");
}

static void
test_global_options (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *app = g_build_filename (f->dir, "app", NULL);
  const char *argv[] = { "docker", "--log-level", "error", "ecs", "version", NULL };

  if (f->docker == NULL)
    return;
  g_assert_cmpint (wharf_test_run (argv, app, (const char * const *) f->envp, &out, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "wharf-cli "));
}

static void
test_compose_convert (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *app = g_build_filename (f->dir, "app", NULL);
  const char *argv[] = { "docker", "ecs", "compose", "convert", "--offline", NULL };
  int status;

  if (f->docker == NULL)
    return;
  status = wharf_test_run (argv, app, (const char * const *) f->envp, &out, &err);
  if (status != 0)
    g_printerr ("%s", err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "AWSTemplateFormatVersion"));
  g_assert_nonnull (strstr (out, "AWS::ECS::Service"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/docker-plugin/listed", Fixture, NULL, fixture_setup, test_listed, fixture_teardown);
  g_test_add ("/docker-plugin/compose-config", Fixture, NULL, fixture_setup, test_compose_config, fixture_teardown);
  g_test_add ("/docker-plugin/global-options", Fixture, NULL, fixture_setup, test_global_options, fixture_teardown);
  g_test_add ("/docker-plugin/compose-convert", Fixture, NULL, fixture_setup, test_compose_convert, fixture_teardown);
  return g_test_run ();
}
