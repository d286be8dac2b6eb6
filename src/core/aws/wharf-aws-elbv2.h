/* wharf-aws-elbv2.h: typed Elastic Load Balancing v2 calls (Query
 * protocol, Marker/NextMarker paging).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char  *arn;
  char  *name;
  char  *dns_name;
  char  *scheme;              /* internet-facing, internal */
  char  *type;                /* application, network */
  char  *vpc_id;
  char  *state;               /* State/Code: active, provisioning, … */
  char **security_groups;
  char **availability_zones;  /* ZoneName of each */
} WharfElbLoadBalancer;

typedef struct {
  char  *arn;
  char  *name;
  char  *protocol;
  char  *target_type;
  char  *vpc_id;
  gint64 port;
  char **load_balancer_arns;
} WharfElbTargetGroup;

void       wharf_elb_load_balancer_free (WharfElbLoadBalancer *lb);
void       wharf_elb_target_group_free  (WharfElbTargetGroup  *tg);

/* By ARNS or NAMES (both NULL: every load balancer). A missing name is
 * the service error LoadBalancerNotFound. */
GPtrArray *wharf_elbv2_describe_load_balancers (WharfAwsClient      *client,
                                                const char * const  *arns,
                                                const char * const  *names,
                                                GCancellable        *cancellable,
                                                GError             **error);
/* Of LOAD_BALANCER_ARN (NULL: every target group). */
GPtrArray *wharf_elbv2_describe_target_groups  (WharfAwsClient      *client,
                                                const char          *load_balancer_arn,
                                                GCancellable        *cancellable,
                                                GError             **error);

G_END_DECLS
