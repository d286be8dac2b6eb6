/* wharf-project-row.c: one row of the project page's lists.
 *
 * The lists are GtkListViews, so a row is created for the visible items
 * only and recycled while scrolling: binding an item resets every part
 * of the row (title, details, suffixes) from that item alone.
 *
 * Labels do not wrap, except a diagnostic's message: a wrapping label
 * makes the row height-for-width, and the views measure every row at
 * several widths on each layout; 33 rows of wrapping labels took about
 * 200 ms of one frame when a project opened. Each detail line of a
 * service is ellipsized on its own, the full text is in the tooltip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-project-page.h"
#include "wharf-project-row.h"

struct _WharfProjectRow
{
  GtkWidget  parent_instance;

  GObject   *item;

  GtkImage  *icon;
  GtkLabel  *title;
  GtkLabel  *subtitle;
  GtkWidget *warnings;
  GtkLabel  *warnings_label;
  GtkLabel  *size_label;
  GtkLabel  *replicas_label;
};

G_DEFINE_FINAL_TYPE (WharfProjectRow, wharf_project_row, GTK_TYPE_WIDGET)

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void
reset (WharfProjectRow *self,
       GObject         *item)
{
  g_set_object (&self->item, item);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), FALSE);
  gtk_widget_set_visible (self->warnings, FALSE);
  set_label (self->size_label, NULL);
  set_label (self->replicas_label, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle), NULL);
  if (gtk_label_get_wrap (self->title))
    {
      gtk_label_set_wrap (self->title, FALSE);
      gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "accent");
}

static void
append_detail (GString    *subtitle,
               const char *label,
               GStrv       values)
{
  g_autofree char *joined = NULL;

  if (values == NULL || values[0] == NULL)
    return;
  joined = g_strjoinv (", ", values);
  if (subtitle->len > 0)
    g_string_append (subtitle, "\n");
  /* Translators: a detail of a service, e.g. "Ports: 80:80, 443:443" */
  g_string_append_printf (subtitle, _("%s: %s"), label, joined);
}

/* Diagnostics whose path is in the service ("services.web.ports[0]"). */
static guint
count_service_warnings (GListModel *diagnostics,
                        const char *name)
{
  g_autofree char *prefix = g_strdup_printf ("services.%s", name);
  gsize prefix_len = strlen (prefix);
  guint n_items = diagnostics != NULL ? g_list_model_get_n_items (diagnostics) : 0;
  guint n = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(WharfDiagnostic) diagnostic = g_list_model_get_item (diagnostics, i);
      const char *path = wharf_diagnostic_get_path (diagnostic);

      if (path != NULL && g_str_has_prefix (path, prefix) &&
          (path[prefix_len] == '\0' || path[prefix_len] == '.' || path[prefix_len] == '['))
        n++;
    }
  return n;
}

void
wharf_project_row_bind_service (WharfProjectRow     *self,
                                WharfComposeService *service,
                                GListModel          *diagnostics)
{
  g_autofree char *size = NULL;
  g_auto(GStrv) ports = NULL;
  g_auto(GStrv) networks = NULL;
  g_auto(GStrv) volumes = NULL;
  g_auto(GStrv) secrets = NULL;
  g_autoptr(GString) subtitle = NULL;
  g_autofree char *replicas_text = NULL;
  const char *image;
  guint replicas;
  guint n_warnings;

  g_return_if_fail (WHARF_IS_PROJECT_ROW (self));
  g_return_if_fail (WHARF_IS_COMPOSE_SERVICE (service));

  reset (self, G_OBJECT (service));
  image = wharf_compose_service_get_image (service);
  subtitle = g_string_new (image != NULL ? image : _("No image"));
  ports = wharf_compose_service_dup_ports (service);
  networks = wharf_compose_service_dup_networks (service);
  volumes = wharf_compose_service_dup_volumes (service);
  secrets = wharf_compose_service_dup_secrets (service);
  append_detail (subtitle, _("Ports"), ports);
  append_detail (subtitle, _("Networks"), networks);
  append_detail (subtitle, _("Volumes"), volumes);
  append_detail (subtitle, _("Secrets"), secrets);
  set_label (self->title, wharf_compose_service_get_name (service));
  set_label (self->subtitle, subtitle->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle), subtitle->str);

  replicas = wharf_compose_service_get_replicas (service);
  replicas_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u replica", "%u replicas", replicas),
                                   replicas);
  set_label (self->replicas_label, replicas_text);
  size = wharf_project_page_format_fargate_size (wharf_compose_service_get_node (service));
  set_label (self->size_label, size);

  n_warnings = count_service_warnings (diagnostics, wharf_compose_service_get_name (service));
  if (n_warnings > 0)
    {
      g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                               n_warnings),
                                                  n_warnings);
      g_autofree char *count = g_strdup_printf ("%u", n_warnings);

      gtk_label_set_label (self->warnings_label, count);
      gtk_widget_set_tooltip_text (self->warnings, tooltip);
      gtk_widget_set_visible (self->warnings, TRUE);
    }
}

