/* wharf-sigv4-util.c: SigV4 building blocks: hashing, HMAC and key
 * derivation (GnuTLS), URI encoding, X-Amz-Date, the Host value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "wharf-sigv4-private.h"

char *
wharf_sigv4_to_hex (const guint8 *bytes,
                    gsize         length)
{
  static const char digits[] = "0123456789abcdef";
  char *hex = g_malloc (length * 2 + 1);

  for (gsize i = 0; i < length; i++)
    {
      hex[2 * i] = digits[bytes[i] >> 4];
      hex[2 * i + 1] = digits[bytes[i] & 0xf];
    }
  hex[length * 2] = '\0';
  return hex;
}

char *
wharf_sigv4_sha256_hex (const void *data,
                        gsize       length)
{
  guint8 digest[32];

  gnutls_hash_fast (GNUTLS_DIG_SHA256, data != NULL ? data : "", length, digest);
  return wharf_sigv4_to_hex (digest, sizeof digest);
}

void
wharf_sigv4_hmac_sha256 (const void *key,
                         gsize       key_length,
                         const char *data,
                         guint8      out[32])
{
  gnutls_hmac_fast (GNUTLS_MAC_SHA256, key, key_length, data, strlen (data), out);
}

void
wharf_sigv4_derive_key (const char *secret_access_key,
                        const char *date,
                        const char *region,
                        const char *service,
                        guint8      out_key[32])
{
  g_autofree char *k_secret = g_strconcat ("AWS4", secret_access_key, NULL);
  guint8 k_date[32], k_region[32], k_service[32];

  wharf_sigv4_hmac_sha256 (k_secret, strlen (k_secret), date, k_date);
  wharf_sigv4_hmac_sha256 (k_date, 32, region, k_region);
  wharf_sigv4_hmac_sha256 (k_region, 32, service, k_service);
  wharf_sigv4_hmac_sha256 (k_service, 32, "aws4_request", out_key);
  explicit_bzero (k_secret, strlen (k_secret));
}

char *
wharf_sigv4_uri_encode (const char *text,
                        gboolean    keep_slash)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' ||
          *p == '~' || (keep_slash && *p == '/'))
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
  return g_string_free (out, FALSE);
}

/* Decodes %XX (invalid escapes stay literal); '+' stays a plus. */
char *
wharf_sigv4_percent_decode (const char *text,
                            gsize       length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '%' && i + 2 < length &&
          g_ascii_isxdigit (text[i + 1]) && g_ascii_isxdigit (text[i + 2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (text[i + 1]) * 16 +
                                          g_ascii_xdigit_value (text[i + 2])));
          i += 2;
        }
      else
        g_string_append_c (out, text[i]);
    }
  return g_string_free (out, FALSE);
}

char *
wharf_sigv4_format_amz_date (GDateTime *timestamp)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (timestamp);

  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

GDateTime *
wharf_sigv4_parse_amz_date (const char *amz_date)
{
  int field[6];
  static const int width[6] = { 4, 2, 2, 2, 2, 2 };
  const char *p = amz_date;

  if (amz_date == NULL || strlen (amz_date) != 16 || amz_date[8] != 'T' ||
      amz_date[15] != 'Z')
    return NULL;
  for (int f = 0; f < 6; f++)
    {
      field[f] = 0;
      if (f == 3)
        p++;  /* the 'T' */
      for (int i = 0; i < width[f]; i++, p++)
        {
          if (!g_ascii_isdigit (*p))
            return NULL;
          field[f] = field[f] * 10 + (*p - '0');
        }
    }
  return g_date_time_new_utc (field[0], field[1], field[2], field[3], field[4], field[5]);
}

char *
wharf_sigv4_host_for_uri (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);
  g_autofree char *lower = g_ascii_strdown (host != NULL ? host : "", -1);
  gboolean ipv6 = strchr (lower, ':') != NULL;
  gboolean default_port = port < 0 ||
    (g_ascii_strcasecmp (scheme, "http") == 0 && port == 80) ||
    (g_ascii_strcasecmp (scheme, "https") == 0 && port == 443);
  g_autofree char *bracketed = ipv6 ? g_strdup_printf ("[%s]", lower) : g_strdup (lower);

  if (default_port)
    return g_steal_pointer (&bracketed);
  return g_strdup_printf ("%s:%d", bracketed, port);
}

