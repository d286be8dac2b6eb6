/* wharf-cli-stack.h: printing stack operations for up, down and events
 * (change sets, a live resource table in a terminal or one line per
 * event in a pipe, the outcome with its failure explanation).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfCliEventPrinter, wharf_cli_event_printer_free)

G_END_DECLS
