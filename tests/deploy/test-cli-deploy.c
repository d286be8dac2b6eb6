/* test-cli-deploy.c: wharf-cli up, ps, logs, events, ls, down, secret,
 * volume and profile against the sandbox, as a user runs them
 * (output in a pipe).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "deploy-test-sandbox.h"
#include "wharf-test-util.h"

typedef struct {
  DeployTestSandbox *sandbox;
  char              *home;
  char             **envp;
  char              *out;
  char              *err;
} Fixture;

static void
fixture_start (Fixture    *f,
               const char *faults)
{
  f->sandbox = deploy_test_sandbox_start (faults, 0.02);
  f->home = wharf_test_mkdtemp ();
  f->envp = deploy_test_sandbox_envp (f->sandbox, f->home);
}

static void
fixture_stop (Fixture *f)
{
  deploy_test_sandbox_stop (f->sandbox);
  wharf_test_rmtree (f->home);
  g_free (f->home);
  g_strfreev (f->envp);
  g_free (f->out);
  g_free (f->err);
}

/* Runs wharf-cli ARGS… (NULL-terminated); output in f->out / f->err. */
static int
cli (Fixture    *f,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;
  const char *arg;

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_ptr_array_add (argv, (gpointer) wharf_test_cli_path ());
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  return wharf_test_run ((const char * const *) argv->pdata, f->home, (const char * const *) f->envp,
                         &f->out, &f->err);
}

static char *
fixture_path (const char *name)
{
  return wharf_test_srcdir_path ("fixtures", "deploy", name, NULL);
}

static void
test_cycle (void)
{
  Fixture f = { 0 };
  g_autofree char *web = fixture_path ("web.yaml");
  int status;

  fixture_start (&f, NULL);
  status = cli (&f, "up", "-f", web, "-p", "webapp", "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "Add      WebService"));
  g_assert_nonnull (strstr (f.out, "CREATE_COMPLETE"));
  g_assert_nonnull (strstr (f.out, "Stack webapp: CREATE_COMPLETE"));

  status = cli (&f, "ps", "-p", "webapp", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "web "));
  g_assert_nonnull (strstr (f.out, "Running"));
  g_assert_nonnull (strstr (f.out, "http://"));
  status = cli (&f, "ps", "-p", "webapp", "--format", "json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "\"Service\" : \"web\""));

  status = cli (&f, "logs", "-p", "webapp", "web", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (f.out, "web | "));
  g_assert_null (strstr (f.out, "\nWeb_ResolvConf_InitContainer |"));
  status = cli (&f, "logs", "-p", "webapp", "--tail", "1", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (strlen (f.out) - strlen (strchr (f.out, '\n') ? strchr (f.out, '\n') : ""), >, 0);
  g_assert_null (strchr (strchr (f.out, '\n') + 1, '\n'));

  /* an update shows a Modify and waits for UPDATE_COMPLETE */
  f.envp = g_environ_setenv (f.envp, "TAG", "1.26", TRUE);
  status = cli (&f, "up", "-f", web, "-p", "webapp", "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "Modify   WebTaskDefinition"));
  g_assert_nonnull (strstr (f.out, "Stack webapp: UPDATE_COMPLETE"));
  /* the same again: no changes is a success */
  status = cli (&f, "up", "-f", web, "-p", "webapp", "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "No changes"));

  status = cli (&f, "ls", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "webapp"));
  g_assert_nonnull (strstr (f.out, "UPDATE_COMPLETE"));
  status = cli (&f, "events", "-p", "webapp", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "UPDATE_COMPLETE"));

  status = cli (&f, "down", "-p", "webapp", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "Stack webapp: DELETE_COMPLETE"));
  status = cli (&f, "down", "-p", "webapp", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (f.err, "does not exist"));
  fixture_stop (&f);
}

