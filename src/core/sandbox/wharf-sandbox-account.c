/* wharf-sandbox-account.c: the lifetime of the sandbox's account state:
 * its collections, what each holds and how it is freed, and the defaults
 * that a seed (wharf-sandbox-state.c) overrides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-sandbox-private.h"

static void
credential_free (SbxCredential *c)
{
  g_free (c->access_key_id);
  g_free (c->secret_access_key);
  g_free (c->session_token);
  g_free (c->arn);
  g_free (c->user_id);
  g_free (c);
}

static void
vpc_free (SbxVpc *v)
{
  g_free (v->id);
  g_free (v->cidr);
  g_free (v->igw_id);
  g_free (v);
}

static void
subnet_free (SbxSubnet *s)
{
  g_free (s->id);
  g_free (s->vpc_id);
  g_free (s->az);
  g_free (s->cidr);
  g_free (s);
}

static void
route_table_free (SbxRouteTable *r)
{
  g_free (r->id);
  g_free (r->vpc_id);
  g_ptr_array_unref (r->subnet_ids);
  g_free (r->igw_id);
  g_free (r);
}

static void
security_group_free (SbxSecurityGroup *g)
{
  g_free (g->id);
  g_free (g->name);
  g_free (g->description);
  g_free (g->vpc_id);
  g_free (g);
}

static void
load_balancer_free (SbxLoadBalancer *lb)
{
  g_free (lb->arn);
  g_free (lb->name);
  g_free (lb->dns_name);
  g_free (lb->scheme);
  g_free (lb->type);
  g_free (lb->vpc_id);
  g_free (lb);
}

static void
target_group_free (SbxTargetGroup *tg)
{
  g_free (tg->arn);
  g_free (tg->name);
  g_free (tg->protocol);
  g_free (tg->vpc_id);
  g_free (tg->target_type);
  g_free (tg->lb_arn);
  g_free (tg);
}

static void
resource_fault_free (SbxResourceFault *f)
{
  g_free (f->logical_id);
  g_free (f->type);
  g_free (f->reason);
  g_free (f);
}

static void
task_fault_free (SbxTaskFault *f)
{
  g_free (f->service);
  g_free (f->reason);
  g_free (f);
}

static void
cluster_free (SbxCluster *c)
{
  g_free (c->arn);
  g_free (c->name);
  g_free (c->status);
  g_free (c);
}

static void
task_def_free (SbxTaskDef *t)
{
  g_free (t->arn);
  g_free (t->family);
  if (t->properties)
    json_node_unref (t->properties);
  g_free (t);
}

void
sbx_state_free (SbxState *state)
{
  if (state == NULL)
    return;
  /* services hold tasks that reference clusters by ARN only */
  g_ptr_array_unref (state->services);
  g_ptr_array_unref (state->task_definitions);
  g_ptr_array_unref (state->clusters);
  g_ptr_array_unref (state->log_groups);
  g_ptr_array_unref (state->change_sets);
  g_ptr_array_unref (state->stacks);
  g_hash_table_unref (state->exports);
  g_ptr_array_unref (state->secrets);
  g_ptr_array_unref (state->file_systems);
  g_hash_table_unref (state->buckets);
  g_ptr_array_unref (state->credentials);
  g_ptr_array_unref (state->regions);
  g_ptr_array_unref (state->vpcs);
  g_ptr_array_unref (state->subnets);
  g_ptr_array_unref (state->route_tables);
  g_ptr_array_unref (state->security_groups);
  g_ptr_array_unref (state->load_balancers);
  g_ptr_array_unref (state->target_groups);
  g_hash_table_unref (state->autoscaling_groups);
  g_hash_table_unref (state->ssm_parameters);
  g_ptr_array_unref (state->faults.resources);
  g_ptr_array_unref (state->faults.tasks);
  g_rand_free (state->rand);
  g_free (state->account_id);
  g_free (state->region);
  g_free (state);
}

/* A state with empty collections and the defaults a seed overrides. */
SbxState *
sbx_state_new_empty (void)
{
  SbxState *state = g_new0 (SbxState, 1);

  state->pace = 1.0;
  state->event_page_size = 100;
  /* AWS pages these by size (1 MB); 100 is what it answers in practice */
  state->stack_page_size = 100;
  state->resource_page_size = 100;
  state->verify_signatures = TRUE;
  state->rand = g_rand_new ();
  state->credentials = g_ptr_array_new_with_free_func ((GDestroyNotify) credential_free);
  state->regions = g_ptr_array_new_with_free_func (g_free);
  state->vpcs = g_ptr_array_new_with_free_func ((GDestroyNotify) vpc_free);
  state->subnets = g_ptr_array_new_with_free_func ((GDestroyNotify) subnet_free);
  state->route_tables = g_ptr_array_new_with_free_func ((GDestroyNotify) route_table_free);
  state->security_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) security_group_free);
  state->load_balancers = g_ptr_array_new_with_free_func ((GDestroyNotify) load_balancer_free);
  state->target_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) target_group_free);
  state->autoscaling_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->ssm_parameters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->faults.resources = g_ptr_array_new_with_free_func ((GDestroyNotify) resource_fault_free);
  state->faults.tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) task_fault_free);
  state->stacks = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_stack_free);
  state->change_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_change_set_free);
  state->exports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_secret_free);
  state->file_systems = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_file_system_free);
  state->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_hash_table_unref);
  state->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_free);
  state->task_definitions = g_ptr_array_new_with_free_func ((GDestroyNotify) task_def_free);
  state->services = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_service_free);
  state->log_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_log_group_free);
  return state;
}
