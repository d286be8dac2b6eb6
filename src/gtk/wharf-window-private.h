/* wharf-window-private.h: state shared by the files of WharfWindow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-deployment-page.h"
#include "wharf-logs-page.h"
#include "wharf-project-page.h"
#include "wharf-session.h"
#include "wharf-status-page.h"
#include "wharf-template-page.h"
#include "wharf-welcome-page.h"
#include "wharf-window.h"

G_BEGIN_DECLS

struct _WharfWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  /* Where this window deploys to (the header's context selector). */
  WharfSession         *session;
  /* Compose files in -f order (absolute paths), NULL when none is open. */
  GStrv                 files;
  /* One monitor per file; changes are coalesced by reload_source_id. */
  GPtrArray            *monitors;
  guint                 reload_source_id;
  /* The loaded project (a WharfComposeProject once the loader plugs in). */
  GObject              *project;
  GCancellable         *cancellable;
  /* The running load (wharf-window-load.c); a newer one cancels it. */
  GCancellable         *load_cancellable;
  gboolean              loading;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkMenuButton        *context_button;
  GtkLabel             *context_label;
  GtkButton            *deploy_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  WharfWelcomePage     *welcome_page;
  WharfProjectPage     *project_page;
  WharfTemplatePage    *template_page;
  WharfDeploymentPage  *deployment_page;
  WharfStatusPage      *status_page;
  WharfLogsPage        *logs_page;
};

/* Delay that coalesces the bursts of events an editor's save produces. */
#define WHARF_WINDOW_RELOAD_DELAY_MS 250

void     _wharf_window_set_project       (WharfWindow  *self,
                                          GObject      *project);
void     _wharf_window_update_actions    (WharfWindow  *self);
void     _wharf_window_load              (WharfWindow  *self);
void     _wharf_window_cancel_load       (WharfWindow  *self);
void     _wharf_window_update_title      (WharfWindow  *self);
void     _wharf_window_watch_files       (WharfWindow  *self);
void     _wharf_window_unwatch_files     (WharfWindow  *self);
void     _wharf_window_choose_files      (WharfWindow  *self);
void     _wharf_window_setup_drop_target (WharfWindow  *self);
/* wharf-window-open.c: win.open-folder ("Open Folder…", Ctrl+Shift+O). */
void     _wharf_window_choose_folder     (WharfWindow  *self);
void     _wharf_window_open_folder       (WharfWindow  *self,
                                          GFile        *folder);
/* wharf-window-actions.c: the win.* actions and their shortcuts. */
void     _wharf_window_class_init_actions (GtkWidgetClass *widget_class);
/* wharf-window-context.c: the header's context selector. */
void     _wharf_window_class_init_context (GtkWidgetClass *widget_class);
void     _wharf_window_init_context      (WharfWindow  *self);
char    *_wharf_window_dup_title         (const char * const *files,
                                          char              **subtitle);

G_END_DECLS
