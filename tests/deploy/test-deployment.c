/* test-deployment.c: WharfDeployment and the environment resolver against
 * the sandbox: create, update (Modify), no changes, down, an
 * injected resource failure, a throttling storm, tasks that stop, and a
 * template that goes through S3.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "deploy-test-sandbox.h"
#include "wharf-aws-efs.h"
#include "wharf-compose-loader.h"
#include "wharf-deployment.h"
#include "wharf-ecs-convert.h"
#include "wharf-environment-resolver.h"
#include <string.h>

#include "wharf-test-util.h"

#define PACE 0.02

static WharfNode *
load_fixture_env (const char *name,
                  const char *var,
                  const char *value)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "deploy", name, NULL);
  g_autoptr(WharfComposeLoadOptions) options = wharf_compose_load_options_new ();
  g_autoptr(WharfComposeProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();

  env = g_environ_unsetenv (env, "TAG");
  env = g_environ_unsetenv (env, "SG");
  if (value != NULL)
    env = g_environ_setenv (env, var, value, TRUE);
  wharf_compose_load_options_add_file (options, path);
  /* the stack names of the fixtures (their name: keys) */
  wharf_compose_load_options_set_project_name (options, g_str_equal (name, "web.yaml") ? "webapp"
                                                        : g_str_equal (name, "worker.yaml") ? "jobs" : "vols");
  wharf_compose_load_options_set_environment (options, (const char * const *) env);
  project = wharf_compose_load (options, NULL, NULL, &error);
  g_assert_no_error (error);
  return wharf_node_ref (wharf_compose_project_get_root (project));
}

static WharfNode *
load_fixture (const char *name,
              const char *tag)
{
  return load_fixture_env (name, "TAG", tag);
}

static WharfDeployment *
new_deployment (WharfAwsClient *client,
                const char     *stack)
{
  WharfDeployment *d = wharf_deployment_new (client, stack);

  wharf_deployment_set_poll_interval (d, 0.05, 0.2);
  return d;
}

static void
assert_unique_events (WharfDeployment *d)
{
  GListModel *events = wharf_deployment_get_events (d);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(WharfStackEvent) e = g_list_model_get_item (events, i);

      g_assert_false (g_hash_table_contains (ids, wharf_stack_event_get_event_id (e)));
      g_hash_table_add (ids, (gpointer) wharf_stack_event_get_event_id (e));
    }
}

