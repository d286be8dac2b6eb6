/* wharf-deployment.c: WharfDeployment, preparing a change set (resolve,
 * convert, create, describe) and executing or discarding it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-s3.h"
#include "wharf-aws-sts.h"
#include "wharf-deployment-private.h"
#include "wharf-ecs-convert.h"
#include "wharf-environment-resolver.h"

enum {
  PROP_0,
  PROP_STATE,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WharfDeployment, wharf_deployment, G_TYPE_OBJECT)

static void
wharf_deployment_finalize (GObject *object)
{
  WharfDeployment *self = WHARF_DEPLOYMENT (object);

  g_clear_object (&self->client);
  g_free (self->stack_name);
  g_free (self->stack_id);
  g_clear_pointer (&self->project, wharf_node_unref);
  g_clear_object (&self->template_);
  g_clear_object (&self->diagnostics);
  g_clear_pointer (&self->change_set, wharf_cfn_change_set_free);
  g_free (self->template_url);
  g_free (self->message);
  g_free (self->stack_status);
  g_clear_pointer (&self->retained, g_ptr_array_unref);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->attached, g_ptr_array_unref);
  g_clear_object (&self->events);
  g_clear_pointer (&self->tracker, wharf_stack_event_tracker_free);
  g_clear_object (&self->explanation);
  G_OBJECT_CLASS (wharf_deployment_parent_class)->finalize (object);
}

static void
wharf_deployment_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WharfDeployment *self = WHARF_DEPLOYMENT (object);
  guint done, total;

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_PROGRESS:
      wharf_deployment_get_progress (self, &done, &total);
      g_value_set_double (value, total > 0 ? (double) done / total : 0.0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_deployment_class_init (WharfDeploymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wharf_deployment_finalize;
  object_class->get_property = wharf_deployment_get_property;
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, WHARF_DEPLOYMENT_FAILED, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wharf_deployment_init (WharfDeployment *self)
{
  self->events = g_list_store_new (WHARF_TYPE_STACK_EVENT);
  self->tracker = wharf_stack_event_tracker_new ();
  self->diagnostics = g_list_store_new (G_TYPE_OBJECT);
  self->poll_active = 1.0;
  self->poll_idle_max = 5.0;
  self->retained = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

WharfDeployment *
wharf_deployment_new (WharfAwsClient *client,
                      const char     *stack_name)
{
  WharfDeployment *self;

  g_return_val_if_fail (WHARF_IS_AWS_CLIENT (client), NULL);
  g_return_val_if_fail (stack_name != NULL, NULL);
  self = g_object_new (WHARF_TYPE_DEPLOYMENT, NULL);
  self->client = g_object_ref (client);
  self->stack_name = g_strdup (stack_name);
  return self;
}

void
wharf_deployment_set_project (WharfDeployment *self,
                              const WharfNode *project)
{
  g_clear_pointer (&self->project, wharf_node_unref);
  self->project = wharf_node_copy (project);
}

void
wharf_deployment_set_template (WharfDeployment *self,
                               WharfTemplate   *template_)
{
  g_set_object (&self->template_, template_);
}

void
wharf_deployment_set_on_failure (WharfDeployment *self,
                                 WharfOnFailure   on_failure)
{
  self->on_failure = on_failure;
}

void
wharf_deployment_set_poll_interval (WharfDeployment *self,
                                    double           active,
                                    double           idle_max)
{
  self->poll_active = MAX (active, 0.01);
  self->poll_idle_max = MAX (idle_max, self->poll_active);
}

void
wharf_deployment_set_state (WharfDeployment      *self,
                            WharfDeploymentState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

WharfDeploymentState wharf_deployment_get_state (WharfDeployment *self) { return self->state; }
const char *wharf_deployment_get_stack_name (WharfDeployment *self) { return self->stack_name; }
WharfAwsClient *wharf_deployment_get_client (WharfDeployment *self) { return self->client; }
WharfTemplate *wharf_deployment_get_template (WharfDeployment *self) { return self->template_; }
gboolean wharf_deployment_is_new_stack (WharfDeployment *self) { return self->new_stack; }
WharfCfnChangeSet *wharf_deployment_get_change_set (WharfDeployment *self) { return self->change_set; }
gboolean wharf_deployment_has_changes (WharfDeployment *self) { return self->has_changes; }
const char *wharf_deployment_get_template_url (WharfDeployment *self) { return self->template_url; }
const char *wharf_deployment_get_message (WharfDeployment *self) { return self->message; }
const char *wharf_deployment_get_stack_status (WharfDeployment *self) { return self->stack_status; }
GListModel *wharf_deployment_get_events (WharfDeployment *self) { return G_LIST_MODEL (self->events); }

/* Read on the main thread (the GUI's clock) while a step sets it in a
 * worker: atomic, and set once, so no reader sees a freed value. */
