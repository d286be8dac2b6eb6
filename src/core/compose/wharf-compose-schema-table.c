/* wharf-compose-schema-table.c: the compose-spec JSON schema (as embedded by
 * compose-go v2) restated as a C table. Rules are defined bottom-up; every
 * property list is sorted by name (strcmp) for a binary search, which
 * wharf_compose_schema_check_table() verifies.
 *
 * Where the schema types a field ["integer", "string"] only so that it can
 * hold a variable, the rule is INTEGER (a string must parse as one); where
 * the string is a real value (ports "8000-8010", build.provenance), it is a
 * string-or-number rule. Enums the schema leaves as plain strings but Docker
 * documents (restart_policy.condition, ports protocol and mode, deploy mode…)
 * are enums here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-compose-schema-private.h"

#define X    WHARF_SCHEMA_EXTENSIONS
#define NUL  WHARF_SCHEMA_NULLABLE
#define UNIQ WHARF_SCHEMA_UNIQUE

#define RULE(k)            { .kind = WHARF_SCHEMA_##k }
#define RULE_F(k, f)       { .kind = WHARF_SCHEMA_##k, .flags = (f) }
#define RANGE(k, lo, hi)   { .kind = WHARF_SCHEMA_##k, .flags = WHARF_SCHEMA_RANGE, .min = (lo), .max = (hi) }
#define ENUM(v)            { .kind = WHARF_SCHEMA_ENUM, .values = (v) }
#define OBJ(p, f)          { .kind = WHARF_SCHEMA_OBJECT, .flags = (f), .props = (p), .n_props = G_N_ELEMENTS (p) }
#define OBJ_REQ(p, f, r)   { .kind = WHARF_SCHEMA_OBJECT, .flags = (f), .props = (p), .n_props = G_N_ELEMENTS (p), .values = (r) }
#define MAP(k, i)          { .kind = WHARF_SCHEMA_OBJECT, .keys = WHARF_SCHEMA_KEYS_##k, .item = (i) }
#define MAP_F(k, i, f)     { .kind = WHARF_SCHEMA_OBJECT, .keys = WHARF_SCHEMA_KEYS_##k, .item = (i), .flags = (f) }
#define ARRAY(i, f)        { .kind = WHARF_SCHEMA_ARRAY, .item = (i), .flags = (f) }
#define ONE_OF(a, f)       { .kind = WHARF_SCHEMA_ONE_OF, .alternatives = (a), .flags = (f) }
#define ALTS(...)          ((const WharfSchemaRule * const[]) { __VA_ARGS__, NULL })
#define VALUES(...)        ((const char * const[]) { __VA_ARGS__, NULL })

typedef WharfSchemaRule Rule;
typedef WharfSchemaProp Prop;

/* Scalars */
static const Rule any = RULE (ANY);
static const Rule string = RULE (STRING);
static const Rule string_or_null = RULE_F (STRING, NUL);
static const Rule scalar = RULE (SCALAR);
static const Rule scalar_or_null = RULE_F (SCALAR, NUL);
static const Rule strnum = RULE (STRING_OR_NUMBER);
static const Rule strnum_or_null = RULE_F (STRING_OR_NUMBER, NUL);
static const Rule integer = RULE (INTEGER);
static const Rule number = RULE (NUMBER);
static const Rule boolean = RULE (BOOLEAN);
static const Rule duration = RULE (DURATION);
static const Rule bytes = RULE (BYTES);
static const Rule bytes_positive = RANGE (BYTES, 0, G_MAXINT64);
static const Rule port = RULE (PORT);
static const Rule restart = RULE (RESTART);
static const Rule pull_policy = RULE (PULL_POLICY);
static const Rule obsolete = RULE (OBSOLETE);
static const Rule cpu_count = RANGE (INTEGER, 0, G_MAXINT64);
static const Rule cpu_percent = RANGE (INTEGER, 0, 100);
static const Rule oom_score_adj = RANGE (INTEGER, -1000, 1000);

/* Shared definitions */
static const Rule array_of_strings = ARRAY (&string, 0);
static const Rule list_of_strings = ARRAY (&string, UNIQ);
static const Rule string_or_list = ONE_OF (ALTS (&string, &list_of_strings), 0);
static const Rule dict_of_scalars = MAP (ANY, &scalar_or_null);
static const Rule list_or_dict = ONE_OF (ALTS (&dict_of_scalars, &list_of_strings), 0);
static const Rule command = ONE_OF (ALTS (&string, &array_of_strings), NUL);
static const Rule driver_opts = MAP (ANY, &strnum);
static const Rule string_map = MAP (ANY, &string);
static const Rule any_map = MAP (ANY, &any);

