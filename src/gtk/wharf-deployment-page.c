/* wharf-deployment-page.c: the deployment page of the main window.
 *
 * One GtkStack of views: a message (not deployed, up to date,
 * discarded), preparing (the current step), an error, the change-set
 * review and the timeline. The steps themselves are in
 * wharf-deploy-page-flow.c, following an operation started elsewhere in
 * wharf-deploy-follow.c and the shared views in wharf-deploy-page-views.c;
 * this file holds the page actions (deployment.*), whether a deployment
 * runs ("deploying") and what happens when the project or the context
 * changes.
 *
 * WharfDeployment runs its blocking steps in worker threads and emits
 * "notify::state" there: the page never touches widgets from that
 * handler but relays it to the main context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-deploy-page-private.h"

G_DEFINE_FINAL_TYPE (WharfDeploymentPage, wharf_deployment_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DEPLOYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- state relay ------------------------------------------------------------ */

typedef struct {
  GWeakRef page;
} StateRelay;

static void
state_relay_clear (gpointer data)
{
  g_weak_ref_clear (&((StateRelay *) data)->page);
}

static void
state_relay_release (gpointer data)
{
  g_rc_box_release_full (data, state_relay_clear);
}

static void
state_relay_closure_notify (gpointer  data,
                            GClosure *closure)
{
  state_relay_release (data);
}

static gboolean
state_relay_dispatch (gpointer data)
{
  g_autoptr(WharfDeploymentPage) self = g_weak_ref_get (&((StateRelay *) data)->page);

  if (self != NULL)
    _wharf_deploy_page_show_step (self);
  return G_SOURCE_REMOVE;
}

/* May run in a worker thread. */
static void
on_state_notify (GObject    *deployment,
                 GParamSpec *pspec,
                 gpointer    data)
{
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, state_relay_dispatch,
                              g_rc_box_acquire (data), state_relay_release);
}

/* Only an update can be cancelled (CancelUpdateStack). */
gboolean
_wharf_deploy_page_can_cancel_update (WharfDeploymentPage *self)
{
  if (!self->waiting || self->deployment == NULL)
    return FALSE;
  if (self->run == WHARF_DEPLOY_RUN_UP)
    return !wharf_deployment_is_new_stack (self->deployment);
  return self->run == WHARF_DEPLOY_RUN_FOLLOW && g_strcmp0 (self->follow_status, "UPDATE_IN_PROGRESS") == 0;
}

void
_wharf_deploy_page_update_actions (WharfDeploymentPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  WharfDeploymentState state = self->deployment ? wharf_deployment_get_state (self->deployment) : WHARF_DEPLOYMENT_IDLE;
  gboolean review = self->run == WHARF_DEPLOY_RUN_UP && state == WHARF_DEPLOYMENT_REVIEW;
  /* A deployment runs from its first step until it ends, review
   * included: a second Deploy would abandon the change set shown. */
  gboolean deploying = self->busy || review;

  gtk_widget_action_set_enabled (widget, "deployment.deploy", self->project != NULL && !deploying);
  gtk_widget_action_set_enabled (widget, "deployment.follow", self->project != NULL && !self->busy);
  gtk_widget_action_set_enabled (widget, "deployment.stop", self->busy && !self->waiting);
  gtk_widget_action_set_enabled (widget, "deployment.execute", review && !self->busy);
  gtk_widget_action_set_enabled (widget, "deployment.discard", review && !self->busy);
  gtk_widget_action_set_enabled (widget, "deployment.cancel-update", _wharf_deploy_page_can_cancel_update (self));
  gtk_widget_action_set_enabled (widget, "deployment.delete-stack",
                                 self->project != NULL && !self->busy && self->dialog == NULL);
  if (self->deploying != deploying)
    {
      self->deploying = deploying;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPLOYING]);
    }
}

void
_wharf_deploy_page_stop (WharfDeploymentPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  if (self->deployment != NULL)
    g_signal_handlers_disconnect_by_func (self->deployment, on_state_notify, self->relay);
  g_clear_object (&self->deployment);
  self->run = WHARF_DEPLOY_RUN_NONE;
  self->busy = FALSE;
  self->waiting = FALSE;
  self->stale_review = FALSE;
  g_clear_pointer (&self->follow_status, g_free);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  wharf_deploy_timeline_set_deployment (self->timeline, NULL);
  wharf_deploy_timeline_set_status (self->timeline, NULL, FALSE);
  _wharf_deploy_page_update_actions (self);
}

