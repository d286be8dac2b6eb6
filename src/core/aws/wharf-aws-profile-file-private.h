/* wharf-aws-profile-file-private.h: the line model shared by the parser
 * and the editor of WharfAwsProfileFile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-profile-file.h"

G_BEGIN_DECLS

typedef enum {
  LINE_BLANK,
  LINE_COMMENT,
  LINE_SECTION,
  LINE_KEY,
  LINE_CONTINUATION,
} LineKind;

typedef struct {
  char     *text;     /* raw, with its line ending when it has one */
  LineKind  kind;
  char     *name;     /* SECTION: header text; KEY: key as written */
  char     *value;    /* KEY: trimmed value; CONTINUATION: trimmed text */
  guint     indent;   /* KEY: leading whitespace */
} Line;

struct _WharfAwsProfileFile
{
  GPtrArray *lines;   /* Line* */
};

#define LINE(file, i) ((Line *) g_ptr_array_index ((file)->lines, (i)))

Line  *wharf_aws_profile_line_new          (LineKind                   kind,
                                            const char                *text);
void   wharf_aws_profile_line_free         (gpointer                   data);
/* Index of SECTION's header, or -1. */
int    wharf_aws_profile_file_find_section (const WharfAwsProfileFile *file,
                                            const char                *section);
/* One past the last line of the section whose header is at HEADER. */
guint  wharf_aws_profile_file_section_end  (const WharfAwsProfileFile *file,
                                            guint                      header);
/* Index of KEY's line in SECTION (case-insensitive), or -1. */
int    wharf_aws_profile_file_find_key     (const WharfAwsProfileFile *file,
                                            const char                *section,
                                            const char                *key);

G_END_DECLS
