/* test-ecs-golden.c: Docker's golden template (compared semantically,
 * with the fixes the issue lists), Appendix A of compose-cli-ecs.md
 * (multi_port_secrets.yaml) and invalid_network_mode.yaml.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ecs-test-util.h"

#define SUBNET_A "subnet-0a1b2c3d4e5f60718"
#define SUBNET_B "subnet-0b2c3d4e5f6a70819"

/* Rewrites the golden file's fixture values into Wharf's fixture (realistic
 * IDs, a known region) and applies the fixes the issue lists. */
static void
adapt_golden (JsonNode *node)
{
  static const struct { const char *from; const char *to; } strings[] = {
    { "vpc-123", "vpc-0a1b2c3d" },
    { "subnet1", SUBNET_A },
    { "subnet2", SUBNET_B },
    /* Search domain: the region is eu-west-3 (Docker's tests had none). */
    { ".compute.internal", "eu-west-3.compute.internal" },
    /* The loader names the default network after the lower-case project. */
    { "TestSimpleConvert_default", "testsimpleconvert_default" },
  };

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        adapt_golden (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);

          /* Fix: role ARNs through Fn::GetAtt …Arn (Ref gives the name). */
          if (g_str_equal (l->data, "ExecutionRoleArn") && JSON_NODE_HOLDS_OBJECT (value))
            {
              const char *role = json_object_get_string_member (json_node_get_object (value), "Ref");
              JsonObject *get_att = json_object_new ();
              JsonArray *args = json_array_new ();

              json_array_add_string_element (args, role);
              json_array_add_string_element (args, "Arn");
              json_object_set_array_member (get_att, "Fn::GetAtt", args);
              json_object_set_object_member (object, l->data, get_att);
              continue;
            }
          /* Docker's serialiser wrote an empty Condition in trust policies. */
          if (g_str_equal (l->data, "Condition") && JSON_NODE_HOLDS_OBJECT (value) &&
              json_object_get_size (json_node_get_object (value)) == 0)
            {
              json_object_remove_member (object, l->data);
              continue;
            }
          adapt_golden (value);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
        if (g_str_equal (json_node_get_string (node), strings[i].from))
          {
            json_node_set_string (node, strings[i].to);
            break;
          }
    }
}

static void
test_simple_golden (void)
{
  g_autofree char *input = wharf_test_peer_path ("compose-cli-ecs", "simple-single-service.yaml", NULL);
  g_autofree char *golden_path = wharf_test_peer_path ("compose-cli-ecs", "simple-cloudformation-conversion.golden", NULL);
  g_autoptr(WharfNode) root = NULL;
  g_autoptr(WharfNode) golden = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonNode) actual = NULL;
  g_autoptr(WharfTemplate) tpl = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *actual_root;

  if (input == NULL || golden_path == NULL)
    return;
  root = ecs_test_load (input, "testsimpleconvert", NULL);
  tpl = ecs_test_convert (root, "TestSimpleConvert", NULL);
  golden = wharf_node_parse_file (golden_path, &error);
  g_assert_no_error (error);
  expected = wharf_node_to_json_node (golden);
  adapt_golden (expected);

  /* Wharf adds a Description and Outputs; the rest must be identical. */
  actual = ecs_test_template_json (tpl);
  actual_root = json_node_get_object (actual);
  g_assert_nonnull (json_object_get_string_member (actual_root, "Description"));
  g_assert_true (json_object_has_member (actual_root, "Outputs"));
  json_object_remove_member (actual_root, "Description");
  json_object_remove_member (actual_root, "Outputs");
  if (!json_node_equal (expected, actual))
    {
      g_autofree char *want = wharf_json_to_yaml (expected, NULL, NULL);
      g_autofree char *got = wharf_json_to_yaml (actual, NULL, NULL);

      g_test_message ("expected:\n%s\nactual:\n%s", want, got);
      g_test_fail ();
    }
}

