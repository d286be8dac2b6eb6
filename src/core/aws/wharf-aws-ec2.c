/* wharf-aws-ec2.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-ec2.h"

#define EC2 WHARF_AWS_SERVICE_EC2

void
wharf_ec2_vpc_free (WharfEc2Vpc *vpc)
{
  if (vpc == NULL)
    return;
  g_free (vpc->vpc_id);
  g_free (vpc->cidr_block);
  g_free (vpc->state);
  g_hash_table_unref (vpc->tags);
  g_free (vpc);
}

void
wharf_ec2_subnet_free (WharfEc2Subnet *subnet)
{
  if (subnet == NULL)
    return;
  g_free (subnet->subnet_id);
  g_free (subnet->vpc_id);
  g_free (subnet->availability_zone);
  g_free (subnet->availability_zone_id);
  g_free (subnet->cidr_block);
  g_hash_table_unref (subnet->tags);
  g_free (subnet);
}

void
wharf_ec2_route_table_free (WharfEc2RouteTable *table)
{
  if (table == NULL)
    return;
  g_free (table->route_table_id);
  g_free (table->vpc_id);
  g_strfreev (table->subnet_ids);
  g_strfreev (table->gateway_ids);
  g_free (table);
}

void
wharf_ec2_security_group_free (WharfEc2SecurityGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->group_id);
  g_free (group->group_name);
  g_free (group->description);
  g_free (group->vpc_id);
  g_free (group);
}

gboolean
wharf_ec2_route_table_is_public (const WharfEc2RouteTable *table)
{
  for (gsize i = 0; table->gateway_ids != NULL && table->gateway_ids[i] != NULL; i++)
    if (g_str_has_prefix (table->gateway_ids[i], "igw-"))
      return TRUE;
  return FALSE;
}

static GHashTable *
decode_tags (WharfAwsXmlNode *item)
{
  GHashTable *tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) entries = wharf_aws_xml_get_list (item, "tagSet");

  for (guint i = 0; i < entries->len; i++)
    {
      WharfAwsXmlNode *entry = g_ptr_array_index (entries, i);
      const char *key = wharf_aws_xml_get_text (entry, "key");

      if (key != NULL)
        g_hash_table_replace (tags, g_strdup (key), g_strdup (wharf_aws_xml_get_text (entry, "value")));
    }
  return tags;
}

/* A Describe call: ids as ID_PREFIX.N, filters as Filter.N.Name and
 * Filter.N.Value.1, every page; DECODE turns each <item> of SET into an
 * element of the result. */
typedef gpointer (*ItemDecodeFunc) (WharfAwsXmlNode *item);

typedef struct {
  const char         *operation;
  const char         *id_prefix;
  const char * const *ids;
  const char * const *filters;
  const char         *set;
  ItemDecodeFunc      decode;
  GPtrArray          *items;
} DescribeState;

static WharfAwsRequest *
describe_page_request (const char *token,
                       gpointer    user_data)
{
  DescribeState *state = user_data;
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();
  guint n = 0;

  if (state->id_prefix != NULL)
    wharf_aws_params_add_list (params, state->id_prefix, state->ids);
  for (gsize i = 0; state->filters != NULL && state->filters[i] != NULL && state->filters[i + 1] != NULL; i += 2)
    {
      g_autofree char *name = g_strdup_printf ("Filter.%u.Name", ++n);
      g_autofree char *value = g_strdup_printf ("Filter.%u.Value.1", n);

      wharf_aws_params_add (params, name, state->filters[i]);
      wharf_aws_params_add (params, value, state->filters[i + 1]);
    }
  if (token != NULL)
    wharf_aws_params_add (params, "NextToken", token);
  return wharf_aws_request_new_query (EC2, state->operation, params);
}

