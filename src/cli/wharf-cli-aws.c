/* wharf-cli-aws.c: building the AWS client of a command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>

#include "wharf-aws-error.h"
#include "wharf-cli-aws.h"
#include "wharf-cli.h"
#include "wharf-context-aws.h"
#include "wharf-context-store.h"

void
wharf_cli_aws_options_add (WharfCliAwsOptions *options,
                           GOptionContext     *context,
                           gboolean            profile_name_taken)
{
  GOptionEntry entries[] = {
    { "context", 0, 0, G_OPTION_ARG_STRING, &options->context, N_("Docker context (an ECS context) to use"), N_("NAME") },
    { profile_name_taken ? "aws-profile" : "profile", 0, 0, G_OPTION_ARG_STRING, &options->profile,
      N_("AWS profile to use (wins over the context)"), N_("PROFILE") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &options->region, N_("AWS region (wins over the profile)"), N_("REGION") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("aws", _("AWS options:"), _("Show the AWS options"), NULL, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);
}

void
wharf_cli_aws_options_clear (WharfCliAwsOptions *options)
{
  g_clear_pointer (&options->context, g_free);
  g_clear_pointer (&options->profile, g_free);
  g_clear_pointer (&options->region, g_free);
}

static gboolean
apply_context (WharfCliAwsOptions *options,
               WharfAwsConfig     *config,
               GError            **error)
{
  g_autoptr(WharfContextStore) store = wharf_context_store_new (NULL);
  g_autoptr(GError) local = NULL;

  if (options->context != NULL)
    wharf_context_store_set_override (store, options->context);
  /* Only a context the user named must be readable; otherwise a broken
   * store leaves the account to the AWS chain. */
  if (!wharf_context_store_reload (store, &local) && options->context != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return wharf_context_store_apply_to_aws_config (store, options->context,
                                                  WHARF_CONTEXT_AWS_FOLLOW_CURRENT |
                                                  WHARF_CONTEXT_AWS_ECS_ONLY,
                                                  config, error);
}

WharfAwsClient *
wharf_cli_aws_client (WharfCliAwsOptions *options)
{
  g_autoptr(WharfAwsConfig) config = wharf_aws_config_new (NULL);
  g_autoptr(GError) error = NULL;
  WharfAwsClient *client;

  if (!wharf_aws_config_load (config, &error) ||
      !apply_context (options, config, &error))
    {
      wharf_cli_print_error (error);
      return NULL;
    }
  if (options->profile != NULL)
    wharf_aws_config_set_profile (config, options->profile);
  if (options->region != NULL)
    wharf_aws_config_set_region (config, options->region);
  client = wharf_aws_client_new_for_config (config, &error);
  if (client == NULL)
    wharf_cli_print_error (error);
  return client;
}

int
wharf_cli_aws_fail (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      wharf_cli_printerr (_("interrupted"));
      return WHARF_EXIT_INTERRUPTED;
    }
  wharf_cli_print_error (error);
  if (error->domain == WHARF_AWS_CLIENT_ERROR || error->domain == WHARF_AWS_ERROR)
    return WHARF_EXIT_AWS;
  return WHARF_EXIT_FAILURE;
}

static gboolean
on_signal (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

static gpointer
signal_thread (gpointer user_data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) sigint = g_unix_signal_source_new (SIGINT);
  g_autoptr(GSource) sigterm = g_unix_signal_source_new (SIGTERM);

  g_source_set_callback (sigint, on_signal, user_data, NULL);
  g_source_set_callback (sigterm, on_signal, user_data, NULL);
  g_source_attach (sigint, context);
  g_source_attach (sigterm, context);
  for (;;)
    g_main_context_iteration (context, TRUE);
  return NULL;
}

GCancellable *
wharf_cli_interrupt_cancellable (void)
{
  static GCancellable *cancellable;

  if (g_once_init_enter (&cancellable))
    {
      GCancellable *c = g_cancellable_new ();

      /* The blocking calls iterate private contexts: the signals are
       * watched on a thread of their own. */
      g_thread_unref (g_thread_new ("signals", signal_thread, c));
      g_once_init_leave (&cancellable, c);
    }
  return cancellable;
}
