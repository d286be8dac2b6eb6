/* wharf-interpolate.c: Compose variable interpolation on strings.
 *
 * A hand-written scanner rather than compose-go's regular expression, with
 * the same results: the operator is the first character after the name, a
 * "${" ends at its balanced "}", and an operator's text is interpolated only
 * when it is used (compose-go v2: an unused default is never evaluated).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "wharf-interpolate.h"
#include "wharf-diagnostic.h"
#include "wharf-node-private.h"

G_DEFINE_QUARK (wharf-interpolate-error-quark, wharf_interpolate_error)

/* Nesting of ${A:-${B:-…}} beyond this is an error, which bounds recursion
 * (the C stack) on hostile input. Real files nest two or three levels. */
#define MAX_DEPTH 64

/* Longest excerpt of the template quoted in error messages. */
#define MAX_EXCERPT 120

typedef struct
{
  WharfLookupFunc  lookup;
  gpointer         user_data;
  GPtrArray       *referenced;
  GPtrArray       *unset;
  GHashTable      *referenced_set;  /* the names in REFERENCED (borrowed) */
  GHashTable      *unset_set;
  const char      *text;            /* the whole template, for messages */
} Interp;

static inline gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static inline gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* Appends NAME to NAMES unless SET (which mirrors NAMES, so a text with
 * millions of distinct names stays linear) has it. */
static void
add_name_once (GPtrArray   *names,
               GHashTable **set,
               const char  *name)
{
  char *copy;

  if (names == NULL)
    return;
  if (*set == NULL)
    {
      *set = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < names->len; i++)
        g_hash_table_add (*set, g_ptr_array_index (names, i));
    }
  if (g_hash_table_contains (*set, name))
    return;
  copy = g_strdup (name);
  g_ptr_array_add (names, copy);
  g_hash_table_add (*set, copy);
}

/* Quoted excerpt of S (LEN bytes), shortened and made valid UTF-8. */
static char *
excerpt (const char *s,
         gsize       len)
{
  g_autofree char *valid = NULL;

  if (len > MAX_EXCERPT)
    {
      g_autofree char *head = g_utf8_make_valid (s, MAX_EXCERPT);
      return g_strdup_printf ("%s…", head);
    }
  valid = g_utf8_make_valid (s, len);
  return g_steal_pointer (&valid);
}

static gboolean
syntax_error (Interp      *in,
              GError     **error,
              const char  *reason)
{
  g_autofree char *text = excerpt (in->text, strlen (in->text));

  g_set_error (error, WHARF_INTERPOLATE_ERROR, WHARF_INTERPOLATE_ERROR_SYNTAX,
               _("invalid interpolation format for “%s”: %s (a literal $ is written $$)"),
               text, reason);
  return FALSE;
}

static const char *
lookup_var (Interp     *in,
            const char *name)
{
  add_name_once (in->referenced, &in->referenced_set, name);
  return in->lookup != NULL ? in->lookup (name, in->user_data) : NULL;
}

/* The "}" closing the "{" at OPEN, counting nested braces; NULL if none. */
static const char *
find_closing_brace (const char *open,
                    const char *end)
{
  gsize depth = 0;

  for (const char *p = open; p < end; p++)
    {
      if (*p == '{')
        depth++;
      else if (*p == '}' && --depth == 0)
        return p;
    }
  return NULL;
}

static gboolean expand (Interp      *in,
                        const char  *p,
                        const char  *end,
                        GString     *out,
                        guint        depth,
                        GError     **error);

/* Interpolates the operator text [P, END) into OUT. */
static gboolean
expand_text (Interp      *in,
             const char  *p,
             const char  *end,
             GString     *out,
             guint        depth,
             GError     **error)
{
  if (depth >= MAX_DEPTH)
    return syntax_error (in, error, _("variables are nested too deeply"));
  return expand (in, p, end, out, depth + 1, error);
}

