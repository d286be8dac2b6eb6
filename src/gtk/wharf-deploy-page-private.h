/* wharf-deploy-page-private.h: state shared by the files of
 * WharfDeploymentPage (the page itself and its steps in
 * wharf-deploy-page-flow.c).
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
  AdwStatusPage       *preparing_page;
  GtkSpinner          *preparing_spinner;
  AdwStatusPage       *error_page;
  GtkWidget           *error_delete_button;
  WharfDeployReview   *review;
  WharfDeployTimeline *timeline;
};

/* wharf-deployment-page.c */
void  _wharf_deploy_page_show_message  (WharfDeploymentPage *self,
                                        const char          *icon_name,
                                        const char          *title,
                                        const char          *description);
void  _wharf_deploy_page_show_error    (WharfDeploymentPage *self,
                                        const GError        *error);
void  _wharf_deploy_page_show_step     (WharfDeploymentPage *self);
void  _wharf_deploy_page_update_actions (WharfDeploymentPage *self);
/* Cancels the current operation and forgets its deployment. */
void  _wharf_deploy_page_stop          (WharfDeploymentPage *self);
/* Makes DEPLOYMENT the current one, with a fresh cancellable. */
void  _wharf_deploy_page_take          (WharfDeploymentPage *self,
                                        WharfDeployment     *deployment,
                                        WharfDeployRun       run);

/* wharf-deploy-page-flow.c */
void  _wharf_deploy_page_prepare       (WharfDeploymentPage *self);
void  _wharf_deploy_page_execute       (WharfDeploymentPage *self);
void  _wharf_deploy_page_discard       (WharfDeploymentPage *self);
void  _wharf_deploy_page_cancel_update (WharfDeploymentPage *self);
void  _wharf_deploy_page_start_down    (WharfDeploymentPage *self,
                                        WharfAwsClient      *client);

/* wharf-deploy-confirm.c: asks before deleting, then starts down. */
void  _wharf_deploy_page_delete_stack  (WharfDeploymentPage *self);

G_END_DECLS
