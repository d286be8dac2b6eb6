/* wharf-ecs-convert.h: Compose project → CloudFormation template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-diagnostic.h"
#include "wharf-ecs-environment.h"
#include "wharf-ecs-error.h"
#include "wharf-node.h"
#include "wharf-template.h"

G_BEGIN_DECLS

/* Validates PROJECT (the canonical Compose tree of the loader), appending
 * errors and warnings to DIAGNOSTICS (a GListStore of WharfDiagnostic, may
 * be NULL), and returns the ECS-ready copy: defaults injected, attributes
 * ECS cannot honour removed. Never NULL; check the diagnostics for errors. */
WharfNode      *wharf_ecs_validate           (const WharfNode      *project,
                                              GListStore           *diagnostics);

/* Validates and converts. PROJECT_NAME overrides the tree's "name".
 * Fails with WHARF_ECS_ERROR_INVALID when validation finds errors (they
 * are in DIAGNOSTICS), or another WHARF_ECS_ERROR code. The CloudFormation
 * limits are not checked here (the template can still be shown): call
 * wharf_template_check_limits () before deploying. */
WharfTemplate  *wharf_ecs_convert            (const WharfNode      *project,
                                              const char           *project_name,
                                              WharfEcsEnvironment  *environment,
                                              GListStore           *diagnostics,
                                              GError              **error);

/* Applies an x-aws-cloudformation overlay to TEMPLATE (README.md, "The
 * x-aws-cloudformation overlay"). */
gboolean        wharf_ecs_apply_overlay      (WharfTemplate        *template_,
                                              JsonNode             *overlay,
                                              GError              **error);

/* "front-tier" → "Fronttier": drops characters outside [A-Za-z0-9] and
 * upper-cases the first one (Docker's logical-ID rule). */
char           *wharf_ecs_normalize_name     (const char           *name);

G_END_DECLS
