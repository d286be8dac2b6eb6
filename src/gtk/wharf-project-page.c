/* wharf-project-page.c: the project page of the main window.
 *
 * Shows the Compose files of the project in -f order. The services,
 * networks, volumes, secrets and diagnostics groups of the loaded
 * WharfComposeProject are added below them by the loader integration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-diagnostic.h"
#include "wharf-fargate.h"
#include "wharf-project-page.h"
#include "wharf-recent.h"
#include "wharf-source-window.h"

struct _WharfProjectPage
{
  AdwBin                parent_instance;

  GStrv                 files;
  GPtrArray            *file_rows;

  WharfComposeProject  *project;
  GListModel           *diagnostics;
  /* The window showing a diagnostic's source (weak). */
  WharfSourceWindow    *source_window;

  AdwPreferencesGroup  *files_group;
  AdwPreferencesGroup  *services_group;
  GtkListBox           *services_list;
  AdwPreferencesGroup  *networks_group;
  GtkListBox           *networks_list;
  AdwPreferencesGroup  *volumes_group;
  GtkListBox           *volumes_list;
  AdwPreferencesGroup  *secrets_group;
  GtkListBox           *secrets_list;
  AdwPreferencesGroup  *diagnostics_group;
  GtkListBox           *diagnostics_list;
};

G_DEFINE_FINAL_TYPE (WharfProjectPage, wharf_project_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FILES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wharf_project_page_rebuild_files (WharfProjectPage *self)
{
  for (guint i = 0; i < self->file_rows->len; i++)
    adw_preferences_group_remove (self->files_group, g_ptr_array_index (self->file_rows, i));
  g_ptr_array_set_size (self->file_rows, 0);

  for (guint i = 0; self->files != NULL && self->files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->files[i]);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *folder = wharf_format_folder (file);
      g_autofree char *prefix = g_strdup_printf ("%u", i + 1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *number = gtk_label_new (prefix);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), basename);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      gtk_widget_add_css_class (number, "dim-label");
      gtk_widget_add_css_class (number, "numeric");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), number);
      adw_preferences_group_add (self->files_group, row);
      g_ptr_array_add (self->file_rows, row);
    }
}

static char *
join_or_null (GStrv values)
{
  if (values == NULL || values[0] == NULL)
    return NULL;
  return g_strjoinv (", ", values);
}

static void
append_detail (GString    *subtitle,
               const char *label,
               GStrv       values)
{
  g_autofree char *joined = join_or_null (values);

  if (joined == NULL)
    return;
  if (subtitle->len > 0)
    g_string_append (subtitle, "\n");
  /* Translators: a detail of a service, e.g. "Ports: 80:80, 443:443" */
  g_string_append_printf (subtitle, _("%s: %s"), label, joined);
}

static WharfNode *
lookup_path (WharfNode          *node,
             const char * const *keys)
{
  for (guint i = 0; node != NULL && keys[i] != NULL; i++)
    {
      if (wharf_node_get_kind (node) != WHARF_NODE_MAPPING)
        return NULL;
      node = wharf_node_mapping_lookup (node, keys[i]);
    }
  return node;
}

/**
 * wharf_project_page_format_fargate_size:
 * @service_node: (nullable): the canonical node of a service
 *
 * The Fargate task size the service gets, from deploy.resources.limits
 * (or reservations), as "0.5 vCPU · 1 GB"; the smallest size when it asks
 * for nothing; %NULL when no Fargate size fits.
 */
