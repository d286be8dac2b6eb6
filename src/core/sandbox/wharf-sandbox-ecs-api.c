/* wharf-sandbox-ecs-api.c: the ECS JSON 1.1 API
 * (AmazonEC2ContainerServiceV20141113.*).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

static JsonArray *
json_array_member (SbxRequest *req, const char *name)
{
  JsonNode *node = req->json ? json_object_get_member (req->json, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Opaque tokens: the offset in the list. */
static guint
token_offset (const char *token)
{
  gsize len = 0;
  g_autofree guchar *raw = token ? g_base64_decode (token, &len) : NULL;
  g_autofree char *text = raw ? g_strndup ((const char *) raw, len) : NULL;

  return text && g_str_has_prefix (text, "offset:") ? (guint) atoi (text + 7) : 0;
}

static char *
make_token (guint offset)
{
  g_autofree char *text = g_strdup_printf ("offset:%u", offset);

  return g_base64_encode ((const guchar *) text, strlen (text));
}

static gboolean
cluster_or_fail (SbxRequest *req, SbxCluster **out)
{
  const char *name = sbx_json_string (req, "cluster");

  *out = sbx_ecs_cluster_find (req->state, name ? name : "default");
  if (*out == NULL || !g_str_equal ((*out)->status, "ACTIVE"))
    {
      sbx_reply_error (req, 400, "ClusterNotFoundException", "Cluster not found.");
      return FALSE;
    }
  return TRUE;
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_time (JsonBuilder *b, const char *name, gint64 usec)
{
  if (usec <= 0)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, sbx_json_time (usec));
}

static void
count_tasks (SbxState *state, const char *cluster_arn, int *running, int *pending, int *services)
{
  for (guint i = 0; i < state->services->len; i++)
    {
      SbxService *s = g_ptr_array_index (state->services, i);

      if (cluster_arn && !g_str_equal (s->cluster_arn, cluster_arn))
        continue;
      if (services && g_str_equal (s->status, "ACTIVE"))
        (*services)++;
      for (guint j = 0; j < s->tasks->len; j++)
        {
          SbxTask *t = g_ptr_array_index (s->tasks, j);

          if (g_str_equal (t->last_status, "RUNNING"))
            (*running)++;
          else if (!g_str_equal (t->last_status, "STOPPED"))
            (*pending)++;
        }
    }
}

static void
list_account_settings (SbxRequest *req)
{
  static const char * const names[] = { "serviceLongArnFormat", "taskLongArnFormat",
                                        "containerInstanceLongArnFormat", "awsvpcTrunking",
                                        "containerInsights" };
  const char *filter = sbx_json_string (req, "name");
  g_autofree char *principal = g_strdup_printf ("arn:aws:iam::%s:root", req->state->account_id);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "settings");
  json_builder_begin_array (b);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (filter && !g_str_equal (filter, names[i]))
        continue;
      json_builder_begin_object (b);
      add_string (b, "name", names[i]);
      add_string (b, "value", i < 3 ? "enabled" : "disabled");
      add_string (b, "principalArn", principal);
      add_string (b, "type", "aws_managed");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static void
