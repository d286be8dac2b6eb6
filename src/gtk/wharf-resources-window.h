/* wharf-resources-window.h: Secrets & Volumes: the Secrets Manager
 * secrets and the EFS file systems of the window's context: list,
 * create (a secret from text or a file; its value is never shown
 * again), delete after a confirmation naming the resource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-session.h"

G_BEGIN_DECLS

#define WHARF_TYPE_RESOURCES_WINDOW (wharf_resources_window_get_type ())
G_DECLARE_FINAL_TYPE (WharfResourcesWindow, wharf_resources_window, WHARF, RESOURCES_WINDOW, AdwPreferencesWindow)

/* PROJECT_NAME (may be NULL) tags new volumes and filters the list. The
 * lists load at once. */
WharfResourcesWindow *wharf_resources_window_new         (GtkWindow            *parent,
                                                          WharfSession         *session,
                                                          const char           *project_name);
/* Names of the secrets shown (GListModel of GtkStringObject). */
GListModel           *wharf_resources_window_get_secrets (WharfResourcesWindow *self);
/* File system ids of the volumes shown. */
GListModel           *wharf_resources_window_get_volumes (WharfResourcesWindow *self);
/* TRUE while an AWS operation runs. */
gboolean              wharf_resources_window_is_busy     (WharfResourcesWindow *self);
/* AWS operations finished since the window opened. */
guint                 wharf_resources_window_get_n_operations (WharfResourcesWindow *self);

/* The callback of the main window's "win.show-resources" action (a
 * GtkWidgetActionActivateFunc): opens the window for the main window's
 * session and project. Wire it in wharf_window_class_init with
 *   gtk_widget_class_install_action (widget_class, "win.show-resources",
 *                                    NULL, _wharf_window_show_resources); */
void                  _wharf_window_show_resources       (GtkWidget            *widget,
                                                          const char           *action_name,
                                                          GVariant             *parameter);

G_END_DECLS
