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

/* Destroys WINDOW, lets pending work run, and asserts it finalized. */
void            wharf_test_destroy_window (GtkWindow    *window);

G_END_DECLS
