/* wharf-project-feed.c: showing a long model in a grid view a chunk per
 * main-loop iteration.
 *
 * A list or grid view creates its rows at once when it gets a new model,
 * before it knows what fits on screen. The view sees the model through a
 * GtkSliceListModel that grows by a few rows per iteration instead, so
 * frames keep coming; past the rows GTK keeps alive (about 33 for a
 * one-column GtkGridView), the rest is shown at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-project-feed.h"

/* Rows created per iteration, and the size past which GTK creates no more
 * rows. */
#define FEED_CHUNK 12
#define FEED_ALL_AFTER 48
/* Right after layout and drawing (GDK_PRIORITY_REDRAW), so a chunk goes in
 * between two frames even when other idle work (text validation,
 * highlighting) would starve a default idle. */
#define FEED_PRIORITY (GDK_PRIORITY_REDRAW + 10)

typedef struct {
  GtkGridView       *view;   /* weak: the view owns the feed */
  GtkSliceListModel *slice;
  guint              source_id;
} Feed;

static void
feed_free (Feed *feed)
{
  g_clear_handle_id (&feed->source_id, g_source_remove);
  g_clear_object (&feed->slice);
  g_free (feed);
}

static gboolean
feed_step (gpointer data)
{
  Feed *feed = data;
  GListModel *model = gtk_slice_list_model_get_model (feed->slice);
  guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;
  guint size = gtk_slice_list_model_get_size (feed->slice) + FEED_CHUNK;

  if (size >= FEED_ALL_AFTER)
    size = G_MAXUINT;
  gtk_slice_list_model_set_size (feed->slice, size);
  if (size < n_items)
    return G_SOURCE_CONTINUE;

  /* Items added to the model later show up at once. */
  gtk_slice_list_model_set_size (feed->slice, G_MAXUINT);
  feed->source_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * wharf_project_feed_set_model:
 * @model: (nullable): the items to show
 *
 * Shows @model in @view (without selection), growing a chunk of rows per
 * main-loop iteration.
 */
void
wharf_project_feed_set_model (GtkGridView *view,
                              GListModel  *model)
{
  Feed *feed;
  g_autoptr(GtkSelectionModel) selection = NULL;

  g_return_if_fail (GTK_IS_GRID_VIEW (view));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  feed = g_object_get_data (G_OBJECT (view), "wharf-feed");
  if (feed == NULL)
    {
      feed = g_new0 (Feed, 1);
      feed->view = view;
      feed->slice = gtk_slice_list_model_new (NULL, 0, 0);
      g_object_set_data_full (G_OBJECT (view), "wharf-feed", feed, (GDestroyNotify) feed_free);
      selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (feed->slice))));
      gtk_grid_view_set_model (view, selection);
    }

  g_clear_handle_id (&feed->source_id, g_source_remove);
  gtk_slice_list_model_set_size (feed->slice, 0);
  gtk_slice_list_model_set_model (feed->slice, model);
  if (model == NULL)
    return;
  /* The first screenful now, so the page is never drawn empty. */
  if (feed_step (feed))
    feed->source_id = g_idle_add_full (FEED_PRIORITY, feed_step, feed, NULL);
}

/* Whether VIEW shows all of its model. */
gboolean
wharf_project_feed_get_done (GtkGridView *view)
{
  Feed *feed;

  g_return_val_if_fail (GTK_IS_GRID_VIEW (view), TRUE);

  feed = g_object_get_data (G_OBJECT (view), "wharf-feed");
  return feed == NULL || feed->source_id == 0;
}
