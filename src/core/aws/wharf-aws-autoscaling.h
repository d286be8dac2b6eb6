/* wharf-aws-autoscaling.h: Auto Scaling DeleteAutoScalingGroup (Query
 * protocol), used when tearing down EC2-backed capacity.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

/* FORCE_DELETE also terminates the group's instances. */
gboolean wharf_autoscaling_delete_group (WharfAwsClient  *client,
                                         const char      *group_name,
                                         gboolean         force_delete,
                                         GCancellable    *cancellable,
                                         GError         **error);

G_END_DECLS
