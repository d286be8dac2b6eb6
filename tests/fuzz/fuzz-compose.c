/* fuzz-compose.c: the whole Compose loader (wharf_compose_load) on an
 * arbitrary compose.yaml, in a scratch project folder that also holds a
 * .env, an env file and a file to extend or include.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "wharf-compose-loader.h"

static char *project_dir;
static char *compose_path;

static const char * const scratch_files[] = {
  ".env", "TAG=1.0\nPORT=8080\nCOMPOSE_PROFILES=\n",
  "app.env", "export APP_MODE=\"${MODE:-prod}\"\nEMPTY=\n",
  "base.yaml", "services:\n  base:\n    image: alpine:${TAG}\n    environment: [A=1]\n",
  "compose.yaml", "",
  NULL
};

/* A fixed environment: the machine's must not change what is found. */
static const char * const environment[] = { "A=1", "B=", "MODE=dev", "HOME=/nonexistent", NULL };

static void
remove_project_dir (void)
{
  for (gsize i = 0; scratch_files[i] != NULL; i += 2)
    {
      g_autofree char *path = g_build_filename (project_dir, scratch_files[i], NULL);
      g_unlink (path);
    }
  g_rmdir (project_dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  project_dir = g_dir_make_tmp ("wharf-fuzz-compose-XXXXXX", NULL);
  g_assert (project_dir != NULL);
  for (gsize i = 0; scratch_files[i] != NULL; i += 2)
    {
      g_autofree char *path = g_build_filename (project_dir, scratch_files[i], NULL);
      g_assert (g_file_set_contents (path, scratch_files[i + 1], -1, NULL));
    }
  compose_path = g_build_filename (project_dir, "compose.yaml", NULL);
  atexit (remove_project_dir);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WharfComposeLoadOptions) options = wharf_compose_load_options_new ();
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfComposeProject) project = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (g_file_set_contents (compose_path, (const char *) data, size, NULL));
  wharf_compose_load_options_set_working_directory (options, project_dir);
  wharf_compose_load_options_set_environment (options, environment);
  wharf_compose_load_options_add_file (options, "compose.yaml");

  project = wharf_compose_load (options, diagnostics, NULL, &error);
  g_assert ((project == NULL) != (error == NULL));
  if (error != NULL)
    g_assert (error->message != NULL && *error->message != '\0');
  return 0;
}
