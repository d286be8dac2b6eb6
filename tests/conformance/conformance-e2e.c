/* conformance-e2e.c: the Compose files of Docker Compose's e2e tests
 * (docker-compose/pkg/e2e): profiles, `.env` precedence, secrets from the
 * environment through include.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "conformance-util.h"
#include "conformance-tests.h"

#define E2E "compose-spec", "docker-compose", "pkg", "e2e"

/* TestUpProfile: without a profile only `db`; with `test` all three. */
static void
test_up_profile (void)
{
  g_autofree char *dir = conf_peer_dir (E2E, "testdata", "TestUpProfile", NULL);
  g_autoptr(WharfComposeProject) p = NULL;
  g_autofree char *keys = NULL, *with = NULL;
  const char * const *all;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir });
  keys = conf_keys (conf_root (p), "services");
  g_assert_cmpstr (keys, ==, "db");
  g_assert_cmpuint (g_list_model_get_n_items (wharf_compose_project_get_services (p)), ==, 1);
  all = wharf_compose_project_get_all_profiles (p);
  g_assert_cmpstr (all[0], ==, "test");
  g_assert_null (all[1]);

  g_clear_object (&p);
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .profiles = CONF_STRV ("test") });
  with = conf_keys (conf_root (p), "services");
  g_assert_cmpstr (with, ==, "bar,db,foo");
  g_assert_cmpstr (conf_str (conf_root (p), "services.foo.depends_on.db.condition"), ==, "service_started");

  /* COMPOSE_PROFILES does the same. */
  g_clear_object (&p);
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .env = CONF_STRV (CONF_BASE_ENV, "COMPOSE_PROFILES=test") });
  g_assert_cmpuint (g_list_model_get_n_items (wharf_compose_project_get_services (p)), ==, 3);
}

/* fixtures/dotenv: the project-directory `.env` sets COMPOSE_FILE and
 * COMPOSE_PROFILES; the image comes from the variables, with the defaults
 * of development/.env where the first `.env` does not set them. */
static void
test_dotenv_compose_file (void)
{
  g_autofree char *dir = conf_peer_dir (E2E, "fixtures", "dotenv", NULL);
  g_autofree char *expected = NULL, *keys = NULL;
  g_autoptr(WharfComposeProject) p = NULL;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir });
  expected = g_build_filename (dir, "development", "compose.yaml", NULL);
  g_assert_cmpstr (wharf_compose_project_get_files (p)[0], ==, expected);
  keys = conf_keys (conf_root (p), "services");
  g_assert_cmpstr (keys, ==, "backend,test");
  g_assert_cmpstr (conf_str (conf_root (p), "services.test.image"), ==, "enabled:profile");
  /* IMAGE_NAME=test from .env; IMAGE_TAG unset there: no value. */
  g_assert_true (g_str_has_prefix (conf_str (conf_root (p), "services.backend.image"), "test:"));
}

/* TestEnvPriority: shell, then --env-file, then `.env`; a ${X:-default}
 * inside the env file; an empty env file leaves the variable unset. Seen
 * through a bare `environment: [WHEREAMI]` added by an override file. */
static void
test_env_priority (void)
{
  g_autofree char *peer = conf_peer_dir (E2E, "testdata", "TestEnvPriority", NULL);
  g_autofree char *tmp = NULL, *override = NULL, *empty = NULL;
  const char * const files[] = { "compose.yaml", "override.yaml", NULL };
  struct {
    const char * const *env;
    const char * const *env_files;
    const char         *expected;
  } cases[] = {
    { CONF_STRV (CONF_BASE_ENV, "WHEREAMI=shell"), CONF_STRV (".env.override"), "shell" },
    { NULL, CONF_STRV (".env.override"), "override" },
    { NULL, CONF_STRV (".env.override.with.default"), "EnvFileDefaultValue" },
    { CONF_STRV (CONF_BASE_ENV, "WHEREAMI=shell"), CONF_STRV (".env.override.with.default"), "shell" },
    { NULL, NULL, "Env File" },
    { NULL, CONF_STRV ("empty.env"), NULL },
  };

  if (peer == NULL)
    return;
  tmp = conf_copy_tree (peer);
  override = wharf_test_write_file (tmp, "override.yaml",
                                    "services:\n"
                                    "  env-compose-priority:\n"
                                    "    environment: [WHEREAMI]\n");
  empty = wharf_test_write_file (tmp, "empty.env", "");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WharfComposeProject) p = NULL;
      WharfNode *env;

      p = conf_load_ok (&(ConfLoad) { .dir = tmp, .files = files, .env = cases[i].env,
                                      .env_files = cases[i].env_files });
      env = conf_at (conf_root (p), "services.env-compose-priority.environment");
      g_assert_cmpstr (wharf_node_mapping_lookup_string (env, "WHEREAMI"), ==, cases[i].expected);
      g_assert_cmpstr (conf_str (conf_root (p), "services.env-compose-priority.build.context"), ==, tmp);
    }
  wharf_test_rmtree (tmp);
}

/* TestSecretFromEnv: secrets from `environment:`, the long service syntax
 * (mode 0440 is octal), and an include whose env_file feeds the included
 * file's variables. */
static void
test_secret_from_env (void)
{
  g_autofree char *dir = conf_peer_dir (E2E, "testdata", "TestSecretFromEnv", NULL);
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *root;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .env = CONF_STRV (CONF_BASE_ENV, "SECRET=from-shell") });
  root = conf_root (p);
  g_assert_cmpstr (conf_str (root, "secrets.secret.environment"), ==, "SECRET");
  g_assert_cmpstr (conf_str (root, "secrets.my-secret.environment"), ==, "MY_SECRET");
  g_assert_cmpstr (conf_str (root, "services.foo.secrets.0.source"), ==, "secret");
  g_assert_cmpstr (conf_str (root, "services.foo.secrets.0.target"), ==, "bar");
  g_assert_cmpstr (conf_str (root, "services.foo.secrets.0.uid"), ==, "1005");
  g_assert_cmpstr (conf_str (root, "services.foo.secrets.0.gid"), ==, "1005");
  g_assert_cmpstr (conf_str (root, "services.foo.secrets.0.mode"), ==, "0440");
  g_assert_cmpstr (conf_str (root, "services.included.secrets.0.source"), ==, "my-secret");
  g_assert_cmpstr (conf_str (root, "services.included.command.1"), ==, "/run/secrets/my-secret");
}

void
conformance_add_e2e_tests (void)
{
  g_test_add_func ("/conformance/docker-compose/up-profile", test_up_profile);
  g_test_add_func ("/conformance/docker-compose/dotenv-compose-file", test_dotenv_compose_file);
  g_test_add_func ("/conformance/docker-compose/env-priority", test_env_priority);
  g_test_add_func ("/conformance/docker-compose/secret-from-env", test_secret_from_env);
}
