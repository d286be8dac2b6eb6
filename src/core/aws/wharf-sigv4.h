/* wharf-sigv4.h: AWS Signature Version 4, header signing (pure functions,
 * no I/O). Used by the HTTP client to sign and by the sandbox to verify.
 *
 * A WharfSigv4Request describes the request exactly as it goes on the wire:
 *
 * - path: as on the request line (already percent-encoded by the client, or
 *   raw text as in the AWS test suite). The signer normalises it (drops "."
 *   segments, resolves "..", collapses "//") unless
 *   WHARF_SIGV4_NO_NORMALIZE_PATH, then URI-encodes it once more segment by
 *   segment (AWS's "double encoding" rule) unless WHARF_SIGV4_NO_ENCODE_PATH.
 *   S3 wants neither: use WHARF_SIGV4_S3.
 * - query: as on the request line, without the '?' (NULL or "" for none).
 *   Names and values are percent-decoded, then encoded with the SigV4 rule
 *   ("+" is a literal plus), so encoded and raw queries both work.
 * - headers: every header that is signed, in wire order; repeated names are
 *   joined with ',' in that order. The Host header is required and must be
 *   what goes on the wire, with a non-default port (see
 *   wharf_sigv4_host_for_uri()). Do not add headers libsoup adds or changes
 *   at send time (Content-Length, Accept-Encoding, Connection, User-Agent).
 * - payload: the body bytes, or the payload hash given directly (hex
 *   SHA-256, or "UNSIGNED-PAYLOAD"). No payload = the empty body.
 *
 * Signing adds, when they are not already among the headers: X-Amz-Date
 * (from the timestamp), X-Amz-Security-Token (when the credentials have a
 * session token) and X-Amz-Content-SHA256 (with WHARF_SIGV4_SIGN_BODY);
 * the result lists every header the caller must put on the wire, including
 * Authorization.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "wharf-aws-credentials.h"
#include "wharf-aws-error.h"

G_BEGIN_DECLS

/* hex(sha256("")) */
#define WHARF_SIGV4_EMPTY_SHA256     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define WHARF_SIGV4_UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"
#define WHARF_SIGV4_ALGORITHM        "AWS4-HMAC-SHA256"

typedef enum {
  WHARF_SIGV4_FLAGS_NONE         = 0,
  /* Use the path without removing "."/".." segments or "//". */
  WHARF_SIGV4_NO_NORMALIZE_PATH  = 1 << 0,
  /* The path is used as given (it is already encoded once, S3 rule). */
  WHARF_SIGV4_NO_ENCODE_PATH     = 1 << 1,
  /* Add and sign X-Amz-Content-SHA256 (S3 requires it). */
  WHARF_SIGV4_SIGN_BODY          = 1 << 2,
  /* Add X-Amz-Security-Token after signing instead of signing it (rare;
   * the test suite's post-sts-header-after case). */
  WHARF_SIGV4_TOKEN_AFTER_SIGNING = 1 << 3,
  /* Everything S3 needs. */
  WHARF_SIGV4_S3                 = WHARF_SIGV4_NO_NORMALIZE_PATH |
                                   WHARF_SIGV4_NO_ENCODE_PATH |
                                   WHARF_SIGV4_SIGN_BODY,
} WharfSigv4Flags;

typedef struct {
  char *name;
  char *value;
} WharfSigv4Header;

typedef struct _WharfSigv4Request WharfSigv4Request;

WharfSigv4Request *wharf_sigv4_request_new              (const char              *method,
                                                         const char              *path,
                                                         const char              *query);
void               wharf_sigv4_request_free             (WharfSigv4Request       *request);
void               wharf_sigv4_request_add_header       (WharfSigv4Request       *request,
                                                         const char              *name,
                                                         const char              *value);
/* NULL when absent; repeated headers joined with ",". Case-insensitive. */
const char        *wharf_sigv4_request_get_header       (const WharfSigv4Request *request,
                                                         const char              *name);
/* Copies DATA. */
void               wharf_sigv4_request_set_payload      (WharfSigv4Request       *request,
                                                         const void              *data,
                                                         gsize                    length);
/* Hex SHA-256 of the payload, or WHARF_SIGV4_UNSIGNED_PAYLOAD; wins over
 * set_payload(). */
void               wharf_sigv4_request_set_payload_hash (WharfSigv4Request       *request,
                                                         const char              *payload_hash);

