/* wharf-sandbox-world.c: what stack resources do to the account: ECS
 * clusters, task definitions and services, log groups, file systems,
 * secrets, load balancers, security groups, Auto Scaling groups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

static const char *
prop (SbxResource *res, const char *name)
{
  JsonNode *node;

  if (res->properties == NULL || !JSON_NODE_HOLDS_OBJECT (res->properties))
    return NULL;
  node = json_object_get_member (json_node_get_object (res->properties), name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return json_node_get_string (node);
}

static gint64
prop_int (SbxResource *res, const char *name, gint64 fallback)
{
  JsonNode *node;

  if (res->properties == NULL || !JSON_NODE_HOLDS_OBJECT (res->properties))
    return fallback;
  node = json_object_get_member (json_node_get_object (res->properties), name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

static const char *
attr (SbxResource *res, const char *name)
{
  return g_hash_table_lookup (res->attributes, name);
}

static void
create_service (SbxState *state, SbxResource *res, gint64 now)
{
  const char *name = attr (res, "Name");
  const char *cluster = prop (res, "Cluster") ? prop (res, "Cluster") : "default";

  if (sbx_ecs_cluster_find (state, cluster) == NULL)
    sbx_ecs_cluster_add (state, strrchr (cluster, '/') ? strrchr (cluster, '/') + 1 : cluster, now);
  sbx_ecs_service_add (state, cluster, name, prop (res, "TaskDefinition"),
                       (int) prop_int (res, "DesiredCount", 1), res->properties, now);
}

void
sbx_world_create (SbxState    *state,
                  SbxStack    *stack,
                  SbxResource *res,
                  gint64       now)
{
  const char *t = res->type;

  if (g_str_equal (t, "AWS::ECS::Cluster"))
    sbx_ecs_cluster_add (state, res->physical_id, now);
  else if (g_str_equal (t, "AWS::ECS::TaskDefinition"))
    sbx_ecs_task_def_register (state, res->physical_id, res->properties);
  else if (g_str_equal (t, "AWS::ECS::Service"))
    create_service (state, res, now);
  else if (g_str_equal (t, "AWS::Logs::LogGroup"))
    {
      SbxLogGroup *group = sbx_logs_group_ensure (state, res->physical_id, now);

      group->retention = (int) prop_int (res, "RetentionInDays", 0);
    }
  else if (g_str_equal (t, "AWS::EFS::FileSystem"))
    {
      JsonObject *props = res->properties && JSON_NODE_HOLDS_OBJECT (res->properties)
                          ? json_node_get_object (res->properties) : NULL;
      SbxFileSystem *fs = sbx_file_system_add (state, res->physical_id, props, now);

      g_free (fs->id);
      fs->id = g_strdup (res->physical_id);
      g_free (fs->arn);
      fs->arn = g_strdup (attr (res, "Arn"));
    }
  else if (g_str_equal (t, "AWS::SecretsManager::Secret"))
    {
      const char *name = strstr (res->physical_id, ":secret:") + strlen (":secret:");
      g_autofree char *bare = g_strndup (name, strlen (name) - 7);
      SbxSecret *secret = sbx_secret_add (state, bare, prop (res, "SecretString") ? prop (res, "SecretString") : "{}",
                                          prop (res, "Description"), now);

      g_free (secret->arn);
      secret->arn = g_strdup (res->physical_id);
    }
  else if (g_str_equal (t, "AWS::ElasticLoadBalancingV2::LoadBalancer"))
    {
      SbxLoadBalancer *lb = g_new0 (SbxLoadBalancer, 1);
      SbxVpc *vpc = sbx_state_default_vpc (state);

      lb->arn = g_strdup (res->physical_id);
      lb->name = g_strdup (attr (res, "LoadBalancerName"));
      lb->dns_name = g_strdup (attr (res, "DNSName"));
      lb->scheme = g_strdup (prop (res, "Scheme") ? prop (res, "Scheme") : "internet-facing");
      lb->type = g_strdup (prop (res, "Type") ? prop (res, "Type") : "application");
      lb->vpc_id = g_strdup (vpc ? vpc->id : "");
      lb->created = now;
      g_ptr_array_add (state->load_balancers, lb);
    }
  else if (g_str_equal (t, "AWS::ElasticLoadBalancingV2::TargetGroup"))
    {
      SbxTargetGroup *tg = g_new0 (SbxTargetGroup, 1);

      tg->arn = g_strdup (res->physical_id);
      tg->name = g_strdup (attr (res, "TargetGroupName"));
      tg->protocol = g_strdup (prop (res, "Protocol") ? prop (res, "Protocol") : "HTTP");
      tg->port = (int) prop_int (res, "Port", 80);
      tg->vpc_id = g_strdup (prop (res, "VpcId"));
      tg->target_type = g_strdup (prop (res, "TargetType") ? prop (res, "TargetType") : "ip");
      g_ptr_array_add (state->target_groups, tg);
    }
  else if (g_str_equal (t, "AWS::EC2::SecurityGroup"))
    {
      SbxSecurityGroup *sg = g_new0 (SbxSecurityGroup, 1);

      sg->id = g_strdup (res->physical_id);
      sg->name = g_strdup_printf ("%s-%s", stack->name, res->logical_id);
      sg->description = g_strdup (prop (res, "GroupDescription") ? prop (res, "GroupDescription") : "");
      sg->vpc_id = g_strdup (attr (res, "VpcId"));
      g_ptr_array_add (state->security_groups, sg);
    }
  else if (g_str_equal (t, "AWS::ElasticLoadBalancingV2::Listener"))
    {
      /* attach target groups to their load balancer for DescribeTargetGroups */
      for (guint i = 0; i < state->target_groups->len; i++)
        {
          SbxTargetGroup *tg = g_ptr_array_index (state->target_groups, i);
          g_autofree char *text = res->properties ? json_to_string (res->properties, FALSE) : NULL;

          if (text && strstr (text, tg->arn) && tg->lb_arn == NULL)
            tg->lb_arn = g_strdup (prop (res, "LoadBalancerArn"));
        }
    }
  else if (g_str_equal (t, "AWS::AutoScaling::AutoScalingGroup"))
    g_hash_table_replace (state->autoscaling_groups, g_strdup (res->physical_id), g_strdup (res->physical_id));
}

