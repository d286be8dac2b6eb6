/* wharf-deployment-page.h: the deployment page of the main window:
 * preparing, the change-set review, the stack-event timeline, failures,
 * cancelling an update and deleting the stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-compose-project.h"
#include "wharf-deploy-review.h"
#include "wharf-deploy-timeline.h"
#include "wharf-deployment.h"
#include "wharf-session.h"

G_BEGIN_DECLS

#define WHARF_TYPE_DEPLOYMENT_PAGE (wharf_deployment_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfDeploymentPage, wharf_deployment_page, WHARF, DEPLOYMENT_PAGE, AdwBin)

GtkWidget           *wharf_deployment_page_new            (void);
/* The window's session (where to deploy) and its loaded project (NULL
 * while none is loaded); the stack is the project's name. A different
 * stack or context cancels what the page was doing. */
void                 wharf_deployment_page_set_project    (WharfDeploymentPage *self,
                                                           WharfSession        *session,
                                                           WharfComposeProject *project);
/* Starts preparing a deployment of the project (resolve, convert,
 * change set) unless one is already on its way. */
void                 wharf_deployment_page_deploy         (WharfDeploymentPage *self);
/* TRUE while a deployment runs, from preparing through the review and
 * the execution until it ends (the "deploying" property): Deploy does
 * nothing meanwhile, and the header's Deploy is disabled. */
gboolean             wharf_deployment_page_get_deploying  (WharfDeploymentPage *self);
/* TRUE while the page offers to follow an operation in progress on the
 * stack that it did not start (wharf-cli up in a terminal). */
gboolean             wharf_deployment_page_get_can_follow (WharfDeploymentPage *self);
/* "message", "preparing", "error", "review" or "timeline". */
const char          *wharf_deployment_page_get_view       (WharfDeploymentPage *self);
/* The current deployment (or deletion), or NULL. */
WharfDeployment     *wharf_deployment_page_get_deployment (WharfDeploymentPage *self);
/* TRUE while a step or a wait runs. */
gboolean             wharf_deployment_page_get_busy       (WharfDeploymentPage *self);
/* The title of the error view (a human sentence). */
const char          *wharf_deployment_page_get_error      (WharfDeploymentPage *self);
WharfDeployReview   *wharf_deployment_page_get_review     (WharfDeploymentPage *self);
WharfDeployTimeline *wharf_deployment_page_get_timeline   (WharfDeploymentPage *self);
/* The Delete Stack confirmation (an AdwMessageDialog) while it is shown. */
GtkWindow           *wharf_deployment_page_get_dialog     (WharfDeploymentPage *self);

G_END_DECLS
