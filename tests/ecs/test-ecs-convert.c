/* test-ecs-convert.c: Wharf's own fixtures for every mapping and x-aws-*
 * extension, the GPU/EFS/autoscaling paths, offline mode, and the
 * awesome-compose corpus; every template goes through cfn-lint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ecs-test-util.h"

#define WEB "Resources.WebTaskDefinition.Properties.ContainerDefinitions[2]."

static void
test_mappings_container (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_fixture ("mappings.yaml", "shop");
  g_autoptr(WharfTemplate) tpl = ecs_test_convert (root, NULL, NULL);
  JsonObject *web = ecs_test_container (tpl, "WebTaskDefinition", "web");

  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "Name"), ==, "web");
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "Command[1]"), ==, "--bind");
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "EntryPoint[0]"), ==, "/docker-entrypoint.sh");
  /* Environment sorted by name, empty values kept. */
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "Environment[0].Name"), ==, "ALPHA");
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "Environment[1].Name"), ==, "EMPTY");
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "Environment[1].Value"), ==, "");
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "Environment[2].Value"), ==, "last");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (web, "DockerLabels"), "com.example.team"),
                   ==, "checkout");
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "User"), ==, "1000:1000");
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "WorkingDirectory"), ==, "/srv/app");
  g_assert_true (json_node_get_boolean (ecs_test_get (tpl, WEB "LinuxParameters.InitProcessEnabled")));
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "LinuxParameters.Capabilities.Add[0]"), ==, "SYS_PTRACE");
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "LinuxParameters.Capabilities.Drop[0]"), ==, "ALL");
  /* ulimits in both forms: the single value sets both limits. */
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "Ulimits[0].Name"), ==, "nofile");
  g_assert_cmpint (ecs_test_get_int (tpl, WEB "Ulimits[0].SoftLimit"), ==, 65535);
  g_assert_cmpint (ecs_test_get_int (tpl, WEB "Ulimits[0].HardLimit"), ==, 65535);
  g_assert_cmpint (ecs_test_get_int (tpl, WEB "Ulimits[1].SoftLimit"), ==, 1024);
  g_assert_cmpint (ecs_test_get_int (tpl, WEB "Ulimits[1].HardLimit"), ==, 2048);
  /* Allowed sysctls only. */
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "SystemControls[0].Namespace"), ==, "net.core.somaxconn");
  g_assert_null (ecs_test_get (tpl, WEB "SystemControls[1]"));
  g_assert_true (json_node_get_boolean (ecs_test_get (tpl, WEB "ReadonlyRootFilesystem")));
  g_assert_true (json_node_get_boolean (ecs_test_get (tpl, WEB "PseudoTerminal")));
  g_assert_true (json_node_get_boolean (ecs_test_get (tpl, WEB "Interactive")));
  /* stop_grace_period 3m: Fargate's maximum. */
  g_assert_cmpint (ecs_test_get_int (tpl, WEB "StopTimeout"), ==, 120);
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "HealthCheck.Command[0]"), ==, "CMD-SHELL");
  g_assert_cmpint (ecs_test_get_int (tpl, WEB "HealthCheck.Interval"), ==, 30);
  g_assert_cmpint (ecs_test_get_int (tpl, WEB "HealthCheck.Timeout"), ==, 5);
  g_assert_cmpint (ecs_test_get_int (tpl, WEB "HealthCheck.Retries"), ==, 3);
  g_assert_cmpint (ecs_test_get_int (tpl, WEB "HealthCheck.StartPeriod"), ==, 10);
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "LogConfiguration.Options.awslogs-multiline-pattern"), ==, "^\\[");
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "LogConfiguration.Options.awslogs-stream-prefix"), ==, "shop");
  g_assert_cmpint (ecs_test_get_int (tpl, WEB "MemoryReservation"), ==, 1024);
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "RepositoryCredentials.CredentialsParameter"), ==,
                   "arn:aws:secretsmanager:eu-west-3:123456789012:secret:registry-0a1b2c");
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "MountPoints[1].ContainerPath"), ==, "/srv/app/uploads");
  g_assert_true (json_node_get_boolean (ecs_test_get (tpl, WEB "MountPoints[1].ReadOnly")));
  g_assert_cmpstr (ecs_test_get_string (tpl, WEB "MountPoints[1].SourceVolume"), ==, "uploads");
  /* Secret with a target: the file name is the target. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebTaskDefinition.Properties.ContainerDefinitions[0].Command[0]"),
                   ==, "[{\"Name\":\"password\",\"Keys\":null}]");
}

static void
test_mappings_task (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_fixture ("mappings.yaml", "shop");
  g_autoptr(WharfTemplate) tpl = ecs_test_convert (root, NULL, NULL);

#define TASK "Resources.WebTaskDefinition.Properties."
  g_assert_cmpstr (ecs_test_get_string (tpl, TASK "Cpu"), ==, "2048");
  g_assert_cmpstr (ecs_test_get_string (tpl, TASK "Memory"), ==, "6144");
  g_assert_cmpstr (ecs_test_get_string (tpl, TASK "RuntimePlatform.CpuArchitecture"), ==, "ARM64");
  g_assert_cmpstr (ecs_test_get_string (tpl, TASK "ExecutionRoleArn.Fn::GetAtt[0]"), ==, "WebTaskExecutionRole");
  g_assert_cmpstr (ecs_test_get_string (tpl, TASK "ExecutionRoleArn.Fn::GetAtt[1]"), ==, "Arn");
  g_assert_cmpstr (ecs_test_get_string (tpl, TASK "TaskRoleArn.Fn::GetAtt[0]"), ==, "WebTaskRole");
  g_assert_cmpstr (ecs_test_get_string (tpl, TASK "Volumes[0].Name"), ==, "secrets");
  g_assert_cmpstr (ecs_test_get_string (tpl, TASK "Volumes[1].Name"), ==, "uploads");
  g_assert_cmpstr (ecs_test_get_string (tpl, TASK "Volumes[1].EFSVolumeConfiguration.TransitEncryption"), ==, "ENABLED");
  g_assert_cmpstr (ecs_test_get_string (tpl, TASK "Volumes[1].EFSVolumeConfiguration.FilesystemId.Ref"), ==, "UploadsFilesystem");
  g_assert_cmpstr (ecs_test_get_string (tpl, TASK "Volumes[1].EFSVolumeConfiguration.AuthorizationConfig.AccessPointId.Ref"),
                   ==, "UploadsAccessPoint");
#undef TASK
  /* 8 vCPU / 32 GiB: one of the sizes Docker's table lacked. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.DbTaskDefinition.Properties.Cpu"), ==, "8192");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.DbTaskDefinition.Properties.Memory"), ==, "32768");

  /* Task role: the x-aws-role document, x-aws-policies, the EFS policy. */
