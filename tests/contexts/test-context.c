/* test-context.c: WharfContext, one meta.json of the Docker context store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wharf-context.h"
#include "wharf-test-util.h"

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "contexts", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static WharfContext *
load_fixture (const char *name)
{
  gsize length;
  g_autofree char *data = read_fixture (name, &length);
  g_autoptr(GError) error = NULL;
  WharfContext *context = wharf_context_new_from_data (data, length, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (context);
  return context;
}

static void
test_name_rule (void)
{
  const char *valid[] = { "ab", "a1", "0x", "my.ctx", "A_b+c-d", "prod-eu-west-3", "x.y.z", "ecs__" };
  const char *invalid[] = { "", "a", "-ab", "_ab", ".ab", "+ab", "ab/c", "a b", "é1", "aé", "ab\n",
                            "../x", "ab:c", "ab@c" };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (wharf_context_name_is_valid (valid[i], NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (wharf_context_name_is_valid (invalid[i], &error));
      g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID_NAME);
      /* The message names the rejected name. */
      g_assert_nonnull (strstr (error->message, invalid[i]));
    }
  g_assert_false (wharf_context_name_is_valid (NULL, NULL));
}

static void
test_region_rule (void)
{
  const char *valid[] = { "us-east-1", "eu-west-3", "us-gov-west-1", "cn-north-1", "ap-southeast-3",
                          "il-central-1", "eu-isoe-west-1" };
  const char *invalid[] = { "", "us", "us-east", "US-EAST-1", "us-east-x", "us--1", "-east-1",
                            "us-east-1-", "eu west 1", "u-east-1" };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (wharf_context_region_is_valid (valid[i], NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (wharf_context_region_is_valid (invalid[i], &error));
      g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID);
    }
}

/* Contexts made by Wharf are byte for byte what Docker's ECS integration
 * wrote (compose-cli-ecs.md §1.2), and those files read back the same. */
