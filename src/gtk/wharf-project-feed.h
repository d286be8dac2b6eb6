/* wharf-project-feed.h: showing a long model in a grid view a chunk per
 * main-loop iteration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     wharf_project_feed_set_model (GtkGridView *view,
                                       GListModel  *model);
gboolean wharf_project_feed_get_done  (GtkGridView *view);

G_END_DECLS
