/* wharf-sandbox-ecs-tasks.c: the tasks of the ECS JSON 1.1 API: ListTasks
 * (by service and desired status, paged) and DescribeTasks (containers,
 * health, stop codes and reasons).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

static void
list_tasks (SbxRequest *req)
{
  g_autoptr(GPtrArray) arns = g_ptr_array_new ();
  const char *service = sbx_json_string (req, "serviceName");
  const char *family = sbx_json_string (req, "family");
  const char *desired = sbx_json_string (req, "desiredStatus");
  SbxCluster *c;

  if (!sbx_ecs_cluster_or_fail (req, &c))
    return;
  if (service && sbx_ecs_service_find (req->state, c->arn, service) == NULL)
    {
      sbx_reply_error (req, 400, "ServiceNotFoundException", "Service not found.");
      return;
    }
  for (guint i = 0; i < req->state->services->len; i++)
    {
      SbxService *s = g_ptr_array_index (req->state->services, i);
      SbxTaskDef *td = sbx_ecs_task_def_find (req->state, s->task_def_arn);

      if (!g_str_equal (s->cluster_arn, c->arn) ||
          (service && !g_str_equal (s->name, service) && !g_str_equal (s->arn, service)) ||
          (family && (td == NULL || !g_str_equal (td->family, family))))
        continue;
      for (guint j = 0; j < s->tasks->len; j++)
        {
          SbxTask *t = g_ptr_array_index (s->tasks, j);
          gboolean stopped = g_str_equal (t->desired_status, "STOPPED");

          if (stopped == (g_strcmp0 (desired, "STOPPED") == 0))
            g_ptr_array_add (arns, t->arn);
        }
    }
  sbx_ecs_reply_page (req, arns, "taskArns", 100, 100);
}

/* ECS knows the health of a container only through its health check. */
gboolean
sbx_ecs_container_has_health_check (JsonObject *container)
{
  JsonNode *check = container != NULL ? json_object_get_member (container, "HealthCheck") : NULL;

  return check != NULL && JSON_NODE_HOLDS_OBJECT (check);
}

const char *
sbx_ecs_container_health (SbxTask    *t,
                          JsonObject *container)
{
  return sbx_ecs_container_has_health_check (container) ? t->health : "UNKNOWN";
}

