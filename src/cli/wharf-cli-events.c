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
  g_auto(WharfCliProjectOptions) project_options = { 0 };
  g_auto(WharfCliAwsOptions) aws_options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsClient) client = NULL;
  g_autofree char *name = NULL;
  gboolean follow = FALSE;
  GOptionEntry entries[] = {
    { "follow", 'f', 0, G_OPTION_ARG_NONE, &follow, N_("Follow the stack until its operation ends"), NULL },
    { NULL }
  };

  /* Ctrl-C detaches from the very start. */
  wharf_cli_interrupt_cancellable ();
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Print the events of the project's stack, oldest first."));
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
      wharf_cli_printerr (_("events: unexpected argument “%s”"), argv[1]);
      return WHARF_EXIT_USAGE;
    }
  name = wharf_cli_stack_name (&project_options);
  if (name == NULL)
    return WHARF_EXIT_FAILURE;
  client = wharf_cli_aws_client (&aws_options);
  if (client == NULL)
    return WHARF_EXIT_FAILURE;
  if (follow)
    {
      g_autoptr(WharfDeployment) deployment = wharf_deployment_new (client, name);

      if (!wharf_deployment_attach (deployment, wharf_cli_interrupt_cancellable (), &error))
        return wharf_cli_aws_fail (error);
      return wharf_cli_follow_deployment (deployment);
    }
  else
    {
      g_autoptr(GPtrArray) events = wharf_cfn_describe_new_stack_events (client, name, NULL,
                                                                         wharf_cli_interrupt_cancellable (), &error);
      g_autoptr(GListStore) store = g_list_store_new (WHARF_TYPE_STACK_EVENT);
      g_autoptr(WharfStackEventTracker) tracker = wharf_stack_event_tracker_new ();

      if (events == NULL)
        {
          if (wharf_cfn_error_is_stack_missing (error))
            {
              wharf_cli_printerr (_("stack %s does not exist"), name);
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
