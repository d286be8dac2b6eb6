/* wharf-dotenv.h: ".env" files with Docker Compose's rules (compose-go's
 * dotenv package).
 *
 * One statement per line, blank lines and "# comments" ignored:
 *   [export ]KEY=value        also "KEY: value"; blanks around "=" ignored
 *   KEY=unquoted value # c    trimmed; " #" starts a comment ("a#b" does not)
 *   KEY='literal'             no escapes (but \' is a quote), no interpolation
 *   KEY="a\n${B:-x}"          \a \b \f \n \r \t \v \\ \" \$ \0NNN, interpolated,
 *                             may span lines
 *   KEY                       alone: the value LOOKUP gives, or no entry
 * KEY is made of letters, digits, "_", ".", "-", "[" and "]". Interpolation
 * (wharf-interpolate.h) looks a name up with LOOKUP first (the caller's
 * environment: the OS, then whatever it layers), then in the statements
 * above it in the same file. A leading UTF-8 byte order mark is skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-interpolate.h"

G_BEGIN_DECLS

#define WHARF_DOTENV_ERROR (wharf_dotenv_error_quark ())

typedef enum {
  WHARF_DOTENV_ERROR_SYNTAX,     /* "FILE:LINE: unexpected character …" */
  WHARF_DOTENV_ERROR_IO,         /* cannot be read, a folder, too large */
  WHARF_DOTENV_ERROR_ENCODING,   /* not UTF-8, or a NUL byte */
  WHARF_DOTENV_ERROR_NOT_FOUND,  /* the file does not exist (env_file: required: false) */
} WharfDotenvError;

/* Larger files are refused (WHARF_DOTENV_ERROR_IO). */
#define WHARF_DOTENV_MAX_SIZE (8 * 1024 * 1024)

GQuark       wharf_dotenv_error_quark     (void);

/* Parses DATA (LENGTH bytes, or -1 when NUL-terminated). FILENAME names the
 * source in error messages (may be NULL). Returns a table of string → string
 * (both owned by the table). Errors: WHARF_DOTENV_ERROR, or, for a bad
 * "${…}" or a missing required variable inside a value, WHARF_INTERPOLATE_ERROR;
 * messages start with "FILE:LINE: ". */
GHashTable  *wharf_dotenv_parse           (const char       *data,
                                           gssize            length,
                                           const char       *filename,
                                           WharfLookupFunc   lookup,
                                           gpointer          user_data,
                                           GError          **error);

/* Same, and when OUT_KEYS is not NULL sets it to the keys in the order they
 * first appear in the file (a GPtrArray of strings it owns). */
GHashTable  *wharf_dotenv_parse_full      (const char       *data,
                                           gssize            length,
                                           const char       *filename,
                                           WharfLookupFunc   lookup,
                                           gpointer          user_data,
                                           GPtrArray       **out_keys,
                                           GError          **error);

/* Reads and parses the file at PATH (its name is used in messages). */
GHashTable  *wharf_dotenv_parse_file      (const char       *path,
                                           WharfLookupFunc   lookup,
                                           gpointer          user_data,
                                           GError          **error);
GHashTable  *wharf_dotenv_parse_file_full (const char       *path,
                                           WharfLookupFunc   lookup,
                                           gpointer          user_data,
                                           GPtrArray       **out_keys,
                                           GError          **error);

/* Several files in order (repeated --env-file, a service's env_file list),
 * as compose-go's GetEnvFromFile: a later file's value wins, and a "${X}" in
 * file N looks X up with LOOKUP, then in files 1…N-1, then in file N's own
 * earlier statements. OUT_KEYS (may be NULL) lists keys in first-seen order. */
GHashTable  *wharf_dotenv_parse_files     (const char * const *paths,
                                           WharfLookupFunc   lookup,
                                           gpointer          user_data,
                                           GPtrArray       **out_keys,
                                           GError          **error);

G_END_DECLS
