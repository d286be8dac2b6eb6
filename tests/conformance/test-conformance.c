/* test-conformance.c: every file of ../shared/peer-tests/compose-spec gives
 * the result its README states (loads with the stated values, or fails
 * with the stated error). The awesome-compose corpus is in
 * conformance-awesome.c, Docker's e2e fixtures in conformance-e2e.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "conformance-util.h"
#include "conformance-tests.h"
#include "wharf-compose-schema.h"

#define COMPOSE_GO "compose-spec", "compose-go"

/* cli/testdata/simple: `.env` feeds ${PUBLIC_PORT} (TestProjectWithDotEnv). */
static void
test_simple_dot_env (void)
{
  g_autofree char *dir = conf_peer_dir (COMPOSE_GO, "cli", "testdata", "simple", NULL);
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *ports;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("compose-with-variables.yaml") });
  ports = conf_at (conf_root (p), "services.simple.ports");
  g_assert_cmpuint (wharf_node_sequence_size (ports), ==, 1);
  g_assert_cmpstr (conf_str (ports, "0.published"), ==, "8000");
  g_assert_cmpstr (conf_str (ports, "0.target"), ==, "80");
  g_assert_cmpstr (conf_str (ports, "0.protocol"), ==, "tcp");

  /* The process environment beats `.env`. */
  g_clear_object (&p);
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("compose-with-variables.yaml"),
                                  .env = CONF_STRV (CONF_BASE_ENV, "PUBLIC_PORT=8123") });
  g_assert_cmpstr (conf_str (conf_root (p), "services.simple.ports.0.published"), ==, "8123");
}

/* `name: test-${TEST}-test` (TestProjectName). */
static void
test_simple_project_name (void)
{
  g_autofree char *dir = conf_peer_dir (COMPOSE_GO, "cli", "testdata", "simple", NULL);
  g_autoptr(WharfComposeProject) p = NULL;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("compose-name.yaml"),
                                  .env = CONF_STRV (CONF_BASE_ENV, "TEST=expected") });
  g_assert_cmpstr (wharf_compose_project_get_name (p), ==, "test-expected-test");
  g_assert_cmpstr (conf_str (conf_root (p), "name"), ==, "test-expected-test");
  g_assert_cmpstr (conf_str (conf_root (p), "networks.default.name"), ==, "test-expected-test_default");

  /* -p beats `name:`. */
  g_clear_object (&p);
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("compose-name.yaml"),
                                  .env = CONF_STRV (CONF_BASE_ENV, "TEST=expected"),
                                  .project_name = "explicit" });
  g_assert_cmpstr (wharf_compose_project_get_name (p), ==, "explicit");
}

/* Two -f files, the second overrides image (TestProjectFromSetOfFiles). */
static void
test_simple_set_of_files (void)
{
  g_autofree char *dir = conf_peer_dir (COMPOSE_GO, "cli", "testdata", "simple", NULL);
  g_autofree char *first = NULL, *second = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  const char * const *files;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("compose.yaml", "compose-with-overrides.yaml") });
  g_assert_cmpstr (conf_str (conf_root (p), "services.simple.image"), ==, "haproxy");
  first = g_build_filename (dir, "compose.yaml", NULL);
  second = g_build_filename (dir, "compose-with-overrides.yaml", NULL);
  files = wharf_compose_project_get_files (p);
  g_assert_cmpuint (g_strv_length ((char **) files), ==, 2);
  g_assert_cmpstr (files[0], ==, first);
  g_assert_cmpstr (files[1], ==, second);
}

/* cli/testdata/env-file: --env-file .env --env-file override.env, and two
 * service env_files (TestProjectWithMultipleEnvFile). */
static void
test_env_file_precedence (void)
{
  g_autofree char *dir = conf_peer_dir (COMPOSE_GO, "cli", "testdata", "env-file", NULL);
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *s;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("compose-with-env-files.yaml"),
                                  .env_files = CONF_STRV (".env", "override.env") });
  s = conf_at (conf_root (p), "services.simple");
  g_assert_cmpstr (conf_str (s, "ports.0.published"), ==, "9000");
  g_assert_cmpstr (conf_str (s, "ports.0.target"), ==, "80");
  /* The second env_file wins, and env_file is folded into environment. */
  g_assert_cmpstr (conf_str (s, "environment.DEFAULT_PORT"), ==, "9090");
  g_assert_null (conf_at (s, "env_file"));
  /* COMPOSE_PROJECT_NAME comes from the first --env-file. */
  g_assert_cmpstr (wharf_compose_project_get_name (p), ==, "my_project_from_dot_env");

  /* Only .env: PORT=8000. */
  g_clear_object (&p);
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("compose-with-env-files.yaml") });
  g_assert_cmpstr (conf_str (conf_root (p), "services.simple.ports.0.published"), ==, "8000");
}

