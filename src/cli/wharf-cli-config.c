/* wharf-cli-config.c: "wharf-cli config", the resolved Compose model, as
 * `docker compose config` prints it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wharf-cli.h"
#include "wharf-cli-project.h"

static void
print_keys (WharfNode *map)
{
  for (guint i = 0; i < wharf_node_mapping_size (map); i++)
    printf ("%s\n", wharf_node_mapping_get_key (map, i));
}

int
wharf_cli_config (int    argc,
                  char **argv)
{
  g_auto(WharfCliProjectOptions) project_options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) project = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  gboolean services = FALSE, volumes = FALSE, profiles = FALSE, quiet = FALSE;
  g_autofree char *text = NULL;
  WharfNode *root;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: yaml (default) or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the standard output"), N_("FILE") },
    { "services", 0, 0, G_OPTION_ARG_NONE, &services, N_("Print the service names, one per line"), NULL },
    { "volumes", 0, 0, G_OPTION_ARG_NONE, &volumes, N_("Print the volume names, one per line"), NULL },
    { "profiles", 0, 0, G_OPTION_ARG_NONE, &profiles, N_("Print the profile names, one per line"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Only validate the project, print nothing"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Print the resolved Compose model (as “docker compose config”)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wharf_cli_project_options_add (&project_options, context);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  if (argc > 1)
    {
      wharf_cli_printerr (_("config: unexpected argument “%s”"), argv[1]);
      return WHARF_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "yaml") && !g_str_equal (format, "json"))
    {
      wharf_cli_printerr (_("config: unknown format “%s” (use yaml or json)"), format);
      return WHARF_EXIT_USAGE;
    }

  project = wharf_cli_project_load (&project_options);
  if (project == NULL)
    return WHARF_EXIT_FAILURE;
  if (quiet)
    return WHARF_EXIT_OK;

  root = wharf_compose_project_get_root (project);
  if (services || volumes)
    {
      if (services)
        print_keys (wharf_node_mapping_lookup (root, "services"));
      if (volumes)
        print_keys (wharf_node_mapping_lookup (root, "volumes"));
      return WHARF_EXIT_OK;
    }
  if (profiles)
    {
      const char * const *all = wharf_compose_project_get_all_profiles (project);
      for (guint i = 0; all[i] != NULL; i++)
        printf ("%s\n", all[i]);
      return WHARF_EXIT_OK;
    }

  if (format != NULL && g_str_equal (format, "json"))
    {
      char *json = wharf_node_to_json (root, TRUE);
      text = g_strconcat (json, "\n", NULL);
      g_free (json);
    }
  else if ((text = wharf_node_to_yaml (root, NULL, &error)) == NULL)
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }

  if (output != NULL)
    {
      if (!g_file_set_contents (output, text, -1, &error))
        {
          wharf_cli_print_error (error);
          return WHARF_EXIT_FAILURE;
        }
    }
  else
    fputs (text, stdout);
  return WHARF_EXIT_OK;
}
