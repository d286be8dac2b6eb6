/* wharf-aws-client.c: the client object: session, credentials source,
 * endpoints and settings. Calls are in wharf-aws-client-call.c, paging in
 * wharf-aws-client-paging.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-client-private.h"
#include "wharf-aws-json.h"
#include "wharf-aws-sts.h"
#include "wharf-core.h"
#include "wharf-sigv4.h"

struct _WharfAwsClient
{
  GObject                  parent_instance;
  SoupSession             *session;
  char                    *region;
  WharfAwsCredentials     *credentials;
  WharfAwsCredentialsFunc  credentials_func;
  gpointer                 credentials_data;
  GDestroyNotify           credentials_destroy;
  WharfAwsConfig          *config;
  char                    *endpoint;
  char                    *service_endpoints[WHARF_AWS_N_SERVICES];
  WharfAwsRetryPolicy     *retry;
  GTimeSpan                clock_skew;
  GMainContext            *sync_context;
};

G_DEFINE_FINAL_TYPE (WharfAwsClient, wharf_aws_client, G_TYPE_OBJECT)

static void
wharf_aws_client_finalize (GObject *object)
{
  WharfAwsClient *self = WHARF_AWS_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->region);
  g_clear_pointer (&self->credentials, wharf_aws_credentials_unref);
  if (self->credentials_destroy != NULL)
    self->credentials_destroy (self->credentials_data);
  g_clear_object (&self->config);
  g_free (self->endpoint);
  for (guint i = 0; i < WHARF_AWS_N_SERVICES; i++)
    g_free (self->service_endpoints[i]);
  wharf_aws_retry_policy_free (self->retry);
  g_main_context_unref (self->sync_context);
  G_OBJECT_CLASS (wharf_aws_client_parent_class)->finalize (object);
}

static void
wharf_aws_client_class_init (WharfAwsClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_aws_client_finalize;
}

static void
wharf_aws_client_init (WharfAwsClient *self)
{
  const char *ca_bundle = g_getenv ("AWS_CA_BUNDLE");

  self->session = soup_session_new_with_options ("user-agent", wharf_core_user_agent (),
                                                 "timeout", WHARF_AWS_CLIENT_DEFAULT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 NULL);
  /* Certificates are always verified (libsoup's default); AWS_CA_BUNDLE
   * replaces the system trust store, as in the AWS CLI. */
  if (ca_bundle != NULL && *ca_bundle != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_bundle, &error);

      if (database != NULL)
        soup_session_set_tls_database (self->session, database);
      else
        g_warning ("AWS_CA_BUNDLE: %s", error->message);
    }
  self->retry = wharf_aws_retry_policy_new (wharf_aws_retry_max_attempts_from_env (WHARF_AWS_RETRY_DEFAULT_MAX_ATTEMPTS));
  self->sync_context = g_main_context_new ();
}

WharfAwsClient *
wharf_aws_client_new (const char          *region,
                      WharfAwsCredentials *credentials)
{
  WharfAwsClient *self;

  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (credentials != NULL, NULL);

  self = g_object_new (WHARF_TYPE_AWS_CLIENT, NULL);
  self->region = g_strdup (region);
  self->credentials = wharf_aws_credentials_ref (credentials);
  return self;
}

WharfAwsClient *
wharf_aws_client_new_with_provider (const char              *region,
                                    WharfAwsCredentialsFunc  func,
                                    gpointer                 user_data,
                                    GDestroyNotify           destroy)
{
  WharfAwsClient *self;

  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (WHARF_TYPE_AWS_CLIENT, NULL);
  self->region = g_strdup (region);
  self->credentials_func = func;
  self->credentials_data = user_data;
  self->credentials_destroy = destroy;
  return self;
}

/* Credentials from a WharfAwsConfig: the chain is blocking (it may run
 * credential_process or call STS), so it runs in a worker thread; the
 * result is kept until shortly before it expires. */
typedef struct {
  WharfAwsConfig      *config;
  GMutex               lock;
  WharfAwsCredentials *cached;
} ConfigProvider;

#define CREDENTIALS_REFRESH_MARGIN (5 * G_TIME_SPAN_MINUTE)

static void
config_provider_free (gpointer data)
{
  ConfigProvider *provider = data;

  g_object_unref (provider->config);
  g_mutex_clear (&provider->lock);
  g_clear_pointer (&provider->cached, wharf_aws_credentials_unref);
  g_free (provider);
}

static void
resolve_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ConfigProvider *provider = task_data;
  GError *error = NULL;
  WharfAwsCredentials *credentials;

  credentials = wharf_aws_config_resolve_credentials (provider->config, cancellable, &error);
  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) wharf_aws_credentials_unref);
}

static void
on_credentials_resolved (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  WharfAwsCredentialsRequest *request = user_data;
  ConfigProvider *provider = g_task_get_task_data (G_TASK (result));
  g_autoptr(WharfAwsCredentials) credentials = NULL;
  GError *error = NULL;

  credentials = g_task_propagate_pointer (G_TASK (result), &error);
  if (credentials != NULL)
    {
      g_mutex_lock (&provider->lock);
      g_clear_pointer (&provider->cached, wharf_aws_credentials_unref);
      provider->cached = wharf_aws_credentials_ref (credentials);
      g_mutex_unlock (&provider->lock);
    }
  wharf_aws_client_credentials_return (request, credentials, error);
}

