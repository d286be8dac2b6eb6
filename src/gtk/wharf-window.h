/* wharf-window.h: the main window (welcome page, then the project pages).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-session.h"

G_BEGIN_DECLS

#define WHARF_TYPE_WINDOW (wharf_window_get_type ())
G_DECLARE_FINAL_TYPE (WharfWindow, wharf_window, WHARF, WINDOW, AdwApplicationWindow)

WharfWindow        *wharf_window_new             (GtkApplication     *application);
const char * const *wharf_window_get_files       (WharfWindow        *self);
void                wharf_window_set_files       (WharfWindow        *self,
                                                  const char * const *files);
gboolean            wharf_window_open_files      (WharfWindow        *self,
                                                  GFile             **files,
                                                  gsize               n_files);
GObject            *wharf_window_get_project     (WharfWindow        *self);
const char         *wharf_window_get_visible_page (WharfWindow       *self);
void                wharf_window_reload          (WharfWindow        *self);
void                wharf_window_add_toast       (WharfWindow        *self,
                                                  const char         *message);
WharfSession       *wharf_window_get_session     (WharfWindow        *self);

G_END_DECLS
