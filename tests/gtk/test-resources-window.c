/* test-resources-window.c: Secrets & Volumes against the sandbox: create
 * a secret from text (the value is cleared and never shown), see it
 * listed, delete it after a confirmation that names it (cancel first);
 * the same for a volume.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-aws-efs.h"
#include "wharf-aws-secrets.h"
#include "wharf-resources-window.h"
#include "wharf-test-gtk.h"
#include "wharf-test-gtk-sandbox.h"
#include "wharf-test-util.h"

#define SECRET_VALUE "hunter2-never-shown"

static DeployTestSandbox *sandbox;
static char *home;

static gboolean
contains (GListModel *strings,
          const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (strings); i++)
    {
      g_autoptr(GtkStringObject) s = g_list_model_get_item (strings, i);

      if (g_str_equal (gtk_string_object_get_string (s), text))
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  WharfResourcesWindow *window;
  guint                 n;
} Waiting;

static gboolean
operations_done (gpointer data)
{
  Waiting *w = data;

  return wharf_resources_window_get_n_operations (w->window) >= w->n &&
         !wharf_resources_window_is_busy (w->window);
}

static void
wait_operations (WharfResourcesWindow *window,
                 guint                 n)
{
  Waiting w = { window, n };

  wharf_test_wait_until (operations_done, &w, 20000);
}

/* Every text a user can see in WIDGET's tree. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (text, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_text (c, text);
}

/* The open AdwMessageDialog, if any. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* Confirms (or not) the delete dialog, which must name LABEL. */
static void
answer_dialog (const char *label,
               const char *response)
{
  AdwMessageDialog *dialog = find_dialog ();

  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), label));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_secrets (void)
{
  g_autoptr(WharfSession) session = wharf_session_new (g_getenv ("DOCKER_CONFIG"));
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sandbox);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  WharfResourcesWindow *window = wharf_resources_window_new (NULL, session, "webapp");
  GListModel *secrets = wharf_resources_window_get_secrets (window);
  GtkEditable *name_row, *value_row;
  WharfSecret *s;
  guint n;

  gtk_window_present (GTK_WINDOW (window));
  wait_operations (window, 2);
  g_assert_cmpuint (g_list_model_get_n_items (secrets), ==, 0);

  name_row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (window), WHARF_TYPE_RESOURCES_WINDOW,
                                                          "secret_name_row"));
  value_row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (window), WHARF_TYPE_RESOURCES_WINDOW,
                                                           "secret_value_row"));
  gtk_editable_set_text (name_row, "db-password");
  gtk_editable_set_text (value_row, SECRET_VALUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "resources.create-secret", NULL);
  /* the value leaves the window at once */
  g_assert_cmpstr (gtk_editable_get_text (value_row), ==, "");
  wait_operations (window, 3);
  g_assert_true (contains (secrets, "db-password"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  collect_text (GTK_WIDGET (window), text);
  g_assert_null (strstr (text->str, SECRET_VALUE));
  g_assert_nonnull (strstr (text->str, "db-password"));

  /* AWS has it (the sandbox does not keep secret tags: the project tag
   * Wharf sends is not checked here) */
  listed = wharf_secrets_list_secrets (client, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  s = g_ptr_array_index (listed, 0);
  g_assert_cmpstr (s->name, ==, "db-password");

  /* a second one with the same name: an AWS error, the list is kept */
  gtk_editable_set_text (name_row, "db-password");
  gtk_editable_set_text (value_row, "other");
  gtk_widget_activate_action (GTK_WIDGET (window), "resources.create-secret", NULL);
  wait_operations (window, 4);
  g_assert_cmpuint (g_list_model_get_n_items (secrets), ==, 1);

  /* delete: cancel keeps it, confirming deletes it */
  n = wharf_resources_window_get_n_operations (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "resources.delete-secret", "s", "db-password");
  answer_dialog ("db-password", "cancel");
  wharf_test_spin (300);
  g_assert_cmpuint (wharf_resources_window_get_n_operations (window), ==, n);
  g_assert_true (contains (secrets, "db-password"));
  gtk_widget_activate_action (GTK_WIDGET (window), "resources.delete-secret", "s", "db-password");
  answer_dialog ("db-password", "delete");
  wait_operations (window, n + 1);
  g_assert_false (contains (secrets, "db-password"));
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = wharf_secrets_list_secrets (client, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);

  wharf_test_destroy_window (GTK_WINDOW (window));
}

static void
test_volumes (void)
{
  g_autoptr(WharfSession) session = wharf_session_new (g_getenv ("DOCKER_CONFIG"));
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sandbox);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  WharfResourcesWindow *window = wharf_resources_window_new (NULL, session, "webapp");
  GListModel *volumes = wharf_resources_window_get_volumes (window);
  g_autoptr(GtkStringObject) id = NULL;
  GtkEditable *name_row;
  guint n;

  gtk_window_present (GTK_WINDOW (window));
  wait_operations (window, 2);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, 0);
  name_row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (window), WHARF_TYPE_RESOURCES_WINDOW,
                                                          "volume_name_row"));
  gtk_editable_set_text (name_row, "uploads");
  gtk_widget_activate_action (GTK_WIDGET (window), "resources.create-volume", NULL);
  wait_operations (window, 3);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, 1);
  id = g_list_model_get_item (volumes, 0);
  g_assert_true (g_str_has_prefix (gtk_string_object_get_string (id), "fs-"));
  all = wharf_efs_describe_file_systems (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (((WharfEfsFileSystem *) g_ptr_array_index (all, 0))->name, ==, "uploads");

  n = wharf_resources_window_get_n_operations (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "resources.delete-volume", "s",
                              gtk_string_object_get_string (id));
  answer_dialog ("uploads", "delete");
  wait_operations (window, n + 1);
  g_assert_cmpuint (g_list_model_get_n_items (volumes), ==, 0);
  wharf_test_destroy_window (GTK_WINDOW (window));
}

