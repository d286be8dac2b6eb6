/* wharf-sandbox-ec2.c: EC2 (the EC2 query protocol: flattened lists,
 * <item> elements, no Result wrapper) for the default VPC and friends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"

/* Filter.N.Name / Filter.N.Value.M: TRUE when VALUE passes the filter NAME
 * (an absent filter passes everything). */
static gboolean
filter_ok (SbxRequest *req, const char *name, const char *value)
{
  for (guint i = 1; i < 100; i++)
    {
      g_autofree char *key = g_strdup_printf ("Filter.%u.Name", i);
      g_autofree char *prefix = g_strdup_printf ("Filter.%u.Value", i);
      const char *fname = sbx_param (req, key);
      g_auto(GStrv) values = NULL;

      if (fname == NULL)
        break;
      if (!g_str_equal (fname, name))
        continue;
      values = sbx_param_list (req, prefix);
      if (value == NULL || !g_strv_contains ((const char * const *) values, value))
        return FALSE;
    }
  return TRUE;
}

/* VpcId.N style id lists; an empty list passes everything. */
static gboolean
id_ok (GStrv ids, const char *id)
{
  return ids == NULL || ids[0] == NULL || g_strv_contains ((const char * const *) ids, id);
}

static gboolean
check_ids (SbxRequest *req, GStrv ids, GPtrArray *found, const char *code, const char *what)
{
  for (guint i = 0; ids && ids[i]; i++)
    if (!g_ptr_array_find_with_equal_func (found, ids[i], g_str_equal, NULL))
      {
        g_autofree char *m = g_strdup_printf ("The %s '%s' does not exist", what, ids[i]);
        sbx_reply_error (req, 400, code, m);
        return FALSE;
      }
  return TRUE;
}

static void
describe_regions (SbxRequest *req)
{
  g_auto(GStrv) names = sbx_param_list (req, "RegionName");
  g_autoptr(GString) out = g_string_new ("<regionInfo>");
  g_autofree char *body = NULL;

  for (guint i = 0; i < req->state->regions->len; i++)
    {
      const char *r = g_ptr_array_index (req->state->regions, i);
      g_autofree char *endpoint = g_strdup_printf ("ec2.%s.amazonaws.com", r);

      if (!id_ok (names, r) || !filter_ok (req, "region-name", r))
        continue;
      g_string_append (out, "<item>");
      sbx_xml_text (out, "regionName", r);
      sbx_xml_text (out, "regionEndpoint", endpoint);
      sbx_xml_text (out, "optInStatus", "opt-in-not-required");
      g_string_append (out, "</item>");
    }
  g_string_append (out, "</regionInfo>");
  body = g_string_free (g_steal_pointer (&out), FALSE);
  sbx_reply_ec2 (req, body);
}

static const char *
bool_text (gboolean value)
{
  return value ? "true" : "false";
}

static void
describe_vpcs (SbxRequest *req)
{
  g_auto(GStrv) ids = sbx_param_list (req, "VpcId");
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new ("<vpcSet>");
  g_autofree char *body = NULL;

  for (guint i = 0; i < req->state->vpcs->len; i++)
    {
      SbxVpc *v = g_ptr_array_index (req->state->vpcs, i);
      g_autofree char *dopt = g_strdup_printf ("dopt-%s", v->id + 4);

      if (!id_ok (ids, v->id))
        continue;
      g_ptr_array_add (found, v->id);
      if (!filter_ok (req, "vpc-id", v->id) || !filter_ok (req, "is-default", bool_text (v->is_default)) ||
          !filter_ok (req, "state", "available") || !filter_ok (req, "cidr", v->cidr))
        continue;
      g_string_append (out, "<item>");
      sbx_xml_text (out, "vpcId", v->id);
      sbx_xml_text (out, "ownerId", req->state->account_id);
      sbx_xml_text (out, "state", "available");
      sbx_xml_text (out, "cidrBlock", v->cidr);
      g_string_append (out, "<cidrBlockAssociationSet><item>");
      sbx_xml_text (out, "cidrBlock", v->cidr);
      g_string_append (out, "<cidrBlockState><state>associated</state></cidrBlockState></item></cidrBlockAssociationSet>");
      sbx_xml_text (out, "dhcpOptionsId", dopt);
      sbx_xml_text (out, "instanceTenancy", "default");
      sbx_xml_bool (out, "isDefault", v->is_default);
      g_string_append (out, "</item>");
    }
  g_string_append (out, "</vpcSet>");
  if (!check_ids (req, ids, found, "InvalidVpcID.NotFound", "vpc ID"))
    return;
  body = g_string_free (g_steal_pointer (&out), FALSE);
  sbx_reply_ec2 (req, body);
}

