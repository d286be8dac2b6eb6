/* wharf-context-json.c: JSON as Go writes it, and atomic file replacement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wharf-aws-json.h"
#include "wharf-context-private.h"

void
wharf_json_write_string (GString    *out,
                         const char *str)
{
  static const char hex[] = "0123456789abcdef";
  const char *p = str;

  g_string_append_c (out, '"');
  while (*p != '\0')
    {
      guchar c = (guchar) *p;
      gunichar u;
      const char *next;

      if (c < 0x80)
        {
          switch (c)
            {
            case '"': g_string_append (out, "\\\""); break;
            case '\\': g_string_append (out, "\\\\"); break;
            case '\n': g_string_append (out, "\\n"); break;
            case '\r': g_string_append (out, "\\r"); break;
            case '\t': g_string_append (out, "\\t"); break;
            case '\b': g_string_append (out, "\\b"); break;
            case '\f': g_string_append (out, "\\f"); break;
            case '<': case '>': case '&':
              g_string_append_printf (out, "\\u00%c%c", hex[c >> 4], hex[c & 0xf]);
              break;
            default:
              if (c < 0x20)
                g_string_append_printf (out, "\\u00%c%c", hex[c >> 4], hex[c & 0xf]);
              else
                g_string_append_c (out, (char) c);
            }
          p++;
          continue;
        }

      u = g_utf8_get_char_validated (p, -1);
      if (u == (gunichar) -1 || u == (gunichar) -2)
        {
          /* Go replaces each invalid byte by U+FFFD. */
          g_string_append (out, "\\ufffd");
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      if (u == 0x2028 || u == 0x2029)
        g_string_append_printf (out, "\\u%04x", u);
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
  g_string_append_c (out, '"');
}

/* Go's encoding/json: the shortest digits that read back to the same
 * number, in plain notation unless the number is below 1e-6 or from 1e21
 * on, where it is "1e-7", "1.5e+23". */
static void
write_double (GString *out,
              double   value)
{
  char buf[64];
  char digits[32];
  double abs = fabs (value);
  int precision, exponent, n = 0;
  char *e;

  if (value == 0)
    {
      g_string_append (out, signbit (value) ? "-0" : "0");
      return;
    }
  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  for (precision = 1; precision < 17; precision++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", precision - 1, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_snprintf (buf, sizeof buf, "%.*e", precision - 1, value);
  e = strchr (buf, 'e');
  exponent = atoi (e + 1);
  if (abs < 1e-6 || abs >= 1e21)
    {
      *e = '\0';
      g_string_append_printf (out, "%se%c%d", buf, exponent < 0 ? '-' : '+', ABS (exponent));
      return;
    }
  for (const char *p = buf; p < e; p++)
    if (g_ascii_isdigit (*p))
      digits[n++] = *p;
  digits[n] = '\0';
  if (value < 0)
    g_string_append_c (out, '-');
  if (exponent >= n - 1)
    {
      g_string_append (out, digits);
      for (int i = 0; i < exponent - (n - 1); i++)
        g_string_append_c (out, '0');
    }
  else if (exponent >= 0)
    {
      g_string_append_len (out, digits, exponent + 1);
      g_string_append_c (out, '.');
      g_string_append (out, digits + exponent + 1);
    }
  else
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -exponent - 1; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
}

void
wharf_json_write_newline (GString        *out,
                          WharfJsonStyle  style,
                          guint           depth)
{
  WharfJsonStyle indent = style & 0xf;

  if (indent == WHARF_JSON_COMPACT)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, indent == WHARF_JSON_INDENT_TAB ? "\t" : "    ");
}

void
wharf_json_write_key (GString        *out,
                      const char     *key,
                      WharfJsonStyle  style)
{
  wharf_json_write_string (out, key);
  g_string_append (out, (style & 0xf) == WHARF_JSON_COMPACT ? ":" : ": ");
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
write_object (GString        *out,
              JsonObject     *object,
              WharfJsonStyle  style,
              guint           depth)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);
  if (style & WHARF_JSON_SORT_KEYS)
    g_ptr_array_sort (keys, compare_keys);

  g_string_append_c (out, '{');
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      if (i > 0)
        g_string_append_c (out, ',');
      wharf_json_write_newline (out, style, depth + 1);
      wharf_json_write_key (out, key, style);
      wharf_json_write_node (out, json_object_get_member (object, key), style, depth + 1);
    }
  if (keys->len > 0)
    wharf_json_write_newline (out, style, depth);
  g_string_append_c (out, '}');
}

