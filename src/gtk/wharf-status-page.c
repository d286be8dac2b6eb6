/* wharf-status-page.c: the status page of the main window.
 *
 * Fetches run only while the page is mapped: a timer started on map and
 * removed on unmap, and the fetch in flight is cancelled on unmap, on a
 * new project and on a new context. One fetch at a time, in a worker
 * thread with a client of its own (wharf_status_fetch_async()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-status-error.h"
#include "wharf-status-page.h"
#include "wharf-status-service-row.h"
#include "wharf-status-service.h"

struct _WharfStatusPage
{
  AdwBin         parent_instance;

  WharfSession  *session;
  char          *stack_name;
  GListStore    *services;
  GCancellable  *cancellable;   /* of the fetch in flight, else NULL */
  guint          timeout_id;
  guint          interval_ms;
  guint          n_fetches;

  GtkStack      *stack;
  AdwStatusPage *placeholder;
  AdwStatusPage *not_deployed_page;
  AdwStatusPage *error_page;
  GtkSpinner    *spinner;
  GtkLabel      *summary_label;
  GtkImage      *warning_icon;
  GtkListView   *list_view;
  GtkSignalListItemFactory *factory;
};

G_DEFINE_FINAL_TYPE (WharfStatusPage, wharf_status_page, ADW_TYPE_BIN)

static void
show (WharfStatusPage *self,
      const char      *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
}

static void
cancel_fetch (WharfStatusPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
show_error (WharfStatusPage *self,
            const GError    *error)
{
  g_autofree char *title = wharf_status_error_dup_title (error);
  g_autofree char *description = wharf_status_error_dup_description (error);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->services)) > 0)
    {
      /* Keep what was shown: a throttled refresh is no reason to blank
       * the page. */
      g_autofree char *text = g_strdup_printf (_("%s: the status shown may be out of date"), title);

      gtk_label_set_text (self->summary_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), description);
      gtk_widget_set_visible (GTK_WIDGET (self->warning_icon), TRUE);
      return;
    }
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  show (self, "error");
}

/* What a fetch's callback releases: the worker may use the client until
 * the callback runs, so the page holds it until then. */
typedef struct {
  WharfStatusPage *page;
  WharfAwsClient  *client;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_object_unref (fetch->client);
  g_object_unref (fetch->page);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_free)

static void
fetched (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  WharfStatusPage *self = fetch->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = wharf_status_fetch_finish (result, &error);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;
  g_autofree char *summary = NULL;

  /* a fetch cancelled (or replaced) too late to fail still lands here */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  self->n_fetches++;
  if (services == NULL)
    {
      if (g_error_matches (error, WHARF_STATUS_ERROR, WHARF_STATUS_ERROR_NOT_DEPLOYED))
        {
          g_autofree char *description =
            g_strdup_printf (_("The stack “%s” does not exist in this account and region. Deploy the project from the Deployment page."),
                             self->stack_name);

          g_list_store_remove_all (self->services);
          adw_status_page_set_description (self->not_deployed_page, description);
          show (self, "not-deployed");
          return;
        }
      show_error (self, error);
      return;
    }
  g_list_store_splice (self->services, 0, g_list_model_get_n_items (G_LIST_MODEL (self->services)),
                       services->pdata, services->len);
  now = g_date_time_new_now_local ();
  time = g_date_time_format (now, "%X");
  /* Translators: "webapp · 2 services · updated 10:02:03" */
  summary = g_strdup_printf (ngettext ("%s · %u service · updated %s", "%s · %u services · updated %s",
                                       services->len),
                             self->stack_name, services->len, time);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_icon), FALSE);
  show (self, "services");
}

void
wharf_status_page_refresh (WharfStatusPage *self)
{
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(GError) error = NULL;
  Fetch *fetch;

  g_return_if_fail (WHARF_IS_STATUS_PAGE (self));

  if (self->cancellable != NULL || self->session == NULL || self->stack_name == NULL)
    return;
  /* A client per fetch: it follows the session's context, and the worker
   * thread is its only user. Creating one reads the AWS files only. */
  client = wharf_session_create_client (self->session, &error);
  if (client == NULL)
    {
      self->n_fetches++;
      show_error (self, error);
      return;
    }
  self->cancellable = g_cancellable_new ();
  fetch = g_new0 (Fetch, 1);
  fetch->page = g_object_ref (self);
  fetch->client = g_steal_pointer (&client);
  wharf_status_fetch_async (fetch->client, self->stack_name, self->cancellable, fetched, fetch);
}