GDateTime *
wharf_deployment_get_started (WharfDeployment *self)
{
  return g_atomic_pointer_get (&self->started);
}
WharfFailureExplanation *wharf_deployment_get_explanation (WharfDeployment *self) { return self->explanation; }
GListModel *wharf_deployment_get_diagnostics (WharfDeployment *self) { return G_LIST_MODEL (self->diagnostics); }

const char * const *
wharf_deployment_get_retained (WharfDeployment *self)
{
  return (const char * const *) self->retained->pdata;
}

void
wharf_deployment_get_progress (WharfDeployment *self,
                               guint           *done,
                               guint           *total)
{
  guint d = wharf_stack_event_tracker_count_done (self->tracker);
  guint t = MAX (self->total, wharf_stack_event_tracker_count_seen (self->tracker));

  if (done != NULL)
    *done = MIN (d, t);
  if (total != NULL)
    *total = t;
}

const char *
wharf_deployment_state_to_string (WharfDeploymentState state)
{
  static const char * const names[] = {
    N_("idle"), N_("resolving"), N_("converting"), N_("creating change set"), N_("review"),
    N_("executing"), N_("waiting"), N_("done"), N_("failed"),
  };

  if ((guint) state >= G_N_ELEMENTS (names))
    return "?";
  return _(names[state]);
}

/* ---- prepare ------------------------------------------------------------------ */

/* The stack's current status, NULL when it does not exist. */
static char *
describe_status (WharfDeployment  *self,
                 GCancellable     *cancellable,
                 GError          **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(WharfCfnStack) stack = wharf_cfn_describe_stack (self->client, self->stack_name, cancellable, &local);

  if (stack == NULL)
    {
      if (local == NULL || wharf_cfn_error_is_stack_missing (local))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  g_free (self->stack_id);
  self->stack_id = g_strdup (stack->stack_id);
  return g_strdup (stack->status);
}

void
wharf_deployment_set_started (WharfDeployment *self,
                              GDateTime       *started)
{
  GDateTime *value = started ? g_date_time_ref (started) : g_date_time_new_now_utc ();

  if (!g_atomic_pointer_compare_and_exchange (&self->started, NULL, value))
    g_date_time_unref (value);
}

gboolean
wharf_deployment_take_baseline (WharfDeployment  *self,
                                GCancellable     *cancellable,
                                GError          **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) local = NULL;

  if (self->new_stack && self->stack_id == NULL)
    return TRUE;
  events = wharf_cfn_describe_new_stack_events (self->client, self->stack_id ? self->stack_id : self->stack_name,
                                                NULL, cancellable, &local);
  if (events == NULL)
    {
      if (wharf_cfn_error_is_stack_missing (local))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* describe_new_stack_events returns the oldest first; mark_seen wants
   * any order and keeps the newest id. */
  wharf_stack_event_tracker_mark_seen (self->tracker, events);
  return TRUE;
}

static gboolean
convert (WharfDeployment  *self,
         GCancellable     *cancellable,
         GError          **error)
{
  g_autoptr(WharfEcsEnvironment) env = NULL;
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);

  wharf_deployment_set_state (self, WHARF_DEPLOYMENT_RESOLVING);
  env = wharf_environment_resolve (self->client, self->project, self->stack_name, cancellable, error);
  if (env == NULL)
    return FALSE;
  wharf_deployment_set_state (self, WHARF_DEPLOYMENT_CONVERTING);
  self->template_ = wharf_ecs_convert (self->project, self->stack_name, env, diagnostics, error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diagnostics)); i++)
    {
      g_autoptr(GObject) d = g_list_model_get_item (G_LIST_MODEL (diagnostics), i);

      g_list_store_append (self->diagnostics, d);
    }
  return self->template_ != NULL;
}

