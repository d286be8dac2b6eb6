/* test-labels.c: words the user reads: the subtitle of an ECS context
 * row does not say the same thing twice, and the header's Deploy and the
 * page tabs have distinct mnemonics, in English and in French.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-context-row.h"
#include "wharf-test-gtk.h"
#include "wharf-window-private.h"

static GApplication *app;

static guint
count (const char *haystack,
       const char *needle)
{
  g_autofree char *lower = g_utf8_strdown (haystack, -1);
  guint n = 0;

  for (const char *p = strstr (lower, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_context_row_environment (void)
{
  /* As `docker context create ecs --from-env` writes it. */
  g_autoptr(WharfContext) env = wharf_context_new_ecs ("ci", WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, NULL,
                                                       "us-east-2", "credentials read from environment");
  g_autoptr(WharfContext) own = wharf_context_new_ecs ("ci", WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, NULL,
                                                       NULL, "Build machines");
  g_autoptr(WharfContext) profile = wharf_context_new_ecs ("production", WHARF_CONTEXT_CREDENTIALS_PROFILE, "dev",
                                                           "eu-west-1", "Live services");
  g_autofree char *env_summary = wharf_context_row_dup_summary (env);
  g_autofree char *own_summary = wharf_context_row_dup_summary (own);
  g_autofree char *profile_summary = wharf_context_row_dup_summary (profile);

  g_assert_cmpuint (count (env_summary, "credential"), ==, 1);
  g_assert_cmpuint (count (env_summary, "environment"), ==, 1);
  g_assert_cmpstr (env_summary, ==, "Credentials from environment variables · us-east-2");
  /* A description of the user's own is kept. */
  g_assert_cmpstr (own_summary, ==, "Credentials from environment variables · Build machines");
  g_assert_cmpstr (profile_summary, ==, "Profile “dev” · eu-west-1 · Live services");
}

/* The letter after '_', lowercased, or 0. */
static gunichar
mnemonic (const char *label)
{
  const char *underscore = strchr (label, '_');

  g_assert_nonnull (underscore);
  return g_unichar_tolower (g_utf8_get_char (underscore + 1));
}

/* msgid → msgstr of the one-line entries of po/fr.po. */
static GHashTable *
load_french (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("WHARF_SOURCE_DIR"), "po", "fr.po", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    if (g_str_has_prefix (lines[i], "msgid \"") && g_str_has_prefix (lines[i + 1], "msgstr \"") &&
        g_str_has_suffix (lines[i], "\"") && g_str_has_suffix (lines[i + 1], "\""))
      g_hash_table_insert (table,
                           g_strndup (lines[i] + 7, strlen (lines[i]) - 8),
                           g_strndup (lines[i + 1] + 8, strlen (lines[i + 1]) - 9));
  return table;
}

/* The header's Deploy and every tab answer distinct Alt+letters. */
static void
assert_distinct (const char * const *labels)
{
  for (guint i = 0; labels[i] != NULL; i++)
    for (guint j = i + 1; labels[j] != NULL; j++)
      if (mnemonic (labels[i]) == mnemonic (labels[j]))
        g_error ("“%s” and “%s” share a mnemonic", labels[i], labels[j]);
}

static void
test_mnemonics (void)
{
  WharfWindow *window = wharf_window_new (GTK_APPLICATION (app));
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (window->view_stack);
  g_autoptr(GPtrArray) english = g_ptr_array_new ();
  g_autoptr(GPtrArray) french = g_ptr_array_new ();
  g_autoptr(GHashTable) fr = load_french ();

  g_ptr_array_add (english, (gpointer) gtk_button_get_label (window->deploy_button));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_true (adw_view_stack_page_get_use_underline (page));
      g_ptr_array_add (english, (gpointer) adw_view_stack_page_get_title (page));
    }
  g_assert_cmpuint (english->len, ==, 6);
  g_ptr_array_add (english, NULL);
  assert_distinct ((const char * const *) english->pdata);
  for (guint i = 0; english->pdata[i] != NULL; i++)
    {
      const char *translation = g_hash_table_lookup (fr, english->pdata[i]);

      if (translation == NULL || *translation == '\0')
        g_error ("“%s” has no French translation", (char *) english->pdata[i]);
      g_ptr_array_add (french, (gpointer) translation);
    }
  g_ptr_array_add (french, NULL);
  assert_distinct ((const char * const *) french->pdata);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wharf_test_gtk_init (&argc, &argv);
  app = wharf_test_app_new ();

  g_test_add_func ("/labels/context-row-environment", test_context_row_environment);
  g_test_add_func ("/labels/mnemonics", test_mnemonics);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
