/* wharf-aws-client-call.c: one logical call: credentials, signing,
 * sending, classifying the answer, retrying with backoff, clock-skew
 * correction; and the blocking wrappers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-client-private.h"
#include "wharf-aws-json.h"
#include "wharf-sigv4.h"

/* One logical call: attempts, retry bookkeeping. */
typedef struct {
  WharfAwsRequest     *request;
  char                *invocation_id;
  guint                attempt;
  guint                max_attempts;
  guint                retry_cost;
  gboolean             skew_corrected;
  SoupMessage         *message;
  WharfAwsCredentials *credentials;   /* of the current attempt */
} CallData;

static void
call_data_free (CallData *data)
{
  wharf_aws_request_free (data->request);
  g_free (data->invocation_id);
  g_clear_object (&data->message);
  g_clear_pointer (&data->credentials, wharf_aws_credentials_unref);
  g_free (data);
}

struct _WharfAwsCredentialsRequest
{
  GTask *task;
};

static void start_attempt (GTask *task);
static void send_attempt (GTask *task, WharfAwsCredentials *credentials);

void
wharf_aws_client_credentials_return (WharfAwsCredentialsRequest *request,
                                     WharfAwsCredentials        *credentials,
                                     GError                     *error)
{
  g_autoptr(GTask) task = request->task;

  g_free (request);
  if (credentials == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : g_error_new_literal (WHARF_AWS_CLIENT_ERROR,
                                                  WHARF_AWS_CLIENT_ERROR_INVALID_ARGUMENT,
                                                  _("No AWS credentials")));
      return;
    }
  g_clear_error (&error);
  send_attempt (task, credentials);
}

static void
start_attempt (GTask *task)
{
  WharfAwsClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  WharfAwsCredentialsRequest *request;

  if (g_task_return_error_if_cancelled (task))
    return;

  data->attempt++;
  if (data->request->unsigned_request)
    {
      send_attempt (task, NULL);
      return;
    }
  if (wharf_aws_client_peek_credentials (self) != NULL)
    {
      send_attempt (task, wharf_aws_client_peek_credentials (self));
      return;
    }
  request = g_new0 (WharfAwsCredentialsRequest, 1);
  request->task = g_object_ref (task);
  wharf_aws_client_call_provider (self, request, g_task_get_cancellable (task));
}

static void
log_request (CallData           *data,
             SoupMessage        *message)
{
  g_autofree char *uri = NULL;
  g_autofree char *body = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GString *headers;

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;

  uri = g_uri_to_string_partial (soup_message_get_uri (message), G_URI_HIDE_PASSWORD);
  headers = g_string_new (NULL);
  soup_message_headers_iter_init (&iter, soup_message_get_request_headers (message));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (headers, "\n  %s: %s", name, wharf_aws_redact_header (name, value));
  if (data->request->body != NULL)
    {
      gsize length;
      const char *bytes = g_bytes_get_data (data->request->body, &length);

      if (data->request->service->protocol == WHARF_AWS_PROTOCOL_JSON)
        body = wharf_aws_redact_json (bytes, length);
      else if (data->request->service->protocol == WHARF_AWS_PROTOCOL_REST_XML)
        body = g_strdup_printf ("<%" G_GSIZE_FORMAT " bytes>", length);
      else
        {
          g_autofree char *text = g_strndup (bytes, length);

          body = wharf_aws_redact_params (text);
        }
    }
  g_debug ("%s.%s attempt %u/%u: %s %s%s\n  %s", data->request->service->name,
           data->request->operation, data->attempt, data->max_attempts,
           soup_message_get_method (message), uri, headers->str, body != NULL ? body : "");
  g_string_free (headers, TRUE);
}

static char *
build_uri (const char      *endpoint,
           WharfAwsRequest *request)
{
  g_autofree char *base = g_strdup (endpoint);
  g_autofree char *query = wharf_aws_params_encode (request->query);
  gsize len = strlen (base);

  /* An endpoint may carry a path prefix; it must not end in '/' before
   * the request path is appended. */
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  return g_strconcat (base, request->path, *query != '\0' ? "?" : "", query, NULL);
}

static void on_sent (GObject *source, GAsyncResult *result, gpointer user_data);

