/* wharf-aws-autoscaling.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-aws-autoscaling.h"

gboolean
wharf_autoscaling_delete_group (WharfAwsClient  *client,
                                const char      *group_name,
                                gboolean         force_delete,
                                GCancellable    *cancellable,
                                GError         **error)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();
  g_autoptr(WharfAwsResponse) response = NULL;

  wharf_aws_params_add (params, "AutoScalingGroupName", group_name);
  if (force_delete)
    wharf_aws_params_add_bool (params, "ForceDelete", TRUE);
  response = wharf_aws_client_call (client,
                                    wharf_aws_request_new_query (WHARF_AWS_SERVICE_AUTOSCALING,
                                                                 "DeleteAutoScalingGroup", params),
                                    cancellable, error);
  return response != NULL;
}
