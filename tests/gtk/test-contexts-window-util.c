/* test-contexts-window-util.c: the fixture and helpers of the Contexts &
 * Profiles window tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "test-contexts-window-util.h"
#include "wharf-test-gtk.h"
#include "wharf-test-util.h"

void
ctx_test_fixture_setup (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(WharfContext) alpha = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = wharf_test_mkdtemp ();
  fixture->docker = g_build_filename (fixture->dir, "docker", NULL);
  fixture->aws_config = wharf_test_write_file (fixture->dir, "aws/config", AWS_CONFIG);
  fixture->aws_credentials = wharf_test_write_file (fixture->dir, "aws/credentials", AWS_CREDENTIALS);
  g_assert_cmpint (g_chmod (fixture->aws_credentials, 0600), ==, 0);
  /* Before any object reads them. */
  wharf_test_use_config (fixture->docker, fixture->aws_config, fixture->aws_credentials);

  fixture->store = wharf_context_store_new (fixture->docker);
  alpha = wharf_context_new_ecs ("alpha", WHARF_CONTEXT_CREDENTIALS_PROFILE, "dev", "eu-west-3", "Staging");
  g_assert_true (wharf_context_store_create (fixture->store, alpha, &error));
  g_assert_no_error (error);

  fixture->window = WHARF_CONTEXTS_WINDOW (wharf_contexts_window_new (NULL, fixture->store));
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

int
ctx_test_main (int            argc,
               char          *argv[],
               const CtxTest *tests)
{
  g_autoptr(GApplication) app = NULL;

  wharf_test_gtk_init (&argc, &argv);
  /* The application loads Wharf's style sheet (the badges). */
  app = wharf_test_app_new ();
  for (guint i = 0; tests[i].path != NULL; i++)
    g_test_add (tests[i].path, Fixture, NULL, ctx_test_fixture_setup, tests[i].func, ctx_test_fixture_teardown);
  return g_test_run ();
}

void
ctx_test_fixture_teardown (Fixture       *fixture,
                           gconstpointer  data)
{
  if (fixture->window->dialog != NULL)
    wharf_test_destroy_window (fixture->window->dialog);
  wharf_test_destroy_window (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->store);
  wharf_test_rmtree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->docker);
  g_free (fixture->aws_config);
  g_free (fixture->aws_credentials);
}

/* The titles of LIST's rows, joined by ", ". */
char *
ctx_test_row_titles (GtkListBox *list)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child))
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GtkWidget *
ctx_test_find_row (GtkListBox *list,
                   const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
      return child;
  return NULL;
}

gpointer
ctx_test_child (GtkWindow  *dialog,
                GType       type,
                const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), type, name);

  g_assert_nonnull (object);
  return object;
}

void
ctx_test_select_string (AdwComboRow *row,
                        const char  *value)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), value) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("“%s” is not offered", value);
}

void
ctx_test_set_text (GtkWindow  *dialog,
                   GType       type,
                   const char *name,
                   const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ctx_test_child (dialog, type, name)), text);
}

gboolean
ctx_test_has_program (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);

  if (path == NULL)
    g_test_message ("%s is not installed: the check with the real %s is skipped", program, program);
  return path != NULL;
}

/* Runs ARGV with the test's environment (DOCKER_CONFIG, AWS_*), returns
 * its stdout, stripped; fails the test when it fails. */
char *
ctx_test_run (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = wharf_test_run (argv, NULL, NULL, &out, &err);

  if (status != 0)
    g_error ("%s failed (%d): %s", argv[0], status, err);
  return g_strdup (g_strstrip (out));
}

gboolean
ctx_test_no_dialog (gpointer data)
{
  Fixture *fixture = data;

  return fixture->window->dialog == NULL;
}

void
ctx_test_save (Fixture *fixture)
{
  GtkWindow *dialog = fixture->window->dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  if (fixture->window->dialog != NULL)
    {
      GObject *error = gtk_widget_get_template_child (GTK_WIDGET (dialog), G_OBJECT_TYPE (dialog),
                                                      "error_label");

      g_error ("the dialog did not save: %s", gtk_label_get_label (GTK_LABEL (error)));
    }
  wharf_test_wait_until (ctx_test_no_dialog, fixture, 1000);
}

AdwMessageDialog *
ctx_test_message_dialog (Fixture *fixture)
{
  g_assert_true (ADW_IS_MESSAGE_DIALOG (fixture->window->dialog));
  return ADW_MESSAGE_DIALOG (fixture->window->dialog);
}

/* What a click on a response button does: the response, then closing
 * (adw_message_dialog_response() alone does not close the dialog). */
void
ctx_test_respond (AdwMessageDialog *dialog,
                  const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

gboolean
ctx_test_has_message_dialog (gpointer data)
{
  Fixture *fixture = data;

  return ADW_IS_MESSAGE_DIALOG (fixture->window->dialog);
}
