/* test-contexts-window.c: the Contexts & Profiles window lists what the
 * stores hold, creates contexts (from keys, a profile), removes them after
 * asking, and makes one Docker's current (the AWS Profiles page is in
 * test-contexts-window-profiles.c). The files written are checked with
 * the real docker and aws CLIs when they are installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "test-contexts-window-util.h"
#include "wharf-context-dialog.h"
#include "wharf-context-row.h"
#include "wharf-test-gtk.h"
#include "wharf-test-util.h"

static void
test_lists (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *contexts = ctx_test_row_titles (fixture->window->contexts_list);
  g_autofree char *profiles = ctx_test_row_titles (fixture->window->profiles_list);
  GtkWidget *row;

  g_assert_cmpstr (contexts, ==, "alpha, default");
  g_assert_cmpstr (profiles, ==, "default, dev");
  row = ctx_test_find_row (fixture->window->contexts_list, "alpha");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Profile “dev” · eu-west-3 · Staging");
  row = ctx_test_find_row (fixture->window->profiles_list, "dev");
  /* The key id's last four characters, never the secret. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Access keys · ****************0001 · us-east-1");
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "devsecret"));
}

static void
test_create_from_keys (Fixture       *fixture,
                       gconstpointer  data)
{
  GType type = WHARF_TYPE_CONTEXT_DIALOG;
  GtkWindow *dialog;
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *credentials = NULL;
  GStatBuf st;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "contexts.add", NULL));
  dialog = fixture->window->dialog;
  g_assert_true (WHARF_IS_CONTEXT_DIALOG (dialog));
  ctx_test_set_text (dialog, type, "name_row", "fromkeys");
  ctx_test_set_text (dialog, type, "description_row", "Made from keys");
  adw_combo_row_set_selected (ctx_test_child (dialog, type, "source_row"), WHARF_CONTEXT_SOURCE_KEYS);
  g_assert_true (gtk_widget_get_visible (ctx_test_child (dialog, type, "secret_row")));
  g_assert_false (gtk_widget_get_visible (ctx_test_child (dialog, type, "profile_row")));
  ctx_test_set_text (dialog, type, "key_id_row", "AKIAFROMKEYS00000042");
  ctx_test_set_text (dialog, type, "secret_row", "fromkeyssecretfromkeyssecret");
  ctx_test_select_string (ctx_test_child (dialog, type, "region_row"), "ap-southeast-2");
  ctx_test_save (fixture);

  context = wharf_context_store_lookup (fixture->store, "fromkeys", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_context_get_profile (context), ==, "fromkeys");
  g_assert_nonnull (ctx_test_find_row (fixture->window->contexts_list, "fromkeys"));
  /* The new profile is listed, and its secret went to a 0600 file. */
  g_assert_nonnull (ctx_test_find_row (fixture->window->profiles_list, "fromkeys"));
  g_assert_cmpint (g_stat (fixture->aws_credentials, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (fixture->aws_credentials, &credentials, NULL, NULL));
  g_assert_nonnull (strstr (credentials, "# credentials comment"));
  g_assert_nonnull (strstr (credentials, "fromkeyssecretfromkeyssecret"));

  if (ctx_test_has_program ("docker"))
    {
      const char *argv[] = { "docker", "context", "ls", "--format", "{{.Name}} {{.Description}}", NULL };
      g_autofree char *out = ctx_test_run (argv);

      g_assert_nonnull (strstr (out, "fromkeys Made from keys"));
    }
  if (ctx_test_has_program ("aws"))
    {
      const char *region[] = { "aws", "configure", "get", "region", "--profile", "fromkeys", NULL };
      const char *key[] = { "aws", "configure", "get", "aws_access_key_id", "--profile", "fromkeys", NULL };
      g_autofree char *out = ctx_test_run (region);
      g_autofree char *key_out = ctx_test_run (key);

      g_assert_cmpstr (out, ==, "ap-southeast-2");
      g_assert_cmpstr (key_out, ==, "AKIAFROMKEYS00000042");
    }
}