describe_clusters (SbxRequest *req)
{
  JsonArray *names = json_array_member (req, "clusters");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) failures = g_ptr_array_new ();
  guint n = names ? json_array_get_length (names) : 1;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "clusters");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      const char *name = names ? json_array_get_string_element (names, i) : "default";
      SbxCluster *c = name ? sbx_ecs_cluster_find (req->state, name) : NULL;
      int running = 0, pending = 0, services = 0;

      if (c == NULL)
        {
          g_ptr_array_add (failures, (gpointer) (name ? name : ""));
          continue;
        }
      count_tasks (req->state, c->arn, &running, &pending, &services);
      json_builder_begin_object (b);
      add_string (b, "clusterArn", c->arn);
      add_string (b, "clusterName", c->name);
      add_string (b, "status", c->status);
      add_int (b, "registeredContainerInstancesCount", 0);
      add_int (b, "runningTasksCount", running);
      add_int (b, "pendingTasksCount", pending);
      add_int (b, "activeServicesCount", services);
      json_builder_set_member_name (b, "capacityProviders");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, "FARGATE");
      json_builder_add_string_value (b, "FARGATE_SPOT");
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "failures");
  json_builder_begin_array (b);
  for (guint i = 0; i < failures->len; i++)
    {
      g_autofree char *arn = g_strdup_printf ("arn:aws:ecs:%s:%s:cluster/%s", req->state->region,
                                              req->state->account_id, (char *) g_ptr_array_index (failures, i));
      json_builder_begin_object (b);
      add_string (b, "arn", arn);
      add_string (b, "reason", "MISSING");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

/* Pages ITEMS (char*) with maxResults/nextToken into MEMBER. */
static void
reply_page (SbxRequest *req, GPtrArray *items, const char *member, gint64 max_default, gint64 max_limit)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gint64 max = sbx_json_int (req, "maxResults", max_default);
  guint offset = token_offset (sbx_json_string (req, "nextToken"));
  guint end;

  if (max < 1 || max > max_limit)
    {
      g_autofree char *m = g_strdup_printf ("maxResults must be between 1 and %" G_GINT64_FORMAT ".", max_limit);
      sbx_reply_error (req, 400, "InvalidParameterException", m);
      return;
    }
  end = MIN (items->len, offset + (guint) max);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = offset; i < end; i++)
    json_builder_add_string_value (b, g_ptr_array_index (items, i));
  json_builder_end_array (b);
  if (end < items->len)
    {
      g_autofree char *token = make_token (end);
      add_string (b, "nextToken", token);
    }
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static void
list_services (SbxRequest *req)
{
  g_autoptr(GPtrArray) arns = g_ptr_array_new ();
  SbxCluster *c;

  if (!cluster_or_fail (req, &c))
    return;
  for (guint i = 0; i < req->state->services->len; i++)
    {
      SbxService *s = g_ptr_array_index (req->state->services, i);

      if (g_str_equal (s->cluster_arn, c->arn) && !g_str_equal (s->status, "INACTIVE"))
        g_ptr_array_add (arns, s->arn);
    }
  reply_page (req, arns, "serviceArns", 10, 100);
}

