/* wharf-cli.c: entry point of wharf-cli, and of the Docker CLI plugin docker-ecs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "wharf-cli.h"
#include "wharf-core.h"

static const WharfCliCommand commands[] = {
  { "config", N_("Print the resolved Compose model"), wharf_cli_config },
  { "context", N_("Manage Docker contexts (ECS contexts)"), wharf_cli_context },
  { "convert", N_("Print the CloudFormation template of the project"), wharf_cli_convert },
  { "validate", N_("Check that the project can run on Amazon ECS"), wharf_cli_validate },
  { "sandbox", N_("Serve a local AWS region on loopback for trying and testing"), wharf_cli_sandbox },
  { "up", N_("Deploy the project (change set, review, execute, follow)"), wharf_cli_up },
  { "down", N_("Delete the project's stack"), wharf_cli_down },
  { "events", N_("Print (or follow) the events of the project's stack"), wharf_cli_events },
  { "ps", N_("List the tasks of the project's services"), wharf_cli_ps },
  { "ls", N_("List the stacks of Compose projects"), wharf_cli_ls },
  { "logs", N_("Print the logs of the project's services"), wharf_cli_logs },
  { "secret", N_("Manage secrets in AWS Secrets Manager"), wharf_cli_secret },
  { "volume", N_("Manage Amazon EFS file systems"), wharf_cli_volume },
  { "profile", N_("Manage AWS profiles; whoami checks credentials"), wharf_cli_profile },
};

void
wharf_cli_printerr (const char *format,
                    ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "wharf-cli: %s\n", msg);
}

void
wharf_cli_print_error (const GError *error)
{
  fprintf (stderr, "wharf-cli: error: %s\n", error->message);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: wharf-cli COMMAND [OPTIONS…]"));
  fprintf (out, "%s\n\n", _("Deploy a Docker Compose application to Amazon ECS through CloudFormation."));
  fprintf (out, "%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “wharf-cli COMMAND --help” for the options of a command."));
}

/* Docker calls a CLI plugin as "docker-ecs docker-cli-plugin-metadata" to
 * learn about it, and as "docker-ecs ecs ARGS…" to run it. */
static int
print_plugin_metadata (void)
{
  printf ("{\n"
          "  \"SchemaVersion\": \"0.1.0\",\n"
          "  \"Vendor\": \"Wharf\",\n"
          "  \"Version\": \"%s\",\n"
          "  \"ShortDescription\": \"Deploy Compose applications to Amazon ECS\",\n"
          "  \"URL\": \"https://github.com/wharf/wharf\"\n"
          "}\n", wharf_core_version ());
  return WHARF_EXIT_OK;
}

/* Docker passes its own global options before the plugin name; honour the
 * ones that choose a context, skip the others. Returns the index after "ecs". */
static int
skip_docker_global_options (int    argc,
                            char **argv)
{
  static const struct {
    const char *long_name;
    const char *short_name;
    const char *env;        /* set from the value, or NULL to ignore it */
  } with_value[] = {
    { "--context", "-c", "DOCKER_CONTEXT" },
    { "--config", NULL, "DOCKER_CONFIG" },
    { "--host", "-H", "DOCKER_HOST" },
    { "--log-level", "-l", NULL },
    { "--tlscacert", NULL, NULL },
    { "--tlscert", NULL, NULL },
    { "--tlskey", NULL, NULL },
  };

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "ecs"))
        return i + 1;
      if (arg[0] != '-')
        return i;
      for (gsize k = 0; k < G_N_ELEMENTS (with_value); k++)
        {
          gsize len = strlen (with_value[k].long_name);
          const char *value = NULL;

          if (strncmp (arg, with_value[k].long_name, len) == 0 && arg[len] == '=')
            value = arg + len + 1;
          else if ((g_str_equal (arg, with_value[k].long_name) ||
                    g_strcmp0 (arg, with_value[k].short_name) == 0) && i + 1 < argc)
            value = argv[++i];
          if (value != NULL)
            {
              if (with_value[k].env != NULL)
                g_setenv (with_value[k].env, value, TRUE);
              break;
            }
        }
    }
  return argc;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *prgname = NULL;
  int first = 1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2 && strcmp (argv[1], "docker-cli-plugin-metadata") == 0)
    return print_plugin_metadata ();

  /* Plugin mode: "docker --context X ecs compose up" runs
   * "docker-ecs --context X ecs compose up". */
  prgname = g_path_get_basename (argv[0]);
  if (g_str_equal (prgname, "docker-ecs"))
    first = skip_docker_global_options (argc, argv);
  if (argc > first && g_str_equal (argv[first], "compose"))
    first++;

  if (argc <= first)
    {
      print_usage (stderr);
      return WHARF_EXIT_USAGE;
    }

  if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h") ||
      g_str_equal (argv[first], "help"))
    {
      print_usage (stdout);
      return WHARF_EXIT_OK;
    }
  if (g_str_equal (argv[first], "--version") || g_str_equal (argv[first], "version"))
    {
      printf ("wharf-cli %s\n", wharf_core_version ());
      return WHARF_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[first], commands[i].name))
        {
          g_autofree char *name = g_strdup_printf ("wharf-cli %s", commands[i].name);
          char **sub_argv = argv + first;

          g_set_prgname (name);
          sub_argv[0] = name;
          return commands[i].run (argc - first, sub_argv);
        }
    }

  wharf_cli_printerr (_("unknown command “%s”"), argv[first]);
  print_usage (stderr);
  return WHARF_EXIT_USAGE;
}
