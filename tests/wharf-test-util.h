/* wharf-test-util.h: helpers shared by the test programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A fresh temporary folder, removed (recursively) by wharf_test_rmtree(). */
char       *wharf_test_mkdtemp        (void);
void        wharf_test_rmtree         (const char *path);

/* Writes CONTENTS to DIR/NAME (creating parent folders); returns the path. */
char       *wharf_test_write_file     (const char *dir,
                                       const char *name,
                                       const char *contents);

/* Path below the repository's tests/ folder. */
char       *wharf_test_srcdir_path    (const char *first_element,
                                       ...) G_GNUC_NULL_TERMINATED;

/* Path below ../shared/peer-tests, or NULL after g_test_skip() when the
 * folder is absent. */
char       *wharf_test_peer_path      (const char *first_element,
                                       ...) G_GNUC_NULL_TERMINATED;

/* Path of a program on PATH, or NULL after g_test_skip(). */
char       *wharf_test_find_program   (const char *program);

/* Runs ARGV (in CWD, with ENVP or the current environment when NULL),
 * returns its exit status; captures stdout and stderr when non-NULL. */
int         wharf_test_run            (const char * const *argv,
                                       const char         *cwd,
                                       const char * const *envp,
                                       char              **out_stdout,
                                       char              **out_stderr);

/* Path of wharf-cli in the build tree. */
const char *wharf_test_cli_path       (void);

G_END_DECLS
