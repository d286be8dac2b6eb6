/* wharf-recent.c: the recent projects list and path formatting.
 *
 * A project is the list of its Compose files in -f order, so the
 * recent-projects key is an "aas", newest first, without duplicates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-recent.h"

static gboolean
project_equal (GVariant           *project,
               const char * const *files)
{
  g_autofree const char **strv = g_variant_get_strv (project, NULL);

  return g_strv_equal (strv, files);
}

/* Returns a new floating "aas": FILES first, then the projects of PROJECTS
 * that differ from FILES, keeping at most MAX entries. */
GVariant *
wharf_recent_prepend (GVariant           *projects,
                      const char * const *files,
                      guint               max)
{
  GVariantBuilder builder;
  guint count = 0;

  g_return_val_if_fail (projects == NULL || g_variant_is_of_type (projects, G_VARIANT_TYPE ("aas")), NULL);
  g_return_val_if_fail (files != NULL && files[0] != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aas"));
  if (max > 0)
    {
      g_variant_builder_add_value (&builder, g_variant_new_strv (files, -1));
      count++;
    }

  for (gsize i = 0; projects != NULL && i < g_variant_n_children (projects) && count < max; i++)
    {
      g_autoptr(GVariant) project = g_variant_get_child_value (projects, i);

      if (g_variant_n_children (project) == 0 || project_equal (project, files))
        continue;
      g_variant_builder_add_value (&builder, project);
      count++;
    }

  return g_variant_builder_end (&builder);
}

/* Returns a new floating "aas" without the project made of FILES. */
GVariant *
wharf_recent_remove (GVariant           *projects,
                     const char * const *files)
{
  GVariantBuilder builder;

  g_return_val_if_fail (g_variant_is_of_type (projects, G_VARIANT_TYPE ("aas")), NULL);
  g_return_val_if_fail (files != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aas"));
  for (gsize i = 0; i < g_variant_n_children (projects); i++)
    {
      g_autoptr(GVariant) project = g_variant_get_child_value (projects, i);

      if (!project_equal (project, files))
        g_variant_builder_add_value (&builder, project);
    }

  return g_variant_builder_end (&builder);
}

void
wharf_recent_add (GSettings          *settings,
                  const char * const *files)
{
  g_autoptr(GVariant) projects = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (files != NULL && files[0] != NULL);

  projects = g_settings_get_value (settings, "recent-projects");
  g_settings_set_value (settings, "recent-projects",
                        wharf_recent_prepend (projects, files, WHARF_RECENT_MAX));
}

void
wharf_recent_forget (GSettings          *settings,
                     const char * const *files)
{
  g_autoptr(GVariant) projects = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (files != NULL);

  projects = g_settings_get_value (settings, "recent-projects");
  g_settings_set_value (settings, "recent-projects", wharf_recent_remove (projects, files));
}

/* PATH with the home folder shown as "~", as GNOME apps show paths. */
char *
wharf_format_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize home_len;

  g_return_val_if_fail (path != NULL, NULL);

  home_len = strlen (home);
  if (home_len > 1 && g_str_has_prefix (path, home) &&
      (path[home_len] == '/' || path[home_len] == '\0'))
    return g_strconcat ("~", path + home_len, NULL);

  return g_strdup (path);
}

/* The folder holding FILE, formatted with wharf_format_path(). */
char *
wharf_format_folder (GFile *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  parent = g_file_get_parent (file);
  if (parent == NULL)
    return g_strdup ("/");
  path = g_file_get_path (parent);
  if (path == NULL)
    return g_file_get_parse_name (parent);

  return wharf_format_path (path);
}
