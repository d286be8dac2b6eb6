/* test-status-fetch.c: wharf_status_fetch() (what `ps` shows) against the
 * sandbox: a deployed one-service stack, a stack that does not exist, the
 * async variant; and the JSON shape check on two sandbox-facing readers
 * (the GPU AMI parameter, the sandbox's request bodies).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "deploy-test-sandbox.h"
#include "wharf-aws-json.h"
#include "wharf-aws-request.h"
#include "wharf-compose-loader.h"
#include "wharf-deployment.h"
#include "wharf-environment-resolver-private.h"
#include "wharf-status-service.h"

#include "wharf-test-util.h"

#define PACE 0.02

static WharfNode *
load_web (void)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "deploy", "web.yaml", NULL);
  g_autoptr(WharfComposeLoadOptions) options = wharf_compose_load_options_new ();
  g_autoptr(WharfComposeProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "TAG");

  wharf_compose_load_options_add_file (options, path);
  wharf_compose_load_options_set_project_name (options, "webapp");
  wharf_compose_load_options_set_environment (options, (const char * const *) env);
  project = wharf_compose_load (options, NULL, NULL, &error);
  g_assert_no_error (error);
  return wharf_node_ref (wharf_compose_project_get_root (project));
}

/* Deploys tests/fixtures/deploy/web.yaml as the stack "webapp". */
static void
deploy_web (WharfAwsClient *client)
{
  g_autoptr(WharfNode) project = load_web ();
  g_autoptr(WharfDeployment) d = wharf_deployment_new (client, "webapp");
  g_autoptr(GError) error = NULL;

  wharf_deployment_set_poll_interval (d, 0.05, 0.2);
  wharf_deployment_set_project (d, project);
  g_assert_true (wharf_deployment_prepare (d, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_deployment_has_changes (d));
  g_assert_true (wharf_deployment_execute (d, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_deployment_wait (d, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_deployment_get_stack_status (d), ==, "CREATE_COMPLETE");
}

/* SERVICES is what wharf_status_fetch() gave for the web stack. */
static void
assert_web (GPtrArray *services)
{
  WharfStatusService *web;
  const char * const *urls;
  GPtrArray *tasks;
  guint running = 0;
  const char *task_health = NULL;

  g_assert_nonnull (services);
  g_assert_cmpuint (services->len, ==, 1);
  web = g_ptr_array_index (services, 0);
  g_assert_true (WHARF_IS_STATUS_SERVICE (web));
  g_assert_cmpstr (wharf_status_service_get_name (web), ==, "web");
  g_assert_cmpint (wharf_status_service_get_desired (web), ==, 1);
  g_assert_cmpint (wharf_status_service_get_running (web), ==, 1);
  g_assert_cmpint (wharf_status_service_get_pending (web), ==, 0);

  urls = wharf_status_service_get_endpoints (web);
  g_assert_nonnull (urls);
  g_assert_cmpuint (g_strv_length ((char **) urls), ==, 1);
  g_assert_true (g_str_has_prefix (urls[0], "http://"));

  tasks = wharf_status_service_get_tasks (web);
  g_assert_cmpuint (tasks->len, >=, 1);
  for (guint i = 0; i < tasks->len; i++)
    {
      WharfStatusTask *t = g_ptr_array_index (tasks, i);

      g_assert_nonnull (t->id);
      g_assert_null (strchr (t->id, '/'));
      if (g_strcmp0 (t->last_status, "RUNNING") == 0)
        {
          /* running tasks come first */
          g_assert_cmpuint (i, ==, running);
          running++;
          g_assert_cmpstr (t->desired_status, ==, "RUNNING");
          g_assert_null (t->stop_reason);
          g_assert_nonnull (t->started_at);
          task_health = t->health_status;
        }
    }
  g_assert_cmpuint (running, ==, 1);
  /* one running task: the service is as healthy as it is */
  g_assert_cmpstr (wharf_status_service_get_health (web), ==,
                   g_strcmp0 (task_health, "HEALTHY") == 0 || g_strcmp0 (task_health, "UNHEALTHY") == 0
                   ? task_health : "UNKNOWN");
}

/* The sandbox starts tasks a few steps after CREATE_COMPLETE, as ECS
 * does: fetches until the web service counts its running task. */
static GPtrArray *
fetch_settled (WharfAwsClient *client)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) services = wharf_status_fetch (client, "webapp", NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (services);
      if (services->len == 1 &&
          wharf_status_service_get_running (g_ptr_array_index (services, 0)) == 1)
        return g_steal_pointer (&services);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (G_USEC_PER_SEC / 20);
    }
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (source);
  *out = g_object_ref (result);
}

static void
test_fetch (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (NULL, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;

  deploy_web (client);
  services = fetch_settled (client);
  assert_web (services);

  /* the same through the worker thread, with a client of its own */
  {
    g_autoptr(WharfAwsClient) worker_client = deploy_test_sandbox_client (sb);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) async_services = NULL;

    wharf_status_fetch_async (worker_client, "webapp", NULL, on_fetched, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    async_services = wharf_status_fetch_finish (result, &error);
    g_assert_no_error (error);
    assert_web (async_services);
  }
  deploy_test_sandbox_stop (sb);
}

static void
test_not_deployed (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (NULL, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;

  services = wharf_status_fetch (client, "never-deployed", NULL, &error);
  g_assert_null (services);
  g_assert_error (error, WHARF_STATUS_ERROR, WHARF_STATUS_ERROR_NOT_DEPLOYED);
  g_assert_nonnull (strstr (error->message, "never-deployed"));
  g_clear_error (&error);

  /* async: the same error */
  {
    g_autoptr(GAsyncResult) result = NULL;

    wharf_status_fetch_async (client, "never-deployed", NULL, on_fetched, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    services = wharf_status_fetch_finish (result, &error);
    g_assert_null (services);
    g_assert_error (error, WHARF_STATUS_ERROR, WHARF_STATUS_ERROR_NOT_DEPLOYED);
  }
  deploy_test_sandbox_stop (sb);
}

/* The GPU AMI parameter is anyone's text: two JSON values in it must be
 * refused before json-glib sees them (it would leak the first). */
static void
test_gpu_ami_two_values (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (
    "\"ssm_parameters\": {\"/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended\": "
    "\"{\\\"image_id\\\": \\\"ami-0aaaaaaaaaaaaaaaa\\\"}{\\\"image_id\\\": \\\"ami-0bbbbbbbbbbbbbbbb\\\"}\"}",
    PACE);
  DeployTestSandbox *good = deploy_test_sandbox_start (NULL, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfAwsClient) good_client = deploy_test_sandbox_client (good);
  g_autoptr(WharfEcsEnvironment) env = wharf_ecs_environment_new ("us-east-1", "000000000000", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (wharf_resolver_gpu_ami (client, env, NULL, &error));
  g_assert_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_FAILED);
  g_assert_null (wharf_ecs_environment_get_gpu_ami (env));
  g_clear_error (&error);
  /* the default seed holds one document: it is read */
  g_assert_true (wharf_resolver_gpu_ami (good_client, env, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (wharf_ecs_environment_get_gpu_ami (env), "ami-"));
  deploy_test_sandbox_stop (good);
  deploy_test_sandbox_stop (sb);
}

/* A JSON 1.1 request with BODY as it is; returns the error or NULL. */
static GError *
call_raw (WharfAwsClient *client,
          const char     *body)
{
  WharfAwsRequest *request = wharf_aws_request_new_json (WHARF_AWS_SERVICE_SECRETS_MANAGER,
                                                         "ListSecrets", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(WharfAwsResponse) response = NULL;
  GError *error = NULL;

  wharf_aws_request_set_body (request, "application/x-amz-json-1.1", bytes);
  response = wharf_aws_client_call (client, request, NULL, &error);
  g_assert_true ((response == NULL) == (error != NULL));
  return error;
}

/* The sandbox refuses a request body of two values as AWS does. */
static void
test_sandbox_body_two_values (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (NULL, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  const char *bad[] = { "{}{}", "\"x\"{\"MaxResults\": 5}", "[1][2]", "{} 1" };

  g_assert_null (call_raw (client, "{\"MaxResults\": 5}"));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = call_raw (client, bad[i]);

      g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
      g_assert_true (wharf_aws_client_error_has_code (error, "SerializationException"));
    }
  deploy_test_sandbox_stop (sb);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deploy/status/fetch", test_fetch);
  g_test_add_func ("/deploy/status/not-deployed", test_not_deployed);
  g_test_add_func ("/deploy/json-shape/gpu-ami", test_gpu_ami_two_values);
  g_test_add_func ("/deploy/json-shape/sandbox-body", test_sandbox_body_two_values);
  return g_test_run ();
}