static gboolean
refresh_timeout (gpointer user_data)
{
  wharf_status_page_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
stop_timer (WharfStatusPage *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

static void
start_timer (WharfStatusPage *self)
{
  stop_timer (self);
  if (self->stack_name == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->timeout_id = g_timeout_add (self->interval_ms, refresh_timeout, self);
  wharf_status_page_refresh (self);
}

/* The project or the context changed: what is shown is stale. */
static void
restart (WharfStatusPage *self)
{
  cancel_fetch (self);
  g_list_store_remove_all (self->services);
  show (self, self->stack_name == NULL ? "empty" : "loading");
  start_timer (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WharfStatusPage *self = WHARF_STATUS_PAGE (widget);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "error"))
    show (self, "loading");
  wharf_status_page_refresh (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, wharf_status_service_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  wharf_status_service_row_set_service (WHARF_STATUS_SERVICE_ROW (gtk_list_item_get_child (item)),
                                        gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  wharf_status_service_row_set_service (WHARF_STATUS_SERVICE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
wharf_status_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (wharf_status_page_parent_class)->map (widget);
  start_timer (WHARF_STATUS_PAGE (widget));
}

static void
wharf_status_page_unmap (GtkWidget *widget)
{
  WharfStatusPage *self = WHARF_STATUS_PAGE (widget);

  stop_timer (self);
  cancel_fetch (self);
  GTK_WIDGET_CLASS (wharf_status_page_parent_class)->unmap (widget);
}

static void
wharf_status_page_dispose (GObject *object)
{
  WharfStatusPage *self = WHARF_STATUS_PAGE (object);

  stop_timer (self);
  cancel_fetch (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (wharf_status_page_parent_class)->dispose (object);
}

static void
wharf_status_page_finalize (GObject *object)
{
  WharfStatusPage *self = WHARF_STATUS_PAGE (object);

  g_free (self->stack_name);
  g_clear_object (&self->services);

  G_OBJECT_CLASS (wharf_status_page_parent_class)->finalize (object);
}

static void
wharf_status_page_class_init (WharfStatusPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_status_page_dispose;
  object_class->finalize = wharf_status_page_finalize;
  widget_class->map = wharf_status_page_map;
  widget_class->unmap = wharf_status_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-status-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfStatusPage, stack);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusPage, placeholder);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusPage, not_deployed_page);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusPage, warning_icon);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, WharfStatusPage, factory);

  gtk_widget_class_install_action (widget_class, "status.refresh", NULL, refresh_action);
  g_type_ensure (WHARF_TYPE_STATUS_SERVICE_ROW);
}

static void
wharf_status_page_init (WharfStatusPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->interval_ms = WHARF_STATUS_PAGE_REFRESH_MS;
  self->services = g_list_store_new (WHARF_TYPE_STATUS_SERVICE);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->services)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect (self->factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (self->factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (self->factory, "unbind", G_CALLBACK (unbind_row), NULL);
  show (self, "empty");
}

GtkWidget *
wharf_status_page_new (void)
{
  return g_object_new (WHARF_TYPE_STATUS_PAGE, NULL);
}

void
wharf_status_page_set_project (WharfStatusPage     *self,
                               WharfSession        *session,
                               WharfComposeProject *project)
{
  const char *name;

  g_return_if_fail (WHARF_IS_STATUS_PAGE (self));
  g_return_if_fail (WHARF_IS_SESSION (session));
  g_return_if_fail (project == NULL || WHARF_IS_COMPOSE_PROJECT (project));

  if (self->session != session)
    {
      if (self->session != NULL)
        g_signal_handlers_disconnect_by_data (self->session, self);
      g_set_object (&self->session, session);
      g_signal_connect_object (session, "notify::context-name", G_CALLBACK (restart), self,
                               G_CONNECT_SWAPPED);
    }
  name = project != NULL ? wharf_compose_project_get_name (project) : NULL;
  g_free (self->stack_name);
  self->stack_name = g_strdup (name);
  restart (self);
}

void
wharf_status_page_set_refresh_interval (WharfStatusPage *self,
                                        guint            ms)
{
  g_return_if_fail (WHARF_IS_STATUS_PAGE (self));
  g_return_if_fail (ms > 0);

  self->interval_ms = ms;
  if (self->timeout_id != 0)
    start_timer (self);
}

GListModel *
wharf_status_page_get_services (WharfStatusPage *self)
{
  g_return_val_if_fail (WHARF_IS_STATUS_PAGE (self), NULL);
  return G_LIST_MODEL (self->services);
}

const char *
wharf_status_page_get_state (WharfStatusPage *self)
{
  g_return_val_if_fail (WHARF_IS_STATUS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
wharf_status_page_get_n_fetches (WharfStatusPage *self)
{
  g_return_val_if_fail (WHARF_IS_STATUS_PAGE (self), 0);
  return self->n_fetches;
}
