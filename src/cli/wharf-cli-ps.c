/* wharf-cli-ps.c: "wharf-cli ps": the tasks of the project's services,
 * their status, health and endpoints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "wharf-aws-cloudformation.h"
#include "wharf-aws-ecs.h"
#include "wharf-cli.h"
#include "wharf-cli-aws.h"
#include "wharf-cli-project.h"
#include "wharf-cli-stack.h"
#include "wharf-ecs-convert.h"

/* The compose name of an ECS service: its com.docker.compose.service tag,
 * else the logical id without "Service". */
static char *
compose_name (WharfEcsService *service,
              const char      *logical_id)
{
  JsonObject *raw = service->raw && JSON_NODE_HOLDS_OBJECT (service->raw) ? json_node_get_object (service->raw) : NULL;
  JsonArray *tags = raw && json_object_has_member (raw, "tags") ? json_object_get_array_member (raw, "tags") : NULL;

  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonObject *t = json_array_get_object_element (tags, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (t, "key", NULL), "com.docker.compose.service") == 0)
        return g_strdup (json_object_get_string_member_with_default (t, "value", ""));
    }
  if (g_str_has_suffix (logical_id, "Service"))
    return g_ascii_strdown (logical_id, strlen (logical_id) - strlen ("Service"));
  return g_strdup (logical_id);
}

/* URLs of the stack Outputs of SERVICE ("<Norm>…Url"). */
static GStrv
endpoints (WharfCfnStack *stack,
           const char    *service)
{
  g_autofree char *norm = wharf_ecs_normalize_name (service);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; stack->outputs != NULL && i < stack->outputs->len; i++)
    {
      WharfCfnOutput *o = g_ptr_array_index (stack->outputs, i);

      if (g_str_has_prefix (o->key, norm) && g_str_has_suffix (o->key, "Url") && o->value != NULL)
        g_strv_builder_add (b, o->value);
    }
  return g_strv_builder_end (b);
}

static char *
title_case (const char *status)
{
  g_autofree char *lower = g_ascii_strdown (status ? status : "UNKNOWN", -1);

  lower[0] = g_ascii_toupper (lower[0]);
  return g_steal_pointer (&lower);
}

