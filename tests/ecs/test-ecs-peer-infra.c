/* test-ecs-peer-infra.c: the inline test cases of Docker’s ECS integration
 * about networks, load balancers, volumes, VPC, cluster and GPU instances
 * (../shared/peer-tests/compose-cli-ecs/inline), with Wharf's fixes where
 * the issue asks for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ecs-test-util.h"

#define SUBNET_A "subnet-0a1b2c3d4e5f60718"
#define SUBNET_B "subnet-0b2c3d4e5f6a70819"

static void
test_map_networks (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestMapNetworksToSecurityGroups.yaml", "TestMapNetworksToSecurityGroups", NULL);

  if (tpl == NULL)
    return;
  g_assert_cmpstr (wharf_template_get_resource_type (tpl, "FronttierNetwork"), ==, "AWS::EC2::SecurityGroup");
  g_assert_cmpstr (wharf_template_get_resource_type (tpl, "BacktierNetwork"), ==, "AWS::EC2::SecurityGroup");
  g_assert_nonnull (wharf_template_get_resource (tpl, "BacktierNetworkIngress"));
  g_assert_nonnull (wharf_template_get_resource (tpl, "FronttierNetworkIngress"));
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FronttierNetworkIngress.Properties.SourceSecurityGroupId.Ref"), ==,
                   "FronttierNetwork");
  /* The network's name (name: public) is the tag. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.FronttierNetwork.Properties.Tags[1].Value"), ==, "public");
  /* The loader sorts the service's networks by name. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.TestService.Properties.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0].Ref"),
                   ==, "BacktierNetwork");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.TestService.Properties.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[1].Ref"),
                   ==, "FronttierNetwork");
}

static void
assert_application_lb (const char *file)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline (file, "TestLoadBalancerTypeApplication", NULL);
  JsonNode *sgs;

  if (tpl == NULL)
    return;
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LoadBalancer.Properties.Type"), ==, "application");
  sgs = ecs_test_get (tpl, "Resources.LoadBalancer.Properties.SecurityGroups");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (sgs)), >=, 1);
}

static void
test_lb_application_1 (void)
{
  assert_application_lb ("TestLoadBalancerTypeApplication-1.yaml");
}

static void
test_lb_application_2 (void)
{
  assert_application_lb ("TestLoadBalancerTypeApplication-2.yaml");
}

static void
test_lb_network (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestLoadBalancerTypeNetwork.yaml", "TestLoadBalancerTypeNetwork", NULL);

  if (tpl == NULL)
    return;
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LoadBalancer.Properties.Type"), ==, "network");
  g_assert_null (ecs_test_get (tpl, "Resources.LoadBalancer.Properties.SecurityGroups"));
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.TestTCP88Listener.Properties.Protocol"), ==, "TCP");
}

static void
test_no_lb_without_ports (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestNoLoadBalancerIfNoPortExposed.yaml", "TestNoLoadBalancerIfNoPortExposed", NULL);
  g_auto(GStrv) tgs = NULL, listeners = NULL, lbs = NULL;

  if (tpl == NULL)
    return;
  tgs = wharf_template_list_resources_of_type (tpl, "AWS::ElasticLoadBalancingV2::TargetGroup");
  listeners = wharf_template_list_resources_of_type (tpl, "AWS::ElasticLoadBalancingV2::Listener");
  lbs = wharf_template_list_resources_of_type (tpl, "AWS::ElasticLoadBalancingV2::LoadBalancer");
  g_assert_cmpuint (g_strv_length (tgs), ==, 0);
  g_assert_cmpuint (g_strv_length (listeners), ==, 0);
  g_assert_cmpuint (g_strv_length (lbs), ==, 0);
}

static void
test_external_network (void)
{
  g_autoptr(WharfEcsEnvironment) env = ecs_test_environment ();
  g_autoptr(WharfTemplate) tpl = NULL;
  JsonNode *sgs;

  wharf_ecs_environment_add_security_group (env, "sg-0a1b2c3d4e5f60718");
  tpl = ecs_test_convert_inline ("TestUseExternalNetwork.yaml", "TestUseExternalNetwork", env);
  if (tpl == NULL)
    return;
  g_assert_null (wharf_template_get_resource (tpl, "DefaultNetwork"));
  g_assert_null (wharf_template_get_resource (tpl, "DefaultNetworkIngress"));
  sgs = ecs_test_get (tpl, "Resources.TestService.Properties.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (sgs)), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (sgs), 0), ==, "sg-0a1b2c3d4e5f60718");
}

static void
test_external_network_missing (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_inline ("TestUseExternalNetwork.yaml", "TestUseExternalNetwork");
  g_autoptr(GListStore) diagnostics = NULL;

  if (root == NULL)
    return;
  diagnostics = ecs_test_convert_fails (root, "TestUseExternalNetwork", NULL, WHARF_ECS_ERROR,
                                        WHARF_ECS_ERROR_ENVIRONMENT, "sg-0a1b2c3d4e5f60718");
}

/* One mount target per availability zone of the public subnets. */
static void
assert_mount_targets (WharfTemplate *tpl,
                      const char    *fs_id,
                      const char    *fs_ref)
{
  g_auto(GStrv) targets = wharf_template_list_resources_of_type (tpl, "AWS::EFS::MountTarget");

  g_assert_cmpuint (g_strv_length (targets), ==, 2);
  g_assert_cmpstr (targets[0], ==, "DbdataNFSMountTargetOnSubnet0a1b2c3d4e5f60718");
  g_assert_cmpstr (targets[1], ==, "DbdataNFSMountTargetOnSubnet0b2c3d4e5f6a70819");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_strdup_printf ("Resources.%s.Properties.FileSystemId%s", targets[i], fs_ref ? ".Ref" : "");
      g_autofree char *subnet = g_strdup_printf ("Resources.%s.Properties.SubnetId", targets[i]);

      g_assert_cmpstr (ecs_test_get_string (tpl, path), ==, fs_ref ? fs_ref : fs_id);
      g_assert_cmpstr (ecs_test_get_string (tpl, subnet), ==, i == 0 ? SUBNET_A : SUBNET_B);
    }
}

