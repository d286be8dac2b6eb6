/* bench-loader.c: how fast the Compose loader is, next to libyaml's bare
 * parse and docker-compose 1.29, on generated 10-, 100- and 1000-service
 * projects. Prints figures; never asserts a timing.
 *
 *   bench-loader                 the table (meson test --benchmark)
 *   bench-loader --write N DIR   writes an N-service project to DIR/compose.yaml
 *                                (the GUI benchmark uses 200)
 *   bench-loader --peak-rss DIR PROGRAM ARG…
 *                                runs PROGRAM in DIR, prints its peak RSS (KiB)
 *
 * Environment: WHARF_CLI (wharf-cli, for the peak RSS column),
 * WHARF_BENCH_SIZES ("10,100,1000"), WHARF_BENCH_ROUNDS (best of N).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>
#include <glib/gstdio.h>

#include "bench-generate.h"
#include "wharf-compose-loader.h"
#include "wharf-ecs-convert.h"

typedef struct {
  guint   n_services;
  gsize   file_size;
  double  libyaml;     /* seconds, best of N */
  double  parse;       /* wharf_node_parse: libyaml into positioned nodes */
  double  load;
  double  libyaml_cpu; /* CPU seconds of this thread, best of N */
  double  load_cpu;
  double  convert;     /* load + validate + convert + template YAML; < 0: failed */
  double  docker;      /* < 0: not run */
  glong   rss_kib;     /* < 0: not run */
  char   *note;
} Row;

/* CPU time of the calling thread, in seconds: unlike the wall clock, it
 * does not count the time other processes of a busy machine take. */
static double
thread_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* libyaml alone: every event of the file, nothing built. */
static double
time_libyaml (const char *data,
              gsize       length,
              double     *cpu)
{
  yaml_parser_t parser;
  yaml_event_t event;
  gboolean done = FALSE;
  double cpu_start = thread_cpu_time ();
  gint64 start = g_get_monotonic_time ();

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data, length);
  while (!done)
    {
      if (!yaml_parser_parse (&parser, &event))
        g_error ("libyaml: %s", parser.problem);
      done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&parser);
  *cpu = thread_cpu_time () - cpu_start;
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* Wharf's YAML layer alone: the node tree with positions. */
static double
time_parse (const char *data,
            gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfNode) root = NULL;
  gint64 start = g_get_monotonic_time ();

  root = wharf_node_parse (data, length, "compose.yaml", &error);
  if (root == NULL)
    g_error ("parse: %s", error->message);
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static WharfComposeProject *
load (const char  *dir,
      GError     **error)
{
  const char * const env[] = { "HOME=/nonexistent", "PATH=/usr/bin:/bin", NULL };
  g_autoptr(WharfComposeLoadOptions) o = wharf_compose_load_options_new ();

  wharf_compose_load_options_set_working_directory (o, dir);
  wharf_compose_load_options_set_environment (o, env);
  wharf_compose_load_options_add_file (o, "compose.yaml");
  return wharf_compose_load (o, NULL, NULL, error);
}

static double
time_load (const char *dir,
           double     *cpu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) project = NULL;
  double cpu_start = thread_cpu_time ();
  gint64 start = g_get_monotonic_time ();

  project = load (dir, &error);
  if (project == NULL)
    g_error ("load: %s", error->message);
  *cpu = thread_cpu_time () - cpu_start;
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* The whole offline pipeline of `wharf-cli convert`. */
static double
time_convert (const char  *dir,
              char       **note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfComposeProject) project = NULL;
  g_autoptr(WharfEcsEnvironment) environment = wharf_ecs_environment_new_offline ("eu-west-1");
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfTemplate) template_ = NULL;
  g_autofree char *yaml = NULL;
  gint64 start = g_get_monotonic_time ();

  project = load (dir, &error);
  if (project != NULL)
    template_ = wharf_ecs_convert (wharf_compose_project_get_root (project),
                                   wharf_compose_project_get_name (project),
                                   environment, diagnostics, &error);
  if (template_ != NULL)
    yaml = wharf_template_to_yaml (template_, NULL, &error);
  if (yaml == NULL)
    {
      if (*note == NULL)
        *note = g_strdup_printf ("convert: %s", error->message);
      return -1;
    }
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* Runs ARGV in DIR with stdout/stderr to /dev/null; returns the wall time
 * (seconds), or < 0 when it fails; *MAXRSS_KIB gets its peak RSS. */
