/* wharf-ecs-convert-container.c: the containers of a task definition:
 * the secrets and search-domain init containers, and the main one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wharf-ecs-convert-private.h"
#include "wharf-fargate.h"

#define SECRETS_SIDECAR "docker/ecs-secrets-sidecar:1.0"
#define SEARCH_SIDECAR  "docker/ecs-searchdomain-sidecar:1.0"

static JsonObject *
log_configuration (WharfEcsConvert *ctx,
                   const WharfNode *service)
{
  WharfNode *options = wharf_ecs_lookup (service, "logging", "options", NULL);
  JsonObject *config = json_object_new ();
  JsonObject *opts = json_object_new ();

  json_object_set_member (opts, "awslogs-group", wharf_cfn_ref ("LogGroup"));
  json_object_set_member (opts, "awslogs-region", wharf_cfn_ref ("AWS::Region"));
  json_object_set_string_member (opts, "awslogs-stream-prefix", ctx->name);
  for (guint i = 0; options && wharf_node_get_kind (options) == WHARF_NODE_MAPPING &&
                    i < wharf_node_mapping_size (options); i++)
    {
      const char *key = wharf_node_mapping_get_key (options, i);
      WharfNode *value = wharf_node_mapping_get_value (options, i);

      /* The validator kept only the options of the awslogs driver. */
      if (wharf_node_get_kind (value) == WHARF_NODE_SCALAR)
        json_object_set_string_member (opts, key, wharf_node_get_scalar (value));
    }
  json_object_set_string_member (config, "LogDriver", "awslogs");
  json_object_set_object_member (config, "Options", opts);
  return config;
}

static JsonArray *
string_list (const WharfNode *node)
{
  JsonArray *array = json_array_new ();

  if (node == NULL)
    return array;
  if (wharf_node_get_kind (node) == WHARF_NODE_SCALAR)
    {
      g_auto(GStrv) argv = NULL;

      if (g_shell_parse_argv (wharf_node_get_scalar (node), NULL, &argv, NULL))
        for (guint i = 0; argv[i] != NULL; i++)
          json_array_add_string_element (array, argv[i]);
      return array;
    }
  for (guint i = 0; wharf_node_get_kind (node) == WHARF_NODE_SEQUENCE && i < wharf_node_sequence_size (node); i++)
    {
      WharfNode *item = wharf_node_sequence_get (node, i);

      if (wharf_node_get_kind (item) == WHARF_NODE_SCALAR)
        json_array_add_string_element (array, wharf_node_get_scalar (item));
    }
  return array;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (a, b);
}

static void
set_environment (JsonObject      *container,
                 const WharfNode *service)
{
  WharfNode *env = wharf_ecs_lookup (service, "environment", NULL);
  g_autoptr(GList) keys = NULL;
  JsonArray *array;

  if (env == NULL || wharf_node_get_kind (env) != WHARF_NODE_MAPPING || wharf_node_mapping_size (env) == 0)
    return;
  for (guint i = 0; i < wharf_node_mapping_size (env); i++)
    keys = g_list_prepend (keys, (gpointer) wharf_node_mapping_get_key (env, i));
  keys = g_list_sort (keys, compare_keys);
  array = json_array_new ();
  for (GList *l = keys; l != NULL; l = l->next)
    {
      WharfNode *value = wharf_node_mapping_lookup (env, l->data);
      JsonObject *pair = json_object_new ();

      json_object_set_string_member (pair, "Name", l->data);
      json_object_set_string_member (pair, "Value",
                                     wharf_node_get_kind (value) == WHARF_NODE_SCALAR ? wharf_node_get_scalar (value) : "");
      json_array_add_object_element (array, pair);
    }
  json_object_set_array_member (container, "Environment", array);
}

static JsonArray *
capabilities (const WharfNode *list)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; list && wharf_node_get_kind (list) == WHARF_NODE_SEQUENCE && i < wharf_node_sequence_size (list); i++)
    {
      const char *cap = wharf_node_get_scalar (wharf_node_sequence_get (list, i));

      if (cap == NULL)
        continue;
      if (g_str_has_prefix (cap, "CAP_"))
        cap += 4;
      json_array_add_string_element (array, cap);
    }
  return array;
}

