/* wharf-aws-client.h: the AWS HTTP client. One SoupSession, SigV4 signing,
 * the standard retry mode, clock-skew correction and paginators. Typed
 * calls live in one file per service (wharf-aws-cloudformation.h, …).
 *
 * Every call has an _async/_finish pair (for the GUI, which never blocks)
 * and a blocking variant for the CLI, which runs the same asynchronous code
 * on a private GMainContext.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-config.h"
#include "wharf-aws-credentials.h"
#include "wharf-aws-request.h"
#include "wharf-aws-retry.h"

G_BEGIN_DECLS

#define WHARF_AWS_CLIENT_DEFAULT_TIMEOUT 60  /* seconds, per attempt */

#define WHARF_TYPE_AWS_CLIENT (wharf_aws_client_get_type ())
G_DECLARE_FINAL_TYPE (WharfAwsClient, wharf_aws_client, WHARF, AWS_CLIENT, GObject)

/* Where the client gets credentials: called before every attempt (so
 * expiring credentials are refreshed). Must call
 * wharf_aws_client_credentials_return() exactly once, possibly later. */
typedef struct _WharfAwsCredentialsRequest WharfAwsCredentialsRequest;
typedef void (*WharfAwsCredentialsFunc) (WharfAwsClient             *client,
                                         WharfAwsCredentialsRequest *request,
                                         GCancellable               *cancellable,
                                         gpointer                    user_data);
/* Hands CREDENTIALS (not consumed), or ERROR (consumed) when NULL, back. */
void              wharf_aws_client_credentials_return (WharfAwsCredentialsRequest *request,
                                                       WharfAwsCredentials        *credentials,
                                                       GError                     *error);

/* A client for REGION that signs with fixed CREDENTIALS (not consumed). */
WharfAwsClient   *wharf_aws_client_new              (const char          *region,
                                                     WharfAwsCredentials *credentials);
/* A client for REGION that asks FUNC for credentials before each attempt. */
WharfAwsClient   *wharf_aws_client_new_with_provider (const char             *region,
                                                      WharfAwsCredentialsFunc func,
                                                      gpointer                user_data,
                                                      GDestroyNotify          destroy);

/* A client for CONFIG's region and credential chain, with its endpoint
 * overrides (AWS_ENDPOINT_URL…, profile endpoint_url and services). The
 * chain runs in a worker thread when it has no valid cached credentials;
 * credentials are reused until 5 minutes before they expire. Installs the
 * STS AssumeRole hook on CONFIG (wharf_sts_install_assume_role_hook()).
 * Errors: WHARF_AWS_ERROR_NO_REGION. */
WharfAwsClient   *wharf_aws_client_new_for_config   (WharfAwsConfig      *config,
                                                     GError             **error);

const char       *wharf_aws_client_get_region       (WharfAwsClient      *self);
/* Endpoint override for every service ("http://127.0.0.1:4566"), or NULL.
 * Plain http is accepted only for loopback hosts. */
gboolean          wharf_aws_client_set_endpoint     (WharfAwsClient      *self,
                                                     const char          *url,
                                                     GError             **error);
/* Endpoint override for one service; wins over the global one. */
gboolean          wharf_aws_client_set_service_endpoint (WharfAwsClient      *self,
                                                         WharfAwsServiceKind  kind,
                                                         const char          *url,
                                                         GError             **error);
/* The URL requests to KIND go to (override or the default AWS endpoint).
 * Errors: WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT. */
char             *wharf_aws_client_get_endpoint     (WharfAwsClient      *self,
                                                     WharfAwsServiceKind  kind,
                                                     GError             **error);
/* TRUE when URL may be used as an endpoint: https, or http to 127.0.0.1,
 * ::1 or localhost. Errors: WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT. */
gboolean          wharf_aws_endpoint_check          (const char          *url,
                                                     GError             **error);

/* Per-attempt I/O timeout in seconds (default 60). */
void              wharf_aws_client_set_timeout      (WharfAwsClient      *self,
                                                     guint                seconds);
/* The retry policy (max attempts from AWS_MAX_ATTEMPTS, default 3). */
WharfAwsRetryPolicy *wharf_aws_client_get_retry_policy (WharfAwsClient   *self);
/* Offset added to the local clock when signing (corrected automatically
 * from the Date header when AWS says the clock is skewed). */