/* Uploads BODY to the account's template bucket; sets template_url. */
static gboolean
upload_template (WharfDeployment  *self,
                 const char       *body,
                 gsize             length,
                 GCancellable     *cancellable,
                 GError          **error)
{
  g_autoptr(WharfStsIdentity) identity = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (body, length);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *bucket = NULL, *key = NULL, *stamp = NULL, *etag = NULL;

  identity = wharf_sts_get_caller_identity (self->client, cancellable, error);
  if (identity == NULL)
    return FALSE;
  stamp = g_strdup_printf ("wharf-templates-%s-%s", identity->account,
                           wharf_aws_client_get_region (self->client));
  bucket = g_ascii_strdown (stamp, -1);
  g_clear_pointer (&stamp, g_free);
  if (!wharf_s3_create_bucket (self->client, bucket, cancellable, &local) &&
      !wharf_aws_client_error_has_code (local, "BucketAlreadyOwnedByYou"))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  key = g_strdup_printf ("%s/%s.yaml", self->stack_name, stamp);
  etag = wharf_s3_put_object (self->client, bucket, key, bytes, "application/x-yaml", cancellable, error);
  if (etag == NULL)
    return FALSE;
  self->template_url = wharf_s3_object_url (self->client, bucket, key, error);
  return self->template_url != NULL;
}

/* NoEcho parameters of secrets read from files or the environment; their
 * values are never logged. Returns KEY, VALUE pairs. */
static GStrv
secret_parameters (WharfDeployment  *self,
                   GError          **error)
{
  GArray *secrets = wharf_template_get_secrets (self->template_);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; secrets != NULL && i < secrets->len; i++)
    {
      WharfTemplateSecret *s = &g_array_index (secrets, WharfTemplateSecret, i);
      g_autofree char *value = NULL;

      if (s->file != NULL)
        {
          if (!g_file_get_contents (s->file, &value, NULL, error))
            return NULL;
        }
      else if (s->environment != NULL)
        value = g_strdup (g_getenv (s->environment) ? g_getenv (s->environment) : "");
      else
        continue;
      g_strv_builder_add (b, s->parameter);
      g_strv_builder_add (b, value);
    }
  return g_strv_builder_end (b);
}

static gboolean
is_no_changes (const char *reason)
{
  return reason != NULL &&
         (strstr (reason, "didn't contain changes") != NULL ||
          strstr (reason, "No updates are to be performed") != NULL);
}