static const Rule extra_hosts_value = ONE_OF (ALTS (&string, &array_of_strings), 0);
static const Rule extra_hosts_dict = MAP (ANY, &extra_hosts_value);
static const Rule extra_hosts = ONE_OF (ALTS (&extra_hosts_dict, &list_of_strings), 0);

static const Prop external_props[] = { { "name", &string } };
static const Rule external_object = OBJ (external_props, X);
static const Rule external = ONE_OF (ALTS (&boolean, &external_object), 0);

static const Prop ulimit_props[] = { { "hard", &integer }, { "soft", &integer } };
static const Rule ulimit_object = OBJ_REQ (ulimit_props, X, VALUES ("soft", "hard"));
static const Rule ulimit = ONE_OF (ALTS (&integer, &ulimit_object), 0);
static const Rule ulimits = MAP (LOWER, &ulimit);

static const Prop file_reference_props[] = {
  { "gid", &string }, { "mode", &number }, { "source", &string },
  { "target", &string }, { "uid", &string },
};
static const Rule file_reference_object = OBJ (file_reference_props, X);
static const Rule file_reference = ONE_OF (ALTS (&string, &file_reference_object), 0);
static const Rule config_or_secret = ARRAY (&file_reference, 0);

static const Prop service_hook_props[] = {
  { "command", &command }, { "environment", &list_or_dict }, { "privileged", &boolean },
  { "user", &string }, { "working_dir", &string },
};
static const Rule service_hook = OBJ_REQ (service_hook_props, X, VALUES ("command"));
static const Rule service_hooks = ARRAY (&service_hook, 0);

static const Prop device_request_props[] = {
  { "capabilities", &list_of_strings }, { "count", &strnum }, { "device_ids", &list_of_strings },
  { "driver", &string }, { "options", &list_or_dict },
};
static const Rule device_request = OBJ (device_request_props, X);
static const Rule device_requests = ARRAY (&device_request, 0);
static const Rule gpus_all = ENUM (VALUES ("all"));
static const Rule gpus = ONE_OF (ALTS (&gpus_all, &device_requests), 0);

/* service.build */
static const Prop build_props[] = {
  { "additional_contexts", &list_or_dict }, { "args", &list_or_dict },
  { "cache_from", &array_of_strings }, { "cache_to", &array_of_strings },
  { "context", &string }, { "dockerfile", &string }, { "dockerfile_inline", &string },
  { "entitlements", &array_of_strings }, { "extra_hosts", &extra_hosts },
  { "isolation", &string }, { "labels", &list_or_dict }, { "network", &string },
  { "no_cache", &boolean }, { "platforms", &array_of_strings }, { "privileged", &boolean },
  { "provenance", &scalar }, { "pull", &boolean }, { "sbom", &scalar },
  { "secrets", &config_or_secret }, { "shm_size", &bytes }, { "ssh", &list_or_dict },
  { "tags", &array_of_strings }, { "target", &string }, { "ulimits", &ulimits },
};
static const Rule build_object = OBJ (build_props, X);
static const Rule build = ONE_OF (ALTS (&string, &build_object), 0);

/* service.blkio_config */
static const Prop blkio_bps_props[] = { { "path", &string }, { "rate", &bytes } };
static const Prop blkio_iops_props[] = { { "path", &string }, { "rate", &integer } };
static const Prop blkio_weight_props[] = { { "path", &string }, { "weight", &integer } };
static const Rule blkio_bps = OBJ (blkio_bps_props, 0);
static const Rule blkio_iops = OBJ (blkio_iops_props, 0);
static const Rule blkio_weight = OBJ (blkio_weight_props, 0);
static const Rule blkio_bps_list = ARRAY (&blkio_bps, 0);
static const Rule blkio_iops_list = ARRAY (&blkio_iops, 0);
static const Rule blkio_weight_list = ARRAY (&blkio_weight, 0);
static const Prop blkio_props[] = {
  { "device_read_bps", &blkio_bps_list }, { "device_read_iops", &blkio_iops_list },
  { "device_write_bps", &blkio_bps_list }, { "device_write_iops", &blkio_iops_list },
  { "weight", &integer }, { "weight_device", &blkio_weight_list },
};
static const Rule blkio_config = OBJ (blkio_props, 0);

