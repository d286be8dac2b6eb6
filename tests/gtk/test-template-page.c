/* test-template-page.c: the template preview: YAML/JSON, outline, search,
 * copy, summary, cancellation by a newer project, export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "wharf-test-gtk.h"
#include "wharf-test-util.h"
#include "wharf-project-feed.h"
#include "wharf-window-private.h"

static GApplication *app;

typedef struct {
  char        *dir;
  char        *path;
  WharfWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  wharf_test_reset_settings ();
  fixture->dir = wharf_test_mkdtemp ();
  fixture->path = wharf_test_write_file (fixture->dir, "compose.yaml",
                                         "name: shop\n"
                                         "services:\n"
                                         "  web:\n"
                                         "    image: nginx\n"
                                         "    ports: [\"80:80\"]\n"
                                         "  api:\n"
                                         "    image: example/api\n");
  if (data != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new ("io.github.wharf.Wharf");

      g_settings_set_string (settings, "default-format", data);
    }
  fixture->window = wharf_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  wharf_test_destroy_window (GTK_WINDOW (fixture->window));
  wharf_test_rmtree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gboolean
converted (gpointer data)
{
  WharfWindow *window = data;

  return !window->loading && !wharf_template_page_get_busy (window->template_page);
}

static void
open_and_wait (Fixture *fixture)
{
  const char *paths[] = { fixture->path, NULL };

  wharf_window_set_files (fixture->window, paths);
  wharf_test_wait_until (converted, fixture->window, 30000);
}

static void
test_yaml_json (Fixture       *fixture,
                gconstpointer  data)
{
  WharfTemplatePage *page = fixture->window->template_page;
  g_autofree char *yaml = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *resources;
  WharfTemplate *template;

  g_assert_null (wharf_template_page_dup_text (page));
  open_and_wait (fixture);
  template = wharf_template_page_get_template (page);
  g_assert_nonnull (template);
  g_assert_true (wharf_template_page_get_offline (page));
  g_assert_cmpint (wharf_template_page_get_format (page), ==, WHARF_TEMPLATE_FORMAT_YAML);

  yaml = wharf_template_page_dup_text (page);
  g_assert_nonnull (strstr (yaml, "\nResources:\n"));
  g_assert_nonnull (strstr (yaml, "AWS::ECS::Service"));
  g_assert_null (strstr (yaml, "\"Resources\""));
  g_assert_nonnull (strstr (wharf_template_page_get_summary (page), "resources"));

  wharf_template_page_set_format (page, WHARF_TEMPLATE_FORMAT_JSON);
  json = wharf_template_page_dup_text (page);
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  resources = json_object_get_object_member (json_node_get_object (root), "Resources");
  g_assert_nonnull (resources);
  g_assert_cmpuint (json_object_get_size (resources), ==, wharf_template_get_n_resources (template));

  /* The view shows the same text. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (wharf_template_page_get_view (page)));
    GtkTextIter start;
    GtkTextIter end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, json);
  }
}

static void
test_default_json (Fixture       *fixture,
                   gconstpointer  data)
{
  WharfTemplatePage *page = fixture->window->template_page;
  g_autofree char *text = NULL;

  open_and_wait (fixture);
  g_assert_cmpint (wharf_template_page_get_format (page), ==, WHARF_TEMPLATE_FORMAT_JSON);
  text = wharf_template_page_dup_text (page);
  g_assert_true (text[0] == '{');
}

static gboolean
outline_fed (gpointer data)
{
  return wharf_project_feed_get_done (data);
}

static void
test_outline (Fixture       *fixture,
              gconstpointer  data)
{
  WharfTemplatePage *page = fixture->window->template_page;
  GtkGridView *outline = wharf_template_page_get_outline (page);
  GListModel *model;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (wharf_template_page_get_view (page)));
  g_auto(GStrv) ids = NULL;
  guint n = 0;

  open_and_wait (fixture);
  ids = wharf_template_list_resources (wharf_template_page_get_template (page));
  /* Each template gets a new outline model. */
  model = wharf_template_page_get_outline_model (page);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, g_strv_length (ids));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), ==, ids[i]);
  wharf_test_wait_until (outline_fed, outline, 10000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (outline))), ==, n);
  g_assert_cmpuint (n, >, 2);

  /* Activating the last resource selects its key in the source. */
  for (guint f = 0; f < 2; f++)
    {
      GtkTextIter start;
      GtkTextIter end;
      g_autofree char *selected = NULL;

      wharf_template_page_set_format (page, f == 0 ? WHARF_TEMPLATE_FORMAT_YAML : WHARF_TEMPLATE_FORMAT_JSON);
      g_signal_emit_by_name (outline, "activate", n - 1);
      g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
      selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_assert_nonnull (strstr (selected, ids[n - 1]));
      g_assert_cmpint (gtk_text_iter_get_line (&start), >, 0);
    }
}

static void
test_search_copy (Fixture       *fixture,
                  gconstpointer  data)
{
  WharfTemplatePage *page = fixture->window->template_page;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (wharf_template_page_get_view (page)));
  GtkWidget *entry;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *selected = NULL;

  open_and_wait (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "template");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "template.search", NULL));
  entry = gtk_widget_get_focus_child (GTK_WIDGET (page));
  g_assert_nonnull (entry);
  /* Search for the service's name and jump to the first match. */
  entry = GTK_WIDGET (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (page))));
  g_assert_true (GTK_IS_TEXT (entry) || GTK_IS_SEARCH_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "ECS::Cluster");
  wharf_test_spin (300);
  g_signal_emit_by_name (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_ENTRY), "activate");
  wharf_test_spin (100);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (selected, ==, "ECS::Cluster");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "template.copy", NULL));
}

