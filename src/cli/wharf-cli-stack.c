/* wharf-cli-stack.c: what the stack commands share (options, stack name,
 * AWS client), and stack events and outcomes on the terminal.
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
  GHashTable *received;    /* logical id → monotonic time its last event came */
  guint       drawn;       /* lines of the last drawing */
  /* In a terminal, a thread redraws the table every second so that the
   * elapsed time of resources in progress runs between events (events
   * arrive on the main thread, which is blocked in the wait). */
  GMutex      lock;
  GCond       stop_cond;
  gboolean    stop;
  GThread    *ticker;
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

/* The elapsed time of a row: the resource's duration at its last event,
 * plus the time since that event while it is in progress. */
static double
row_elapsed (WharfCliEventPrinter *p,
             const char           *id,
             WharfStackEvent      *e,
             gint64                now)
{
  GTimeSpan duration = MAX (wharf_stack_event_get_duration (e), 0);
  gint64 *received = g_hash_table_lookup (p->received, id);

  if (!wharf_stack_event_is_failed (e) && !wharf_stack_event_is_complete (e) && received != NULL)
    duration += now - *received;
  return (double) duration / G_USEC_PER_SEC;
}

/* Called with p->lock held. */
static void
draw_table (WharfCliEventPrinter *p)
{
  gint64 now = g_get_monotonic_time ();

  if (p->drawn > 0)
    printf ("\033[%uA", p->drawn);
  for (guint i = 0; i < p->rows->len; i++)
    {
      const char *id = g_ptr_array_index (p->rows, i);
      WharfStackEvent *e = g_hash_table_lookup (p->last, id);
      const char *mark = wharf_stack_event_is_failed (e) ? "✗" : wharf_stack_event_is_complete (e) ? "✔" : "…";

      printf ("\033[K %s %-30s %-28s %6.1fs\n", mark, id, wharf_stack_event_get_status (e),
              row_elapsed (p, id, e, now));
    }
  p->drawn = p->rows->len;
  fflush (stdout);
}

static gpointer
ticker_thread (gpointer user_data)
{
  WharfCliEventPrinter *p = user_data;
  gint64 next = g_get_monotonic_time () + G_USEC_PER_SEC;

  g_mutex_lock (&p->lock);
  while (!p->stop)
    {
      if (!g_cond_wait_until (&p->stop_cond, &p->lock, next))
        {
          if (p->rows->len > 0)
            draw_table (p);
          next += G_USEC_PER_SEC;
        }
    }
  g_mutex_unlock (&p->lock);
  return NULL;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  WharfCliEventPrinter *p = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&p->lock);

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(WharfStackEvent) e = g_list_model_get_item (model, i);
      const char *id = wharf_stack_event_get_logical_id (e);
      gint64 *received;

      if (!p->live)
        {
          g_autofree char *line = wharf_cli_format_event (e);

          printf ("%s\n", line);
          continue;
        }
      if (!g_hash_table_contains (p->last, id))
        g_ptr_array_add (p->rows, g_strdup (id));
      g_hash_table_replace (p->last, g_strdup (id), g_object_ref (e));
      received = g_new (gint64, 1);
      *received = g_get_monotonic_time ();
      g_hash_table_replace (p->received, g_strdup (id), received);
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
  p->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&p->lock);
  g_cond_init (&p->stop_cond);
  p->handler = g_signal_connect (events, "items-changed", G_CALLBACK (on_items_changed), p);
  if (n > 0)
    on_items_changed (events, 0, 0, n, p);
  if (live)
    p->ticker = g_thread_new ("ticker", ticker_thread, p);
  return p;
}

void
wharf_cli_event_printer_free (WharfCliEventPrinter *p)
{
  if (p == NULL)
    return;
  if (p->ticker != NULL)
    {
      g_mutex_lock (&p->lock);
      p->stop = TRUE;
      g_cond_signal (&p->stop_cond);
      g_mutex_unlock (&p->lock);
      g_thread_join (p->ticker);
    }
  g_signal_handler_disconnect (p->events, p->handler);
  g_object_unref (p->events);
  g_ptr_array_unref (p->rows);
  g_hash_table_unref (p->last);
  g_hash_table_unref (p->received);
  g_mutex_clear (&p->lock);
  g_cond_clear (&p->stop_cond);
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
  gboolean ok;

  printer = wharf_cli_event_printer_new (wharf_deployment_get_events (deployment), wharf_cli_is_terminal ());
  ok = wharf_deployment_wait (deployment, wharf_cli_interrupt_cancellable (), &error);
  /* the table stops ticking before anything is printed below it */
  g_clear_pointer (&printer, wharf_cli_event_printer_free);
  if (ok)
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

/* The stack name: -p, else the project's name (which needs the files). */
char *
wharf_cli_stack_name (WharfCliProjectOptions *options)
{
  g_autoptr(WharfComposeProject) project = NULL;

  if (options->project_name != NULL)
    return g_strdup (options->project_name);
  project = wharf_cli_project_load (options);
  return project ? g_strdup (wharf_compose_project_get_name (project)) : NULL;
}

int
wharf_cli_stack_command_parse (WharfCliStackCommand *self,
                               const char           *command,
                               const char           *parameters,
                               const char           *summary,
                               const GOptionEntry   *entries,
                               int                  *argc,
                               char               ***argv)
{
  g_autoptr(GError) error = NULL;

  self->command = command;
  /* Ctrl-C detaches (or interrupts) from the very start. */
  self->cancellable = wharf_cli_interrupt_cancellable ();
  self->context = g_option_context_new (parameters);
  g_option_context_set_summary (self->context, summary);
  g_option_context_add_main_entries (self->context, entries, GETTEXT_PACKAGE);
  wharf_cli_project_options_add (&self->project_options, self->context);
  wharf_cli_aws_options_add (&self->aws_options, self->context, TRUE);
  if (!g_option_context_parse (self->context, argc, argv, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  if (parameters == NULL && *argc > 1)
    {
      /* TRANSLATORS: the first %s is a command name ("up", "down"…) */
      wharf_cli_printerr (_("%s: unexpected argument “%s”"), command, (*argv)[1]);
      return WHARF_EXIT_USAGE;
    }
  return WHARF_EXIT_OK;
}

int
wharf_cli_stack_command_open (WharfCliStackCommand *self,
                              gboolean              load_project)
{
  if (load_project)
    {
      self->project = wharf_cli_project_load (&self->project_options);
      if (self->project == NULL)
        return WHARF_EXIT_FAILURE;
      self->name = g_strdup (wharf_compose_project_get_name (self->project));
    }
  else
    {
      self->name = wharf_cli_stack_name (&self->project_options);
      if (self->name == NULL)
        return WHARF_EXIT_FAILURE;
    }
  self->client = wharf_cli_aws_client (&self->aws_options);
  if (self->client == NULL)
    return WHARF_EXIT_FAILURE;
  return WHARF_EXIT_OK;
}

void
wharf_cli_stack_command_clear (WharfCliStackCommand *self)
{
  wharf_cli_project_options_clear (&self->project_options);
  wharf_cli_aws_options_clear (&self->aws_options);
  g_clear_pointer (&self->context, g_option_context_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->project);
  g_clear_object (&self->client);
}