static const Prop credential_spec_props[] = {
  { "config", &string }, { "file", &string }, { "registry", &string },
};
static const Rule credential_spec = OBJ (credential_spec_props, X);

/* service.depends_on */
static const Rule depends_on_condition =
  ENUM (VALUES ("service_started", "service_healthy", "service_completed_successfully"));
static const Prop depends_on_props[] = {
  { "condition", &depends_on_condition }, { "required", &boolean }, { "restart", &boolean },
};
static const Rule depends_on_entry = OBJ_REQ (depends_on_props, X, VALUES ("condition"));
static const Rule depends_on_dict = MAP (NAME, &depends_on_entry);
static const Rule depends_on = ONE_OF (ALTS (&list_of_strings, &depends_on_dict), 0);

/* service.deploy */
static const Rule deploy_mode = ENUM (VALUES ("replicated", "global", "replicated-job", "global-job"));
static const Rule endpoint_mode = ENUM (VALUES ("vip", "dnsrr"));
static const Rule update_order = ENUM (VALUES ("start-first", "stop-first"));
static const Rule update_failure = ENUM (VALUES ("continue", "pause", "rollback"));
static const Rule rollback_failure = ENUM (VALUES ("continue", "pause"));
static const Prop update_props[] = {
  { "delay", &duration }, { "failure_action", &update_failure }, { "max_failure_ratio", &number },
  { "monitor", &duration }, { "order", &update_order }, { "parallelism", &integer },
};
static const Prop rollback_props[] = {
  { "delay", &duration }, { "failure_action", &rollback_failure }, { "max_failure_ratio", &number },
  { "monitor", &duration }, { "order", &update_order }, { "parallelism", &integer },
};
static const Rule update_config = OBJ (update_props, X);
static const Rule rollback_config = OBJ (rollback_props, X);

static const Prop discrete_props[] = { { "kind", &string }, { "value", &number } };
static const Rule discrete_resource_spec = OBJ (discrete_props, X);
static const Prop generic_resource_props[] = { { "discrete_resource_spec", &discrete_resource_spec } };
static const Rule generic_resource = OBJ (generic_resource_props, X);
static const Rule generic_resources = ARRAY (&generic_resource, 0);
static const Prop limits_props[] = {
  { "cpus", &number }, { "memory", &bytes }, { "pids", &integer },
};
static const Prop reservations_props[] = {
  { "cpus", &number }, { "devices", &device_requests },
  { "generic_resources", &generic_resources }, { "memory", &bytes },
};
static const Rule limits = OBJ (limits_props, X);
static const Rule reservations = OBJ (reservations_props, X);
static const Prop resources_props[] = { { "limits", &limits }, { "reservations", &reservations } };
static const Rule resources = OBJ (resources_props, X);

static const Rule restart_condition = ENUM (VALUES ("none", "on-failure", "any"));
static const Prop restart_policy_props[] = {
  { "condition", &restart_condition }, { "delay", &duration },
  { "max_attempts", &integer }, { "window", &duration },
};
static const Rule restart_policy = OBJ (restart_policy_props, X);

static const Prop preference_props[] = { { "spread", &string } };
static const Rule preference = OBJ (preference_props, X);
static const Rule preferences = ARRAY (&preference, 0);
static const Prop placement_props[] = {
  { "constraints", &array_of_strings }, { "max_replicas_per_node", &integer },
  { "preferences", &preferences },
};
static const Rule placement = OBJ (placement_props, X);

static const Prop deploy_props[] = {
  { "endpoint_mode", &endpoint_mode }, { "labels", &list_or_dict }, { "mode", &deploy_mode },
  { "placement", &placement }, { "replicas", &integer }, { "resources", &resources },
  { "restart_policy", &restart_policy }, { "rollback_config", &rollback_config },
  { "update_config", &update_config },
};
static const Rule deploy = OBJ (deploy_props, X | NUL);

/* service.develop */
static const Rule watch_action = ENUM (VALUES ("rebuild", "sync", "restart", "sync+restart", "sync+exec"));
static const Prop watch_props[] = {
  { "action", &watch_action }, { "exec", &service_hook }, { "ignore", &string_or_list },
  { "include", &string_or_list }, { "path", &string }, { "target", &string },
};
static const Rule watch_entry = OBJ_REQ (watch_props, X, VALUES ("path", "action"));
static const Rule watch = ARRAY (&watch_entry, 0);
static const Prop develop_props[] = { { "watch", &watch } };
static const Rule develop = OBJ (develop_props, X | NUL);

