/* wharf-aws-ec2.h: typed EC2 calls (EC2 protocol: flattened lists,
 * <item> elements, no Result wrapper). Filters are NAME, VALUE pairs
 * (one value per filter), NULL-terminated; ids are NULL-terminated lists.
 * Every Describe call follows NextToken to the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char       *vpc_id;
  char       *cidr_block;
  char       *state;
  gboolean    is_default;
  GHashTable *tags;
} WharfEc2Vpc;

typedef struct {
  char       *subnet_id;
  char       *vpc_id;
  char       *availability_zone;
  char       *availability_zone_id;
  char       *cidr_block;
  gboolean    default_for_az;
  gboolean    map_public_ip_on_launch;
  GHashTable *tags;
} WharfEc2Subnet;

typedef struct {
  char       *route_table_id;
  char       *vpc_id;
  char      **subnet_ids;      /* explicit associations */
  gboolean    main;            /* the VPC's main table */
  char      **gateway_ids;     /* GatewayId of every route ("igw-…", "local") */
} WharfEc2RouteTable;

typedef struct {
  char       *group_id;
  char       *group_name;
  char       *description;
  char       *vpc_id;
} WharfEc2SecurityGroup;

void wharf_ec2_vpc_free            (WharfEc2Vpc           *vpc);
void wharf_ec2_subnet_free         (WharfEc2Subnet        *subnet);
void wharf_ec2_route_table_free    (WharfEc2RouteTable    *table);
void wharf_ec2_security_group_free (WharfEc2SecurityGroup *group);

/* TRUE when TABLE routes to an internet gateway (a public subnet's table). */
gboolean   wharf_ec2_route_table_is_public (const WharfEc2RouteTable *table);

/* Region names (RegionName of every region enabled for the account). */
GStrv      wharf_ec2_describe_regions      (WharfAwsClient      *client,
                                            GCancellable        *cancellable,
                                            GError             **error);
GPtrArray *wharf_ec2_describe_vpcs         (WharfAwsClient      *client,
                                            const char * const  *vpc_ids,
                                            const char * const  *filters,
                                            GCancellable        *cancellable,
                                            GError             **error);
/* ATTRIBUTE: "enableDnsSupport" or "enableDnsHostnames". */
gboolean   wharf_ec2_describe_vpc_attribute (WharfAwsClient     *client,
                                             const char         *vpc_id,
                                             const char         *attribute,
                                             gboolean           *out_value,
                                             GCancellable       *cancellable,
                                             GError            **error);
GPtrArray *wharf_ec2_describe_subnets      (WharfAwsClient      *client,
                                            const char * const  *subnet_ids,
                                            const char * const  *filters,
                                            GCancellable        *cancellable,
                                            GError             **error);
GPtrArray *wharf_ec2_describe_route_tables (WharfAwsClient      *client,
                                            const char * const  *filters,
                                            GCancellable        *cancellable,
                                            GError             **error);
GPtrArray *wharf_ec2_describe_security_groups (WharfAwsClient   *client,
                                               const char * const *group_ids,
                                               const char * const *filters,
                                               GCancellable     *cancellable,
                                               GError          **error);

G_END_DECLS
