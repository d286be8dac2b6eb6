/* wharf-ecs-validate-deploy.c: rules for deploy: replicas, rolling
 * updates, Fargate sizes, GPUs, placement, autoscaling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wharf-ecs-convert-private.h"
#include "wharf-ecs-validate-private.h"
#include "wharf-fargate.h"

static void
drop_keys (WharfEcsValidate    *v,
           WharfNode           *mapping,
           const char          *path,
           const char * const  *keys,
           const char          *reason)
{
  for (guint i = 0; mapping && wharf_node_get_kind (mapping) == WHARF_NODE_MAPPING && keys[i] != NULL; i++)
    if (wharf_node_mapping_lookup (mapping, keys[i]) != NULL)
      {
        g_autofree char *p = g_strdup_printf ("%s.%s", path, keys[i]);

        wharf_ecs_drop (v, mapping, keys[i], p, reason);
      }
}

static void
check_update_config (WharfEcsValidate *v,
                     WharfNode        *deploy,
                     const char       *path)
{
  WharfNode *update = wharf_node_mapping_lookup (deploy, "update_config");
  WharfNode *replicas = wharf_node_mapping_lookup (deploy, "replicas");
  WharfNode *parallelism = wharf_ecs_lookup (update, "parallelism", NULL);
  g_autofree char *upath = g_strconcat (path, ".update_config", NULL);
  static const char * const ignored[] = {
    "delay", "failure_action", "monitor", "max_failure_ratio", "order", NULL,
  };
  gint64 r = 0, p = 0, min = 100, max = 200;
  gboolean have_min = FALSE, have_max = FALSE;

  if (update == NULL)
    return;
  drop_keys (v, update, upath, ignored,
             _("ECS rolling updates are set with parallelism, x-aws-min_percent and x-aws-max_percent"));
  if (wharf_node_mapping_lookup (update, "x-aws-min_percent") != NULL)
    {
      g_autofree char *p1 = g_strconcat (upath, ".x-aws-min_percent", NULL);

      have_min = wharf_ecs_check_int (v, wharf_node_mapping_lookup (update, "x-aws-min_percent"), p1, 0, 100, &min);
    }
  if (wharf_node_mapping_lookup (update, "x-aws-max_percent") != NULL)
    {
      g_autofree char *p2 = g_strconcat (upath, ".x-aws-max_percent", NULL);

      have_max = wharf_ecs_check_int (v, wharf_node_mapping_lookup (update, "x-aws-max_percent"), p2, 100, 200, &max);
    }
  if (have_min && have_max && min >= max)
    wharf_ecs_report (v, WHARF_SEVERITY_ERROR, update, upath,
                      _("x-aws-min_percent (%lld) must be below x-aws-max_percent (%lld)"),
                      (long long) min, (long long) max);
  if (parallelism == NULL || (have_min && have_max))
    return;
  if (!wharf_ecs_check_int (v, parallelism, upath, 0, G_MAXINT32, &p) || p == 0)
    return;
  if (replicas == NULL)
    {
      wharf_ecs_report (v, WHARF_SEVERITY_ERROR, parallelism, upath,
                        _("rolling update configuration require deploy.replicas to be set"));
      return;
    }
  if (wharf_node_get_int64 (replicas, &r) && r < p)
    wharf_ecs_report (v, WHARF_SEVERITY_ERROR, parallelism, upath,
                      _("deploy.replicas (%lld) must be greater than deploy.update_config.parallelism (%lld)"),
                      (long long) r, (long long) p);
}

static void
check_autoscaling (WharfEcsValidate *v,
                   WharfNode        *deploy,
                   const char       *path)
{
  WharfNode *scaling = wharf_node_mapping_lookup (deploy, "x-aws-autoscaling");
  g_autofree char *spath = g_strconcat (path, ".x-aws-autoscaling", NULL);
  WharfNode *cpu, *memory, *max, *min;
  gint64 max_value = 0, min_value = 0;

  if (scaling == NULL)
    return;
  if (wharf_node_get_kind (scaling) != WHARF_NODE_MAPPING)
    {
      wharf_ecs_report (v, WHARF_SEVERITY_ERROR, scaling, spath, _("must be a mapping {min, max, cpu | memory}"));
      return;
    }
  cpu = wharf_node_mapping_lookup (scaling, "cpu");
  memory = wharf_node_mapping_lookup (scaling, "memory");
  max = wharf_node_mapping_lookup (scaling, "max");
  min = wharf_node_mapping_lookup (scaling, "min");
  if (cpu != NULL && memory != NULL)
    wharf_ecs_report (v, WHARF_SEVERITY_ERROR, scaling, spath,
                      _("x-aws-autoscaling can’t be set with both cpu and memory targets"));
  else if (cpu == NULL && memory == NULL)
    wharf_ecs_report (v, WHARF_SEVERITY_ERROR, scaling, spath,
                      _("x-aws-autoscaling needs a cpu or a memory target (percent)"));
  if (cpu != NULL)
    wharf_ecs_check_int (v, cpu, spath, 1, 100, NULL);
  if (memory != NULL)
    wharf_ecs_check_int (v, memory, spath, 1, 100, NULL);
  if (max == NULL)
    wharf_ecs_report (v, WHARF_SEVERITY_ERROR, scaling, spath, _("x-aws-autoscaling MUST define max replicas"));
  else
    wharf_ecs_check_int (v, max, spath, 1, 5000, &max_value);
  if (min != NULL && wharf_ecs_check_int (v, min, spath, 0, 5000, &min_value) && max != NULL && min_value > max_value)
    wharf_ecs_report (v, WHARF_SEVERITY_ERROR, min, spath,
                      _("min (%lld) is above max (%lld)"),
                      (long long) min_value, (long long) max_value);
}

static void
check_devices (WharfEcsValidate *v,
               WharfNode        *reservations,
               const char       *path)
{
  WharfNode *devices = wharf_ecs_lookup (reservations, "devices", NULL);

  for (guint i = 0; devices && wharf_node_get_kind (devices) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (devices); i++)
    {
      WharfNode *device = wharf_node_sequence_get (devices, i);
      WharfNode *caps = wharf_ecs_lookup (device, "capabilities", NULL);
      const char *driver = wharf_ecs_lookup_string (device, "driver");
      g_autofree char *p = g_strdup_printf ("%s.resources.reservations.devices[%u]", path, i);
      static const char * const ignored[] = { "device_ids", "options", NULL };

      for (guint j = 0; caps && wharf_node_get_kind (caps) == WHARF_NODE_SEQUENCE && j < wharf_node_sequence_size (caps); j++)
        if (g_strcmp0 (wharf_node_get_scalar (wharf_node_sequence_get (caps, j)), "gpu") != 0)
          wharf_ecs_report (v, WHARF_SEVERITY_WARNING, wharf_node_sequence_get (caps, j), p,
                            _("capability %s is not supported; only gpu is"),
                            wharf_node_get_scalar (wharf_node_sequence_get (caps, j)));
      if (driver != NULL && !g_str_equal (driver, "nvidia"))
        wharf_ecs_report (v, WHARF_SEVERITY_WARNING, wharf_ecs_key_node (device, "driver"), p,
                          _("driver %s is not supported; ECS GPU instances use nvidia"), driver);
      drop_keys (v, device, p, ignored, _("ECS picks the GPUs of a task"));
    }
}

static void
check_size (WharfEcsValidate *v,
            const char       *name,
            WharfNode        *service,
            WharfNode        *deploy,
            const char       *path)
{
  WharfNode *resources = wharf_ecs_lookup (deploy, "resources", NULL);
  const WharfNode *where = wharf_ecs_lookup (resources, "limits", "cpus", NULL);
  guint gpus = wharf_ecs_service_gpus (service);
  double cpus = 0;
  guint64 memory = 0;
  guint cpu, mem;

  /* Point at the value that does not fit. */
  if (where == NULL)
    where = wharf_ecs_lookup (resources, "limits", "memory", NULL);
  if (where == NULL)
    where = wharf_ecs_lookup (resources, "reservations", "memory", NULL);
  if (where == NULL)
    where = resources ? resources : service;
  if (!wharf_ecs_service_resources (service, &cpus, &memory))
    {
      if (resources != NULL && wharf_ecs_lookup (resources, "limits", "memory", NULL) != NULL)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, wharf_ecs_lookup (resources, "limits", "memory", NULL), path,
                          _("memory must be a size such as 512M or 2G"));
      return;
    }
  if (gpus > 0)
    {
      g_autofree char *machine = NULL;
      WharfNode *constraints = wharf_ecs_lookup (deploy, "placement", "constraints", NULL);
      gboolean has_machine = FALSE;

      for (guint i = 0; constraints && wharf_node_get_kind (constraints) == WHARF_NODE_SEQUENCE &&
                        i < wharf_node_sequence_size (constraints); i++)
        has_machine |= g_str_has_prefix (wharf_node_get_scalar (wharf_node_sequence_get (constraints, i)), "node.machine");
      if (!has_machine && wharf_gpu_guess_instance_type (memory / (1024 * 1024), cpus, gpus) == NULL)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, where, path,
                          _("none of the Amazon EC2 G4 instance types meet the requirements for memory: %llu MiB, cpu: %g, gpus: %u"),
                          (unsigned long long) (memory / (1024 * 1024)), cpus, gpus);
      return;
    }
  if (!wharf_fargate_find_size ((guint64) ceil (cpus * 1024), (memory + 1048575) / 1048576, &cpu, &mem))
    wharf_ecs_report (v, WHARF_SEVERITY_ERROR, where, path,
                      _("the resources requested are not supported by ECS/Fargate (%g vCPU, %llu MiB; the largest size is 16 vCPU with 120 GiB)"),
                      cpus, (unsigned long long) ((memory + 1048575) / 1048576));
}

