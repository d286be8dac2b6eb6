/* wharf-template-outline.c: the template page's resource outline and
 * search.
 *
 * The outline is a one-column GtkGridView over the logical ids, so a template with
 * thousands of resources creates a screenful of rows. Activating one
 * scrolls the source to its definition, in YAML or JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-project-feed.h"
#include "wharf-template-page-private.h"

static const char *
resource_icon_name (const char *type)
{
  if (type == NULL)
    return "application-x-addon-symbolic";
  if (g_str_has_prefix (type, "AWS::ECS::"))
    return "system-run-symbolic";
  if (g_str_has_prefix (type, "AWS::ElasticLoadBalancingV2::"))
    return "network-server-symbolic";
  if (g_str_has_prefix (type, "AWS::EC2::") || g_str_has_prefix (type, "AWS::ServiceDiscovery::"))
    return "network-workgroup-symbolic";
  if (g_str_has_prefix (type, "AWS::EFS::"))
    return "drive-harddisk-symbolic";
  if (g_str_has_prefix (type, "AWS::IAM::") || g_str_has_prefix (type, "AWS::SecretsManager::"))
    return "dialog-password-symbolic";
  if (g_str_has_prefix (type, "AWS::Logs::"))
    return "text-x-generic-symbolic";
  return "application-x-addon-symbolic";
}

static void
setup_outline_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Grid view children have none of the sidebar rows' padding. */
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_outline_row (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  WharfTemplatePage        *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  const char *logical_id = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const char *type = NULL;

  if (self->template != NULL)
    type = wharf_template_get_resource_type (self->template, logical_id);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), resource_icon_name (type));
  gtk_label_set_label (GTK_LABEL (label), logical_id);
  gtk_widget_set_tooltip_text (box, type);
}

void
_wharf_template_page_rebuild_outline (WharfTemplatePage *self)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GtkStringList) outline = NULL;

  if (self->template != NULL)
    ids = wharf_template_list_resources (self->template);
  /* A new list rather than a splice, so the view grows it chunk by chunk. */
  outline = gtk_string_list_new ((const char * const *) ids);
  g_set_object (&self->outline, outline);
  wharf_project_feed_set_model (self->outline_view, G_LIST_MODEL (self->outline));
}

static void
select_and_scroll (WharfTemplatePage *self,
                   GtkTextIter       *start,
                   GtkTextIter       *end)
{
  gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self->buffer), start, end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view),
                                gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)),
                                0.0, TRUE, 0.0, 0.1);
}

/* Moves the cursor to the definition of the resource LOGICAL_ID. */
static gboolean
scroll_to_resource (WharfTemplatePage *self,
                    const char        *logical_id)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  gboolean json = self->format == WHARF_TEMPLATE_FORMAT_JSON;
  g_autofree char *needle = NULL;
  GtkTextIter iter;
  GtkTextIter match_start;
  GtkTextIter match_end;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!gtk_text_iter_forward_search (&iter, json ? "\"Resources\"" : "\nResources:",
                                     GTK_TEXT_SEARCH_TEXT_ONLY, &match_start, &iter, NULL))
    return FALSE;
  if (json)
    needle = g_strdup_printf ("\"%s\"", logical_id);
  else
    needle = g_strdup_printf ("\n  %s:", logical_id);
  if (!gtk_text_iter_forward_search (&iter, needle, GTK_TEXT_SEARCH_TEXT_ONLY,
                                     &match_start, &match_end, NULL))
    return FALSE;
  if (!json)
    gtk_text_iter_forward_char (&match_start);
  select_and_scroll (self, &match_start, &match_end);
  return TRUE;
}

static void
on_outline_activated (WharfTemplatePage *self,
                      guint              position)
{
  const char *logical_id = gtk_string_list_get_string (self->outline, position);

  if (logical_id != NULL)
    scroll_to_resource (self, logical_id);
}

static void
on_search_changed (WharfTemplatePage *self)
{
  GtkSourceSearchSettings *settings = gtk_source_search_context_get_settings (self->search);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  gtk_source_search_settings_set_search_text (settings, text[0] != '\0' ? text : NULL);
}

static void
on_search_next (WharfTemplatePage *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start;
  GtkTextIter end;
  GtkTextIter match_start;
  GtkTextIter match_end;
  gboolean wrapped;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (gtk_source_search_context_forward (self->search, &end, &match_start, &match_end, &wrapped))
    select_and_scroll (self, &match_start, &match_end);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WharfTemplatePage *self = WHARF_TEMPLATE_PAGE (widget);

  if (self->template == NULL)
    return;
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
_wharf_template_page_init_outline (WharfTemplatePage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->outline = gtk_string_list_new (NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_outline_row), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_outline_row), self, 0);
  gtk_grid_view_set_factory (self->outline_view, factory);
  /* A one-column grid: it keeps ~33 rows alive, a list view 200. */
  gtk_grid_view_set_max_columns (self->outline_view, 1);
  gtk_grid_view_set_single_click_activate (self->outline_view, TRUE);
  g_signal_connect_object (self->outline_view, "activate",
                           G_CALLBACK (on_outline_activated), self, G_CONNECT_SWAPPED);

  self->search = gtk_source_search_context_new (self->buffer, NULL);
  gtk_source_search_settings_set_wrap_around (gtk_source_search_context_get_settings (self->search), TRUE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

void
_wharf_template_page_class_init_outline (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, search_button);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, outline_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next);

  gtk_widget_class_install_action (widget_class, "template.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "template.search", NULL);
}

/* The logical ids of the outline (GtkStringObject items). */
GListModel *
wharf_template_page_get_outline_model (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), NULL);

  return G_LIST_MODEL (self->outline);
}

GtkGridView *
wharf_template_page_get_outline (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), NULL);

  return self->outline_view;
}
