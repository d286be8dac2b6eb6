/* test-loader.c: the Compose loader, feature by feature, on fixtures
 * written into a temporary folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "wharf-compose-loader.h"
#include "wharf-interpolate.h"
#include "wharf-test-util.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = wharf_test_mkdtemp ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  wharf_test_rmtree (f->dir);
  g_free (f->dir);
}

static void
put (Fixture    *f,
     const char *name,
     const char *contents)
{
  g_free (wharf_test_write_file (f->dir, name, contents));
}

/* Loads with FILES (NULL-terminated, relative to the fixture folder),
 * the environment ENVP, and extra options. */
static WharfComposeProject *
load_full (Fixture             *f,
           const char * const  *files,
           const char * const  *envp,
           const char * const  *profiles,
           const char          *project_name,
           GError             **error)
{
  g_autoptr(WharfComposeLoadOptions) o = wharf_compose_load_options_new ();
  const char * const empty_env[] = { "HOME=/home/tester", NULL };

  wharf_compose_load_options_set_working_directory (o, f->dir);
  wharf_compose_load_options_set_environment (o, envp ? envp : empty_env);
  for (guint i = 0; files && files[i]; i++)
    wharf_compose_load_options_add_file (o, files[i]);
  for (guint i = 0; profiles && profiles[i]; i++)
    wharf_compose_load_options_add_profile (o, profiles[i]);
  if (project_name)
    wharf_compose_load_options_set_project_name (o, project_name);
  return wharf_compose_load (o, NULL, NULL, error);
}

static WharfComposeProject *
load_ok (Fixture            *f,
         const char * const *files,
         const char * const *envp)
{
  g_autoptr(GError) error = NULL;
  WharfComposeProject *p = load_full (f, files, envp, NULL, "test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

static WharfNode *
service (WharfComposeProject *p,
         const char          *name)
{
  WharfNode *s = wharf_node_mapping_lookup (wharf_node_mapping_lookup (wharf_compose_project_get_root (p), "services"), name);
  g_assert_nonnull (s);
  return s;
}

/* Value at a dotted PATH below NODE ("deploy.resources.limits.memory",
 * "ports.0.published"). */
static WharfNode *
at (WharfNode  *node,
    const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (wharf_node_get_kind (node) == WHARF_NODE_SEQUENCE)
        {
          guint index = (guint) g_ascii_strtoull (parts[i], NULL, 10);
          node = index < wharf_node_sequence_size (node) ? wharf_node_sequence_get (node, index) : NULL;
        }
      else
        node = wharf_node_mapping_lookup (node, parts[i]);
    }
  return node;
}

static const char *
str_at (WharfNode  *node,
        const char *path)
{
  return wharf_node_get_scalar (at (node, path));
}

#define FILES(...) ((const char * const []) { __VA_ARGS__, NULL })
#define ENV(...) ((const char * const []) { __VA_ARGS__, NULL })

static void
test_ports (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *s, *ports;

  put (f, "compose.yaml",
         "services:\n"
         "  web:\n"
         "    image: nginx\n"
         "    ports:\n"
         "      - 80\n"
         "      - \"8080:80\"\n"
         "      - 127.0.0.1:9000:9000/udp\n"
         "      - \"127.0.0.1::5000\"\n"
         "      - \"[::1]:6000:6000\"\n"
         "      - \"7000-7001:8000-8001\"\n"
         "      - \"9100-9110:9100\"\n"
         "      - target: 443\n"
         "        published: 8443\n");
  p = load_ok (f, FILES ("compose.yaml"), NULL);
  s = service (p, "web");
  ports = wharf_node_mapping_lookup (s, "ports");
  g_assert_cmpuint (wharf_node_sequence_size (ports), ==, 9);
  g_assert_cmpstr (str_at (ports, "0.target"), ==, "80");
  g_assert_null (at (ports, "0.published"));
  g_assert_cmpstr (str_at (ports, "1.published"), ==, "8080");
  g_assert_cmpint (wharf_node_get_scalar_type (at (ports, "1.published")), ==, WHARF_SCALAR_STRING);
  g_assert_cmpint (wharf_node_get_scalar_type (at (ports, "1.target")), ==, WHARF_SCALAR_INT);
  g_assert_cmpstr (str_at (ports, "1.mode"), ==, "ingress");
  g_assert_cmpstr (str_at (ports, "2.host_ip"), ==, "127.0.0.1");
  g_assert_cmpstr (str_at (ports, "2.protocol"), ==, "udp");
  g_assert_cmpstr (str_at (ports, "3.host_ip"), ==, "127.0.0.1");
  g_assert_null (at (ports, "3.published"));
  g_assert_cmpstr (str_at (ports, "4.host_ip"), ==, "::1");
  g_assert_cmpstr (str_at (ports, "5.published"), ==, "7000");
  g_assert_cmpstr (str_at (ports, "5.target"), ==, "8000");
  g_assert_cmpstr (str_at (ports, "6.published"), ==, "7001");
  g_assert_cmpstr (str_at (ports, "6.target"), ==, "8001");
  g_assert_cmpstr (str_at (ports, "7.published"), ==, "9100-9110");
  g_assert_cmpstr (str_at (ports, "8.published"), ==, "8443");
  g_assert_cmpstr (str_at (ports, "8.protocol"), ==, "tcp");
}

static void
test_bad_port (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) p = NULL;

  put (f, "compose.yaml", "services:\n  web:\n    image: nginx\n    ports:\n      - \"80:80:80:80\"\n");
  p = load_full (f, FILES ("compose.yaml"), NULL, NULL, "test", &error);
  g_assert_null (p);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "compose.yaml:5:9"));
  g_assert_nonnull (strstr (error->message, "invalid port"));
}

