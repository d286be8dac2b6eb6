/* wharf-cli-convert.c: "wharf-cli convert", the CloudFormation template of
 * a Compose project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wharf-cli.h"
#include "wharf-cli-project.h"
#include "wharf-ecs-convert.h"

/* The AWS environment: offline for now (VPC and subnets become template
 * Parameters). The resolver of the AWS side replaces this with the account
 * it finds through the current context. */
static WharfEcsEnvironment *
make_environment (gboolean     offline,
                  const char  *region)
{
  if (region == NULL)
    region = g_getenv ("AWS_REGION");
  if (region == NULL)
    region = g_getenv ("AWS_DEFAULT_REGION");
  return wharf_ecs_environment_new_offline (region);
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
  g_autofree char *format = NULL, *output = NULL, *region = NULL, *text = NULL;
  WharfTemplateFormat fmt = WHARF_TEMPLATE_FORMAT_YAML;
  gboolean offline = FALSE, needs_upload = FALSE;
  gsize length = 0;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: yaml (default) or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the standard output"), N_("FILE") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Do not look at the AWS account: VPC and subnets become template parameters"), NULL },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("AWS region (default: AWS_REGION, or decided at deploy time)"), N_("REGION") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Print the CloudFormation template of the Compose project."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wharf_cli_project_options_add (&project_options, context);
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
  environment = make_environment (offline, region);
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
    wharf_cli_printerr (_("note: the template is %" G_GSIZE_FORMAT " bytes, over the %d bytes CloudFormation accepts inline; the deploy uploads it to S3"),
                        length, WHARF_TEMPLATE_MAX_BODY_SIZE);
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
