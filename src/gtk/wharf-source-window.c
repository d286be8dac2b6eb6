/* wharf-source-window.c: a read-only view of a Compose file at a line.
 *
 * Activating a diagnostic on the project page opens the file it points
 * to here, with YAML highlighting, the line selected and scrolled into
 * view. The style scheme follows the light or dark style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-source-window.h"

struct _WharfSourceWindow
{
  AdwWindow        parent_instance;

  char            *path;
  GtkSourceBuffer *buffer;
  GtkSourceView   *view;
  AdwWindowTitle  *title;
  guint            scroll_tick_id;
};

G_DEFINE_FINAL_TYPE (WharfSourceWindow, wharf_source_window, ADW_TYPE_WINDOW)

static void
update_style_scheme (WharfSourceWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);

  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static void
wharf_source_window_finalize (GObject *object)
{
  WharfSourceWindow *self = WHARF_SOURCE_WINDOW (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (wharf_source_window_parent_class)->finalize (object);
}

static void
wharf_source_window_class_init (WharfSourceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = wharf_source_window_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wharf_source_window_init (WharfSourceWindow *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->buffer = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (languages, "yaml"));
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);

  self->view = GTK_SOURCE_VIEW (gtk_source_view_new_with_buffer (self->buffer));
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_source_view_set_show_line_numbers (self->view, TRUE);
  gtk_source_view_set_highlight_current_line (self->view, TRUE);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Compose File"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 560);
}

WharfSourceWindow *
wharf_source_window_new (GtkWindow *parent)
{
  return g_object_new (WHARF_TYPE_SOURCE_WINDOW,
                       "transient-for", parent,
                       NULL);
}

/**
 * wharf_source_window_load:
 * @path: a Compose file
 *
 * Shows the content of @path (read-only).
 *
 * Returns: %FALSE with @error set (G_FILE_ERROR, or G_CONVERT_ERROR when
 *   it is not UTF-8) when it cannot be read.
 */
gboolean
wharf_source_window_load (WharfSourceWindow  *self,
                          const char         *path,
                          GError            **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *dirname = NULL;
  gsize length = 0;

  g_return_val_if_fail (WHARF_IS_SOURCE_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   _("“%s” is not UTF-8 text"), path);
      return FALSE;
    }

  g_free (self->path);
  self->path = g_strdup (path);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), contents, (int) length);
  basename = g_path_get_basename (path);
  dirname = g_path_get_dirname (path);
  adw_window_title_set_title (self->title, basename);
  adw_window_title_set_subtitle (self->title, dirname);
  gtk_window_set_title (GTK_WINDOW (self), basename);

  return TRUE;
}

const char *
wharf_source_window_get_path (WharfSourceWindow *self)
{
  g_return_val_if_fail (WHARF_IS_SOURCE_WINDOW (self), NULL);

  return self->path;
}

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  WharfSourceWindow *self = user_data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  if (gtk_widget_get_height (widget) == 0)
    return G_SOURCE_CONTINUE;
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer),
                                0.0, TRUE, 0.0, 0.3);
  self->scroll_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * wharf_source_window_select_line:
 * @line: 1-based line (clamped to the buffer)
 *
 * Selects @line and scrolls it into view.
 */
void
wharf_source_window_select_line (WharfSourceWindow *self,
                                 guint              line)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;
  GtkTextMark *mark;

  g_return_if_fail (WHARF_IS_SOURCE_WINDOW (self));

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_iter_at_line (buffer, &start, line > 0 ? (int) line - 1 : 0);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_select_range (buffer, &start, &end);

  mark = gtk_text_buffer_get_insert (buffer);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), mark, 0.0, TRUE, 0.0, 0.3);
  /* Before the first layout the line heights are estimates: scroll again
   * once the view is allocated. */
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->view), scroll_tick, self, NULL);
}

/* The 1-based line of the cursor (the start of the selection). */
guint
wharf_source_window_get_cursor_line (WharfSourceWindow *self)
{
  GtkTextIter iter;
  GtkTextBuffer *buffer;

  g_return_val_if_fail (WHARF_IS_SOURCE_WINDOW (self), 0);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return (guint) gtk_text_iter_get_line (&iter) + 1;
}

GtkSourceView *
wharf_source_window_get_view (WharfSourceWindow *self)
{
  g_return_val_if_fail (WHARF_IS_SOURCE_WINDOW (self), NULL);

  return self->view;
}