static void
test_volumes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(WharfComposeProject) p = NULL;
  g_autofree char *expected_rel = NULL;
  WharfNode *v;

  put (f, "compose.yaml",
         "services:\n"
         "  db:\n"
         "    image: postgres\n"
         "    volumes:\n"
         "      - data:/var/lib/postgresql/data\n"
         "      - ./conf:/etc/conf:ro\n"
         "      - ~/cache:/cache\n"
         "      - /anon\n"
         "      - type: bind\n"
         "        source: ../up\n"
         "        target: /up\n"
         "      - data:/nocopy:nocopy\n"
         "volumes:\n"
         "  data: {}\n");
  p = load_ok (f, FILES ("compose.yaml"), NULL);
  v = wharf_node_mapping_lookup (service (p, "db"), "volumes");
  g_assert_cmpstr (str_at (v, "0.type"), ==, "volume");
  g_assert_cmpstr (str_at (v, "0.source"), ==, "data");
  g_assert_cmpstr (str_at (v, "0.target"), ==, "/var/lib/postgresql/data");
  g_assert_cmpstr (str_at (v, "1.type"), ==, "bind");
  expected_rel = g_build_filename (f->dir, "conf", NULL);
  g_assert_cmpstr (str_at (v, "1.source"), ==, expected_rel);
  g_assert_cmpstr (str_at (v, "1.read_only"), ==, "true");
  g_assert_cmpstr (str_at (v, "2.source"), ==, "/home/tester/cache");
  g_assert_cmpstr (str_at (v, "3.type"), ==, "volume");
  g_assert_null (at (v, "3.source"));
  g_assert_cmpstr (str_at (v, "3.target"), ==, "/anon");
  g_assert_true (g_path_is_absolute (str_at (v, "4.source")));
  g_assert_false (g_str_has_suffix (str_at (v, "4.source"), "../up"));
  g_assert_cmpstr (str_at (v, "5.volume.nocopy"), ==, "true");
  g_assert_cmpstr (str_at (wharf_compose_project_get_root (p), "volumes.data.name"), ==, "test_data");
}

