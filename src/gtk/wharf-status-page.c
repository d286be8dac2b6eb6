/* wharf-status-page.c: the status page of the main window.
 *
 * For now the page shows its empty state; the status view is built on this
 * widget class and its template (data/ui/wharf-status-page.ui).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-status-page.h"

struct _WharfStatusPage
{
  AdwBin         parent_instance;

  AdwStatusPage *placeholder;
};

G_DEFINE_FINAL_TYPE (WharfStatusPage, wharf_status_page, ADW_TYPE_BIN)

static void
wharf_status_page_class_init (WharfStatusPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-status-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfStatusPage, placeholder);
}

static void
wharf_status_page_init (WharfStatusPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wharf_status_page_new (void)
{
  return g_object_new (WHARF_TYPE_STATUS_PAGE, NULL);
}

void
wharf_status_page_set_project (WharfStatusPage *self,
                    WharfSession        *session,
                    WharfComposeProject *project)
{
  g_return_if_fail (WHARF_IS_STATUS_PAGE (self));
  g_return_if_fail (WHARF_IS_SESSION (session));
  g_return_if_fail (project == NULL || WHARF_IS_COMPOSE_PROJECT (project));
}
