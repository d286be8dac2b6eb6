/* wharf-cli-secret.c: "wharf-cli secret create|ls|inspect|rm" (AWS
 * Secrets Manager, compose-cli-ecs.md §1.4, with paging done right).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "wharf-aws-secrets.h"
#include "wharf-cli.h"
#include "wharf-cli-aws.h"

typedef struct {
  WharfCliAwsOptions aws;
  char              *format;
  gboolean           quiet;
  gboolean           recover;
  char              *description;
} SecretOptions;

static GOptionContext *
secret_context (SecretOptions *o,
                const char    *parameters,
                const char    *summary)
{
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &o->format, N_("ls: table (default) or json"), N_("FORMAT") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o->quiet, N_("ls: only the ARNs"), NULL },
    { "recover", 0, 0, G_OPTION_ARG_NONE, &o->recover, N_("rm: keep the secret recoverable for 30 days"), NULL },
    { "description", 0, 0, G_OPTION_ARG_STRING, &o->description, N_("create: a description"), N_("TEXT") },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wharf_cli_aws_options_add (&o->aws, context, FALSE);
  return context;
}

static void
print_secret_json (WharfSecret *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ID");
  json_builder_add_string_value (b, s->arn);
  json_builder_set_member_name (b, "Name");
  json_builder_add_string_value (b, s->name);
  json_builder_set_member_name (b, "Description");
  json_builder_add_string_value (b, s->description ? s->description : "");
  json_builder_set_member_name (b, "Tags");
  json_builder_begin_object (b);
  if (s->tags != NULL)
    {
      g_hash_table_iter_init (&iter, s->tags);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          json_builder_set_member_name (b, key);
          json_builder_add_string_value (b, value);
        }
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, TRUE);
  printf ("%s\n", text);
}

int
wharf_cli_secret (int    argc,
                  char **argv)
{
  SecretOptions o = { { 0 } };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfAwsClient) client = NULL;
  GCancellable *cancellable = wharf_cli_interrupt_cancellable ();
  const char *verb;
  int status = WHARF_EXIT_OK;

  context = secret_context (&o, _("create NAME [FILE|-] | ls | inspect NAME | rm NAME…"),
                            _("Manage secrets in AWS Secrets Manager (for x-aws-pull_credentials and Compose secrets)."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      wharf_cli_print_error (error);
      status = WHARF_EXIT_USAGE;
      goto out;
    }
  verb = argc > 1 ? argv[1] : NULL;
  if (verb == NULL ||
      (g_str_equal (verb, "create") && (argc < 3 || argc > 4)) ||
      ((g_str_equal (verb, "inspect") || g_str_equal (verb, "rm")) && argc < 3) ||
      (!g_str_equal (verb, "create") && !g_str_equal (verb, "ls") &&
       !g_str_equal (verb, "inspect") && !g_str_equal (verb, "rm")))
    {
      wharf_cli_printerr (_("usage: wharf-cli secret create NAME [FILE|-] | ls | inspect NAME | rm NAME…"));
      status = WHARF_EXIT_USAGE;
      goto out;
    }
  client = wharf_cli_aws_client (&o.aws);
  if (client == NULL)
    {
      status = WHARF_EXIT_FAILURE;
      goto out;
    }
  if (g_str_equal (verb, "create"))
    {
      g_autofree char *content = NULL;
      g_autoptr(WharfSecret) s = NULL;
      gsize length = 0;

      if (argc == 3 || g_str_equal (argv[3], "-"))
        {
          GString *buffer = g_string_new (NULL);
          char chunk[4096];
          size_t n;

          while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
            g_string_append_len (buffer, chunk, (gssize) n);
          length = buffer->len;
          content = g_string_free (buffer, FALSE);
        }
      else if (!g_file_get_contents (argv[3], &content, &length, &error))
        goto fail;
      s = wharf_secrets_create_secret (client, argv[2], content, o.description, NULL, cancellable, &error);
      if (s == NULL)
        goto fail;
      printf ("%s\n", s->arn);
    }
  else if (g_str_equal (verb, "ls"))
    {
      g_autoptr(GPtrArray) secrets = wharf_secrets_list_secrets (client, NULL, cancellable, &error);
      gboolean as_json = o.format != NULL && g_str_equal (o.format, "json");

      if (secrets == NULL)
        goto fail;
      if (as_json)
        printf ("[\n");
      else if (!o.quiet)
        printf ("%-80s %-24s %s\n", _("ID"), _("NAME"), _("DESCRIPTION"));
      for (guint i = 0; i < secrets->len; i++)
        {
          WharfSecret *s = g_ptr_array_index (secrets, i);

          if (as_json)
            print_secret_json (s);
          else if (o.quiet)
            printf ("%s\n", s->arn);
          else
            printf ("%-80s %-24s %s\n", s->arn, s->name, s->description ? s->description : "");
        }
      if (as_json)
        printf ("]\n");
    }
  else if (g_str_equal (verb, "inspect"))
    {
      g_autoptr(WharfSecret) s = wharf_secrets_describe_secret (client, argv[2], cancellable, &error);

      if (s == NULL)
        goto fail;
      print_secret_json (s);
    }
  else
    {
      for (int i = 2; i < argc; i++)
        {
          g_autoptr(WharfSecret) s = wharf_secrets_delete_secret (client, argv[i], !o.recover, 0, cancellable, &error);

          if (s == NULL)
            {
              status = wharf_cli_aws_fail (error);
              g_clear_error (&error);
              continue;
            }
          printf ("%s\n", argv[i]);
        }
    }
  goto out;

fail:
  status = wharf_cli_aws_fail (error);
out:
  wharf_cli_aws_options_clear (&o.aws);
  g_free (o.format);
  g_free (o.description);
  return status;
}