static void
test_units_and_lists (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *s;

  put (f, "compose.yaml",
         "services:\n"
         "  app:\n"
         "    image: app\n"
         "    command: sh -c 'echo \"hi there\"'\n"
         "    environment:\n"
         "      - A=1\n"
         "      - B\n"
         "      - C=x=y\n"
         "    labels: [\"com.example=1\"]\n"
         "    depends_on: [db]\n"
         "    healthcheck:\n"
         "      test: curl -f http://localhost\n"
         "      interval: 90s\n"
         "      timeout: 1m30s\n"
         "      start_period: 1h\n"
         "    stop_grace_period: 1.5s\n"
         "    mem_limit: 512m\n"
         "    cpus: \"1.5\"\n"
         "    deploy:\n"
         "      resources:\n"
         "        limits: {cpus: 2, memory: 1.5G}\n"
         "    networks: [front]\n"
         "    x-custom: {keep: me}\n"
         "  db:\n"
         "    image: db\n"
         "    secrets: [pw]\n"
         "networks:\n"
         "  front:\n"
         "secrets:\n"
         "  pw:\n"
         "    file: ./pw.txt\n"
         "x-top: 1\n");
  p = load_ok (f, FILES ("compose.yaml"), ENV ("B=from-env", "HOME=/h"));
  s = service (p, "app");
  g_assert_cmpuint (wharf_node_sequence_size (at (s, "command")), ==, 3);
  g_assert_cmpstr (str_at (s, "command.2"), ==, "echo \"hi there\"");
  g_assert_cmpstr (str_at (s, "environment.A"), ==, "1");
  g_assert_cmpint (wharf_node_get_scalar_type (at (s, "environment.A")), ==, WHARF_SCALAR_STRING);
  g_assert_cmpstr (str_at (s, "environment.B"), ==, "from-env");
  g_assert_cmpstr (str_at (s, "environment.C"), ==, "x=y");
  g_assert_cmpstr (wharf_node_mapping_lookup_string (at (s, "labels"), "com.example"), ==, "1");
  g_assert_cmpstr (str_at (s, "depends_on.db.condition"), ==, "service_started");
  g_assert_cmpstr (str_at (s, "depends_on.db.required"), ==, "true");
  g_assert_cmpstr (str_at (s, "healthcheck.test.0"), ==, "CMD-SHELL");
  g_assert_cmpstr (str_at (s, "healthcheck.test.1"), ==, "curl -f http://localhost");
  g_assert_cmpstr (str_at (s, "healthcheck.interval"), ==, "1m30s");
  g_assert_cmpstr (str_at (s, "healthcheck.timeout"), ==, "1m30s");
  g_assert_cmpstr (str_at (s, "healthcheck.start_period"), ==, "1h0m0s");
  g_assert_cmpstr (str_at (s, "stop_grace_period"), ==, "1.5s");
  g_assert_cmpstr (str_at (s, "mem_limit"), ==, "536870912");
  g_assert_cmpstr (str_at (s, "cpus"), ==, "1.5");
  g_assert_cmpstr (str_at (s, "deploy.resources.limits.memory"), ==, "1610612736");
  g_assert_cmpstr (str_at (s, "deploy.resources.limits.cpus"), ==, "2.0");
  g_assert_nonnull (wharf_node_mapping_lookup_key_node (at (s, "networks"), "front"));
  g_assert_cmpstr (str_at (s, "x-custom.keep"), ==, "me");
  g_assert_cmpstr (str_at (service (p, "db"), "secrets.0.source"), ==, "pw");
  g_assert_nonnull (wharf_node_mapping_lookup_key_node (at (service (p, "db"), "networks"), "default"));
  g_assert_cmpstr (str_at (wharf_compose_project_get_root (p), "networks.default.name"), ==, "test_default");
  g_assert_cmpstr (str_at (wharf_compose_project_get_root (p), "networks.front.name"), ==, "test_front");
  g_assert_true (g_str_has_suffix (str_at (wharf_compose_project_get_root (p), "secrets.pw.file"), "/pw.txt"));
  g_assert_cmpstr (str_at (wharf_compose_project_get_root (p), "x-top"), ==, "1");
}

