/* wharf-ecs-convert-ports.c: published ports → target groups, listeners
 * and security-group ingress rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-ecs-convert-private.h"

/* The network keys of a service (the default network when none). */
GPtrArray *
wharf_ecs_service_networks (const WharfNode *service)
{
  WharfNode *networks = wharf_ecs_lookup (service, "networks", NULL);
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = 0; networks && wharf_node_get_kind (networks) == WHARF_NODE_MAPPING &&
                    i < wharf_node_mapping_size (networks); i++)
    g_ptr_array_add (keys, (gpointer) wharf_node_mapping_get_key (networks, i));
  if (keys->len == 0)
    g_ptr_array_add (keys, (gpointer) "default");
  return keys;
}

static gboolean
add_ingress (WharfEcsConvert *ctx,
             const char      *name,
             const char      *network,
             gint64           port,
             const char      *protocol)
{
  JsonNode *sg = g_hash_table_lookup (ctx->network_sg, network);
  g_autofree char *net_norm = wharf_ecs_normalize_name (network);
  g_autofree char *id = g_strdup_printf ("%s%" G_GINT64_FORMAT "Ingress", net_norm, port);
  g_autofree char *owner = g_strdup_printf (_("port %lld of network “%s”"), (long long) port, network);
  g_autofree char *description = NULL;
  g_autofree char *upper = g_ascii_strup (protocol, -1);
  JsonObject *props;

  /* Never open security groups the project does not own (Docker did). */
  if (sg == NULL || JSON_NODE_HOLDS_VALUE (sg))
    return TRUE;
  props = wharf_ecs_add_resource (ctx, id, "AWS::EC2::SecurityGroupIngress", owner);
  if (props == NULL)
    return FALSE;
  description = g_strdup_printf ("%s:%" G_GINT64_FORMAT "/%s on %s network", name, port, protocol, network);
  json_object_set_string_member (props, "CidrIp", "0.0.0.0/0");
  json_object_set_string_member (props, "Description", description);
  json_object_set_int_member (props, "FromPort", port);
  json_object_set_member (props, "GroupId", wharf_cfn_copy (sg));
  json_object_set_string_member (props, "IpProtocol", upper);
  json_object_set_int_member (props, "ToPort", port);
  return TRUE;
}

gboolean
wharf_ecs_convert_port (WharfEcsConvert *ctx,
              const char      *name,
              const WharfNode *service,
              const char      *norm,
              const char      *owner,
              const WharfNode *port,
              const char      *service_id,
              JsonArray       *load_balancers)
{
  const char *protocol = wharf_ecs_lookup_string (port, "protocol");
  gint64 target = 0, published = 0;
  g_autofree char *upper = NULL, *tg = NULL, *listener = NULL, *url_name = NULL, *url = NULL;
  g_autoptr(GPtrArray) networks = wharf_ecs_service_networks (service);
  const char *lb_protocol;
  JsonObject *props, *action, *forward, *group, *mapping;
  JsonArray *actions, *groups;

  if (protocol == NULL)
    protocol = "tcp";
  wharf_node_get_int64 (wharf_ecs_lookup (port, "target", NULL), &target);
  if (!wharf_node_get_int64 (wharf_ecs_lookup (port, "published", NULL), &published) || published == 0)
    published = target;
  upper = g_ascii_strup (protocol, -1);
  lb_protocol = ctx->lb_type == WHARF_LOAD_BALANCER_APPLICATION ? "HTTP" : upper;

  tg = g_strdup_printf ("%s%s%" G_GINT64_FORMAT "TargetGroup", norm, upper, published);
  props = wharf_ecs_add_resource (ctx, tg, "AWS::ElasticLoadBalancingV2::TargetGroup", owner);
  if (props == NULL)
    return FALSE;
  json_object_set_int_member (props, "Port", target);
  json_object_set_string_member (props, "Protocol", lb_protocol);
  json_object_set_array_member (props, "Tags", wharf_cfn_tags (ctx, NULL, NULL));
  json_object_set_string_member (props, "TargetType", "ip");
  json_object_set_member (props, "VpcId", wharf_cfn_copy (ctx->vpc));

  /* The listener is on the published port, the target group and the
   * container on the target port (Docker required them to be equal). */
  listener = g_strdup_printf ("%s%s%" G_GINT64_FORMAT "Listener", norm, upper, published);
  props = wharf_ecs_add_resource (ctx, listener, "AWS::ElasticLoadBalancingV2::Listener", owner);
  if (props == NULL)
    return FALSE;
  group = json_object_new ();
  json_object_set_member (group, "TargetGroupArn", wharf_cfn_ref (tg));
  groups = json_array_new ();
  json_array_add_object_element (groups, group);
  forward = json_object_new ();
  json_object_set_array_member (forward, "TargetGroups", groups);
  action = json_object_new ();
  json_object_set_object_member (action, "ForwardConfig", forward);
  json_object_set_string_member (action, "Type", "forward");
  actions = json_array_new ();
  json_array_add_object_element (actions, action);
  json_object_set_array_member (props, "DefaultActions", actions);
  json_object_set_member (props, "LoadBalancerArn", wharf_cfn_copy (ctx->lb));
  json_object_set_int_member (props, "Port", published);
  json_object_set_string_member (props, "Protocol", lb_protocol);
  wharf_ecs_add_depends_on (ctx, service_id, listener);

  for (guint i = 0; i < networks->len; i++)
    {
      if (!add_ingress (ctx, name, networks->pdata[i], target, protocol))
        return FALSE;
      /* An application load balancer shares the network's security group:
       * its listener port must be open too. */
      if (published != target && ctx->lb_type == WHARF_LOAD_BALANCER_APPLICATION &&
          !add_ingress (ctx, name, networks->pdata[i], published, protocol))
        return FALSE;
    }

  mapping = json_object_new ();
  json_object_set_string_member (mapping, "ContainerName", name);
  json_object_set_int_member (mapping, "ContainerPort", target);
  json_object_set_member (mapping, "TargetGroupArn", wharf_cfn_ref (tg));
  json_array_add_object_element (load_balancers, mapping);

  if (JSON_NODE_HOLDS_OBJECT (ctx->lb))
    {
      url_name = g_strdup_printf ("%s%s%" G_GINT64_FORMAT "Url", norm, upper, published);
      url = g_strdup_printf ("%s://${LoadBalancer.DNSName}:%" G_GINT64_FORMAT,
                             ctx->lb_type == WHARF_LOAD_BALANCER_APPLICATION ? "http" : protocol,
                             published);
      wharf_template_add_output (ctx->tpl, url_name, _("Endpoint of a published port"), wharf_cfn_sub (url));
    }
  return TRUE;
}
