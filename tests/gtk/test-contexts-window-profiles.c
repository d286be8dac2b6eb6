/* test-contexts-window-profiles.c: the AWS Profiles page of the Contexts & Profiles
 * window edits, creates and removes profiles keeping the files' comments
 * (checked with the real aws CLI when installed), and "Test" asks the
 * sandbox who the profile is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "test-contexts-window-util.h"
#include "deploy-test-sandbox.h"
#include "wharf-profile-dialog.h"
#include "wharf-test-gtk.h"
#include "wharf-test-util.h"

static void
test_edit_profile (Fixture       *fixture,
                   gconstpointer  data)
{
  GType type = WHARF_TYPE_PROFILE_DIALOG;
  GtkWindow *dialog;
  g_autofree char *config = NULL;
  g_autofree char *credentials = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "profiles.edit", "s", "dev"));
  dialog = fixture->window->dialog;
  g_assert_true (WHARF_IS_PROFILE_DIALOG (dialog));
  /* The key id is shown, the secret never. */
  g_assert_cmpstr (gtk_editable_get_text (ctx_test_child (dialog, type, "key_id_row")), ==, "AKIADEVEXAMPLE000001");
  g_assert_cmpstr (gtk_editable_get_text (ctx_test_child (dialog, type, "secret_row")), ==, "");
  ctx_test_select_string (ctx_test_child (dialog, type, "region_row"), "eu-west-2");
  ctx_test_select_string (ctx_test_child (dialog, type, "output_row"), "table");
  ctx_test_save (fixture);

  g_assert_true (g_file_get_contents (fixture->aws_config, &config, NULL, NULL));
  g_assert_true (g_str_has_prefix (config, "# Work accounts: keep this comment\n[profile dev]\n"));
  g_assert_nonnull (strstr (config, "region = eu-west-2"));
  g_assert_nonnull (strstr (config, "output = table"));
  /* An empty secret entry keeps the stored secret. */
  g_assert_true (g_file_get_contents (fixture->aws_credentials, &credentials, NULL, NULL));
  g_assert_cmpstr (credentials, ==, AWS_CREDENTIALS);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ctx_test_find_row (fixture->window->profiles_list, "dev"))),
                   ==, "Access keys · ****************0001 · eu-west-2");
  if (ctx_test_has_program ("aws"))
    {
      const char *argv[] = { "aws", "configure", "get", "region", "--profile", "dev", NULL };
      g_autofree char *out = ctx_test_run (argv);

      g_assert_cmpstr (out, ==, "eu-west-2");
    }
}

