/* wharf-aws-ecs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-aws-client-private.h"
#include "wharf-aws-ecs.h"
#include "wharf-aws-json.h"

#define ECS WHARF_AWS_SERVICE_ECS
#define DESCRIBE_SERVICES_BATCH 10
#define DESCRIBE_TASKS_BATCH 100

void
wharf_ecs_cluster_free (WharfEcsCluster *cluster)
{
  if (cluster == NULL)
    return;
  g_free (cluster->arn);
  g_free (cluster->name);
  g_free (cluster->status);
  g_clear_pointer (&cluster->raw, json_node_unref);
  g_free (cluster);
}

static void
deployment_free (WharfEcsDeployment *deployment)
{
  g_free (deployment->id);
  g_free (deployment->status);
  g_free (deployment->rollout_state);
  g_free (deployment->rollout_state_reason);
  g_free (deployment->task_definition);
  g_free (deployment);
}

static void
service_event_free (WharfEcsServiceEvent *event)
{
  g_free (event->id);
  g_free (event->message);
  g_clear_pointer (&event->created_at, g_date_time_unref);
  g_free (event);
}

void
wharf_ecs_service_free (WharfEcsService *service)
{
  if (service == NULL)
    return;
  g_free (service->arn);
  g_free (service->name);
  g_free (service->cluster_arn);
  g_free (service->status);
  g_free (service->task_definition);
  g_free (service->launch_type);
  g_ptr_array_unref (service->deployments);
  g_ptr_array_unref (service->events);
  g_clear_pointer (&service->raw, json_node_unref);
  g_free (service);
}

static void
container_free (WharfEcsContainer *container)
{
  g_free (container->name);
  g_free (container->last_status);
  g_free (container->health_status);
  g_free (container->reason);
  g_free (container);
}

void
wharf_ecs_task_free (WharfEcsTask *task)
{
  if (task == NULL)
    return;
  g_free (task->arn);
  g_free (task->cluster_arn);
  g_free (task->task_definition_arn);
  g_free (task->group);
  g_free (task->last_status);
  g_free (task->desired_status);
  g_free (task->health_status);
  g_free (task->stopped_reason);
  g_free (task->stop_code);
  g_free (task->private_ip);
  g_clear_pointer (&task->started_at, g_date_time_unref);
  g_clear_pointer (&task->stopped_at, g_date_time_unref);
  g_ptr_array_unref (task->containers);
  g_clear_pointer (&task->raw, json_node_unref);
  g_free (task);
}

static JsonNode *
raw_copy (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return node;
}

static char *
dup_string (JsonObject *object,
            const char *member)
{
  return g_strdup (wharf_aws_json_get_string (object, member));
}

WharfEcsService *
wharf_ecs_service_from_json (JsonObject *object)
{
  WharfEcsService *service = g_new0 (WharfEcsService, 1);
  JsonArray *deployments = wharf_aws_json_get_array (object, "deployments");
  JsonArray *events = wharf_aws_json_get_array (object, "events");

  service->arn = dup_string (object, "serviceArn");
  service->name = dup_string (object, "serviceName");
  service->cluster_arn = dup_string (object, "clusterArn");
  service->status = dup_string (object, "status");
  service->task_definition = dup_string (object, "taskDefinition");
  service->launch_type = dup_string (object, "launchType");
  service->desired_count = wharf_aws_json_get_int (object, "desiredCount", 0);
  service->running_count = wharf_aws_json_get_int (object, "runningCount", 0);
  service->pending_count = wharf_aws_json_get_int (object, "pendingCount", 0);
  service->deployments = g_ptr_array_new_with_free_func ((GDestroyNotify) deployment_free);
  service->events = g_ptr_array_new_with_free_func ((GDestroyNotify) service_event_free);
  for (guint i = 0; deployments != NULL && i < json_array_get_length (deployments); i++)
    {
      JsonObject *d = json_array_get_object_element (deployments, i);
      WharfEcsDeployment *deployment;

      if (d == NULL)
        continue;
      deployment = g_new0 (WharfEcsDeployment, 1);
      deployment->id = dup_string (d, "id");
      deployment->status = dup_string (d, "status");
      deployment->rollout_state = dup_string (d, "rolloutState");
      deployment->rollout_state_reason = dup_string (d, "rolloutStateReason");
      deployment->task_definition = dup_string (d, "taskDefinition");
      deployment->desired_count = wharf_aws_json_get_int (d, "desiredCount", 0);
      deployment->running_count = wharf_aws_json_get_int (d, "runningCount", 0);
      deployment->pending_count = wharf_aws_json_get_int (d, "pendingCount", 0);
      deployment->failed_tasks = wharf_aws_json_get_int (d, "failedTasks", 0);
      g_ptr_array_add (service->deployments, deployment);
    }
  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);
      WharfEcsServiceEvent *event;

      if (e == NULL)
        continue;
      event = g_new0 (WharfEcsServiceEvent, 1);
      event->id = dup_string (e, "id");
      event->message = dup_string (e, "message");
      event->created_at = wharf_aws_json_get_datetime (e, "createdAt", FALSE);
      g_ptr_array_add (service->events, event);
    }
  service->raw = raw_copy (object);
  return service;
}

/* The private IPv4 address from the task's ENI attachment. */
static char *
task_private_ip (JsonObject *object)
{
  JsonArray *attachments = wharf_aws_json_get_array (object, "attachments");

  for (guint i = 0; attachments != NULL && i < json_array_get_length (attachments); i++)
    {
      JsonObject *attachment = json_array_get_object_element (attachments, i);
      JsonArray *details = wharf_aws_json_get_array (attachment, "details");

      for (guint j = 0; details != NULL && j < json_array_get_length (details); j++)
        {
          JsonObject *detail = json_array_get_object_element (details, j);

          if (g_strcmp0 (wharf_aws_json_get_string (detail, "name"), "privateIPv4Address") == 0)
            return dup_string (detail, "value");
        }
    }
  return NULL;
}

