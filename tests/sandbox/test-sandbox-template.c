/* test-sandbox-template.c: the sandbox's template reader: CloudFormation's
 * checks and messages, dependency order, YAML short-form tags, seeds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wharf-test-util.h"
#include "wharf-sandbox-private.h"

static SbxTemplate *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  SbxTemplate *tmpl = sbx_template_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (tmpl);
  return tmpl;
}

static guint
position (SbxTemplate *tmpl, const char *id)
{
  guint index = G_MAXUINT;

  g_assert_true (g_ptr_array_find_with_equal_func (tmpl->order, id, g_str_equal, &index));
  return index;
}

static void
test_order (void)
{
  /* written in the reverse of the creation order on purpose */
  g_autoptr(SbxTemplate) tmpl = parse_ok (
    "Resources:\n"
    "  D:\n"
    "    Type: AWS::Logs::LogGroup\n"
    "    DependsOn: E\n"
    "    Properties:\n"
    "      LogGroupName: !Sub '${C}-logs'\n"
    "  C:\n"
    "    Type: AWS::ECS::Service\n"
    "    Properties:\n"
    "      Cluster: !GetAtt A.Arn\n"
    "  A:\n"
    "    Type: AWS::ECS::Cluster\n"
    "    Properties:\n"
    "      ClusterName: !Ref B\n"
    "  B:\n"
    "    Type: AWS::Logs::LogGroup\n"
    "  E:\n"
    "    Type: AWS::EC2::SecurityGroup\n"
    "    Properties:\n"
    "      GroupDescription: !Join ['-', [!Ref 'AWS::StackName', x]]\n");

  g_assert_cmpuint (tmpl->order->len, ==, 5);
  g_assert_cmpuint (position (tmpl, "B"), <, position (tmpl, "A"));
  g_assert_cmpuint (position (tmpl, "A"), <, position (tmpl, "C"));
  g_assert_cmpuint (position (tmpl, "C"), <, position (tmpl, "D"));
  g_assert_cmpuint (position (tmpl, "E"), <, position (tmpl, "D"));
  /* pseudo parameters are not dependencies */
  g_assert_cmpuint (sbx_template_deps (tmpl, "E")->len, ==, 0);
  g_assert_cmpuint (sbx_template_deps (tmpl, "D")->len, ==, 2);
}

static void
test_cycle (void)
{
  static const char text[] =
    "{\"Resources\": {"
    " \"A\": {\"Type\": \"AWS::ECS::Cluster\", \"Properties\": {\"ClusterName\": {\"Ref\": \"B\"}}},"
    " \"B\": {\"Type\": \"AWS::Logs::LogGroup\", \"Properties\": {\"LogGroupName\": {\"Fn::GetAtt\": [\"C\", \"Arn\"]}}},"
    " \"C\": {\"Type\": \"AWS::Logs::LogGroup\", \"DependsOn\": [\"A\"]},"
    " \"Free\": {\"Type\": \"AWS::Logs::LogGroup\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbxTemplate) tmpl = sbx_template_parse (text, strlen (text), &error);

  g_assert_null (tmpl);
  g_assert_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_TEMPLATE);
  g_assert_cmpstr (error->message, ==, "Circular dependency between resources: [A, B, C]");
}

typedef struct {
  const char *text;
  const char *message;
} BadCase;

