/* wharf-ecs-validate-service.c: ECS/Fargate rules for one service (deploy
 * is in wharf-ecs-validate-deploy.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-ecs-validate-private.h"
#include "wharf-fargate.h"

/* Keys the converter maps (checked below when they need it). */
static const char * const mapped_keys[] = {
  "image", "command", "entrypoint", "environment", "env_file", "depends_on", "networks", "ports",
  "volumes", "secrets", "healthcheck", "labels", "user", "working_dir", "init", "cap_add", "cap_drop",
  "ulimits", "sysctls", "logging", "read_only", "tty", "stdin_open", "stop_grace_period", "deploy",
  "platform", "cpus", "mem_limit", "mem_reservation", "scale", "container_name", "profiles",
  "x-aws-pull_credentials", "x-aws-role", "x-aws-policies", NULL,
};

typedef struct {
  const char *key;
  const char *reason;
} Ignored;

static const Ignored ignored_keys[] = {
  { "build", N_("ECS runs images from a registry: build and push the image first") },
  { "blkio_config", N_("not supported by Fargate") },
  { "cgroup", N_("not supported by Fargate") },
  { "cgroup_parent", N_("not supported by Fargate") },
  { "cpu_count", N_("size tasks with deploy.resources") },
  { "cpu_percent", N_("size tasks with deploy.resources") },
  { "cpu_period", N_("size tasks with deploy.resources") },
  { "cpu_quota", N_("size tasks with deploy.resources") },
  { "cpu_rt_period", N_("size tasks with deploy.resources") },
  { "cpu_rt_runtime", N_("size tasks with deploy.resources") },
  { "cpu_shares", N_("size tasks with deploy.resources") },
  { "cpuset", N_("size tasks with deploy.resources") },
  { "credential_spec", N_("not supported by Fargate") },
  { "devices", N_("Fargate gives no access to host devices") },
  { "device_cgroup_rules", N_("Fargate gives no access to host devices") },
  { "dns", N_("Fargate uses the VPC resolver and the Cloud Map search domain") },
  { "dns_opt", N_("Fargate uses the VPC resolver and the Cloud Map search domain") },
  { "dns_search", N_("Fargate uses the VPC resolver and the Cloud Map search domain") },
  { "domainname", N_("Fargate does not set host names") },
  { "hostname", N_("Fargate does not set host names") },
  { "expose", N_("every port is open between the services of a network") },
  { "external_links", N_("services reach each other by name through Cloud Map") },
  { "links", N_("services reach each other by name through Cloud Map") },
  { "extra_hosts", N_("not supported by Fargate") },
  { "group_add", N_("not supported by ECS") },
  { "ipc", N_("Fargate does not share namespaces") },
  { "pid", N_("Fargate does not share namespaces") },
  { "uts", N_("Fargate does not share namespaces") },
  { "userns_mode", N_("Fargate does not share namespaces") },
  { "isolation", N_("not supported by Fargate") },
  { "mac_address", N_("not supported by Fargate") },
  { "memswap_limit", N_("Fargate has no swap") },
  { "mem_swappiness", N_("Fargate has no swap") },
  { "oom_kill_disable", N_("not supported by Fargate") },
  { "oom_score_adj", N_("not supported by Fargate") },
  { "pids_limit", N_("not supported by Fargate") },
  { "shm_size", N_("not supported by Fargate") },
  { "network_mode", N_("every task has its own network interface on ECS (awsvpc)") },
  { "privileged", N_("Fargate does not run privileged containers") },
  { "pull_policy", N_("ECS pulls the image when a task starts") },
  { "restart", N_("ECS always restarts the tasks of a service") },
  { "runtime", N_("not supported by Fargate") },
  { "security_opt", N_("not supported by Fargate") },
  { "stop_signal", N_("ECS stops containers with SIGTERM") },
  { "storage_opt", N_("not supported by Fargate") },
  { "tmpfs", N_("Fargate does not support tmpfs mounts") },
  { "volumes_from", N_("not supported by ECS") },
  { "configs", N_("ECS has no configs; use a secret or bake the file into the image") },
  { "gpus", N_("reserve GPUs with deploy.resources.reservations.devices") },
  { "annotations", N_("not supported by ECS") },
  { "attach", N_("not supported by ECS") },
  { "develop", N_("not supported by ECS") },
  { "post_start", N_("not supported by ECS") },
  { "pre_stop", N_("not supported by ECS") },
};

static char *
sub_path (const char *name,
          const char *key)
{
  return g_strdup_printf ("services.%s.%s", name, key);
}

