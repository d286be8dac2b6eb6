/* test-compose-schema.c: structural validation against the Compose schema.
 *
 * Expected diagnostics are written "LINE:COL SEVERITY PATH: MESSAGE" (PATH
 * left out when the diagnostic has none) and compared in full, in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "wharf-compose-schema.h"
#include "wharf-compose-schema-private.h"
#include "wharf-diagnostic.h"
#include "wharf-test-util.h"

static char *
describe (WharfDiagnostic *d)
{
  const char *path = wharf_diagnostic_get_path (d);

  return g_strdup_printf ("%u:%u %s %s%s%s", wharf_diagnostic_get_line (d),
                          wharf_diagnostic_get_column (d),
                          wharf_severity_to_string (wharf_diagnostic_get_severity (d)),
                          path ? path : "", path ? ": " : "",
                          wharf_diagnostic_get_message (d));
}

/* Validates YAML; returns the diagnostics, one described string each. */
static GPtrArray *
validate_yaml (const char *yaml,
               gboolean   *out_ok)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfNode) root = wharf_node_parse (yaml, strlen (yaml), "t.yaml", &error);
  g_autoptr(GListStore) store = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  g_assert_no_error (error);
  ok = wharf_compose_schema_validate (root, store);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_cmpstr (wharf_diagnostic_get_file (d), ==, "t.yaml");
      g_ptr_array_add (out, describe (d));
    }
  /* The result says whether there is an error, and agrees with the store. */
  g_assert_cmpint (ok, ==, !wharf_diagnostics_has_errors (G_LIST_MODEL (store)));
  /* Without a store the answer is the same. */
  g_assert_cmpint (wharf_compose_schema_validate (root, NULL), ==, ok);
  if (out_ok != NULL)
    *out_ok = ok;
  return out;
}

static void
assert_diagnostics (const char         *yaml,
                    const char * const *expected)
{
  g_autoptr(GPtrArray) got = validate_yaml (yaml, NULL);
  guint n_expected = g_strv_length ((char **) expected);
  gboolean same = got->len == n_expected;

  for (guint i = 0; same && i < n_expected; i++)
    same = g_str_equal (got->pdata[i], expected[i]);
  if (!same)
    {
      g_autoptr(GString) report = g_string_new ("diagnostics differ\nexpected:\n");

      for (guint i = 0; i < n_expected; i++)
        g_string_append_printf (report, "  %s\n", expected[i]);
      g_string_append (report, "got:\n");
      for (guint i = 0; i < got->len; i++)
        g_string_append_printf (report, "  %s\n", (char *) got->pdata[i]);
      g_error ("%s", report->str);
    }
}

static void
assert_valid (const char *yaml)
{
  static const char * const none[] = { NULL };

  assert_diagnostics (yaml, none);
}

#define EXPECT(...) ((const char * const[]) { __VA_ARGS__, NULL })

static void
test_table_sorted (void)
{
  g_autofree char *offender = NULL;

  g_assert_true (wharf_compose_schema_check_table (&offender));
  g_assert_null (offender);
}

typedef struct {
  WharfSchemaKind  kind;
  const char      *text;
  gboolean         quoted;
  gboolean         valid;
} ScalarCase;