static double
spawn_measure (const char * const *argv,
               const char         *dir,
               glong              *maxrss_kib)
{
  struct rusage usage = { 0 };
  gint64 start = g_get_monotonic_time ();
  int status = 0;
  pid_t pid = fork ();

  if (pid < 0)
    return -1;
  if (pid == 0)
    {
      FILE *null_out = freopen ("/dev/null", "w", stdout);
      FILE *null_err = freopen ("/dev/null", "w", stderr);

      (void) null_out;
      (void) null_err;
      if (chdir (dir) == 0)
        execvp (argv[0], (char * const *) argv);
      _exit (127);
    }
  /* wait4 reports this child's own usage (RUSAGE_CHILDREN would mix in the
   * earlier children). */
  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      return -1;
  if (maxrss_kib != NULL)
    *maxrss_kib = usage.ru_maxrss;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return -1;
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* The peak RSS of `wharf-cli config -q` in DIR, or -1. A child forked from
 * this process would report this process's own peak (the kernel carries
 * the parent's high-water mark over fork and exec), which the timing rounds
 * have grown: a fresh `bench-loader --peak-rss` runs it instead. */
static glong
peak_rss_of_cli (const char *wharf_cli,
                 const char *dir)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *out = NULL;
  const char *argv[] = { self, "--peak-rss", dir, wharf_cli, "config", "-q", "-f", "compose.yaml", NULL };
  int status = 0;

  if (self == NULL ||
      !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;
  return atol (out);
}

static int
print_peak_rss (char **argv)
{
  glong rss = 0;

  if (spawn_measure ((const char * const *) argv + 1, argv[0], &rss) < 0)
    return 1;
  printf ("%ld\n", rss);
  return 0;
}

static void
measure (Row        *row,
         const char *root,
         guint       rounds,
         const char *docker_compose,
         const char *wharf_cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_strdup_printf ("%s/%u", root, row->n_services);
  g_autofree char *path = bench_write_project (row->n_services, dir, &error);
  g_autofree char *data = NULL;
  gsize length = 0;

  if (path == NULL || !g_file_get_contents (path, &data, &length, &error))
    g_error ("%s", error->message);
  row->file_size = length;
  row->libyaml = row->parse = row->load = row->convert = G_MAXDOUBLE;
  row->libyaml_cpu = row->load_cpu = G_MAXDOUBLE;
  for (guint i = 0; i < rounds; i++)
    {
      double cpu = 0;

      row->libyaml = MIN (row->libyaml, time_libyaml (data, length, &cpu));
      row->libyaml_cpu = MIN (row->libyaml_cpu, cpu);
      row->parse = MIN (row->parse, time_parse (data, length));
      row->load = MIN (row->load, time_load (dir, &cpu));
      row->load_cpu = MIN (row->load_cpu, cpu);
      if (row->convert >= 0)
        {
          double t = time_convert (dir, &row->note);
          row->convert = t < 0 ? t : MIN (row->convert, t);
        }
    }

  row->rss_kib = -1;
  if (wharf_cli != NULL)
    row->rss_kib = peak_rss_of_cli (wharf_cli, dir);
  row->docker = -1;
  if (docker_compose != NULL)
    {
      const char *argv[] = { docker_compose, "-f", "compose.yaml", "config", NULL };

      row->docker = spawn_measure (argv, dir, NULL);
    }
}

static void
print_table (Row   *rows,
             guint  n_rows,
             guint  rounds)
{
  printf ("\nCompose loader benchmark (best of %u; docker-compose run once)\n\n", rounds);
  printf ("%9s %9s %10s %9s %10s %8s %8s %13s %13s %9s %10s\n",
          "services", "file KiB", "libyaml ms", "nodes ms", "load ms", "load/yml", "cpu l/y",
          "+convert ms", "d-compose ms", "dc/load", "RSS MiB");
  for (guint i = 0; i < n_rows; i++)
    {
      Row *r = &rows[i];
      g_autofree char *convert = r->convert >= 0 ? g_strdup_printf ("%.2f", r->convert * 1000) : g_strdup ("failed");
      g_autofree char *docker = r->docker >= 0 ? g_strdup_printf ("%.0f", r->docker * 1000) : g_strdup ("-");
      g_autofree char *ratio = r->docker >= 0 ? g_strdup_printf ("%.0fx", r->docker / r->load) : g_strdup ("-");
      g_autofree char *rss = r->rss_kib >= 0 ? g_strdup_printf ("%.1f", r->rss_kib / 1024.0) : g_strdup ("-");

      printf ("%9u %9.1f %10.2f %9.2f %10.2f %7.2fx %7.2fx %13s %13s %9s %10s\n",
              r->n_services, r->file_size / 1024.0, r->libyaml * 1000, r->parse * 1000, r->load * 1000,
              r->load / r->libyaml, r->load_cpu / r->libyaml_cpu, convert, docker, ratio, rss);
    }
  printf ("\nnodes: wharf_node_parse alone (libyaml into the positioned node tree);\n"
          "load/yml: Wharf's load (parse, interpolate, merge, normalise, validate) over libyaml's\n"
          "bare event loop (wall clock); cpu l/y: the same ratio in this thread's CPU time, which\n"
          "a busy machine does not inflate; +convert: load, ECS validation, conversion and template YAML;\n"
          "dc/load: docker-compose 1.29 `config` over Wharf's load; RSS: peak of `wharf-cli config -q`.\n");
  for (guint i = 0; i < n_rows; i++)
    if (rows[i].note != NULL)
      printf ("note (%u services): %s\n", rows[i].n_services, rows[i].note);
}

static int
write_project (const char *count,
               const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint64 n = 0;

  if (!g_ascii_string_to_unsigned (count, 10, 1, 100000, &n, &error))
    {
      fprintf (stderr, "bench-loader: --write: %s\n", error->message);
      return 2;
    }
  path = bench_write_project ((guint) n, dir, &error);
  if (path == NULL)
    {
      fprintf (stderr, "bench-loader: %s\n", error->message);
      return 1;
    }
  printf ("%s\n", path);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *docker_compose = NULL;
  g_autofree char *root = NULL;
  g_auto(GStrv) sizes = NULL;
  const char *wharf_cli = g_getenv ("WHARF_CLI");
  const char *env_rounds = g_getenv ("WHARF_BENCH_ROUNDS");
  guint rounds = env_rounds != NULL ? (guint) MAX (1, atoi (env_rounds)) : 5;
  g_autoptr(GError) error = NULL;
  Row rows[8] = { 0 };
  guint n_rows = 0;

  if (argc == 4 && g_str_equal (argv[1], "--write"))
    return write_project (argv[2], argv[3]);
  if (argc >= 4 && g_str_equal (argv[1], "--peak-rss"))
    return print_peak_rss (argv + 2);
  if (argc != 1)
    {
      fprintf (stderr, "usage: bench-loader [--write N DIR | --peak-rss DIR PROGRAM ARG…]\n");
      return 2;
    }

  sizes = g_strsplit (g_getenv ("WHARF_BENCH_SIZES") ? g_getenv ("WHARF_BENCH_SIZES") : "10,100,1000", ",", -1);
  docker_compose = g_find_program_in_path ("docker-compose");
  if (wharf_cli != NULL && !g_file_test (wharf_cli, G_FILE_TEST_IS_EXECUTABLE))
    wharf_cli = NULL;
  root = g_dir_make_tmp ("wharf-bench-XXXXXX", &error);
  if (root == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; sizes[i] != NULL && n_rows < G_N_ELEMENTS (rows); i++)
    {
      rows[n_rows].n_services = (guint) atoi (sizes[i]);
      if (rows[n_rows].n_services == 0)
        continue;
      measure (&rows[n_rows], root, rounds, docker_compose, wharf_cli);
      n_rows++;
    }
  print_table (rows, n_rows, rounds);
  if (docker_compose == NULL)
    printf ("docker-compose is not installed: its column is empty.\n");
  if (wharf_cli == NULL)
    printf ("WHARF_CLI is not set: the RSS column is empty.\n");

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/%u", root, rows[i].n_services);
      g_autofree char *file = g_build_filename (dir, "compose.yaml", NULL);

      g_remove (file);
      g_rmdir (dir);
      g_free (rows[i].note);
    }
  g_rmdir (root);
  return 0;
}
