/* wharf-cli.h: shared declarations of the wharf-cli subcommands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes, documented in README.md. */
typedef enum {
  WHARF_EXIT_OK          = 0,
  WHARF_EXIT_FAILURE     = 1,  /* the operation failed (invalid project, failed deploy) */
  WHARF_EXIT_USAGE       = 2,  /* bad command line */
  WHARF_EXIT_AWS         = 3,  /* AWS (or the sandbox) answered with an error */
  WHARF_EXIT_INTERRUPTED = 130,
} WharfExitCode;

/* A subcommand gets argv with argv[0] = "wharf-cli NAME". */
typedef int (*WharfCliCommandFunc) (int    argc,
                                    char **argv);

typedef struct {
  const char          *name;
  const char          *summary;
  WharfCliCommandFunc  run;
} WharfCliCommand;

int  wharf_cli_config  (int argc, char **argv);
int  wharf_cli_context (int argc, char **argv);
int  wharf_cli_convert (int argc, char **argv);
int  wharf_cli_validate (int argc, char **argv);
int  wharf_cli_sandbox  (int argc, char **argv);
int  wharf_cli_up       (int argc, char **argv);
int  wharf_cli_down     (int argc, char **argv);
int  wharf_cli_events   (int argc, char **argv);
int  wharf_cli_ps       (int argc, char **argv);
int  wharf_cli_ls       (int argc, char **argv);
int  wharf_cli_logs     (int argc, char **argv);
int  wharf_cli_secret   (int argc, char **argv);
int  wharf_cli_volume   (int argc, char **argv);
int  wharf_cli_profile  (int argc, char **argv);

void wharf_cli_print_error (const GError *error);
void wharf_cli_printerr    (const char   *format,
                            ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
