/* fuzz-interpolate.c: wharf_interpolate_full () and the tree walker on
 * arbitrary text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fuzz-common.h"
#include "wharf-interpolate.h"

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
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GPtrArray) referenced = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unset = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) node_error = NULL;
  g_autofree char *result = NULL;
  g_autoptr(WharfNode) root = wharf_node_new_mapping ("fuzz.yaml", 1, 1);
  WharfNode *value;

  result = wharf_interpolate_full (text, fuzz_lookup, NULL, referenced, unset, &error);
  /* Exactly one of a result and an error, of our domain. */
  g_assert ((result == NULL) != (error == NULL));
  if (error != NULL)
    g_assert (error->domain == WHARF_INTERPOLATE_ERROR && error->message != NULL);
  /* Text without "$" is returned unchanged. */
  if (!wharf_interpolate_has_references (text))
    g_assert (result != NULL && strcmp (result, text) == 0);
  /* Every unset name was also referenced, and none is set. */
  for (guint i = 0; i < unset->len; i++)
    {
      g_assert (fuzz_lookup (g_ptr_array_index (unset, i), NULL) == NULL);
      g_assert (g_ptr_array_find_with_equal_func (referenced, g_ptr_array_index (unset, i),
                                                  g_str_equal, NULL));
    }

  /* The walker gives the same text, or the same error with a prefix. */
  value = wharf_node_new_scalar (text, WHARF_SCALAR_STRING, "fuzz.yaml", 2, 3);
  wharf_node_mapping_set (root, "key", value);
  if (wharf_interpolate_node (root, fuzz_lookup, NULL, "services.x", &node_error))
    g_assert (result != NULL && strcmp (wharf_node_get_scalar (value), result) == 0);
  else
    g_assert (error != NULL && node_error->code == error->code &&
              g_str_has_prefix (node_error->message, "fuzz.yaml:2:3: services.x.key: "));
  return 0;
}
