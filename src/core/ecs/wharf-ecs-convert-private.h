/* wharf-ecs-convert-private.h: state and helpers shared by the converter's
 * files (wharf-ecs-convert*.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-ecs-convert.h"

G_BEGIN_DECLS

#define WHARF_TAG_PROJECT "com.docker.compose.project"
#define WHARF_TAG_SERVICE "com.docker.compose.service"
#define WHARF_TAG_NETWORK "com.docker.compose.network"
#define WHARF_TAG_VOLUME  "com.docker.compose.volume"

typedef struct {
  const WharfNode      *project;     /* the ECS-ready copy */
  const char           *name;        /* project name */
  WharfEcsEnvironment  *env;
  WharfTemplate        *tpl;
  GError               *error;       /* first error */
  GHashTable           *owners;      /* logical ID → owner description */

  JsonNode             *vpc;         /* VPC ID or Ref VpcId */
  JsonNode             *subnets;     /* array, or Ref Subnets */
  GPtrArray            *mount_subnets; /* JsonNode, one per AZ */
  GPtrArray            *mount_suffixes; /* char*, logical ID suffixes */
  JsonNode             *cluster;     /* cluster reference for services */
  JsonNode             *cluster_name; /* cluster name (Ref Cluster or literal) */
  gboolean              external_cluster;
  WharfLoadBalancerType lb_type;     /* NONE: no load balancer */
  JsonNode             *lb;          /* Ref LoadBalancer or ARN */
  GHashTable           *network_sg;  /* network key → JsonNode */
  GHashTable           *volume_fs;   /* volume key → JsonNode file system ID */
  GHashTable           *secret_arn;  /* secret key → JsonNode */
  GPtrArray            *all_sgs;     /* JsonNode of every project SG */
  JsonNode             *search_domain;
  gboolean              uses_gpu;
  guint64               gpu_memory_mib; /* largest GPU service needs */
  double                gpu_cpus;
  guint                 gpu_count;
  const WharfNode      *gpu_service;    /* first service needing EC2 */
} WharfEcsConvert;

/* JSON construction (the returned node is new; setters take ownership). */
JsonNode   *wharf_cfn_string         (const char        *value);
JsonNode   *wharf_cfn_int            (gint64             value);
JsonNode   *wharf_cfn_bool           (gboolean           value);
JsonNode   *wharf_cfn_object         (JsonObject        *object);
JsonNode   *wharf_cfn_array          (JsonArray         *array);
JsonNode   *wharf_cfn_ref            (const char        *logical_id);
JsonNode   *wharf_cfn_get_att        (const char        *logical_id,
                                      const char        *attribute);
JsonNode   *wharf_cfn_sub            (const char        *format);
JsonNode   *wharf_cfn_join           (const char        *separator,
                                      JsonNode          *first,
                                      ...) G_GNUC_NULL_TERMINATED;
JsonNode   *wharf_cfn_copy           (JsonNode          *node);
JsonArray  *wharf_cfn_tags           (WharfEcsConvert   *ctx,
                                      const char        *key,
                                      const char        *value);
/* {Version, Statement: [{Effect: Allow, Principal: {Service: S}, Action: [sts:AssumeRole]}]} */
JsonNode   *wharf_cfn_trust_policy   (const char        *service);

/* Adds a resource; fails (ctx->error set, NULL returned) when another owner
 * already produced LOGICAL_ID. Returns its Properties. */
JsonObject *wharf_ecs_add_resource   (WharfEcsConvert   *ctx,
                                      const char        *logical_id,
                                      const char        *type,
                                      const char        *owner);
void        wharf_ecs_add_depends_on (WharfEcsConvert   *ctx,
                                      const char        *logical_id,
                                      const char        *dependency);

/* Reading the Compose tree. */
WharfNode  *wharf_ecs_lookup         (const WharfNode   *node,
                                      const char        *first_key,
                                      ...) G_GNUC_NULL_TERMINATED;
const char *wharf_ecs_lookup_string  (const WharfNode   *node,
                                      const char        *key);
gboolean    wharf_ecs_lookup_bool    (const WharfNode   *node,
                                      const char        *key);
JsonNode   *wharf_ecs_node_to_json   (const WharfNode   *node);

/* Per-feature steps (each returns FALSE with ctx->error set). */
gboolean    wharf_ecs_convert_networks  (WharfEcsConvert *ctx);
gboolean    wharf_ecs_convert_secrets   (WharfEcsConvert *ctx);
gboolean    wharf_ecs_convert_volumes   (WharfEcsConvert *ctx);
gboolean    wharf_ecs_convert_service   (WharfEcsConvert *ctx,
                                         const char      *name,
                                         const WharfNode *service);
JsonNode   *wharf_ecs_task_definition   (WharfEcsConvert *ctx,
                                         const char      *name,
                                         const WharfNode *service,
                                         const char      *norm,
                                         gboolean         has_task_role);
gboolean    wharf_ecs_convert_autoscaling (WharfEcsConvert *ctx,
                                         const char      *name,
                                         const WharfNode *service,
                                         const char      *norm);
gboolean    wharf_ecs_convert_gpu       (WharfEcsConvert *ctx);

/* Containers (wharf-ecs-convert-container.c). */
JsonObject *wharf_ecs_main_container    (WharfEcsConvert *ctx,
                                         const char      *name,
                                         const WharfNode *service,
                                         JsonArray       *init_names);
JsonObject *wharf_ecs_secrets_container (WharfEcsConvert *ctx,
                                         const WharfNode *service,
                                         const char      *norm,
                                         const WharfNode *secrets);
JsonObject *wharf_ecs_search_domain_container (WharfEcsConvert *ctx,
                                         const WharfNode *service,
                                         const char      *norm);
void        wharf_ecs_add_mount         (JsonArray       *mounts,
                                         const char      *path,
                                         gboolean         read_only,
                                         const char      *volume);

/* Ports (wharf-ecs-convert-ports.c). */
GPtrArray  *wharf_ecs_service_networks  (const WharfNode *service);
gboolean    wharf_ecs_convert_port      (WharfEcsConvert *ctx,
                                         const char      *name,
                                         const WharfNode *service,
                                         const char      *norm,
                                         const char      *owner,
                                         const WharfNode *port,
                                         const char      *service_id,
                                         JsonArray       *load_balancers);

/* Service facts. */
guint       wharf_ecs_service_gpus      (const WharfNode *service);
gboolean    wharf_ecs_service_resources (const WharfNode *service,
                                         double          *cpus,
                                         guint64         *memory_bytes);
gboolean    wharf_ecs_port_is_http      (const WharfNode *port);

G_END_DECLS