static void
check_keys (WharfEcsValidate *v,
            const char       *name,
            WharfNode        *service)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < wharf_node_mapping_size (service); i++)
    g_ptr_array_add (keys, g_strdup (wharf_node_mapping_get_key (service, i)));
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      g_autofree char *path = sub_path (name, key);
      gboolean found = FALSE;

      if (g_strv_contains (mapped_keys, key))
        continue;
      if (g_str_has_prefix (key, "x-aws-"))
        {
          wharf_ecs_report (v, WHARF_SEVERITY_WARNING, wharf_ecs_key_node (service, key), path,
                            _("unknown extension (ignored)"));
          continue;
        }
      if (g_str_has_prefix (key, "x-"))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (ignored_keys) && !found; j++)
        if (g_str_equal (ignored_keys[j].key, key))
          {
            found = TRUE;
            /* build next to image is normal: the image is what ECS runs. */
            wharf_ecs_drop (v, service, key, path, _(ignored_keys[j].reason));
          }
      if (!found)
        wharf_ecs_drop (v, service, key, path, _("not supported by Amazon ECS"));
    }
}

static void
check_ports (WharfEcsValidate *v,
             const char       *name,
             WharfNode        *service)
{
  WharfNode *ports = wharf_node_mapping_lookup (service, "ports");

  for (guint i = 0; ports && wharf_node_get_kind (ports) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (ports); i++)
    {
      WharfNode *port = wharf_node_sequence_get (ports, i);
      g_autofree char *path = g_strdup_printf ("services.%s.ports[%u]", name, i);
      WharfNode *published = wharf_ecs_lookup (port, "published", NULL);
      WharfNode *x_protocol = wharf_ecs_lookup (port, "x-aws-protocol", NULL);
      const char *protocol = wharf_ecs_lookup_string (port, "protocol");
      const char *mode = wharf_ecs_lookup_string (port, "mode");
      g_autofree char *key = NULL;
      const char *other;
      gint64 target = 0, pub = 0;

      if (port == NULL || wharf_node_get_kind (port) != WHARF_NODE_MAPPING)
        {
          wharf_ecs_report (v, WHARF_SEVERITY_ERROR, port, path, _("must be a mapping (long syntax)"));
          continue;
        }
      if (!wharf_ecs_check_int (v, wharf_ecs_lookup (port, "target", NULL) ? wharf_ecs_lookup (port, "target", NULL) : port,
                                path, 1, 65535, &target))
        continue;
      if (protocol != NULL && !g_str_equal (protocol, "tcp") && !g_str_equal (protocol, "udp"))
        {
          wharf_ecs_report (v, WHARF_SEVERITY_ERROR, wharf_ecs_key_node (port, "protocol"), path,
                            _("protocol %s is not supported by ECS load balancers (tcp or udp)"), protocol);
          continue;
        }
      if (protocol == NULL)
        wharf_node_mapping_set (port, "protocol", wharf_node_new_string ("tcp"));
      if (mode != NULL && g_str_equal (mode, "host"))
        wharf_ecs_report (v, WHARF_SEVERITY_WARNING, wharf_ecs_key_node (port, "mode"), path,
                          _("mode host is ignored: the port is published through the load balancer"));
      if (wharf_node_mapping_lookup (port, "host_ip") != NULL)
        {
          g_autofree char *p = g_strconcat (path, ".host_ip", NULL);

          wharf_ecs_drop (v, port, "host_ip", p, _("the load balancer listens on all its addresses"));
        }
      if (x_protocol != NULL)
        {
          g_autofree char *p = g_strconcat (path, ".x-aws-protocol", NULL);

          wharf_ecs_check_string (v, x_protocol, p);
        }
      if (published == NULL || *wharf_node_get_scalar (published) == '\0')
        pub = target;
      else if (strchr (wharf_node_get_scalar (published), '-') != NULL)
        {
          wharf_ecs_report (v, WHARF_SEVERITY_ERROR, published, path,
                            _("port ranges (%s) are not supported by ECS load balancers"),
                            wharf_node_get_scalar (published));
          continue;
        }
      else if (!wharf_ecs_check_int (v, published, path, 1, 65535, &pub))
        continue;
      {
        char buf[32];
        WharfNode *fresh;

        /* The canonical string form; it keeps the position it replaces. */
        g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, pub);
        fresh = wharf_node_new_string (buf);
        wharf_node_set_position_from (fresh, published ? published : port);
        wharf_node_mapping_set (port, "published", fresh);
        published = fresh;
      }
      /* One load balancer per project: a listener port has one service. */
      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", pub, protocol ? protocol : "tcp");
      other = g_hash_table_lookup (v->published, key);
      if (other != NULL && !g_str_equal (other, name))
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, published ? published : port, path,
                          _("port %s is already published by service “%s”; the load balancer can route it to one service only"),
                          key, other);
      else if (other != NULL)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, published ? published : port, path,
                          _("port %s is published twice"), key);
      else
        g_hash_table_insert (v->published, g_steal_pointer (&key), (gpointer) name);
    }
}

