/* wharf-failure-explanation.c: the root cause of a failed deployment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-cloudformation.h"
#include "wharf-aws-ecs.h"
#include "wharf-aws-logs.h"
#include "wharf-failure-explanation.h"

struct _WharfFailureExplanation
{
  GObject          parent_instance;
  WharfStackEvent *root_cause;
  char            *stack_status;
  char            *stack_reason;
  GArray          *task_stops;
  GPtrArray       *log_lines;
};

G_DEFINE_FINAL_TYPE (WharfFailureExplanation, wharf_failure_explanation, G_TYPE_OBJECT)

static void
task_stop_clear (WharfTaskStop *stop)
{
  g_free (stop->service);
  g_free (stop->task_id);
  g_free (stop->reason);
  g_free (stop->exit_info);
}

static void
wharf_failure_explanation_finalize (GObject *object)
{
  WharfFailureExplanation *self = WHARF_FAILURE_EXPLANATION (object);

  g_clear_object (&self->root_cause);
  g_free (self->stack_status);
  g_free (self->stack_reason);
  g_array_unref (self->task_stops);
  g_ptr_array_unref (self->log_lines);
  G_OBJECT_CLASS (wharf_failure_explanation_parent_class)->finalize (object);
}

static void
wharf_failure_explanation_class_init (WharfFailureExplanationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_failure_explanation_finalize;
}

static void
wharf_failure_explanation_init (WharfFailureExplanation *self)
{
  self->task_stops = g_array_new (FALSE, TRUE, sizeof (WharfTaskStop));
  g_array_set_clear_func (self->task_stops, (GDestroyNotify) task_stop_clear);
  self->log_lines = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

gboolean
wharf_failure_reason_is_cascade (const char *reason)
{
  static const char * const cascades[] = {
    "Resource creation cancelled",
    "Resource update cancelled",
    "Resource deletion cancelled",
    "Resource handler returned message: \"null\"",
  };

  if (reason == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (cascades); i++)
    if (g_str_has_prefix (reason, cascades[i]))
      return TRUE;
  return FALSE;
}

WharfStackEvent *
wharf_failure_find_root_cause (GListModel *events)
{
  g_autoptr(WharfStackEvent) any_resource = NULL;
  g_autoptr(WharfStackEvent) any_stack = NULL;
  guint n = g_list_model_get_n_items (events);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WharfStackEvent) e = g_list_model_get_item (events, i);

      if (!wharf_stack_event_is_failed (e))
        continue;
      if (wharf_stack_event_is_stack (e))
        {
          if (any_stack == NULL)
            any_stack = g_object_ref (e);
          continue;
        }
      if (!wharf_failure_reason_is_cascade (wharf_stack_event_get_reason (e)))
        return g_steal_pointer (&e);
      if (any_resource == NULL)
        any_resource = g_object_ref (e);
    }
  if (any_resource != NULL)
    return g_steal_pointer (&any_resource);
  return g_steal_pointer (&any_stack);
}

WharfFailureExplanation *
wharf_failure_explanation_new (WharfStackEvent *root_cause,
                               const char      *stack_status,
                               const char      *stack_reason)
{
  WharfFailureExplanation *self = g_object_new (WHARF_TYPE_FAILURE_EXPLANATION, NULL);

  self->root_cause = root_cause ? g_object_ref (root_cause) : NULL;
  self->stack_status = g_strdup (stack_status);
  self->stack_reason = g_strdup (stack_reason);
  return self;
}

WharfStackEvent *wharf_failure_explanation_get_root_cause (WharfFailureExplanation *self) { return self->root_cause; }
const char *wharf_failure_explanation_get_stack_status (WharfFailureExplanation *self) { return self->stack_status; }
const char *wharf_failure_explanation_get_stack_reason (WharfFailureExplanation *self) { return self->stack_reason; }
GArray *wharf_failure_explanation_get_task_stops (WharfFailureExplanation *self) { return self->task_stops; }

void
wharf_failure_explanation_add_task_stop (WharfFailureExplanation *self,
                                         const char              *service,
                                         const char              *task_id,
                                         const char              *reason,
                                         const char              *exit_info)
{
  WharfTaskStop stop = {
    g_strdup (service), g_strdup (task_id), g_strdup (reason), g_strdup (exit_info)
  };

  g_array_append_val (self->task_stops, stop);
}

void
wharf_failure_explanation_add_log_line (WharfFailureExplanation *self,
                                        const char              *line)
{
  g_ptr_array_add (self->log_lines, g_strdup (line));
}

const char * const *
wharf_failure_explanation_get_log_lines (WharfFailureExplanation *self)
{
  return (const char * const *) self->log_lines->pdata;
}

char *
wharf_failure_explanation_format (WharfFailureExplanation *self)
{
  GString *out = g_string_new (NULL);

  if (self->root_cause != NULL)
    g_string_append_printf (out, _("Root cause: %s (%s) %s: %s\n"),
                            wharf_stack_event_get_logical_id (self->root_cause),
                            wharf_stack_event_get_resource_type (self->root_cause),
                            wharf_stack_event_get_status (self->root_cause),
                            wharf_stack_event_get_reason (self->root_cause)
                              ? wharf_stack_event_get_reason (self->root_cause) : _("no reason given"));
  else if (self->stack_reason != NULL)
    g_string_append_printf (out, _("Stack %s: %s\n"), self->stack_status, self->stack_reason);
  for (guint i = 0; i < self->task_stops->len; i++)
    {
      WharfTaskStop *s = &g_array_index (self->task_stops, WharfTaskStop, i);

      g_string_append_printf (out, _("Task %s of %s stopped: %s\n"), s->task_id, s->service, s->reason);
      if (s->exit_info != NULL)
        g_string_append_printf (out, "  %s\n", s->exit_info);
    }
  if (self->log_lines->len > 0)
    {
      g_string_append (out, _("Last log lines:\n"));
      for (guint i = 0; i < self->log_lines->len; i++)
        g_string_append_printf (out, "  %s\n", (const char *) g_ptr_array_index (self->log_lines, i));
    }
  return g_string_free (out, FALSE);
}

/* ---- gathering evidence ---------------------------------------------------- */

