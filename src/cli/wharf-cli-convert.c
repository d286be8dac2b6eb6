/* wharf-cli-convert.c: "wharf-cli convert", the CloudFormation template of
 * a Compose project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wharf-cli.h"
#include "wharf-cli-aws.h"
#include "wharf-cli-project.h"
#include "wharf-context-store.h"
#include "wharf-ecs-convert.h"
#include "wharf-environment-resolver.h"

/* TRUE when the user chose an account: --context, --aws-profile, or a
 * current Docker context (DOCKER_CONTEXT or config.json) of type ECS. */
static gboolean
account_chosen (WharfCliAwsOptions *aws)
{
  g_autoptr(WharfContextStore) store = NULL;
  g_autoptr(WharfContext) current = NULL;

  if (aws->context != NULL || aws->profile != NULL)
    return TRUE;
  store = wharf_context_store_new (NULL);
  if (!wharf_context_store_reload (store, NULL))
    return FALSE;
  current = wharf_context_store_lookup_current (store, NULL);
  return current != NULL && wharf_context_is_ecs (current);
}

/* The account's VPC, subnets and existing resources when one is chosen;
 * else offline (VPC and subnets become template Parameters). NULL after
 * printing why, with *EXIT_CODE set. */
static WharfEcsEnvironment *
make_environment (WharfCliAwsOptions  *aws,
                  gboolean             offline,
                  WharfComposeProject *project,
                  int                 *exit_code)
{
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(GError) error = NULL;
  WharfEcsEnvironment *environment;
  const char *region = aws->region;

  if (offline || !account_chosen (aws))
    {
      if (region == NULL)
        region = g_getenv ("AWS_REGION");
      if (region == NULL)
        region = g_getenv ("AWS_DEFAULT_REGION");
      return wharf_ecs_environment_new_offline (region);
    }
  client = wharf_cli_aws_client (aws);
  if (client == NULL)
    {
      *exit_code = WHARF_EXIT_AWS;
      return NULL;
    }
  environment = wharf_environment_resolve (client, wharf_compose_project_get_root (project),
                                           wharf_compose_project_get_name (project),
                                           wharf_cli_interrupt_cancellable (), &error);
  if (environment == NULL)
    *exit_code = wharf_cli_aws_fail (error);
  return environment;
}

int
wharf_cli_convert (int    argc,
                   char **argv)
{
  g_auto(WharfCliProjectOptions) project_options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) project = NULL;
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfEcsEnvironment) environment = NULL;
  g_autoptr(WharfTemplate) template_ = NULL;
  g_auto(WharfCliAwsOptions) aws = { 0 };
  g_autofree char *format = NULL, *output = NULL, *text = NULL;
  int exit_code = WHARF_EXIT_FAILURE;
  WharfTemplateFormat fmt = WHARF_TEMPLATE_FORMAT_YAML;
  gboolean offline = FALSE, needs_upload = FALSE;
  gsize length = 0;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: yaml (default) or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the standard output"), N_("FILE") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Do not look at the AWS account: VPC and subnets become template parameters"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Print the CloudFormation template of the Compose project."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wharf_cli_project_options_add (&project_options, context);
  wharf_cli_aws_options_add (&aws, context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  if (argc > 1)
    {
      wharf_cli_printerr (_("convert: unexpected argument “%s”"), argv[1]);
      return WHARF_EXIT_USAGE;
    }
  if (format != NULL && g_str_equal (format, "json"))
    fmt = WHARF_TEMPLATE_FORMAT_JSON;
  else if (format != NULL && !g_str_equal (format, "yaml"))
    {
      wharf_cli_printerr (_("convert: unknown format “%s” (use yaml or json)"), format);
      return WHARF_EXIT_USAGE;
    }

  project = wharf_cli_project_load (&project_options);
  if (project == NULL)
    return WHARF_EXIT_FAILURE;
  environment = make_environment (&aws, offline, project, &exit_code);
  if (environment == NULL)
    return exit_code;
  template_ = wharf_ecs_convert (wharf_compose_project_get_root (project),
                                 wharf_compose_project_get_name (project),
                                 environment, diagnostics, &error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diagnostics)); i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (diagnostics), i);
      g_autofree char *line = wharf_diagnostic_format (d);

      fprintf (stderr, "%s\n", line);
    }
  if (template_ == NULL)
    {
      if (!g_error_matches (error, WHARF_ECS_ERROR, WHARF_ECS_ERROR_INVALID))
        wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }
  if (!wharf_template_check_limits (template_, fmt, &needs_upload, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }
  text = wharf_template_serialize (template_, fmt, &length, &error);
  if (text == NULL)
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }
  if (needs_upload)
    wharf_cli_printerr (_("note: the template is %lu bytes, over the %d bytes CloudFormation accepts inline; the deploy uploads it to S3"),
                        (unsigned long) length, WHARF_TEMPLATE_MAX_BODY_SIZE);
  if (output != NULL && !g_str_equal (output, "-"))
    {
      if (!g_file_set_contents (output, text, (gssize) length, &error))
        {
          wharf_cli_print_error (error);
          return WHARF_EXIT_FAILURE;
        }
      return WHARF_EXIT_OK;
    }
  fwrite (text, 1, length, stdout);
  return ferror (stdout) ? WHARF_EXIT_FAILURE : WHARF_EXIT_OK;
}
