/* wharf-sigv4-verify.c: the server side of SigV4: parsing an Authorization
 * header and checking a received request's signature.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wharf-sigv4-private.h"

void
wharf_sigv4_authorization_free (WharfSigv4Authorization *auth)
{
  if (auth == NULL)
    return;
  g_free (auth->access_key_id);
  g_free (auth->date);
  g_free (auth->region);
  g_free (auth->service);
  g_strfreev (auth->signed_headers);
  g_free (auth->signature);
  g_free (auth);
}

static gboolean
is_lower_hex (const char *s,
              gsize       length)
{
  if (strlen (s) != length)
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s) && !(*s >= 'a' && *s <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
parse_credential (WharfSigv4Authorization *auth,
                  const char              *value,
                  GError                 **error)
{
  g_auto(GStrv) parts = g_strsplit (value, "/", -1);

  if (g_strv_length (parts) != 5 || *parts[0] == '\0' || *parts[2] == '\0' ||
      *parts[3] == '\0' || strcmp (parts[4], "aws4_request") != 0 ||
      strlen (parts[1]) != 8 || strspn (parts[1], "0123456789") != 8)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION,
                   _("Credential should be scoped to a valid date, region and service: "
                     "“ACCESS_KEY/YYYYMMDD/REGION/SERVICE/aws4_request”, not “%s”"),
                   value);
      return FALSE;
    }
  auth->access_key_id = g_strdup (parts[0]);
  auth->date = g_strdup (parts[1]);
  auth->region = g_strdup (parts[2]);
  auth->service = g_strdup (parts[3]);
  return TRUE;
}

WharfSigv4Authorization *
wharf_sigv4_parse_authorization (const char *header_value,
                                 GError    **error)
{
  g_autoptr(WharfSigv4Authorization) auth = g_new0 (WharfSigv4Authorization, 1);
  g_auto(GStrv) fields = NULL;
  const char *rest;

  if (header_value == NULL || !g_str_has_prefix (header_value, WHARF_SIGV4_ALGORITHM " "))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION,
                   _("Authorization header does not use the " WHARF_SIGV4_ALGORITHM " algorithm"));
      return NULL;
    }
  rest = header_value + strlen (WHARF_SIGV4_ALGORITHM);
  fields = g_strsplit (rest, ",", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      char *field = g_strstrip (fields[i]);
      char *eq = strchr (field, '=');

      if (*field == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION,
                       _("Authorization header field “%s” is not a key=value pair"), field);
          return NULL;
        }
      *eq = '\0';
      if (strcmp (field, "Credential") == 0 && auth->access_key_id == NULL)
        {
          if (!parse_credential (auth, eq + 1, error))
            return NULL;
        }
      else if (strcmp (field, "SignedHeaders") == 0 && auth->signed_headers == NULL)
        auth->signed_headers = g_strsplit (eq + 1, ";", -1);
      else if (strcmp (field, "Signature") == 0 && auth->signature == NULL)
        auth->signature = g_strdup (eq + 1);
    }

  if (auth->access_key_id == NULL || auth->signed_headers == NULL || auth->signature == NULL)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION,
                   _("Authorization header requires “Credential”, “SignedHeaders” and "
                     "“Signature” parameters"));
      return NULL;
    }
  for (guint i = 0; auth->signed_headers[i] != NULL; i++)
    {
      const char *name = auth->signed_headers[i];
      g_autofree char *lower = g_ascii_strdown (name, -1);
      if (*name == '\0' || strcmp (lower, name) != 0)
        {
          g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION,
                       _("SignedHeaders must be lower-case names separated by “;”"));
          return NULL;
        }
    }
  if (!is_lower_hex (auth->signature, 64))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION,
                   _("Signature must be 64 lower-case hexadecimal digits"));
      return NULL;
    }
  return g_steal_pointer (&auth);
}

static gboolean
constant_time_equal (const char *a,
                     const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  guint8 diff = la != lb;

  for (gsize i = 0; i < la && i < lb; i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}

gboolean
wharf_sigv4_verify (const WharfSigv4Request        *request,
                    const WharfSigv4Authorization  *auth,
                    const char                     *secret_access_key,
                    WharfSigv4Flags                 flags,
                    WharfSigv4Result              **out_expected,
                    GError                        **error)
{
  const char *amz_date = wharf_sigv4_request_get_header (request, "x-amz-date");
  const char *content_sha = wharf_sigv4_request_get_header (request, "x-amz-content-sha256");
  g_autoptr(GDateTime) parsed = wharf_sigv4_parse_amz_date (amz_date);
  g_autofree char *payload_hash = NULL;
  g_autoptr(WharfSigv4Result) result = NULL;
  gboolean match;

  g_return_val_if_fail (request != NULL && auth != NULL && secret_access_key != NULL, FALSE);

  if (parsed == NULL)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION,
                   _("Signed requests need an X-Amz-Date header like 20150830T123600Z"));
      return FALSE;
    }
  if (strncmp (auth->date, amz_date, 8) != 0)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION,
                   _("Date in Credential scope (%s) does not match X-Amz-Date (%.8s)"),
                   auth->date, amz_date);
      return FALSE;
    }
  if (!g_strv_contains ((const char * const *) auth->signed_headers, "host"))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION,
                   _("The Host header must be signed"));
      return FALSE;
    }
  for (guint i = 0; auth->signed_headers[i] != NULL; i++)
    if (wharf_sigv4_request_get_header (request, auth->signed_headers[i]) == NULL)
      {
        g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_AUTHORIZATION,
                     _("Signed header “%s” is not in the request"), auth->signed_headers[i]);
        return FALSE;
      }

  if (request->payload_hash != NULL)
    payload_hash = g_strdup (request->payload_hash);
  else if (content_sha != NULL && strcmp (content_sha, WHARF_SIGV4_UNSIGNED_PAYLOAD) == 0)
    payload_hash = g_strdup (content_sha);
  else
    payload_hash = wharf_sigv4_request_payload_hash (request);
  if (content_sha != NULL && strcmp (content_sha, payload_hash) != 0)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_SIGNATURE_MISMATCH,
                   _("The provided “x-amz-content-sha256” header does not match what was computed"));
      return FALSE;
    }

  result = wharf_sigv4_compute (request, NULL, (const char * const *) auth->signed_headers,
                    auth->access_key_id, secret_access_key, auth->region, auth->service,
                    amz_date, payload_hash, flags);
  match = constant_time_equal (result->signature, auth->signature);
  if (out_expected != NULL)
    *out_expected = g_steal_pointer (&result);
  if (!match)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_SIGNATURE_MISMATCH,
                   _("The request signature we calculated does not match the signature you "
                     "provided. Check your AWS Secret Access Key and signing method."));
      return FALSE;
    }
  return TRUE;
}