static gboolean
describe_page (WharfAwsResponse  *response,
               char             **out_next_token,
               gpointer           user_data,
               GError           **error)
{
  DescribeState *state = user_data;
  WharfAwsXmlNode *root = wharf_aws_response_xml_root (response, error);
  g_autoptr(GPtrArray) entries = NULL;
  const char *next;

  if (root == NULL)
    return FALSE;
  entries = wharf_aws_xml_get_list (root, state->set);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (state->items, state->decode (g_ptr_array_index (entries, i)));
  next = wharf_aws_xml_get_text (root, "nextToken");
  *out_next_token = next != NULL && *next != '\0' ? g_strdup (next) : NULL;
  return TRUE;
}

static GPtrArray *
describe (WharfAwsClient      *client,
          DescribeState       *state,
          GDestroyNotify       item_free,
          GCancellable        *cancellable,
          GError             **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (item_free);

  state->items = items;
  if (!wharf_aws_client_paginate (client, describe_page_request, describe_page, state, 0,
                                  cancellable, error))
    return NULL;
  return g_steal_pointer (&items);
}

static gpointer
decode_region (WharfAwsXmlNode *item)
{
  return g_strdup (wharf_aws_xml_get_text (item, "regionName"));
}

GStrv
wharf_ec2_describe_regions (WharfAwsClient  *client,
                            GCancellable    *cancellable,
                            GError         **error)
{
  DescribeState state = { "DescribeRegions", NULL, NULL, NULL, "regionInfo", decode_region, NULL };
  g_autoptr(GPtrArray) names = describe (client, &state, g_free, cancellable, error);

  if (names == NULL)
    return NULL;
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_steal (names, NULL);
}

static gpointer
decode_vpc (WharfAwsXmlNode *item)
{
  WharfEc2Vpc *vpc = g_new0 (WharfEc2Vpc, 1);

  vpc->vpc_id = g_strdup (wharf_aws_xml_get_text (item, "vpcId"));
  vpc->cidr_block = g_strdup (wharf_aws_xml_get_text (item, "cidrBlock"));
  vpc->state = g_strdup (wharf_aws_xml_get_text (item, "state"));
  vpc->is_default = wharf_aws_xml_get_bool (item, "isDefault", FALSE);
  vpc->tags = decode_tags (item);
  return vpc;
}

GPtrArray *
wharf_ec2_describe_vpcs (WharfAwsClient      *client,
                         const char * const  *vpc_ids,
                         const char * const  *filters,
                         GCancellable        *cancellable,
                         GError             **error)
{
  DescribeState state = { "DescribeVpcs", "VpcId", vpc_ids, filters, "vpcSet", decode_vpc, NULL };

  return describe (client, &state, (GDestroyNotify) wharf_ec2_vpc_free, cancellable, error);
}

gboolean
wharf_ec2_describe_vpc_attribute (WharfAwsClient  *client,
                                  const char      *vpc_id,
                                  const char      *attribute,
                                  gboolean        *out_value,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  g_autoptr(WharfAwsParams) params = wharf_aws_params_new ();
  g_autoptr(WharfAwsResponse) response = NULL;
  WharfAwsXmlNode *root;
  g_autofree char *path = g_strconcat (attribute, "/value", NULL);
  const char *value;

  wharf_aws_params_add (params, "VpcId", vpc_id);
  wharf_aws_params_add (params, "Attribute", attribute);
  response = wharf_aws_client_call (client, wharf_aws_request_new_query (EC2, "DescribeVpcAttribute", params),
                                    cancellable, error);
  if (response == NULL || (root = wharf_aws_response_xml_root (response, error)) == NULL)
    return FALSE;
  value = wharf_aws_xml_get_text (root, path);
  if (value == NULL)
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, response->status,
                                  NULL, response->request_id, _("The response has no attribute value"));
      return FALSE;
    }
  *out_value = g_ascii_strcasecmp (value, "true") == 0;
  return TRUE;
}