static void
set_linux_parameters (JsonObject      *container,
                      const WharfNode *service)
{
  JsonObject *linux_params = json_object_new ();
  WharfNode *add = wharf_ecs_lookup (service, "cap_add", NULL);
  WharfNode *drop = wharf_ecs_lookup (service, "cap_drop", NULL);

  if (wharf_ecs_lookup_bool (service, "init"))
    json_object_set_boolean_member (linux_params, "InitProcessEnabled", TRUE);
  if (add != NULL || drop != NULL)
    {
      JsonObject *caps = json_object_new ();

      if (add != NULL)
        json_object_set_array_member (caps, "Add", capabilities (add));
      if (drop != NULL)
        json_object_set_array_member (caps, "Drop", capabilities (drop));
      json_object_set_object_member (linux_params, "Capabilities", caps);
    }
  json_object_set_object_member (container, "LinuxParameters", linux_params);
}

static void
set_ulimits (JsonObject      *container,
             const WharfNode *service)
{
  WharfNode *ulimits = wharf_ecs_lookup (service, "ulimits", NULL);
  JsonArray *array;

  if (ulimits == NULL || wharf_node_get_kind (ulimits) != WHARF_NODE_MAPPING || wharf_node_mapping_size (ulimits) == 0)
    return;
  array = json_array_new ();
  for (guint i = 0; i < wharf_node_mapping_size (ulimits); i++)
    {
      WharfNode *value = wharf_node_mapping_get_value (ulimits, i);
      JsonObject *limit = json_object_new ();
      gint64 soft = 0, hard = 0;

      /* "nofile: 1024" sets both limits (Docker lost the value). */
      if (wharf_node_get_int64 (value, &soft))
        hard = soft;
      else
        {
          wharf_node_get_int64 (wharf_ecs_lookup (value, "soft", NULL), &soft);
          wharf_node_get_int64 (wharf_ecs_lookup (value, "hard", NULL), &hard);
        }
      json_object_set_int_member (limit, "HardLimit", hard);
      json_object_set_string_member (limit, "Name", wharf_node_mapping_get_key (ulimits, i));
      json_object_set_int_member (limit, "SoftLimit", soft);
      json_array_add_object_element (array, limit);
    }
  json_object_set_array_member (container, "Ulimits", array);
}

static void
set_healthcheck (JsonObject      *container,
                 const WharfNode *service)
{
  WharfNode *check = wharf_ecs_lookup (service, "healthcheck", NULL);
  WharfNode *test = wharf_ecs_lookup (check, "test", NULL);
  JsonObject *health;
  JsonArray *command;
  static const struct { const char *key; const char *property; } durations[] = {
    { "interval", "Interval" }, { "timeout", "Timeout" }, { "start_period", "StartPeriod" },
  };
  gint64 retries;

  if (check == NULL || test == NULL || wharf_ecs_lookup_bool (check, "disable"))
    return;
  command = string_list (test);
  if (json_array_get_length (command) == 0 ||
      g_strcmp0 (json_array_get_string_element (command, 0), "NONE") == 0)
    {
      json_array_unref (command);
      return;
    }
  if (wharf_node_get_kind (test) == WHARF_NODE_SCALAR)
    {
      /* A string test runs through the shell. */
      json_array_unref (command);
      command = json_array_new ();
      json_array_add_string_element (command, "CMD-SHELL");
      json_array_add_string_element (command, wharf_node_get_scalar (test));
    }
  health = json_object_new ();
  json_object_set_array_member (health, "Command", command);
  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      double seconds;

      if (wharf_parse_duration (wharf_ecs_lookup_string (check, durations[i].key), &seconds) && seconds > 0)
        json_object_set_int_member (health, durations[i].property, (gint64) ceil (seconds));
    }
  if (wharf_node_get_int64 (wharf_ecs_lookup (check, "retries", NULL), &retries) && retries > 0)
    json_object_set_int_member (health, "Retries", retries);
  json_object_set_object_member (container, "HealthCheck", health);
}

