/* wharf-sandbox-resources.c: the resource types the sandbox knows, which
 * property changes force a replacement, realistic physical ids and
 * Fn::GetAtt values, and what creating a resource does to the account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

/* The AWS:: types an ECS deployment (Docker's integration, Copilot, CDK
 * patterns) uses. Anything else is "Unrecognized resource types". */
static const char * const known_types[] = {
  "AWS::ECS::Cluster", "AWS::ECS::Service", "AWS::ECS::TaskDefinition",
  "AWS::ECS::CapacityProvider", "AWS::ECS::ClusterCapacityProviderAssociations",
  "AWS::ECS::TaskSet", "AWS::ECS::PrimaryTaskSet",
  "AWS::Logs::LogGroup", "AWS::Logs::LogStream", "AWS::Logs::SubscriptionFilter",
  "AWS::Logs::MetricFilter",
  "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile",
  "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::AccessKey", "AWS::IAM::ServiceLinkedRole",
  "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress",
  "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::InternetGateway",
  "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::RouteTable", "AWS::EC2::Route",
  "AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::NatGateway", "AWS::EC2::EIP",
  "AWS::EC2::LaunchTemplate", "AWS::EC2::VPCEndpoint", "AWS::EC2::NetworkInterface",
  "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup",
  "AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::ListenerRule",
  "AWS::ElasticLoadBalancingV2::ListenerCertificate",
  "AWS::ServiceDiscovery::PrivateDnsNamespace", "AWS::ServiceDiscovery::PublicDnsNamespace",
  "AWS::ServiceDiscovery::HttpNamespace", "AWS::ServiceDiscovery::Service",
  "AWS::EFS::FileSystem", "AWS::EFS::MountTarget", "AWS::EFS::AccessPoint",
  "AWS::SecretsManager::Secret", "AWS::SecretsManager::SecretTargetAttachment",
  "AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy",
  "AWS::AutoScaling::AutoScalingGroup", "AWS::AutoScaling::LaunchConfiguration",
  "AWS::AutoScaling::LifecycleHook",
  "AWS::CloudWatch::Alarm", "AWS::CloudWatch::Dashboard",
  "AWS::Route53::RecordSet", "AWS::Route53::HostedZone",
  "AWS::CertificateManager::Certificate",
  "AWS::S3::Bucket", "AWS::S3::BucketPolicy", "AWS::SSM::Parameter",
  "AWS::KMS::Key", "AWS::KMS::Alias", "AWS::SNS::Topic", "AWS::SNS::Subscription",
  "AWS::SQS::Queue", "AWS::Events::Rule", "AWS::ECR::Repository",
  "AWS::Lambda::Function", "AWS::Lambda::Permission",
  "AWS::CloudFormation::WaitConditionHandle", "AWS::CloudFormation::WaitCondition",
  "AWS::CloudFormation::CustomResource",
};

gboolean
sbx_resource_type_known (const char *type)
{
  if (g_str_has_prefix (type, "Custom::") && strlen (type) > 8)
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (known_types); i++)
    if (g_str_equal (known_types[i], type))
      return TRUE;
  return FALSE;
}

typedef struct {
  const char     *type;
  const char     *property;   /* "*": every property but Tags */
  SbxReplacement  replacement;
} ReplacementRule;

