/* test-aws-ecs.c: typed ECS and CloudWatch Logs calls against canned JSON
 * 1.1 responses: targets, bodies, batching, paging, decoding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-aws-client-server.h"
#include "wharf-aws-ecs.h"
#include "wharf-aws-json.h"
#include "wharf-aws-logs.h"

#define JSON_TYPE "application/x-amz-json-1.1"

static JsonObject *
request_json (WharfTestRequest *request,
              JsonNode        **out_root)
{
  *out_root = wharf_aws_json_parse (request->body, strlen (request->body), NULL);
  g_assert_nonnull (*out_root);
  return wharf_aws_json_root_object (*out_root);
}

static void
test_list_services_paged (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfTestRequest) second = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) arns = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;

  wharf_test_server_push (server, 200, JSON_TYPE, "{\"serviceArns\":[\"arn:s1\",\"arn:s2\"],\"nextToken\":\"n/2\"}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE, "{\"serviceArns\":[],\"nextToken\":\"n3\"}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE, "{\"serviceArns\":[\"arn:s3\"]}", NULL);
  arns = wharf_ecs_list_services (client, "demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (arns, ((const char *[]) { "arn:s1", "arn:s2", "arn:s3", NULL }));
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 3);

  second = wharf_test_server_get_request (server, 1);
  g_assert_cmpstr (soup_message_headers_get_one (second->headers, "X-Amz-Target"), ==,
                   "AmazonEC2ContainerServiceV20141113.ListServices");
  body = request_json (second, &root);
  g_assert_cmpstr (wharf_aws_json_get_string (body, "cluster"), ==, "demo");
  g_assert_cmpstr (wharf_aws_json_get_string (body, "nextToken"), ==, "n/2");
  g_assert_cmpint (wharf_aws_json_get_int (body, "maxResults", 0), ==, 100);
}

static void
test_describe_services_batches (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WharfTestRequest) first = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  WharfEcsService *service;
  WharfEcsDeployment *deployment;

  for (int i = 0; i < 12; i++)
    g_ptr_array_add (names, g_strdup_printf ("svc%d", i));
  g_ptr_array_add (names, NULL);
  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"services\":[{\"serviceName\":\"svc0\",\"serviceArn\":\"arn:svc0\",\"status\":\"ACTIVE\","
    "\"desiredCount\":2,\"runningCount\":1,\"pendingCount\":1,\"taskDefinition\":\"arn:td:3\","
    "\"deployments\":[{\"id\":\"ecs-svc/1\",\"status\":\"PRIMARY\",\"rolloutState\":\"IN_PROGRESS\","
    "\"desiredCount\":2,\"runningCount\":1,\"failedTasks\":3}],"
    "\"events\":[{\"id\":\"ev1\",\"createdAt\":1764230400.5,\"message\":\"(service svc0) has started 1 tasks\"}]}],"
    "\"failures\":[{\"arn\":\"arn:svc1\",\"reason\":\"MISSING\"}]}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE, "{\"services\":[{\"serviceName\":\"svc10\"}]}", NULL);
  services = wharf_ecs_describe_services (client, "demo", (const char * const *) names->pdata, NULL, &error);
  g_assert_no_error (error);
  /* 12 names: two calls (10 + 2). */
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 2);
  first = wharf_test_server_get_request (server, 0);
  g_assert_cmpuint (json_array_get_length (wharf_aws_json_get_array (request_json (first, &root), "services")), ==, 10);

  g_assert_cmpuint (services->len, ==, 2);
  service = g_ptr_array_index (services, 0);
  g_assert_cmpstr (service->name, ==, "svc0");
  g_assert_cmpint (service->desired_count, ==, 2);
  g_assert_cmpint (service->running_count, ==, 1);
  g_assert_cmpuint (service->deployments->len, ==, 1);
  deployment = g_ptr_array_index (service->deployments, 0);
  g_assert_cmpstr (deployment->rollout_state, ==, "IN_PROGRESS");
  g_assert_cmpint (deployment->failed_tasks, ==, 3);
  g_assert_cmpuint (service->events->len, ==, 1);
  g_assert_cmpint (g_date_time_to_unix (((WharfEcsServiceEvent *) g_ptr_array_index (service->events, 0))->created_at),
                   ==, 1764230400);
  g_assert_nonnull (service->raw);
}