static void
add_service (JsonBuilder *b, SbxState *state, SbxService *s)
{
  int running = 0, pending = 0;

  for (guint j = 0; j < s->tasks->len; j++)
    {
      SbxTask *t = g_ptr_array_index (s->tasks, j);

      if (g_str_equal (t->desired_status, "RUNNING") && g_str_equal (t->last_status, "RUNNING"))
        running++;
      else if (g_str_equal (t->desired_status, "RUNNING"))
        pending++;
    }
  json_builder_begin_object (b);
  add_string (b, "serviceArn", s->arn);
  add_string (b, "serviceName", s->name);
  add_string (b, "clusterArn", s->cluster_arn);
  add_string (b, "status", s->status);
  add_int (b, "desiredCount", s->desired);
  add_int (b, "runningCount", running);
  add_int (b, "pendingCount", pending);
  add_string (b, "launchType", s->launch_type);
  add_string (b, "taskDefinition", s->task_def_arn);
  add_time (b, "createdAt", s->created);
  if (s->load_balancers)
    {
      json_builder_set_member_name (b, "loadBalancers");
      json_builder_add_value (b, json_node_copy (s->load_balancers));
    }
  json_builder_set_member_name (b, "deployments");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "id", s->deployment_id);
  add_string (b, "status", "PRIMARY");
  add_string (b, "taskDefinition", s->task_def_arn);
  add_int (b, "desiredCount", s->desired);
  add_int (b, "runningCount", running);
  add_int (b, "pendingCount", pending);
  add_int (b, "failedTasks", 0);
  add_string (b, "rolloutState", s->steady ? "COMPLETED" : "IN_PROGRESS");
  add_string (b, "rolloutStateReason", s->steady ? "ECS deployment ecs-svc completed."
                                                 : "ECS deployment ecs-svc in progress.");
  add_string (b, "launchType", s->launch_type);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = s->events->len; i > 0; i--)
    {
      SbxPair *e = g_ptr_array_index (s->events, i - 1);
      g_autofree char *id = g_strdup_printf ("%08x-%s", g_str_hash (e->value) ^ (guint) i, e->key);

      json_builder_begin_object (b);
      add_string (b, "id", id);
      add_time (b, "createdAt", g_ascii_strtoll (e->key, NULL, 10));
      add_string (b, "message", e->value);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (s->network)
    {
      /* CloudFormation spells it AwsvpcConfiguration; the API lower-camel */
      g_autofree char *text = json_to_string (s->network, FALSE);
      json_builder_set_member_name (b, "networkConfiguration");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "awsvpcConfiguration");
      json_builder_begin_object (b);
      add_string (b, "assignPublicIp", strstr (text, "ENABLED") ? "ENABLED" : "DISABLED");
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
describe_services (SbxRequest *req)
{
  JsonArray *names = json_array_member (req, "services");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) failures = g_ptr_array_new ();
  SbxCluster *c;

  if (!cluster_or_fail (req, &c))
    return;
  if (names == NULL || json_array_get_length (names) == 0 || json_array_get_length (names) > 10)
    {
      sbx_reply_error (req, 400, "InvalidParameterException",
                       names ? "services can have at most 10 items." : "Services cannot be empty.");
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "services");
  json_builder_begin_array (b);
  for (guint i = 0; i < json_array_get_length (names); i++)
    {
      const char *name = json_array_get_string_element (names, i);
      SbxService *s = name ? sbx_ecs_service_find (req->state, c->arn, name) : NULL;

      if (s == NULL)
        g_ptr_array_add (failures, (gpointer) (name ? name : ""));
      else
        add_service (b, req->state, s);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "failures");
  json_builder_begin_array (b);
  for (guint i = 0; i < failures->len; i++)
    {
      const char *name = g_ptr_array_index (failures, i);
      g_autofree char *arn = g_str_has_prefix (name, "arn:") ? g_strdup (name)
        : g_strdup_printf ("arn:aws:ecs:%s:%s:service/%s/%s", req->state->region, req->state->account_id, c->name, name);

      json_builder_begin_object (b);
      add_string (b, "arn", arn);
      add_string (b, "reason", "MISSING");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static void
list_tasks (SbxRequest *req)
{
  g_autoptr(GPtrArray) arns = g_ptr_array_new ();
  const char *service = sbx_json_string (req, "serviceName");
  const char *family = sbx_json_string (req, "family");
  const char *desired = sbx_json_string (req, "desiredStatus");
  SbxCluster *c;

  if (!cluster_or_fail (req, &c))
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
  reply_page (req, arns, "taskArns", 100, 100);
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
  add_string (b, "taskArn", t->arn);
  add_string (b, "clusterArn", s->cluster_arn);
  add_string (b, "taskDefinitionArn", td ? td->arn : s->task_def_arn);
  add_string (b, "lastStatus", t->last_status);
  add_string (b, "desiredStatus", t->desired_status);
  add_string (b, "healthStatus", t->health);
  add_string (b, "launchType", s->launch_type);
  add_string (b, "group", group);
  add_string (b, "startedBy", s->deployment_id);
  add_string (b, "stoppedReason", t->stopped_reason);
  add_string (b, "stopCode", t->stopped_reason ? t->stop_code : NULL);
  add_time (b, "createdAt", t->created);
  add_time (b, "startedAt", t->started);
  add_time (b, "stoppedAt", t->stopped);
  if (td && td->properties)
    {
      JsonObject *p = json_node_get_object (td->properties);
      add_string (b, "cpu", json_object_get_string_member_with_default (p, "Cpu", NULL));
      add_string (b, "memory", json_object_get_string_member_with_default (p, "Memory", NULL));
    }
  json_builder_set_member_name (b, "containers");
  json_builder_begin_array (b);
  for (guint i = 0; containers && i < json_array_get_length (containers); i++)
    {
      JsonObject *c = json_array_get_object_element (containers, i);
      gboolean stopped = g_str_equal (t->last_status, "STOPPED");

      json_builder_begin_object (b);
      add_string (b, "name", json_object_get_string_member_with_default (c, "Name", "app"));
      add_string (b, "image", json_object_get_string_member_with_default (c, "Image", ""));
      add_string (b, "lastStatus", stopped ? "STOPPED" : g_str_equal (t->last_status, "RUNNING") ? "RUNNING" : "PENDING");
      add_string (b, "healthStatus", t->health);
      add_string (b, "taskArn", t->arn);
      if (stopped)
        {
          add_int (b, "exitCode", t->exit_code);
          if (t->exit_code != 0)
            add_string (b, "reason", t->stopped_reason);
        }
      json_builder_set_member_name (b, "networkInterfaces");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_string (b, "privateIpv4Address", t->private_ip);
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "attachments");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "type", "ElasticNetworkInterface");
  add_string (b, "status", g_str_equal (t->last_status, "STOPPED") ? "DELETED" : "ATTACHED");
  json_builder_set_member_name (b, "details");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "name", "privateIPv4Address");
  add_string (b, "value", t->private_ip);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
describe_tasks (SbxRequest *req)
{
  JsonArray *ids = json_array_member (req, "tasks");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) failures = g_ptr_array_new ();
  SbxCluster *c;

  if (!cluster_or_fail (req, &c))
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
      add_string (b, "arn", g_ptr_array_index (failures, i));
      add_string (b, "reason", "MISSING");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static void
delete_capacity_provider (SbxRequest *req)
{
  const char *name = sbx_json_string (req, "capacityProvider");
  g_autoptr(JsonBuilder) b = json_builder_new ();

  for (guint i = 0; name && i < req->state->stacks->len; i++)
    {
      SbxStack *stack = g_ptr_array_index (req->state->stacks, i);

      for (guint j = 0; j < stack->resources->len; j++)
        {
          SbxResource *res = g_ptr_array_index (stack->resources, j);
          const char *arn = g_hash_table_lookup (res->attributes, "Arn");

          if (!g_str_equal (res->type, "AWS::ECS::CapacityProvider") || !res->exists ||
              (g_strcmp0 (res->physical_id, name) != 0 && g_strcmp0 (arn, name) != 0))
            continue;
          res->exists = FALSE;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "capacityProvider");
          json_builder_begin_object (b);
          add_string (b, "capacityProviderArn", arn);
          add_string (b, "name", res->physical_id);
          add_string (b, "status", "ACTIVE");
          add_string (b, "updateStatus", "DELETE_IN_PROGRESS");
          json_builder_end_object (b);
          json_builder_end_object (b);
          sbx_reply_json (req, 200, json_builder_get_root (b));
          return;
        }
    }
  sbx_reply_error (req, 400, "ClientException", "The specified capacity provider does not exist.");
}

gboolean
sbx_handle_ecs (SbxRequest *req)
{
  if (g_str_equal (req->operation, "ListAccountSettings"))
    list_account_settings (req);
  else if (g_str_equal (req->operation, "DescribeClusters"))
    describe_clusters (req);
  else if (g_str_equal (req->operation, "ListServices"))
    list_services (req);
  else if (g_str_equal (req->operation, "DescribeServices"))
    describe_services (req);
  else if (g_str_equal (req->operation, "ListTasks"))
    list_tasks (req);
  else if (g_str_equal (req->operation, "DescribeTasks"))
    describe_tasks (req);
  else if (g_str_equal (req->operation, "DeleteCapacityProvider"))
    delete_capacity_provider (req);
  else
    return FALSE;
  return TRUE;
}