static void
check_placement (WharfEcsValidate *v,
                 WharfNode        *service,
                 WharfNode        *deploy,
                 const char       *path)
{
  WharfNode *placement = wharf_node_mapping_lookup (deploy, "placement");
  WharfNode *constraints = wharf_ecs_lookup (placement, "constraints", NULL);
  g_autofree char *ppath = g_strconcat (path, ".placement", NULL);
  static const char * const ignored[] = { "preferences", "max_replicas_per_node", NULL };
  gboolean gpu = wharf_ecs_service_gpus (service) > 0;

  drop_keys (v, placement, ppath, ignored, _("ECS spreads the tasks of a service over availability zones"));
  for (guint i = 0; constraints && wharf_node_get_kind (constraints) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (constraints); i++)
    {
      WharfNode *constraint = wharf_node_sequence_get (constraints, i);
      const char *text = wharf_node_get_scalar (constraint);

      if (text != NULL && gpu && g_str_has_prefix (text, "node.ami"))
        {
          const char *eq = strstr (text, "==");
          g_autofree char *ami = eq ? g_strstrip (g_strdup (eq + 2)) : NULL;

          if (!wharf_ecs_is_resource_id (ami, "ami-"))
            wharf_ecs_report (v, WHARF_SEVERITY_ERROR, constraint, ppath,
                              _("“%s” is not an AMI ID (ami- and 8 or 17 hexadecimal digits)"), ami ? ami : text);
          continue;
        }
      if (text == NULL || (gpu && g_str_has_prefix (text, "node.machine")))
        continue;
      wharf_ecs_report (v, WHARF_SEVERITY_WARNING, constraint, ppath,
                        gpu ? _("ignored: only node.ami and node.machine constraints are supported")
                            : _("ignored: Fargate does not support placement constraints"));
    }
}

