/* wharf-failure-explanation.h: why a deployment failed, as data: the root
 * cause event (not the cascade of cancellations that follows it), the stop
 * reasons of the tasks of failing services, and their last log lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-client.h"
#include "wharf-stack-event.h"

G_BEGIN_DECLS

#define WHARF_TYPE_FAILURE_EXPLANATION (wharf_failure_explanation_get_type ())
G_DECLARE_FINAL_TYPE (WharfFailureExplanation, wharf_failure_explanation, WHARF, FAILURE_EXPLANATION, GObject)

typedef struct {
  char *service;      /* logical id of the ECS service */
  char *task_id;
  char *reason;       /* "StopCode: StoppedReason" */
  char *exit_info;    /* "container web exited with 1", or NULL */
} WharfTaskStop;

/* TRUE for the reasons CloudFormation gives to resources it stopped
 * because another one failed ("Resource creation cancelled", …). */
gboolean                 wharf_failure_reason_is_cascade        (const char *reason);
/* Pure: the earliest failed resource event of EVENTS (WharfStackEvent,
 * oldest first) whose reason is not a cascade; else the earliest failed
 * resource event; else the earliest failed stack event; NULL if none. */
WharfStackEvent         *wharf_failure_find_root_cause          (GListModel *events);

WharfFailureExplanation *wharf_failure_explanation_new          (WharfStackEvent *root_cause,
                                                                 const char      *stack_status,
                                                                 const char      *stack_reason);
WharfStackEvent         *wharf_failure_explanation_get_root_cause (WharfFailureExplanation *self);
const char              *wharf_failure_explanation_get_stack_status (WharfFailureExplanation *self);
const char              *wharf_failure_explanation_get_stack_reason (WharfFailureExplanation *self);
void                     wharf_failure_explanation_add_task_stop  (WharfFailureExplanation *self,
                                                                   const char              *service,
                                                                   const char              *task_id,
                                                                   const char              *reason,
                                                                   const char              *exit_info);
/* Array of WharfTaskStop, owned by SELF. */
GArray                  *wharf_failure_explanation_get_task_stops (WharfFailureExplanation *self);
void                     wharf_failure_explanation_add_log_line   (WharfFailureExplanation *self,
                                                                   const char              *line);
const char * const      *wharf_failure_explanation_get_log_lines  (WharfFailureExplanation *self);
/* The explanation as text for a terminal (several lines, newline-ended). */
char                    *wharf_failure_explanation_format         (WharfFailureExplanation *self);

/* Builds the explanation of STACK_NAME's failure from EVENTS, then asks
 * ECS for the stopped tasks of the stack's services and CloudWatch Logs
 * (group /docker-compose/PROJECT) for their last MAX_LOG_LINES lines. What
 * cannot be read is left out: this never fails but on cancellation. */
WharfFailureExplanation *wharf_failure_explain                    (WharfAwsClient *client,
                                                                   const char     *stack_name,
                                                                   GListModel     *events,
                                                                   const char     *stack_status,
                                                                   const char     *stack_reason,
                                                                   guint           max_log_lines,
                                                                   GCancellable   *cancellable);

G_END_DECLS
