/* wharf-sandbox-auth.c: SigV4 verification of incoming requests against the
 * seeded credentials, and AWS's authentication errors per protocol.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-sandbox-private.h"
#include "wharf-sigv4.h"

#define MAX_SKEW_USEC (5 * 60 * G_USEC_PER_SEC)

gboolean
sbx_auth_scope (const char  *authorization,
                char       **service,
                char       **region)
{
  g_autoptr(WharfSigv4Authorization) auth = NULL;

  if (authorization == NULL)
    return FALSE;
  auth = wharf_sigv4_parse_authorization (authorization, NULL);
  if (auth == NULL)
    return FALSE;
  *service = g_strdup (auth->service);
  *region = g_strdup (auth->region);
  return TRUE;
}

SbxAuthResult
sbx_auth_verify (SbxState           *state,
                 SoupServerMessage  *msg,
                 GBytes             *body,
                 gint64              now,
                 char              **detail)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(WharfSigv4Authorization) auth = NULL;
  g_autoptr(WharfSigv4Request) request = NULL;
  g_autoptr(GDateTime) amz_time = NULL;
  g_autoptr(GError) error = NULL;
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  const char *amz_date, *token;
  SbxCredential *cred;
  WharfSigv4Flags flags = WHARF_SIGV4_FLAGS_NONE;

  if (authorization == NULL)
    return SBX_AUTH_MISSING;
  auth = wharf_sigv4_parse_authorization (authorization, &error);
  if (auth == NULL)
    {
      *detail = g_strdup (error->message);
      return SBX_AUTH_MALFORMED;
    }
  cred = sbx_state_find_credential (state, auth->access_key_id);
  if (cred == NULL)
    return SBX_AUTH_UNKNOWN_KEY;
  token = soup_message_headers_get_one (headers, "X-Amz-Security-Token");
  if (g_strcmp0 (token, cred->session_token) != 0)
    return SBX_AUTH_UNKNOWN_KEY;
  if (cred->expiration != 0 && now > cred->expiration)
    {
      *detail = g_strdup ("The security token included in the request is expired");
      return SBX_AUTH_EXPIRED;
    }

  amz_date = soup_message_headers_get_one (headers, "X-Amz-Date");
  amz_time = amz_date ? wharf_sigv4_parse_amz_date (amz_date) : NULL;
  if (amz_time != NULL)
    {
      gint64 t = g_date_time_to_unix (amz_time) * G_USEC_PER_SEC;

      if (t < now - MAX_SKEW_USEC || t > now + MAX_SKEW_USEC)
        {
          g_autofree char *now_s = sbx_iso8601 (now);

          *detail = g_strdup_printf ("Signature expired: %s is now earlier than %s (%s - 5 min.)",
                                     amz_date, now_s, now_s);
          return SBX_AUTH_EXPIRED;
        }
    }

  request = wharf_sigv4_request_new (soup_server_message_get_method (msg),
                                     g_uri_get_path (uri), g_uri_get_query (uri));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    wharf_sigv4_request_add_header (request, name, value);
  if (body)
    wharf_sigv4_request_set_payload (request, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (g_strcmp0 (auth->service, "s3") == 0)
    flags = WHARF_SIGV4_NO_NORMALIZE_PATH | WHARF_SIGV4_NO_ENCODE_PATH;

  if (!wharf_sigv4_verify (request, auth, cred->secret_access_key, flags, NULL, &error))
    {
      *detail = g_strdup (error->message);
      if (g_error_matches (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_SIGNATURE_MISMATCH))
        return SBX_AUTH_BAD_SIGNATURE;
      return SBX_AUTH_MALFORMED;
    }
  return SBX_AUTH_OK;
}

/* Codes and statuses as AWS answers them, per protocol family. */
void
sbx_reply_auth_error (SbxRequest    *req,
                      SbxAuthResult  result,
                      const char    *detail)
{
  static const char mismatch[] =
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method. Consult the service "
    "documentation for details.";
  static const char bad_token[] = "The security token included in the request is invalid.";
  gboolean json = req->protocol == SBX_PROTO_JSON || req->protocol == SBX_PROTO_REST_JSON;

  if (req->protocol == SBX_PROTO_EC2)
    {
      if (result == SBX_AUTH_MISSING)
        sbx_reply_error (req, 401, "MissingAuthenticationToken",
                         "The request must contain the parameter AWSAccessKeyId");
      else if (result == SBX_AUTH_EXPIRED)
        sbx_reply_error (req, 400, "RequestExpired", detail ? detail : "Request has expired.");
      else
        sbx_reply_error (req, 401, "AuthFailure",
                         "AWS was not able to validate the provided access credentials");
      return;
    }
  if (req->protocol == SBX_PROTO_REST_XML)
    {
      if (result == SBX_AUTH_UNKNOWN_KEY)
        sbx_reply_error (req, 403, "InvalidAccessKeyId",
                         "The AWS Access Key Id you provided does not exist in our records.");
      else if (result == SBX_AUTH_EXPIRED)
        sbx_reply_error (req, 403, "RequestTimeTooSkewed",
                         "The difference between the request time and the current time is too large.");
      else if (result == SBX_AUTH_MISSING)
        sbx_reply_error (req, 403, "AccessDenied", "Access Denied");
      else
        sbx_reply_error (req, 403, "SignatureDoesNotMatch", mismatch);
      return;
    }
  switch (result)
    {
    case SBX_AUTH_MISSING:
      sbx_reply_error (req, json ? 400 : 403,
                       json ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken",
                       "Missing Authentication Token");
      break;
    case SBX_AUTH_UNKNOWN_KEY:
      sbx_reply_error (req, json ? 400 : 403,
                       json ? "UnrecognizedClientException" : "InvalidClientTokenId", bad_token);
      break;
    case SBX_AUTH_EXPIRED:
      if (json)
        sbx_reply_error (req, 400, "InvalidSignatureException", detail);
      else
        sbx_reply_error (req, 400, "RequestExpired", detail);
      break;
    case SBX_AUTH_MALFORMED:
      sbx_reply_error (req, json ? 400 : 403,
                       json ? "InvalidSignatureException" : "IncompleteSignature",
                       detail ? detail : "Authorization header requires a Signature.");
      break;
    case SBX_AUTH_BAD_SIGNATURE:
    default:
      sbx_reply_error (req, json ? 400 : 403,
                       json ? "InvalidSignatureException" : "SignatureDoesNotMatch", mismatch);
      break;
    }
}