static void
check_volumes (WharfEcsValidate *v,
               const char       *name,
               WharfNode        *service)
{
  WharfNode *volumes = wharf_node_mapping_lookup (service, "volumes");
  WharfNode *top = wharf_node_mapping_lookup (v->root, "volumes");

  for (guint i = 0; volumes && wharf_node_get_kind (volumes) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (volumes); i++)
    {
      WharfNode *volume = wharf_node_sequence_get (volumes, i);
      g_autofree char *path = g_strdup_printf ("services.%s.volumes[%u]", name, i);
      const char *type = wharf_ecs_lookup_string (volume, "type");
      const char *source = wharf_ecs_lookup_string (volume, "source");
      const char *target = wharf_ecs_lookup_string (volume, "target");

      if (volume == NULL || wharf_node_get_kind (volume) != WHARF_NODE_MAPPING)
        {
          wharf_ecs_report (v, WHARF_SEVERITY_ERROR, volume, path, _("must be a mapping (long syntax)"));
          continue;
        }
      if (g_strcmp0 (type, "bind") == 0)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, volume, path,
                          _("ECS Fargate does not support bind mounts from host (%s)"), source ? source : "");
      else if (g_strcmp0 (type, "tmpfs") == 0)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, volume, path, _("ECS Fargate does not support tmpfs"));
      else if (type != NULL && !g_str_equal (type, "volume"))
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, volume, path,
                          _("ECS Fargate does not support %s mounts"), type);
      else if (source == NULL || *source == '\0')
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, volume, path,
                          _("service %s has an invalid volume %s: ECS does not support sourceless volumes"),
                          name, target ? target : "");
      else if (wharf_ecs_lookup (top, source, NULL) == NULL)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, volume, path,
                          _("volume “%s” is not declared in the top-level volumes"), source);
      else if (target == NULL || target[0] != '/')
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, volume, path, _("the target must be an absolute path"));
      else
        {
          static const char * const dropped[] = { "bind", "tmpfs", "consistency", NULL };
          WharfNode *options = wharf_node_mapping_lookup (volume, "volume");

          /* compose-go writes "volume: {}" for every named volume. */
          if (options != NULL && wharf_node_get_kind (options) == WHARF_NODE_MAPPING &&
              (wharf_ecs_lookup_bool (options, "nocopy") || wharf_node_mapping_lookup (options, "subpath") != NULL))
            {
              g_autofree char *p = g_strdup_printf ("%s.volume", path);

              wharf_ecs_drop (v, volume, "volume", p, _("EFS volumes support neither nocopy nor subpath"));
            }
          for (guint j = 0; dropped[j] != NULL; j++)
            if (wharf_node_mapping_lookup (volume, dropped[j]) != NULL)
              {
                g_autofree char *p = g_strdup_printf ("%s.%s", path, dropped[j]);

                wharf_ecs_drop (v, volume, dropped[j], p, _("not supported by Amazon EFS"));
              }
        }
    }
}

static void
check_secrets (WharfEcsValidate *v,
               const char       *name,
               WharfNode        *service)
{
  WharfNode *secrets = wharf_node_mapping_lookup (service, "secrets");
  WharfNode *top = wharf_node_mapping_lookup (v->root, "secrets");

  for (guint i = 0; secrets && wharf_node_get_kind (secrets) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (secrets); i++)
    {
      WharfNode *secret = wharf_node_sequence_get (secrets, i);
      g_autofree char *path = g_strdup_printf ("services.%s.secrets[%u]", name, i);
      const char *source = wharf_ecs_lookup_string (secret, "source");
      const char *target = wharf_ecs_lookup_string (secret, "target");

      if (source == NULL || wharf_ecs_lookup (top, source, NULL) == NULL)
        {
          wharf_ecs_report (v, WHARF_SEVERITY_ERROR, secret, path,
                            _("secret “%s” is not declared in the top-level secrets"), source ? source : "");
          continue;
        }
      if (target != NULL && target[0] == '/' && !g_str_has_prefix (target, "/run/secrets/"))
        wharf_ecs_report (v, WHARF_SEVERITY_WARNING, wharf_ecs_key_node (secret, "target"), path,
                          _("secrets are files in /run/secrets/ on ECS; “%s” becomes /run/secrets/%s"),
                          target, strrchr (target, '/') + 1);
      for (guint j = 0; j < 3; j++)
        {
          static const char * const dropped[] = { "uid", "gid", "mode" };

          if (wharf_node_mapping_lookup (secret, dropped[j]) != NULL)
            {
              g_autofree char *p = g_strdup_printf ("%s.%s", path, dropped[j]);

              wharf_ecs_drop (v, secret, dropped[j], p,
                              _("secret files are owned by root and readable by everyone (0444)"));
            }
        }
    }
}

