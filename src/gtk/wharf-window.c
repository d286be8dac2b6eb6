/* wharf-window.c: the main window.
 *
 * The window starts on the welcome page. Opening Compose files sets the
 * "files" property (-f order), which shows the project pages and emits
 * "reload"; the loader plugs in there and hands its project back through
 * _wharf_window_set_project(). Files are watched (wharf-window-files.c)
 * and opened from a file chooser or by drag and drop (wharf-window-open.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include "wharf-recent.h"
#include "wharf-window-private.h"

G_DEFINE_FINAL_TYPE (WharfWindow, wharf_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FILES,
  PROP_PROJECT,
  N_PROPS
};

enum {
  RELOAD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


void
_wharf_window_update_actions (WharfWindow *self)
{
  gboolean has_files = self->files != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", has_files);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-project", has_files);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", has_files);
  /* Not while a deployment runs: the page would ignore it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.deploy",
                                 self->project != NULL &&
                                 !wharf_deployment_page_get_deploying (self->deployment_page));
}

/* Narrow windows show the page switcher at the bottom. */
static void
update_switcher_bar (WharfWindow *self)
{
  gboolean has_files = self->files != NULL;

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    has_files &&
                                    adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
wharf_window_real_reload (WharfWindow *self)
{
  /* The pages keep showing the previous project until the new load ends
   * (wharf-window-load.c), so the visible page does not change. */
  wharf_project_page_set_files (self->project_page, (const char * const *) self->files);
  _wharf_window_load (self);
}

static gboolean
wharf_window_close_request (GtkWindow *window)
{
  WharfWindow *self = WHARF_WINDOW (window);
  int width = 0;
  int height = 0;

  /* The default size is the unmaximized size, which is what to restore. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", MAX (width, 360));
      g_settings_set_int (self->settings, "window-height", MAX (height, 294));
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (wharf_window_parent_class)->close_request (window);
}

static void
wharf_window_dispose (GObject *object)
{
  WharfWindow *self = WHARF_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  _wharf_window_cancel_load (self);
  _wharf_window_unwatch_files (self);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (wharf_window_parent_class)->dispose (object);
}

static void
wharf_window_finalize (GObject *object)
{
  WharfWindow *self = WHARF_WINDOW (object);

  g_clear_pointer (&self->files, g_strfreev);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (wharf_window_parent_class)->finalize (object);
}

static void
wharf_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WharfWindow *self = WHARF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FILES:
      g_value_set_boxed (value, self->files);
      break;

    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WharfWindow *self = WHARF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FILES:
      wharf_window_set_files (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_window_class_init (WharfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wharf_window_dispose;
  object_class->finalize = wharf_window_finalize;
  object_class->get_property = wharf_window_get_property;
  object_class->set_property = wharf_window_set_property;
  window_class->close_request = wharf_window_close_request;

  /**
   * WharfWindow:files:
   *
   * Absolute paths of the project's Compose files, in -f order, or %NULL
   * while the welcome page is shown.
   */
  properties[PROP_FILES] =
    g_param_spec_boxed ("files", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WharfWindow:project:
   *
   * The loaded project, or %NULL while none is loaded. Deploying needs one.
   */
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WharfWindow::reload:
   *
   * Emitted when the files were set, changed on disk or the user asked to
   * reload them: the project must be (re)loaded from #WharfWindow:files.
   */
  signals[RELOAD] =
    g_signal_new_class_handler ("reload",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (wharf_window_real_reload),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  g_type_ensure (WHARF_TYPE_WELCOME_PAGE);
  g_type_ensure (WHARF_TYPE_PROJECT_PAGE);
  g_type_ensure (WHARF_TYPE_TEMPLATE_PAGE);
  g_type_ensure (WHARF_TYPE_DEPLOYMENT_PAGE);
  g_type_ensure (WHARF_TYPE_STATUS_PAGE);
  g_type_ensure (WHARF_TYPE_LOGS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, context_button);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, context_label);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, deploy_button);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, project_page);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, template_page);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, deployment_page);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, WharfWindow, logs_page);

  _wharf_window_class_init_actions (widget_class);
}

