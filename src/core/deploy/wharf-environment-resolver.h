/* wharf-environment-resolver.h: builds the converter's WharfEcsEnvironment
 * from an AWS account (compose-cli-ecs.md §2.9, §2.11, §2.12).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-client.h"
#include "wharf-aws-ec2.h"
#include "wharf-deploy-error.h"
#include "wharf-ecs-environment.h"
#include "wharf-node.h"

G_BEGIN_DECLS

/* Resolves the environment of PROJECT (the canonical Compose tree) named
 * PROJECT_NAME: the VPC (x-aws-vpc or the default VPC), one public subnet
 * per availability zone (at least two), x-aws-cluster, x-aws-loadbalancer
 * (its VPC and zones win), external security groups and file systems, file
 * systems retained by a previous deployment (tags), and the GPU AMI when a
 * service needs a GPU. Errors: WHARF_DEPLOY_ERROR_* or the AWS error. */
WharfEcsEnvironment *wharf_environment_resolve        (WharfAwsClient       *client,
                                                       const WharfNode      *project,
                                                       const char           *project_name,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
/* Runs the same in a worker thread. */
void                 wharf_environment_resolve_async  (WharfAwsClient       *client,
                                                       const WharfNode      *project,
                                                       const char           *project_name,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
WharfEcsEnvironment *wharf_environment_resolve_finish (GAsyncResult         *result,
                                                       GError              **error);

/* Pure: the public subnets of SUBNETS (WharfEc2Subnet*) given the VPC's
 * ROUTE_TABLES (WharfEc2RouteTable*), one per availability zone (the
 * zone's default subnet first, then the smallest id), sorted by zone; a
 * subnet without an explicit association uses the main table. Only
 * subnets in ZONES are kept when ZONES is not NULL. Returns
 * WharfEc2Subnet* borrowed from SUBNETS. */
GPtrArray           *wharf_environment_pick_subnets   (GPtrArray            *subnets,
                                                       GPtrArray            *route_tables,
                                                       const char * const   *zones);

/* TRUE when a service of PROJECT reserves a GPU (devices with the gpu
 * capability, or generic_resources of kind gpus) and no node.ami
 * placement constraint names its AMI. */
gboolean             wharf_environment_needs_gpu_ami  (const WharfNode      *project);

G_END_DECLS