static void
set_scalars (JsonObject      *container,
             const WharfNode *service)
{
  WharfNode *labels = wharf_ecs_lookup (service, "labels", NULL);
  WharfNode *sysctls = wharf_ecs_lookup (service, "sysctls", NULL);
  const char *user = wharf_ecs_lookup_string (service, "user");
  const char *workdir = wharf_ecs_lookup_string (service, "working_dir");
  const char *grace = wharf_ecs_lookup_string (service, "stop_grace_period");
  double seconds;

  if (labels != NULL && wharf_node_get_kind (labels) == WHARF_NODE_MAPPING && wharf_node_mapping_size (labels) > 0)
    {
      JsonObject *docker_labels = json_object_new ();

      for (guint i = 0; i < wharf_node_mapping_size (labels); i++)
        {
          WharfNode *v = wharf_node_mapping_get_value (labels, i);

          json_object_set_string_member (docker_labels, wharf_node_mapping_get_key (labels, i),
                                         wharf_node_get_kind (v) == WHARF_NODE_SCALAR ? wharf_node_get_scalar (v) : "");
        }
      json_object_set_object_member (container, "DockerLabels", docker_labels);
    }
  if (sysctls != NULL && wharf_node_get_kind (sysctls) == WHARF_NODE_MAPPING && wharf_node_mapping_size (sysctls) > 0)
    {
      JsonArray *controls = json_array_new ();

      for (guint i = 0; i < wharf_node_mapping_size (sysctls); i++)
        {
          JsonObject *control = json_object_new ();
          WharfNode *v = wharf_node_mapping_get_value (sysctls, i);

          json_object_set_string_member (control, "Namespace", wharf_node_mapping_get_key (sysctls, i));
          json_object_set_string_member (control, "Value",
                                         wharf_node_get_kind (v) == WHARF_NODE_SCALAR ? wharf_node_get_scalar (v) : "");
          json_array_add_object_element (controls, control);
        }
      json_object_set_array_member (container, "SystemControls", controls);
    }
  if (user != NULL)
    json_object_set_string_member (container, "User", user);
  if (workdir != NULL)
    json_object_set_string_member (container, "WorkingDirectory", workdir);
  if (wharf_ecs_lookup_bool (service, "read_only"))
    json_object_set_boolean_member (container, "ReadonlyRootFilesystem", TRUE);
  if (wharf_ecs_lookup_bool (service, "tty"))
    json_object_set_boolean_member (container, "PseudoTerminal", TRUE);
  if (wharf_ecs_lookup_bool (service, "stdin_open"))
    json_object_set_boolean_member (container, "Interactive", TRUE);
  if (grace != NULL && wharf_parse_duration (grace, &seconds))
    json_object_set_int_member (container, "StopTimeout", MIN ((gint64) ceil (seconds), 120));
}

void
wharf_ecs_add_mount (JsonArray  *mounts,
           const char *path,
           gboolean    read_only,
           const char *volume)
{
  JsonObject *mount = json_object_new ();

  json_object_set_string_member (mount, "ContainerPath", path);
  json_object_set_boolean_member (mount, "ReadOnly", read_only);
  json_object_set_string_member (mount, "SourceVolume", volume);
  json_array_add_object_element (mounts, mount);
}

static JsonObject *
init_container (WharfEcsConvert *ctx,
                const WharfNode *service,
                const char      *name,
                const char      *image)
{
  JsonObject *container = json_object_new ();

  json_object_set_boolean_member (container, "Essential", FALSE);
  json_object_set_string_member (container, "Image", image);
  json_object_set_object_member (container, "LogConfiguration", log_configuration (ctx, service));
  json_object_set_string_member (container, "Name", name);
  return container;
}

/* The secrets sidecar writes each secret to /run/secrets/NAME (or one file
 * per key of a JSON secret with x-aws-keys). */
