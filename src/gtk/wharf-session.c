/* wharf-session.c: the context a window deploys to.
 *
 * The choice is per window (two projects may go to two accounts); Docker's
 * current context is only the starting point, and the Contexts window is
 * where it changes for the Docker CLI too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-aws-config.h"
#include "wharf-context-aws.h"
#include "wharf-session.h"

struct _WharfSession
{
  GObject            parent_instance;

  WharfContextStore *store;
  char              *context_name;
  /* TRUE once the user chose: reloads no longer follow Docker's current. */
  gboolean           chosen;
};

G_DEFINE_FINAL_TYPE (WharfSession, wharf_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONTEXT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_name (WharfSession *self,
          const char   *name)
{
  /* g_set_str() is GLib 2.76; Debian 12 has 2.74. */
  if (g_strcmp0 (self->context_name, name) == 0)
    return;
  g_free (self->context_name);
  self->context_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT_NAME]);
}

/* After a change of the store: follow Docker's current context until the
 * user chooses, and drop a chosen context that was removed. */
static void
store_changed (WharfSession *self)
{
  g_autoptr(WharfContext) context = NULL;

  if (self->chosen && self->context_name != NULL)
    {
      context = wharf_context_store_lookup (self->store, self->context_name, NULL);
      if (context != NULL)
        return;
      self->chosen = FALSE;
    }
  if (!self->chosen)
    {
      g_autofree char *current = wharf_context_store_dup_current (self->store, NULL);

      set_name (self, current);
    }
}

static void
wharf_session_dispose (GObject *object)
{
  WharfSession *self = WHARF_SESSION (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wharf_session_parent_class)->dispose (object);
}

static void
wharf_session_finalize (GObject *object)
{
  WharfSession *self = WHARF_SESSION (object);

  g_free (self->context_name);

  G_OBJECT_CLASS (wharf_session_parent_class)->finalize (object);
}

static void
wharf_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WharfSession *self = WHARF_SESSION (object);

  switch (prop_id)
    {
    case PROP_CONTEXT_NAME:
      g_value_set_string (value, self->context_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WharfSession *self = WHARF_SESSION (object);

  switch (prop_id)
    {
    case PROP_CONTEXT_NAME:
      wharf_session_set_context_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_session_class_init (WharfSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wharf_session_dispose;
  object_class->finalize = wharf_session_finalize;
  object_class->get_property = wharf_session_get_property;
  object_class->set_property = wharf_session_set_property;

  /**
   * WharfSession:context-name:
   *
   * The chosen Docker context, or %NULL for the AWS chain alone.
   */
  properties[PROP_CONTEXT_NAME] =
    g_param_spec_string ("context-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wharf_session_init (WharfSession *self)
{
}

WharfSession *
wharf_session_new (const char *config_dir)
{
  WharfSession *self = g_object_new (WHARF_TYPE_SESSION, NULL);
  g_autoptr(GError) error = NULL;

  self->store = wharf_context_store_new (config_dir);
  /* A broken store still lists "default"; the Contexts window shows why. */
  if (!wharf_context_store_reload (self->store, &error))
    g_debug ("Docker contexts: %s", error->message);
  g_clear_error (&error);
  if (!wharf_context_store_watch (self->store, &error))
    g_debug ("Docker contexts not watched: %s", error->message);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (store_changed), self,
                           G_CONNECT_SWAPPED);
  /* `docker context use` changes no item, only which one is current. */
  g_signal_connect_object (self->store, "notify::current-name",
                           G_CALLBACK (store_changed), self,
                           G_CONNECT_SWAPPED);
  store_changed (self);
  return self;
}

WharfContextStore *
wharf_session_get_contexts (WharfSession *self)
{
  g_return_val_if_fail (WHARF_IS_SESSION (self), NULL);

  return self->store;
}

const char *
wharf_session_get_context_name (WharfSession *self)
{
  g_return_val_if_fail (WHARF_IS_SESSION (self), NULL);

  return self->context_name;
}

void
wharf_session_set_context_name (WharfSession *self,
                                const char   *name)
{
  g_return_if_fail (WHARF_IS_SESSION (self));

  self->chosen = name != NULL;
  set_name (self, name);
  if (name == NULL)
    store_changed (self);
}

WharfContext *
wharf_session_dup_context (WharfSession *self)
{
  g_return_val_if_fail (WHARF_IS_SESSION (self), NULL);

  if (self->context_name == NULL)
    return NULL;
  return wharf_context_store_lookup (self->store, self->context_name, NULL);
}

WharfAwsClient *
wharf_session_create_client (WharfSession  *self,
                             GError       **error)
{
  g_autoptr(WharfAwsConfig) config = wharf_aws_config_new (NULL);

  g_return_val_if_fail (WHARF_IS_SESSION (self), NULL);

  /* A NULL name is the AWS chain alone; "default" is too (the selector
   * offers it). */
  if (!wharf_aws_config_load (config, error) ||
      !wharf_context_store_apply_to_aws_config (self->store, self->context_name,
                                                WHARF_CONTEXT_AWS_NONE, config, error))
    return NULL;
  return wharf_aws_client_new_for_config (config, error);
}

char *
wharf_session_dup_summary (WharfSession *self)
{
  g_autoptr(WharfContext) context = NULL;
  const char *region = NULL;

  g_return_val_if_fail (WHARF_IS_SESSION (self), NULL);

  context = wharf_session_dup_context (self);
  if (context == NULL)
    return g_strdup (_("AWS environment"));
  region = wharf_context_get_region (context);
  if (region != NULL && *region != '\0')
    /* Translators: a Docker context and an AWS region, "sandbox · us-east-1" */
    return g_strdup_printf (_("%s · %s"), wharf_context_get_name (context), region);
  return g_strdup (wharf_context_get_name (context));
}
