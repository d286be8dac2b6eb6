/* conformance-loader.c: compose-go's loader/testdata (extends, include,
 * cycles) and the v2.9.1 full example.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "conformance-util.h"
#include "conformance-tests.h"

#define TESTDATA "compose-spec", "compose-go", "loader", "testdata"

/* Loading FILE fails with CODE and a message containing each of the
 * NULL-terminated strings that follow. */
static void
assert_load_fails (const char         *dir,
                   const char         *file,
                   WharfComposeError   code,
                   ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  const char *needle;
  va_list args;

  p = conf_load (&(ConfLoad) { .dir = dir, .files = CONF_STRV (file) }, &error);
  g_assert_null (p);
  g_assert_error (error, WHARF_COMPOSE_ERROR, (int) code);
  va_start (args, code);
  while ((needle = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, needle) == NULL)
      g_error ("“%s” does not contain “%s”", error->message, needle);
  va_end (args);
}

/* extends/base.yaml: same-file extends, ports, ulimits, a cross-file
 * extends with a relative build, an empty service. */
static void
test_extends_base (void)
{
  g_autofree char *dir = conf_peer_dir (TESTDATA, "extends", NULL);
  g_autoptr(WharfComposeProject) p = NULL;
  g_autofree char *keys = NULL;
  WharfNode *services;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("base.yaml") });
  services = conf_at (conf_root (p), "services");
  keys = conf_keys (services, "");
  g_assert_cmpstr (keys, ==, "another,base,nil,with-build,with-port,withUlimits");
  /* TestExtendsPort, TestExtendsUlimits. */
  g_assert_cmpstr (conf_str (services, "another.image"), ==, "base");
  g_assert_null (conf_at (services, "another.extends"));
  g_assert_cmpstr (conf_str (services, "with-port.ports.0.published"), ==, "8000");
  g_assert_cmpstr (conf_str (services, "with-port.ports.0.target"), ==, "8000");
  g_assert_cmpstr (conf_str (services, "withUlimits.ulimits.nproc"), ==, "65535");
  g_assert_cmpstr (conf_str (services, "withUlimits.ulimits.nofile.soft"), ==, "20000");
  g_assert_cmpstr (conf_str (services, "withUlimits.ulimits.nofile.hard"), ==, "40000");
  /* TestExtendsRelativePath: `build: .` of sibling.yaml is extends/. */
  g_assert_cmpstr (conf_str (services, "with-build.build.context"), ==, dir);
  /* TestExtendsNil: the empty service is kept. */
  g_assert_nonnull (conf_at (services, "nil"));
}

/* extends/ports.yaml: a local port equal to the inherited one is not
 * duplicated (TestExtendsPortOverride). */
static void
test_extends_port_override (void)
{
  g_autofree char *peer = conf_peer_dir (TESTDATA, "extends", NULL);
  g_autofree char *tmp = NULL, *path = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *ports;

  if (peer == NULL)
    return;
  tmp = conf_copy_tree (peer);
  path = wharf_test_write_file (tmp, "compose.yaml",
                                "services:\n"
                                "  test:\n"
                                "    extends: {file: ports.yaml, service: test}\n"
                                "    ports: [\"8080:8080\"]\n");
  p = conf_load_ok (&(ConfLoad) { .dir = tmp, .files = CONF_STRV ("compose.yaml") });
  ports = conf_at (conf_root (p), "services.test.ports");
  g_assert_cmpuint (wharf_node_sequence_size (ports), ==, 1);
  g_assert_cmpstr (conf_str (ports, "0.published"), ==, "8080");
  g_assert_cmpstr (conf_str (conf_root (p), "services.test.image"), ==, "test");
  wharf_test_rmtree (tmp);
}

/* extends/reset.yaml: `command: !reset` removes the inherited command. */
static void
test_extends_reset (void)
{
  g_autofree char *dir = conf_peer_dir (TESTDATA, "extends", NULL);
  g_autoptr(WharfComposeProject) p = NULL;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("reset.yaml") });
  g_assert_cmpstr (conf_str (conf_root (p), "services.base.image"), ==, "alpine:latest");
  g_assert_null (conf_at (conf_root (p), "services.base.command"));
  g_assert_nonnull (conf_at (conf_root (p), "services.init.command"));
}

