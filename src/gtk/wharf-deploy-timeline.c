/* wharf-deploy-timeline.c: the live timeline of a stack operation.
 *
 * The events model (filled by WharfDeployment on the main thread) goes
 * through a GtkFilterListModel into a one-column GtkGridView: rows are recycled, so
 * 10,000 events cost no more widgets than a screenful. The view follows
 * the newest event until the user scrolls up, and again once they scroll
 * back to the bottom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-deploy-format.h"
#include "wharf-deploy-timeline.h"
#include "wharf-event-row.h"

struct _WharfDeployTimeline
{
  AdwBin              parent_instance;

  WharfDeployment    *deployment;
  GListModel         *events;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *name_filter;
  GtkCustomFilter    *failure_filter;
  char               *search;         /* casefolded */
  gboolean            failures_only;
  gint64              started;        /* monotonic µs, 0 before */
  gint64              ended;
  guint               tick_id;
  guint               scroll_id;
  guint               stick_id;
  gboolean            following;
  gboolean            scrolling;
  double              last_value;
  char               *progress_text;

  GtkSpinner         *spinner;
  GtkLabel           *title_label;
  GtkLabel           *progress_label;
  GtkButton          *cancel_button;
  GtkWidget          *delete_button;
  GtkProgressBar     *progress_bar;
  GtkLabel           *note_label;
  GtkRevealer        *banner_revealer;
  WharfFailureBanner *banner;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *failures_button;
  GtkScrolledWindow  *scroller;
  /* One-column grid: GTK 4.8's GtkListView keeps ~200 rows alive and
   * re-measures them on far jumps; the grid keeps what is visible. */
  GtkGridView        *list_view;
};

G_DEFINE_FINAL_TYPE (WharfDeployTimeline, wharf_deploy_timeline, ADW_TYPE_BIN)

/* A followed operation began before the clock did (at Follow): count from
 * its first stack event. Never later: an own deployment's clock started
 * at Deploy, and a clock ahead of ours must not make the time negative. */
static void
start_at_operation (WharfDeployTimeline *self)
{
  GDateTime *operation = self->deployment ? wharf_deployment_get_started (self->deployment) : NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 at;

  if (operation == NULL || self->started == 0)
    return;
  now = g_date_time_new_now_utc ();
  at = g_get_monotonic_time () - g_date_time_difference (now, operation);
  if (at < self->started)
    self->started = at;
}

static void
update_progress (WharfDeployTimeline *self)
{
  g_autofree char *elapsed = NULL;
  g_autofree char *counts = NULL;
  guint done = 0, total = 0;

  if (self->deployment != NULL)
    wharf_deployment_get_progress (self->deployment, &done, &total);
  else if (self->events != NULL)
    done = total = g_list_model_get_n_items (self->events);

  start_at_operation (self);
  if (self->started > 0)
    elapsed = wharf_deploy_format_duration ((self->ended ? self->ended : g_get_monotonic_time ()) - self->started);
  if (total > 0)
    counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u resource", "%u of %u resources", total),
                              MIN (done, total), total);
  else
    counts = g_strdup (_("Waiting for the first events"));

  g_free (self->progress_text);
  /* Translators: "3 of 7 resources · 1 min 5 s" */
  self->progress_text = elapsed ? g_strdup_printf (_("%s · %s"), counts, elapsed) : g_strdup (counts);
  gtk_label_set_text (self->progress_label, self->progress_text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? MIN (1.0, (double) done / total) : 0.0);
}

static gboolean
tick (gpointer user_data)
{
  update_progress (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
match_name (gpointer item,
            gpointer user_data)
{
  WharfDeployTimeline *self = user_data;
  g_autofree char *folded = NULL;

  if (self->search == NULL)
    return TRUE;
  folded = g_utf8_casefold (wharf_stack_event_get_logical_id (item), -1);
  return strstr (folded, self->search) != NULL;
}

static gboolean
match_failure (gpointer item,
               gpointer user_data)
{
  WharfDeployTimeline *self = user_data;

  return !self->failures_only || wharf_stack_event_is_failed (item);
}

static gboolean
scroll_to_end (gpointer user_data)
{
  WharfDeployTimeline *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  self->scroll_id = 0;
  if (n > 0 && self->following)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

      /* Not "list.scroll-to-item": GTK 4.8 warns when the new row has no
       * allocation yet. The adjustment, then stick_to_bottom() once the
       * list has measured the new rows, reach the end as well. */
      self->scrolling = TRUE;
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      self->last_value = gtk_adjustment_get_value (adjustment);
      self->scrolling = FALSE;
    }
  return G_SOURCE_REMOVE;
}

static void
on_items_changed (WharfDeployTimeline *self,
                  guint                position,
                  guint                removed,
                  guint                added)
{
  update_progress (self);
  if (added > 0 && self->following && self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scroll_to_end, self, NULL);
}

/* The list view learns its height as rows are measured: while following,
 * go to the new bottom at the next frame. Not from the notification
 * itself, which comes in the middle of the list's size allocation. */
static gboolean
stick_to_bottom (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  WharfDeployTimeline *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  self->stick_id = 0;
  if (self->following)
    {
      self->scrolling = TRUE;
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                            gtk_adjustment_get_page_size (adjustment));
      self->last_value = gtk_adjustment_get_value (adjustment);
      self->scrolling = FALSE;
    }
  return G_SOURCE_REMOVE;
}