static void
test_create_from_profile (Fixture       *fixture,
                          gconstpointer  data)
{
  GType type = WHARF_TYPE_CONTEXT_DIALOG;
  GtkWindow *dialog;
  GtkLabel *error_label;
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "contexts.add", NULL));
  dialog = fixture->window->dialog;
  /* An invalid name is refused in the dialog, which stays open. */
  ctx_test_set_text (dialog, type, "name_row", "-bad name");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  g_assert_true (fixture->window->dialog == dialog);
  error_label = ctx_test_child (dialog, type, "error_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  ctx_test_set_text (dialog, type, "name_row", "fromprofile");
  adw_combo_row_set_selected (ctx_test_child (dialog, type, "source_row"), WHARF_CONTEXT_SOURCE_PROFILE);
  ctx_test_select_string (ctx_test_child (dialog, type, "profile_row"), "dev");
  /* First item: the profile's own region. */
  adw_combo_row_set_selected (ctx_test_child (dialog, type, "region_row"), 0);
  ctx_test_save (fixture);

  context = wharf_context_store_lookup (fixture->store, "fromprofile", &error);
  g_assert_no_error (error);
  g_assert_true (wharf_context_is_ecs (context));
  g_assert_cmpint (wharf_context_get_credentials (context), ==, WHARF_CONTEXT_CREDENTIALS_PROFILE);
  g_assert_cmpstr (wharf_context_get_profile (context), ==, "dev");
  g_assert_null (wharf_context_get_region (context));
}

static void
test_edit_context (Fixture       *fixture,
                   gconstpointer  data)
{
  GType type = WHARF_TYPE_CONTEXT_DIALOG;
  GtkWindow *dialog;
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "contexts.edit", "s", "alpha"));
  dialog = fixture->window->dialog;
  g_assert_cmpstr (gtk_editable_get_text (ctx_test_child (dialog, type, "name_row")), ==, "alpha");
  g_assert_cmpstr (gtk_editable_get_text (ctx_test_child (dialog, type, "description_row")), ==, "Staging");
  ctx_test_select_string (ctx_test_child (dialog, type, "region_row"), "eu-north-1");
  ctx_test_set_text (dialog, type, "description_row", "Stockholm");
  ctx_test_save (fixture);

  context = wharf_context_store_lookup (fixture->store, "alpha", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_context_get_region (context), ==, "eu-north-1");
  g_assert_cmpstr (wharf_context_get_description (context), ==, "Stockholm");
  g_assert_cmpstr (wharf_context_get_profile (context), ==, "dev");
}

static void
test_remove_context (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfContext) gone = NULL;
  AdwMessageDialog *dialog;

  /* Cancel keeps it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "contexts.remove", "s", "alpha"));
  dialog = ctx_test_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove “alpha”?");
  ctx_test_respond (dialog, "cancel");
  wharf_test_wait_until (ctx_test_no_dialog, fixture, 2000);
  g_object_unref (wharf_context_store_lookup (fixture->store, "alpha", &error));
  g_assert_no_error (error);

  /* The current context: the dialog says so, and removing forces. */
  g_assert_true (wharf_context_store_use (fixture->store, "alpha", &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "contexts.remove", "s", "alpha"));
  dialog = ctx_test_message_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove the Current Context?");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "remove"), ==, "_Remove Anyway");
  ctx_test_respond (dialog, "remove");
  wharf_test_wait_until (ctx_test_no_dialog, fixture, 2000);
  gone = wharf_context_store_lookup (fixture->store, "alpha", &error);
  g_assert_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_NOT_FOUND);
  g_assert_null (ctx_test_find_row (fixture->window->contexts_list, "alpha"));
  g_clear_error (&error);
  {
    g_autofree char *configured = wharf_context_store_dup_configured (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_null (configured);
  }
  if (ctx_test_has_program ("docker"))
    {
      const char *argv[] = { "docker", "context", "ls", "--format", "{{.Name}}", NULL };
      g_autofree char *out = ctx_test_run (argv);

      g_assert_cmpstr (out, ==, "default");
    }
}

/* Whether WIDGET shows a visible "Current" badge. */
static gboolean
shows_badge (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_label (GTK_LABEL (widget)), "Current"))
    return gtk_widget_get_visible (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_badge (c))
      return TRUE;
  return FALSE;
}

