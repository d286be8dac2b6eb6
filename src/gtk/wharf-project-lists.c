/* wharf-project-lists.c: the lists of the project page.
 *
 * Services, problems, networks, volumes and secrets are one-column
 * GtkGridViews over the project's own GListModels: rows are created for
 * what is on screen and recycled, so opening a project with a thousand
 * services costs the main loop a screenful of rows, not a thousand
 * (design.md §7). Not GtkListViews: GTK 4.8's list view keeps 200 rows
 * alive whatever its height, a grid view about 33.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-fargate.h"
#include "wharf-project-feed.h"
#include "wharf-project-page-private.h"
#include "wharf-project-row.h"

typedef enum {
  ROW_SERVICE,
  ROW_RESOURCE,
  ROW_DIAGNOSTIC,
} RowKind;

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
  const char * const *paths[] = { reservations, limits };
  guint64 cpu_units = 0;
  guint64 memory_mib = 0;
  guint cpu = 0;
  guint memory = 0;
  g_autofree char *cpu_text = NULL;
  g_autofree char *memory_text = NULL;

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

/* "compose.yaml:12:5" (or the file alone without a line), %NULL when the
 * diagnostic has no file. */
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

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, wharf_project_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          WharfProjectPage         *self)
{
  WharfProjectRow *row = WHARF_PROJECT_ROW (gtk_list_item_get_child (item));
  gpointer object = gtk_list_item_get_item (item);

  switch (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "row-kind")))
    {
    case ROW_SERVICE:
      wharf_project_row_bind_service (row, object, self->diagnostics);
      break;

    case ROW_RESOURCE:
      wharf_project_row_bind_resource (row, object);
      break;

    case ROW_DIAGNOSTIC:
    default:
      wharf_project_row_bind_diagnostic (row, object);
      /* Only a diagnostic with a file has a source to show. */
      gtk_list_item_set_activatable (item, wharf_diagnostic_get_file (object) != NULL);
      break;
    }
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  wharf_project_row_unbind (WHARF_PROJECT_ROW (gtk_list_item_get_child (item)));
}

static void
init_view (WharfProjectPage *self,
           GtkGridView      *view,
           RowKind           kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "row-kind", GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_grid_view_set_factory (view, factory);
  gtk_grid_view_set_max_columns (view, 1);
}

/* Shows MODEL (or nothing) in VIEW; hides the section when it is empty. */
static guint
set_model (WharfProjectPage *self,
           GtkGridView      *view,
           const char       *section,
           GListModel       *model)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->sections, section);
  guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;

  wharf_project_feed_set_model (view, model);
  gtk_stack_page_set_visible (gtk_stack_get_page (self->sections, child), n_items > 0);
  return n_items;
}

static gboolean
has_errors (GListModel *diagnostics)
{
  guint n_items = diagnostics != NULL ? g_list_model_get_n_items (diagnostics) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(WharfDiagnostic) diagnostic = g_list_model_get_item (diagnostics, i);

      if (wharf_diagnostic_get_severity (diagnostic) == WHARF_SEVERITY_ERROR)
        return TRUE;
    }
  return FALSE;
}

/* Appends COUNT (a formatted "%u things", freed) unless N is 0. */
static void
append_count (GString *summary,
              guint    n,
              char    *count)
{
  if (n > 0)
    {
      if (summary->len > 0)
        g_string_append (summary, " · ");
      g_string_append (summary, count);
    }
  g_free (count);
}

#define COUNT(n, singular, plural) \
  (n), g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, singular, plural, (n)), (n))

