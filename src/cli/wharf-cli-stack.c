/* wharf-cli-stack.c: stack events and outcomes on the terminal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "wharf-cli.h"
#include "wharf-cli-aws.h"
#include "wharf-cli-stack.h"

struct _WharfCliEventPrinter
{
  GListModel *events;
  gulong      handler;
  gboolean    live;
  GPtrArray  *rows;        /* logical ids in order of appearance */
  GHashTable *last;        /* logical id → WharfStackEvent */
  guint       drawn;       /* lines of the last drawing */
};

gboolean
wharf_cli_is_terminal (void)
{
  return isatty (STDOUT_FILENO) && g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
}

char *
wharf_cli_format_event (WharfStackEvent *event)
{
  g_autofree char *time = g_date_time_format (wharf_stack_event_get_timestamp (event), "%H:%M:%S");
  GTimeSpan duration = wharf_stack_event_get_duration (event);
  g_autofree char *elapsed = duration >= 0 ? g_strdup_printf (" (%.1fs)", (double) duration / G_USEC_PER_SEC)
                                           : g_strdup ("");
  const char *reason = wharf_stack_event_get_reason (event);

  return g_strdup_printf ("%s  %-28s %-38s %s%s%s%s", time,
                          wharf_stack_event_get_logical_id (event),
                          wharf_stack_event_get_resource_type (event),
                          wharf_stack_event_get_status (event), elapsed,
                          reason ? "  " : "", reason ? reason : "");
}

static void
draw_table (WharfCliEventPrinter *p)
{
  if (p->drawn > 0)
    printf ("\033[%uA", p->drawn);
  for (guint i = 0; i < p->rows->len; i++)
    {
      WharfStackEvent *e = g_hash_table_lookup (p->last, g_ptr_array_index (p->rows, i));
      GTimeSpan duration = wharf_stack_event_get_duration (e);
      const char *mark = wharf_stack_event_is_failed (e) ? "✗" : wharf_stack_event_is_complete (e) ? "✔" : "…";

      printf ("\033[K %s %-30s %-28s %6.1fs\n", mark, wharf_stack_event_get_logical_id (e),
              wharf_stack_event_get_status (e), duration >= 0 ? (double) duration / G_USEC_PER_SEC : 0.0);
    }
  p->drawn = p->rows->len;
  fflush (stdout);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  WharfCliEventPrinter *p = user_data;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(WharfStackEvent) e = g_list_model_get_item (model, i);
      const char *id = wharf_stack_event_get_logical_id (e);

      if (!p->live)
        {
          g_autofree char *line = wharf_cli_format_event (e);

          printf ("%s\n", line);
          continue;
        }
      if (!g_hash_table_contains (p->last, id))
        g_ptr_array_add (p->rows, g_strdup (id));
      g_hash_table_replace (p->last, g_strdup (id), g_object_ref (e));
    }
  if (p->live)
    draw_table (p);
  else
    fflush (stdout);
}

WharfCliEventPrinter *
wharf_cli_event_printer_new (GListModel *events,
                             gboolean    live)
{
  WharfCliEventPrinter *p = g_new0 (WharfCliEventPrinter, 1);
  guint n = g_list_model_get_n_items (events);

  p->events = g_object_ref (events);
  p->live = live;
  p->rows = g_ptr_array_new_with_free_func (g_free);
  p->last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  p->handler = g_signal_connect (events, "items-changed", G_CALLBACK (on_items_changed), p);
  if (n > 0)
    on_items_changed (events, 0, 0, n, p);
  return p;
}

void
wharf_cli_event_printer_free (WharfCliEventPrinter *p)
{
  if (p == NULL)
    return;
  g_signal_handler_disconnect (p->events, p->handler);
  g_object_unref (p->events);
  g_ptr_array_unref (p->rows);
  g_hash_table_unref (p->last);
  g_free (p);
}

void
wharf_cli_print_change_set (WharfCfnChangeSet *cs,
                            gboolean           new_stack)
{
  printf (new_stack ? _("Changes (new stack %s):\n") : _("Changes to stack %s:\n"), cs->stack_name);
  printf ("  %-8s %-34s %-40s %s\n", _("ACTION"), _("LOGICAL ID"), _("TYPE"), _("REPLACEMENT"));
  for (guint i = 0; i < cs->changes->len; i++)
    {
      WharfCfnResourceChange *c = g_ptr_array_index (cs->changes, i);

      printf ("  %-8s %-34s %-40s %s\n", c->action, c->logical_resource_id, c->resource_type,
              c->replacement ? c->replacement : "-");
    }
  fflush (stdout);
}

int
wharf_cli_follow_deployment (WharfDeployment *deployment)
{
  g_autoptr(WharfCliEventPrinter) printer = NULL;
  g_autoptr(GError) error = NULL;
  const char *stack = wharf_deployment_get_stack_name (deployment);
  const char *status;
  WharfFailureExplanation *why;

  printer = wharf_cli_event_printer_new (wharf_deployment_get_events (deployment), wharf_cli_is_terminal ());
  if (wharf_deployment_wait (deployment, wharf_cli_interrupt_cancellable (), &error))
    {
      printf (_("Stack %s: %s\n"), stack, wharf_deployment_get_stack_status (deployment));
      return WHARF_EXIT_OK;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      wharf_cli_printerr (_("Detached: the stack operation goes on. Follow it with:\n  wharf-cli events --follow -p %s"),
                          stack);
      return WHARF_EXIT_INTERRUPTED;
    }
  if (!g_error_matches (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_FAILED))
    return wharf_cli_aws_fail (error);
  wharf_cli_print_error (error);
  why = wharf_deployment_get_explanation (deployment);
  if (why != NULL)
    {
      g_autofree char *text = wharf_failure_explanation_format (why);

      fprintf (stderr, "%s", text);
    }
  status = wharf_deployment_get_stack_status (deployment);
  if (g_strcmp0 (status, "ROLLBACK_COMPLETE") == 0 || g_strcmp0 (status, "ROLLBACK_FAILED") == 0)
    wharf_cli_printerr (_("The stack %s was kept in %s so that you can look at it. Recreate it with:\n"
                          "  wharf-cli down -p %s && wharf-cli up -p %s"), stack, status, stack, stack);
  return WHARF_EXIT_FAILURE;
}