static void
test_use (Fixture       *fixture,
          gconstpointer  data)
{
  GtkWidget *row;

  g_assert_true (shows_badge (ctx_test_find_row (fixture->window->contexts_list, "default")));
  g_assert_false (shows_badge (ctx_test_find_row (fixture->window->contexts_list, "alpha")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "contexts.use", "s", "alpha"));
  g_assert_cmpstr (wharf_context_store_get_current_name (fixture->store), ==, "alpha");
  /* The badge moved. */
  row = ctx_test_find_row (fixture->window->contexts_list, "alpha");
  g_assert_true (wharf_context_get_current (wharf_context_row_get_context (WHARF_CONTEXT_ROW (row))));
  g_assert_true (shows_badge (row));
  g_assert_false (shows_badge (ctx_test_find_row (fixture->window->contexts_list, "default")));
  if (ctx_test_has_program ("docker"))
    {
      const char *argv[] = { "docker", "context", "show", NULL };
      g_autofree char *out = ctx_test_run (argv);

      g_assert_cmpstr (out, ==, "alpha");
    }
}

/* Screenshot mode (tests/ui/screenshots.sh): both pages and the context
 * editor, for review. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *pages[] = { "contexts", "profiles" };

  if (!wharf_test_screenshot_begin ())
    return;
  /* A fuller picture: contexts of each kind, an engine context written as
   * `docker context create` writes it, and an SSO profile. */
  {
    g_autoptr(WharfContext) production =
      wharf_context_new_ecs ("production", WHARF_CONTEXT_CREDENTIALS_PROFILE, "dev", "eu-west-1", "Live services");
    g_autoptr(WharfContext) ci =
      wharf_context_new_ecs ("ci", WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT, NULL, "us-east-2",
                             "credentials read from environment");
    g_autofree char *folder = wharf_context_dup_folder_name ("colima");
    g_autofree char *rel = g_build_filename ("contexts", "meta", folder, "meta.json", NULL);
    g_autofree char *meta = wharf_test_write_file (fixture->docker, rel,
                                                   "{\"Name\":\"colima\",\"Metadata\":{\"Description\":\"colima\"},"
                                                   "\"Endpoints\":{\"docker\":{\"Host\":\"unix:///home/me/.colima/docker.sock\","
                                                   "\"SkipTLSVerify\":false}}}");
    g_autofree char *config = NULL;
    g_autofree char *more = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (wharf_context_store_create (fixture->store, production, &error));
    g_assert_true (wharf_context_store_create (fixture->store, ci, &error));
    g_assert_true (wharf_context_store_use (fixture->store, "production", &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (fixture->aws_config, &config, NULL, NULL));
    more = g_strconcat (config, "\n[profile admin]\nsso_session = corp\nsso_account_id = 123456789012\n"
                        "sso_role_name = Admin\nregion = eu-central-1\n", NULL);
    g_assert_true (g_file_set_contents (fixture->aws_config, more, -1, NULL));
    _wharf_contexts_window_reload_profiles (fixture->window);
  }
  for (guint j = 0; j < G_N_ELEMENTS (pages); j++)
    {
      g_autofree char *name = g_strdup_printf ("contexts-window-%s", pages[j]);

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fixture->window), pages[j]);
      wharf_test_screenshot_take (name, 700);
    }
  /* The context editor, with new keys. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "contexts.add", NULL));
  adw_combo_row_set_selected (ctx_test_child (fixture->window->dialog, WHARF_TYPE_CONTEXT_DIALOG, "source_row"),
                              WHARF_CONTEXT_SOURCE_KEYS);
  ctx_test_set_text (fixture->window->dialog, WHARF_TYPE_CONTEXT_DIALOG, "name_row", "production");
  wharf_test_screenshot_take ("context-dialog", 700);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  static const CtxTest tests[] = {
    { "/contexts-window/lists", test_lists },
    { "/contexts-window/create-from-keys", test_create_from_keys },
    { "/contexts-window/create-from-profile", test_create_from_profile },
    { "/contexts-window/edit-context", test_edit_context },
    { "/contexts-window/remove-context", test_remove_context },
    { "/contexts-window/use", test_use },
    { "/contexts-window/screenshot", test_screenshot },
    { NULL }
  };

  return ctx_test_main (argc, argv, tests);
}