static void
test_merge_files (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *s;

  put (f, "a.yaml",
         "services:\n"
         "  web:\n"
         "    image: nginx:1\n"
         "    command: [a, b]\n"
         "    ports: [\"80:80\", \"443:443\"]\n"
         "    volumes: [\"data:/data\", \"logs:/logs\"]\n"
         "    environment: {A: \"1\", B: \"2\"}\n"
         "    labels: [x=1]\n"
         "    secrets: [one]\n"
         "    dns: [1.1.1.1]\n"
         "    healthcheck: {test: [CMD, a], interval: 5s}\n"
         "  gone:\n"
         "    image: busybox\n"
         "volumes: {data: {}, logs: {}, other: {}}\n"
         "secrets: {one: {file: ./1}, two: {file: ./2}}\n");
  put (f, "b.yaml",
         "services:\n"
         "  web:\n"
         "    image: nginx:2\n"
         "    command: [c]\n"
         "    ports: [\"80:80\", \"8080:8080\"]\n"
         "    volumes: [\"other:/data\"]\n"
         "    environment: [B=3, C=4]\n"
         "    labels: {y: \"2\"}\n"
         "    secrets: [two]\n"
         "    dns: [1.1.1.1, 8.8.8.8]\n"
         "    healthcheck: {test: [CMD, b]}\n");
  p = load_ok (f, FILES ("a.yaml", "b.yaml"), NULL);
  s = service (p, "web");
  g_assert_cmpstr (str_at (s, "image"), ==, "nginx:2");
  /* command is replaced, not appended */
  g_assert_cmpuint (wharf_node_sequence_size (at (s, "command")), ==, 1);
  /* ports merged without duplicates */
  g_assert_cmpuint (wharf_node_sequence_size (at (s, "ports")), ==, 3);
  /* volumes merged by target: /data now from "other" */
  g_assert_cmpuint (wharf_node_sequence_size (at (s, "volumes")), ==, 2);
  g_assert_cmpstr (str_at (s, "volumes.0.source"), ==, "other");
  g_assert_cmpstr (str_at (s, "volumes.0.target"), ==, "/data");
  g_assert_cmpstr (str_at (s, "environment.A"), ==, "1");
  g_assert_cmpstr (str_at (s, "environment.B"), ==, "3");
  g_assert_cmpstr (str_at (s, "environment.C"), ==, "4");
  g_assert_cmpstr (str_at (s, "labels.x"), ==, "1");
  g_assert_cmpstr (str_at (s, "labels.y"), ==, "2");
  g_assert_cmpuint (wharf_node_sequence_size (at (s, "secrets")), ==, 2);
  g_assert_cmpuint (wharf_node_sequence_size (at (s, "dns")), ==, 2);
  g_assert_cmpstr (str_at (s, "healthcheck.test.1"), ==, "b");
  g_assert_cmpuint (wharf_node_sequence_size (at (s, "healthcheck.test")), ==, 2);
  g_assert_cmpstr (str_at (s, "healthcheck.interval"), ==, "5s");
  g_assert_cmpuint (g_strv_length ((char **) wharf_compose_project_get_files (p)), ==, 2);
}

static void
test_reset_override (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WharfComposeProject) p = NULL;
  WharfNode *s;

  put (f, "a.yaml",
         "services:\n"
         "  web:\n"
         "    image: nginx\n"
         "    ports: [\"80:80\"]\n"
         "    environment: {A: \"1\", B: \"2\"}\n"
         "    command: echo hi\n");
  put (f, "b.yaml",
         "services:\n"
         "  web:\n"
         "    ports: !reset []\n"
         "    environment: !override {C: \"3\"}\n"
         "    command: !reset null\n");
  p = load_ok (f, FILES ("a.yaml", "b.yaml"), NULL);
  s = service (p, "web");
  g_assert_null (at (s, "ports"));
  g_assert_null (at (s, "command"));
  g_assert_null (at (s, "environment.A"));
  g_assert_cmpstr (str_at (s, "environment.C"), ==, "3");
}

/* Tags are stripped by a walk the loader skips when no file had one: a
 * tag in any file (the second -f, an extended or an included file) must
 * still be acted on, and none may be left in the model. */
static gboolean
has_tag (const WharfNode *node)
{
  if (wharf_node_get_tag (node) != NULL)
    return TRUE;
  for (guint i = 0; i < wharf_node_mapping_size (node); i++)
    if (has_tag (wharf_node_mapping_get_value (node, i)))
      return TRUE;
  for (guint i = 0; i < wharf_node_sequence_size (node); i++)
    if (has_tag (wharf_node_sequence_get (node, i)))
      return TRUE;
  return FALSE;
}

static void
test_tags_anywhere (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WharfComposeProject) plain = NULL;
  g_autoptr(WharfComposeProject) included = NULL;
  g_autoptr(WharfComposeProject) extended = NULL;
  WharfNode *s;

  put (f, "plain.yaml", "services:\n  web:\n    image: nginx\n    labels: {a: b}\n");
  plain = load_ok (f, FILES ("plain.yaml"), NULL);
  g_assert_false (has_tag (wharf_compose_project_get_root (plain)));

  /* An included file's own override file resets a value: the tag is only
   * in a file the include reads. */
  put (f, "sub/compose.yaml", "services:\n  api:\n    image: api\n    command: [serve]\n"
                              "    labels: !custom {team: a}\n");
  put (f, "sub/compose.override.yaml", "services:\n  api:\n    command: !reset null\n");
  put (f, "main.yaml", "include:\n  - path: [sub/compose.yaml, sub/compose.override.yaml]\n"
                       "services:\n  web:\n    image: nginx\n");
  included = load_ok (f, FILES ("main.yaml"), NULL);
  s = service (included, "api");
  g_assert_null (at (s, "command"));
  g_assert_cmpstr (str_at (s, "labels.team"), ==, "a");
  g_assert_false (has_tag (wharf_compose_project_get_root (included)));

  /* The tag is only in the file extends reads. */
  put (f, "base.yaml", "services:\n  base:\n    image: base\n    environment: !override {A: \"1\"}\n");
  put (f, "ext.yaml", "services:\n  web:\n    extends: {file: base.yaml, service: base}\n");
  extended = load_ok (f, FILES ("ext.yaml"), NULL);
  g_assert_cmpstr (str_at (service (extended, "web"), "environment.A"), ==, "1");
  g_assert_false (has_tag (wharf_compose_project_get_root (extended)));
}

