/* conformance-awesome.c: the awesome-compose samples all load, and each
 * gets the values its README row points at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "conformance-util.h"
#include "conformance-tests.h"

typedef void (*CheckFunc) (WharfNode  *root,
                           const char *dir);

typedef struct {
  const char *sample;
  const char *file;
  const char *services;   /* sorted, comma-separated */
  CheckFunc   check;
} Sample;

static void
check_nginx_golang_mysql (WharfNode  *root,
                          const char *dir)
{
  g_autofree char *conf = g_build_filename (dir, "proxy", "nginx.conf", NULL);
  g_autofree char *secret = g_build_filename (dir, "db", "password.txt", NULL);
  g_autofree char *context = g_build_filename (dir, "backend", NULL);

  g_assert_cmpstr (conf_str (root, "services.backend.build.context"), ==, context);
  g_assert_cmpstr (conf_str (root, "services.backend.build.target"), ==, "builder");
  g_assert_cmpstr (conf_str (root, "services.backend.depends_on.db.condition"), ==, "service_healthy");
  /* $$ is a literal $. */
  g_assert_cmpstr (conf_str (root, "services.db.healthcheck.test.1"), ==,
                   "mysqladmin ping -h 127.0.0.1 --password=\"$(cat /run/secrets/db-password)\" --silent");
  g_assert_cmpstr (conf_str (root, "services.db.healthcheck.interval"), ==, "3s");
  g_assert_cmpstr (conf_str (root, "services.db.expose.0"), ==, "3306");
  g_assert_cmpstr (conf_str (root, "services.proxy.volumes.0.source"), ==, conf);
  g_assert_cmpstr (conf_str (root, "services.proxy.volumes.0.read_only"), ==, "true");
  g_assert_cmpstr (conf_str (root, "secrets.db-password.file"), ==, secret);
  g_assert_cmpstr (conf_str (root, "volumes.db-data.name"), ==, "nginx-golang-mysql_db-data");
}

static void
check_react_java_mysql (WharfNode  *root,
                        const char *dir)
{
  g_assert_cmpstr (conf_str (root, "services.backend.environment.MYSQL_HOST"), ==, "db");
  g_assert_cmpstr (conf_str (root, "services.db.environment.MYSQL_DATABASE"), ==, "example");
  g_assert_cmpstr (conf_str (root, "services.db.healthcheck.test.0"), ==, "CMD");
  g_assert_cmpstr (conf_str (root, "services.frontend.volumes.1.type"), ==, "volume");
  g_assert_null (conf_at (root, "services.frontend.volumes.1.source"));
  g_assert_cmpstr (conf_str (root, "services.frontend.volumes.1.target"), ==, "/project/node_modules");
  g_assert_nonnull (conf_at (root, "services.backend.networks.react-spring"));
  g_assert_nonnull (conf_at (root, "services.backend.networks.spring-mysql"));
  g_assert_null (conf_at (root, "services.backend.networks.default"));
}

static void
check_react_express_mysql (WharfNode  *root,
                           const char *dir)
{
  g_assert_cmpstr (conf_str (root, "services.backend.build.args.NODE_ENV"), ==, "development");
  g_assert_cmpuint (wharf_node_sequence_size (conf_at (root, "services.backend.ports")), ==, 3);
  g_assert_cmpstr (conf_str (root, "services.backend.volumes.0.read_only"), ==, "true");
  g_assert_cmpstr (conf_str (root, "services.backend.command.0"), ==, "npm");
}

static void
check_react_rust_postgres (WharfNode  *root,
                           const char *dir)
{
  g_assert_cmpstr (conf_str (root, "name"), ==, "react-rust-postgres");
  g_assert_cmpstr (conf_str (root, "networks.client-side.name"), ==, "react-rust-postgres_client-side");
  g_assert_cmpstr (conf_str (root, "services.backend.depends_on.db.condition"), ==, "service_started");
}

