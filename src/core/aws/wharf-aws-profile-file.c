/* wharf-aws-profile-file.c: line-preserving INI model of ~/.aws/config
 * and ~/.aws/credentials.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wharf-aws-profile-file-private.h"

void
wharf_aws_profile_line_free (gpointer data)
{
  Line *line = data;

  g_free (line->text);
  g_free (line->name);
  g_free (line->value);
  g_free (line);
}

Line *
wharf_aws_profile_line_new (LineKind    kind,
                            const char *text)
{
  Line *line = g_new0 (Line, 1);

  line->kind = kind;
  line->text = g_strdup (text);
  return line;
}

WharfAwsProfileFile *
wharf_aws_profile_file_new (void)
{
  WharfAwsProfileFile *file = g_new0 (WharfAwsProfileFile, 1);

  file->lines = g_ptr_array_new_with_free_func (wharf_aws_profile_line_free);
  return file;
}

void
wharf_aws_profile_file_free (WharfAwsProfileFile *file)
{
  if (file == NULL)
    return;
  g_ptr_array_unref (file->lines);
  g_free (file);
}

/* Index of SECTION's header, or -1. */
int
wharf_aws_profile_file_find_section (const WharfAwsProfileFile *file,
              const char                *section)
{
  for (guint i = 0; i < file->lines->len; i++)
    if (LINE (file, i)->kind == LINE_SECTION && strcmp (LINE (file, i)->name, section) == 0)
      return (int) i;
  return -1;
}

/* One past the last line of the section starting at HEADER. */
guint
wharf_aws_profile_file_section_end (const WharfAwsProfileFile *file,
             guint                      header)
{
  guint i = header + 1;

  while (i < file->lines->len && LINE (file, i)->kind != LINE_SECTION)
    i++;
  return i;
}

/* Index of KEY's line in SECTION, or -1. */
int
wharf_aws_profile_file_find_key (const WharfAwsProfileFile *file,
          const char                *section,
          const char                *key)
{
  int header = wharf_aws_profile_file_find_section (file, section);
  guint end;

  if (header < 0)
    return -1;
  end = wharf_aws_profile_file_section_end (file, header);
  for (guint i = header + 1; i < end; i++)
    if (LINE (file, i)->kind == LINE_KEY && g_ascii_strcasecmp (LINE (file, i)->name, key) == 0)
      return (int) i;
  return -1;
}

static gboolean
parse_error (GError    **error,
             const char *filename,
             guint       line_number,
             const char *reason)
{
  g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PARSE, "%s:%u: %s",
               filename != NULL ? filename : _("(config)"), line_number, reason);
  return FALSE;
}

/* Classifies one line; CURRENT_KEY is the last KEY line of the section. */
static gboolean
classify (WharfAwsProfileFile *file,
          Line                *line,
          const char          *content,
          Line               **current_key,
          gboolean             in_section,
          const char          *filename,
          guint                number,
          GError             **error)
{
  const char *start = content;
  g_autofree char *stripped = g_strstrip (g_strdup (content));
  const char *delim;

  while (*start == ' ' || *start == '\t')
    start++;
  if (*stripped == '\0')
    {
      line->kind = LINE_BLANK;
      return TRUE;
    }
  if (*stripped == '#' || *stripped == ';')
    {
      line->kind = LINE_COMMENT;
      return TRUE;
    }
  if (*current_key != NULL && (guint) (start - content) > (*current_key)->indent)
    {
      line->kind = LINE_CONTINUATION;
      line->value = g_steal_pointer (&stripped);
      return TRUE;
    }
  if (*stripped == '[')
    {
      const char *close = strrchr (stripped, ']');
      if (close == NULL || close == stripped + 1)
        return parse_error (error, filename, number, _("Section header is not closed by “]”"));
      line->kind = LINE_SECTION;
      line->name = g_strndup (stripped + 1, close - stripped - 1);
      if (wharf_aws_profile_file_find_section (file, line->name) >= 0)
        return parse_error (error, filename, number, _("Section appears twice"));
      *current_key = NULL;
      return TRUE;
    }
  if (!in_section)
    return parse_error (error, filename, number, _("Setting before the first [section]"));
  delim = strpbrk (stripped, "=:");
  if (delim == NULL || delim == stripped)
    return parse_error (error, filename, number, _("Line is not “key = value”"));
  line->kind = LINE_KEY;
  line->name = g_strstrip (g_strndup (stripped, delim - stripped));
  line->value = g_strstrip (g_strdup (delim + 1));
  line->indent = start - content;
  for (guint i = file->lines->len; i > 0 && LINE (file, i - 1)->kind != LINE_SECTION; i--)
    if (LINE (file, i - 1)->kind == LINE_KEY &&
        g_ascii_strcasecmp (LINE (file, i - 1)->name, line->name) == 0)
      return parse_error (error, filename, number, _("Key appears twice in the same section"));
  *current_key = line;
  return TRUE;
}

