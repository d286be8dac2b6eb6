/* wharf-sandbox.c: the sandbox's HTTP server: SigV4 verification, fault
 * injection, latency (routing is in wharf-sandbox-route.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-json.h"
#include "wharf-sandbox-private.h"

G_DEFINE_QUARK (wharf-sandbox-error-quark, wharf_sandbox_error)

struct _WharfSandbox
{
  GObject       parent_instance;

  SbxState     *state;
  SoupServer   *server;
  GMainContext *context;
  char         *url;
  guint         port;
  guint         requests;
  GPtrArray    *delayed;        /* GSource* of requests waiting for their latency */
};

G_DEFINE_FINAL_TYPE (WharfSandbox, wharf_sandbox, G_TYPE_OBJECT)

static void
request_clear (SbxRequest *req)
{
  g_free (req->operation);
  g_free (req->request_id);
  g_clear_pointer (&req->params, g_hash_table_unref);
  g_clear_pointer (&req->json_root, json_node_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
}

static gboolean
fault_hits (WharfSandbox *self, double rate)
{
  return rate > 0 && g_rand_double (self->state->rand) < rate;
}

static void
process (WharfSandbox      *self,
         SoupServerMessage *msg)
{
  SbxRequest req = { 0 };
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SbxAuthResult auth = SBX_AUTH_OK;
  g_autofree char *detail = NULL;

  req.state = self->state;
  req.msg = msg;
  req.method = soup_server_message_get_method (msg);
  req.path = g_uri_get_path (soup_server_message_get_uri (msg));
  req.now = g_get_real_time ();
  req.request_id = sbx_uuid (self->state);
  req.body = soup_message_body_flatten (body);
  req.xmlns = "";
  self->requests++;

  if (!sbx_route (&req))
    {
      req.protocol = SBX_PROTO_QUERY;
      sbx_reply_error (&req, 400, "InvalidAction", _("The request matches no service of the sandbox."));
      request_clear (&req);
      return;
    }
  if (self->state->verify_signatures)
    auth = sbx_auth_verify (self->state, msg, req.body, req.now, &detail);
  if (auth != SBX_AUTH_OK)
    sbx_reply_auth_error (&req, auth, detail);
  else if (fault_hits (self, self->state->faults.throttle_rate))
    sbx_reply_throttled (&req);
  else if (fault_hits (self, self->state->faults.error_rate))
    sbx_reply_error (&req, 500, req.protocol == SBX_PROTO_EC2 || req.protocol == SBX_PROTO_REST_XML
                     ? "InternalError" : "InternalFailure",
                     "We encountered an internal error. Please try again.");
  else if ((req.protocol == SBX_PROTO_JSON || req.protocol == SBX_PROTO_REST_JSON) &&
           !sbx_parse_json_body (&req))
    sbx_reply_error (&req, 400, "SerializationException", "Start of structure or map found where not expected.");
  else
    {
      sbx_engine_advance (self->state, req.now);
      sbx_dispatch (&req);
    }
  request_clear (&req);
}

typedef struct {
  WharfSandbox      *self;
  SoupServerMessage *msg;
} Delayed;

static gboolean
delayed_cb (gpointer data)
{
  Delayed *d = data;

  GSource *source = g_main_current_source ();

  if (g_ptr_array_remove (d->self->delayed, source))
    g_source_unref (source);
  process (d->self, d->msg);
  soup_server_message_unpause (d->msg);
  return G_SOURCE_REMOVE;
}

static void
delayed_free (gpointer data)
{
  Delayed *d = data;

  g_object_unref (d->msg);
  g_free (d);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  WharfSandbox *self = user_data;
  SbxFaults *faults = &self->state->faults;

  if (fault_hits (self, faults->drop_rate))
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

      self->requests++;
      if (stream)
        g_io_stream_close (stream, NULL, NULL);
      return;
    }
  if (faults->latency_ms > 0)
    {
      Delayed *d = g_new0 (Delayed, 1);
      GSource *source = g_timeout_source_new (faults->latency_ms);

      d->self = self;
      d->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
      g_source_set_callback (source, delayed_cb, d, delayed_free);
      g_source_attach (source, self->context);
      g_ptr_array_add (self->delayed, source);
      return;
    }
  process (self, msg);
}

static void
wharf_sandbox_finalize (GObject *object)
{
  WharfSandbox *self = WHARF_SANDBOX (object);

  wharf_sandbox_stop (self);
  g_ptr_array_unref (self->delayed);
  sbx_state_free (self->state);
  G_OBJECT_CLASS (wharf_sandbox_parent_class)->finalize (object);
}

static void
wharf_sandbox_class_init (WharfSandboxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_sandbox_finalize;
}

static void
wharf_sandbox_init (WharfSandbox *self)
{
  self->delayed = g_ptr_array_new ();
}

WharfSandbox *
wharf_sandbox_new (void)
{
  WharfSandbox *self = g_object_new (WHARF_TYPE_SANDBOX, NULL);

  self->state = sbx_state_new_default ();
  return self;
}

