/* wharf-status-service.h: what `ps` knows about one service of a deployed
 * stack (counts, health, endpoints, recent tasks), and how to fetch it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-client.h"

G_BEGIN_DECLS

#define WHARF_STATUS_ERROR (wharf_status_error_quark ())

typedef enum {
  /* The stack does not exist (never deployed, or deleted). */
  WHARF_STATUS_ERROR_NOT_DEPLOYED,
} WharfStatusError;

GQuark wharf_status_error_quark (void);

typedef struct {
  char      *id;              /* the last part of the task ARN */
  char      *last_status;     /* RUNNING, PENDING, STOPPED, … */
  char      *desired_status;
  char      *health_status;   /* HEALTHY, UNHEALTHY, UNKNOWN */
  char      *stop_reason;     /* "CODE: reason" for stopped tasks, else NULL */
  GDateTime *started_at;      /* may be NULL */
} WharfStatusTask;

void wharf_status_task_free (WharfStatusTask *task);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfStatusTask, wharf_status_task_free)

#define WHARF_TYPE_STATUS_SERVICE (wharf_status_service_get_type ())
G_DECLARE_FINAL_TYPE (WharfStatusService, wharf_status_service, WHARF, STATUS_SERVICE, GObject)

/* NAME is the Compose service name. */
WharfStatusService *wharf_status_service_new               (const char         *name);
const char         *wharf_status_service_get_name          (WharfStatusService *self);
gint64              wharf_status_service_get_desired       (WharfStatusService *self);
gint64              wharf_status_service_get_running       (WharfStatusService *self);
gint64              wharf_status_service_get_pending       (WharfStatusService *self);
void                wharf_status_service_set_counts        (WharfStatusService *self,
                                                            gint64              desired,
                                                            gint64              running,
                                                            gint64              pending);
/* The rollout state of the primary deployment (IN_PROGRESS, COMPLETED,
 * FAILED) or NULL. */
const char         *wharf_status_service_get_rollout_state (WharfStatusService *self);
void                wharf_status_service_set_rollout_state (WharfStatusService *self,
                                                            const char         *state);
/* URLs of the service's stack outputs. */
const char * const *wharf_status_service_get_endpoints     (WharfStatusService *self);
void                wharf_status_service_add_endpoint      (WharfStatusService *self,
                                                            const char         *url);
/* Running tasks first, then the few most recent stopped ones. */
GPtrArray          *wharf_status_service_get_tasks         (WharfStatusService *self);
/* Takes TASK. */
void                wharf_status_service_add_task          (WharfStatusService *self,
                                                            WharfStatusTask    *task);
/* HEALTHY when every running task is, UNHEALTHY when one is not, else
 * UNKNOWN (no health check, or no running task). */
const char         *wharf_status_service_get_health        (WharfStatusService *self);

/* The services of STACK_NAME, in the stack's order (WharfStatusService*).
 * Errors: WHARF_STATUS_ERROR_NOT_DEPLOYED, or the AWS error. Blocking:
 * the CLI calls it directly, the GUI through the _async variant, which
 * runs it in a worker thread with a client of its own. */
GPtrArray          *wharf_status_fetch        (WharfAwsClient      *client,
                                               const char          *stack_name,
                                               GCancellable        *cancellable,
                                               GError             **error);
/* CLIENT is not referenced: keep it alive, and use it nowhere else,
 * until CALLBACK has run (then the worker is done with it). The callback's
 * source object is NULL. */
void                wharf_status_fetch_async  (WharfAwsClient      *client,
                                               const char          *stack_name,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray          *wharf_status_fetch_finish (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