static void
test_env_precedence (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WharfComposeProject) p = NULL;
  g_autoptr(WharfComposeProject) q = NULL;
  g_autoptr(WharfComposeLoadOptions) o = wharf_compose_load_options_new ();
  g_autoptr(GError) error = NULL;

  put (f, "compose.yaml",
         "services:\n  web:\n    image: \"nginx:${TAG:-latest}\"\n"
         "    environment:\n      WHO: \"${WHO}\"\n      PORT: ${PORT:-1}\n");
  put (f, ".env", "TAG=from-dotenv\nWHO=dotenv\nPORT=80\n");
  put (f, "one.env", "TAG=one\nWHO=one\n");
  put (f, "two.env", "TAG=two-after-${WHO}\n");

  /* .env is read; the process environment wins over it. */
  p = load_ok (f, FILES ("compose.yaml"), ENV ("WHO=shell"));
  g_assert_cmpstr (str_at (service (p, "web"), "image"), ==, "nginx:from-dotenv");
  g_assert_cmpstr (str_at (service (p, "web"), "environment.WHO"), ==, "shell");
  g_assert_cmpstr (str_at (service (p, "web"), "environment.PORT"), ==, "80");

  /* --env-file replaces .env; the last one wins. */
  wharf_compose_load_options_set_working_directory (o, f->dir);
  wharf_compose_load_options_set_environment (o, ENV ("HOME=/h"));
  wharf_compose_load_options_add_file (o, "compose.yaml");
  wharf_compose_load_options_add_env_file (o, "one.env");
  wharf_compose_load_options_add_env_file (o, "two.env");
  q = wharf_compose_load (o, NULL, NULL, &error);
  g_assert_no_error (error);
  /* A later env file sees the values of the earlier ones. */
  g_assert_cmpstr (str_at (service (q, "web"), "image"), ==, "nginx:two-after-one");
  g_assert_cmpstr (str_at (service (q, "web"), "environment.WHO"), ==, "one");
  g_assert_cmpstr (str_at (service (q, "web"), "environment.PORT"), ==, "1");
}

static void
test_required_variable (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) p = NULL;

  put (f, "compose.yaml", "services:\n  web:\n    image: \"nginx:${TAG:?set TAG first}\"\n");
  p = load_full (f, FILES ("compose.yaml"), NULL, NULL, "test", &error);
  g_assert_null (p);
  g_assert_error (error, WHARF_INTERPOLATE_ERROR, WHARF_INTERPOLATE_ERROR_REQUIRED);
  g_assert_nonnull (strstr (error->message, "compose.yaml:3:12"));
  g_assert_nonnull (strstr (error->message, "set TAG first"));
}

