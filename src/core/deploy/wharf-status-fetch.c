/* wharf-status-fetch.c: the services of a stack, their tasks and their
 * endpoints (what `wharf-cli ps` prints), gathered in one call.
 *
 * The stack's resources name the cluster and the services; each service
 * is described, then its running tasks and its three most recent stopped
 * ones (which tell why a service does not run). Endpoints are the stack
 * outputs "<NormalisedService>…Url" written by the converter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "wharf-aws-cloudformation.h"
#include "wharf-aws-ecs.h"
#include "wharf-ecs-convert.h"
#include "wharf-status-service.h"

#define STOPPED_TASKS_SHOWN 3

/* The compose name of an ECS service: its com.docker.compose.service tag,
 * else the logical id without "Service". */
static char *
compose_name (WharfEcsService *service,
              const char      *logical_id)
{
  JsonObject *raw = service->raw && JSON_NODE_HOLDS_OBJECT (service->raw) ? json_node_get_object (service->raw) : NULL;
  JsonArray *tags = raw && json_object_has_member (raw, "tags") ? json_object_get_array_member (raw, "tags") : NULL;

  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonObject *t = json_array_get_object_element (tags, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (t, "key", NULL), "com.docker.compose.service") == 0)
        return g_strdup (json_object_get_string_member_with_default (t, "value", ""));
    }
  if (g_str_has_suffix (logical_id, "Service"))
    return g_ascii_strdown (logical_id, strlen (logical_id) - strlen ("Service"));
  return g_strdup (logical_id);
}

static void
add_endpoints (WharfStatusService *status,
               WharfCfnStack      *stack)
{
  g_autofree char *norm = wharf_ecs_normalize_name (wharf_status_service_get_name (status));

  for (guint i = 0; stack->outputs != NULL && i < stack->outputs->len; i++)
    {
      WharfCfnOutput *o = g_ptr_array_index (stack->outputs, i);

      if (g_str_has_prefix (o->key, norm) && g_str_has_suffix (o->key, "Url") && o->value != NULL)
        wharf_status_service_add_endpoint (status, o->value);
    }
}

static WharfStatusTask *
status_task (WharfEcsTask *t)
{
  WharfStatusTask *task = g_new0 (WharfStatusTask, 1);
  const char *slash = t->arn ? strrchr (t->arn, '/') : NULL;

  task->id = g_strdup (slash ? slash + 1 : t->arn);
  task->last_status = g_strdup (t->last_status);
  task->desired_status = g_strdup (t->desired_status);
  task->health_status = g_strdup (t->health_status);
  if (g_strcmp0 (t->desired_status, "STOPPED") == 0)
    task->stop_reason = g_strdup_printf ("%s%s%s", t->stop_code ? t->stop_code : "",
                                         t->stop_code && t->stopped_reason ? ": " : "",
                                         t->stopped_reason ? t->stopped_reason : "");
  task->started_at = t->started_at ? g_date_time_ref (t->started_at) : NULL;
  return task;
}

static gboolean
add_tasks (WharfStatusService *status,
           WharfAwsClient     *client,
           const char         *cluster,
           const char         *service_name,
           GCancellable       *cancellable,
           GError            **error)
{
  g_auto(GStrv) running = NULL, stopped = NULL, arns = NULL;
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
  g_autoptr(GPtrArray) tasks = NULL;

  running = wharf_ecs_list_tasks (client, cluster, service_name, "RUNNING", cancellable, error);
  if (running == NULL)
    return FALSE;
  stopped = wharf_ecs_list_tasks (client, cluster, service_name, "STOPPED", cancellable, error);
  if (stopped == NULL)
    return FALSE;
  g_strv_builder_addv (all, (const char **) running);
  for (guint j = 0; stopped[j] != NULL && j < STOPPED_TASKS_SHOWN; j++)
    g_strv_builder_add (all, stopped[j]);
  arns = g_strv_builder_end (all);
  if (arns[0] == NULL)
    return TRUE;
  tasks = wharf_ecs_describe_tasks (client, cluster, (const char * const *) arns, cancellable, error);
  if (tasks == NULL)
    return FALSE;
  /* running ones first, whatever order DescribeTasks answers in */
  for (guint pass = 0; pass < 2; pass++)
    for (guint j = 0; j < tasks->len; j++)
      {
        WharfEcsTask *t = g_ptr_array_index (tasks, j);
        gboolean is_stopped = g_strcmp0 (t->desired_status, "STOPPED") == 0;

        if (is_stopped == (pass == 1))
          wharf_status_service_add_task (status, status_task (t));
      }
  return TRUE;
}

