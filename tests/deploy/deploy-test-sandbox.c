/* deploy-test-sandbox.c: the sandbox on a thread of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include "deploy-test-sandbox.h"
#include "wharf-test-util.h"

struct _DeployTestSandbox
{
  GSubprocess *process;
  char        *dir;
  char        *url;
};

#define DEFAULT_SEED \
  "\"account_id\": \"000000000000\", \"region\": \"us-east-1\"," \
  "\"credentials\": [{\"access_key_id\": \"test\", \"secret_access_key\": \"test\"}]," \
  "\"vpcs\": [{\"id\": \"vpc-0a1b2c3d4e5f60718\", \"cidr\": \"172.31.0.0/16\", \"default\": true," \
  " \"internet_gateway\": \"igw-0c1d2e3f4a5b6c7d8\", \"main_route_table\": \"rtb-0a9b8c7d6e5f40312\"," \
  " \"subnets\": [" \
  "  {\"id\": \"subnet-0123456789abcdef0\", \"availability_zone\": \"us-east-1a\", \"cidr\": \"172.31.0.0/20\", \"public\": true}," \
  "  {\"id\": \"subnet-0fedcba9876543210\", \"availability_zone\": \"us-east-1b\", \"cidr\": \"172.31.16.0/20\", \"public\": true}]," \
  " \"security_groups\": [{\"id\": \"sg-0123abcd4567ef890\", \"name\": \"default\", \"description\": \"default VPC security group\"}]}]"

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

DeployTestSandbox *
deploy_test_sandbox_start (const char *extra,
                           double      pace)
{
  DeployTestSandbox *s = g_new0 (DeployTestSandbox, 1);
  g_autofree char *seed = g_strdup_printf ("{" DEFAULT_SEED "%s%s}", extra ? "," : "", extra ? extra : "");
  g_autofree char *seed_path = NULL;
  g_autofree char *pace_text = g_strdup_printf ("%g", pace);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  /* A process of its own: the sandbox's server state never mixes with
   * the test's (and its libsoup internals stay out of the test's leak
   * report). */
  s->dir = wharf_test_mkdtemp ();
  seed_path = wharf_test_write_file (s->dir, "seed.json", seed);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* a test that aborts must not leave its sandbox running */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  s->process = g_subprocess_launcher_spawn (launcher, &error, wharf_test_cli_path (), "sandbox",
                                            "--listen", "127.0.0.1:0", "--seed", seed_path,
                                            "--pace", pace_text, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  s->url = g_steal_pointer (&line);
  return s;
}

void
deploy_test_sandbox_stop (DeployTestSandbox *s)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (s->process, SIGTERM);
  g_subprocess_wait (s->process, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (s->process);
  wharf_test_rmtree (s->dir);
  g_free (s->dir);
  g_free (s->url);
  g_free (s);
}

const char *
deploy_test_sandbox_url (DeployTestSandbox *s)
{
  return s->url;
}

WharfAwsClient *
deploy_test_sandbox_client (DeployTestSandbox *s)
{
  g_autoptr(WharfAwsCredentials) creds = wharf_aws_credentials_new ("test", "test", NULL, NULL, "test");
  g_autoptr(GError) error = NULL;
  WharfAwsClient *client = wharf_aws_client_new ("us-east-1", creds);

  g_assert_true (wharf_aws_client_set_endpoint (client, s->url, &error));
  g_assert_no_error (error);
  return client;
}

char **
deploy_test_sandbox_envp (DeployTestSandbox *s,
                          const char        *home)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *docker = g_build_filename (home, ".docker", NULL);

  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "DOCKER_CONFIG", docker, TRUE);
  env = g_environ_unsetenv (env, "DOCKER_CONTEXT");
  env = g_environ_unsetenv (env, "AWS_PROFILE");
  env = g_environ_setenv (env, "AWS_ACCESS_KEY_ID", "test", TRUE);
  env = g_environ_setenv (env, "AWS_SECRET_ACCESS_KEY", "test", TRUE);
  env = g_environ_unsetenv (env, "AWS_SESSION_TOKEN");
  env = g_environ_setenv (env, "AWS_REGION", "us-east-1", TRUE);
  env = g_environ_setenv (env, "AWS_ENDPOINT_URL", s->url, TRUE);
  env = g_environ_setenv (env, "AWS_CONFIG_FILE", "/nonexistent/aws-config", TRUE);
  env = g_environ_setenv (env, "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials", TRUE);
  return g_steal_pointer (&env);
}