static void
test_failure_root_cause (void)
{
  Fixture f = { 0 };
  g_autofree char *web = fixture_path ("web.yaml");
  int status;

  fixture_start (&f, "\"faults\": {\"resources\": [{\"logical_id\": \"WebService\", "
                     "\"reason\": \"Invalid request provided: CreateService error: no container port\"}]}");
  status = cli (&f, "up", "-f", web, "-p", "webapp", "--yes", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (f.err, "Root cause: WebService (AWS::ECS::Service) CREATE_FAILED: Invalid request provided"));
  g_assert_null (strstr (f.err, "Root cause: WebService (AWS::ECS::Service) CREATE_FAILED: Resource creation cancelled"));
  g_assert_nonnull (strstr (f.err, "ROLLBACK_COMPLETE"));
  g_assert_nonnull (strstr (f.err, "wharf-cli down -p webapp && wharf-cli up -p webapp"));
  /* the stack was kept (evidence), and a new up says how to recreate it */
  status = cli (&f, "ls", NULL);
  g_assert_nonnull (strstr (f.out, "ROLLBACK_COMPLETE"));
  status = cli (&f, "up", "-f", web, "-p", "webapp", "--yes", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (f.err, "cannot be updated"));
  fixture_stop (&f);
}

static void
test_tasks_stopping_ps (void)
{
  Fixture f = { 0 };
  g_autofree char *worker = fixture_path ("worker.yaml");
  int status;

  fixture_start (&f, "\"faults\": {\"tasks\": [{\"reason\": \"Essential container in task exited\", \"after_steps\": 1}]}");
  status = cli (&f, "up", "-f", worker, "-p", "jobs", "--yes", NULL);
  g_assert_cmpint (status, ==, 0);
  g_usleep (G_USEC_PER_SEC / 2);
  status = cli (&f, "ps", "-p", "jobs", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "Essential container in task exited"));
  fixture_stop (&f);
}

static void
test_plan_and_usage (void)
{
  Fixture f = { 0 };
  g_autofree char *worker = fixture_path ("worker.yaml");
  const char * const commands[] = { "up", "down", "events", "ps", "ls", "logs", "secret", "volume", "profile", NULL };
  int status;

  fixture_start (&f, NULL);
  status = cli (&f, "up", "-f", worker, "-p", "jobs", "--plan", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "Add      WorkerService"));
  g_assert_nonnull (strstr (f.out, "Plan only"));
  status = cli (&f, "ps", "-p", "jobs", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (f.out, "Running"));

  status = cli (&f, "up", "-f", worker, "-p", "jobs", "--on-failure", "explode", NULL);
  if (status != 2)
    g_printerr ("%s", f.err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (f.err, "--on-failure"));
  status = cli (&f, "logs", "-p", "jobs", "--since", "yesterday-ish", NULL);
  g_assert_cmpint (status, ==, 2);
  /* the commands without arguments name themselves when given one */
  for (gsize i = 0; i < 3; i++)
    {
      g_autofree char *expected = g_strdup_printf ("wharf-cli: %s: unexpected argument “extra”", commands[i]);

      status = cli (&f, commands[i], "-p", "jobs", "extra", NULL);
      g_assert_cmpint (status, ==, 2);
      g_assert_nonnull (strstr (f.err, expected));
    }
  for (gsize i = 0; commands[i] != NULL; i++)
    {
      status = cli (&f, commands[i], "--help", NULL);
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (f.out, "Usage:"));
    }
  fixture_stop (&f);
}

static void
test_secret_volume_profile (void)
{
  Fixture f = { 0 };
  g_autofree char *file = NULL;
  g_autofree char *fs = NULL;
  int status;

  fixture_start (&f, NULL);
  file = wharf_test_write_file (f.home, "cred.json", "{\"username\": \"u\", \"password\": \"p\"}");
  status = cli (&f, "secret", "create", "pullcred", file, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (f.out, "arn:aws:secretsmanager:us-east-1:000000000000:secret:pullcred"));
  status = cli (&f, "secret", "ls", "-q", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, ":secret:pullcred"));
  status = cli (&f, "secret", "inspect", "pullcred", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "\"Name\" : \"pullcred\""));
  g_assert_null (strstr (f.out, "password"));  /* the value is never printed */
  status = cli (&f, "secret", "rm", "pullcred", NULL);
  g_assert_cmpint (status, ==, 0);
  status = cli (&f, "secret", "inspect", "pullcred", NULL);
  g_assert_cmpint (status, ==, 3);
  g_assert_nonnull (strstr (f.err, "ResourceNotFoundException"));

  status = cli (&f, "volume", "create", "data", NULL);
  g_assert_cmpint (status, ==, 0);
  fs = g_strstrip (g_strdup (f.out));
  g_assert_true (g_str_has_prefix (fs, "fs-"));
  status = cli (&f, "volume", "ls", NULL);
  g_assert_nonnull (strstr (f.out, fs));
  status = cli (&f, "volume", "inspect", fs, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "\"Name\": \"data\""));
  status = cli (&f, "volume", "rm", fs, NULL);
  g_assert_cmpint (status, ==, 0);
  status = cli (&f, "volume", "inspect", fs, NULL);
  g_assert_cmpint (status, !=, 0);

  status = cli (&f, "profile", "whoami", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "000000000000"));
  fixture_stop (&f);
}

