/* wharf-cli-events.c: "wharf-cli events [--follow]".
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
wharf_cli_events (int    argc,
                  char **argv)
{
  g_auto(WharfCliStackCommand) cmd = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean follow = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "follow", 'f', 0, G_OPTION_ARG_NONE, &follow, N_("Follow the stack until its operation ends"), NULL },
    { NULL }
  };

  status = wharf_cli_stack_command_parse (&cmd, "events", NULL,
                                          _("Print the events of the project's stack, oldest first."),
                                          entries, &argc, &argv);
  if (status == WHARF_EXIT_OK)
    status = wharf_cli_stack_command_open (&cmd, FALSE);
  if (status != WHARF_EXIT_OK)
    return status;
  if (follow)
    {
      g_autoptr(WharfDeployment) deployment = wharf_deployment_new (cmd.client, cmd.name);

      if (!wharf_deployment_attach (deployment, cmd.cancellable, &error))
        return wharf_cli_aws_fail (error);
      return wharf_cli_follow_deployment (deployment);
    }
  else
    {
      g_autoptr(GPtrArray) events = wharf_cfn_describe_new_stack_events (cmd.client, cmd.name, NULL,
                                                                         cmd.cancellable, &error);
      g_autoptr(GListStore) store = g_list_store_new (WHARF_TYPE_STACK_EVENT);
      g_autoptr(WharfStackEventTracker) tracker = wharf_stack_event_tracker_new ();

      if (events == NULL)
        {
          if (wharf_cfn_error_is_stack_missing (error))
            {
              wharf_cli_printerr (_("stack %s does not exist"), cmd.name);
              return WHARF_EXIT_FAILURE;
            }
          return wharf_cli_aws_fail (error);
        }
      wharf_stack_event_tracker_add (tracker, store, events);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
        {
          g_autoptr(WharfStackEvent) e = g_list_model_get_item (G_LIST_MODEL (store), i);
          g_autofree char *line = wharf_cli_format_event (e);

          printf ("%s\n", line);
        }
      return WHARF_EXIT_OK;
    }
}
