/* wharf-logs-page.c: the logs page of the main window.
 *
 * The first request reads the chosen period (FilterLogEvents, every page)
 * and keeps its last lines; following then asks again every two seconds
 * from the WharfLogCursor's start, which drops what was already shown, so
 * nothing is missed or repeated. Every request is asynchronous on the main
 * context (the client's libsoup calls), polls happen only while the page
 * is mapped (the cursor catches up on return), and the lines live in a
 * WharfLogBuffer: memory stays bounded however long the page follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-log-cursor.h"
#include "wharf-logs-page-private.h"
#include "wharf-logs-row.h"

G_DEFINE_FINAL_TYPE (WharfLogsPage, wharf_logs_page, ADW_TYPE_BIN)

/* The project, the context or a choice changed: start over. */
static void
restart (WharfLogsPage *self)
{
  _wharf_logs_page_cancel (self);
  g_clear_object (&self->client);
  g_clear_pointer (&self->cursor, wharf_log_cursor_free);
  wharf_log_buffer_clear (self->buffer);
  self->loaded = FALSE;
  self->at_bottom = TRUE;
  gtk_stack_set_visible_child_name (self->stack, self->stack_name != NULL ? "logs" : "empty");
  gtk_stack_set_visible_child_name (self->content_stack, "lines");
  _wharf_logs_page_update_footer (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _wharf_logs_page_load (self);
}

static gboolean
filter_line (gpointer item,
             gpointer user_data)
{
  WharfLogsPage *self = user_data;

  return wharf_log_line_matches (item, self->search);
}

static void
search_changed (WharfLogsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (folded, self->search) == 0)
    return;
  /* typing more only narrows: GTK then re-checks only what is shown */
  if (self->search != NULL && strstr (folded, self->search) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search != NULL && strstr (self->search, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  _wharf_logs_page_update_footer (self);
}

static void
follow_toggled (WharfLogsPage *self)
{
  if (gtk_toggle_button_get_active (self->follow_button))
    {
      /* following again goes back to the tail */
      if (self->scroll_id == 0)
        self->scroll_id = g_idle_add_full (G_PRIORITY_LOW, _wharf_logs_page_scroll_to_end, self, NULL);
      _wharf_logs_page_schedule_poll (self);
    }
  else if (self->loaded)
    /* a poll in flight is dropped too: no line arrives after "stop" */
    _wharf_logs_page_cancel (self);
}

static void
adjustment_value_changed (WharfLogsPage *self,
                          GtkAdjustment *adjustment)
{
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  /* within about a line of the end counts as following */
  self->at_bottom = gtk_adjustment_get_value (adjustment) >= bottom - 32;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autofree char *text = wharf_logs_page_dup_text (WHARF_LOGS_PAGE (widget));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
wharf_logs_page_map (GtkWidget *widget)
{
  WharfLogsPage *self = WHARF_LOGS_PAGE (widget);

  GTK_WIDGET_CLASS (wharf_logs_page_parent_class)->map (widget);
  if (!self->loaded)
    _wharf_logs_page_load (self);
  else
    _wharf_logs_page_schedule_poll (self);
}

static void
wharf_logs_page_unmap (GtkWidget *widget)
{
  WharfLogsPage *self = WHARF_LOGS_PAGE (widget);

  /* A first load cancelled here starts again on map. */
  _wharf_logs_page_cancel (self);
  GTK_WIDGET_CLASS (wharf_logs_page_parent_class)->unmap (widget);
}

static void
wharf_logs_page_dispose (GObject *object)
{
  WharfLogsPage *self = WHARF_LOGS_PAGE (object);

  _wharf_logs_page_cancel (self);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (wharf_logs_page_parent_class)->dispose (object);
}

static void
wharf_logs_page_finalize (GObject *object)
{
  WharfLogsPage *self = WHARF_LOGS_PAGE (object);

  g_clear_pointer (&self->cursor, wharf_log_cursor_free);
  g_clear_object (&self->visible);
  g_clear_object (&self->buffer);
  g_clear_object (&self->service_names);
  g_free (self->stack_name);
  g_free (self->search);

  G_OBJECT_CLASS (wharf_logs_page_parent_class)->finalize (object);
}

static void
wharf_logs_page_class_init (WharfLogsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_logs_page_dispose;
  object_class->finalize = wharf_logs_page_finalize;
  widget_class->map = wharf_logs_page_map;
  widget_class->unmap = wharf_logs_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-logs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, placeholder);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, message_page);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, since_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, tail_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, follow_button);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, footer_label);
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, factory);

  gtk_widget_class_install_action (widget_class, "logs.copy", NULL, copy_action);
}