/* The contents of "${…}", [P, END), without the braces. */
static gboolean
expand_braced (Interp      *in,
               const char  *p,
               const char  *end,
               GString     *out,
               guint        depth,
               GError     **error)
{
  const char *name_end = p;
  g_autofree char *name = NULL;
  g_autofree char *fragment = NULL;
  gboolean colon = FALSE;
  const char *value;
  char op;

  while (name_end < end && is_name_char (*name_end))
    name_end++;
  if (p == end || !is_name_start (*p))
    {
      g_autofree char *what = excerpt (p, end - p);
      fragment = g_strdup_printf (_("“${%s}” does not start with a variable name"), what);
      return syntax_error (in, error, fragment);
    }

  name = g_strndup (p, name_end - p);
  if (name_end == end)
    {
      value = lookup_var (in, name);
      if (value == NULL)
        add_name_once (in->unset, &in->unset_set, name);
      else
        g_string_append (out, value);
      return TRUE;
    }

  op = *name_end++;
  if (op == ':' && name_end < end)
    {
      colon = TRUE;
      op = *name_end++;
    }
  if (op != '-' && op != '?' && op != '+')
    {
      g_autofree char *what = excerpt (p, end - p);
      fragment = g_strdup_printf (_("unknown operator in “${%s}” (expected :- - :? ? :+ or + after %s)"),
                                  what, name);
      return syntax_error (in, error, fragment);
    }

  value = lookup_var (in, name);
  switch (op)
    {
    case '-':   /* default */
      if (value == NULL || (colon && *value == '\0'))
        return expand_text (in, name_end, end, out, depth, error);
      g_string_append (out, value);
      return TRUE;

    case '+':   /* alternative */
      if (value != NULL && !(colon && *value == '\0'))
        return expand_text (in, name_end, end, out, depth, error);
      if (value != NULL)
        g_string_append (out, value);
      return TRUE;

    case '?':   /* required */
    default:
      if (value != NULL && !(colon && *value == '\0'))
        {
          g_string_append (out, value);
          return TRUE;
        }
      else
        {
          g_autoptr(GString) message = g_string_new (NULL);

          if (!expand_text (in, name_end, end, message, depth, error))
            return FALSE;
          if (message->len > 0)
            g_set_error (error, WHARF_INTERPOLATE_ERROR, WHARF_INTERPOLATE_ERROR_REQUIRED,
                         _("required variable %s is missing a value: %s"), name, message->str);
          else
            g_set_error (error, WHARF_INTERPOLATE_ERROR, WHARF_INTERPOLATE_ERROR_REQUIRED,
                         _("required variable %s is missing a value"), name);
          return FALSE;
        }
    }
}

static gboolean
expand (Interp      *in,
        const char  *p,
        const char  *end,
        GString     *out,
        guint        depth,
        GError     **error)
{
  while (p < end)
    {
      const char *dollar = memchr (p, '$', end - p);

      if (dollar == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, dollar - p);
      p = dollar + 1;

      if (p < end && *p == '$')
        {
          g_string_append_c (out, '$');
          p++;
        }
      else if (p < end && is_name_start (*p))
        {
          const char *name_end = p;
          g_autofree char *name = NULL;
          const char *value;

          while (name_end < end && is_name_char (*name_end))
            name_end++;
          name = g_strndup (p, name_end - p);
          value = lookup_var (in, name);
          if (value == NULL)
            add_name_once (in->unset, &in->unset_set, name);
          else
            g_string_append (out, value);
          p = name_end;
        }
      else if (p < end && *p == '{')
        {
          const char *close = find_closing_brace (p, end);

          if (close == NULL)
            return syntax_error (in, error, _("“${” is not closed by “}”"));
          if (!expand_braced (in, p + 1, close, out, depth, error))
            return FALSE;
          p = close + 1;
        }
      else
        {
          /* "a $ b", "$1", "$}", a final "$": kept, as compose-go does. */
          g_string_append_c (out, '$');
        }
    }
  return TRUE;
}