static void
test_rejections (void)
{
  static const BadCase cases[] = {
    { "Resources:\n  A:\n    Type: AWS::Foo::Bar\n  B:\n    Type: AWS::ECS::Nope\n",
      "Template format error: Unrecognized resource types: [AWS::ECS::Nope, AWS::Foo::Bar]" },
    { "Resources:\n  A:\n    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterName: !Ref Missing\n",
      "Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template" },
    { "Resources:\n  A:\n    Type: AWS::ECS::Cluster\n    DependsOn: [Ghost]\n",
      "Template format error: Unresolved resource dependencies [Ghost] in the Resources block of the template" },
    { "Parameters:\n  P:\n    Type: String\nResources:\n  A:\n    Type: AWS::ECS::Cluster\n"
      "    Properties:\n      ClusterName: !GetAtt P.Arn\n",
      "Template error: instance of Fn::GetAtt references undefined resource P" },
    { "Resources:\n  A:\n    Type: AWS::ECS::Cluster\nOutputs:\n  O:\n    Value: !Ref Nothing\n",
      "Template format error: Unresolved resource dependencies [Nothing] in the Outputs block of the template" },
    { "Resources:\n  my-cluster:\n    Type: AWS::ECS::Cluster\n",
      "Template format error: Resource name my-cluster is non alphanumeric." },
    { "Resources:\n  A:\n    Properties: {}\n",
      "Template format error: [/Resources/A] Every Resources object must contain a Type member." },
    { "Description: nothing\n",
      "Template format error: At least one Resources member must be defined." },
    { "Resources:\n  A:\n    Type: AWS::ECS::Cluster\nResource: {}\n",
      "Template format error: Invalid template property or properties [Resource]" },
    { "Resources:\n  A: &a\n    Type: AWS::ECS::Cluster\n  B: *a\n",
      "Template format error: YAML aliases are not allowed in CloudFormation templates" },
    { "Resources:\n  A:\n    Type: [unclosed\n",
      "Template format error: YAML not well-formed." },
    { "{\"Resources\": {\"A\": }}",
      "Template format error: JSON not well-formed." },
    { "AWSTemplateFormatVersion: 2011-01-01\nResources:\n  A:\n    Type: AWS::ECS::Cluster\n",
      "Template format error: Unsupported template format version" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbxTemplate) tmpl = sbx_template_parse (cases[i].text, strlen (cases[i].text), &error);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].message);
      g_assert_null (tmpl);
      g_assert_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_TEMPLATE);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

static void
test_resource_limit (void)
{
  g_autoptr(GString) text = g_string_new ("Resources:\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbxTemplate) ok = NULL;
  g_autoptr(SbxTemplate) tmpl = NULL;

  for (int i = 0; i < 500; i++)
    g_string_append_printf (text, "  R%d:\n    Type: AWS::Logs::LogGroup\n", i);
  ok = parse_ok (text->str);
  g_assert_cmpuint (ok->order->len, ==, 500);
  g_string_append (text, "  R500:\n    Type: AWS::Logs::LogGroup\n");
  tmpl = sbx_template_parse (text->str, text->len, &error);
  g_assert_null (tmpl);
  g_assert_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_TEMPLATE);
  g_assert_cmpstr (error->message, ==,
                   "Template format error: Number of resources, 501, is greater than maximum allowed, 500");
}

static void
test_yaml_tags (void)
{
  static const char text[] =
    "A: !Ref Thing\n"
    "B: !GetAtt LB.DNSName\n"
    "C: !Sub 'x-${AWS::Region}'\n"
    "D: !Join [',', [a, !Ref P]]\n"
    "E: !If [Cond, 1, !Ref 'AWS::NoValue']\n"
    "F: [true, 2, 2.5, null, '3', yes]\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = sbx_yaml_to_json (text, strlen (text), &error);
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  json = json_to_string (root, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"A\":{\"Ref\":\"Thing\"},"
                   "\"B\":{\"Fn::GetAtt\":[\"LB\",\"DNSName\"]},"
                   "\"C\":{\"Fn::Sub\":\"x-${AWS::Region}\"},"
                   "\"D\":{\"Fn::Join\":[\",\",[\"a\",{\"Ref\":\"P\"}]]},"
                   "\"E\":{\"Fn::If\":[\"Cond\",1,{\"Ref\":\"AWS::NoValue\"}]},"
                   "\"F\":[true,2,2.5,null,\"3\",\"yes\"]}");
}

