/* wharf-context-row.c: a row of the Contexts page.
 *
 * The store makes new contexts when their files change, so a row is
 * built once; only "current" changes in place (`docker context use`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-context-row.h"

struct _WharfContextRow
{
  AdwActionRow  parent_instance;

  WharfContext *context;

  GtkImage     *icon;
  GtkLabel     *current_badge;
  GtkButton    *use_button;
  GtkButton    *edit_button;
  GtkButton    *remove_button;
};

G_DEFINE_FINAL_TYPE (WharfContextRow, wharf_context_row, ADW_TYPE_ACTION_ROW)

static void
update_current (WharfContextRow *self)
{
  gboolean current = wharf_context_get_current (self->context);

  gtk_widget_set_visible (GTK_WIDGET (self->current_badge), current);
  gtk_widget_set_visible (GTK_WIDGET (self->use_button),
                          !current && wharf_context_get_error (self->context) == NULL);
}

char *
wharf_context_row_dup_summary (WharfContext *context)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *region = wharf_context_get_region (context);
  const char *description = wharf_context_get_description (context);
  const GError *error = wharf_context_get_error (context);

  if (error != NULL)
    return g_strdup (error->message);
  if (wharf_context_is_default (context))
    g_ptr_array_add (parts, g_strdup (_("The AWS environment: AWS_PROFILE, AWS_REGION or the default profile")));
  else if (!wharf_context_is_ecs (context))
    {
      g_autofree char *endpoint = wharf_context_dup_endpoint_summary (context);

      /* Translators: "moby context · unix:///var/run/docker.sock" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s context"), wharf_context_get_context_type (context)));
      if (endpoint != NULL && *endpoint != '\0')
        g_ptr_array_add (parts, g_steal_pointer (&endpoint));
    }
  else if (wharf_context_get_credentials (context) == WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT)
    g_ptr_array_add (parts, g_strdup (_("Credentials from environment variables")));
  else
    g_ptr_array_add (parts, g_strdup_printf (_("Profile “%s”"), wharf_context_get_profile (context)));
  if (region != NULL && *region != '\0')
    g_ptr_array_add (parts, g_strdup (region));
  /* `docker context create ecs --from-env` (and the context dialog)
   * write this description: the first part already says it. */
  if (wharf_context_is_ecs (context) &&
      wharf_context_get_credentials (context) == WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT &&
      g_strcmp0 (description, "credentials read from environment") == 0)
    description = NULL;
  if (description != NULL && *description != '\0' && !wharf_context_is_default (context))
    g_ptr_array_add (parts, g_strdup (description));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
wharf_context_row_dispose (GObject *object)
{
  WharfContextRow *self = WHARF_CONTEXT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WHARF_TYPE_CONTEXT_ROW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (wharf_context_row_parent_class)->dispose (object);
}

static void
wharf_context_row_class_init (WharfContextRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_context_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-context-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfContextRow, icon);
  gtk_widget_class_bind_template_child (widget_class, WharfContextRow, current_badge);
  gtk_widget_class_bind_template_child (widget_class, WharfContextRow, use_button);
  gtk_widget_class_bind_template_child (widget_class, WharfContextRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, WharfContextRow, remove_button);
}

static void
wharf_context_row_init (WharfContextRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wharf_context_row_new (WharfContext *context)
{
  WharfContextRow *self;
  g_autofree char *summary = NULL;
  const char *name;
  gboolean writable;

  g_return_val_if_fail (WHARF_IS_CONTEXT (context), NULL);

  self = g_object_new (WHARF_TYPE_CONTEXT_ROW, NULL);
  self->context = g_object_ref (context);
  name = wharf_context_get_name (context);
  /* Only ECS contexts are Wharf's to change; Docker owns the others. */
  writable = wharf_context_is_ecs (context) && wharf_context_get_error (context) == NULL;
  summary = wharf_context_row_dup_summary (context);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), summary);
  if (wharf_context_get_error (context) != NULL)
    gtk_image_set_from_icon_name (self->icon, "dialog-warning-symbolic");
  else if (wharf_context_is_default (context))
    gtk_image_set_from_icon_name (self->icon, "network-server-symbolic");
  else if (!wharf_context_is_ecs (context))
    gtk_image_set_from_icon_name (self->icon, "computer-symbolic");

  update_current (self);
  g_signal_connect_object (context, "notify::current", G_CALLBACK (update_current), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), writable);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), writable);
  /* The target first: an action name without its target would not match
   * the action's parameter type. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->use_button), "s", name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->use_button), "contexts.use");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s", name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), "contexts.edit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "s", name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), "contexts.remove");
  return GTK_WIDGET (self);
}

WharfContext *
wharf_context_row_get_context (WharfContextRow *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT_ROW (self), NULL);

  return self->context;
}