static void
test_compose_cli_shapes (void)
{
  struct {
    const char *fixture;
    const char *name;
    WharfContextCredentials credentials;
    const char *profile;
    const char *description;
  } cases[] = {
    { "compose-cli-profile.json", "myecs", WHARF_CONTEXT_CREDENTIALS_PROFILE, "foo", NULL },
    { "compose-cli-keys.json", "myecs", WHARF_CONTEXT_CREDENTIALS_PROFILE, "default", "prod (eu-west-3)" },
    { "compose-cli-env.json", "myecs", WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, NULL,
      "credentials read from environment" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length;
      g_autofree char *expected = read_fixture (cases[i].fixture, &length);
      g_autoptr(WharfContext) made = wharf_context_new_ecs (cases[i].name, cases[i].credentials,
                                                            cases[i].profile, NULL, cases[i].description);
      g_autoptr(WharfContext) read = load_fixture (cases[i].fixture);
      g_autofree char *made_data = wharf_context_to_data (made);
      g_autofree char *read_data = wharf_context_to_data (read);

      g_assert_cmpstr (made_data, ==, expected);
      g_assert_cmpstr (read_data, ==, expected);

      g_assert_cmpstr (wharf_context_get_name (read), ==, cases[i].name);
      g_assert_cmpstr (wharf_context_get_context_type (read), ==, "ecs");
      g_assert_true (wharf_context_is_ecs (read));
      g_assert_false (wharf_context_is_read_only (read));
      g_assert_cmpint (wharf_context_get_credentials (read), ==, cases[i].credentials);
      g_assert_cmpstr (wharf_context_get_profile (read), ==, cases[i].profile);
      g_assert_cmpstr (wharf_context_get_description (read), ==, cases[i].description);
      g_assert_null (wharf_context_get_region (read));
      g_assert_null (wharf_context_get_error (read));
    }
}

static void
test_region_stored (void)
{
  g_autoptr(WharfContext) legacy = load_fixture ("compose-cli-2020-region.json");
  g_autoptr(WharfContext) made = wharf_context_new_ecs ("prod", WHARF_CONTEXT_CREDENTIALS_PROFILE,
                                                        "team", "ap-south-1", "Production");
  g_autofree char *data = wharf_context_to_data (made);
  g_autofree char *summary = wharf_context_dup_endpoint_summary (made);

  /* Where Docker's 2020 versions kept it. */
  g_assert_cmpstr (wharf_context_get_region (legacy), ==, "eu-west-1");
  g_assert_cmpstr (wharf_context_get_profile (legacy), ==, "dev");
  g_assert_cmpstr (data, ==,
                   "{\"Name\":\"prod\",\"Metadata\":{\"Description\":\"Production\",\"Type\":\"ecs\"},"
                   "\"Endpoints\":{\"docker\":{\"Profile\":\"team\",\"Region\":\"ap-south-1\"},"
                   "\"ecs\":{\"Profile\":\"team\",\"Region\":\"ap-south-1\"}}}");
  g_assert_nonnull (strstr (summary, "team"));
  g_assert_nonnull (strstr (summary, "ap-south-1"));
}

static void
test_other_types_read_only (void)
{
  g_autoptr(WharfContext) moby = load_fixture ("docker-moby.json");
  g_autoptr(WharfContext) k8s = load_fixture ("docker-kubernetes.json");
  g_autoptr(WharfContext) local = load_fixture ("compose-cli-ecs-local.json");
  g_autofree char *summary = wharf_context_dup_endpoint_summary (moby);

  g_assert_cmpstr (wharf_context_get_context_type (moby), ==, "moby");
  g_assert_true (wharf_context_is_read_only (moby));
  g_assert_false (wharf_context_is_ecs (moby));
  g_assert_cmpint (wharf_context_get_credentials (moby), ==, WHARF_CONTEXT_CREDENTIALS_NONE);
  g_assert_null (wharf_context_get_profile (moby));
  g_assert_cmpstr (wharf_context_get_docker_host (moby), ==, "tcp://1.2.3.4:2375");
  g_assert_cmpstr (summary, ==, "tcp://1.2.3.4:2375");
  g_assert_cmpstr (wharf_context_get_description (moby), ==, "hello");

  g_assert_cmpstr (wharf_context_get_context_type (k8s), ==, "moby");
  g_assert_true (wharf_context_is_read_only (k8s));
  g_assert_cmpstr (wharf_context_get_context_type (local), ==, "ecs-local");
  g_assert_true (wharf_context_is_read_only (local));
}

static void
test_default_context (void)
{
  g_autoptr(WharfContext) plain = NULL;
  g_autoptr(WharfContext) host = NULL;
  gboolean read_only;

  g_unsetenv ("DOCKER_HOST");
  plain = wharf_context_new_default ();
  g_setenv ("DOCKER_HOST", "tcp://10.0.0.1:2376", TRUE);
  host = wharf_context_new_default ();
  g_unsetenv ("DOCKER_HOST");

  g_assert_true (wharf_context_is_default (plain));
  g_assert_true (wharf_context_is_read_only (plain));
  g_object_get (plain, "read-only", &read_only, NULL);
  g_assert_true (read_only);
  g_assert_cmpstr (wharf_context_get_name (plain), ==, "default");
  g_assert_cmpstr (wharf_context_get_docker_host (plain), ==, "unix:///var/run/docker.sock");
  g_assert_cmpstr (wharf_context_get_docker_host (host), ==, "tcp://10.0.0.1:2376");
  g_assert_nonnull (wharf_context_get_description (plain));
}

/* Keys Wharf does not know survive an edit, in Go's order. */
static void
test_unknown_keys_kept (void)
{
  g_autoptr(WharfContext) context = load_fixture ("unknown-keys.json");
  g_autofree char *data = NULL;

  wharf_context_set_description (context, "new");
  wharf_context_set_region (context, "eu-north-1");
  wharf_context_set_credentials (context, WHARF_CONTEXT_CREDENTIALS_PROFILE, "q");
  data = wharf_context_to_data (context);
  g_assert_cmpstr (data, ==,
                   "{\"Name\":\"extra\","
                   "\"Metadata\":{\"Description\":\"new\",\"Type\":\"ecs\","
                   "\"X-Tool\":{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":[1,2.5,true,null]}},"
                   "\"Endpoints\":{\"docker\":{\"Profile\":\"q\",\"Region\":\"eu-north-1\",\"Zeta\":1},"
                   "\"ecs\":{\"Alpha\":\"kept\",\"Profile\":\"q\",\"Region\":\"eu-north-1\",\"Zeta\":1},"
                   "\"other\":{\"k\":\"v\"}},"
                   "\"Top\":{\"z\":1}}");

  /* Switching to the environment drops the profile, keeps the rest. */
  wharf_context_set_credentials (context, WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, "ignored");
  wharf_context_set_region (context, NULL);
  wharf_context_set_description (context, "");
  g_clear_pointer (&data, g_free);
  data = wharf_context_to_data (context);
  g_assert_cmpint (wharf_context_get_credentials (context), ==, WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT);
  g_assert_null (wharf_context_get_profile (context));
  g_assert_null (wharf_context_get_description (context));
  g_assert_cmpstr (data, ==,
                   "{\"Name\":\"extra\","
                   "\"Metadata\":{\"Type\":\"ecs\","
                   "\"X-Tool\":{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":[1,2.5,true,null]}},"
                   "\"Endpoints\":{\"docker\":{\"CredentialsFromEnv\":true,\"Zeta\":1},"
                   "\"ecs\":{\"Alpha\":\"kept\",\"CredentialsFromEnv\":true,\"Zeta\":1},"
                   "\"other\":{\"k\":\"v\"}},"
                   "\"Top\":{\"z\":1}}");
}

