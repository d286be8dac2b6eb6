/* wharf-cli-profile.c: "wharf-cli profile ls|create|rm|whoami" (AWS
 * profiles in ~/.aws/config and ~/.aws/credentials, as the AWS CLI reads
 * them; whoami is STS GetCallerIdentity).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wharf-aws-profile-store.h"
#include "wharf-aws-sts.h"
#include "wharf-cli.h"
#include "wharf-cli-aws.h"
#include "wharf-context-aws.h"

int
wharf_cli_profile (int    argc,
                   char **argv)
{
  g_auto(WharfCliAwsOptions) aws = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsConfig) config = wharf_aws_config_new (NULL);
  g_autoptr(WharfAwsProfileStore) store = NULL;
  g_autofree char *keys = NULL;
  const char *verb;
  GOptionEntry entries[] = {
    { "access-keys", 0, 0, G_OPTION_ARG_FILENAME, &keys,
      N_("create: read the access key from FILE (the CSV the AWS console gives, or JSON)"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("ls | create NAME | rm NAME | whoami"));
  g_option_context_set_summary (context, _("Manage AWS profiles (~/.aws/config and ~/.aws/credentials) and check who they are."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wharf_cli_aws_options_add (&aws, context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  verb = argc > 1 ? argv[1] : "";
  if (!((g_str_equal (verb, "ls") && argc == 2) || (g_str_equal (verb, "whoami") && argc == 2) ||
        (g_str_equal (verb, "create") && argc == 3) || (g_str_equal (verb, "rm") && argc == 3)))
    {
      wharf_cli_printerr (_("usage: wharf-cli profile ls | create NAME [--access-keys FILE] [--region R] | rm NAME | whoami"));
      return WHARF_EXIT_USAGE;
    }
  if (g_str_equal (verb, "whoami"))
    {
      g_autoptr(WharfAwsClient) client = wharf_cli_aws_client (&aws);
      g_autoptr(WharfStsIdentity) who = NULL;

      if (client == NULL)
        return WHARF_EXIT_FAILURE;
      who = wharf_sts_get_caller_identity (client, wharf_cli_interrupt_cancellable (), &error);
      if (who == NULL)
        return wharf_cli_aws_fail (error);
      printf (_("Account: %s\nARN:     %s\nUser id: %s\n"), who->account, who->arn, who->user_id);
      return WHARF_EXIT_OK;
    }
  if (!wharf_aws_config_load (config, &error))
    return wharf_cli_aws_fail (error);
  store = wharf_aws_profile_store_new_for_config (config);
  if (!wharf_aws_profile_store_load (store, &error))
    return wharf_cli_aws_fail (error);
  if (g_str_equal (verb, "ls"))
    {
      GListModel *profiles = wharf_aws_profile_store_get_profiles (store);

      printf ("%-24s %-16s %s\n", _("NAME"), _("REGION"), _("CREDENTIALS"));
      for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
        {
          g_autoptr(WharfAwsProfile) p = g_list_model_get_item (profiles, i);
          const char *hint = wharf_aws_profile_get_access_key_hint (p);

          printf ("%-24s %-16s %s\n", wharf_aws_profile_get_name (p),
                  wharf_aws_profile_get_region (p) ? wharf_aws_profile_get_region (p) : "-",
                  hint ? hint : wharf_aws_profile_get_has_credentials (p) ? _("yes") : "-");
        }
      return WHARF_EXIT_OK;
    }
  if (g_str_equal (verb, "rm"))
    {
      if (!wharf_aws_profile_store_delete (store, argv[2], &error))
        return wharf_cli_aws_fail (error);
      printf ("%s\n", argv[2]);
      return WHARF_EXIT_OK;
    }
  {
    g_autoptr(GHashTable) settings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

    if (aws.region != NULL)
      g_hash_table_insert (settings, "region", g_strdup (aws.region));
    if (keys != NULL)
      {
        g_autofree char *data = NULL, *id = NULL, *secret = NULL;
        gsize length = 0;

        if (!g_file_get_contents (keys, &data, &length, &error) ||
            !wharf_context_read_access_keys (data, (gssize) length, keys, &id, &secret, &error))
          return wharf_cli_aws_fail (error);
        g_hash_table_insert (settings, "aws_access_key_id", g_steal_pointer (&id));
        g_hash_table_insert (settings, "aws_secret_access_key", g_steal_pointer (&secret));
      }
    if (!wharf_aws_profile_store_create (store, argv[2], settings, &error))
      return wharf_cli_aws_fail (error);
    printf ("%s\n", argv[2]);
    return WHARF_EXIT_OK;
  }
}