void
_wharf_deploy_page_take (WharfDeploymentPage *self,
                         WharfDeployment     *deployment,
                         WharfDeployRun       run)
{
  _wharf_deploy_page_stop (self);
  self->deployment = g_object_ref (deployment);
  self->run = run;
  self->cancellable = g_cancellable_new ();
  g_signal_connect_data (deployment, "notify::state", G_CALLBACK (on_state_notify),
                         g_rc_box_acquire (self->relay), state_relay_closure_notify, 0);
}

/* ---- actions ---------------------------------------------------------------- */

static void
deploy_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  wharf_deployment_page_deploy (WHARF_DEPLOYMENT_PAGE (widget));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WharfDeploymentPage *self = WHARF_DEPLOYMENT_PAGE (widget);

  _wharf_deploy_page_stop (self);
  _wharf_deploy_page_show_message (self, "send-to-symbolic", _("Not Deployed"),
                                   _("Preparing was cancelled; nothing was changed"));
}

static void
execute_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _wharf_deploy_page_execute (WHARF_DEPLOYMENT_PAGE (widget));
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _wharf_deploy_page_discard (WHARF_DEPLOYMENT_PAGE (widget));
}

static void
cancel_update_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _wharf_deploy_page_cancel_update (WHARF_DEPLOYMENT_PAGE (widget));
}

static void
follow_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _wharf_deploy_page_follow (WHARF_DEPLOYMENT_PAGE (widget));
}

static void
delete_stack_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _wharf_deploy_page_delete_stack (WHARF_DEPLOYMENT_PAGE (widget));
}

/* ---- object ----------------------------------------------------------------- */

static void
reset (WharfDeploymentPage *self)
{
  _wharf_deploy_page_stop (self);
  _wharf_deploy_page_show_idle (self);
  _wharf_deploy_page_check_stack (self);
}

static void
on_context_changed (WharfDeploymentPage *self)
{
  /* Another context is another account or region: what the page showed
   * is about the previous one. */
  _wharf_deploy_page_drop_review (self);
  reset (self);
}

static void
wharf_deployment_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (wharf_deployment_page_parent_class)->map (widget);
  /* Shown: is the stack busy with an operation started elsewhere? */
  _wharf_deploy_page_check_stack (WHARF_DEPLOYMENT_PAGE (widget));
}

