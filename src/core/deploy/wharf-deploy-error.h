/* wharf-deploy-error.h: the error domain of the Apply phase (environment
 * resolution, deployments, status queries).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WHARF_DEPLOY_ERROR (wharf_deploy_error_quark ())

typedef enum {
  WHARF_DEPLOY_ERROR_FAILED,
  /* No default VPC and no x-aws-vpc. */
  WHARF_DEPLOY_ERROR_NO_VPC,
  /* The VPC cannot be used (no DNS support, not found). */
  WHARF_DEPLOY_ERROR_INVALID_VPC,
  /* Fewer than two public subnets in distinct availability zones. */
  WHARF_DEPLOY_ERROR_SUBNETS,
  /* An existing resource named by the project does not exist (cluster,
   * load balancer, security group, file system). */
  WHARF_DEPLOY_ERROR_NOT_FOUND,
  /* An existing resource does not fit (load balancer type or VPC). */
  WHARF_DEPLOY_ERROR_MISMATCH,
  /* Several retained file systems match one volume. */
  WHARF_DEPLOY_ERROR_AMBIGUOUS,
  /* The stack does not exist. */
  WHARF_DEPLOY_ERROR_NO_STACK,
  /* The stack operation ended in a failed state (rollback, …_FAILED). */
  WHARF_DEPLOY_ERROR_STACK_FAILED,
  /* The change set could not be created. */
  WHARF_DEPLOY_ERROR_CHANGE_SET,
  /* The operation is not possible in the deployment's state. */
  WHARF_DEPLOY_ERROR_STATE,
  /* The stack is busy (an operation is in progress) or must be recreated. */
  WHARF_DEPLOY_ERROR_STACK_BUSY,
} WharfDeployError;

GQuark wharf_deploy_error_quark (void);

G_END_DECLS
