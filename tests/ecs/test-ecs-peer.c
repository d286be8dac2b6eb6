/* test-ecs-peer.c: the inline test cases of Docker’s ECS integration
 * about services and tasks (../shared/peer-tests/compose-cli-ecs/inline),
 * with Wharf's fixes where the issue asks for them. Networks, volumes and
 * GPUs are in test-ecs-peer-infra.c, the golden file in test-ecs-golden.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ecs-test-util.h"

static void
test_logging (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_inline ("TestLogging.yaml", "TestLogging");
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfEcsEnvironment) env = ecs_test_environment ();
  g_autoptr(WharfTemplate) tpl = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *main_container;

  if (root == NULL)
    return;
  tpl = wharf_ecs_convert (root, "TestLogging", env, diagnostics, &error);
  g_assert_no_error (error);
  ecs_test_lint_queue (tpl, "TestLogging");
  g_assert_true (ecs_test_has_diagnostic (G_LIST_MODEL (diagnostics), WHARF_SEVERITY_WARNING,
                                          "x-aws-logs_retention: CloudWatch Logs cannot keep logs 10 days; 14 is used", 8));
  /* Fixed: awslogs has no awslogs-datetime-pattern option (ECS rejects
   * it); the validator drops it with a warning naming the right one. */
  main_container = ecs_test_container (tpl, "FooTaskDefinition", "foo");
  g_assert_false (json_object_has_member (json_object_get_object_member (
                    json_object_get_object_member (main_container, "LogConfiguration"), "Options"),
                    "awslogs-datetime-pattern"));
  g_assert_true (ecs_test_has_diagnostic (G_LIST_MODEL (diagnostics), WHARF_SEVERITY_WARNING,
                                          "did you mean awslogs-datetime-format?", 6));
  /* Fixed: CloudWatch Logs has no 10-day retention (CloudFormation rejects
   * it); the next valid period is used, with a warning. */
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.LogGroup.Properties.RetentionInDays"), ==, 14);
}

/* env_file paths are relative to the project directory: give the peer
 * file a project directory holding testdata/input/envfile. */
static void
env_file_case (const char *file,
               const char *name,
               const char *expected)
{
  g_autofree char *path = wharf_test_peer_path ("compose-cli-ecs", "inline", file, NULL);
  g_autofree char *envfile = wharf_test_peer_path ("compose-cli-ecs", "envfile", NULL);
  g_autofree char *dir = NULL, *contents = NULL, *copy = NULL, *lower = NULL;
  g_autoptr(WharfNode) root = NULL;
  g_autoptr(WharfTemplate) tpl = NULL;

  if (path == NULL || envfile == NULL)
    return;
  g_assert_true (g_file_get_contents (envfile, &contents, NULL, NULL));
  dir = wharf_test_mkdtemp ();
  copy = wharf_test_write_file (dir, "testdata/input/envfile", contents);
  lower = g_ascii_strdown (name, -1);
  root = ecs_test_load (path, lower, dir);
  tpl = ecs_test_convert (root, name, NULL);
  g_assert_cmpstr (ecs_test_container_env (ecs_test_container (tpl, "FooTaskDefinition", "foo"), "FOO"), ==, expected);
  wharf_test_rmtree (dir);
}

static void
test_env_file (void)
{
  env_file_case ("TestEnvFile.yaml", "TestEnvFile", "BAR");
}

static void
test_env_file_and_env (void)
{
  env_file_case ("TestEnvFileAndEnv.yaml", "TestEnvFileAndEnv", "ZOT");
}

static void
test_rolling_update_limits (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestRollingUpdateLimits.yaml", "TestRollingUpdateLimits", NULL);

  if (tpl == NULL)
    return;
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.FooService.Properties.DeploymentConfiguration.MaximumPercent"), ==, 150);
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.FooService.Properties.DeploymentConfiguration.MinimumHealthyPercent"), ==, 50);
}

static void
test_rolling_update_extension (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestRollingUpdateExtension.yaml", "TestRollingUpdateExtension", NULL);

  if (tpl == NULL)
    return;
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.FooService.Properties.DeploymentConfiguration.MaximumPercent"), ==, 125);
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.FooService.Properties.DeploymentConfiguration.MinimumHealthyPercent"), ==, 25);
}

