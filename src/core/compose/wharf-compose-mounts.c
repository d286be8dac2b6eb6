/* wharf-compose-mounts.c: the short syntax of ports and volumes.
 *
 * Ports follow docker/go-connections' ParsePortSpec: "80", "80/udp",
 * "8080:80", "127.0.0.1:8080:80", "127.0.0.1::80", "[::1]:8080:80",
 * "8000-8001:80-81" (one entry per port), "8000-8010:80" (a host range for
 * one container port). Volumes: "name:/path[:mode]", "./rel:/path",
 * "~/x:/path", "/path" (anonymous).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wharf-compose-private.h"

static WharfNode *
str_at (const char      *value,
        const WharfNode *where)
{
  WharfNode *node = wharf_node_new_string (value);
  wharf_node_set_position_from (node, where);
  return node;
}

static WharfNode *
int_at (gint64           value,
        const WharfNode *where)
{
  WharfNode *node = wharf_node_new_int (value);
  wharf_node_set_position_from (node, where);
  return node;
}

static WharfNode *
bool_at (gboolean         value,
         const WharfNode *where)
{
  WharfNode *node = wharf_node_new_bool (value);
  wharf_node_set_position_from (node, where);
  return node;
}

static WharfNode *
map_at (const WharfNode *where)
{
  WharfNode *node = wharf_node_new_mapping (NULL, 0, 0);
  wharf_node_set_position_from (node, where);
  return node;
}

/* "80" or "80-81" → first and last port; FALSE when not ports. */
static gboolean
parse_range (const char *text,
             guint      *first,
             guint      *last)
{
  char *end = NULL;
  guint64 a, b;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  a = g_ascii_strtoull (text, &end, 10);
  b = a;
  if (*end == '-')
    {
      const char *second = end + 1;
      if (!g_ascii_isdigit (*second))
        return FALSE;
      b = g_ascii_strtoull (second, &end, 10);
    }
  if (*end != '\0' || a > 65535 || b > 65535 || b < a)
    return FALSE;
  *first = (guint) a;
  *last = (guint) b;
  return TRUE;
}

static WharfNode *
port_entry (const WharfNode *where,
            const char      *host_ip,
            const char      *published,
            guint            target,
            const char      *protocol)
{
  WharfNode *entry = map_at (where);

  wharf_node_mapping_set (entry, "mode", str_at ("ingress", where));
  if (host_ip != NULL && *host_ip != '\0')
    wharf_node_mapping_set (entry, "host_ip", str_at (host_ip, where));
  wharf_node_mapping_set (entry, "target", int_at (target, where));
  if (published != NULL && *published != '\0')
    wharf_node_mapping_set (entry, "published", str_at (published, where));
  wharf_node_mapping_set (entry, "protocol", str_at (protocol, where));
  return entry;
}

/* Appends to OUT the long form of the short port SPEC; FALSE when invalid. */
static gboolean
parse_port_spec (const WharfNode *where,
                 const char      *spec,
                 WharfNode       *out)
{
  g_autofree char *copy = g_strdup (spec);
  g_autofree char *host_ip = NULL;
  char *protocol = "tcp";
  char *slash, *last_colon, *container, *host = NULL;
  guint t_first, t_last, h_first = 0, h_last = 0;

  slash = strrchr (copy, '/');
  if (slash != NULL)
    {
      *slash = '\0';
      protocol = slash + 1;
      if (*protocol == '\0')
        return FALSE;
    }

  last_colon = strrchr (copy, ':');
  if (last_colon == NULL)
    container = copy;
  else
    {
      *last_colon = '\0';
      container = last_colon + 1;
      if (copy[0] == '[')
        {
          /* [IPv6]:host */
          char *close = strchr (copy, ']');
          if (close == NULL || (close[1] != ':' && close[1] != '\0'))
            return FALSE;
          host_ip = g_strndup (copy + 1, close - copy - 1);
          host = close[1] == ':' ? close + 2 : close + 1;
        }
      else
        {
          char *colon = strrchr (copy, ':');
          if (colon != NULL)
            {
              *colon = '\0';
              host_ip = g_strdup (copy);
              host = colon + 1;
            }
          else
            host = copy;
        }
    }

  if (host_ip != NULL && *host_ip != '\0' && !g_hostname_is_ip_address (host_ip))
    return FALSE;
  if (!parse_range (container, &t_first, &t_last))
    return FALSE;
  if (host != NULL && *host != '\0' && !parse_range (host, &h_first, &h_last))
    return FALSE;

  if (host == NULL || *host == '\0')
    {
      for (guint p = t_first; p <= t_last; p++)
        wharf_node_sequence_append (out, port_entry (where, host_ip, NULL, p, protocol));
      return TRUE;
    }
  if (t_first == t_last && h_first != h_last)
    {
      /* A host range for one container port: kept as a range. */
      char range[16];
      g_snprintf (range, sizeof range, "%u-%u", h_first, h_last);
      wharf_node_sequence_append (out, port_entry (where, host_ip, range, t_first, protocol));
      return TRUE;
    }
  if (h_last - h_first != t_last - t_first)
    return FALSE;
  for (guint i = 0; i <= t_last - t_first; i++)
    {
      char published[8];
      g_snprintf (published, sizeof published, "%u", h_first + i);
      wharf_node_sequence_append (out, port_entry (where, host_ip, published, t_first + i, protocol));
    }
  return TRUE;
}

