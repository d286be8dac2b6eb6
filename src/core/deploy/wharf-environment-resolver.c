/* wharf-environment-resolver.c: the account's VPC, subnets and existing
 * resources, as the converter needs them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-elbv2.h"
#include "wharf-aws-sts.h"
#include "wharf-environment-resolver-private.h"

G_DEFINE_QUARK (wharf-deploy-error-quark, wharf_deploy_error)

const char *
wharf_resolver_lookup_string (const WharfNode *node,
                              const char      *key)
{
  if (node == NULL || wharf_node_get_kind (node) != WHARF_NODE_MAPPING)
    return NULL;
  return wharf_node_mapping_lookup_string (node, key);
}

gboolean
wharf_resolver_lookup_true (const WharfNode *node,
                            const char      *key)
{
  WharfNode *value;
  gboolean b = FALSE;

  if (node == NULL || wharf_node_get_kind (node) != WHARF_NODE_MAPPING)
    return FALSE;
  value = wharf_node_mapping_lookup (node, key);
  return value != NULL && wharf_node_get_boolean (value, &b) && b;
}

static gboolean
route_table_for_subnet_is_public (GPtrArray      *route_tables,
                                  WharfEc2Subnet *subnet)
{
  const WharfEc2RouteTable *main_table = NULL;

  for (guint i = 0; i < route_tables->len; i++)
    {
      const WharfEc2RouteTable *t = g_ptr_array_index (route_tables, i);

      if (t->vpc_id != NULL && subnet->vpc_id != NULL && g_strcmp0 (t->vpc_id, subnet->vpc_id) != 0)
        continue;
      if (t->subnet_ids != NULL && g_strv_contains ((const char * const *) t->subnet_ids, subnet->subnet_id))
        return wharf_ec2_route_table_is_public (t);
      if (t->main)
        main_table = t;
    }
  return main_table != NULL && wharf_ec2_route_table_is_public (main_table);
}

static gint
subnet_compare (gconstpointer a,
                gconstpointer b)
{
  const WharfEc2Subnet *x = *(WharfEc2Subnet * const *) a;
  const WharfEc2Subnet *y = *(WharfEc2Subnet * const *) b;

  return g_strcmp0 (x->availability_zone, y->availability_zone);
}

GPtrArray *
wharf_environment_pick_subnets (GPtrArray          *subnets,
                                GPtrArray          *route_tables,
                                const char * const *zones)
{
  g_autoptr(GHashTable) by_zone = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *picked = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < subnets->len; i++)
    {
      WharfEc2Subnet *s = g_ptr_array_index (subnets, i);
      WharfEc2Subnet *current;

      if (s->availability_zone == NULL || s->subnet_id == NULL)
        continue;
      if (zones != NULL && !g_strv_contains (zones, s->availability_zone))
        continue;
      if (!route_table_for_subnet_is_public (route_tables, s))
        continue;
      current = g_hash_table_lookup (by_zone, s->availability_zone);
      /* The zone's default subnet wins, then the smallest id: stable choices
       * keep an update from moving services between subnets. */
      if (current == NULL ||
          (s->default_for_az && !current->default_for_az) ||
          (s->default_for_az == current->default_for_az &&
           strcmp (s->subnet_id, current->subnet_id) < 0))
        g_hash_table_insert (by_zone, s->availability_zone, s);
    }
  g_hash_table_iter_init (&iter, by_zone);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (picked, value);
  g_ptr_array_sort (picked, subnet_compare);
  return picked;
}

static gboolean
service_needs_gpu (const WharfNode *service)
{
  WharfNode *deploy = wharf_node_mapping_lookup (service, "deploy");
  WharfNode *res, *reservations, *devices, *generic, *placement, *constraints;
  gboolean gpu = FALSE;

  if (deploy == NULL || wharf_node_get_kind (deploy) != WHARF_NODE_MAPPING)
    return FALSE;
  res = wharf_node_mapping_lookup (deploy, "resources");
  reservations = res && wharf_node_get_kind (res) == WHARF_NODE_MAPPING ? wharf_node_mapping_lookup (res, "reservations") : NULL;
  if (reservations == NULL || wharf_node_get_kind (reservations) != WHARF_NODE_MAPPING)
    return FALSE;
  devices = wharf_node_mapping_lookup (reservations, "devices");
  for (guint i = 0; devices && wharf_node_get_kind (devices) == WHARF_NODE_SEQUENCE && i < wharf_node_sequence_size (devices); i++)
    {
      WharfNode *d = wharf_node_sequence_get (devices, i);
      WharfNode *caps = wharf_node_get_kind (d) == WHARF_NODE_MAPPING ? wharf_node_mapping_lookup (d, "capabilities") : NULL;

      for (guint j = 0; caps && wharf_node_get_kind (caps) == WHARF_NODE_SEQUENCE && j < wharf_node_sequence_size (caps); j++)
        if (g_strcmp0 (wharf_node_get_scalar (wharf_node_sequence_get (caps, j)), "gpu") == 0)
          gpu = TRUE;
    }
  generic = wharf_node_mapping_lookup (reservations, "generic_resources");
  for (guint i = 0; generic && wharf_node_get_kind (generic) == WHARF_NODE_SEQUENCE && i < wharf_node_sequence_size (generic); i++)
    {
      WharfNode *g = wharf_node_sequence_get (generic, i);
      WharfNode *spec = wharf_node_get_kind (g) == WHARF_NODE_MAPPING ? wharf_node_mapping_lookup (g, "discrete_resource_spec") : NULL;

      if (g_strcmp0 (wharf_resolver_lookup_string (spec, "kind"), "gpus") == 0)
        gpu = TRUE;
    }
  if (!gpu)
    return FALSE;
  placement = wharf_node_mapping_lookup (deploy, "placement");
  constraints = placement && wharf_node_get_kind (placement) == WHARF_NODE_MAPPING ? wharf_node_mapping_lookup (placement, "constraints") : NULL;
  for (guint i = 0; constraints && wharf_node_get_kind (constraints) == WHARF_NODE_SEQUENCE && i < wharf_node_sequence_size (constraints); i++)
    {
      const char *c = wharf_node_get_scalar (wharf_node_sequence_get (constraints, i));

      if (c != NULL && g_str_has_prefix (c, "node.ami"))
        return FALSE;
    }
  return TRUE;
}

