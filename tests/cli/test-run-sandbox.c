/* test-run-sandbox.c: tools/run-sandbox.sh, the set-up of `make run`: a
 * sandbox on a free port, a private AWS profile and ECS context, and
 * wharf-cli deploying the example project with that environment only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include "wharf-test-util.h"

typedef struct {
  char  *home;
  char  *state;
  char **envp;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->home = wharf_test_mkdtemp ();
  f->state = g_build_filename (f->home, "state", NULL);
  f->envp = g_get_environ ();
  f->envp = g_environ_setenv (f->envp, "HOME", f->home, TRUE);
  /* What a user with a real account may have set: the script must hide it. */
  f->envp = g_environ_setenv (f->envp, "AWS_ACCESS_KEY_ID", "AKIAUSERSOWNKEY00000", TRUE);
  f->envp = g_environ_setenv (f->envp, "AWS_SECRET_ACCESS_KEY", "not-a-sandbox-key", TRUE);
  f->envp = g_environ_setenv (f->envp, "AWS_ENDPOINT_URL", "http://127.0.0.1:9/", TRUE);
  f->envp = g_environ_setenv (f->envp, "AWS_REGION", "eu-west-3", TRUE);
  f->envp = g_environ_setenv (f->envp, "DOCKER_CONTEXT", "prod", TRUE);
  f->envp = g_environ_unsetenv (f->envp, "DOCKER_CONFIG");
  f->envp = g_environ_unsetenv (f->envp, "WHARF_SANDBOX_PORT");
  f->envp = g_environ_setenv (f->envp, "WHARF_SANDBOX_PACE", "0.01", TRUE);
}

/* Runs tools/run-sandbox.sh OPTION… [-- COMMAND…] (NULL-terminated). */
static int
run_script (Fixture    *f,
            char      **out,
            char      **err,
            const char *first,
            ...)
{
  g_autofree char *script = g_build_filename (g_getenv ("WHARF_SOURCE_DIR"), "tools", "run-sandbox.sh", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (argv, "sh");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, "--build-dir");
  g_ptr_array_add (argv, (gpointer) g_getenv ("WHARF_BUILD_DIR"));
  g_ptr_array_add (argv, "--state-dir");
  g_ptr_array_add (argv, f->state);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  return wharf_test_run ((const char * const *) argv->pdata, f->home, (const char * const *) f->envp, out, err);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* no sandbox outlives the test, even a failed one */
  run_script (f, NULL, NULL, "--stop", NULL);
  wharf_test_rmtree (f->home);
  g_free (f->home);
  g_free (f->state);
  g_strfreev (f->envp);
}

/* The environment of "export NAME='VALUE'" and "unset NAME…" lines, applied
 * to BASE. */
static char **
apply_env (const char * const *base,
           const char         *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  char **env = g_strdupv ((char **) base);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "export "))
        {
          g_auto(GStrv) kv = g_strsplit (lines[i] + strlen ("export "), "=", 2);
          g_autofree char *value = NULL;

          g_assert_nonnull (kv[1]);
          value = g_shell_unquote (kv[1], NULL);
          g_assert_nonnull (value);
          env = g_environ_setenv (env, kv[0], value, TRUE);
        }
      else if (g_str_has_prefix (lines[i], "unset "))
        {
          g_auto(GStrv) names = g_strsplit (lines[i] + strlen ("unset "), " ", -1);

          for (guint j = 0; names[j] != NULL; j++)
            env = g_environ_unsetenv (env, names[j]);
        }
      else
        g_assert_cmpstr (lines[i], ==, "");
    }
  return env;
}

static gboolean
process_gone (GPid pid)
{
  /* the sandbox was reparented when the script exited: poll */
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int) pid);
      g_autofree char *stat = NULL;

      if (kill (pid, 0) != 0 && errno == ESRCH)
        return TRUE;
      if (g_file_get_contents (stat_path, &stat, NULL, NULL) && strstr (stat, ") Z ") != NULL)
        return TRUE;  /* a zombie waiting for its new parent */
      g_usleep (G_USEC_PER_SEC / 20);
    }
  return FALSE;
}

static int
cli (char       **envp,
     const char  *cwd,
     char       **out,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  va_list ap;
  int status;

  g_ptr_array_add (argv, (gpointer) wharf_test_cli_path ());
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  status = wharf_test_run ((const char * const *) argv->pdata, cwd, (const char * const *) envp, out, &err);
  if (status != 0)
    g_printerr ("%s", err);
  return status;
}