static void
test_discovery (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(WharfComposeProject) p = NULL;
  g_autoptr(WharfComposeProject) q = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = g_build_filename (f->dir, "My Project!", "deep", NULL);
  g_autoptr(WharfComposeLoadOptions) o = wharf_compose_load_options_new ();

  put (f, "My Project!/compose.yml", "services:\n  web:\n    image: a\n");
  put (f, "My Project!/compose.override.yml", "services:\n  web:\n    image: b\n");
  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);

  /* Found in a parent folder, with its override; the name comes from the folder. */
  wharf_compose_load_options_set_working_directory (o, sub);
  wharf_compose_load_options_set_environment (o, ENV ("HOME=/h"));
  p = wharf_compose_load (o, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (str_at (service (p, "web"), "image"), ==, "b");
  g_assert_cmpstr (wharf_compose_project_get_name (p), ==, "myproject");

  /* COMPOSE_FILE selects the file. */
  put (f, "other.yaml", "services:\n  api:\n    image: c\n");
  q = load_full (f, NULL, ENV ("COMPOSE_FILE=other.yaml"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (service (q, "api"));
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) p = NULL;

  p = load_full (f, NULL, NULL, NULL, NULL, &error);
  g_assert_null (p);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  p = load_full (f, FILES ("missing.yaml"), NULL, NULL, NULL, &error);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.yaml"));
}

static void
test_project_name (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  g_autoptr(WharfComposeProject) q = NULL;
  g_autoptr(WharfComposeProject) r = NULL;

  put (f, "compose.yaml", "name: from-${X:-file}\nservices:\n  web:\n    image: a\n");
  p = load_full (f, FILES ("compose.yaml"), ENV ("X=var"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_compose_project_get_name (p), ==, "from-var");
  q = load_full (f, FILES ("compose.yaml"), ENV ("COMPOSE_PROJECT_NAME=env"), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_compose_project_get_name (q), ==, "env");
  r = load_full (f, FILES ("compose.yaml"), NULL, NULL, "Bad Name", &error);
  g_assert_null (r);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_PROJECT_NAME);

  {
    g_autofree char *n = wharf_compose_normalize_project_name ("_My.App-1");
    g_assert_cmpstr (n, ==, "myapp-1");
  }
}

static void
test_profiles (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  g_autoptr(WharfComposeProject) q = NULL;
  g_autoptr(WharfComposeProject) r = NULL;
  const char * const *all;

  put (f, "compose.yaml",
         "services:\n"
         "  db: {image: db}\n"
         "  debug: {image: dbg, profiles: [debug]}\n"
         "  test: {image: t, profiles: [test, ci], depends_on: [db]}\n");
  p = load_full (f, FILES ("compose.yaml"), NULL, NULL, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (wharf_compose_project_get_services (p)), ==, 1);
  all = wharf_compose_project_get_all_profiles (p);
  g_assert_cmpstr (all[0], ==, "ci");
  g_assert_cmpstr (all[1], ==, "debug");
  g_assert_cmpstr (all[2], ==, "test");

  q = load_full (f, FILES ("compose.yaml"), NULL, FILES ("test"), "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (wharf_compose_project_get_services (q)), ==, 2);
  g_assert_nonnull (wharf_compose_project_lookup_service (q, "test"));

  r = load_full (f, FILES ("compose.yaml"), ENV ("COMPOSE_PROFILES=debug,ci"), NULL, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (wharf_compose_project_get_services (r)), ==, 3);
}

static void
test_extends (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(WharfComposeProject) p = NULL;
  g_autofree char *expected_context = NULL;
  g_autofree char *expected_env = NULL;
  WharfNode *s;

  put (f, "base/common.yaml",
         "services:\n"
         "  base:\n"
         "    build: ./app\n"
         "    env_file: ./common.env\n"
         "    environment: {LEVEL: base, KEEP: yes}\n"
         "    ports: [\"80:80\"]\n");
  put (f, "base/common.env", "FROM_FILE=1\n");
  put (f, "compose.yaml",
         "services:\n"
         "  local:\n"
         "    image: busybox\n"
         "    command: [sleep, \"1\"]\n"
         "  web:\n"
         "    extends:\n"
         "      file: base/common.yaml\n"
         "      service: base\n"
         "    environment: {LEVEL: web}\n"
         "    ports: [\"80:80\", \"81:81\"]\n"
         "  worker:\n"
         "    extends: local\n"
         "    command: !reset null\n");
  p = load_ok (f, FILES ("compose.yaml"), NULL);
  s = service (p, "web");
  expected_context = g_build_filename (f->dir, "base", "app", NULL);
  g_assert_cmpstr (str_at (s, "build.context"), ==, expected_context);
  g_assert_cmpstr (str_at (s, "environment.LEVEL"), ==, "web");
  g_assert_cmpstr (str_at (s, "environment.KEEP"), ==, "yes");
  /* env_file relative to base/, folded into environment */
  g_assert_cmpstr (str_at (s, "environment.FROM_FILE"), ==, "1");
  g_assert_null (at (s, "env_file"));
  g_assert_cmpuint (wharf_node_sequence_size (at (s, "ports")), ==, 2);
  g_assert_null (at (s, "extends"));
  s = service (p, "worker");
  g_assert_cmpstr (str_at (s, "image"), ==, "busybox");
  g_assert_null (at (s, "command"));
  (void) expected_env;
}

static void
test_extends_cycle (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) p = NULL;

  put (f, "compose.yaml",
         "services:\n"
         "  a: {image: x, extends: b}\n"
         "  b: {image: y, extends: c}\n"
         "  c: {image: z, extends: a}\n");
  p = load_full (f, FILES ("compose.yaml"), NULL, NULL, "x", &error);
  g_assert_null (p);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "circular"));
}

