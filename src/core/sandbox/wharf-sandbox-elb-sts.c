/* wharf-sandbox-elb-sts.c: the Query services besides CloudFormation:
 * ELBv2 (DescribeLoadBalancers, DescribeTargetGroups), STS
 * (GetCallerIdentity, AssumeRole) and AutoScaling (DeleteAutoScalingGroup).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"
#include "wharf-sigv4.h"

static void
reply_string (SbxRequest *req, GString *out)
{
  g_autofree char *body = g_string_free (out, FALSE);

  sbx_reply_query (req, body);
}

static void
describe_load_balancers (SbxRequest *req)
{
  g_auto(GStrv) names = sbx_param_list (req, "Names.member");
  g_auto(GStrv) arns = sbx_param_list (req, "LoadBalancerArns.member");
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  GString *out;

  for (guint i = 0; names[i]; i++)
    {
      gboolean hit = FALSE;

      for (guint j = 0; j < req->state->load_balancers->len; j++)
        hit |= g_str_equal (((SbxLoadBalancer *) g_ptr_array_index (req->state->load_balancers, j))->name, names[i]);
      if (!hit)
        g_ptr_array_add (missing, names[i]);
    }
  for (guint i = 0; arns[i]; i++)
    {
      gboolean hit = FALSE;

      for (guint j = 0; j < req->state->load_balancers->len; j++)
        hit |= g_str_equal (((SbxLoadBalancer *) g_ptr_array_index (req->state->load_balancers, j))->arn, arns[i]);
      if (!hit)
        g_ptr_array_add (missing, arns[i]);
    }
  if (missing->len)
    {
      g_autofree char *list = NULL;
      g_autofree char *m = NULL;

      g_ptr_array_add (missing, NULL);
      list = g_strjoinv ("', '", (char **) missing->pdata);
      m = g_strdup_printf ("Load balancers '[%s]' not found", list);
      sbx_reply_error (req, 400, "LoadBalancerNotFound", m);
      return;
    }
  out = g_string_new ("<LoadBalancers>");
  for (guint i = 0; i < req->state->load_balancers->len; i++)
    {
      SbxLoadBalancer *lb = g_ptr_array_index (req->state->load_balancers, i);

      if ((names[0] && !g_strv_contains ((const char * const *) names, lb->name)) ||
          (arns[0] && !g_strv_contains ((const char * const *) arns, lb->arn)))
        continue;
      g_string_append (out, "<member>");
      sbx_xml_text (out, "LoadBalancerArn", lb->arn);
      sbx_xml_text (out, "DNSName", lb->dns_name);
      sbx_xml_text (out, "CanonicalHostedZoneId",
                    g_str_equal (lb->type, "network") ? "Z26RNL4JYFTOTI" : "Z35SXDOTRQ7X7K");
      sbx_xml_time (out, "CreatedTime", lb->created);
      sbx_xml_text (out, "LoadBalancerName", lb->name);
      sbx_xml_text (out, "Scheme", lb->scheme);
      sbx_xml_text (out, "VpcId", lb->vpc_id);
      g_string_append (out, "<State><Code>active</Code></State>");
      sbx_xml_text (out, "Type", lb->type);
      g_string_append (out, "<AvailabilityZones>");
      for (guint j = 0; j < req->state->subnets->len; j++)
        {
          SbxSubnet *s = g_ptr_array_index (req->state->subnets, j);

          if (g_strcmp0 (s->vpc_id, lb->vpc_id) != 0)
            continue;
          g_string_append (out, "<member>");
          sbx_xml_text (out, "ZoneName", s->az);
          sbx_xml_text (out, "SubnetId", s->id);
          g_string_append (out, "</member>");
        }
      g_string_append (out, "</AvailabilityZones><IpAddressType>ipv4</IpAddressType></member>");
    }
  g_string_append (out, "</LoadBalancers>");
  reply_string (req, out);
}

static void
describe_target_groups (SbxRequest *req)
{
  const char *lb = sbx_param (req, "LoadBalancerArn");
  g_auto(GStrv) names = sbx_param_list (req, "Names.member");
  g_auto(GStrv) arns = sbx_param_list (req, "TargetGroupArns.member");
  GString *out = g_string_new ("<TargetGroups>");
  guint count = 0;

  for (guint i = 0; i < req->state->target_groups->len; i++)
    {
      SbxTargetGroup *tg = g_ptr_array_index (req->state->target_groups, i);

      if ((lb && g_strcmp0 (tg->lb_arn, lb) != 0) ||
          (names[0] && !g_strv_contains ((const char * const *) names, tg->name)) ||
          (arns[0] && !g_strv_contains ((const char * const *) arns, tg->arn)))
        continue;
      count++;
      g_string_append (out, "<member>");
      sbx_xml_text (out, "TargetGroupArn", tg->arn);
      sbx_xml_text (out, "TargetGroupName", tg->name);
      sbx_xml_text (out, "Protocol", tg->protocol);
      sbx_xml_int (out, "Port", tg->port);
      sbx_xml_text (out, "VpcId", tg->vpc_id);
      sbx_xml_text (out, "HealthCheckProtocol", tg->protocol);
      sbx_xml_text (out, "HealthCheckPort", "traffic-port");
      sbx_xml_bool (out, "HealthCheckEnabled", TRUE);
      sbx_xml_text (out, "TargetType", tg->target_type);
      g_string_append (out, "<LoadBalancerArns>");
      if (tg->lb_arn)
        {
          g_string_append (out, "<member>");
          g_string_append (out, tg->lb_arn);
          g_string_append (out, "</member>");
        }
      g_string_append (out, "</LoadBalancerArns></member>");
    }
  g_string_append (out, "</TargetGroups>");
  if ((names[0] || arns[0]) && count == 0)
    {
      g_string_free (out, TRUE);
      sbx_reply_error (req, 400, "TargetGroupNotFound", "One or more target groups not found");
      return;
    }
  reply_string (req, out);
}

gboolean
sbx_handle_elbv2 (SbxRequest *req)
{
  if (g_str_equal (req->operation, "DescribeLoadBalancers"))
    describe_load_balancers (req);
  else if (g_str_equal (req->operation, "DescribeTargetGroups"))
    describe_target_groups (req);
  else
    return FALSE;
  return TRUE;
}

static SbxCredential *
caller (SbxRequest *req)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                     "Authorization");
  g_autoptr(WharfSigv4Authorization) auth = header ? wharf_sigv4_parse_authorization (header, NULL) : NULL;
  SbxCredential *c = auth ? sbx_state_find_credential (req->state, auth->access_key_id) : NULL;

  return c ? c : g_ptr_array_index (req->state->credentials, 0);
}

static void
assume_role (SbxRequest *req)
{
  const char *role = sbx_param (req, "RoleArn");
  const char *session = sbx_param (req, "RoleSessionName");
  const char *duration_s = sbx_param (req, "DurationSeconds");
  gint64 duration = duration_s ? g_ascii_strtoll (duration_s, NULL, 10) : 3600;
  SbxCredential *c;
  GString *out;

  if (role == NULL || !g_regex_match_simple ("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]+$", role, 0, 0))
    {
      g_autofree char *m = g_strdup_printf ("%s is invalid", role ? role : "RoleArn");
      sbx_reply_error (req, 400, "ValidationError", m);
      return;
    }
  if (session == NULL || strlen (session) < 2 || strlen (session) > 64 ||
      !g_regex_match_simple ("^[\\w+=,.@-]+$", session, 0, 0))
    {
      g_autofree char *m = g_strdup_printf ("1 validation error detected: Value '%s' at 'roleSessionName' failed "
                                            "to satisfy constraint: Member must satisfy regular expression "
                                            "pattern: [\\w+=,.@-]*", session ? session : "");
      sbx_reply_error (req, 400, "ValidationError", m);
      return;
    }
  if (duration < 900 || duration > 43200)
    {
      sbx_reply_error (req, 400, "ValidationError",
                       "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
      return;
    }
  c = sbx_state_issue_credential (req->state, role, session, req->now + duration * G_USEC_PER_SEC);
  out = g_string_new ("<Credentials>");
  sbx_xml_text (out, "AccessKeyId", c->access_key_id);
  sbx_xml_text (out, "SecretAccessKey", c->secret_access_key);
  sbx_xml_text (out, "SessionToken", c->session_token);
  {
    g_autofree char *iso = sbx_iso8601 (c->expiration);
    iso[19] = 'Z';
    iso[20] = '\0';
    sbx_xml_text (out, "Expiration", iso);
  }
  g_string_append (out, "</Credentials><AssumedRoleUser>");
  sbx_xml_text (out, "AssumedRoleId", c->user_id);
  sbx_xml_text (out, "Arn", c->arn);
  g_string_append (out, "</AssumedRoleUser><PackedPolicySize>6</PackedPolicySize>");
  reply_string (req, out);
}

gboolean
sbx_handle_sts (SbxRequest *req)
{
  if (g_str_equal (req->operation, "GetCallerIdentity"))
    {
      SbxCredential *c = caller (req);
      GString *out = g_string_new (NULL);

      sbx_xml_text (out, "UserId", c->user_id);
      sbx_xml_text (out, "Account", req->state->account_id);
      sbx_xml_text (out, "Arn", c->arn);
      reply_string (req, out);
    }
  else if (g_str_equal (req->operation, "AssumeRole"))
    assume_role (req);
  else
    return FALSE;
  return TRUE;
}

gboolean
sbx_handle_autoscaling (SbxRequest *req)
{
  const char *name = sbx_param (req, "AutoScalingGroupName");

  if (!g_str_equal (req->operation, "DeleteAutoScalingGroup"))
    return FALSE;
  if (name == NULL || !g_hash_table_remove (req->state->autoscaling_groups, name))
    {
      g_autofree char *m = g_strdup_printf ("AutoScalingGroup name not found - AutoScalingGroup '%s' not found",
                                            name ? name : "");
      sbx_reply_error (req, 400, "ValidationError", m);
      return TRUE;
    }
  sbx_reply_query (req, NULL);
  return TRUE;
}