/* extends/interpolated.yaml: ${SOURCE:-/dev/null} in the extended file
 * (TestExtendsWithInterpolation). */
static void
test_extends_interpolated (void)
{
  g_autofree char *peer = conf_peer_dir (TESTDATA, "extends", NULL);
  g_autofree char *tmp = NULL, *path = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *v;

  if (peer == NULL)
    return;
  tmp = conf_copy_tree (peer);
  path = wharf_test_write_file (tmp, "compose.yaml",
                                "services:\n"
                                "  bar:\n"
                                "    extends: {file: interpolated.yaml, service: foo}\n");
  p = conf_load_ok (&(ConfLoad) { .dir = tmp, .files = CONF_STRV ("compose.yaml") });
  v = conf_at (conf_root (p), "services.bar.volumes.0");
  g_assert_cmpstr (conf_str (v, "type"), ==, "bind");
  g_assert_cmpstr (conf_str (v, "source"), ==, "/dev/null");
  g_assert_cmpstr (conf_str (v, "target"), ==, "/tmp/foo");
  g_assert_cmpstr (conf_str (v, "read_only"), ==, "true");
  wharf_test_rmtree (tmp);
}

/* extends/depends_on.yaml: extending a service that references `zot`,
 * absent from the extending project, fails (extends_test.go). */
static void
test_extends_depends_on (void)
{
  static const char * const services[] = {
    "with_depends_on", "with_volumes_from", "with_ipc", "with_network_mode",
  };
  g_autofree char *peer = conf_peer_dir (TESTDATA, "extends", NULL);
  g_autofree char *tmp = NULL;

  if (peer == NULL)
    return;
  tmp = conf_copy_tree (peer);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      g_autofree char *name = g_strdup_printf ("extends-%s.yaml", services[i]);
      g_autofree char *yaml = g_strdup_printf ("services:\n"
                                               "  %s:\n"
                                               "    extends: {file: depends_on.yaml, service: %s}\n",
                                               services[i], services[i]);
      g_autofree char *path = wharf_test_write_file (tmp, name, yaml);

      assert_load_fails (tmp, name, WHARF_COMPOSE_ERROR_INVALID,
                         services[i], "undefined service", "zot", NULL);
    }
  wharf_test_rmtree (tmp);
}

/* extends/withdir: nested `file:` paths relative to each intermediate file. */
static void
test_extends_withdir (void)
{
  g_autofree char *dir = conf_peer_dir (TESTDATA, "extends", "withdir", NULL);
  g_autoptr(WharfComposeProject) p = NULL;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("compose.yaml") });
  g_assert_cmpstr (conf_str (conf_root (p), "services.test.image"), ==, "hello-world");
}

/* compose-test-extends.yaml: env_file relative to the imported file; the
 * service's env_file does not feed interpolation (TestLoadWithExtends). */
static void
test_extends_imported (void)
{
  g_autofree char *dir = conf_peer_dir (TESTDATA, NULL);
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *s;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("compose-test-extends.yaml") });
  g_assert_cmpstr (wharf_compose_project_get_name (p), ==, "compose-test-extends");
  s = conf_at (conf_root (p), "services.importer");
  g_assert_cmpstr (conf_str (s, "image"), ==, "nginx");
  g_assert_cmpstr (conf_str (s, "container_name"), ==, "imported");
  g_assert_cmpstr (conf_str (s, "environment.SOURCE"), ==, "extends");
  g_assert_cmpstr (conf_str (s, "volumes.0.source"), ==, "/opt/data");
  g_assert_cmpstr (conf_str (s, "volumes.0.target"), ==, "/var/lib/mysql");
}