static void
test_print_env_up (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *example = g_build_filename (g_getenv ("WHARF_SOURCE_DIR"), "examples", "hello", "compose.yaml", NULL);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *ls = NULL, *aws_out = NULL;
  g_autofree char *dot_aws = g_build_filename (f->home, ".aws", NULL);
  g_autofree char *dot_docker = g_build_filename (f->home, ".docker", NULL);
  g_autofree char *aws = g_find_program_in_path ("aws");
  g_auto(GStrv) env = NULL, env2 = NULL;
  GPid pid, pid2;
  int status;

  status = run_script (f, &out, &err, "--print-env", NULL);
  if (status != 0)
    g_printerr ("%s", err);
  g_assert_cmpint (status, ==, 0);
  env = apply_env ((const char * const *) f->envp, out);
  g_assert_true (g_str_has_prefix (g_environ_getenv (env, "DOCKER_CONFIG"), f->state));
  g_assert_true (g_str_has_prefix (g_environ_getenv (env, "AWS_CONFIG_FILE"), f->state));
  g_assert_true (g_str_has_prefix (g_environ_getenv (env, "AWS_SHARED_CREDENTIALS_FILE"), f->state));
  g_assert_true (g_str_has_prefix (g_environ_getenv (env, "WHARF_SANDBOX_URL"), "http://127.0.0.1:"));
  g_assert_null (g_environ_getenv (env, "AWS_ACCESS_KEY_ID"));
  g_assert_null (g_environ_getenv (env, "AWS_ENDPOINT_URL"));
  g_assert_null (g_environ_getenv (env, "DOCKER_CONTEXT"));
  pid = (GPid) g_ascii_strtoll (g_environ_getenv (env, "WHARF_SANDBOX_PID"), NULL, 10);
  g_assert_cmpint (pid, >, 0);

  /* the example deploys with that environment, through the current
   * context (the profile's endpoint_url is the sandbox) */
  g_assert_cmpint (cli (env, f->home, &ls, "context", "ls", NULL), ==, 0);
  g_assert_nonnull (strstr (ls, "wharf-sandbox *"));
  g_assert_cmpint (cli (env, f->home, &out2, "up", "--yes", "-f", example, NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "Stack hello: CREATE_COMPLETE"));
  g_clear_pointer (&out2, g_free);
  g_assert_cmpint (cli (env, f->home, &out2, "ps", "-p", "hello", NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "Running"));
  /* the AWS CLI reads the same profile */
  if (aws != NULL)
    {
      const char * const argv[] = { aws, "cloudformation", "describe-stacks", "--stack-name", "hello",
                                    "--query", "Stacks[0].StackStatus", "--output", "text", NULL };

      g_assert_cmpint (wharf_test_run (argv, f->home, (const char * const *) env, &aws_out, NULL), ==, 0);
      g_assert_cmpstr (g_strstrip (aws_out), ==, "CREATE_COMPLETE");
    }
  /* nothing was written where the user's own configuration lives */
  g_assert_false (g_file_test (dot_aws, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dot_docker, G_FILE_TEST_EXISTS));

  /* again: the earlier sandbox is stopped, a new one serves */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_script (f, &out, &err, "--print-env", NULL);
  g_assert_cmpint (status, ==, 0);
  env2 = apply_env ((const char * const *) f->envp, out);
  pid2 = (GPid) g_ascii_strtoll (g_environ_getenv (env2, "WHARF_SANDBOX_PID"), NULL, 10);
  g_assert_cmpint (pid2, !=, pid);
  g_assert_true (process_gone (pid));
  g_clear_pointer (&ls, g_free);
  g_assert_cmpint (cli (env2, f->home, &ls, "ls", NULL), ==, 0);
  g_assert_null (strstr (ls, "hello"));  /* a fresh region */

  g_assert_cmpint (run_script (f, NULL, NULL, "--stop", NULL), ==, 0);
  g_assert_true (process_gone (pid2));
}

static void
test_command_busy_port (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *example = g_build_filename (g_getenv ("WHARF_SOURCE_DIR"), "examples", "hello", "compose.yaml", NULL);
  g_autofree char *url_file = g_build_filename (f->state, "sandbox.url", NULL);
  g_autofree char *pid_file = g_build_filename (f->state, "sandbox.pid", NULL);
  g_autofree char *out = NULL, *err = NULL, *url = NULL, *port_text = NULL;
  g_autoptr(GSocketListener) busy = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GUri) uri = NULL;
  guint16 port;
  int status;

  port = g_socket_listener_add_any_inet_port (busy, NULL, &error);
  g_assert_no_error (error);
  port_text = g_strdup_printf ("%u", (unsigned) port);
  f->envp = g_environ_setenv (f->envp, "WHARF_SANDBOX_PORT", port_text, TRUE);

  status = run_script (f, &out, &err, "--", wharf_test_cli_path (), "up", "--yes", "-p", "demo", "-f", example, NULL);
  if (status != 0)
    g_printerr ("%s", err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "busy"));
  g_assert_nonnull (strstr (out, "Stack demo: CREATE_COMPLETE"));

  /* the sandbox stopped with the command */
  g_assert_false (g_file_test (pid_file, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (url_file, &url, NULL, NULL));
  uri = g_uri_parse (g_strstrip (url), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_uri_get_port (uri), !=, port);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);

  /* a failing command's exit code is the script's */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_script (f, &out, &err, "--", wharf_test_cli_path (), "ps", "-p", "nothing-here", NULL);
  g_assert_cmpint (status, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/run-sandbox/print-env-up", Fixture, NULL, fixture_set_up, test_print_env_up, fixture_tear_down);
  g_test_add ("/run-sandbox/command-busy-port", Fixture, NULL, fixture_set_up, test_command_busy_port,
              fixture_tear_down);
  return g_test_run ();
}
