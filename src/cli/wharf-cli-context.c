/* wharf-cli-context.c: "wharf-cli context", Docker contexts (Docker CLI
 * compatible): ls, show, use, rm, inspect; create is in
 * wharf-cli-context-create.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "wharf-cli-context.h"

WharfContextStore *
wharf_cli_context_open_store (const WharfCliContextGlobals *globals)
{
  WharfContextStore *store = wharf_context_store_new (globals->config_dir);

  wharf_context_store_set_override (store, globals->context);
  return store;
}

/* FALSE after printing the error (bad command line). */
gboolean
wharf_cli_context_parse (GOptionContext   *context,
                         int              *argc,
                         char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      wharf_cli_printerr ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static GOptionContext *
new_options (const char         *parameters,
             const char         *summary,
             const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static void
print_padded (GString    *out,
              const char *text,
              guint       width)
{
  g_string_append (out, text);
  for (glong n = g_utf8_strlen (text, -1); n < (glong) width; n++)
    g_string_append_c (out, ' ');
}

static void
print_table (WharfContextStore *store)
{
  const char *headers[] = { N_("NAME"), N_("TYPE"), N_("DESCRIPTION"), N_("ENDPOINT"), N_("ERROR") };
  guint n_columns = G_N_ELEMENTS (headers);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint widths[G_N_ELEMENTS (headers)] = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  char **header = g_new0 (char *, n_columns + 1);

  for (guint c = 0; c < n_columns; c++)
    header[c] = g_strdup (_(headers[c]));
  g_ptr_array_add (rows, header);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WharfContext) context = g_list_model_get_item (G_LIST_MODEL (store), i);
      const GError *error = wharf_context_get_error (context);
      const char *description = wharf_context_get_description (context);
      char **row = g_new0 (char *, n_columns + 1);

      row[0] = g_strconcat (wharf_context_get_name (context),
                            wharf_context_get_current (context) ? " *" : "", NULL);
      row[1] = g_strdup (error == NULL ? wharf_context_get_context_type (context) : "");
      row[2] = g_strdup (description != NULL ? description : "");
      row[3] = wharf_context_dup_endpoint_summary (context);
      row[4] = g_strdup (error != NULL ? error->message : "");
      g_ptr_array_add (rows, row);
    }

  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < n_columns; c++)
      widths[c] = MAX (widths[c], (guint) g_utf8_strlen (((char **) rows->pdata[r])[c], -1));
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      gsize start = out->len;

      for (guint c = 0; c < n_columns; c++)
        print_padded (out, row[c], c + 1 < n_columns ? widths[c] + 3 : 0);
      while (out->len > start && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
  fputs (out->str, stdout);
}

static int
run_ls (const WharfCliContextGlobals *globals,
        int                           argc,
        char                        **argv)
{
  g_autofree char *format = NULL;
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: “table” (the default) or “json” (one object per line)"), N_("FORMAT") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print the context names only"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options =
    new_options ("", _("List the Docker contexts (ECS contexts and the others, read-only)."), entries);
  g_autoptr(WharfContextStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (!wharf_cli_context_parse (options, &argc, &argv))
    return WHARF_EXIT_USAGE;
  if (argc > 1)
    {
      wharf_cli_printerr (_("ls takes no argument"));
      return WHARF_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "table") && !g_str_equal (format, "json"))
    {
      wharf_cli_printerr (_("unknown format “%s” (use “table” or “json”)"), format);
      return WHARF_EXIT_USAGE;
    }

  store = wharf_cli_context_open_store (globals);
  if (!wharf_context_store_reload (store, &error))
    {
      /* An unreadable config.json only hides which context is current. */
      if (!g_error_matches (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE) &&
          g_list_model_get_n_items (G_LIST_MODEL (store)) == 0)
        {
          wharf_cli_print_error (error);
          return WHARF_EXIT_FAILURE;
        }
      wharf_cli_printerr (_("warning: %s"), error->message);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (quiet)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WharfContext) context = g_list_model_get_item (G_LIST_MODEL (store), i);

          printf ("%s\n", wharf_context_get_name (context));
        }
    }
  else if (g_strcmp0 (format, "json") == 0)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WharfContext) context = g_list_model_get_item (G_LIST_MODEL (store), i);
          g_autofree char *line = wharf_context_to_list_json (context);

          printf ("%s\n", line);
        }
    }
  else
    print_table (store);
  return WHARF_EXIT_OK;
}

