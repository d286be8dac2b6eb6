/* wharf-template-page.c: the template page of the main window.
 *
 * Previews the CloudFormation template of the loaded project, converted
 * offline (no AWS account: VPC and subnets become parameters) in a worker
 * thread; a newer project cancels the conversion of an older one. The
 * page shows YAML or JSON (default from the "default-format" setting), an
 * outline of the resources that scrolls the source, search (Ctrl+F), copy,
 * and the size and resource count against the CloudFormation limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-ecs-convert.h"
#include "wharf-template-page.h"

struct _WharfTemplatePage
{
  AdwBin                  parent_instance;

  GSettings              *settings;
  WharfComposeProject    *project;
  GCancellable           *cancellable;
  WharfTemplate          *template;
  char                   *yaml;
  char                   *json;
  char                   *summary;
  WharfTemplateFormat     format;
  gboolean                offline;
  GtkSourceBuffer        *buffer;
  GtkSourceSearchContext *search;

  GtkStack               *stack;
  AdwStatusPage          *placeholder;
  GtkLabel               *offline_badge;
  GtkLabel               *summary_label;
  GtkSwitch              *json_switch;
  GtkToggleButton        *search_button;
  GtkSearchBar           *search_bar;
  GtkSearchEntry         *search_entry;
  GtkListBox             *outline_list;
  GtkSourceView          *view;
};

G_DEFINE_FINAL_TYPE (WharfTemplatePage, wharf_template_page, ADW_TYPE_BIN)

typedef struct {
  WharfTemplate *template;
  char          *yaml;
  char          *json;
} ConvertResult;

static void
convert_result_free (ConvertResult *result)
{
  g_clear_object (&result->template);
  g_free (result->yaml);
  g_free (result->json);
  g_free (result);
}

typedef struct {
  WharfNode *root;
  char      *name;
} ConvertData;

static void
convert_data_free (ConvertData *data)
{
  wharf_node_unref (data->root);
  g_free (data->name);
  g_free (data);
}

static void
convert_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ConvertData *data = task_data;
  g_autoptr(WharfEcsEnvironment) environment = wharf_ecs_environment_new_offline (NULL);
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(GError) error = NULL;
  ConvertResult *result = g_new0 (ConvertResult, 1);

  result->template = wharf_ecs_convert (data->root, data->name, environment, diagnostics, &error);
  if (result->template != NULL && !g_cancellable_is_cancelled (cancellable))
    result->yaml = wharf_template_to_yaml (result->template, NULL, &error);
  if (result->yaml != NULL && !g_cancellable_is_cancelled (cancellable))
    result->json = wharf_template_to_json (result->template, NULL);

  if (g_task_return_error_if_cancelled (task))
    convert_result_free (result);
  else if (error != NULL)
    {
      convert_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, result, (GDestroyNotify) convert_result_free);
}

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
rebuild_outline (WharfTemplatePage *self)
{
  GtkWidget *child;
  g_auto(GStrv) ids = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->outline_list))) != NULL)
    gtk_list_box_remove (self->outline_list, child);
  if (self->template == NULL)
    return;

  ids = wharf_template_list_resources (self->template);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *type = wharf_template_get_resource_type (self->template, ids[i]);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
      GtkWidget *label = gtk_label_new (ids[i]);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (resource_icon_name (type)));
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_tooltip_text (box, type);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "logical-id", g_strdup (ids[i]), g_free);
      gtk_list_box_append (self->outline_list, row);
    }
}

static void
update_text (WharfTemplatePage *self)
{
  const char *text = self->format == WHARF_TEMPLATE_FORMAT_JSON ? self->json : self->yaml;
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  const char *language = self->format == WHARF_TEMPLATE_FORMAT_JSON ? "json" : "yaml";
  gsize size = text != NULL ? strlen (text) : 0;
  guint n_resources = self->template != NULL ? wharf_template_get_n_resources (self->template) : 0;
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *resources_text = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);

  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (languages, language));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text != NULL ? text : "", -1);

  resources_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u resource", "%u resources", n_resources),
                                    n_resources);
  /* Translators: the template summary, e.g. "23 resources · 18.2 kB" */
  g_string_printf (summary, _("%s · %s"), resources_text, size_text);
  if (size > WHARF_TEMPLATE_MAX_SIZE || n_resources > WHARF_TEMPLATE_MAX_RESOURCES)
    {
      g_string_append (summary, " · ");
      g_string_append (summary, _("over the CloudFormation limits (1 MB, 500 resources)"));
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
      if (size > WHARF_TEMPLATE_MAX_BODY_SIZE)
        {
          g_string_append (summary, " · ");
          g_string_append (summary, _("uploaded through S3 (over 51,200 bytes)"));
        }
    }
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  gtk_label_set_label (self->summary_label, self->summary);
}

