/* wharf-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wharf-test-util.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

char *
wharf_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("wharf-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
wharf_test_rmtree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      wharf_test_rmtree (child);
    }
  g_rmdir (path);
}

char *
wharf_test_write_file (const char *dir,
                       const char *name,
                       const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = NULL;
  char *path = g_build_filename (dir, name, NULL);

  parent = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
build_path_va (const char *root,
               const char *first_element,
               va_list     args)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *element;

  g_ptr_array_add (parts, (gpointer) root);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) element);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

char *
wharf_test_srcdir_path (const char *first_element,
                        ...)
{
  const char *root = g_getenv ("G_TEST_SRCDIR");
  va_list args;
  char *path;

  g_assert_nonnull (root);
  va_start (args, first_element);
  path = build_path_va (root, first_element, args);
  va_end (args);
  return path;
}

char *
wharf_test_peer_path (const char *first_element,
                      ...)
{
  const char *root = g_getenv ("WHARF_PEER_TESTS");
  va_list args;
  char *path;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/peer-tests is absent: peer test data not available");
      return NULL;
    }
  va_start (args, first_element);
  path = build_path_va (root, first_element, args);
  va_end (args);
  return path;
}

char *
wharf_test_find_program (const char *program)
{
  char *path = g_find_program_in_path (program);

  if (path == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("%s is not installed", program);
      g_test_skip (msg);
    }
  return path;
}

int
wharf_test_run (const char * const *argv,
                const char         *cwd,
                const char * const *envp,
                char              **out_stdout,
                char              **out_stderr)
{
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_sync (cwd, (char **) argv, (char **) envp,
                G_SPAWN_SEARCH_PATH
                | (out_stdout ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL)
                | (out_stderr ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                NULL, NULL, out_stdout, out_stderr, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + (WIFSIGNALED (status) ? WTERMSIG (status) : 0);
}

const char *
wharf_test_cli_path (void)
{
  const char *cli = g_getenv ("WHARF_CLI");

  g_assert_nonnull (cli);
  return cli;
}