static int
run_show (const WharfCliContextGlobals *globals,
          int                           argc,
          char                        **argv)
{
  g_autoptr(GOptionContext) options =
    new_options ("", _("Print the name of the current context."), NULL);
  g_autoptr(WharfContextStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;

  if (!wharf_cli_context_parse (options, &argc, &argv))
    return WHARF_EXIT_USAGE;
  if (argc > 1)
    {
      wharf_cli_printerr (_("show takes no argument"));
      return WHARF_EXIT_USAGE;
    }
  store = wharf_cli_context_open_store (globals);
  current = wharf_context_store_dup_current (store, &error);
  if (current == NULL)
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }
  printf ("%s\n", current);
  return WHARF_EXIT_OK;
}

static int
run_use (const WharfCliContextGlobals *globals,
         int                           argc,
         char                        **argv)
{
  g_autoptr(GOptionContext) options =
    new_options (_("NAME"), _("Make NAME the current context (in config.json, as “docker context use” does)."), NULL);
  g_autoptr(WharfContextStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *host = g_getenv ("DOCKER_HOST");
  const char *env = g_getenv ("DOCKER_CONTEXT");

  if (!wharf_cli_context_parse (options, &argc, &argv))
    return WHARF_EXIT_USAGE;
  if (argc != 2)
    {
      wharf_cli_printerr (_("use takes exactly one context name"));
      return WHARF_EXIT_USAGE;
    }
  store = wharf_cli_context_open_store (globals);
  if (!wharf_context_store_use (store, argv[1], &error))
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }
  printf ("%s\n", argv[1]);
  wharf_cli_printerr (_("Current context is now “%s”"), argv[1]);
  if (host != NULL && *host != '\0' && !g_str_equal (argv[1], WHARF_CONTEXT_DEFAULT_NAME))
    wharf_cli_printerr (_("warning: DOCKER_HOST is set and overrides the current context: "
                          "unset it, or pass --context %s"), argv[1]);
  else if (env != NULL && *env != '\0' && !g_str_equal (env, argv[1]))
    wharf_cli_printerr (_("warning: DOCKER_CONTEXT=%s overrides the current context"), env);
  return WHARF_EXIT_OK;
}

static int
run_rm (const WharfCliContextGlobals *globals,
        int                           argc,
        char                        **argv)
{
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Remove a context even when it is the current one"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options =
    new_options (_("NAME…"), _("Remove ECS contexts (other contexts belong to Docker and are left alone)."), entries);
  g_autoptr(WharfContextStore) store = NULL;
  int status = WHARF_EXIT_OK;

  if (!wharf_cli_context_parse (options, &argc, &argv))
    return WHARF_EXIT_USAGE;
  if (argc < 2)
    {
      wharf_cli_printerr (_("rm needs at least one context name"));
      return WHARF_EXIT_USAGE;
    }
  store = wharf_cli_context_open_store (globals);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!wharf_context_store_remove (store, argv[i], force, &error))
        {
          wharf_cli_print_error (error);
          status = WHARF_EXIT_FAILURE;
          continue;
        }
      printf ("%s\n", argv[i]);
    }
  return status;
}

static int
run_inspect (const WharfCliContextGlobals *globals,
             int                           argc,
             char                        **argv)
{
  g_autoptr(GOptionContext) options =
    new_options (_("[NAME…]"), _("Print contexts as JSON, as “docker context inspect” does "
                                 "(the current context when no name is given)."), NULL);
  g_autoptr(WharfContextStore) store = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status = WHARF_EXIT_OK;

  if (!wharf_cli_context_parse (options, &argc, &argv))
    return WHARF_EXIT_USAGE;
  store = wharf_cli_context_open_store (globals);
  if (argc < 2)
    {
      char *current = wharf_context_store_dup_current (store, &error);

      if (current == NULL)
        {
          wharf_cli_print_error (error);
          return WHARF_EXIT_FAILURE;
        }
      g_ptr_array_add (names, current);
    }
  /* Like Docker: print the contexts that can be read, report the others. */
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(WharfContext) context = wharf_context_store_lookup (store, argv[i], &error);

      if (context == NULL)
        {
          wharf_cli_print_error (error);
          g_clear_error (&error);
          status = WHARF_EXIT_FAILURE;
          continue;
        }
      g_ptr_array_add (names, g_strdup (argv[i]));
    }
  g_ptr_array_add (names, NULL);
  text = wharf_context_store_inspect (store, (const char * const *) names->pdata, &error);
  if (text == NULL)
    {
      wharf_cli_print_error (error);
      return WHARF_EXIT_FAILURE;
    }
  fputs (text, stdout);
  return status;
}

