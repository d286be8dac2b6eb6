/* wharf-aws-profile-file-edit.c: edits of the line-preserving INI model
 * (set, remove, add and remove sections), keeping untouched lines as they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-aws-profile-file-private.h"

/* The line ending the file uses (so edits of a CRLF file stay CRLF). */
static const char *
eol (const WharfAwsProfileFile *file)
{
  for (guint i = 0; i < file->lines->len; i++)
    if (g_str_has_suffix (LINE (file, i)->text, "\r\n"))
      return "\r\n";
  return "\n";
}

static void
ensure_trailing_newline (WharfAwsProfileFile *file,
                         guint                before)
{
  Line *prev;

  if (before == 0)
    return;
  prev = LINE (file, before - 1);
  if (!g_str_has_suffix (prev->text, "\n"))
    {
      char *text = g_strconcat (prev->text, eol (file), NULL);
      g_free (prev->text);
      prev->text = text;
    }
}

/* Removes the continuation lines (and blank/comment lines among them)
 * following the key at INDEX. */
static void
remove_continuations (WharfAwsProfileFile *file,
                      guint                index)
{
  guint last = index;

  for (guint i = index + 1; i < file->lines->len; i++)
    {
      LineKind kind = LINE (file, i)->kind;
      if (kind == LINE_CONTINUATION)
        last = i;
      else if (kind != LINE_BLANK && kind != LINE_COMMENT)
        break;
    }
  if (last > index)
    g_ptr_array_remove_range (file->lines, index + 1, last - index);
}

void
wharf_aws_profile_file_add_section (WharfAwsProfileFile *file,
                                    const char          *section)
{
  Line *line;

  g_return_if_fail (section != NULL && strchr (section, '\n') == NULL);

  if (wharf_aws_profile_file_find_section (file, section) >= 0)
    return;
  ensure_trailing_newline (file, file->lines->len);
  if (file->lines->len > 0 && LINE (file, file->lines->len - 1)->kind != LINE_BLANK)
    g_ptr_array_add (file->lines, wharf_aws_profile_line_new (LINE_BLANK, eol (file)));
  line = g_new0 (Line, 1);
  line->kind = LINE_SECTION;
  line->name = g_strdup (section);
  line->text = g_strdup_printf ("[%s]%s", section, eol (file));
  g_ptr_array_add (file->lines, line);
}

void
wharf_aws_profile_file_set (WharfAwsProfileFile *file,
                            const char          *section,
                            const char          *key,
                            const char          *value)
{
  int index;
  Line *line;

  g_return_if_fail (section != NULL && key != NULL && value != NULL);
  g_return_if_fail (strpbrk (value, "\r\n") == NULL && strpbrk (key, "=:\r\n") == NULL);

  index = wharf_aws_profile_file_find_key (file, section, key);
  if (index >= 0)
    {
      const char *ending = eol (file);
      char *text;

      line = LINE (file, index);
      remove_continuations (file, index);
      text = g_strdup_printf ("%*s%s = %s%s", (int) line->indent, "", line->name, value, ending);
      g_free (line->text);
      g_free (line->value);
      line->value = g_strdup (value);
      line->text = text;
      return;
    }

  wharf_aws_profile_file_add_section (file, section);
  index = wharf_aws_profile_file_find_section (file, section);
  {
    guint end = wharf_aws_profile_file_section_end (file, index);
    guint insert = index + 1;

    for (guint i = index + 1; i < end; i++)
      if (LINE (file, i)->kind == LINE_KEY || LINE (file, i)->kind == LINE_CONTINUATION)
        insert = i + 1;
    ensure_trailing_newline (file, insert);
    line = g_new0 (Line, 1);
    line->kind = LINE_KEY;
    line->name = g_strdup (key);
    line->value = g_strdup (value);
    line->text = g_strdup_printf ("%s = %s%s", key, value, eol (file));
    g_ptr_array_insert (file->lines, insert, line);
  }
}

gboolean
wharf_aws_profile_file_remove_key (WharfAwsProfileFile *file,
                                   const char          *section,
                                   const char          *key)
{
  int index = wharf_aws_profile_file_find_key (file, section, key);

  if (index < 0)
    return FALSE;
  remove_continuations (file, index);
  g_ptr_array_remove_index (file->lines, index);
  return TRUE;
}

gboolean
wharf_aws_profile_file_remove_section (WharfAwsProfileFile *file,
                                       const char          *section)
{
  int header = wharf_aws_profile_file_find_section (file, section);
  guint end, last;

  if (header < 0)
    return FALSE;
  end = wharf_aws_profile_file_section_end (file, header);
  last = header;
  for (guint i = header + 1; i < end; i++)
    if (LINE (file, i)->kind == LINE_KEY || LINE (file, i)->kind == LINE_CONTINUATION)
      last = i;
  g_ptr_array_remove_range (file->lines, header, last - header + 1);
  /* Do not leave two blank lines where the section was, nor a blank line
   * at the end of the file. */
  if ((guint) header < file->lines->len && LINE (file, header)->kind == LINE_BLANK &&
      (header == 0 || LINE (file, header - 1)->kind == LINE_BLANK))
    g_ptr_array_remove_index (file->lines, header);
  else if ((guint) header == file->lines->len && header > 0 &&
           LINE (file, header - 1)->kind == LINE_BLANK)
    g_ptr_array_remove_index (file->lines, header - 1);
  return TRUE;
}