typedef struct {
  char      *canonical_request;
  char      *string_to_sign;
  char      *signature;         /* lower-case hex */
  char      *authorization;     /* the Authorization header value */
  char      *signed_headers;    /* "host;x-amz-date" */
  char      *credential_scope;  /* "20150830/us-east-1/service/aws4_request" */
  char      *amz_date;          /* "20150830T123600Z" */
  char      *payload_hash;
  /* WharfSigv4Header*: the headers to set on the wire request, in this
   * order: the ones signing added (X-Amz-Date, X-Amz-Security-Token,
   * X-Amz-Content-SHA256), then Authorization. Contains the session token:
   * never log it. */
  GPtrArray *headers;
} WharfSigv4Result;

void               wharf_sigv4_result_free              (WharfSigv4Result        *result);

/* Signs REQUEST (not modified) for REGION and SERVICE (the signing name)
 * at TIMESTAMP (any time zone; converted to UTC). Fails with
 * WHARF_AWS_ERROR_INVALID_REQUEST when the request has no Host header, an
 * empty method, or a path not starting with '/'. */
WharfSigv4Result  *wharf_sigv4_sign                     (const WharfSigv4Request   *request,
                                                         const WharfAwsCredentials *credentials,
                                                         const char                *region,
                                                         const char                *service,
                                                         GDateTime                 *timestamp,
                                                         WharfSigv4Flags            flags,
                                                         GError                   **error);

/* Server side: the parts of an "AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/
 * SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex" header value. */
typedef struct {
  char  *access_key_id;
  char  *date;            /* YYYYMMDD */
  char  *region;
  char  *service;
  char **signed_headers;  /* lower-case names, in the header's order */
  char  *signature;       /* lower-case hex */
} WharfSigv4Authorization;

/* Fails with WHARF_AWS_ERROR_INVALID_AUTHORIZATION (message suitable for
 * an AWS "IncompleteSignature" / "InvalidSignatureException" reply). */
WharfSigv4Authorization *wharf_sigv4_parse_authorization (const char              *header_value,
                                                          GError                 **error);
void                     wharf_sigv4_authorization_free  (WharfSigv4Authorization *auth);

/* Server side: recomputes the signature of REQUEST (all received headers
 * added; only those AUTH lists are used) with SECRET_ACCESS_KEY and the
 * request's X-Amz-Date header, and compares it with AUTH's in
 * constant time. Payload: as set on REQUEST; when it has an
 * X-Amz-Content-SHA256 header, that value is the payload hash if it is
 * UNSIGNED-PAYLOAD, otherwise it must match the body's hash.
 * Errors: WHARF_AWS_ERROR_INVALID_AUTHORIZATION (no date, "host" not
 * signed, scope date differs from X-Amz-Date…), WHARF_AWS_ERROR_SIGNATURE_MISMATCH.
 * OUT_EXPECTED (may be NULL) receives the server's canonical request and
 * string to sign (for AWS's mismatch message), also on mismatch. */
gboolean           wharf_sigv4_verify                   (const WharfSigv4Request        *request,
                                                         const WharfSigv4Authorization  *auth,
                                                         const char                     *secret_access_key,
                                                         WharfSigv4Flags                 flags,
                                                         WharfSigv4Result              **out_expected,
                                                         GError                        **error);

/* "20150830T123600Z" → UTC GDateTime, NULL if malformed. */
GDateTime         *wharf_sigv4_parse_amz_date           (const char              *amz_date);
char              *wharf_sigv4_format_amz_date          (GDateTime               *timestamp);

/* The Host header value for URI: host, with ":port" unless it is the
 * scheme's default (80 for http, 443 for https); IPv6 in brackets;
 * lower-case. */
char              *wharf_sigv4_host_for_uri             (GUri                    *uri);

/* Building blocks (exposed for tests and the sandbox). */
char              *wharf_sigv4_sha256_hex               (const void              *data,
                                                         gsize                    length);
/* SigV4 URI encoding: keeps A-Z a-z 0-9 - _ . ~ (and '/' when KEEP_SLASH),
 * everything else %XX with upper-case hex. */
char              *wharf_sigv4_uri_encode               (const char              *text,
                                                         gboolean                 keep_slash);
/* The 32-byte signing key for DATE (YYYYMMDD), REGION, SERVICE. */
void               wharf_sigv4_derive_key               (const char              *secret_access_key,
                                                         const char              *date,
                                                         const char              *region,
                                                         const char              *service,
                                                         guint8                   out_key[32]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfSigv4Request, wharf_sigv4_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfSigv4Result, wharf_sigv4_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfSigv4Authorization, wharf_sigv4_authorization_free)

G_END_DECLS