static gboolean
create_change_set (WharfDeployment  *self,
                   GCancellable     *cancellable,
                   GError          **error)
{
  static const char * const capabilities[] = { "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", NULL };
  const char * const tags[] = { WHARF_DEPLOYMENT_TAG_PROJECT, self->stack_name, NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *name = NULL, *body = NULL, *arn = NULL;
  g_auto(GStrv) parameters = NULL;
  WharfCfnStackInput input = { 0 };
  gboolean needs_upload = FALSE;
  gsize length = 0;
  guint polls = 0;

  wharf_deployment_set_state (self, WHARF_DEPLOYMENT_CREATING_CHANGE_SET);
  if (!wharf_template_check_limits (self->template_, WHARF_TEMPLATE_FORMAT_YAML, &needs_upload, error))
    return FALSE;
  body = wharf_template_serialize (self->template_, WHARF_TEMPLATE_FORMAT_YAML, &length, error);
  if (body == NULL)
    return FALSE;
  if (needs_upload && !upload_template (self, body, length, cancellable, error))
    return FALSE;
  parameters = secret_parameters (self, error);
  if (parameters == NULL)
    return FALSE;
  {
    /* Unique even for two deployments within one second. */
    g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H-%M-%S");

    name = g_strdup_printf ("wharf-%s-%06x", stamp, g_random_int_range (0, 0xffffff));
  }
  input.stack_name = self->stack_name;
  input.change_set_name = name;
  input.change_set_type = self->new_stack ? "CREATE" : "UPDATE";
  if (self->template_url != NULL)
    input.template_url = self->template_url;
  else
    input.template_body = body;
  input.parameters = (const char * const *) parameters;
  input.capabilities = capabilities;
  input.tags = tags;
  input.description = "Created by Wharf";
  arn = wharf_cfn_create_change_set (self->client, &input, cancellable, error);
  if (arn == NULL)
    return FALSE;
  self->total = wharf_template_get_n_resources (self->template_) + 1;
  /* Wait for the change set: CREATE_PENDING / CREATE_IN_PROGRESS. */
  for (;;)
    {
      g_autoptr(WharfCfnChangeSet) cs = wharf_cfn_describe_change_set (self->client, arn, NULL, cancellable, error);

      if (cs == NULL)
        return FALSE;
      if (g_strcmp0 (cs->status, "CREATE_COMPLETE") == 0)
        {
          self->has_changes = TRUE;
          g_free (self->stack_id);
          self->stack_id = g_strdup (cs->stack_id);
          self->change_set = g_steal_pointer (&cs);
          return TRUE;
        }
      if (g_strcmp0 (cs->status, "FAILED") == 0)
        {
          if (is_no_changes (cs->status_reason))
            {
              self->has_changes = FALSE;
              g_free (self->message);
              self->message = g_strdup_printf (_("No changes: stack %s is up to date."), self->stack_name);
              wharf_cfn_delete_change_set (self->client, arn, NULL, cancellable, NULL);
              return TRUE;
            }
          g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_CHANGE_SET,
                       _("the change set could not be created: %s"),
                       cs->status_reason ? cs->status_reason : cs->status);
          return FALSE;
        }
      if (++polls > 600)
        {
          g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_CHANGE_SET,
                       _("the change set is still %s after 10 minutes"), cs->status);
          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (polls < 10 ? G_USEC_PER_SEC / 5 : G_USEC_PER_SEC);
    }
}

gboolean
wharf_deployment_prepare (WharfDeployment  *self,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autofree char *status = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (WHARF_IS_DEPLOYMENT (self), FALSE);
  if (self->state != WHARF_DEPLOYMENT_IDLE)
    {
      g_set_error_literal (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STATE,
                           _("the deployment was already prepared"));
      return FALSE;
    }
  if (self->template_ == NULL && self->project == NULL)
    {
      g_set_error_literal (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STATE,
                           _("nothing to deploy: no project and no template"));
      return FALSE;
    }
  if (self->template_ == NULL && !convert (self, cancellable, &local))
    goto failed;
  status = describe_status (self, cancellable, &local);
  if (local != NULL)
    goto failed;
  if (status == NULL || g_str_equal (status, "REVIEW_IN_PROGRESS"))
    self->new_stack = TRUE;
  else if (g_str_equal (status, "ROLLBACK_COMPLETE") || g_str_equal (status, "ROLLBACK_FAILED") ||
           g_str_equal (status, "CREATE_FAILED") || g_str_equal (status, "DELETE_FAILED"))
    {
      g_set_error (&local, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_BUSY,
                   _("stack %s is in %s: its creation failed and it cannot be updated. "
                     "Recreate it with “wharf-cli down -p %s && wharf-cli up -p %s”"),
                   self->stack_name, status, self->stack_name, self->stack_name);
      goto failed;
    }
  else if (!wharf_cfn_status_is_terminal (status))
    {
      g_set_error (&local, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_BUSY,
                   _("stack %s is busy (%s): follow it with “wharf-cli events --follow -p %s”"),
                   self->stack_name, status, self->stack_name);
      goto failed;
    }
  self->operation = self->new_stack ? WHARF_OPERATION_CREATE : WHARF_OPERATION_UPDATE;
  if (!create_change_set (self, cancellable, &local))
    goto failed;
  wharf_deployment_set_state (self, self->has_changes ? WHARF_DEPLOYMENT_REVIEW : WHARF_DEPLOYMENT_DONE);
  return TRUE;

failed:
  wharf_deployment_set_state (self, WHARF_DEPLOYMENT_FAILED);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}