static void
test_external_volume (void)
{
  g_autoptr(WharfEcsEnvironment) env = ecs_test_environment ();
  g_autoptr(WharfTemplate) tpl = NULL;

  wharf_ecs_environment_add_file_system (env, "fs-0a1b2c3d4e5f60718");
  tpl = ecs_test_convert_inline ("TestUseExternalVolume.yaml", "TestUseExternalVolume", env);
  if (tpl == NULL)
    return;
  assert_mount_targets (tpl, "fs-0a1b2c3d4e5f60718", NULL);
  g_assert_null (wharf_template_get_resource (tpl, "DbdataFilesystem"));
}

static void
test_create_volume (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestCreateVolume.yaml", "TestCreateVolume", NULL);

  if (tpl == NULL)
    return;
#define FS "Resources.DbdataFilesystem.Properties."
  g_assert_cmpstr (ecs_test_get_string (tpl, FS "BackupPolicy.Status"), ==, "ENABLED");
  g_assert_cmpstr (ecs_test_get_string (tpl, FS "LifecyclePolicies[0].TransitionToIA"), ==, "AFTER_30_DAYS");
  g_assert_cmpstr (ecs_test_get_string (tpl, FS "PerformanceMode"), ==, "maxIO");
  g_assert_cmpstr (ecs_test_get_string (tpl, FS "ThroughputMode"), ==, "provisioned");
  g_assert_cmpfloat (json_node_get_double (ecs_test_get (tpl, FS "ProvisionedThroughputInMibps")), ==, 1024.0);
  g_assert_true (json_node_get_boolean (ecs_test_get (tpl, FS "Encrypted")));
#undef FS
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.DbdataFilesystem.DeletionPolicy"), ==, "Retain");
  assert_mount_targets (tpl, NULL, "DbdataFilesystem");
}