#define ROLE "Resources.WebTaskRole.Properties."
  g_assert_cmpstr (ecs_test_get_string (tpl, ROLE "Policies[0].PolicyName"), ==, "WebPolicy");
  g_assert_cmpstr (ecs_test_get_string (tpl, ROLE "Policies[0].PolicyDocument.Statement[0].Action[0]"), ==, "s3:GetObject");
  g_assert_cmpstr (ecs_test_get_string (tpl, ROLE "Policies[1].PolicyName"), ==, "WebUploadsVolumeMountPolicy");
  g_assert_cmpstr (ecs_test_get_string (tpl, ROLE "Policies[1].PolicyDocument.Statement[0].Resource.Fn::GetAtt[0]"), ==,
                   "UploadsFilesystem");
  g_assert_cmpstr (ecs_test_get_string (tpl, ROLE "Policies[1].PolicyDocument.Statement[0].Condition.StringEquals.elasticfilesystem:AccessPointArn.Fn::GetAtt[0]"),
                   ==, "UploadsAccessPoint");
  g_assert_cmpstr (ecs_test_get_string (tpl, ROLE "ManagedPolicyArns[0]"), ==, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
#undef ROLE
  /* The access point from driver_opts. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.UploadsAccessPoint.Properties.RootDirectory.Path"), ==, "/uploads");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.UploadsAccessPoint.Properties.RootDirectory.CreationInfo.Permissions"),
                   ==, "0750");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.UploadsAccessPoint.Properties.RootDirectory.CreationInfo.OwnerUid"),
                   ==, "1000");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.UploadsFilesystem.UpdateReplacePolicy"), ==, "Retain");
}

static void
test_mappings_service (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_fixture ("mappings.yaml", "shop");
  g_autoptr(WharfTemplate) tpl = ecs_test_convert (root, NULL, NULL);
  JsonArray *depends;
  gboolean has_db = FALSE, has_listener = FALSE, has_mount = FALSE;

#define SVC "Resources.WebService.Properties."
  g_assert_cmpint (ecs_test_get_int (tpl, SVC "DesiredCount"), ==, 3);
  /* replicas 3, parallelism 1: min ⌊200/3⌋, max ⌊400/3⌋. */
  g_assert_cmpint (ecs_test_get_int (tpl, SVC "DeploymentConfiguration.MinimumHealthyPercent"), ==, 66);
  g_assert_cmpint (ecs_test_get_int (tpl, SVC "DeploymentConfiguration.MaximumPercent"), ==, 133);
  /* Public subnets only (the fixture has a private one). */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (ecs_test_get (tpl, SVC "NetworkConfiguration.AwsvpcConfiguration.Subnets"))), ==, 2);
  /* published 8080 ≠ target 80: listener on 8080, container and group on 80. */
  g_assert_cmpint (ecs_test_get_int (tpl, SVC "LoadBalancers[0].ContainerPort"), ==, 80);
  g_assert_cmpstr (ecs_test_get_string (tpl, SVC "LoadBalancers[0].TargetGroupArn.Ref"), ==, "WebTCP8080TargetGroup");
