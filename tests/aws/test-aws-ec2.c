/* test-aws-ec2.c: typed EC2, ELBv2 and Auto Scaling calls against canned
 * responses (EC2's flattened parameters and <item> lists, its own error
 * shape; ELBv2 Marker paging).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-aws-client-server.h"
#include "wharf-aws-autoscaling.h"
#include "wharf-aws-ec2.h"
#include "wharf-aws-elbv2.h"

#define XML "text/xml;charset=UTF-8"

static void
test_vpcs_and_filters (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) vpcs = NULL;
  g_autoptr(WharfTestRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  WharfEc2Vpc *vpc;

  wharf_test_server_push (server, 200, XML,
    "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>"
    "<vpcSet><item><vpcId>vpc-1</vpcId><state>available</state><cidrBlock>172.31.0.0/16</cidrBlock>"
    "<isDefault>true</isDefault><tagSet><item><key>Name</key><value>default</value></item></tagSet>"
    "</item></vpcSet><nextToken>v2</nextToken></DescribeVpcsResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<DescribeVpcsResponse><vpcSet><item><vpcId>vpc-2</vpcId><isDefault>false</isDefault></item></vpcSet>"
    "</DescribeVpcsResponse>", NULL);
  vpcs = wharf_ec2_describe_vpcs (client, (const char *[]) { "vpc-1", "vpc-2", NULL },
                                  (const char *[]) { "is-default", "true", "state", "available", NULL },
                                  NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vpcs->len, ==, 2);
  vpc = g_ptr_array_index (vpcs, 0);
  g_assert_cmpstr (vpc->vpc_id, ==, "vpc-1");
  g_assert_true (vpc->is_default);
  g_assert_cmpstr (vpc->cidr_block, ==, "172.31.0.0/16");
  g_assert_cmpstr (g_hash_table_lookup (vpc->tags, "Name"), ==, "default");
  g_assert_false (((WharfEc2Vpc *) g_ptr_array_index (vpcs, 1))->is_default);

  request = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (request->body, ==,
                   "Action=DescribeVpcs&Version=2016-11-15&VpcId.1=vpc-1&VpcId.2=vpc-2"
                   "&Filter.1.Name=is-default&Filter.1.Value.1=true"
                   "&Filter.2.Name=state&Filter.2.Value.1=available");
  g_assert_nonnull (strstr (soup_message_headers_get_one (request->headers, "Authorization"),
                            "/us-east-1/ec2/aws4_request"));
}

static void
test_subnets_routes_groups (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) subnets = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  WharfEc2Subnet *subnet;
  WharfEc2RouteTable *table;
  WharfEc2SecurityGroup *group;
  gboolean dns = FALSE;

  wharf_test_server_push (server, 200, XML,
    "<DescribeSubnetsResponse><subnetSet><item><subnetId>subnet-a</subnetId><vpcId>vpc-1</vpcId>"
    "<availabilityZone>us-east-1a</availabilityZone><availabilityZoneId>use1-az1</availabilityZoneId>"
    "<cidrBlock>172.31.0.0/20</cidrBlock><defaultForAz>true</defaultForAz>"
    "<mapPublicIpOnLaunch>true</mapPublicIpOnLaunch></item></subnetSet></DescribeSubnetsResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<DescribeRouteTablesResponse><routeTableSet><item><routeTableId>rtb-1</routeTableId><vpcId>vpc-1</vpcId>"
    "<routeSet><item><destinationCidrBlock>172.31.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId></item>"
    "<item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><gatewayId>igw-9</gatewayId></item></routeSet>"
    "<associationSet><item><main>true</main></item><item><subnetId>subnet-a</subnetId><main>false</main></item>"
    "</associationSet></item><item><routeTableId>rtb-2</routeTableId><routeSet><item><gatewayId>local</gatewayId>"
    "</item></routeSet></item></routeTableSet></DescribeRouteTablesResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<DescribeSecurityGroupsResponse><securityGroupInfo><item><groupId>sg-1</groupId><groupName>default</groupName>"
    "<groupDescription>default VPC security group</groupDescription><vpcId>vpc-1</vpcId></item>"
    "</securityGroupInfo></DescribeSecurityGroupsResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<DescribeVpcAttributeResponse><vpcId>vpc-1</vpcId><enableDnsHostnames><value>true</value>"
    "</enableDnsHostnames></DescribeVpcAttributeResponse>", NULL);

  subnets = wharf_ec2_describe_subnets (client, NULL, (const char *[]) { "vpc-id", "vpc-1", NULL }, NULL, &error);
  g_assert_no_error (error);
  subnet = g_ptr_array_index (subnets, 0);
  g_assert_cmpstr (subnet->availability_zone, ==, "us-east-1a");
  g_assert_cmpstr (subnet->availability_zone_id, ==, "use1-az1");
  g_assert_true (subnet->default_for_az);
  g_assert_true (subnet->map_public_ip_on_launch);

  tables = wharf_ec2_describe_route_tables (client, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tables->len, ==, 2);
  table = g_ptr_array_index (tables, 0);
  g_assert_true (table->main);
  g_assert_cmpstrv (table->subnet_ids, ((const char *[]) { "subnet-a", NULL }));
  g_assert_true (wharf_ec2_route_table_is_public (table));
  g_assert_false (wharf_ec2_route_table_is_public (g_ptr_array_index (tables, 1)));

  groups = wharf_ec2_describe_security_groups (client, (const char *[]) { "sg-1", NULL }, NULL, NULL, &error);
  g_assert_no_error (error);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (group->group_name, ==, "default");
  g_assert_cmpstr (group->description, ==, "default VPC security group");

  g_assert_true (wharf_ec2_describe_vpc_attribute (client, "vpc-1", "enableDnsHostnames", &dns, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dns);
}

static void
test_regions_and_error (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_auto(GStrv) regions = NULL;
  g_autoptr(GPtrArray) vpcs = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 200, XML,
    "<DescribeRegionsResponse><regionInfo><item><regionName>eu-west-1</regionName>"
    "<regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint></item><item><regionName>us-east-1</regionName>"
    "</item></regionInfo></DescribeRegionsResponse>", NULL);
  wharf_test_server_push (server, 400, XML,
    "<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID 'vpc-x' does not exist"
    "</Message></Error></Errors><RequestID>ec2-req</RequestID></Response>", NULL);
  regions = wharf_ec2_describe_regions (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (regions, ((const char *[]) { "eu-west-1", "us-east-1", NULL }));

  vpcs = wharf_ec2_describe_vpcs (client, (const char *[]) { "vpc-x", NULL }, NULL, NULL, &error);
  g_assert_null (vpcs);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_cmpstr (wharf_aws_client_error_get_code (error), ==, "InvalidVpcID.NotFound");
  g_assert_cmpstr (wharf_aws_client_error_get_request_id (error), ==, "ec2-req");
}

static void
test_elbv2 (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) lbs = NULL;
  g_autoptr(GPtrArray) tgs = NULL;
  g_autoptr(WharfTestRequest) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *marker = NULL;
  WharfElbLoadBalancer *lb;
  WharfElbTargetGroup *tg;

  wharf_test_server_push (server, 200, "text/xml",
    "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers><member>"
    "<LoadBalancerArn>arn:lb/1</LoadBalancerArn><LoadBalancerName>demo</LoadBalancerName>"
    "<DNSName>demo-1.elb.amazonaws.com</DNSName><Scheme>internet-facing</Scheme><Type>application</Type>"
    "<VpcId>vpc-1</VpcId><State><Code>active</Code></State>"
    "<AvailabilityZones><member><ZoneName>us-east-1a</ZoneName><SubnetId>subnet-a</SubnetId></member></AvailabilityZones>"
    "<SecurityGroups><member>sg-1</member></SecurityGroups></member></LoadBalancers>"
    "<NextMarker>m2</NextMarker></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>", NULL);
  wharf_test_server_push (server, 200, "text/xml",
    "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers><member>"
    "<LoadBalancerArn>arn:lb/2</LoadBalancerArn><Type>network</Type></member></LoadBalancers>"
    "</DescribeLoadBalancersResult></DescribeLoadBalancersResponse>", NULL);
  wharf_test_server_push (server, 200, "text/xml",
    "<DescribeTargetGroupsResponse><DescribeTargetGroupsResult><TargetGroups><member>"
    "<TargetGroupArn>arn:tg/1</TargetGroupArn><TargetGroupName>web</TargetGroupName><Protocol>HTTP</Protocol>"
    "<Port>80</Port><TargetType>ip</TargetType><LoadBalancerArns><member>arn:lb/1</member></LoadBalancerArns>"
    "</member></TargetGroups></DescribeTargetGroupsResult></DescribeTargetGroupsResponse>", NULL);
  wharf_test_server_push (server, 400, "text/xml",
    "<ErrorResponse><Error><Type>Sender</Type><Code>LoadBalancerNotFound</Code>"
    "<Message>One or more load balancers not found</Message></Error></ErrorResponse>", NULL);

  lbs = wharf_elbv2_describe_load_balancers (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lbs->len, ==, 2);
  lb = g_ptr_array_index (lbs, 0);
  g_assert_cmpstr (lb->dns_name, ==, "demo-1.elb.amazonaws.com");
  g_assert_cmpstr (lb->state, ==, "active");
  g_assert_cmpstrv (lb->availability_zones, ((const char *[]) { "us-east-1a", NULL }));
  g_assert_cmpstrv (lb->security_groups, ((const char *[]) { "sg-1", NULL }));
  second = wharf_test_server_get_request (server, 1);
  marker = wharf_test_request_form_value (second, "Marker");
  g_assert_cmpstr (marker, ==, "m2");
  g_assert_nonnull (strstr (soup_message_headers_get_one (second->headers, "Authorization"),
                            "/elasticloadbalancing/aws4_request"));

  tgs = wharf_elbv2_describe_target_groups (client, "arn:lb/1", NULL, &error);
  g_assert_no_error (error);
  tg = g_ptr_array_index (tgs, 0);
  g_assert_cmpint (tg->port, ==, 80);
  g_assert_cmpstr (tg->target_type, ==, "ip");
  g_assert_cmpstrv (tg->load_balancer_arns, ((const char *[]) { "arn:lb/1", NULL }));

  g_clear_pointer (&lbs, g_ptr_array_unref);
  lbs = wharf_elbv2_describe_load_balancers (client, NULL, (const char *[]) { "nope", NULL }, NULL, &error);
  g_assert_null (lbs);
  g_assert_true (wharf_aws_client_error_has_code (error, "LoadBalancerNotFound"));
}

static void
test_autoscaling (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfTestRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 200, "text/xml",
    "<DeleteAutoScalingGroupResponse><ResponseMetadata><RequestId>a</RequestId></ResponseMetadata>"
    "</DeleteAutoScalingGroupResponse>", NULL);
  g_assert_true (wharf_autoscaling_delete_group (client, "demo-asg", TRUE, NULL, &error));
  g_assert_no_error (error);
  request = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (request->body, ==, "Action=DeleteAutoScalingGroup&Version=2011-01-01"
                   "&AutoScalingGroupName=demo-asg&ForceDelete=true");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/ec2/vpcs-and-filters", test_vpcs_and_filters);
  g_test_add_func ("/aws/ec2/subnets-routes-groups", test_subnets_routes_groups);
  g_test_add_func ("/aws/ec2/regions-and-error", test_regions_and_error);
  g_test_add_func ("/aws/elbv2/describe", test_elbv2);
  g_test_add_func ("/aws/autoscaling/delete-group", test_autoscaling);

  return g_test_run ();
}
