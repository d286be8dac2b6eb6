/* wharf-logs-page.c: the logs page of the main window.
 *
 * For now the page shows its empty state; the logs view is built on this
 * widget class and its template (data/ui/wharf-logs-page.ui).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-logs-page.h"

struct _WharfLogsPage
{
  AdwBin         parent_instance;

  AdwStatusPage *placeholder;
};

G_DEFINE_FINAL_TYPE (WharfLogsPage, wharf_logs_page, ADW_TYPE_BIN)

static void
wharf_logs_page_class_init (WharfLogsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-logs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfLogsPage, placeholder);
}

static void
wharf_logs_page_init (WharfLogsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wharf_logs_page_new (void)
{
  return g_object_new (WHARF_TYPE_LOGS_PAGE, NULL);
}

void
wharf_logs_page_set_project (WharfLogsPage *self,
                    WharfSession        *session,
                    WharfComposeProject *project)
{
  g_return_if_fail (WHARF_IS_LOGS_PAGE (self));
  g_return_if_fail (WHARF_IS_SESSION (session));
  g_return_if_fail (project == NULL || WHARF_IS_COMPOSE_PROJECT (project));
}
