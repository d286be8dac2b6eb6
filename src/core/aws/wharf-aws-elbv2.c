/* wharf-aws-elbv2.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-aws-elbv2.h"

#define ELB WHARF_AWS_SERVICE_ELBV2

void
wharf_elb_load_balancer_free (WharfElbLoadBalancer *lb)
{
  if (lb == NULL)
    return;
  g_free (lb->arn);
  g_free (lb->name);
  g_free (lb->dns_name);
  g_free (lb->scheme);
  g_free (lb->type);
  g_free (lb->vpc_id);
  g_free (lb->state);
  g_strfreev (lb->security_groups);
  g_strfreev (lb->availability_zones);
  g_free (lb);
}

void
wharf_elb_target_group_free (WharfElbTargetGroup *tg)
{
  if (tg == NULL)
    return;
  g_free (tg->arn);
  g_free (tg->name);
  g_free (tg->protocol);
  g_free (tg->target_type);
  g_free (tg->vpc_id);
  g_strfreev (tg->load_balancer_arns);
  g_free (tg);
}

typedef struct {
  const char         *operation;
  const char * const *arns;
  const char * const *names;
  const char         *load_balancer_arn;
  GPtrArray          *items;
} PageState;

static WharfAwsRequest *
page_request (const char *token,
              gpointer    user_data)
{
  PageState *state = user_data;
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();

  wharf_aws_params_add_list (params, "LoadBalancerArns.member", state->arns);
  wharf_aws_params_add_list (params, "Names.member", state->names);
  if (state->load_balancer_arn != NULL)
    wharf_aws_params_add (params, "LoadBalancerArn", state->load_balancer_arn);
  if (token != NULL)
    wharf_aws_params_add (params, "Marker", token);
  return wharf_aws_request_new_query (ELB, state->operation, params);
}

static WharfElbLoadBalancer *
decode_load_balancer (WharfAwsXmlNode *member)
{
  WharfElbLoadBalancer *lb = g_new0 (WharfElbLoadBalancer, 1);
  g_autoptr(GPtrArray) zones = wharf_aws_xml_get_list (member, "AvailabilityZones");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  lb->arn = g_strdup (wharf_aws_xml_get_text (member, "LoadBalancerArn"));
  lb->name = g_strdup (wharf_aws_xml_get_text (member, "LoadBalancerName"));
  lb->dns_name = g_strdup (wharf_aws_xml_get_text (member, "DNSName"));
  lb->scheme = g_strdup (wharf_aws_xml_get_text (member, "Scheme"));
  lb->type = g_strdup (wharf_aws_xml_get_text (member, "Type"));
  lb->vpc_id = g_strdup (wharf_aws_xml_get_text (member, "VpcId"));
  lb->state = g_strdup (wharf_aws_xml_get_text (member, "State/Code"));
  lb->security_groups = wharf_aws_xml_get_strv (member, "SecurityGroups");
  for (guint i = 0; i < zones->len; i++)
    {
      const char *zone = wharf_aws_xml_get_text (g_ptr_array_index (zones, i), "ZoneName");

      if (zone != NULL)
        g_strv_builder_add (builder, zone);
    }
  lb->availability_zones = g_strv_builder_end (builder);
  return lb;
}

static WharfElbTargetGroup *
decode_target_group (WharfAwsXmlNode *member)
{
  WharfElbTargetGroup *tg = g_new0 (WharfElbTargetGroup, 1);

  tg->arn = g_strdup (wharf_aws_xml_get_text (member, "TargetGroupArn"));
  tg->name = g_strdup (wharf_aws_xml_get_text (member, "TargetGroupName"));
  tg->protocol = g_strdup (wharf_aws_xml_get_text (member, "Protocol"));
  tg->target_type = g_strdup (wharf_aws_xml_get_text (member, "TargetType"));
  tg->vpc_id = g_strdup (wharf_aws_xml_get_text (member, "VpcId"));
  tg->port = wharf_aws_xml_get_int (member, "Port", 0);
  tg->load_balancer_arns = wharf_aws_xml_get_strv (member, "LoadBalancerArns");
  return tg;
}

static gboolean
page_decode (WharfAwsResponse  *response,
             char             **out_next_token,
             gpointer           user_data,
             GError           **error)
{
  PageState *state = user_data;
  WharfAwsXmlNode *result = wharf_aws_response_query_result (response, state->operation, error);
  gboolean lbs = g_str_equal (state->operation, "DescribeLoadBalancers");
  g_autoptr(GPtrArray) members = NULL;
  const char *next;

  if (result == NULL)
    return FALSE;
  members = wharf_aws_xml_get_list (result, lbs ? "LoadBalancers" : "TargetGroups");
  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (state->items, lbs ? (gpointer) decode_load_balancer (g_ptr_array_index (members, i))
                                       : (gpointer) decode_target_group (g_ptr_array_index (members, i)));
  next = wharf_aws_xml_get_text (result, "NextMarker");
  *out_next_token = next != NULL && *next != '\0' ? g_strdup (next) : NULL;
  return TRUE;
}

GPtrArray *
wharf_elbv2_describe_load_balancers (WharfAwsClient      *client,
                                     const char * const  *arns,
                                     const char * const  *names,
                                     GCancellable        *cancellable,
                                     GError             **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_elb_load_balancer_free);
  PageState state = { "DescribeLoadBalancers", arns, names, NULL, items };

  if (!wharf_aws_client_paginate (client, page_request, page_decode, &state, 0, cancellable, error))
    return NULL;
  return g_steal_pointer (&items);
}

GPtrArray *
wharf_elbv2_describe_target_groups (WharfAwsClient  *client,
                                    const char      *load_balancer_arn,
                                    GCancellable    *cancellable,
                                    GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_elb_target_group_free);
  PageState state = { "DescribeTargetGroups", NULL, NULL, load_balancer_arn, items };

  if (!wharf_aws_client_paginate (client, page_request, page_decode, &state, 0, cancellable, error))
    return NULL;
  return g_steal_pointer (&items);
}
