/* wharf-sandbox-seed.c: the parts of the seed besides credentials and
 * networks: existing load balancers, Auto Scaling groups, SSM parameters,
 * secrets, file systems, and the faults to inject.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-sandbox-private.h"

#define GPU_PARAMETER "/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended"
#define GPU_AMI       "ami-0c3ba3d5a0e1b8e3a"

static gboolean
seed_error (GError **error, const char *what)
{
  g_set_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_SEED,
               _("Invalid sandbox seed: %s"), what);
  return FALSE;
}

static const char *
str (JsonObject *o, const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static double
num (JsonObject *o, const char *member, double fallback)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  return json_node_get_double (node);
}

/* The array MEMBER of objects, or NULL after an error. EMPTY is set when absent. */
static JsonArray *
objects (JsonObject *o, const char *member, gboolean *ok, GError **error)
{
  JsonNode *node = json_object_get_member (o, member);
  JsonArray *array;

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *what = g_strdup_printf (_("“%s” must be an array"), member);
      *ok = seed_error (error, what);
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      {
        g_autofree char *what = g_strdup_printf (_("the items of “%s” must be objects"), member);
        *ok = seed_error (error, what);
        return NULL;
      }
  return array;
}

static gboolean
seed_faults (SbxState *state, JsonObject *f, GError **error)
{
  JsonArray *resources, *tasks;
  gboolean ok;

  state->faults.throttle_rate = num (f, "throttle_rate", 0);
  state->faults.error_rate = num (f, "error_rate", 0);
  state->faults.drop_rate = num (f, "drop_rate", 0);
  state->faults.latency_ms = (guint) CLAMP (num (f, "latency_ms", 0), 0, 60000);
  if (state->faults.throttle_rate < 0 || state->faults.throttle_rate > 1 ||
      state->faults.error_rate < 0 || state->faults.error_rate > 1 ||
      state->faults.drop_rate < 0 || state->faults.drop_rate > 1)
    return seed_error (error, _("fault rates must be between 0 and 1"));
  resources = objects (f, "resources", &ok, error);
  if (!ok)
    return FALSE;
  for (guint i = 0; resources && i < json_array_get_length (resources); i++)
    {
      JsonObject *r = json_array_get_object_element (resources, i);
      SbxResourceFault *rf = g_new0 (SbxResourceFault, 1);

      rf->logical_id = g_strdup (str (r, "logical_id"));
      rf->type = g_strdup (str (r, "type"));
      rf->reason = g_strdup (str (r, "reason"));
      g_ptr_array_add (state->faults.resources, rf);
      if (rf->logical_id == NULL && rf->type == NULL)
        return seed_error (error, _("a resource fault needs “logical_id” or “type”"));
    }
  tasks = objects (f, "tasks", &ok, error);
  if (!ok)
    return FALSE;
  for (guint i = 0; tasks && i < json_array_get_length (tasks); i++)
    {
      JsonObject *t = json_array_get_object_element (tasks, i);
      SbxTaskFault *tf = g_new0 (SbxTaskFault, 1);

      tf->service = g_strdup (str (t, "service"));
      tf->reason = g_strdup (str (t, "reason") ? str (t, "reason")
                             : "Essential container in task exited");
      tf->exit_code = (int) num (t, "exit_code", 1);
      tf->after_steps = (int) num (t, "after_steps", 2);
      g_ptr_array_add (state->faults.tasks, tf);
    }
  return TRUE;
}

