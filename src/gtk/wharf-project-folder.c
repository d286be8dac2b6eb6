/* wharf-project-folder.c: opening a project by its folder.
 *
 * Inside Flatpak the file chooser portal grants access to the chosen
 * files only, so a project opened by its compose.yaml cannot read the
 * .env, override, include, extends or env_file files beside it. Choosing
 * the folder grants the whole folder (the portal exports directories),
 * and the Compose files are then found there the way `docker compose`
 * finds them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-project-folder.h"

static const char * const default_names[] = {
  "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml",
};

GStrv
wharf_project_folder_find_files (GFile   *folder,
                                 GError **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_file_get_path (folder);
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_file_get_parse_name (folder);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("“%s” is not a folder"), name);
      return NULL;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (default_names); i++)
    {
      g_autofree char *path = g_build_filename (dir, default_names[i], NULL);
      g_autoptr(GStrvBuilder) files = NULL;
      g_autofree char *stem = NULL;
      static const char * const extensions[] = { ".yaml", ".yml" };

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      files = g_strv_builder_new ();
      g_strv_builder_add (files, path);
      stem = g_strndup (default_names[i], strrchr (default_names[i], '.') - default_names[i]);
      for (gsize e = 0; e < G_N_ELEMENTS (extensions); e++)
        {
          g_autofree char *name = g_strconcat (stem, ".override", extensions[e], NULL);
          g_autofree char *override = g_build_filename (dir, name, NULL);

          if (g_file_test (override, G_FILE_TEST_IS_REGULAR))
            {
              g_strv_builder_add (files, override);
              break;
            }
        }
      return g_strv_builder_end (files);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("No compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml in “%s”"),
               dir);
  return NULL;
}
