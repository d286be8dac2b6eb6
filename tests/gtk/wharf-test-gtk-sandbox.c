/* wharf-test-gtk-sandbox.c: the sandbox of the GTK tests that talk to AWS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-compose-loader.h"
#include "wharf-deployment.h"
#include "wharf-test-gtk.h"
#include "wharf-test-gtk-sandbox.h"
#include "wharf-test-util.h"

void
wharf_test_gtk_sandbox_export (DeployTestSandbox *sandbox,
                               const char        *home)
{
  /* The variables deploy_test_sandbox_envp() decides; the others of the
   * process are left alone. */
  static const char * const keys[] = {
    "HOME", "DOCKER_CONFIG", "DOCKER_CONTEXT", "AWS_PROFILE", "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_ENDPOINT_URL",
    "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", NULL
  };
  g_auto(GStrv) envp = deploy_test_sandbox_envp (sandbox, home);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = g_environ_getenv (envp, keys[i]);

      if (value != NULL)
        g_setenv (keys[i], value, TRUE);
      else
        g_unsetenv (keys[i]);
    }
}

DeployTestSandbox *
wharf_test_gtk_sandbox_start (const char  *extra,
                              double       pace,
                              char       **out_home)
{
  DeployTestSandbox *sandbox = deploy_test_sandbox_start (extra, pace);

  *out_home = wharf_test_mkdtemp ();
  wharf_test_gtk_sandbox_export (sandbox, *out_home);
  return sandbox;
}

void
wharf_test_gtk_sandbox_stop (DeployTestSandbox *sandbox,
                             char              *home)
{
  if (sandbox != NULL)
    deploy_test_sandbox_stop (sandbox);
  if (home != NULL)
    wharf_test_rmtree (home);
  g_free (home);
}

WharfComposeProject *
wharf_test_gtk_load_web (const char *name)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "deploy", "web.yaml", NULL);
  g_autoptr(WharfComposeLoadOptions) options = wharf_compose_load_options_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "TAG");
  WharfComposeProject *project;

  wharf_compose_load_options_add_file (options, path);
  wharf_compose_load_options_set_project_name (options, name);
  wharf_compose_load_options_set_environment (options, (const char * const *) env);
  project = wharf_compose_load (options, NULL, NULL, &error);
  g_assert_no_error (error);
  return project;
}

void
wharf_test_gtk_deploy (DeployTestSandbox   *sandbox,
                       WharfComposeProject *project)
{
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sandbox);
  g_autoptr(WharfDeployment) d = wharf_deployment_new (client, wharf_compose_project_get_name (project));
  g_autoptr(GError) error = NULL;

  wharf_deployment_set_poll_interval (d, 0.05, 0.2);
  wharf_deployment_set_project (d, wharf_compose_project_get_root (project));
  g_assert_true (wharf_deployment_prepare (d, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_deployment_execute (d, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_deployment_wait (d, NULL, &error));
  g_assert_no_error (error);
}

void
wharf_test_gtk_screenshot_page (DeployTestSandbox   *sandbox,
                                GtkWidget           *page,
                                WharfTestSetProject  set_project,
                                const char          *name,
                                guint                settle_ms)
{
  g_autoptr(WharfComposeProject) project = NULL;
  g_autoptr(WharfSession) session = NULL;
  GtkWindow *window;

  if (!wharf_test_screenshot_begin ())
    {
      g_object_ref_sink (page);
      g_object_unref (page);
      return;
    }
  project = wharf_test_gtk_load_web ("webapp");
  wharf_test_gtk_deploy (sandbox, project);
  session = wharf_session_new (g_getenv ("DOCKER_CONFIG"));
  window = wharf_test_screenshot_window (page, "web.yaml", "tests/fixtures/deploy");
  set_project (page, session, project);
  wharf_test_screenshot_take (name, settle_ms);
  wharf_test_destroy_window (window);
}