/* From the "Update requires" lines of the CloudFormation resource reference. */
static const ReplacementRule rules[] = {
  { "AWS::ECS::TaskDefinition", "*", SBX_REPLACE_ALWAYS },
  { "AWS::ECS::Cluster", "ClusterName", SBX_REPLACE_ALWAYS },
  { "AWS::ECS::Service", "ServiceName", SBX_REPLACE_ALWAYS },
  { "AWS::ECS::Service", "Cluster", SBX_REPLACE_ALWAYS },
  { "AWS::ECS::Service", "LaunchType", SBX_REPLACE_ALWAYS },
  { "AWS::ECS::Service", "Role", SBX_REPLACE_ALWAYS },
  { "AWS::ECS::Service", "SchedulingStrategy", SBX_REPLACE_ALWAYS },
  { "AWS::ECS::Service", "ServiceRegistries", SBX_REPLACE_ALWAYS },
  { "AWS::ECS::Service", "LoadBalancers", SBX_REPLACE_CONDITIONAL },
  { "AWS::Logs::LogGroup", "LogGroupName", SBX_REPLACE_ALWAYS },
  { "AWS::IAM::Role", "RoleName", SBX_REPLACE_ALWAYS },
  { "AWS::IAM::Role", "Path", SBX_REPLACE_ALWAYS },
  { "AWS::EC2::SecurityGroup", "GroupDescription", SBX_REPLACE_ALWAYS },
  { "AWS::EC2::SecurityGroup", "GroupName", SBX_REPLACE_ALWAYS },
  { "AWS::EC2::SecurityGroup", "VpcId", SBX_REPLACE_ALWAYS },
  { "AWS::EC2::SecurityGroupIngress", "*", SBX_REPLACE_ALWAYS },
  { "AWS::EC2::SecurityGroupEgress", "*", SBX_REPLACE_ALWAYS },
  { "AWS::ElasticLoadBalancingV2::LoadBalancer", "Name", SBX_REPLACE_ALWAYS },
  { "AWS::ElasticLoadBalancingV2::LoadBalancer", "Scheme", SBX_REPLACE_ALWAYS },
  { "AWS::ElasticLoadBalancingV2::LoadBalancer", "Type", SBX_REPLACE_ALWAYS },
  { "AWS::ElasticLoadBalancingV2::LoadBalancer", "Subnets", SBX_REPLACE_CONDITIONAL },
  { "AWS::ElasticLoadBalancingV2::LoadBalancer", "SubnetMappings", SBX_REPLACE_CONDITIONAL },
  { "AWS::ElasticLoadBalancingV2::TargetGroup", "Name", SBX_REPLACE_ALWAYS },
  { "AWS::ElasticLoadBalancingV2::TargetGroup", "Port", SBX_REPLACE_ALWAYS },
  { "AWS::ElasticLoadBalancingV2::TargetGroup", "Protocol", SBX_REPLACE_ALWAYS },
  { "AWS::ElasticLoadBalancingV2::TargetGroup", "TargetType", SBX_REPLACE_ALWAYS },
  { "AWS::ElasticLoadBalancingV2::TargetGroup", "VpcId", SBX_REPLACE_ALWAYS },
  { "AWS::ElasticLoadBalancingV2::Listener", "LoadBalancerArn", SBX_REPLACE_ALWAYS },
  { "AWS::ServiceDiscovery::PrivateDnsNamespace", "Name", SBX_REPLACE_ALWAYS },
  { "AWS::ServiceDiscovery::PrivateDnsNamespace", "Vpc", SBX_REPLACE_ALWAYS },
  { "AWS::ServiceDiscovery::Service", "Name", SBX_REPLACE_ALWAYS },
  { "AWS::ServiceDiscovery::Service", "NamespaceId", SBX_REPLACE_ALWAYS },
  { "AWS::EFS::FileSystem", "Encrypted", SBX_REPLACE_ALWAYS },
  { "AWS::EFS::FileSystem", "KmsKeyId", SBX_REPLACE_ALWAYS },
  { "AWS::EFS::FileSystem", "PerformanceMode", SBX_REPLACE_ALWAYS },
  { "AWS::EFS::FileSystem", "AvailabilityZoneName", SBX_REPLACE_ALWAYS },
  { "AWS::EFS::MountTarget", "FileSystemId", SBX_REPLACE_ALWAYS },
  { "AWS::EFS::MountTarget", "SubnetId", SBX_REPLACE_ALWAYS },
  { "AWS::EFS::MountTarget", "IpAddress", SBX_REPLACE_ALWAYS },
  { "AWS::EFS::AccessPoint", "*", SBX_REPLACE_ALWAYS },
  { "AWS::SecretsManager::Secret", "Name", SBX_REPLACE_ALWAYS },
  { "AWS::ApplicationAutoScaling::ScalableTarget", "ResourceId", SBX_REPLACE_ALWAYS },
  { "AWS::ApplicationAutoScaling::ScalableTarget", "ScalableDimension", SBX_REPLACE_ALWAYS },
  { "AWS::ApplicationAutoScaling::ScalableTarget", "ServiceNamespace", SBX_REPLACE_ALWAYS },
  { "AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", SBX_REPLACE_ALWAYS },
  { "AWS::AutoScaling::LaunchConfiguration", "*", SBX_REPLACE_ALWAYS },
};

SbxReplacement
sbx_property_replacement (const char *type,
                          const char *property)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_str_equal (rules[i].type, type) &&
        (g_str_equal (rules[i].property, property) ||
         (g_str_equal (rules[i].property, "*") && !g_str_equal (property, "Tags"))))
      return rules[i].replacement;
  return SBX_REPLACE_NEVER;
}

