/* wharf-resources-window-ops.c: the AWS side of Secrets & Volumes.
 *
 * Each operation runs the core's blocking call in a worker thread with a
 * client of its own, then lists again in the same worker, so the window
 * always shows what AWS has after the change. Secret values are wiped
 * from memory as soon as the request is sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-efs.h"
#include "wharf-aws-secrets.h"
#include "wharf-deployment.h"
#include "wharf-resources-window-private.h"
#include "wharf-status-error.h"

typedef struct {
  WharfResourcesOp  op;
  /* Borrowed: the callback's Op owns it. GTask may drop its last
   * reference in the worker, where a client must not be finalized. */
  WharfAwsClient   *client;
  char             *name;
  char             *value;
  char             *project;
} OpData;

static void
wipe (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
op_data_free (OpData *data)
{
  g_free (data->name);
  wipe (data->value);
  g_free (data->project);
  g_free (data);
}

static gboolean
is_secret_op (WharfResourcesOp op)
{
  return op == WHARF_RESOURCES_LIST_SECRETS || op == WHARF_RESOURCES_CREATE_SECRET ||
         op == WHARF_RESOURCES_DELETE_SECRET;
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OpData *data = task_data;
  WharfAwsClient *client = data->client;
  GError *error = NULL;
  GPtrArray *list;

  switch (data->op)
    {
    case WHARF_RESOURCES_CREATE_SECRET:
      {
        const char * const tags[] = { WHARF_DEPLOYMENT_TAG_PROJECT, data->project, NULL };
        g_autoptr(WharfSecret) secret =
          wharf_secrets_create_secret (client, data->name, data->value, NULL,
                                       data->project != NULL ? tags : NULL, cancellable, &error);

        g_clear_pointer (&data->value, wipe);
        if (secret == NULL)
          {
            g_task_return_error (task, error);
            return;
          }
      }
      break;

    case WHARF_RESOURCES_DELETE_SECRET:
      {
        /* No recovery window, as `wharf-cli secret rm`: the name can be
         * used again at once. */
        g_autoptr(WharfSecret) secret = wharf_secrets_delete_secret (client, data->name, TRUE, 0,
                                                                     cancellable, &error);

        if (secret == NULL)
          {
            g_task_return_error (task, error);
            return;
          }
      }
      break;

    case WHARF_RESOURCES_CREATE_VOLUME:
      {
        /* the project's tag only when a project is open */
        const char * const tags[] = { "Name", data->name, data->project ? WHARF_DEPLOYMENT_TAG_PROJECT : NULL,
                                      data->project, NULL };
        g_autofree char *token = g_strdup_printf ("%s-%08x", data->name, g_random_int ());
        g_autoptr(WharfEfsFileSystem) fs =
          wharf_efs_create_file_system (client, token, TRUE, tags, cancellable, &error);

        if (fs == NULL)
          {
            g_task_return_error (task, error);
            return;
          }
      }
      break;

    case WHARF_RESOURCES_DELETE_VOLUME:
      if (!wharf_efs_delete_file_system (client, data->name, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      break;

    case WHARF_RESOURCES_LIST_SECRETS:
    case WHARF_RESOURCES_LIST_VOLUMES:
    default:
      break;
    }

  if (is_secret_op (data->op))
    list = wharf_secrets_list_secrets (client, NULL, cancellable, &error);
  else
    list = wharf_efs_describe_file_systems (client, NULL, NULL, cancellable, &error);
  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

static void
set_busy (WharfResourcesWindow *self,
          WharfResourcesOp      op,
          int                   delta)
{
  if (is_secret_op (op))
    {
      self->secrets_busy += delta;
      gtk_spinner_set_spinning (self->secrets_spinner, self->secrets_busy > 0);
    }
  else
    {
      self->volumes_busy += delta;
      gtk_spinner_set_spinning (self->volumes_spinner, self->volumes_busy > 0);
    }
}

/* Errors stay long enough to be read; confirmations go quickly, so that
 * a queue of them does not hide a later error. */
static void
toast_for (WharfResourcesWindow *self,
           const char           *text,
           guint                 seconds)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, seconds);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), t);
}

static void
toast (WharfResourcesWindow *self,
       const char           *text)
{
  toast_for (self, text, 3);
}

static void
toast_error (WharfResourcesWindow *self,
             const GError         *error)
{
  g_autofree char *summary = wharf_status_error_dup_summary (error);

  toast_for (self, summary, 10);
}

/* What the callback releases, in the main thread, once the worker is done
 * with the client. */
typedef struct {
  WharfResourcesWindow *window;
  WharfAwsClient       *client;
} Op;

static void
op_free (Op *op)
{
  g_object_unref (op->client);
  g_object_unref (op->window);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static void
op_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  WharfResourcesWindow *self = op->window;
  OpData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, data->op, -1);
  self->n_operations++;
  if (list == NULL)
    {
      toast_error (self, error);
      return;
    }
  if (is_secret_op (data->op))
    _wharf_resources_window_set_secrets (self, g_steal_pointer (&list));
  else
    _wharf_resources_window_set_volumes (self, g_steal_pointer (&list));
  switch (data->op)
    {
    case WHARF_RESOURCES_CREATE_SECRET:
      {
        g_autofree char *text = g_strdup_printf (_("Secret “%s” created"), data->name);

        toast (self, text);
      }
      break;
    case WHARF_RESOURCES_DELETE_SECRET:
      {
        g_autofree char *text = g_strdup_printf (_("Secret “%s” deleted"), data->name);

        toast (self, text);
      }
      break;
    case WHARF_RESOURCES_CREATE_VOLUME:
      {
        g_autofree char *text = g_strdup_printf (_("Volume “%s” created"), data->name);

        toast (self, text);
      }
      break;
    case WHARF_RESOURCES_DELETE_VOLUME:
      {
        g_autofree char *text = g_strdup_printf (_("Volume %s deleted"), data->name);

        toast (self, text);
      }
      break;
    case WHARF_RESOURCES_LIST_SECRETS:
    case WHARF_RESOURCES_LIST_VOLUMES:
    default:
      break;
    }
}

void
_wharf_resources_window_run (WharfResourcesWindow *self,
                             WharfResourcesOp      op,
                             const char           *name,
                             char                 *value)
{
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  OpData *data;
  Op *callback_data;

  client = wharf_session_create_client (self->session, &error);
  if (client == NULL)
    {
      wipe (value);
      toast_error (self, error);
      return;
    }
  data = g_new0 (OpData, 1);
  data->op = op;
  data->name = g_strdup (name);
  data->value = value;
  data->project = g_strdup (self->project_name);
  callback_data = g_new0 (Op, 1);
  callback_data->window = g_object_ref (self);
  callback_data->client = g_steal_pointer (&client);
  data->client = callback_data->client;
  set_busy (self, op, +1);
  task = g_task_new (NULL, self->cancellable, op_done, callback_data);
  g_task_set_source_tag (task, _wharf_resources_window_run);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);
  g_task_run_in_thread (task, run_in_thread);
}
