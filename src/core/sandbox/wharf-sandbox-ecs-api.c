/* wharf-sandbox-ecs-api.c: the ECS JSON 1.1 API
 * (AmazonEC2ContainerServiceV20141113.*): account settings, clusters,
 * services, capacity providers, and the helpers of its tasks
 * (wharf-sandbox-ecs-tasks.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

JsonArray *
sbx_ecs_json_array (SbxRequest *req, const char *name)
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

gboolean
sbx_ecs_cluster_or_fail (SbxRequest *req, SbxCluster **out)
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

void
sbx_json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

void
sbx_json_add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
sbx_json_add_time (JsonBuilder *b, const char *name, gint64 usec)
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
      sbx_json_add_string (b, "name", names[i]);
      sbx_json_add_string (b, "value", i < 3 ? "enabled" : "disabled");
      sbx_json_add_string (b, "principalArn", principal);
      sbx_json_add_string (b, "type", "aws_managed");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static void
describe_clusters (SbxRequest *req)
{
  JsonArray *names = sbx_ecs_json_array (req, "clusters");
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
      sbx_json_add_string (b, "clusterArn", c->arn);
      sbx_json_add_string (b, "clusterName", c->name);
      sbx_json_add_string (b, "status", c->status);
      sbx_json_add_int (b, "registeredContainerInstancesCount", 0);
      sbx_json_add_int (b, "runningTasksCount", running);
      sbx_json_add_int (b, "pendingTasksCount", pending);
      sbx_json_add_int (b, "activeServicesCount", services);
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
      sbx_json_add_string (b, "arn", arn);
      sbx_json_add_string (b, "reason", "MISSING");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

/* Pages ITEMS (char*) with maxResults/nextToken into MEMBER. */
void
sbx_ecs_reply_page (SbxRequest *req, GPtrArray *items, const char *member, gint64 max_default, gint64 max_limit)
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
      sbx_json_add_string (b, "nextToken", token);
    }
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static void
list_services (SbxRequest *req)
{
  g_autoptr(GPtrArray) arns = g_ptr_array_new ();
  SbxCluster *c;

  if (!sbx_ecs_cluster_or_fail (req, &c))
    return;
  for (guint i = 0; i < req->state->services->len; i++)
    {
      SbxService *s = g_ptr_array_index (req->state->services, i);

      if (g_str_equal (s->cluster_arn, c->arn) && !g_str_equal (s->status, "INACTIVE"))
        g_ptr_array_add (arns, s->arn);
    }
  sbx_ecs_reply_page (req, arns, "serviceArns", 10, 100);
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
  sbx_json_add_string (b, "serviceArn", s->arn);
  sbx_json_add_string (b, "serviceName", s->name);
  sbx_json_add_string (b, "clusterArn", s->cluster_arn);
  sbx_json_add_string (b, "status", s->status);
  sbx_json_add_int (b, "desiredCount", s->desired);
  sbx_json_add_int (b, "runningCount", running);
  sbx_json_add_int (b, "pendingCount", pending);
  sbx_json_add_string (b, "launchType", s->launch_type);
  sbx_json_add_string (b, "taskDefinition", s->task_def_arn);
  sbx_json_add_time (b, "createdAt", s->created);
  if (s->load_balancers)
    {
      json_builder_set_member_name (b, "loadBalancers");
      json_builder_add_value (b, json_node_copy (s->load_balancers));
    }
  json_builder_set_member_name (b, "deployments");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  sbx_json_add_string (b, "id", s->deployment_id);
  sbx_json_add_string (b, "status", "PRIMARY");
  sbx_json_add_string (b, "taskDefinition", s->task_def_arn);
  sbx_json_add_int (b, "desiredCount", s->desired);
  sbx_json_add_int (b, "runningCount", running);
  sbx_json_add_int (b, "pendingCount", pending);
  sbx_json_add_int (b, "failedTasks", 0);
  sbx_json_add_string (b, "rolloutState", s->steady ? "COMPLETED" : "IN_PROGRESS");
  sbx_json_add_string (b, "rolloutStateReason", s->steady ? "ECS deployment ecs-svc completed."
                                                 : "ECS deployment ecs-svc in progress.");
  sbx_json_add_string (b, "launchType", s->launch_type);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = s->events->len; i > 0; i--)
    {
      SbxPair *e = g_ptr_array_index (s->events, i - 1);
      g_autofree char *id = g_strdup_printf ("%08x-%s", g_str_hash (e->value) ^ (guint) i, e->key);

      json_builder_begin_object (b);
      sbx_json_add_string (b, "id", id);
      sbx_json_add_time (b, "createdAt", g_ascii_strtoll (e->key, NULL, 10));
      sbx_json_add_string (b, "message", e->value);
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
      sbx_json_add_string (b, "assignPublicIp", strstr (text, "ENABLED") ? "ENABLED" : "DISABLED");
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
describe_services (SbxRequest *req)
{
  JsonArray *names = sbx_ecs_json_array (req, "services");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) failures = g_ptr_array_new ();
  SbxCluster *c;

  if (!sbx_ecs_cluster_or_fail (req, &c))
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
      sbx_json_add_string (b, "arn", arn);
      sbx_json_add_string (b, "reason", "MISSING");
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
          sbx_json_add_string (b, "capacityProviderArn", arn);
          sbx_json_add_string (b, "name", res->physical_id);
          sbx_json_add_string (b, "status", "ACTIVE");
          sbx_json_add_string (b, "updateStatus", "DELETE_IN_PROGRESS");
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
  else if (sbx_handle_ecs_tasks (req))
    ;
  else if (g_str_equal (req->operation, "DeleteCapacityProvider"))
    delete_capacity_provider (req);
  else
    return FALSE;
  return TRUE;
}
