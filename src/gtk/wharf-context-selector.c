/* wharf-context-selector.c: the window's context menu.
 *
 * The menu lists what this window can deploy to: the ECS contexts of the
 * Docker context store and "default" (the AWS environment). The radio
 * mark is this window's choice (WharfSession); "current" marks Docker's
 * current context, which is only where a new window starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-context-selector.h"

struct _WharfContextSelector
{
  GObject        parent_instance;

  WharfSession  *session;
  GMenu         *section;
  GtkLabel      *label;
  GtkWidget     *button;
  GSimpleAction *action;
};

G_DEFINE_FINAL_TYPE (WharfContextSelector, wharf_context_selector, G_TYPE_OBJECT)

static void
update_label (WharfContextSelector *self)
{
  const char *name = wharf_session_get_context_name (self->session);
  g_autofree char *summary = wharf_session_dup_summary (self->session);
  g_autofree char *tooltip = NULL;

  gtk_label_set_label (self->label, name != NULL ? name : _("AWS Environment"));
  /* Translators: tooltip of the header's context button; %s is "sandbox · us-east-1" */
  tooltip = g_strdup_printf (_("Deploys to %s"), summary);
  gtk_widget_set_tooltip_text (self->button, tooltip);
  g_simple_action_set_state (self->action, g_variant_new_string (name != NULL ? name : ""));
}

void
wharf_context_selector_update (WharfContextSelector *self)
{
  WharfContextStore *store;
  guint n;

  g_return_if_fail (WHARF_IS_CONTEXT_SELECTOR (self));

  store = wharf_session_get_contexts (self->session);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_menu_remove_all (self->section);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WharfContext) context = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      const char *name = wharf_context_get_name (context);

      /* Only these can be deployed to (Docker engine contexts cannot). */
      if (!wharf_context_is_ecs (context) && !wharf_context_is_default (context))
        continue;
      if (wharf_context_get_current (context))
        /* Translators: a Docker context in the header's menu, the one `docker` uses */
        label = g_strdup_printf (_("%s (current)"), name);
      else
        label = g_strdup (name);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.use-context", g_variant_new_string (name));
      g_menu_append_item (self->section, item);
    }
  update_label (self);
}

static void
use_context_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  WharfContextSelector *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);

  /* "": back to following Docker's current context. */
  wharf_session_set_context_name (self->session, *name != '\0' ? name : NULL);
}

static void
wharf_context_selector_dispose (GObject *object)
{
  WharfContextSelector *self = WHARF_CONTEXT_SELECTOR (object);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (wharf_session_get_contexts (self->session), self);
    }
  if (self->action != NULL)
    g_signal_handlers_disconnect_by_data (self->action, self);
  g_clear_object (&self->session);
  g_clear_object (&self->section);
  g_clear_object (&self->label);
  g_clear_object (&self->button);
  g_clear_object (&self->action);

  G_OBJECT_CLASS (wharf_context_selector_parent_class)->dispose (object);
}

static void
wharf_context_selector_class_init (WharfContextSelectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wharf_context_selector_dispose;
}

static void
wharf_context_selector_init (WharfContextSelector *self)
{
}

WharfContextSelector *
wharf_context_selector_new (WharfSession *session,
                            GMenu        *section,
                            GtkLabel     *label,
                            GtkWidget    *button)
{
  WharfContextSelector *self;

  g_return_val_if_fail (WHARF_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_MENU (section), NULL);
  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (button), NULL);

  self = g_object_new (WHARF_TYPE_CONTEXT_SELECTOR, NULL);
  self->session = g_object_ref (session);
  self->section = g_object_ref (section);
  self->label = g_object_ref (label);
  self->button = g_object_ref (button);
  self->action = g_simple_action_new_stateful ("use-context", G_VARIANT_TYPE_STRING,
                                               g_variant_new_string (""));
  g_signal_connect (self->action, "activate", G_CALLBACK (use_context_activated), self);
  g_signal_connect_object (session, "notify::context-name",
                           G_CALLBACK (update_label), self, G_CONNECT_SWAPPED);
  /* The store is watched: contexts made by `docker context create` or
   * another window show up here too. */
  g_signal_connect_object (wharf_session_get_contexts (session), "items-changed",
                           G_CALLBACK (wharf_context_selector_update), self, G_CONNECT_SWAPPED);
  /* `docker context use` changes no item, only which one is current. */
  g_signal_connect_object (wharf_session_get_contexts (session), "notify::current-name",
                           G_CALLBACK (wharf_context_selector_update), self, G_CONNECT_SWAPPED);
  wharf_context_selector_update (self);
  return self;
}

GAction *
wharf_context_selector_get_action (WharfContextSelector *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT_SELECTOR (self), NULL);

  return G_ACTION (self->action);
}