/* service.devices, env_file, extends, provider… */
static const Prop device_props[] = {
  { "permissions", &string }, { "source", &string }, { "target", &string },
};
static const Rule device_object = OBJ_REQ (device_props, X, VALUES ("source"));
static const Rule device = ONE_OF (ALTS (&string, &device_object), 0);
static const Rule devices = ARRAY (&device, 0);

static const Prop env_file_props[] = {
  { "format", &string }, { "path", &string }, { "required", &boolean },
};
static const Rule env_file_object = OBJ_REQ (env_file_props, 0, VALUES ("path"));
static const Rule env_file_item = ONE_OF (ALTS (&string, &env_file_object), 0);
static const Rule env_file_list = ARRAY (&env_file_item, 0);
static const Rule env_file = ONE_OF (ALTS (&string, &env_file_list), 0);
static const Rule label_file = ONE_OF (ALTS (&string, &array_of_strings), 0);

static const Prop extends_props[] = { { "file", &string }, { "service", &string } };
static const Rule extends_object = OBJ_REQ (extends_props, 0, VALUES ("service"));
static const Rule extends = ONE_OF (ALTS (&string, &extends_object), 0);

static const Rule scalar_list = ARRAY (&scalar, 0);
static const Rule provider_option = ONE_OF (ALTS (&scalar, &scalar_list), 0);
static const Rule provider_options = MAP (ANY, &provider_option);
static const Prop provider_props[] = { { "options", &provider_options }, { "type", &string } };
static const Rule provider = OBJ_REQ (provider_props, X, VALUES ("type"));

static const Rule strnum_list = ARRAY (&strnum, UNIQ);

static const Rule healthcheck_test = ONE_OF (ALTS (&string, &array_of_strings), 0);
static const Prop healthcheck_props[] = {
  { "disable", &boolean }, { "interval", &duration }, { "retries", &integer },
  { "start_interval", &duration }, { "start_period", &duration },
  { "test", &healthcheck_test }, { "timeout", &duration },
};
static const Rule healthcheck = OBJ (healthcheck_props, X);

static const Rule logging_options = MAP (ANY, &strnum_or_null);
static const Prop logging_props[] = { { "driver", &string }, { "options", &logging_options } };
static const Rule logging = OBJ (logging_props, X);

static const Prop service_model_props[] = { { "endpoint_var", &string }, { "model_var", &string } };
static const Rule service_model = OBJ (service_model_props, X);
static const Rule service_models_dict = MAP (NAME, &service_model);
static const Rule service_models = ONE_OF (ALTS (&list_of_strings, &service_models_dict), 0);

static const Prop service_network_props[] = {
  { "aliases", &list_of_strings }, { "driver_opts", &driver_opts }, { "gw_priority", &number },
  { "interface_name", &string }, { "ipv4_address", &string }, { "ipv6_address", &string },
  { "link_local_ips", &list_of_strings }, { "mac_address", &string }, { "priority", &number },
};
static const Rule service_network = OBJ (service_network_props, X | NUL);
static const Rule service_networks_dict = MAP (NAME, &service_network);
static const Rule service_networks = ONE_OF (ALTS (&list_of_strings, &service_networks_dict), 0);

/* service.ports */
static const Rule port_mode = ENUM (VALUES ("host", "ingress"));
static const Rule port_protocol = ENUM (VALUES ("tcp", "udp", "sctp"));
static const Prop port_props[] = {
  { "app_protocol", &string }, { "host_ip", &string }, { "mode", &port_mode },
  { "name", &string }, { "protocol", &port_protocol }, { "published", &port },
  { "target", &integer },
};
static const Rule port_object = OBJ (port_props, X);
static const Rule port_item = ONE_OF (ALTS (&strnum, &port_object), 0);
static const Rule ports = ARRAY (&port_item, UNIQ);