static void
check_extensions (WharfEcsValidate *v,
                  const char       *name,
                  WharfNode        *service)
{
  WharfNode *pull = wharf_node_mapping_lookup (service, "x-aws-pull_credentials");
  WharfNode *role = wharf_node_mapping_lookup (service, "x-aws-role");
  WharfNode *policies = wharf_node_mapping_lookup (service, "x-aws-policies");

  if (pull != NULL)
    {
      g_autofree char *path = sub_path (name, "x-aws-pull_credentials");

      wharf_ecs_check_string (v, pull, path);
    }
  if (role != NULL)
    {
      g_autofree char *path = sub_path (name, "x-aws-role");

      if (wharf_node_get_kind (role) != WHARF_NODE_MAPPING || wharf_node_mapping_lookup (role, "Statement") == NULL)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, role, path,
                          _("must be an IAM policy document (a mapping with Version and Statement)"));
      else if (wharf_node_mapping_lookup (role, "Version") == NULL)
        wharf_node_mapping_set (role, "Version", wharf_node_new_string ("2012-10-17"));
    }
  if (policies != NULL)
    {
      g_autofree char *path = sub_path (name, "x-aws-policies");

      if (wharf_node_get_kind (policies) != WHARF_NODE_SEQUENCE)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, policies, path, _("must be a list of IAM policy ARNs"));
      for (guint i = 0; wharf_node_get_kind (policies) == WHARF_NODE_SEQUENCE &&
                        i < wharf_node_sequence_size (policies); i++)
        {
          WharfNode *arn = wharf_node_sequence_get (policies, i);

          if (wharf_node_get_kind (arn) != WHARF_NODE_SCALAR || !g_str_has_prefix (wharf_node_get_scalar (arn), "arn:"))
            wharf_ecs_report (v, WHARF_SEVERITY_ERROR, arn, path,
                              _("must be a list of IAM policy ARNs (arn:aws:iam::…)"));
        }
    }
}

void
wharf_ecs_validate_service (WharfEcsValidate *v,
                            const char       *name,
                            WharfNode        *service)
{
  WharfNode *image = wharf_node_mapping_lookup (service, "image");
  WharfNode *scale = wharf_node_mapping_lookup (service, "scale");

  if (image == NULL || wharf_node_get_kind (image) != WHARF_NODE_SCALAR || *wharf_node_get_scalar (image) == '\0')
    {
      g_autofree char *path = g_strdup_printf ("services.%s", name);

      wharf_ecs_report (v, WHARF_SEVERITY_ERROR,
                        image ? image : wharf_ecs_key_node (wharf_node_mapping_lookup (v->root, "services"), name),
                        path,
                        _("service %s doesn’t define a Docker image to run"), name);
    }
  check_keys (v, name, service);
  check_ports (v, name, service);
  check_volumes (v, name, service);
  check_secrets (v, name, service);
  check_extensions (v, name, service);
  wharf_ecs_validate_container (v, name, service);

  /* scale is the replica count when deploy.replicas is not set. */
  if (scale != NULL)
    {
      WharfNode *deploy = wharf_node_mapping_lookup (service, "deploy");
      g_autofree char *path = sub_path (name, "scale");

      if (wharf_ecs_check_int (v, scale, path, 0, 5000, NULL) &&
          wharf_ecs_lookup (deploy, "replicas", NULL) == NULL)
        {
          if (deploy == NULL)
            {
              deploy = wharf_node_new_mapping (NULL, 0, 0);
              wharf_node_mapping_set (service, "deploy", deploy);
            }
          wharf_node_mapping_set (deploy, "replicas", wharf_node_copy (scale));
        }
      wharf_node_mapping_remove (service, "scale");
    }
  wharf_ecs_validate_deploy (v, name, service);
}