#undef SVC
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.WebTCP8080Listener.Properties.Port"), ==, 8080);
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.WebTCP8080TargetGroup.Properties.Port"), ==, 80);
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.Default80Ingress.Properties.FromPort"), ==, 80);
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.Default8080Ingress.Properties.FromPort"), ==, 8080);
  g_assert_cmpstr (ecs_test_get_string (tpl, "Outputs.WebTCP8080Url.Value.Fn::Sub"), ==, "http://${LoadBalancer.DNSName}:8080");

  depends = json_node_get_array (ecs_test_get (tpl, "Resources.WebService.DependsOn"));
  for (guint i = 0; i < json_array_get_length (depends); i++)
    {
      const char *d = json_array_get_string_element (depends, i);

      has_db |= g_str_equal (d, "DbService");
      has_listener |= g_str_equal (d, "WebTCP8080Listener");
      has_mount |= g_str_has_prefix (d, "UploadsNFSMountTargetOn");
    }
  g_assert_true (has_db && has_listener && has_mount);
  /* Secret content: a NoEcho parameter, never the file's bytes. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.ShopdbpasswordSecret.Properties.SecretString.Ref"), ==,
                   "ShopdbpasswordSecretValue");
  g_assert_true (json_node_get_boolean (ecs_test_get (tpl, "Parameters.ShopdbpasswordSecretValue.NoEcho")));
  {
    g_autofree char *yaml = wharf_template_to_yaml (tpl, NULL, NULL);

    g_assert_null (strstr (yaml, "not-a-real-password"));
  }
}

static void
test_extensions (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_fixture ("extensions.yaml", "ext");
  g_autoptr(WharfEcsEnvironment) env = ecs_test_environment ();
  g_autoptr(WharfTemplate) tpl = NULL;
  JsonArray *sgs;

  wharf_ecs_environment_add_security_group (env, "sg-0a1b2c3d4e5f60718");
  tpl = ecs_test_convert (root, NULL, env);
  /* x-aws-vpc (ARN), x-aws-logs_retention then removed by the overlay. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.PublicNetwork.Properties.VpcId"), ==, "vpc-0a1b2c3d");
  g_assert_null (ecs_test_get (tpl, "Resources.LogGroup.Properties.RetentionInDays"));
  /* x-aws-protocol https: HTTP application load balancer (no certificate
   * known), the overlay makes the listener HTTPS with one. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LoadBalancer.Properties.Type"), ==, "application");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FrontTCP443TargetGroup.Properties.Protocol"), ==, "HTTP");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FrontTCP443TargetGroup.Properties.HealthCheckPath"), ==, "/health");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FrontTCP443Listener.Properties.Protocol"), ==, "HTTPS");
  g_assert_nonnull (ecs_test_get (tpl, "Resources.FrontTCP443Listener.Properties.Certificates[0].CertificateArn"));
  /* x-aws-securitygroup: the existing group, no resource, no ingress. */
  sgs = json_node_get_array (ecs_test_get (tpl, "Resources.FrontService.Properties.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups"));
  g_assert_cmpuint (json_array_get_length (sgs), ==, 2);
  g_assert_null (wharf_template_get_resource (tpl, "LegacyNetwork"));
  g_assert_null (wharf_template_get_resource (tpl, "Legacy443Ingress"));
  g_assert_nonnull (wharf_template_get_resource (tpl, "Public443Ingress"));
  /* x-aws-min_percent / x-aws-max_percent. */
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.FrontService.Properties.DeploymentConfiguration.MinimumHealthyPercent"), ==, 50);
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.FrontService.Properties.DeploymentConfiguration.MaximumPercent"), ==, 150);
  /* x-aws-autoscaling on memory. */
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.FrontScalableTarget.Properties.MinCapacity"), ==, 2);
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.FrontScalableTarget.Properties.MaxCapacity"), ==, 8);
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FrontScalingPolicy.Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType"),
                   ==, "ECSServiceAverageMemoryUtilization");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FrontScalableTarget.Properties.ResourceId.Fn::Join[1][1].Ref"), ==, "Cluster");
  /* x-aws-keys on an external secret (by ARN). */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FrontTaskDefinition.Properties.ContainerDefinitions[0].Command[0]"),
                   ==, "[{\"Name\":\"api_keys\",\"Keys\":[\"stripe\",\"sendgrid\"]}]");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FrontTaskDefinition.Properties.ContainerDefinitions[0].Secrets[0].ValueFrom"),
                   ==, "arn:aws:secretsmanager:eu-west-3:123456789012:secret:api-keys-0a1b2c");
  g_assert_null (ecs_test_get (tpl, "Parameters"));
}