static const struct {
  const char *name;
  const char *alias;
  const char *summary;
  int (*run) (const WharfCliContextGlobals *, int, char **);
} subcommands[] = {
  { "create", NULL, N_("Create an ECS context"), wharf_cli_context_create },
  { "ls", "list", N_("List the contexts"), run_ls },
  { "show", NULL, N_("Print the name of the current context"), run_show },
  { "use", NULL, N_("Set the current context"), run_use },
  { "rm", "remove", N_("Remove ECS contexts"), run_rm },
  { "inspect", NULL, N_("Print contexts as JSON"), run_inspect },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: wharf-cli context [--config DIR] [--context NAME] COMMAND [OPTIONS…]"));
  fprintf (out, "%s\n\n", _("Manage Docker contexts, in the Docker CLI’s own store ($DOCKER_CONFIG, else ~/.docker)."));
  fprintf (out, "%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (out, "  %-10s %s\n", subcommands[i].name, _(subcommands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-18s %s\n", "--config DIR", _("Docker configuration folder"));
  fprintf (out, "  %-18s %s\n", "-c, --context NAME", _("Context to use for this command"));
  fprintf (out, "\n%s\n", _("Run “wharf-cli context COMMAND --help” for the options of a command."));
}

/* Takes "--opt VALUE" or "--opt=VALUE" at ARGV[*I]; NULL when absent. */
static gboolean
take_option (int          argc,
             char       **argv,
             int         *i,
             const char  *long_name,
             const char  *short_name,
             const char **value)
{
  gsize len = strlen (long_name);
  const char *arg = argv[*i];

  if (strncmp (arg, long_name, len) == 0 && arg[len] == '=')
    {
      *value = arg + len + 1;
      return TRUE;
    }
  if (g_str_equal (arg, long_name) || (short_name != NULL && g_str_equal (arg, short_name)))
    {
      if (*i + 1 >= argc)
        {
          wharf_cli_printerr (_("option %s needs a value"), long_name);
          *value = NULL;
          return TRUE;
        }
      *value = argv[++*i];
      return TRUE;
    }
  return FALSE;
}

int
wharf_cli_context (int    argc,
                   char **argv)
{
  WharfCliContextGlobals globals = { NULL, NULL };
  int i;

  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      const char *value = NULL;

      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return WHARF_EXIT_OK;
        }
      if (take_option (argc, argv, &i, "--config", NULL, &value))
        globals.config_dir = value;
      else if (take_option (argc, argv, &i, "--context", "-c", &value))
        globals.context = value;
      else
        {
          wharf_cli_printerr (_("unknown option “%s”"), argv[i]);
          print_usage (stderr);
          return WHARF_EXIT_USAGE;
        }
      if (value == NULL)
        return WHARF_EXIT_USAGE;
    }
  if (i >= argc)
    {
      print_usage (stderr);
      return WHARF_EXIT_USAGE;
    }

  for (gsize c = 0; c < G_N_ELEMENTS (subcommands); c++)
    {
      if (g_str_equal (argv[i], subcommands[c].name) ||
          g_strcmp0 (argv[i], subcommands[c].alias) == 0)
        {
          g_autofree char *prgname = g_strdup_printf ("wharf-cli context %s", subcommands[c].name);

          g_set_prgname (prgname);
          argv[i] = prgname;
          return subcommands[c].run (&globals, argc - i, argv + i);
        }
    }
  wharf_cli_printerr (_("unknown context command “%s”"), argv[i]);
  print_usage (stderr);
  return WHARF_EXIT_USAGE;
}