WharfAwsProfileFile *
wharf_aws_profile_file_parse (const char *data,
                              gsize       length,
                              const char *filename,
                              GError    **error)
{
  g_autoptr(WharfAwsProfileFile) file = wharf_aws_profile_file_new ();
  Line *current_key = NULL;
  gboolean in_section = FALSE;
  gsize pos = 0;
  guint number = 0;

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PARSE,
                   _("%s: not UTF-8 text"), filename != NULL ? filename : _("(config)"));
      return NULL;
    }
  while (pos < length)
    {
      const char *nl = memchr (data + pos, '\n', length - pos);
      gsize end = nl != NULL ? (gsize) (nl - data) + 1 : length;
      g_autofree char *text = g_strndup (data + pos, end - pos);
      g_autofree char *content = g_strdup (text);
      gsize clen = strlen (content);
      Line *line = wharf_aws_profile_line_new (LINE_BLANK, text);

      number++;
      while (clen > 0 && (content[clen - 1] == '\n' || content[clen - 1] == '\r'))
        content[--clen] = '\0';
      if (strlen (text) != end - pos ||
          !classify (file, line, content, &current_key, in_section, filename, number, error))
        {
          if (error != NULL && *error == NULL)
            parse_error (error, filename, number, _("Line contains a NUL byte"));
          wharf_aws_profile_line_free (line);
          return NULL;
        }
      if (line->kind == LINE_SECTION)
        in_section = TRUE;
      g_ptr_array_add (file->lines, line);
      pos = end;
    }
  return g_steal_pointer (&file);
}

WharfAwsProfileFile *
wharf_aws_profile_file_load (const char *path,
                             GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return wharf_aws_profile_file_new ();
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return wharf_aws_profile_file_parse (data, length, path, error);
}

char *
wharf_aws_profile_file_to_data (const WharfAwsProfileFile *file,
                                gsize                     *length)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < file->lines->len; i++)
    g_string_append (out, LINE (file, i)->text);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
wharf_aws_profile_file_save (const WharfAwsProfileFile *file,
                             const char                *path,
                             int                        mode,
                             GError                   **error)
{
  g_autofree char *target = realpath (path, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  /* Write through a symlink to its target, as editors and the CLI do. */
  if (target == NULL)
    target = g_strdup (path);
  if (mode < 0)
    mode = g_stat (target, &st) == 0 ? (int) (st.st_mode & 0777) : 0600;
  dir = g_path_get_dirname (target);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_IO, _("Cannot create folder %s: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  data = wharf_aws_profile_file_to_data (file, &length);
  if (!g_file_set_contents_full (target, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 mode, &local_error))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  /* The umask may have narrowed the mode of the new file. */
  if (g_chmod (target, mode) != 0)
    {
      int saved = errno;
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_IO, _("Cannot set permissions of %s: %s"),
                   target, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* ---- queries ----------------------------------------------------------------- */

GStrv
wharf_aws_profile_file_get_sections (const WharfAwsProfileFile *file)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < file->lines->len; i++)
    if (LINE (file, i)->kind == LINE_SECTION)
      g_strv_builder_add (builder, LINE (file, i)->name);
  return g_strv_builder_end (builder);
}

gboolean
wharf_aws_profile_file_has_section (const WharfAwsProfileFile *file,
                                    const char                *section)
{
  return wharf_aws_profile_file_find_section (file, section) >= 0;
}

GStrv
wharf_aws_profile_file_get_keys (const WharfAwsProfileFile *file,
                                 const char                *section)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  int header = wharf_aws_profile_file_find_section (file, section);
  guint end;

  if (header < 0)
    return NULL;
  builder = g_strv_builder_new ();
  end = wharf_aws_profile_file_section_end (file, header);
  for (guint i = header + 1; i < end; i++)
    if (LINE (file, i)->kind == LINE_KEY)
      g_strv_builder_add (builder, LINE (file, i)->name);
  return g_strv_builder_end (builder);
}

const char *
wharf_aws_profile_file_get (const WharfAwsProfileFile *file,
                            const char                *section,
                            const char                *key)
{
  int index = wharf_aws_profile_file_find_key (file, section, key);

  return index >= 0 ? LINE (file, index)->value : NULL;
}

char *
wharf_aws_profile_file_get_nested (const WharfAwsProfileFile *file,
                                   const char                *section,
                                   const char                *key,
                                   const char                *subkey)
{
  int index = wharf_aws_profile_file_find_key (file, section, key);

  if (index < 0)
    return NULL;
  for (guint i = index + 1; i < file->lines->len; i++)
    {
      Line *line = LINE (file, i);
      const char *delim;
      g_autofree char *name = NULL;

      if (line->kind == LINE_BLANK || line->kind == LINE_COMMENT)
        continue;
      if (line->kind != LINE_CONTINUATION)
        break;
      delim = strpbrk (line->value, "=:");
      if (delim == NULL)
        continue;
      name = g_strstrip (g_strndup (line->value, delim - line->value));
      if (g_ascii_strcasecmp (name, subkey) == 0)
        return g_strstrip (g_strdup (delim + 1));
    }
  return NULL;
}

/* ---- profiles ------------------------------------------------------------ */

char *
wharf_aws_profile_file_profile_of_section (const char *section)
{
  g_autofree char *name = NULL;

  if (strcmp (section, "default") == 0)
    return g_strdup (section);
  if (!g_str_has_prefix (section, "profile") || (section[7] != ' ' && section[7] != '\t'))
    return NULL;
  name = g_strstrip (g_strdup (section + 7));
  if (*name == '\0' || strpbrk (name, " \t") != NULL)
    return NULL;
  return g_steal_pointer (&name);
}

char *
wharf_aws_profile_file_find_profile_section (const WharfAwsProfileFile *file,
                                             const char                *profile)
{
  char *found = NULL;

  for (guint i = 0; i < file->lines->len; i++)
    {
      Line *line = LINE (file, i);
      g_autofree char *name = NULL;

      if (line->kind != LINE_SECTION)
        continue;
      name = wharf_aws_profile_file_profile_of_section (line->name);
      if (name == NULL || strcmp (name, profile) != 0)
        continue;
      /* [default] wins over [profile default]. */
      if (found == NULL || strcmp (line->name, "default") == 0)
        {
          g_free (found);
          found = g_strdup (line->name);
        }
    }
  return found;
}
