/* test-context-config.c: the current context: config.json, DOCKER_CONTEXT,
 * DOCKER_HOST and the explicit choice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "context-fixture.h"

typedef ContextFixture Fixture;

static void
test_use_keeps_config (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *fixture_path = wharf_test_srcdir_path ("fixtures", "contexts", "config-unknown-keys.json", NULL);
  g_autofree char *original = context_read_file (fixture_path);
  g_autofree char *config = wharf_test_write_file (fixture->dir, "config.json", original);
  g_autoptr(JsonNode) before = context_parse_file (config);
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  g_assert_cmpint (g_chmod (config, 0640), ==, 0);
  context_create_ecs (fixture, "prod", "p");
  current = wharf_context_store_dup_current (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (current, ==, "old");

  g_assert_true (wharf_context_store_use (fixture->store, "prod", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_context_store_get_current_name (fixture->store), ==, "prod");
  g_assert_cmpuint (context_mode_of (config), ==, 0640);
  after = context_parse_file (config);
  object = json_node_get_object (after);
  g_assert_cmpstr (json_object_get_string_member (object, "currentContext"), ==, "prod");
  json_object_set_string_member (json_node_get_object (before), "currentContext", "prod");
  g_assert_true (json_node_equal (before, after));
  /* In the file's order. */
  members = json_object_get_members (object);
  g_assert_cmpstr (members->data, ==, "auths");
  g_assert_cmpstr (g_list_last (members)->data, ==, "aliases");

  /* "default": no currentContext at all, as Docker writes it. */
  g_assert_true (wharf_context_store_use (fixture->store, "default", &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, json_node_unref);
  after = context_parse_file (config);
  g_assert_false (json_object_has_member (json_node_get_object (after), "currentContext"));
  json_object_remove_member (json_node_get_object (before), "currentContext");
  g_assert_true (json_node_equal (before, after));
  g_assert_cmpuint (context_mode_of (config), ==, 0640);
}

/* A new config.json is private (0600), in a folder Wharf makes. */
static void
test_use_new_config (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "new", "docker", NULL);
  g_autoptr(WharfContextStore) store = wharf_context_store_new (sub);
  g_autoptr(WharfContext) context =
    wharf_context_new_ecs ("prod", WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, NULL, NULL, NULL);
  g_autofree char *config = g_build_filename (sub, "config.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (wharf_context_store_create (store, context, &error));
  g_assert_true (wharf_context_store_use (store, "prod", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (context_mode_of (config), ==, 0600);
  text = context_read_file (config);
  g_assert_cmpstr (text, ==, "{\n\t\"currentContext\": \"prod\"\n}");
}

static void
test_use_symlink (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *target = wharf_test_write_file (fixture->dir, "dotfiles/docker-config.json",
                                                   "{\"auths\":{}}");
  g_autofree char *link = g_build_filename (fixture->dir, "config.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpint (symlink ("dotfiles/docker-config.json", link), ==, 0);
  context_create_ecs (fixture, "prod", "p");
  g_assert_true (wharf_context_store_use (fixture->store, "prod", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  node = context_parse_file (target);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "currentContext"), ==, "prod");
  g_assert_true (json_object_has_member (json_node_get_object (node), "auths"));
}

/* A config.json that cannot be read is never overwritten. */
static void
test_corrupt_config (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *bad[] = { "{\"auths\": {", "[1,2]", "{\"currentContext\": 5}", "\xff\xfe{}" };

  context_create_ecs (fixture, "prod", "p");
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *config = wharf_test_write_file (fixture->dir, "config.json", bad[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      g_autofree char *current = NULL;
      g_autoptr(WharfContext) still = NULL;

      g_assert_false (wharf_context_store_use (fixture->store, "prod", &error));
      g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, config));
      g_clear_error (&error);
      after = context_read_file (config);
      g_assert_cmpstr (after, ==, bad[i]);

      current = wharf_context_store_dup_current (fixture->store, &error);
      g_assert_null (current);
      g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
      g_clear_error (&error);

      /* Listing still works, and says why the current context is unknown. */
      g_assert_false (wharf_context_store_reload (fixture->store, &error));
      g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 2);
      g_clear_error (&error);

      /* Remove needs config.json too: nothing removed. */
      g_assert_false (wharf_context_store_remove (fixture->store, "prod", TRUE, &error));
      g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
      still = wharf_context_store_lookup (fixture->store, "prod", NULL);
      g_assert_nonnull (still);
    }

  /* An empty config.json is an empty configuration, as for Docker. */
  {
    g_autofree char *config = wharf_test_write_file (fixture->dir, "config.json", "  \n");
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = NULL;

    g_assert_true (wharf_context_store_use (fixture->store, "prod", &error));
    g_assert_no_error (error);
    node = context_parse_file (config);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "currentContext"), ==, "prod");
  }
}