static void
on_upper_changed (WharfDeployTimeline *self,
                  GParamSpec          *pspec,
                  GtkAdjustment       *adjustment)
{
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (self->following && self->stick_id == 0 && gtk_adjustment_get_value (adjustment) < bottom)
    self->stick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), stick_to_bottom, self, NULL);
}

/* Scrolling up stops following; reaching the bottom again resumes. */
static void
on_scrolled (WharfDeployTimeline *self,
             GtkAdjustment       *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (!self->scrolling)
    {
      if (value >= bottom - 8)
        self->following = TRUE;
      else if (value < self->last_value - 1)
        self->following = FALSE;
    }
  self->last_value = value;
}

static void
on_search_changed (WharfDeployTimeline *self)
{
  wharf_deploy_timeline_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                    gtk_toggle_button_get_active (self->failures_button));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, wharf_event_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  wharf_event_row_set_event (WHARF_EVENT_ROW (gtk_list_item_get_child (item)),
                             gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  wharf_event_row_set_event (WHARF_EVENT_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
wharf_deploy_timeline_dispose (GObject *object)
{
  WharfDeployTimeline *self = WHARF_DEPLOY_TIMELINE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  if (self->stick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->stick_id);
  self->stick_id = 0;
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  g_clear_object (&self->deployment);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (wharf_deploy_timeline_parent_class)->dispose (object);
}

static void
wharf_deploy_timeline_finalize (GObject *object)
{
  WharfDeployTimeline *self = WHARF_DEPLOY_TIMELINE (object);

  g_clear_object (&self->filtered);
  g_free (self->search);
  g_free (self->progress_text);

  G_OBJECT_CLASS (wharf_deploy_timeline_parent_class)->finalize (object);
}

static void
wharf_deploy_timeline_class_init (WharfDeployTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_deploy_timeline_dispose;
  object_class->finalize = wharf_deploy_timeline_finalize;

  g_type_ensure (WHARF_TYPE_FAILURE_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-deploy-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, spinner);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, title_label);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, progress_label);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, delete_button);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, note_label);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, banner);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, failures_button);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, scroller);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployTimeline, list_view);
}

