/* fuzz-yaml.c: the YAML loader (wharf_node_parse) on arbitrary bytes, then
 * interpolation and both writers on what it accepts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "wharf-interpolate.h"
#include "wharf-node.h"

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
  g_autoptr(WharfNode) root = NULL;
  g_autoptr(WharfNode) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *yaml = NULL;
  gsize yaml_length = 0;

  root = wharf_node_parse ((const char *) data, size, "fuzz.yaml", &error);
  g_assert ((root == NULL) != (error == NULL));
  if (root == NULL)
    {
      g_assert (error->domain == WHARF_YAML_ERROR);
      return 0;
    }

  copy = wharf_node_copy (root);
  g_assert (wharf_node_equal (root, copy));

  json = wharf_node_to_json (root, FALSE);
  g_assert (json != NULL);
  yaml = wharf_node_to_yaml (root, &yaml_length, &error);
  g_assert ((yaml == NULL) != (error == NULL));
  g_clear_error (&error);

  /* Interpolation works on the copy and never touches the original. */
  if (!wharf_interpolate_node (copy, fuzz_lookup, NULL, NULL, &error))
    g_assert (error != NULL && error->domain == WHARF_INTERPOLATE_ERROR);
  return 0;
}
