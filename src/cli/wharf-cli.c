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

  /* Plugin mode: "docker ecs compose up" runs "docker-ecs ecs compose up". */
  prgname = g_path_get_basename (argv[0]);
  if (g_str_equal (prgname, "docker-ecs") && argc >= 2 && g_str_equal (argv[1], "ecs"))
    first = 2;
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
