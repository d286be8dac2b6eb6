/* wharf-deployment-private.h: the instance struct shared by the files of
 * WharfDeployment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-deployment.h"

typedef enum {
  WHARF_OPERATION_NONE,
  WHARF_OPERATION_CREATE,
  WHARF_OPERATION_UPDATE,
  WHARF_OPERATION_DELETE,
} WharfOperation;

struct _WharfDeployment
{
  GObject                  parent_instance;
  WharfAwsClient          *client;
  char                    *stack_name;
  char                    *stack_id;
  WharfNode               *project;
  WharfTemplate           *template_;
  GListStore              *diagnostics;
  WharfOnFailure           on_failure;
  double                   poll_active;
  double                   poll_idle_max;

  WharfDeploymentState     state;
  WharfOperation           operation;
  gboolean                 new_stack;
  gboolean                 has_changes;
  WharfCfnChangeSet       *change_set;
  char                    *template_url;
  char                    *message;
  char                    *stack_status;
  GPtrArray               *retained;    /* NULL-terminated strings */

  GDateTime               *started;     /* when the operation began, or NULL */
  GPtrArray               *attached;    /* WharfCfnStackEvent*, oldest first: the
                                         * operation's events read by attach, for
                                         * the wait to add on its own thread */
  GListStore              *events;
  WharfStackEventTracker  *tracker;
  guint                    total;
  WharfFailureExplanation *explanation;
};

void     wharf_deployment_set_state       (WharfDeployment      *self,
                                           WharfDeploymentState  state);
/* DescribeStacks for the deployment's stack, remembering its id; a missing
 * stack is WHARF_DEPLOY_ERROR_NO_STACK (wharf-deployment-down.c). */
WharfCfnStack *wharf_deployment_describe  (WharfDeployment      *self,
                                           GCancellable         *cancellable,
                                           GError              **error);
/* Marks the stack's current events as seen (the baseline of an operation). */
gboolean wharf_deployment_take_baseline   (WharfDeployment      *self,
                                           GCancellable         *cancellable,
                                           GError              **error);
/* When the stack operation began (NULL: now); only the first call counts
 * (a deployment runs one operation). */
void     wharf_deployment_set_started     (WharfDeployment      *self,
                                           GDateTime            *started);
/* Runs ASYNC_FUNC's sync counterpart in a worker thread. */
typedef gboolean (*WharfDeploymentStepFunc) (WharfDeployment *self,
                                             GCancellable    *cancellable,
                                             GError         **error);
void     wharf_deployment_run_in_thread   (WharfDeployment         *self,
                                           WharfDeploymentStepFunc  func,
                                           gpointer                 source_tag,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
