/* wharf-ecs-environment.h: what the converter knows about the AWS account.
 *
 * The converter never talks to AWS: a resolver (deploy side) fills this
 * object from the account, or it is built offline, in which case the VPC
 * and the subnets become template Parameters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  WHARF_LOAD_BALANCER_NONE,
  WHARF_LOAD_BALANCER_APPLICATION,
  WHARF_LOAD_BALANCER_NETWORK,
} WharfLoadBalancerType;

typedef struct {
  char     *id;
  char     *availability_zone;   /* may be NULL when unknown */
  gboolean  is_public;
} WharfEcsSubnet;

#define WHARF_TYPE_ECS_ENVIRONMENT (wharf_ecs_environment_get_type ())
G_DECLARE_FINAL_TYPE (WharfEcsEnvironment, wharf_ecs_environment, WHARF, ECS_ENVIRONMENT, GObject)

/* Offline: no account; VPC and subnets become Parameters. REGION may be
 * NULL (then region-dependent values are computed by CloudFormation). */
WharfEcsEnvironment *wharf_ecs_environment_new_offline        (const char            *region);
/* Explicit values (what a resolver found, or a test fixture). */
WharfEcsEnvironment *wharf_ecs_environment_new                (const char            *region,
                                                               const char            *account_id,
                                                               const char            *vpc_id);

gboolean             wharf_ecs_environment_is_offline         (WharfEcsEnvironment   *self);
const char          *wharf_ecs_environment_get_region         (WharfEcsEnvironment   *self);
const char          *wharf_ecs_environment_get_account_id     (WharfEcsEnvironment   *self);
const char          *wharf_ecs_environment_get_vpc_id         (WharfEcsEnvironment   *self);
void                 wharf_ecs_environment_set_vpc_id         (WharfEcsEnvironment   *self,
                                                               const char            *vpc_id);

void                 wharf_ecs_environment_add_subnet         (WharfEcsEnvironment   *self,
                                                               const char            *id,
                                                               const char            *availability_zone,
                                                               gboolean               is_public);
guint                wharf_ecs_environment_get_n_subnets      (WharfEcsEnvironment   *self);
const WharfEcsSubnet *wharf_ecs_environment_get_subnet        (WharfEcsEnvironment   *self,
                                                               guint                  index);

/* Existing cluster (name or ARN) and load balancer (ARN). */
void                 wharf_ecs_environment_set_cluster        (WharfEcsEnvironment   *self,
                                                               const char            *cluster);
const char          *wharf_ecs_environment_get_cluster        (WharfEcsEnvironment   *self);
void                 wharf_ecs_environment_set_load_balancer  (WharfEcsEnvironment   *self,
                                                               const char            *arn,
                                                               WharfLoadBalancerType  type,
                                                               const char            *dns_name);
const char          *wharf_ecs_environment_get_load_balancer  (WharfEcsEnvironment   *self);
WharfLoadBalancerType wharf_ecs_environment_get_load_balancer_type (WharfEcsEnvironment *self);
const char          *wharf_ecs_environment_get_load_balancer_dns (WharfEcsEnvironment *self);

/* Security groups known to exist (for external networks). */
void                 wharf_ecs_environment_add_security_group (WharfEcsEnvironment   *self,
                                                               const char            *group_id);
gboolean             wharf_ecs_environment_has_security_group (WharfEcsEnvironment   *self,
                                                               const char            *group_id);

/* EFS: file systems known to exist (for external volumes), and the file
 * system a previous deployment left for a volume key (reused). */
void                 wharf_ecs_environment_add_file_system    (WharfEcsEnvironment   *self,
                                                               const char            *file_system_id);
gboolean             wharf_ecs_environment_has_file_system    (WharfEcsEnvironment   *self,
                                                               const char            *file_system_id);
void                 wharf_ecs_environment_set_volume_file_system (WharfEcsEnvironment *self,
                                                               const char            *volume,
                                                               const char            *file_system_id);
const char          *wharf_ecs_environment_get_volume_file_system (WharfEcsEnvironment *self,
                                                               const char            *volume);

/* The AMI of GPU instances (NULL: the ECS GPU-optimised AMI through SSM). */
void                 wharf_ecs_environment_set_gpu_ami        (WharfEcsEnvironment   *self,
                                                               const char            *ami_id);
const char          *wharf_ecs_environment_get_gpu_ami        (WharfEcsEnvironment   *self);

/* TRUE when VALUE is PREFIX ("sg-", "fs-", "ami-", "subnet-", "vpc-")
 * followed by 8 or 17 hexadecimal digits (fs-: 8 to 40), as AWS writes IDs. */
gboolean             wharf_ecs_is_resource_id                 (const char            *value,
                                                               const char            *prefix);

/* "vpc-…" from an ID or an ARN (".../vpc/vpc-…"); NULL when not a VPC. */
char                *wharf_ecs_parse_vpc_id                   (const char            *value);

G_END_DECLS
