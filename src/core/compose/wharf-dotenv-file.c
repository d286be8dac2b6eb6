/* wharf-dotenv-file.c: reading ".env" files (the I/O around the pure
 * parser in wharf-dotenv.c), alone or layered like repeated --env-file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wharf-dotenv.h"

static gboolean
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path)
{
  g_set_error (error, WHARF_DOTENV_ERROR,
               saved_errno == ENOENT ? WHARF_DOTENV_ERROR_NOT_FOUND : WHARF_DOTENV_ERROR_IO,
               "%s: %s", path, g_strerror (saved_errno));
  return FALSE;
}

/* Reads at most WHARF_DOTENV_MAX_SIZE bytes. Pipes are fine
 * (--env-file <(sops -d .env)); endless devices such as /dev/zero end in an
 * error instead of exhausting memory. */
static gboolean
read_bounded (const char  *path,
              GByteArray  *contents,
              GError     **error)
{
  GStatBuf st;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return set_io_error (error, errno, path);
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_IO,
                   _("%s: is a folder, not an env file"), path);
      return FALSE;
    }

  for (;;)
    {
      guint8 buffer[16384];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_close (fd, NULL);
          return set_io_error (error, saved_errno, path);
        }
      if (n == 0)
        break;
      if (contents->len + (gsize) n > WHARF_DOTENV_MAX_SIZE)
        {
          g_close (fd, NULL);
          g_set_error (error, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_IO,
                       _("%s: too large for an env file (more than %d bytes)"),
                       path, WHARF_DOTENV_MAX_SIZE);
          return FALSE;
        }
      g_byte_array_append (contents, buffer, n);
    }
  g_close (fd, NULL);
  return TRUE;
}

GHashTable *
wharf_dotenv_parse_file_full (const char       *path,
                              WharfLookupFunc   lookup,
                              gpointer          user_data,
                              GPtrArray       **out_keys,
                              GError          **error)
{
  g_autoptr(GByteArray) contents = g_byte_array_new ();

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_bounded (path, contents, error))
    return NULL;
  return wharf_dotenv_parse_full ((const char *) contents->data, contents->len, path,
                                  lookup, user_data, out_keys, error);
}

GHashTable *
wharf_dotenv_parse_file (const char       *path,
                         WharfLookupFunc   lookup,
                         gpointer          user_data,
                         GError          **error)
{
  return wharf_dotenv_parse_file_full (path, lookup, user_data, NULL, error);
}

typedef struct
{
  WharfLookupFunc  lookup;
  gpointer         user_data;
  GHashTable      *earlier;
} Layers;

static const char *
layered_lookup (const char *name,
                gpointer    user_data)
{
  Layers *layers = user_data;
  const char *value = layers->lookup != NULL ? layers->lookup (name, layers->user_data) : NULL;

  return value != NULL ? value : g_hash_table_lookup (layers->earlier, name);
}

GHashTable *
wharf_dotenv_parse_files (const char * const *paths,
                          WharfLookupFunc     lookup,
                          gpointer            user_data,
                          GPtrArray         **out_keys,
                          GError            **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  Layers layers = { lookup, user_data, values };

  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (gsize i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) file_keys = NULL;
      g_autoptr(GHashTable) file_values = NULL;

      file_values = wharf_dotenv_parse_file_full (paths[i], layered_lookup, &layers,
                                                  &file_keys, error);
      if (file_values == NULL)
        return NULL;
      for (guint k = 0; k < file_keys->len; k++)
        {
          const char *key = g_ptr_array_index (file_keys, k);

          if (!g_hash_table_contains (values, key))
            g_ptr_array_add (keys, g_strdup (key));
          g_hash_table_replace (values, g_strdup (key),
                                g_strdup (g_hash_table_lookup (file_values, key)));
        }
    }

  if (out_keys != NULL)
    *out_keys = g_steal_pointer (&keys);
  return g_steal_pointer (&values);
}
