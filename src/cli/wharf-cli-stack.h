/* wharf-cli-stack.h: what the stack commands share: their options, stack
 * name and AWS client; printing stack operations for up, down and events
 * (change sets, a live resource table in a terminal or one line per
 * event in a pipe, the outcome with its failure explanation).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-cli-aws.h"
#include "wharf-cli-project.h"
#include "wharf-deployment.h"

G_BEGIN_DECLS

typedef struct _WharfCliEventPrinter WharfCliEventPrinter;

/* Prints EVENTS as they are appended: a redrawn table when LIVE, else one
 * line per event. */
WharfCliEventPrinter *wharf_cli_event_printer_new    (GListModel           *events,
                                                      gboolean              live);
void                  wharf_cli_event_printer_free   (WharfCliEventPrinter *printer);
/* One line for EVENT (pipe format). */
char                 *wharf_cli_format_event         (WharfStackEvent      *event);

void                  wharf_cli_print_change_set     (WharfCfnChangeSet    *change_set,
                                                      gboolean              new_stack);
/* Waits for DEPLOYMENT while printing its events; returns the exit code
 * after printing the outcome (explanation, ROLLBACK_COMPLETE advice,
 * how to follow after Ctrl-C). */
int                   wharf_cli_follow_deployment    (WharfDeployment      *deployment);
/* TRUE when standard output is a terminal (and TERM is not "dumb"). */
gboolean              wharf_cli_is_terminal          (void);

/* The stack of a project command: -p NAME, else the loaded project's
 * name; NULL after printing why. */
char                 *wharf_cli_stack_name           (WharfCliProjectOptions *options);

/* What the stack commands (up, down, events, ps, logs) share: their
 * options (the command's own, the Compose project's, the AWS ones), the
 * stack name and the AWS client. */
typedef struct {
  const char             *command;
  WharfCliProjectOptions  project_options;
  WharfCliAwsOptions      aws_options;
  GOptionContext         *context;
  char                   *name;
  WharfComposeProject    *project;
  WharfAwsClient         *client;
  GCancellable           *cancellable;  /* cancelled by Ctrl-C */
} WharfCliStackCommand;

/* Parses ARGV for COMMAND with ENTRIES plus the project and AWS options.
 * PARAMETERS (e.g. "[SERVICE…]") is NULL for commands that take no
 * argument: any is then a usage error. Returns WHARF_EXIT_OK, else the
 * exit code after printing why. */
int                   wharf_cli_stack_command_parse  (WharfCliStackCommand *self,
                                                      const char           *command,
                                                      const char           *parameters,
                                                      const char           *summary,
                                                      const GOptionEntry   *entries,
                                                      int                  *argc,
                                                      char               ***argv);
/* Resolves the stack name (from the loaded project when LOAD_PROJECT,
 * which also sets self->project; else -p or the project's name) and the
 * AWS client. Returns WHARF_EXIT_OK, else the exit code after printing
 * why. */
int                   wharf_cli_stack_command_open   (WharfCliStackCommand *self,
                                                      gboolean              load_project);
void                  wharf_cli_stack_command_clear  (WharfCliStackCommand *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfCliEventPrinter, wharf_cli_event_printer_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WharfCliStackCommand, wharf_cli_stack_command_clear)

G_END_DECLS