static void
send_attempt (GTask               *task,
              WharfAwsCredentials *credentials)
{
  WharfAwsClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  WharfAwsRequest *request = data->request;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *uri_text = NULL;
  g_autofree char *host = NULL;
  g_autofree char *amz_sdk_request = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(WharfSigv4Request) sig_request = NULL;
  g_autoptr(WharfSigv4Result) signature = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) signing_time = NULL;
  SoupMessageHeaders *headers;
  gboolean s3 = request->service->kind == WHARF_AWS_SERVICE_S3;

  endpoint = wharf_aws_client_get_endpoint (self, request->service->kind, &error);
  if (endpoint == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  uri_text = build_uri (endpoint, request);
  uri = g_uri_parse (uri_text, G_URI_FLAGS_ENCODED, &error);
  if (uri == NULL)
    {
      GError *uri_error = NULL;

      wharf_aws_client_set_error (&uri_error, WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT, 0, NULL, NULL,
                                  error->message);
      g_task_return_error (task, uri_error);
      return;
    }

  host = wharf_sigv4_host_for_uri (uri);
  sig_request = wharf_sigv4_request_new (request->method, g_uri_get_path (uri), g_uri_get_query (uri));
  wharf_sigv4_request_add_header (sig_request, "Host", host);
  if (request->content_type != NULL)
    wharf_sigv4_request_add_header (sig_request, "Content-Type", request->content_type);
  for (guint i = 0; i + 1 < request->headers->len; i += 2)
    wharf_sigv4_request_add_header (sig_request, g_ptr_array_index (request->headers, i),
                                    g_ptr_array_index (request->headers, i + 1));
  if (request->body != NULL)
    {
      gsize length;
      const void *bytes = g_bytes_get_data (request->body, &length);

      wharf_sigv4_request_set_payload (sig_request, bytes, length);
    }

  now = g_date_time_new_now_utc ();
  signing_time = g_date_time_add (now, wharf_aws_client_get_clock_skew (self));
  g_clear_pointer (&data->credentials, wharf_aws_credentials_unref);
  if (credentials != NULL)
    {
      data->credentials = wharf_aws_credentials_ref (credentials);
      signature = wharf_sigv4_sign (sig_request, credentials, wharf_aws_client_get_region (self),
                                    request->service->signing_name, signing_time,
                                    s3 ? WHARF_SIGV4_S3 : WHARF_SIGV4_FLAGS_NONE, &error);
      if (signature == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_clear_object (&data->message);
  data->message = soup_message_new_from_uri (request->method, uri);
  headers = soup_message_get_request_headers (data->message);
  for (guint i = 0; i + 1 < request->headers->len; i += 2)
    soup_message_headers_append (headers, g_ptr_array_index (request->headers, i),
                                 g_ptr_array_index (request->headers, i + 1));
  for (guint i = 0; signature != NULL && i < signature->headers->len; i++)
    {
      WharfSigv4Header *header = g_ptr_array_index (signature->headers, i);

      soup_message_headers_replace (headers, header->name, header->value);
    }
  /* Informational, unsigned (as the SDKs send them). */
  amz_sdk_request = g_strdup_printf ("attempt=%u; max=%u", data->attempt, data->max_attempts);
  soup_message_headers_replace (headers, "amz-sdk-invocation-id", data->invocation_id);
  soup_message_headers_replace (headers, "amz-sdk-request", amz_sdk_request);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (data->message, request->content_type, request->body);
  else if (request->content_type != NULL)
    soup_message_headers_set_content_type (headers, request->content_type, NULL);

  log_request (data, data->message);
  soup_session_send_and_read_async (wharf_aws_client_get_session (self), data->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent, g_object_ref (task));
}

static gboolean
on_retry_delay_done (gpointer user_data)
{
  start_attempt (G_TASK (user_data));
  return G_SOURCE_REMOVE;
}

/* Retries ERROR (consumed) when the policy allows, else fails the task. */
static void
retry_or_fail (GTask  *task,
               GError *error)
{
  WharfAwsClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  WharfAwsRetryKind kind = wharf_aws_retry_classify (error);
  g_autoptr(GSource) source = NULL;
  guint delay;

  if (kind == WHARF_AWS_RETRY_NONE || data->attempt >= data->max_attempts ||
      !wharf_aws_retry_policy_acquire (wharf_aws_client_get_retry_policy (self), kind, &data->retry_cost))
    {
      g_debug ("%s.%s failed after %u attempt(s): %s", data->request->service->name,
               data->request->operation, data->attempt, error->message);
      g_task_return_error (task, error);
      return;
    }

  delay = wharf_aws_retry_policy_delay (wharf_aws_client_get_retry_policy (self), data->attempt);
  g_debug ("%s.%s attempt %u failed (%s), retrying in %u ms", data->request->service->name,
           data->request->operation, data->attempt, error->message, delay);
  g_error_free (error);

  source = g_timeout_source_new (delay);
  if (g_task_get_cancellable (task) != NULL)
    {
      /* Wake up at once when cancelled: start_attempt() then returns
       * G_IO_ERROR_CANCELLED. */
      g_autoptr(GSource) cancel_source = g_cancellable_source_new (g_task_get_cancellable (task));

      g_source_set_dummy_callback (cancel_source);
      g_source_add_child_source (source, cancel_source);
    }
  g_task_attach_source (task, source, on_retry_delay_done);
}

/* AWS refused the signing time: learn the offset from the Date header and
 * try once more at once. */
static gboolean
correct_clock_skew (GTask        *task,
                    const GError *error)
{
  WharfAwsClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  const char *date;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan skew;

  if (data->skew_corrected ||
      !wharf_aws_retry_is_clock_skew_code (wharf_aws_client_error_get_code (error)))
    return FALSE;
  date = soup_message_headers_get_one (soup_message_get_response_headers (data->message), "Date");
  now = g_date_time_new_now_utc ();
  if (!wharf_aws_retry_parse_skew (date, now, &skew))
    return FALSE;
  if (ABS (skew - wharf_aws_client_get_clock_skew (self)) < WHARF_AWS_RETRY_SKEW_THRESHOLD)
    return FALSE;

  g_debug ("Clock skew of %" G_GINT64_FORMAT " s detected from the Date header, retrying",
           skew / G_USEC_PER_SEC);
  wharf_aws_client_set_clock_skew (self, skew);
  data->skew_corrected = TRUE;
  /* The corrected attempt does not count against max attempts. */
  data->attempt--;
  start_attempt (task);
  return TRUE;
}

/* AWS's SignatureDoesNotMatch message quotes the canonical request, which
 * holds the session token: never let it into an error message or a log. */
static char *
scrub_token (const char          *text,
             WharfAwsCredentials *credentials)
{
  const char *token = credentials != NULL ? wharf_aws_credentials_get_session_token (credentials) : NULL;
  g_auto(GStrv) parts = NULL;

  if (token == NULL || *token == '\0' || strstr (text, token) == NULL)
    return g_strdup (text);
  parts = g_strsplit (text, token, -1);
  return g_strjoinv ("<redacted>", parts);
}

static void
scrub_error (GError              *error,
             WharfAwsCredentials *credentials)
{
  char *scrubbed = scrub_token (error->message, credentials);

  g_free (error->message);
  error->message = scrubbed;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WharfAwsClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(WharfAwsResponse) response = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      GError *net_error = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      wharf_aws_client_set_error (&net_error, WHARF_AWS_CLIENT_ERROR_NETWORK, 0,
                                  g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
                                  ? "RequestTimeout" : NULL, NULL, error->message);
      retry_or_fail (task, net_error);
      return;
    }

  status = soup_message_get_status (data->message);
  g_debug ("%s.%s attempt %u: HTTP %u, %" G_GSIZE_FORMAT " bytes", data->request->service->name,
           data->request->operation, data->attempt, status, g_bytes_get_size (body));
  response = wharf_aws_response_parse (data->request->service->protocol, status,
                                       soup_message_get_response_headers (data->message),
                                       body, &error);
  if (response == NULL)
    {
      if (status >= 300 && !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), MIN (g_bytes_get_size (body), 2048));
          g_autofree char *scrubbed = scrub_token (text, data->credentials);

          g_debug ("%s.%s error body: %s", data->request->service->name, data->request->operation, scrubbed);
        }
      scrub_error (error, data->credentials);
      if (correct_clock_skew (task, error))
        return;
      retry_or_fail (task, g_steal_pointer (&error));
      return;
    }

  wharf_aws_retry_policy_release (wharf_aws_client_get_retry_policy (self), data->retry_cost);
  response->attempts = data->attempt;
  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) wharf_aws_response_free);
}

