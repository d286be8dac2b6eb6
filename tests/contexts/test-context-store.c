/* test-context-store.c: WharfContextStore, the Docker CLI's context store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "context-fixture.h"

typedef ContextFixture Fixture;

static void
test_folder_names (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *meta = NULL;
  g_autofree char *tls = NULL;
  g_autofree char *file = NULL;
  g_autofree char *a = wharf_context_dup_folder_name ("myecscontext");
  g_autofree char *b = wharf_context_dup_folder_name ("foo");

  g_assert_cmpstr (a, ==, "8bb20fb47c4248774ab660063891d2332facb5997d914f61b3bdfeb471eaddba");
  g_assert_cmpstr (b, ==, "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");

  context_create_ecs (fixture, "myecscontext", "p");
  meta = wharf_context_store_dup_meta_path (fixture->store, "myecscontext");
  tls = wharf_context_store_dup_tls_path (fixture->store, "myecscontext");
  g_assert_true (g_str_has_suffix (meta, "/contexts/meta/8bb20fb47c4248774ab660063891d2332facb5997d914f61b3bdfeb471eaddba"));
  g_assert_true (g_str_has_suffix (tls, "/contexts/tls/8bb20fb47c4248774ab660063891d2332facb5997d914f61b3bdfeb471eaddba"));
  file = g_build_filename (meta, "meta.json", NULL);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  /* Docker's modes; no TLS folder. */
  g_assert_cmpuint (context_mode_of (file), ==, 0644);
  g_assert_cmpuint (context_mode_of (meta), ==, 0755);
  g_assert_false (g_file_test (tls, G_FILE_TEST_EXISTS));
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(WharfContext) made =
    wharf_context_new_ecs ("prod", WHARF_CONTEXT_CREDENTIALS_PROFILE, "team", "eu-west-3", "Production");
  g_autoptr(WharfContext) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *made_data = wharf_context_to_data (made);
  g_autofree char *read_data = NULL;
  g_autofree char *meta = wharf_context_store_dup_meta_path (fixture->store, "prod");
  g_autofree char *file = g_build_filename (meta, "meta.json", NULL);
  g_autofree char *on_disk = NULL;
  GListModel *model = G_LIST_MODEL (fixture->store);
  guint changes = 0;

  g_assert_true (g_type_is_a (g_list_model_get_item_type (model), WHARF_TYPE_CONTEXT));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes), &changes);

  g_assert_true (wharf_context_store_create (fixture->store, made, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  on_disk = context_read_file (file);
  g_assert_cmpstr (on_disk, ==, made_data);

  read = wharf_context_store_lookup (fixture->store, "prod", &error);
  g_assert_no_error (error);
  read_data = wharf_context_to_data (read);
  g_assert_cmpstr (read_data, ==, made_data);
  g_assert_cmpstr (wharf_context_get_profile (read), ==, "team");
  g_assert_cmpstr (wharf_context_get_region (read), ==, "eu-west-3");
  g_assert_cmpstr (wharf_context_get_description (read), ==, "Production");

  /* The model: "default" and "prod", sorted, default current. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  {
    g_autoptr(WharfContext) first = g_list_model_get_item (model, 0);
    g_autoptr(WharfContext) second = g_list_model_get_item (model, 1);

    g_assert_cmpstr (wharf_context_get_name (first), ==, "default");
    g_assert_true (wharf_context_get_current (first));
    g_assert_cmpstr (wharf_context_get_name (second), ==, "prod");
    g_assert_false (wharf_context_get_current (second));
    g_assert_null (g_list_model_get_item (model, 2));
  }
}

static void
test_create_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(WharfContext) bad_name =
    wharf_context_new_ecs ("-x", WHARF_CONTEXT_CREDENTIALS_PROFILE, "p", NULL, NULL);
  g_autoptr(WharfContext) reserved =
    wharf_context_new_ecs ("default", WHARF_CONTEXT_CREDENTIALS_PROFILE, "p", NULL, NULL);
  g_autoptr(WharfContext) bad_region =
    wharf_context_new_ecs ("good", WHARF_CONTEXT_CREDENTIALS_PROFILE, "p", "mars-1", NULL);
  g_autoptr(WharfContext) moby = wharf_context_new_from_data ("{\"Name\":\"dock\"}", -1, "x", NULL);
  g_autoptr(WharfContext) again =
    wharf_context_new_ecs ("taken", WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, NULL, NULL, "second");
  g_autoptr(GError) error = NULL;
  g_autofree char *taken_file = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *corrupt_file = NULL;
  g_autofree char *corrupt_after = NULL;
  g_autoptr(WharfContext) over_corrupt =
    wharf_context_new_ecs ("broken", WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, NULL, NULL, NULL);

  g_assert_false (wharf_context_store_create (fixture->store, bad_name, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_false (wharf_context_store_create (fixture->store, reserved, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID_NAME);
  g_clear_error (&error);
  g_assert_false (wharf_context_store_create (fixture->store, bad_region, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wharf_context_store_create (fixture->store, moby, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_READ_ONLY);
  g_clear_error (&error);

  context_create_ecs (fixture, "taken", "first");
  {
    g_autofree char *meta = wharf_context_store_dup_meta_path (fixture->store, "taken");

    taken_file = g_build_filename (meta, "meta.json", NULL);
  }
  before = context_read_file (taken_file);
  g_assert_false (wharf_context_store_create (fixture->store, again, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_EXISTS);
  g_clear_error (&error);
  after = context_read_file (taken_file);
  g_assert_cmpstr (before, ==, after);

  /* A corrupt meta.json still holds the name, and is not overwritten. */
  corrupt_file = context_plant_meta (fixture, "broken", "{not json");
  g_assert_false (wharf_context_store_create (fixture->store, over_corrupt, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_EXISTS);
  corrupt_after = context_read_file (corrupt_file);
  g_assert_cmpstr (corrupt_after, ==, "{not json");

  /* The store folder cannot be made: an I/O error naming the path. */
  {
    g_autofree char *file_dir = wharf_test_write_file (fixture->dir, "plain-file", "x");
    g_autoptr(WharfContextStore) store = wharf_context_store_new (file_dir);
    g_autoptr(WharfContext) context =
      wharf_context_new_ecs ("ok", WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, NULL, NULL, NULL);

    g_clear_error (&error);
    g_assert_false (wharf_context_store_create (store, context, &error));
    g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_IO);
    g_assert_nonnull (strstr (error->message, file_dir));
  }
}

static void
test_corrupt_meta (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *file = context_plant_meta (fixture, "broken", "{\"Name\":\"broken\",");
  g_autofree char *folder = wharf_context_dup_folder_name ("broken");
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfContext) context = NULL;
  g_autofree char *after = NULL;
  gboolean found = FALSE;
  GListModel *model = G_LIST_MODEL (fixture->store);

  context_create_ecs (fixture, "fine", "p");
  g_assert_true (wharf_context_store_reload (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(WharfContext) item = g_list_model_get_item (model, i);
      const GError *item_error = wharf_context_get_error (item);

      if (item_error == NULL)
        continue;
      found = TRUE;
      g_assert_cmpstr (wharf_context_get_name (item), ==, folder);
      g_assert_error ((GError *) item_error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
      g_assert_nonnull (strstr (item_error->message, file));
    }
  g_assert_true (found);

  context = wharf_context_store_lookup (fixture->store, "broken", &error);
  g_assert_null (context);
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, file));
  g_clear_error (&error);

  g_assert_false (wharf_context_store_remove (fixture->store, "broken", TRUE, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (wharf_context_store_use (fixture->store, "broken", &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE);
  after = context_read_file (file);
  g_assert_cmpstr (after, ==, "{\"Name\":\"broken\",");
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *tls = NULL;
  g_autofree char *config = NULL;
  g_autoptr(JsonNode) node = NULL;

  context_create_ecs (fixture, "prod", "p");
  context_create_ecs (fixture, "staging", NULL);
  g_free (context_plant_meta (fixture, "dock", "{\"Name\":\"dock\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"tcp://h:1\"}}}"));
  meta = wharf_context_store_dup_meta_path (fixture->store, "prod");
  tls = wharf_context_store_dup_tls_path (fixture->store, "prod");
  g_free (wharf_test_write_file (tls, "docker/ca.pem", "x"));
  config = wharf_test_write_file (fixture->dir, "config.json",
                                  "{\"auths\":{},\"currentContext\":\"prod\"}");

  g_assert_false (wharf_context_store_remove (fixture->store, "default", TRUE, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (wharf_context_store_remove (fixture->store, "dock", TRUE, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (wharf_context_store_remove (fixture->store, "nothere", TRUE, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* In use: refused, then forced (and config.json names no context). */
  g_assert_false (wharf_context_store_remove (fixture->store, "prod", FALSE, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_true (g_file_test (meta, G_FILE_TEST_IS_DIR));
  g_assert_true (wharf_context_store_remove (fixture->store, "prod", TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (meta, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (tls, G_FILE_TEST_EXISTS));
  node = context_parse_file (config);
  g_assert_false (json_object_has_member (json_node_get_object (node), "currentContext"));
  g_assert_true (json_object_has_member (json_node_get_object (node), "auths"));

  /* Current through DOCKER_CONTEXT only: in use too. */
  g_setenv ("DOCKER_CONTEXT", "staging", TRUE);
  g_assert_false (wharf_context_store_remove (fixture->store, "staging", FALSE, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_IN_USE);
  g_clear_error (&error);
  g_unsetenv ("DOCKER_CONTEXT");
  g_assert_true (wharf_context_store_remove (fixture->store, "staging", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 2);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(WharfContext) ghost =
    wharf_context_new_ecs ("ghost", WHARF_CONTEXT_CREDENTIALS_PROFILE, "p", NULL, NULL);
  g_autofree char *file = context_plant_meta (fixture, "extra",
                                      "{\"Name\":\"extra\",\"Metadata\":{\"Type\":\"ecs\",\"Z\":1},"
                                      "\"Endpoints\":{\"docker\":{\"Profile\":\"a\"},"
                                      "\"ecs\":{\"Profile\":\"a\",\"Keep\":\"me\"}},\"Top\":true}");
  g_autofree char *after = NULL;

  context = wharf_context_store_lookup (fixture->store, "extra", &error);
  g_assert_no_error (error);
  wharf_context_set_region (context, "eu-south-1");
  g_assert_true (wharf_context_store_update (fixture->store, context, &error));
  g_assert_no_error (error);
  after = context_read_file (file);
  g_assert_cmpstr (after, ==,
                   "{\"Name\":\"extra\",\"Metadata\":{\"Type\":\"ecs\",\"Z\":1},"
                   "\"Endpoints\":{\"docker\":{\"Profile\":\"a\",\"Region\":\"eu-south-1\"},"
                   "\"ecs\":{\"Keep\":\"me\",\"Profile\":\"a\",\"Region\":\"eu-south-1\"}},\"Top\":true}");

  g_assert_false (wharf_context_store_update (fixture->store, ghost, &error));
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_NOT_FOUND);
}

static void
reloaded (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (wharf_context_store_reload_finish (WHARF_CONTEXT_STORE (object), result, &error));
  g_assert_no_error (error);
  /* The list has changed before the callback runs. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (object)), ==, 4);
  *done = TRUE;
}

static void
test_reload_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(WharfContextStore) other = NULL;
  gboolean done = FALSE;

  context_create_ecs (fixture, "a1", "p");
  context_create_ecs (fixture, "b2", "p");
  context_create_ecs (fixture, "c3", NULL);
  other = wharf_context_store_new (fixture->dir);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 0);
  wharf_context_store_reload_async (other, NULL, reloaded, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
timed_out (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until CHECK (STORE) holds, for 10 s at most. */
static gboolean
wait_for (WharfContextStore *store,
          gboolean (*check) (WharfContextStore *store))
{
  gboolean expired = FALSE;
  guint timeout = g_timeout_add (10000, timed_out, &expired);

  while (!check (store) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (timeout);
  return check (store);
}

static gboolean
has_two (WharfContextStore *store)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store)) == 2;
}

static gboolean
has_one (WharfContextStore *store)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store)) == 1;
}

static gboolean
ext_is_current (WharfContextStore *store)
{
  return g_strcmp0 (wharf_context_store_get_current_name (store), "ext") == 0;
}

/* A watching store follows changes made by others (the Docker CLI, another
 * wharf-cli) without being asked. */
static void
test_watch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(WharfContextStore) watcher = wharf_context_store_new (fixture->dir);
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_assert_true (wharf_context_store_reload (watcher, &error));
  g_assert_true (wharf_context_store_watch (watcher, &error));
  g_assert_no_error (error);
  g_assert_true (has_one (watcher));

  context_create_ecs (fixture, "ext", "p");
  g_assert_true (wait_for (watcher, has_two));

  g_free (wharf_test_write_file (fixture->dir, "config.json", "{\"currentContext\":\"ext\"}"));
  g_assert_true (wait_for (watcher, ext_is_current));

  /* Reading the same contexts again emits nothing. */
  g_signal_connect (watcher, "items-changed", G_CALLBACK (count_changes), &changes);
  g_assert_true (wharf_context_store_reload (watcher, &error));
  g_assert_cmpuint (changes, ==, 0);

  g_assert_true (wharf_context_store_remove (fixture->store, "ext", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (watcher, has_one));
  g_assert_cmpuint (changes, >=, 1);
}

/* No temporary file is left behind by the atomic writes. */
static void
test_no_leftovers (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meta = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n = 0;

  context_create_ecs (fixture, "prod", "p");
  g_assert_true (wharf_context_store_use (fixture->store, "prod", &error));
  g_assert_true (wharf_context_store_use (fixture->store, "default", &error));
  meta = wharf_context_store_dup_meta_path (fixture->store, "prod");

  dir = g_dir_open (fixture->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_equal (name, "config.json") || g_str_equal (name, "contexts"));
      n++;
    }
  g_assert_cmpuint (n, ==, 2);
  g_clear_pointer (&dir, g_dir_close);
  dir = g_dir_open (meta, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "meta.json");
  g_assert_null (g_dir_read_name (dir));
}

static void
test_inspect (Fixture       *fixture,
              gconstpointer  data)
{
  const char *names[] = { "default", "prod", NULL };
  const char *missing[] = { "prod", "nope", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *tls = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  JsonObject *prod;

  context_create_ecs (fixture, "prod", "p");
  tls = wharf_context_store_dup_tls_path (fixture->store, "prod");
  g_free (wharf_test_write_file (tls, "docker/key.pem", "k"));
  g_free (wharf_test_write_file (tls, "docker/ca.pem", "c"));
  text = wharf_context_store_inspect (fixture->store, names, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "[\n    {\n        \"Name\": \"default\",\n"));
  g_assert_true (g_str_has_suffix (text, "\n    }\n]\n"));
  g_assert_nonnull (strstr (text, "\"MetadataPath\": \"\\u003cIN MEMORY\\u003e\""));

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  prod = json_array_get_object_element (array, 1);
  meta = wharf_context_store_dup_meta_path (fixture->store, "prod");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (prod, "Storage"),
                                                  "MetadataPath"), ==, meta);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (prod, "TLSMaterial"), "docker")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_object_get_object_member (prod, "Endpoints"), "ecs"),
                     "Profile"), ==, "p");

  none = wharf_context_store_inspect (fixture->store, missing, &error);
  g_assert_null (none);
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nope"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, context_fixture_set_up, func, context_fixture_tear_down)
  ADD ("/context-store/folder-names", test_folder_names);
  ADD ("/context-store/round-trip", test_round_trip);
  ADD ("/context-store/create-errors", test_create_errors);
  ADD ("/context-store/corrupt-meta", test_corrupt_meta);
  ADD ("/context-store/remove", test_remove);
  ADD ("/context-store/update", test_update);
  ADD ("/context-store/no-leftovers", test_no_leftovers);
  ADD ("/context-store/inspect", test_inspect);
  ADD ("/context-store/reload-async", test_reload_async);
  ADD ("/context-store/watch", test_watch);
#undef ADD
  return g_test_run ();
}
