/* wharf-ecs-convert.c: the conversion entry point and project-wide
 * resources (cluster, VPC and subnets, log group, Cloud Map, load
 * balancer, outputs). Services are in wharf-ecs-convert-service.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-ecs-convert-private.h"

static void
convert_clear (WharfEcsConvert *ctx)
{
  g_clear_error (&ctx->error);
  g_clear_pointer (&ctx->owners, g_hash_table_unref);
  g_clear_pointer (&ctx->vpc, json_node_unref);
  g_clear_pointer (&ctx->subnets, json_node_unref);
  g_clear_pointer (&ctx->mount_subnets, g_ptr_array_unref);
  g_clear_pointer (&ctx->mount_suffixes, g_ptr_array_unref);
  g_clear_pointer (&ctx->cluster, json_node_unref);
  g_clear_pointer (&ctx->cluster_name, json_node_unref);
  g_clear_pointer (&ctx->lb, json_node_unref);
  g_clear_pointer (&ctx->network_sg, g_hash_table_unref);
  g_clear_pointer (&ctx->volume_fs, g_hash_table_unref);
  g_clear_pointer (&ctx->secret_arn, g_hash_table_unref);
  g_clear_pointer (&ctx->all_sgs, g_ptr_array_unref);
  g_clear_pointer (&ctx->search_domain, json_node_unref);
  g_clear_object (&ctx->tpl);
}

static gboolean
fail (WharfEcsConvert *ctx,
      int              code,
      const char      *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (WharfEcsConvert *ctx,
      int              code,
      const char      *format,
      ...)
{
  va_list ap;

  if (ctx->error != NULL)
    return FALSE;
  va_start (ap, format);
  ctx->error = g_error_new_valist (WHARF_ECS_ERROR, code, format, ap);
  va_end (ap);
  return FALSE;
}

/* VPC and subnets: concrete IDs from the environment, or Parameters. */
static gboolean
convert_vpc (WharfEcsConvert *ctx)
{
  const char *x_vpc = wharf_ecs_lookup_string (ctx->project, "x-aws-vpc");
  g_autofree char *vpc_id = NULL;
  const char *env_vpc = wharf_ecs_environment_get_vpc_id (ctx->env);
  JsonArray *subnets;
  GHashTable *zones;

  if (x_vpc != NULL)
    {
      vpc_id = wharf_ecs_parse_vpc_id (x_vpc);
      if (vpc_id == NULL)
        return fail (ctx, WHARF_ECS_ERROR_EXTENSION,
                     _("x-aws-vpc: “%s” is neither a VPC ID nor a VPC ARN"), x_vpc);
      if (env_vpc != NULL && !g_str_equal (env_vpc, vpc_id))
        return fail (ctx, WHARF_ECS_ERROR_ENVIRONMENT,
                     _("x-aws-vpc names %s but the AWS environment was resolved for %s"),
                     vpc_id, env_vpc);
    }
  else if (env_vpc != NULL)
    vpc_id = g_strdup (env_vpc);

  if (vpc_id != NULL)
    ctx->vpc = wharf_cfn_string (vpc_id);
  else if (wharf_ecs_environment_is_offline (ctx->env))
    {
      wharf_template_add_parameter (ctx->tpl, "VpcId", "AWS::EC2::VPC::Id",
                                    "VPC to deploy to (DNS resolution and DNS host names enabled)");
      ctx->vpc = wharf_cfn_ref ("VpcId");
    }
  else
    return fail (ctx, WHARF_ECS_ERROR_ENVIRONMENT,
                 _("the AWS environment has no VPC; set one with x-aws-vpc"));

  ctx->mount_subnets = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  ctx->mount_suffixes = g_ptr_array_new_with_free_func (g_free);
  if (wharf_ecs_environment_get_n_subnets (ctx->env) == 0)
    {
      if (!wharf_ecs_environment_is_offline (ctx->env))
        return fail (ctx, WHARF_ECS_ERROR_ENVIRONMENT, _("the AWS environment has no subnets"));
      wharf_template_add_parameter (ctx->tpl, "Subnets", "List<AWS::EC2::Subnet::Id>",
                                    "At least two public subnets of the VPC, in different availability zones");
      ctx->subnets = wharf_cfn_ref ("Subnets");
      /* EFS needs one mount target per zone: the first two subnets. */
      for (guint i = 0; i < 2; i++)
        {
          JsonArray *args = json_array_new ();

          json_array_add_int_element (args, i);
          json_array_add_element (args, wharf_cfn_ref ("Subnets"));
          JsonObject *select = json_object_new ();
          json_object_set_array_member (select, "Fn::Select", args);
          g_ptr_array_add (ctx->mount_subnets, wharf_cfn_object (select));
          g_ptr_array_add (ctx->mount_suffixes, g_strdup_printf ("Subnet%u", i + 1));
        }
      return TRUE;
    }

  /* Public subnets only when there are some: tasks get public IPs, and the
   * load balancer is internet-facing (Docker used every subnet). */
  gboolean any_public = FALSE;
  for (guint i = 0; i < wharf_ecs_environment_get_n_subnets (ctx->env); i++)
    any_public |= wharf_ecs_environment_get_subnet (ctx->env, i)->is_public;
  subnets = json_array_new ();
  zones = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < wharf_ecs_environment_get_n_subnets (ctx->env); i++)
    {
      const WharfEcsSubnet *subnet = wharf_ecs_environment_get_subnet (ctx->env, i);

      if (any_public && !subnet->is_public)
        continue;
      json_array_add_string_element (subnets, subnet->id);
      if (subnet->availability_zone != NULL)
        {
          if (g_hash_table_contains (zones, subnet->availability_zone))
            continue;
          g_hash_table_add (zones, subnet->availability_zone);
        }
      g_ptr_array_add (ctx->mount_subnets, wharf_cfn_string (subnet->id));
      g_ptr_array_add (ctx->mount_suffixes, wharf_ecs_normalize_name (subnet->id));
    }
  g_hash_table_unref (zones);
  ctx->subnets = wharf_cfn_array (subnets);
  return TRUE;
}