gboolean
sbx_state_seed_services (SbxState    *state,
                         JsonObject  *root,
                         GError     **error)
{
  JsonArray *lbs, *secrets, *filesystems;
  JsonNode *node;
  gboolean ok;
  gint64 now = g_get_real_time ();

  g_hash_table_insert (state->ssm_parameters, g_strdup (GPU_PARAMETER "/image_id"), g_strdup (GPU_AMI));
  g_hash_table_insert (state->ssm_parameters, g_strdup (GPU_PARAMETER),
                       g_strdup ("{\"ecs_agent_version\":\"1.88.0\",\"ecs_runtime_version\":\"Docker version 25.0.8\","
                                 "\"image_id\":\"" GPU_AMI "\",\"image_name\":\"amzn2-ami-ecs-gpu-hvm-2.0.20261101-x86_64-ebs\","
                                 "\"image_version\":\"2.0.20261101\",\"os\":\"Amazon Linux 2\",\"schema_version\":1,"
                                 "\"source_image_name\":\"amzn2-ami-minimal-hvm-2.0.20261024.0-x86_64-ebs\"}"));
  node = json_object_get_member (root, "ssm_parameters");
  if (node && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *params = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (params);

      for (GList *l = members; l; l = l->next)
        {
          const char *value = str (params, l->data);

          if (value == NULL)
            return seed_error (error, _("SSM parameter values must be strings"));
          g_hash_table_replace (state->ssm_parameters, g_strdup (l->data), g_strdup (value));
        }
    }

  node = json_object_get_member (root, "autoscaling_groups");
  if (node && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        const char *name = json_array_get_string_element (json_node_get_array (node), i);

        if (name)
          g_hash_table_replace (state->autoscaling_groups, g_strdup (name), g_strdup (name));
      }

  lbs = objects (root, "load_balancers", &ok, error);
  if (!ok)
    return FALSE;
  for (guint i = 0; lbs && i < json_array_get_length (lbs); i++)
    {
      JsonObject *o = json_array_get_object_element (lbs, i);
      SbxLoadBalancer *lb = g_new0 (SbxLoadBalancer, 1);
      SbxVpc *vpc = sbx_state_default_vpc (state);
      g_autofree char *hex = sbx_random_hex (state, 16);
      gboolean network;

      lb->name = g_strdup (str (o, "name"));
      if (lb->name == NULL)
        {
          g_free (lb);
          return seed_error (error, _("a load balancer has no “name”"));
        }
      lb->type = g_strdup (str (o, "type") ? str (o, "type") : "application");
      lb->scheme = g_strdup (str (o, "scheme") ? str (o, "scheme") : "internet-facing");
      lb->vpc_id = g_strdup (str (o, "vpc_id") ? str (o, "vpc_id") : vpc ? vpc->id : "");
      network = g_str_equal (lb->type, "network");
      lb->arn = g_strdup_printf ("arn:aws:elasticloadbalancing:%s:%s:loadbalancer/%s/%s/%s", state->region,
                                 state->account_id, network ? "net" : "app", lb->name, hex);
      lb->dns_name = g_strdup_printf ("%s-%u.%s.elb.amazonaws.com", lb->name,
                                      g_rand_int_range (state->rand, 100000000, 2000000000), state->region);
      lb->created = now;
      g_ptr_array_add (state->load_balancers, lb);
    }

  secrets = objects (root, "secrets", &ok, error);
  if (!ok)
    return FALSE;
  for (guint i = 0; secrets && i < json_array_get_length (secrets); i++)
    {
      JsonObject *o = json_array_get_object_element (secrets, i);

      if (str (o, "name") == NULL)
        return seed_error (error, _("a secret has no “name”"));
      sbx_secret_add (state, str (o, "name"), str (o, "value") ? str (o, "value") : "",
                      str (o, "description"), now);
    }

  filesystems = objects (root, "file_systems", &ok, error);
  if (!ok)
    return FALSE;
  for (guint i = 0; filesystems && i < json_array_get_length (filesystems); i++)
    {
      JsonObject *o = json_array_get_object_element (filesystems, i);
      SbxFileSystem *fs = sbx_file_system_add (state, str (o, "creation_token"), NULL, now);

      if (str (o, "id"))
        {
          g_free (fs->id);
          fs->id = g_strdup (str (o, "id"));
          g_free (fs->arn);
          fs->arn = g_strdup_printf ("arn:aws:elasticfilesystem:%s:%s:file-system/%s",
                                     state->region, state->account_id, fs->id);
        }
      fs->name = g_strdup (str (o, "name"));
    }

  node = json_object_get_member (root, "faults");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return seed_error (error, _("“faults” must be an object"));
      if (!seed_faults (state, json_node_get_object (node), error))
        return FALSE;
    }
  return TRUE;
}