WharfSandbox *
wharf_sandbox_new_from_seed (const char  *json,
                             gssize       length,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  SbxState *state;
  WharfSandbox *self;

  /* json-glib 1.6 would take `{…}{…}` as the last object and leak the
   * others: a seed written twice is refused, not half applied. */
  if (!wharf_json_check_shape (json, length, &local) ||
      !json_parser_load_from_data (parser, json, length, &local))
    {
      g_set_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_SEED,
                   _("Invalid sandbox seed: %s"), local->message);
      return NULL;
    }
  state = sbx_state_new_from_seed (json_parser_get_root (parser), error);
  if (state == NULL)
    return NULL;
  self = g_object_new (WHARF_TYPE_SANDBOX, NULL);
  self->state = state;
  return self;
}

WharfSandbox *
wharf_sandbox_new_from_seed_file (const char  *path,
                                  GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_SEED,
                   _("Cannot read the sandbox seed: %s"), local->message);
      return NULL;
    }
  return wharf_sandbox_new_from_seed (data, length, error);
}

void
wharf_sandbox_set_pace (WharfSandbox *self,
                        double        seconds)
{
  g_return_if_fail (WHARF_IS_SANDBOX (self));
  self->state->pace = CLAMP (seconds, 0.0, 3600.0);
}

double
wharf_sandbox_get_pace (WharfSandbox *self)
{
  g_return_val_if_fail (WHARF_IS_SANDBOX (self), 0);
  return self->state->pace;
}

void
wharf_sandbox_set_faults (WharfSandbox *self,
                          double        throttle_rate,
                          double        error_rate,
                          double        drop_rate,
                          int           latency_ms)
{
  SbxFaults *f;

  g_return_if_fail (WHARF_IS_SANDBOX (self));
  f = &self->state->faults;
  if (throttle_rate >= 0)
    f->throttle_rate = MIN (throttle_rate, 1.0);
  if (error_rate >= 0)
    f->error_rate = MIN (error_rate, 1.0);
  if (drop_rate >= 0)
    f->drop_rate = MIN (drop_rate, 1.0);
  if (latency_ms >= 0)
    f->latency_ms = MIN ((guint) latency_ms, 60000);
}

gboolean
wharf_sandbox_start (WharfSandbox  *self,
                     const char    *address,
                     guint          port,
                     GMainContext  *context,
                     GError       **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) sockaddr = NULL;
  g_autoptr(GError) local = NULL;
  GSList *listeners;
  gboolean ok;

  g_return_val_if_fail (WHARF_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  inet = g_inet_address_new_from_string (address ? address : "127.0.0.1");
  if (inet == NULL || port > 65535)
    {
      g_set_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_LISTEN,
                   _("Invalid listen address “%s:%u”"), address, port);
      return FALSE;
    }
  self->context = context ? g_main_context_ref (context) : g_main_context_ref_thread_default ();
  self->server = soup_server_new ("server-header", "AmazonAWS", NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  sockaddr = g_inet_socket_address_new (inet, port);

  /* the server's sources attach to the thread-default context at listen time */
  g_main_context_push_thread_default (self->context);
  ok = soup_server_listen (self->server, sockaddr, 0, &local);
  g_main_context_pop_thread_default (self->context);
  if (!ok)
    {
      g_set_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_LISTEN,
                   _("Cannot listen on %s:%u: %s"), address, port, local->message);
      g_clear_object (&self->server);
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }
  /* not soup_server_get_uris(): libsoup 3.2 leaks an address there */
  listeners = soup_server_get_listeners (self->server);
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) bound = g_socket_get_local_address (listeners->data, NULL);

      if (G_IS_INET_SOCKET_ADDRESS (bound))
        self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      self->url = g_strdup_printf ("http://%s:%u/", address ? address : "127.0.0.1", self->port);
    }
  g_slist_free (listeners);
  return TRUE;
}

const char *
wharf_sandbox_get_url (WharfSandbox *self)
{
  g_return_val_if_fail (WHARF_IS_SANDBOX (self), NULL);
  return self->url;
}

guint
wharf_sandbox_get_port (WharfSandbox *self)
{
  g_return_val_if_fail (WHARF_IS_SANDBOX (self), 0);
  return self->port;
}

void
wharf_sandbox_stop (WharfSandbox *self)
{
  g_return_if_fail (WHARF_IS_SANDBOX (self));

  for (guint i = 0; i < self->delayed->len; i++)
    {
      GSource *source = g_ptr_array_index (self->delayed, i);

      g_source_destroy (source);
      g_source_unref (source);
    }
  g_ptr_array_set_size (self->delayed, 0);
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->url, g_free);
  self->port = 0;
}

const char *
wharf_sandbox_get_account_id (WharfSandbox *self)
{
  g_return_val_if_fail (WHARF_IS_SANDBOX (self), NULL);
  return self->state->account_id;
}

const char *
wharf_sandbox_get_region (WharfSandbox *self)
{
  g_return_val_if_fail (WHARF_IS_SANDBOX (self), NULL);
  return self->state->region;
}

guint
wharf_sandbox_get_request_count (WharfSandbox *self)
{
  g_return_val_if_fail (WHARF_IS_SANDBOX (self), 0);
  return self->requests;
}

SbxState *
wharf_sandbox_get_state (WharfSandbox *self)
{
  g_return_val_if_fail (WHARF_IS_SANDBOX (self), NULL);
  return self->state;
}