GTimeSpan         wharf_aws_client_get_clock_skew   (WharfAwsClient      *self);
void              wharf_aws_client_set_clock_skew   (WharfAwsClient      *self,
                                                     GTimeSpan            skew);

/* Sends REQUEST (consumed) with retries. The response's body is parsed for
 * the service's protocol; failures are errors of WHARF_AWS_CLIENT_ERROR,
 * WHARF_AWS_ERROR (credentials, signing) or G_IO_ERROR_CANCELLED. */
void              wharf_aws_client_call_async       (WharfAwsClient      *self,
                                                     WharfAwsRequest     *request,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
WharfAwsResponse *wharf_aws_client_call_finish      (WharfAwsClient      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
WharfAwsResponse *wharf_aws_client_call             (WharfAwsClient      *self,
                                                     WharfAwsRequest     *request,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

/* Turns a response into a typed result (NULL + ERROR on failure). */
typedef gpointer (*WharfAwsDecodeFunc) (WharfAwsResponse  *response,
                                        GError           **error);

/* wharf_aws_client_call() followed by DECODE; RESULT_FREE frees a result
 * nobody collected. */
void              wharf_aws_client_call_decoded_async  (WharfAwsClient      *self,
                                                        WharfAwsRequest     *request,
                                                        WharfAwsDecodeFunc   decode,
                                                        GDestroyNotify       result_free,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gpointer          wharf_aws_client_call_decoded_finish (WharfAwsClient      *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
gpointer          wharf_aws_client_call_decoded        (WharfAwsClient      *self,
                                                        WharfAwsRequest     *request,
                                                        WharfAwsDecodeFunc   decode,
                                                        GDestroyNotify       result_free,
                                                        GCancellable        *cancellable,
                                                        GError             **error);

/* Paging. BUILD makes the request for a page (TOKEN NULL for the first);
 * PAGE decodes one response into the caller's accumulator (USER_DATA) and
 * sets *OUT_NEXT_TOKEN (NULL: no more pages, or stop early). Paging also
 * stops when a page repeats the token it was asked with, or after
 * MAX_PAGES pages (0: 10,000). */
typedef WharfAwsRequest *(*WharfAwsPageRequestFunc) (const char        *token,
                                                     gpointer           user_data);
typedef gboolean         (*WharfAwsPageFunc)        (WharfAwsResponse  *response,
                                                     char             **out_next_token,
                                                     gpointer           user_data,
                                                     GError           **error);

void              wharf_aws_client_paginate_async   (WharfAwsClient          *self,
                                                     WharfAwsPageRequestFunc  build,
                                                     WharfAwsPageFunc         page,
                                                     gpointer                 page_data,
                                                     GDestroyNotify           page_data_free,
                                                     guint                    max_pages,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data);
/* Returns the number of pages read, 0 on error. */
guint             wharf_aws_client_paginate_finish  (WharfAwsClient          *self,
                                                     GAsyncResult            *result,
                                                     GError                 **error);
guint             wharf_aws_client_paginate         (WharfAwsClient          *self,
                                                     WharfAwsPageRequestFunc  build,
                                                     WharfAwsPageFunc         page,
                                                     gpointer                 page_data,
                                                     guint                    max_pages,
                                                     GCancellable            *cancellable,
                                                     GError                 **error);

/* JSON paging shortcut: calls OPERATION of KIND with INPUT (not modified;
 * NULL for "{}") plus TOKEN_MEMBER for every page after the first, and
 * concatenates the ITEMS_MEMBER arrays of every page. The next token is
 * read from NEXT_MEMBER (NULL: TOKEN_MEMBER). Returns a new array. */
JsonArray        *wharf_aws_client_json_list_all    (WharfAwsClient          *self,
                                                     WharfAwsServiceKind      kind,
                                                     const char              *operation,
                                                     JsonObject              *input,
                                                     const char              *token_member,
                                                     const char              *next_member,
                                                     const char              *items_member,
                                                     GCancellable            *cancellable,
                                                     GError                 **error);

G_END_DECLS
