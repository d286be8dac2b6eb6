/* test-aws-client-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-aws-client-server.h"

#include <string.h>

typedef struct {
  guint      status;
  char      *content_type;
  char      *body;
  GPtrArray *headers;   /* name, value… */
  char      *raw;       /* non-NULL: write this and close */
  guint      delay_ms;
} Canned;

struct _WharfTestServer
{
  GMutex           lock;
  GCond            cond;
  gboolean         ready;
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GSocketService  *service;
  char            *url;
  GQueue           canned;
  Canned          *fallback;
  GPtrArray       *requests;
};

/* A minimal HTTP/1.1 server (one request per connection) on a threaded
 * GSocketService: full control of the bytes on the wire (resets,
 * truncated bodies), and nothing kept alive between tests. */

static void
canned_free (Canned *canned)
{
  if (canned == NULL)
    return;
  g_free (canned->content_type);
  g_free (canned->body);
  g_clear_pointer (&canned->headers, g_ptr_array_unref);
  g_free (canned->raw);
  g_free (canned);
}

static Canned *
canned_new (guint       status,
            const char *content_type,
            const char *body)
{
  Canned *canned = g_new0 (Canned, 1);

  canned->status = status;
  canned->content_type = g_strdup (content_type);
  canned->body = g_strdup (body != NULL ? body : "");
  canned->headers = g_ptr_array_new_with_free_func (g_free);
  return canned;
}

void
wharf_test_request_free (WharfTestRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->body);
  soup_message_headers_unref (request->headers);
  g_free (request);
}

static char *
format_response (Canned *canned)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "HTTP/1.1 %u %s\r\n", canned->status, soup_status_get_phrase (canned->status));
  if (canned->content_type != NULL)
    g_string_append_printf (out, "Content-Type: %s\r\n", canned->content_type);
  for (guint i = 0; i + 1 < canned->headers->len; i += 2)
    g_string_append_printf (out, "%s: %s\r\n", (char *) g_ptr_array_index (canned->headers, i),
                            (char *) g_ptr_array_index (canned->headers, i + 1));
  g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n%s",
                          strlen (canned->body), canned->body);
  return g_string_free (out, FALSE);
}

/* Reads one request; NULL when the client went away. */
static WharfTestRequest *
read_request (GInputStream *input)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (input);
  g_autofree char *line = NULL;
  g_auto(GStrv) parts = NULL;
  WharfTestRequest *request;
  char *target, *question;
  goffset length;
  gsize got = 0;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  line = g_data_input_stream_read_line (data, NULL, NULL, NULL);
  if (line == NULL)
    return NULL;
  parts = g_strsplit (line, " ", 3);
  if (g_strv_length (parts) != 3)
    return NULL;

  request = g_new0 (WharfTestRequest, 1);
  request->method = g_strdup (parts[0]);
  target = parts[1];
  question = strchr (target, '?');
  request->path = question != NULL ? g_strndup (target, question - target) : g_strdup (target);
  request->query = question != NULL ? g_strdup (question + 1) : NULL;
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  for (;;)
    {
      g_autofree char *header = g_data_input_stream_read_line (data, NULL, NULL, NULL);
      char *colon;

      if (header == NULL || *header == '\0')
        break;
      colon = strchr (header, ':');
      if (colon == NULL)
        continue;
      *colon = '\0';
      soup_message_headers_append (request->headers, header, g_strstrip (colon + 1));
    }
  length = soup_message_headers_get_content_length (request->headers);
  request->body = g_malloc0 (length + 1);
  if (length > 0)
    g_input_stream_read_all (G_INPUT_STREAM (data), request->body, length, &got, NULL, NULL);
  return request;
}

