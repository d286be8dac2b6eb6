/* wharf-ecs-convert-scaling.c: service autoscaling (x-aws-autoscaling)
 * and the EC2 capacity provider of GPU services.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-ecs-convert-private.h"
#include "wharf-fargate.h"

#define GPU_AMI_PARAMETER "/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id"
#define POLICY_EC2_CONTAINER "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"

static JsonArray *
strings (const char *first,
         ...)
{
  JsonArray *array = json_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *s = first; s != NULL; s = va_arg (ap, const char *))
    json_array_add_string_element (array, s);
  va_end (ap);
  return array;
}

gboolean
wharf_ecs_convert_autoscaling (WharfEcsConvert *ctx,
                               const char      *name,
                               const WharfNode *service,
                               const char      *norm)
{
  WharfNode *scaling = wharf_ecs_lookup (service, "deploy", "x-aws-autoscaling", NULL);
  g_autofree char *owner = g_strdup_printf (_("service “%s”"), name);
  g_autofree char *role = g_strconcat (norm, "AutoScalingRole", NULL);
  g_autofree char *target = g_strconcat (norm, "ScalableTarget", NULL);
  g_autofree char *policy = g_strconcat (norm, "ScalingPolicy", NULL);
  g_autofree char *service_id = g_strconcat (norm, "Service", NULL);
  gint64 min = 1, max = 0, percent = 0;
  gboolean memory;
  JsonObject *props, *statement, *doc, *inline_policy, *config, *metric;
  JsonArray *statements, *policies;

  if (scaling == NULL)
    return TRUE;
  wharf_node_get_int64 (wharf_ecs_lookup (service, "deploy", "replicas", NULL), &min);
  wharf_node_get_int64 (wharf_ecs_lookup (scaling, "min", NULL), &min);
  wharf_node_get_int64 (wharf_ecs_lookup (scaling, "max", NULL), &max);
  memory = wharf_node_get_int64 (wharf_ecs_lookup (scaling, "memory", NULL), &percent);
  if (!memory)
    wharf_node_get_int64 (wharf_ecs_lookup (scaling, "cpu", NULL), &percent);

  props = wharf_ecs_add_resource (ctx, role, "AWS::IAM::Role", owner);
  if (props == NULL)
    return FALSE;
  json_object_set_member (props, "AssumeRolePolicyDocument",
                          wharf_cfn_trust_policy ("application-autoscaling.amazonaws.com"));
  json_object_set_string_member (props, "Path", "/");
  statement = json_object_new ();
  json_object_set_array_member (statement, "Action",
                                strings ("application-autoscaling:*", "cloudwatch:DescribeAlarms",
                                         "cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms",
                                         "ecs:DescribeServices", "ecs:UpdateService", NULL));
  json_object_set_string_member (statement, "Effect", "Allow");
  json_object_set_string_member (statement, "Resource", "*");
  statements = json_array_new ();
  json_array_add_object_element (statements, statement);
  doc = json_object_new ();
  json_object_set_array_member (doc, "Statement", statements);
  json_object_set_string_member (doc, "Version", "2012-10-17");
  inline_policy = json_object_new ();
  json_object_set_object_member (inline_policy, "PolicyDocument", doc);
  json_object_set_string_member (inline_policy, "PolicyName", "service-autoscaling");
  policies = json_array_new ();
  json_array_add_object_element (policies, inline_policy);
  json_object_set_array_member (props, "Policies", policies);
  json_object_set_array_member (props, "Tags", wharf_cfn_tags (ctx, WHARF_TAG_SERVICE, name));

  props = wharf_ecs_add_resource (ctx, target, "AWS::ApplicationAutoScaling::ScalableTarget", owner);
  if (props == NULL)
    return FALSE;
  json_object_set_int_member (props, "MaxCapacity", max);
  json_object_set_int_member (props, "MinCapacity", MIN (min, max));
  json_object_set_member (props, "ResourceId",
                          wharf_cfn_join ("/", wharf_cfn_string ("service"), wharf_cfn_copy (ctx->cluster_name),
                                          wharf_cfn_get_att (service_id, "Name"), NULL));
  json_object_set_member (props, "RoleARN", wharf_cfn_get_att (role, "Arn"));
  json_object_set_string_member (props, "ScalableDimension", "ecs:service:DesiredCount");
  json_object_set_string_member (props, "ServiceNamespace", "ecs");

  props = wharf_ecs_add_resource (ctx, policy, "AWS::ApplicationAutoScaling::ScalingPolicy", owner);
  if (props == NULL)
    return FALSE;
  json_object_set_string_member (props, "PolicyName", policy);
  json_object_set_string_member (props, "PolicyType", "TargetTrackingScaling");
  json_object_set_member (props, "ScalingTargetId", wharf_cfn_ref (target));
  metric = json_object_new ();
  json_object_set_string_member (metric, "PredefinedMetricType",
                                 memory ? "ECSServiceAverageMemoryUtilization" : "ECSServiceAverageCPUUtilization");
  config = json_object_new ();
  json_object_set_object_member (config, "PredefinedMetricSpecification", metric);
  json_object_set_int_member (config, "ScaleInCooldown", 60);
  json_object_set_int_member (config, "ScaleOutCooldown", 60);
  json_object_set_int_member (config, "TargetValue", percent);
  json_object_set_object_member (props, "TargetTrackingScalingPolicyConfiguration", config);
  return TRUE;
}

/* "node.ami == ami-…" / "node.machine == g4dn.xlarge" placement constraints. */
static const char *
constraint_value (const WharfNode *service,
                  const char      *name,
                  char           **out)
{
  WharfNode *constraints = wharf_ecs_lookup (service, "deploy", "placement", "constraints", NULL);

  for (guint i = 0; constraints && wharf_node_get_kind (constraints) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (constraints); i++)
    {
      const char *text = wharf_node_get_scalar (wharf_node_sequence_get (constraints, i));
      g_auto(GStrv) parts = text ? g_strsplit (text, "==", 2) : NULL;

      if (parts != NULL && parts[0] != NULL && parts[1] != NULL &&
          g_str_equal (g_strstrip (parts[0]), name))
        {
          *out = g_strdup (g_strstrip (parts[1]));
          return *out;
        }
    }
  return NULL;
}

