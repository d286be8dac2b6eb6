/* wharf-cli-up.c: "wharf-cli up": change set, review, execute, follow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "wharf-cli.h"
#include "wharf-cli-aws.h"
#include "wharf-cli-project.h"
#include "wharf-cli-stack.h"
#include "wharf-deployment.h"
#include "wharf-ecs-error.h"

static gboolean
parse_on_failure (const char     *value,
                  WharfOnFailure *out)
{
  if (value == NULL || g_str_equal (value, "rollback"))
    *out = WHARF_ON_FAILURE_ROLLBACK;
  else if (g_str_equal (value, "delete"))
    *out = WHARF_ON_FAILURE_DELETE;
  else if (g_str_equal (value, "keep"))
    *out = WHARF_ON_FAILURE_KEEP;
  else
    return FALSE;
  return TRUE;
}

static gboolean
confirm (void)
{
  char answer[16] = "";

  printf ("%s ", _("Execute these changes? [y/N]"));
  fflush (stdout);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  return answer[0] == 'y' || answer[0] == 'Y';
}

static void
print_diagnostics (GListModel *diagnostics)
{
  for (guint i = 0; i < g_list_model_get_n_items (diagnostics); i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (diagnostics, i);
      g_autofree char *line = wharf_diagnostic_format (d);

      fprintf (stderr, "%s\n", line);
    }
}

int
wharf_cli_up (int    argc,
              char **argv)
{
  g_auto(WharfCliStackCommand) cmd = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfDeployment) deployment = NULL;
  g_autofree char *on_failure_text = NULL;
  gboolean detach = FALSE, plan = FALSE, yes = FALSE;
  WharfOnFailure on_failure;
  int status;
  GOptionEntry entries[] = {
    { "detach", 'd', 0, G_OPTION_ARG_NONE, &detach, N_("Return once the change set is executing"), NULL },
    { "plan", 0, 0, G_OPTION_ARG_NONE, &plan, N_("Print the changes and stop (the change set is deleted)"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Execute without asking"), NULL },
    { "on-failure", 0, 0, G_OPTION_ARG_STRING, &on_failure_text,
      N_("What to do with a failed stack: rollback (default), delete or keep"), N_("ACTION") },
    { NULL }
  };

  status = wharf_cli_stack_command_parse (&cmd, "up", NULL,
                                          _("Deploy the project: create a change set, show it, execute it and follow the stack until it is done."),
                                          entries, &argc, &argv);
  if (status != WHARF_EXIT_OK)
    return status;
  if (!parse_on_failure (on_failure_text, &on_failure))
    {
      wharf_cli_printerr (_("up: --on-failure must be rollback, delete or keep, not “%s”"), on_failure_text);
      return WHARF_EXIT_USAGE;
    }
  status = wharf_cli_stack_command_open (&cmd, TRUE);
  if (status != WHARF_EXIT_OK)
    return status;
  deployment = wharf_deployment_new (cmd.client, cmd.name);
  wharf_deployment_set_project (deployment, wharf_compose_project_get_root (cmd.project));
  wharf_deployment_set_on_failure (deployment, on_failure);
  if (!wharf_deployment_prepare (deployment, cmd.cancellable, &error))
    {
      print_diagnostics (wharf_deployment_get_diagnostics (deployment));
      if (g_error_matches (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_INVALID))
        return WHARF_EXIT_FAILURE;
      return wharf_cli_aws_fail (error);
    }
  print_diagnostics (wharf_deployment_get_diagnostics (deployment));
  if (!wharf_deployment_has_changes (deployment))
    {
      printf ("%s\n", wharf_deployment_get_message (deployment));
      return WHARF_EXIT_OK;
    }
  if (wharf_deployment_get_template_url (deployment) != NULL)
    printf (_("The template is over %d bytes: uploaded to %s\n"), WHARF_TEMPLATE_MAX_BODY_SIZE,
            wharf_deployment_get_template_url (deployment));
  wharf_cli_print_change_set (wharf_deployment_get_change_set (deployment), wharf_deployment_is_new_stack (deployment));
  if (plan || (!yes && isatty (STDIN_FILENO) && !confirm ()))
    {
      if (!wharf_deployment_discard (deployment, NULL, &error))
        return wharf_cli_aws_fail (error);
      printf ("%s\n", plan ? _("Plan only: nothing was executed.") : _("Not executed."));
      return plan ? WHARF_EXIT_OK : WHARF_EXIT_FAILURE;
    }
  if (!wharf_deployment_execute (deployment, NULL, &error))
    return wharf_cli_aws_fail (error);
  if (detach)
    {
      printf (_("Deploying %s. Follow it with: wharf-cli events --follow -p %s\n"), cmd.name, cmd.name);
      return WHARF_EXIT_OK;
    }
  return wharf_cli_follow_deployment (deployment);
}
