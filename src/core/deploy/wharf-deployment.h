/* wharf-deployment.h: one up or down of a project's stack, as a state
 * machine (design.md §3): resolving → converting → creating the change
 * set → review → executing → waiting → done or failed.
 *
 * Every step is a blocking call for the CLI and an _async/_finish pair for
 * the GUI. Stack events are a GListModel of WharfStackEvent, filled by
 * polling DescribeStackEvents for new events only (1 s while the stack is
 * busy, backing off to 5 s when nothing happens).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-client.h"
#include "wharf-aws-cloudformation.h"
#include "wharf-deploy-error.h"
#include "wharf-failure-explanation.h"
#include "wharf-node.h"
#include "wharf-stack-event.h"
#include "wharf-template.h"

G_BEGIN_DECLS

typedef enum {
  WHARF_DEPLOYMENT_IDLE,
  WHARF_DEPLOYMENT_RESOLVING,
  WHARF_DEPLOYMENT_CONVERTING,
  WHARF_DEPLOYMENT_CREATING_CHANGE_SET,
  WHARF_DEPLOYMENT_REVIEW,
  WHARF_DEPLOYMENT_EXECUTING,
  WHARF_DEPLOYMENT_WAITING,
  WHARF_DEPLOYMENT_DONE,
  WHARF_DEPLOYMENT_FAILED,
} WharfDeploymentState;

/* What happens to a stack whose operation failed. */
typedef enum {
  WHARF_ON_FAILURE_ROLLBACK,   /* CloudFormation's default: roll back, keep the stack */
  WHARF_ON_FAILURE_DELETE,     /* roll back, then delete the stack */
  WHARF_ON_FAILURE_KEEP,       /* DisableRollback: keep the failed resources */
} WharfOnFailure;

#define WHARF_DEPLOYMENT_TAG_PROJECT "com.docker.compose.project"

#define WHARF_TYPE_DEPLOYMENT (wharf_deployment_get_type ())
G_DECLARE_FINAL_TYPE (WharfDeployment, wharf_deployment, WHARF, DEPLOYMENT, GObject)

/* A deployment of the stack STACK_NAME (the project name). */
WharfDeployment     *wharf_deployment_new                (WharfAwsClient       *client,
                                                          const char           *stack_name);
/* The Compose project to deploy (canonical tree; copied). */
void                 wharf_deployment_set_project        (WharfDeployment      *self,
                                                          const WharfNode      *project);
/* A ready template instead of a project: resolving and converting are
 * skipped. */
void                 wharf_deployment_set_template       (WharfDeployment      *self,
                                                          WharfTemplate        *template_);
void                 wharf_deployment_set_on_failure     (WharfDeployment      *self,
                                                          WharfOnFailure        on_failure);
/* Seconds between polls while the stack is busy (default 1) and the
 * longest interval when idle (default 5). */
void                 wharf_deployment_set_poll_interval  (WharfDeployment      *self,
                                                          double                active,
                                                          double                idle_max);

WharfDeploymentState wharf_deployment_get_state          (WharfDeployment      *self);
const char          *wharf_deployment_state_to_string    (WharfDeploymentState  state);
const char          *wharf_deployment_get_stack_name     (WharfDeployment      *self);
WharfAwsClient      *wharf_deployment_get_client         (WharfDeployment      *self);
WharfTemplate       *wharf_deployment_get_template       (WharfDeployment      *self);
/* TRUE when the change set creates the stack. */
gboolean             wharf_deployment_is_new_stack       (WharfDeployment      *self);
/* The change set under review (NULL before, or when nothing changes). */
WharfCfnChangeSet   *wharf_deployment_get_change_set     (WharfDeployment      *self);
/* FALSE when the stack is already up to date (state DONE after prepare). */
gboolean             wharf_deployment_has_changes        (WharfDeployment      *self);
/* The template's S3 URL when it was uploaded (over 51,200 bytes). */
const char          *wharf_deployment_get_template_url   (WharfDeployment      *self);
/* A message for the user about the outcome ("No changes…"), or NULL. */
const char          *wharf_deployment_get_message        (WharfDeployment      *self);
/* The stack status at the end of the wait, or NULL. */
const char          *wharf_deployment_get_stack_status   (WharfDeployment      *self);
/* When the stack operation began (UTC), or NULL before it did. Attached:
 * the time of the stack's own event that began it (an update's
 * UPDATE_IN_PROGRESS, also while it rolls back); started by this
 * deployment: when it asked CloudFormation to start it. */
GDateTime           *wharf_deployment_get_started        (WharfDeployment      *self);
/* GListModel of WharfStackEvent, oldest first. */
GListModel          *wharf_deployment_get_events         (WharfDeployment      *self);
void                 wharf_deployment_get_progress       (WharfDeployment      *self,
                                                          guint                *done,
                                                          guint                *total);
/* Warnings of the conversion (GListModel of WharfDiagnostic). */
GListModel          *wharf_deployment_get_diagnostics    (WharfDeployment      *self);
/* Why it failed (state FAILED after waiting), or NULL. */
WharfFailureExplanation *wharf_deployment_get_explanation (WharfDeployment     *self);

/* Resolve, convert, create the change set and describe it: REVIEW, or
 * DONE when nothing changes. */
gboolean             wharf_deployment_prepare            (WharfDeployment      *self,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
void                 wharf_deployment_prepare_async      (WharfDeployment      *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             wharf_deployment_prepare_finish     (WharfDeployment      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* Executes the reviewed change set (REVIEW → WAITING). */
gboolean             wharf_deployment_execute            (WharfDeployment      *self,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
/* Deletes the change set, never the stack (REVIEW → DONE). */
gboolean             wharf_deployment_discard            (WharfDeployment      *self,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
/* Starts deleting the stack: capacity providers and Auto Scaling groups
 * first (compose-cli-ecs.md §5.2), then DeleteStack (→ WAITING). */
gboolean             wharf_deployment_start_down         (WharfDeployment      *self,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
/* Follows an operation already running on the stack (→ WAITING): its
 * events are those from the stack event that began it (earlier
 * operations are left out), and its start is that event's time. */
gboolean             wharf_deployment_attach             (WharfDeployment      *self,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
/* Polls events until the stack reaches a terminal state: DONE, or FAILED
 * with WHARF_DEPLOY_ERROR_STACK_FAILED and an explanation. With on-failure
 * delete, a failed stack is then deleted and followed. Cancelling stops
 * the wait only (the stack operation goes on). */
gboolean             wharf_deployment_wait               (WharfDeployment      *self,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
void                 wharf_deployment_wait_async         (WharfDeployment      *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             wharf_deployment_wait_finish        (WharfDeployment      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* CancelUpdateStack on an update in progress. */
gboolean             wharf_deployment_cancel_update      (WharfDeployment      *self,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
/* File systems the stack retains (DeletionPolicy Retain) after down, as
 * "LogicalId fs-…" strings; valid after start_down. */
const char * const  *wharf_deployment_get_retained       (WharfDeployment      *self);

G_END_DECLS
