/* wharf-aws-client-private.h: helpers shared by the client's files and the
 * service files to build blocking calls on top of asynchronous ones.
 *
 *   GAsyncResult *result = NULL;
 *   GMainContext *context = wharf_aws_client_sync_begin (client);
 *   some_call_async (…, wharf_aws_client_sync_done, &result);
 *   wharf_aws_client_sync_wait (context, &result);
 *   value = some_call_finish (…, result, error);
 *   wharf_aws_client_sync_end (context);
 *   g_object_unref (result);
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

GMainContext *wharf_aws_client_sync_begin (WharfAwsClient  *self);
void          wharf_aws_client_sync_wait  (GMainContext    *context,
                                           GAsyncResult   **result);
void          wharf_aws_client_sync_end   (GMainContext    *context);
/* A GAsyncReadyCallback storing a reference to the result in *USER_DATA. */
void          wharf_aws_client_sync_done  (GObject         *source,
                                           GAsyncResult    *result,
                                           gpointer         user_data);

/* Internals shared by wharf-aws-client.c and wharf-aws-client-call.c. */
/* The fixed credentials, NULL when a provider is used. */
WharfAwsCredentials *wharf_aws_client_peek_credentials (WharfAwsClient             *self);
/* Asks the provider; it answers with wharf_aws_client_credentials_return(). */
void                 wharf_aws_client_call_provider    (WharfAwsClient             *self,
                                                        WharfAwsCredentialsRequest *request,
                                                        GCancellable               *cancellable);
SoupSession         *wharf_aws_client_get_session      (WharfAwsClient             *self);
GMainContext        *wharf_aws_client_get_sync_context (WharfAwsClient             *self);

G_END_DECLS
