/* wharf-ecs-validate.c: the Validate phase — what Amazon ECS on Fargate
 * can run, with a diagnostic (FILE:LINE:COL and key path) for everything
 * it cannot. Project-level rules here, service rules in
 * wharf-ecs-validate-service.c and wharf-ecs-validate-deploy.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-ecs-validate-private.h"

void
wharf_ecs_report (WharfEcsValidate *v,
                  WharfSeverity     severity,
                  const WharfNode  *node,
                  const char       *path,
                  const char       *format,
                  ...)
{
  g_autoptr(WharfDiagnostic) diagnostic = NULL;
  g_autofree char *message = NULL;
  va_list ap;

  if (v->diagnostics == NULL)
    return;
  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  diagnostic = wharf_diagnostic_new_at (severity, node, path, "%s", message);
  g_list_store_append (v->diagnostics, diagnostic);
}

const WharfNode *
wharf_ecs_key_node (const WharfNode *mapping,
                    const char      *key)
{
  WharfNode *key_node;

  if (mapping == NULL || wharf_node_get_kind (mapping) != WHARF_NODE_MAPPING)
    return mapping;
  key_node = wharf_node_mapping_lookup_key_node (mapping, key);
  if (key_node != NULL && wharf_node_get_line (key_node) > 0)
    return key_node;
  key_node = wharf_node_mapping_lookup (mapping, key);
  return key_node ? key_node : mapping;
}

void
wharf_ecs_drop (WharfEcsValidate *v,
                WharfNode        *mapping,
                const char       *key,
                const char       *path,
                const char       *reason)
{
  wharf_ecs_report (v, WHARF_SEVERITY_WARNING, wharf_ecs_key_node (mapping, key), path,
                    _("ignored: %s"), reason);
  wharf_node_mapping_remove (mapping, key);
}

gboolean
wharf_ecs_check_string (WharfEcsValidate *v,
                        const WharfNode  *node,
                        const char       *path)
{
  if (node != NULL && wharf_node_get_kind (node) == WHARF_NODE_SCALAR && *wharf_node_get_scalar (node) != '\0')
    return TRUE;
  wharf_ecs_report (v, WHARF_SEVERITY_ERROR, node, path, _("must be a non-empty string"));
  return FALSE;
}

gboolean
wharf_ecs_check_int (WharfEcsValidate *v,
                     const WharfNode  *node,
                     const char       *path,
                     gint64            min,
                     gint64            max,
                     gint64           *out)
{
  gint64 value = 0;

  if (node == NULL || wharf_node_get_kind (node) != WHARF_NODE_SCALAR ||
      !wharf_node_get_int64 (node, &value))
    {
      wharf_ecs_report (v, WHARF_SEVERITY_ERROR, node, path, _("must be an integer"));
      return FALSE;
    }
  if (value < min || value > max)
    {
      wharf_ecs_report (v, WHARF_SEVERITY_ERROR, node, path,
                        _("must be between %lld and %lld (found %lld)"),
                        (long long) min, (long long) max, (long long) value);
      return FALSE;
    }
  if (out != NULL)
    *out = value;
  return TRUE;
}

/* CloudWatch Logs accepts only these retention periods. */
static const gint64 retention_days[] = {
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
  3288, 3653,
};

static void
check_top_extensions (WharfEcsValidate *v)
{
  WharfNode *root = v->root;

  for (guint i = 0; i < wharf_node_mapping_size (root); i++)
    {
      const char *key = wharf_node_mapping_get_key (root, i);
      WharfNode *value = wharf_node_mapping_get_value (root, i);

      if (!g_str_has_prefix (key, "x-aws-"))
        continue;
      if (g_str_equal (key, "x-aws-vpc"))
        {
          g_autofree char *vpc = NULL;

          if (wharf_ecs_check_string (v, value, key) &&
              (vpc = wharf_ecs_parse_vpc_id (wharf_node_get_scalar (value))) == NULL)
            wharf_ecs_report (v, WHARF_SEVERITY_ERROR, value, key,
                              _("“%s” is neither a VPC ID (vpc-…) nor a VPC ARN"), wharf_node_get_scalar (value));
        }
      else if (g_str_equal (key, "x-aws-cluster") || g_str_equal (key, "x-aws-loadbalancer"))
        wharf_ecs_check_string (v, value, key);
      else if (g_str_equal (key, "x-aws-logs_retention"))
        {
          gint64 days, next = 0;

          if (!wharf_ecs_check_int (v, value, key, 0, 3653, &days) || days == 0)
            continue;
          for (guint j = 0; j < G_N_ELEMENTS (retention_days) && next == 0; j++)
            if (retention_days[j] >= days)
              next = retention_days[j];
          /* CloudFormation rejects other values: round up, keep logs longer. */
          if (next != days)
            {
              char buf[32];

              wharf_ecs_report (v, WHARF_SEVERITY_WARNING, value, key,
                                _("CloudWatch Logs cannot keep logs %lld days; %lld is used (valid: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)"),
                                (long long) days, (long long) next);
              g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, next);
              wharf_node_set_scalar (value, buf, WHARF_SCALAR_INT);
            }
        }
      else if (g_str_equal (key, "x-aws-cloudformation"))
        {
          if (wharf_node_get_kind (value) != WHARF_NODE_MAPPING)
            wharf_ecs_report (v, WHARF_SEVERITY_ERROR, value, key,
                              _("must be a mapping (a partial CloudFormation template)"));
        }
      else
        wharf_ecs_report (v, WHARF_SEVERITY_WARNING, wharf_ecs_key_node (root, key), key,
                          _("unknown extension (ignored)"));
    }
}