static void
test_tasks (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) tasks = NULL;
  g_auto(GStrv) arns = NULL;
  g_autoptr(GError) error = NULL;
  WharfEcsTask *task;
  WharfEcsContainer *container;

  wharf_test_server_push (server, 200, JSON_TYPE, "{\"taskArns\":[\"arn:t1\"]}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"tasks\":[{\"taskArn\":\"arn:t1\",\"lastStatus\":\"STOPPED\",\"desiredStatus\":\"STOPPED\","
    "\"group\":\"service:web\",\"stoppedReason\":\"Essential container in task exited\","
    "\"stopCode\":\"EssentialContainerExited\",\"startedAt\":1764230400,\"stoppedAt\":1764230460,"
    "\"attachments\":[{\"type\":\"ElasticNetworkInterface\",\"details\":[{\"name\":\"subnetId\",\"value\":\"subnet-1\"},"
    "{\"name\":\"privateIPv4Address\",\"value\":\"10.0.1.7\"}]}],"
    "\"containers\":[{\"name\":\"web\",\"lastStatus\":\"STOPPED\",\"exitCode\":137,\"reason\":\"OOM\"},"
    "{\"name\":\"side\",\"lastStatus\":\"RUNNING\"}]}],\"failures\":[]}", NULL);
  arns = wharf_ecs_list_tasks (client, "demo", "web", "STOPPED", NULL, &error);
  g_assert_no_error (error);
  tasks = wharf_ecs_describe_tasks (client, "demo", (const char * const *) arns, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 1);
  task = g_ptr_array_index (tasks, 0);
  g_assert_cmpstr (task->group, ==, "service:web");
  g_assert_cmpstr (task->stop_code, ==, "EssentialContainerExited");
  g_assert_cmpstr (task->private_ip, ==, "10.0.1.7");
  g_assert_cmpint (g_date_time_difference (task->stopped_at, task->started_at), ==, 60 * G_USEC_PER_SEC);
  container = g_ptr_array_index (task->containers, 0);
  g_assert_cmpint (container->exit_code, ==, 137);
  g_assert_cmpstr (container->reason, ==, "OOM");
  container = g_ptr_array_index (task->containers, 1);
  g_assert_cmpint (container->exit_code, ==, -1);
}

static void
test_clusters_settings_capacity (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GHashTable) settings = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(WharfTestRequest) request = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  WharfEcsCluster *cluster;

  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"settings\":[{\"name\":\"serviceLongArnFormat\",\"value\":\"enabled\"}],\"nextToken\":\"s2\"}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"settings\":[{\"name\":\"containerInsights\",\"value\":\"disabled\"}]}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"clusters\":[{\"clusterArn\":\"arn:c\",\"clusterName\":\"demo\",\"status\":\"ACTIVE\","
    "\"runningTasksCount\":3,\"activeServicesCount\":2}],\"failures\":[{\"arn\":\"x\",\"reason\":\"MISSING\"}]}", NULL);
  wharf_test_server_push (server, 400, JSON_TYPE,
    "{\"__type\":\"ClientException\",\"message\":\"The specified capacity provider is in use\"}", NULL);

  settings = wharf_ecs_list_account_settings (client, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (settings, "serviceLongArnFormat"), ==, "enabled");
  g_assert_cmpstr (g_hash_table_lookup (settings, "containerInsights"), ==, "disabled");
  request = wharf_test_server_get_request (server, 0);
  g_assert_true (wharf_aws_json_get_bool (request_json (request, &root), "effectiveSettings", FALSE));

  clusters = wharf_ecs_describe_clusters (client, (const char *[]) { "demo", "x", NULL }, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, 1);
  cluster = g_ptr_array_index (clusters, 0);
  g_assert_cmpstr (cluster->name, ==, "demo");
  g_assert_cmpint (cluster->running_tasks, ==, 3);
  g_assert_cmpint (cluster->active_services, ==, 2);

  g_assert_false (wharf_ecs_delete_capacity_provider (client, "cp", NULL, &error));
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "ClientException");
}