/* compose-include.yaml: long-syntax include of subdir/…imported.yaml. */
static void
test_include (void)
{
  g_autofree char *dir = conf_peer_dir (TESTDATA, NULL);
  g_autoptr(WharfComposeProject) p = NULL;
  g_autofree char *keys = NULL;
  WharfNode *services;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("compose-include.yaml"),
                                  .project_name = "include" });
  services = conf_at (conf_root (p), "services");
  keys = conf_keys (services, "");
  g_assert_cmpstr (keys, ==, "bar,imported");
  g_assert_cmpstr (conf_str (services, "bar.environment.FOO"), ==, "BAR");
  /* ./extra.env is read relative to subdir/. */
  g_assert_cmpstr (conf_str (services, "imported.environment.SOURCE"), ==, "extends");
  g_assert_cmpstr (conf_str (services, "imported.container_name"), ==, "imported");
  g_assert_null (conf_at (conf_root (p), "include"));
}

/* include/: `build: .` and `./:/mnt` of the included file mean include/. */
static void
test_include_paths (void)
{
  g_autofree char *dir = conf_peer_dir (TESTDATA, "include", NULL);
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *s;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir, .files = CONF_STRV ("compose.yaml") });
  s = conf_at (conf_root (p), "services.included");
  g_assert_cmpstr (conf_str (s, "build.context"), ==, dir);
  g_assert_cmpstr (conf_str (s, "volumes.0.type"), ==, "bind");
  g_assert_cmpstr (conf_str (s, "volumes.0.source"), ==, dir);
  g_assert_cmpstr (conf_str (s, "volumes.0.target"), ==, "/mnt");
}

static void
test_include_cycle (void)
{
  g_autofree char *dir = conf_peer_dir (TESTDATA, NULL);

  if (dir != NULL)
    assert_load_fails (dir, "compose-include-cycle.yaml", WHARF_COMPOSE_ERROR_CYCLE,
                       "compose-include-cycle.yaml", NULL);
}

static void
test_depends_on_cycle (void)
{
  g_autofree char *dir = conf_peer_dir (TESTDATA, NULL);

  if (dir != NULL)
    assert_load_fails (dir, "compose-depends-on-cycle.yaml", WHARF_COMPOSE_ERROR_CYCLE,
                       "service1", "service2", "service3", NULL);
}

static void
test_depends_on_self (void)
{
  g_autofree char *dir = conf_peer_dir (TESTDATA, NULL);

  if (dir != NULL)
    assert_load_fails (dir, "compose-depends-on-self.yaml", WHARF_COMPOSE_ERROR_INVALID,
                       "service1", "depends on itself", NULL);
}

/* compose-go@v2.9.1/loader/full-example.yml, with empty stand-ins for the
 * files it names that the corpus does not carry, and a second file
 * defining the services, network and volume it refers to. */