/* Appendix A of compose-cli-ecs.md: project demo in the fixture VPC. */
static void
test_multi_port_secrets (void)
{
  g_autofree char *input = wharf_test_peer_path ("compose-cli-ecs", "multi_port_secrets.yaml", NULL);
  g_autoptr(WharfNode) root = NULL;
  g_autoptr(WharfTemplate) tpl = NULL;
  static const char * const expected[] = {
    "Cluster", "LogGroup", "CloudMap", "DefaultNetwork", "DefaultNetworkIngress", "Default8080Ingress",
    "Default80Ingress", "Default90Ingress", "Demomysecret1Secret", "LoadBalancer",
    "DbTaskExecutionRole", "DbTaskDefinition", "DbServiceDiscoveryEntry", "DbService",
    "WordsTaskExecutionRole", "WordsTaskDefinition", "WordsServiceDiscoveryEntry", "WordsService",
    "WebTaskExecutionRole", "WebTaskDefinition", "WebServiceDiscoveryEntry", "WebService",
    "WebsecretsTaskExecutionRole", "WebsecretsTaskDefinition", "WebsecretsServiceDiscoveryEntry",
    "WebsecretsService", "WordsTCP8080TargetGroup", "WordsTCP8080Listener", "WebTCP80TargetGroup",
    "WebTCP80Listener", "WebsecretsTCP90TargetGroup", "WebsecretsTCP90Listener", NULL,
  };
  JsonArray *containers;
  JsonObject *c;
  GArray *secrets;
  const WharfTemplateSecret *secret;

  if (input == NULL)
    return;
  root = ecs_test_load (input, "demo", NULL);
  tpl = ecs_test_convert (root, NULL, NULL);
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_nonnull (wharf_template_get_resource (tpl, expected[i]));
  g_assert_cmpuint (wharf_template_get_n_resources (tpl), ==, g_strv_length ((char **) expected));
  g_assert_null (wharf_template_get_resource (tpl, "WebsecretsTaskRole"));

  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LoadBalancer.Properties.Type"), ==, "network");
  g_assert_null (ecs_test_get (tpl, "Resources.LoadBalancer.Properties.SecurityGroups"));
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LoadBalancer.Properties.LoadBalancerAttributes[0].Key"), ==,
                   "load_balancing.cross_zone.enabled");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebTCP80Listener.Properties.Protocol"), ==, "TCP");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebTCP80TargetGroup.Properties.Protocol"), ==, "TCP");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.Cluster.Properties.ClusterName"), ==, "demo");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.LogGroup.Properties.LogGroupName"), ==, "/docker-compose/demo");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.CloudMap.Properties.Name"), ==, "demo.local");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.Demomysecret1Secret.Properties.Name"), ==, "demo_mysecret1");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WordsTaskDefinition.Properties.Family"), ==, "demo-words");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.DbTaskDefinition.Properties.Cpu"), ==, "256");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.DbTaskDefinition.Properties.Memory"), ==, "512");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebServiceDiscoveryEntry.Properties.Name"), ==, "web");

  /* The secret's content is a NoEcho parameter filled from the file. */
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.Demomysecret1Secret.Properties.SecretString.Ref"), ==,
                   "Demomysecret1SecretValue");
  g_assert_true (json_node_get_boolean (ecs_test_get (tpl, "Parameters.Demomysecret1SecretValue.NoEcho")));
  secrets = wharf_template_get_secrets (tpl);
  g_assert_cmpuint (secrets->len, ==, 1);
  secret = &g_array_index (secrets, WharfTemplateSecret, 0);
  g_assert_cmpstr (secret->parameter, ==, "Demomysecret1SecretValue");
  g_assert_cmpstr (secret->secret, ==, "mysecret1");
  g_assert_true (g_str_has_suffix (secret->file, "/my_secret1.txt"));

  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebsecretsTaskExecutionRole.Properties.Policies[0].PolicyName"), ==,
                   "websecretsGrantAccessToSecrets");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebsecretsTaskExecutionRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource[0].Ref"),
                   ==, "Demomysecret1Secret");

  containers = json_node_get_array (ecs_test_get (tpl, "Resources.WebsecretsTaskDefinition.Properties.ContainerDefinitions"));
  g_assert_cmpuint (json_array_get_length (containers), ==, 3);
  c = json_array_get_object_element (containers, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "Name"), ==, "Websecrets_Secrets_InitContainer");
  g_assert_cmpstr (json_object_get_string_member (c, "Image"), ==, "docker/ecs-secrets-sidecar:1.0");
  g_assert_false (json_object_get_boolean_member (c, "Essential"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (c, "Command"), 0), ==,
                   "[{\"Name\":\"mysecret1\",\"Keys\":null}]");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebsecretsTaskDefinition.Properties.ContainerDefinitions[0].Secrets[0].Name"),
                   ==, "mysecret1");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebsecretsTaskDefinition.Properties.ContainerDefinitions[0].Secrets[0].ValueFrom.Ref"),
                   ==, "Demomysecret1Secret");
  g_assert_false (json_node_get_boolean (ecs_test_get (tpl, "Resources.WebsecretsTaskDefinition.Properties.ContainerDefinitions[0].MountPoints[0].ReadOnly")));
  c = json_array_get_object_element (containers, 1);
  g_assert_cmpstr (json_object_get_string_member (c, "Name"), ==, "Websecrets_ResolvConf_InitContainer");
  g_assert_false (json_object_get_boolean_member (c, "Essential"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (c, "Command"), 0), ==,
                   "eu-west-3.compute.internal");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (c, "Command"), 1), ==, "demo.local");
  c = json_array_get_object_element (containers, 2);
  g_assert_cmpstr (json_object_get_string_member (c, "Name"), ==, "websecrets");
  g_assert_cmpstr (ecs_test_container_env (c, "PORT"), ==, "90");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebsecretsTaskDefinition.Properties.ContainerDefinitions[2].MountPoints[0].ContainerPath"),
                   ==, "/run/secrets/");
  g_assert_true (json_node_get_boolean (ecs_test_get (tpl, "Resources.WebsecretsTaskDefinition.Properties.ContainerDefinitions[2].MountPoints[0].ReadOnly")));
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebsecretsTaskDefinition.Properties.ContainerDefinitions[2].DependsOn[0].ContainerName"),
                   ==, "Websecrets_Secrets_InitContainer");
  g_assert_cmpstr (ecs_test_get_string (tpl, "Resources.WebsecretsTaskDefinition.Properties.ContainerDefinitions[2].DependsOn[1].Condition"),
                   ==, "SUCCESS");
}

/* Docker dropped network_mode with a warning; so does Wharf. */
static void
test_invalid_network_mode (void)
{
  g_autofree char *input = wharf_test_peer_path ("compose-cli-ecs", "invalid_network_mode.yaml", NULL);
  g_autoptr(WharfNode) root = NULL;
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfEcsEnvironment) env = ecs_test_environment ();
  g_autoptr(WharfTemplate) tpl = NULL;
  g_autoptr(GError) error = NULL;

  if (input == NULL)
    return;
  root = ecs_test_load (input, "invalidnetworkmode", NULL);
  tpl = wharf_ecs_convert (root, NULL, env, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_true (ecs_test_has_diagnostic (G_LIST_MODEL (diagnostics), WHARF_SEVERITY_WARNING,
                                          "services.simple.network_mode: ignored", 4));
  ecs_test_lint_queue (tpl, "invalid_network_mode");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ecs/golden/simple", test_simple_golden);
  g_test_add_func ("/ecs/golden/multi-port-secrets", test_multi_port_secrets);
  g_test_add_func ("/ecs/golden/invalid-network-mode", test_invalid_network_mode);
  ecs_test_add_lint ("/ecs/golden/cfn-lint");
  return g_test_run ();
}
