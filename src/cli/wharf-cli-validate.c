/* wharf-cli-validate.c: "wharf-cli validate", can this project run on
 * Amazon ECS? Diagnostics as FILE:LINE:COL: severity: message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wharf-cli.h"
#include "wharf-cli-project.h"
#include "wharf-ecs-convert.h"

static void
print_diagnostics (GListModel *diagnostics,
                   FILE       *out)
{
  for (guint i = 0; i < g_list_model_get_n_items (diagnostics); i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (diagnostics, i);
      g_autofree char *text = wharf_diagnostic_format (d);

      fprintf (out, "%s\n", text);
    }
}

int
wharf_cli_validate (int    argc,
                    char **argv)
{
  g_auto(WharfCliProjectOptions) project_options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) project = NULL;
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfEcsEnvironment) environment = NULL;
  g_autoptr(WharfTemplate) template_ = NULL;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print errors only"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Check that the Compose project can run on Amazon ECS (Fargate)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wharf_cli_project_options_add (&project_options, context);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  if (argc > 1)
    {
      wharf_cli_printerr (_("validate: unexpected argument “%s”"), argv[1]);
      return WHARF_EXIT_USAGE;
    }

  project = wharf_cli_project_load (&project_options);
  if (project == NULL)
    return WHARF_EXIT_FAILURE;

  /* A full offline conversion also finds what only the converter sees
   * (logical-ID collisions, CloudFormation limits). */
  environment = wharf_ecs_environment_new_offline (NULL);
  template_ = wharf_ecs_convert (wharf_compose_project_get_root (project),
                                 wharf_compose_project_get_name (project),
                                 environment, diagnostics, &error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diagnostics)); i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (diagnostics), i);

      if (quiet && wharf_diagnostic_get_severity (d) != WHARF_SEVERITY_ERROR)
        {
          g_list_store_remove (diagnostics, i--);
          continue;
        }
    }
  print_diagnostics (G_LIST_MODEL (diagnostics), stdout);
  if (template_ != NULL)
    wharf_template_check_limits (template_, WHARF_TEMPLATE_FORMAT_YAML, NULL, &error);
  if (error != NULL)
    {
      /* Validation errors are already printed, one per line. */
      if (!g_error_matches (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_INVALID))
        printf ("%s: %s\n", wharf_severity_to_string (WHARF_SEVERITY_ERROR), error->message);
      return WHARF_EXIT_FAILURE;
    }
  return WHARF_EXIT_OK;
}
