/* wharf-dotenv.c: ".env" parser with compose-go's rules.
 *
 * Follows compose-go/dotenv (v2) statement by statement; the differences are
 * deliberate and small: a KEY alone on the last line (no newline) is
 * inherited like one on any other line (compose-go reads it as a value of
 * the empty key), a key with a tab inside is refused like one with a space,
 * and "\0000" stays as written because a value cannot hold a NUL byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "wharf-dotenv.h"

G_DEFINE_QUARK (wharf-dotenv-error-quark, wharf_dotenv_error)

typedef struct
{
  const char      *start;      /* first byte after the BOM */
  const char      *end;
  const char      *filename;
  WharfLookupFunc  lookup;
  gpointer         user_data;
  GHashTable      *values;
  GPtrArray       *keys;
} Parser;

/* Go's unicode.IsSpace: ASCII blanks, NEL, and the Z* categories. */
static gboolean
is_unicode_space (gunichar c)
{
  switch (c)
    {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
      return TRUE;
    default:
      if (c < 0x100)
        return FALSE;
      switch (g_unichar_type (c))
        {
        case G_UNICODE_SPACE_SEPARATOR:
        case G_UNICODE_LINE_SEPARATOR:
        case G_UNICODE_PARAGRAPH_SEPARATOR:
          return TRUE;
        default:
          return FALSE;
        }
    }
}