static void
wharf_logs_page_init (WharfLogsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->poll_ms = WHARF_LOGS_PAGE_POLL_MS;
  self->at_bottom = TRUE;
  self->buffer = wharf_log_buffer_new (WHARF_LOG_BUFFER_DEFAULT_CAPACITY);
  self->filter = gtk_custom_filter_new (filter_line, self, NULL);
  self->visible = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->buffer)),
                                             GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->visible)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  wharf_logs_row_init_factory (self->factory);

  self->service_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->service_names, _("All Services"));
  gtk_drop_down_set_model (self->service_dropdown, G_LIST_MODEL (self->service_names));

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  g_signal_connect_swapped (self->follow_button, "toggled", G_CALLBACK (follow_toggled), self);
  g_signal_connect_swapped (self->service_dropdown, "notify::selected", G_CALLBACK (restart), self);
  g_signal_connect_swapped (self->since_dropdown, "notify::selected", G_CALLBACK (restart), self);
  g_signal_connect_swapped (self->tail_dropdown, "notify::selected", G_CALLBACK (restart), self);
  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed), self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
wharf_logs_page_new (void)
{
  return g_object_new (WHARF_TYPE_LOGS_PAGE, NULL);
}

void
wharf_logs_page_set_project (WharfLogsPage       *self,
                             WharfSession        *session,
                             WharfComposeProject *project)
{
  GListModel *services;
  guint n;

  g_return_if_fail (WHARF_IS_LOGS_PAGE (self));
  g_return_if_fail (WHARF_IS_SESSION (session));
  g_return_if_fail (project == NULL || WHARF_IS_COMPOSE_PROJECT (project));

  if (self->session != session)
    {
      if (self->session != NULL)
        g_signal_handlers_disconnect_by_data (self->session, self);
      g_set_object (&self->session, session);
      g_signal_connect_object (session, "notify::context-name", G_CALLBACK (restart), self,
                               G_CONNECT_SWAPPED);
    }
  g_free (self->stack_name);
  self->stack_name = project != NULL ? g_strdup (wharf_compose_project_get_name (project)) : NULL;

  /* Refilling the list resets the selection: block the restart it would
   * cause, one restart follows anyway. */
  g_signal_handlers_block_by_func (self->service_dropdown, restart, self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->service_names));
  gtk_string_list_splice (self->service_names, 1, n - 1, NULL);
  services = project != NULL ? wharf_compose_project_get_services (project) : NULL;
  for (guint i = 0; services != NULL && i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(WharfComposeService) service = g_list_model_get_item (services, i);

      gtk_string_list_append (self->service_names, wharf_compose_service_get_name (service));
    }
  gtk_drop_down_set_selected (self->service_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->service_dropdown, restart, self);
  restart (self);
}

GListModel *
wharf_logs_page_get_lines (WharfLogsPage *self)
{
  g_return_val_if_fail (WHARF_IS_LOGS_PAGE (self), NULL);
  return G_LIST_MODEL (self->buffer);
}

GListModel *
wharf_logs_page_get_visible_lines (WharfLogsPage *self)
{
  g_return_val_if_fail (WHARF_IS_LOGS_PAGE (self), NULL);
  return G_LIST_MODEL (self->visible);
}

void
wharf_logs_page_set_search (WharfLogsPage *self,
                            const char    *text)
{
  g_return_if_fail (WHARF_IS_LOGS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* search-changed comes after a delay; the caller wants it now */
  search_changed (self);
}

void
wharf_logs_page_set_follow (WharfLogsPage *self,
                            gboolean       follow)
{
  g_return_if_fail (WHARF_IS_LOGS_PAGE (self));
  gtk_toggle_button_set_active (self->follow_button, follow);
}

void
wharf_logs_page_set_poll_interval (WharfLogsPage *self,
                                   guint          ms)
{
  g_return_if_fail (WHARF_IS_LOGS_PAGE (self));
  g_return_if_fail (ms > 0);

  self->poll_ms = ms;
  if (self->poll_id != 0)
    _wharf_logs_page_schedule_poll (self);
}

guint
wharf_logs_page_get_n_requests (WharfLogsPage *self)
{
  g_return_val_if_fail (WHARF_IS_LOGS_PAGE (self), 0);
  return self->n_requests;
}

char *
wharf_logs_page_dup_text (WharfLogsPage *self)
{
  GListModel *visible;
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (WHARF_IS_LOGS_PAGE (self), NULL);

  visible = G_LIST_MODEL (self->visible);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(WharfLogLine) line = g_list_model_get_item (visible, i);
      g_autofree char *s = wharf_log_line_to_string (line);

      g_string_append (text, s);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}
