/* wharf-failure-banner.h: why a deployment failed, above its timeline:
 * the root cause (not the cascade of cancellations), the stop reasons of
 * failed tasks, the last log lines, and what became of the stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-deployment.h"

G_BEGIN_DECLS

#define WHARF_TYPE_FAILURE_BANNER (wharf_failure_banner_get_type ())
G_DECLARE_FINAL_TYPE (WharfFailureBanner, wharf_failure_banner, WHARF, FAILURE_BANNER, GtkWidget)

GtkWidget  *wharf_failure_banner_new             (void);
/* Shows EXPLANATION (may be NULL: only MESSAGE is shown) of a run with
 * the ON_FAILURE policy that ended in STACK_STATUS (may be NULL). */
void        wharf_failure_banner_set_explanation (WharfFailureBanner      *self,
                                                  WharfFailureExplanation *explanation,
                                                  const char              *message,
                                                  WharfOnFailure           on_failure,
                                                  const char              *stack_status);
/* The root cause line shown ("WebService: reason"), for tests. */
const char *wharf_failure_banner_get_root_cause  (WharfFailureBanner      *self);

G_END_DECLS