static void
describe_vpc_attribute (SbxRequest *req)
{
  const char *id = sbx_param (req, "VpcId");
  const char *attribute = sbx_param (req, "Attribute");
  g_autoptr(GString) out = g_string_new (NULL);
  SbxVpc *vpc = NULL;

  for (guint i = 0; id && i < req->state->vpcs->len; i++)
    if (g_str_equal (((SbxVpc *) g_ptr_array_index (req->state->vpcs, i))->id, id))
      vpc = g_ptr_array_index (req->state->vpcs, i);
  if (vpc == NULL)
    {
      g_autofree char *m = g_strdup_printf ("The vpc ID '%s' does not exist", id ? id : "");
      sbx_reply_error (req, 400, "InvalidVpcID.NotFound", m);
      return;
    }
  if (g_strcmp0 (attribute, "enableDnsSupport") != 0 && g_strcmp0 (attribute, "enableDnsHostnames") != 0)
    {
      sbx_reply_error (req, 400, "InvalidParameterValue",
                       "Value for parameter Attribute is invalid. Valid values: enableDnsSupport, enableDnsHostnames");
      return;
    }
  sbx_xml_text (out, "vpcId", vpc->id);
  g_string_append_printf (out, "<%s><value>%s</value></%s>", attribute,
                          bool_text (g_str_equal (attribute, "enableDnsSupport") ? vpc->dns_support : vpc->dns_hostnames),
                          attribute);
  sbx_reply_ec2 (req, out->str);
}

static void
describe_subnets (SbxRequest *req)
{
  g_auto(GStrv) ids = sbx_param_list (req, "SubnetId");
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new ("<subnetSet>");
  g_autofree char *body = NULL;

  for (guint i = 0; i < req->state->subnets->len; i++)
    {
      SbxSubnet *s = g_ptr_array_index (req->state->subnets, i);
      g_autofree char *arn = g_strdup_printf ("arn:aws:ec2:%s:%s:subnet/%s", req->state->region,
                                              req->state->account_id, s->id);
      g_autofree char *az_id = g_strdup_printf ("use1-az%d", (int) (s->az[strlen (s->az) - 1] - 'a') + 1);

      if (!id_ok (ids, s->id))
        continue;
      g_ptr_array_add (found, s->id);
      if (!filter_ok (req, "vpc-id", s->vpc_id) || !filter_ok (req, "subnet-id", s->id) ||
          !filter_ok (req, "availability-zone", s->az) ||
          !filter_ok (req, "default-for-az", bool_text (s->default_for_az)) ||
          !filter_ok (req, "map-public-ip-on-launch", bool_text (s->public_ip)) ||
          !filter_ok (req, "state", "available"))
        continue;
      g_string_append (out, "<item>");
      sbx_xml_text (out, "subnetId", s->id);
      sbx_xml_text (out, "subnetArn", arn);
      sbx_xml_text (out, "state", "available");
      sbx_xml_text (out, "ownerId", req->state->account_id);
      sbx_xml_text (out, "vpcId", s->vpc_id);
      sbx_xml_text (out, "cidrBlock", s->cidr ? s->cidr : "172.31.0.0/20");
      sbx_xml_int (out, "availableIpAddressCount", 4091);
      sbx_xml_text (out, "availabilityZone", s->az);
      sbx_xml_text (out, "availabilityZoneId", az_id);
      sbx_xml_bool (out, "defaultForAz", s->default_for_az);
      sbx_xml_bool (out, "mapPublicIpOnLaunch", s->public_ip);
      g_string_append (out, "</item>");
    }
  g_string_append (out, "</subnetSet>");
  if (!check_ids (req, ids, found, "InvalidSubnetID.NotFound", "subnet ID"))
    return;
  body = g_string_free (g_steal_pointer (&out), FALSE);
  sbx_reply_ec2 (req, body);
}