JsonObject *
wharf_ecs_secrets_container (WharfEcsConvert *ctx,
                   const WharfNode *service,
                   const char      *norm,
                   const WharfNode *secrets)
{
  g_autofree char *name = g_strconcat (norm, "_Secrets_InitContainer", NULL);
  JsonObject *container = init_container (ctx, service, name, SECRETS_SIDECAR);
  JsonArray *entries = json_array_new ();
  JsonArray *ecs_secrets = json_array_new ();
  JsonArray *mounts = json_array_new ();
  JsonArray *command = json_array_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) entries_node = NULL;
  g_autofree char *json = NULL;

  for (guint i = 0; i < wharf_node_sequence_size (secrets); i++)
    {
      WharfNode *ref = wharf_node_sequence_get (secrets, i);
      const char *source = wharf_ecs_lookup_string (ref, "source");
      const char *target = wharf_ecs_lookup_string (ref, "target");
      WharfNode *keys = wharf_ecs_lookup (ctx->project, "secrets", source, "x-aws-keys", NULL);
      JsonNode *arn = source ? g_hash_table_lookup (ctx->secret_arn, source) : NULL;
      JsonObject *entry = json_object_new ();
      JsonObject *ecs_secret = json_object_new ();
      g_autofree char *secret_name = NULL;

      if (arn == NULL)
        {
          json_object_unref (entry);
          json_object_unref (ecs_secret);
          continue;
        }
      /* An absolute target under /run/secrets names the file. */
      secret_name = g_path_get_basename (target ? target : source);
      json_object_set_string_member (entry, "Name", secret_name);
      if (keys == NULL)
        json_object_set_null_member (entry, "Keys");
      else if (wharf_node_get_kind (keys) == WHARF_NODE_SCALAR)
        {
          JsonArray *list = json_array_new ();

          json_array_add_string_element (list, wharf_node_get_scalar (keys));
          json_object_set_array_member (entry, "Keys", list);
        }
      else
        json_object_set_array_member (entry, "Keys", string_list (keys));
      json_array_add_object_element (entries, entry);
      json_object_set_string_member (ecs_secret, "Name", secret_name);
      json_object_set_member (ecs_secret, "ValueFrom", wharf_cfn_copy (arn));
      json_array_add_object_element (ecs_secrets, ecs_secret);
    }
  entries_node = wharf_cfn_array (entries);
  json_generator_set_root (generator, entries_node);
  json = json_generator_to_data (generator, NULL);
  json_array_add_string_element (command, json);
  json_object_set_array_member (container, "Command", command);
  wharf_ecs_add_mount (mounts, "/run/secrets/", FALSE, "secrets");
  json_object_set_array_member (container, "MountPoints", mounts);
  json_object_set_array_member (container, "Secrets", ecs_secrets);
  return container;
}

JsonObject *
wharf_ecs_search_domain_container (WharfEcsConvert *ctx,
                         const WharfNode *service,
                         const char      *norm)
{
  g_autofree char *name = g_strconcat (norm, "_ResolvConf_InitContainer", NULL);
  g_autofree char *domain = g_strdup_printf ("%s.local", ctx->name);
  JsonObject *container = init_container (ctx, service, name, SEARCH_SIDECAR);
  JsonArray *command = json_array_new ();

  json_array_add_element (command, wharf_cfn_copy (ctx->search_domain));
  json_array_add_string_element (command, domain);
  json_object_set_array_member (container, "Command", command);
  return container;
}