static void
test_overrides (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  g_autoptr(WharfContextStore) from_env = NULL;
  GListModel *model = G_LIST_MODEL (fixture->store);

  context_create_ecs (fixture, "one", "p");
  context_create_ecs (fixture, "two", "p");
  g_assert_true (wharf_context_store_use (fixture->store, "one", &error));

#define ASSERT_CURRENT(expected) G_STMT_START {                                \
    g_autofree char *c_ = wharf_context_store_dup_current (fixture->store, &error); \
    g_assert_no_error (error);                                                 \
    g_assert_cmpstr (c_, ==, expected);                                        \
  } G_STMT_END

  ASSERT_CURRENT ("one");
  {
    g_autoptr(WharfContext) context = wharf_context_store_lookup_current (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (wharf_context_get_name (context), ==, "one");
  }
  g_setenv ("DOCKER_CONTEXT", "missing", TRUE);
  {
    g_autoptr(WharfContext) context = wharf_context_store_lookup_current (fixture->store, &error);

    g_assert_null (context);
    g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_setenv ("DOCKER_CONTEXT", "two", TRUE);
  ASSERT_CURRENT ("two");
  /* DOCKER_HOST means the default context, as for the Docker CLI. */
  g_setenv ("DOCKER_HOST", "tcp://127.0.0.1:2375", TRUE);
  ASSERT_CURRENT ("default");
  /* The explicit choice (--context) wins over everything. */
  wharf_context_store_set_override (fixture->store, "one");
  ASSERT_CURRENT ("one");
  g_assert_cmpstr (wharf_context_store_get_override (fixture->store), ==, "one");
  wharf_context_store_set_override (fixture->store, NULL);
  g_unsetenv ("DOCKER_HOST");
  ASSERT_CURRENT ("two");

  /* The model follows: the "current" flag is on "two". */
  g_assert_true (wharf_context_store_reload (fixture->store, &error));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WharfContext) item = g_list_model_get_item (model, i);

      g_assert_cmpint (wharf_context_get_current (item), ==,
                       g_str_equal (wharf_context_get_name (item), "two"));
    }
  g_unsetenv ("DOCKER_CONTEXT");

  /* DOCKER_CONFIG names the folder when none is given. */
  g_setenv ("DOCKER_CONFIG", fixture->dir, TRUE);
  from_env = wharf_context_store_new (NULL);
  g_assert_cmpstr (wharf_context_store_get_config_dir (from_env), ==, fixture->dir);
  current = wharf_context_store_dup_current (from_env, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (current, ==, "one");
  g_unsetenv ("DOCKER_CONFIG");
#undef ASSERT_CURRENT
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, context_fixture_set_up, func, context_fixture_tear_down)
  ADD ("/context-config/use-keeps-config", test_use_keeps_config);
  ADD ("/context-config/use-new-config", test_use_new_config);
  ADD ("/context-config/use-symlink", test_use_symlink);
  ADD ("/context-config/corrupt-config", test_corrupt_config);
  ADD ("/context-config/overrides", test_overrides);
#undef ADD
  return g_test_run ();
}
