/* wharf-sigv4.c: AWS Signature Version 4 (header signing and verification).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wharf-sigv4-private.h"

/* Headers botocore never signs: the transport may add or change them. */
static const char * const unsigned_headers[] = {
  "authorization", "user-agent", "expect", "connection", "keep-alive", "te",
  "trailer", "transfer-encoding", "upgrade", "proxy-authenticate",
  "proxy-authorization", "x-amzn-trace-id", NULL,
};

static void
header_free (gpointer data)
{
  WharfSigv4Header *header = data;

  g_free (header->name);
  g_free (header->value);
  g_free (header);
}

static WharfSigv4Header *
header_new (const char *name,
            const char *value)
{
  WharfSigv4Header *header = g_new0 (WharfSigv4Header, 1);

  header->name = g_strdup (name);
  header->value = g_strdup (value);
  return header;
}

WharfSigv4Request *
wharf_sigv4_request_new (const char *method,
                         const char *path,
                         const char *query)
{
  WharfSigv4Request *request = g_new0 (WharfSigv4Request, 1);

  request->method = g_strdup (method != NULL ? method : "");
  request->path = g_strdup (path != NULL ? path : "");
  request->query = g_strdup (query != NULL ? query : "");
  request->headers = g_ptr_array_new_with_free_func (header_free);
  return request;
}

void
wharf_sigv4_request_free (WharfSigv4Request *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_ptr_array_unref (request->headers);
  g_clear_pointer (&request->payload, g_bytes_unref);
  g_free (request->payload_hash);
  g_free (request);
}

void
wharf_sigv4_request_add_header (WharfSigv4Request *request,
                                const char        *name,
                                const char        *value)
{
  g_return_if_fail (request != NULL && name != NULL);
  g_ptr_array_add (request->headers, header_new (name, value != NULL ? value : ""));
}

const char *
wharf_sigv4_request_get_header (const WharfSigv4Request *request,
                                const char              *name)
{
  g_return_val_if_fail (request != NULL && name != NULL, NULL);

  for (guint i = 0; i < request->headers->len; i++)
    {
      WharfSigv4Header *header = g_ptr_array_index (request->headers, i);
      if (g_ascii_strcasecmp (header->name, name) == 0)
        return header->value;
    }
  return NULL;
}

void
wharf_sigv4_request_set_payload (WharfSigv4Request *request,
                                 const void        *data,
                                 gsize              length)
{
  g_return_if_fail (request != NULL);
  g_clear_pointer (&request->payload, g_bytes_unref);
  request->payload = g_bytes_new (data, length);
}

void
wharf_sigv4_request_set_payload_hash (WharfSigv4Request *request,
                                      const char        *payload_hash)
{
  g_return_if_fail (request != NULL);
  g_free (request->payload_hash);
  request->payload_hash = g_strdup (payload_hash);
}

void
wharf_sigv4_result_free (WharfSigv4Result *result)
{
  if (result == NULL)
    return;
  g_free (result->canonical_request);
  g_free (result->string_to_sign);
  g_free (result->signature);
  g_free (result->authorization);
  g_free (result->signed_headers);
  g_free (result->credential_scope);
  g_free (result->amz_date);
  g_free (result->payload_hash);
  g_clear_pointer (&result->headers, g_ptr_array_unref);
  g_free (result);
}

/* ---- canonical request --------------------------------------------------- */

/* Drops "." and empty segments and resolves "..", like botocore's
 * posixpath.normpath, keeping a trailing slash. */
static char *
normalize_path (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  GString *out = g_string_new ("/");

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (stack->len > 0)
            g_ptr_array_remove_index (stack, stack->len - 1);
          continue;
        }
      g_ptr_array_add (stack, parts[i]);
    }
  for (guint i = 0; i < stack->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append (out, g_ptr_array_index (stack, i));
    }
  if (stack->len > 0 && g_str_has_suffix (path, "/"))
    g_string_append_c (out, '/');
  return g_string_free (out, FALSE);
}

static char *
canonical_uri (const char      *path,
               WharfSigv4Flags  flags)
{
  g_autofree char *normalized = NULL;

  if (*path == '\0')
    return g_strdup ("/");
  normalized = (flags & WHARF_SIGV4_NO_NORMALIZE_PATH) != 0
               ? g_strdup (path) : normalize_path (path);
  if ((flags & WHARF_SIGV4_NO_ENCODE_PATH) != 0)
    return g_steal_pointer (&normalized);
  return wharf_sigv4_uri_encode (normalized, TRUE);
}

typedef struct {
  char *name;
  char *value;
} Pair;

static void
pair_clear (gpointer data)
{
  Pair *pair = data;

  g_free (pair->name);
  g_free (pair->value);
}