static void
test_logs_filter (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(WharfTestRequest) first = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  WharfLogsFilter filter = {
    .log_group_name = "/docker-compose/demo",
    .log_stream_name_prefix = "demo/web",
    .start_time = 1764230400000,
  };
  JsonObject *body;
  WharfLogEvent *event;

  /* An empty page with a token is not the end. */
  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"events\":[{\"logStreamName\":\"demo/web/1\",\"timestamp\":1764230400001,\"message\":\"hello\","
    "\"ingestionTime\":1764230400100,\"eventId\":\"id1\"}],\"nextToken\":\"f2\"}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE, "{\"events\":[],\"nextToken\":\"f3\"}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"events\":[{\"logStreamName\":\"demo/web/2\",\"timestamp\":1764230400002,\"message\":\"world\"}]}", NULL);
  events = wharf_logs_filter_log_events (client, &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->message, ==, "hello");
  g_assert_cmpint (event->timestamp, ==, 1764230400001);
  g_assert_cmpstr (event->event_id, ==, "id1");
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 3);

  first = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "X-Amz-Target"), ==, "Logs_20140328.FilterLogEvents");
  body = request_json (first, &root);
  g_assert_cmpstr (wharf_aws_json_get_string (body, "logGroupName"), ==, "/docker-compose/demo");
  g_assert_cmpint (wharf_aws_json_get_int (body, "startTime", 0), ==, 1764230400000);
  g_assert_null (wharf_aws_json_get_string (body, "nextToken"));
}

static void
test_logs_get_events (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autofree char *forward = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"events\":[{\"timestamp\":1,\"message\":\"a\"},{\"timestamp\":2,\"message\":\"b\"}],"
    "\"nextForwardToken\":\"f/1\",\"nextBackwardToken\":\"b/0\"}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"events\":[{\"timestamp\":3,\"message\":\"c\"}],\"nextForwardToken\":\"f/2\",\"nextBackwardToken\":\"b/1\"}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"events\":[],\"nextForwardToken\":\"f/2\",\"nextBackwardToken\":\"b/2\"}", NULL);
  events = wharf_logs_get_log_events (client, "g", "s", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (((WharfLogEvent *) g_ptr_array_index (events, 2))->message, ==, "c");
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 3);

  wharf_test_server_push (server, 200, JSON_TYPE,
    "{\"events\":[{\"timestamp\":9,\"message\":\"z\"}],\"nextForwardToken\":\"f/9\"}", NULL);
  page = wharf_logs_get_log_events_page (client, "g", "s", FALSE, "f/2", &forward, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (forward, ==, "f/9");
}

static void
test_logs_throttled_then_ok (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  WharfLogsFilter filter = { .log_group_name = "g" };

  wharf_test_server_push (server, 400, JSON_TYPE,
    "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", NULL);
  wharf_test_server_push (server, 200, JSON_TYPE, "{\"events\":[]}", NULL);
  events = wharf_logs_filter_log_events (client, &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/ecs/list-services-paged", test_list_services_paged);
  g_test_add_func ("/aws/ecs/describe-services-batches", test_describe_services_batches);
  g_test_add_func ("/aws/ecs/tasks", test_tasks);
  g_test_add_func ("/aws/ecs/clusters-settings-capacity", test_clusters_settings_capacity);
  g_test_add_func ("/aws/logs/filter", test_logs_filter);
  g_test_add_func ("/aws/logs/get-events", test_logs_get_events);
  g_test_add_func ("/aws/logs/throttled-then-ok", test_logs_throttled_then_ok);

  return g_test_run ();
}