static void
test_full_example (void)
{
  static const char * const stand_ins[] = {
    "example1.label", "example2.label", "config_data", "secret_data",
  };
  g_autofree char *peer = conf_peer_dir ("compose-spec", "compose-go@v2.9.1", "loader", NULL);
  g_autofree char *tmp = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *root, *foo;

  if (peer == NULL)
    return;
  tmp = conf_copy_tree (peer);
  for (guint i = 0; i < G_N_ELEMENTS (stand_ins); i++)
    g_free (wharf_test_write_file (tmp, stand_ins[i], ""));
  /* Alone it names services, a network and a volume it never defines
   * (upstream loads it with the consistency check off): Docker refuses it,
   * naming each. */
  assert_load_fails (tmp, "full-example.yml", WHARF_COMPOSE_ERROR_INVALID, "undefined service", "db", NULL);
  /* foo also has both network_mode and networks, which Docker refuses
   * (test-loader checks that error): the second file resets network_mode. */
  g_free (wharf_test_write_file (tmp, "stand-ins.yml",
                                 "services:\n"
                                 "  foo: {network_mode: !reset null}\n"
                                 "  db: {image: db}\n"
                                 "  redis: {image: redis}\n"
                                 "networks:\n"
                                 "  other-other-network: {}\n"
                                 "volumes:\n"
                                 "  datavolume: {}\n"));
  p = conf_load_ok (&(ConfLoad) { .dir = tmp, .files = CONF_STRV ("full-example.yml", "stand-ins.yml"),
                                  .env = CONF_STRV (CONF_BASE_ENV, "QUX=qux_from_environment") });
  root = conf_root (p);
  g_assert_cmpstr (wharf_compose_project_get_name (p), ==, "full_example_project_name");
  foo = conf_at (root, "services.foo");
  /* ${COMPOSE_PROJECT_NAME} is the project name. */
  g_assert_cmpstr (conf_str (foo, "build.tags.2"), ==, "full_example_project_name:1.0.0");
  g_assert_cmpstr (conf_str (foo, "build.secrets.1.mode"), ==, "0440");
  /* env_file, environment and the OS, in Docker's order. */
  g_assert_cmpstr (conf_str (foo, "environment.FOO"), ==, "foo_from_env_file");
  g_assert_cmpstr (conf_str (foo, "environment.BAR"), ==, "bar_from_env_file_2");
  g_assert_cmpstr (conf_str (foo, "environment.BAZ"), ==, "baz_from_service_def");
  g_assert_cmpstr (conf_str (foo, "environment.QUX"), ==, "qux_from_environment");
  g_assert_cmpstr (wharf_node_mapping_lookup_string (conf_at (foo, "environment"), "ENV.WITH.DOT"), ==, "ok");
  /* Durations, sizes, ulimits, ports. */
  g_assert_cmpstr (conf_str (foo, "healthcheck.test.0"), ==, "CMD-SHELL");
  g_assert_cmpstr (conf_str (foo, "healthcheck.interval"), ==, "10s");
  g_assert_cmpstr (conf_str (foo, "deploy.resources.limits.memory"), ==, "52428800");
  g_assert_cmpstr (conf_str (foo, "deploy.rollback_config.monitor"), ==, "1m0s");
  g_assert_cmpstr (conf_str (foo, "stop_grace_period"), ==, "20s");
  g_assert_cmpstr (conf_str (foo, "ulimits.nproc"), ==, "65535");
  g_assert_cmpstr (conf_str (foo, "volumes.7.tmpfs.size"), ==, "10000");
  /* 3000, 3001-3005, 8000, 9090-9091:8080-8081, 49100:22,
   * 127.0.0.1:8001:8001, 127.0.0.1:5000-5010:5000-5010. */
  g_assert_cmpuint (wharf_node_sequence_size (conf_at (foo, "ports")), ==, 1 + 5 + 1 + 2 + 1 + 1 + 11);
  g_assert_cmpstr (conf_str (foo, "volumes.2.source"), ==, tmp);
  g_assert_cmpstr (conf_str (foo, "volumes.4.source"), ==, "/home/tester/configs");
  /* Legacy `external: {name:}`. */
  g_assert_cmpstr (conf_str (root, "networks.other-external-network.name"), ==, "my-cool-network");
  g_assert_cmpstr (conf_str (root, "volumes.other-external-volume.name"), ==, "my-cool-volume");
  g_assert_cmpstr (conf_str (root, "networks.some-network.name"), ==, "full_example_project_name_some-network");
  g_assert_cmpstr (conf_str (root, "x-nested.foo"), ==, "bar");
  g_assert_cmpstr (conf_str (root, "services.bar.build.context"), ==, tmp);
  wharf_test_rmtree (tmp);
}

void
conformance_add_loader_tests (void)
{
  g_test_add_func ("/conformance/compose-go/extends/base", test_extends_base);
  g_test_add_func ("/conformance/compose-go/extends/port-override", test_extends_port_override);
  g_test_add_func ("/conformance/compose-go/extends/reset", test_extends_reset);
  g_test_add_func ("/conformance/compose-go/extends/interpolated", test_extends_interpolated);
  g_test_add_func ("/conformance/compose-go/extends/depends-on-undefined", test_extends_depends_on);
  g_test_add_func ("/conformance/compose-go/extends/withdir", test_extends_withdir);
  g_test_add_func ("/conformance/compose-go/extends/imported", test_extends_imported);
  g_test_add_func ("/conformance/compose-go/include/long-syntax", test_include);
  g_test_add_func ("/conformance/compose-go/include/paths", test_include_paths);
  g_test_add_func ("/conformance/compose-go/include/cycle", test_include_cycle);
  g_test_add_func ("/conformance/compose-go/depends-on/cycle", test_depends_on_cycle);
  g_test_add_func ("/conformance/compose-go/depends-on/self", test_depends_on_self);
  g_test_add_func ("/conformance/compose-go/full-example", test_full_example);
}