static gboolean
change_set_has (WharfCfnChangeSet *cs,
                const char        *action,
                const char        *logical_id)
{
  for (guint i = 0; cs != NULL && i < cs->changes->len; i++)
    {
      WharfCfnResourceChange *c = g_ptr_array_index (cs->changes, i);

      if (g_strcmp0 (c->action, action) == 0 && g_strcmp0 (c->logical_resource_id, logical_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Runs prepare + execute + wait; returns the wait's result. */
static gboolean
deploy (WharfDeployment *d,
        GError         **error)
{
  g_autoptr(GError) local = NULL;

  gboolean ok = wharf_deployment_prepare (d, NULL, &local);

  g_assert_no_error (local);
  g_assert_true (ok);
  if (!wharf_deployment_has_changes (d))
    return TRUE;
  g_assert_cmpint (wharf_deployment_get_state (d), ==, WHARF_DEPLOYMENT_REVIEW);
  g_assert_true (wharf_deployment_execute (d, NULL, &local));
  g_assert_no_error (local);
  return wharf_deployment_wait (d, NULL, error);
}

static void
test_resolver_default_vpc (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (NULL, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) project = load_fixture ("web.yaml", NULL);
  g_autoptr(WharfEcsEnvironment) env = NULL;
  g_autoptr(GError) error = NULL;

  env = wharf_environment_resolve (client, project, "webapp", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (wharf_ecs_environment_is_offline (env));
  g_assert_cmpstr (wharf_ecs_environment_get_vpc_id (env), ==, "vpc-0a1b2c3d4e5f60718");
  g_assert_cmpstr (wharf_ecs_environment_get_account_id (env), ==, "000000000000");
  g_assert_cmpuint (wharf_ecs_environment_get_n_subnets (env), ==, 2);
  g_assert_cmpstr (wharf_ecs_environment_get_subnet (env, 0)->availability_zone, ==, "us-east-1a");
  g_assert_cmpstr (wharf_ecs_environment_get_subnet (env, 1)->availability_zone, ==, "us-east-1b");
  g_assert_null (wharf_ecs_environment_get_gpu_ami (env));

  /* x-aws-vpc that does not exist: an AWS error, not a crash */
  wharf_node_mapping_set (project, "x-aws-vpc", wharf_node_new_string ("vpc-00000000000000001"));
  g_clear_object (&env);
  env = wharf_environment_resolve (client, project, "webapp", NULL, &error);
  g_assert_null (env);
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* an unknown cluster */
  wharf_node_mapping_remove (project, "x-aws-vpc");
  wharf_node_mapping_set (project, "x-aws-cluster", wharf_node_new_string ("no-such-cluster"));
  env = wharf_environment_resolve (client, project, "webapp", NULL, &error);
  g_assert_null (env);
  g_assert_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_NOT_FOUND);
  g_clear_object (&client);
  deploy_test_sandbox_stop (sb);
}

static char *
tagged_file_system (WharfAwsClient *client,
                    const char     *project,
                    const char     *volume)
{
  const char * const tags[] = { "com.docker.compose.project", project, "com.docker.compose.volume", volume, NULL };
  g_autofree char *token = g_strdup_printf ("%s-%s-%u", project, volume, g_random_int ());
  g_autoptr(WharfEfsFileSystem) fs = NULL;
  g_autoptr(GError) error = NULL;

  fs = wharf_efs_create_file_system (client, token, TRUE, tags, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (fs->file_system_id);
}

static void
test_resolver_existing (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (NULL, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) project = load_fixture ("existing.yaml", NULL);
  g_autoptr(WharfNode) bad_sg = load_fixture_env ("existing.yaml", "SG", "sg-00000000000000bad");
  g_autoptr(WharfEcsEnvironment) env = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fs = NULL, *other = NULL, *second = NULL;

  /* no retained file system yet: the template creates one */
  env = wharf_environment_resolve (client, project, "vols", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (wharf_ecs_environment_get_volume_file_system (env, "data"));
  g_assert_true (wharf_ecs_environment_has_security_group (env, "sg-0123abcd4567ef890"));
  /* a GPU service: the ECS GPU AMI from SSM */
  g_assert_true (wharf_environment_needs_gpu_ami (project));
  g_assert_nonnull (wharf_ecs_environment_get_gpu_ami (env));
  g_assert_true (g_str_has_prefix (wharf_ecs_environment_get_gpu_ami (env), "ami-"));
  g_clear_object (&env);

  /* a file system another project left is not ours; ours is reused */
  other = tagged_file_system (client, "someone-else", "data");
  fs = tagged_file_system (client, "vols", "data");
  env = wharf_environment_resolve (client, project, "vols", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_ecs_environment_get_volume_file_system (env, "data"), ==, fs);
  g_clear_object (&env);

  /* two candidates: ambiguous, never a guess */
  second = tagged_file_system (client, "vols", "data");
  env = wharf_environment_resolve (client, project, "vols", NULL, &error);
  g_assert_null (env);
  g_assert_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_AMBIGUOUS);
  g_clear_error (&error);

  /* an external security group that does not exist */
  env = wharf_environment_resolve (client, bad_sg, "vols", NULL, &error);
  g_assert_null (env);
  g_assert_nonnull (error);
  deploy_test_sandbox_stop (sb);
}

static void
resolved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_resolver_async (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (NULL, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) project = load_fixture ("worker.yaml", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(WharfEcsEnvironment) env = NULL;
  g_autoptr(GError) error = NULL;

  wharf_environment_resolve_async (client, project, "jobs", NULL, resolved, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  env = wharf_environment_resolve_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wharf_ecs_environment_get_n_subnets (env), ==, 2);
  g_assert_null (wharf_ecs_environment_get_gpu_ami (env));
  g_assert_false (wharf_environment_needs_gpu_ami (project));
  deploy_test_sandbox_stop (sb);
}

static WharfEc2Subnet *
subnet (const char *id, const char *zone, gboolean is_default)
{
  WharfEc2Subnet *s = g_new0 (WharfEc2Subnet, 1);

  s->subnet_id = g_strdup (id);
  s->vpc_id = g_strdup ("vpc-1");
  s->availability_zone = g_strdup (zone);
  s->default_for_az = is_default;
  s->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return s;
}

static WharfEc2RouteTable *
table (const char *id, gboolean main, const char *gateway, const char * const *subnets)
{
  WharfEc2RouteTable *t = g_new0 (WharfEc2RouteTable, 1);
  const char * const gateways[] = { "local", gateway, NULL };

  t->route_table_id = g_strdup (id);
  t->vpc_id = g_strdup ("vpc-1");
  t->main = main;
  t->subnet_ids = g_strdupv ((char **) subnets);
  t->gateway_ids = g_strdupv ((char **) gateways);
  return t;
}

static void
test_pick_subnets (void)
{
  g_autoptr(GPtrArray) subnets = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_ec2_subnet_free);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_ec2_route_table_free);
  g_autoptr(GPtrArray) picked = NULL;
  const char * const private_subnets[] = { "subnet-private-a", "subnet-private-c", NULL };
  const char * const zones[] = { "eu-west-3b", "eu-west-3c", NULL };

  g_ptr_array_add (subnets, subnet ("subnet-private-a", "eu-west-3a", FALSE));
  g_ptr_array_add (subnets, subnet ("subnet-zz-a", "eu-west-3a", FALSE));
  g_ptr_array_add (subnets, subnet ("subnet-aa-a", "eu-west-3a", FALSE));
  g_ptr_array_add (subnets, subnet ("subnet-zz-b", "eu-west-3b", TRUE));
  g_ptr_array_add (subnets, subnet ("subnet-aa-b", "eu-west-3b", FALSE));
  g_ptr_array_add (subnets, subnet ("subnet-private-c", "eu-west-3c", FALSE));
  g_ptr_array_add (tables, table ("rtb-main", TRUE, "igw-0123", NULL));
  g_ptr_array_add (tables, table ("rtb-private", FALSE, "nat-0123", private_subnets));

  picked = wharf_environment_pick_subnets (subnets, tables, NULL);
  /* one per zone, private ones (explicit table without igw) left out */
  g_assert_cmpuint (picked->len, ==, 2);
  g_assert_cmpstr (((WharfEc2Subnet *) picked->pdata[0])->subnet_id, ==, "subnet-aa-a");
  g_assert_cmpstr (((WharfEc2Subnet *) picked->pdata[1])->subnet_id, ==, "subnet-zz-b");
  g_clear_pointer (&picked, g_ptr_array_unref);
  /* a load balancer's zones restrict the choice */
  picked = wharf_environment_pick_subnets (subnets, tables, zones);
  g_assert_cmpuint (picked->len, ==, 1);
  g_assert_cmpstr (((WharfEc2Subnet *) picked->pdata[0])->availability_zone, ==, "eu-west-3b");
}

static void
test_up_update_nochange_down (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (NULL, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) v1 = load_fixture ("web.yaml", NULL);
  g_autoptr(WharfNode) v2 = load_fixture ("web.yaml", "1.26");
  g_autoptr(GError) error = NULL;
  guint done = 0, total = 0;

  {
    g_autoptr(WharfDeployment) d = new_deployment (client, "webapp");

    wharf_deployment_set_project (d, v1);
    g_assert_true (deploy (d, &error));
    g_assert_no_error (error);
    g_assert_true (wharf_deployment_is_new_stack (d));
    g_assert_true (change_set_has (wharf_deployment_get_change_set (d), "Add", "WebService"));
    g_assert_cmpstr (wharf_deployment_get_stack_status (d), ==, "CREATE_COMPLETE");
    g_assert_cmpint (wharf_deployment_get_state (d), ==, WHARF_DEPLOYMENT_DONE);
    g_assert_cmpuint (g_list_model_get_n_items (wharf_deployment_get_events (d)), >, 3);
    assert_unique_events (d);
    wharf_deployment_get_progress (d, &done, &total);
    g_assert_cmpuint (total, >, 1);
    g_assert_cmpuint (done, ==, total - 1);  /* every resource; the stack row is not counted */
  }
  {
    g_autoptr(WharfDeployment) d = new_deployment (client, "webapp");

    wharf_deployment_set_project (d, v2);
    g_assert_true (deploy (d, &error));
    g_assert_no_error (error);
    g_assert_false (wharf_deployment_is_new_stack (d));
    g_assert_true (change_set_has (wharf_deployment_get_change_set (d), "Modify", "WebTaskDefinition"));
    g_assert_cmpstr (wharf_deployment_get_stack_status (d), ==, "UPDATE_COMPLETE");
    assert_unique_events (d);
  }
  {
    g_autoptr(WharfDeployment) d = new_deployment (client, "webapp");

    wharf_deployment_set_project (d, v2);
    g_assert_true (wharf_deployment_prepare (d, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (wharf_deployment_has_changes (d));
    g_assert_cmpint (wharf_deployment_get_state (d), ==, WHARF_DEPLOYMENT_DONE);
    g_assert_nonnull (strstr (wharf_deployment_get_message (d), "No changes"));
  }
  {
    g_autoptr(WharfDeployment) d = new_deployment (client, "webapp");

    g_assert_true (wharf_deployment_start_down (d, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (wharf_deployment_wait (d, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (wharf_deployment_get_stack_status (d), ==, "DELETE_COMPLETE");
  }
  {
    g_autoptr(WharfDeployment) d = new_deployment (client, "webapp");

    g_assert_false (wharf_deployment_start_down (d, NULL, &error));
    g_assert_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_NO_STACK);
  }
  deploy_test_sandbox_stop (sb);
}

static void
test_resource_failure (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (
    "\"faults\": {\"resources\": [{\"logical_id\": \"WebService\", "
    "\"reason\": \"Invalid request provided: CreateService error: no container port\"}]}", PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) v1 = load_fixture ("web.yaml", NULL);
  g_autoptr(GError) error = NULL;
  WharfFailureExplanation *why;
  WharfStackEvent *root;

  {
    g_autoptr(WharfDeployment) d = new_deployment (client, "webapp");

    wharf_deployment_set_project (d, v1);
    g_assert_false (deploy (d, &error));
    g_assert_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_FAILED);
    g_clear_error (&error);
    g_assert_cmpint (wharf_deployment_get_state (d), ==, WHARF_DEPLOYMENT_FAILED);
    g_assert_cmpstr (wharf_deployment_get_stack_status (d), ==, "ROLLBACK_COMPLETE");
    why = wharf_deployment_get_explanation (d);
    g_assert_nonnull (why);
    root = wharf_failure_explanation_get_root_cause (why);
    g_assert_nonnull (root);
    g_assert_cmpstr (wharf_stack_event_get_logical_id (root), ==, "WebService");
    g_assert_cmpstr (wharf_stack_event_get_status (root), ==, "CREATE_FAILED");
    g_assert_nonnull (strstr (wharf_stack_event_get_reason (root), "no container port"));
    assert_unique_events (d);
  }
  {
    /* the failed stack is kept and reported with the way out */
    g_autoptr(WharfDeployment) d = new_deployment (client, "webapp");

    wharf_deployment_set_project (d, v1);
    g_assert_false (wharf_deployment_prepare (d, NULL, &error));
    g_assert_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_BUSY);
    g_assert_nonnull (strstr (error->message, "ROLLBACK_COMPLETE"));
    g_assert_nonnull (strstr (error->message, "wharf-cli down"));
  }
  deploy_test_sandbox_stop (sb);
}

static void
test_on_failure_delete (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (
    "\"faults\": {\"resources\": [{\"logical_id\": \"WebService\", \"reason\": \"boom\"}]}", PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) v1 = load_fixture ("web.yaml", NULL);
  g_autoptr(WharfDeployment) d = new_deployment (client, "webapp");
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfCfnStack) stack = NULL;

  wharf_deployment_set_project (d, v1);
  wharf_deployment_set_on_failure (d, WHARF_ON_FAILURE_DELETE);
  g_assert_false (deploy (d, &error));
  g_assert_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_FAILED);
  g_clear_error (&error);
  g_assert_cmpstr (wharf_deployment_get_stack_status (d), ==, "DELETE_COMPLETE");
  g_assert_nonnull (wharf_deployment_get_explanation (d));
  stack = wharf_cfn_describe_stack (client, "webapp", NULL, &error);
  g_assert_null (stack);
  g_assert_true (wharf_cfn_error_is_stack_missing (error));
  deploy_test_sandbox_stop (sb);
}

static void
test_throttling_storm (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start ("\"faults\": {\"throttle_rate\": 0.3}", PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) v1 = load_fixture ("worker.yaml", NULL);
  g_autoptr(WharfDeployment) d = new_deployment (client, "jobs");
  g_autoptr(GError) error = NULL;

  /* enough attempts for the set-up calls; the wait loop itself rides out
   * calls that fail after every attempt */
  wharf_aws_retry_policy_set_max_attempts (wharf_aws_client_get_retry_policy (client), 8);
  wharf_aws_retry_policy_set_base_delay (wharf_aws_client_get_retry_policy (client), 0.01);
  wharf_deployment_set_project (d, v1);
  g_assert_true (deploy (d, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_deployment_get_stack_status (d), ==, "CREATE_COMPLETE");
  assert_unique_events (d);
  {
    /* the storm was real: single attempts do get throttled */
    g_autoptr(WharfAwsClient) fragile = deploy_test_sandbox_client (sb);
    guint throttled = 0;

    wharf_aws_retry_policy_set_max_attempts (wharf_aws_client_get_retry_policy (fragile), 1);
    for (int i = 0; i < 40; i++)
      {
        g_autoptr(GError) e = NULL;
        g_autoptr(WharfCfnStack) st = wharf_cfn_describe_stack (fragile, "jobs", NULL, &e);

        if (st == NULL)
          throttled++;
      }
    g_assert_cmpuint (throttled, >, 0);
  }
  deploy_test_sandbox_stop (sb);
}

static void
test_tasks_stopping (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (
    "\"faults\": {\"tasks\": [{\"reason\": \"Essential container in task exited\", "
    "\"exit_code\": 3, \"after_steps\": 1}]}", PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) v1 = load_fixture ("worker.yaml", NULL);
  g_autoptr(WharfDeployment) d = new_deployment (client, "jobs");
  g_autoptr(WharfFailureExplanation) why = NULL;
  g_autoptr(GError) error = NULL;
  GArray *stops;
  gboolean ok;

  wharf_deployment_set_project (d, v1);
  ok = deploy (d, &error);
  if (!ok)
    g_assert_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_FAILED);
  g_clear_error (&error);
  /* let tasks run and stop a few times */
  g_usleep (PACE * 12 * G_USEC_PER_SEC);
  why = wharf_failure_explain (client, "jobs", wharf_deployment_get_events (d), "CREATE_COMPLETE", NULL, 5, NULL);
  stops = wharf_failure_explanation_get_task_stops (why);
  g_assert_cmpuint (stops->len, >=, 1);
  g_assert_cmpstr (g_array_index (stops, WharfTaskStop, 0).service, ==, "WorkerService");
  g_assert_nonnull (strstr (g_array_index (stops, WharfTaskStop, 0).reason, "Essential container in task exited"));
  g_assert_nonnull (wharf_failure_explanation_get_log_lines (why)[0]);
  deploy_test_sandbox_stop (sb);
}

static void
test_large_template_s3 (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (NULL, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) v1 = load_fixture ("worker.yaml", NULL);
  g_autoptr(WharfEcsEnvironment) env = NULL;
  g_autoptr(WharfTemplate) tpl = NULL;
  g_autoptr(WharfDeployment) d = new_deployment (client, "jobs");
  g_autoptr(GError) error = NULL;
  GString *padding = g_string_new (NULL);

  env = wharf_environment_resolve (client, v1, "jobs", NULL, &error);
  g_assert_no_error (error);
  tpl = wharf_ecs_convert (v1, "jobs", env, NULL, &error);
  g_assert_no_error (error);
  while (padding->len < 60000)
    g_string_append (padding, "padding to go over the inline template limit. ");
  wharf_template_set_metadata (tpl, "Padding", json_node_init_string (json_node_alloc (), padding->str));
  g_string_free (padding, TRUE);
  g_assert_cmpuint (wharf_template_get_size (tpl, WHARF_TEMPLATE_FORMAT_YAML), >, WHARF_TEMPLATE_MAX_BODY_SIZE);
  wharf_deployment_set_template (d, tpl);
  g_assert_true (deploy (d, &error));
  g_assert_no_error (error);
  g_assert_nonnull (wharf_deployment_get_template_url (d));
  g_assert_true (g_str_has_prefix (wharf_deployment_get_template_url (d), "http"));
  g_assert_cmpstr (wharf_deployment_get_stack_status (d), ==, "CREATE_COMPLETE");
  deploy_test_sandbox_stop (sb);
}

static void
test_discard_keeps_stack (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (NULL, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) v1 = load_fixture ("worker.yaml", NULL);
  g_autoptr(WharfDeployment) d = new_deployment (client, "jobs");
  g_autoptr(GError) error = NULL;

  wharf_deployment_set_project (d, v1);
  g_assert_true (wharf_deployment_prepare (d, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_deployment_discard (d, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wharf_deployment_get_state (d), ==, WHARF_DEPLOYMENT_DONE);
  /* executing after a discard is a state error */
  g_assert_false (wharf_deployment_execute (d, NULL, &error));
  g_assert_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STATE);
  deploy_test_sandbox_stop (sb);
}

static void
count_added (GListModel *model,
             guint       position,
             guint       removed,
             guint       added,
             gpointer    user_data)
{
  /* the GUI binds list views to this model: changes come on its thread */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  *(guint *) user_data += added;
}

static void
test_async (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (NULL, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) v1 = load_fixture ("worker.yaml", NULL);
  g_autoptr(WharfDeployment) d = new_deployment (client, "jobs");
  g_autoptr(GAsyncResult) prepared = NULL, waited = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  g_main_context_acquire (g_main_context_default ());
  wharf_deployment_set_project (d, v1);
  wharf_deployment_prepare_async (d, NULL, resolved, &prepared);
  while (prepared == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wharf_deployment_prepare_finish (d, prepared, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wharf_deployment_get_state (d), ==, WHARF_DEPLOYMENT_REVIEW);
  g_assert_true (wharf_deployment_execute (d, NULL, &error));
  g_signal_connect (wharf_deployment_get_events (d), "items-changed", G_CALLBACK (count_added), &added);
  wharf_deployment_wait_async (d, NULL, resolved, &waited);
  while (waited == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wharf_deployment_wait_finish (d, waited, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, g_list_model_get_n_items (wharf_deployment_get_events (d)));
  g_assert_cmpuint (added, >, 0);
  g_main_context_release (g_main_context_default ());
  deploy_test_sandbox_stop (sb);
}

static void
wait_cancelled (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (NULL, 0.2);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) v1 = load_fixture ("worker.yaml", NULL);
  g_autoptr(WharfDeployment) d = new_deployment (client, "jobs");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfCfnStack) stack = NULL;

  wharf_deployment_set_project (d, v1);
  g_assert_true (wharf_deployment_prepare (d, NULL, &error));
  g_assert_true (wharf_deployment_execute (d, NULL, &error));
  g_cancellable_cancel (cancellable);
  /* detaching: the wait stops, the stack operation goes on */
  g_assert_false (wharf_deployment_wait (d, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  stack = wharf_cfn_describe_stack (client, "jobs", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stack->status, ==, "CREATE_IN_PROGRESS");
  deploy_test_sandbox_stop (sb);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deploy/resolver/default-vpc", test_resolver_default_vpc);
  g_test_add_func ("/deploy/resolver/pick-subnets", test_pick_subnets);
  g_test_add_func ("/deploy/resolver/existing-resources", test_resolver_existing);
  g_test_add_func ("/deploy/resolver/async", test_resolver_async);
  g_test_add_func ("/deploy/deployment/up-update-nochange-down", test_up_update_nochange_down);
  g_test_add_func ("/deploy/deployment/resource-failure", test_resource_failure);
  g_test_add_func ("/deploy/deployment/on-failure-delete", test_on_failure_delete);
  g_test_add_func ("/deploy/deployment/throttling-storm", test_throttling_storm);
  g_test_add_func ("/deploy/deployment/tasks-stopping", test_tasks_stopping);
  g_test_add_func ("/deploy/deployment/large-template-s3", test_large_template_s3);
  g_test_add_func ("/deploy/deployment/discard", test_discard_keeps_stack);
  g_test_add_func ("/deploy/deployment/async", test_async);
  g_test_add_func ("/deploy/deployment/wait-cancelled", wait_cancelled);
  return g_test_run ();
}