char *
wharf_project_page_format_fargate_size (WharfNode *service_node)
{
  static const char * const limits[] = { "deploy", "resources", "limits", NULL };
  static const char * const reservations[] = { "deploy", "resources", "reservations", NULL };
  guint64 cpu_units = 0;
  guint64 memory_mib = 0;
  guint cpu = 0;
  guint memory = 0;
  g_autofree char *cpu_text = NULL;
  g_autofree char *memory_text = NULL;
  const char * const *paths[] = { reservations, limits };

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      WharfNode *resources = lookup_path (service_node, paths[p]);
      WharfNode *value;

      if (resources == NULL || wharf_node_get_kind (resources) != WHARF_NODE_MAPPING)
        continue;
      value = wharf_node_mapping_lookup (resources, "cpus");
      if (value != NULL && wharf_node_get_scalar (value) != NULL)
        {
          double cpus = g_ascii_strtod (wharf_node_get_scalar (value), NULL);

          if (cpus > 0)
            cpu_units = MAX (cpu_units, (guint64) (cpus * 1024 + 0.5));
        }
      value = wharf_node_mapping_lookup (resources, "memory");
      if (value != NULL && wharf_node_get_scalar (value) != NULL)
        {
          guint64 bytes = 0;

          if (wharf_parse_byte_size (wharf_node_get_scalar (value), &bytes))
            memory_mib = MAX (memory_mib, (bytes + 1024 * 1024 - 1) / (1024 * 1024));
        }
    }

  if (!wharf_fargate_find_size (cpu_units, memory_mib, &cpu, &memory))
    return NULL;

  cpu_text = g_strdup_printf ("%g", cpu / 1024.0);
  if (memory % 1024 == 0)
    memory_text = g_strdup_printf (_("%u GB"), memory / 1024);
  else
    memory_text = g_strdup_printf (_("%u MB"), memory);
  /* Translators: a Fargate task size, e.g. "0.5 vCPU · 1 GB" */
  return g_strdup_printf (_("%s vCPU · %s"), cpu_text, memory_text);
}

static guint
count_service_warnings (GListModel *diagnostics,
                        const char *name)
{
  g_autofree char *prefix = g_strdup_printf ("services.%s", name);
  gsize prefix_len = strlen (prefix);
  guint n = 0;

  for (guint i = 0; diagnostics != NULL && i < g_list_model_get_n_items (diagnostics); i++)
    {
      g_autoptr(WharfDiagnostic) diagnostic = g_list_model_get_item (diagnostics, i);
      const char *path = wharf_diagnostic_get_path (diagnostic);

      if (path != NULL && g_str_has_prefix (path, prefix) &&
          (path[prefix_len] == '\0' || path[prefix_len] == '.' || path[prefix_len] == '['))
        n++;
    }
  return n;
}

static GtkWidget *
create_service_row (gpointer item,
                    gpointer user_data)
{
  WharfProjectPage *self = user_data;
  g_autofree char *size = wharf_project_page_format_fargate_size (wharf_compose_service_get_node (item));
  guint n_warnings = count_service_warnings (self->diagnostics, wharf_compose_service_get_name (item));
  WharfComposeService *service = WHARF_COMPOSE_SERVICE (item);
  g_auto(GStrv) ports = wharf_compose_service_dup_ports (service);
  g_auto(GStrv) networks = wharf_compose_service_dup_networks (service);
  g_auto(GStrv) volumes = wharf_compose_service_dup_volumes (service);
  g_auto(GStrv) secrets = wharf_compose_service_dup_secrets (service);
  const char *image = wharf_compose_service_get_image (service);
  guint replicas = wharf_compose_service_get_replicas (service);
  g_autoptr(GString) subtitle = g_string_new (image != NULL ? image : _("No image"));
  g_autofree char *replicas_text = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;

  append_detail (subtitle, _("Ports"), ports);
  append_detail (subtitle, _("Networks"), networks);
  append_detail (subtitle, _("Volumes"), volumes);
  append_detail (subtitle, _("Secrets"), secrets);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 wharf_compose_service_get_name (service));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  replicas_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u replica", "%u replicas", replicas),
                                   replicas);
  label = gtk_label_new (replicas_text);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  if (size != NULL)
    {
      label = gtk_label_new (size);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_name (label, "fargate-size");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  if (n_warnings > 0)
    {
      g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n_warnings),
                                                  n_warnings);
      g_autofree char *count = g_strdup_printf ("%u", n_warnings);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_box_append (GTK_BOX (box), gtk_label_new (count));
      gtk_widget_add_css_class (box, "warning");
      gtk_widget_set_tooltip_text (box, tooltip);
      gtk_widget_set_name (box, "warnings");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
    }

  return row;
}

