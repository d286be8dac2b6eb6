/* test-aws-client-server.h: a canned-response HTTP server on 127.0.0.1 for
 * the AWS client tests. It runs in its own thread (the client's blocking
 * calls iterate a private main context), answers from a queue of canned
 * responses (or raw bytes written on the socket, to cut connections), and
 * records every request it receives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

typedef struct _WharfTestServer WharfTestServer;

typedef struct {
  char               *method;
  char               *path;
  char               *query;     /* NULL when none */
  char               *body;
  SoupMessageHeaders *headers;
} WharfTestRequest;

WharfTestServer  *wharf_test_server_new          (void);
void              wharf_test_server_free         (WharfTestServer *server);
/* "http://127.0.0.1:PORT" */
const char       *wharf_test_server_get_url      (WharfTestServer *server);

/* Queues one answer. EXTRA_HEADERS: NAME, VALUE pairs, NULL-terminated. */
void              wharf_test_server_push         (WharfTestServer *server,
                                                  guint            status,
                                                  const char      *content_type,
                                                  const char      *body,
                                                  ...) G_GNUC_NULL_TERMINATED;
/* Queues raw bytes written on the connection, which is then closed ("":
 * a reset without any answer). */
void              wharf_test_server_push_raw     (WharfTestServer *server,
                                                  const char      *raw);
/* Queues an answer sent after DELAY_MS (to test cancellation/timeouts). */
void              wharf_test_server_push_delayed (WharfTestServer *server,
                                                  guint            delay_ms,
                                                  guint            status,
                                                  const char      *content_type,
                                                  const char      *body);
/* The answer when the queue is empty (default: 500 "no canned response"). */
void              wharf_test_server_set_default  (WharfTestServer *server,
                                                  guint            status,
                                                  const char      *content_type,
                                                  const char      *body);

guint             wharf_test_server_get_n_requests (WharfTestServer *server);
/* A copy of request INDEX (0-based), free with wharf_test_request_free(). */
WharfTestRequest *wharf_test_server_get_request  (WharfTestServer *server,
                                                  guint            index);
void              wharf_test_request_free        (WharfTestRequest *request);
/* The value of form field NAME in a Query body, or NULL (newly allocated). */
char             *wharf_test_request_form_value  (WharfTestRequest *request,
                                                  const char       *name);

/* A client signing with test/test in us-east-1 that sends everything to
 * SERVER, with a 2 ms backoff base and a fixed jitter seed. */
WharfAwsClient   *wharf_test_client_new          (WharfTestServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfTestServer, wharf_test_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfTestRequest, wharf_test_request_free)

G_END_DECLS