static gboolean
on_connection (GThreadedSocketService *service,
               GSocketConnection      *connection,
               GObject                *source_object,
               gpointer                user_data)
{
  WharfTestServer *server = user_data;
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  WharfTestRequest *request = read_request (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_autofree char *response = NULL;
  Canned *canned;

  if (request == NULL)
    return TRUE;

  g_mutex_lock (&server->lock);
  g_ptr_array_add (server->requests, request);
  canned = g_queue_pop_head (&server->canned);
  if (canned == NULL)
    canned = canned_new (server->fallback->status, server->fallback->content_type, server->fallback->body);
  g_mutex_unlock (&server->lock);

  if (canned->delay_ms > 0)
    g_usleep (canned->delay_ms * 1000);
  response = canned->raw != NULL ? g_strdup (canned->raw) : format_response (canned);
  if (*response != '\0')
    g_output_stream_write_all (output, response, strlen (response), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  canned_free (canned);
  return TRUE;
}

static gpointer
server_thread (gpointer user_data)
{
  WharfTestServer *server = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_main_context_push_thread_default (server->context);
  server->service = g_threaded_socket_service_new (8);
  g_signal_connect (server->service, "run", G_CALLBACK (on_connection), server);
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_socket_service_start (server->service);

  g_mutex_lock (&server->lock);
  server->url = g_strdup_printf ("http://127.0.0.1:%u",
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  server->ready = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);

  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  /* Waits for the handlers still running (delayed answers). */
  g_clear_object (&server->service);
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

WharfTestServer *
wharf_test_server_new (void)
{
  WharfTestServer *server = g_new0 (WharfTestServer, 1);

  g_mutex_init (&server->lock);
  g_cond_init (&server->cond);
  g_queue_init (&server->canned);
  server->fallback = canned_new (500, "text/plain", "no canned response");
  server->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_test_request_free);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->thread = g_thread_new ("test-server", server_thread, server);

  g_mutex_lock (&server->lock);
  while (!server->ready)
    g_cond_wait (&server->cond, &server->lock);
  g_mutex_unlock (&server->lock);
  return server;
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
wharf_test_server_free (WharfTestServer *server)
{
  if (server == NULL)
    return;
  g_main_context_invoke (server->context, quit_loop, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_queue_clear_full (&server->canned, (GDestroyNotify) canned_free);
  canned_free (server->fallback);
  g_ptr_array_unref (server->requests);
  g_free (server->url);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->cond);
  g_free (server);
}

const char *
wharf_test_server_get_url (WharfTestServer *server)
{
  return server->url;
}

void
wharf_test_server_push (WharfTestServer *server,
                        guint            status,
                        const char      *content_type,
                        const char      *body,
                        ...)
{
  Canned *canned = canned_new (status, content_type, body);
  va_list args;
  const char *name;

  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_ptr_array_add (canned->headers, g_strdup (name));
      g_ptr_array_add (canned->headers, g_strdup (va_arg (args, const char *)));
    }
  va_end (args);

  g_mutex_lock (&server->lock);
  g_queue_push_tail (&server->canned, canned);
  g_mutex_unlock (&server->lock);
}

void
wharf_test_server_push_raw (WharfTestServer *server,
                            const char      *raw)
{
  Canned *canned = canned_new (0, NULL, NULL);

  canned->raw = g_strdup (raw);
  g_mutex_lock (&server->lock);
  g_queue_push_tail (&server->canned, canned);
  g_mutex_unlock (&server->lock);
}

void
wharf_test_server_push_delayed (WharfTestServer *server,
                                guint            delay_ms,
                                guint            status,
                                const char      *content_type,
                                const char      *body)
{
  Canned *canned = canned_new (status, content_type, body);

  canned->delay_ms = delay_ms;
  g_mutex_lock (&server->lock);
  g_queue_push_tail (&server->canned, canned);
  g_mutex_unlock (&server->lock);
}

void
wharf_test_server_set_default (WharfTestServer *server,
                               guint            status,
                               const char      *content_type,
                               const char      *body)
{
  g_mutex_lock (&server->lock);
  canned_free (server->fallback);
  server->fallback = canned_new (status, content_type, body);
  g_mutex_unlock (&server->lock);
}

guint
wharf_test_server_get_n_requests (WharfTestServer *server)
{
  guint n;

  g_mutex_lock (&server->lock);
  n = server->requests->len;
  g_mutex_unlock (&server->lock);
  return n;
}

WharfTestRequest *
wharf_test_server_get_request (WharfTestServer *server,
                               guint            index)
{
  WharfTestRequest *copy = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;

  g_mutex_lock (&server->lock);
  if (index < server->requests->len)
    {
      WharfTestRequest *request = g_ptr_array_index (server->requests, index);

      copy = g_new0 (WharfTestRequest, 1);
      copy->method = g_strdup (request->method);
      copy->path = g_strdup (request->path);
      copy->query = g_strdup (request->query);
      copy->body = g_strdup (request->body);
      copy->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
      soup_message_headers_iter_init (&iter, request->headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        soup_message_headers_append (copy->headers, name, value);
    }
  g_mutex_unlock (&server->lock);
  return copy;
}

char *
wharf_test_request_form_value (WharfTestRequest *request,
                               const char       *name)
{
  g_autoptr(GHashTable) form = NULL;

  if (request->body == NULL)
    return NULL;
  form = g_uri_parse_params (request->body, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  return form != NULL ? g_strdup (g_hash_table_lookup (form, name)) : NULL;
}

WharfAwsClient *
wharf_test_client_new (WharfTestServer *server)
{
  g_autoptr(WharfAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  WharfAwsClient *client;
  WharfAwsRetryPolicy *policy;

  credentials = wharf_aws_credentials_new ("test", "test", NULL, NULL, "test");
  client = wharf_aws_client_new ("us-east-1", credentials);
  wharf_aws_client_set_endpoint (client, wharf_test_server_get_url (server), &error);
  g_assert_no_error (error);
  wharf_aws_client_set_timeout (client, 10);
  policy = wharf_aws_client_get_retry_policy (client);
  wharf_aws_retry_policy_set_base_delay (policy, 2);
  wharf_aws_retry_policy_set_seed (policy, 42);
  return client;
}