static void
test_create_and_remove_profile (Fixture       *fixture,
                                gconstpointer  data)
{
  GType type = WHARF_TYPE_PROFILE_DIALOG;
  GtkWindow *dialog;
  g_autofree char *config = NULL;
  g_autofree char *credentials = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "profiles.add", NULL));
  dialog = fixture->window->dialog;
  ctx_test_set_text (dialog, type, "name_row", "ci");
  ctx_test_select_string (ctx_test_child (dialog, type, "region_row"), "ca-central-1");
  ctx_test_set_text (dialog, type, "key_id_row", "AKIACIEXAMPLE0000077");
  ctx_test_set_text (dialog, type, "secret_row", "cisecretcisecretcisecret");
  ctx_test_save (fixture);
  g_assert_nonnull (ctx_test_find_row (fixture->window->profiles_list, "ci"));
  if (ctx_test_has_program ("aws"))
    {
      const char *argv[] = { "aws", "configure", "get", "region", "--profile", "ci", NULL };
      g_autofree char *out = ctx_test_run (argv);

      g_assert_cmpstr (out, ==, "ca-central-1");
    }

  /* Removing asks first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "profiles.remove", "s", "dev"));
  g_assert_cmpstr (adw_message_dialog_get_heading (ctx_test_message_dialog (fixture)), ==, "Remove Profile “dev”?");
  /* The context alpha uses it: the dialog warns. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ctx_test_message_dialog (fixture)), "1 context uses it"));
  g_assert_nonnull (ctx_test_find_row (fixture->window->profiles_list, "dev"));
  ctx_test_respond (ctx_test_message_dialog (fixture), "remove");
  wharf_test_wait_until (ctx_test_no_dialog, fixture, 2000);
  g_assert_null (ctx_test_find_row (fixture->window->profiles_list, "dev"));
  g_assert_true (g_file_get_contents (fixture->aws_config, &config, NULL, NULL));
  g_assert_null (strstr (config, "[profile dev]"));
  g_assert_nonnull (strstr (config, "# Work accounts: keep this comment"));
  g_assert_true (g_file_get_contents (fixture->aws_credentials, &credentials, NULL, NULL));
  g_assert_null (strstr (credentials, "devsecret"));
  g_assert_nonnull (strstr (credentials, "[ci]"));
}

/* Tests PROFILE through the window and returns the result dialog's body. */
static char *
run_profile_test (Fixture    *fixture,
                  const char *profile,
                  char      **heading)
{
  AdwMessageDialog *dialog;
  char *body;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "profiles.test", "s", profile));
  wharf_test_wait_until (ctx_test_has_message_dialog, fixture, 30000);
  dialog = ctx_test_message_dialog (fixture);
  body = g_strdup (adw_message_dialog_get_body (dialog));
  *heading = g_strdup (adw_message_dialog_get_heading (dialog));
  ctx_test_respond (dialog, "close");
  wharf_test_wait_until (ctx_test_no_dialog, fixture, 2000);
  return body;
}

static void
test_profile_test (Fixture       *fixture,
                   gconstpointer  data)
{
  DeployTestSandbox *sandbox = deploy_test_sandbox_start (NULL, 0);
  g_autoptr(WharfAwsProfileStore) profiles = NULL;
  g_autoptr(GHashTable) good = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) bad = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *bad_body = NULL;
  g_autofree char *bad_heading = NULL;

  g_setenv ("AWS_ENDPOINT_URL", deploy_test_sandbox_url (sandbox), TRUE);
  profiles = wharf_aws_profile_store_new (fixture->aws_config, fixture->aws_credentials);
  g_hash_table_insert (good, "region", "us-east-1");
  g_hash_table_insert (good, "aws_access_key_id", "test");
  g_hash_table_insert (good, "aws_secret_access_key", "test");
  g_assert_true (wharf_aws_profile_store_create (profiles, "sandbox", good, &error));
  g_assert_no_error (error);
  g_hash_table_insert (bad, "region", "us-east-1");
  g_hash_table_insert (bad, "aws_access_key_id", "test");
  g_hash_table_insert (bad, "aws_secret_access_key", "not-the-secret");
  g_assert_true (wharf_aws_profile_store_create (profiles, "wrong", bad, &error));
  g_assert_no_error (error);
  _wharf_contexts_window_reload_profiles (fixture->window);

  body = run_profile_test (fixture, "sandbox", &heading);
  g_assert_cmpstr (heading, ==, "Profile “sandbox” Works");
  g_assert_true (g_str_has_prefix (body, "Account: 000000000000\nIdentity: arn:aws:"));

  bad_body = run_profile_test (fixture, "wrong", &bad_heading);
  g_assert_cmpstr (bad_heading, ==, "Profile “wrong” Failed");
  g_assert_true (g_str_has_prefix (bad_body, "SignatureDoesNotMatch\n\n"));
  g_assert_nonnull (strstr (bad_body, "secret access key"));
  g_assert_null (strstr (bad_body, "not-the-secret"));

  g_unsetenv ("AWS_ENDPOINT_URL");
  deploy_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  static const CtxTest tests[] = {
    { "/contexts-window/profiles/edit-profile", test_edit_profile },
    { "/contexts-window/profiles/create-remove-profile", test_create_and_remove_profile },
    { "/contexts-window/profiles/test-profile", test_profile_test },
    { NULL }
  };

  return ctx_test_main (argc, argv, tests);
}