static void
test_include (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(WharfComposeProject) p = NULL;
  g_autofree char *expected = NULL;
  WharfNode *s;

  put (f, "sub/compose.yaml",
         "services:\n"
         "  api:\n"
         "    image: \"api:${API_TAG}\"\n"
         "    volumes: [\"./data:/data\"]\n"
         "    networks: [back]\n"
         "networks:\n"
         "  back: {}\n");
  put (f, "sub/.env", "API_TAG=from-sub-env\n");
  put (f, "compose.yaml",
         "include:\n"
         "  - sub/compose.yaml\n"
         "services:\n"
         "  web:\n"
         "    image: nginx\n"
         "    depends_on: [api]\n");
  p = load_ok (f, FILES ("compose.yaml"), NULL);
  s = service (p, "api");
  g_assert_cmpstr (str_at (s, "image"), ==, "api:from-sub-env");
  expected = g_build_filename (f->dir, "sub", "data", NULL);
  g_assert_cmpstr (str_at (s, "volumes.0.source"), ==, expected);
  g_assert_nonnull (service (p, "web"));
  g_assert_cmpstr (str_at (wharf_compose_project_get_root (p), "networks.back.name"), ==, "test_back");
}

static void
test_include_cycle (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) p = NULL;

  put (f, "a.yaml", "include: [b.yaml]\nservices:\n  a: {image: a}\n");
  put (f, "b.yaml", "include: [a.yaml]\nservices:\n  b: {image: b}\n");
  p = load_full (f, FILES ("a.yaml"), NULL, NULL, "x", &error);
  g_assert_null (p);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_CYCLE);
}

static void
test_env_file (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  g_autoptr(WharfComposeProject) q = NULL;
  WharfNode *s;

  put (f, "a.env", "A=from-a\nB=from-a\nREF=${A}-ref\n");
  put (f, "b.env", "B=from-b\nC=from-b\n");
  put (f, "compose.yaml",
         "services:\n"
         "  one:\n"
         "    image: x\n"
         "    env_file: a.env\n"
         "  two:\n"
         "    image: x\n"
         "    env_file:\n"
         "      - a.env\n"
         "      - path: b.env\n"
         "      - path: missing.env\n"
         "        required: false\n"
         "    environment:\n"
         "      C: mine\n");
  p = load_ok (f, FILES ("compose.yaml"), NULL);
  s = service (p, "one");
  g_assert_cmpstr (str_at (s, "environment.A"), ==, "from-a");
  g_assert_cmpstr (str_at (s, "environment.REF"), ==, "from-a-ref");
  s = service (p, "two");
  g_assert_cmpstr (str_at (s, "environment.B"), ==, "from-b");
  g_assert_cmpstr (str_at (s, "environment.C"), ==, "mine");
  g_assert_null (at (s, "env_file"));

  put (f, "bad.yaml", "services:\n  x:\n    image: x\n    env_file: nope.env\n");
  q = load_full (f, FILES ("bad.yaml"), NULL, NULL, "x", &error);
  g_assert_null (q);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_ENV_FILE);
  g_assert_nonnull (strstr (error->message, "nope.env"));
}

