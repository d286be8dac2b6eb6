/* wharf-ecs-validate-container.c: rules for the container settings of a
 * service (capabilities, ulimits, sysctls, health check, logging, stop
 * timeout, networks, dependencies, platform).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wharf-ecs-validate-private.h"
#include "wharf-fargate.h"

#define FARGATE_MAX_STOP_TIMEOUT 120

/* The options of the awslogs log driver (what ECS accepts). */
static const char * const awslogs_options[] = {
  "awslogs-create-group", "awslogs-datetime-format", "awslogs-group", "awslogs-multiline-pattern",
  "awslogs-region", "awslogs-stream-prefix", "max-buffer-size", "mode", NULL,
};

static const char * const ulimit_names[] = {
  "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc",
  "rss", "rtprio", "rttime", "sigpending", "stack", NULL,
};

/* Namespaced sysctls: the network namespace (awsvpc gives each task its
 * own) and the IPC ones. */
static gboolean
sysctl_allowed (const char *name)
{
  static const char * const ipc[] = {
    "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall",
    "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced", NULL,
  };

  return g_str_has_prefix (name, "net.") || g_str_has_prefix (name, "fs.mqueue.") ||
         g_strv_contains (ipc, name);
}

static void
check_capabilities (WharfEcsValidate *v,
                    const char       *name,
                    WharfNode        *service)
{
  WharfNode *add = wharf_node_mapping_lookup (service, "cap_add");
  g_autofree char *path = g_strdup_printf ("services.%s.cap_add", name);

  for (guint i = 0; add && wharf_node_get_kind (add) == WHARF_NODE_SEQUENCE && i < wharf_node_sequence_size (add); i++)
    {
      WharfNode *cap = wharf_node_sequence_get (add, i);
      const char *s = wharf_node_get_scalar (cap);

      if (s != NULL && g_str_has_prefix (s, "CAP_"))
        s += 4;
      if (g_strcmp0 (s, "SYS_PTRACE") != 0)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, cap, path,
                          _("ECS doesn’t allow to add capability %s (Fargate allows only SYS_PTRACE)"),
                          s ? s : "");
    }
}

static void
check_ulimits (WharfEcsValidate *v,
               const char       *name,
               WharfNode        *service)
{
  WharfNode *ulimits = wharf_node_mapping_lookup (service, "ulimits");
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  if (ulimits == NULL || wharf_node_get_kind (ulimits) != WHARF_NODE_MAPPING)
    return;
  for (guint i = 0; i < wharf_node_mapping_size (ulimits); i++)
    g_ptr_array_add (keys, g_strdup (wharf_node_mapping_get_key (ulimits, i)));
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      WharfNode *value = wharf_node_mapping_lookup (ulimits, key);
      g_autofree char *path = g_strdup_printf ("services.%s.ulimits.%s", name, key);
      gint64 soft = 0, hard = 0;

      if (!g_strv_contains (ulimit_names, key))
        {
          wharf_ecs_drop (v, ulimits, key, path, _("not a resource limit ECS knows"));
          continue;
        }
      if (wharf_node_get_kind (value) == WHARF_NODE_SCALAR)
        {
          wharf_ecs_check_int (v, value, path, 0, G_MAXINT32, NULL);
          continue;
        }
      if (wharf_node_get_kind (value) != WHARF_NODE_MAPPING ||
          !wharf_ecs_check_int (v, wharf_ecs_lookup (value, "soft", NULL) ? wharf_ecs_lookup (value, "soft", NULL) : value,
                                path, 0, G_MAXINT32, &soft) ||
          !wharf_ecs_check_int (v, wharf_ecs_lookup (value, "hard", NULL) ? wharf_ecs_lookup (value, "hard", NULL) : value,
                                path, 0, G_MAXINT32, &hard))
        continue;
      if (soft > hard)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, value, path,
                          _("the soft limit (%lld) is above the hard limit (%lld)"),
                          (long long) soft, (long long) hard);
    }
}

static void
check_sysctls (WharfEcsValidate *v,
               const char       *name,
               WharfNode        *service)
{
  WharfNode *sysctls = wharf_node_mapping_lookup (service, "sysctls");
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  if (sysctls == NULL || wharf_node_get_kind (sysctls) != WHARF_NODE_MAPPING)
    return;
  for (guint i = 0; i < wharf_node_mapping_size (sysctls); i++)
    g_ptr_array_add (keys, g_strdup (wharf_node_mapping_get_key (sysctls, i)));
  for (guint i = 0; i < keys->len; i++)
    if (!sysctl_allowed (keys->pdata[i]))
      {
        g_autofree char *path = g_strdup_printf ("services.%s.sysctls.%s", name, (char *) keys->pdata[i]);

        wharf_ecs_drop (v, sysctls, keys->pdata[i], path,
                        _("Fargate accepts only namespaced sysctls (net.*, fs.mqueue.*, kernel IPC settings)"));
      }
}

