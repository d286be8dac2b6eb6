/* wharf-deploy-review.h: the change-set review of the deployment page:
 * who and where, the changes grouped by action, the conversion warnings,
 * the on-failure policy, and Execute / Discard (page actions).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-deployment.h"

G_BEGIN_DECLS

#define WHARF_TYPE_DEPLOY_REVIEW (wharf_deploy_review_get_type ())
G_DECLARE_FINAL_TYPE (WharfDeployReview, wharf_deploy_review, WHARF, DEPLOY_REVIEW, AdwBin)

GtkWidget     *wharf_deploy_review_new            (void);
/* Shows the change set of DEPLOYMENT (state REVIEW), deployed through
 * CONTEXT_SUMMARY (the session's "context · region"). */
void           wharf_deploy_review_set_deployment (WharfDeployReview *self,
                                                   WharfDeployment   *deployment,
                                                   const char        *context_summary);
/* The account (from STS), or NULL while unknown. */
void           wharf_deploy_review_set_account    (WharfDeployReview *self,
                                                   const char        *account);
WharfOnFailure wharf_deploy_review_get_on_failure (WharfDeployReview *self);
void           wharf_deploy_review_set_on_failure (WharfDeployReview *self,
                                                   WharfOnFailure     on_failure);
/* Rows shown for ACTION ("Add", "Modify", "Remove"). */
guint          wharf_deploy_review_count_rows     (WharfDeployReview *self,
                                                   const char        *action);
guint          wharf_deploy_review_count_warnings (WharfDeployReview *self);

G_END_DECLS
