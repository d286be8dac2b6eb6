/* wharf-cli-ls.c: "wharf-cli ls": the stacks of Compose projects with
 * their real status, failed ones included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "wharf-aws-cloudformation.h"
#include "wharf-cli.h"
#include "wharf-cli-aws.h"
#include "wharf-deployment.h"

int
wharf_cli_ls (int    argc,
              char **argv)
{
  g_auto(WharfCliAwsOptions) aws_options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(GPtrArray) stacks = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  g_autofree char *format = NULL;
  gboolean as_json;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: table (default) or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List the stacks of Compose projects (tagged com.docker.compose.project), with their status."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wharf_cli_aws_options_add (&aws_options, context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "table") && !g_str_equal (format, "json"))
    {
      wharf_cli_printerr (_("ls: unknown format “%s” (use table or json)"), format);
      return WHARF_EXIT_USAGE;
    }
  as_json = format != NULL && g_str_equal (format, "json");
  client = wharf_cli_aws_client (&aws_options);
  if (client == NULL)
    return WHARF_EXIT_FAILURE;
  stacks = wharf_cfn_describe_stacks (client, NULL, wharf_cli_interrupt_cancellable (), &error);
  if (stacks == NULL)
    return wharf_cli_aws_fail (error);
  json_builder_begin_array (json);
  if (!as_json)
    printf ("%-24s %-28s %s\n", _("NAME"), _("STATUS"), _("REASON"));
  for (guint i = 0; i < stacks->len; i++)
    {
      WharfCfnStack *s = g_ptr_array_index (stacks, i);
      const char *project = s->tags ? g_hash_table_lookup (s->tags, WHARF_DEPLOYMENT_TAG_PROJECT) : NULL;

      if (project == NULL || g_strcmp0 (s->status, "DELETE_COMPLETE") == 0)
        continue;
      if (as_json)
        {
          json_builder_begin_object (json);
          json_builder_set_member_name (json, "Name");
          json_builder_add_string_value (json, project);
          json_builder_set_member_name (json, "Stack");
          json_builder_add_string_value (json, s->stack_name);
          json_builder_set_member_name (json, "Status");
          json_builder_add_string_value (json, s->status);
          json_builder_set_member_name (json, "Reason");
          json_builder_add_string_value (json, s->status_reason);
          json_builder_end_object (json);
        }
      else
        printf ("%-24s %-28s %s\n", project, s->status, s->status_reason ? s->status_reason : "");
    }
  json_builder_end_array (json);
  if (as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (json);
      g_autofree char *text = json_to_string (root, TRUE);

      printf ("%s\n", text);
    }
  return WHARF_EXIT_OK;
}