static void
check_stop_grace_period (WharfEcsValidate *v,
                         const char       *name,
                         WharfNode        *service)
{
  WharfNode *grace = wharf_node_mapping_lookup (service, "stop_grace_period");
  g_autofree char *path = g_strdup_printf ("services.%s.stop_grace_period", name);
  double seconds;

  if (grace == NULL)
    return;
  if (wharf_node_get_kind (grace) != WHARF_NODE_SCALAR || !wharf_parse_duration (wharf_node_get_scalar (grace), &seconds))
    {
      wharf_ecs_report (v, WHARF_SEVERITY_ERROR, grace, path, _("must be a duration such as 10s or 1m30s"));
      return;
    }
  if (seconds > FARGATE_MAX_STOP_TIMEOUT)
    {
      wharf_ecs_report (v, WHARF_SEVERITY_WARNING, grace, path,
                        _("Fargate waits at most %d s before killing a container; %d s is used"),
                        FARGATE_MAX_STOP_TIMEOUT, FARGATE_MAX_STOP_TIMEOUT);
      wharf_node_set_scalar (grace, "120s", WHARF_SCALAR_STRING);
    }
}

/* ECS ranges of health-check settings; values outside are clamped. */
static void
clamp_duration (WharfEcsValidate *v,
                WharfNode        *check,
                const char       *key,
                const char       *path,
                double            min,
                double            max)
{
  WharfNode *node = wharf_node_mapping_lookup (check, key);
  g_autofree char *p = g_strdup_printf ("%s.%s", path, key);
  double seconds;
  char buf[32];

  if (node == NULL)
    return;
  if (wharf_node_get_kind (node) != WHARF_NODE_SCALAR || !wharf_parse_duration (wharf_node_get_scalar (node), &seconds))
    {
      wharf_ecs_report (v, WHARF_SEVERITY_ERROR, node, p, _("must be a duration such as 10s or 1m30s"));
      return;
    }
  if (seconds == 0 && min > 0)
    return;
  if (seconds >= min && seconds <= max)
    return;
  seconds = CLAMP (ceil (seconds), min, max);
  wharf_ecs_report (v, WHARF_SEVERITY_WARNING, node, p,
                    _("ECS accepts %g to %g seconds; %g s is used"), min, max, seconds);
  g_snprintf (buf, sizeof buf, "%gs", seconds);
  wharf_node_set_scalar (node, buf, WHARF_SCALAR_STRING);
}

static void
check_healthcheck (WharfEcsValidate *v,
                   const char       *name,
                   WharfNode        *service)
{
  WharfNode *check = wharf_node_mapping_lookup (service, "healthcheck");
  g_autofree char *path = g_strdup_printf ("services.%s.healthcheck", name);
  WharfNode *test, *retries;
  gint64 n;

  if (check == NULL || wharf_node_get_kind (check) != WHARF_NODE_MAPPING || wharf_ecs_lookup_bool (check, "disable"))
    return;
  test = wharf_node_mapping_lookup (check, "test");
  if (test != NULL && wharf_node_get_kind (test) == WHARF_NODE_SEQUENCE && wharf_node_sequence_size (test) > 0)
    {
      const char *first = wharf_node_get_scalar (wharf_node_sequence_get (test, 0));

      if (g_strcmp0 (first, "CMD") != 0 && g_strcmp0 (first, "CMD-SHELL") != 0 && g_strcmp0 (first, "NONE") != 0)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, test, path,
                          _("the test must start with CMD, CMD-SHELL or NONE"));
    }
  clamp_duration (v, check, "interval", path, 5, 300);
  clamp_duration (v, check, "timeout", path, 2, 60);
  clamp_duration (v, check, "start_period", path, 0, 300);
  if (wharf_node_mapping_lookup (check, "start_interval") != NULL)
    {
      g_autofree char *p = g_strconcat (path, ".start_interval", NULL);

      wharf_ecs_drop (v, check, "start_interval", p, _("not supported by ECS"));
    }
  retries = wharf_node_mapping_lookup (check, "retries");
  if (retries != NULL && wharf_ecs_check_int (v, retries, path, 0, G_MAXINT32, &n) && n > 10)
    {
      g_autofree char *p = g_strconcat (path, ".retries", NULL);

      wharf_ecs_report (v, WHARF_SEVERITY_WARNING, retries, p, _("ECS accepts 1 to 10 retries; 10 is used"));
      wharf_node_set_scalar (retries, "10", WHARF_SCALAR_INT);
    }
}