/* Strings escaped as Go's encoding/json escapes them. */
static void
test_go_escaping (void)
{
  g_autoptr(WharfContext) context =
    wharf_context_new_ecs ("esc", WHARF_CONTEXT_CREDENTIALS_PROFILE, "p\"q\\r",
                           NULL, "<b>&amp;\n\t\x01\x7f é \u2028 \u2029 😀");
  g_autofree char *data = wharf_context_to_data (context);
  g_autoptr(WharfContext) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (strstr (data, "\"Description\":\"\\u003cb\\u003e\\u0026amp;\\n\\t\\u0001\x7f é "
                                  "\\u2028 \\u2029 😀\""));
  g_assert_nonnull (strstr (data, "\"Profile\":\"p\\\"q\\\\r\""));
  back = wharf_context_new_from_data (data, -1, "esc", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_context_get_description (back), ==, wharf_context_get_description (context));
  g_assert_cmpstr (wharf_context_get_profile (back), ==, "p\"q\\r");
}

static void
test_corrupt (void)
{
  const char *inputs[] = {
    "", "   ", "{bad", "[]", "\"x\"", "{}", "{\"Name\":5}", "{\"Name\":\"\"}",
    "{\"Name\":\"a\",\"Metadata\":\"x\"}",
    "{\"Name\":\"a\",\"Endpoints\":[]}",
    "{\"Name\":\"a\",\"Metadata\":{\"Type\":7}}",
    "{\"Name\":\"a\",\"Metadata\":{\"Description\":5}}",
    "{\"Name\":\"a\",\"Metadata\":{\"Type\":\"ecs\"},\"Endpoints\":{\"ecs\":\"x\"}}",
    "{\"Name\":\"a\",\"Metadata\":{\"Type\":\"ecs\"},\"Endpoints\":{\"ecs\":{\"Profile\":5}}}",
    "{\"Name\":\"a\",\"Metadata\":{\"Type\":\"ecs\"},\"Endpoints\":{\"ecs\":{\"CredentialsFromEnv\":\"yes\"}}}",
    "{\"Name\":\"a\",\"Metadata\":{\"Type\":\"ecs\"},\"Endpoints\":{\"ecs\":{\"Region\":[]}}}",
    "{\"Name\":\"\xff\xfe\"}",
    "{\"Name\":\"a\"}}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WharfContext) context =
        wharf_context_new_from_data (inputs[i], -1, "/some/where/meta.json", &error);
      g_autofree char *shown = g_strescape (inputs[i], NULL);

      g_test_message ("input: %s", shown);
      g_assert_null (context);
      g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "/some/where/meta.json"));
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_properties (void)
{
  g_autoptr(WharfContext) context =
    wharf_context_new_ecs ("prop", WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, NULL, "eu-west-3", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL, *region = NULL, *endpoint = NULL;
  WharfContextCredentials credentials;

  g_object_get (context, "name", &name, "region", &region, "credentials", &credentials,
                "endpoint", &endpoint, NULL);
  g_assert_cmpstr (name, ==, "prop");
  g_assert_cmpstr (region, ==, "eu-west-3");
  g_assert_cmpint (credentials, ==, WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT);
  g_assert_nonnull (strstr (endpoint, "eu-west-3"));

  g_signal_connect (context, "notify", G_CALLBACK (count_notify), names);
  wharf_context_set_region (context, "us-west-2");
  g_assert_true (g_ptr_array_find_with_equal_func (names, "region", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "endpoint", g_str_equal, NULL));
  g_ptr_array_set_size (names, 0);
  wharf_context_set_description (context, "same");
  wharf_context_set_description (context, "same");
  g_assert_cmpuint (names->len, ==, 1);
}

static void
test_broken (void)
{
  g_autoptr(GError) error = g_error_new_literal (WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE, "bad");
  g_autoptr(WharfContext) context = wharf_context_new_broken ("abcdef", error);

  g_assert_cmpstr (wharf_context_get_name (context), ==, "abcdef");
  g_assert_error ((GError *) wharf_context_get_error (context), WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
  g_assert_true (wharf_context_is_read_only (context));
  g_assert_null (wharf_context_get_context_type (context));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/context/name-rule", test_name_rule);
  g_test_add_func ("/context/region-rule", test_region_rule);
  g_test_add_func ("/context/compose-cli-shapes", test_compose_cli_shapes);
  g_test_add_func ("/context/region-stored", test_region_stored);
  g_test_add_func ("/context/other-types-read-only", test_other_types_read_only);
  g_test_add_func ("/context/default", test_default_context);
  g_test_add_func ("/context/unknown-keys-kept", test_unknown_keys_kept);
  g_test_add_func ("/context/go-escaping", test_go_escaping);
  g_test_add_func ("/context/corrupt", test_corrupt);
  g_test_add_func ("/context/properties", test_properties);
  g_test_add_func ("/context/broken", test_broken);
  return g_test_run ();
}
