/* wharf-contexts-window.c: the Contexts & Profiles window, Contexts page.
 *
 * Every change goes through the core stores, which write atomically and
 * in the Docker CLI's and AWS CLI's formats; the window only shows the
 * stores' list models. The context store is the session's, watched, so
 * `docker context` commands run meanwhile show up here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-aws-config.h"
#include "wharf-context-dialog.h"
#include "wharf-context-row.h"
#include "wharf-contexts-window-private.h"

G_DEFINE_FINAL_TYPE (WharfContextsWindow, wharf_contexts_window, ADW_TYPE_PREFERENCES_WINDOW)

void
_wharf_contexts_window_show_dialog (WharfContextsWindow *self,
                                    GtkWindow           *dialog)
{
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (dialog);
}

void
_wharf_contexts_window_toast (WharfContextsWindow *self,
                              const char          *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static GtkWidget *
create_context_row (gpointer item,
                    gpointer user_data)
{
  return wharf_context_row_new (WHARF_CONTEXT (item));
}

static WharfContext *
lookup (WharfContextsWindow *self,
        GVariant            *parameter)
{
  g_autoptr(GError) error = NULL;
  WharfContext *context;

  context = wharf_context_store_lookup (self->store, g_variant_get_string (parameter, NULL), &error);
  if (context == NULL)
    _wharf_contexts_window_toast (self, error->message);
  return context;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  WharfContextsWindow *self = WHARF_CONTEXTS_WINDOW (widget);

  _wharf_contexts_window_reload_profiles (self);
  _wharf_contexts_window_show_dialog (self, wharf_context_dialog_new (GTK_WINDOW (self), self->store,
                                                                     self->profiles, NULL));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WharfContextsWindow *self = WHARF_CONTEXTS_WINDOW (widget);
  g_autoptr(WharfContext) context = lookup (self, parameter);

  if (context == NULL)
    return;
  _wharf_contexts_window_reload_profiles (self);
  _wharf_contexts_window_show_dialog (self, wharf_context_dialog_new (GTK_WINDOW (self), self->store,
                                                                     self->profiles, context));
}

static void
use_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  WharfContextsWindow *self = WHARF_CONTEXTS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *name = g_variant_get_string (parameter, NULL);

  /* `docker context use NAME`: config.json's currentContext. */
  if (!wharf_context_store_use (self->store, name, &error))
    {
      _wharf_contexts_window_toast (self, error->message);
      return;
    }
  message = g_strdup_printf (_("“%s” is now Docker’s current context"), name);
  _wharf_contexts_window_toast (self, message);
}

static void
remove_response (AdwMessageDialog    *dialog,
                 const char          *response,
                 WharfContextsWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "context-name");
  gboolean force = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "force"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove"))
    return;
  if (!wharf_context_store_remove (self->store, name, force, &error))
    _wharf_contexts_window_toast (self, error->message);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WharfContextsWindow *self = WHARF_CONTEXTS_WINDOW (widget);
  g_autoptr(WharfContext) context = lookup (self, parameter);
  GtkWidget *dialog;
  const char *name;
  gboolean current;

  if (context == NULL)
    return;
  name = wharf_context_get_name (context);
  /* A looked-up context does not know whether it is current: the store's
   * last reload does. */
  current = g_strcmp0 (name, wharf_context_store_get_current_name (self->store)) == 0;
  /* Docker refuses to remove the current context without --force: say
   * so, and make the button say what it does. */
  if (current)
    dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove the Current Context?"), NULL);
  else
    dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  if (current)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s” is Docker’s current context. Once it is removed, "
                                      "Docker and Wharf use the default context. The AWS profile "
                                      "it names is kept."),
                                    name);
  else
    {
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove “%s”?"), name);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("The Docker CLI loses this context too. The AWS profile it "
                                     "names is kept."));
    }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", current ? _("_Remove Anyway") : _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "context-name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (dialog), "force", GINT_TO_POINTER (current));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response), self, 0);
  _wharf_contexts_window_show_dialog (self, GTK_WINDOW (dialog));
}

static void
wharf_contexts_window_dispose (GObject *object)
{
  WharfContextsWindow *self = WHARF_CONTEXTS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->dialog);
  /* The lists let go of the stores' models now, not when GTK gets to
   * finalizing them. */
  if (self->contexts_list != NULL)
    gtk_list_box_bind_model (self->contexts_list, NULL, NULL, NULL, NULL);
  if (self->profiles_list != NULL)
    gtk_list_box_bind_model (self->profiles_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), WHARF_TYPE_CONTEXTS_WINDOW);

  G_OBJECT_CLASS (wharf_contexts_window_parent_class)->dispose (object);
}

static void
wharf_contexts_window_finalize (GObject *object)
{
  WharfContextsWindow *self = WHARF_CONTEXTS_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->profiles);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (wharf_contexts_window_parent_class)->finalize (object);
}

static void
wharf_contexts_window_class_init (WharfContextsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_contexts_window_dispose;
  object_class->finalize = wharf_contexts_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-contexts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfContextsWindow, contexts_page);
  gtk_widget_class_bind_template_child (widget_class, WharfContextsWindow, contexts_group);
  gtk_widget_class_bind_template_child (widget_class, WharfContextsWindow, contexts_list);
  gtk_widget_class_bind_template_child (widget_class, WharfContextsWindow, profiles_page);
  gtk_widget_class_bind_template_child (widget_class, WharfContextsWindow, profiles_group);
  gtk_widget_class_bind_template_child (widget_class, WharfContextsWindow, profiles_list);

  gtk_widget_class_install_action (widget_class, "contexts.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "contexts.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "contexts.use", "s", use_action);
  gtk_widget_class_install_action (widget_class, "contexts.remove", "s", remove_action);
  _wharf_contexts_window_class_init_profiles (widget_class);
}

static void
wharf_contexts_window_init (WharfContextsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

GtkWindow *
wharf_contexts_window_new (GtkWindow         *parent,
                           WharfContextStore *store)
{
  WharfContextsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (store), NULL);

  self = g_object_new (WHARF_TYPE_CONTEXTS_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  gtk_list_box_bind_model (self->contexts_list, G_LIST_MODEL (store),
                           create_context_row, self, NULL);
  _wharf_contexts_window_init_profiles (self);
  return GTK_WINDOW (self);
}
