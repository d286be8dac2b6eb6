/* fuzz-dotenv.c: the ".env" parser on arbitrary bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "wharf-dotenv.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GHashTable) env = NULL;

  /* The parser takes a length: DATA need not be NUL-terminated. */
  env = wharf_dotenv_parse_full ((const char *) data, (gssize) size, "fuzz.env",
                                 fuzz_lookup, NULL, &keys, &error);
  g_assert ((env == NULL) != (error == NULL));
  if (env == NULL)
    {
      g_assert (error->domain == WHARF_DOTENV_ERROR || error->domain == WHARF_INTERPOLATE_ERROR);
      g_assert (g_str_has_prefix (error->message, "fuzz.env:"));
      return 0;
    }

  /* The key list is the table's keys, each once, and values are UTF-8. */
  g_assert (keys->len == g_hash_table_size (env));
  for (guint i = 0; i < keys->len; i++)
    {
      const char *value = g_hash_table_lookup (env, g_ptr_array_index (keys, i));

      g_assert (value != NULL);
      g_assert (g_utf8_validate (value, -1, NULL));
    }
  return 0;
}
