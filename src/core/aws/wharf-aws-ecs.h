/* wharf-aws-ecs.h: typed ECS calls (JSON 1.1 protocol). Each typed result
 * keeps the raw JSON object for members Wharf does not decode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char      *arn;
  char      *name;
  char      *status;
  gint64     running_tasks;
  gint64     pending_tasks;
  gint64     active_services;
  JsonNode  *raw;
} WharfEcsCluster;

typedef struct {
  char      *id;
  char      *status;          /* PRIMARY, ACTIVE, INACTIVE */
  char      *rollout_state;   /* IN_PROGRESS, COMPLETED, FAILED */
  char      *rollout_state_reason;
  char      *task_definition;
  gint64     desired_count;
  gint64     running_count;
  gint64     pending_count;
  gint64     failed_tasks;
} WharfEcsDeployment;

typedef struct {
  char      *id;
  char      *message;
  GDateTime *created_at;
} WharfEcsServiceEvent;

typedef struct {
  char      *arn;
  char      *name;
  char      *cluster_arn;
  char      *status;
  char      *task_definition;
  char      *launch_type;
  gint64     desired_count;
  gint64     running_count;
  gint64     pending_count;
  GPtrArray *deployments;     /* WharfEcsDeployment* */
  GPtrArray *events;          /* WharfEcsServiceEvent*, newest first */
  JsonNode  *raw;
} WharfEcsService;

typedef struct {
  char      *name;
  char      *last_status;
  char      *health_status;
  char      *reason;
  gint64     exit_code;       /* -1 when not exited */
} WharfEcsContainer;

typedef struct {
  char      *arn;
  char      *cluster_arn;
  char      *task_definition_arn;
  char      *group;           /* "service:NAME" */
  char      *last_status;
  char      *desired_status;
  char      *health_status;
  char      *stopped_reason;
  char      *stop_code;
  char      *private_ip;      /* from the ENI attachment, may be NULL */
  GDateTime *started_at;
  GDateTime *stopped_at;
  GPtrArray *containers;      /* WharfEcsContainer* */
  JsonNode  *raw;
} WharfEcsTask;

void wharf_ecs_cluster_free (WharfEcsCluster *cluster);
void wharf_ecs_service_free (WharfEcsService *service);
void wharf_ecs_task_free    (WharfEcsTask    *task);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfEcsCluster, wharf_ecs_cluster_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfEcsService, wharf_ecs_service_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfEcsTask, wharf_ecs_task_free)

/* Decoders of one response (exported for tests and async use). */
WharfEcsService *wharf_ecs_service_from_json (JsonObject *object);
WharfEcsTask    *wharf_ecs_task_from_json    (JsonObject *object);

/* NAME → VALUE of the effective settings (ListAccountSettings with
 * effectiveSettings=true), all pages. NAME may be NULL (every setting). */
GHashTable *wharf_ecs_list_account_settings (WharfAwsClient      *client,
                                             const char          *name,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* WharfEcsCluster*; missing clusters are left out. */
GPtrArray  *wharf_ecs_describe_clusters     (WharfAwsClient      *client,
                                             const char * const  *clusters,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* Service ARNs, all pages. */
GStrv       wharf_ecs_list_services         (WharfAwsClient      *client,
                                             const char          *cluster,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* WharfEcsService*, in batches of 10 (the API limit). */
GPtrArray  *wharf_ecs_describe_services     (WharfAwsClient      *client,
                                             const char          *cluster,
                                             const char * const  *services,
                                             GCancellable        *cancellable,
                                             GError             **error);
void        wharf_ecs_describe_services_async  (WharfAwsClient      *client,
                                                const char          *cluster,
                                                const char * const  *services,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *wharf_ecs_describe_services_finish (WharfAwsClient      *client,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Task ARNs, all pages. SERVICE_NAME, DESIRED_STATUS ("RUNNING",
 * "STOPPED") may be NULL. */
GStrv       wharf_ecs_list_tasks            (WharfAwsClient      *client,
                                             const char          *cluster,
                                             const char          *service_name,
                                             const char          *desired_status,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* WharfEcsTask*, in batches of 100 (the API limit). */
GPtrArray  *wharf_ecs_describe_tasks        (WharfAwsClient      *client,
                                             const char          *cluster,
                                             const char * const  *tasks,
                                             GCancellable        *cancellable,
                                             GError             **error);
gboolean    wharf_ecs_delete_capacity_provider (WharfAwsClient   *client,
                                                const char       *capacity_provider,
                                                GCancellable     *cancellable,
                                                GError          **error);

G_END_DECLS