static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfComposeLoadOptions) o = wharf_compose_load_options_new ();
  g_autoptr(WharfComposeProject) p = NULL;
  g_autoptr(WharfComposeProject) q = NULL;

  put (f, "compose.yaml",
         "services:\n"
         "  web:\n"
         "    image: x\n"
         "    depends_on: [ghost]\n"
         "    networks: [nowhere]\n"
         "    volumes: [\"nodata:/data\"]\n"
         "    secrets: [nosecret]\n");
  wharf_compose_load_options_set_working_directory (o, f->dir);
  wharf_compose_load_options_set_environment (o, ENV ("HOME=/h"));
  wharf_compose_load_options_set_project_name (o, "x");
  wharf_compose_load_options_add_file (o, "compose.yaml");
  p = wharf_compose_load (o, diagnostics, NULL, &error);
  g_assert_null (p);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_INVALID);
  g_assert_cmpuint (wharf_diagnostics_count (G_LIST_MODEL (diagnostics), WHARF_SEVERITY_ERROR), ==, 4);
  {
    g_autoptr(WharfDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (diagnostics), 0);
    g_assert_cmpuint (wharf_diagnostic_get_line (d), ==, 4);
    g_assert_nonnull (strstr (wharf_diagnostic_get_message (d), "ghost"));
  }
  g_clear_error (&error);

  put (f, "mode.yaml",
         "services:\n"
         "  web:\n"
         "    image: x\n"
         "    network_mode: host\n"
         "    networks: [front]\n"
         "networks:\n"
         "  front: {}\n");
  q = load_full (f, FILES ("mode.yaml"), NULL, NULL, "x", &error);
  g_assert_null (q);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "mode.yaml:4:5"));
  g_assert_nonnull (strstr (error->message, "mutually exclusive"));
  g_clear_error (&error);

  put (f, "cycle.yaml",
         "services:\n"
         "  a: {image: x, depends_on: [b]}\n"
         "  b: {image: x, depends_on: [c]}\n"
         "  c: {image: x, depends_on: [a]}\n");
  q = load_full (f, FILES ("cycle.yaml"), NULL, NULL, "x", &error);
  g_assert_null (q);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "a → b → c → a"));
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) p = NULL;

  put (f, "compose.yaml", "services:\n  web:\n    image: [unclosed\n");
  p = load_full (f, FILES ("compose.yaml"), NULL, NULL, "x", &error);
  g_assert_null (p);
  g_assert_error (error, WHARF_YAML_ERROR, WHARF_YAML_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "compose.yaml:"));
  g_clear_error (&error);

  put (f, "empty.yaml", "# nothing\n");
  p = load_full (f, FILES ("empty.yaml"), NULL, NULL, "x", &error);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_EMPTY);
  g_clear_error (&error);

  put (f, "list.yaml", "- a\n- b\n");
  p = load_full (f, FILES ("list.yaml"), NULL, NULL, "x", &error);
  g_assert_error (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_EMPTY);
}

static void
load_async_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  WharfComposeProject **out = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) diagnostics = NULL;

  *out = wharf_compose_load_finish (result, &diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (diagnostics);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(WharfComposeLoadOptions) o = wharf_compose_load_options_new ();
  WharfComposeProject *p = NULL;
  WharfComposeService *s;

  put (f, "compose.yaml", "services:\n  web:\n    image: nginx\n    deploy: {replicas: 3}\n    ports: [\"8080:80\"]\n");
  wharf_compose_load_options_set_working_directory (o, f->dir);
  wharf_compose_load_options_set_environment (o, ENV ("HOME=/h"));
  wharf_compose_load_options_set_project_name (o, "x");
  wharf_compose_load_async (o, NULL, load_async_cb, &p);
  while (p == NULL)
    g_main_context_iteration (NULL, TRUE);
  s = wharf_compose_project_lookup_service (p, "web");
  g_assert_nonnull (s);
  g_assert_cmpstr (wharf_compose_service_get_image (s), ==, "nginx");
  g_assert_cmpuint (wharf_compose_service_get_replicas (s), ==, 3);
  {
    g_auto(GStrv) ports = wharf_compose_service_dup_ports (s);
    g_assert_cmpstr (ports[0], ==, "8080:80/tcp");
  }
  g_object_unref (p);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/loader/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("ports", test_ports);
  ADD ("bad-port", test_bad_port);
  ADD ("volumes", test_volumes);
  ADD ("units-and-lists", test_units_and_lists);
  ADD ("merge-files", test_merge_files);
  ADD ("reset-override", test_reset_override);
  ADD ("tags-anywhere", test_tags_anywhere);
  ADD ("env-precedence", test_env_precedence);
  ADD ("required-variable", test_required_variable);
  ADD ("discovery", test_discovery);
  ADD ("not-found", test_not_found);
  ADD ("project-name", test_project_name);
  ADD ("profiles", test_profiles);
  ADD ("extends", test_extends);
  ADD ("extends-cycle", test_extends_cycle);
  ADD ("include", test_include);
  ADD ("include-cycle", test_include_cycle);
  ADD ("env-file", test_env_file);
  ADD ("references", test_references);
  ADD ("malformed", test_malformed);
  ADD ("async", test_async);
  return g_test_run ();
}