/* The essential container named after the service. */
JsonObject *
wharf_ecs_main_container (WharfEcsConvert *ctx,
                          const char      *name,
                          const WharfNode *service,
                          JsonArray       *init_names)
{
  JsonObject *container = json_object_new ();
  WharfNode *command = wharf_ecs_lookup (service, "command", NULL);
  WharfNode *entrypoint = wharf_ecs_lookup (service, "entrypoint", NULL);
  WharfNode *ports = wharf_ecs_lookup (service, "ports", NULL);
  WharfNode *volumes = wharf_ecs_lookup (service, "volumes", NULL);
  WharfNode *secrets = wharf_ecs_lookup (service, "secrets", NULL);
  WharfNode *reservation = wharf_ecs_lookup (service, "deploy", "resources", "reservations", "memory", NULL);
  const char *pull = wharf_ecs_lookup_string (service, "x-aws-pull_credentials");
  guint gpus = wharf_ecs_service_gpus (service);
  JsonArray *mounts = json_array_new ();
  gint64 bytes;

  if (command != NULL)
    json_object_set_array_member (container, "Command", string_list (command));
  if (json_array_get_length (init_names) > 0)
    {
      JsonArray *depends = json_array_new ();

      for (guint i = 0; i < json_array_get_length (init_names); i++)
        {
          JsonObject *dep = json_object_new ();

          json_object_set_string_member (dep, "Condition", "SUCCESS");
          json_object_set_string_member (dep, "ContainerName", json_array_get_string_element (init_names, i));
          json_array_add_object_element (depends, dep);
        }
      json_object_set_array_member (container, "DependsOn", depends);
    }
  if (entrypoint != NULL)
    json_object_set_array_member (container, "EntryPoint", string_list (entrypoint));
  set_environment (container, service);
  json_object_set_boolean_member (container, "Essential", TRUE);
  set_healthcheck (container, service);
  json_object_set_string_member (container, "Image", wharf_ecs_lookup_string (service, "image"));
  set_linux_parameters (container, service);
  json_object_set_object_member (container, "LogConfiguration", log_configuration (ctx, service));
  if (reservation != NULL && wharf_node_get_int64 (reservation, &bytes) && bytes > 0)
    json_object_set_int_member (container, "MemoryReservation", MAX (bytes / (1024 * 1024), 6));
  else if (gpus > 0)
    {
      double cpus;
      guint64 memory;

      /* On EC2 a container needs some memory setting when the task has
       * none; a soft 512 MiB leaves the rest of the instance usable. */
      if (!wharf_ecs_service_resources (service, &cpus, &memory) || memory == 0)
        json_object_set_int_member (container, "MemoryReservation", 512);
    }
  json_object_set_string_member (container, "Name", name);

  if (ports != NULL && wharf_node_get_kind (ports) == WHARF_NODE_SEQUENCE && wharf_node_sequence_size (ports) > 0)
    {
      JsonArray *mappings = json_array_new ();

      for (guint i = 0; i < wharf_node_sequence_size (ports); i++)
        {
          WharfNode *port = wharf_node_sequence_get (ports, i);
          const char *protocol = wharf_ecs_lookup_string (port, "protocol");
          JsonObject *mapping = json_object_new ();
          gint64 target = 0;

          wharf_node_get_int64 (wharf_ecs_lookup (port, "target", NULL), &target);
          json_object_set_int_member (mapping, "ContainerPort", target);
          json_object_set_int_member (mapping, "HostPort", target);
          json_object_set_string_member (mapping, "Protocol", protocol ? protocol : "tcp");
          json_array_add_object_element (mappings, mapping);
        }
      json_object_set_array_member (container, "PortMappings", mappings);
    }

  if (secrets != NULL && wharf_node_get_kind (secrets) == WHARF_NODE_SEQUENCE && wharf_node_sequence_size (secrets) > 0)
    wharf_ecs_add_mount (mounts, "/run/secrets/", TRUE, "secrets");
  for (guint i = 0; volumes && wharf_node_get_kind (volumes) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (volumes); i++)
    {
      WharfNode *volume = wharf_node_sequence_get (volumes, i);

      wharf_ecs_add_mount (mounts, wharf_ecs_lookup_string (volume, "target"),
                           wharf_ecs_lookup_bool (volume, "read_only"),
                           wharf_ecs_lookup_string (volume, "source"));
    }
  if (json_array_get_length (mounts) > 0)
    json_object_set_array_member (container, "MountPoints", mounts);
  else
    json_array_unref (mounts);

  if (pull != NULL)
    {
      JsonObject *credentials = json_object_new ();

      json_object_set_string_member (credentials, "CredentialsParameter", pull);
      json_object_set_object_member (container, "RepositoryCredentials", credentials);
    }
  if (gpus > 0)
    {
      JsonArray *requirements = json_array_new ();
      JsonObject *gpu = json_object_new ();
      g_autofree char *count = g_strdup_printf ("%u", gpus);

      json_object_set_string_member (gpu, "Type", "GPU");
      json_object_set_string_member (gpu, "Value", count);
      json_array_add_object_element (requirements, gpu);
      json_object_set_array_member (container, "ResourceRequirements", requirements);
    }
  set_ulimits (container, service);
  set_scalars (container, service);
  return container;
}