static char *
task_id_of (const char *arn)
{
  const char *slash = arn ? strrchr (arn, '/') : NULL;

  return g_strdup (slash ? slash + 1 : arn);
}

static void
explain_service (WharfAwsClient          *client,
                 WharfFailureExplanation *self,
                 const char              *project,
                 const char              *cluster,
                 WharfCfnResourceSummary *service,
                 GPtrArray               *streams,
                 GCancellable            *cancellable)
{
  g_auto(GStrv) arns = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  const char *name = service->physical_resource_id ? strrchr (service->physical_resource_id, '/') : NULL;

  name = name ? name + 1 : service->physical_resource_id;
  if (name == NULL)
    return;
  arns = wharf_ecs_list_tasks (client, cluster, name, "STOPPED", cancellable, NULL);
  if (arns == NULL || arns[0] == NULL)
    return;
  tasks = wharf_ecs_describe_tasks (client, cluster, (const char * const *) arns, cancellable, NULL);
  for (guint i = 0; tasks != NULL && i < tasks->len && i < 3; i++)
    {
      WharfEcsTask *t = g_ptr_array_index (tasks, i);
      g_autofree char *id = task_id_of (t->arn);
      g_autofree char *reason = NULL;
      g_autofree char *exit_info = NULL;

      reason = t->stop_code ? g_strdup_printf ("%s: %s", t->stop_code, t->stopped_reason ? t->stopped_reason : "")
                            : g_strdup (t->stopped_reason ? t->stopped_reason : _("no reason given"));
      for (guint j = 0; t->containers != NULL && j < t->containers->len; j++)
        {
          WharfEcsContainer *c = g_ptr_array_index (t->containers, j);

          if (c->exit_code >= 0 && c->exit_code != 0 && exit_info == NULL)
            exit_info = c->reason != NULL
              ? g_strdup_printf (_("container %s exited with code %lld: %s"),
                                 c->name, (long long) c->exit_code, c->reason)
              : g_strdup_printf (_("container %s exited with code %lld"),
                                 c->name, (long long) c->exit_code);
          if (c->name != NULL)
            g_ptr_array_add (streams, g_strdup_printf ("%s/%s/%s", project, c->name, id));
        }
      wharf_failure_explanation_add_task_stop (self, service->logical_resource_id, id, reason, exit_info);
    }
}

WharfFailureExplanation *
wharf_failure_explain (WharfAwsClient *client,
                       const char     *stack_name,
                       GListModel     *events,
                       const char     *stack_status,
                       const char     *stack_reason,
                       guint           max_log_lines,
                       GCancellable   *cancellable)
{
  g_autoptr(WharfStackEvent) root = wharf_failure_find_root_cause (events);
  g_autoptr(WharfFailureExplanation) self = wharf_failure_explanation_new (root, stack_status, stack_reason);
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GPtrArray) streams = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_autofree char *group = g_strdup_printf ("/docker-compose/%s", stack_name);
  const char *cluster = NULL;

  resources = wharf_cfn_list_stack_resources (client, stack_name, cancellable, NULL);
  for (guint i = 0; resources != NULL && i < resources->len; i++)
    {
      WharfCfnResourceSummary *r = g_ptr_array_index (resources, i);

      if (g_strcmp0 (r->resource_type, "AWS::ECS::Cluster") == 0 && r->physical_resource_id != NULL)
        cluster = r->physical_resource_id;
    }
  for (guint i = 0; cluster != NULL && resources != NULL && i < resources->len; i++)
    {
      WharfCfnResourceSummary *r = g_ptr_array_index (resources, i);

      if (g_strcmp0 (r->resource_type, "AWS::ECS::Service") == 0)
        explain_service (client, self, stack_name, cluster, r, streams, cancellable);
    }
  if (streams->len > 0 && max_log_lines > 0)
    {
      WharfLogsFilter filter = { 0 };
      g_autoptr(GPtrArray) lines = NULL;

      filter.log_group_name = group;
      /* FilterLogEvents accepts at most 100 stream names. */
      if (streams->len > 100)
        g_ptr_array_set_size (streams, 100);
      filter.log_stream_names = (const char * const *) streams->pdata;
      lines = wharf_logs_filter_log_events (client, &filter, cancellable, NULL);
      for (guint i = lines && lines->len > max_log_lines ? lines->len - max_log_lines : 0;
           lines != NULL && i < lines->len; i++)
        {
          WharfLogEvent *e = g_ptr_array_index (lines, i);
          g_auto(GStrv) parts = g_strsplit (e->log_stream_name ? e->log_stream_name : "", "/", 3);
          g_autofree char *line = g_strdup_printf ("%s | %s", parts[0] && parts[1] ? parts[1] : "?",
                                                   e->message ? e->message : "");

          wharf_failure_explanation_add_log_line (self, g_strchomp (line));
        }
    }
  return g_steal_pointer (&self);
}