static void
test_role_policy (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestRolePolicy.yaml", "TestRolePolicy", NULL);
  JsonNode *policies;

  if (tpl == NULL)
    return;
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FooTaskExecutionRole.Properties.ManagedPolicyArns[0]"), ==,
                   "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FooTaskExecutionRole.Properties.ManagedPolicyArns[1]"), ==,
                   "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly");
  policies = ecs_test_get (tpl, "Resources.FooTaskExecutionRole.Properties.Policies");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (policies)), ==, 1);
#define STATEMENT "Resources.FooTaskExecutionRole.Properties.Policies[0].PolicyDocument.Statement[0]"
  g_assert_cmpstr (ecs_test_get_string (tpl, STATEMENT ".Effect"), ==, "Allow");
  g_assert_cmpstr (ecs_test_get_string (tpl, STATEMENT ".Action[0]"), ==, "secretsmanager:GetSecretValue");
  g_assert_cmpstr (ecs_test_get_string (tpl, STATEMENT ".Action[1]"), ==, "ssm:GetParameters");
  g_assert_cmpstr (ecs_test_get_string (tpl, STATEMENT ".Action[2]"), ==, "kms:Decrypt");
  /* Fixed: IAM needs an ARN; a secret name becomes its ARN pattern. */
  g_assert_cmpstr (ecs_test_get_string (tpl, STATEMENT ".Resource[0].Fn::Sub"), ==,
                   "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:secret-??????");
  g_assert_null (ecs_test_get (tpl, STATEMENT ".Resource[1]"));
#undef STATEMENT
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     ecs_test_container (tpl, "FooTaskDefinition", "foo"), "RepositoryCredentials"),
                     "CredentialsParameter"), ==, "secret");
}

static void
test_service_replicas (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestServiceReplicas.yaml", "TestServiceReplicas", NULL);

  if (tpl == NULL)
    return;
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.TestService.Properties.DesiredCount"), ==, 10);
}

static void
size_case (const char *file,
           const char *cpu,
           const char *memory,
           const char *compatibility)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline (file, "TestTaskSizeConvert", NULL);
  JsonNode *node;

  if (tpl == NULL)
    return;
  node = ecs_test_get (tpl, "Resources.TestTaskDefinition.Properties.Cpu");
  g_assert_cmpstr (node ? json_node_get_string (node) : NULL, ==, cpu);
  node = ecs_test_get (tpl, "Resources.TestTaskDefinition.Properties.Memory");
  g_assert_cmpstr (node ? json_node_get_string (node) : NULL, ==, memory);
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.TestTaskDefinition.Properties.RequiresCompatibilities[0]"), ==,
                   compatibility);
}

static void
test_task_size_1 (void)
{
  size_case ("TestTaskSizeConvert-1.yaml", "256", "512", "FARGATE");
}

static void
test_task_size_2 (void)
{
  size_case ("TestTaskSizeConvert-2.yaml", "512", "2048", "FARGATE");
}

static void
test_task_size_3 (void)
{
  size_case ("TestTaskSizeConvert-3.yaml", "4096", "8192", "FARGATE");
}

/* Fixed: CPU units (4 vCPU = 4096), Docker wrote milli-CPUs ("4000"). */
static void
test_task_size_4 (void)
{
  size_case ("TestTaskSizeConvert-4.yaml", "4096", "792", "EC2");
}

static void
test_task_size_5 (void)
{
  g_autoptr(WharfTemplate) tpl = NULL;

  size_case ("TestTaskSizeConvert-5.yaml", NULL, NULL, "EC2");
  /* ECS on EC2 needs a memory setting somewhere: a soft reservation. */
  tpl = ecs_test_convert_inline ("TestTaskSizeConvert-5.yaml", "TestTaskSizeConvert", NULL);
  if (tpl != NULL)
    g_assert_cmpint (ecs_test_get_int (tpl, "Resources.TestTaskDefinition.Properties.ContainerDefinitions[1].MemoryReservation"), ==, 512);
}

static void
test_task_size_6 (void)
{
  size_case ("TestTaskSizeConvert-6.yaml", NULL, NULL, "EC2");
}

