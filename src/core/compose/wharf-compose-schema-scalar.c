/* wharf-compose-schema-scalar.c: the checks of scalar values against the
 * schema's scalar rules, after interpolation: compose-go casts strings to
 * the expected type, so "8000" is an integer, and the schema accepts a
 * string still holding a variable reference wherever a typed value goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "wharf-compose-schema-private.h"

/* Go's time.ParseDuration: [-+]("0" | (number unit)+), units ns us µs ms s m h. */
static gboolean
parse_duration (const char *text)
{
  static const char * const units[] = { "ns", "us", "\xc2\xb5s", "\xce\xbcs", "ms", "s", "m", "h" };
  const char *s = text;

  if (*s == '-' || *s == '+')
    s++;
  if (g_str_equal (s, "0"))
    return TRUE;
  if (*s == '\0')
    return FALSE;
  while (*s != '\0')
    {
      const char *start = s;
      gboolean digits = FALSE, known = FALSE;
      gsize unit_len;

      while (g_ascii_isdigit (*s))
        s++, digits = TRUE;
      if (*s == '.')
        for (s++; g_ascii_isdigit (*s); s++)
          digits = TRUE;
      if (!digits || s == start)
        return FALSE;
      for (unit_len = 0; s[unit_len] != '\0' && s[unit_len] != '.' && !g_ascii_isdigit (s[unit_len]); unit_len++)
        ;
      for (gsize i = 0; i < G_N_ELEMENTS (units) && !known; i++)
        known = strlen (units[i]) == unit_len && strncmp (s, units[i], unit_len) == 0;
      if (!known)
        return FALSE;
      s += unit_len;
    }
  return TRUE;
}

/* docker/go-units RAMInBytes: ^\d+(\.\d+)* ?[kmgtp]?i?b?$ (any case). */
static gboolean
parse_bytes (const char *text)
{
  const char *s = text;

  if (!g_ascii_isdigit (*s))
    return FALSE;
  while (g_ascii_isdigit (*s))
    s++;
  while (*s == '.' && g_ascii_isdigit (s[1]))
    for (s++; g_ascii_isdigit (*s); s++)
      ;
  if (*s == ' ')
    s++;
  if (*s != '\0' && strchr ("kKmMgGtTpP", *s) != NULL)
    s++;
  if (*s == 'i' || *s == 'I')
    s++;
  if (*s == 'b' || *s == 'B')
    s++;
  return *s == '\0';
}