GPtrArray *
wharf_status_fetch (WharfAwsClient  *client,
                    const char      *stack_name,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(WharfCfnStack) stack = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local = NULL;
  const char *cluster = NULL;

  g_return_val_if_fail (WHARF_IS_AWS_CLIENT (client), NULL);
  g_return_val_if_fail (stack_name != NULL, NULL);

  stack = wharf_cfn_describe_stack (client, stack_name, cancellable, &local);
  if (stack == NULL)
    {
      if (local == NULL || wharf_cfn_error_is_stack_missing (local))
        {
          g_set_error (error, WHARF_STATUS_ERROR, WHARF_STATUS_ERROR_NOT_DEPLOYED,
                       _("The stack “%s” does not exist"), stack_name);
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  resources = wharf_cfn_list_stack_resources (client, stack_name, cancellable, error);
  if (resources == NULL)
    return NULL;
  for (guint i = 0; i < resources->len; i++)
    {
      WharfCfnResourceSummary *r = g_ptr_array_index (resources, i);

      if (g_strcmp0 (r->resource_type, "AWS::ECS::Cluster") == 0)
        cluster = r->physical_resource_id;
    }
  if (cluster == NULL && stack->parameters != NULL)
    cluster = g_hash_table_lookup (stack->parameters, "ParameterClusterName");
  for (guint i = 0; cluster != NULL && i < resources->len; i++)
    {
      WharfCfnResourceSummary *r = g_ptr_array_index (resources, i);
      const char * const one[] = { r->physical_resource_id, NULL };
      g_autoptr(GPtrArray) services = NULL;
      g_autoptr(WharfStatusService) status = NULL;
      g_autofree char *name = NULL;
      WharfEcsService *service;

      if (g_strcmp0 (r->resource_type, "AWS::ECS::Service") != 0 || r->physical_resource_id == NULL)
        continue;
      services = wharf_ecs_describe_services (client, cluster, one, cancellable, error);
      if (services == NULL)
        return NULL;
      if (services->len == 0)
        continue;
      service = g_ptr_array_index (services, 0);
      name = compose_name (service, r->logical_resource_id);
      status = wharf_status_service_new (name);
      wharf_status_service_set_counts (status, service->desired_count, service->running_count,
                                       service->pending_count);
      for (guint j = 0; service->deployments != NULL && j < service->deployments->len; j++)
        {
          WharfEcsDeployment *d = g_ptr_array_index (service->deployments, j);

          if (g_strcmp0 (d->status, "PRIMARY") == 0)
            wharf_status_service_set_rollout_state (status, d->rollout_state);
        }
      add_endpoints (status, stack);
      if (!add_tasks (status, client, cluster, service->name, cancellable, error))
        return NULL;
      g_ptr_array_add (result, g_steal_pointer (&status));
    }
  return g_steal_pointer (&result);
}

typedef struct {
  WharfAwsClient *client;   /* borrowed: see wharf_status_fetch_async() */
  char           *stack_name;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_free (data->stack_name);
  g_free (data);
}

static void
fetch_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  FetchData *data = task_data;
  GError *error = NULL;
  GPtrArray *services = wharf_status_fetch (data->client, data->stack_name, cancellable, &error);

  if (services == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, services, (GDestroyNotify) g_ptr_array_unref);
}

void
wharf_status_fetch_async (WharfAwsClient      *client,
                          const char          *stack_name,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (WHARF_IS_AWS_CLIENT (client));
  g_return_if_fail (stack_name != NULL);

  /* A dozen calls in sequence: simpler as one blocking function in a
   * worker (the client's blocking calls run on a context of their own
   * there, which libsoup >= 3.2 allows) than as a chain of callbacks.
   * The task holds no object: GTask may drop its last reference in the
   * worker, and a client must not be finalized there. */
  data = g_new0 (FetchData, 1);
  data->client = client;
  data->stack_name = g_strdup (stack_name);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wharf_status_fetch_async);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);
  g_task_run_in_thread (task, fetch_in_thread);
}

GPtrArray *
wharf_status_fetch_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wharf_status_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
