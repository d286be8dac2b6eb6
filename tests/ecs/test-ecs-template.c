/* test-ecs-template.c: WharfTemplate (writers, listing, limits), the
 * overlay merge, Fargate sizes and the environment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ecs-test-util.h"
#include "wharf-fargate.h"

static WharfTemplate *
small_template (void)
{
  WharfTemplate *tpl = wharf_template_new ();
  JsonObject *props;

  props = json_object_get_object_member (wharf_template_add_resource (tpl, "Zeta", "AWS::Logs::LogGroup"), "Properties");
  json_object_set_string_member (props, "LogGroupName", "/zeta");
  json_object_set_int_member (props, "RetentionInDays", 7);
  props = json_object_get_object_member (wharf_template_add_resource (tpl, "Alpha", "AWS::ECS::Cluster"), "Properties");
  json_object_set_string_member (props, "ClusterName", "256");
  json_object_set_string_member (props, "Weird", "yes");
  json_object_set_string_member (props, "Dash", "-1");
  json_object_set_string_member (props, "Date", "2012-10-17");
  json_object_set_string_member (props, "Multi", "line one\nline two\n");
  json_object_set_boolean_member (props, "Flag", TRUE);
  json_object_set_double_member (props, "Ratio", 0.5);
  json_object_set_object_member (props, "Empty", json_object_new ());
  json_object_set_array_member (props, "None", json_array_new ());
  return tpl;
}

static void
test_yaml_sorted_and_typed (void)
{
  g_autoptr(WharfTemplate) tpl = small_template ();
  g_autoptr(GError) error = NULL;
  g_autofree char *yaml = NULL;
  g_autoptr(WharfNode) parsed = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(JsonNode) sorted = NULL;
  gsize length = 0;

  yaml = wharf_template_to_yaml (tpl, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, strlen (yaml));
  g_assert_true (g_str_has_suffix (yaml, "\n"));
  /* Keys sorted at every level: Alpha before Zeta, ClusterName before Dash. */
  g_assert_true (strstr (yaml, "Alpha:") < strstr (yaml, "Zeta:"));
  g_assert_true (strstr (yaml, "AWSTemplateFormatVersion") < strstr (yaml, "Resources:"));
  g_assert_true (strstr (yaml, "ClusterName") < strstr (yaml, "Dash"));
  /* Strings that would read as other types are quoted. */
  g_assert_nonnull (strstr (yaml, "ClusterName: \"256\""));
  g_assert_nonnull (strstr (yaml, "Weird: \"yes\""));
  g_assert_nonnull (strstr (yaml, "Dash: \"-1\""));
  g_assert_nonnull (strstr (yaml, "AWSTemplateFormatVersion: \"2010-09-09\""));
  g_assert_nonnull (strstr (yaml, "RetentionInDays: 7\n"));
  g_assert_nonnull (strstr (yaml, "Empty: {}"));
  g_assert_nonnull (strstr (yaml, "None: []"));

  /* Reading it back gives the same tree, types included. */
  parsed = wharf_node_parse (yaml, length, "template.yaml", &error);
  g_assert_no_error (error);
  back = wharf_node_to_json_node (parsed);
  sorted = ecs_test_template_json (tpl);
  g_assert_true (json_node_equal (back, sorted));
}

static void
test_json_sorted (void)
{
  g_autoptr(WharfTemplate) tpl = small_template ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) sorted = NULL;
  gsize length = 0;

  json = wharf_template_to_json (tpl, &length);
  g_assert_cmpuint (length, ==, strlen (json));
  g_assert_true (strstr (json, "\"Alpha\"") < strstr (json, "\"Zeta\""));
  g_assert_true (json_parser_load_from_data (parser, json, (gssize) length, &error));
  g_assert_no_error (error);
  sorted = ecs_test_template_json (tpl);
  g_assert_true (json_node_equal (json_parser_get_root (parser), sorted));
  g_assert_cmpuint (wharf_template_get_size (tpl, WHARF_TEMPLATE_FORMAT_JSON), ==, length);
}