static gboolean
convert_cluster (WharfEcsConvert *ctx)
{
  const char *cluster = wharf_ecs_lookup_string (ctx->project, "x-aws-cluster");
  JsonObject *props;

  if (cluster == NULL)
    cluster = wharf_ecs_environment_get_cluster (ctx->env);
  if (cluster != NULL)
    {
      const char *slash = strrchr (cluster, '/');

      ctx->external_cluster = TRUE;
      ctx->cluster = wharf_cfn_string (cluster);
      ctx->cluster_name = wharf_cfn_string (slash ? slash + 1 : cluster);
      wharf_template_set_metadata (ctx->tpl, "Cluster", wharf_cfn_string (cluster));
      return TRUE;
    }
  props = wharf_ecs_add_resource (ctx, "Cluster", "AWS::ECS::Cluster", "the project");
  if (props == NULL)
    return FALSE;
  json_object_set_string_member (props, "ClusterName", ctx->name);
  json_object_set_array_member (props, "Tags", wharf_cfn_tags (ctx, NULL, NULL));
  ctx->cluster = wharf_cfn_get_att ("Cluster", "Arn");
  ctx->cluster_name = wharf_cfn_ref ("Cluster");
  return TRUE;
}

static gboolean
convert_logs_and_namespace (WharfEcsConvert *ctx)
{
  WharfNode *retention = wharf_ecs_lookup (ctx->project, "x-aws-logs_retention", NULL);
  g_autofree char *group = g_strdup_printf ("/docker-compose/%s", ctx->name);
  g_autofree char *domain = g_strdup_printf ("%s.local", ctx->name);
  g_autofree char *description = g_strdup_printf ("Service Map for Docker Compose project %s", ctx->name);
  JsonObject *props;
  gint64 days = 0;

  props = wharf_ecs_add_resource (ctx, "LogGroup", "AWS::Logs::LogGroup", "the project");
  if (props == NULL)
    return FALSE;
  json_object_set_string_member (props, "LogGroupName", group);
  if (retention != NULL && wharf_node_get_int64 (retention, &days) && days > 0)
    json_object_set_int_member (props, "RetentionInDays", days);

  props = wharf_ecs_add_resource (ctx, "CloudMap", "AWS::ServiceDiscovery::PrivateDnsNamespace",
                                  "the project");
  if (props == NULL)
    return FALSE;
  json_object_set_string_member (props, "Description", description);
  json_object_set_string_member (props, "Name", domain);
  json_object_set_member (props, "Vpc", wharf_cfn_copy (ctx->vpc));
  return TRUE;
}

/* ec2.internal in us-east-1, <region>.compute.internal elsewhere; decided
 * by CloudFormation when the region is not known yet. */