static void
wharf_deploy_timeline_init (WharfDeployTimeline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEveryFilter *filter = gtk_every_filter_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->following = TRUE;

  self->name_filter = gtk_custom_filter_new (match_name, self, NULL);
  self->failure_filter = gtk_custom_filter_new (match_failure, self, NULL);
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->name_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->failure_filter));
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (on_items_changed), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_grid_view_set_max_columns (self->list_view, 1);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (on_scrolled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "notify::upper",
                           G_CALLBACK (on_upper_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->failures_button, "toggled",
                           G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
wharf_deploy_timeline_new (void)
{
  return g_object_new (WHARF_TYPE_DEPLOY_TIMELINE, NULL);
}

void
wharf_deploy_timeline_set_events (WharfDeployTimeline *self,
                                  GListModel          *events)
{
  g_return_if_fail (WHARF_IS_DEPLOY_TIMELINE (self));
  g_return_if_fail (events == NULL || G_IS_LIST_MODEL (events));

  g_set_object (&self->events, events);
  self->following = TRUE;
  gtk_filter_list_model_set_model (self->filtered, events);
  update_progress (self);
}

void
wharf_deploy_timeline_set_deployment (WharfDeployTimeline *self,
                                      WharfDeployment     *deployment)
{
  g_return_if_fail (WHARF_IS_DEPLOY_TIMELINE (self));
  g_return_if_fail (deployment == NULL || WHARF_IS_DEPLOYMENT (deployment));

  g_set_object (&self->deployment, deployment);
  self->started = 0;
  self->ended = 0;
  wharf_deploy_timeline_show_failure (self, NULL, NULL, WHARF_ON_FAILURE_ROLLBACK, NULL);
  wharf_deploy_timeline_set_note (self, NULL);
  wharf_deploy_timeline_set_can_cancel (self, FALSE);
  wharf_deploy_timeline_set_events (self, deployment ? wharf_deployment_get_events (deployment) : NULL);
}

void
wharf_deploy_timeline_set_status (WharfDeployTimeline *self,
                                  const char          *title,
                                  gboolean             running)
{
  g_return_if_fail (WHARF_IS_DEPLOY_TIMELINE (self));

  gtk_label_set_text (self->title_label, title ? title : "");
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  if (running)
    {
      if (self->started == 0 || self->ended != 0)
        {
          self->started = g_get_monotonic_time ();
          self->ended = 0;
        }
      if (self->tick_id == 0)
        self->tick_id = g_timeout_add_seconds (1, tick, self);
    }
  else
    {
      if (self->started != 0 && self->ended == 0)
        self->ended = g_get_monotonic_time ();
      g_clear_handle_id (&self->tick_id, g_source_remove);
    }
  update_progress (self);
}

void
wharf_deploy_timeline_set_note (WharfDeployTimeline *self,
                                const char          *note)
{
  g_return_if_fail (WHARF_IS_DEPLOY_TIMELINE (self));

  gtk_label_set_text (self->note_label, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
}

void
wharf_deploy_timeline_show_failure (WharfDeployTimeline     *self,
                                    WharfFailureExplanation *explanation,
                                    const char              *message,
                                    WharfOnFailure           on_failure,
                                    const char              *stack_status)
{
  gboolean show = explanation != NULL || message != NULL;

  g_return_if_fail (WHARF_IS_DEPLOY_TIMELINE (self));

  if (show)
    wharf_failure_banner_set_explanation (self->banner, explanation, message, on_failure, stack_status);
  gtk_revealer_set_reveal_child (self->banner_revealer, show);
  /* The banner offers Delete Stack itself, next to the cause. */
  gtk_widget_set_visible (self->delete_button, !show);
}

WharfFailureBanner *
wharf_deploy_timeline_get_banner (WharfDeployTimeline *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOY_TIMELINE (self), NULL);
  return self->banner;
}

gboolean
wharf_deploy_timeline_get_banner_visible (WharfDeployTimeline *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOY_TIMELINE (self), FALSE);
  return gtk_revealer_get_reveal_child (self->banner_revealer);
}

void
wharf_deploy_timeline_set_can_cancel (WharfDeployTimeline *self,
                                      gboolean             can_cancel)
{
  g_return_if_fail (WHARF_IS_DEPLOY_TIMELINE (self));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), can_cancel);
}

void
wharf_deploy_timeline_set_filter (WharfDeployTimeline *self,
                                  const char          *text,
                                  gboolean             failures_only)
{
  g_autofree char *search = NULL;

  g_return_if_fail (WHARF_IS_DEPLOY_TIMELINE (self));

  if (text != NULL && *text != '\0')
    search = g_utf8_casefold (text, -1);
  if (g_strcmp0 (search, self->search) != 0)
    {
      g_free (self->search);
      self->search = g_steal_pointer (&search);
      gtk_filter_changed (GTK_FILTER (self->name_filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
  if (failures_only != self->failures_only)
    {
      self->failures_only = failures_only;
      gtk_filter_changed (GTK_FILTER (self->failure_filter),
                          failures_only ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
    }
  /* Keep the entry and the toggle in step when called from code. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  if (gtk_toggle_button_get_active (self->failures_button) != failures_only)
    gtk_toggle_button_set_active (self->failures_button, failures_only);
}

GListModel *
wharf_deploy_timeline_get_shown (WharfDeployTimeline *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOY_TIMELINE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

GtkWidget *
wharf_deploy_timeline_get_list_view (WharfDeployTimeline *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOY_TIMELINE (self), NULL);
  return GTK_WIDGET (self->list_view);
}

gboolean
wharf_deploy_timeline_get_following (WharfDeployTimeline *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOY_TIMELINE (self), FALSE);
  return self->following;
}

const char *
wharf_deploy_timeline_get_progress_text (WharfDeployTimeline *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOY_TIMELINE (self), NULL);
  return self->progress_text;
}