WharfEcsTask *
wharf_ecs_task_from_json (JsonObject *object)
{
  WharfEcsTask *task = g_new0 (WharfEcsTask, 1);
  JsonArray *containers = wharf_aws_json_get_array (object, "containers");

  task->arn = dup_string (object, "taskArn");
  task->cluster_arn = dup_string (object, "clusterArn");
  task->task_definition_arn = dup_string (object, "taskDefinitionArn");
  task->group = dup_string (object, "group");
  task->last_status = dup_string (object, "lastStatus");
  task->desired_status = dup_string (object, "desiredStatus");
  task->health_status = dup_string (object, "healthStatus");
  task->stopped_reason = dup_string (object, "stoppedReason");
  task->stop_code = dup_string (object, "stopCode");
  task->private_ip = task_private_ip (object);
  task->started_at = wharf_aws_json_get_datetime (object, "startedAt", FALSE);
  task->stopped_at = wharf_aws_json_get_datetime (object, "stoppedAt", FALSE);
  task->containers = g_ptr_array_new_with_free_func ((GDestroyNotify) container_free);
  for (guint i = 0; containers != NULL && i < json_array_get_length (containers); i++)
    {
      JsonObject *c = json_array_get_object_element (containers, i);
      WharfEcsContainer *container;

      if (c == NULL)
        continue;
      container = g_new0 (WharfEcsContainer, 1);
      container->name = dup_string (c, "name");
      container->last_status = dup_string (c, "lastStatus");
      container->health_status = dup_string (c, "healthStatus");
      container->reason = dup_string (c, "reason");
      container->exit_code = wharf_aws_json_get_int (c, "exitCode", -1);
      g_ptr_array_add (task->containers, container);
    }
  task->raw = raw_copy (object);
  return task;
}

GHashTable *
wharf_ecs_list_account_settings (WharfAwsClient  *client,
                                 const char      *name,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonArray) settings = NULL;
  GHashTable *table;

  json_object_set_boolean_member (input, "effectiveSettings", TRUE);
  wharf_aws_json_set_string (input, "name", name);
  settings = wharf_aws_client_json_list_all (client, ECS, "ListAccountSettings", input, "nextToken",
                                             NULL, "settings", cancellable, error);
  if (settings == NULL)
    return NULL;
  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (settings); i++)
    {
      JsonObject *setting = json_array_get_object_element (settings, i);
      const char *key = wharf_aws_json_get_string (setting, "name");

      if (key != NULL)
        g_hash_table_replace (table, g_strdup (key), dup_string (setting, "value"));
    }
  return table;
}