static void
test_listing_and_sections (void)
{
  g_autoptr(WharfTemplate) tpl = small_template ();
  g_auto(GStrv) ids = wharf_template_list_resources (tpl);
  g_auto(GStrv) clusters = wharf_template_list_resources_of_type (tpl, "AWS::ECS::Cluster");
  JsonObject *param;

  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "Alpha");
  g_assert_cmpstr (ids[1], ==, "Zeta");
  g_assert_cmpuint (wharf_template_get_n_resources (tpl), ==, 2);
  g_assert_cmpuint (g_strv_length (clusters), ==, 1);
  g_assert_cmpstr (wharf_template_get_resource_type (tpl, "Zeta"), ==, "AWS::Logs::LogGroup");
  g_assert_null (wharf_template_get_resource_type (tpl, "Nope"));

  wharf_template_set_description (tpl, "demo");
  g_assert_cmpstr (wharf_template_get_description (tpl), ==, "demo");
  param = wharf_template_add_parameter (tpl, "VpcId", "AWS::EC2::VPC::Id", "the VPC");
  g_assert_nonnull (param);
  wharf_template_add_output (tpl, "Url", "where", json_node_init_string (json_node_alloc (), "http://x"));
  g_assert_cmpstr (ecs_test_get_string (tpl, "Parameters.VpcId.Type"), ==, "AWS::EC2::VPC::Id");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Outputs.Url.Value"), ==, "http://x");
  g_assert_true (wharf_template_remove_resource (tpl, "Zeta"));
  g_assert_false (wharf_template_remove_resource (tpl, "Zeta"));
  g_assert_cmpuint (wharf_template_get_n_resources (tpl), ==, 1);
}

