/* wharf-source-window.h: a read-only view of a Compose file at a line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define WHARF_TYPE_SOURCE_WINDOW (wharf_source_window_get_type ())
G_DECLARE_FINAL_TYPE (WharfSourceWindow, wharf_source_window, WHARF, SOURCE_WINDOW, AdwWindow)

WharfSourceWindow *wharf_source_window_new             (GtkWindow         *parent);
gboolean           wharf_source_window_load            (WharfSourceWindow *self,
                                                        const char        *path,
                                                        GError           **error);
const char        *wharf_source_window_get_path        (WharfSourceWindow *self);
void               wharf_source_window_select_line     (WharfSourceWindow *self,
                                                        guint              line);
guint              wharf_source_window_get_cursor_line (WharfSourceWindow *self);
GtkSourceView     *wharf_source_window_get_view        (WharfSourceWindow *self);

G_END_DECLS
