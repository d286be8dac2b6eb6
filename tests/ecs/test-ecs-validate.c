/* test-ecs-validate.c: every rule of the validator, each diagnostic with
 * its severity, text and line; bad values of every x-aws-* extension.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ecs-test-util.h"
#include "wharf-ecs-convert-private.h"

typedef struct {
  const char    *name;
  const char    *yaml;
  WharfSeverity  severity;
  const char    *text;
  guint          line;
} Rule;

#define SVC "services:\n  app:\n    image: nginx:1.27\n"

static const Rule rules[] = {
  /* Errors: what makes the deploy impossible. */
  { "no-image", "services:\n  app:\n    build: .\n", WHARF_SEVERITY_ERROR,
    "service app doesn’t define a Docker image to run", 2 },
  { "bind-mount", SVC "    volumes:\n      - ./data:/data\n", WHARF_SEVERITY_ERROR,
    "ECS Fargate does not support bind mounts from host", 5 },
  { "tmpfs-mount", SVC "    volumes:\n      - type: tmpfs\n        target: /cache\n", WHARF_SEVERITY_ERROR,
    "ECS Fargate does not support tmpfs", 5 },
  { "sourceless-volume", SVC "    volumes:\n      - /data\n", WHARF_SEVERITY_ERROR,
    "service app has an invalid volume /data: ECS does not support sourceless volumes", 5 },
  { "cap-add", SVC "    cap_add:\n      - NET_ADMIN\n", WHARF_SEVERITY_ERROR,
    "ECS doesn’t allow to add capability NET_ADMIN", 5 },
  { "port-range", SVC "    ports:\n      - target: 80\n        published: \"8000-8001\"\n", WHARF_SEVERITY_ERROR,
    "port ranges (8000-8001) are not supported by ECS load balancers", 6 },
  { "port-twice", SVC "    ports: [\"80:80\"]\n  other:\n    image: nginx:1.27\n    ports: [\"80:8080\"]\n",
    WHARF_SEVERITY_ERROR, "port 80/tcp is already published by service “app”", 0 },
  { "port-protocol", SVC "    ports:\n      - target: 80\n        protocol: sctp\n", WHARF_SEVERITY_ERROR,
    "protocol sctp is not supported", 6 },
  { "fargate-size", SVC "    deploy:\n      resources:\n        limits:\n          cpus: \"32\"\n",
    WHARF_SEVERITY_ERROR, "the resources requested are not supported by ECS/Fargate (32 vCPU", 7 },
  { "fargate-memory", SVC "    deploy:\n      resources:\n        limits:\n          memory: 200G\n",
    WHARF_SEVERITY_ERROR, "the resources requested are not supported by ECS/Fargate", 7 },
  { "parallelism-no-replicas", SVC "    deploy:\n      update_config:\n        parallelism: 2\n",
    WHARF_SEVERITY_ERROR, "rolling update configuration require deploy.replicas to be set", 6 },
  { "parallelism-over-replicas", SVC "    deploy:\n      replicas: 1\n      update_config:\n        parallelism: 2\n",
    WHARF_SEVERITY_ERROR, "deploy.replicas (1) must be greater than deploy.update_config.parallelism (2)", 7 },
  { "healthcheck-test", SVC "    healthcheck:\n      test: [\"RUN\", \"true\"]\n", WHARF_SEVERITY_ERROR,
    "the test must start with CMD, CMD-SHELL or NONE", 5 },
  { "ulimit-soft-over-hard", SVC "    ulimits:\n      nofile:\n        soft: 2048\n        hard: 1024\n",
    WHARF_SEVERITY_ERROR, "the soft limit (2048) is above the hard limit (1024)", 6 },
  { "external-network-not-sg", SVC "networks:\n  default:\n    external: true\n    name: my-network\n",
    WHARF_SEVERITY_ERROR, "an external network must name an existing security group", 7 },
  { "external-volume-not-fs", SVC "volumes:\n  data:\n    external: true\n    name: my-volume\n",
    WHARF_SEVERITY_ERROR, "an external volume must name an existing EFS file system", 7 },
  { "efs-option", SVC "volumes:\n  data:\n    driver_opts:\n      performance_mode: turbo\n",
    WHARF_SEVERITY_ERROR, "volumes.data.driver_opts.performance_mode: must be one of generalPurpose, maxIO", 7 },
  { "efs-uid", SVC "volumes:\n  data:\n    driver_opts:\n      uid: root\n",
    WHARF_SEVERITY_ERROR, "volumes.data.driver_opts.uid: must be an integer", 7 },
  { "gpu-ami", SVC "    deploy:\n      placement:\n        constraints: [\"node.ami == ami123\"]\n"
    "      resources:\n        reservations:\n          devices:\n            - capabilities: [gpu]\n",
    WHARF_SEVERITY_ERROR, "“ami123” is not an AMI ID", 6 },
  { "gpu-too-big", SVC "    deploy:\n      resources:\n        reservations:\n          memory: 500G\n"
    "          devices:\n            - capabilities: [gpu]\n",
    WHARF_SEVERITY_ERROR, "none of the Amazon EC2 G4 instance types meet the requirements", 7 },

  /* Wrongly typed or invalid x-aws-* values: errors with their line. */
  { "x-aws-vpc", "x-aws-vpc: subnet-0a1b2c3d\n" SVC, WHARF_SEVERITY_ERROR,
    "x-aws-vpc: “subnet-0a1b2c3d” is neither a VPC ID", 1 },
  { "x-aws-vpc-type", "x-aws-vpc: [vpc-0a1b2c3d]\n" SVC, WHARF_SEVERITY_ERROR,
    "x-aws-vpc: must be a non-empty string", 1 },
  { "x-aws-cluster-type", "x-aws-cluster: {name: shared}\n" SVC, WHARF_SEVERITY_ERROR,
    "x-aws-cluster: must be a non-empty string", 1 },
  { "x-aws-loadbalancer-type", "x-aws-loadbalancer: [a, b]\n" SVC, WHARF_SEVERITY_ERROR,
    "x-aws-loadbalancer: must be a non-empty string", 1 },
  { "x-aws-logs_retention-type", "x-aws-logs_retention: forever\n" SVC, WHARF_SEVERITY_ERROR,
    "x-aws-logs_retention: must be an integer", 1 },
  { "x-aws-logs_retention-range", "x-aws-logs_retention: 5000\n" SVC, WHARF_SEVERITY_ERROR,
    "x-aws-logs_retention: must be between 0 and 3653", 1 },
  { "x-aws-cloudformation-type", "x-aws-cloudformation: [1]\n" SVC, WHARF_SEVERITY_ERROR,
    "x-aws-cloudformation: must be a mapping", 1 },
  { "x-aws-pull_credentials-type", SVC "    x-aws-pull_credentials: {arn: x}\n", WHARF_SEVERITY_ERROR,
    "services.app.x-aws-pull_credentials: must be a non-empty string", 4 },
  { "x-aws-role-type", SVC "    x-aws-role: arn:aws:iam::123456789012:role/app\n", WHARF_SEVERITY_ERROR,
    "must be an IAM policy document", 4 },
  { "x-aws-policies-type", SVC "    x-aws-policies: AmazonS3ReadOnlyAccess\n", WHARF_SEVERITY_ERROR,
    "x-aws-policies: must be a list of IAM policy ARNs", 4 },
  { "x-aws-policies-arn", SVC "    x-aws-policies: [AmazonS3ReadOnlyAccess]\n", WHARF_SEVERITY_ERROR,
    "must be a list of IAM policy ARNs (arn:aws:iam::…)", 4 },
  { "x-aws-autoscaling-type", SVC "    deploy:\n      x-aws-autoscaling: 10\n", WHARF_SEVERITY_ERROR,
    "x-aws-autoscaling: must be a mapping", 5 },
  { "x-aws-autoscaling-both", SVC "    deploy:\n      x-aws-autoscaling:\n        max: 4\n        cpu: 50\n        memory: 50\n",
    WHARF_SEVERITY_ERROR, "x-aws-autoscaling can’t be set with both cpu and memory targets", 6 },
  { "x-aws-autoscaling-max", SVC "    deploy:\n      x-aws-autoscaling:\n        cpu: 50\n",
    WHARF_SEVERITY_ERROR, "x-aws-autoscaling MUST define max replicas", 6 },
  { "x-aws-autoscaling-cpu", SVC "    deploy:\n      x-aws-autoscaling:\n        max: 4\n        cpu: high\n",
    WHARF_SEVERITY_ERROR, "x-aws-autoscaling: must be an integer", 7 },
  { "x-aws-min_percent", SVC "    deploy:\n      update_config:\n        x-aws-min_percent: lots\n",
    WHARF_SEVERITY_ERROR, "x-aws-min_percent: must be an integer", 6 },
  { "x-aws-max_percent", SVC "    deploy:\n      update_config:\n        x-aws-max_percent: 500\n",
    WHARF_SEVERITY_ERROR, "x-aws-max_percent: must be between 100 and 200", 6 },
  { "x-aws-protocol", SVC "    ports:\n      - target: 80\n        x-aws-protocol: [http]\n",
    WHARF_SEVERITY_ERROR, "x-aws-protocol: must be a non-empty string", 6 },
  { "x-aws-keys", SVC "    secrets: [s]\nsecrets:\n  s:\n    external: true\n    name: s\n    x-aws-keys: {a: b}\n",
    WHARF_SEVERITY_ERROR, "secrets.s.x-aws-keys: must be a key name", 9 },
  { "x-aws-securitygroup", SVC "networks:\n  default:\n    x-aws-securitygroup: [sg-0a1b2c3d]\n",
    WHARF_SEVERITY_ERROR, "x-aws-securitygroup: must be a non-empty string", 6 },

  /* Warnings: what ECS cannot honour, removed, with the key and line. */
  { "privileged", SVC "    privileged: true\n", WHARF_SEVERITY_WARNING,
    "services.app.privileged: ignored: Fargate does not run privileged containers", 4 },
  { "network-mode", SVC "    network_mode: host\n", WHARF_SEVERITY_WARNING,
    "services.app.network_mode: ignored", 4 },
  { "restart", SVC "    restart: always\n", WHARF_SEVERITY_WARNING,
    "services.app.restart: ignored: ECS always restarts the tasks of a service", 4 },
  { "dns", SVC "    dns: 1.1.1.1\n", WHARF_SEVERITY_WARNING, "services.app.dns: ignored", 4 },
  { "extra-hosts", SVC "    extra_hosts: [\"db:10.0.0.5\"]\n", WHARF_SEVERITY_WARNING,
    "services.app.extra_hosts: ignored", 4 },
  { "hostname", SVC "    hostname: app\n", WHARF_SEVERITY_WARNING, "services.app.hostname: ignored", 4 },
  { "tmpfs-key", SVC "    tmpfs: /run\n", WHARF_SEVERITY_WARNING, "services.app.tmpfs: ignored", 4 },
  { "shm-size", SVC "    shm_size: 1g\n", WHARF_SEVERITY_WARNING, "services.app.shm_size: ignored", 4 },
  { "security-opt", SVC "    security_opt: [\"no-new-privileges:true\"]\n", WHARF_SEVERITY_WARNING,
    "services.app.security_opt: ignored", 4 },
  { "stop-signal", SVC "    stop_signal: SIGINT\n", WHARF_SEVERITY_WARNING,
    "services.app.stop_signal: ignored: ECS stops containers with SIGTERM", 4 },
  { "build-and-image", SVC "    build: .\n", WHARF_SEVERITY_WARNING,
    "services.app.build: ignored: ECS runs images from a registry", 4 },
  { "expose", SVC "    expose: [\"8080\"]\n", WHARF_SEVERITY_WARNING, "services.app.expose: ignored", 4 },
  { "unknown-extension", SVC "    x-aws-color: blue\n", WHARF_SEVERITY_WARNING,
    "services.app.x-aws-color: unknown extension", 4 },
  { "unknown-top-extension", "x-aws-region: eu-west-3\n" SVC, WHARF_SEVERITY_WARNING,
    "x-aws-region: unknown extension", 1 },
  { "logging-driver", SVC "    logging:\n      driver: json-file\n", WHARF_SEVERITY_WARNING,
    "logging driver json-file is not supported; awslogs (CloudWatch Logs) is used", 5 },
  { "logging-option", SVC "    logging:\n      options:\n        max-size: 10m\n", WHARF_SEVERITY_WARNING,
    "services.app.logging.options.max-size: ignored: not an option of the awslogs driver", 6 },
  { "healthcheck-interval", SVC "    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: 1s\n",
    WHARF_SEVERITY_WARNING, "ECS accepts 5 to 300 seconds; 5 s is used", 6 },
  { "healthcheck-timeout", SVC "    healthcheck:\n      test: [\"CMD\", \"true\"]\n      timeout: 2m\n",
    WHARF_SEVERITY_WARNING, "ECS accepts 2 to 60 seconds; 60 s is used", 6 },
  { "healthcheck-retries", SVC "    healthcheck:\n      test: [\"CMD\", \"true\"]\n      retries: 20\n",
    WHARF_SEVERITY_WARNING, "ECS accepts 1 to 10 retries; 10 is used", 6 },
  { "stop-grace-period", SVC "    stop_grace_period: 5m\n", WHARF_SEVERITY_WARNING,
    "Fargate waits at most 120 s before killing a container", 4 },
  { "sysctl", SVC "    sysctls:\n      kernel.randomize_va_space: \"0\"\n", WHARF_SEVERITY_WARNING,
    "services.app.sysctls.kernel.randomize_va_space: ignored", 5 },
  { "ulimit-name", SVC "    ulimits:\n      bogus: 5\n", WHARF_SEVERITY_WARNING,
    "services.app.ulimits.bogus: ignored", 5 },
  { "depends-on-healthy", SVC "    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n",
    WHARF_SEVERITY_WARNING, "ECS creates the services in order but does not wait for service_healthy", 0 },
  { "deploy-mode", SVC "    deploy:\n      mode: global\n", WHARF_SEVERITY_WARNING,
    "services.app.deploy.mode: ignored: Fargate runs replicated services only", 5 },
  { "restart-policy", SVC "    deploy:\n      restart_policy:\n        condition: on-failure\n", WHARF_SEVERITY_WARNING,
    "services.app.deploy.restart_policy: ignored", 5 },
  { "placement-fargate", SVC "    deploy:\n      placement:\n        constraints: [\"node.role == manager\"]\n",
    WHARF_SEVERITY_WARNING, "Fargate does not support placement constraints", 6 },
  { "update-delay", SVC "    deploy:\n      update_config:\n        delay: 10s\n", WHARF_SEVERITY_WARNING,
    "services.app.deploy.update_config.delay: ignored", 6 },
  { "device-capability", SVC "    deploy:\n      resources:\n        reservations:\n          devices:\n"
    "            - capabilities: [gpu, tpu]\n", WHARF_SEVERITY_WARNING, "capability tpu is not supported; only gpu is", 0 },
  { "device-driver", SVC "    deploy:\n      resources:\n        reservations:\n          devices:\n"
    "            - capabilities: [gpu]\n              driver: amd\n", WHARF_SEVERITY_WARNING,
    "driver amd is not supported; ECS GPU instances use nvidia", 0 },
  { "secret-mode", SVC "    secrets:\n      - source: s\n        mode: 0400\nsecrets:\n  s:\n    external: true\n    name: s\n",
    WHARF_SEVERITY_WARNING, "services.app.secrets[0].mode: ignored", 6 },
  { "secret-target", SVC "    secrets:\n      - source: s\n        target: /etc/app/key\nsecrets:\n  s:\n    external: true\n    name: s\n",
    WHARF_SEVERITY_WARNING, "“/etc/app/key” becomes /run/secrets/key", 6 },
  { "port-host-ip", SVC "    ports:\n      - \"127.0.0.1:80:80\"\n", WHARF_SEVERITY_WARNING,
    "host_ip: ignored: the load balancer listens on all its addresses", 0 },
  { "network-driver", SVC "networks:\n  default:\n    driver: overlay\n", WHARF_SEVERITY_WARNING,
    "networks.default.driver: ignored: a network is an EC2 security group on ECS", 6 },
  { "network-alias", SVC "    networks:\n      default:\n        aliases: [web]\n", WHARF_SEVERITY_WARNING,
    "services.app.networks.default.aliases: ignored", 6 },
  { "securitygroup-deprecated", SVC "networks:\n  default:\n    x-aws-securitygroup: sg-0a1b2c3d\n",
    WHARF_SEVERITY_WARNING, "deprecated: to use an existing security group, set external: true and name: sg-0a1b2c3d", 6 },
  { "volume-driver", SVC "volumes:\n  data:\n    driver: local\n", WHARF_SEVERITY_WARNING,
    "volumes.data.driver: ignored: volumes are Amazon EFS file systems on ECS", 6 },
  { "efs-unknown-option", SVC "volumes:\n  data:\n    driver_opts:\n      type: nfs\n", WHARF_SEVERITY_WARNING,
    "volumes.data.driver_opts.type: unknown EFS option", 7 },
  { "configs", SVC "    configs: [c]\nconfigs:\n  c:\n    content: hello\n", WHARF_SEVERITY_WARNING,
    "services.app.configs: ignored: ECS has no configs", 4 },
  { "platform", SVC "    platform: wasi/wasm\n", WHARF_SEVERITY_WARNING,
    "services.app.platform: ignored: Fargate runs linux/amd64 or linux/arm64", 4 },
  { "logs-retention-rounded", "x-aws-logs_retention: 100\n" SVC, WHARF_SEVERITY_WARNING,
    "CloudWatch Logs cannot keep logs 100 days; 120 is used", 1 },
};