static GtkWidget *
create_resource_row (gpointer item,
                     gpointer user_data)
{
  WharfComposeResource *resource = WHARF_COMPOSE_RESOURCE (item);
  const char *key = wharf_compose_resource_get_key (resource);
  const char *name = wharf_compose_resource_get_name (resource);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), key);
  if (wharf_compose_resource_get_external (resource))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("External"));
  else if (name != NULL && g_strcmp0 (name, key) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);

  return row;
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

char *
wharf_project_page_format_location (WharfDiagnostic *diagnostic)
{
  const char *file = wharf_diagnostic_get_file (diagnostic);
  g_autofree char *basename = NULL;

  if (file == NULL)
    return NULL;
  basename = g_path_get_basename (file);
  if (wharf_diagnostic_get_line (diagnostic) == 0)
    return g_steal_pointer (&basename);
  return g_strdup_printf ("%s:%u:%u", basename,
                          wharf_diagnostic_get_line (diagnostic),
                          wharf_diagnostic_get_column (diagnostic));
}

static GtkWidget *
create_diagnostic_row (gpointer item,
                       gpointer user_data)
{
  WharfDiagnostic *diagnostic = WHARF_DIAGNOSTIC (item);
  WharfSeverity severity = wharf_diagnostic_get_severity (diagnostic);
  g_autofree char *location = wharf_project_page_format_location (diagnostic);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon_name (severity));

  gtk_widget_add_css_class (icon, severity == WHARF_SEVERITY_ERROR ? "error" :
                                  severity == WHARF_SEVERITY_WARNING ? "warning" : "accent");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 wharf_diagnostic_get_message (diagnostic));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (location != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), location);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
bind_group (WharfProjectPage    *self,
            AdwPreferencesGroup *group,
            GtkListBox          *list,
            GListModel          *model,
            GtkListBoxCreateWidgetFunc create)
{
  gtk_list_box_bind_model (list, model, create, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (group),
                          model != NULL && g_list_model_get_n_items (model) > 0);
}

static void
on_diagnostic_activated (WharfProjectPage *self,
                         GtkListBoxRow    *row)
{
  g_autoptr(WharfDiagnostic) diagnostic = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  guint index = (guint) gtk_list_box_row_get_index (row);

  if (self->diagnostics == NULL)
    return;
  diagnostic = g_list_model_get_item (self->diagnostics, index);
  if (diagnostic == NULL || wharf_diagnostic_get_file (diagnostic) == NULL)
    return;

  if (self->source_window == NULL)
    {
      root = gtk_widget_get_root (GTK_WIDGET (self));
      self->source_window = wharf_source_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
      g_object_add_weak_pointer (G_OBJECT (self->source_window), (gpointer *) &self->source_window);
    }
  if (!wharf_source_window_load (self->source_window, wharf_diagnostic_get_file (diagnostic), &error))
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
      gtk_window_destroy (GTK_WINDOW (self->source_window));
      return;
    }
  gtk_window_present (GTK_WINDOW (self->source_window));
  wharf_source_window_select_line (self->source_window, wharf_diagnostic_get_line (diagnostic));
}

/* The window that shows a diagnostic's source, while it is open. */
WharfSourceWindow *
wharf_project_page_get_source_window (WharfProjectPage *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  return self->source_window;
}

static void
wharf_project_page_dispose (GObject *object)
{
  WharfProjectPage *self = WHARF_PROJECT_PAGE (object);

  if (self->source_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->source_window), (gpointer *) &self->source_window);
      gtk_window_destroy (GTK_WINDOW (self->source_window));
      self->source_window = NULL;
    }

  G_OBJECT_CLASS (wharf_project_page_parent_class)->dispose (object);
}

static void
wharf_project_page_finalize (GObject *object)
{
  WharfProjectPage *self = WHARF_PROJECT_PAGE (object);

  g_clear_pointer (&self->files, g_strfreev);
  g_clear_pointer (&self->file_rows, g_ptr_array_unref);
  g_clear_object (&self->project);
  g_clear_object (&self->diagnostics);

  G_OBJECT_CLASS (wharf_project_page_parent_class)->finalize (object);
}

