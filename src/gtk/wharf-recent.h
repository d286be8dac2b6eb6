/* wharf-recent.h: the recent projects list (GSettings key recent-projects)
 * and path formatting shared by the pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How many projects the welcome page remembers. */
#define WHARF_RECENT_MAX 10

GVariant *wharf_recent_prepend      (GVariant           *projects,
                                     const char * const *files,
                                     guint               max);
GVariant *wharf_recent_remove       (GVariant           *projects,
                                     const char * const *files);
void      wharf_recent_add          (GSettings          *settings,
                                     const char * const *files);
void      wharf_recent_forget       (GSettings          *settings,
                                     const char * const *files);
char     *wharf_format_path         (const char         *path);
char     *wharf_format_folder       (GFile              *file);

G_END_DECLS