static void
convert_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(WharfTemplatePage) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  ConvertResult *converted;

  g_weak_ref_clear (weak);
  g_free (weak);

  converted = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&converted, convert_result_free);
      return;
    }
  g_clear_object (&self->cancellable);

  g_clear_object (&self->template);
  g_clear_pointer (&self->yaml, g_free);
  g_clear_pointer (&self->json, g_free);
  if (converted == NULL)
    {
      adw_status_page_set_icon_name (self->placeholder, "dialog-error-symbolic");
      adw_status_page_set_title (self->placeholder, _("The Project Cannot Be Converted"));
      adw_status_page_set_description (self->placeholder, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      rebuild_outline (self);
      return;
    }

  self->template = g_steal_pointer (&converted->template);
  self->yaml = g_steal_pointer (&converted->yaml);
  self->json = g_steal_pointer (&converted->json);
  convert_result_free (converted);
  self->offline = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->offline_badge), self->offline);
  update_text (self);
  rebuild_outline (self);
  gtk_stack_set_visible_child_name (self->stack, "template");
}

/**
 * wharf_template_page_set_project:
 * @project: (nullable): the loaded project
 *
 * Converts @project (offline) in a worker thread, cancelling a running
 * conversion; %NULL shows the empty state.
 */
void
wharf_template_page_set_project (WharfTemplatePage   *self,
                                 WharfComposeProject *project)
{
  g_autoptr(GTask) task = NULL;
  ConvertData *data;
  GWeakRef *weak;

  g_return_if_fail (WHARF_IS_TEMPLATE_PAGE (self));
  g_return_if_fail (project == NULL || WHARF_IS_COMPOSE_PROJECT (project));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->project, project);

  if (project == NULL)
    {
      g_clear_object (&self->template);
      g_clear_pointer (&self->yaml, g_free);
      g_clear_pointer (&self->json, g_free);
      adw_status_page_set_icon_name (self->placeholder, "text-x-generic-symbolic");
      adw_status_page_set_title (self->placeholder, _("No Template Yet"));
      adw_status_page_set_description (self->placeholder,
                                       _("The CloudFormation template generated from the project will be previewed here"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      rebuild_outline (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  data = g_new0 (ConvertData, 1);
  data->root = wharf_node_ref (wharf_compose_project_get_root (project));
  data->name = g_strdup (wharf_compose_project_get_name (project));
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->cancellable, convert_cb, weak);
  g_task_set_source_tag (task, wharf_template_page_set_project);
  g_task_set_task_data (task, data, (GDestroyNotify) convert_data_free);
  g_task_run_in_thread (task, convert_thread);
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
  g_autofree char *needle = NULL;
  GtkTextIter iter;
  GtkTextIter match_start;
  GtkTextIter match_end;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!gtk_text_iter_forward_search (&iter, self->format == WHARF_TEMPLATE_FORMAT_JSON ? "\"Resources\"" : "\nResources:",
                                     GTK_TEXT_SEARCH_TEXT_ONLY, &match_start, &iter, NULL))
    return FALSE;
  if (self->format == WHARF_TEMPLATE_FORMAT_JSON)
    needle = g_strdup_printf ("\"%s\"", logical_id);
  else
    needle = g_strdup_printf ("\n  %s:", logical_id);
  if (!gtk_text_iter_forward_search (&iter, needle, GTK_TEXT_SEARCH_TEXT_ONLY,
                                     &match_start, &match_end, NULL))
    return FALSE;
  if (self->format == WHARF_TEMPLATE_FORMAT_YAML)
    gtk_text_iter_forward_char (&match_start);
  select_and_scroll (self, &match_start, &match_end);
  return TRUE;
}

static void
on_outline_activated (WharfTemplatePage *self,
                      GtkListBoxRow     *row)
{
  const char *logical_id = g_object_get_data (G_OBJECT (row), "logical-id");

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
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WharfTemplatePage *self = WHARF_TEMPLATE_PAGE (widget);
  g_autofree char *text = wharf_template_page_dup_text (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
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

static void
on_json_switch_active (WharfTemplatePage *self)
{
  wharf_template_page_set_format (self, gtk_switch_get_active (self->json_switch) ?
                                  WHARF_TEMPLATE_FORMAT_JSON : WHARF_TEMPLATE_FORMAT_YAML);
}

static void
update_style_scheme (WharfTemplatePage *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

static void
wharf_template_page_dispose (GObject *object)
{
  WharfTemplatePage *self = WHARF_TEMPLATE_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search);

  G_OBJECT_CLASS (wharf_template_page_parent_class)->dispose (object);
}

static void
wharf_template_page_finalize (GObject *object)
{
  WharfTemplatePage *self = WHARF_TEMPLATE_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->project);
  g_clear_object (&self->template);
  g_clear_pointer (&self->yaml, g_free);
  g_clear_pointer (&self->json, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (wharf_template_page_parent_class)->finalize (object);
}

static void
wharf_template_page_class_init (WharfTemplatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_template_page_dispose;
  object_class->finalize = wharf_template_page_finalize;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-template-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, stack);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, placeholder);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, offline_badge);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, json_switch);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, search_button);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, outline_list);
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, view);
  gtk_widget_class_bind_template_callback (widget_class, on_outline_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next);

  gtk_widget_class_install_action (widget_class, "template.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "template.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "template.search", NULL);
}