static void
test_extensions_external (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_fixture ("extensions-external.yaml", "ext");
  g_autoptr(WharfEcsEnvironment) env = ecs_test_environment ();
  g_autoptr(WharfTemplate) tpl = NULL;
  g_autoptr(GListStore) diagnostics = NULL;

  tpl = ecs_test_convert (root, NULL, env);
  g_assert_null (wharf_template_get_resource (tpl, "Cluster"));
  g_assert_null (wharf_template_get_resource (tpl, "LoadBalancer"));
  g_assert_cmpstr (ecs_test_get_string (tpl, "Metadata.Cluster"), ==, "arn:aws:ecs:eu-west-3:123456789012:cluster/shared");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.ApiService.Properties.Cluster"), ==,
                   "arn:aws:ecs:eu-west-3:123456789012:cluster/shared");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.ApiTCP80Listener.Properties.LoadBalancerArn"), ==,
                   "arn:aws:elasticloadbalancing:eu-west-3:123456789012:loadbalancer/app/shared/0a1b2c3d4e5f6071");
  g_assert_null (ecs_test_get (tpl, "Outputs.ClusterArn"));

  /* The existing load balancer must be of the type the ports need. */
  wharf_ecs_environment_set_load_balancer (env, "arn:aws:elasticloadbalancing:eu-west-3:123456789012:loadbalancer/app/shared/0a1b2c3d4e5f6071",
                                           WHARF_LOAD_BALANCER_NETWORK, NULL);
  diagnostics = ecs_test_convert_fails (root, NULL, env, WHARF_ECS_ERROR, WHARF_ECS_ERROR_ENVIRONMENT,
                                        "is of type network, the project requires application");
}

