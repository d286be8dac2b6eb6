/* wharf-failure-banner.c: why a deployment failed.
 *
 * The root cause comes from WharfFailureExplanation, which skips the
 * "Resource creation cancelled" cascade that CloudFormation writes for
 * every resource it stopped because of the first failure: that cascade
 * is what users otherwise read first and it explains nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-failure-banner.h"

struct _WharfFailureBanner
{
  GtkWidget    parent_instance;

  GtkLabel    *title_label;
  GtkLabel    *cause_label;
  GtkLabel    *outcome_label;
  GtkLabel    *tasks_label;
  GtkExpander *logs_expander;
  GtkLabel    *logs_label;
};

G_DEFINE_FINAL_TYPE (WharfFailureBanner, wharf_failure_banner, GTK_TYPE_WIDGET)

static void
wharf_failure_banner_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), WHARF_TYPE_FAILURE_BANNER);
  /* The template's root box has no id: GTK 4.8 leaves it parented. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (wharf_failure_banner_parent_class)->dispose (object);
}

static void
wharf_failure_banner_class_init (WharfFailureBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_failure_banner_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-failure-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfFailureBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, WharfFailureBanner, cause_label);
  gtk_widget_class_bind_template_child (widget_class, WharfFailureBanner, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, WharfFailureBanner, tasks_label);
  gtk_widget_class_bind_template_child (widget_class, WharfFailureBanner, logs_expander);
  gtk_widget_class_bind_template_child (widget_class, WharfFailureBanner, logs_label);
}

static void
wharf_failure_banner_init (WharfFailureBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wharf_failure_banner_new (void)
{
  return g_object_new (WHARF_TYPE_FAILURE_BANNER, NULL);
}

/* What the on-failure policy did with the stack, in words. */
static char *
describe_outcome (WharfOnFailure  on_failure,
                  const char     *stack_status)
{
  const char *status = stack_status ? stack_status : _("unknown");

  if (g_strcmp0 (stack_status, "DELETE_COMPLETE") == 0)
    return g_strdup (_("The failed stack was deleted, as chosen before executing."));
  if (on_failure == WHARF_ON_FAILURE_KEEP)
    return g_strdup_printf (_("The failed resources were kept for debugging (stack status %s). "
                              "Delete the stack when you are done."), status);
  return g_strdup_printf (_("CloudFormation rolled the stack back (status %s). "
                            "A stack whose creation failed must be deleted before deploying again."), status);
}

void
wharf_failure_banner_set_explanation (WharfFailureBanner      *self,
                                      WharfFailureExplanation *explanation,
                                      const char              *message,
                                      WharfOnFailure           on_failure,
                                      const char              *stack_status)
{
  WharfStackEvent *root = NULL;
  g_autofree char *cause = NULL;
  g_autofree char *outcome = NULL;
  g_autoptr(GString) tasks = g_string_new (NULL);
  g_autofree char *logs = NULL;

  g_return_if_fail (WHARF_IS_FAILURE_BANNER (self));

  if (explanation != NULL)
    root = wharf_failure_explanation_get_root_cause (explanation);
  if (root != NULL)
    {
      const char *reason = wharf_stack_event_get_reason (root);

      gtk_label_set_text (self->title_label, _("Deployment Failed"));
      cause = g_strdup_printf ("%s (%s): %s", wharf_stack_event_get_logical_id (root),
                               wharf_stack_event_get_resource_type (root),
                               reason ? reason : wharf_stack_event_get_status (root));
    }
  else
    {
      gtk_label_set_text (self->title_label, _("Deployment Failed"));
      cause = g_strdup (message ? message : _("CloudFormation did not say why."));
    }
  gtk_label_set_text (self->cause_label, cause);

  outcome = describe_outcome (on_failure, stack_status);
  gtk_label_set_text (self->outcome_label, outcome);

  if (explanation != NULL)
    {
      GArray *stops = wharf_failure_explanation_get_task_stops (explanation);
      const char * const *lines = wharf_failure_explanation_get_log_lines (explanation);

      for (guint i = 0; stops != NULL && i < stops->len; i++)
        {
          WharfTaskStop *stop = &g_array_index (stops, WharfTaskStop, i);

          if (tasks->len > 0)
            g_string_append_c (tasks, '\n');
          /* Translators: service, task id and the reason ECS stopped it. */
          g_string_append_printf (tasks, _("Task %s of %s stopped: %s"), stop->task_id, stop->service, stop->reason);
          if (stop->exit_info != NULL)
            g_string_append_printf (tasks, " (%s)", stop->exit_info);
        }
      if (lines != NULL && lines[0] != NULL)
        logs = g_strjoinv ("\n", (char **) lines);
    }
  gtk_label_set_text (self->tasks_label, tasks->str);
  gtk_widget_set_visible (GTK_WIDGET (self->tasks_label), tasks->len > 0);
  gtk_label_set_text (self->logs_label, logs ? logs : "");
  gtk_widget_set_visible (GTK_WIDGET (self->logs_expander), logs != NULL);
  gtk_expander_set_expanded (self->logs_expander, logs != NULL);
}

const char *
wharf_failure_banner_get_root_cause (WharfFailureBanner *self)
{
  g_return_val_if_fail (WHARF_IS_FAILURE_BANNER (self), NULL);
  return gtk_label_get_text (self->cause_label);
}