static gboolean
route_table_matches (SbxRequest *req, SbxRouteTable *rt)
{
  gboolean subnet_hit = TRUE;
  const char *main = rt->main ? "true" : NULL;

  for (guint i = 1; i < 100; i++)
    {
      g_autofree char *key = g_strdup_printf ("Filter.%u.Name", i);
      g_autofree char *prefix = g_strdup_printf ("Filter.%u.Value", i);
      const char *fname = sbx_param (req, key);
      g_auto(GStrv) values = NULL;

      if (fname == NULL)
        break;
      if (!g_str_equal (fname, "association.subnet-id"))
        continue;
      values = sbx_param_list (req, prefix);
      subnet_hit = FALSE;
      for (guint j = 0; values[j]; j++)
        subnet_hit |= g_ptr_array_find_with_equal_func (rt->subnet_ids, values[j], g_str_equal, NULL);
    }
  return subnet_hit && filter_ok (req, "vpc-id", rt->vpc_id) && filter_ok (req, "route-table-id", rt->id) &&
         filter_ok (req, "association.main", main);
}

static void
describe_route_tables (SbxRequest *req)
{
  g_auto(GStrv) ids = sbx_param_list (req, "RouteTableId");
  g_autoptr(GString) out = g_string_new ("<routeTableSet>");
  g_autofree char *body = NULL;

  for (guint i = 0; i < req->state->route_tables->len; i++)
    {
      SbxRouteTable *rt = g_ptr_array_index (req->state->route_tables, i);
      SbxVpc *vpc = NULL;

      for (guint j = 0; j < req->state->vpcs->len; j++)
        if (g_str_equal (((SbxVpc *) g_ptr_array_index (req->state->vpcs, j))->id, rt->vpc_id))
          vpc = g_ptr_array_index (req->state->vpcs, j);
      if (!id_ok (ids, rt->id) || !route_table_matches (req, rt))
        continue;
      g_string_append (out, "<item>");
      sbx_xml_text (out, "routeTableId", rt->id);
      sbx_xml_text (out, "vpcId", rt->vpc_id);
      sbx_xml_text (out, "ownerId", req->state->account_id);
      g_string_append (out, "<routeSet><item>");
      sbx_xml_text (out, "destinationCidrBlock", vpc ? vpc->cidr : "172.31.0.0/16");
      g_string_append (out, "<gatewayId>local</gatewayId><state>active</state><origin>CreateRouteTable</origin></item>");
      if (rt->igw_id)
        {
          g_string_append (out, "<item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock>");
          sbx_xml_text (out, "gatewayId", rt->igw_id);
          g_string_append (out, "<state>active</state><origin>CreateRoute</origin></item>");
        }
      g_string_append (out, "</routeSet><associationSet>");
      if (rt->main)
        {
          g_autofree char *assoc = g_strdup_printf ("rtbassoc-%s", rt->id + 4);
          g_string_append (out, "<item>");
          sbx_xml_text (out, "routeTableAssociationId", assoc);
          sbx_xml_text (out, "routeTableId", rt->id);
          g_string_append (out, "<main>true</main><associationState><state>associated</state></associationState></item>");
        }
      for (guint j = 0; j < rt->subnet_ids->len; j++)
        {
          const char *subnet = g_ptr_array_index (rt->subnet_ids, j);
          g_autofree char *assoc = g_strdup_printf ("rtbassoc-%s", subnet + 7);

          g_string_append (out, "<item>");
          sbx_xml_text (out, "routeTableAssociationId", assoc);
          sbx_xml_text (out, "routeTableId", rt->id);
          sbx_xml_text (out, "subnetId", subnet);
          g_string_append (out, "<main>false</main><associationState><state>associated</state></associationState></item>");
        }
      g_string_append (out, "</associationSet><tagSet/><propagatingVgwSet/></item>");
    }
  g_string_append (out, "</routeTableSet>");
  body = g_string_free (g_steal_pointer (&out), FALSE);
  sbx_reply_ec2 (req, body);
}