static gboolean
all_digits (const char *s,
            gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
parse_port_range (const char *text)
{
  const char *dash = strchr (text, '-');

  if (dash == NULL)
    return all_digits (text, strlen (text));
  return all_digits (text, dash - text) && all_digits (dash + 1, strlen (dash + 1));
}

static gboolean
parse_restart (const char *text)
{
  if (g_str_has_prefix (text, "on-failure:"))
    return all_digits (text + strlen ("on-failure:"), strlen (text + strlen ("on-failure:")));
  return g_str_equal (text, "no") || g_str_equal (text, "always") ||
         g_str_equal (text, "on-failure") || g_str_equal (text, "unless-stopped");
}

static gboolean
parse_pull_policy (const char *text)
{
  static const char * const policies[] = {
    "always", "never", "build", "if_not_present", "missing", "refresh", "daily", "weekly",
  };
  const char *s;

  for (gsize i = 0; i < G_N_ELEMENTS (policies); i++)
    if (g_str_equal (text, policies[i]))
      return TRUE;
  if (!g_str_has_prefix (text, "every_") || text[strlen ("every_")] == '\0')
    return FALSE;
  /* every_([0-9]+[wdhms])+ */
  for (s = text + strlen ("every_"); *s != '\0'; s++)
    {
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
      if (*s == '\0' || strchr ("wdhms", *s) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* A reference left in a typed field ("${PORT}"): the schema accepts it, so
 * a file validates before interpolation too. */
gboolean
wharf_compose_schema_has_variable (const char *text)
{
  for (const char *s = strchr (text, '$'); s != NULL; s = strchr (s + 1, '$'))
    if (s[1] == '{' || s[1] == '_' || g_ascii_isalpha (s[1]))
      return TRUE;
  return FALSE;
}

static gboolean
check_range (const WharfSchemaRule  *rule,
             gint64                  value,
             char                  **message)
{
  if (!(rule->flags & WHARF_SCHEMA_RANGE) || (value >= rule->min && value <= rule->max))
    return TRUE;
  if (rule->max == G_MAXINT64)
    *message = g_strdup_printf (_("must be at least %lld"), (long long) rule->min);
  else
    *message = g_strdup_printf (_("must be between %lld and %lld"),
                                (long long) rule->min, (long long) rule->max);
  return FALSE;
}

gboolean
wharf_compose_schema_check_scalar (const WharfSchemaRule  *rule,
                                   const WharfNode        *node,
                                   char                  **message)
{
  const char *text = wharf_node_get_scalar (node);
  WharfScalarType type = wharf_node_get_scalar_type (node);
  gint64 i;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (message != NULL && *message == NULL, FALSE);

  if (type == WHARF_SCALAR_STRING && rule->kind != WHARF_SCHEMA_STRING &&
      wharf_compose_schema_has_variable (text))
    return TRUE;

  switch ((WharfSchemaKind) rule->kind)
    {
    case WHARF_SCHEMA_STRING:
    case WHARF_SCHEMA_STRING_OR_NUMBER:
      return type != WHARF_SCALAR_BOOL;
    case WHARF_SCHEMA_INTEGER:
      return wharf_node_get_int64 (node, &i) && check_range (rule, i, message);
    case WHARF_SCHEMA_NUMBER:
      return wharf_node_get_double (node, NULL);
    case WHARF_SCHEMA_BOOLEAN:
      return wharf_node_get_boolean (node, NULL);
    case WHARF_SCHEMA_DURATION:
      if (parse_duration (text))
        return TRUE;
      *message = g_strdup_printf (_("must be a duration such as 10s or 1m30s, not “%s”"), text);
      return FALSE;
    case WHARF_SCHEMA_BYTES:
      if (type == WHARF_SCALAR_BOOL)
        return FALSE;
      if (wharf_node_get_int64 (node, &i))
        return check_range (rule, i, message);
      if (parse_bytes (text))
        return TRUE;
      *message = g_strdup_printf (_("must be a byte size such as 512m or 1.5g, not “%s”"), text);
      return FALSE;
    case WHARF_SCHEMA_PORT:
      if (type == WHARF_SCALAR_BOOL)
        return FALSE;
      if (parse_port_range (text))
        return TRUE;
      *message = g_strdup_printf (_("must be a port number or range, not “%s”"), text);
      return FALSE;
    case WHARF_SCHEMA_ENUM:
      if (g_strv_contains ((const char * const *) rule->values, text))
        return TRUE;
      {
        g_autofree char *values = g_strjoinv (", ", (char **) rule->values);

        *message = g_strdup_printf (_("must be one of: %s"), values);
      }
      return FALSE;
    case WHARF_SCHEMA_RESTART:
      if (parse_restart (text))
        return TRUE;
      *message = g_strdup_printf (_("must be one of: %s"),
                                  "always, no, on-failure, on-failure:N, unless-stopped");
      return FALSE;
    case WHARF_SCHEMA_PULL_POLICY:
      if (parse_pull_policy (text))
        return TRUE;
      *message = g_strdup_printf (_("must be one of: %s"),
                                  "always, never, missing, build, if_not_present, refresh, "
                                  "daily, weekly, every_<interval>");
      return FALSE;
    case WHARF_SCHEMA_ANY:
    case WHARF_SCHEMA_SCALAR:
    case WHARF_SCHEMA_OBSOLETE:
    case WHARF_SCHEMA_OBJECT:
    case WHARF_SCHEMA_ARRAY:
    case WHARF_SCHEMA_ONE_OF:
    default:
      return TRUE;
    }
}