/* Not a test: tests/ui/screenshots.sh runs it (with -p) to shoot the
 * window, filled. */
static void
take_screenshots (void)
{
  g_autoptr(WharfSession) session = NULL;
  WharfResourcesWindow *window;
  GtkEditable *row;
  const char *names[] = { "db-password", "stripe-api-key", "registry-credentials" };

  if (!wharf_test_screenshot_begin ())
    return;
  session = wharf_session_new (g_getenv ("DOCKER_CONFIG"));
  window = wharf_resources_window_new (NULL, session, "webapp");
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_operations (window, 2);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (window), WHARF_TYPE_RESOURCES_WINDOW,
                                                         "secret_name_row"));
      gtk_editable_set_text (row, names[i]);
      row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (window), WHARF_TYPE_RESOURCES_WINDOW,
                                                         "secret_value_row"));
      gtk_editable_set_text (row, "value");
      gtk_widget_activate_action (GTK_WIDGET (window), "resources.create-secret", NULL);
      wait_operations (window, 3 + i);
    }
  row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (window), WHARF_TYPE_RESOURCES_WINDOW,
                                                     "volume_name_row"));
  gtk_editable_set_text (row, "uploads");
  gtk_widget_activate_action (GTK_WIDGET (window), "resources.create-volume", NULL);
  wait_operations (window, 3 + G_N_ELEMENTS (names));
  /* 9 s: let the toasts go */
  wharf_test_screenshot_take ("resources-secrets", 9000);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "volumes");
  wharf_test_screenshot_take ("resources-volumes", 1000);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "secrets");
  gtk_widget_activate_action (GTK_WIDGET (window), "resources.delete-secret", "s", "stripe-api-key");
  wharf_test_screenshot_take ("resources-delete", 1000);
  answer_dialog ("stripe-api-key", "cancel");
  wharf_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wharf_test_gtk_init (&argc, &argv);
  sandbox = wharf_test_gtk_sandbox_start (NULL, 0.02, &home);
  g_test_add_func ("/resources-window/secrets", test_secrets);
  g_test_add_func ("/resources-window/volumes", test_volumes);
  g_test_add_func ("/resources-window/screenshot", take_screenshots);
  status = g_test_run ();
  wharf_test_gtk_sandbox_stop (sandbox, home);
  return status;
}