static void
test_rule (gconstpointer data)
{
  const Rule *rule = data;
  g_autoptr(WharfNode) root = ecs_test_load_string (rule->yaml, "rules");
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfNode) ready = wharf_ecs_validate (root, diagnostics);

  g_assert_nonnull (ready);
  if (!ecs_test_has_diagnostic (G_LIST_MODEL (diagnostics), rule->severity, rule->text, rule->line))
    g_error ("%s: no %s “%s” on line %u", rule->name, wharf_severity_to_string (rule->severity),
             rule->text, rule->line);
  /* Every diagnostic has a file and a line. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diagnostics)); i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (diagnostics), i);

      g_assert_true (g_str_has_suffix (wharf_diagnostic_get_file (d), "compose.yaml"));
      g_assert_cmpuint (wharf_diagnostic_get_line (d), >, 0);
      g_assert_nonnull (wharf_diagnostic_get_path (d));
    }
  /* Warnings never stop the conversion; errors always do. */
  g_assert_cmpint (wharf_diagnostics_has_errors (G_LIST_MODEL (diagnostics)), ==,
                   rule->severity == WHARF_SEVERITY_ERROR);
}

/* Dropped keys are gone from the ECS-ready tree; defaults are injected. */
static void
test_ready_tree (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_string (SVC
                                                    "    privileged: true\n"
                                                    "    scale: 3\n"
                                                    "    ports:\n      - target: 80\n"
                                                    "    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: 1s\n",
                                                    "ready");
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfNode) ready = wharf_ecs_validate (root, diagnostics);
  WharfNode *app = wharf_ecs_lookup (ready, "services", "app", NULL);
  WharfNode *port = wharf_node_sequence_get (wharf_ecs_lookup (app, "ports", NULL), 0);
  gint64 replicas = 0;

  g_assert_null (wharf_ecs_lookup (app, "privileged", NULL));
  g_assert_nonnull (wharf_ecs_lookup (root, "services", "app", "privileged", NULL));
  g_assert_null (wharf_ecs_lookup (app, "scale", NULL));
  g_assert_true (wharf_node_get_int64 (wharf_ecs_lookup (app, "deploy", "replicas", NULL), &replicas));
  g_assert_cmpint (replicas, ==, 3);
  g_assert_cmpstr (wharf_ecs_lookup_string (port, "published"), ==, "80");
  g_assert_cmpstr (wharf_ecs_lookup_string (port, "protocol"), ==, "tcp");
  g_assert_cmpstr (wharf_ecs_lookup_string (wharf_ecs_lookup (app, "healthcheck", NULL), "interval"), ==, "5s");
  g_assert_false (wharf_diagnostics_has_errors (G_LIST_MODEL (diagnostics)));
}