static void
test_capability_flags (void)
{
  g_autoptr(SbxTemplate) plain = parse_ok ("Resources:\n  R:\n    Type: AWS::IAM::Role\n");
  g_autoptr(SbxTemplate) named = parse_ok ("Resources:\n  R:\n    Type: AWS::IAM::Role\n"
                                           "    Properties:\n      RoleName: fixed\n");
  g_autoptr(GError) error = NULL;
  const char *iam[] = { "CAPABILITY_IAM", NULL };

  g_assert_true (plain->needs_iam);
  g_assert_false (plain->needs_named_iam);
  g_assert_true (named->needs_named_iam);
  g_assert_false (sbx_check_capabilities (plain, NULL, &error));
  g_assert_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_STATE);
  g_assert_cmpstr (error->message, ==,
                   "InsufficientCapabilitiesException: Requires capabilities : [CAPABILITY_IAM]");
  g_clear_error (&error);
  g_assert_true (sbx_check_capabilities (plain, (GStrv) iam, &error));
  g_assert_false (sbx_check_capabilities (named, (GStrv) iam, &error));
  g_assert_true (strstr (error->message, "CAPABILITY_NAMED_IAM") != NULL);
}

static void
test_parameters (void)
{
  g_autoptr(SbxTemplate) tmpl = parse_ok (
    "Parameters:\n"
    "  Image: {Type: String}\n"
    "  Count: {Type: Number, Default: 1}\n"
    "  Mode: {Type: String, Default: a, AllowedValues: [a, b]}\n"
    "Resources:\n  R:\n    Type: AWS::Logs::LogGroup\n");
  g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_pair_free);
  g_autoptr(GPtrArray) resolved = NULL;
  g_autoptr(GError) error = NULL;

  resolved = sbx_resolve_parameters (tmpl, given, NULL, &error);
  g_assert_null (resolved);
  g_assert_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_STATE);
  g_assert_cmpstr (error->message, ==, "ValidationError: Parameters: [Image] must have values");
  g_clear_error (&error);

  g_ptr_array_add (given, sbx_pair_new ("Image", "nginx"));
  g_ptr_array_add (given, sbx_pair_new ("Mode", "c"));
  g_assert_null (sbx_resolve_parameters (tmpl, given, NULL, &error));
  g_assert_cmpstr (error->message, ==, "ValidationError: Parameter 'Mode' must be one of AllowedValues");
  g_clear_error (&error);

  g_ptr_array_remove_index (given, 1);
  g_ptr_array_add (given, sbx_pair_new ("Bogus", "1"));
  g_assert_null (sbx_resolve_parameters (tmpl, given, NULL, &error));
  g_assert_cmpstr (error->message, ==, "ValidationError: Parameters: [Bogus] do not exist in the template");
  g_clear_error (&error);

  g_ptr_array_remove_index (given, 1);
  resolved = sbx_resolve_parameters (tmpl, given, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resolved->len, ==, 3);
  g_assert_cmpstr (sbx_pairs_lookup (resolved, "Image"), ==, "nginx");
  g_assert_cmpstr (sbx_pairs_lookup (resolved, "Count"), ==, "1");
  g_assert_cmpstr (sbx_pairs_lookup (resolved, "Mode"), ==, "a");
}

static void
test_seed (void)
{
  static const char * const bad[] = {
    "[]",
    "{\"account_id\": \"12\"}",
    "{\"credentials\": [{\"access_key_id\": \"k\"}]}",
    "{\"vpcs\": [{\"cidr\": \"10.0.0.0/16\"}]}",
    "{\"vpcs\": {}}",
    "{\"faults\": {\"throttle_rate\": 2}}",
    "{\"faults\": {\"resources\": [{\"reason\": \"x\"}]}}",
    "{\"pace\": -1}",
  };
  g_autoptr(SbxState) state = sbx_state_new_default ();
  SbxVpc *vpc = sbx_state_default_vpc (state);

  g_assert_cmpstr (state->account_id, ==, "000000000000");
  g_assert_cmpstr (state->region, ==, "us-east-1");
  g_assert_nonnull (sbx_state_find_credential (state, "test"));
  g_assert_cmpstr (vpc->id, ==, "vpc-0a1b2c3d4e5f60718");
  g_assert_cmpuint (state->subnets->len, ==, 2);
  g_assert_cmpstr (((SbxSubnet *) g_ptr_array_index (state->subnets, 1))->az, ==, "us-east-1b");
  /* the main route table reaches the internet gateway */
  g_assert_cmpuint (state->route_tables->len, ==, 1);
  g_assert_cmpstr (((SbxRouteTable *) g_ptr_array_index (state->route_tables, 0))->igw_id, ==, vpc->igw_id);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WharfSandbox) sandbox = wharf_sandbox_new_from_seed (bad[i], -1, &error);

      g_test_message ("seed %s", bad[i]);
      g_assert_null (sandbox);
      g_assert_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_SEED);
    }
}

