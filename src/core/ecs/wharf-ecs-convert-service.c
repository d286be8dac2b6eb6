/* wharf-ecs-convert-service.c: one Compose service → IAM roles, Cloud Map
 * entry, target groups and listeners, ingress rules and the ECS service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-ecs-convert-private.h"

#define POLICY_EXECUTION "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
#define POLICY_ECR_READ  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"

static JsonNode *
policy_document (JsonArray *statements)
{
  JsonObject *doc = json_object_new ();

  json_object_set_array_member (doc, "Statement", statements);
  json_object_set_string_member (doc, "Version", "2012-10-17");
  return wharf_cfn_object (doc);
}

static void
add_inline_policy (JsonObject *props,
                   const char *name,
                   JsonNode   *document)
{
  JsonObject *policy = json_object_new ();

  if (!json_object_has_member (props, "Policies"))
    json_object_set_array_member (props, "Policies", json_array_new ());
  json_object_set_member (policy, "PolicyDocument", document);
  json_object_set_string_member (policy, "PolicyName", name);
  json_array_add_object_element (json_object_get_array_member (props, "Policies"), policy);
}

/* IAM needs ARNs: a secret given by name becomes the ARN pattern of that
 * name (Secrets Manager appends 6 random characters). */
static JsonNode *
secret_resource (JsonNode *arn)
{
  g_autofree char *format = NULL;
  const char *name;

  if (!JSON_NODE_HOLDS_VALUE (arn) || g_str_has_prefix (json_node_get_string (arn), "arn:"))
    return wharf_cfn_copy (arn);
  name = json_node_get_string (arn);
  format = g_strdup_printf ("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:%s-??????",
                            name);
  return wharf_cfn_sub (format);
}

/* ARNs the execution role must read: the service's secrets and the
 * repository credentials. */
static JsonArray *
secret_arns (WharfEcsConvert *ctx,
             const WharfNode *service)
{
  WharfNode *secrets = wharf_ecs_lookup (service, "secrets", NULL);
  const char *pull = wharf_ecs_lookup_string (service, "x-aws-pull_credentials");
  JsonArray *arns = json_array_new ();

  for (guint i = 0; secrets && wharf_node_get_kind (secrets) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (secrets); i++)
    {
      const char *source = wharf_ecs_lookup_string (wharf_node_sequence_get (secrets, i), "source");
      JsonNode *arn = source ? g_hash_table_lookup (ctx->secret_arn, source) : NULL;

      if (arn != NULL)
        json_array_add_element (arns, secret_resource (arn));
    }
  if (pull != NULL)
    {
      g_autoptr(JsonNode) node = wharf_cfn_string (pull);

      json_array_add_element (arns, secret_resource (node));
    }
  return arns;
}

static gboolean
convert_execution_role (WharfEcsConvert *ctx,
                        const char      *name,
                        const WharfNode *service,
                        const char      *norm,
                        const char      *owner)
{
  g_autofree char *id = g_strconcat (norm, "TaskExecutionRole", NULL);
  JsonObject *props = wharf_ecs_add_resource (ctx, id, "AWS::IAM::Role", owner);
  JsonArray *managed;
  JsonArray *arns;

  if (props == NULL)
    return FALSE;
  json_object_set_member (props, "AssumeRolePolicyDocument", wharf_cfn_trust_policy ("ecs-tasks.amazonaws.com"));
  managed = json_array_new ();
  json_array_add_string_element (managed, POLICY_EXECUTION);
  json_array_add_string_element (managed, POLICY_ECR_READ);
  json_object_set_array_member (props, "ManagedPolicyArns", managed);
  json_object_set_array_member (props, "Tags", wharf_cfn_tags (ctx, WHARF_TAG_SERVICE, name));

  arns = secret_arns (ctx, service);
  if (json_array_get_length (arns) > 0)
    {
      JsonArray *statements = json_array_new ();
      JsonObject *statement = json_object_new ();
      JsonArray *actions = json_array_new ();
      g_autofree char *policy_name = g_strconcat (name, "GrantAccessToSecrets", NULL);

      json_array_add_string_element (actions, "secretsmanager:GetSecretValue");
      json_array_add_string_element (actions, "ssm:GetParameters");
      json_array_add_string_element (actions, "kms:Decrypt");
      json_object_set_array_member (statement, "Action", actions);
      json_object_set_string_member (statement, "Effect", "Allow");
      json_object_set_array_member (statement, "Resource", arns);
      json_array_add_object_element (statements, statement);
      add_inline_policy (props, policy_name, policy_document (statements));
    }
  else
    json_array_unref (arns);
  return TRUE;
}