static void
check_elk (WharfNode  *root,
           const char *dir)
{
  WharfNode *ports = conf_at (root, "services.logstash.ports");

  g_assert_cmpstr (conf_str (root, "services.elasticsearch.container_name"), ==, "es");
  g_assert_cmpstr (wharf_node_mapping_lookup_string (conf_at (root, "services.elasticsearch.environment"),
                                                     "discovery.type"), ==, "single-node");
  g_assert_cmpstr (conf_str (ports, "1.protocol"), ==, "udp");
  g_assert_cmpstr (conf_str (ports, "1.published"), ==, "5000");
  g_assert_cmpstr (conf_str (root, "networks.elastic.driver"), ==, "bridge");
  g_assert_cmpstr (conf_str (root, "services.logstash.command.1"), ==, "-f");
}

static void
check_pihole (WharfNode  *root,
              const char *dir)
{
  WharfNode *env = conf_at (root, "services.pihole.environment");

  g_assert_cmpstr (conf_str (env, "TZ"), ==, "Etc/UTC");
  g_assert_cmpstr (conf_str (env, "WEBPASSWORD"), ==, "changeit");
  g_assert_cmpstr (conf_str (env, "ServerIPv6"), ==, "");
  g_assert_cmpstr (conf_str (env, "PIHOLE_DNS_"), ==, "172.20.0.2#5054;1.1.1.1");
  g_assert_cmpstr (conf_str (root, "services.cloudflared.networks.dns-net.ipv4_address"), ==, "172.20.0.2");
  g_assert_cmpstr (conf_str (root, "networks.dns-net.ipam.config.0.subnet"), ==, "172.20.0.0/24");
  g_assert_cmpstr (conf_str (root, "services.pihole.ports.3.published"), ==, "8080");
  g_assert_cmpstr (conf_str (root, "services.pihole.ports.3.target"), ==, "80");
  g_assert_cmpstr (conf_str (root, "services.pihole.cap_add.0"), ==, "NET_ADMIN");
}

static void
check_wireguard (WharfNode  *root,
                 const char *dir)
{
  WharfNode *env = conf_at (root, "services.wireguard.environment");

  /* The `.env` value is followed by an inline comment. */
  g_assert_cmpstr (conf_str (env, "SERVERURL"), ==, "your-domain.dyndns.com");
  g_assert_cmpstr (conf_str (env, "TZ"), ==, "Etc/UTC");
  g_assert_cmpstr (wharf_node_mapping_lookup_string (conf_at (root, "services.wireguard.sysctls"),
                                                     "net.ipv4.conf.all.src_valid_mark"), ==, "1");
  g_assert_cmpstr (conf_str (root, "services.wireguard.ports.0.protocol"), ==, "udp");
}

static void
check_pgadmin (WharfNode  *root,
               const char *dir)
{
  g_assert_cmpstr (conf_str (root, "services.postgres.environment.POSTGRES_USER"), ==, "yourUser");
  g_assert_cmpstr (conf_str (root, "services.postgres.environment.POSTGRES_DB"), ==, "postgres");
  g_assert_cmpstr (conf_str (root, "services.pgadmin.environment.PGADMIN_DEFAULT_EMAIL"), ==, "your@email.com");
  g_assert_cmpstr (conf_str (root, "services.pgadmin.ports.0.published"), ==, "5050");
  g_assert_cmpstr (conf_str (root, "services.pgadmin.ports.0.target"), ==, "80");
}

static void
check_minecraft (WharfNode  *root,
                 const char *dir)
{
  g_assert_cmpstr (conf_str (root, "services.minecraft.deploy.resources.limits.memory"), ==, "1610612736");
  g_assert_cmpstr (conf_str (root, "services.minecraft.volumes.0.source"), ==, "/home/tester/minecraft_data");
  g_assert_cmpstr (conf_str (root, "services.minecraft.environment.EULA"), ==, "TRUE");
}

static void
check_traefik (WharfNode  *root,
               const char *dir)
{
  WharfNode *labels = conf_at (root, "services.backend.labels");

  g_assert_cmpstr (wharf_node_mapping_lookup_string (labels, "traefik.http.routers.go.rule"), ==, "Path(`/`)");
  g_assert_cmpstr (conf_str (root, "services.frontend.volumes.0.source"), ==, "/var/run/docker.sock");
  g_assert_cmpstr (conf_str (root, "services.frontend.command.0"), ==, "--providers.docker");
}