int
wharf_cli_ps (int    argc,
              char **argv)
{
  g_auto(WharfCliProjectOptions) project_options = { 0 };
  g_auto(WharfCliAwsOptions) aws_options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(WharfCfnStack) stack = NULL;
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autofree char *name = NULL, *format = NULL;
  const char *cluster = NULL;
  gboolean as_json;
  GCancellable *cancellable = wharf_cli_interrupt_cancellable ();
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: table (default) or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("[SERVICE…]"));
  g_option_context_set_summary (context, _("List the tasks of the project's services, with their status, health and endpoints."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wharf_cli_project_options_add (&project_options, context);
  wharf_cli_aws_options_add (&aws_options, context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "table") && !g_str_equal (format, "json"))
    {
      wharf_cli_printerr (_("ps: unknown format “%s” (use table or json)"), format);
      return WHARF_EXIT_USAGE;
    }
  as_json = format != NULL && g_str_equal (format, "json");
  name = wharf_cli_stack_name (&project_options);
  if (name == NULL)
    return WHARF_EXIT_FAILURE;
  client = wharf_cli_aws_client (&aws_options);
  if (client == NULL)
    return WHARF_EXIT_FAILURE;
  stack = wharf_cfn_describe_stack (client, name, cancellable, &error);
  if (stack == NULL)
    {
      if (error == NULL || wharf_cfn_error_is_stack_missing (error))
        {
          wharf_cli_printerr (_("stack %s does not exist"), name);
          return WHARF_EXIT_FAILURE;
        }
      return wharf_cli_aws_fail (error);
    }
  resources = wharf_cfn_list_stack_resources (client, name, cancellable, &error);
  if (resources == NULL)
    return wharf_cli_aws_fail (error);
  for (guint i = 0; i < resources->len; i++)
    {
      WharfCfnResourceSummary *r = g_ptr_array_index (resources, i);

      if (g_strcmp0 (r->resource_type, "AWS::ECS::Cluster") == 0)
        cluster = r->physical_resource_id;
    }
  if (cluster == NULL && stack->parameters != NULL)
    cluster = g_hash_table_lookup (stack->parameters, "ParameterClusterName");
  json_builder_begin_array (json);
  if (!as_json)
    printf ("%-14s %-34s %-10s %-10s %s\n", _("SERVICE"), _("TASK"), _("STATUS"), _("HEALTH"), _("ENDPOINTS / STOP REASON"));
  for (guint i = 0; cluster != NULL && i < resources->len; i++)
    {
      WharfCfnResourceSummary *r = g_ptr_array_index (resources, i);
      const char * const one[] = { r->physical_resource_id, NULL };
      g_autoptr(GPtrArray) services = NULL;
      WharfEcsService *service;
      g_autofree char *service_name = NULL;
      g_auto(GStrv) urls = NULL;
      g_auto(GStrv) running = NULL, stopped = NULL;
      g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
      g_auto(GStrv) arns = NULL;
      g_autoptr(GPtrArray) tasks = NULL;

      if (g_strcmp0 (r->resource_type, "AWS::ECS::Service") != 0 || r->physical_resource_id == NULL)
        continue;
      services = wharf_ecs_describe_services (client, cluster, one, cancellable, &error);
      if (services == NULL)
        return wharf_cli_aws_fail (error);
      if (services->len == 0)
        continue;
      service = g_ptr_array_index (services, 0);
      service_name = compose_name (service, r->logical_resource_id);
      if (argc > 1 && !g_strv_contains ((const char * const *) argv + 1, service_name))
        continue;
      urls = endpoints (stack, service_name);
      running = wharf_ecs_list_tasks (client, cluster, service->name, "RUNNING", cancellable, &error);
      if (running == NULL)
        return wharf_cli_aws_fail (error);
      stopped = wharf_ecs_list_tasks (client, cluster, service->name, "STOPPED", cancellable, &error);
      if (stopped == NULL)
        return wharf_cli_aws_fail (error);
      g_strv_builder_addv (all, (const char **) running);
      /* the most recent stopped tasks tell why a service does not run */
      for (guint j = 0; stopped[j] != NULL && j < 3; j++)
        g_strv_builder_add (all, stopped[j]);
      arns = g_strv_builder_end (all);
      if (arns[0] == NULL)
        continue;
      tasks = wharf_ecs_describe_tasks (client, cluster, (const char * const *) arns, cancellable, &error);
      if (tasks == NULL)
        return wharf_cli_aws_fail (error);
      for (guint j = 0; j < tasks->len; j++)
        {
          WharfEcsTask *t = g_ptr_array_index (tasks, j);
          const char *slash = t->arn ? strrchr (t->arn, '/') : NULL;
          const char *id = slash ? slash + 1 : t->arn;
          g_autofree char *status = title_case (t->last_status);
          g_autofree char *health = title_case (t->health_status);
          g_autofree char *joined = g_strjoinv (" ", urls);
          gboolean is_stopped = g_strcmp0 (t->desired_status, "STOPPED") == 0;
          g_autofree char *reason = is_stopped ? g_strdup_printf ("%s%s%s", t->stop_code ? t->stop_code : "",
                                                                  t->stop_code ? ": " : "",
                                                                  t->stopped_reason ? t->stopped_reason : "")
                                               : NULL;

          if (as_json)
            {
              json_builder_begin_object (json);
              json_builder_set_member_name (json, "Service");
              json_builder_add_string_value (json, service_name);
              json_builder_set_member_name (json, "Task");
              json_builder_add_string_value (json, id);
              json_builder_set_member_name (json, "Status");
              json_builder_add_string_value (json, t->last_status);
              json_builder_set_member_name (json, "DesiredStatus");
              json_builder_add_string_value (json, t->desired_status);
              json_builder_set_member_name (json, "Health");
              json_builder_add_string_value (json, t->health_status);
              json_builder_set_member_name (json, "Endpoints");
              json_builder_begin_array (json);
              for (guint k = 0; !is_stopped && urls[k] != NULL; k++)
                json_builder_add_string_value (json, urls[k]);
              json_builder_end_array (json);
              if (reason != NULL)
                {
                  json_builder_set_member_name (json, "StoppedReason");
                  json_builder_add_string_value (json, reason);
                }
              json_builder_end_object (json);
            }
          else
            printf ("%-14s %-34s %-10s %-10s %s\n", service_name, id, status, health,
                    is_stopped ? reason : joined);
        }
    }
  json_builder_end_array (json);
  if (as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (json);
      g_autofree char *text = json_to_string (root, TRUE);

      printf ("%s\n", text);
    }
  return WHARF_EXIT_OK;
}