/* service.volumes */
static const Rule mount_type = ENUM (VALUES ("bind", "volume", "tmpfs", "cluster", "npipe", "image"));
static const Rule propagation = ENUM (VALUES ("shared", "slave", "private", "rshared", "rslave", "rprivate"));
static const Rule recursive = ENUM (VALUES ("enabled", "disabled", "writable", "readonly"));
static const Rule selinux = ENUM (VALUES ("z", "Z"));
static const Prop bind_props[] = {
  { "create_host_path", &boolean }, { "propagation", &propagation },
  { "recursive", &recursive }, { "selinux", &selinux },
};
static const Rule bind_options = OBJ (bind_props, X);
static const Prop volume_options_props[] = {
  { "labels", &list_or_dict }, { "nocopy", &boolean }, { "subpath", &string },
};
static const Rule volume_options = OBJ (volume_options_props, X);
static const Prop tmpfs_props[] = { { "mode", &number }, { "size", &bytes_positive } };
static const Rule tmpfs_options = OBJ (tmpfs_props, X);
static const Prop image_props[] = { { "subpath", &string } };
static const Rule image_options = OBJ (image_props, X);
static const Prop mount_props[] = {
  { "bind", &bind_options }, { "consistency", &string }, { "image", &image_options },
  { "read_only", &boolean }, { "source", &string }, { "target", &string },
  { "tmpfs", &tmpfs_options }, { "type", &mount_type }, { "volume", &volume_options },
};
static const Rule mount_object = OBJ_REQ (mount_props, X, VALUES ("type"));
static const Rule mount = ONE_OF (ALTS (&string, &mount_object), 0);
static const Rule mounts = ARRAY (&mount, UNIQ);

/* service */
static const Rule cgroup = ENUM (VALUES ("host", "private"));
static const Prop service_props[] = {
  { "annotations", &list_or_dict }, { "attach", &boolean }, { "blkio_config", &blkio_config },
  { "build", &build }, { "cap_add", &list_of_strings }, { "cap_drop", &list_of_strings },
  { "cgroup", &cgroup }, { "cgroup_parent", &string }, { "command", &command },
  { "configs", &config_or_secret }, { "container_name", &string },
  { "cpu_count", &cpu_count }, { "cpu_percent", &cpu_percent }, { "cpu_period", &number },
  { "cpu_quota", &number }, { "cpu_rt_period", &strnum }, { "cpu_rt_runtime", &strnum },
  { "cpu_shares", &number }, { "cpus", &number }, { "cpuset", &string },
  { "credential_spec", &credential_spec }, { "depends_on", &depends_on },
  { "deploy", &deploy }, { "develop", &develop }, { "device_cgroup_rules", &list_of_strings },
  { "devices", &devices }, { "dns", &string_or_list }, { "dns_opt", &list_of_strings },
  { "dns_search", &string_or_list }, { "domainname", &string }, { "entrypoint", &command },
  { "env_file", &env_file }, { "environment", &list_or_dict }, { "expose", &strnum_list },
  { "extends", &extends }, { "external_links", &list_of_strings },
  { "extra_hosts", &extra_hosts }, { "gpus", &gpus }, { "group_add", &strnum_list },
  { "healthcheck", &healthcheck }, { "hostname", &string }, { "image", &string },
  { "init", &boolean }, { "ipc", &string }, { "isolation", &string },
  { "label_file", &label_file }, { "labels", &list_or_dict }, { "links", &list_of_strings },
  { "logging", &logging }, { "mac_address", &string }, { "mem_limit", &bytes },
  { "mem_reservation", &bytes }, { "mem_swappiness", &integer }, { "memswap_limit", &bytes },
  { "models", &service_models }, { "network_mode", &string }, { "networks", &service_networks },
  { "oom_kill_disable", &boolean }, { "oom_score_adj", &oom_score_adj },
  { "pid", &string_or_null }, { "pids_limit", &integer }, { "platform", &string },
  { "ports", &ports }, { "post_start", &service_hooks }, { "pre_stop", &service_hooks },
  { "privileged", &boolean }, { "profiles", &list_of_strings }, { "provider", &provider },
  { "pull_policy", &pull_policy }, { "pull_refresh_after", &string },
  { "read_only", &boolean }, { "restart", &restart }, { "runtime", &string },
  { "scale", &integer }, { "secrets", &config_or_secret }, { "security_opt", &list_of_strings },
  { "shm_size", &bytes }, { "stdin_open", &boolean }, { "stop_grace_period", &duration },
  { "stop_signal", &string }, { "storage_opt", &any_map }, { "sysctls", &list_or_dict },
  { "tmpfs", &string_or_list }, { "tty", &boolean }, { "ulimits", &ulimits },
  { "use_api_socket", &boolean }, { "user", &string }, { "userns_mode", &string },
  { "uts", &string }, { "volumes", &mounts }, { "volumes_from", &list_of_strings },
  { "working_dir", &string },
};
/* Null is accepted for a service (an empty `web:` entry), as compose-go does. */
static const Rule service = OBJ (service_props, X | NUL);

