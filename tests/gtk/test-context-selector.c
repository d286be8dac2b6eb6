/* test-context-selector.c: the header's context selector lists the ECS
 * contexts of the Docker store (and default), marks Docker's current one,
 * changes the window's choice, follows the store, and opens the Contexts
 * & Profiles window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-context-aws.h"
#include "wharf-contexts-window.h"
#include "wharf-test-gtk.h"
#include "wharf-test-util.h"
#include "wharf-window-private.h"

static GApplication *app;

typedef struct {
  char        *dir;
  char        *docker;
  WharfWindow *window;
} Fixture;

/* A context of another type, written as `docker context create` does. */
static void
write_engine_context (const char *docker,
                      const char *name)
{
  g_autofree char *folder = wharf_context_dup_folder_name (name);
  g_autofree char *rel = g_build_filename ("contexts", "meta", folder, "meta.json", NULL);
  g_autofree char *json = g_strdup_printf ("{\"Name\":\"%s\",\"Metadata\":{},\"Endpoints\":"
                                           "{\"docker\":{\"Host\":\"unix:///run/engine.sock\","
                                           "\"SkipTLSVerify\":false}}}", name);
  g_autofree char *path = wharf_test_write_file (docker, rel, json);
}

static void
create_ecs (WharfContextStore *store,
            const char        *name,
            const char        *region)
{
  g_autoptr(WharfContext) context = wharf_context_new_ecs (name, WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT,
                                                           NULL, region, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (wharf_context_store_create (store, context, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(WharfContextStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aws_config = NULL;
  g_autofree char *aws_credentials = NULL;

  wharf_test_reset_settings ();
  fixture->dir = wharf_test_mkdtemp ();
  fixture->docker = g_build_filename (fixture->dir, "docker", NULL);
  aws_config = g_build_filename (fixture->dir, "aws-config", NULL);
  aws_credentials = g_build_filename (fixture->dir, "aws-credentials", NULL);
  /* Before any object reads them. */
  wharf_test_use_config (fixture->docker, aws_config, aws_credentials);

  store = wharf_context_store_new (fixture->docker);
  create_ecs (store, "alpha", "eu-west-3");
  create_ecs (store, "beta", "us-east-1");
  write_engine_context (fixture->docker, "engine");
  g_assert_true (wharf_context_store_use (store, "beta", &error));
  g_assert_no_error (error);

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
  g_free (fixture->docker);
}

static GMenuModel *
section (WharfWindow *window)
{
  return G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window), WHARF_TYPE_WINDOW,
                                                      "context_section"));
}

/* "label=target" of each item of the section, joined by ", ". */
static char *
describe_menu (WharfWindow *window)
{
  GMenuModel *model = section (window);
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autofree char *target = NULL;

      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_TARGET, "s", &target);
      g_assert_cmpstr (action, ==, "win.use-context");
      g_string_append_printf (text, "%s%s=%s", i > 0 ? ", " : "", label, target);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_lists_contexts (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *menu = describe_menu (fixture->window);
  g_autofree char *compose = wharf_test_write_file (fixture->dir, "compose.yaml",
                                                    "services:\n  web:\n    image: nginx\n");
  const char *files[] = { compose, NULL };

  /* Shown with a project: the choice is where that project deploys to. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window->context_button)));
  wharf_window_set_files (fixture->window, files);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window->context_button)));
  /* ECS contexts and default, sorted as Docker sorts them; the engine
   * context cannot be deployed to. */
  g_assert_cmpstr (menu, ==, "alpha=alpha, beta (current)=beta, default=default");
  /* A new window starts on Docker's current context. */
  g_assert_cmpstr (gtk_label_get_label (fixture->window->context_label), ==, "beta");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (fixture->window->context_button)), ==,
                   "Deploys to beta · us-east-1");
}

static gboolean
label_is (gpointer data)
{
  Fixture *fixture = data;
  const char *expected = g_object_get_data (G_OBJECT (fixture->window), "expected-label");

  return g_strcmp0 (gtk_label_get_label (fixture->window->context_label), expected) == 0;
}

static void
test_choose (Fixture       *fixture,
             gconstpointer  data)
{
  WharfSession *session = wharf_window_get_session (fixture->window);
  g_autoptr(GVariant) state = NULL;
  g_autoptr(WharfContextStore) store = wharf_context_store_new (fixture->docker);
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.use-context", "s", "alpha"));
  g_assert_cmpstr (wharf_session_get_context_name (session), ==, "alpha");
  g_assert_cmpstr (gtk_label_get_label (fixture->window->context_label), ==, "alpha");
  state = g_action_group_get_action_state (G_ACTION_GROUP (fixture->window), "use-context");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "alpha");

  /* The window's choice is not Docker's: config.json is untouched. */
  {
    g_autofree char *configured = wharf_context_store_dup_configured (store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (configured, ==, "beta");
  }

  /* Removed behind the window's back (as `docker context rm` would): the
   * window falls back to Docker's current context. */
  g_assert_true (wharf_context_store_remove (store, "alpha", FALSE, &error));
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (fixture->window), "expected-label", (gpointer) "beta");
  wharf_test_wait_until (label_is, fixture, 5000);
  g_assert_cmpstr (wharf_session_get_context_name (session), ==, "beta");
}