static gpointer
decode_subnet (WharfAwsXmlNode *item)
{
  WharfEc2Subnet *subnet = g_new0 (WharfEc2Subnet, 1);

  subnet->subnet_id = g_strdup (wharf_aws_xml_get_text (item, "subnetId"));
  subnet->vpc_id = g_strdup (wharf_aws_xml_get_text (item, "vpcId"));
  subnet->availability_zone = g_strdup (wharf_aws_xml_get_text (item, "availabilityZone"));
  subnet->availability_zone_id = g_strdup (wharf_aws_xml_get_text (item, "availabilityZoneId"));
  subnet->cidr_block = g_strdup (wharf_aws_xml_get_text (item, "cidrBlock"));
  subnet->default_for_az = wharf_aws_xml_get_bool (item, "defaultForAz", FALSE);
  subnet->map_public_ip_on_launch = wharf_aws_xml_get_bool (item, "mapPublicIpOnLaunch", FALSE);
  subnet->tags = decode_tags (item);
  return subnet;
}

GPtrArray *
wharf_ec2_describe_subnets (WharfAwsClient      *client,
                            const char * const  *subnet_ids,
                            const char * const  *filters,
                            GCancellable        *cancellable,
                            GError             **error)
{
  DescribeState state = { "DescribeSubnets", "SubnetId", subnet_ids, filters, "subnetSet", decode_subnet, NULL };

  return describe (client, &state, (GDestroyNotify) wharf_ec2_subnet_free, cancellable, error);
}

static gpointer
decode_route_table (WharfAwsXmlNode *item)
{
  WharfEc2RouteTable *table = g_new0 (WharfEc2RouteTable, 1);
  g_autoptr(GPtrArray) associations = wharf_aws_xml_get_list (item, "associationSet");
  g_autoptr(GPtrArray) routes = wharf_aws_xml_get_list (item, "routeSet");
  g_autoptr(GStrvBuilder) subnets = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) gateways = g_strv_builder_new ();

  table->route_table_id = g_strdup (wharf_aws_xml_get_text (item, "routeTableId"));
  table->vpc_id = g_strdup (wharf_aws_xml_get_text (item, "vpcId"));
  for (guint i = 0; i < associations->len; i++)
    {
      WharfAwsXmlNode *association = g_ptr_array_index (associations, i);
      const char *subnet = wharf_aws_xml_get_text (association, "subnetId");

      if (wharf_aws_xml_get_bool (association, "main", FALSE))
        table->main = TRUE;
      if (subnet != NULL && *subnet != '\0')
        g_strv_builder_add (subnets, subnet);
    }
  for (guint i = 0; i < routes->len; i++)
    {
      const char *gateway = wharf_aws_xml_get_text (g_ptr_array_index (routes, i), "gatewayId");

      if (gateway != NULL && *gateway != '\0')
        g_strv_builder_add (gateways, gateway);
    }
  table->subnet_ids = g_strv_builder_end (subnets);
  table->gateway_ids = g_strv_builder_end (gateways);
  return table;
}

GPtrArray *
wharf_ec2_describe_route_tables (WharfAwsClient      *client,
                                 const char * const  *filters,
                                 GCancellable        *cancellable,
                                 GError             **error)
{
  DescribeState state = { "DescribeRouteTables", NULL, NULL, filters, "routeTableSet", decode_route_table, NULL };

  return describe (client, &state, (GDestroyNotify) wharf_ec2_route_table_free, cancellable, error);
}

static gpointer
decode_security_group (WharfAwsXmlNode *item)
{
  WharfEc2SecurityGroup *group = g_new0 (WharfEc2SecurityGroup, 1);

  group->group_id = g_strdup (wharf_aws_xml_get_text (item, "groupId"));
  group->group_name = g_strdup (wharf_aws_xml_get_text (item, "groupName"));
  group->description = g_strdup (wharf_aws_xml_get_text (item, "groupDescription"));
  group->vpc_id = g_strdup (wharf_aws_xml_get_text (item, "vpcId"));
  return group;
}

GPtrArray *
wharf_ec2_describe_security_groups (WharfAwsClient      *client,
                                    const char * const  *group_ids,
                                    const char * const  *filters,
                                    GCancellable        *cancellable,
                                    GError             **error)
{
  DescribeState state = { "DescribeSecurityGroups", "GroupId", group_ids, filters, "securityGroupInfo",
                          decode_security_group, NULL };

  return describe (client, &state, (GDestroyNotify) wharf_ec2_security_group_free, cancellable, error);
}
