/* test-template-page.c: the template preview: YAML/JSON, outline, search,
 * copy, summary, cancellation by a newer project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "wharf-test-gtk.h"
#include "wharf-test-util.h"
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

static void
test_outline (Fixture       *fixture,
              gconstpointer  data)
{
  WharfTemplatePage *page = fixture->window->template_page;
  GtkListBox *outline = wharf_template_page_get_outline (page);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (wharf_template_page_get_view (page)));
  g_auto(GStrv) ids = NULL;
  guint n = 0;

  open_and_wait (fixture);
  ids = wharf_template_list_resources (wharf_template_page_get_template (page));
  while (gtk_list_box_get_row_at_index (outline, n) != NULL)
    n++;
  g_assert_cmpuint (n, ==, g_strv_length (ids));
  g_assert_cmpuint (n, >, 2);

  /* Activating the last resource selects its key in the source. */
  for (guint f = 0; f < 2; f++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (outline, n - 1);
      GtkTextIter start;
      GtkTextIter end;
      g_autofree char *selected = NULL;

      wharf_template_page_set_format (page, f == 0 ? WHARF_TEMPLATE_FORMAT_YAML : WHARF_TEMPLATE_FORMAT_JSON);
      g_signal_emit_by_name (outline, "row-activated", row);
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
#undef ADD

  ret = g_test_run ();
  g_object_unref (app);

  return ret;
}