void
wharf_json_write_node (GString        *out,
                       JsonNode       *node,
                       WharfJsonStyle  style,
                       guint           depth)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      write_object (out, json_node_get_object (node), style, depth);
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          wharf_json_write_newline (out, style, depth + 1);
          wharf_json_write_node (out, json_array_get_element (array, i), style, depth + 1);
        }
      if (n > 0)
        wharf_json_write_newline (out, style, depth);
      g_string_append_c (out, ']');
      return;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_INT64:
      {
        gint64 value = json_node_get_int (node);

        /* Go reads every number of a map as a float64. */
        if ((style & WHARF_JSON_GO_FLOATS) && ABS (value) > (G_GINT64_CONSTANT (1) << 53))
          write_double (out, (double) value);
        else
          g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
      }
      break;
    case G_TYPE_DOUBLE:
      write_double (out, json_node_get_double (node));
      break;
    case G_TYPE_STRING:
      wharf_json_write_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
    }
}

JsonNode *
wharf_json_parse_object (const char  *data,
                         gssize       length,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length < 0)
    length = strlen (data);
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE,
                   _("Could not read “%s”: the file is not UTF-8 text"), path);
      return NULL;
    }
  if (!wharf_json_check_shape (data, length, &local_error))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib says "<data>:LINE:COL: …"; the file is named already. */
      const char *detail = g_str_has_prefix (local_error->message, "<data>:")
                           ? local_error->message + strlen ("<data>:") : local_error->message;

      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE,
                   _("Could not read “%s”: invalid JSON at %s"), path, detail);
      return NULL;
    }
  root = json_parser_steal_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE,
                   _("Could not read “%s”: a JSON object was expected"), path);
      g_clear_pointer (&root, json_node_unref);
      return NULL;
    }
  return root;
}

/* Members of a known type, or NULL; ensure_object replaces a member of
 * another type by an empty object. */
JsonObject *
wharf_json_ensure_object (JsonObject *parent,
                          const char *key)
{
  JsonNode *node = json_object_get_member (parent, key);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    json_object_set_object_member (parent, key, json_object_new ());
  return json_object_get_object_member (parent, key);
}

JsonObject *
wharf_json_get_object (JsonObject *parent,
                       const char *key)
{
  JsonNode *node = parent != NULL ? json_object_get_member (parent, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
wharf_json_get_string (JsonObject *object,
                       const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
resolve_target (const char *path)
{
  char *resolved = realpath (path, NULL);
  g_autofree char *link = NULL;

  if (resolved != NULL)
    {
      char *copy = g_strdup (resolved);

      free (resolved);
      return copy;
    }
  /* A dangling link: write where it points, as Docker does. */
  link = g_file_read_link (path, NULL);
  if (link != NULL && !g_path_is_absolute (link))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      return g_build_filename (dir, link, NULL);
    }
  return link != NULL ? g_steal_pointer (&link) : g_strdup (path);
}

static gboolean
set_write_error (GError    **error,
                 int         saved_errno,
                 const char *path)
{
  g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_IO,
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
wharf_context_write_file (const char  *path,
                          const char  *contents,
                          gsize        length,
                          int          new_mode,
                          GError     **error)
{
  g_autofree char *target = resolve_target (path);
  g_autofree char *tmp = g_strconcat (target, ".XXXXXX", NULL);
  GStatBuf st;
  gboolean exists = g_stat (target, &st) == 0;
  int mode = exists ? (int) (st.st_mode & 07777) : new_mode;
  gsize done = 0;
  int fd;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, mode);
  if (fd < 0)
    return set_write_error (error, errno, target);

  while (done < length)
    {
      gssize n = write (fd, contents + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto fail;
      done += n;
    }
  /* Exact mode whatever the umask; owner kept when we may. */
  if (fchmod (fd, mode) != 0)
    goto fail;
  if (exists && (st.st_uid != geteuid () || st.st_gid != getegid ()))
    {
      if (fchown (fd, st.st_uid, st.st_gid) != 0)
        { /* not permitted: the file becomes ours, as with any editor */ }
    }
  if (fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;
  if (g_rename (tmp, target) != 0)
    goto fail;
  return TRUE;

fail:
  {
    int saved_errno = errno;

    if (fd >= 0)
      close (fd);
    g_unlink (tmp);
    return set_write_error (error, saved_errno, target);
  }
}
