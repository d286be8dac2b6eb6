/* wharf-logs-page-follow.c: the requests of the logs page.
 *
 * The first request reads the chosen period (FilterLogEvents, every page)
 * and keeps its last lines; following then asks again every two seconds
 * from the WharfLogCursor's start, which drops what was already shown, so
 * nothing is missed or repeated. Every request is asynchronous on the main
 * context (the client's libsoup calls), and polls happen only while the
 * page is mapped: the cursor catches up on return.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-log-cursor.h"
#include "wharf-logs-page-private.h"
#include "wharf-status-error.h"

static const gint64 since_ms[] = { 10 * 60 * 1000, 3600 * 1000, 24 * 3600 * 1000, 7 * 24 * 3600 * 1000 };
static const guint tail_lines[] = { 100, 1000, 10000 };

void
_wharf_logs_page_update_footer (WharfLogsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->visible));
  guint kept = g_list_model_get_n_items (G_LIST_MODEL (self->buffer));
  g_autofree char *text = NULL;

  if (!self->loaded)
    text = g_strdup (_("Loading…"));
  else if (wharf_log_buffer_get_dropped (self->buffer) > 0)
    /* Translators: lines shown, lines kept, the most kept */
    text = g_strdup_printf (_("%u of %u lines · older lines are dropped past %u"),
                            shown, kept, wharf_log_buffer_get_capacity (self->buffer));
  else
    text = g_strdup_printf (ngettext ("%u of %u line", "%u of %u lines", kept), shown, kept);
  gtk_label_set_text (self->footer_label, text);
  if (self->loaded)
    gtk_stack_set_visible_child_name (self->content_stack, "lines");
}

static void
show_message (WharfLogsPage *self,
              const char    *title,
              const char    *description)
{
  adw_status_page_set_title (self->message_page, title);
  adw_status_page_set_description (self->message_page, description);
  gtk_stack_set_visible_child_name (self->content_stack, "message");
}

void
_wharf_logs_page_cancel (WharfLogsPage *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static const char *
selected_service (WharfLogsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->service_dropdown);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->service_names, i);
}

static gboolean
scroll_again (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  return G_SOURCE_REMOVE;
}

gboolean
_wharf_logs_page_scroll_to_end (gpointer user_data)
{
  WharfLogsPage *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->visible));

  self->scroll_id = 0;
  if (n > 0)
    {
      /* Not "list.scroll-to-item" (gtk_list_view_scroll_to() is 4.12):
       * GTK 4.8 warns when the new row has no allocation yet. The
       * adjustment clamps to the bottom; once the list has measured the
       * new rows, the tick below goes there again. */
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), scroll_again, NULL, NULL);
    }
  self->at_bottom = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets EVENTS through the cursor; keeps at most the last LIMIT. */
static void
append_events (WharfLogsPage *self,
               GPtrArray     *events,
               guint          limit)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean follow_tail = self->at_bottom && gtk_toggle_button_get_active (self->follow_button);
  guint first;

  for (guint i = 0; i < events->len; i++)
    {
      WharfLogEvent *e = g_ptr_array_index (events, i);

      if (wharf_log_cursor_accept (self->cursor, e))
        g_ptr_array_add (lines, wharf_log_line_new_from_event (e));
    }
  first = lines->len > limit ? lines->len - limit : 0;
  if (first > 0)
    g_ptr_array_remove_range (lines, 0, first);
  wharf_log_buffer_append (self->buffer, lines);
  _wharf_logs_page_update_footer (self);
  /* stay on the tail unless the user scrolled up to read; after the
   * list view has measured the new rows */
  if (follow_tail && lines->len > 0 && self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_LOW, _wharf_logs_page_scroll_to_end, self, NULL);
}

static void
request (WharfLogsPage       *self,
         gint64               start_ms,
         GAsyncReadyCallback  callback)
{
  g_autofree char *group = g_strdup_printf ("/docker-compose/%s", self->stack_name);
  g_autofree char *prefix = NULL;
  const char *service = selected_service (self);
  WharfLogsFilter filter = { 0 };

  filter.log_group_name = group;
  if (service != NULL)
    {
      /* one service: the server filters its streams */
      prefix = g_strdup_printf ("%s/%s/", self->stack_name, service);
      filter.log_stream_name_prefix = prefix;
    }
  filter.start_time = start_ms;
  self->cancellable = g_cancellable_new ();
  wharf_logs_filter_log_events_async (self->client, &filter, self->cancellable, callback, g_object_ref (self));
}

/* Common checks of a finished request; FALSE when it is stale. */
static gboolean
request_done (WharfLogsPage *self,
              GAsyncResult  *result,
              GPtrArray    **out_events,
              GError       **error)
{
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return FALSE;
  *out_events = wharf_logs_filter_log_events_finish (self->client, result, error);
  if (*out_events == NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  g_clear_object (&self->cancellable);
  self->n_requests++;
  return TRUE;
}

static void
polled (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(WharfLogsPage) self = user_data;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  if (!request_done (self, result, &events, &error))
    return;
  if (events == NULL)
    {
      /* Keep the lines and try again: a throttled poll loses nothing,
       * the cursor asks from the same place next time. */
      g_autofree char *title = wharf_status_error_dup_title (error);

      gtk_label_set_text (self->footer_label, title);
    }
  else
    append_events (self, events, G_MAXUINT);
  _wharf_logs_page_schedule_poll (self);
}

static gboolean
poll_timeout (gpointer user_data)
{
  WharfLogsPage *self = user_data;

  self->poll_id = 0;
  request (self, wharf_log_cursor_get_start (self->cursor), polled);
  return G_SOURCE_REMOVE;
}

void
_wharf_logs_page_schedule_poll (WharfLogsPage *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->loaded && self->cancellable == NULL &&
      gtk_toggle_button_get_active (self->follow_button) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->poll_id = g_timeout_add (self->poll_ms, poll_timeout, self);
}

static void
loaded (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(WharfLogsPage) self = user_data;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  if (!request_done (self, result, &events, &error))
    return;
  if (events == NULL)
    {
      g_autofree char *title = NULL, *description = NULL;

      if (wharf_aws_client_error_has_code (error, "ResourceNotFoundException"))
        {
          title = g_strdup (_("No Logs Yet"));
          description = g_strdup_printf (_("The log group /docker-compose/%s does not exist: the project has not been deployed in this account and region."),
                                         self->stack_name);
        }
      else
        {
          title = wharf_status_error_dup_title (error);
          description = wharf_status_error_dup_description (error);
        }
      show_message (self, title, description);
      return;
    }
  self->loaded = TRUE;
  append_events (self, events, tail_lines[MIN (gtk_drop_down_get_selected (self->tail_dropdown),
                                               G_N_ELEMENTS (tail_lines) - 1)]);
  _wharf_logs_page_schedule_poll (self);
}

void
_wharf_logs_page_load (WharfLogsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint since = MIN (gtk_drop_down_get_selected (self->since_dropdown), G_N_ELEMENTS (since_ms) - 1);
  gint64 start = g_get_real_time () / 1000 - since_ms[since];

  if (self->stack_name == NULL || self->cancellable != NULL || self->loaded)
    return;
  if (self->client == NULL)
    self->client = wharf_session_create_client (self->session, &error);
  if (self->client == NULL)
    {
      g_autofree char *title = wharf_status_error_dup_title (error);
      g_autofree char *description = wharf_status_error_dup_description (error);

      show_message (self, title, description);
      return;
    }
  g_clear_pointer (&self->cursor, wharf_log_cursor_free);
  self->cursor = wharf_log_cursor_new (start);
  request (self, start, loaded);
}