static void
wharf_project_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WharfProjectPage *self = WHARF_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILES:
      g_value_set_boxed (value, self->files);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_project_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WharfProjectPage *self = WHARF_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILES:
      wharf_project_page_set_files (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_project_page_class_init (WharfProjectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_project_page_dispose;
  object_class->finalize = wharf_project_page_finalize;
  object_class->get_property = wharf_project_page_get_property;
  object_class->set_property = wharf_project_page_set_property;

  properties[PROP_FILES] =
    g_param_spec_boxed ("files", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-project-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, files_group);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, services_group);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, services_list);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, networks_group);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, networks_list);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, volumes_group);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, volumes_list);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, secrets_group);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, secrets_list);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, diagnostics_group);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, diagnostics_list);
  gtk_widget_class_bind_template_callback (widget_class, on_diagnostic_activated);
}

static void
wharf_project_page_init (WharfProjectPage *self)
{
  self->file_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wharf_project_page_new (void)
{
  return g_object_new (WHARF_TYPE_PROJECT_PAGE, NULL);
}

const char * const *
wharf_project_page_get_files (WharfProjectPage *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  return (const char * const *) self->files;
}

void
wharf_project_page_set_files (WharfProjectPage   *self,
                              const char * const *files)
{
  g_return_if_fail (WHARF_IS_PROJECT_PAGE (self));

  if (files == (const char * const *) self->files)
    return;
  if (files != NULL && self->files != NULL &&
      g_strv_equal (files, (const char * const *) self->files))
    return;

  g_clear_pointer (&self->files, g_strfreev);
  self->files = g_strdupv ((char **) files);
  wharf_project_page_rebuild_files (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILES]);
}

guint
wharf_project_page_get_n_file_rows (WharfProjectPage *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), 0);

  return self->file_rows->len;
}

/**
 * wharf_project_page_set_project:
 * @project: (nullable): the loaded project
 * @diagnostics: (nullable): the diagnostics of the last load (kept even
 *   when the load failed and @project is %NULL)
 *
 * Shows the services, networks, volumes, secrets and diagnostics.
 */
void
wharf_project_page_set_project (WharfProjectPage    *self,
                                WharfComposeProject *project,
                                GListModel          *diagnostics)
{
  g_return_if_fail (WHARF_IS_PROJECT_PAGE (self));
  g_return_if_fail (project == NULL || WHARF_IS_COMPOSE_PROJECT (project));
  g_return_if_fail (diagnostics == NULL || G_IS_LIST_MODEL (diagnostics));

  g_set_object (&self->project, project);
  g_set_object (&self->diagnostics, diagnostics);

  bind_group (self, self->services_group, self->services_list,
              project != NULL ? wharf_compose_project_get_services (project) : NULL,
              create_service_row);
  bind_group (self, self->networks_group, self->networks_list,
              project != NULL ? wharf_compose_project_get_networks (project) : NULL,
              create_resource_row);
  bind_group (self, self->volumes_group, self->volumes_list,
              project != NULL ? wharf_compose_project_get_volumes (project) : NULL,
              create_resource_row);
  bind_group (self, self->secrets_group, self->secrets_list,
              project != NULL ? wharf_compose_project_get_secrets (project) : NULL,
              create_resource_row);
  bind_group (self, self->diagnostics_group, self->diagnostics_list,
              diagnostics, create_diagnostic_row);
}

WharfComposeProject *
wharf_project_page_get_project (WharfProjectPage *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  return self->project;
}

/* The list box rows of GROUP ("services", "networks", "volumes", "secrets"
 * or "diagnostics"), for tests. */
GtkListBox *
wharf_project_page_get_list (WharfProjectPage *self,
                             const char       *group)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  if (g_str_equal (group, "services"))
    return self->services_list;
  if (g_str_equal (group, "networks"))
    return self->networks_list;
  if (g_str_equal (group, "volumes"))
    return self->volumes_list;
  if (g_str_equal (group, "secrets"))
    return self->secrets_list;
  if (g_str_equal (group, "diagnostics"))
    return self->diagnostics_list;
  g_return_val_if_reached (NULL);
}

/* The diagnostics of the last load, or %NULL. */
GListModel *
wharf_project_page_get_diagnostics (WharfProjectPage *self)
{
  g_return_val_if_fail (WHARF_IS_PROJECT_PAGE (self), NULL);

  return self->diagnostics;
}