static void
test_gpu (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_fixture ("gpu.yaml", "ml");
  g_autoptr(WharfEcsEnvironment) env = ecs_test_environment ();
  g_autoptr(WharfTemplate) tpl = NULL;

  wharf_ecs_environment_set_gpu_ami (env, "ami-0a1b2c3d4e5f60718");
  tpl = ecs_test_convert (root, NULL, env);
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.TrainerTaskDefinition.Properties.RequiresCompatibilities[0]"), ==, "EC2");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.TrainerTaskDefinition.Properties.Cpu"), ==, "4096");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.TrainerTaskDefinition.Properties.Memory"), ==, "12288");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.TrainerTaskDefinition.Properties.ContainerDefinitions[1].ResourceRequirements[0].Value"),
                   ==, "1");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.TrainerService.Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp"),
                   ==, "DISABLED");
  g_assert_null (ecs_test_get (tpl, "Resources.TrainerService.Properties.LaunchType"));
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.DashboardService.Properties.LaunchType"), ==, "FARGATE");
  /* 12 GiB needs more than 16 GiB? no: g4dn.xlarge has 16 > 12. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LaunchTemplate.Properties.LaunchTemplateData.InstanceType"), ==, "g4dn.xlarge");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LaunchTemplate.Properties.LaunchTemplateData.ImageId"), ==,
                   "ami-0a1b2c3d4e5f60718");
  g_assert_cmpstr (wharf_template_get_resource_type (tpl, "EC2InstanceRole"), ==, "AWS::IAM::Role");
  g_assert_cmpstr (wharf_template_get_resource_type (tpl, "EC2InstanceProfile"), ==, "AWS::IAM::InstanceProfile");
  g_assert_cmpstr (wharf_template_get_resource_type (tpl, "AutoscalingGroup"), ==, "AWS::AutoScaling::AutoScalingGroup");
  g_assert_cmpstr (wharf_template_get_resource_type (tpl, "CapacityProvider"), ==, "AWS::ECS::CapacityProvider");
  g_assert_null (ecs_test_get (tpl, "Parameters.GpuAmi"));
}

static void
test_offline (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_fixture ("mappings.yaml", "shop");
  g_autoptr(WharfEcsEnvironment) env = wharf_ecs_environment_new_offline (NULL);
  g_autoptr(WharfTemplate) tpl = ecs_test_convert (root, NULL, env);

  g_assert_cmpstr (ecs_test_get_string (tpl, "Parameters.VpcId.Type"), ==, "AWS::EC2::VPC::Id");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Parameters.Subnets.Type"), ==, "List<AWS::EC2::Subnet::Id>");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.CloudMap.Properties.Vpc.Ref"), ==, "VpcId");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LoadBalancer.Properties.Subnets.Ref"), ==, "Subnets");
  /* EFS: one mount target on each of the first two subnets. */
  g_assert_cmpint (ecs_test_get_int (tpl, "Resources.UploadsNFSMountTargetOnSubnet2.Properties.SubnetId.Fn::Select[0]"), ==, 1);
  /* Region unknown: CloudFormation picks the search domain. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebTaskDefinition.Properties.ContainerDefinitions[1].Command[0].Fn::If[0]"),
                   ==, "IsUsEast1");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Conditions.IsUsEast1.Fn::Equals[1]"), ==, "us-east-1");
}

static void
test_search_domain (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_string ("services:\n  app:\n    image: nginx:1.27\n", "dns");
  g_autoptr(WharfEcsEnvironment) env = wharf_ecs_environment_new ("us-east-1", "123456789012", "vpc-0a1b2c3d");
  g_autoptr(WharfTemplate) tpl = NULL;

  wharf_ecs_environment_add_subnet (env, "subnet-0a1b2c3d4e5f60718", "us-east-1a", TRUE);
  wharf_ecs_environment_add_subnet (env, "subnet-0b2c3d4e5f6a70819", "us-east-1b", TRUE);
  tpl = ecs_test_convert (root, NULL, env);
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.AppTaskDefinition.Properties.ContainerDefinitions[0].Command[0]"),
                   ==, "ec2.internal");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.AppTaskDefinition.Properties.ContainerDefinitions[0].Command[1]"),
                   ==, "dns.local");
  g_assert_null (ecs_test_get (tpl, "Conditions"));
  /* JSON output keeps init containers non-essential (Docker's did not). */
  {
    g_autofree char *json = wharf_template_to_json (tpl, NULL);

    g_assert_nonnull (strstr (json, "\"Essential\" : false"));
  }
}