static void
test_scalar_values (void)
{
  static const char * const colours[] = { "red", "green", NULL };
  static const ScalarCase cases[] = {
    /* Go durations */
    { WHARF_SCHEMA_DURATION, "1m30s", FALSE, TRUE },
    { WHARF_SCHEMA_DURATION, "1.5h", FALSE, TRUE },
    { WHARF_SCHEMA_DURATION, ".5s", FALSE, TRUE },
    { WHARF_SCHEMA_DURATION, "1.s", FALSE, TRUE },
    { WHARF_SCHEMA_DURATION, "-1s", FALSE, TRUE },
    { WHARF_SCHEMA_DURATION, "+5m", FALSE, TRUE },
    { WHARF_SCHEMA_DURATION, "1h2m3s4ms5us6ns", FALSE, TRUE },
    { WHARF_SCHEMA_DURATION, "3\xc2\xb5s", FALSE, TRUE },
    { WHARF_SCHEMA_DURATION, "0", FALSE, TRUE },
    { WHARF_SCHEMA_DURATION, "10", FALSE, FALSE },
    { WHARF_SCHEMA_DURATION, "1d", FALSE, FALSE },
    { WHARF_SCHEMA_DURATION, "s", FALSE, FALSE },
    { WHARF_SCHEMA_DURATION, ".s", FALSE, FALSE },
    { WHARF_SCHEMA_DURATION, "1m 30s", FALSE, FALSE },
    { WHARF_SCHEMA_DURATION, "", TRUE, FALSE },
    /* go-units byte sizes */
    { WHARF_SCHEMA_BYTES, "512", FALSE, TRUE },
    { WHARF_SCHEMA_BYTES, "-1", FALSE, TRUE },
    { WHARF_SCHEMA_BYTES, "1.5G", FALSE, TRUE },
    { WHARF_SCHEMA_BYTES, "1 kb", FALSE, TRUE },
    { WHARF_SCHEMA_BYTES, "1KiB", FALSE, TRUE },
    { WHARF_SCHEMA_BYTES, "10b", FALSE, TRUE },
    { WHARF_SCHEMA_BYTES, "1gg", FALSE, FALSE },
    { WHARF_SCHEMA_BYTES, "1e3", FALSE, FALSE },
    { WHARF_SCHEMA_BYTES, "g", FALSE, FALSE },
    { WHARF_SCHEMA_BYTES, "true", FALSE, FALSE },
    /* integers, numbers, booleans: typed or cast from strings */
    { WHARF_SCHEMA_INTEGER, "42", FALSE, TRUE },
    { WHARF_SCHEMA_INTEGER, "42", TRUE, TRUE },
    { WHARF_SCHEMA_INTEGER, "-7", TRUE, TRUE },
    { WHARF_SCHEMA_INTEGER, "4.2", FALSE, FALSE },
    { WHARF_SCHEMA_INTEGER, "true", FALSE, FALSE },
    { WHARF_SCHEMA_INTEGER, "", TRUE, FALSE },
    { WHARF_SCHEMA_INTEGER, "${N:-3}", TRUE, TRUE },
    { WHARF_SCHEMA_INTEGER, "$N", TRUE, TRUE },
    { WHARF_SCHEMA_INTEGER, "$$", TRUE, FALSE },
    { WHARF_SCHEMA_NUMBER, "0.5", TRUE, TRUE },
    { WHARF_SCHEMA_NUMBER, "1e3", FALSE, TRUE },
    { WHARF_SCHEMA_NUMBER, "half", FALSE, FALSE },
    { WHARF_SCHEMA_BOOLEAN, "True", FALSE, TRUE },
    { WHARF_SCHEMA_BOOLEAN, "false", TRUE, TRUE },
    { WHARF_SCHEMA_BOOLEAN, "1", FALSE, FALSE },
    { WHARF_SCHEMA_BOOLEAN, "on", FALSE, FALSE },
    /* strings take numbers, not booleans */
    { WHARF_SCHEMA_STRING, "1000", FALSE, TRUE },
    { WHARF_SCHEMA_STRING, "true", FALSE, FALSE },
    { WHARF_SCHEMA_STRING, "true", TRUE, TRUE },
    { WHARF_SCHEMA_STRING_OR_NUMBER, "8.5", FALSE, TRUE },
    { WHARF_SCHEMA_STRING_OR_NUMBER, "false", FALSE, FALSE },
    /* ports */
    { WHARF_SCHEMA_PORT, "80", FALSE, TRUE },
    { WHARF_SCHEMA_PORT, "8000-8010", TRUE, TRUE },
    { WHARF_SCHEMA_PORT, "8000-", TRUE, FALSE },
    { WHARF_SCHEMA_PORT, "-1", FALSE, FALSE },
    { WHARF_SCHEMA_PORT, "http", TRUE, FALSE },
    /* enums and the two policies with a pattern */
    { WHARF_SCHEMA_ENUM, "red", FALSE, TRUE },
    { WHARF_SCHEMA_ENUM, "Red", FALSE, FALSE },
    { WHARF_SCHEMA_RESTART, "no", FALSE, TRUE },
    { WHARF_SCHEMA_RESTART, "on-failure:10", FALSE, TRUE },
    { WHARF_SCHEMA_RESTART, "on-failure:", FALSE, FALSE },
    { WHARF_SCHEMA_RESTART, "never", FALSE, FALSE },
    { WHARF_SCHEMA_RESTART, "false", FALSE, FALSE },
    { WHARF_SCHEMA_PULL_POLICY, "missing", FALSE, TRUE },
    { WHARF_SCHEMA_PULL_POLICY, "every_1w2d", FALSE, TRUE },
    { WHARF_SCHEMA_PULL_POLICY, "every_2", FALSE, FALSE },
    { WHARF_SCHEMA_PULL_POLICY, "every_h", FALSE, FALSE },
    { WHARF_SCHEMA_PULL_POLICY, "alwaysx", FALSE, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      WharfSchemaRule rule = { .kind = cases[i].kind, .values = colours };
      WharfScalarType type = cases[i].quoted ? WHARF_SCALAR_STRING : wharf_scalar_resolve_type (cases[i].text);
      g_autoptr(WharfNode) node = wharf_node_new_scalar (cases[i].text, type, NULL, 0, 0);
      g_autofree char *message = NULL;
      gboolean valid = wharf_compose_schema_check_scalar (&rule, node, &message);

      if (valid != cases[i].valid)
        g_error ("kind %d, %s“%s”: expected %s", cases[i].kind, cases[i].quoted ? "quoted " : "",
                 cases[i].text, cases[i].valid ? "valid" : "invalid");
      /* Messages only for failures, and then only for wrong values. */
      if (valid)
        g_assert_null (message);
    }
}

static void
test_unknown_keys (void)
{
  assert_diagnostics (
    "services:\n"
    "  web:\n"
    "    image: nginx\n"
    "    imag: nginx\n"
    "    build:\n"
    "      context: .\n"
    "      contxt: .\n"
    "    deploy:\n"
    "      resources:\n"
    "        limits:\n"
    "          cpu: 1\n"
    "    ports:\n"
    "      - target: 80\n"
    "        publish: 8080\n"
    "    volumes:\n"
    "      - type: bind\n"
    "        source: .\n"
    "        target: /app\n"
    "        bind:\n"
    "          propagate: rw\n"
    "    healthcheck:\n"
    "      test: [\"CMD\", \"true\"]\n"
    "      intervall: 5s\n"
    "    depends_on:\n"
    "      db:\n"
    "        condition: service_started\n"
    "        wait: true\n"
    "  db:\n"
    "    image: postgres\n"
    "networks:\n"
    "  front:\n"
    "    drivr: bridge\n"
    "volumes:\n"
    "  data:\n"
    "    external: true\n"
    "    size: 10\n"
    "secrets:\n"
    "  token:\n"
    "    file: ./token\n"
    "    mode: 0400\n"
    "configs:\n"
    "  app:\n"
    "    file: ./app.conf\n"
    "    target: /etc/app\n"
    "service:\n"
    "  x: 1\n",
    EXPECT ("4:5 error services.web: additional property imag is not allowed",
            "7:7 error services.web.build: additional property contxt is not allowed",
            "11:11 error services.web.deploy.resources.limits: additional property cpu is not allowed",
            "14:9 error services.web.ports[0]: additional property publish is not allowed",
            "20:11 error services.web.volumes[0].bind: additional property propagate is not allowed",
            "23:7 error services.web.healthcheck: additional property intervall is not allowed",
            "27:9 error services.web.depends_on.db: additional property wait is not allowed",
            "32:5 error networks.front: additional property drivr is not allowed",
            "36:5 error volumes.data: additional property size is not allowed",
            "40:5 error secrets.token: additional property mode is not allowed",
            "44:5 error configs.app: additional property target is not allowed",
            "45:1 error additional property service is not allowed"));
}

static void
test_wrong_types (void)
{
  assert_diagnostics (
    "services:\n"
    "  web:\n"
    "    image: [nginx]\n"
    "    command: {run: x}\n"
    "    environment: 5\n"
    "    ports: {http: 80}\n"
    "    networks: front\n"
    "    deploy: []\n"
    "    privileged: maybe\n"
    "    scale: abc\n"
    "    cpus: lots\n"
    "    build: true\n"
    "    extends: [base]\n"
    "    ulimits:\n"
    "      nofile: [1, 2]\n"
    "    healthcheck:\n"
    "      test: {cmd: x}\n"
    "    secrets: token\n"
    "  api:\n"
    "    image: api\n"
    "    ports:\n"
    "      - target: 80\n"
    "        published: {a: 1}\n"
    "      - target: http\n"
    "    environment:\n"
    "      A: [1]\n"
    "    labels: [a, b, a]\n"
    "volumes: [data]\n"
    "name: {x: 1}\n",
    EXPECT ("3:12 error services.web.image: must be a string",
            "4:14 error services.web.command: must be a string, list or null",
            "5:18 error services.web.environment: must be a mapping or list",
            "6:12 error services.web.ports: must be a list",
            "7:15 error services.web.networks: must be a list or mapping",
            "8:13 error services.web.deploy: must be a mapping or null",
            "9:17 error services.web.privileged: must be a boolean",
            "10:12 error services.web.scale: must be a integer",
            "11:11 error services.web.cpus: must be a number",
            "12:12 error services.web.build: must be a string or mapping",
            "13:14 error services.web.extends: must be a string or mapping",
            "15:15 error services.web.ulimits.nofile: must be a integer or mapping",
            "17:13 error services.web.healthcheck.test: must be a string or list",
            "18:14 error services.web.secrets: must be a list",
            "23:20 error services.api.ports[0].published: must be a string or number",
            "24:17 error services.api.ports[1].target: must be a integer",
            "26:10 error services.api.environment.A: must be a string, number, boolean or null",
            "27:20 error services.api.labels[2]: repeats item 0: items must be unique",
            "28:10 error volumes: must be a mapping",
            "29:7 error name: must be a string"));
}

static void
test_enums (void)
{
  assert_diagnostics (
    "services:\n"
    "  web:\n"
    "    image: nginx\n"
    "    restart: sometimes\n"
    "    cgroup: shared\n"
    "    pull_policy: hourly\n"
    "    ports:\n"
    "      - target: 80\n"
    "        protocol: icmp\n"
    "        mode: bridge\n"
    "    volumes:\n"
    "      - type: nfs\n"
    "        target: /data\n"
    "    depends_on:\n"
    "      db:\n"
    "        condition: service_ready\n"
    "    deploy:\n"
    "      mode: swarm\n"
    "      restart_policy:\n"
    "        condition: never\n"
    "      update_config:\n"
    "        order: random\n"
    "    gpus: some\n"
    "  db:\n"
    "    image: postgres\n"
    "    restart: on-failure:3\n"
    "    pull_policy: every_12h30m\n"
    "  cache:\n"
    "    image: redis\n"
    "    restart: \"on-failure:x\"\n"
    "    pull_policy: every_\n"
    "    develop:\n"
    "      watch:\n"
    "        - path: ./src\n"
    "          action: copy\n",
    EXPECT ("4:14 error services.web.restart: must be one of: always, no, on-failure, on-failure:N, unless-stopped",
            "5:13 error services.web.cgroup: must be one of: host, private",
            "6:18 error services.web.pull_policy: must be one of: always, never, missing, build, "
              "if_not_present, refresh, daily, weekly, every_<interval>",
            "9:19 error services.web.ports[0].protocol: must be one of: tcp, udp, sctp",
            "10:15 error services.web.ports[0].mode: must be one of: host, ingress",
            "12:15 error services.web.volumes[0].type: must be one of: bind, volume, tmpfs, cluster, npipe, image",
            "16:20 error services.web.depends_on.db.condition: must be one of: service_started, "
              "service_healthy, service_completed_successfully",
            "18:13 error services.web.deploy.mode: must be one of: replicated, global, replicated-job, global-job",
            "20:20 error services.web.deploy.restart_policy.condition: must be one of: none, on-failure, any",
            "22:16 error services.web.deploy.update_config.order: must be one of: start-first, stop-first",
            "23:11 error services.web.gpus: must be one of: all",
            "30:14 error services.cache.restart: must be one of: always, no, on-failure, on-failure:N, unless-stopped",
            "31:18 error services.cache.pull_policy: must be one of: always, never, missing, build, "
              "if_not_present, refresh, daily, weekly, every_<interval>",
            "35:19 error services.cache.develop.watch[0].action: must be one of: rebuild, sync, restart, "
              "sync+restart, sync+exec"));
}

static void
test_casts_accepted (void)
{
  /* Strings where integers, numbers, booleans, durations or sizes are
   * expected are fine when they parse as such (compose-go casts them). */
  assert_valid (
    "services:\n"
    "  web:\n"
    "    image: nginx\n"
    "    scale: \"3\"\n"
    "    privileged: \"true\"\n"
    "    read_only: \"FALSE\"\n"
    "    cpus: \"0.5\"\n"
    "    mem_limit: \"1.5g\"\n"
    "    shm_size: 64m\n"
    "    memswap_limit: -1\n"
    "    stop_grace_period: 1m30s\n"
    "    cpu_percent: \"50\"\n"
    "    oom_score_adj: \"-500\"\n"
    "    user: 1000\n"
    "    ports:\n"
    "      - target: \"8000\"\n"
    "        published: \"8000-8010\"\n"
    "      - target: 80\n"
    "        published: 8080\n"
    "      - 443\n"
    "      - \"443\"\n"
    "    ulimits:\n"
    "      nproc: \"65535\"\n"
    "      nofile: {soft: \"1024\", hard: 2048}\n"
    "    healthcheck:\n"
    "      retries: \"5\"\n"
    "      interval: 500ms\n"
    "      timeout: \"0\"\n"
    "      start_period: 1.5h\n"
    "    deploy:\n"
    "      replicas: \"2\"\n"
    "      resources:\n"
    "        limits: {cpus: 1, memory: 512M, pids: \"100\"}\n"
    "      update_config:\n"
    "        max_failure_ratio: \"0.25\"\n"
    "    volumes:\n"
    "      - type: tmpfs\n"
    "        target: /tmp\n"
    "        tmpfs: {size: \"10000\", mode: \"1777\"}\n"
    "    secrets:\n"
    "      - source: s\n"
    "        uid: 103\n"
    "        mode: 0440\n"
    "secrets:\n"
    "  s: {file: ./s}\n");
}

static void
test_casts_rejected (void)
{
  assert_diagnostics (
    "services:\n"
    "  web:\n"
    "    image: nginx\n"
    "    scale: \"3.5\"\n"
    "    privileged: \"yes\"\n"
    "    cpus: 1.2.3\n"
    "    mem_limit: 1.5x\n"
    "    stop_grace_period: 10\n"
    "    healthcheck:\n"
    "      interval: 1m30\n"
    "    cpu_percent: 150\n"
    "    oom_score_adj: -2000\n"
    "    ports:\n"
    "      - published: \"80-x\"\n"
    "        target: 80\n"
    "    user: true\n"
    "    volumes:\n"
    "      - type: tmpfs\n"
    "        target: /t\n"
    "        tmpfs: {size: -1}\n",
    EXPECT ("4:12 error services.web.scale: must be a integer",
            "5:17 error services.web.privileged: must be a boolean",
            "6:11 error services.web.cpus: must be a number",
            "7:16 error services.web.mem_limit: must be a byte size such as 512m or 1.5g, not “1.5x”",
            "8:24 error services.web.stop_grace_period: must be a duration such as 10s or 1m30s, not “10”",
            "10:17 error services.web.healthcheck.interval: must be a duration such as 10s or 1m30s, not “1m30”",
            "11:18 error services.web.cpu_percent: must be between 0 and 100",
            "12:20 error services.web.oom_score_adj: must be between -1000 and 1000",
            "14:20 error services.web.ports[0].published: must be a port number or range, not “80-x”",
            "16:11 error services.web.user: must be a string",
            "20:23 error services.web.volumes[0].tmpfs.size: must be at least 0"));
}

static void
test_variables (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfNode) root = NULL;
  g_autoptr(GListStore) store = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);

  /* A reference left in a typed field is accepted (as the schema does). */
  assert_valid (
    "services:\n"
    "  web:\n"
    "    image: ${IMAGE}:$TAG\n"
    "    scale: ${SCALE}\n"
    "    privileged: ${PRIVILEGED:-false}\n"
    "    stop_grace_period: ${GRACE}\n"
    "    mem_limit: ${MEM}\n"
    "    restart: ${RESTART}\n"
    "    ports: [\"${PORT}:80\", {target: \"${T}\", published: \"${P}\"}]\n"
    "    deploy: {replicas: \"${N}\"}\n");

  /* compose-go's schema test: every typed attribute written ${VARIABLE}. */
  path = wharf_test_peer_path ("compose-spec", "compose-go", "schema", "using-variables.yaml", NULL);
  if (path == NULL)
    return;
  root = wharf_node_parse_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (wharf_compose_schema_validate (root, store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static void
test_extensions (void)
{
  assert_valid (
    "x-common: &c {a: 1}\n"
    "services:\n"
    "  web:\n"
    "    x-svc: 1\n"
    "    image: nginx\n"
    "    build: {context: ., x-b: 1}\n"
    "    deploy:\n"
    "      x-d: 1\n"
    "      resources: {x-r: 1, limits: {x-l: 1}, reservations: {x-rv: 1}}\n"
    "      restart_policy: {x-rp: 1}\n"
    "      update_config: {x-u: 1}\n"
    "      rollback_config: {x-u: 1}\n"
    "      placement: {x-p: 1, preferences: [{spread: a, x-s: 1}]}\n"
    "    ports: [{target: 80, x-p: 1}]\n"
    "    volumes: [{type: bind, source: ., target: /a, x-v: 1, bind: {x-b: 1}}]\n"
    "    healthcheck: {x-h: 1}\n"
    "    logging: {x-l: 1}\n"
    "    depends_on: {db: {condition: service_started, x-d: 1}}\n"
    "    networks: {front: {x-n: 1}}\n"
    "    ulimits: {nofile: {soft: 1, hard: 2, x-u: 1}}\n"
    "    secrets: [{source: s, x-s: 1}]\n"
    "    develop: {x-d: 1, watch: [{path: ., action: sync, x-w: 1}]}\n"
    "    credential_spec: {x-c: 1}\n"
    "    gpus: [{driver: nvidia, x-g: 1}]\n"
    "  db:\n"
    "    image: postgres\n"
    "networks: {front: {x-n: 1, ipam: {x-i: 1, config: [{x-c: 1}]}, external: {x-e: 1}}}\n"
    "volumes: {data: {x-v: 1}}\n"
    "secrets: {s: {file: ./s, x-s: 1}}\n"
    "configs: {c: {file: ./c, x-c: 1}}\n"
    "models: {m: {model: ai/x, x-m: 1}}\n"
    "x-last: [1, 2]\n");

  /* Where the schema has no ^x- pattern, an x- key is an unknown key. */
  assert_diagnostics (
    "services:\n"
    "  web:\n"
    "    image: nginx\n"
    "    extends: {service: base, x-e: 1}\n"
    "    blkio_config: {x-b: 1}\n"
    "    env_file: [{path: a, x-e: 1}]\n"
    "    environment: {x-e: 1}\n"
    "  base:\n"
    "    image: nginx\n"
    "include:\n"
    "  - path: a.yaml\n"
    "    x-i: 1\n",
    EXPECT ("4:30 error services.web.extends: additional property x-e is not allowed",
            "5:20 error services.web.blkio_config: additional property x-b is not allowed",
            "6:26 error services.web.env_file[0]: additional property x-e is not allowed",
            "12:5 error include[0]: additional property x-i is not allowed"));
}

static void
test_tags (void)
{
  /* !reset removes whatever it tags; !override values are still checked. */
  assert_valid (
    "services:\n"
    "  web:\n"
    "    image: nginx\n"
    "    command: !reset\n"
    "    ports: !reset []\n"
    "    build: !reset {bogus: 1}\n"
    "    environment: !override {A: \"1\"}\n"
    "    labels: !override [a=b]\n"
    "    scale: !reset abc\n");
  assert_diagnostics (
    "services:\n"
    "  web:\n"
    "    image: nginx\n"
    "    ports: !override 80\n"
    "    cap_add: !override [A, A]\n",
    EXPECT ("4:12 error services.web.ports: must be a list",
            "5:28 error services.web.cap_add[1]: repeats item 0: items must be unique"));
}

static void
test_version (void)
{
  g_autoptr(GPtrArray) got = NULL;
  gboolean ok = FALSE;

  got = validate_yaml ("version: \"3.8\"\nservices:\n  web: {image: a}\n", &ok);
  g_assert_true (ok);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (got->pdata[0], ==, "1:1 warning version: version is obsolete: it is ignored, remove it");
  g_clear_pointer (&got, g_ptr_array_unref);

  got = validate_yaml ("services:\n  web: {image: a}\nversion: 3.8\n", &ok);
  g_assert_true (ok);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (got->pdata[0], ==, "3:1 warning version: version is obsolete: it is ignored, remove it");
  g_clear_pointer (&got, g_ptr_array_unref);

  assert_diagnostics ("version: [3]\n", EXPECT ("1:10 error version: must be a string"));
  assert_diagnostics ("version:\n", EXPECT ("1:1 warning version: version is obsolete: it is ignored, remove it"));
}

static void
test_required (void)
{
  assert_diagnostics (
    "services:\n"
    "  web:\n"
    "    image: nginx\n"
    "    depends_on:\n"
    "      db: {required: true}\n"
    "    volumes:\n"
    "      - source: data\n"
    "        target: /data\n"
    "    ulimits:\n"
    "      nofile: {soft: 1}\n"
    "    extends: {file: base.yaml}\n"
    "    env_file:\n"
    "      - required: false\n"
    "    develop:\n"
    "      watch:\n"
    "        - path: ./src\n"
    "  db:\n"
    "    image: postgres\n"
    "models:\n"
    "  llm: {name: x}\n",
    EXPECT ("5:11 error services.web.depends_on.db: missing required property condition",
            "7:9 error services.web.volumes[0]: missing required property type",
            "10:15 error services.web.ulimits.nofile: missing required property hard",
            "11:14 error services.web.extends: missing required property service",
            "13:9 error services.web.env_file[0]: missing required property path",
            "16:11 error services.web.develop.watch[0]: missing required property action",
            "20:8 error models.llm: missing required property model"));
}

static void
test_names_and_nulls (void)
{
  assert_diagnostics (
    "services:\n"
    "  \"my web\":\n"
    "    image: nginx\n"
    "  empty:\n"
    "  x-tmpl:\n"
    "    bogus: 1\n"
    "volumes:\n"
    "  data:\n"
    "networks:\n"
    "  \"bad net\": {}\n"
    "  ok-net:\n"
    "secrets:\n"
    "  tok: null\n",
    EXPECT ("2:3 error services: additional property my web is not allowed",
            "6:5 error services.x-tmpl: additional property bogus is not allowed",
            "10:3 error networks: additional property bad net is not allowed",
            "13:8 error secrets.tok: must be a mapping"));
  assert_diagnostics ("services: null\n", EXPECT ("1:11 error services: must be a mapping"));
  assert_diagnostics ("- a\n- b\n", EXPECT ("1:1 error must be a mapping"));
  assert_valid ("");
  assert_valid ("services:\n  web:\n    image: a\n    command: null\n    pid: null\n"
                "    environment: {A: null, B: 1, C: true, D: x}\n");
}

static void
test_unique (void)
{
  g_autoptr(GString) yaml = g_string_new ("services:\n  web:\n    image: a\n    environment:\n");
  g_autofree char *expected = NULL;

  assert_diagnostics (
    "services:\n"
    "  web:\n"
    "    image: nginx\n"
    "    ports:\n"
    "      - \"80:80\"\n"
    "      - 80\n"
    "      - \"80\"\n"
    "      - \"80:80\"\n"
    "    cap_add: [NET_ADMIN, SYS_ADMIN, NET_ADMIN]\n"
    "    command: [echo, echo]\n",
    EXPECT ("8:9 error services.web.ports[3]: repeats item 0: items must be unique",
            "9:37 error services.web.cap_add[2]: repeats item 0: items must be unique"));

  /* Long lists take the hashed path. */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (yaml, "      - V%u=%u\n", i, i);
  g_string_append (yaml, "      - V5=5\n");
  expected = g_strdup_printf ("%u:9 error services.web.environment[40]: repeats item 5: items must be unique",
                              5 + 40);
  assert_diagnostics (yaml->str, EXPECT (expected));
}

static guint
validate_tree (const char *dir,
               gboolean    recursive,
               const char *only_name)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint count = 0;

  g_assert_nonnull (gdir);
  while ((name = g_dir_read_name (gdir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      const char *base = names->pdata[i];

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (recursive)
            count += validate_tree (path, recursive, only_name);
        }
      else if ((only_name == NULL || g_str_has_prefix (base, only_name)) &&
               (g_str_has_suffix (base, ".yaml") || g_str_has_suffix (base, ".yml")))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(WharfNode) root = wharf_node_parse_file (path, &error);
          g_autoptr(GListStore) store = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);

          g_assert_no_error (error);
          if (!wharf_compose_schema_validate (root, store))
            {
              g_autoptr(WharfDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (store), 0);
              g_autofree char *text = wharf_diagnostic_format (d);

              g_error ("%s should validate: %s", path, text);
            }
          g_assert_cmpuint (wharf_diagnostics_count (G_LIST_MODEL (store), WHARF_SEVERITY_ERROR), ==, 0);
          count++;
        }
    }
  return count;
}