static void
test_sourceless_volume (void)
{
  g_autoptr(WharfNode) root = ecs_test_load_inline ("TestCreateSourcelessVolume.yaml", "TestCreateSourcelessVolume");
  g_autoptr(GListStore) diagnostics = NULL;

  if (root == NULL)
    return;
  diagnostics = ecs_test_convert_fails (root, "TestCreateSourcelessVolume", NULL,
                                        WHARF_ECS_ERROR, WHARF_ECS_ERROR_INVALID,
                                        "ECS does not support sourceless volumes");
  g_assert_true (ecs_test_has_diagnostic (G_LIST_MODEL (diagnostics), WHARF_SEVERITY_ERROR,
                                          "service test has an invalid volume db-data: ECS does not support sourceless volumes", 5));
}

static void
test_access_point (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestCreateAccessPoint.yaml", "TestCreateAccessPoint", NULL);

  if (tpl == NULL)
    return;
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.DbdataAccessPoint.Properties.PosixUser.Uid"), ==, "1002");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.DbdataAccessPoint.Properties.PosixUser.Gid"), ==, "1002");
}

static void
test_reuse_volume (void)
{
  g_autoptr(WharfEcsEnvironment) env = ecs_test_environment ();
  g_autoptr(WharfTemplate) tpl = NULL;

  wharf_ecs_environment_set_volume_file_system (env, "db-data", "fs-0a1b2c3d4e5f60718");
  tpl = ecs_test_convert_inline ("TestReusePreviousVolume.yaml", "TestReusePreviousVolume", env);
  if (tpl == NULL)
    return;
  assert_mount_targets (tpl, "fs-0a1b2c3d4e5f60718", NULL);
  g_assert_null (wharf_template_get_resource (tpl, "DbdataFilesystem"));
}

static void
test_template_metadata (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestTemplateMetadata.yaml", "TestTemplateMetadata", NULL);

  if (tpl == NULL)
    return;
  g_assert_cmpstr (ecs_test_get_string (tpl, "Metadata.Cluster"), ==, "arn:aws:ecs:region:account:cluster/name");
  g_assert_null (wharf_template_get_resource (tpl, "Cluster"));
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.TestService.Properties.Cluster"), ==,
                   "arn:aws:ecs:region:account:cluster/name");
}

static void
test_arn_used_as_vpc_id (void)
{
  g_autoptr(WharfEcsEnvironment) env = wharf_ecs_environment_new ("us-west-1", "123456789012", NULL);
  g_autoptr(WharfEcsEnvironment) offline = wharf_ecs_environment_new_offline ("us-west-1");
  g_autoptr(WharfEcsEnvironment) other = ecs_test_environment ();
  g_autoptr(WharfNode) root = ecs_test_load_inline ("TestARNUsedAsVpcID.yaml", "TestARNUsedAsVpcID");
  g_autoptr(WharfTemplate) tpl = NULL;
  g_autoptr(WharfTemplate) tpl_offline = NULL;
  g_autoptr(GListStore) diagnostics = NULL;

  if (root == NULL)
    return;
  wharf_ecs_environment_add_subnet (env, SUBNET_A, "us-west-1a", TRUE);
  wharf_ecs_environment_add_subnet (env, SUBNET_B, "us-west-1b", TRUE);
  tpl = ecs_test_convert (root, "TestARNUsedAsVpcID", env);
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.DefaultNetwork.Properties.VpcId"), ==, "vpc-1234acbd");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.CloudMap.Properties.Vpc"), ==, "vpc-1234acbd");

  /* Offline: the VPC is known, only the subnets are parameters. */
  tpl_offline = ecs_test_convert (root, "TestARNUsedAsVpcID", offline);
  g_assert_cmpstr (ecs_test_get_string (tpl_offline, "Resources.DefaultNetwork.Properties.VpcId"), ==, "vpc-1234acbd");
  g_assert_null (ecs_test_get (tpl_offline, "Parameters.VpcId"));
  g_assert_cmpstr (ecs_test_get_string (tpl_offline, "Parameters.Subnets.Type"), ==, "List<AWS::EC2::Subnet::Id>");

  /* An environment resolved for another VPC is an error. */
  diagnostics = ecs_test_convert_fails (root, "TestARNUsedAsVpcID", other, WHARF_ECS_ERROR,
                                        WHARF_ECS_ERROR_ENVIRONMENT, "vpc-1234acbd");
}

