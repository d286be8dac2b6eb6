/* wharf-cli-down.c: "wharf-cli down": delete the project's stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wharf-cli.h"
#include "wharf-cli-aws.h"
#include "wharf-cli-project.h"
#include "wharf-cli-stack.h"
#include "wharf-deployment.h"

int
wharf_cli_down (int    argc,
                char **argv)
{
  g_auto(WharfCliStackCommand) cmd = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfDeployment) deployment = NULL;
  gboolean detach = FALSE;
  const char * const *retained;
  int status;
  GOptionEntry entries[] = {
    { "detach", 'd', 0, G_OPTION_ARG_NONE, &detach, N_("Return once the deletion started"), NULL },
    { NULL }
  };

  status = wharf_cli_stack_command_parse (&cmd, "down", NULL,
                                          _("Delete the project's stack and follow the deletion. EFS file systems are kept."),
                                          entries, &argc, &argv);
  if (status == WHARF_EXIT_OK)
    status = wharf_cli_stack_command_open (&cmd, FALSE);
  if (status != WHARF_EXIT_OK)
    return status;
  deployment = wharf_deployment_new (cmd.client, cmd.name);
  if (!wharf_deployment_start_down (deployment, cmd.cancellable, &error))
    return wharf_cli_aws_fail (error);
  retained = wharf_deployment_get_retained (deployment);
  if (detach)
    {
      printf (_("Deleting %s. Follow it with: wharf-cli events --follow -p %s\n"), cmd.name, cmd.name);
      status = WHARF_EXIT_OK;
    }
  else
    status = wharf_cli_follow_deployment (deployment);
  for (gsize i = 0; retained != NULL && retained[i] != NULL; i++)
    printf (_("Kept file system (delete it with wharf-cli volume rm): %s\n"), retained[i]);
  return status;
}