static void
test_peer_compose_spec (void)
{
  g_autofree char *dir = wharf_test_peer_path ("compose-spec", NULL);
  guint count;

  if (dir == NULL)
    return;
  count = validate_tree (dir, TRUE, NULL);
  g_test_message ("%u compose-spec files validate", count);
  /* 26 YAML files, including full-example.yml. */
  g_assert_cmpuint (count, >=, 26);
}

static void
test_peer_awesome_compose (void)
{
  g_autofree char *dir = wharf_test_peer_path ("awesome-compose", NULL);
  g_autoptr(GDir) gdir = NULL;
  const char *name;
  guint count = 0;

  if (dir == NULL)
    return;
  gdir = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (gdir);
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (dir, name, NULL);

      if (g_file_test (sub, G_FILE_TEST_IS_DIR))
        count += validate_tree (sub, FALSE, "compose.");
    }
  g_test_message ("%u awesome-compose files validate", count);
  g_assert_cmpuint (count, >=, 12);
}

static void
test_fixture_every_property (void)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "compose", "schema", "every-property.yaml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfNode) root = wharf_node_parse_file (path, &error);
  g_autoptr(GListStore) store = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);

  g_assert_no_error (error);
  if (!wharf_compose_schema_validate (root, store))
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (store), 0);
      g_autofree char *text = wharf_diagnostic_format (d);

      g_error ("%s should validate: %s", path, text);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static void