void
wharf_compose_normalize_ports (WharfComposeContext *ctx,
                               WharfNode           *service,
                               const char          *path)
{
  WharfNode *ports = wharf_node_mapping_lookup (service, "ports");
  WharfNode *out;

  if (ports == NULL || wharf_node_get_kind (ports) != WHARF_NODE_SEQUENCE)
    return;
  out = wharf_node_new_sequence (NULL, 0, 0);
  wharf_node_set_position_from (out, ports);
  wharf_node_set_tag (out, wharf_node_get_tag (ports));

  for (guint i = 0; i < wharf_node_sequence_size (ports); i++)
    {
      WharfNode *item = wharf_node_sequence_get (ports, i);

      if (wharf_node_get_kind (item) == WHARF_NODE_SCALAR)
        {
          if (!parse_port_spec (item, wharf_node_get_scalar (item), out))
            {
              /* The path is spelled out only for a report. */
              g_autofree char *item_path = g_strdup_printf ("%s.ports[%u]", path, i);

              wharf_compose_error_at (ctx, item, item_path, "invalid port “%s”",
                                      wharf_node_get_scalar (item));
            }
        }
      else if (wharf_node_get_kind (item) == WHARF_NODE_MAPPING)
        {
          WharfNode *entry = wharf_node_copy (item);
          WharfNode *published = wharf_node_mapping_lookup (entry, "published");
          WharfNode *target = wharf_node_mapping_lookup (entry, "target");
          gint64 t;

          if (wharf_node_mapping_lookup (entry, "mode") == NULL)
            wharf_node_mapping_set (entry, "mode", str_at ("ingress", item));
          if (wharf_node_mapping_lookup (entry, "protocol") == NULL)
            wharf_node_mapping_set (entry, "protocol", str_at ("tcp", item));
          if (published != NULL && wharf_node_get_kind (published) == WHARF_NODE_SCALAR)
            wharf_node_set_scalar (published, wharf_node_get_scalar (published), WHARF_SCALAR_STRING);
          if (target != NULL && wharf_node_get_int64 (target, &t))
            {
              char buf[24];
              g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, t);
              wharf_node_set_scalar (target, buf, WHARF_SCALAR_INT);
            }
          wharf_node_sequence_append (out, entry);
        }
    }
  {
    WharfNode *key = wharf_node_mapping_lookup_key_node (service, "ports");
    wharf_node_mapping_set_with_key (service, wharf_node_copy (key), out);
  }
}

static gboolean
is_bind_source (const char *source)
{
  return source[0] == '/' || source[0] == '.' || source[0] == '~' || source[0] == '$' ||
         (g_ascii_isalpha (source[0]) && source[1] == ':' && (source[2] == '\\' || source[2] == '/'));
}