void
sbx_world_update (SbxState    *state,
                  SbxStack    *stack,
                  SbxResource *res,
                  gint64       now)
{
  if (g_str_equal (res->type, "AWS::ECS::Service"))
    {
      SbxService *service = sbx_ecs_service_find (state, NULL, res->physical_id);

      if (service == NULL)
        create_service (state, res, now);
      else
        sbx_ecs_service_update (state, service, prop (res, "TaskDefinition"),
                                (int) prop_int (res, "DesiredCount", 1), now);
    }
  else if (g_str_equal (res->type, "AWS::Logs::LogGroup"))
    {
      SbxLogGroup *group = sbx_logs_group_find (state, res->physical_id);

      if (group)
        group->retention = (int) prop_int (res, "RetentionInDays", 0);
    }
}

static void
remove_by (GPtrArray *array, gsize offset, const char *id)
{
  for (guint i = 0; i < array->len; i++)
    {
      char **field = (char **) ((char *) g_ptr_array_index (array, i) + offset);

      if (g_strcmp0 (*field, id) == 0)
        {
          g_ptr_array_remove_index (array, i);
          return;
        }
    }
}

void
sbx_world_delete (SbxState   *state,
                  const char *type,
                  const char *physical_id,
                  gint64      now)
{
  if (physical_id == NULL)
    return;
  if (g_str_equal (type, "AWS::ECS::Service"))
    sbx_ecs_service_remove (state, physical_id, now);
  else if (g_str_equal (type, "AWS::ECS::Cluster"))
    {
      SbxCluster *cluster = sbx_ecs_cluster_find (state, physical_id);

      if (cluster)
        {
          g_free (cluster->status);
          cluster->status = g_strdup ("INACTIVE");
        }
    }
  else if (g_str_equal (type, "AWS::ECS::TaskDefinition"))
    {
      for (guint i = 0; i < state->task_definitions->len; i++)
        {
          SbxTaskDef *td = g_ptr_array_index (state->task_definitions, i);

          if (g_str_equal (td->arn, physical_id))
            td->active = FALSE;
        }
    }
  else if (g_str_equal (type, "AWS::Logs::LogGroup"))
    sbx_logs_group_remove (state, physical_id);
  else if (g_str_equal (type, "AWS::EFS::FileSystem"))
    sbx_file_system_remove (state, physical_id);
  else if (g_str_equal (type, "AWS::SecretsManager::Secret"))
    sbx_secret_remove (state, physical_id);
  else if (g_str_equal (type, "AWS::ElasticLoadBalancingV2::LoadBalancer"))
    remove_by (state->load_balancers, G_STRUCT_OFFSET (SbxLoadBalancer, arn), physical_id);
  else if (g_str_equal (type, "AWS::ElasticLoadBalancingV2::TargetGroup"))
    remove_by (state->target_groups, G_STRUCT_OFFSET (SbxTargetGroup, arn), physical_id);
  else if (g_str_equal (type, "AWS::EC2::SecurityGroup"))
    remove_by (state->security_groups, G_STRUCT_OFFSET (SbxSecurityGroup, id), physical_id);
  else if (g_str_equal (type, "AWS::AutoScaling::AutoScalingGroup"))
    g_hash_table_remove (state->autoscaling_groups, physical_id);
}
