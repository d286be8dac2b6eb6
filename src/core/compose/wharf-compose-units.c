/* wharf-compose-units.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wharf-compose-units.h"

#define NS_PER_US  G_GINT64_CONSTANT (1000)
#define NS_PER_MS  G_GINT64_CONSTANT (1000000)
#define NS_PER_S   G_GINT64_CONSTANT (1000000000)

static const struct {
  const char *unit;
  gint64      ns;
} duration_units[] = {
  { "ns", 1 },
  { "us", NS_PER_US },
  { "\xc2\xb5s", NS_PER_US },  /* µs, micro sign */
  { "\xce\xbcs", NS_PER_US },  /* μs, Greek mu */
  { "ms", NS_PER_MS },
  { "s", NS_PER_S },
  { "m", 60 * NS_PER_S },
  { "h", 3600 * NS_PER_S },
};

gboolean
wharf_duration_parse (const char *text,
                      gint64     *out_nanoseconds)
{
  const char *p = text;
  double total = 0;
  gboolean negative = FALSE;

  if (text == NULL || *text == '\0')
    return FALSE;
  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');

  /* A bare number is a count of seconds. */
  if (strspn (p, "0123456789.") == strlen (p))
    {
      char *end = NULL;
      double seconds = g_ascii_strtod (p, &end);

      if (end == p || *end != '\0' || seconds * NS_PER_S > (double) G_MAXINT64)
        return FALSE;
      *out_nanoseconds = (gint64) llround (seconds * NS_PER_S) * (negative ? -1 : 1);
      return TRUE;
    }
  if (g_str_equal (p, "0"))
    {
      *out_nanoseconds = 0;
      return TRUE;
    }

  while (*p != '\0')
    {
      char *end = NULL;
      double value;
      gsize best = 0;
      gint64 unit = 0;

      if (!(g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1]))))
        return FALSE;
      value = g_ascii_strtod (p, &end);
      if (end == p || (*end == 'e' || *end == 'E'))
        return FALSE;
      p = end;
      /* Longest unit that matches ("ms" before "m"). */
      for (gsize i = 0; i < G_N_ELEMENTS (duration_units); i++)
        {
          gsize len = strlen (duration_units[i].unit);
          if (len > best && strncmp (p, duration_units[i].unit, len) == 0)
            best = len, unit = duration_units[i].ns;
        }
      if (best == 0)
        return FALSE;
      p += best;
      total += value * (double) unit;
      if (total > (double) G_MAXINT64)
        return FALSE;
    }
  *out_nanoseconds = (gint64) llround (total) * (negative ? -1 : 1);
  return TRUE;
}

/* Appends V / 10^PREC with trailing zeros (and a lone dot) removed. */
static void
append_fraction (GString *out,
                 guint64  v,
                 int      prec)
{
  char digits[32];
  guint64 whole = v, frac;
  guint64 scale = 1;
  int len;

  for (int i = 0; i < prec; i++)
    scale *= 10;
  whole = v / scale;
  frac = v % scale;
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, whole);
  if (frac == 0)
    return;
  g_snprintf (digits, sizeof digits, "%0*" G_GUINT64_FORMAT, prec, frac);
  len = (int) strlen (digits);
  while (len > 0 && digits[len - 1] == '0')
    digits[--len] = '\0';
  g_string_append_printf (out, ".%s", digits);
}

char *
wharf_duration_format (gint64 nanoseconds)
{
  GString *out;
  guint64 u;

  if (nanoseconds == 0)
    return g_strdup ("0s");
  out = g_string_new (NULL);
  if (nanoseconds < 0)
    {
      g_string_append_c (out, '-');
      u = (guint64) (-(nanoseconds + 1)) + 1;
    }
  else
    u = (guint64) nanoseconds;

  if (u < (guint64) NS_PER_S)
    {
      if (u < (guint64) NS_PER_US)
        g_string_append_printf (out, "%" G_GUINT64_FORMAT "ns", u);
      else if (u < (guint64) NS_PER_MS)
        {
          append_fraction (out, u, 3);
          g_string_append (out, "\xc2\xb5s");
        }
      else
        {
          append_fraction (out, u, 6);
          g_string_append (out, "ms");
        }
      return g_string_free (out, FALSE);
    }

  {
    guint64 hours = u / (3600 * (guint64) NS_PER_S);
    guint64 rest = u % (3600 * (guint64) NS_PER_S);
    guint64 minutes = rest / (60 * (guint64) NS_PER_S);
    guint64 seconds_ns = rest % (60 * (guint64) NS_PER_S);

    if (hours > 0)
      g_string_append_printf (out, "%" G_GUINT64_FORMAT "h", hours);
    if (hours > 0 || minutes > 0)
      g_string_append_printf (out, "%" G_GUINT64_FORMAT "m", minutes);
    append_fraction (out, seconds_ns, 9);
    g_string_append_c (out, 's');
  }
  return g_string_free (out, FALSE);
}

gboolean
wharf_bytes_parse (const char *text,
                   gint64     *out_bytes)
{
  const char *p = text;
  char *end = NULL;
  double value;
  double multiplier = 1;

  if (text == NULL || !g_ascii_isdigit (*p))
    return FALSE;
  value = g_ascii_strtod (p, &end);
  if (end == p)
    return FALSE;
  p = end;
  if (*p == ' ')
    p++;
  switch (g_ascii_tolower (*p))
    {
    case 'k': multiplier = 1024.0; p++; break;
    case 'm': multiplier = 1024.0 * 1024; p++; break;
    case 'g': multiplier = 1024.0 * 1024 * 1024; p++; break;
    case 't': multiplier = 1024.0 * 1024 * 1024 * 1024; p++; break;
    case 'p': multiplier = 1024.0 * 1024 * 1024 * 1024 * 1024; p++; break;
    default: break;
    }
  if (multiplier > 1 && g_ascii_tolower (*p) == 'i')
    p++;
  if (g_ascii_tolower (*p) == 'b')
    p++;
  if (*p != '\0' || value * multiplier > 9.0e18)
    return FALSE;
  *out_bytes = (gint64) (value * multiplier);
  return TRUE;
}

gboolean
wharf_shell_split (const char *text,
                   GStrv      *out_words)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autoptr(GString) word = g_string_new (NULL);
  gboolean in_word = FALSE;
  const char *p = text;

  while (*p != '\0')
    {
      char c = *p;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          if (in_word)
            {
              g_strv_builder_add (words, word->str);
              g_string_truncate (word, 0);
              in_word = FALSE;
            }
          p++;
          continue;
        }
      in_word = TRUE;
      if (c == '\'')
        {
          const char *close = strchr (p + 1, '\'');
          if (close == NULL)
            return FALSE;
          g_string_append_len (word, p + 1, close - p - 1);
          p = close + 1;
        }
      else if (c == '"')
        {
          p++;
          while (*p != '"')
            {
              if (*p == '\0')
                return FALSE;
              if (*p == '\\' && (p[1] == '"' || p[1] == '\\' || p[1] == '$' || p[1] == '`'))
                p++;
              else if (*p == '\\' && p[1] == '\n')
                {
                  p += 2;
                  continue;
                }
              g_string_append_c (word, *p++);
            }
          p++;
        }
      else if (c == '\\')
        {
          if (p[1] == '\0')
            return FALSE;
          if (p[1] != '\n')
            g_string_append_c (word, p[1]);
          p += 2;
        }
      else
        g_string_append_c (word, *p++);
    }
  if (in_word)
    g_strv_builder_add (words, word->str);
  *out_words = g_strv_builder_end (words);
  return TRUE;
}
