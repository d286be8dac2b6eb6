/* wharf-cli-project.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wharf-cli.h"
#include "wharf-cli-project.h"

void
wharf_cli_project_options_add (WharfCliProjectOptions *options,
                               GOptionContext         *context)
{
  GOptionEntry entries[] = {
    { "file", 'f', 0, G_OPTION_ARG_FILENAME_ARRAY, &options->files,
      N_("Compose file (repeatable; default: compose.yaml and its override)"), N_("FILE") },
    { "project-name", 'p', 0, G_OPTION_ARG_STRING, &options->project_name,
      N_("Project name"), N_("NAME") },
    { "profile", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->profiles,
      N_("Enable a profile (repeatable)"), N_("PROFILE") },
    { "env-file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->env_files,
      N_("Environment file for interpolation (repeatable; default: .env)"), N_("FILE") },
    { "project-directory", 0, 0, G_OPTION_ARG_FILENAME, &options->project_directory,
      N_("Project directory (default: the first file’s)"), N_("DIR") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("project", _("Project options:"),
                                            _("Show the project options"), NULL, NULL);

  /* The entries are copied by the group; their targets live in OPTIONS. */
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);
}

void
wharf_cli_project_options_clear (WharfCliProjectOptions *options)
{
  g_clear_pointer (&options->files, g_strfreev);
  g_clear_pointer (&options->project_name, g_free);
  g_clear_pointer (&options->profiles, g_strfreev);
  g_clear_pointer (&options->env_files, g_strfreev);
  g_clear_pointer (&options->project_directory, g_free);
}

WharfComposeProject *
wharf_cli_project_load (WharfCliProjectOptions *options)
{
  g_autoptr(WharfComposeLoadOptions) load = wharf_compose_load_options_new ();
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(GError) error = NULL;
  WharfComposeProject *project;
  guint n;

  for (guint i = 0; options->files && options->files[i]; i++)
    wharf_compose_load_options_add_file (load, options->files[i]);
  for (guint i = 0; options->profiles && options->profiles[i]; i++)
    wharf_compose_load_options_add_profile (load, options->profiles[i]);
  for (guint i = 0; options->env_files && options->env_files[i]; i++)
    wharf_compose_load_options_add_env_file (load, options->env_files[i]);
  if (options->project_name != NULL)
    wharf_compose_load_options_set_project_name (load, options->project_name);
  if (options->project_directory != NULL)
    wharf_compose_load_options_set_project_directory (load, options->project_directory);

  project = wharf_compose_load (load, diagnostics, NULL, &error);

  n = g_list_model_get_n_items (G_LIST_MODEL (diagnostics));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (diagnostics), i);
      g_autofree char *text = wharf_diagnostic_format (d);
      fprintf (stderr, "%s\n", text);
    }
  /* Schema errors were printed one per line above; other errors here. */
  if (project == NULL && !g_error_matches (error, WHARF_COMPOSE_ERROR, WHARF_COMPOSE_ERROR_INVALID))
    wharf_cli_print_error (error);
  return project;
}