static void
test_service_mapping (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestServiceMapping.yaml", "TestServiceMapping", NULL);
  JsonObject *c, *linux_params, *caps;

  if (tpl == NULL)
    return;
  c = ecs_test_container (tpl, "TestTaskDefinition", "test");
  g_assert_cmpstr (json_object_get_string_member (c, "Image"), ==, "image");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (c, "Command"), 0), ==, "command");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (c, "EntryPoint"), 0), ==, "entrypoint");
  g_assert_cmpstr (ecs_test_container_env (c, "FOO"), ==, "BAR");
  linux_params = json_object_get_object_member (c, "LinuxParameters");
  g_assert_true (json_object_get_boolean_member (linux_params, "InitProcessEnabled"));
  caps = json_object_get_object_member (linux_params, "Capabilities");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (caps, "Add"), 0), ==, "SYS_PTRACE");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (caps, "Drop"), 0), ==, "SYSLOG");
  g_assert_cmpstr (json_object_get_string_member (c, "User"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (c, "WorkingDirectory"), ==, "working_dir");
  g_assert_true (json_object_get_boolean_member (c, "Essential"));
}

static void
check_project_tags (JsonNode   *node,
                    const char *project,
                    guint      *count)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      check_project_tags (json_array_get_element (json_node_get_array (node), i), project, count);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  if (g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node), "Key", NULL),
                 "com.docker.compose.project") == 0)
    {
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "Value"), ==, project);
      (*count)++;
    }
  {
    g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

    for (GList *l = members; l != NULL; l = l->next)
      check_project_tags (json_object_get_member (json_node_get_object (node), l->data), project, count);
  }
}

static void
test_project_tags (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestResourcesHaveProjectTagSet.yaml", "TestResourcesHaveProjectTagSet", NULL);
  JsonObject *resources;
  guint count = 0;

  if (tpl == NULL)
    return;
  resources = json_object_get_object_member (wharf_template_get_root (tpl), "Resources");
  check_project_tags (json_object_get_member (wharf_template_get_root (tpl), "Resources"),
                      "TestResourcesHaveProjectTagSet", &count);
  /* Cluster, SG, LB, 2 TGs, role, service at least. */
  g_assert_cmpuint (count, >=, 7);
  g_assert_cmpuint (json_object_get_size (resources), >, 0);
}

static void
test_autoscaling (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestAutoScaling.yaml", "TestAutoScaling", NULL);

  if (tpl == NULL)
    return;
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.FooScalableTarget.Properties.MaxCapacity"), ==, 10);
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.FooScalingPolicy.Properties.TargetTrackingScalingPolicyConfiguration.TargetValue"), ==, 75);
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FooScalingPolicy.Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType"),
                   ==, "ECSServiceAverageCPUUtilization");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FooScalableTarget.Properties.RoleARN.Fn::GetAtt[0]"), ==,
                   "FooAutoScalingRole");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ecs/peer/logging", test_logging);
  g_test_add_func ("/ecs/peer/env-file", test_env_file);
  g_test_add_func ("/ecs/peer/env-file-and-env", test_env_file_and_env);
  g_test_add_func ("/ecs/peer/rolling-update-limits", test_rolling_update_limits);
  g_test_add_func ("/ecs/peer/rolling-update-extension", test_rolling_update_extension);
  g_test_add_func ("/ecs/peer/role-policy", test_role_policy);
  g_test_add_func ("/ecs/peer/service-replicas", test_service_replicas);
  g_test_add_func ("/ecs/peer/task-size-1", test_task_size_1);
  g_test_add_func ("/ecs/peer/task-size-2", test_task_size_2);
  g_test_add_func ("/ecs/peer/task-size-3", test_task_size_3);
  g_test_add_func ("/ecs/peer/task-size-4", test_task_size_4);
  g_test_add_func ("/ecs/peer/task-size-5", test_task_size_5);
  g_test_add_func ("/ecs/peer/task-size-6", test_task_size_6);
  g_test_add_func ("/ecs/peer/service-mapping", test_service_mapping);
  g_test_add_func ("/ecs/peer/project-tags", test_project_tags);
  g_test_add_func ("/ecs/peer/autoscaling", test_autoscaling);
  ecs_test_add_lint ("/ecs/peer/cfn-lint");
  return g_test_run ();
}
