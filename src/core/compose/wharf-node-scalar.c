/* wharf-node-scalar.c: typed reads of scalar nodes, and the YAML 1.2 core
 * schema's resolution of plain scalars (as compose-go does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "wharf-node-private.h"

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  const char *s = text;
  gboolean negative = FALSE;
  guint base = 10;
  guint64 value;
  char *end = NULL;

  if (*s == '+' || *s == '-')
    negative = (*s++ == '-');
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    base = 16, s += 2;
  else if (s[0] == '0' && s[1] == 'o')
    base = 8, s += 2;
  if (!g_ascii_isxdigit (*s))
    return FALSE;
  errno = 0;
  value = g_ascii_strtoull (s, &end, base);
  if (errno != 0 || *end != '\0' || value > (guint64) G_MAXINT64 + (negative ? 1 : 0))
    return FALSE;
  if (out != NULL)
    *out = negative ? (gint64) (0 - value) : (gint64) value;
  return TRUE;
}

static gboolean
parse_float (const char *text,
             double     *out)
{
  char *end = NULL;
  double value;
  const char *p = text;

  /* A float in the core schema is made of these bytes only: most text is
   * ruled out here, before the costly strtod. */
  if (*p == '+' || *p == '-')
    p++;
  if (*p != '.' || g_ascii_isdigit (p[1]))
    {
      for (p = text; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p) && *p != '.' && *p != 'e' && *p != 'E' && *p != '+' && *p != '-')
          return FALSE;
    }

  if (g_str_equal (text, ".inf") || g_str_equal (text, "+.inf") || g_str_equal (text, ".Inf") ||
      g_str_equal (text, "+.Inf") || g_str_equal (text, ".INF") || g_str_equal (text, "+.INF"))
    value = INFINITY;
  else if (g_str_equal (text, "-.inf") || g_str_equal (text, "-.Inf") || g_str_equal (text, "-.INF"))
    value = -INFINITY;
  else if (g_str_equal (text, ".nan") || g_str_equal (text, ".NaN") || g_str_equal (text, ".NAN"))
    value = NAN;
  else
    {
      const char *s = text;

      if (*s == '+' || *s == '-')
        s++;
      /* The core schema's float: digits with a dot and/or an exponent. */
      if (!(g_ascii_isdigit (*s) || (*s == '.' && g_ascii_isdigit (s[1]))))
        return FALSE;
      errno = 0;
      value = g_ascii_strtod (text, &end);
      if (errno != 0 || end == text || *end != '\0')
        return FALSE;
      for (s = text; *s; s++)
        if (*s == 'x' || *s == 'X' || *s == 'n' || *s == 'N' || *s == 'i' || *s == 'I')
          return FALSE;
    }
  if (out != NULL)
    *out = value;
  return TRUE;
}

WharfScalarType
wharf_scalar_resolve_type (const char *text)
{
  static const char * const bools[] = { "true", "True", "TRUE", "false", "False", "FALSE" };

  if (text == NULL || *text == '\0')
    return WHARF_SCALAR_STRING;
  /* Most scalars are words: one look at the first byte settles them. */
  if (*text == 't' || *text == 'T' || *text == 'f' || *text == 'F')
    {
      for (gsize i = 0; i < G_N_ELEMENTS (bools); i++)
        if (strcmp (text, bools[i]) == 0)
          return WHARF_SCALAR_BOOL;
      return WHARF_SCALAR_STRING;
    }
  if (!(g_ascii_isdigit (*text) || *text == '-' || *text == '+' || *text == '.'))
    return WHARF_SCALAR_STRING;
  if (parse_int (text, NULL))
    return WHARF_SCALAR_INT;
  if (parse_float (text, NULL))
    return WHARF_SCALAR_FLOAT;
  return WHARF_SCALAR_STRING;
}

gboolean
wharf_node_get_int64 (const WharfNode *node,
                      gint64          *out)
{
  if (node == NULL || node->kind != WHARF_NODE_SCALAR || node->scalar_type == WHARF_SCALAR_BOOL)
    return FALSE;
  return parse_int (node->scalar, out);
}

gboolean
wharf_node_get_double (const WharfNode *node,
                       double          *out)
{
  gint64 i;

  if (node == NULL || node->kind != WHARF_NODE_SCALAR || node->scalar_type == WHARF_SCALAR_BOOL)
    return FALSE;
  if (parse_int (node->scalar, &i))
    {
      if (out != NULL)
        *out = (double) i;
      return TRUE;
    }
  return parse_float (node->scalar, out);
}

gboolean
wharf_node_get_boolean (const WharfNode *node,
                        gboolean        *out)
{
  const char *s;

  if (node == NULL || node->kind != WHARF_NODE_SCALAR)
    return FALSE;
  s = node->scalar;
  if (g_ascii_strcasecmp (s, "true") == 0)
    {
      if (out != NULL)
        *out = TRUE;
      return TRUE;
    }
  if (g_ascii_strcasecmp (s, "false") == 0)
    {
      if (out != NULL)
        *out = FALSE;
      return TRUE;
    }
  return FALSE;
}