static void
config_credentials_func (WharfAwsClient             *client,
                         WharfAwsCredentialsRequest *request,
                         GCancellable               *cancellable,
                         gpointer                    user_data)
{
  ConfigProvider *provider = user_data;
  g_autoptr(WharfAwsCredentials) cached = NULL;
  g_autoptr(GTask) task = NULL;

  g_mutex_lock (&provider->lock);
  if (provider->cached != NULL &&
      !wharf_aws_credentials_expires_within (provider->cached, NULL, CREDENTIALS_REFRESH_MARGIN))
    cached = wharf_aws_credentials_ref (provider->cached);
  g_mutex_unlock (&provider->lock);

  if (cached != NULL)
    {
      wharf_aws_client_credentials_return (request, cached, NULL);
      return;
    }
  task = g_task_new (client, cancellable, on_credentials_resolved, request);
  g_task_set_source_tag (task, config_credentials_func);
  g_task_set_task_data (task, provider, NULL);
  g_task_run_in_thread (task, resolve_in_thread);
}

WharfAwsClient *
wharf_aws_client_new_for_config (WharfAwsConfig  *config,
                                 GError         **error)
{
  g_autofree char *region = NULL;
  ConfigProvider *provider;
  WharfAwsClient *self;

  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (config), NULL);

  region = wharf_aws_config_dup_region (config, error);
  if (region == NULL)
    return NULL;
  wharf_sts_install_assume_role_hook (config);
  provider = g_new0 (ConfigProvider, 1);
  provider->config = g_object_ref (config);
  g_mutex_init (&provider->lock);
  self = wharf_aws_client_new_with_provider (region, config_credentials_func, provider,
                                             config_provider_free);
  self->config = g_object_ref (config);
  return self;
}

const char *
wharf_aws_client_get_region (WharfAwsClient *self)
{
  g_return_val_if_fail (WHARF_IS_AWS_CLIENT (self), NULL);
  return self->region;
}

gboolean
wharf_aws_endpoint_check (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;

  uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is not a valid endpoint URL"), url != NULL ? url : "");

      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT, 0, NULL, NULL, msg);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 &&
      (strcmp (host, "127.0.0.1") == 0 || strcmp (host, "::1") == 0 ||
       g_ascii_strcasecmp (host, "localhost") == 0))
    return TRUE;
  {
    g_autofree char *msg = g_strdup_printf (_("Refusing endpoint “%s”: plain http is only allowed to 127.0.0.1, ::1 or localhost"), url);

    wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT, 0, NULL, NULL, msg);
  }
  return FALSE;
}

gboolean
wharf_aws_client_set_endpoint (WharfAwsClient  *self,
                               const char      *url,
                               GError         **error)
{
  g_return_val_if_fail (WHARF_IS_AWS_CLIENT (self), FALSE);

  if (url != NULL && !wharf_aws_endpoint_check (url, error))
    return FALSE;
  g_free (self->endpoint);
  self->endpoint = g_strdup (url);
  return TRUE;
}

gboolean
wharf_aws_client_set_service_endpoint (WharfAwsClient       *self,
                                       WharfAwsServiceKind   kind,
                                       const char           *url,
                                       GError              **error)
{
  g_return_val_if_fail (WHARF_IS_AWS_CLIENT (self), FALSE);
  g_return_val_if_fail (kind < WHARF_AWS_N_SERVICES, FALSE);

  if (url != NULL && !wharf_aws_endpoint_check (url, error))
    return FALSE;
  g_free (self->service_endpoints[kind]);
  self->service_endpoints[kind] = g_strdup (url);
  return TRUE;
}

char *
wharf_aws_client_get_endpoint (WharfAwsClient       *self,
                               WharfAwsServiceKind   kind,
                               GError              **error)
{
  const WharfAwsService *service = wharf_aws_service_get (kind);
  const char *url = self->service_endpoints[kind] != NULL ? self->service_endpoints[kind] : self->endpoint;

  if (url != NULL)
    return wharf_aws_endpoint_check (url, error) ? g_strdup (url) : NULL;
  if (self->config != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *resolved = wharf_aws_config_resolve_endpoint (self->config, service->service_id,
                                                                     self->region, NULL, &local_error);

      if (resolved != NULL)
        return wharf_aws_endpoint_check (resolved, error) ? g_steal_pointer (&resolved) : NULL;
      g_debug ("No configured endpoint for %s: %s", service->service_id, local_error->message);
    }
  return g_strdup_printf ("https://%s.%s.%s", service->endpoint_prefix, self->region,
                          g_str_has_prefix (self->region, "cn-") ? "amazonaws.com.cn" : "amazonaws.com");
}

void
wharf_aws_client_set_timeout (WharfAwsClient *self,
                              guint           seconds)
{
  g_return_if_fail (WHARF_IS_AWS_CLIENT (self));
  soup_session_set_timeout (self->session, seconds);
}

WharfAwsRetryPolicy *
wharf_aws_client_get_retry_policy (WharfAwsClient *self)
{
  g_return_val_if_fail (WHARF_IS_AWS_CLIENT (self), NULL);
  return self->retry;
}

GTimeSpan
wharf_aws_client_get_clock_skew (WharfAwsClient *self)
{
  g_return_val_if_fail (WHARF_IS_AWS_CLIENT (self), 0);
  return self->clock_skew;
}

void
wharf_aws_client_set_clock_skew (WharfAwsClient *self,
                                 GTimeSpan       skew)
{
  self->clock_skew = skew;
}

/* For the sibling wharf-aws-client-call.c. */
WharfAwsCredentials *
wharf_aws_client_peek_credentials (WharfAwsClient *self)
{
  return self->credentials;
}

void
wharf_aws_client_call_provider (WharfAwsClient             *self,
                                WharfAwsCredentialsRequest *request,
                                GCancellable               *cancellable)
{
  self->credentials_func (self, request, cancellable, self->credentials_data);
}

SoupSession *
wharf_aws_client_get_session (WharfAwsClient *self)
{
  return self->session;
}

GMainContext *
wharf_aws_client_get_sync_context (WharfAwsClient *self)
{
  return self->sync_context;
}
