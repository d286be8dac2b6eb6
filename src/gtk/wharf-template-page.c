/* wharf-template-page.c: the template page of the main window.
 *
 * For now the page shows its empty state; the template view is built on this
 * widget class and its template (data/ui/wharf-template-page.ui).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-template-page.h"

struct _WharfTemplatePage
{
  AdwBin         parent_instance;

  AdwStatusPage *placeholder;
};

G_DEFINE_FINAL_TYPE (WharfTemplatePage, wharf_template_page, ADW_TYPE_BIN)

static void
wharf_template_page_class_init (WharfTemplatePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-template-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, placeholder);
}

static void
wharf_template_page_init (WharfTemplatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wharf_template_page_new (void)
{
  return g_object_new (WHARF_TYPE_TEMPLATE_PAGE, NULL);
}
