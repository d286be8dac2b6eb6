/* wharf-cli-context-create.c: "wharf-cli context create ecs NAME".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "wharf-aws-config.h"
#include "wharf-cli-context.h"
#include "wharf-context-aws.h"

static WharfAwsProfileStore *
open_profiles (void)
{
  g_autoptr(WharfAwsConfig) config = wharf_aws_config_new (NULL);

  return wharf_aws_profile_store_new_for_config (config);
}

/* --access-keys FILE: a new AWS profile named after the context, then the
 * context using it. */
static int
create_from_keys (const WharfCliContextGlobals *globals,
                  const char                   *name,
                  const char                   *path,
                  const char                   *region,
                  const char                   *description)
{
  g_autoptr(WharfAwsProfileStore) profiles = open_profiles ();
  g_autoptr(WharfContextStore) store = wharf_cli_context_open_store (globals);
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *id = NULL;
  gsize length = 0;
  char *secret = NULL;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }
  if (!wharf_context_read_access_keys (data, length, path, &id, &secret, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }
  context = wharf_context_store_create_from_keys (store, profiles, name, id, secret, region,
                                                  description, &error);
  /* The secret is not kept in memory longer than needed. */
  memset (secret, 0, strlen (secret));
  g_free (secret);
  memset (data, 0, length);
  if (context == NULL)
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }
  printf ("%s\n", name);
  wharf_cli_printerr (_("Created AWS profile “%s” (region %s) in “%s” and “%s”"), name, region,
                      wharf_aws_profile_store_get_config_path (profiles),
                      wharf_aws_profile_store_get_credentials_path (profiles));
  wharf_cli_printerr (_("Successfully created ecs context “%s”"), name);
  return WHARF_EXIT_OK;
}

int
wharf_cli_context_create (const WharfCliContextGlobals *globals,
                          int                           argc,
                          char                        **argv)
{
  g_autofree char *profile = NULL;
  g_autofree char *region = NULL;
  g_autofree char *description = NULL;
  g_autofree char *access_keys = NULL;
  gboolean from_env = FALSE;
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile,
      N_("Use this AWS profile (of ~/.aws/config or ~/.aws/credentials)"), N_("PROFILE") },
    { "from-env", 0, 0, G_OPTION_ARG_NONE, &from_env,
      N_("Read the AWS credentials from the AWS_* environment variables at each command"), NULL },
    { "access-keys", 0, 0, G_OPTION_ARG_FILENAME, &access_keys,
      N_("Create an AWS profile named after the context from the keys in FILE (AWSAccessKeyId=… and "
         "AWSSecretKey=… lines, or the IAM console’s CSV); needs --region"), N_("FILE") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("AWS region of the context (else the profile’s, or AWS_REGION)"), N_("REGION") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description,
      N_("Description of the context"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (_("ecs NAME"));
  g_autoptr(WharfContextStore) store = NULL;
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_option_context_set_summary (options,
                                _("Create an ECS context in the Docker CLI’s context store: "
                                  "“docker context ls” lists it, and Docker’s ECS integration "
                                  "could read it.\n\n"
                                  "The credentials come from an AWS profile (--profile), from "
                                  "the environment (--from-env), or from access keys saved as a new "
                                  "AWS profile (--access-keys, with --region)."));
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!wharf_cli_context_parse (options, &argc, &argv))
    return WHARF_EXIT_USAGE;

  if (argc != 3)
    {
      wharf_cli_printerr (_("usage: wharf-cli context create ecs NAME (--profile PROFILE | --from-env | "
                            "--access-keys FILE --region REGION) [--region REGION] [--description TEXT]"));
      return WHARF_EXIT_USAGE;
    }
  if (!g_str_equal (argv[1], "ecs"))
    {
      wharf_cli_printerr (_("“%s” contexts are made with “docker context create”: "
                            "wharf-cli creates “ecs” contexts"), argv[1]);
      return WHARF_EXIT_USAGE;
    }
  name = argv[2];

  if (profile != NULL && from_env)
    {
      wharf_cli_printerr (_("--profile and --from-env cannot be used together"));
      return WHARF_EXIT_USAGE;
    }
  if (profile != NULL && access_keys != NULL)
    {
      wharf_cli_printerr (_("--profile and --access-keys cannot be used together"));
      return WHARF_EXIT_USAGE;
    }
  if (access_keys != NULL && from_env)
    {
      wharf_cli_printerr (_("--access-keys and --from-env cannot be used together"));
      return WHARF_EXIT_USAGE;
    }
  if (profile == NULL && !from_env && access_keys == NULL)
    {
      wharf_cli_printerr (_("say where the AWS credentials come from: --profile PROFILE, --from-env, "
                            "or --access-keys FILE --region REGION"));
      return WHARF_EXIT_USAGE;
    }
  if (access_keys != NULL && region == NULL)
    {
      wharf_cli_printerr (_("--access-keys needs --region: the new AWS profile gets that region"));
      return WHARF_EXIT_USAGE;
    }
  if (profile != NULL && *profile == '\0')
    {
      wharf_cli_printerr (_("--profile needs a profile name"));
      return WHARF_EXIT_USAGE;
    }
  if (region != NULL && !wharf_context_region_is_valid (region, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  if (!wharf_context_name_is_valid (name, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  if (g_str_equal (name, WHARF_CONTEXT_DEFAULT_NAME))
    {
      wharf_cli_printerr (_("“%s” is a reserved context name"), name);
      return WHARF_EXIT_USAGE;
    }
  if (access_keys != NULL)
    return create_from_keys (globals, name, access_keys, region, description);
  /* The profile must exist, as Docker's integration checked. */
  if (profile != NULL)
    {
      g_autoptr(WharfAwsProfileStore) profiles = open_profiles ();

      if (!wharf_context_check_profile (profiles, profile, &error))
        {
          wharf_cli_print_error (error);
          return WHARF_EXIT_FAILURE;
        }
    }

  /* Docker's integration described environment contexts this way. */
  if (from_env && (description == NULL || *description == '\0'))
    {
      g_free (description);
      description = g_strdup ("credentials read from environment");
    }

  context = wharf_context_new_ecs (name,
                                   from_env ? WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT
                                            : WHARF_CONTEXT_CREDENTIALS_PROFILE,
                                   profile, region, description);
  store = wharf_cli_context_open_store (globals);
  if (!wharf_context_store_create (store, context, &error))
    {
      wharf_cli_print_error (error);
      return g_error_matches (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID_NAME)
             ? WHARF_EXIT_USAGE : WHARF_EXIT_FAILURE;
    }
  printf ("%s\n", name);
  wharf_cli_printerr (_("Successfully created ecs context “%s”"), name);
  return WHARF_EXIT_OK;
}
