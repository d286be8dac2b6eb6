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

/* The value of the digits at P (at most 15, exact in a double), without
 * g_ascii_strtod (): nearly every number in a Compose file is whole.
 * *END gets the first byte after them; the caller goes to strtod () when
 * that byte continues the number. */
static double
read_whole (const char  *p,
            char       **end)
{
  double value = 0;
  const char *q;

  for (q = p; g_ascii_isdigit (*q) && q - p < 15; q++)
    value = value * 10 + (*q - '0');
  *end = (char *) q;
  return value;
}

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
      value = read_whole (p, &end);
      if (*end == '.' || g_ascii_isdigit (*end))
        {
          /* Go's syntax: digits with at most one dot, no exponent or hex. */
          gsize span = strspn (p, "0123456789.");
          const char *dot = memchr (p, '.', span);

          if (dot != NULL && memchr (dot + 1, '.', span - (gsize) (dot + 1 - p)) != NULL)
            return FALSE;
          value = g_ascii_strtod (p, &end);
          if (end != p + span)
            return FALSE;
        }
      if (end == p)
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

/* Durations are printed into a small buffer: the loader formats several
 * per service, and printf () and a GString per value were most of it. */
typedef struct {
  char  *s;
  gsize  len;
} Out;

static void
out_append (Out        *out,
            const char *text,
            gsize       len)
{
  memcpy (out->s + out->len, text, len);
  out->len += len;
}

/* Appends the decimal digits of V. */
static void
append_uint (Out     *out,
             guint64  v)
{
  char digits[24];
  int i = sizeof digits;

  do
    {
      digits[--i] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  out_append (out, digits + i, sizeof digits - (gsize) i);
}

/* Appends V / 10^PREC with trailing zeros (and a lone dot) removed. */
static void
append_fraction (Out     *out,
                 guint64  v,
                 int      prec)
{
  char digits[32];
  guint64 scale = 1;
  guint64 frac;
  int len = prec;

  for (int i = 0; i < prec; i++)
    scale *= 10;
  append_uint (out, v / scale);
  frac = v % scale;
  if (frac == 0)
    return;
  for (int i = prec - 1; i >= 0; i--)
    {
      digits[i] = (char) ('0' + frac % 10);
      frac /= 10;
    }
  while (len > 0 && digits[len - 1] == '0')
    len--;
  out_append (out, ".", 1);
  out_append (out, digits, (gsize) len);
}

void
wharf_duration_format_to (gint64  nanoseconds,
                          char   *buffer)
{
  Out out = { buffer, 0 };
  guint64 u;

  if (nanoseconds < 0)
    {
      out_append (&out, "-", 1);
      u = (guint64) (-(nanoseconds + 1)) + 1;
    }
  else
    u = (guint64) nanoseconds;

  if (u == 0)
    out_append (&out, "0s", 2);
  else if (u < (guint64) NS_PER_US)
    {
      append_uint (&out, u);
      out_append (&out, "ns", 2);
    }
  else if (u < (guint64) NS_PER_MS)
    {
      append_fraction (&out, u, 3);
      out_append (&out, "\xc2\xb5s", 3);
    }
  else if (u < (guint64) NS_PER_S)
    {
      append_fraction (&out, u, 6);
      out_append (&out, "ms", 2);
    }
  else
    {
      guint64 hours = u / (3600 * (guint64) NS_PER_S);
      guint64 rest = u % (3600 * (guint64) NS_PER_S);
      guint64 minutes = rest / (60 * (guint64) NS_PER_S);
      guint64 seconds_ns = rest % (60 * (guint64) NS_PER_S);

      if (hours > 0)
        {
          append_uint (&out, hours);
          out_append (&out, "h", 1);
        }
      if (hours > 0 || minutes > 0)
        {
          append_uint (&out, minutes);
          out_append (&out, "m", 1);
        }
      append_fraction (&out, seconds_ns, 9);
      out_append (&out, "s", 1);
    }
  buffer[out.len] = '\0';
}

char *
wharf_duration_format (gint64 nanoseconds)
{
  char buffer[WHARF_DURATION_BUFFER_SIZE];

  wharf_duration_format_to (nanoseconds, buffer);
  return g_strdup (buffer);
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
  value = read_whole (p, &end);
  if (*end == '.' || g_ascii_isdigit (*end) || *end == 'e' || *end == 'E')
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
wharf_decimal_canonical (const char *text,
                         char       *out)
{
  const char *int_start = text, *int_end, *frac_start, *frac_end;
  gsize int_len, frac_len, leading_frac_zeros = 0;
  char *o = out;

  while (*int_start == '0')
    int_start++;
  for (int_end = int_start; g_ascii_isdigit (*int_end); int_end++)
    ;
  frac_start = frac_end = int_end;
  if (*int_end == '.')
    {
      frac_start = int_end + 1;
      for (frac_end = frac_start; g_ascii_isdigit (*frac_end); frac_end++)
        ;
    }
  /* Digits, at most one dot, at least one digit, nothing else. */
  if (*frac_end != '\0' || (int_end == text && frac_end == frac_start))
    return FALSE;
  while (frac_end > frac_start && frac_end[-1] == '0')
    frac_end--;
  int_len = (gsize) (int_end - int_start);
  frac_len = (gsize) (frac_end - frac_start);
  if (int_len == 0)
    while (leading_frac_zeros < frac_len && frac_start[leading_frac_zeros] == '0')
      leading_frac_zeros++;
  /* %.15g would round more digits, and turns to exponents out of range. */
  if (int_len > 15 || int_len + frac_len - leading_frac_zeros > 15 ||
      (int_len == 0 && frac_len > 0 && leading_frac_zeros > 3))
    return FALSE;

  if (int_len == 0)
    *o++ = '0';
  memcpy (o, int_start, int_len);
  o += int_len;
  *o++ = '.';
  if (frac_len == 0)
    *o++ = '0';   /* a whole number: "%.1f" */
  memcpy (o, frac_start, frac_len);
  o += frac_len;
  *o = '\0';
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
