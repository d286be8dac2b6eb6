/* wharf-status-service-row.c: a card per service on the status page.
 *
 * The task list is a small GtkListBox (running tasks plus at most three
 * stopped ones); the page's GtkListView recycles the cards themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-status-service-row.h"

struct _WharfStatusServiceRow
{
  AdwBin      parent_instance;

  GtkLabel   *name_label;
  GtkLabel   *health_label;
  GtkLabel   *rollout_label;
  GtkLabel   *counts_label;
  GtkFlowBox *endpoints_box;
  GtkListBox *tasks_list;
};

G_DEFINE_FINAL_TYPE (WharfStatusServiceRow, wharf_status_service_row, ADW_TYPE_BIN)

static const char * const badge_classes[] = { "success", "warning", "error", NULL };

char *
wharf_status_title_case (const char *state)
{
  g_autofree char *lower = g_ascii_strdown (state != NULL && *state != '\0' ? state : "UNKNOWN", -1);

  lower[0] = g_ascii_toupper (lower[0]);
  g_strdelimit (lower, "_", ' ');
  return g_steal_pointer (&lower);
}

/* Sets LABEL to STATE (title-cased) with the colour of its meaning. */
static void
set_badge (GtkLabel   *label,
           const char *state)
{
  g_autofree char *text = wharf_status_title_case (state);
  const char *css = NULL;

  for (guint i = 0; badge_classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), badge_classes[i]);
  if (g_strcmp0 (state, "HEALTHY") == 0 || g_strcmp0 (state, "RUNNING") == 0 ||
      g_strcmp0 (state, "COMPLETED") == 0)
    css = "success";
  else if (g_strcmp0 (state, "UNHEALTHY") == 0 || g_strcmp0 (state, "STOPPED") == 0 ||
           g_strcmp0 (state, "FAILED") == 0)
    css = "error";
  else if (state != NULL && g_strcmp0 (state, "UNKNOWN") != 0)
    css = "warning";
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css);
  gtk_label_set_text (label, text);
}

static GtkWidget *
task_row (WharfStatusTask *task)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (NULL);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), task->id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "wharf-task-row");
  if (task->stop_reason != NULL)
    subtitle = g_strdup (task->stop_reason);
  else if (task->started_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (task->started_at);
      g_autofree char *when = g_date_time_format (local, "%x %X");
      g_autofree char *health = wharf_status_title_case (task->health_status);

      /* Translators: a task's start time, then its health ("Healthy") */
      subtitle = g_strdup_printf (_("Started %s · %s"), when, health);
    }
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
    }
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "wharf-badge");
  set_badge (GTK_LABEL (status), task->last_status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  return row;
}

static void
wharf_status_service_row_class_init (WharfStatusServiceRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-status-service-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfStatusServiceRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusServiceRow, health_label);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusServiceRow, rollout_label);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusServiceRow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusServiceRow, endpoints_box);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusServiceRow, tasks_list);
}

static void
wharf_status_service_row_init (WharfStatusServiceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wharf_status_service_row_new (void)
{
  return g_object_new (WHARF_TYPE_STATUS_SERVICE_ROW, NULL);
}

void
wharf_status_service_row_set_service (WharfStatusServiceRow *self,
                                      WharfStatusService    *service)
{
  const char * const *endpoints;
  const char *rollout;
  GPtrArray *tasks;
  GtkWidget *child;
  g_autofree char *counts = NULL;

  g_return_if_fail (WHARF_IS_STATUS_SERVICE_ROW (self));
  g_return_if_fail (service == NULL || WHARF_IS_STATUS_SERVICE (service));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->endpoints_box))) != NULL)
    gtk_flow_box_remove (self->endpoints_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tasks_list))) != NULL)
    gtk_list_box_remove (self->tasks_list, child);
  if (service == NULL)
    return;

  gtk_label_set_text (self->name_label, wharf_status_service_get_name (service));
  set_badge (self->health_label, wharf_status_service_get_health (service));
  rollout = wharf_status_service_get_rollout_state (service);
  /* a completed rollout is the normal case: only show the others */
  gtk_widget_set_visible (GTK_WIDGET (self->rollout_label),
                          rollout != NULL && g_strcmp0 (rollout, "COMPLETED") != 0);
  if (rollout != NULL)
    set_badge (self->rollout_label, rollout);
  /* Translators: task counts of a service */
  counts = g_strdup_printf (_("%ld desired · %ld running · %ld pending"),
                            (long) wharf_status_service_get_desired (service),
                            (long) wharf_status_service_get_running (service),
                            (long) wharf_status_service_get_pending (service));
  gtk_label_set_text (self->counts_label, counts);

  endpoints = wharf_status_service_get_endpoints (service);
  gtk_widget_set_visible (GTK_WIDGET (self->endpoints_box), endpoints[0] != NULL);
  for (guint i = 0; endpoints[i] != NULL; i++)
    {
      GtkWidget *link = gtk_link_button_new (endpoints[i]);

      gtk_widget_set_halign (link, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (link, _("Open in a web browser"));
      gtk_flow_box_append (self->endpoints_box, link);
    }

  tasks = wharf_status_service_get_tasks (service);
  gtk_widget_set_visible (GTK_WIDGET (self->tasks_list), tasks->len > 0);
  for (guint i = 0; i < tasks->len; i++)
    gtk_list_box_append (self->tasks_list, task_row (g_ptr_array_index (tasks, i)));
}