static JsonNode *
file_system_arn (JsonNode *fs)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (fs) ? json_node_get_object (fs) : NULL;
  g_autofree char *format = NULL;

  if (object != NULL && json_object_has_member (object, "Ref"))
    return wharf_cfn_get_att (json_object_get_string_member (object, "Ref"), "Arn");
  format = g_strdup_printf ("arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/%s",
                            json_node_get_string (fs));
  return wharf_cfn_sub (format);
}

static gboolean
service_has_volumes (const WharfNode *service)
{
  WharfNode *volumes = wharf_ecs_lookup (service, "volumes", NULL);

  return volumes != NULL && wharf_node_get_kind (volumes) == WHARF_NODE_SEQUENCE &&
         wharf_node_sequence_size (volumes) > 0;
}

static gboolean
convert_task_role (WharfEcsConvert *ctx,
                   const char      *name,
                   const WharfNode *service,
                   const char      *norm,
                   const char      *owner)
{
  WharfNode *role = wharf_ecs_lookup (service, "x-aws-role", NULL);
  WharfNode *policies = wharf_ecs_lookup (service, "x-aws-policies", NULL);
  WharfNode *volumes = wharf_ecs_lookup (service, "volumes", NULL);
  g_autofree char *id = g_strconcat (norm, "TaskRole", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *props = wharf_ecs_add_resource (ctx, id, "AWS::IAM::Role", owner);

  if (props == NULL)
    return FALSE;
  json_object_set_member (props, "AssumeRolePolicyDocument", wharf_cfn_trust_policy ("ecs-tasks.amazonaws.com"));
  json_object_set_array_member (props, "Tags", wharf_cfn_tags (ctx, WHARF_TAG_SERVICE, name));
  if (role != NULL)
    {
      g_autofree char *policy_name = g_strconcat (norm, "Policy", NULL);

      add_inline_policy (props, policy_name, wharf_ecs_node_to_json (role));
    }
  if (policies != NULL)
    json_object_set_member (props, "ManagedPolicyArns", wharf_ecs_node_to_json (policies));

  for (guint i = 0; volumes && i < wharf_node_sequence_size (volumes); i++)
    {
      const char *source = wharf_ecs_lookup_string (wharf_node_sequence_get (volumes, i), "source");
      JsonNode *fs = source ? g_hash_table_lookup (ctx->volume_fs, source) : NULL;
      g_autofree char *vol_norm = NULL, *policy_name = NULL, *ap = NULL;
      JsonArray *statements, *actions;
      JsonObject *statement, *condition, *equals;

      if (fs == NULL || g_hash_table_contains (seen, source))
        continue;
      g_hash_table_add (seen, (gpointer) source);
      vol_norm = wharf_ecs_normalize_name (source);
      policy_name = g_strconcat (norm, vol_norm, "VolumeMountPolicy", NULL);
      ap = g_strconcat (vol_norm, "AccessPoint", NULL);
      actions = json_array_new ();
      json_array_add_string_element (actions, "elasticfilesystem:ClientMount");
      json_array_add_string_element (actions, "elasticfilesystem:ClientWrite");
      json_array_add_string_element (actions, "elasticfilesystem:ClientRootAccess");
      equals = json_object_new ();
      json_object_set_member (equals, "elasticfilesystem:AccessPointArn", wharf_cfn_get_att (ap, "Arn"));
      condition = json_object_new ();
      json_object_set_object_member (condition, "StringEquals", equals);
      statement = json_object_new ();
      json_object_set_array_member (statement, "Action", actions);
      json_object_set_object_member (statement, "Condition", condition);
      json_object_set_string_member (statement, "Effect", "Allow");
      json_object_set_member (statement, "Resource", file_system_arn (fs));
      statements = json_array_new ();
      json_array_add_object_element (statements, statement);
      add_inline_policy (props, policy_name, policy_document (statements));
    }
  return TRUE;
}

static gboolean
convert_discovery (WharfEcsConvert *ctx,
                   const char      *name,
                   const char      *norm,
                   const char      *owner)
{
  g_autofree char *id = g_strconcat (norm, "ServiceDiscoveryEntry", NULL);
  g_autofree char *description = g_strdup_printf ("\"%s\" service discovery entry in Cloud Map", name);
  JsonObject *props = wharf_ecs_add_resource (ctx, id, "AWS::ServiceDiscovery::Service", owner);
  JsonObject *dns, *record, *health;
  JsonArray *records;

  if (props == NULL)
    return FALSE;
  record = json_object_new ();
  json_object_set_int_member (record, "TTL", 60);
  json_object_set_string_member (record, "Type", "A");
  records = json_array_new ();
  json_array_add_object_element (records, record);
  dns = json_object_new ();
  json_object_set_array_member (dns, "DnsRecords", records);
  json_object_set_string_member (dns, "RoutingPolicy", "MULTIVALUE");
  health = json_object_new ();
  json_object_set_int_member (health, "FailureThreshold", 1);
  json_object_set_string_member (props, "Description", description);
  json_object_set_object_member (props, "DnsConfig", dns);
  json_object_set_object_member (props, "HealthCheckCustomConfig", health);
  json_object_set_string_member (props, "Name", name);
  json_object_set_member (props, "NamespaceId", wharf_cfn_ref ("CloudMap"));
  return TRUE;
}

static void
deployment_configuration (const WharfNode *service,
                          JsonObject      *props)
{
  WharfNode *update = wharf_ecs_lookup (service, "deploy", "update_config", NULL);
  JsonObject *config = json_object_new ();
  gint64 replicas = 1, parallelism = 0, min = 100, max = 200, value;
  gboolean have_min, have_max;

  wharf_node_get_int64 (wharf_ecs_lookup (service, "deploy", "replicas", NULL), &replicas);
  have_min = wharf_node_get_int64 (wharf_ecs_lookup (update, "x-aws-min_percent", NULL), &value);
  if (have_min)
    min = value;
  have_max = wharf_node_get_int64 (wharf_ecs_lookup (update, "x-aws-max_percent", NULL), &value);
  if (have_max)
    max = value;
  if (wharf_node_get_int64 (wharf_ecs_lookup (update, "parallelism", NULL), &parallelism) &&
      parallelism > 0 && replicas > 0 && replicas >= parallelism)
    {
      if (!have_min)
        min = (replicas - parallelism) * 100 / replicas;
      if (!have_max)
        max = (replicas + parallelism) * 100 / replicas;
    }
  json_object_set_int_member (config, "MaximumPercent", max);
  json_object_set_int_member (config, "MinimumHealthyPercent", min);
  json_object_set_object_member (props, "DeploymentConfiguration", config);
}

static gboolean
convert_ecs_service (WharfEcsConvert *ctx,
                     const char      *name,
                     const WharfNode *service,
                     const char      *norm,
                     const char      *owner,
                     gboolean         ec2)
{
  g_autofree char *id = g_strconcat (norm, "Service", NULL);
  g_autofree char *task = g_strconcat (norm, "TaskDefinition", NULL);
  g_autofree char *discovery = g_strconcat (norm, "ServiceDiscoveryEntry", NULL);
  g_autoptr(GPtrArray) networks = wharf_ecs_service_networks (service);
  WharfNode *ports = wharf_ecs_lookup (service, "ports", NULL);
  WharfNode *depends = wharf_ecs_lookup (service, "depends_on", NULL);
  WharfNode *volumes = wharf_ecs_lookup (service, "volumes", NULL);
  JsonObject *props = wharf_ecs_add_resource (ctx, id, "AWS::ECS::Service", owner);
  JsonObject *controller, *network, *awsvpc, *registry;
  JsonArray *sgs, *registries, *load_balancers;
  gint64 replicas = 1;

  if (props == NULL)
    return FALSE;
  json_object_set_member (props, "Cluster", wharf_cfn_copy (ctx->cluster));
  deployment_configuration (service, props);
  controller = json_object_new ();
  json_object_set_string_member (controller, "Type", "ECS");
  json_object_set_object_member (props, "DeploymentController", controller);
  wharf_node_get_int64 (wharf_ecs_lookup (service, "deploy", "replicas", NULL), &replicas);
  json_object_set_int_member (props, "DesiredCount", replicas);
  if (ec2)
    {
      JsonArray *strategy = json_array_new ();
      JsonObject *item = json_object_new ();

      json_object_set_member (item, "CapacityProvider", wharf_cfn_ref ("CapacityProvider"));
      json_object_set_int_member (item, "Weight", 1);
      json_array_add_object_element (strategy, item);
      json_object_set_array_member (props, "CapacityProviderStrategy", strategy);
    }
  else
    {
      json_object_set_string_member (props, "LaunchType", "FARGATE");
      json_object_set_string_member (props, "PlatformVersion", "1.4.0");
    }

  sgs = json_array_new ();
  for (guint i = 0; i < networks->len; i++)
    {
      JsonNode *sg = g_hash_table_lookup (ctx->network_sg, networks->pdata[i]);

      if (sg != NULL)
        json_array_add_element (sgs, wharf_cfn_copy (sg));
    }
  awsvpc = json_object_new ();
  json_object_set_string_member (awsvpc, "AssignPublicIp", ec2 ? "DISABLED" : "ENABLED");
  json_object_set_array_member (awsvpc, "SecurityGroups", sgs);
  json_object_set_member (awsvpc, "Subnets", wharf_cfn_copy (ctx->subnets));
  network = json_object_new ();
  json_object_set_object_member (network, "AwsvpcConfiguration", awsvpc);
  json_object_set_object_member (props, "NetworkConfiguration", network);
  json_object_set_string_member (props, "PropagateTags", "SERVICE");
  json_object_set_string_member (props, "SchedulingStrategy", "REPLICA");
  registry = json_object_new ();
  json_object_set_member (registry, "RegistryArn", wharf_cfn_get_att (discovery, "Arn"));
  registries = json_array_new ();
  json_array_add_object_element (registries, registry);
  json_object_set_array_member (props, "ServiceRegistries", registries);
  json_object_set_array_member (props, "Tags", wharf_cfn_tags (ctx, WHARF_TAG_SERVICE, name));
  json_object_set_member (props, "TaskDefinition", wharf_cfn_ref (task));

  load_balancers = json_array_new ();
  for (guint i = 0; ports && wharf_node_get_kind (ports) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (ports); i++)
    if (!wharf_ecs_convert_port (ctx, name, service, norm, owner, wharf_node_sequence_get (ports, i),
                       id, load_balancers))
      {
        json_array_unref (load_balancers);
        return FALSE;
      }
  if (json_array_get_length (load_balancers) > 0)
    json_object_set_array_member (props, "LoadBalancers", load_balancers);
  else
    json_array_unref (load_balancers);

  for (guint i = 0; depends && wharf_node_get_kind (depends) == WHARF_NODE_MAPPING &&
                    i < wharf_node_mapping_size (depends); i++)
    {
      g_autofree char *dep_norm = wharf_ecs_normalize_name (wharf_node_mapping_get_key (depends, i));
      g_autofree char *dep = g_strconcat (dep_norm, "Service", NULL);

      wharf_ecs_add_depends_on (ctx, id, dep);
    }
  for (guint i = 0; volumes && wharf_node_get_kind (volumes) == WHARF_NODE_SEQUENCE &&
                    i < wharf_node_sequence_size (volumes); i++)
    {
      const char *source = wharf_ecs_lookup_string (wharf_node_sequence_get (volumes, i), "source");
      g_autofree char *vol_norm = source ? wharf_ecs_normalize_name (source) : NULL;

      for (guint s = 0; source && s < ctx->mount_suffixes->len; s++)
        {
          g_autofree char *mt = g_strdup_printf ("%sNFSMountTargetOn%s", vol_norm,
                                                 (char *) ctx->mount_suffixes->pdata[s]);
          wharf_ecs_add_depends_on (ctx, id, mt);
        }
    }
  return TRUE;
}

gboolean
wharf_ecs_convert_service (WharfEcsConvert *ctx,
                           const char      *name,
                           const WharfNode *service)
{
  g_autofree char *norm = wharf_ecs_normalize_name (name);
  g_autofree char *owner = g_strdup_printf (_("service “%s”"), name);
  g_autofree char *task_id = g_strconcat (norm, "TaskDefinition", NULL);
  gboolean ec2 = wharf_ecs_service_gpus (service) > 0;
  gboolean has_task_role;
  JsonObject *props;
  JsonNode *definition;

  has_task_role = wharf_ecs_lookup (service, "x-aws-role", NULL) != NULL ||
                  wharf_ecs_lookup (service, "x-aws-policies", NULL) != NULL ||
                  service_has_volumes (service);
  if (!convert_execution_role (ctx, name, service, norm, owner))
    return FALSE;
  if (has_task_role && !convert_task_role (ctx, name, service, norm, owner))
    return FALSE;

  props = wharf_ecs_add_resource (ctx, task_id, "AWS::ECS::TaskDefinition", owner);
  if (props == NULL)
    return FALSE;
  definition = wharf_ecs_task_definition (ctx, name, service, norm, has_task_role);
  if (definition == NULL)
    return FALSE;
  json_object_set_member (wharf_template_get_resource (ctx->tpl, task_id), "Properties", definition);

  if (ec2 && !ctx->uses_gpu)
    ctx->gpu_service = service;
  if (ec2)
    {
      double cpus;
      guint64 memory;

      ctx->uses_gpu = TRUE;
      wharf_ecs_service_resources (service, &cpus, &memory);
      ctx->gpu_cpus = MAX (ctx->gpu_cpus, cpus);
      ctx->gpu_memory_mib = MAX (ctx->gpu_memory_mib, memory / (1024 * 1024));
      ctx->gpu_count = MAX (ctx->gpu_count, wharf_ecs_service_gpus (service));
    }

  return convert_discovery (ctx, name, norm, owner) &&
         convert_ecs_service (ctx, name, service, norm, owner, ec2) &&
         wharf_ecs_convert_autoscaling (ctx, name, service, norm);
}