static gboolean
menu_has_gamma (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *menu = describe_menu (fixture->window);

  return strstr (menu, "gamma=gamma") != NULL;
}

static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(WharfContextStore) store = wharf_context_store_new (fixture->docker);
  g_autoptr(GError) error = NULL;
  g_autofree char *menu = NULL;

  /* Another program adds a context, then makes it current. */
  create_ecs (store, "gamma", "eu-central-1");
  wharf_test_wait_until (menu_has_gamma, fixture, 5000);
  g_assert_true (wharf_context_store_use (store, "gamma", &error));
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (fixture->window), "expected-label", (gpointer) "gamma");
  /* Not chosen yet: the window follows Docker's current context. */
  wharf_test_wait_until (label_is, fixture, 5000);
  menu = describe_menu (fixture->window);
  g_assert_cmpstr (menu, ==, "alpha=alpha, beta=beta, default=default, gamma (current)=gamma");
}

static WharfContextsWindow *
find_contexts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (WHARF_IS_CONTEXTS_WINDOW (window))
        return WHARF_CONTEXTS_WINDOW (window);
    }
  return NULL;
}

static void
test_manage (Fixture       *fixture,
             gconstpointer  data)
{
  WharfContextsWindow *contexts;

  g_assert_null (find_contexts_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.manage-contexts", NULL));
  contexts = find_contexts_window ();
  g_assert_nonnull (contexts);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (contexts)) == GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (contexts));
  /* Asking again brings the same window back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.manage-contexts", NULL));
  g_assert_true (find_contexts_window () == contexts);
  wharf_test_destroy_window (GTK_WINDOW (contexts));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.manage-contexts", NULL));
  contexts = find_contexts_window ();
  g_assert_nonnull (contexts);
  wharf_test_destroy_window (GTK_WINDOW (contexts));
}

/* Without a readable config.json there is no current context: the
 * window uses the AWS environment and says so. */
static void
test_no_context (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *docker = g_build_filename (dir, "docker", NULL);
  g_autofree char *config = wharf_test_write_file (docker, "config.json", "{ not json");
  WharfWindow *window;

  g_setenv ("DOCKER_CONFIG", docker, TRUE);
  g_unsetenv ("DOCKER_CONTEXT");
  window = wharf_window_new (GTK_APPLICATION (app));
  g_assert_null (wharf_session_get_context_name (wharf_window_get_session (window)));
  g_assert_cmpstr (gtk_label_get_label (window->context_label), ==, "AWS Environment");
  wharf_test_destroy_window (GTK_WINDOW (window));
  wharf_test_rmtree (dir);
}

/* Screenshot mode (tests/ui/screenshots.sh): the closed button and the
 * open menu, for review. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  if (!wharf_test_screenshot_begin ())
    return;
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 640);
  {
    g_autofree char *compose = wharf_test_write_file (fixture->dir, "compose.yaml",
                                                      "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n");
    const char *files[] = { compose, NULL };

    wharf_window_set_files (fixture->window, files);
    wharf_test_spin (1000);
  }
  /* The closed button first: the open menu covers it. */
  wharf_test_screenshot_take ("context-button", 500);
  gtk_menu_button_popup (fixture->window->context_button);
  wharf_test_screenshot_take ("context-selector", 700);
  gtk_menu_button_popdown (fixture->window->context_button);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wharf_test_gtk_init (&argc, &argv);
  app = wharf_test_app_new ();

  g_test_add ("/context-selector/lists", Fixture, NULL, fixture_setup, test_lists_contexts, fixture_teardown);
  g_test_add ("/context-selector/choose", Fixture, NULL, fixture_setup, test_choose, fixture_teardown);
  g_test_add ("/context-selector/follows-store", Fixture, NULL, fixture_setup, test_follows_store, fixture_teardown);
  g_test_add ("/context-selector/manage", Fixture, NULL, fixture_setup, test_manage, fixture_teardown);
  g_test_add_func ("/context-selector/no-context", test_no_context);
  g_test_add ("/context-selector/screenshot", Fixture, NULL, fixture_setup, test_screenshot, fixture_teardown);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
