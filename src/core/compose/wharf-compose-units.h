/* wharf-compose-units.h: durations, byte sizes and shell words as Compose
 * reads and prints them (Go's time.Duration, docker/go-units RAMInBytes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "1m30s", "1.5h", "100ms", "2us"; a bare number is seconds. */
gboolean  wharf_duration_parse     (const char  *text,
                                    gint64      *out_nanoseconds);
/* Go's format: "1m30s", "10s", "1h0m0s", "500ms", "0s". */
char     *wharf_duration_format    (gint64       nanoseconds);
/* The same into BUFFER, which holds WHARF_DURATION_BUFFER_SIZE bytes. */
#define WHARF_DURATION_BUFFER_SIZE 40
void      wharf_duration_format_to (gint64       nanoseconds,
                                    char        *buffer);

/* "512m", "1.5G", "1gb", "100" (bytes), binary multiples (1k = 1024). */
gboolean  wharf_bytes_parse        (const char  *text,
                                    gint64      *out_bytes);

/* How Compose prints a number read from TEXT (as wharf_node_new_double ()
 * does: "0.5", "2.0"), worked out from the digits for a plain decimal
 * ("0.50", "2", ".25") with at most 15 significant digits, between 0.0001
 * and 10^15 or zero. FALSE for any other text: the caller then goes
 * through strtod () and printf (). OUT holds 40 bytes. */
gboolean  wharf_decimal_canonical  (const char  *text,
                                    char        *out);

/* Splits a command line like a POSIX shell (quotes, backslashes), without
 * expansion. FALSE on an unterminated quote. */
gboolean  wharf_shell_split        (const char  *text,
                                    GStrv       *out_words);

G_END_DECLS
