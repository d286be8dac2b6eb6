/* wharf-ecs-error.h: the error domain of the Validate and Convert phases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WHARF_ECS_ERROR (wharf_ecs_error_quark ())

typedef enum {
  WHARF_ECS_ERROR_INVALID,        /* the project has validation errors */
  WHARF_ECS_ERROR_UNSUPPORTED,    /* ECS cannot run it (size, ports, volumes) */
  WHARF_ECS_ERROR_COLLISION,      /* two compose names give one logical ID */
  WHARF_ECS_ERROR_EXTENSION,      /* a wrongly typed or invalid x-aws-* value */
  WHARF_ECS_ERROR_ENVIRONMENT,    /* the environment lacks what is needed */
  WHARF_ECS_ERROR_LIMIT,          /* a CloudFormation limit is exceeded */
  WHARF_ECS_ERROR_FORMAT,         /* the template cannot be written */
} WharfEcsError;

GQuark wharf_ecs_error_quark (void);

G_END_DECLS
