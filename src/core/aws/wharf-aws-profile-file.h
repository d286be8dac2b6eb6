/* wharf-aws-profile-file.h: an AWS shared config or credentials file
 * (INI as botocore's RawConfigParser reads it), kept line by line so that
 * writing it back keeps every byte that was not edited: comments, blank
 * lines, unknown keys and sections, key spelling and order.
 *
 * Section names are the raw header text ("default", "profile dev",
 * "sso-session corp", "services fake"); keys are case-insensitive (stored
 * as written, looked up lower-case). A key with an empty value followed by
 * indented lines holds a sub-section ("cloudformation =\n  endpoint_url = …").
 *
 * Parsing is pure (bytes in); only _load() and _save() do I/O.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-error.h"

G_BEGIN_DECLS

typedef struct _WharfAwsProfileFile WharfAwsProfileFile;

WharfAwsProfileFile *wharf_aws_profile_file_new             (void);
/* FILENAME is only used in error messages (may be NULL). Errors:
 * WHARF_AWS_ERROR_PARSE (with the line number) for a key outside any
 * section, a line that is neither a section, a key nor a comment, an
 * unterminated section header, a duplicated section or key (botocore
 * refuses those too). */
WharfAwsProfileFile *wharf_aws_profile_file_parse           (const char          *data,
                                                             gsize                length,
                                                             const char          *filename,
                                                             GError             **error);
/* A missing file is an empty file. Errors: WHARF_AWS_ERROR_IO,
 * WHARF_AWS_ERROR_PARSE. */
WharfAwsProfileFile *wharf_aws_profile_file_load            (const char          *path,
                                                             GError             **error);
void                 wharf_aws_profile_file_free            (WharfAwsProfileFile *file);

/* The whole text (NUL-terminated; LENGTH may be NULL). */
char                *wharf_aws_profile_file_to_data         (const WharfAwsProfileFile *file,
                                                             gsize               *length);
/* Atomic write (temporary file + rename, through a symlink to its target),
 * creating the parent folder (mode 0700) when needed. MODE: the file's
 * permissions, or -1 to keep the current ones (0600 for a new file). */
gboolean             wharf_aws_profile_file_save            (const WharfAwsProfileFile *file,
                                                             const char          *path,
                                                             int                  mode,
                                                             GError             **error);

/* Section names in file order. */
GStrv                wharf_aws_profile_file_get_sections    (const WharfAwsProfileFile *file);
gboolean             wharf_aws_profile_file_has_section     (const WharfAwsProfileFile *file,
                                                             const char          *section);
/* Keys of SECTION as written, in file order (NULL when no such section). */
GStrv                wharf_aws_profile_file_get_keys        (const WharfAwsProfileFile *file,
                                                             const char          *section);
/* The value (trimmed; "" for a sub-section key), or NULL. */
const char          *wharf_aws_profile_file_get             (const WharfAwsProfileFile *file,
                                                             const char          *section,
                                                             const char          *key);
/* A value inside KEY's sub-section, or NULL (newly allocated). */
char                *wharf_aws_profile_file_get_nested      (const WharfAwsProfileFile *file,
                                                             const char          *section,
                                                             const char          *key,
                                                             const char          *subkey);

/* Edits. Set replaces the value in place (keeping the key's line position,
 * dropping a sub-section it had) or appends "key = value" after the
 * section's last key, adding the section at the end when needed. VALUE
 * must be one line. */
void                 wharf_aws_profile_file_set             (WharfAwsProfileFile *file,
                                                             const char          *section,
                                                             const char          *key,
                                                             const char          *value);
gboolean             wharf_aws_profile_file_remove_key      (WharfAwsProfileFile *file,
                                                             const char          *section,
                                                             const char          *key);
/* Adds "[SECTION]" at the end (no-op when it exists). */
void                 wharf_aws_profile_file_add_section     (WharfAwsProfileFile *file,
                                                             const char          *section);
/* Removes the header and its keys (comments after the last key stay, as
 * they usually introduce the next section). */
gboolean             wharf_aws_profile_file_remove_section  (WharfAwsProfileFile *file,
                                                             const char          *section);

/* Profile sections of the config file (botocore's build_profile_map):
 * "default" → "default", "profile dev" → "dev", other sections → NULL. */
char                *wharf_aws_profile_file_profile_of_section   (const char          *section);
/* The config-file section holding PROFILE ("default", "profile NAME";
 * [default] wins over [profile default]), or NULL. */
char                *wharf_aws_profile_file_find_profile_section (const WharfAwsProfileFile *file,
                                                                  const char          *profile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfAwsProfileFile, wharf_aws_profile_file_free)

G_END_DECLS