static void
test_seed_file (void)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "sandbox", "seed.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfSandbox) sandbox = wharf_sandbox_new_from_seed_file (path, &error);
  g_autoptr(WharfSandbox) missing = wharf_sandbox_new_from_seed_file ("/nonexistent/seed.json", NULL);
  SbxState *state;

  g_assert_no_error (error);
  state = wharf_sandbox_get_state (sandbox);
  g_assert_cmpstr (wharf_sandbox_get_account_id (sandbox), ==, "123456789012");
  g_assert_cmpstr (wharf_sandbox_get_region (sandbox), ==, "eu-west-1");
  g_assert_cmpfloat (wharf_sandbox_get_pace (sandbox), ==, 0.5);
  g_assert_nonnull (sbx_state_find_credential (state, "AKIAEXAMPLE"));
  g_assert_cmpuint (state->subnets->len, ==, 3);
  /* a private subnet gets its own route table without the gateway */
  g_assert_cmpuint (state->route_tables->len, ==, 2);
  g_assert_null (((SbxRouteTable *) g_ptr_array_index (state->route_tables, 1))->igw_id);
  g_assert_cmpuint (state->load_balancers->len, ==, 1);
  g_assert_cmpuint (state->secrets->len, ==, 1);
  g_assert_cmpuint (state->file_systems->len, ==, 1);
  g_assert_cmpuint (state->faults.resources->len, ==, 1);
  g_assert_cmpuint (state->faults.tasks->len, ==, 1);
  g_assert_nonnull (g_hash_table_lookup (state->ssm_parameters,
                                         "/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended"));
  g_assert_null (missing);
}

/* json-glib 1.6 reads values written one after the other as one document
 * (the last; the others leak): both would be accepted without the check. */
static void
test_several_values (void)
{
  static const char * const bodies[] = {
    "{}{}",
    "{\"Resources\": {\"A\": {\"Type\": \"AWS::ECS::Cluster\"}}}\n"
    "{\"Resources\": {\"B\": {\"Type\": \"AWS::ECS::Cluster\"}}}",
  };
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *path = wharf_test_write_file (dir, "seed.json", "{\"a\":1}{\"b\":2}");
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfSandbox) sandbox = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(SbxTemplate) tmpl = sbx_template_parse (bodies[i], strlen (bodies[i]), &local);

      g_test_message ("body %s", bodies[i]);
      g_assert_null (tmpl);
      g_assert_error (local, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_TEMPLATE);
      g_assert_true (g_str_has_prefix (local->message, "Template format error: JSON not well-formed."));
      g_assert_nonnull (strstr (local->message, "more than one value"));
    }

  sandbox = wharf_sandbox_new_from_seed_file (path, &error);
  g_assert_null (sandbox);
  g_assert_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_SEED);
  g_assert_nonnull (strstr (error->message, "more than one value"));
  wharf_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/template/order", test_order);
  g_test_add_func ("/sandbox/template/cycle", test_cycle);
  g_test_add_func ("/sandbox/template/rejections", test_rejections);
  g_test_add_func ("/sandbox/template/resource-limit", test_resource_limit);
  g_test_add_func ("/sandbox/template/yaml-tags", test_yaml_tags);
  g_test_add_func ("/sandbox/template/capabilities", test_capability_flags);
  g_test_add_func ("/sandbox/template/parameters", test_parameters);
  g_test_add_func ("/sandbox/seed/default-and-errors", test_seed);
  g_test_add_func ("/sandbox/seed/file", test_seed_file);
  g_test_add_func ("/sandbox/json/several-values", test_several_values);
  return g_test_run ();
}
