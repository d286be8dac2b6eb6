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

#include "wharf-cli.h"
#include "wharf-cli-aws.h"
#include "wharf-cli-project.h"
#include "wharf-cli-stack.h"
#include "wharf-status-service.h"

static char *
title_case (const char *status)
{
  g_autofree char *lower = g_ascii_strdown (status ? status : "UNKNOWN", -1);

  lower[0] = g_ascii_toupper (lower[0]);
  return g_steal_pointer (&lower);
}

/* One task as a JSON object of the `ps --format json` array. */
static void
add_json_task (JsonBuilder        *json,
               WharfStatusService *service,
               WharfStatusTask    *t)
{
  const char * const *urls = wharf_status_service_get_endpoints (service);
  gboolean is_stopped = g_strcmp0 (t->desired_status, "STOPPED") == 0;

  json_builder_begin_object (json);
  json_builder_set_member_name (json, "Service");
  json_builder_add_string_value (json, wharf_status_service_get_name (service));
  json_builder_set_member_name (json, "Task");
  json_builder_add_string_value (json, t->id);
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
  if (t->stop_reason != NULL)
    {
      json_builder_set_member_name (json, "StoppedReason");
      json_builder_add_string_value (json, t->stop_reason);
    }
  json_builder_end_object (json);
}

static void
print_task (WharfStatusService *service,
            WharfStatusTask    *t)
{
  g_autofree char *task_status = title_case (t->last_status);
  g_autofree char *health = title_case (t->health_status);
  g_autofree char *joined = g_strjoinv (" ", (char **) wharf_status_service_get_endpoints (service));
  gboolean is_stopped = g_strcmp0 (t->desired_status, "STOPPED") == 0;

  printf ("%-14s %-34s %-10s %-10s %s\n", wharf_status_service_get_name (service), t->id,
          task_status, health, is_stopped ? (t->stop_reason ? t->stop_reason : "") : joined);
}

int
wharf_cli_ps (int    argc,
              char **argv)
{
  g_auto(WharfCliStackCommand) cmd = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autofree char *format = NULL;
  gboolean as_json;
  int status;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: table (default) or json"), N_("FORMAT") },
    { NULL }
  };

  status = wharf_cli_stack_command_parse (&cmd, "ps", _("[SERVICE…]"),
                                          _("List the tasks of the project's services, with their status, health and endpoints."),
                                          entries, &argc, &argv);
  if (status != WHARF_EXIT_OK)
    return status;
  if (format != NULL && !g_str_equal (format, "table") && !g_str_equal (format, "json"))
    {
      wharf_cli_printerr (_("ps: unknown format “%s” (use table or json)"), format);
      return WHARF_EXIT_USAGE;
    }
  as_json = format != NULL && g_str_equal (format, "json");
  status = wharf_cli_stack_command_open (&cmd, FALSE);
  if (status != WHARF_EXIT_OK)
    return status;
  services = wharf_status_fetch (cmd.client, cmd.name, cmd.cancellable, &error);
  if (services == NULL)
    {
      if (g_error_matches (error, WHARF_STATUS_ERROR, WHARF_STATUS_ERROR_NOT_DEPLOYED))
        {
          wharf_cli_printerr (_("stack %s does not exist"), cmd.name);
          return WHARF_EXIT_FAILURE;
        }
      return wharf_cli_aws_fail (error);
    }
  json_builder_begin_array (json);
  if (!as_json)
    printf ("%-14s %-34s %-10s %-10s %s\n", _("SERVICE"), _("TASK"), _("STATUS"), _("HEALTH"), _("ENDPOINTS / STOP REASON"));
  for (guint i = 0; i < services->len; i++)
    {
      WharfStatusService *service = g_ptr_array_index (services, i);
      GPtrArray *tasks = wharf_status_service_get_tasks (service);

      if (argc > 1 && !g_strv_contains ((const char * const *) argv + 1,
                                        wharf_status_service_get_name (service)))
        continue;
      for (guint j = 0; j < tasks->len; j++)
        {
          if (as_json)
            add_json_task (json, service, g_ptr_array_index (tasks, j));
          else
            print_task (service, g_ptr_array_index (tasks, j));
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
