/* test-ecs-cli.c: "wharf-cli validate" and "wharf-cli convert".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ecs-test-util.h"

static int
run_cli (const char *dir,
         char      **out,
         char      **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;
  int status;

  g_ptr_array_add (argv, (gpointer) wharf_test_cli_path ());
  va_start (ap, err);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  status = wharf_test_run ((const char * const *) argv->pdata, dir, NULL, out, err);
  g_test_message ("stdout: %s\nstderr: %s", out && *out ? *out : "", err && *err ? *err : "");
  return status;
}

static void
test_validate_errors (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *file = wharf_test_write_file (dir, "compose.yaml",
                                                 "services:\n"
                                                 "  app:\n"
                                                 "    image: nginx:1.27\n"
                                                 "    privileged: true\n"
                                                 "    volumes:\n"
                                                 "      - ./data:/data\n");
  g_autofree char *out = NULL, *err = NULL, *expected_error = NULL, *expected_warning = NULL;
  int status = run_cli (dir, &out, &err, "validate", "-f", file, NULL);

  g_assert_cmpint (status, ==, 1);
  expected_error = g_strdup_printf ("%s:6:9: error: services.app.volumes[0]: ECS Fargate does not support bind mounts", file);
  expected_warning = g_strdup_printf ("%s:4:5: warning: services.app.privileged: ignored", file);
  g_assert_nonnull (strstr (out, expected_error));
  g_assert_nonnull (strstr (out, expected_warning));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --quiet keeps the errors only. */
  status = run_cli (dir, &out, &err, "validate", "-q", "-f", file, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, expected_error));
  g_assert_null (strstr (out, "warning"));
  wharf_test_rmtree (dir);
}

static void
test_validate_ok (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *file = wharf_test_write_file (dir, "compose.yaml",
                                                 "services:\n  app:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n");
  g_autofree char *out = NULL, *err = NULL;

  /* No -f: compose.yaml of the working directory. */
  g_assert_cmpint (run_cli (dir, &out, &err, "validate", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
  wharf_test_rmtree (dir);
}

static void
test_validate_collision (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *file = wharf_test_write_file (dir, "compose.yaml",
                                                 "services:\n  web-app:\n    image: a:1\n  webapp:\n    image: b:1\n");
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (dir, &out, &err, "validate", "-f", file, NULL), ==, 1);
  g_assert_nonnull (strstr (out, ":4:3: error: services: services “web-app” and “webapp”"));
  wharf_test_rmtree (dir);
}

static void
test_convert_formats (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *file = wharf_test_write_file (dir, "compose.yaml",
                                                 "services:\n  app:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n");
  g_autofree char *out = NULL, *err = NULL, *written = NULL;
  g_autofree char *output = g_build_filename (dir, "stack.yaml", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfNode) parsed = NULL;
  JsonObject *root;

  g_assert_cmpint (run_cli (dir, &out, &err, "convert", "-f", file, "-p", "shop", "--format", "json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "Resources"), "AppService"));
  /* Offline: VPC and subnets are parameters. */
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "Parameters"), "VpcId"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (json_object_get_object_member (root, "Resources"), "Cluster"),
                     "Properties"), "ClusterName"), ==, "shop");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (dir, &out, &err, "convert", "-f", file, "-o", output, "--region", "eu-west-3", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (output, &written, NULL, NULL));
  parsed = wharf_node_parse (written, strlen (written), output, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (written, "eu-west-3.compute.internal"));
  g_assert_true (g_str_has_prefix (written, "AWSTemplateFormatVersion: \"2010-09-09\"\n"));
  wharf_test_rmtree (dir);
}

static void
test_convert_failures (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *file = wharf_test_write_file (dir, "compose.yaml",
                                                 "services:\n  app:\n    build: .\n");
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (dir, &out, &err, "convert", "-f", file, "--format", "xml", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "unknown format"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (dir, &out, &err, "convert", "-f", file, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, ":2:3: error: services.app: service app doesn’t define a Docker image to run"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (dir, &out, &err, "convert", "extra", NULL), ==, 2);
  wharf_test_rmtree (dir);
}

/* 130 services are 4 resources each, 525 in all: over CloudFormation’s 500. */
static void
test_resource_limit (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autoptr(GString) yaml = g_string_new ("services:\n");
  g_autofree char *file = NULL, *out = NULL, *err = NULL;

  for (guint i = 0; i < 130; i++)
    g_string_append_printf (yaml, "  svc%u:\n    image: nginx:1.27\n", i);
  file = wharf_test_write_file (dir, "compose.yaml", yaml->str);
  g_assert_cmpint (run_cli (dir, &out, &err, "convert", "-f", file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "resources; CloudFormation allows at most 500"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (dir, &out, &err, "validate", "-f", file, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "error: the template has"));
  wharf_test_rmtree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ecs/cli/validate-errors", test_validate_errors);
  g_test_add_func ("/ecs/cli/validate-ok", test_validate_ok);
  g_test_add_func ("/ecs/cli/validate-collision", test_validate_collision);
  g_test_add_func ("/ecs/cli/convert-formats", test_convert_formats);
  g_test_add_func ("/ecs/cli/convert-failures", test_convert_failures);
  g_test_add_func ("/ecs/cli/resource-limit", test_resource_limit);
  return g_test_run ();
}
