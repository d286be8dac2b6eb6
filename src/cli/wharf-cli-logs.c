/* wharf-cli-logs.c: "wharf-cli logs": the CloudWatch Logs of the project's
 * services, filtered by service, followed without duplicates or gaps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wharf-cli.h"
#include "wharf-cli-aws.h"
#include "wharf-cli-project.h"
#include "wharf-cli-stack.h"
#include "wharf-log-cursor.h"

/* "90s", "10m", "2h", "1d" ago, or an ISO 8601 time; in ms since the epoch. */
static gboolean
parse_since (const char *text,
             gint64     *out_ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (text, NULL);
  char *end = NULL;
  double value;
  gint64 unit;

  if (when != NULL)
    {
      *out_ms = g_date_time_to_unix (when) * 1000;
      return TRUE;
    }
  value = g_ascii_strtod (text, &end);
  if (end == text || value < 0)
    return FALSE;
  if (g_str_equal (end, "s") || *end == '\0')
    unit = 1000;
  else if (g_str_equal (end, "m"))
    unit = 60 * 1000;
  else if (g_str_equal (end, "h"))
    unit = 3600 * 1000;
  else if (g_str_equal (end, "d"))
    unit = 24 * 3600 * 1000;
  else
    return FALSE;
  *out_ms = g_get_real_time () / 1000 - (gint64) (value * unit);
  return TRUE;
}

/* The container of a stream "PROJECT/CONTAINER/TASK". */
static char *
stream_service (const char *stream)
{
  g_auto(GStrv) parts = g_strsplit (stream ? stream : "", "/", 3);

  return g_strdup (parts[0] && parts[1] ? parts[1] : stream);
}

static void
print_event (const WharfLogEvent *e,
             gboolean             timestamps)
{
  g_autofree char *service = stream_service (e->log_stream_name);
  g_autofree char *message = g_strdup (e->message ? e->message : "");

  g_strchomp (message);
  if (timestamps)
    {
      g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (e->timestamp / 1000);
      g_autofree char *iso = g_date_time_format (t, "%Y-%m-%dT%H:%M:%S");

      printf ("%s | %s.%03dZ %s\n", service, iso, (int) (e->timestamp % 1000), message);
    }
  else
    printf ("%s | %s\n", service, message);
}

static gboolean
wanted (const WharfLogEvent *e,
        char               **services)
{
  g_autofree char *service = NULL;

  if (services == NULL || services[0] == NULL)
    return TRUE;
  service = stream_service (e->log_stream_name);
  return g_strv_contains ((const char * const *) services, service);
}

int
wharf_cli_logs (int    argc,
                char **argv)
{
  g_auto(WharfCliStackCommand) cmd = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfLogCursor) cursor = NULL;
  g_autoptr(GPtrArray) initial = NULL;
  g_autofree char *group = NULL, *since = NULL, *prefix = NULL;
  g_auto(GStrv) services = NULL;
  gboolean follow = FALSE, timestamps = FALSE;
  gint tail = -1;
  gint64 start = 0;
  WharfLogsFilter filter = { 0 };
  WharfAwsClient *client;
  GCancellable *cancellable;
  const char *name;
  int status;
  GOptionEntry entries[] = {
    { "follow", 'f', 0, G_OPTION_ARG_NONE, &follow, N_("Follow new log lines"), NULL },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Only lines since a duration ago (10m, 2h) or an ISO 8601 time"), N_("WHEN") },
    { "tail", 'n', 0, G_OPTION_ARG_INT, &tail, N_("Only the last N lines"), N_("N") },
    { "timestamps", 't', 0, G_OPTION_ARG_NONE, &timestamps, N_("Show the time of each line"), NULL },
    { NULL }
  };

  status = wharf_cli_stack_command_parse (&cmd, "logs", _("[SERVICE…]"),
                                          _("Print the logs of the project's services (CloudWatch Logs)."),
                                          entries, &argc, &argv);
  if (status != WHARF_EXIT_OK)
    return status;
  if (since != NULL && !parse_since (since, &start))
    {
      wharf_cli_printerr (_("logs: --since wants a duration (30s, 10m, 2h, 1d) or an ISO 8601 time, not “%s”"), since);
      return WHARF_EXIT_USAGE;
    }
  if (tail < -1)
    {
      wharf_cli_printerr (_("logs: --tail must be 0 or more"));
      return WHARF_EXIT_USAGE;
    }
  services = g_strdupv (argv + 1);
  status = wharf_cli_stack_command_open (&cmd, FALSE);
  if (status != WHARF_EXIT_OK)
    return status;
  name = cmd.name;
  client = cmd.client;
  cancellable = cmd.cancellable;
  group = g_strdup_printf ("/docker-compose/%s", name);
  filter.log_group_name = group;
  if (g_strv_length (services) == 1)
    {
      /* One service: let the server filter. */
      prefix = g_strdup_printf ("%s/%s/", name, services[0]);
      filter.log_stream_name_prefix = prefix;
    }
  filter.start_time = start;
  initial = wharf_logs_filter_log_events (client, &filter, cancellable, &error);
  if (initial == NULL)
    {
      if (wharf_aws_client_error_has_code (error, "ResourceNotFoundException"))
        {
          wharf_cli_printerr (_("no logs for project %s (log group %s does not exist: is it deployed?)"), name, group);
          return WHARF_EXIT_FAILURE;
        }
      return wharf_cli_aws_fail (error);
    }
  cursor = wharf_log_cursor_new (start);
  {
    g_autoptr(GPtrArray) shown = g_ptr_array_new ();

    for (guint i = 0; i < initial->len; i++)
      {
        WharfLogEvent *e = g_ptr_array_index (initial, i);

        if (wharf_log_cursor_accept (cursor, e) && wanted (e, services))
          g_ptr_array_add (shown, e);
      }
    for (guint i = tail >= 0 && shown->len > (guint) tail ? shown->len - tail : 0; i < shown->len; i++)
      print_event (g_ptr_array_index (shown, i), timestamps);
  }
  fflush (stdout);
  while (follow && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GPtrArray) more = NULL;

      g_usleep (G_USEC_PER_SEC);
      filter.start_time = wharf_log_cursor_get_start (cursor);
      more = wharf_logs_filter_log_events (client, &filter, cancellable, &error);
      if (more == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            break;
          return wharf_cli_aws_fail (error);
        }
      for (guint i = 0; i < more->len; i++)
        {
          WharfLogEvent *e = g_ptr_array_index (more, i);

          if (wharf_log_cursor_accept (cursor, e) && wanted (e, services))
            print_event (e, timestamps);
        }
      fflush (stdout);
    }
  return WHARF_EXIT_OK;
}