static void
test_collision (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_string ("services:\n"
                                                    "  web-app:\n"
                                                    "    image: nginx:1.27\n"
                                                    "  webapp:\n"
                                                    "    image: nginx:1.27\n", "clash");
  g_autoptr(GListStore) diagnostics = NULL;

  diagnostics = ecs_test_convert_fails (root, NULL, NULL, WHARF_ECS_ERROR, WHARF_ECS_ERROR_INVALID, "webapp");
  g_assert_true (ecs_test_has_diagnostic (G_LIST_MODEL (diagnostics), WHARF_SEVERITY_ERROR,
                                          "services “web-app” and “webapp” both give the CloudFormation logical IDs “Webapp…”", 4));
}

/* Two names that only collide on a derived ID (X + port 880 = X8 + port
 * 80) are caught by the converter, naming both owners. */
static void
test_collision_derived (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_string ("services:\n"
                                                    "  a:\n"
                                                    "    image: nginx:1.27\n"
                                                    "    networks: [x]\n"
                                                    "    ports: [\"880:880\"]\n"
                                                    "  b:\n"
                                                    "    image: nginx:1.27\n"
                                                    "    networks: [x8]\n"
                                                    "    ports: [\"80:80\"]\n"
                                                    "networks:\n  x: {}\n  x8: {}\n", "clash");
  g_autoptr(GListStore) diagnostics = NULL;

  diagnostics = ecs_test_convert_fails (root, NULL, NULL, WHARF_ECS_ERROR, WHARF_ECS_ERROR_COLLISION, "X880Ingress");
}

static void
test_awesome_compose (void)
{
  g_autofree char *dir = wharf_test_peer_path ("awesome-compose", NULL);
  g_autoptr(GDir) samples = NULL;
  const char *name;
  guint converted = 0, rejected = 0;

  if (dir == NULL)
    return;
  samples = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (samples);
  while ((name = g_dir_read_name (samples)) != NULL)
    {
      static const char * const files[] = { "compose.yaml", "compose.yml", NULL };

      for (guint i = 0; files[i] != NULL; i++)
        {
          g_autofree char *path = g_build_filename (dir, name, files[i], NULL);
          g_autoptr(WharfNode) root = NULL;
          g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
          g_autoptr(WharfEcsEnvironment) env = ecs_test_environment ();
          g_autoptr(WharfTemplate) tpl = NULL;
          g_autoptr(GError) error = NULL;

          if (!g_file_test (path, G_FILE_TEST_EXISTS))
            continue;
          root = ecs_test_load (path, NULL, NULL);
          tpl = wharf_ecs_convert (root, NULL, env, diagnostics, &error);
          if (tpl == NULL)
            {
              /* A rejected project has its reasons as positioned errors. */
              g_assert_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_INVALID);
              g_assert_true (wharf_diagnostics_has_errors (G_LIST_MODEL (diagnostics)));
              g_test_message ("%s: %s", name, error->message);
              rejected++;
              continue;
            }
          ecs_test_lint_queue (tpl, name);
          converted++;
        }
    }
  g_test_message ("awesome-compose: %u converted, %u rejected", converted, rejected);
  /* postgresql-pgadmin and wordpress-mysql are deployable as they are. */
  g_assert_cmpuint (converted, >=, 2);
  g_assert_cmpuint (converted + rejected, ==, 12);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ecs/convert/mappings-container", test_mappings_container);
  g_test_add_func ("/ecs/convert/mappings-task", test_mappings_task);
  g_test_add_func ("/ecs/convert/mappings-service", test_mappings_service);
  g_test_add_func ("/ecs/convert/extensions", test_extensions);
  g_test_add_func ("/ecs/convert/extensions-external", test_extensions_external);
  g_test_add_func ("/ecs/convert/gpu", test_gpu);
  g_test_add_func ("/ecs/convert/offline", test_offline);
  g_test_add_func ("/ecs/convert/search-domain", test_search_domain);
  g_test_add_func ("/ecs/convert/collision", test_collision);
  g_test_add_func ("/ecs/convert/collision-derived", test_collision_derived);
  g_test_add_func ("/ecs/convert/awesome-compose", test_awesome_compose);
  ecs_test_add_lint ("/ecs/convert/cfn-lint");
  return g_test_run ();
}
