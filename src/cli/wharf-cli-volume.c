/* wharf-cli-volume.c: "wharf-cli volume create|ls|inspect|rm" (Amazon
 * EFS, compose-cli-ecs.md §1.5, every page read).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "wharf-aws-efs.h"
#include "wharf-cli.h"
#include "wharf-cli-aws.h"

int
wharf_cli_volume (int    argc,
                  char **argv)
{
  g_auto(WharfCliAwsOptions) aws = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsClient) client = NULL;
  GCancellable *cancellable = wharf_cli_interrupt_cancellable ();
  gboolean quiet = FALSE;
  const char *verb;
  int status = WHARF_EXIT_OK;
  GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("ls: only the file system ids"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("create NAME | ls | inspect ID | rm ID…"));
  g_option_context_set_summary (context, _("Manage Amazon EFS file systems (Compose volumes)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wharf_cli_aws_options_add (&aws, context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  verb = argc > 1 ? argv[1] : "";
  if (!((g_str_equal (verb, "create") && argc == 3) || (g_str_equal (verb, "ls") && argc == 2) ||
        (g_str_equal (verb, "inspect") && argc == 3) || (g_str_equal (verb, "rm") && argc >= 3)))
    {
      wharf_cli_printerr (_("usage: wharf-cli volume create NAME | ls | inspect ID | rm ID…"));
      return WHARF_EXIT_USAGE;
    }
  client = wharf_cli_aws_client (&aws);
  if (client == NULL)
    return WHARF_EXIT_FAILURE;
  if (g_str_equal (verb, "create"))
    {
      const char * const tags[] = { "Name", argv[2], NULL };
      g_autofree char *token = g_strdup_printf ("%s-%08x", argv[2], g_random_int ());
      g_autoptr(WharfEfsFileSystem) fs = wharf_efs_create_file_system (client, token, TRUE, tags, cancellable, &error);

      if (fs == NULL)
        return wharf_cli_aws_fail (error);
      printf ("%s\n", fs->file_system_id);
    }
  else if (g_str_equal (verb, "ls") || g_str_equal (verb, "inspect"))
    {
      gboolean inspect = g_str_equal (verb, "inspect");
      g_autoptr(GPtrArray) all = wharf_efs_describe_file_systems (client, inspect ? argv[2] : NULL, NULL,
                                                                  cancellable, &error);

      if (all == NULL)
        {
          if (inspect && wharf_aws_client_error_has_code (error, "FileSystemNotFound"))
            {
              wharf_cli_printerr (_("file system “%s” does not exist"), argv[2]);
              return WHARF_EXIT_FAILURE;
            }
          return wharf_cli_aws_fail (error);
        }
      if (inspect)
        {
          WharfEfsFileSystem *fs;

          if (all->len == 0)
            {
              wharf_cli_printerr (_("file system “%s” does not exist"), argv[2]);
              return WHARF_EXIT_FAILURE;
            }
          fs = g_ptr_array_index (all, 0);
          printf ("{\n  \"ID\": \"%s\",\n  \"Name\": \"%s\",\n  \"Description\": \"%s\",\n  \"State\": \"%s\"\n}\n",
                  fs->file_system_id, fs->name ? fs->name : "", fs->file_system_arn ? fs->file_system_arn : "",
                  fs->life_cycle_state ? fs->life_cycle_state : "");
          return WHARF_EXIT_OK;
        }
      if (!quiet)
        printf ("%-24s %-24s %-12s %s\n", _("ID"), _("NAME"), _("STATE"), _("DESCRIPTION"));
      for (guint i = 0; i < all->len; i++)
        {
          WharfEfsFileSystem *fs = g_ptr_array_index (all, i);

          if (quiet)
            printf ("%s\n", fs->file_system_id);
          else
            printf ("%-24s %-24s %-12s %s\n", fs->file_system_id, fs->name ? fs->name : "",
                    fs->life_cycle_state ? fs->life_cycle_state : "", fs->file_system_arn ? fs->file_system_arn : "");
        }
    }
  else
    {
      for (int i = 2; i < argc; i++)
        {
          if (!wharf_efs_delete_file_system (client, argv[i], cancellable, &error))
            {
              status = wharf_cli_aws_fail (error);
              g_clear_error (&error);
              continue;
            }
          printf ("%s\n", argv[i]);
        }
    }
  return status;
}
