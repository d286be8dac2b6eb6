/* test-cli-live.c: wharf-cli up in a terminal (a pseudo-terminal): the
 * live table of resources, whose elapsed times run between events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* posix_openpt, ptsname */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deploy-test-sandbox.h"
#include "wharf-test-util.h"

/* Everything the program writes on the terminal until it closes it, and
 * the longest silence while the live table was on screen (from its first
 * row to the outcome line). */
static char *
read_terminal (int     master,
               double *out_max_gap)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 last = 0, max_gap = 0;
  char buffer[4096];

  for (;;)
    {
      gssize n = read (master, buffer, sizeof buffer);
      gint64 now = g_get_monotonic_time ();

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;  /* EIO once the last writer is gone */
      if (last != 0 && strstr (text->str, "Stack jobs:") == NULL)
        max_gap = MAX (max_gap, now - last);
      g_string_append_len (text, buffer, n);
      if (strstr (text->str, "\033[K") != NULL)
        last = now;
    }
  *out_max_gap = (double) max_gap / G_USEC_PER_SEC;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The largest elapsed time drawn for ID while STATUS. */
static double
max_elapsed (const char *output,
             const char *id,
             const char *status)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  double max = -1;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *row = strstr (lines[i], "\033[K");
      const char *kept[5];
      guint n = 0;

      if (row == NULL)
        continue;
      /* " MARK ID STATUS ELAPSEDs": the non-empty fields */
      fields = g_strsplit_set (row + strlen ("\033[K"), " \r", -1);
      for (guint j = 0; fields[j] != NULL && n < G_N_ELEMENTS (kept); j++)
        if (fields[j][0] != '\0')
          kept[n++] = fields[j];
      if (n == 4 && g_str_equal (kept[1], id) && g_str_equal (kept[2], status))
        max = MAX (max, g_ascii_strtod (kept[3], NULL));
    }
  return max;
}

static void
test_live_table_ticks (void)
{
  g_autofree char *worker = wharf_test_srcdir_path ("fixtures", "deploy", "worker.yaml", NULL);
  g_autofree char *home = wharf_test_mkdtemp ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_INHERIT);
  g_autoptr(GSubprocess) up = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) envp = NULL;
  DeployTestSandbox *sandbox;
  int master, slave;
  double max_gap;

  /* slow: three seconds pass between two steps of the stack */
  sandbox = deploy_test_sandbox_start (NULL, 3.0);
  envp = deploy_test_sandbox_envp (sandbox, home);
  envp = g_environ_setenv (envp, "TERM", "xterm", TRUE);
  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);

  g_subprocess_launcher_set_environ (launcher, envp);
  g_subprocess_launcher_set_cwd (launcher, home);
  g_subprocess_launcher_take_stdout_fd (launcher, slave);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDIN_INHERIT | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  up = g_subprocess_launcher_spawn (launcher, &error, wharf_test_cli_path (), "up", "--yes",
                                    "-f", worker, "-p", "jobs", NULL);
  g_assert_no_error (error);
  /* the launcher owns the slave: drop it so that reads end with the child */
  g_clear_object (&launcher);
  output = read_terminal (master, &max_gap);
  close (master);
  g_subprocess_wait_check (up, NULL, &error);
  g_assert_no_error (error);

  g_assert_nonnull (strstr (output, "Stack jobs: CREATE_COMPLETE"));
  /* the table is redrawn every second, not only when events come */
  g_test_message ("longest silence of the live table: %.2f s", max_gap);
  g_assert_cmpfloat (max_gap, <, 1.8);
  /* the stack's only IN_PROGRESS event has a duration of 0: the time
   * since it runs on screen */
  g_assert_cmpfloat (max_elapsed (output, "jobs", "CREATE_IN_PROGRESS"), >=, 3.0);
  /* terminal rows keep their final duration */
  g_assert_cmpfloat (max_elapsed (output, "jobs", "CREATE_COMPLETE"), >=, 1.0);

  deploy_test_sandbox_stop (sandbox);
  wharf_test_rmtree (home);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-live/table-ticks", test_live_table_ticks);
  return g_test_run ();
}