static void
test_limits (void)
{
  g_autoptr(WharfTemplate) tpl = wharf_template_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *big = NULL;
  gboolean upload = TRUE;
  JsonObject *props;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("Group%u", i);

      wharf_template_add_resource (tpl, id, "AWS::Logs::LogGroup");
    }
  g_assert_true (wharf_template_check_limits (tpl, WHARF_TEMPLATE_FORMAT_YAML, &upload, &error));
  g_assert_no_error (error);
  g_assert_false (upload);

  /* Over 51,200 bytes: valid, but the deploy must upload it. */
  big = g_strnfill (60000, 'x');
  props = wharf_template_get_properties (tpl, "Group0");
  json_object_set_string_member (props, "LogGroupName", big);
  g_assert_true (wharf_template_check_limits (tpl, WHARF_TEMPLATE_FORMAT_JSON, &upload, &error));
  g_assert_true (upload);

  /* Over 1 MB: an error naming the size. */
  g_free (big);
  big = g_strnfill (1100 * 1000, 'y');
  json_object_set_string_member (props, "LogGroupName", big);
  g_assert_false (wharf_template_check_limits (tpl, WHARF_TEMPLATE_FORMAT_YAML, &upload, &error));
  g_assert_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "1000000 bytes"));
  g_clear_error (&error);
  json_object_set_string_member (props, "LogGroupName", "small");

  /* Over 500 resources: an error naming the count. */
  for (guint i = 10; i < 501; i++)
    {
      g_autofree char *id = g_strdup_printf ("Group%u", i);

      wharf_template_add_resource (tpl, id, "AWS::Logs::LogGroup");
    }
  g_assert_false (wharf_template_check_limits (tpl, WHARF_TEMPLATE_FORMAT_YAML, NULL, &error));
  g_assert_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "501 resources"));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_overlay (void)
{
  g_autoptr(WharfTemplate) tpl = wharf_template_new ();
  g_autoptr(JsonNode) overlay = NULL;
  g_autoptr(JsonNode) bad = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *props = json_object_get_object_member (wharf_template_add_resource (tpl, "Task", "AWS::ECS::TaskDefinition"), "Properties");
  JsonArray *containers = json_array_new ();
  JsonObject *c1 = json_object_new (), *c2 = json_object_new ();
  JsonArray *tags = json_array_new ();

  json_object_set_string_member (c1, "Name", "init");
  json_object_set_string_member (c1, "Image", "a");
  json_object_set_string_member (c2, "Name", "web");
  json_object_set_string_member (c2, "Image", "b");
  json_array_add_object_element (containers, c1);
  json_array_add_object_element (containers, c2);
  json_object_set_array_member (props, "ContainerDefinitions", containers);
  json_array_add_string_element (tags, "x");
  json_object_set_array_member (props, "Plain", tags);
  json_object_set_string_member (props, "Cpu", "256");
  json_object_set_string_member (props, "Memory", "512");

  overlay = parse_json ("{\"Resources\": {\"Task\": {\"Properties\": {"
                        "\"Cpu\": \"512\", \"Memory\": null, \"Plain\": [\"y\", \"z\"],"
                        "\"ContainerDefinitions\": [{\"Name\": \"web\", \"Image\": \"c\"},"
                        "                           {\"Name\": \"sidecar\", \"Image\": \"d\"}]}},"
                        " \"Extra\": {\"Type\": \"AWS::SNS::Topic\"}},"
                        " \"Outputs\": {\"X\": {\"Value\": \"1\"}}}");
  g_assert_true (wharf_ecs_apply_overlay (tpl, overlay, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.Task.Properties.Cpu"), ==, "512");
  g_assert_null (ecs_test_get (tpl, "Resources.Task.Properties.Memory"));
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.Task.Properties.Plain[0]"), ==, "y");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.Task.Properties.Plain[1]"), ==, "z");
  /* Lists of named objects merge by Name: init kept, web updated, sidecar added. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.Task.Properties.ContainerDefinitions[0].Image"), ==, "a");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.Task.Properties.ContainerDefinitions[1].Image"), ==, "c");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.Task.Properties.ContainerDefinitions[2].Name"), ==, "sidecar");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.Extra.Type"), ==, "AWS::SNS::Topic");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Outputs.X.Value"), ==, "1");

  bad = parse_json ("[1, 2]");
  g_assert_false (wharf_ecs_apply_overlay (tpl, bad, &error));
  g_assert_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_EXTENSION);
  g_clear_error (&error);
  g_clear_pointer (&bad, json_node_unref);
  bad = parse_json ("{\"Resources\": null}");
  g_assert_false (wharf_ecs_apply_overlay (tpl, bad, &error));
  g_assert_error (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_EXTENSION);
}

static void
test_fargate_sizes (void)
{
  static const struct {
    guint64 cpu, mem;
    gboolean ok;
    guint want_cpu, want_mem;
  } cases[] = {
    { 0, 0, TRUE, 256, 512 },
    { 256, 512, TRUE, 256, 512 },
    { 512, 2048, TRUE, 512, 2048 },      /* 0.5 vCPU, 2048M */
    { 4096, 8192, TRUE, 4096, 8192 },    /* 4 vCPU, 8192M */
    { 0, 4096, TRUE, 512, 4096 },        /* the 256 row stops at 2048 */
    { 1024, 0, TRUE, 1024, 2048 },       /* 1 vCPU = 1024 units */
    { 1025, 0, TRUE, 2048, 4096 },
    { 4199, 0, TRUE, 8192, 16384 },      /* 4.1 vCPU: Docker failed */
    { 8192, 20000, TRUE, 8192, 20480 },  /* 4096 steps */
    { 16384, 122880, TRUE, 16384, 122880 },
    { 16384, 40000, TRUE, 16384, 40960 },
    { 16385, 0, FALSE, 0, 0 },
    { 0, 130000, FALSE, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint cpu = 0, mem = 0;

      g_assert_cmpint (wharf_fargate_find_size (cases[i].cpu, cases[i].mem, &cpu, &mem), ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_cmpuint (cpu, ==, cases[i].want_cpu);
          g_assert_cmpuint (mem, ==, cases[i].want_mem);
          g_assert_true (wharf_fargate_is_valid_size (cpu, mem));
        }
    }
  g_assert_false (wharf_fargate_is_valid_size (256, 4096));
  g_assert_false (wharf_fargate_is_valid_size (512, 5120));
  g_assert_false (wharf_fargate_is_valid_size (4096, 31744));
  g_assert_false (wharf_fargate_is_valid_size (16384, 36864));
  g_assert_true (wharf_fargate_is_valid_size (8192, 20480));
}

