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

/* The stack name: -p, else the project's name (which needs the files). */
char *
wharf_cli_stack_name (WharfCliProjectOptions *options)
{
  g_autoptr(WharfComposeProject) project = NULL;

  if (options->project_name != NULL)
    return g_strdup (options->project_name);
  project = wharf_cli_project_load (options);
  return project ? g_strdup (wharf_compose_project_get_name (project)) : NULL;
}

int
wharf_cli_down (int    argc,
                char **argv)
{
  g_auto(WharfCliProjectOptions) project_options = { 0 };
  g_auto(WharfCliAwsOptions) aws_options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(WharfDeployment) deployment = NULL;
  g_autofree char *name = NULL;
  gboolean detach = FALSE;
  const char * const *retained;
  int status;
  GOptionEntry entries[] = {
    { "detach", 'd', 0, G_OPTION_ARG_NONE, &detach, N_("Return once the deletion started"), NULL },
    { NULL }
  };

  /* Ctrl-C detaches from the very start. */
  wharf_cli_interrupt_cancellable ();
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Delete the project's stack and follow the deletion. EFS file systems are kept."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wharf_cli_project_options_add (&project_options, context);
  wharf_cli_aws_options_add (&aws_options, context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  if (argc > 1)
    {
      wharf_cli_printerr (_("down: unexpected argument “%s”"), argv[1]);
      return WHARF_EXIT_USAGE;
    }
  name = wharf_cli_stack_name (&project_options);
  if (name == NULL)
    return WHARF_EXIT_FAILURE;
  client = wharf_cli_aws_client (&aws_options);
  if (client == NULL)
    return WHARF_EXIT_FAILURE;
  deployment = wharf_deployment_new (client, name);
  if (!wharf_deployment_start_down (deployment, wharf_cli_interrupt_cancellable (), &error))
    return wharf_cli_aws_fail (error);
  retained = wharf_deployment_get_retained (deployment);
  if (detach)
    {
      printf (_("Deleting %s. Follow it with: wharf-cli events --follow -p %s\n"), name, name);
      status = WHARF_EXIT_OK;
    }
  else
    status = wharf_cli_follow_deployment (deployment);
  for (gsize i = 0; retained != NULL && retained[i] != NULL; i++)
    printf (_("Kept file system (delete it with wharf-cli volume rm): %s\n"), retained[i]);
  return status;
}