static void
wharf_deployment_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  WharfDeploymentPage *self = WHARF_DEPLOYMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_DEPLOYING:
      g_value_set_boolean (value, self->deploying);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_deployment_page_dispose (GObject *object)
{
  WharfDeploymentPage *self = WHARF_DEPLOYMENT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  if (self->deployment != NULL)
    g_signal_handlers_disconnect_by_func (self->deployment, on_state_notify, self->relay);
  g_clear_object (&self->deployment);
  if (self->session != NULL)
    g_clear_signal_handler (&self->context_handler, self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (wharf_deployment_page_parent_class)->dispose (object);
}

static void
wharf_deployment_page_finalize (GObject *object)
{
  WharfDeploymentPage *self = WHARF_DEPLOYMENT_PAGE (object);

  g_clear_pointer (&self->relay, state_relay_release);
  g_free (self->account);
  g_free (self->error_title);
  g_free (self->follow_status);

  G_OBJECT_CLASS (wharf_deployment_page_parent_class)->finalize (object);
}

static void
wharf_deployment_page_class_init (WharfDeploymentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_deployment_page_dispose;
  object_class->finalize = wharf_deployment_page_finalize;
  object_class->get_property = wharf_deployment_page_get_property;
  widget_class->map = wharf_deployment_page_map;

  /**
   * WharfDeploymentPage:deploying:
   *
   * Whether a deployment (or a deletion, or a followed operation) runs:
   * from its first step, through the review, until it ends. Deploy does
   * nothing meanwhile.
   */
  properties[PROP_DEPLOYING] =
    g_param_spec_boolean ("deploying", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WHARF_TYPE_DEPLOY_REVIEW);
  g_type_ensure (WHARF_TYPE_DEPLOY_TIMELINE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-deployment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfDeploymentPage, stack);
  gtk_widget_class_bind_template_child (widget_class, WharfDeploymentPage, placeholder);
  gtk_widget_class_bind_template_child (widget_class, WharfDeploymentPage, deploy_button);
  gtk_widget_class_bind_template_child (widget_class, WharfDeploymentPage, follow_button);
  gtk_widget_class_bind_template_child (widget_class, WharfDeploymentPage, preparing_page);
  gtk_widget_class_bind_template_child (widget_class, WharfDeploymentPage, preparing_spinner);
  gtk_widget_class_bind_template_child (widget_class, WharfDeploymentPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, WharfDeploymentPage, error_delete_button);
  gtk_widget_class_bind_template_child (widget_class, WharfDeploymentPage, review);
  gtk_widget_class_bind_template_child (widget_class, WharfDeploymentPage, timeline);

  gtk_widget_class_install_action (widget_class, "deployment.deploy", NULL, deploy_action);
  gtk_widget_class_install_action (widget_class, "deployment.follow", NULL, follow_action);
  gtk_widget_class_install_action (widget_class, "deployment.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "deployment.execute", NULL, execute_action);
  gtk_widget_class_install_action (widget_class, "deployment.discard", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "deployment.cancel-update", NULL, cancel_update_action);
  gtk_widget_class_install_action (widget_class, "deployment.delete-stack", NULL, delete_stack_action);
}

static void
wharf_deployment_page_init (WharfDeploymentPage *self)
{
  StateRelay *relay = g_rc_box_new0 (StateRelay);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_weak_ref_init (&relay->page, self);
  self->relay = relay;
  _wharf_deploy_page_update_actions (self);
}

GtkWidget *
wharf_deployment_page_new (void)
{
  return g_object_new (WHARF_TYPE_DEPLOYMENT_PAGE, NULL);
}

void
wharf_deployment_page_set_project (WharfDeploymentPage *self,
                                   WharfSession        *session,
                                   WharfComposeProject *project)
{
  g_autofree char *old_name = NULL;
  gboolean same_stack;

  g_return_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self));
  g_return_if_fail (WHARF_IS_SESSION (session));
  g_return_if_fail (project == NULL || WHARF_IS_COMPOSE_PROJECT (project));

  if (self->session != session)
    {
      if (self->session != NULL)
        g_clear_signal_handler (&self->context_handler, self->session);
      g_set_object (&self->session, session);
      self->context_handler = g_signal_connect_swapped (session, "notify::context-name",
                                                        G_CALLBACK (on_context_changed), self);
    }
  if (self->project != NULL)
    old_name = g_strdup (wharf_compose_project_get_name (self->project));
  g_set_object (&self->project, project);
  same_stack = project != NULL && g_strcmp0 (old_name, wharf_compose_project_get_name (project)) == 0;

  /* A reload of the same project keeps following its stack; a change set
   * under review is stale once the files changed (it is deleted on AWS,
   * not left behind), and another project is another stack. */
  if (same_stack && g_strcmp0 (wharf_deployment_page_get_view (self), "timeline") == 0)
    _wharf_deploy_page_update_actions (self);
  else if (same_stack && g_strcmp0 (wharf_deployment_page_get_view (self), "review") == 0)
    _wharf_deploy_page_discard_stale (self);
  else
    {
      _wharf_deploy_page_drop_review (self);
      reset (self);
    }
}

void
wharf_deployment_page_deploy (WharfDeploymentPage *self)
{
  g_return_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self));

  if (self->project == NULL || self->deploying)
    return;
  _wharf_deploy_page_prepare (self);
}

gboolean
wharf_deployment_page_get_deploying (WharfDeploymentPage *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self), FALSE);
  return self->deploying;
}

gboolean
wharf_deployment_page_get_can_follow (WharfDeploymentPage *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self), FALSE);
  return gtk_widget_get_visible (self->follow_button) &&
         g_strcmp0 (wharf_deployment_page_get_view (self), "message") == 0;
}

const char *
wharf_deployment_page_get_view (WharfDeploymentPage *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

WharfDeployment *
wharf_deployment_page_get_deployment (WharfDeploymentPage *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self), NULL);
  return self->deployment;
}

gboolean
wharf_deployment_page_get_busy (WharfDeploymentPage *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self), FALSE);
  return self->busy;
}

const char *
wharf_deployment_page_get_error (WharfDeploymentPage *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self), NULL);
  return self->error_title;
}

WharfDeployReview *
wharf_deployment_page_get_review (WharfDeploymentPage *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self), NULL);
  return self->review;
}

WharfDeployTimeline *
wharf_deployment_page_get_timeline (WharfDeploymentPage *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self), NULL);
  return self->timeline;
}

GtkWindow *
wharf_deployment_page_get_dialog (WharfDeploymentPage *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOYMENT_PAGE (self), NULL);
  return self->dialog;
}