static void
wharf_template_page_init (WharfTemplatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  self->search = gtk_source_search_context_new (self->buffer, NULL);
  gtk_source_search_settings_set_wrap_around (gtk_source_search_context_get_settings (self->search), TRUE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new ("io.github.wharf.Wharf");
  self->format = g_settings_get_enum (self->settings, "default-format") == 1 ?
                 WHARF_TEMPLATE_FORMAT_JSON : WHARF_TEMPLATE_FORMAT_YAML;
  gtk_switch_set_active (self->json_switch, self->format == WHARF_TEMPLATE_FORMAT_JSON);
  g_signal_connect_object (self->json_switch, "notify::active",
                           G_CALLBACK (on_json_switch_active), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
wharf_template_page_new (void)
{
  return g_object_new (WHARF_TYPE_TEMPLATE_PAGE, NULL);
}

/* Whether a conversion is running. */
gboolean
wharf_template_page_get_busy (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

WharfTemplate *
wharf_template_page_get_template (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), NULL);

  return self->template;
}

WharfTemplateFormat
wharf_template_page_get_format (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), WHARF_TEMPLATE_FORMAT_YAML);

  return self->format;
}

void
wharf_template_page_set_format (WharfTemplatePage   *self,
                                WharfTemplateFormat  format)
{
  g_return_if_fail (WHARF_IS_TEMPLATE_PAGE (self));

  if (self->format == format)
    return;
  self->format = format;
  gtk_switch_set_active (self->json_switch, format == WHARF_TEMPLATE_FORMAT_JSON);
  if (self->template != NULL)
    update_text (self);
}

/* The text shown (YAML or JSON), or %NULL without a template. */
char *
wharf_template_page_dup_text (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), NULL);

  if (self->template == NULL)
    return NULL;
  return g_strdup (self->format == WHARF_TEMPLATE_FORMAT_JSON ? self->json : self->yaml);
}

const char *
wharf_template_page_get_summary (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), NULL);

  return self->summary;
}

gboolean
wharf_template_page_get_offline (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), FALSE);

  return self->template != NULL && self->offline;
}

GtkListBox *
wharf_template_page_get_outline (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), NULL);

  return self->outline_list;
}

GtkSourceView *
wharf_template_page_get_view (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), NULL);

  return self->view;
}
