/* wharf-status-service.c: one service of a deployed stack, as `ps` and the
 * status page show it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-status-service.h"

G_DEFINE_QUARK (wharf-status-error-quark, wharf_status_error)

struct _WharfStatusService
{
  GObject       parent_instance;

  char         *name;
  gint64        desired;
  gint64        running;
  gint64        pending;
  char         *rollout_state;
  GPtrArray    *endpoints;     /* NULL-terminated */
  GPtrArray    *tasks;
};

G_DEFINE_FINAL_TYPE (WharfStatusService, wharf_status_service, G_TYPE_OBJECT)

void
wharf_status_task_free (WharfStatusTask *task)
{
  if (task == NULL)
    return;
  g_free (task->id);
  g_free (task->last_status);
  g_free (task->desired_status);
  g_free (task->health_status);
  g_free (task->stop_reason);
  g_clear_pointer (&task->started_at, g_date_time_unref);
  g_free (task);
}

static void
wharf_status_service_finalize (GObject *object)
{
  WharfStatusService *self = WHARF_STATUS_SERVICE (object);

  g_free (self->name);
  g_free (self->rollout_state);
  g_ptr_array_unref (self->endpoints);
  g_ptr_array_unref (self->tasks);

  G_OBJECT_CLASS (wharf_status_service_parent_class)->finalize (object);
}

static void
wharf_status_service_class_init (WharfStatusServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_status_service_finalize;
}

static void
wharf_status_service_init (WharfStatusService *self)
{
  self->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_status_task_free);
  self->endpoints = g_ptr_array_new_null_terminated (2, g_free, TRUE);
}

WharfStatusService *
wharf_status_service_new (const char *name)
{
  WharfStatusService *self = g_object_new (WHARF_TYPE_STATUS_SERVICE, NULL);

  self->name = g_strdup (name);
  return self;
}

const char *
wharf_status_service_get_name (WharfStatusService *self)
{
  g_return_val_if_fail (WHARF_IS_STATUS_SERVICE (self), NULL);
  return self->name;
}

gint64
wharf_status_service_get_desired (WharfStatusService *self)
{
  g_return_val_if_fail (WHARF_IS_STATUS_SERVICE (self), 0);
  return self->desired;
}

gint64
wharf_status_service_get_running (WharfStatusService *self)
{
  g_return_val_if_fail (WHARF_IS_STATUS_SERVICE (self), 0);
  return self->running;
}

gint64
wharf_status_service_get_pending (WharfStatusService *self)
{
  g_return_val_if_fail (WHARF_IS_STATUS_SERVICE (self), 0);
  return self->pending;
}

void
wharf_status_service_set_counts (WharfStatusService *self,
                                 gint64              desired,
                                 gint64              running,
                                 gint64              pending)
{
  g_return_if_fail (WHARF_IS_STATUS_SERVICE (self));
  self->desired = desired;
  self->running = running;
  self->pending = pending;
}

const char *
wharf_status_service_get_rollout_state (WharfStatusService *self)
{
  g_return_val_if_fail (WHARF_IS_STATUS_SERVICE (self), NULL);
  return self->rollout_state;
}

void
wharf_status_service_set_rollout_state (WharfStatusService *self,
                                        const char         *state)
{
  g_return_if_fail (WHARF_IS_STATUS_SERVICE (self));
  g_free (self->rollout_state);
  self->rollout_state = g_strdup (state);
}

const char * const *
wharf_status_service_get_endpoints (WharfStatusService *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (WHARF_IS_STATUS_SERVICE (self), NULL);
  /* an empty array may not have allocated its terminator yet */
  return self->endpoints->pdata != NULL ? (const char * const *) self->endpoints->pdata : none;
}

void
wharf_status_service_add_endpoint (WharfStatusService *self,
                                   const char         *url)
{
  g_return_if_fail (WHARF_IS_STATUS_SERVICE (self));
  g_return_if_fail (url != NULL);
  g_ptr_array_add (self->endpoints, g_strdup (url));
}

GPtrArray *
wharf_status_service_get_tasks (WharfStatusService *self)
{
  g_return_val_if_fail (WHARF_IS_STATUS_SERVICE (self), NULL);
  return self->tasks;
}

void
wharf_status_service_add_task (WharfStatusService *self,
                               WharfStatusTask    *task)
{
  g_return_if_fail (WHARF_IS_STATUS_SERVICE (self));
  g_return_if_fail (task != NULL);
  g_ptr_array_add (self->tasks, task);
}

const char *
wharf_status_service_get_health (WharfStatusService *self)
{
  guint healthy = 0, running = 0;

  g_return_val_if_fail (WHARF_IS_STATUS_SERVICE (self), NULL);

  for (guint i = 0; i < self->tasks->len; i++)
    {
      WharfStatusTask *t = g_ptr_array_index (self->tasks, i);

      if (g_strcmp0 (t->last_status, "RUNNING") != 0)
        continue;
      running++;
      if (g_strcmp0 (t->health_status, "UNHEALTHY") == 0)
        return "UNHEALTHY";
      if (g_strcmp0 (t->health_status, "HEALTHY") == 0)
        healthy++;
    }
  return running > 0 && healthy == running ? "HEALTHY" : "UNKNOWN";
}