test_many_services (void)
{
  g_autoptr(GString) yaml = g_string_new ("name: big\nservices:\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfNode) root = NULL;
  g_autoptr(GListStore) store = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfDiagnostic) d = NULL;
  g_autoptr(GTimer) timer = NULL;
  guint bad_line = 0;

  for (guint i = 0; i < 1000; i++)
    {
      g_string_append_printf (yaml,
                              "  svc%u:\n"
                              "    image: registry.example.com/team/svc%u:1.%u\n"
                              "    environment:\n      A: \"%u\"\n      B: b\n"
                              "    ports: [\"%u:80\"]\n"
                              "    depends_on: [svc%u]\n"
                              "    deploy:\n      replicas: 2\n"
                              "      resources: {limits: {cpus: \"0.5\", memory: 512M}}\n"
                              "    healthcheck: {test: [CMD, \"true\"], interval: 10s, retries: 3}\n"
                              "    volumes: [\"data:/data\", {type: bind, source: ./s%u, target: /s}]\n",
                              i, i, i, i, 10000 + i, i > 0 ? i - 1 : 999, i);
      if (i == 999)
        {
          bad_line = 1;
          for (const char *s = yaml->str; *s; s++)
            bad_line += *s == '\n';
          g_string_append (yaml, "    restart: sometimes\n");
        }
    }
  g_string_append (yaml, "volumes:\n  data:\n");

  root = wharf_node_parse (yaml->str, yaml->len, "big.yaml", &error);
  g_assert_no_error (error);
  timer = g_timer_new ();
  g_assert_false (wharf_compose_schema_validate (root, store));
  g_test_message ("validated 1000 services (%zu bytes) in %.2f ms",
                  yaml->len, g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  d = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (wharf_diagnostic_get_path (d), ==, "services.svc999.restart");
  g_assert_cmpuint (wharf_diagnostic_get_line (d), ==, bad_line);
  g_assert_cmpuint (wharf_diagnostic_get_column (d), ==, 14);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compose-schema/table-sorted", test_table_sorted);
  g_test_add_func ("/compose-schema/scalar-values", test_scalar_values);
  g_test_add_func ("/compose-schema/unknown-keys", test_unknown_keys);
  g_test_add_func ("/compose-schema/wrong-types", test_wrong_types);
  g_test_add_func ("/compose-schema/enums", test_enums);
  g_test_add_func ("/compose-schema/casts-accepted", test_casts_accepted);
  g_test_add_func ("/compose-schema/casts-rejected", test_casts_rejected);
  g_test_add_func ("/compose-schema/variables", test_variables);
  g_test_add_func ("/compose-schema/extensions", test_extensions);
  g_test_add_func ("/compose-schema/tags", test_tags);
  g_test_add_func ("/compose-schema/version", test_version);
  g_test_add_func ("/compose-schema/required", test_required);
  g_test_add_func ("/compose-schema/names-and-nulls", test_names_and_nulls);
  g_test_add_func ("/compose-schema/unique", test_unique);
  g_test_add_func ("/compose-schema/peer-compose-spec", test_peer_compose_spec);
  g_test_add_func ("/compose-schema/peer-awesome-compose", test_peer_awesome_compose);
  g_test_add_func ("/compose-schema/fixture-every-property", test_fixture_every_property);
  g_test_add_func ("/compose-schema/many-services", test_many_services);
  return g_test_run ();
}
