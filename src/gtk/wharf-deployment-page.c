/* wharf-deployment-page.c: the deployment page of the main window.
 *
 * For now the page shows its empty state; the deployment view is built on this
 * widget class and its template (data/ui/wharf-deployment-page.ui).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-deployment-page.h"

struct _WharfDeploymentPage
{
  AdwBin         parent_instance;

  AdwStatusPage *placeholder;
};

G_DEFINE_FINAL_TYPE (WharfDeploymentPage, wharf_deployment_page, ADW_TYPE_BIN)

static void
wharf_deployment_page_class_init (WharfDeploymentPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-deployment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfDeploymentPage, placeholder);
}

static void
wharf_deployment_page_init (WharfDeploymentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wharf_deployment_page_new (void)
{
  return g_object_new (WHARF_TYPE_DEPLOYMENT_PAGE, NULL);
}

void
wharf_deployment_page_set_project (WharfDeploymentPage *self,
                    WharfSession        *session,
                    WharfComposeProject *project)
{
  g_return_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self));
  g_return_if_fail (WHARF_IS_SESSION (session));
  g_return_if_fail (project == NULL || WHARF_IS_COMPOSE_PROJECT (project));
}