static void
test_newer_wins (Fixture       *fixture,
                 gconstpointer  data)
{
  WharfTemplatePage *page = fixture->window->template_page;
  g_autofree char *other = wharf_test_write_file (fixture->dir, "other.yaml",
                                                  "name: other\n"
                                                  "services:\n"
                                                  "  solo:\n"
                                                  "    image: busybox\n");
  const char *paths[] = { other, NULL };
  g_autofree char *yaml = NULL;

  open_and_wait (fixture);
  /* Convert again and replace it at once by another project. */
  wharf_window_reload (fixture->window);
  wharf_window_set_files (fixture->window, paths);
  wharf_test_wait_until (converted, fixture->window, 30000);
  yaml = wharf_template_page_dup_text (page);
  g_assert_nonnull (strstr (yaml, "Solo"));
  g_assert_null (strstr (yaml, "WebService"));

  /* Closing the project empties the page. */
  wharf_window_set_files (fixture->window, NULL);
  g_assert_null (wharf_template_page_get_template (page));
  g_assert_false (wharf_template_page_get_busy (page));
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  if (!wharf_template_page_export_finish (WHARF_TEMPLATE_PAGE (object), result, error))
    g_assert_nonnull (*error);
  g_object_set_data (object, "exported", GINT_TO_POINTER (TRUE));
}

static gboolean
exported (gpointer data)
{
  return g_object_get_data (data, "exported") != NULL;
}

/* Exports to NAME in the fixture's folder (in the format its extension
 * asks for, YAML otherwise); returns the file's contents or NULL with
 * ERROR set. */
static char *
export_to (Fixture     *fixture,
           const char  *name,
           GError     **error)
{
  WharfTemplatePage *page = fixture->window->template_page;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *contents = NULL;

  g_object_set_data (G_OBJECT (page), "exported", NULL);
  wharf_template_page_export_async (page, file,
                                    wharf_template_page_format_for_file (file, WHARF_TEMPLATE_FORMAT_YAML),
                                    NULL, export_done, error);
  wharf_test_wait_until (exported, page, 10000);
  if (*error == NULL)
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  WharfTemplatePage *page = fixture->window->template_page;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *yaml = NULL;
  g_autofree char *json = NULL;
  g_autofree char *expected_yaml = NULL;
  g_autofree char *expected_json = NULL;
  g_autofree char *old = NULL;
  g_autoptr(GDir) dir = NULL;
  JsonObject *resources;
  WharfTemplate *template;
  guint n_files = 0;

  /* Nothing to export before a conversion. */
  g_assert_null (export_to (fixture, "early.yaml", &error));
  g_assert_error (error, WHARF_TEMPLATE_PAGE_ERROR, WHARF_TEMPLATE_PAGE_ERROR_NO_TEMPLATE);
  g_clear_error (&error);

  open_and_wait (fixture);
  template = wharf_template_page_get_template (page);
  expected_yaml = wharf_template_to_yaml (template, NULL, &error);
  g_assert_no_error (error);
  expected_json = wharf_template_to_json (template, NULL);

  /* The format follows the extension, whatever the page shows. */
  g_assert_cmpint (wharf_template_page_get_format (page), ==, WHARF_TEMPLATE_FORMAT_YAML);
  json = export_to (fixture, "shop.JSON", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, expected_json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  resources = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "Resources");
  g_assert_nonnull (resources);
  g_assert_cmpuint (json_object_get_size (resources), ==, wharf_template_get_n_resources (template));

  /* An existing file is replaced as a whole, with no temporary left. */
  old = wharf_test_write_file (fixture->dir, "shop.yml", "old contents that are longer than nothing\n");
  yaml = export_to (fixture, "shop.yml", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yaml, ==, expected_yaml);
  g_assert_true (g_str_has_prefix (yaml, "AWSTemplateFormatVersion") || strstr (yaml, "Resources:") != NULL);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  /* compose.yaml, shop.JSON, shop.yml */
  g_assert_cmpuint (n_files, ==, 3);

  /* No extension: the format shown on the page. */
  wharf_template_page_set_format (page, WHARF_TEMPLATE_FORMAT_JSON);
  {
    g_autofree char *path = g_build_filename (fixture->dir, "stack", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_cmpint (wharf_template_page_format_for_file (file, wharf_template_page_get_format (page)), ==,
                     WHARF_TEMPLATE_FORMAT_JSON);
  }

  /* A folder that does not exist: the error is reported. */
  g_assert_null (export_to (fixture, "missing/stack.yaml", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  wharf_test_gtk_init (&argc, &argv);
  app = wharf_test_app_new ();

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/wharf/template-page/yaml-json", NULL, test_yaml_json);
  ADD ("/wharf/template-page/default-json", "json", test_default_json);
  ADD ("/wharf/template-page/outline", NULL, test_outline);
  ADD ("/wharf/template-page/search-copy", NULL, test_search_copy);
  ADD ("/wharf/template-page/newer-wins", NULL, test_newer_wins);
  ADD ("/wharf/template-page/export", NULL, test_export);
#undef ADD

  ret = g_test_run ();
  g_object_unref (app);

  return ret;
}
