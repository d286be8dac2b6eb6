/* wharf-application.c: the Wharf desktop application.
 *
 * Opens `wharf FILE…` as one project (several files are merged in -f
 * order), owns the app-wide actions (preferences, about, quit) and applies
 * the color-scheme preference to AdwStyleManager.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-application.h"
#include "wharf-preferences-window.h"
#include "wharf-window.h"

struct _WharfApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (WharfApplication, wharf_application, ADW_TYPE_APPLICATION)

static void
apply_color_scheme (WharfApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (style_manager, color_scheme);
}

/* A window showing no project, to reuse for opening one. */
static WharfWindow *
find_empty_window (WharfApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (WHARF_IS_WINDOW (active) && wharf_window_get_files (WHARF_WINDOW (active)) == NULL)
    return WHARF_WINDOW (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (WHARF_IS_WINDOW (l->data) && wharf_window_get_files (l->data) == NULL)
        return l->data;
    }

  return NULL;
}

static void
wharf_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (wharf_window_new (GTK_APPLICATION (app)));

  gtk_window_present (window);
}

static void
wharf_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  WharfApplication *self = WHARF_APPLICATION (app);
  WharfWindow *window = find_empty_window (self);

  if (window == NULL)
    window = wharf_window_new (GTK_APPLICATION (app));

  /* All the files form one project, merged in command-line order. */
  wharf_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *preferences;

  preferences = wharf_preferences_window_new (gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Wharf authors", NULL };

#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *about = adw_about_dialog_new ();

  adw_about_dialog_set_application_name (ADW_ABOUT_DIALOG (about), _("Wharf"));
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (about), APP_ID);
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (about), PACKAGE_VERSION);
  adw_about_dialog_set_developer_name (ADW_ABOUT_DIALOG (about), _("The Wharf authors"));
  adw_about_dialog_set_developers (ADW_ABOUT_DIALOG (about), developers);
  adw_about_dialog_set_comments (ADW_ABOUT_DIALOG (about),
                                 _("Deploy Compose applications to Amazon ECS"));
  adw_about_dialog_set_website (ADW_ABOUT_DIALOG (about), "https://github.com/wharf/wharf");
  adw_about_dialog_set_issue_url (ADW_ABOUT_DIALOG (about), "https://github.com/wharf/wharf/issues");
  adw_about_dialog_set_license_type (ADW_ABOUT_DIALOG (about), GTK_LICENSE_GPL_3_0);
  adw_about_dialog_set_copyright (ADW_ABOUT_DIALOG (about), "© 2026 The Wharf authors");
  /* Translators: Replace "translator-credits" with your names, one name per line */
  adw_about_dialog_set_translator_credits (ADW_ABOUT_DIALOG (about), _("translator-credits"));
  adw_dialog_present (about, GTK_WIDGET (gtk_application_get_active_window (app)));
#else
  GtkWidget *about = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Wharf"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _("The Wharf authors"));
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Deploy Compose applications to Amazon ECS"));
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), "https://github.com/wharf/wharf");
  adw_about_window_set_issue_url (ADW_ABOUT_WINDOW (about), "https://github.com/wharf/wharf/issues");
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (ADW_ABOUT_WINDOW (about), "© 2026 The Wharf authors");
  /* Translators: Replace "translator-credits" with your names, one name per line */
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing (rather than destroying) saves each window's state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static const struct {
  const char *action;
  const char *accels[2];
} app_accels[] = {
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.reload", { "<Control>r", NULL } },
  { "win.close-project", { "<Control><Shift>w", NULL } },
  { "win.deploy", { "<Control><Shift>d", NULL } },
};

static void
wharf_application_startup (GApplication *app)
{
  WharfApplication *self = WHARF_APPLICATION (app);

  G_APPLICATION_CLASS (wharf_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self,
                           G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}

static void
wharf_application_constructed (GObject *object)
{
  G_OBJECT_CLASS (wharf_application_parent_class)->constructed (object);

  /* Fixed, so that a test instance with another id finds the same
   * resources (UI files, style.css, gtk/help-overlay.ui, icons). */
  g_application_set_resource_base_path (G_APPLICATION (object), "/io/github/wharf/Wharf");
}

static void
wharf_application_dispose (GObject *object)
{
  WharfApplication *self = WHARF_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wharf_application_parent_class)->dispose (object);
}

static void
wharf_application_class_init (WharfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = wharf_application_constructed;
  object_class->dispose = wharf_application_dispose;
  app_class->activate = wharf_application_activate;
  app_class->open = wharf_application_open;
  app_class->startup = wharf_application_startup;
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

/**
 * wharf_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the application's settings, once
 *   it has started up
 */
GSettings *
wharf_application_get_settings (WharfApplication *self)
{
  g_return_val_if_fail (WHARF_IS_APPLICATION (self), NULL);

  return self->settings;
}