static void
test_detach_follow_interrupt (void)
{
  Fixture f = { 0 };
  g_autofree char *worker = fixture_path ("worker.yaml");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) down = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status;

  f.sandbox = deploy_test_sandbox_start (NULL, 0.4);
  f.home = wharf_test_mkdtemp ();
  f.envp = deploy_test_sandbox_envp (f.sandbox, f.home);
  /* -d returns while the stack is being created */
  status = cli (&f, "up", "-f", worker, "-p", "jobs", "--yes", "-d", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "wharf-cli events --follow -p jobs"));
  g_assert_null (strstr (f.out, "CREATE_COMPLETE"));
  status = cli (&f, "events", "--follow", "-p", "jobs", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "Stack jobs: CREATE_COMPLETE"));

  /* Ctrl-C detaches: the deletion goes on, and the way to follow it is shown */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, f.envp);
  g_subprocess_launcher_set_cwd (launcher, f.home);
  down = g_subprocess_launcher_spawn (launcher, &error, wharf_test_cli_path (), "down", "-p", "jobs", NULL);
  g_assert_no_error (error);
  {
    /* the first event line: the deletion is running and being followed */
    g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (down));
    g_autofree char *first = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (first);
    g_assert_nonnull (strstr (first, "DELETE_IN_PROGRESS"));
    g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (lines), FALSE);
  }
  g_subprocess_send_signal (down, SIGINT);
  g_assert_true (g_subprocess_communicate_utf8 (down, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (down), ==, 130);
  g_assert_nonnull (strstr (err, "wharf-cli events --follow -p jobs"));
  /* following to the end; the deletion may already be over (slow runs) */
  status = cli (&f, "events", "--follow", "-p", "jobs", NULL);
  if (status == 0)
    g_assert_nonnull (strstr (f.out, "DELETE_COMPLETE"));
  else
    {
      g_assert_cmpint (status, ==, 1);
      g_assert_nonnull (strstr (f.err, "stack jobs does not exist"));
    }
  fixture_stop (&f);
}

/* convert is offline without a chosen account (Parameters for the VPC),
 * and resolves the VPC and subnets through an ECS context. */
static void
test_convert_with_context (void)
{
  Fixture f = { 0 };
  g_autofree char *web = fixture_path ("web.yaml");
  int status;

  fixture_start (&f, NULL);
  status = cli (&f, "convert", "-f", web, "-p", "webapp", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "AWS::EC2::VPC::Id"));

  status = cli (&f, "context", "create", "ecs", "sandbox", "--from-env", NULL);
  g_assert_cmpint (status, ==, 0);
  status = cli (&f, "convert", "-f", web, "-p", "webapp", "--context", "sandbox", NULL);
  if (status != 0)
    g_printerr ("%s", f.err);
  g_assert_cmpint (status, ==, 0);
  /* the sandbox's default VPC and its public subnets, not Parameters */
  g_assert_null (strstr (f.out, "AWS::EC2::VPC::Id"));
  g_assert_nonnull (strstr (f.out, "vpc-0a1b2c3d4e5f60718"));
  g_assert_nonnull (strstr (f.out, "subnet-0123456789abcdef0"));

  /* --offline wins over the context */
  status = cli (&f, "convert", "-f", web, "-p", "webapp", "--context", "sandbox", "--offline", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (f.out, "AWS::EC2::VPC::Id"));
  fixture_stop (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deploy/cli/up-ps-logs-update-down", test_cycle);
  g_test_add_func ("/deploy/cli/failure-root-cause", test_failure_root_cause);
  g_test_add_func ("/deploy/cli/tasks-stopping", test_tasks_stopping_ps);
  g_test_add_func ("/deploy/cli/plan-and-usage", test_plan_and_usage);
  g_test_add_func ("/deploy/cli/secret-volume-profile", test_secret_volume_profile);
  g_test_add_func ("/deploy/cli/detach-follow-interrupt", test_detach_follow_interrupt);
  g_test_add_func ("/deploy/cli/convert-with-context", test_convert_with_context);
  return g_test_run ();
}