/* Docker wrote a LaunchConfiguration, which new AWS accounts can no longer
 * create: the values are in a LaunchTemplate. */
static void
test_user_defined_ami (void)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline ("TestUserDefinedAMI.yaml", "TestUserDefinedAMI", NULL);

  if (tpl == NULL)
    return;
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LaunchTemplate.Properties.LaunchTemplateData.ImageId"), ==, "ami-0a1b2c3d4e5f60718");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LaunchTemplate.Properties.LaunchTemplateData.InstanceType"), ==, "g4dn.2xlarge");
}

static void
guess_case (const char *file,
            const char *expected)
{
  g_autoptr(WharfTemplate) tpl = ecs_test_convert_inline (file, "TestGuessMachineType", NULL);

  if (tpl == NULL)
    return;
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LaunchTemplate.Properties.LaunchTemplateData.InstanceType"), ==, expected);
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.Cluster.Properties.CapacityProviders[0].Ref"), ==, "CapacityProvider");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LearningService.Properties.CapacityProviderStrategy[0].CapacityProvider.Ref"),
                   ==, "CapacityProvider");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Parameters.GpuAmi.Default"), ==,
                   "/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id");
}

static void
test_guess_machine_1 (void)
{
  guess_case ("TestGuessMachineType-1.yaml", "g4dn.xlarge");
}

static void
test_guess_machine_2 (void)
{
  guess_case ("TestGuessMachineType-2.yaml", "g4dn.12xlarge");
}

static void
test_guess_machine_3 (void)
{
  guess_case ("TestGuessMachineType-3.yaml", "g4dn.metal");
}

static void
test_guess_machine_4 (void)
{
  guess_case ("TestGuessMachineType-4.yaml", "g4dn.12xlarge");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ecs/peer/map-networks", test_map_networks);
  g_test_add_func ("/ecs/peer/lb-application-1", test_lb_application_1);
  g_test_add_func ("/ecs/peer/lb-application-2", test_lb_application_2);
  g_test_add_func ("/ecs/peer/lb-network", test_lb_network);
  g_test_add_func ("/ecs/peer/no-lb-without-ports", test_no_lb_without_ports);
  g_test_add_func ("/ecs/peer/external-network", test_external_network);
  g_test_add_func ("/ecs/peer/external-network-missing", test_external_network_missing);
  g_test_add_func ("/ecs/peer/external-volume", test_external_volume);
  g_test_add_func ("/ecs/peer/create-volume", test_create_volume);
  g_test_add_func ("/ecs/peer/sourceless-volume", test_sourceless_volume);
  g_test_add_func ("/ecs/peer/access-point", test_access_point);
  g_test_add_func ("/ecs/peer/reuse-volume", test_reuse_volume);
  g_test_add_func ("/ecs/peer/template-metadata", test_template_metadata);
  g_test_add_func ("/ecs/peer/arn-used-as-vpc-id", test_arn_used_as_vpc_id);
  g_test_add_func ("/ecs/peer/user-defined-ami", test_user_defined_ami);
  g_test_add_func ("/ecs/peer/guess-machine-1", test_guess_machine_1);
  g_test_add_func ("/ecs/peer/guess-machine-2", test_guess_machine_2);
  g_test_add_func ("/ecs/peer/guess-machine-3", test_guess_machine_3);
  g_test_add_func ("/ecs/peer/guess-machine-4", test_guess_machine_4);
  ecs_test_add_lint ("/ecs/peer/infra-cfn-lint");
  return g_test_run ();
}
