/* wharf-sigv4-private.h: internals shared by the signer and the verifier.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-sigv4.h"

G_BEGIN_DECLS

struct _WharfSigv4Request
{
  char      *method;
  char      *path;
  char      *query;
  GPtrArray *headers;       /* WharfSigv4Header* */
  GBytes    *payload;
  char      *payload_hash;
};

/* Canonical request, string to sign and signature of REQUEST plus ADDED
 * headers (may be NULL). ONLY: the header names to sign (NULL: every
 * header but the transport ones). Result's headers field is NULL. */
WharfSigv4Result *wharf_sigv4_compute              (const WharfSigv4Request *request,
                                                    GPtrArray               *added,
                                                    const char * const      *only,
                                                    const char              *access_key_id,
                                                    const char              *secret_access_key,
                                                    const char              *region,
                                                    const char              *service,
                                                    const char              *amz_date,
                                                    const char              *payload_hash,
                                                    WharfSigv4Flags          flags);
/* Lower-case hex of BYTES. */
char             *wharf_sigv4_to_hex               (const guint8            *bytes,
                                                    gsize                    length);
/* HMAC-SHA256 of the NUL-terminated DATA. */
void              wharf_sigv4_hmac_sha256          (const void              *key,
                                                    gsize                    key_length,
                                                    const char              *data,
                                                    guint8                   out[32]);
/* Decodes %XX (invalid escapes stay literal); '+' stays a plus. */
char             *wharf_sigv4_percent_decode       (const char              *text,
                                                    gsize                    length);
/* hex(sha256(payload)). */
char             *wharf_sigv4_request_payload_hash (const WharfSigv4Request *request);

G_END_DECLS