static void
convert_search_domain (WharfEcsConvert *ctx)
{
  const char *region = wharf_ecs_environment_get_region (ctx->env);
  JsonArray *args;
  JsonObject *fn_if;
  JsonArray *equals;
  JsonObject *condition;

  if (region != NULL)
    {
      g_autofree char *domain = NULL;

      domain = g_str_equal (region, "us-east-1") ? g_strdup ("ec2.internal")
                                                 : g_strdup_printf ("%s.compute.internal", region);
      ctx->search_domain = wharf_cfn_string (domain);
      return;
    }
  equals = json_array_new ();
  json_array_add_element (equals, wharf_cfn_ref ("AWS::Region"));
  json_array_add_string_element (equals, "us-east-1");
  condition = json_object_new ();
  json_object_set_array_member (condition, "Fn::Equals", equals);
  wharf_template_add_condition (ctx->tpl, "IsUsEast1", wharf_cfn_object (condition));
  args = json_array_new ();
  json_array_add_string_element (args, "IsUsEast1");
  json_array_add_string_element (args, "ec2.internal");
  json_array_add_element (args, wharf_cfn_sub ("${AWS::Region}.compute.internal"));
  fn_if = json_object_new ();
  json_object_set_array_member (fn_if, "Fn::If", args);
  ctx->search_domain = wharf_cfn_object (fn_if);
}

/* An application load balancer when every published port is HTTP, else a
 * network one; none when no port is published. */
static gboolean
convert_load_balancer (WharfEcsConvert *ctx)
{
  WharfNode *services = wharf_ecs_lookup (ctx->project, "services", NULL);
  const char *external = wharf_ecs_lookup_string (ctx->project, "x-aws-loadbalancer");
  gboolean any_port = FALSE;
  gboolean all_http = TRUE;
  JsonObject *props;
  JsonArray *sgs;

  for (guint i = 0; services && i < wharf_node_mapping_size (services); i++)
    {
      WharfNode *ports = wharf_ecs_lookup (wharf_node_mapping_get_value (services, i), "ports", NULL);

      for (guint j = 0; ports && wharf_node_get_kind (ports) == WHARF_NODE_SEQUENCE &&
                        j < wharf_node_sequence_size (ports); j++)
        {
          any_port = TRUE;
          all_http &= wharf_ecs_port_is_http (wharf_node_sequence_get (ports, j));
        }
    }
  if (!any_port)
    return TRUE;
  ctx->lb_type = all_http ? WHARF_LOAD_BALANCER_APPLICATION : WHARF_LOAD_BALANCER_NETWORK;

  if (external == NULL)
    external = wharf_ecs_environment_get_load_balancer (ctx->env);
  if (external != NULL)
    {
      WharfLoadBalancerType type = wharf_ecs_environment_get_load_balancer_type (ctx->env);

      if (type != WHARF_LOAD_BALANCER_NONE && type != ctx->lb_type)
        return fail (ctx, WHARF_ECS_ERROR_ENVIRONMENT,
                     _("load balancer “%s” is of type %s, the project requires %s"), external,
                     type == WHARF_LOAD_BALANCER_APPLICATION ? "application" : "network",
                     ctx->lb_type == WHARF_LOAD_BALANCER_APPLICATION ? "application" : "network");
      if (!g_str_has_prefix (external, "arn:"))
        return fail (ctx, WHARF_ECS_ERROR_ENVIRONMENT,
                     _("x-aws-loadbalancer “%s” must be resolved to an ARN before conversion"), external);
      ctx->lb = wharf_cfn_string (external);
      return TRUE;
    }

  props = wharf_ecs_add_resource (ctx, "LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer",
                                  "the project");
  if (props == NULL)
    return FALSE;
  json_object_set_string_member (props, "Scheme", "internet-facing");
  json_object_set_member (props, "Subnets", wharf_cfn_copy (ctx->subnets));
  json_object_set_array_member (props, "Tags", wharf_cfn_tags (ctx, NULL, NULL));
  if (ctx->lb_type == WHARF_LOAD_BALANCER_APPLICATION)
    {
      json_object_set_string_member (props, "Type", "application");
      sgs = json_array_new ();
      for (guint i = 0; i < ctx->all_sgs->len; i++)
        json_array_add_element (sgs, wharf_cfn_copy (ctx->all_sgs->pdata[i]));
      json_object_set_array_member (props, "SecurityGroups", sgs);
    }
  else
    {
      JsonArray *attributes = json_array_new ();
      JsonObject *attribute = json_object_new ();

      json_object_set_string_member (props, "Type", "network");
      json_object_set_string_member (attribute, "Key", "load_balancing.cross_zone.enabled");
      json_object_set_string_member (attribute, "Value", "true");
      json_array_add_object_element (attributes, attribute);
      json_object_set_array_member (props, "LoadBalancerAttributes", attributes);
    }
  ctx->lb = wharf_cfn_ref ("LoadBalancer");
  wharf_template_add_output (ctx->tpl, "LoadBalancerDnsName",
                             "DNS name of the load balancer",
                             wharf_cfn_get_att ("LoadBalancer", "DNSName"));
  return TRUE;
}