static void
add_task (JsonBuilder *b, SbxState *state, SbxService *s, SbxTask *t)
{
  JsonArray *containers = NULL;
  SbxTaskDef *td = sbx_ecs_task_def_find (state, s->task_def_arn);
  g_autofree char *group = g_strdup_printf ("service:%s", s->name);

  if (td && td->properties && JSON_NODE_HOLDS_OBJECT (td->properties) &&
      json_object_has_member (json_node_get_object (td->properties), "ContainerDefinitions"))
    containers = json_object_get_array_member (json_node_get_object (td->properties), "ContainerDefinitions");
  json_builder_begin_object (b);
  sbx_json_add_string (b, "taskArn", t->arn);
  sbx_json_add_string (b, "clusterArn", s->cluster_arn);
  sbx_json_add_string (b, "taskDefinitionArn", td ? td->arn : s->task_def_arn);
  sbx_json_add_string (b, "lastStatus", t->last_status);
  sbx_json_add_string (b, "desiredStatus", t->desired_status);
  sbx_json_add_string (b, "healthStatus", t->health);
  sbx_json_add_string (b, "launchType", s->launch_type);
  sbx_json_add_string (b, "group", group);
  sbx_json_add_string (b, "startedBy", s->deployment_id);
  sbx_json_add_string (b, "stoppedReason", t->stopped_reason);
  sbx_json_add_string (b, "stopCode", t->stopped_reason ? t->stop_code : NULL);
  sbx_json_add_time (b, "createdAt", t->created);
  sbx_json_add_time (b, "startedAt", t->started);
  sbx_json_add_time (b, "stoppedAt", t->stopped);
  if (td && td->properties)
    {
      JsonObject *p = json_node_get_object (td->properties);
      sbx_json_add_string (b, "cpu", json_object_get_string_member_with_default (p, "Cpu", NULL));
      sbx_json_add_string (b, "memory", json_object_get_string_member_with_default (p, "Memory", NULL));
    }
  json_builder_set_member_name (b, "containers");
  json_builder_begin_array (b);
  for (guint i = 0; containers && i < json_array_get_length (containers); i++)
    {
      JsonObject *c = json_array_get_object_element (containers, i);
      gboolean stopped = g_str_equal (t->last_status, "STOPPED");

      json_builder_begin_object (b);
      sbx_json_add_string (b, "name", json_object_get_string_member_with_default (c, "Name", "app"));
      sbx_json_add_string (b, "image", json_object_get_string_member_with_default (c, "Image", ""));
      sbx_json_add_string (b, "lastStatus", stopped ? "STOPPED" : g_str_equal (t->last_status, "RUNNING") ? "RUNNING" : "PENDING");
      sbx_json_add_string (b, "healthStatus", sbx_ecs_container_health (t, c));
      sbx_json_add_string (b, "taskArn", t->arn);
      if (stopped)
        {
          sbx_json_add_int (b, "exitCode", t->exit_code);
          if (t->exit_code != 0)
            sbx_json_add_string (b, "reason", t->stopped_reason);
        }
      json_builder_set_member_name (b, "networkInterfaces");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      sbx_json_add_string (b, "privateIpv4Address", t->private_ip);
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "attachments");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  sbx_json_add_string (b, "type", "ElasticNetworkInterface");
  sbx_json_add_string (b, "status", g_str_equal (t->last_status, "STOPPED") ? "DELETED" : "ATTACHED");
  json_builder_set_member_name (b, "details");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  sbx_json_add_string (b, "name", "privateIPv4Address");
  sbx_json_add_string (b, "value", t->private_ip);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
describe_tasks (SbxRequest *req)
{
  JsonArray *ids = sbx_ecs_json_array (req, "tasks");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) failures = g_ptr_array_new ();
  SbxCluster *c;

  if (!sbx_ecs_cluster_or_fail (req, &c))
    return;
  if (ids == NULL || json_array_get_length (ids) == 0 || json_array_get_length (ids) > 100)
    {
      sbx_reply_error (req, 400, "InvalidParameterException",
                       ids ? "Tasks can have at most 100 items." : "Tasks cannot be empty.");
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tasks");
  json_builder_begin_array (b);
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      const char *id = json_array_get_string_element (ids, i);
      gboolean found = FALSE;

      for (guint j = 0; id && !found && j < req->state->services->len; j++)
        {
          SbxService *s = g_ptr_array_index (req->state->services, j);

          for (guint k = 0; !found && g_str_equal (s->cluster_arn, c->arn) && k < s->tasks->len; k++)
            {
              SbxTask *t = g_ptr_array_index (s->tasks, k);

              if (g_str_equal (t->arn, id) || g_str_equal (t->id, id))
                {
                  add_task (b, req->state, s, t);
                  found = TRUE;
                }
            }
        }
      if (!found)
        g_ptr_array_add (failures, (gpointer) (id ? id : ""));
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "failures");
  json_builder_begin_array (b);
  for (guint i = 0; i < failures->len; i++)
    {
      json_builder_begin_object (b);
      sbx_json_add_string (b, "arn", g_ptr_array_index (failures, i));
      sbx_json_add_string (b, "reason", "MISSING");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

gboolean
sbx_handle_ecs_tasks (SbxRequest *req)
{
  if (g_str_equal (req->operation, "ListTasks"))
    list_tasks (req);
  else if (g_str_equal (req->operation, "DescribeTasks"))
    describe_tasks (req);
  else
    return FALSE;
  return TRUE;
}
