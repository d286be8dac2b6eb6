/* wharf-cli-sandbox.c: "wharf-cli sandbox", a local AWS region on loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>
#include <string.h>

#include "wharf-cli.h"
#include "wharf-sandbox.h"

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* "127.0.0.1:PORT", "[::1]:PORT" or "PORT". */
static gboolean
parse_listen (const char  *text,
              char       **address,
              guint       *port,
              GError     **error)
{
  const char *colon = strrchr (text, ':');
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  guint64 value = 0;

  if (colon == NULL)
    host = g_strdup ("127.0.0.1");
  else if (text[0] == '[' && colon > text && colon[-1] == ']')
    host = g_strndup (text + 1, colon - text - 2);
  else
    host = g_strndup (text, colon - text);
  if (!g_ascii_string_to_unsigned (colon ? colon + 1 : text, 10, 0, 65535, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Invalid port in “%s”"), text);
      return FALSE;
    }
  inet = g_inet_address_new_from_string (host);
  if (inet == NULL || !g_inet_address_get_is_loopback (inet))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The sandbox only listens on a loopback address, not “%s”"), host);
      return FALSE;
    }
  *address = g_steal_pointer (&host);
  *port = (guint) value;
  return TRUE;
}

int
wharf_cli_sandbox (int    argc,
                   char **argv)
{
  g_autofree char *listen = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *address = NULL;
  double pace = -1;
  double throttle = -1, errors = -1, drops = -1;
  int latency = -1;
  guint port = 0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint sigint, sigterm;
  GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      N_("Address and port to listen on (default 127.0.0.1:4566; port 0 picks a free one)"), N_("ADDRESS:PORT") },
    { "seed", 's', 0, G_OPTION_ARG_FILENAME, &seed,
      N_("JSON file describing the account (credentials, VPCs, faults…)"), N_("FILE") },
    { "pace", 'p', 0, G_OPTION_ARG_DOUBLE, &pace,
      N_("Seconds between two steps of a stack operation (default 1)"), N_("SECONDS") },
    { "throttle-rate", 0, 0, G_OPTION_ARG_DOUBLE, &throttle,
      N_("Share of requests answered with a throttling error (0–1)"), N_("RATE") },
    { "error-rate", 0, 0, G_OPTION_ARG_DOUBLE, &errors,
      N_("Share of requests answered with an internal error 500 (0–1)"), N_("RATE") },
    { "drop-rate", 0, 0, G_OPTION_ARG_DOUBLE, &drops,
      N_("Share of connections closed without an answer (0–1)"), N_("RATE") },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency,
      N_("Milliseconds to wait before every answer"), N_("MS") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Serve a local AWS region (CloudFormation, ECS, Logs, …) on loopback."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !parse_listen (listen ? listen : "127.0.0.1:4566", &address, &port, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_USAGE;
    }
  if (argc > 1)
    {
      wharf_cli_printerr (_("sandbox: unexpected argument “%s”"), argv[1]);
      return WHARF_EXIT_USAGE;
    }
  if (pace != -1 && (pace < 0 || pace > 3600))
    {
      wharf_cli_printerr (_("sandbox: --pace must be between 0 and 3600 seconds"));
      return WHARF_EXIT_USAGE;
    }

  if ((throttle != -1 && (throttle < 0 || throttle > 1)) || (errors != -1 && (errors < 0 || errors > 1)) ||
      (drops != -1 && (drops < 0 || drops > 1)) || (latency != -1 && (latency < 0 || latency > 60000)))
    {
      wharf_cli_printerr (_("sandbox: fault rates must be between 0 and 1, latency between 0 and 60000 ms"));
      return WHARF_EXIT_USAGE;
    }

  sandbox = seed ? wharf_sandbox_new_from_seed_file (seed, &error) : wharf_sandbox_new ();
  if (sandbox == NULL)
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }
  if (pace != -1)
    wharf_sandbox_set_pace (sandbox, pace);
  wharf_sandbox_set_faults (sandbox, throttle, errors, drops, latency);
  if (!wharf_sandbox_start (sandbox, address, port, NULL, &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }

  /* handlers first: whoever reads the URL may signal at once */
  loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, on_signal, loop);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, loop);
  printf ("%s\n", wharf_sandbox_get_url (sandbox));
  fflush (stdout);
  fprintf (stderr, _("Sandbox AWS region %s, account %s. Stop with Ctrl+C.\n"),
           wharf_sandbox_get_region (sandbox), wharf_sandbox_get_account_id (sandbox));
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  wharf_sandbox_stop (sandbox);
  return WHARF_EXIT_OK;
}