gboolean
wharf_environment_needs_gpu_ami (const WharfNode *project)
{
  WharfNode *services = wharf_node_mapping_lookup (project, "services");

  for (guint i = 0; services && wharf_node_get_kind (services) == WHARF_NODE_MAPPING && i < wharf_node_mapping_size (services); i++)
    {
      WharfNode *s = wharf_node_mapping_get_value (services, i);

      if (wharf_node_get_kind (s) == WHARF_NODE_MAPPING && service_needs_gpu (s))
        return TRUE;
    }
  return FALSE;
}

/* ---- the VPC, the load balancer and the subnets --------------------------- */

static char *
resolve_vpc (WharfAwsClient  *client,
             const char      *x_aws_vpc,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GPtrArray) vpcs = NULL;
  const char * const filters[] = { "isDefault", "true", NULL };
  WharfEc2Vpc *vpc;

  if (x_aws_vpc != NULL)
    {
      g_autofree char *id = wharf_ecs_parse_vpc_id (x_aws_vpc);
      gboolean dns = FALSE;

      if (id == NULL)
        {
          g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_INVALID_VPC,
                       _("x-aws-vpc “%s” is not a VPC id or ARN"), x_aws_vpc);
          return NULL;
        }
      if (!wharf_ec2_describe_vpc_attribute (client, id, "enableDnsSupport", &dns, cancellable, error))
        return NULL;
      if (!dns)
        {
          g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_INVALID_VPC,
                       _("VPC “%s” doesn’t have DNS resolution enabled"), id);
          return NULL;
        }
      return g_steal_pointer (&id);
    }
  vpcs = wharf_ec2_describe_vpcs (client, NULL, filters, cancellable, error);
  if (vpcs == NULL)
    return NULL;
  if (vpcs->len == 0)
    {
      g_set_error_literal (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_NO_VPC,
                           _("the account has no default VPC: set the VPC to deploy to with x-aws-vpc"));
      return NULL;
    }
  vpc = g_ptr_array_index (vpcs, 0);
  return g_strdup (vpc->vpc_id);
}

static gboolean
resolve_load_balancer (WharfAwsClient       *client,
                       WharfEcsEnvironment  *env,
                       const char           *x_aws_lb,
                       const char           *x_aws_vpc,
                       char                **vpc_id,
                       GStrv                *zones,
                       GCancellable         *cancellable,
                       GError              **error)
{
  const char * const by[] = { x_aws_lb, NULL };
  g_autoptr(GPtrArray) lbs = NULL;
  g_autoptr(GError) local = NULL;
  WharfElbLoadBalancer *lb;
  gboolean is_arn = g_str_has_prefix (x_aws_lb, "arn:");

  lbs = wharf_elbv2_describe_load_balancers (client, is_arn ? by : NULL, is_arn ? NULL : by,
                                             cancellable, &local);
  if (lbs == NULL && !wharf_aws_client_error_has_code (local, "LoadBalancerNotFound"))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (lbs == NULL || lbs->len == 0)
    {
      g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_NOT_FOUND,
                   _("load balancer “%s” (x-aws-loadbalancer) doesn’t exist"), x_aws_lb);
      return FALSE;
    }
  lb = g_ptr_array_index (lbs, 0);
  if (x_aws_vpc != NULL)
    {
      g_autofree char *wanted = wharf_ecs_parse_vpc_id (x_aws_vpc);

      if (g_strcmp0 (wanted, lb->vpc_id) != 0)
        {
          g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_MISMATCH,
                       _("load balancer set by x-aws-loadbalancer is attached to VPC %s, not to x-aws-vpc %s"),
                       lb->vpc_id, x_aws_vpc);
          return FALSE;
        }
    }
  wharf_ecs_environment_set_load_balancer (env, lb->arn,
                                           g_strcmp0 (lb->type, "network") == 0
                                             ? WHARF_LOAD_BALANCER_NETWORK
                                             : WHARF_LOAD_BALANCER_APPLICATION,
                                           lb->dns_name);
  *vpc_id = g_strdup (lb->vpc_id);
  *zones = g_strdupv (lb->availability_zones);
  return TRUE;
}