gboolean
wharf_ecs_convert_gpu (WharfEcsConvert *ctx)
{
  g_autofree char *ami = NULL, *machine = NULL, *user_data = NULL;
  const char *instance_type;
  JsonObject *props, *data, *profile, *lt, *provider, *scaling;
  JsonArray *sgs, *roles;
  JsonNode *image;

  if (!ctx->uses_gpu)
    return TRUE;
  if (ctx->external_cluster)
    {
      g_set_error_literal (&ctx->error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_UNSUPPORTED,
                           _("GPU services need the cluster the project creates; remove x-aws-cluster"));
      return FALSE;
    }
  instance_type = constraint_value (ctx->gpu_service, "node.machine", &machine);
  if (instance_type == NULL)
    instance_type = wharf_gpu_guess_instance_type (ctx->gpu_memory_mib, ctx->gpu_cpus, ctx->gpu_count);
  if (instance_type == NULL)
    {
      g_set_error (&ctx->error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_UNSUPPORTED,
                   _("none of the Amazon EC2 G4 instance types meet the requirements for memory: %llu MiB, cpu: %g, gpus: %u"),
                   (unsigned long long) ctx->gpu_memory_mib, ctx->gpu_cpus, ctx->gpu_count);
      return FALSE;
    }
  if (constraint_value (ctx->gpu_service, "node.ami", &ami) != NULL)
    image = wharf_cfn_string (ami);
  else if (wharf_ecs_environment_get_gpu_ami (ctx->env) != NULL)
    image = wharf_cfn_string (wharf_ecs_environment_get_gpu_ami (ctx->env));
  else
    {
      JsonObject *parameter = wharf_template_add_parameter (ctx->tpl, "GpuAmi",
                                                            "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
                                                            "AMI of the GPU instances");

      json_object_set_string_member (parameter, "Default", GPU_AMI_PARAMETER);
      image = wharf_cfn_ref ("GpuAmi");
    }

  props = wharf_ecs_add_resource (ctx, "EC2InstanceRole", "AWS::IAM::Role", "the project");
  if (props == NULL)
    {
      json_node_unref (image);
      return FALSE;
    }
  json_object_set_member (props, "AssumeRolePolicyDocument", wharf_cfn_trust_policy ("ec2.amazonaws.com"));
  json_object_set_array_member (props, "ManagedPolicyArns", strings (POLICY_EC2_CONTAINER, NULL));
  json_object_set_array_member (props, "Tags", wharf_cfn_tags (ctx, NULL, NULL));

  props = wharf_ecs_add_resource (ctx, "EC2InstanceProfile", "AWS::IAM::InstanceProfile", "the project");
  roles = json_array_new ();
  json_array_add_element (roles, wharf_cfn_ref ("EC2InstanceRole"));
  json_object_set_array_member (props, "Roles", roles);

  /* A launch template: new accounts can no longer create launch
   * configurations, which Docker used. */
  props = wharf_ecs_add_resource (ctx, "LaunchTemplate", "AWS::EC2::LaunchTemplate", "the project");
  data = json_object_new ();
  profile = json_object_new ();
  json_object_set_member (profile, "Arn", wharf_cfn_get_att ("EC2InstanceProfile", "Arn"));
  json_object_set_object_member (data, "IamInstanceProfile", profile);
  json_object_set_member (data, "ImageId", image);
  json_object_set_string_member (data, "InstanceType", instance_type);
  sgs = json_array_new ();
  for (guint i = 0; i < ctx->all_sgs->len; i++)
    json_array_add_element (sgs, wharf_cfn_copy (ctx->all_sgs->pdata[i]));
  json_object_set_array_member (data, "SecurityGroupIds", sgs);
  /* The literal cluster name: Ref Cluster would close a dependency cycle
   * (cluster → capacity provider → group → launch template). */
  user_data = g_strdup_printf ("#!/bin/bash\necho ECS_CLUSTER=%s >> /etc/ecs/ecs.config\n", ctx->name);
  {
    JsonObject *base64 = json_object_new ();

    json_object_set_string_member (base64, "Fn::Base64", user_data);
    json_object_set_object_member (data, "UserData", base64);
  }
  json_object_set_object_member (props, "LaunchTemplateData", data);

  props = wharf_ecs_add_resource (ctx, "AutoscalingGroup", "AWS::AutoScaling::AutoScalingGroup", "the project");
  lt = json_object_new ();
  json_object_set_member (lt, "LaunchTemplateId", wharf_cfn_ref ("LaunchTemplate"));
  json_object_set_member (lt, "Version", wharf_cfn_get_att ("LaunchTemplate", "LatestVersionNumber"));
  json_object_set_object_member (props, "LaunchTemplate", lt);
  json_object_set_string_member (props, "MaxSize", "10");
  json_object_set_string_member (props, "MinSize", "1");
  json_object_set_member (props, "VPCZoneIdentifier", wharf_cfn_copy (ctx->subnets));

  props = wharf_ecs_add_resource (ctx, "CapacityProvider", "AWS::ECS::CapacityProvider", "the project");
  provider = json_object_new ();
  json_object_set_member (provider, "AutoScalingGroupArn", wharf_cfn_ref ("AutoscalingGroup"));
  scaling = json_object_new ();
  json_object_set_string_member (scaling, "Status", "ENABLED");
  json_object_set_int_member (scaling, "TargetCapacity", 100);
  json_object_set_object_member (provider, "ManagedScaling", scaling);
  json_object_set_string_member (provider, "ManagedTerminationProtection", "DISABLED");
  json_object_set_object_member (props, "AutoScalingGroupProvider", provider);
  json_object_set_array_member (props, "Tags", wharf_cfn_tags (ctx, NULL, NULL));

  props = wharf_template_get_properties (ctx->tpl, "Cluster");
  if (props != NULL)
    {
      JsonArray *providers = json_array_new ();

      json_array_add_element (providers, wharf_cfn_ref ("CapacityProvider"));
      json_object_set_array_member (props, "CapacityProviders", providers);
    }
  return TRUE;
}
