/* wharf-deploy-timeline.h: the live timeline of a stack operation: a
 * progress summary, the failure banner, a filter and the list of stack
 * events, which follows the tail unless the user scrolled up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-deployment.h"
#include "wharf-failure-banner.h"

G_BEGIN_DECLS

#define WHARF_TYPE_DEPLOY_TIMELINE (wharf_deploy_timeline_get_type ())
G_DECLARE_FINAL_TYPE (WharfDeployTimeline, wharf_deploy_timeline, WHARF, DEPLOY_TIMELINE, AdwBin)

GtkWidget          *wharf_deploy_timeline_new             (void);
/* Follows DEPLOYMENT's events and progress (NULL: shows nothing). */
void                wharf_deploy_timeline_set_deployment  (WharfDeployTimeline *self,
                                                           WharfDeployment     *deployment);
/* Shows EVENTS (a GListModel of WharfStackEvent) without a deployment. */
void                wharf_deploy_timeline_set_events      (WharfDeployTimeline *self,
                                                           GListModel          *events);
/* The headline ("Creating webapp…") and whether the operation runs: the
 * elapsed time ticks and the spinner turns while it does. */
void                wharf_deploy_timeline_set_status      (WharfDeployTimeline *self,
                                                           const char          *title,
                                                           gboolean             running);
/* A line under the headline (NULL hides it): outcome, retained volumes. */
void                wharf_deploy_timeline_set_note        (WharfDeployTimeline *self,
                                                           const char          *note);
/* Shows the banner for the deployment's failure; NULL hides it. */
void                wharf_deploy_timeline_show_failure    (WharfDeployTimeline     *self,
                                                           WharfFailureExplanation *explanation,
                                                           const char              *message,
                                                           WharfOnFailure           on_failure,
                                                           const char              *stack_status);
WharfFailureBanner *wharf_deploy_timeline_get_banner      (WharfDeployTimeline *self);
gboolean            wharf_deploy_timeline_get_banner_visible (WharfDeployTimeline *self);
/* Whether Cancel Update is offered (an update in progress). */
void                wharf_deploy_timeline_set_can_cancel  (WharfDeployTimeline *self,
                                                           gboolean             can_cancel);

/* The filter (resource name substring, failures only). */
void                wharf_deploy_timeline_set_filter      (WharfDeployTimeline *self,
                                                           const char          *text,
                                                           gboolean             failures_only);
/* The events shown after filtering. */
GListModel         *wharf_deploy_timeline_get_shown       (WharfDeployTimeline *self);
/* The view of the rows (a one-column GtkGridView). */
GtkWidget          *wharf_deploy_timeline_get_list_view   (WharfDeployTimeline *self);
/* FALSE once the user scrolled away from the newest event. */
gboolean            wharf_deploy_timeline_get_following   (WharfDeployTimeline *self);
/* "3 of 7 resources · 1 min 5 s" */
const char         *wharf_deploy_timeline_get_progress_text (WharfDeployTimeline *self);

G_END_DECLS