static void
check_networks (WharfEcsValidate *v)
{
  WharfNode *networks = wharf_node_mapping_lookup (v->root, "networks");
  static const char * const ignored[] = {
    "driver", "driver_opts", "ipam", "internal", "attachable", "labels", "enable_ipv6", NULL,
  };

  for (guint i = 0; networks && wharf_node_get_kind (networks) == WHARF_NODE_MAPPING &&
                    i < wharf_node_mapping_size (networks); i++)
    {
      const char *key = wharf_node_mapping_get_key (networks, i);
      WharfNode *network = wharf_node_mapping_get_value (networks, i);
      WharfNode *sg = wharf_ecs_lookup (network, "x-aws-securitygroup", NULL);
      g_autofree char *path = g_strdup_printf ("networks.%s", key);

      if (network == NULL || wharf_node_get_kind (network) != WHARF_NODE_MAPPING)
        continue;
      for (guint j = 0; ignored[j] != NULL; j++)
        if (wharf_node_mapping_lookup (network, ignored[j]) != NULL)
          {
            g_autofree char *p = g_strdup_printf ("%s.%s", path, ignored[j]);

            wharf_ecs_drop (v, network, ignored[j], p,
                            _("a network is an EC2 security group on ECS"));
          }
      if (sg != NULL)
        {
          g_autofree char *p = g_strdup_printf ("%s.x-aws-securitygroup", path);

          if (!wharf_ecs_check_string (v, sg, p))
            continue;
          wharf_ecs_report (v, WHARF_SEVERITY_WARNING, wharf_ecs_key_node (network, "x-aws-securitygroup"), p,
                            _("deprecated: to use an existing security group, set external: true and name: %s"),
                            wharf_node_get_scalar (sg));
        }
      if (sg == NULL && wharf_ecs_lookup_bool (network, "external"))
        sg = wharf_ecs_lookup (network, "name", NULL);
      if (sg != NULL && !wharf_ecs_is_resource_id (wharf_node_get_scalar (sg), "sg-"))
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, sg, path,
                          _("an external network must name an existing security group (sg- and 8 or 17 hexadecimal digits), not “%s”"),
                          wharf_node_get_scalar (sg));
    }
}

