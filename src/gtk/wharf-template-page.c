/* wharf-template-page.c: the template page of the main window.
 *
 * Previews the CloudFormation template of the loaded project, converted
 * offline (no AWS account: VPC and subnets become parameters) in a worker
 * thread; a newer project cancels the conversion of an older one. The
 * page shows YAML or JSON (default from the "default-format" setting), an
 * outline of the resources that scrolls the source, search (Ctrl+F), copy,
 * and the size and resource count against the CloudFormation limits.
 * The outline and search are in wharf-template-outline.c, "Export Stack
 * File…" in wharf-template-export.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-ecs-convert.h"
#include "wharf-template-page-private.h"

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

/* Copy and export need a template. */
static void
update_actions (WharfTemplatePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "template.copy", self->template != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "template.export", self->template != NULL);
}

/* A template of a few hundred services is megabytes of text: inserting
 * it at once blocks the main loop for many frames, so it goes in by
 * chunks of whole lines, one per iteration. */
#define FILL_CHUNK (64 * 1024)

static gboolean
fill_step (gpointer data)
{
  WharfTemplatePage *self = data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  gsize length = strlen (self->fill_text);
  gsize end = MIN (self->fill_offset + FILL_CHUNK, length);
  const char *newline;
  GtkTextIter iter;

  newline = end < length ? memchr (self->fill_text + end, '\n', length - end) : NULL;
  if (end < length)
    end = newline != NULL ? (gsize) (newline - self->fill_text) + 1 : length;
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, self->fill_text + self->fill_offset, (int) (end - self->fill_offset));
  self->fill_offset = end;
  if (end < length)
    return G_SOURCE_CONTINUE;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_source_buffer_set_highlight_syntax (self->buffer, TRUE);
  self->fill_text = NULL;
  self->fill_source_id = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_fill (WharfTemplatePage *self)
{
  g_clear_handle_id (&self->fill_source_id, g_source_remove);
  self->fill_text = NULL;
}

/* Replaces the buffer's text with TEXT (owned by the page). */
static void
start_fill (WharfTemplatePage *self,
            const char        *text)
{
  stop_fill (self);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), "", 0);
  if (text == NULL || text[0] == '\0')
    return;
  self->fill_text = text;
  self->fill_offset = 0;
  /* Highlighting each chunk as it goes in costs more than the insertion:
   * the text is highlighted once, when it is all there. */
  gtk_source_buffer_set_highlight_syntax (self->buffer, FALSE);
  /* The first chunk now, so the page is never drawn empty. */
  if (fill_step (self))
    self->fill_source_id = g_idle_add_full (GDK_PRIORITY_REDRAW + 10, fill_step, self, NULL);
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
  start_fill (self, text);

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

  stop_fill (self);
  g_clear_object (&self->template);
  g_clear_pointer (&self->yaml, g_free);
  g_clear_pointer (&self->json, g_free);
  if (converted == NULL)
    {
      adw_status_page_set_icon_name (self->placeholder, "dialog-error-symbolic");
      adw_status_page_set_title (self->placeholder, _("The Project Cannot Be Converted"));
      adw_status_page_set_description (self->placeholder, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      _wharf_template_page_rebuild_outline (self);
      update_actions (self);
      return;
    }

  self->template = g_steal_pointer (&converted->template);
  self->yaml = g_steal_pointer (&converted->yaml);
  self->json = g_steal_pointer (&converted->json);
  convert_result_free (converted);
  self->offline = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->offline_badge), self->offline);
  update_text (self);
  _wharf_template_page_rebuild_outline (self);
  update_actions (self);
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
      stop_fill (self);
      g_clear_object (&self->template);
      g_clear_pointer (&self->yaml, g_free);
      g_clear_pointer (&self->json, g_free);
      adw_status_page_set_icon_name (self->placeholder, "text-x-generic-symbolic");
      adw_status_page_set_title (self->placeholder, _("No Template Yet"));
      adw_status_page_set_description (self->placeholder,
                                       _("The CloudFormation template generated from the project will be previewed here"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      _wharf_template_page_rebuild_outline (self);
      update_actions (self);
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
  stop_fill (self);
  g_clear_object (&self->search);
  g_clear_object (&self->outline);

  G_OBJECT_CLASS (wharf_template_page_parent_class)->dispose (object);
}

static void
wharf_template_page_finalize (GObject *object)
{
  WharfTemplatePage *self = WHARF_TEMPLATE_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->project);
  stop_fill (self);
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
  gtk_widget_class_bind_template_child (widget_class, WharfTemplatePage, view);
  _wharf_template_page_class_init_outline (widget_class);
  _wharf_template_page_class_init_export (widget_class);

  gtk_widget_class_install_action (widget_class, "template.copy", NULL, copy_action);
}

static void
wharf_template_page_init (WharfTemplatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  _wharf_template_page_init_outline (self);
  update_actions (self);
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

/* Whether a conversion runs, or its text is still going into the view. */
gboolean
wharf_template_page_get_busy (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), FALSE);

  return self->cancellable != NULL || self->fill_source_id != 0;
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

GtkSourceView *
wharf_template_page_get_view (WharfTemplatePage *self)
{
  g_return_val_if_fail (WHARF_IS_TEMPLATE_PAGE (self), NULL);

  return self->view;
}
