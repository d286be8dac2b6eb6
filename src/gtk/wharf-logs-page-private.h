/* wharf-logs-page-private.h: state shared by the files of WharfLogsPage
 * (the page, and its requests in wharf-logs-page-follow.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-log-cursor.h"
#include "wharf-logs-buffer.h"
#include "wharf-logs-page.h"

G_BEGIN_DECLS

struct _WharfLogsPage
{
  AdwBin          parent_instance;

  WharfSession   *session;
  char           *stack_name;
  WharfAwsClient *client;
  WharfLogCursor *cursor;
  WharfLogBuffer *buffer;
  GtkFilterListModel *visible;
  GtkCustomFilter *filter;
  char           *search;        /* casefolded */
  GtkStringList  *service_names; /* "All Services", then the project's */
  GCancellable   *cancellable;   /* of the request in flight */
  guint           poll_id;
  guint           poll_ms;
  guint           n_requests;
  gboolean        loaded;        /* the first request succeeded */
  gboolean        at_bottom;     /* the view follows the tail */
  guint           scroll_id;

  GtkStack       *stack;
  GtkStack       *content_stack;
  AdwStatusPage  *placeholder;
  AdwStatusPage  *message_page;
  GtkDropDown    *service_dropdown;
  GtkDropDown    *since_dropdown;
  GtkDropDown    *tail_dropdown;
  GtkSearchEntry *search_entry;
  GtkToggleButton *follow_button;
  GtkScrolledWindow *scrolled;
  GtkListView    *list_view;
  GtkLabel       *footer_label;
  GtkSignalListItemFactory *factory;
};

/* The first request, when the page has a project and is not loaded. */
void     _wharf_logs_page_load           (WharfLogsPage *self);
/* The next poll, when following, loaded, idle and mapped. */
void     _wharf_logs_page_schedule_poll  (WharfLogsPage *self);
/* Cancels the request in flight and the next poll. */
void     _wharf_logs_page_cancel         (WharfLogsPage *self);
void     _wharf_logs_page_update_footer  (WharfLogsPage *self);
/* An idle callback: shows the last line. */
gboolean _wharf_logs_page_scroll_to_end  (gpointer       user_data);

G_END_DECLS