static void
check_volumes (WharfEcsValidate *v)
{
  WharfNode *volumes = wharf_node_mapping_lookup (v->root, "volumes");
  static const char * const known_opts[] = {
    "backup_policy", "lifecycle_policy", "performance_mode", "throughput_mode",
    "provisioned_throughput", "kms_key_id", "uid", "gid", "permissions", "root_directory", NULL,
  };
  static const struct { const char *key; const char *values[5]; } enums[] = {
    { "backup_policy", { "ENABLED", "DISABLED", NULL } },
    { "performance_mode", { "generalPurpose", "maxIO", NULL } },
    { "throughput_mode", { "bursting", "provisioned", "elastic", NULL } },
  };

  for (guint i = 0; volumes && wharf_node_get_kind (volumes) == WHARF_NODE_MAPPING &&
                    i < wharf_node_mapping_size (volumes); i++)
    {
      const char *key = wharf_node_mapping_get_key (volumes, i);
      WharfNode *volume = wharf_node_mapping_get_value (volumes, i);
      WharfNode *opts = wharf_ecs_lookup (volume, "driver_opts", NULL);
      g_autofree char *path = g_strdup_printf ("volumes.%s", key);
      const char *driver;

      if (volume == NULL || wharf_node_get_kind (volume) != WHARF_NODE_MAPPING)
        continue;
      driver = wharf_ecs_lookup_string (volume, "driver");
      if (driver != NULL)
        {
          g_autofree char *p = g_strconcat (path, ".driver", NULL);

          wharf_ecs_drop (v, volume, "driver", p, _("volumes are Amazon EFS file systems on ECS"));
        }
      if (wharf_node_mapping_lookup (volume, "labels") != NULL)
        {
          g_autofree char *p = g_strconcat (path, ".labels", NULL);

          wharf_ecs_drop (v, volume, "labels", p, _("EFS file systems are tagged with the project and volume names"));
        }
      if (wharf_ecs_lookup_bool (volume, "external"))
        {
          const char *name = wharf_ecs_lookup_string (volume, "name");

          if (name == NULL || !wharf_ecs_is_resource_id (name, "fs-"))
            wharf_ecs_report (v, WHARF_SEVERITY_ERROR, wharf_ecs_key_node (volume, "name"), path,
                              _("an external volume must name an existing EFS file system (fs- and 8 to 40 hexadecimal digits), not “%s”"),
                              name ? name : "");
        }
      for (guint j = 0; opts && wharf_node_get_kind (opts) == WHARF_NODE_MAPPING &&
                        j < wharf_node_mapping_size (opts); j++)
        {
          const char *opt = wharf_node_mapping_get_key (opts, j);
          WharfNode *value = wharf_node_mapping_get_value (opts, j);
          g_autofree char *p = g_strdup_printf ("%s.driver_opts.%s", path, opt);
          gboolean known = g_strv_contains (known_opts, opt);

          if (!known)
            {
              wharf_ecs_report (v, WHARF_SEVERITY_WARNING, wharf_ecs_key_node (opts, opt), p,
                                _("unknown EFS option (ignored)"));
              continue;
            }
          if (g_str_equal (opt, "uid") || g_str_equal (opt, "gid"))
            wharf_ecs_check_int (v, value, p, 0, 4294967295LL, NULL);
          else if (g_str_equal (opt, "provisioned_throughput"))
            {
              double mibps;

              if (!wharf_node_get_double (value, &mibps) || mibps <= 0)
                wharf_ecs_report (v, WHARF_SEVERITY_ERROR, value, p, _("must be a positive number of MiB/s"));
            }
          else if (g_str_equal (opt, "lifecycle_policy"))
            {
              const char *s = wharf_node_get_scalar (value);

              while (s != NULL && g_ascii_isspace (*s))
                s++;
              if (s == NULL || !g_str_has_prefix (s, "AFTER_"))
                wharf_ecs_report (v, WHARF_SEVERITY_ERROR, value, p,
                                  _("must be AFTER_1_DAY, AFTER_7_DAYS, AFTER_14_DAYS, AFTER_30_DAYS, AFTER_60_DAYS, AFTER_90_DAYS, …"));
            }
          for (guint e = 0; e < G_N_ELEMENTS (enums); e++)
            if (g_str_equal (enums[e].key, opt))
              {
                const char *s = wharf_node_get_scalar (value);

                if (s == NULL || !g_strv_contains (enums[e].values, s))
                  {
                    g_autofree char *choices = g_strjoinv (", ", (char **) enums[e].values);

                    wharf_ecs_report (v, WHARF_SEVERITY_ERROR, value, p, _("must be one of %s"), choices);
                  }
              }
        }
    }
}