static JsonNode *
describe_body (const char         *cluster,
               const char         *list_member,
               const char * const *names,
               gsize               offset,
               gsize               count)
{
  JsonNode *body = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();

  for (gsize i = offset; i < offset + count; i++)
    json_array_add_string_element (array, names[i]);
  wharf_aws_json_set_string (object, "cluster", cluster);
  json_object_set_array_member (object, list_member, array);
  json_node_take_object (body, object);
  return body;
}

GPtrArray *
wharf_ecs_describe_clusters (WharfAwsClient      *client,
                             const char * const  *clusters,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autoptr(JsonNode) body = describe_body (NULL, "clusters", clusters, 0,
                                            clusters != NULL ? g_strv_length ((char **) clusters) : 0);
  g_autoptr(WharfAwsResponse) response = NULL;
  GPtrArray *result;
  JsonObject *object;
  JsonArray *array;

  response = wharf_aws_client_call (client, wharf_aws_request_new_json (ECS, "DescribeClusters", body),
                                    cancellable, error);
  if (response == NULL || (object = wharf_aws_response_json_object (response, error)) == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_ecs_cluster_free);
  array = wharf_aws_json_get_array (object, "clusters");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *c = json_array_get_object_element (array, i);
      WharfEcsCluster *cluster;

      if (c == NULL)
        continue;
      cluster = g_new0 (WharfEcsCluster, 1);
      cluster->arn = dup_string (c, "clusterArn");
      cluster->name = dup_string (c, "clusterName");
      cluster->status = dup_string (c, "status");
      cluster->running_tasks = wharf_aws_json_get_int (c, "runningTasksCount", 0);
      cluster->pending_tasks = wharf_aws_json_get_int (c, "pendingTasksCount", 0);
      cluster->active_services = wharf_aws_json_get_int (c, "activeServicesCount", 0);
      cluster->raw = raw_copy (c);
      g_ptr_array_add (result, cluster);
    }
  return result;
}

static GStrv
strv_from_array (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

GStrv
wharf_ecs_list_services (WharfAwsClient  *client,
                         const char      *cluster,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonArray) arns = NULL;

  wharf_aws_json_set_string (input, "cluster", cluster);
  json_object_set_int_member (input, "maxResults", 100);
  arns = wharf_aws_client_json_list_all (client, ECS, "ListServices", input, "nextToken", NULL,
                                         "serviceArns", cancellable, error);
  return arns != NULL ? strv_from_array (arns) : NULL;
}

GStrv
wharf_ecs_list_tasks (WharfAwsClient  *client,
                      const char      *cluster,
                      const char      *service_name,
                      const char      *desired_status,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonArray) arns = NULL;

  wharf_aws_json_set_string (input, "cluster", cluster);
  wharf_aws_json_set_string (input, "serviceName", service_name);
  wharf_aws_json_set_string (input, "desiredStatus", desired_status);
  json_object_set_int_member (input, "maxResults", 100);
  arns = wharf_aws_client_json_list_all (client, ECS, "ListTasks", input, "nextToken", NULL,
                                         "taskArns", cancellable, error);
  return arns != NULL ? strv_from_array (arns) : NULL;
}

/* DescribeServices / DescribeTasks in batches; asynchronous so the GUI
 * can refresh its status page without blocking. */
typedef struct {
  char       *cluster;
  GStrv       names;
  gsize       offset;
  gboolean    tasks;
  GPtrArray  *items;
} BatchState;

static void
batch_state_free (BatchState *state)
{
  g_free (state->cluster);
  g_strfreev (state->names);
  g_ptr_array_unref (state->items);
  g_free (state);
}

static void on_batch_done (GObject *source, GAsyncResult *result, gpointer user_data);