static void
test_gpu_instances (void)
{
  g_assert_cmpstr (wharf_gpu_guess_instance_type (0, 0, 1), ==, "g4dn.xlarge");
  g_assert_cmpstr (wharf_gpu_guess_instance_type (0, 0, 4), ==, "g4dn.12xlarge");
  g_assert_cmpstr (wharf_gpu_guess_instance_type (300 * 1024, 0, 2), ==, "g4dn.metal");
  g_assert_cmpstr (wharf_gpu_guess_instance_type (32 * 1024, 32, 2), ==, "g4dn.12xlarge");
  /* Memory must be strictly greater: 16 GiB needs the 32 GiB type. */
  g_assert_cmpstr (wharf_gpu_guess_instance_type (16 * 1024, 1, 1), ==, "g4dn.2xlarge");
  g_assert_null (wharf_gpu_guess_instance_type (0, 0, 9));
  g_assert_null (wharf_gpu_guess_instance_type (400 * 1024, 0, 1));
}

static void
test_units (void)
{
  guint64 bytes = 0;
  double seconds = 0;

  g_assert_true (wharf_parse_byte_size ("2048M", &bytes));
  g_assert_cmpuint (bytes, ==, 2048ULL * 1024 * 1024);
  g_assert_true (wharf_parse_byte_size ("792Mb", &bytes));
  g_assert_cmpuint (bytes, ==, 792ULL * 1024 * 1024);
  g_assert_true (wharf_parse_byte_size ("1.5G", &bytes));
  g_assert_cmpuint (bytes, ==, 1536ULL * 1024 * 1024);
  g_assert_true (wharf_parse_byte_size ("1024", &bytes));
  g_assert_cmpuint (bytes, ==, 1024);
  g_assert_false (wharf_parse_byte_size ("lots", &bytes));
  g_assert_false (wharf_parse_byte_size ("12parsecs", &bytes));
  g_assert_false (wharf_parse_byte_size ("-5M", &bytes));

  g_assert_true (wharf_parse_duration ("1m30s", &seconds));
  g_assert_cmpfloat (seconds, ==, 90);
  g_assert_true (wharf_parse_duration ("500ms", &seconds));
  g_assert_cmpfloat (seconds, ==, 0.5);
  g_assert_true (wharf_parse_duration ("1h", &seconds));
  g_assert_cmpfloat (seconds, ==, 3600);
  g_assert_true (wharf_parse_duration ("10", &seconds));
  g_assert_cmpfloat (seconds, ==, 10);
  g_assert_false (wharf_parse_duration ("10 parsecs", &seconds));
  g_assert_false (wharf_parse_duration ("", &seconds));
  g_assert_false (wharf_parse_duration ("s", &seconds));
}