/* A clean project gives no diagnostic at all. */
static void
test_clean (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_string (SVC "    ports: [\"80:80\"]\n", "clean");
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfNode) ready = wharf_ecs_validate (root, diagnostics);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diagnostics)), ==, 0);
}

/* Not a mapping, no services: errors, never a crash. */
static void
test_degenerate (void)
{
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfNode) scalar = wharf_node_new_string ("hello");
  g_autoptr(WharfNode) empty = wharf_node_new_mapping ("empty.yaml", 1, 1);
  g_autoptr(WharfNode) r1 = wharf_ecs_validate (scalar, diagnostics);
  g_autoptr(WharfNode) r2 = NULL;
  g_autoptr(WharfEcsEnvironment) env = ecs_test_environment ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfTemplate) tpl = NULL;

  g_assert_true (wharf_diagnostics_has_errors (G_LIST_MODEL (diagnostics)));
  g_list_store_remove_all (diagnostics);
  r2 = wharf_ecs_validate (empty, diagnostics);
  g_assert_true (ecs_test_has_diagnostic (G_LIST_MODEL (diagnostics), WHARF_SEVERITY_ERROR, "the project has no services", 1));
  tpl = wharf_ecs_convert (empty, "x", env, NULL, &error);
  g_assert_null (tpl);
  g_assert_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ecs/validate/%s/%s",
                                               rules[i].severity == WHARF_SEVERITY_ERROR ? "error" : "warning",
                                               rules[i].name);

      g_test_add_data_func (path, &rules[i], test_rule);
    }
  g_test_add_func ("/ecs/validate/ready-tree", test_ready_tree);
  g_test_add_func ("/ecs/validate/clean", test_clean);
  g_test_add_func ("/ecs/validate/degenerate", test_degenerate);
  return g_test_run ();
}
