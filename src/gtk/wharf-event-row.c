/* wharf-event-row.c: one stack event in the deployment timeline: time,
 * type icon, logical id, reason, duration and a status badge coloured
 * with libadwaita's success/warning/error/accent classes. Rows are
 * recycled by the list view, so everything is (re)set in set_event().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-deploy-format.h"
#include "wharf-event-row.h"

struct _WharfEventRow
{
  GtkWidget        parent_instance;

  WharfStackEvent *event;
  const char      *badge_class;

  GtkWidget       *box;
  GtkLabel        *time_label;
  GtkImage        *type_icon;
  GtkLabel        *logical_id_label;
  GtkLabel        *type_label;
  GtkLabel        *reason_label;
  GtkLabel        *duration_label;
  GtkLabel        *badge;
};

G_DEFINE_FINAL_TYPE (WharfEventRow, wharf_event_row, GTK_TYPE_WIDGET)

static void
wharf_event_row_dispose (GObject *object)
{
  WharfEventRow *self = WHARF_EVENT_ROW (object);
  GtkWidget *child;

  g_clear_object (&self->event);
  gtk_widget_dispose_template (GTK_WIDGET (self), WHARF_TYPE_EVENT_ROW);
  /* The template's root box has no id: GTK 4.8 leaves it parented. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (wharf_event_row_parent_class)->dispose (object);
}

static void
wharf_event_row_class_init (WharfEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_event_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfEventRow, box);
  gtk_widget_class_bind_template_child (widget_class, WharfEventRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, WharfEventRow, type_icon);
  gtk_widget_class_bind_template_child (widget_class, WharfEventRow, logical_id_label);
  gtk_widget_class_bind_template_child (widget_class, WharfEventRow, type_label);
  gtk_widget_class_bind_template_child (widget_class, WharfEventRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, WharfEventRow, duration_label);
  gtk_widget_class_bind_template_child (widget_class, WharfEventRow, badge);
}

static void
wharf_event_row_init (WharfEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wharf_event_row_new (void)
{
  return g_object_new (WHARF_TYPE_EVENT_ROW, NULL);
}

void
wharf_event_row_set_event (WharfEventRow   *self,
                           WharfStackEvent *event)
{
  g_autofree char *time = NULL;
  g_autofree char *status = NULL;
  g_autofree char *duration = NULL;
  const char *reason;
  GDateTime *timestamp;

  g_return_if_fail (WHARF_IS_EVENT_ROW (self));
  g_return_if_fail (event == NULL || WHARF_IS_STACK_EVENT (event));

  if (!g_set_object (&self->event, event))
    return;

  if (self->badge_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge), self->badge_class);
  self->badge_class = NULL;
  if (event == NULL)
    return;

  timestamp = wharf_stack_event_get_timestamp (event);
  if (timestamp != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (timestamp);

      time = g_date_time_format (local, "%H:%M:%S");
    }
  gtk_label_set_text (self->time_label, time ? time : "");
  gtk_image_set_from_icon_name (self->type_icon,
                                wharf_deploy_format_type_icon (wharf_stack_event_get_resource_type (event)));
  gtk_label_set_text (self->logical_id_label, wharf_stack_event_get_logical_id (event));
  gtk_label_set_text (self->type_label, wharf_stack_event_get_resource_type (event));

  reason = wharf_stack_event_get_reason (event);
  gtk_label_set_text (self->reason_label, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL && *reason != '\0');
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reason_label), reason);
  /* GTK 4.8 list views measure every bound row on each layout, and a
   * wrapping label is costly to measure: only failures, whose reason is
   * what the user came for, wrap (up to three lines). */
  gtk_label_set_wrap (self->reason_label, wharf_stack_event_is_failed (event));
  if (wharf_stack_event_is_failed (event))
    gtk_widget_add_css_class (GTK_WIDGET (self->reason_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->reason_label), "error");

  /* A duration only means something once the resource's step ended. */
  if (wharf_stack_event_is_complete (event) || wharf_stack_event_is_failed (event))
    duration = wharf_deploy_format_duration (wharf_stack_event_get_duration (event));
  gtk_label_set_text (self->duration_label, duration ? duration : "");

  status = wharf_deploy_format_status (wharf_stack_event_get_status (event));
  gtk_label_set_text (self->badge, status);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->badge), wharf_stack_event_get_status (event));
  self->badge_class = wharf_deploy_format_status_class (wharf_stack_event_get_status (event));
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), self->badge_class);
}

WharfStackEvent *
wharf_event_row_get_event (WharfEventRow *self)
{
  g_return_val_if_fail (WHARF_IS_EVENT_ROW (self), NULL);
  return self->event;
}

const char *
wharf_event_row_get_badge (WharfEventRow *self)
{
  g_return_val_if_fail (WHARF_IS_EVENT_ROW (self), NULL);
  return gtk_label_get_text (self->badge);
}