static int
pair_compare (gconstpointer a,
              gconstpointer b)
{
  const Pair *pa = a, *pb = b;
  int c = strcmp (pa->name, pb->name);

  return c != 0 ? c : strcmp (pa->value, pb->value);
}

static char *
canonical_query (const char *query)
{
  g_auto(GStrv) items = g_strsplit (query, "&", -1);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  GString *out = g_string_new (NULL);

  g_array_set_clear_func (pairs, pair_clear);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *eq = strchr (items[i], '=');
      gsize name_len = eq != NULL ? (gsize) (eq - items[i]) : strlen (items[i]);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      Pair pair;

      if (*items[i] == '\0')
        continue;
      name = wharf_sigv4_percent_decode (items[i], name_len);
      value = eq != NULL ? wharf_sigv4_percent_decode (eq + 1, strlen (eq + 1)) : g_strdup ("");
      pair.name = wharf_sigv4_uri_encode (name, FALSE);
      pair.value = wharf_sigv4_uri_encode (value, FALSE);
      g_array_append_val (pairs, pair);
    }
  g_array_sort (pairs, pair_compare);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = &g_array_index (pairs, Pair, i);
      g_string_append_printf (out, "%s%s=%s", i > 0 ? "&" : "", pair->name, pair->value);
    }
  return g_string_free (out, FALSE);
}

/* Trims and collapses runs of whitespace (including folded lines). */
static void
append_trimmed (GString    *out,
                const char *value)
{
  gboolean pending_space = FALSE;
  gboolean started = FALSE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          pending_space = started;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      started = TRUE;
      g_string_append_c (out, *p);
    }
}

static gboolean
is_signable (const char         *lower_name,
             const char * const *only)
{
  if (only != NULL)
    return g_strv_contains (only, lower_name);
  return !g_strv_contains (unsigned_headers, lower_name);
}

/* Fills CANONICAL with the header block and SIGNED with "a;b;c". */
static void
canonical_headers (GPtrArray          *headers,
                   const char * const *only,
                   GString            *canonical,
                   GString            *signed_list)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Pair));

  g_array_set_clear_func (entries, pair_clear);
  for (guint i = 0; i < headers->len; i++)
    {
      WharfSigv4Header *header = g_ptr_array_index (headers, i);
      g_autofree char *lower = g_ascii_strdown (header->name, -1);
      g_autoptr(GString) value = g_string_new (NULL);
      Pair *found = NULL;

      if (!is_signable (lower, only))
        continue;
      append_trimmed (value, header->value);
      for (guint j = 0; j < entries->len && found == NULL; j++)
        if (strcmp (g_array_index (entries, Pair, j).name, lower) == 0)
          found = &g_array_index (entries, Pair, j);
      if (found != NULL)
        {
          char *joined = g_strconcat (found->value, ",", value->str, NULL);
          g_free (found->value);
          found->value = joined;
        }
      else
        {
          Pair pair = { g_steal_pointer (&lower), g_strdup (value->str) };
          g_array_append_val (entries, pair);
        }
    }
  /* Names are unique now, so this sorts by name only. */
  g_array_sort (entries, pair_compare);
  for (guint i = 0; i < entries->len; i++)
    {
      Pair *pair = &g_array_index (entries, Pair, i);
      g_string_append_printf (canonical, "%s:%s\n", pair->name, pair->value);
      g_string_append_printf (signed_list, "%s%s", i > 0 ? ";" : "", pair->name);
    }
}

