/* wharf-node-parse-file.c: reading a Compose file for the parser, within
 * the size limit, into one buffer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "wharf-node-private.h"

/* Reads at most WHARF_NODE_MAX_FILE_SIZE bytes, so a huge file or a device
 * such as /dev/zero is refused instead of filling memory. SIZE_HINT (the
 * size stat () gave, or 0) sizes the buffer once: growing it by doubling
 * copied a 1 MB file four times over. */
static char *
read_bounded (const char  *path,
              gsize        size_hint,
              gsize       *length,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  /* Room for the text, one byte to see the end of the file, and a NUL. */
  const gsize cap = (gsize) WHARF_NODE_MAX_FILE_SIZE + 2;
  gsize alloc = MIN (MAX (size_hint, 4096) + 2, cap);
  g_autofree char *data = g_malloc (alloc);
  gsize len = 0;

  in = g_file_read (file, NULL, &local_error);
  if (in == NULL)
    {
      g_set_error (error, WHARF_YAML_ERROR, WHARF_YAML_ERROR_IO, "%s: %s", path, local_error->message);
      return NULL;
    }
  for (;;)
    {
      gssize n;

      if (len + 1 == alloc)
        {
          alloc = MIN (alloc * 2, cap);
          data = g_realloc (data, alloc);
        }
      n = g_input_stream_read (G_INPUT_STREAM (in), data + len, alloc - 1 - len, NULL, &local_error);
      if (n < 0)
        {
          g_set_error (error, WHARF_YAML_ERROR, WHARF_YAML_ERROR_IO, "%s: %s", path, local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      len += (gsize) n;
      if (len > WHARF_NODE_MAX_FILE_SIZE)
        {
          g_set_error (error, WHARF_YAML_ERROR, WHARF_YAML_ERROR_TOO_LARGE,
                       "%s: the file is too large (over %d MB)", path,
                       WHARF_NODE_MAX_FILE_SIZE / (1024 * 1024));
          return NULL;
        }
    }
  data[len] = '\0';
  *length = len;
  return g_steal_pointer (&data);
}

WharfNode *
wharf_node_parse_file (const char  *path,
                       GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;
  gboolean regular = g_stat (path, &st) == 0 && S_ISREG (st.st_mode);

  /* Check the size first, so a huge file is refused before it is read. */
  if (regular && st.st_size > WHARF_NODE_MAX_FILE_SIZE)
    {
      g_set_error (error, WHARF_YAML_ERROR, WHARF_YAML_ERROR_TOO_LARGE,
                   "%s: the file is too large (%.1f MB, the limit is %d MB)", path,
                   st.st_size / 1e6, WHARF_NODE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  contents = read_bounded (path, regular ? (gsize) st.st_size : 0, &length, error);
  if (contents == NULL)
    return NULL;
  return wharf_node_parse (contents, length, path, error);
}
