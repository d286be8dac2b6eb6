/* test-compose-units.c: durations and numbers as Compose reads and
 * prints them, including the fast paths the loader takes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "wharf-compose-units.h"
#include "wharf-node.h"

typedef struct {
  const char *text;
  const char *go;     /* Go's time.Duration.String (); NULL: invalid */
} DurationCase;

static void
test_durations (void)
{
  static const DurationCase cases[] = {
    { "30s", "30s" }, { "1m", "1m0s" }, { "90s", "1m30s" }, { "1m30s", "1m30s" },
    { "1h", "1h0m0s" }, { "1.5h", "1h30m0s" }, { "2h45m", "2h45m0s" }, { ".5s", "500ms" },
    { "1.s", "1s" }, { "1500ms", "1.5s" }, { "-1s", "-1s" }, { "+5m", "5m0s" },
    { "1h2m3s4ms5us6ns", "1h2m3.004005006s" }, { "3\xc2\xb5s", "3\xc2\xb5s" },
    { "1500ns", "1.5\xc2\xb5s" }, { "1ns", "1ns" }, { "0", "0s" }, { "0s", "0s" },
    { "10", "10s" }, { "1000s", "16m40s" }, { "100000000000000000ns", "27777h46m40s" },
    { "0.000000001s", "1ns" }, { "12.345678901s", "12.345678901s" },
    { "1d", NULL }, { "s", NULL }, { ".s", NULL }, { "1m 30s", NULL }, { "", NULL },
    { "1e5s", NULL }, { "0x10s", NULL }, { "1.2.3s", NULL }, { "1..2s", NULL },
    { "5", "5s" }, { "1.5", "1.5s" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 ns = 0;
      gboolean ok = wharf_duration_parse (cases[i].text, &ns);

      if (cases[i].go == NULL)
        {
          if (ok)
            g_error ("“%s” should be invalid, read as %" G_GINT64_FORMAT " ns", cases[i].text, ns);
          continue;
        }
      if (!ok)
        g_error ("“%s” should be a duration", cases[i].text);
      {
        g_autofree char *formatted = wharf_duration_format (ns);
        g_assert_cmpstr (formatted, ==, cases[i].go);
      }
    }
}

/* The slow path normalize_cpus takes, the reference for the fast one. */
static char *
slow_canonical (const char *text)
{
  g_autoptr(WharfNode) node = wharf_node_new_scalar (text, WHARF_SCALAR_STRING, NULL, 0, 0);
  g_autoptr(WharfNode) number = NULL;
  double value;

  if (!wharf_node_get_double (node, &value))
    return NULL;
  number = wharf_node_new_double (value);
  return g_strdup (wharf_node_get_scalar (number));
}

static void
check_decimal (const char *text)
{
  char fast[40];

  if (wharf_decimal_canonical (text, fast))
    {
      g_autofree char *slow = slow_canonical (text);

      if (g_strcmp0 (fast, slow) != 0)
        g_error ("“%s”: fast path gives “%s”, strtod and printf “%s”", text, fast, slow);
    }
}

static void
test_decimal_canonical (void)
{
  static const char * const taken[][2] = {
    { "0.5", "0.5" }, { "0.50", "0.5" }, { "2", "2.0" }, { "2.000", "2.0" }, { "010", "10.0" },
    { ".25", "0.25" }, { "1.", "1.0" }, { "0", "0.0" }, { "0.0001", "0.0001" },
    { "123456789012345", "123456789012345.0" }, { "12345678.9012345", "12345678.9012345" },
  };
  static const char * const refused[] = {
    "", ".", "-1", "+1", "1e3", "0x10", "1.2.3", "abc", "1 ", " 1", ".inf", "0.00001",
    "1234567890123456", "1.234567890123456", "0.5s",
  };
  char out[40];
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);

  for (gsize i = 0; i < G_N_ELEMENTS (taken); i++)
    {
      g_assert_true (wharf_decimal_canonical (taken[i][0], out));
      g_assert_cmpstr (out, ==, taken[i][1]);
      check_decimal (taken[i][0]);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    if (wharf_decimal_canonical (refused[i], out))
      g_error ("“%s” should take the slow path, fast path gave “%s”", refused[i], out);

  /* Random digit strings with a dot somewhere: whatever the fast path
   * takes, it must print exactly what strtod and printf would. */
  for (guint i = 0; i < 20000; i++)
    {
      char text[24];
      guint len = (guint) g_rand_int_range (rand, 1, 20);
      gint dot = g_rand_int_range (rand, -1, (gint) len);

      for (guint j = 0; j < len; j++)
        text[j] = (char) ('0' + (g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 0, 10)));
      if (dot >= 0)
        text[dot] = '.';
      text[len] = '\0';
      check_decimal (text);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/units/durations", test_durations);
  g_test_add_func ("/units/decimal-canonical", test_decimal_canonical);
  return g_test_run ();
}