static void
check_wasmedge (WharfNode  *root,
                const char *dir)
{
  g_autofree char *context = g_build_filename (dir, "backend", NULL);

  g_assert_cmpstr (conf_str (root, "services.backend.platform"), ==, "wasi/wasm");
  g_assert_cmpstr (conf_str (root, "services.backend.runtime"), ==, "io.containerd.wasmedge.v1");
  g_assert_cmpstr (conf_str (root, "services.backend.image"), ==, "demo-microservice");
  g_assert_cmpstr (conf_str (root, "services.backend.build.context"), ==, context);
}

static void
check_wordpress (WharfNode  *root,
                 const char *dir)
{
  g_assert_cmpstr (conf_str (root, "services.db.volumes.0.source"), ==, "db_data");
  g_assert_cmpstr (conf_str (root, "services.db.restart"), ==, "always");
  g_assert_cmpstr (conf_str (root, "volumes.db_data.name"), ==, "wordpress-mysql_db_data");
  g_assert_cmpstr (conf_str (root, "services.wordpress.environment.WORDPRESS_DB_HOST"), ==, "db");
}

static const Sample samples[] = {
  { "elasticsearch-logstash-kibana", "compose.yaml", "elasticsearch,kibana,logstash", check_elk },
  { "minecraft", "compose.yaml", "minecraft", check_minecraft },
  { "nginx-golang-mysql", "compose.yaml", "backend,db,proxy", check_nginx_golang_mysql },
  { "pihole-cloudflared-DoH", "compose.yaml", "cloudflared,pihole", check_pihole },
  { "postgresql-pgadmin", "compose.yaml", "pgadmin,postgres", check_pgadmin },
  { "react-express-mysql", "compose.yaml", "backend,db,frontend", check_react_express_mysql },
  { "react-java-mysql", "compose.yaml", "backend,db,frontend", check_react_java_mysql },
  { "react-rust-postgres", "compose.yaml", "backend,db,frontend", check_react_rust_postgres },
  { "traefik-golang", "compose.yaml", "backend,frontend", check_traefik },
  { "wasmedge-mysql-nginx", "compose.yml", "backend,db,frontend", check_wasmedge },
  { "wireguard", "compose.yaml", "wireguard", check_wireguard },
  { "wordpress-mysql", "compose.yaml", "db,wordpress", check_wordpress },
};

/* Default discovery (no -f), the sample folder's `.env`, the project named
 * after the folder like Docker does. */
static void
test_sample (gconstpointer data)
{
  const Sample *sample = data;
  g_autofree char *dir = conf_peer_dir ("awesome-compose", sample->sample, NULL);
  g_autofree char *expected_file = NULL, *keys = NULL, *name = NULL;
  g_autoptr(WharfComposeProject) p = NULL;
  const char *project_name;

  if (dir == NULL)
    return;
  p = conf_load_ok (&(ConfLoad) { .dir = dir });
  expected_file = g_build_filename (dir, sample->file, NULL);
  g_assert_cmpstr (wharf_compose_project_get_files (p)[0], ==, expected_file);
  keys = conf_keys (conf_root (p), "services");
  g_assert_cmpstr (keys, ==, sample->services);
  project_name = conf_str (conf_root (p), "name");
  if (!g_str_equal (sample->sample, "react-rust-postgres"))
    {
      name = wharf_compose_normalize_project_name (sample->sample);
      g_assert_cmpstr (project_name, ==, name);
    }
  g_assert_cmpstr (wharf_compose_project_get_name (p), ==, project_name);
  sample->check (conf_root (p), dir);
}

/* The corpus has exactly the samples above: a new one needs a check. */
static void
test_samples_listed (void)
{
  g_autofree char *dir = conf_peer_dir ("awesome-compose", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return;
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gboolean found = FALSE;

      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        found |= g_str_equal (samples[i].sample, name);
      if (!found)
        g_error ("awesome-compose/%s has no conformance check", name);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (samples));
}

void
conformance_add_awesome_tests (void)
{
  g_test_add_func ("/conformance/awesome-compose/all-listed", test_samples_listed);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/conformance/awesome-compose/%s", samples[i].sample);
      g_test_add_data_func (path, &samples[i], test_sample);
    }
}
