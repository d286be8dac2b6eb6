/* wharf-logs-row.c: the rows of the logs page.
 *
 * A row is a box of three labels made once per recycled list item; bind
 * only sets texts and the service's colour class, so scrolling through
 * 10,000 lines creates no widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-logs-buffer.h"
#include "wharf-logs-row.h"

static const char * const colour_classes[WHARF_LOGS_N_COLOURS] = {
  "wharf-log-colour-0", "wharf-log-colour-1", "wharf-log-colour-2", "wharf-log-colour-3",
  "wharf-log-colour-4", "wharf-log-colour-5", "wharf-log-colour-6", "wharf-log-colour-7",
};

const char *
wharf_logs_row_colour_class (const char *service)
{
  /* g_str_hash is stable (djb2), unlike a random seed per process */
  return colour_classes[g_str_hash (service ? service : "") % WHARF_LOGS_N_COLOURS];
}

static void
setup (GtkSignalListItemFactory *factory,
       GtkListItem              *item,
       gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *service = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "wharf-log-line");
  gtk_widget_add_css_class (time, "wharf-log-time");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_widget_set_valign (time, GTK_ALIGN_START);
  gtk_widget_add_css_class (service, "wharf-log-service");
  gtk_label_set_xalign (GTK_LABEL (service), 0);
  /* one width for every row, so that messages line up */
  gtk_label_set_width_chars (GTK_LABEL (service), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (service), 16);
  gtk_label_set_ellipsize (GTK_LABEL (service), PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (service, GTK_ALIGN_START);
  gtk_widget_add_css_class (message, "wharf-log-message");
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (message, TRUE);
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), service);
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, box);
}

static void
bind (GtkSignalListItemFactory *factory,
      GtkListItem              *item,
      gpointer                  user_data)
{
  WharfLogLine *line = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *time = gtk_widget_get_first_child (box);
  GtkWidget *service = gtk_widget_get_next_sibling (time);
  GtkWidget *message = gtk_widget_get_next_sibling (service);
  gint64 ms = wharf_log_line_get_timestamp (line);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *clock = local ? g_date_time_format (local, "%H:%M:%S") : g_strdup ("--:--:--");
  g_autofree char *stamp = g_strdup_printf ("%s.%03d", clock, (int) (ms % 1000));
  g_autofree char *full = local ? g_date_time_format (local, "%c") : NULL;

  gtk_label_set_text (GTK_LABEL (time), stamp);
  gtk_widget_set_tooltip_text (time, full);
  gtk_label_set_text (GTK_LABEL (service), wharf_log_line_get_service (line));
  gtk_widget_set_tooltip_text (service, wharf_log_line_get_service (line));
  for (guint i = 0; i < WHARF_LOGS_N_COLOURS; i++)
    gtk_widget_remove_css_class (service, colour_classes[i]);
  gtk_widget_add_css_class (service, wharf_logs_row_colour_class (wharf_log_line_get_service (line)));
  gtk_label_set_text (GTK_LABEL (message), wharf_log_line_get_message (line));
}

void
wharf_logs_row_init_factory (GtkSignalListItemFactory *factory)
{
  g_return_if_fail (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory));

  g_signal_connect (factory, "setup", G_CALLBACK (setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind), NULL);
}