static void
test_environment (void)
{
  g_autoptr(WharfEcsEnvironment) offline = wharf_ecs_environment_new_offline (NULL);
  g_autoptr(WharfEcsEnvironment) env = ecs_test_environment ();
  g_autofree char *a = wharf_ecs_parse_vpc_id ("arn:aws:ec2:us-west-1:123456789012:vpc/vpc-1234acbd");
  g_autofree char *b = wharf_ecs_parse_vpc_id ("vpc-0a1b2c3d");
  g_autofree char *c = wharf_ecs_parse_vpc_id ("sg-0a1b2c3d");
  g_autofree char *d = wharf_ecs_parse_vpc_id ("arn:aws:ec2:us-west-1:123456789012:vpc/");

  g_assert_true (wharf_ecs_environment_is_offline (offline));
  g_assert_null (wharf_ecs_environment_get_region (offline));
  g_assert_false (wharf_ecs_environment_is_offline (env));
  g_assert_cmpstr (wharf_ecs_environment_get_region (env), ==, "eu-west-3");
  g_assert_cmpstr (wharf_ecs_environment_get_account_id (env), ==, "123456789012");
  g_assert_cmpuint (wharf_ecs_environment_get_n_subnets (env), ==, 3);
  g_assert_true (wharf_ecs_environment_get_subnet (env, 0)->is_public);
  g_assert_false (wharf_ecs_environment_get_subnet (env, 2)->is_public);
  g_assert_cmpstr (wharf_ecs_environment_get_subnet (env, 1)->availability_zone, ==, "eu-west-3b");

  wharf_ecs_environment_set_load_balancer (env, "arn:aws:elasticloadbalancing:eu-west-3:123456789012:loadbalancer/app/web/0a1b2c3d4e5f6071",
                                           WHARF_LOAD_BALANCER_APPLICATION, "web-1.eu-west-3.elb.amazonaws.com");
  g_assert_cmpint (wharf_ecs_environment_get_load_balancer_type (env), ==, WHARF_LOAD_BALANCER_APPLICATION);
  wharf_ecs_environment_set_load_balancer (env, NULL, WHARF_LOAD_BALANCER_NETWORK, NULL);
  g_assert_cmpint (wharf_ecs_environment_get_load_balancer_type (env), ==, WHARF_LOAD_BALANCER_NONE);
  wharf_ecs_environment_add_security_group (env, "sg-0a1b2c3d");
  g_assert_true (wharf_ecs_environment_has_security_group (env, "sg-0a1b2c3d"));
  g_assert_false (wharf_ecs_environment_has_security_group (env, "sg-0a1b2c3e"));
  wharf_ecs_environment_set_volume_file_system (env, "data", "fs-0a1b2c3d");
  g_assert_cmpstr (wharf_ecs_environment_get_volume_file_system (env, "data"), ==, "fs-0a1b2c3d");
  wharf_ecs_environment_set_volume_file_system (env, "data", NULL);
  g_assert_null (wharf_ecs_environment_get_volume_file_system (env, "data"));

  g_assert_cmpstr (a, ==, "vpc-1234acbd");
  g_assert_cmpstr (b, ==, "vpc-0a1b2c3d");
  g_assert_null (c);
  g_assert_null (d);
  g_assert_true (wharf_ecs_is_resource_id ("sg-0a1b2c3d4e5f60718", "sg-"));
  g_assert_true (wharf_ecs_is_resource_id ("sg-0a1b2c3d", "sg-"));
  g_assert_false (wharf_ecs_is_resource_id ("sg-123abc", "sg-"));
  g_assert_false (wharf_ecs_is_resource_id ("sg-0A1B2C3D", "sg-"));
  g_assert_true (wharf_ecs_is_resource_id ("fs-0a1b2c3d4e", "fs-"));
  g_assert_false (wharf_ecs_is_resource_id ("ami123456789", "ami-"));
}

static void
test_normalize (void)
{
  static const char * const cases[][2] = {
    { "front-tier", "Fronttier" }, { "my_service", "Myservice" }, { "myService", "MyService" },
    { "subnet-0ab1", "Subnet0ab1" }, { "demo_db_pass", "Demodbpass" }, { "web-app", "Webapp" },
    { "--", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *n = wharf_ecs_normalize_name (cases[i][0]);

      g_assert_cmpstr (n, ==, cases[i][1]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ecs/template/yaml", test_yaml_sorted_and_typed);
  g_test_add_func ("/ecs/template/json", test_json_sorted);
  g_test_add_func ("/ecs/template/listing", test_listing_and_sections);
  g_test_add_func ("/ecs/template/limits", test_limits);
  g_test_add_func ("/ecs/template/overlay", test_overlay);
  g_test_add_func ("/ecs/fargate/sizes", test_fargate_sizes);
  g_test_add_func ("/ecs/fargate/gpu-instances", test_gpu_instances);
  g_test_add_func ("/ecs/fargate/units", test_units);
  g_test_add_func ("/ecs/environment", test_environment);
  g_test_add_func ("/ecs/normalize", test_normalize);
  return g_test_run ();
}
