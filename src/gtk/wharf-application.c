/* wharf-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-application.h"

struct _WharfApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (WharfApplication, wharf_application, ADW_TYPE_APPLICATION)

static void
wharf_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      GtkWidget *page = adw_status_page_new ();

      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, _("Wharf"));
      gtk_window_set_default_size (window, 1000, 700);
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Wharf"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                       _("Deploy Compose applications to Amazon ECS"));
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
    }
  gtk_window_present (window);
}

static void
wharf_application_class_init (WharfApplicationClass *klass)
{
  G_APPLICATION_CLASS (klass)->activate = wharf_application_activate;
}

static void
wharf_application_init (WharfApplication *self)
{
}

WharfApplication *
wharf_application_new (void)
{
  return g_object_new (WHARF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}