/* compose-go's isSpace: a blank that is not a line break. */
static gboolean
is_blank (gunichar c)
{
  switch (c)
    {
    case '\t': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_key_char (gunichar c)
{
  return c == '_' || c == '.' || c == '-' || c == '[' || c == ']' ||
         g_unichar_isalpha (c) || g_unichar_isdigit (c) ||
         g_unichar_type (c) == G_UNICODE_LETTER_NUMBER ||
         g_unichar_type (c) == G_UNICODE_OTHER_NUMBER;
}

static const char *
skip_while (const char  *p,
            const char  *end,
            gboolean   (*predicate) (gunichar))
{
  while (p < end && predicate (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

static const char *
line_end (const char *p,
          const char *end)
{
  const char *nl = memchr (p, '\n', end - p);
  return nl != NULL ? nl : end;
}

/* The rest of the line at P, for messages: at most 80 bytes. */
static char *
line_excerpt (const char *p,
              const char *end)
{
  const char *eol = line_end (p, end);
  const char *stop = p;

  while (stop < eol && stop - p < 80)
    stop = g_utf8_next_char (stop);
  if (stop < eol)
    return g_strdup_printf ("%.*s…", (int) (stop - p), p);
  return g_strndup (p, eol - p);
}

static guint
line_of (Parser     *ps,
         const char *at)
{
  guint line = 1;

  for (const char *p = ps->start; p < at && p < ps->end; p++)
    if (*p == '\n')
      line++;
  return line;
}

static char *
location (Parser     *ps,
          const char *at)
{
  if (ps->filename != NULL)
    return g_strdup_printf ("%s:%u", ps->filename, line_of (ps, at));
  return g_strdup_printf (_("line %u"), line_of (ps, at));
}

static gboolean G_GNUC_PRINTF (4, 5)
fail (Parser      *ps,
      const char  *at,
      GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *where = location (ps, at);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_SYNTAX, "%s: %s", where, message);
  return FALSE;
}

/* Interpolation sees the caller's variables first, then this file's. */
static const char *
chained_lookup (const char *name,
                gpointer    user_data)
{
  Parser *ps = user_data;
  const char *value = ps->lookup != NULL ? ps->lookup (name, ps->user_data) : NULL;

  return value != NULL ? value : g_hash_table_lookup (ps->values, name);
}

static char *
interpolate (Parser      *ps,
             const char  *at,
             const char  *text,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *result = wharf_interpolate (text, chained_lookup, ps, &local_error);

  if (result == NULL)
    {
      g_autofree char *where = location (ps, at);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", where);
    }
  return result;
}

static void
set_value (Parser *ps,
           char   *key,
           char   *value)
{
  if (!g_hash_table_contains (ps->values, key))
    g_ptr_array_add (ps->keys, g_strdup (key));
  g_hash_table_replace (ps->values, key, value);
}

/* Backslash escapes of a double-quoted value, as compose-go's
 * expandEscapes (itself Go's rune literals limited to the POSIX echo set).
 * "\$" becomes "$$" so that interpolation then yields a literal "$". */
static char *
expand_escapes (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));

  for (const char *p = s; *p != '\0'; p++)
    {
      const char *simple = "a\ab\bf\fn\nr\rt\tv\v\\\\\"\"";
      const char *hit;

      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      hit = strchr (simple, p[1]);
      if (hit != NULL && (hit - simple) % 2 == 0)
        {
          g_string_append_c (out, hit[1]);
          p++;
        }
      else if (p[1] == '$')
        {
          g_string_append (out, "$$");
          p++;
        }
      else if (p[1] == '0')
        {
          /* "\0" and up to three digits; exactly three octal digits make a
           * character, anything else stays as written. */
          gsize n = 0;
          guint value = 0;
          gboolean octal = TRUE;

          while (n < 3 && g_ascii_isdigit (p[2 + n]))
            {
              octal = octal && p[2 + n] <= '7';
              value = value * 8 + (p[2 + n] - '0');
              n++;
            }
          if (n == 3 && octal && value > 0 && value <= 0xFF)
            g_string_append_unichar (out, value);
          else
            g_string_append_len (out, p, 2 + n);
          p += 1 + n;
        }
      else
        g_string_append_c (out, '\\');
    }
  return g_string_free (out, FALSE);
}

/* A quoted value starting at P (on the quote). Sets *REST after the
 * closing quote. */
static char *
quoted_value (Parser      *ps,
              const char  *p,
              const char **rest,
              GError     **error)
{
  char quote = *p;
  g_autoptr(GString) raw = g_string_new (NULL);
  gboolean escaped = FALSE;

  for (const char *q = p + 1; q < ps->end; q++)
    {
      if (escaped)
        {
          /* An escaped quote loses its backslash; other escapes keep it. */
          escaped = FALSE;
          if (*q != quote)
            g_string_append_c (raw, '\\');
          g_string_append_c (raw, *q);
        }
      else if (*q == '\\')
        escaped = TRUE;
      else if (*q == quote)
        {
          *rest = q + 1;
          if (quote == '"')
            {
              g_autofree char *unescaped = expand_escapes (raw->str);
              return interpolate (ps, p, unescaped, error);
            }
          return g_string_free (g_steal_pointer (&raw), FALSE);
        }
      else
        g_string_append_c (raw, *q);
    }

  {
    g_autofree char *text = line_excerpt (p, ps->end);
    fail (ps, p, error, _("unterminated quoted value %s"), text);
  }
  return NULL;
}

/* An unquoted value: the rest of the line, up to a " #" comment, trimmed. */
static char *
unquoted_value (Parser      *ps,
                const char  *p,
                const char **rest,
                GError     **error)
{
  const char *eol = line_end (p, ps->end);
  const char *stop = eol;
  g_autofree char *text = NULL;

  for (const char *q = p; q + 1 < eol; q++)
    if (q[0] == ' ' && q[1] == '#')
      {
        stop = q;
        break;
      }
  while (stop > p)
    {
      const char *prev = g_utf8_prev_char (stop);
      if (!is_unicode_space (g_utf8_get_char (prev)))
        break;
      stop = prev;
    }

  *rest = eol;
  text = g_strndup (p, stop - p);
  return interpolate (ps, p, text, error);
}

static gboolean
is_export_blank (gunichar c)
{
  /* Go's \s in "^export\s+". */
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* One "KEY=value" or "KEY" statement at P; returns where the next one may
 * start, or NULL on error. */
static const char *
parse_statement (Parser      *ps,
                 const char  *p,
                 GError     **error)
{
  const char *line = p;
  const char *key_end = NULL;
  const char *q;
  g_autofree char *key = NULL;
  char *value;
  gboolean inherited = FALSE;

  if (ps->end - p > 6 && strncmp (p, "export", 6) == 0 && is_export_blank (p[6]))
    p = skip_while (p + 6, ps->end, is_blank);

  for (q = p; q < ps->end; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);

      if (is_blank (c))
        continue;
      if (c == '=' || c == ':' || c == '\n')
        {
          key_end = q;
          inherited = c == '\n';
          break;
        }
      if (!is_key_char (c))
        {
          g_autofree char *text = line_excerpt (line, ps->end);
          char ch[8] = { 0 };

          g_unichar_to_utf8 (c, ch);
          fail (ps, q, error, _("unexpected character “%s” in variable name “%s”"), ch, text);
          return NULL;
        }
    }
  if (key_end == NULL)          /* a KEY alone on the last line */
    key_end = ps->end, inherited = TRUE;

  {
    const char *k_end = key_end;
    while (k_end > p && is_unicode_space (g_utf8_get_char (g_utf8_prev_char (k_end))))
      k_end = g_utf8_prev_char (k_end);
    key = g_strndup (p, k_end - p);
  }
  for (const char *k = key; *k != '\0'; k = g_utf8_next_char (k))
    if (is_unicode_space (g_utf8_get_char (k)))
      {
        fail (ps, line, error, _("key “%s” cannot contain a space"), key);
        return NULL;
      }

  if (inherited)
    {
      const char *inherited_value = NULL;

      if (*key != '\0' && ps->lookup != NULL)
        inherited_value = ps->lookup (key, ps->user_data);
      if (inherited_value != NULL)
        set_value (ps, g_steal_pointer (&key), g_strdup (inherited_value));
      return key_end < ps->end ? key_end + 1 : ps->end;
    }

  q = skip_while (key_end + 1, ps->end, is_blank);
  if (q < ps->end && (*q == '"' || *q == '\''))
    value = quoted_value (ps, q, &q, error);
  else
    value = unquoted_value (ps, q, &q, error);
  if (value == NULL)
    return NULL;
  set_value (ps, g_steal_pointer (&key), value);
  return q;
}

static gboolean
parse (Parser  *ps,
       GError **error)
{
  const char *p = ps->start;

  while (p != NULL)
    {
      p = skip_while (p, ps->end, is_unicode_space);
      if (p >= ps->end)
        return TRUE;
      if (*p == '#')
        {
          p = line_end (p, ps->end);
          continue;
        }
      p = parse_statement (ps, p, error);
    }
  return FALSE;
}

GHashTable *
wharf_dotenv_parse_full (const char       *data,
                         gssize            length,
                         const char       *filename,
                         WharfLookupFunc   lookup,
                         gpointer          user_data,
                         GPtrArray       **out_keys,
                         GError          **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  Parser ps = { 0 };
  const char *invalid = NULL;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  ps.start = data != NULL ? data : "";
  ps.end = ps.start + len;
  if (len >= 3 && memcmp (ps.start, "\xEF\xBB\xBF", 3) == 0)
    ps.start += 3;
  ps.filename = filename;
  ps.lookup = lookup;
  ps.user_data = user_data;
  ps.values = values;
  ps.keys = keys;

  /* g_utf8_validate_len() also stops at a NUL byte, which no value can hold. */
  if (!g_utf8_validate_len (ps.start, ps.end - ps.start, &invalid))
    {
      g_autofree char *where = location (&ps, invalid);
      g_set_error (error, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_ENCODING,
                   _("%s: not valid UTF-8 text (byte 0x%02x)"), where, (guchar) *invalid);
      return NULL;
    }

  if (!parse (&ps, error))
    return NULL;

  if (out_keys != NULL)
    *out_keys = g_steal_pointer (&keys);
  return g_steal_pointer (&values);
}

GHashTable *
wharf_dotenv_parse (const char       *data,
                    gssize            length,
                    const char       *filename,
                    WharfLookupFunc   lookup,
                    gpointer          user_data,
                    GError          **error)
{
  return wharf_dotenv_parse_full (data, length, filename, lookup, user_data, NULL, error);
}
