/* test-sandbox-peers.c: independent AWS clients (the aws CLI and boto3 of
 * the pyenv Python) accept the sandbox. Starts "wharf-cli sandbox" once and
 * runs one case of sandbox-peers.py per test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <sys/prctl.h>

#include "wharf-test-util.h"

static char *sandbox_url;
static char *python;
static gboolean have_peers;

static void
run_case (gconstpointer data)
{
  const char *name = data;
  g_autofree char *script = wharf_test_srcdir_path ("sandbox", "sandbox-peers.py", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { python, script, sandbox_url, name, NULL };
  int status;

  if (!have_peers)
    {
      g_test_skip ("the pyenv Python with boto3 and the aws CLI are not installed");
      return;
    }
  status = wharf_test_run (argv, NULL, NULL, &out, &err);
  /* not fatal: the next cases still run and the sandbox is stopped */
  if (status != 0)
    g_test_fail_printf ("%s failed (%d)\nstdout: %s\nstderr: %s", name, status, out, err);
}

/* The sandbox must not outlive this program, even when it crashes. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* The pyenv shims come first, as in "make check". */
static void
setup_path (void)
{
  g_autofree char *shims = g_build_filename (g_get_home_dir (), ".pyenv", "shims", NULL);
  g_autofree char *path = g_strdup_printf ("%s:%s", shims, g_getenv ("PATH") ? g_getenv ("PATH") : "/usr/bin:/bin");
  g_autofree char *aws = NULL;
  const char *check[] = { NULL, "-c", "import boto3, botocore", NULL };

  g_setenv ("PATH", path, TRUE);
  python = g_find_program_in_path ("python3");
  aws = g_find_program_in_path ("aws");
  check[0] = python;
  have_peers = python && aws && wharf_test_run (check, NULL, NULL, NULL, NULL) == 0;
}

int
main (int argc, char **argv)
{
  static const char * const cases[] = {
    "cli_create_stack", "boto3_events_paging", "cli_change_set", "cli_ecs", "cli_logs",
    "cli_secrets", "boto3_efs", "bad_signature", "boto3_template_url", "boto3_rollback",
    "boto3_account", "boto3_stacks_paging", "secret_tags",
  };
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *seed = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  setup_path ();
  if (have_peers)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      const char *cli[] = { wharf_test_cli_path (), "sandbox", "--listen", "127.0.0.1:0", "--seed", NULL, NULL };

      seed = wharf_test_srcdir_path ("fixtures", "sandbox", "peers-seed.json", NULL);
      cli[5] = seed;
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);

      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      proc = g_subprocess_launcher_spawnv (launcher, cli, &error);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
      sandbox_url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (sandbox_url);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sandbox/peers/%s", cases[i]);
      g_test_add_data_func (path, cases[i], run_case);
    }
  result = g_test_run ();
  if (proc != NULL)
    {
      g_subprocess_send_signal (proc, SIGTERM);
      g_subprocess_wait (proc, NULL, NULL);
      /* a clean stop on SIGTERM (its exit status is checked by test-sandbox-server;
       * under LeakSanitizer libsoup's accepted sockets make it non-zero here) */
      if (!g_subprocess_get_if_exited (proc))
        result = 1;
    }
  g_free (sandbox_url);
  g_free (python);
  return result;
}
