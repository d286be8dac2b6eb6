/* fuzz-common.h: shared by the libFuzzer targets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <glib.h>

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A few variables for interpolation: set, set but empty, and values that
 * look like references themselves (they must not be expanded again). */
static inline const char *
fuzz_lookup (const char *name,
             gpointer    user_data)
{
  static const char * const table[] = {
    "A", "1", "B", "", "C", "${A}", "D", "$$", "E", "a b c", "PORT", "8000",
    "TRUE", "true", "_", "underscore", NULL
  };

  for (gsize i = 0; table[i] != NULL; i += 2)
    if (g_str_equal (table[i], name))
      return table[i + 1];
  return NULL;
}

/* Criticals and warnings (a g_return_if_fail () that trips, a GLib misuse)
 * are bugs: make them abort so the fuzzer reports them. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  g_log_writer_default (log_level, fields, n_fields, user_data);
  /* abort (), not GLib's SIGTRAP: libFuzzer then saves the input. */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init_glib (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}