/* Top-level resources */
static const Prop ipam_config_props[] = {
  { "aux_addresses", &string_map }, { "gateway", &string },
  { "ip_range", &string }, { "subnet", &string },
};
static const Rule ipam_config_entry = OBJ (ipam_config_props, X);
static const Rule ipam_config = ARRAY (&ipam_config_entry, 0);
static const Prop ipam_props[] = {
  { "config", &ipam_config }, { "driver", &string }, { "options", &string_map },
};
static const Rule ipam = OBJ (ipam_props, X);
static const Prop network_props[] = {
  { "attachable", &boolean }, { "driver", &string }, { "driver_opts", &driver_opts },
  { "enable_ipv4", &boolean }, { "enable_ipv6", &boolean }, { "external", &external },
  { "internal", &boolean }, { "ipam", &ipam }, { "labels", &list_or_dict }, { "name", &string },
};
static const Rule network = OBJ (network_props, X | NUL);

static const Prop volume_props[] = {
  { "driver", &string }, { "driver_opts", &driver_opts }, { "external", &external },
  { "labels", &list_or_dict }, { "name", &string },
};
static const Rule volume = OBJ (volume_props, X | NUL);

static const Prop secret_props[] = {
  { "driver", &string }, { "driver_opts", &driver_opts }, { "environment", &string },
  { "external", &external }, { "file", &string }, { "labels", &list_or_dict },
  { "name", &string }, { "template_driver", &string },
};
static const Rule secret = OBJ (secret_props, X);

static const Prop config_props[] = {
  { "content", &string }, { "environment", &string }, { "external", &external },
  { "file", &string }, { "labels", &list_or_dict }, { "name", &string },
  { "template_driver", &string },
};
static const Rule config = OBJ (config_props, X);

static const Prop model_props[] = {
  { "context_size", &integer }, { "model", &string }, { "name", &string },
  { "runtime_flags", &array_of_strings },
};
static const Rule model = OBJ_REQ (model_props, X, VALUES ("model"));

static const Prop include_props[] = {
  { "env_file", &string_or_list }, { "path", &string_or_list },
  { "project_directory", &string },
};
static const Rule include_object = OBJ (include_props, 0);
static const Rule include_item = ONE_OF (ALTS (&string, &include_object), 0);
static const Rule include = ARRAY (&include_item, 0);

static const Rule services = MAP (NAME, &service);
static const Rule networks = MAP (NAME, &network);
static const Rule volumes = MAP (NAME, &volume);
static const Rule secrets = MAP (NAME, &secret);
static const Rule configs = MAP (NAME, &config);
static const Rule models = MAP (NAME, &model);

static const Prop root_props[] = {
  { "configs", &configs }, { "include", &include }, { "models", &models },
  { "name", &string }, { "networks", &networks }, { "secrets", &secrets },
  { "services", &services }, { "version", &obsolete }, { "volumes", &volumes },
};
const WharfSchemaRule wharf_compose_schema_root = OBJ (root_props, X);

static gboolean
check_rule (const Rule  *rule,
            char       **offender)
{
  for (guint i = 1; i < rule->n_props; i++)
    if (strcmp (rule->props[i - 1].name, rule->props[i].name) >= 0)
      {
        *offender = g_strdup_printf ("%s ≥ %s", rule->props[i - 1].name, rule->props[i].name);
        return FALSE;
      }
  for (guint i = 0; i < rule->n_props; i++)
    if (!check_rule (rule->props[i].rule, offender))
      return FALSE;
  if (rule->item != NULL && !check_rule (rule->item, offender))
    return FALSE;
  for (guint i = 0; rule->alternatives != NULL && rule->alternatives[i] != NULL; i++)
    if (!check_rule (rule->alternatives[i], offender))
      return FALSE;
  return TRUE;
}

gboolean
wharf_compose_schema_check_table (char **offender)
{
  g_autofree char *found = NULL;
  gboolean ok = check_rule (&wharf_compose_schema_root, &found);

  if (offender != NULL)
    *offender = g_steal_pointer (&found);
  return ok;
}
