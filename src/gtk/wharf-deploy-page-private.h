/* wharf-deploy-page-private.h: state shared by the files of
 * WharfDeploymentPage (the page itself, its views, its steps in
 * wharf-deploy-page-flow.c, following in wharf-deploy-follow.c and the
 * Delete Stack confirmation).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-deployment-page.h"

G_BEGIN_DECLS

typedef enum {
  WHARF_DEPLOY_RUN_NONE,
  WHARF_DEPLOY_RUN_UP,
  WHARF_DEPLOY_RUN_DOWN,
  /* An operation started elsewhere (wharf-cli up in a terminal). */
  WHARF_DEPLOY_RUN_FOLLOW,
} WharfDeployRun;

struct _WharfDeploymentPage
{
  AdwBin               parent_instance;

  WharfSession        *session;
  WharfComposeProject *project;
  /* The operation shown; replaced by each Deploy or Delete Stack. */
  WharfDeployment     *deployment;
  WharfDeployRun       run;
  /* Cancels every call of the current operation; replaced with it. */
  GCancellable        *cancellable;
  /* A blocking step (prepare, execute, down…) or a wait is running. */
  gboolean             busy;
  gboolean             waiting;
  gboolean             cancel_requested;
  /* A deployment runs (preparing, review, executing, waiting): the
   * "deploying" property, which disables the header's Deploy. */
  gboolean             deploying;
  /* The change set under review is discarded because the project
   * changed: say so when the discard ends. */
  gboolean             stale_review;
  /* Looks for an operation in progress on the stack; replaced by each
   * check, cancelled with the page's operation. */
  GCancellable        *check_cancellable;
  /* The stack status when Follow was offered or started. */
  char                *follow_status;
  WharfOnFailure       on_failure;
  char                *account;
  char                *error_title;
  /* Relays "notify::state" from worker threads to the main thread. */
  gpointer             relay;
  GtkWindow           *dialog;
  gulong               context_handler;

  /* Template children */
  GtkStack            *stack;
  AdwStatusPage       *placeholder;
  GtkWidget           *deploy_button;
  GtkWidget           *follow_button;
  AdwStatusPage       *preparing_page;
  GtkSpinner          *preparing_spinner;
  AdwStatusPage       *error_page;
  GtkWidget           *error_delete_button;
  WharfDeployReview   *review;
  WharfDeployTimeline *timeline;
};

/* wharf-deploy-page-views.c */
void  _wharf_deploy_page_show_message  (WharfDeploymentPage *self,
                                        const char          *icon_name,
                                        const char          *title,
                                        const char          *description);
void  _wharf_deploy_page_show_error    (WharfDeploymentPage *self,
                                        const GError        *error);
void  _wharf_deploy_page_show_step     (WharfDeploymentPage *self);
/* "Not Deployed" without a project, "Ready to Deploy" with one. */
void  _wharf_deploy_page_show_idle     (WharfDeploymentPage *self);

/* wharf-deployment-page.c */
void  _wharf_deploy_page_update_actions (WharfDeploymentPage *self);
/* An update is being waited for (ours or a followed one). */
gboolean _wharf_deploy_page_can_cancel_update (WharfDeploymentPage *self);
/* Cancels the current operation and forgets its deployment. */
void  _wharf_deploy_page_stop          (WharfDeploymentPage *self);
/* Makes DEPLOYMENT the current one, with a fresh cancellable. */
void  _wharf_deploy_page_take          (WharfDeploymentPage *self,
                                        WharfDeployment     *deployment,
                                        WharfDeployRun       run);

/* wharf-deploy-page-flow.c */
typedef gboolean (*WharfDeployStepFunc) (WharfDeployment  *deployment,
                                         GCancellable     *cancellable,
                                         GError          **error);
/* Runs FUNC on the current deployment in a worker thread (busy). */
void     _wharf_deploy_page_run_step     (WharfDeploymentPage  *self,
                                          WharfDeployStepFunc   func,
                                          GAsyncReadyCallback   callback);
/* FALSE when the step belongs to an operation the page forgot, or was
 * cancelled; else ends busy (ERROR set if the step failed). */
gboolean _wharf_deploy_page_step_finish  (WharfDeploymentPage  *self,
                                          GObject              *source,
                                          GAsyncResult         *result,
                                          GError              **error);
void  _wharf_deploy_page_prepare       (WharfDeploymentPage *self);
void  _wharf_deploy_page_execute       (WharfDeploymentPage *self);
void  _wharf_deploy_page_discard       (WharfDeploymentPage *self);
void  _wharf_deploy_page_cancel_update (WharfDeploymentPage *self);
void  _wharf_deploy_page_start_down    (WharfDeploymentPage *self,
                                        WharfAwsClient      *client);
/* The change set under review is stale (the project changed): discard
 * it on AWS like the Discard button, then explain. */
void  _wharf_deploy_page_discard_stale (WharfDeploymentPage *self);
/* Deletes the change set under review in the background: the page
 * forgets the deployment (another project, context or none). */
void  _wharf_deploy_page_drop_review   (WharfDeploymentPage *self);
void  _wharf_deploy_page_start_wait    (WharfDeploymentPage *self);

/* wharf-deploy-follow.c: offers to follow an operation in progress on
 * the stack (started elsewhere), and follows it. */
void  _wharf_deploy_page_check_stack   (WharfDeploymentPage *self);
void  _wharf_deploy_page_follow        (WharfDeploymentPage *self);
/* The headline of a followed operation that ended (OK or not). */
char *_wharf_deploy_page_follow_title  (WharfDeploymentPage *self,
                                        gboolean             ok);

/* wharf-deploy-confirm.c: asks before deleting, then starts down. */
void  _wharf_deploy_page_delete_stack  (WharfDeploymentPage *self);

G_END_DECLS
