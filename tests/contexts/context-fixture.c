/* context-fixture.c: helpers shared by the context store tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "context-fixture.h"

void
context_clear_env (void)
{
  const char *names[] = { "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_getenv (names[i]) != NULL)
      g_unsetenv (names[i]);
}

void
context_fixture_set_up (ContextFixture *fixture,
                        gconstpointer   data)
{
  context_clear_env ();
  umask (022);
  fixture->dir = wharf_test_mkdtemp ();
  fixture->store = wharf_context_store_new (fixture->dir);
}

void
context_fixture_tear_down (ContextFixture *fixture,
                           gconstpointer   data)
{
  g_clear_object (&fixture->store);
  wharf_test_rmtree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  context_clear_env ();
}

char *
context_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

void
context_create_ecs (ContextFixture *fixture,
                    const char     *name,
                    const char     *profile)
{
  g_autoptr(WharfContext) context =
    wharf_context_new_ecs (name, profile != NULL ? WHARF_CONTEXT_CREDENTIALS_PROFILE
                                                 : WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT,
                           profile, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (wharf_context_store_create (fixture->store, context, &error));
  g_assert_no_error (error);
}

/* Writes DATA as the meta.json of NAME, as another tool would. */
char *
context_plant_meta (ContextFixture *fixture,
                    const char     *name,
                    const char     *data)
{
  g_autofree char *folder = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
  g_autofree char *rel = g_build_filename ("contexts", "meta", folder, "meta.json", NULL);

  return wharf_test_write_file (fixture->dir, rel, data);
}

guint
context_mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}


JsonNode *
context_parse_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
