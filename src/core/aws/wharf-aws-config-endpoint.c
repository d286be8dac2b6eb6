/* wharf-aws-config-endpoint.c: the services Wharf calls, their endpoints,
 * and the endpoint overrides of the shared config (reference/aws.md §1.3,
 * §4.8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wharf-aws-config.h"
#include "wharf-aws-credentials-private.h"

/* serviceId, CLI name, endpoint prefix, signing name, global */
static const WharfAwsServiceInfo services[] = {
  { "CloudFormation", "cloudformation", "cloudformation", "cloudformation", FALSE },
  { "ECS", "ecs", "ecs", "ecs", FALSE },
  { "CloudWatch Logs", "logs", "logs", "logs", FALSE },
  { "Secrets Manager", "secretsmanager", "secretsmanager", "secretsmanager", FALSE },
  { "EFS", "efs", "elasticfilesystem", "elasticfilesystem", FALSE },
  { "Elastic Load Balancing v2", "elbv2", "elasticloadbalancing", "elasticloadbalancing", FALSE },
  { "EC2", "ec2", "ec2", "ec2", FALSE },
  { "STS", "sts", "sts", "sts", FALSE },
  { "SSO", "sso", "portal.sso", "awsssoportal", FALSE },
  { "SSO OIDC", "sso-oidc", "oidc", "sso-oauth", FALSE },
  { "S3", "s3", "s3", "s3", FALSE },
  { "SSM", "ssm", "ssm", "ssm", FALSE },
  { "Auto Scaling", "autoscaling", "autoscaling", "autoscaling", FALSE },
  { "CloudWatch", "cloudwatch", "monitoring", "monitoring", FALSE },
  { "ServiceDiscovery", "servicediscovery", "servicediscovery", "servicediscovery", FALSE },
  { "ECR", "ecr", "api.ecr", "ecr", FALSE },
  { "IAM", "iam", "iam", "iam", TRUE },
};

const WharfAwsServiceInfo *
wharf_aws_service_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      const WharfAwsServiceInfo *s = &services[i];
      g_autofree char *key = wharf_aws_service_config_key (s->service_id);

      if (g_ascii_strcasecmp (name, s->service_id) == 0 || strcmp (name, s->cli_name) == 0 ||
          strcmp (name, s->endpoint_prefix) == 0 || strcmp (name, s->signing_name) == 0 ||
          g_ascii_strcasecmp (name, key) == 0)
        return s;
    }
  return NULL;
}

/* Spaces and hyphens → '_' (botocore's transform of the serviceId). */
static char *
service_id_to_key (const char *service_id,
                   gboolean    upper)
{
  char *out = upper ? g_ascii_strup (service_id, -1) : g_ascii_strdown (service_id, -1);

  for (char *p = out; *p != '\0'; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  return out;
}

char *
wharf_aws_service_env_name (const char *service_id)
{
  return service_id_to_key (service_id, TRUE);
}

char *
wharf_aws_service_config_key (const char *service_id)
{
  return service_id_to_key (service_id, FALSE);
}

char *
wharf_aws_default_endpoint (const WharfAwsServiceInfo *service,
                            const char                *region)
{
  const char *suffix = g_str_has_prefix (region, "cn-") ? "amazonaws.com.cn" : "amazonaws.com";

  if (service->global)
    return g_strdup_printf ("https://%s.%s", service->endpoint_prefix, suffix);
  return g_strdup_printf ("https://%s.%s.%s", service->endpoint_prefix, region, suffix);
}

/* The configured override for SERVICE_ID, or NULL. */
static char *
configured_endpoint (WharfAwsConfig *self,
                     const char     *service_id)
{
  g_autofree char *env_name = wharf_aws_service_env_name (service_id);
  g_autofree char *var = g_strconcat ("AWS_ENDPOINT_URL_", env_name, NULL);
  const char *ignore = wharf_aws_config_getenv (self, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  const char *value;
  const char *services;

  if (ignore == NULL)
    ignore = wharf_aws_config_get_value (self, NULL, "ignore_configured_endpoint_urls");
  if (ignore != NULL && g_ascii_strcasecmp (ignore, "true") == 0)
    return NULL;

  if ((value = wharf_aws_config_getenv (self, var)) != NULL ||
      (value = wharf_aws_config_getenv (self, "AWS_ENDPOINT_URL")) != NULL)
    return g_strdup (value);
  services = wharf_aws_config_get_value (self, NULL, "services");
  if (services != NULL && *services != '\0')
    {
      g_autofree char *section = g_strconcat ("services ", services, NULL);
      g_autofree char *key = wharf_aws_service_config_key (service_id);
      char *nested = wharf_aws_profile_file_get_nested (wharf_aws_config_get_config_file (self),
                                                        section, key, "endpoint_url");
      if (nested != NULL && *nested != '\0')
        return nested;
      g_free (nested);
    }
  value = wharf_aws_config_get_value (self, NULL, "endpoint_url");
  if (value != NULL && *value != '\0')
    return g_strdup (value);
  return NULL;
}

char *
wharf_aws_config_resolve_endpoint (WharfAwsConfig *self,
                                   const char     *service_id,
                                   const char     *region,
                                   gboolean       *out_overridden,
                                   GError        **error)
{
  const WharfAwsServiceInfo *service;
  char *url;

  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (self), NULL);
  g_return_val_if_fail (service_id != NULL && region != NULL, NULL);

  service = wharf_aws_service_lookup (service_id);
  url = configured_endpoint (self, service != NULL ? service->service_id : service_id);
  if (out_overridden != NULL)
    *out_overridden = url != NULL;
  if (url != NULL)
    return url;
  if (service == NULL)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_ARGUMENT,
                   _("Unknown AWS service “%s”"), service_id);
      return NULL;
    }
  return wharf_aws_default_endpoint (service, region);
}
