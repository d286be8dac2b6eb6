/* wharf-test-gtk.h: helpers for the GTK tests (suite ui).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* gtk_test_init() + adw_init() with the build tree's compiled schema; when
 * there is no display, prints a TAP skip plan and exits. */
void            wharf_test_gtk_init       (int          *argc,
                                           char       ***argv);

/* A registered, non-unique WharfApplication with a test id. */
GApplication   *wharf_test_app_new        (void);

/* Resets every key of the app's schema in the (memory) settings backend. */
void            wharf_test_reset_settings (void);

/* Iterates the main context until CONDITION (DATA) is true, or fails the
 * test after TIMEOUT_MS. */
void            wharf_test_wait_until     (gboolean    (*condition) (gpointer data),
                                           gpointer      data,
                                           guint         timeout_ms);

/* Iterates the main context for MS milliseconds. */
void            wharf_test_spin           (guint         ms);

/* A plain 900×600 window around CHILD, presented and drawn. */
GtkWindow      *wharf_test_present        (GtkWidget    *child);

/* Destroys WINDOW, lets pending work run, and asserts it finalized. */
void            wharf_test_destroy_window (GtkWindow    *window);

/* Points this process's Docker and AWS configuration at DOCKER_CONFIG,
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, with no context, host,
 * profile or endpoint from the caller's environment. Call it before any
 * object reads them. */
void            wharf_test_use_config     (const char   *docker_config,
                                           const char   *aws_config,
                                           const char   *aws_credentials);

/* Screenshot mode (tests/ui/screenshots.sh): WHARF_SCREENSHOT_DIR is
 * where the PNGs go, WHARF_SCREENSHOT_STYLE "light" (default) or "dark".
 * The directory, or NULL outside screenshot mode. */
const char     *wharf_test_screenshot_dir    (void);
/* FALSE (and the test skipped) outside screenshot mode; else loads the
 * app's style sheet, as AdwApplication would, and forces the colour
 * scheme of WHARF_SCREENSHOT_STYLE. */
gboolean        wharf_test_screenshot_begin  (void);
/* An AdwWindow of 1100×720 with a header bar titled TITLE/SUBTITLE above
 * PAGE (expanded), presented. */
GtkWindow      *wharf_test_screenshot_window (GtkWidget    *page,
                                              const char   *title,
                                              const char   *subtitle);
/* Iterates the main context SETTLE_MS milliseconds (transitions,
 * fetches), then shoots the screen (`import -window root`) into
 * DIR/NAME-STYLE.png; fails the test if import fails. */
void            wharf_test_screenshot_take   (const char   *name,
                                              guint         settle_ms);

G_END_DECLS