/* Without -f, COMPOSE_FILE and COMPOSE_PROJECT_NAME come from `.env`. */
static void
test_env_file_selects_compose_file (void)
{
  g_autofree char *dir = conf_peer_dir (COMPOSE_GO, "cli", "testdata", "env-file", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *s;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir });
  expected = g_build_filename (dir, "compose-with-env-file.yaml", NULL);
  g_assert_cmpstr (wharf_compose_project_get_files (p)[0], ==, expected);
  g_assert_cmpstr (wharf_compose_project_get_name (p), ==, "my_project_from_dot_env");
  s = conf_at (conf_root (p), "services.simple");
  g_assert_cmpstr (conf_str (s, "ports.0.published"), ==, "8000");
  g_assert_cmpstr (conf_str (s, "environment.DEFAULT_PORT"), ==, "8080");
}

/* types/fixtures: two env_files interpolating each other, `environment:`
 * and the OS environment (TestProject_WithServicesEnvironmentResolved). */
static void
test_types_env_files (void)
{
  g_autofree char *peer = conf_peer_dir (COMPOSE_GO, "types", NULL);
  g_autofree char *tmp = NULL, *path = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *env;

  if (peer == NULL)
    return;
  tmp = conf_copy_tree (peer);
  path = wharf_test_write_file (tmp, "compose.yaml",
                                "services:\n"
                                "  app:\n"
                                "    image: app\n"
                                "    env_file: [fixtures/base.env, fixtures/override.env]\n"
                                "    environment:\n"
                                "      - QIX\n"
                                "      - ZOT=zot_from_environment\n");
  p = conf_load_ok (&(ConfLoad) { .dir = tmp, .files = CONF_STRV ("compose.yaml"),
                                  .env = CONF_STRV (CONF_BASE_ENV, "QIX=qix_from_os", "BAR=bar_from_os") });
  env = conf_at (conf_root (p), "services.app.environment");
  /* The later file overrides the earlier one. */
  g_assert_cmpstr (conf_str (env, "FOO"), ==, "foo_from_override.env");
  /* The OS environment does not override an env_file value... */
  g_assert_cmpstr (conf_str (env, "BAR"), ==, "bar_from_override.env");
  /* ...but wins for interpolation inside env files. */
  g_assert_cmpstr (conf_str (env, "INTERPOLATED_BAR"), ==, "bar_from_os");
  /* environment: beats env_file; a bare key takes the OS value. */
  g_assert_cmpstr (conf_str (env, "ZOT"), ==, "zot_from_environment");
  g_assert_cmpstr (conf_str (env, "QIX"), ==, "qix_from_os");
  wharf_test_rmtree (tmp);
}

/* dotenv/fixtures: a file with a UTF-8 BOM reads exactly like plain.env,
 * also through env_file. */
static void
test_dotenv_bom (void)
{
  g_autofree char *peer = conf_peer_dir (COMPOSE_GO, "dotenv", NULL);
  g_autofree char *tmp = NULL, *path = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *plain, *bom;

  if (peer == NULL)
    return;
  tmp = conf_copy_tree (peer);
  path = wharf_test_write_file (tmp, "compose.yaml",
                                "services:\n"
                                "  plain: {image: a, env_file: fixtures/plain.env}\n"
                                "  bom: {image: a, env_file: fixtures/utf8-bom.env}\n");
  p = conf_load_ok (&(ConfLoad) { .dir = tmp, .files = CONF_STRV ("compose.yaml") });
  plain = conf_at (conf_root (p), "services.plain.environment");
  bom = conf_at (conf_root (p), "services.bom.environment");
  g_assert_cmpuint (wharf_node_mapping_size (plain), >, 0);
  g_assert_true (wharf_node_equal (plain, bom));
  g_assert_cmpstr (conf_str (plain, "OPTION_C"), ==, "3");
  g_assert_cmpstr (conf_str (plain, "OPTION_E"), ==, "5");
  wharf_test_rmtree (tmp);
}

/* schema/using-variables.yaml: every typed attribute written ${VARIABLE}
 * passes schema validation before interpolation (TestValidateVariables). */
static void
test_using_variables (void)
{
  g_autofree char *path = wharf_test_peer_path (COMPOSE_GO, "schema", "using-variables.yaml", NULL);
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  root = wharf_node_parse_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (wharf_compose_schema_validate (root, diagnostics));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diagnostics)), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conformance/compose-go/simple/dot-env", test_simple_dot_env);
  g_test_add_func ("/conformance/compose-go/simple/project-name", test_simple_project_name);
  g_test_add_func ("/conformance/compose-go/simple/set-of-files", test_simple_set_of_files);
  g_test_add_func ("/conformance/compose-go/env-file/precedence", test_env_file_precedence);
  g_test_add_func ("/conformance/compose-go/env-file/compose-file", test_env_file_selects_compose_file);
  g_test_add_func ("/conformance/compose-go/types/env-files", test_types_env_files);
  g_test_add_func ("/conformance/compose-go/dotenv/bom", test_dotenv_bom);
  g_test_add_func ("/conformance/compose-go/schema/using-variables", test_using_variables);
  conformance_add_loader_tests ();
  conformance_add_e2e_tests ();
  conformance_add_awesome_tests ();

  return g_test_run ();
}