void
wharf_ecs_validate_deploy (WharfEcsValidate *v,
                           const char       *name,
                           WharfNode        *service)
{
  WharfNode *deploy = wharf_node_mapping_lookup (service, "deploy");
  g_autofree char *path = g_strdup_printf ("services.%s.deploy", name);
  static const char * const ignored[] = {
    "restart_policy", "rollback_config", "labels", "endpoint_mode", NULL,
  };
  const char *mode = wharf_ecs_lookup_string (deploy, "mode");

  check_size (v, name, service, deploy, path);
  if (deploy == NULL || wharf_node_get_kind (deploy) != WHARF_NODE_MAPPING)
    return;
  drop_keys (v, deploy, path, ignored, _("not supported by Amazon ECS"));
  if (mode != NULL && !g_str_equal (mode, "replicated"))
    {
      g_autofree char *p = g_strconcat (path, ".mode", NULL);

      wharf_ecs_drop (v, deploy, "mode", p, _("Fargate runs replicated services only"));
    }
  if (wharf_node_mapping_lookup (deploy, "replicas") != NULL)
    {
      g_autofree char *p = g_strconcat (path, ".replicas", NULL);

      wharf_ecs_check_int (v, wharf_node_mapping_lookup (deploy, "replicas"), p, 0, 5000, NULL);
    }
  check_update_config (v, deploy, path);
  check_autoscaling (v, deploy, path);
  check_devices (v, wharf_ecs_lookup (deploy, "resources", "reservations", NULL), path);
  check_placement (v, service, deploy, path);
}