void
_wharf_project_page_update_lists (WharfProjectPage *self)
{
  WharfComposeProject *project = self->project;
  g_autoptr(GString) summary = g_string_new (NULL);
  const char *visible = gtk_stack_get_visible_child_name (self->sections);
  GtkWidget *problems;
  guint n_services;
  guint n_networks;
  guint n_volumes;
  guint n_secrets;
  guint n_diagnostics;

  n_services = set_model (self, self->services_view, "services",
                          project != NULL ? wharf_compose_project_get_services (project) : NULL);
  n_networks = set_model (self, self->networks_view, "networks",
                          project != NULL ? wharf_compose_project_get_networks (project) : NULL);
  n_volumes = set_model (self, self->volumes_view, "volumes",
                         project != NULL ? wharf_compose_project_get_volumes (project) : NULL);
  n_secrets = set_model (self, self->secrets_view, "secrets",
                         project != NULL ? wharf_compose_project_get_secrets (project) : NULL);
  n_diagnostics = set_model (self, self->diagnostics_view, "diagnostics", self->diagnostics);
  append_count (summary, COUNT (n_services, "%u service", "%u services"));
  append_count (summary, COUNT (n_networks, "%u network", "%u networks"));
  append_count (summary, COUNT (n_volumes, "%u volume", "%u volumes"));
  append_count (summary, COUNT (n_secrets, "%u secret", "%u secrets"));
  append_count (summary, COUNT (n_diagnostics, "%u problem", "%u problems"));
  gtk_label_set_label (self->summary_label, summary->str);

  problems = gtk_stack_get_child_by_name (self->sections, "diagnostics");
  gtk_stack_page_set_needs_attention (gtk_stack_get_page (self->sections, problems),
                                      has_errors (self->diagnostics));

  /* Keep the section the user is on (reloads happen on every save); a
   * failed load goes to its problems, a new project to its services. */
  if (project == NULL && n_diagnostics > 0)
    gtk_stack_set_visible_child_name (self->sections, "diagnostics");
  else if (n_services > 0 && (visible == NULL || g_str_equal (visible, "files") ||
                              !gtk_widget_get_visible (gtk_stack_get_child_by_name (self->sections, visible))))
    gtk_stack_set_visible_child_name (self->sections, "services");
  else if (project == NULL)
    gtk_stack_set_visible_child_name (self->sections, "files");
}

static void
on_diagnostic_activated (WharfProjectPage *self,
                         guint             position)
{
  g_autoptr(WharfDiagnostic) diagnostic = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (self->diagnostics == NULL)
    return;
  diagnostic = g_list_model_get_item (self->diagnostics, position);
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

/* The row showing item POSITION of GROUP's list, when it is on screen
 * (the lists only create rows for what is visible), for tests. */
WharfProjectRow *
wharf_project_page_get_row (WharfProjectPage *self,
                            const char       *group,
                            guint             position)
{
  GtkGridView *view = wharf_project_page_get_list (self, group);
  GListModel *model = G_LIST_MODEL (gtk_grid_view_get_model (view));
  g_autoptr(GObject) item = NULL;

  if (model == NULL || position >= g_list_model_get_n_items (model))
    return NULL;
  item = g_list_model_get_item (model, position);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (WHARF_IS_PROJECT_ROW (row) && gtk_widget_get_visible (child) &&
          wharf_project_row_get_item (WHARF_PROJECT_ROW (row)) == item)
        return WHARF_PROJECT_ROW (row);
    }
  return NULL;
}

void
_wharf_project_page_init_lists (WharfProjectPage *self)
{
  init_view (self, self->services_view, ROW_SERVICE);
  init_view (self, self->networks_view, ROW_RESOURCE);
  init_view (self, self->volumes_view, ROW_RESOURCE);
  init_view (self, self->secrets_view, ROW_RESOURCE);
  init_view (self, self->diagnostics_view, ROW_DIAGNOSTIC);
  gtk_grid_view_set_single_click_activate (self->diagnostics_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->diagnostics_view), "activatable");
  g_signal_connect_object (self->diagnostics_view, "activate",
                           G_CALLBACK (on_diagnostic_activated), self, G_CONNECT_SWAPPED);
}

void
_wharf_project_page_class_init_lists (GtkWidgetClass *widget_class)
{
  g_type_ensure (WHARF_TYPE_PROJECT_ROW);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, services_view);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, networks_view);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, volumes_view);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, secrets_view);
  gtk_widget_class_bind_template_child (widget_class, WharfProjectPage, diagnostics_view);
}