static const char *
prop (SbxResource *res, const char *name)
{
  JsonNode *node;

  if (res->properties == NULL || !JSON_NODE_HOLDS_OBJECT (res->properties))
    return NULL;
  node = json_object_get_member (json_node_get_object (res->properties), name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
attr (SbxResource *res, const char *name, const char *value)
{
  g_hash_table_replace (res->attributes, g_strdup (name), g_strdup (value));
}

/* "demo-WebService-1A2B3C4D5E6F", as CloudFormation names things. */
static char *
generated_name (SbxState *state, SbxStack *stack, SbxResource *res, gsize max)
{
  g_autofree char *suffix = sbx_random_alnum (state, 12);
  g_autofree char *head = g_strdup_printf ("%s-%s", stack->name, res->logical_id);

  if (max > 0 && strlen (head) + 13 > max)
    head[max > 13 ? max - 13 : 0] = '\0';
  return g_strdup_printf ("%s-%s", head, suffix);
}

/* Cluster name from a name or ARN ("default" when unset). */
static char *
cluster_name (const char *value)
{
  const char *slash = value ? strrchr (value, '/') : NULL;

  if (value == NULL)
    return g_strdup ("default");
  return g_strdup (slash ? slash + 1 : value);
}

void
sbx_resource_provision (SbxState    *state,
                        SbxStack    *stack,
                        SbxResource *res)
{
  const char *t = res->type;
  const char *r = state->region, *a = state->account_id;
  g_autofree char *id = NULL;
  g_autofree char *arn = NULL;
  g_autofree char *hex = sbx_random_hex (state, 17);

  g_clear_pointer (&res->physical_id, g_free);
  g_hash_table_remove_all (res->attributes);

  if (g_str_equal (t, "AWS::ECS::Cluster") || g_str_equal (t, "AWS::ECS::CapacityProvider"))
    {
      id = prop (res, g_str_equal (t, "AWS::ECS::Cluster") ? "ClusterName" : "Name")
           ? g_strdup (prop (res, g_str_equal (t, "AWS::ECS::Cluster") ? "ClusterName" : "Name"))
           : generated_name (state, stack, res, 255);
      arn = g_strdup_printf ("arn:aws:ecs:%s:%s:%s/%s", r, a,
                             g_str_equal (t, "AWS::ECS::Cluster") ? "cluster" : "capacity-provider", id);
      attr (res, "Arn", arn);
    }
  else if (g_str_equal (t, "AWS::ECS::TaskDefinition"))
    {
      g_autofree char *family = prop (res, "Family") ? g_strdup (prop (res, "Family"))
                                                      : generated_name (state, stack, res, 255);
      int revision = 1;

      for (guint i = 0; i < state->task_definitions->len; i++)
        {
          SbxTaskDef *td = g_ptr_array_index (state->task_definitions, i);

          if (g_str_equal (td->family, family))
            revision = MAX (revision, td->revision + 1);
        }
      id = g_strdup_printf ("arn:aws:ecs:%s:%s:task-definition/%s:%d", r, a, family, revision);
      attr (res, "TaskDefinitionArn", id);
    }
  else if (g_str_equal (t, "AWS::ECS::Service"))
    {
      g_autofree char *name = prop (res, "ServiceName") ? g_strdup (prop (res, "ServiceName"))
                                                         : generated_name (state, stack, res, 255);
      g_autofree char *cluster = cluster_name (prop (res, "Cluster"));

      id = g_strdup_printf ("arn:aws:ecs:%s:%s:service/%s/%s", r, a, cluster, name);
      attr (res, "Name", name);
      attr (res, "ServiceArn", id);
    }
  else if (g_str_equal (t, "AWS::Logs::LogGroup"))
    {
      id = prop (res, "LogGroupName") ? g_strdup (prop (res, "LogGroupName"))
                                      : generated_name (state, stack, res, 512);
      arn = g_strdup_printf ("arn:aws:logs:%s:%s:log-group:%s:*", r, a, id);
      attr (res, "Arn", arn);
    }
  else if (g_str_has_prefix (t, "AWS::IAM::"))
    {
      const char *kind = g_str_equal (t, "AWS::IAM::Role") ? "role"
                         : g_str_equal (t, "AWS::IAM::ManagedPolicy") ? "policy"
                         : g_str_equal (t, "AWS::IAM::InstanceProfile") ? "instance-profile"
                         : g_str_equal (t, "AWS::IAM::User") ? "user" : "group";
      const char *named = prop (res, "RoleName") ? prop (res, "RoleName")
                          : prop (res, "ManagedPolicyName") ? prop (res, "ManagedPolicyName")
                          : prop (res, "InstanceProfileName");
      g_autofree char *name = named ? g_strdup (named) : generated_name (state, stack, res, 64);
      g_autofree char *role_id = sbx_random_alnum (state, 17);

      arn = g_strdup_printf ("arn:aws:iam::%s:%s/%s", a, kind, name);
      id = g_str_equal (kind, "policy") ? g_strdup (arn) : g_strdup (name);
      attr (res, "Arn", arn);
      if (g_str_equal (kind, "role"))
        {
          g_autofree char *rid = g_strconcat ("AROA", role_id, NULL);
          attr (res, "RoleId", rid);
        }
    }
  else if (g_str_equal (t, "AWS::EC2::SecurityGroup"))
    {
      SbxVpc *vpc = sbx_state_default_vpc (state);

      id = g_strdup_printf ("sg-%s", hex);
      attr (res, "GroupId", id);
      attr (res, "VpcId", prop (res, "VpcId") ? prop (res, "VpcId") : vpc ? vpc->id : "");
    }
  else if (g_str_equal (t, "AWS::ElasticLoadBalancingV2::LoadBalancer"))
    {
      gboolean network = g_strcmp0 (prop (res, "Type"), "network") == 0;
      gboolean internal = g_strcmp0 (prop (res, "Scheme"), "internal") == 0;
      g_autofree char *suffix = sbx_random_alnum (state, 13);
      g_autofree char *name = prop (res, "Name") ? g_strdup (prop (res, "Name"))
        : g_strdup_printf ("%.4s-%.5s-%s", stack->name, res->logical_id, suffix);
      g_autofree char *lbhex = sbx_random_hex (state, 16);
      g_autofree char *digits = g_strdup_printf ("%u", g_rand_int_range (state->rand, 100000000, 2000000000));
      g_autofree char *dns = network
        ? g_strdup_printf ("%s%s-%s.elb.%s.amazonaws.com", internal ? "internal-" : "", name, lbhex, r)
        : g_strdup_printf ("%s%s-%s.%s.elb.amazonaws.com", internal ? "internal-" : "", name, digits, r);
      g_autofree char *full = g_strdup_printf ("%s/%s/%s", network ? "net" : "app", name, lbhex);

      id = g_strdup_printf ("arn:aws:elasticloadbalancing:%s:%s:loadbalancer/%s", r, a, full);
      attr (res, "DNSName", dns);
      attr (res, "LoadBalancerFullName", full);
      attr (res, "LoadBalancerName", name);
      attr (res, "LoadBalancerArn", id);
      attr (res, "CanonicalHostedZoneID", network ? "Z26RNL4JYFTOTI" : "Z35SXDOTRQ7X7K");
    }
  else if (g_str_equal (t, "AWS::ElasticLoadBalancingV2::TargetGroup"))
    {
      g_autofree char *suffix = sbx_random_alnum (state, 12);
      g_autofree char *name = prop (res, "Name") ? g_strdup (prop (res, "Name"))
        : g_strdup_printf ("%.4s-%.9s-%s", stack->name, res->logical_id, suffix);
      g_autofree char *tghex = sbx_random_hex (state, 16);
      g_autofree char *full = g_strdup_printf ("targetgroup/%s/%s", name, tghex);

      id = g_strdup_printf ("arn:aws:elasticloadbalancing:%s:%s:%s", r, a, full);
      attr (res, "TargetGroupFullName", full);
      attr (res, "TargetGroupName", name);
      attr (res, "TargetGroupArn", id);
    }
  else if (g_str_equal (t, "AWS::ElasticLoadBalancingV2::Listener") ||
           g_str_equal (t, "AWS::ElasticLoadBalancingV2::ListenerRule"))
    {
      const char *lb = prop (res, "LoadBalancerArn") ? prop (res, "LoadBalancerArn") : prop (res, "ListenerArn");
      const char *tail = lb && strstr (lb, "/app/") ? strstr (lb, "/app/") + 1
                         : lb && strstr (lb, "/net/") ? strstr (lb, "/net/") + 1 : "app/unknown/0";
      g_autofree char *lhex = sbx_random_hex (state, 16);

      id = g_strdup_printf ("arn:aws:elasticloadbalancing:%s:%s:%s/%s/%s", r, a,
                            g_str_has_suffix (t, "Rule") ? "listener-rule" : "listener", tail, lhex);
      attr (res, g_str_has_suffix (t, "Rule") ? "RuleArn" : "ListenerArn", id);
    }
  else if (g_str_has_prefix (t, "AWS::ServiceDiscovery::"))
    {
      gboolean service = g_str_equal (t, "AWS::ServiceDiscovery::Service");
      g_autofree char *lower = g_ascii_strdown (hex, 16);
      g_autofree char *zone = sbx_random_alnum (state, 14);

      id = g_strdup_printf ("%s-%s", service ? "srv" : "ns", lower);
      arn = g_strdup_printf ("arn:aws:servicediscovery:%s:%s:%s/%s", r, a, service ? "service" : "namespace", id);
      attr (res, "Id", id);
      attr (res, "Arn", arn);
      if (service)
        attr (res, "Name", prop (res, "Name") ? prop (res, "Name") : res->logical_id);
      else
        {
          g_autofree char *zid = g_strconcat ("Z", zone, NULL);
          attr (res, "HostedZoneId", zid);
        }
    }
  else if (g_str_equal (t, "AWS::EFS::FileSystem") || g_str_equal (t, "AWS::EFS::AccessPoint"))
    {
      gboolean fs = g_str_equal (t, "AWS::EFS::FileSystem");

      id = g_strdup_printf ("%s-%s", fs ? "fs" : "fsap", hex);
      arn = g_strdup_printf ("arn:aws:elasticfilesystem:%s:%s:%s/%s", r, a, fs ? "file-system" : "access-point", id);
      attr (res, fs ? "FileSystemId" : "AccessPointId", id);
      attr (res, "Arn", arn);
    }
  else if (g_str_equal (t, "AWS::EFS::MountTarget"))
    {
      g_autofree char *ip = g_strdup_printf ("172.31.%d.%d", g_rand_int_range (state->rand, 0, 32),
                                             g_rand_int_range (state->rand, 4, 250));

      id = g_strdup_printf ("fsmt-%s", hex);
      attr (res, "Id", id);
      attr (res, "IpAddress", ip);
    }
  else if (g_str_equal (t, "AWS::SecretsManager::Secret"))
    {
      g_autofree char *name = prop (res, "Name") ? g_strdup (prop (res, "Name"))
                                                 : generated_name (state, stack, res, 512);
      g_autofree char *six = sbx_random_alnum (state, 6);

      id = g_strdup_printf ("arn:aws:secretsmanager:%s:%s:secret:%s-%s", r, a, name, six);
      attr (res, "Id", id);
    }
  else if (g_str_equal (t, "AWS::ApplicationAutoScaling::ScalableTarget"))
    id = g_strdup_printf ("%s|%s|%s", prop (res, "ResourceId") ? prop (res, "ResourceId") : "service/default/unknown",
                          prop (res, "ScalableDimension") ? prop (res, "ScalableDimension") : "ecs:service:DesiredCount",
                          prop (res, "ServiceNamespace") ? prop (res, "ServiceNamespace") : "ecs");
  else if (g_str_equal (t, "AWS::ApplicationAutoScaling::ScalingPolicy"))
    {
      g_autofree char *uuid = sbx_uuid (state);

      id = g_strdup_printf ("arn:aws:autoscaling:%s:%s:scalingPolicy:%s:resource/ecs/%s:policyName/%s",
                            r, a, uuid, res->logical_id, prop (res, "PolicyName") ? prop (res, "PolicyName") : res->logical_id);
    }
  else if (g_str_equal (t, "AWS::Route53::RecordSet"))
    id = g_strdup (prop (res, "Name") ? prop (res, "Name") : res->logical_id);
  else if (g_str_equal (t, "AWS::EC2::SecurityGroupIngress") || g_str_equal (t, "AWS::EC2::SecurityGroupEgress"))
    id = g_strdup_printf ("sgr-%s", hex);
  else if (g_str_equal (t, "AWS::AutoScaling::AutoScalingGroup"))
    id = prop (res, "AutoScalingGroupName") ? g_strdup (prop (res, "AutoScalingGroupName"))
                                            : generated_name (state, stack, res, 255);
  else
    {
      id = generated_name (state, stack, res, 255);
      arn = g_strdup_printf ("arn:aws:%s:%s:%s:%s", "cloudformation", r, a, id);
      attr (res, "Arn", arn);
    }
  res->physical_id = g_steal_pointer (&id);
}

const char *
sbx_fault_for_resource (SbxState    *state,
                        SbxResource *res)
{
  for (guint i = 0; i < state->faults.resources->len; i++)
    {
      SbxResourceFault *f = g_ptr_array_index (state->faults.resources, i);

      if ((f->logical_id == NULL || g_strcmp0 (f->logical_id, res->logical_id) == 0) &&
          (f->type == NULL || g_strcmp0 (f->type, res->type) == 0))
        return f->reason ? f->reason : "Resource handler returned message: \"Internal Failure\"";
    }
  return NULL;
}