static void
describe_security_groups (SbxRequest *req)
{
  g_auto(GStrv) ids = sbx_param_list (req, "GroupId");
  g_auto(GStrv) names = sbx_param_list (req, "GroupName");
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new ("<securityGroupInfo>");
  g_autofree char *body = NULL;

  for (guint i = 0; i < req->state->security_groups->len; i++)
    {
      SbxSecurityGroup *g = g_ptr_array_index (req->state->security_groups, i);

      if (!id_ok (ids, g->id) || !id_ok (names, g->name))
        continue;
      g_ptr_array_add (found, g->id);
      if (!filter_ok (req, "vpc-id", g->vpc_id) || !filter_ok (req, "group-name", g->name) ||
          !filter_ok (req, "group-id", g->id))
        continue;
      g_string_append (out, "<item>");
      sbx_xml_text (out, "ownerId", req->state->account_id);
      sbx_xml_text (out, "groupId", g->id);
      sbx_xml_text (out, "groupName", g->name);
      sbx_xml_text (out, "groupDescription", g->description);
      sbx_xml_text (out, "vpcId", g->vpc_id);
      g_string_append (out, "<ipPermissions/><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol>"
                       "<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissionsEgress>"
                       "</item>");
    }
  g_string_append (out, "</securityGroupInfo>");
  if (!check_ids (req, ids, found, "InvalidGroup.NotFound", "security group"))
    return;
  body = g_string_free (g_steal_pointer (&out), FALSE);
  sbx_reply_ec2 (req, body);
}

static void
describe_availability_zones (SbxRequest *req)
{
  g_auto(GStrv) names = sbx_param_list (req, "ZoneName");
  g_autoptr(GString) out = g_string_new ("<availabilityZoneInfo>");
  g_autofree char *body = NULL;

  for (char letter = 'a'; letter <= 'f'; letter++)
    {
      g_autofree char *zone = g_strdup_printf ("%s%c", req->state->region, letter);
      g_autofree char *zone_id = g_strdup_printf ("use1-az%d", letter - 'a' + 1);

      if (!id_ok (names, zone) || !filter_ok (req, "zone-name", zone) || !filter_ok (req, "state", "available"))
        continue;
      g_string_append (out, "<item>");
      sbx_xml_text (out, "zoneName", zone);
      sbx_xml_text (out, "zoneId", zone_id);
      sbx_xml_text (out, "zoneState", "available");
      sbx_xml_text (out, "regionName", req->state->region);
      sbx_xml_text (out, "groupName", req->state->region);
      sbx_xml_text (out, "networkBorderGroup", req->state->region);
      sbx_xml_text (out, "optInStatus", "opt-in-not-required");
      sbx_xml_text (out, "zoneType", "availability-zone");
      g_string_append (out, "<messageSet/></item>");
    }
  g_string_append (out, "</availabilityZoneInfo>");
  body = g_string_free (g_steal_pointer (&out), FALSE);
  sbx_reply_ec2 (req, body);
}

gboolean
sbx_handle_ec2 (SbxRequest *req)
{
  if (g_str_equal (req->operation, "DescribeRegions"))
    describe_regions (req);
  else if (g_str_equal (req->operation, "DescribeVpcs"))
    describe_vpcs (req);
  else if (g_str_equal (req->operation, "DescribeVpcAttribute"))
    describe_vpc_attribute (req);
  else if (g_str_equal (req->operation, "DescribeSubnets"))
    describe_subnets (req);
  else if (g_str_equal (req->operation, "DescribeRouteTables"))
    describe_route_tables (req);
  else if (g_str_equal (req->operation, "DescribeSecurityGroups"))
    describe_security_groups (req);
  else if (g_str_equal (req->operation, "DescribeAvailabilityZones"))
    describe_availability_zones (req);
  else
    return FALSE;
  return TRUE;
}