static void
check_secrets (WharfEcsValidate *v)
{
  WharfNode *secrets = wharf_node_mapping_lookup (v->root, "secrets");
  static const char * const ignored[] = { "driver", "driver_opts", "labels", "template_driver", NULL };

  for (guint i = 0; secrets && wharf_node_get_kind (secrets) == WHARF_NODE_MAPPING &&
                    i < wharf_node_mapping_size (secrets); i++)
    {
      const char *key = wharf_node_mapping_get_key (secrets, i);
      WharfNode *secret = wharf_node_mapping_get_value (secrets, i);
      WharfNode *keys = wharf_ecs_lookup (secret, "x-aws-keys", NULL);
      g_autofree char *path = g_strdup_printf ("secrets.%s", key);

      if (secret == NULL || wharf_node_get_kind (secret) != WHARF_NODE_MAPPING)
        continue;
      for (guint j = 0; ignored[j] != NULL; j++)
        if (wharf_node_mapping_lookup (secret, ignored[j]) != NULL)
          {
            g_autofree char *p = g_strdup_printf ("%s.%s", path, ignored[j]);

            wharf_ecs_drop (v, secret, ignored[j], p, _("secrets are AWS Secrets Manager secrets on ECS"));
          }
      if (!wharf_ecs_lookup_bool (secret, "external") &&
          wharf_node_mapping_lookup (secret, "file") == NULL &&
          wharf_node_mapping_lookup (secret, "environment") == NULL)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, wharf_ecs_key_node (secrets, key), path,
                          _("a secret needs a file, an environment variable, or external: true"));
      if (keys != NULL)
        {
          g_autofree char *p = g_strconcat (path, ".x-aws-keys", NULL);
          gboolean ok = wharf_node_get_kind (keys) == WHARF_NODE_SCALAR;

          if (wharf_node_get_kind (keys) == WHARF_NODE_SEQUENCE)
            {
              ok = wharf_node_sequence_size (keys) > 0;
              for (guint j = 0; j < wharf_node_sequence_size (keys); j++)
                ok &= wharf_node_get_kind (wharf_node_sequence_get (keys, j)) == WHARF_NODE_SCALAR;
            }
          if (!ok)
            wharf_ecs_report (v, WHARF_SEVERITY_ERROR, keys, p,
                              _("must be a key name, a list of key names, or \"*\""));
        }
    }
}

static void
check_configs (WharfEcsValidate *v)
{
  WharfNode *configs = wharf_node_mapping_lookup (v->root, "configs");

  if (configs != NULL && wharf_node_get_kind (configs) == WHARF_NODE_MAPPING &&
      wharf_node_mapping_size (configs) > 0)
    wharf_ecs_drop (v, v->root, "configs", "configs",
                    _("ECS has no configs; use a secret or bake the file into the image"));
}

static void
check_services (WharfEcsValidate *v)
{
  WharfNode *services = wharf_node_mapping_lookup (v->root, "services");

  if (services == NULL || wharf_node_get_kind (services) != WHARF_NODE_MAPPING ||
      wharf_node_mapping_size (services) == 0)
    {
      wharf_ecs_report (v, WHARF_SEVERITY_ERROR, services ? services : v->root, "services",
                        _("the project has no services"));
      return;
    }
  for (guint i = 0; i < wharf_node_mapping_size (services); i++)
    {
      const char *name = wharf_node_mapping_get_key (services, i);
      WharfNode *service = wharf_node_mapping_get_value (services, i);
      g_autofree char *norm = wharf_ecs_normalize_name (name);
      const char *other = g_hash_table_lookup (v->logical, norm);

      if (*norm == '\0')
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, wharf_ecs_key_node (services, name), "services",
                          _("service “%s” has no letter or digit to build CloudFormation logical IDs from"), name);
      else if (other != NULL)
        wharf_ecs_report (v, WHARF_SEVERITY_ERROR, wharf_ecs_key_node (services, name), "services",
                          _("services “%s” and “%s” both give the CloudFormation logical IDs “%s…”; rename one of them"),
                          other, name, norm);
      else
        g_hash_table_insert (v->logical, g_steal_pointer (&norm), (gpointer) name);
      if (service == NULL || wharf_node_get_kind (service) != WHARF_NODE_MAPPING)
        {
          g_autofree char *path = g_strdup_printf ("services.%s", name);

          wharf_ecs_report (v, WHARF_SEVERITY_ERROR, service, path, _("must be a mapping"));
          continue;
        }
      wharf_ecs_validate_service (v, name, service);
    }
}

WharfNode *
wharf_ecs_validate (const WharfNode *project,
                    GListStore      *diagnostics)
{
  WharfEcsValidate v = { 0 };

  g_return_val_if_fail (project != NULL, NULL);

  v.root = wharf_node_copy (project);
  v.diagnostics = diagnostics;
  if (wharf_node_get_kind (v.root) != WHARF_NODE_MAPPING)
    {
      wharf_ecs_report (&v, WHARF_SEVERITY_ERROR, v.root, NULL, _("a Compose project must be a mapping"));
      return v.root;
    }
  v.published = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v.logical = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check_top_extensions (&v);
  check_networks (&v);
  check_volumes (&v);
  check_secrets (&v);
  check_configs (&v);
  check_services (&v);
  g_hash_table_unref (v.published);
  g_hash_table_unref (v.logical);
  return v.root;
}