char *
wharf_interpolate_full (const char       *text,
                        WharfLookupFunc   lookup,
                        gpointer          user_data,
                        GPtrArray        *referenced,
                        GPtrArray        *unset,
                        GError          **error)
{
  Interp in = { lookup, user_data, referenced, unset, NULL, NULL, text };
  gsize len;
  gboolean ok;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = strlen (text);
  out = g_string_sized_new (len + 1);
  ok = expand (&in, text, text + len, out, 0, error);
  g_clear_pointer (&in.referenced_set, g_hash_table_unref);
  g_clear_pointer (&in.unset_set, g_hash_table_unref);
  if (!ok)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
wharf_interpolate (const char       *text,
                   WharfLookupFunc   lookup,
                   gpointer          user_data,
                   GError          **error)
{
  return wharf_interpolate_full (text, lookup, user_data, NULL, NULL, error);
}

gboolean
wharf_interpolate_has_references (const char *text)
{
  return text != NULL && strchr (text, '$') != NULL;
}

/* Tree walker. */

typedef struct
{
  WharfLookupFunc  lookup;
  gpointer         user_data;
  GListStore      *diagnostics;
  GPtrArray       *unset;
  guint            n_warnings;
} Walk;

/* Warnings about unset variables from one walk: enough for any real file,
 * bounded for a hostile one. */
#define MAX_UNSET_WARNINGS 1000

/* TRUE when the scalar was written quoted in its file: "${PORT}" stays a
 * string, ${PORT} becomes an int. */
static gboolean
scalar_was_quoted (const WharfNode *node)
{
  return wharf_node_get_quoted (node);
}

/* The key path of the node being walked is a stack of segments, only
 * spelt out when a scalar holds a reference: most scalars do not. */
static gboolean
walk_scalar (WharfNode      *node,
             Walk           *w,
             const char     *prefix,
             WharfNodePath  *segments,
             GError        **error)
{
  const char *text = wharf_node_get_scalar (node);
  g_autofree char *result = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  WharfScalarType type;

  if (!wharf_interpolate_has_references (text))
    return TRUE;

  path = wharf_node_path_format (prefix, segments);
  g_ptr_array_set_size (w->unset, 0);
  result = wharf_interpolate_full (text, w->lookup, w->user_data, NULL,
                                   w->diagnostics != NULL && w->n_warnings < MAX_UNSET_WARNINGS
                                   ? w->unset : NULL,
                                   &local_error);
  if (result == NULL)
    {
      g_autofree char *position = wharf_node_format_position (node);
      g_autoptr(GString) prefix_text = g_string_new (NULL);

      if (*position != '\0')
        g_string_append_printf (prefix_text, "%s: ", position);
      if (*path != '\0')
        g_string_append_printf (prefix_text, "%s: ", path);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s", prefix_text->str);
      return FALSE;
    }

  for (guint i = 0; i < w->unset->len && w->n_warnings < MAX_UNSET_WARNINGS; i++, w->n_warnings++)
    {
      g_autoptr(WharfDiagnostic) diagnostic =
        wharf_diagnostic_new_at (WHARF_SEVERITY_WARNING, node, path,
                                 _("The “%s” variable is not set. Defaulting to a blank string."),
                                 (const char *) g_ptr_array_index (w->unset, i));
      g_list_store_append (w->diagnostics, diagnostic);
    }

  type = scalar_was_quoted (node) ? WHARF_SCALAR_STRING : wharf_scalar_resolve_type (result);
  wharf_node_set_scalar (node, result, type);
  return TRUE;
}

static gboolean
walk (WharfNode      *node,
      Walk           *w,
      const char     *prefix,
      WharfNodePath  *segments,
      GError        **error)
{
  /* Whole subtrees without a '$' (most of a file) are skipped. */
  if (wharf_node_parsed_without_dollar (node))
    return TRUE;
  switch ((WharfNodeKind) node->kind)
    {
    case WHARF_NODE_SCALAR:
      return walk_scalar (node, w, prefix, segments, error);

    case WHARF_NODE_MAPPING:
      for (guint i = 0; i < node->len; i++)
        {
          gboolean ok;

          if (wharf_node_parsed_without_dollar (node->entries[i].value))
            continue;
          wharf_node_path_push (segments, node->entries[i].key->scalar, 0);
          ok = walk (node->entries[i].value, w, prefix, segments, error);
          wharf_node_path_pop (segments);
          if (!ok)
            return FALSE;
        }
      return TRUE;

    case WHARF_NODE_SEQUENCE:
      for (guint i = 0; i < node->len; i++)
        {
          gboolean ok;

          if (wharf_node_parsed_without_dollar (node->items[i]))
            continue;
          wharf_node_path_push (segments, NULL, i);
          ok = walk (node->items[i], w, prefix, segments, error);
          wharf_node_path_pop (segments);
          if (!ok)
            return FALSE;
        }
      return TRUE;

    case WHARF_NODE_NULL:
    default:
      return TRUE;
    }
}

gboolean
wharf_interpolate_node_full (WharfNode        *node,
                             WharfLookupFunc   lookup,
                             gpointer          user_data,
                             const char       *path,
                             GListStore       *diagnostics,
                             GError          **error)
{
  g_autoptr(GPtrArray) unset = g_ptr_array_new_with_free_func (g_free);
  WharfNodePath segments = { NULL, 0, 0 };
  gboolean ok;
  Walk w = { lookup, user_data, diagnostics, unset, 0 };

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (diagnostics == NULL || G_IS_LIST_STORE (diagnostics), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = walk (node, &w, path != NULL ? path : "", &segments, error);
  wharf_node_path_clear (&segments);
  return ok;
}

gboolean
wharf_interpolate_node (WharfNode        *node,
                        WharfLookupFunc   lookup,
                        gpointer          user_data,
                        const char       *path,
                        GError          **error)
{
  return wharf_interpolate_node_full (node, lookup, user_data, path, NULL, error);
}