void
wharf_aws_client_call_async (WharfAwsClient      *self,
                             WharfAwsRequest     *request,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *data;

  g_return_if_fail (WHARF_IS_AWS_CLIENT (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wharf_aws_client_call_async);
  data = g_new0 (CallData, 1);
  data->request = request;
  data->invocation_id = g_uuid_string_random ();
  data->max_attempts = wharf_aws_retry_policy_get_max_attempts (wharf_aws_client_get_retry_policy (self));
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  start_attempt (task);
}

WharfAwsResponse *
wharf_aws_client_call_finish (WharfAwsClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Blocking calls run the asynchronous code on the client's private
 * context, so the caller's main loop (if any) is not dispatched meanwhile.
 * When another thread is in a blocking call, a fresh context is used. */
GMainContext *
wharf_aws_client_sync_begin (WharfAwsClient *self)
{
  GMainContext *context;

  if (g_main_context_acquire (wharf_aws_client_get_sync_context (self)))
    context = g_main_context_ref (wharf_aws_client_get_sync_context (self));
  else
    {
      context = g_main_context_new ();
      g_main_context_acquire (context);
    }
  g_main_context_push_thread_default (context);
  return context;
}

void
wharf_aws_client_sync_wait (GMainContext  *context,
                            GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (context, TRUE);
}

void
wharf_aws_client_sync_end (GMainContext *context)
{
  g_main_context_pop_thread_default (context);
  g_main_context_release (context);
  g_main_context_unref (context);
}

void
wharf_aws_client_sync_done (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

WharfAwsResponse *
wharf_aws_client_call (WharfAwsClient   *self,
                       WharfAwsRequest  *request,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context;
  WharfAwsResponse *response;

  g_return_val_if_fail (WHARF_IS_AWS_CLIENT (self), NULL);

  context = wharf_aws_client_sync_begin (self);
  wharf_aws_client_call_async (self, request, cancellable, wharf_aws_client_sync_done, &result);
  wharf_aws_client_sync_wait (context, &result);
  response = wharf_aws_client_call_finish (self, result, error);
  wharf_aws_client_sync_end (context);
  return response;
}