void
wharf_project_row_bind_resource (WharfProjectRow      *self,
                                 WharfComposeResource *resource)
{
  const char *key;
  const char *name;

  g_return_if_fail (WHARF_IS_PROJECT_ROW (self));
  g_return_if_fail (WHARF_IS_COMPOSE_RESOURCE (resource));

  reset (self, G_OBJECT (resource));
  key = wharf_compose_resource_get_key (resource);
  name = wharf_compose_resource_get_name (resource);
  set_label (self->title, key);
  if (wharf_compose_resource_get_external (resource))
    set_label (self->subtitle, _("External"));
  else if (name != NULL && g_strcmp0 (name, key) != 0)
    set_label (self->subtitle, name);
  else
    set_label (self->subtitle, NULL);
}

static const char *
severity_icon_name (WharfSeverity severity)
{
  switch (severity)
    {
    case WHARF_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case WHARF_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case WHARF_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

void
wharf_project_row_bind_diagnostic (WharfProjectRow *self,
                                   WharfDiagnostic *diagnostic)
{
  WharfSeverity severity;
  g_autofree char *location = NULL;

  g_return_if_fail (WHARF_IS_PROJECT_ROW (self));
  g_return_if_fail (WHARF_IS_DIAGNOSTIC (diagnostic));

  reset (self, G_OBJECT (diagnostic));
  severity = wharf_diagnostic_get_severity (diagnostic);
  location = wharf_project_page_format_location (diagnostic);
  gtk_image_set_from_icon_name (self->icon, severity_icon_name (severity));
  gtk_widget_add_css_class (GTK_WIDGET (self->icon),
                            severity == WHARF_SEVERITY_ERROR ? "error" :
                            severity == WHARF_SEVERITY_WARNING ? "warning" : "accent");
  gtk_widget_set_visible (GTK_WIDGET (self->icon), TRUE);
  /* The message is what the user came for: it wraps (problems are few). */
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (self->title, TRUE);
  set_label (self->title, wharf_diagnostic_get_message (diagnostic));
  set_label (self->subtitle, location);
  if (location != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Show the source"));
}

void
wharf_project_row_unbind (WharfProjectRow *self)
{
  g_return_if_fail (WHARF_IS_PROJECT_ROW (self));

  g_clear_object (&self->item);
}

/* The bound item, or %NULL. */
GObject *
wharf_project_row_get_item (WharfProjectRow *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_ROW (self), NULL);

  return self->item;
}

const char *
wharf_project_row_get_title (WharfProjectRow *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_ROW (self), NULL);

  return gtk_label_get_label (self->title);
}

const char *
wharf_project_row_get_subtitle (WharfProjectRow *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->subtitle)))
    return NULL;
  return gtk_label_get_label (self->subtitle);
}

const char *
wharf_project_row_get_suffix (WharfProjectRow *self,
                              const char      *name)
{
  GtkWidget *widget;
  GtkLabel *label;

  g_return_val_if_fail (WHARF_IS_PROJECT_ROW (self), NULL);

  if (g_str_equal (name, "replicas"))
    label = self->replicas_label;
  else if (g_str_equal (name, "fargate-size"))
    label = self->size_label;
  else if (g_str_equal (name, "warnings"))
    label = self->warnings_label;
  else
    g_return_val_if_reached (NULL);

  widget = label == self->warnings_label ? self->warnings : GTK_WIDGET (label);
  if (!gtk_widget_get_visible (widget))
    return NULL;
  return gtk_label_get_label (label);
}

static void
wharf_project_row_dispose (GObject *object)
{
  WharfProjectRow *self = WHARF_PROJECT_ROW (object);
  GtkWidget *child;

  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), WHARF_TYPE_PROJECT_ROW);
  /* The template's unnamed boxes too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (wharf_project_row_parent_class)->dispose (object);
}

static void
wharf_project_row_class_init (WharfProjectRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_project_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-project-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfProjectRow, icon);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectRow, title);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectRow, warnings);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectRow, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectRow, size_label);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectRow, replicas_label);
}

static void
wharf_project_row_init (WharfProjectRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wharf_project_row_new (void)
{
  return g_object_new (WHARF_TYPE_PROJECT_ROW, NULL);
}
