/* wharf-window-context.c: the header bar's context selector.
 *
 * The button shows while a project is open (wharf-window-files.c): the
 * choice is where that project deploys to. The Contexts & Profiles window
 * is the action win.manage-contexts, which any menu may offer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-context-selector.h"
#include "wharf-contexts-window.h"
#include "wharf-window-private.h"

#define SELECTOR_KEY "wharf-context-selector"
#define CONTEXTS_WINDOW_KEY "wharf-contexts-window"

static void
contexts_window_destroyed (WharfWindow *self)
{
  g_object_set_data (G_OBJECT (self), CONTEXTS_WINDOW_KEY, NULL);
}

static void
manage_contexts_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  WharfWindow *self = WHARF_WINDOW (widget);
  GtkWindow *window = g_object_get_data (G_OBJECT (self), CONTEXTS_WINDOW_KEY);

  /* One Contexts & Profiles window per main window. */
  if (window == NULL)
    {
      window = wharf_contexts_window_new (GTK_WINDOW (self),
                                          wharf_session_get_contexts (self->session));
      g_object_set_data (G_OBJECT (self), CONTEXTS_WINDOW_KEY, window);
      g_signal_connect_object (window, "destroy", G_CALLBACK (contexts_window_destroyed), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (window);
}

void
_wharf_window_class_init_context (GtkWidgetClass *widget_class)
{
  /* The menu section is not a widget: bound without a struct field, to be
   * found with gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "context_section", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "win.manage-contexts", NULL,
                                   manage_contexts_action);
}

void
_wharf_window_init_context (WharfWindow *self)
{
  GMenu *section;
  WharfContextSelector *selector;

  section = G_MENU (gtk_widget_get_template_child (GTK_WIDGET (self), WHARF_TYPE_WINDOW,
                                                   "context_section"));
  selector = wharf_context_selector_new (self->session, section, self->context_label,
                                         GTK_WIDGET (self->context_button));
  /* A stateful action, so the menu shows the choice as a radio item:
   * widget-class actions have no state in GTK 4.8. */
  g_action_map_add_action (G_ACTION_MAP (self), wharf_context_selector_get_action (selector));
  g_object_set_data_full (G_OBJECT (self), SELECTOR_KEY, selector, g_object_unref);
}