/* The whole computation: canonical request, string to sign, signature. */
WharfSigv4Result *
wharf_sigv4_compute (const WharfSigv4Request *request,
                     GPtrArray               *added,
                     const char * const      *only,
                     const char              *access_key_id,
                     const char              *secret_access_key,
                     const char              *region,
                     const char              *service,
                     const char              *amz_date,
                     const char              *payload_hash,
                     WharfSigv4Flags          flags)
{
  WharfSigv4Result *result = g_new0 (WharfSigv4Result, 1);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GString) headers = g_string_new (NULL);
  g_autoptr(GString) signed_list = g_string_new (NULL);
  g_autofree char *uri = canonical_uri (request->path, flags);
  g_autofree char *query = canonical_query (request->query);
  g_autofree char *method = g_ascii_strup (request->method, -1);
  g_autofree char *creq_hash = NULL;
  g_autofree char *date = g_strndup (amz_date, 8);
  guint8 key[32], signature[32];

  g_ptr_array_extend (all, request->headers, NULL, NULL);
  if (added != NULL)
    g_ptr_array_extend (all, added, NULL, NULL);
  canonical_headers (all, only, headers, signed_list);

  result->amz_date = g_strdup (amz_date);
  result->payload_hash = g_strdup (payload_hash);
  result->signed_headers = g_strdup (signed_list->str);
  result->credential_scope = g_strdup_printf ("%s/%s/%s/aws4_request", date, region, service);
  result->canonical_request = g_strdup_printf ("%s\n%s\n%s\n%s\n%s\n%s", method, uri, query,
                                               headers->str, signed_list->str, payload_hash);
  creq_hash = wharf_sigv4_sha256_hex (result->canonical_request,
                                      strlen (result->canonical_request));
  result->string_to_sign = g_strdup_printf (WHARF_SIGV4_ALGORITHM "\n%s\n%s\n%s", amz_date,
                                            result->credential_scope, creq_hash);
  wharf_sigv4_derive_key (secret_access_key, date, region, service, key);
  wharf_sigv4_hmac_sha256 (key, sizeof key, result->string_to_sign, signature);
  explicit_bzero (key, sizeof key);
  result->signature = wharf_sigv4_to_hex (signature, sizeof signature);
  result->authorization = g_strdup_printf (WHARF_SIGV4_ALGORITHM " Credential=%s/%s, "
                                           "SignedHeaders=%s, Signature=%s",
                                           access_key_id, result->credential_scope,
                                           result->signed_headers, result->signature);
  return result;
}

char *
wharf_sigv4_request_payload_hash (const WharfSigv4Request *request)
{
  gsize length = 0;
  const void *data = request->payload != NULL ? g_bytes_get_data (request->payload, &length) : NULL;

  return wharf_sigv4_sha256_hex (data, length);
}

WharfSigv4Result *
wharf_sigv4_sign (const WharfSigv4Request   *request,
                  const WharfAwsCredentials *credentials,
                  const char                *region,
                  const char                *service,
                  GDateTime                 *timestamp,
                  WharfSigv4Flags            flags,
                  GError                   **error)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (header_free);
  g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func (header_free);
  g_autofree char *amz_date = NULL;
  g_autofree char *payload_hash = NULL;
  const char *token = wharf_aws_credentials_get_session_token (credentials);
  const char *date_header = wharf_sigv4_request_get_header (request, "x-amz-date");
  const char *content_sha = wharf_sigv4_request_get_header (request, "x-amz-content-sha256");
  WharfSigv4Result *result;

  g_return_val_if_fail (request != NULL && credentials != NULL, NULL);
  g_return_val_if_fail (region != NULL && service != NULL && timestamp != NULL, NULL);

  if (*request->method == '\0' || (*request->path != '\0' && *request->path != '/'))
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_REQUEST,
                   _("Cannot sign a request without a method or with a relative path"));
      return NULL;
    }
  if (wharf_sigv4_request_get_header (request, "host") == NULL)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_REQUEST,
                   _("Cannot sign a request without a Host header"));
      return NULL;
    }
  if (date_header != NULL)
    {
      g_autoptr(GDateTime) parsed = wharf_sigv4_parse_amz_date (date_header);
      if (parsed == NULL)
        {
          g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_REQUEST,
                       _("The request’s X-Amz-Date header “%s” is not a date like 20150830T123600Z"),
                       date_header);
          return NULL;
        }
      amz_date = g_strdup (date_header);
    }
  else
    {
      amz_date = wharf_sigv4_format_amz_date (timestamp);
      g_ptr_array_add (added, header_new ("X-Amz-Date", amz_date));
    }
  if (token != NULL && wharf_sigv4_request_get_header (request, "x-amz-security-token") == NULL)
    g_ptr_array_add ((flags & WHARF_SIGV4_TOKEN_AFTER_SIGNING) ? after : added,
                     header_new ("X-Amz-Security-Token", token));

  if (request->payload_hash != NULL)
    payload_hash = g_strdup (request->payload_hash);
  else if (content_sha != NULL)
    payload_hash = g_strdup (content_sha);
  else
    payload_hash = wharf_sigv4_request_payload_hash (request);
  if ((flags & WHARF_SIGV4_SIGN_BODY) && content_sha == NULL)
    g_ptr_array_add (added, header_new ("X-Amz-Content-SHA256", payload_hash));

  result = wharf_sigv4_compute (request, added, NULL,
                    wharf_aws_credentials_get_access_key_id (credentials),
                    wharf_aws_credentials_get_secret_access_key (credentials),
                    region, service, amz_date, payload_hash, flags);
  result->headers = g_steal_pointer (&added);
  g_ptr_array_add (result->headers, header_new ("Authorization", result->authorization));
  g_ptr_array_extend_and_steal (result->headers, g_steal_pointer (&after));
  return result;
}

