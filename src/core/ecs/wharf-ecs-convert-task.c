/* wharf-ecs-convert-task.c: the task definition of a service: Fargate or
 * EC2 size, roles, platform, volumes and containers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wharf-ecs-convert-private.h"
#include "wharf-fargate.h"

static gboolean
set_size (WharfEcsConvert *ctx,
          const char      *name,
          const WharfNode *service,
          JsonObject      *props,
          gboolean         ec2)
{
  double cpus = 0;
  guint64 memory = 0, cpu_units, memory_mib;
  guint cpu = 256, mem = 512;
  char buf[32];

  wharf_ecs_service_resources (service, &cpus, &memory);
  /* 1 vCPU = 1024 CPU units (Docker compared milli-CPUs against units). */
  cpu_units = (guint64) ceil (cpus * 1024);
  memory_mib = (memory + 1024 * 1024 - 1) / (1024 * 1024);
  if (ec2)
    {
      if (cpu_units > 0)
        {
          g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, cpu_units);
          json_object_set_string_member (props, "Cpu", buf);
        }
      if (memory_mib > 0)
        {
          g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, memory_mib);
          json_object_set_string_member (props, "Memory", buf);
        }
      return TRUE;
    }
  if ((cpu_units > 0 || memory_mib > 0) &&
      !wharf_fargate_find_size (cpu_units, memory_mib, &cpu, &mem))
    {
      if (ctx->error == NULL)
        g_set_error (&ctx->error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_UNSUPPORTED,
                     _("service “%s”: no Fargate size has %g vCPU and %llu MiB"),
                     name, cpus, (unsigned long long) memory_mib);
      return FALSE;
    }
  g_snprintf (buf, sizeof buf, "%u", cpu);
  json_object_set_string_member (props, "Cpu", buf);
  g_snprintf (buf, sizeof buf, "%u", mem);
  json_object_set_string_member (props, "Memory", buf);
  return TRUE;
}

static JsonArray *
task_volumes (WharfEcsConvert *ctx,
              const WharfNode *service,
              gboolean         has_secrets)
{
  WharfNode *volumes = wharf_ecs_lookup (service, "volumes", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = json_array_new ();

  if (has_secrets)
    {
      JsonObject *secrets = json_object_new ();

      json_object_set_string_member (secrets, "Name", "secrets");
      json_array_add_object_element (array, secrets);
    }
  for (guint i = 0; volumes && wharf_node_get_kind (volumes) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (volumes); i++)
    {
      const char *source = wharf_ecs_lookup_string (wharf_node_sequence_get (volumes, i), "source");
      JsonNode *fs = source ? g_hash_table_lookup (ctx->volume_fs, source) : NULL;
      g_autofree char *norm = NULL, *ap = NULL;
      JsonObject *volume, *efs, *auth;

      if (fs == NULL || g_hash_table_contains (seen, source))
        continue;
      g_hash_table_add (seen, (gpointer) source);
      norm = wharf_ecs_normalize_name (source);
      ap = g_strconcat (norm, "AccessPoint", NULL);
      auth = json_object_new ();
      json_object_set_member (auth, "AccessPointId", wharf_cfn_ref (ap));
      json_object_set_string_member (auth, "IAM", "ENABLED");
      efs = json_object_new ();
      json_object_set_object_member (efs, "AuthorizationConfig", auth);
      json_object_set_member (efs, "FilesystemId", wharf_cfn_copy (fs));
      json_object_set_string_member (efs, "TransitEncryption", "ENABLED");
      volume = json_object_new ();
      json_object_set_object_member (volume, "EFSVolumeConfiguration", efs);
      json_object_set_string_member (volume, "Name", source);
      json_array_add_object_element (array, volume);
    }
  return array;
}

static void
set_platform (JsonObject      *props,
              const WharfNode *service)
{
  const char *platform = wharf_ecs_lookup_string (service, "platform");
  const char *arch = NULL;
  JsonObject *runtime;

  if (platform == NULL)
    return;
  if (g_str_equal (platform, "linux/amd64") || g_str_equal (platform, "linux/x86_64"))
    arch = "X86_64";
  else if (g_str_has_prefix (platform, "linux/arm64") || g_str_equal (platform, "linux/aarch64"))
    arch = "ARM64";
  if (arch == NULL)
    return;
  runtime = json_object_new ();
  json_object_set_string_member (runtime, "CpuArchitecture", arch);
  json_object_set_string_member (runtime, "OperatingSystemFamily", "LINUX");
  json_object_set_object_member (props, "RuntimePlatform", runtime);
}

JsonNode *
wharf_ecs_task_definition (WharfEcsConvert *ctx,
                           const char      *name,
                           const WharfNode *service,
                           const char      *norm,
                           gboolean         has_task_role)
{
  WharfNode *secrets = wharf_ecs_lookup (service, "secrets", NULL);
  gboolean has_secrets = secrets != NULL && wharf_node_get_kind (secrets) == WHARF_NODE_SEQUENCE &&
                         wharf_node_sequence_size (secrets) > 0;
  gboolean ec2 = wharf_ecs_service_gpus (service) > 0;
  JsonObject *props = json_object_new ();
  JsonArray *containers = json_array_new ();
  g_autoptr(JsonArray) init_names = json_array_new ();
  g_autofree char *family = g_strdup_printf ("%s-%s", ctx->name, name);
  g_autofree char *exec_role = g_strconcat (norm, "TaskExecutionRole", NULL);
  g_autofree char *task_role = g_strconcat (norm, "TaskRole", NULL);
  JsonArray *compat, *volumes;
  JsonObject *container;

  if (!set_size (ctx, name, service, props, ec2))
    {
      json_object_unref (props);
      json_array_unref (containers);
      return NULL;
    }
  if (has_secrets)
    {
      container = wharf_ecs_secrets_container (ctx, service, norm, secrets);
      json_array_add_string_element (init_names, json_object_get_string_member (container, "Name"));
      json_array_add_object_element (containers, container);
    }
  container = wharf_ecs_search_domain_container (ctx, service, norm);
  json_array_add_string_element (init_names, json_object_get_string_member (container, "Name"));
  json_array_add_object_element (containers, container);
  json_array_add_object_element (containers, wharf_ecs_main_container (ctx, name, service, init_names));
  json_object_set_array_member (props, "ContainerDefinitions", containers);

  json_object_set_member (props, "ExecutionRoleArn", wharf_cfn_get_att (exec_role, "Arn"));
  if (has_task_role)
    json_object_set_member (props, "TaskRoleArn", wharf_cfn_get_att (task_role, "Arn"));
  json_object_set_string_member (props, "Family", family);
  json_object_set_string_member (props, "NetworkMode", "awsvpc");
  compat = json_array_new ();
  json_array_add_string_element (compat, ec2 ? "EC2" : "FARGATE");
  json_object_set_array_member (props, "RequiresCompatibilities", compat);
  set_platform (props, service);
  volumes = task_volumes (ctx, service, has_secrets);
  if (json_array_get_length (volumes) > 0)
    json_object_set_array_member (props, "Volumes", volumes);
  else
    json_array_unref (volumes);
  return wharf_cfn_object (props);
}