static WharfNode *
parse_volume_spec (WharfComposeContext *ctx,
                   const WharfNode     *where,
                   const char          *spec,
                   const char          *base_dir)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 4);
  guint n = g_strv_length (parts);
  WharfNode *entry = map_at (where);
  const char *source = NULL, *target = NULL, *mode = NULL;

  if (n == 1)
    target = parts[0];
  else if (n == 2)
    source = parts[0], target = parts[1];
  else if (n == 3)
    source = parts[0], target = parts[1], mode = parts[2];
  else
    {
      wharf_node_unref (entry);
      return NULL;
    }
  if (*target == '\0' || (source != NULL && *source == '\0'))
    {
      wharf_node_unref (entry);
      return NULL;
    }

  if (source == NULL)
    {
      wharf_node_mapping_set (entry, "type", str_at ("volume", where));
      wharf_node_mapping_set (entry, "target", str_at (target, where));
      wharf_node_mapping_set (entry, "volume", map_at (where));
      return entry;
    }

  if (is_bind_source (source))
    {
      g_autofree char *abs = wharf_compose_resolve_path (ctx, base_dir, source);
      WharfNode *bind = map_at (where);

      wharf_node_mapping_set (entry, "type", str_at ("bind", where));
      wharf_node_mapping_set (entry, "source", str_at (abs, where));
      wharf_node_mapping_set (entry, "target", str_at (target, where));
      wharf_node_mapping_set (bind, "create_host_path", bool_at (TRUE, where));
      wharf_node_mapping_set (entry, "bind", bind);
    }
  else
    {
      wharf_node_mapping_set (entry, "type", str_at ("volume", where));
      wharf_node_mapping_set (entry, "source", str_at (source, where));
      wharf_node_mapping_set (entry, "target", str_at (target, where));
      wharf_node_mapping_set (entry, "volume", map_at (where));
    }

  if (mode != NULL)
    {
      g_auto(GStrv) options = g_strsplit (mode, ",", -1);
      for (guint i = 0; options[i] != NULL; i++)
        {
          const char *o = options[i];
          if (g_str_equal (o, "ro"))
            wharf_node_mapping_set (entry, "read_only", bool_at (TRUE, where));
          else if (g_str_equal (o, "rw"))
            ;
          else if (g_str_equal (o, "nocopy"))
            wharf_node_mapping_set (wharf_node_mapping_lookup (entry, "volume")
                                    ? wharf_node_mapping_lookup (entry, "volume") : entry,
                                    "nocopy", bool_at (TRUE, where));
          else if (g_str_equal (o, "z") || g_str_equal (o, "Z"))
            {
              WharfNode *bind = wharf_node_mapping_lookup (entry, "bind");
              if (bind != NULL)
                wharf_node_mapping_set (bind, "selinux", str_at (o, where));
            }
          else if (g_str_equal (o, "cached") || g_str_equal (o, "delegated") ||
                   g_str_equal (o, "consistent"))
            wharf_node_mapping_set (entry, "consistency", str_at (o, where));
          else if (g_str_has_suffix (o, "shared") || g_str_has_suffix (o, "slave") ||
                   g_str_has_suffix (o, "private"))
            {
              WharfNode *bind = wharf_node_mapping_lookup (entry, "bind");
              if (bind != NULL)
                wharf_node_mapping_set (bind, "propagation", str_at (o, where));
            }
          else
            {
              wharf_node_unref (entry);
              return NULL;
            }
        }
    }
  return entry;
}

void
wharf_compose_normalize_volumes (WharfComposeContext *ctx,
                                 WharfNode           *service,
                                 const char          *base_dir,
                                 const char          *path)
{
  WharfNode *volumes = wharf_node_mapping_lookup (service, "volumes");

  if (volumes == NULL || wharf_node_get_kind (volumes) != WHARF_NODE_SEQUENCE)
    return;
  for (guint i = 0; i < wharf_node_sequence_size (volumes); i++)
    {
      WharfNode *item = wharf_node_sequence_get (volumes, i);

      if (wharf_node_get_kind (item) == WHARF_NODE_SCALAR)
        {
          WharfNode *entry = parse_volume_spec (ctx, item, wharf_node_get_scalar (item), base_dir);
          if (entry == NULL)
            {
              g_autofree char *item_path = g_strdup_printf ("%s.volumes[%u]", path, i);

              wharf_compose_error_at (ctx, item, item_path, "invalid volume “%s”",
                                      wharf_node_get_scalar (item));
              continue;
            }
          wharf_node_sequence_remove (volumes, i);
          wharf_node_sequence_insert (volumes, i, entry);
        }
      else if (wharf_node_get_kind (item) == WHARF_NODE_MAPPING)
        {
          const char *type = wharf_node_mapping_lookup_string (item, "type");
          WharfNode *source = wharf_node_mapping_lookup (item, "source");

          if (g_strcmp0 (type, "bind") == 0)
            wharf_compose_resolve_path_node (ctx, base_dir, source);
        }
    }
}