static void
send_batch (GTask *task)
{
  BatchState *state = g_task_get_task_data (task);
  gsize total = g_strv_length (state->names);
  gsize count = MIN (total - state->offset, state->tasks ? DESCRIBE_TASKS_BATCH : DESCRIBE_SERVICES_BATCH);
  g_autoptr(JsonNode) body = NULL;

  if (count == 0)
    {
      g_task_return_pointer (task, g_ptr_array_ref (state->items), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  body = describe_body (state->cluster, state->tasks ? "tasks" : "services",
                        (const char * const *) state->names, state->offset, count);
  state->offset += count;
  wharf_aws_client_call_async (g_task_get_source_object (task),
                               wharf_aws_request_new_json (ECS, state->tasks ? "DescribeTasks" : "DescribeServices", body),
                               g_task_get_cancellable (task), on_batch_done, g_object_ref (task));
}

static void
on_batch_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BatchState *state = g_task_get_task_data (task);
  g_autoptr(WharfAwsResponse) response = NULL;
  GError *error = NULL;
  JsonObject *object;
  JsonArray *array;

  response = wharf_aws_client_call_finish (WHARF_AWS_CLIENT (source), result, &error);
  if (response == NULL || (object = wharf_aws_response_json_object (response, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  array = wharf_aws_json_get_array (object, state->tasks ? "tasks" : "services");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (item != NULL)
        g_ptr_array_add (state->items, state->tasks ? (gpointer) wharf_ecs_task_from_json (item)
                                                    : (gpointer) wharf_ecs_service_from_json (item));
    }
  send_batch (task);
}

static void
describe_batched_async (WharfAwsClient      *client,
                        const char          *cluster,
                        const char * const  *names,
                        gboolean             tasks,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  BatchState *state = g_new0 (BatchState, 1);

  g_task_set_source_tag (task, describe_batched_async);
  state->cluster = g_strdup (cluster);
  state->names = g_strdupv ((char **) names);
  if (state->names == NULL)
    state->names = g_new0 (char *, 1);
  state->tasks = tasks;
  state->items = g_ptr_array_new_with_free_func (tasks ? (GDestroyNotify) wharf_ecs_task_free
                                                       : (GDestroyNotify) wharf_ecs_service_free);
  g_task_set_task_data (task, state, (GDestroyNotify) batch_state_free);
  send_batch (task);
}

void
wharf_ecs_describe_services_async (WharfAwsClient      *client,
                                   const char          *cluster,
                                   const char * const  *services,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  describe_batched_async (client, cluster, services, FALSE, cancellable, callback, user_data);
}

GPtrArray *
wharf_ecs_describe_services_finish (WharfAwsClient  *client,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GPtrArray *
describe_batched (WharfAwsClient      *client,
                  const char          *cluster,
                  const char * const  *names,
                  gboolean             tasks,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context = wharf_aws_client_sync_begin (client);
  GPtrArray *items;

  describe_batched_async (client, cluster, names, tasks, cancellable,
                          wharf_aws_client_sync_done, &result);
  wharf_aws_client_sync_wait (context, &result);
  items = g_task_propagate_pointer (G_TASK (result), error);
  wharf_aws_client_sync_end (context);
  return items;
}

GPtrArray *
wharf_ecs_describe_services (WharfAwsClient      *client,
                             const char          *cluster,
                             const char * const  *services,
                             GCancellable        *cancellable,
                             GError             **error)
{
  return describe_batched (client, cluster, services, FALSE, cancellable, error);
}

GPtrArray *
wharf_ecs_describe_tasks (WharfAwsClient      *client,
                          const char          *cluster,
                          const char * const  *tasks,
                          GCancellable        *cancellable,
                          GError             **error)
{
  return describe_batched (client, cluster, tasks, TRUE, cancellable, error);
}

gboolean
wharf_ecs_delete_capacity_provider (WharfAwsClient  *client,
                                    const char      *capacity_provider,
                                    GCancellable    *cancellable,
                                    GError         **error)
{
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(WharfAwsResponse) response = NULL;
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "capacityProvider", capacity_provider);
  json_node_take_object (body, object);
  response = wharf_aws_client_call (client, wharf_aws_request_new_json (ECS, "DeleteCapacityProvider", body),
                                    cancellable, error);
  return response != NULL;
}
