/* wharf-contexts-window-private.h: state shared by the two pages of the
 * Contexts & Profiles window (and read by its tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-profile-store.h"
#include "wharf-contexts-window.h"

G_BEGIN_DECLS

struct _WharfContextsWindow
{
  AdwPreferencesWindow  parent_instance;

  WharfContextStore    *store;
  WharfAwsProfileStore *profiles;
  /* Cancels the profile tests when the window goes. */
  GCancellable         *cancellable;
  /* The last dialog this window opened (confirmation, editor or test
   * result), a weak pointer. */
  GtkWindow            *dialog;

  /* Template children */
  AdwPreferencesPage   *contexts_page;
  AdwPreferencesGroup  *contexts_group;
  GtkListBox           *contexts_list;
  AdwPreferencesPage   *profiles_page;
  AdwPreferencesGroup  *profiles_group;
  GtkListBox           *profiles_list;
};

/* Keeps a weak pointer to DIALOG as the window's last dialog, and shows it. */
void     _wharf_contexts_window_show_dialog      (WharfContextsWindow *self,
                                                  GtkWindow           *dialog);
void     _wharf_contexts_window_toast            (WharfContextsWindow *self,
                                                  const char          *message);

/* wharf-contexts-window-profiles.c */
void     _wharf_contexts_window_class_init_profiles (GtkWidgetClass   *widget_class);
void     _wharf_contexts_window_init_profiles    (WharfContextsWindow *self);
/* Re-reads the AWS files (the profile store is not watched). */
void     _wharf_contexts_window_reload_profiles  (WharfContextsWindow *self);

G_END_DECLS