static void
wharf_window_init (WharfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (APP_ID);
  self->session = wharf_session_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (update_switcher_bar), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deployment_page, "notify::deploying",
                           G_CALLBACK (_wharf_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  _wharf_window_setup_drop_target (self);
  _wharf_window_init_context (self);
  _wharf_window_update_actions (self);
  update_switcher_bar (self);
}

WharfWindow *
wharf_window_new (GtkApplication *application)
{
  return g_object_new (WHARF_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * wharf_window_get_session:
 *
 * Returns: (transfer none): where this window deploys to.
 */
WharfSession *
wharf_window_get_session (WharfWindow *self)
{
  g_return_val_if_fail (WHARF_IS_WINDOW (self), NULL);

  return self->session;
}

const char * const *
wharf_window_get_files (WharfWindow *self)
{
  g_return_val_if_fail (WHARF_IS_WINDOW (self), NULL);

  return (const char * const *) self->files;
}

/**
 * wharf_window_set_files:
 * @files: (nullable): absolute paths of Compose files in -f order
 *
 * Shows the project made of @files (or the welcome page for %NULL or an
 * empty list), watches the files and emits #WharfWindow::reload.
 */
void
wharf_window_set_files (WharfWindow        *self,
                        const char * const *files)
{
  gboolean was_open;

  g_return_if_fail (WHARF_IS_WINDOW (self));

  if (files != NULL && files[0] == NULL)
    files = NULL;
  if (files != NULL && self->files != NULL &&
      g_strv_equal (files, (const char * const *) self->files))
    return;
  if (files == NULL && self->files == NULL)
    return;

  was_open = self->files != NULL;
  g_clear_pointer (&self->files, g_strfreev);
  self->files = g_strdupv ((char **) files);
  _wharf_window_set_project (self, NULL);

  _wharf_window_unwatch_files (self);
  if (self->files != NULL)
    {
      _wharf_window_watch_files (self);
      wharf_recent_add (self->settings, (const char * const *) self->files);
      if (!was_open)
        adw_view_stack_set_visible_child_name (self->view_stack, "project");
      gtk_stack_set_visible_child_name (self->main_stack, "project");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }

  _wharf_window_update_title (self);
  _wharf_window_update_actions (self);
  update_switcher_bar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILES]);

  if (self->files != NULL)
    wharf_window_reload (self);
  else
    {
      _wharf_window_cancel_load (self);
      wharf_project_page_set_files (self->project_page, NULL);
      wharf_project_page_set_project (self->project_page, NULL, NULL);
      wharf_template_page_set_project (self->template_page, NULL);
    }
}

GObject *
wharf_window_get_project (WharfWindow *self)
{
  g_return_val_if_fail (WHARF_IS_WINDOW (self), NULL);

  return self->project;
}

void
_wharf_window_set_project (WharfWindow *self,
                           GObject     *project)
{
  g_return_if_fail (WHARF_IS_WINDOW (self));
  g_return_if_fail (project == NULL || G_IS_OBJECT (project));

  if (g_set_object (&self->project, project))
    {
      WharfComposeProject *compose = WHARF_IS_COMPOSE_PROJECT (project) ? WHARF_COMPOSE_PROJECT (project) : NULL;

      wharf_deployment_page_set_project (self->deployment_page, self->session, compose);
      wharf_status_page_set_project (self->status_page, self->session, compose);
      wharf_logs_page_set_project (self->logs_page, self->session, compose);
      _wharf_window_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
    }
}

/**
 * wharf_window_get_visible_page:
 *
 * Returns: "welcome" while no project is open, else the name of the
 *   visible project page ("project", "template", "deployment", "status"
 *   or "logs").
 */
const char *
wharf_window_get_visible_page (WharfWindow *self)
{
  g_return_val_if_fail (WHARF_IS_WINDOW (self), NULL);

  if (self->files == NULL)
    return "welcome";
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/**
 * wharf_window_reload:
 *
 * Emits #WharfWindow::reload when files are open, cancelling a pending
 * delayed reload. The visible page is kept.
 */
void
wharf_window_reload (WharfWindow *self)
{
  g_return_if_fail (WHARF_IS_WINDOW (self));

  g_clear_handle_id (&self->reload_source_id, g_source_remove);
  if (self->files != NULL)
    g_signal_emit (self, signals[RELOAD], 0);
}