static void
check_logging (WharfEcsValidate *v,
               const char       *name,
               WharfNode        *service)
{
  WharfNode *logging = wharf_node_mapping_lookup (service, "logging");
  WharfNode *options = wharf_ecs_lookup (logging, "options", NULL);
  const char *driver = wharf_ecs_lookup_string (logging, "driver");
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  if (driver != NULL && !g_str_equal (driver, "awslogs"))
    {
      g_autofree char *path = g_strdup_printf ("services.%s.logging.driver", name);

      wharf_ecs_report (v, WHARF_SEVERITY_WARNING, wharf_ecs_key_node (logging, "driver"), path,
                        _("logging driver %s is not supported; awslogs (CloudWatch Logs) is used"), driver);
    }
  for (guint i = 0; options && wharf_node_get_kind (options) == WHARF_NODE_MAPPING &&
                    i < wharf_node_mapping_size (options); i++)
    g_ptr_array_add (keys, g_strdup (wharf_node_mapping_get_key (options, i)));
  for (guint i = 0; i < keys->len; i++)
    if (!g_strv_contains (awslogs_options, keys->pdata[i]))
      {
        g_autofree char *path = g_strdup_printf ("services.%s.logging.options.%s", name, (char *) keys->pdata[i]);

        if (g_str_equal (keys->pdata[i], "awslogs-datetime-pattern"))
          wharf_ecs_drop (v, options, keys->pdata[i], path,
                          _("the awslogs driver has no such option; did you mean awslogs-datetime-format?"));
        else
          wharf_ecs_drop (v, options, keys->pdata[i], path,
                          _("not an option of the awslogs driver (awslogs-create-group, awslogs-datetime-format, awslogs-group, awslogs-multiline-pattern, awslogs-region, awslogs-stream-prefix, max-buffer-size, mode)"));
      }
}

static void
check_networks (WharfEcsValidate *v,
                const char       *name,
                WharfNode        *service)
{
  WharfNode *networks = wharf_node_mapping_lookup (service, "networks");
  WharfNode *top = wharf_node_mapping_lookup (v->root, "networks");

  for (guint i = 0; networks && wharf_node_get_kind (networks) == WHARF_NODE_MAPPING &&
                    i < wharf_node_mapping_size (networks); i++)
    {
      const char *key = wharf_node_mapping_get_key (networks, i);
      WharfNode *value = wharf_node_mapping_get_value (networks, i);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *path = g_strdup_printf ("services.%s.networks.%s", name, key);

      if (!g_str_equal (key, "default") && wharf_ecs_lookup (top, key, NULL) == NULL)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, wharf_ecs_key_node (networks, key), path,
                          _("network “%s” is not declared in the top-level networks"), key);
      for (guint j = 0; value && wharf_node_get_kind (value) == WHARF_NODE_MAPPING &&
                        j < wharf_node_mapping_size (value); j++)
        g_ptr_array_add (keys, g_strdup (wharf_node_mapping_get_key (value, j)));
      for (guint j = 0; j < keys->len; j++)
        {
          g_autofree char *p = g_strdup_printf ("%s.%s", path, (char *) keys->pdata[j]);

          wharf_ecs_drop (v, value, keys->pdata[j], p,
                          _("services are reached by their name through Cloud Map"));
        }
    }
}

static void
check_depends_on (WharfEcsValidate *v,
                  const char       *name,
                  WharfNode        *service)
{
  WharfNode *depends = wharf_node_mapping_lookup (service, "depends_on");

  for (guint i = 0; depends && wharf_node_get_kind (depends) == WHARF_NODE_MAPPING &&
                    i < wharf_node_mapping_size (depends); i++)
    {
      const char *condition = wharf_ecs_lookup_string (wharf_node_mapping_get_value (depends, i), "condition");
      g_autofree char *path = g_strdup_printf ("services.%s.depends_on.%s", name,
                                               wharf_node_mapping_get_key (depends, i));

      if (condition != NULL && !g_str_equal (condition, "service_started"))
        wharf_ecs_report (v, WHARF_SEVERITY_WARNING,
                          wharf_ecs_key_node (wharf_node_mapping_get_value (depends, i), "condition"), path,
                          _("ECS creates the services in order but does not wait for %s"), condition);
    }
}

static void
check_platform (WharfEcsValidate *v,
                const char       *name,
                WharfNode        *service)
{
  const char *platform = wharf_ecs_lookup_string (service, "platform");
  static const char * const known[] = {
    "linux/amd64", "linux/x86_64", "linux/arm64", "linux/arm64/v8", "linux/aarch64", NULL,
  };

  if (platform != NULL && !g_strv_contains (known, platform))
    {
      g_autofree char *path = g_strdup_printf ("services.%s.platform", name);

      wharf_ecs_drop (v, service, "platform", path, _("Fargate runs linux/amd64 or linux/arm64"));
    }
}

void
wharf_ecs_validate_container (WharfEcsValidate *v,
                              const char       *name,
                              WharfNode        *service)
{
  check_capabilities (v, name, service);
  check_ulimits (v, name, service);
  check_sysctls (v, name, service);
  check_stop_grace_period (v, name, service);
  check_healthcheck (v, name, service);
  check_logging (v, name, service);
  check_networks (v, name, service);
  check_depends_on (v, name, service);
  check_platform (v, name, service);
}