static gboolean
resolve_subnets (WharfAwsClient       *client,
                 WharfEcsEnvironment  *env,
                 const char           *vpc_id,
                 const char * const   *zones,
                 GCancellable         *cancellable,
                 GError              **error)
{
  const char * const filters[] = { "vpc-id", vpc_id, NULL };
  g_autoptr(GPtrArray) subnets = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) picked = NULL;

  subnets = wharf_ec2_describe_subnets (client, NULL, filters, cancellable, error);
  if (subnets == NULL)
    return FALSE;
  tables = wharf_ec2_describe_route_tables (client, filters, cancellable, error);
  if (tables == NULL)
    return FALSE;
  picked = wharf_environment_pick_subnets (subnets, tables, zones);
  if (picked->len < 2)
    {
      g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_SUBNETS,
                   _("VPC %s should have at least 2 public subnets in different availability zones (found %u)"),
                   vpc_id, picked->len);
      return FALSE;
    }
  for (guint i = 0; i < picked->len; i++)
    {
      WharfEc2Subnet *s = g_ptr_array_index (picked, i);

      wharf_ecs_environment_add_subnet (env, s->subnet_id, s->availability_zone, TRUE);
    }
  return TRUE;
}

WharfEcsEnvironment *
wharf_environment_resolve (WharfAwsClient   *client,
                           const WharfNode  *project,
                           const char       *project_name,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr(WharfEcsEnvironment) env = NULL;
  g_autoptr(WharfStsIdentity) identity = NULL;
  g_autofree char *vpc_id = NULL;
  g_auto(GStrv) zones = NULL;
  const char *x_vpc, *x_lb, *x_cluster;

  g_return_val_if_fail (WHARF_IS_AWS_CLIENT (client), NULL);
  g_return_val_if_fail (project != NULL, NULL);

  if (project_name == NULL)
    project_name = wharf_resolver_lookup_string (project, "name");
  x_vpc = wharf_resolver_lookup_string (project, "x-aws-vpc");
  x_lb = wharf_resolver_lookup_string (project, "x-aws-loadbalancer");
  x_cluster = wharf_resolver_lookup_string (project, "x-aws-cluster");

  identity = wharf_sts_get_caller_identity (client, cancellable, error);
  if (identity == NULL)
    return NULL;
  env = wharf_ecs_environment_new (wharf_aws_client_get_region (client), identity->account, NULL);
  if (x_lb != NULL)
    {
      if (!resolve_load_balancer (client, env, x_lb, x_vpc, &vpc_id, &zones, cancellable, error))
        return NULL;
    }
  else if ((vpc_id = resolve_vpc (client, x_vpc, cancellable, error)) == NULL)
    return NULL;
  wharf_ecs_environment_set_vpc_id (env, vpc_id);
  if (!resolve_subnets (client, env, vpc_id, (const char * const *) zones, cancellable, error))
    return NULL;
  if (x_cluster != NULL && !wharf_resolver_cluster (client, env, x_cluster, cancellable, error))
    return NULL;
  if (!wharf_resolver_security_groups (client, env, project, cancellable, error) ||
      !wharf_resolver_file_systems (client, env, project, project_name, cancellable, error))
    return NULL;
  if (wharf_environment_needs_gpu_ami (project) && !wharf_resolver_gpu_ami (client, env, cancellable, error))
    return NULL;
  return g_steal_pointer (&env);
}

typedef struct {
  WharfAwsClient *client;
  WharfNode      *project;
  char           *project_name;
} ResolveData;

static void
resolve_data_free (ResolveData *data)
{
  g_object_unref (data->client);
  wharf_node_unref (data->project);
  g_free (data->project_name);
  g_free (data);
}

static void
resolve_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ResolveData *data = task_data;
  GError *error = NULL;
  WharfEcsEnvironment *env;

  env = wharf_environment_resolve (data->client, data->project, data->project_name, cancellable, &error);
  if (env == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, env, g_object_unref);
}

void
wharf_environment_resolve_async (WharfAwsClient      *client,
                                 const WharfNode     *project,
                                 const char          *project_name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ResolveData *data = g_new0 (ResolveData, 1);

  data->client = g_object_ref (client);
  /* A private copy: the caller may edit its tree meanwhile. */
  data->project = wharf_node_copy (project);
  data->project_name = g_strdup (project_name);
  g_task_set_source_tag (task, wharf_environment_resolve_async);
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);
  g_task_run_in_thread (task, resolve_thread);
}

WharfEcsEnvironment *
wharf_environment_resolve_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
