/* test-contexts-window-util.h: the fixture and helpers of the Contexts &
 * Profiles window tests (test-contexts-window.c and
 * test-contexts-window-profiles.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-contexts-window-private.h"

G_BEGIN_DECLS

#define AWS_CONFIG \
  "# Work accounts: keep this comment\n" \
  "[profile dev]\n" \
  "region = us-east-1\n" \
  "output = json\n" \
  "\n" \
  "[default]\n" \
  "region = eu-west-1\n"

#define AWS_CREDENTIALS \
  "# credentials comment\n" \
  "[dev]\n" \
  "aws_access_key_id = AKIADEVEXAMPLE000001\n" \
  "aws_secret_access_key = devsecretdevsecret\n"

typedef struct {
  char                *dir;
  char                *docker;
  char                *aws_config;
  char                *aws_credentials;
  WharfContextStore   *store;
  WharfContextsWindow *window;
} Fixture;

/* Temporary DOCKER_CONFIG, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE
 * (set before any object reads them), an ECS context "alpha" using the
 * profile "dev", and the window, presented. */
void               ctx_test_fixture_setup      (Fixture       *fixture,
                                                gconstpointer  data);
void               ctx_test_fixture_teardown   (Fixture       *fixture,
                                                gconstpointer  data);

typedef struct {
  const char  *path;
  void       (*func) (Fixture       *fixture,
                      gconstpointer  data);
} CtxTest;

/* The main () of both programs: GTK, the application, then TESTS (ended
 * by { NULL }), each with the fixture above. */
int                ctx_test_main               (int            argc,
                                                char          *argv[],
                                                const CtxTest *tests);

/* The titles of LIST's rows, joined by ", "; the row titled TITLE. */
char              *ctx_test_row_titles         (GtkListBox    *list);
GtkWidget         *ctx_test_find_row           (GtkListBox    *list,
                                                const char    *title);
/* The template child NAME of DIALOG (of class TYPE). */
gpointer           ctx_test_child              (GtkWindow     *dialog,
                                                GType          type,
                                                const char    *name);
void               ctx_test_select_string      (AdwComboRow   *row,
                                                const char    *value);
void               ctx_test_set_text           (GtkWindow     *dialog,
                                                GType          type,
                                                const char    *name,
                                                const char    *text);
/* FALSE, with a test message, when PROGRAM is not installed. */
gboolean           ctx_test_has_program        (const char    *program);
/* Runs ARGV in the test's environment, returns its stdout stripped; fails
 * the test when it fails. */
char              *ctx_test_run                (const char * const *argv);
gboolean           ctx_test_no_dialog          (gpointer       data);
/* Activates "dialog.save" on the window's dialog and asserts it closed. */
void               ctx_test_save               (Fixture       *fixture);
AdwMessageDialog  *ctx_test_message_dialog     (Fixture       *fixture);
/* What a click on a response button does. */
void               ctx_test_respond            (AdwMessageDialog *dialog,
                                                const char       *response);
gboolean           ctx_test_has_message_dialog (gpointer       data);

G_END_DECLS
