/* wharf-window-actions.c: the window's actions (win.*) and their
 * shortcuts; the context selector installs its own
 * (wharf-window-context.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-recent.h"
#include "wharf-resources-window.h"
#include "wharf-window-private.h"

/* Page names of the view stack, in Alt+1…5 order. */
static const char * const page_names[] = {
  "project", "template", "deployment", "status", "logs", NULL
};

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _wharf_window_choose_files (WHARF_WINDOW (widget));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _wharf_window_choose_folder (WHARF_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WharfWindow *self = WHARF_WINDOW (widget);
  g_autofree const char **paths = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert (g_variant_is_of_type (parameter, G_VARIANT_TYPE_STRING_ARRAY));

  paths = g_variant_get_strv (parameter, NULL);
  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  if (files->len > 0)
    wharf_window_open_files (self, (GFile **) files->pdata, files->len);
}

static void
forget_recent_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WharfWindow *self = WHARF_WINDOW (widget);
  g_autofree const char **paths = NULL;

  g_assert (g_variant_is_of_type (parameter, G_VARIANT_TYPE_STRING_ARRAY));

  paths = g_variant_get_strv (parameter, NULL);
  wharf_recent_forget (self->settings, paths);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  wharf_window_reload (WHARF_WINDOW (widget));
}

static void
close_project_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  wharf_window_set_files (WHARF_WINDOW (widget), NULL);
}

static void
deploy_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WharfWindow *self = WHARF_WINDOW (widget);

  /* The deployment page hosts the change-set review and the timeline;
   * the action is disabled while a deployment runs ("deploying"). */
  adw_view_stack_set_visible_child_name (self->view_stack, "deployment");
  wharf_deployment_page_deploy (self->deployment_page);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WharfWindow *self = WHARF_WINDOW (widget);
  const char *name;

  g_assert (g_variant_is_of_type (parameter, G_VARIANT_TYPE_STRING));

  name = g_variant_get_string (parameter, NULL);
  if (g_strv_contains (page_names, name))
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
_wharf_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.open-folder", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "as", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.forget-recent", "as", forget_recent_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.close-project", NULL, close_project_action);
  gtk_widget_class_install_action (widget_class, "win.deploy", NULL, deploy_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-resources", NULL, _wharf_window_show_resources);

  for (guint i = 0; page_names[i] != NULL; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", page_names[i]);
  _wharf_window_class_init_context (widget_class);
}