static gboolean
convert_services (WharfEcsConvert *ctx)
{
  WharfNode *services = wharf_ecs_lookup (ctx->project, "services", NULL);

  for (guint i = 0; services && i < wharf_node_mapping_size (services); i++)
    if (!wharf_ecs_convert_service (ctx, wharf_node_mapping_get_key (services, i),
                                    wharf_node_mapping_get_value (services, i)))
      return FALSE;
  return TRUE;
}

static void
add_outputs (WharfEcsConvert *ctx)
{
  if (!ctx->external_cluster)
    wharf_template_add_output (ctx->tpl, "ClusterArn", "ARN of the ECS cluster",
                               wharf_cfn_get_att ("Cluster", "Arn"));
  wharf_template_add_output (ctx->tpl, "LogGroupName", "CloudWatch Logs group of the services",
                             wharf_cfn_ref ("LogGroup"));
}

static char *
first_error_message (GListStore *diagnostics)
{
  for (guint i = 0; diagnostics && i < g_list_model_get_n_items (G_LIST_MODEL (diagnostics)); i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (diagnostics), i);

      if (wharf_diagnostic_get_severity (d) == WHARF_SEVERITY_ERROR)
        return wharf_diagnostic_format (d);
    }
  return NULL;
}

WharfTemplate *
wharf_ecs_convert (const WharfNode      *project,
                   const char           *project_name,
                   WharfEcsEnvironment  *environment,
                   GListStore           *diagnostics,
                   GError              **error)
{
  g_autoptr(GListStore) own_diagnostics = NULL;
  g_autoptr(WharfNode) ready = NULL;
  g_autofree char *description = NULL;
  WharfEcsConvert ctx = { 0 };
  WharfNode *overlay;
  gboolean ok;

  g_return_val_if_fail (project != NULL, NULL);
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (environment), NULL);

  if (diagnostics == NULL)
    diagnostics = own_diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  ready = wharf_ecs_validate (project, diagnostics);
  if (wharf_diagnostics_has_errors (G_LIST_MODEL (diagnostics)))
    {
      g_autofree char *first = first_error_message (diagnostics);
      guint n = wharf_diagnostics_count (G_LIST_MODEL (diagnostics), WHARF_SEVERITY_ERROR);

      g_set_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "the project cannot run on Amazon ECS: %s",
                                "the project cannot run on Amazon ECS: %s (and %u more errors)", n),
                   first, n - 1);
      return NULL;
    }

  if (project_name == NULL)
    project_name = wharf_ecs_lookup_string (ready, "name");
  if (project_name == NULL || *project_name == '\0')
    {
      g_set_error_literal (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_INVALID,
                           _("the project has no name"));
      return NULL;
    }

  ctx.project = ready;
  ctx.name = project_name;
  ctx.env = environment;
  ctx.tpl = wharf_template_new ();
  ctx.owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.network_sg = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  ctx.volume_fs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  ctx.secret_arn = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  ctx.all_sgs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  description = g_strdup_printf ("Compose project %s on Amazon ECS (generated by Wharf)", ctx.name);
  wharf_template_set_description (ctx.tpl, description);
  convert_search_domain (&ctx);

  ok = convert_vpc (&ctx) &&
       convert_cluster (&ctx) &&
       wharf_ecs_convert_networks (&ctx) &&
       wharf_ecs_convert_secrets (&ctx) &&
       convert_logs_and_namespace (&ctx) &&
       wharf_ecs_convert_volumes (&ctx) &&
       convert_load_balancer (&ctx) &&
       convert_services (&ctx) &&
       wharf_ecs_convert_gpu (&ctx);
  if (ok)
    {
      add_outputs (&ctx);
      overlay = wharf_ecs_lookup (ready, "x-aws-cloudformation", NULL);
      if (overlay != NULL)
        {
          g_autoptr(JsonNode) json = wharf_node_to_json_node (overlay);

          ok = wharf_ecs_apply_overlay (ctx.tpl, json, &ctx.error);
        }
    }
  if (!ok)
    {
      if (ctx.error == NULL)
        g_set_error_literal (&ctx.error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_UNSUPPORTED,
                             _("the conversion failed"));
      g_propagate_error (error, g_steal_pointer (&ctx.error));
      convert_clear (&ctx);
      return NULL;
    }
  WharfTemplate *result = g_steal_pointer (&ctx.tpl);
  convert_clear (&ctx);
  return result;
}
