/* wharf-deployment-down.c: deleting a project's stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-aws-autoscaling.h"
#include "wharf-aws-ecs.h"
#include "wharf-deployment-private.h"

WharfCfnStack *
wharf_deployment_describe (WharfDeployment  *self,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr(GError) local = NULL;
  WharfCfnStack *stack = wharf_cfn_describe_stack (self->client, self->stack_name, cancellable, &local);

  if (stack == NULL)
    {
      if (local == NULL || wharf_cfn_error_is_stack_missing (local))
        g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_NO_STACK,
                     _("stack %s does not exist"), self->stack_name);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_free (self->stack_id);
  self->stack_id = g_strdup (stack->stack_id);
  return stack;
}

gboolean
wharf_deployment_start_down (WharfDeployment  *self,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autoptr(WharfCfnStack) stack = NULL;
  g_autoptr(GPtrArray) resources = NULL;

  if (self->state != WHARF_DEPLOYMENT_IDLE)
    {
      g_set_error_literal (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STATE,
                           _("the deployment is already in use"));
      return FALSE;
    }
  stack = wharf_deployment_describe (self, cancellable, error);
  if (stack == NULL)
    return FALSE;
  if (g_str_equal (stack->status, "DELETE_IN_PROGRESS"))
    {
      self->operation = WHARF_OPERATION_DELETE;
      wharf_deployment_set_state (self, WHARF_DEPLOYMENT_WAITING);
      return TRUE;
    }
  resources = wharf_cfn_list_stack_resources (self->client, self->stack_id, cancellable, error);
  if (resources == NULL)
    return FALSE;
  self->total = resources->len + 1;
  /* CloudFormation cannot delete them while instances run (§5.2). */
  for (guint i = 0; i < resources->len; i++)
    {
      WharfCfnResourceSummary *r = g_ptr_array_index (resources, i);
      g_autoptr(GError) local = NULL;

      if (r->physical_resource_id == NULL)
        continue;
      if (g_strcmp0 (r->resource_type, "AWS::ECS::CapacityProvider") == 0 &&
          !wharf_ecs_delete_capacity_provider (self->client, r->physical_resource_id, cancellable, &local))
        g_debug ("DeleteCapacityProvider %s: %s", r->physical_resource_id, local->message);
      else if (g_strcmp0 (r->resource_type, "AWS::AutoScaling::AutoScalingGroup") == 0 &&
               !wharf_autoscaling_delete_group (self->client, r->physical_resource_id, TRUE, cancellable, &local))
        g_debug ("DeleteAutoScalingGroup %s: %s", r->physical_resource_id, local->message);
      else if (g_strcmp0 (r->resource_type, "AWS::EFS::FileSystem") == 0)
        g_ptr_array_add (self->retained, g_strdup_printf ("%s %s", r->logical_resource_id,
                                                          r->physical_resource_id));
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (!wharf_deployment_take_baseline (self, cancellable, error))
    return FALSE;
  wharf_deployment_set_state (self, WHARF_DEPLOYMENT_EXECUTING);
  wharf_deployment_set_started (self, NULL);
  if (!wharf_cfn_delete_stack (self->client, self->stack_id, NULL, NULL, cancellable, error))
    {
      wharf_deployment_set_state (self, WHARF_DEPLOYMENT_FAILED);
      return FALSE;
    }
  self->operation = WHARF_OPERATION_DELETE;
  wharf_deployment_set_state (self, WHARF_DEPLOYMENT_WAITING);
  return TRUE;
}
