/* wharf-sandbox-private.h: internals shared by the sandbox files and its tests.
 *
 * All times are microseconds since the epoch (g_get_real_time ()); the
 * engine never reads the clock itself, so tests drive it with a virtual one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "wharf-sandbox.h"

G_BEGIN_DECLS

typedef struct _SbxState     SbxState;
typedef struct _SbxStack     SbxStack;
typedef struct _SbxTemplate  SbxTemplate;
typedef struct _SbxOperation SbxOperation;

/* ---- state and seed (wharf-sandbox-state.c) ---- */

typedef struct {
  char   *access_key_id;
  char   *secret_access_key;
  char   *session_token;       /* temporary credentials (AssumeRole) */
  char   *arn;
  char   *user_id;
  gint64  expiration;          /* 0: never */
} SbxCredential;

typedef struct {
  char     *id;
  char     *cidr;
  gboolean  is_default;
  gboolean  dns_support;
  gboolean  dns_hostnames;
  char     *igw_id;
} SbxVpc;

typedef struct {
  char     *id;
  char     *vpc_id;
  char     *az;
  char     *cidr;
  gboolean  public_ip;
  gboolean  default_for_az;
} SbxSubnet;

typedef struct {
  char      *id;
  char      *vpc_id;
  gboolean   main;
  GPtrArray *subnet_ids;       /* char* */
  char      *igw_id;           /* 0.0.0.0/0 route target, or NULL */
} SbxRouteTable;

typedef struct {
  char *id;
  char *name;
  char *description;
  char *vpc_id;
} SbxSecurityGroup;

typedef struct {
  char   *arn;
  char   *name;
  char   *dns_name;
  char   *scheme;
  char   *type;
  char   *vpc_id;
  gint64  created;
} SbxLoadBalancer;

typedef struct {
  char *arn;
  char *name;
  char *protocol;
  int   port;
  char *vpc_id;
  char *target_type;
  char *lb_arn;
} SbxTargetGroup;

typedef struct {
  char *logical_id;            /* NULL: any */
  char *type;                  /* NULL: any */
  char *reason;
} SbxResourceFault;

typedef struct {
  char *service;               /* service name, NULL: any */
  char *reason;
  int   exit_code;
  int   after_steps;           /* steps a task runs before it stops */
} SbxTaskFault;

typedef struct {
  double     throttle_rate;
  double     error_rate;
  double     drop_rate;
  guint      latency_ms;
  GPtrArray *resources;        /* SbxResourceFault */
  GPtrArray *tasks;            /* SbxTaskFault */
} SbxFaults;

struct _SbxState {
  char       *account_id;
  char       *region;
  double      pace;            /* seconds per step */
  guint       event_page_size;
  guint       stack_page_size;     /* DescribeStacks */
  guint       resource_page_size;  /* ListStackResources */
  gboolean    verify_signatures;
  GRand      *rand;
  guint64     counter;

  GPtrArray  *credentials;     /* SbxCredential */
  GPtrArray  *regions;         /* char* */
  GPtrArray  *vpcs;            /* SbxVpc */
  GPtrArray  *subnets;         /* SbxSubnet */
  GPtrArray  *route_tables;    /* SbxRouteTable */
  GPtrArray  *security_groups; /* SbxSecurityGroup */
  GPtrArray  *load_balancers;  /* SbxLoadBalancer */
  GPtrArray  *target_groups;   /* SbxTargetGroup */
  GHashTable *autoscaling_groups; /* name → name */
  GHashTable *ssm_parameters;  /* name → value */
  SbxFaults   faults;

  GPtrArray  *stacks;          /* SbxStack, oldest first, deleted ones kept */
  GPtrArray  *change_sets;     /* SbxChangeSet */
  GHashTable *exports;         /* export name → value */

  GPtrArray  *secrets;         /* SbxSecret */
  GPtrArray  *file_systems;    /* SbxFileSystem */
  GHashTable *buckets;         /* name → GHashTable (key → GBytes) */
  GPtrArray  *clusters;        /* SbxCluster */
  GPtrArray  *task_definitions;/* SbxTaskDef */
  GPtrArray  *services;        /* SbxService */
  GPtrArray  *log_groups;      /* SbxLogGroup */
};

SbxState       *sbx_state_new_default     (void);
SbxState       *sbx_state_new_from_seed   (JsonNode     *seed,
                                           GError      **error);
SbxState       *sbx_state_new_empty       (void);
void            sbx_state_free            (SbxState     *state);
gint64          sbx_state_step_usec       (SbxState     *state);
/* Random lower-case hex / upper-case alphanumerics from the seeded RNG. */
char           *sbx_random_hex            (SbxState     *state,
                                           guint         length);
char           *sbx_random_alnum          (SbxState     *state,
                                           guint         length);
char           *sbx_uuid                  (SbxState     *state);
SbxCredential  *sbx_state_find_credential (SbxState     *state,
                                           const char   *access_key_id);
SbxCredential  *sbx_state_issue_credential (SbxState    *state,
                                           const char   *role_arn,
                                           const char   *session_name,
                                           gint64        expiration);
/* "2026-11-27T08:00:00.123Z" */
char           *sbx_iso8601               (gint64        usec);
SbxSubnet      *sbx_state_find_subnet     (SbxState     *state,
                                           const char   *id);
SbxVpc         *sbx_state_default_vpc     (SbxState     *state);

/* Seeds load balancers, secrets, file systems, SSM parameters, faults. */
gboolean        sbx_state_seed_services   (SbxState     *state,
                                           JsonObject   *root,
                                           GError      **error);

SbxState       *wharf_sandbox_get_state   (WharfSandbox *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbxState, sbx_state_free)

/* ---- templates (wharf-sandbox-yaml.c, wharf-sandbox-template.c) ---- */

/* YAML with CloudFormation's short-form tags (!Ref, !GetAtt, !Sub…) to JSON. */
JsonNode       *sbx_yaml_to_json          (const char   *data,
                                           gsize         length,
                                           GError      **error);

struct _SbxTemplate {
  JsonNode   *root;
  char       *body;
  char       *description;
  GPtrArray  *order;           /* logical ids, dependencies first */
  GHashTable *deps;            /* logical id → GPtrArray of logical ids */
  GPtrArray  *parameters;      /* names, in template order */
  gboolean    needs_iam;
  gboolean    needs_named_iam;
};

#define SBX_MAX_TEMPLATE_BODY   51200
#define SBX_MAX_TEMPLATE_URL    1000000
#define SBX_MAX_RESOURCES       500

/* Errors are WHARF_SANDBOX_ERROR_TEMPLATE with CloudFormation's messages. */
SbxTemplate    *sbx_template_parse        (const char   *body,
                                           gsize         length,
                                           GError      **error);
void            sbx_template_free         (SbxTemplate  *tmpl);
JsonObject     *sbx_template_resources    (SbxTemplate  *tmpl);
JsonObject     *sbx_template_resource     (SbxTemplate  *tmpl,
                                           const char   *logical_id);
const char     *sbx_template_resource_type (SbxTemplate *tmpl,
                                           const char   *logical_id);
JsonObject     *sbx_template_section      (SbxTemplate  *tmpl,
                                           const char   *name);
/* Logical ids of resources that LOGICAL_ID depends on. */
GPtrArray      *sbx_template_deps         (SbxTemplate  *tmpl,
                                           const char   *logical_id);
/* Adds to SET the names NODE references (Ref, Fn::GetAtt, Fn::Sub). */
void            sbx_collect_refs          (JsonNode     *node,
                                           GHashTable   *set);
/* The same, and adds to GETATTS the resources named by Fn::GetAtt. */
void            sbx_collect_refs_and_getatts (JsonNode   *node,
                                              GHashTable *set,
                                              GHashTable *getatts);
gboolean        sbx_resource_type_known   (const char   *type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbxTemplate, sbx_template_free)

/* ---- stacks and the engine (wharf-sandbox-engine.c, -intrinsics.c, -resources.c) ---- */

typedef struct {
  char       *logical_id;
  char       *type;
  char       *physical_id;
  char       *status;
  char       *status_reason;
  gint64      timestamp;
  JsonNode   *properties;      /* resolved */
  GHashTable *attributes;      /* name → string */
  gboolean    exists;          /* a physical resource exists */
  /* Before an update started: to roll back, and for cleanup of replacements. */
  char       *old_physical_id;
  JsonNode   *old_properties;
  GHashTable *old_attributes;
} SbxResource;

typedef struct {
  char   *event_id;
  char   *logical_id;
  char   *physical_id;
  char   *type;
  char   *status;
  char   *reason;
  char   *token;
  gint64  timestamp;
} SbxEvent;

typedef struct {
  char *key;
  char *value;
} SbxPair;

struct _SbxStack {
  char        *stack_id;
  char        *name;
  char        *status;
  char        *status_reason;
  char        *description;
  gint64       created;
  gint64       updated;
  gint64       deleted;
  SbxTemplate *tmpl;
  GPtrArray   *parameters;     /* SbxPair */
  GPtrArray   *tags;           /* SbxPair */
  GStrv        capabilities;
  gboolean     disable_rollback;
  char        *on_failure;     /* ROLLBACK, DO_NOTHING, DELETE */
  GPtrArray   *resources;      /* SbxResource, template order */
  GPtrArray   *events;         /* SbxEvent, oldest first */
  GPtrArray   *outputs;        /* SbxPair */
  gint64       last_event_time;
  SbxOperation *op;
  /* the previous template and parameters while an update runs */
  SbxTemplate *old_tmpl;
  GPtrArray   *old_parameters;
};

typedef enum {
  SBX_OP_CREATE,
  SBX_OP_UPDATE,
  SBX_OP_DELETE,
} SbxOpKind;

SbxStack       *sbx_stack_find            (SbxState     *state,
                                           const char   *name_or_id,
                                           gboolean      include_deleted);
SbxResource    *sbx_stack_resource        (SbxStack     *stack,
                                           const char   *logical_id);
/* Starts CreateStack on a new stack (or one in REVIEW_IN_PROGRESS). */
SbxStack       *sbx_engine_create_stack   (SbxState     *state,
                                           SbxStack     *review_stack,
                                           const char   *name,
                                           SbxTemplate  *tmpl,
                                           GPtrArray    *parameters,
                                           GPtrArray    *tags,
                                           GStrv         capabilities,
                                           const char   *on_failure,
                                           const char   *token,
                                           gint64        now,
                                           GError      **error);
gboolean        sbx_engine_update_stack   (SbxState     *state,
                                           SbxStack     *stack,
                                           SbxTemplate  *tmpl,
                                           GPtrArray    *parameters,
                                           GPtrArray    *tags,
                                           GStrv         capabilities,
                                           gboolean      disable_rollback,
                                           const char   *token,
                                           gint64        now,
                                           GError      **error);
gboolean        sbx_engine_delete_stack   (SbxState     *state,
                                           SbxStack     *stack,
                                           GStrv         retain,
                                           const char   *token,
                                           gint64        now,
                                           GError      **error);
gboolean        sbx_engine_cancel_update  (SbxState     *state,
                                           SbxStack     *stack,
                                           gint64        now,
                                           GError      **error);
/* Creates a stack in REVIEW_IN_PROGRESS (change set of type CREATE). */
SbxStack       *sbx_engine_review_stack   (SbxState     *state,
                                           const char   *name,
                                           gint64        now);
/* Runs every step due at NOW (stacks, change sets, ECS, logs). */
void            sbx_engine_advance        (SbxState     *state,
                                           gint64        now);
/* Runs until no operation is in progress; returns the virtual time reached. */
gint64          sbx_engine_run_until_idle (SbxState     *state,
                                           gint64        now);
gboolean        sbx_stack_is_busy         (SbxStack     *stack);
void            sbx_engine_add_event      (SbxState     *state,
                                           SbxStack     *stack,
                                           const char   *logical_id,
                                           const char   *physical_id,
                                           const char   *type,
                                           const char   *status,
                                           const char   *reason,
                                           gint64        when);
void            sbx_stack_free            (SbxStack     *stack);
void            sbx_pair_free             (SbxPair      *pair);
SbxPair        *sbx_pair_new              (const char   *key,
                                           const char   *value);
const char     *sbx_pairs_lookup          (GPtrArray    *pairs,
                                           const char   *key);
/* Checks parameters against the template and fills defaults. */
GPtrArray      *sbx_resolve_parameters    (SbxTemplate  *tmpl,
                                           GPtrArray    *given,
                                           GPtrArray    *previous,
                                           GError      **error);
gboolean        sbx_check_capabilities    (SbxTemplate  *tmpl,
                                           GStrv         capabilities,
                                           GError      **error);

/* Operations: the steps of a create, update or delete (wharf-sandbox-operation.c). */
SbxOperation   *sbx_operation_new_create  (SbxState     *state,
                                           SbxStack     *stack,
                                           const char   *token,
                                           gint64        now);
/* CHANGES: SbxChange from sbx_compute_changes(); stack->tmpl is already the new one. */
SbxOperation   *sbx_operation_new_update  (SbxState     *state,
                                           SbxStack     *stack,
                                           GPtrArray    *changes,
                                           const char   *token,
                                           gboolean      disable_rollback,
                                           gint64        now);
SbxOperation   *sbx_operation_new_delete  (SbxState     *state,
                                           SbxStack     *stack,
                                           GStrv         retain,
                                           const char   *token,
                                           gint64        now);
void            sbx_operation_cancel      (SbxState     *state,
                                           SbxStack     *stack,
                                           gint64        now);
/* One step at WHEN; clears stack->op when the operation is over. */
void            sbx_operation_step        (SbxState     *state,
                                           SbxStack     *stack,
                                           gint64        when);
gint64          sbx_operation_next_step   (SbxOperation *op);
const char     *sbx_operation_token       (SbxOperation *op);
void            sbx_operation_free        (SbxOperation *op);
void            sbx_stack_set_status      (SbxState     *state,
                                           SbxStack     *stack,
                                           const char   *status,
                                           const char   *reason,
                                           gint64        when);
void            sbx_stack_compute_outputs (SbxState     *state,
                                           SbxStack     *stack);
SbxResource    *sbx_resource_new          (const char   *logical_id,
                                           const char   *type);
void            sbx_resource_free         (SbxResource  *res);

/* Intrinsic functions against a stack (wharf-sandbox-intrinsics.c). */
typedef struct {
  SbxState   *state;
  SbxStack   *stack;
  SbxTemplate *tmpl;
  GPtrArray  *parameters;
} SbxEval;

JsonNode       *sbx_eval                  (SbxEval      *ev,
                                           JsonNode     *node);
gboolean        sbx_eval_condition        (SbxEval      *ev,
                                           const char   *name);
gboolean        sbx_resource_enabled      (SbxEval      *ev,
                                           const char   *logical_id);
char           *sbx_node_to_string        (JsonNode     *node);

/* Resource types (wharf-sandbox-resources.c). */
typedef enum {
  SBX_REPLACE_NEVER,
  SBX_REPLACE_ALWAYS,
  SBX_REPLACE_CONDITIONAL,
} SbxReplacement;

SbxReplacement  sbx_property_replacement  (const char   *type,
                                           const char   *property);
/* Physical id and attributes of a new physical resource. */
void            sbx_resource_provision    (SbxState     *state,
                                           SbxStack     *stack,
                                           SbxResource  *res);
/* Effects on the account (ECS services, log groups, file systems…). */
void            sbx_world_create          (SbxState     *state,
                                           SbxStack     *stack,
                                           SbxResource  *res,
                                           gint64        now);
void            sbx_world_update          (SbxState     *state,
                                           SbxStack     *stack,
                                           SbxResource  *res,
                                           gint64        now);
void            sbx_world_delete          (SbxState     *state,
                                           const char   *type,
                                           const char   *physical_id,
                                           gint64        now);
const char     *sbx_fault_for_resource    (SbxState     *state,
                                           SbxResource  *res);

/* ---- change sets (wharf-sandbox-changeset.c) ---- */

typedef struct {
  char     *action;            /* Add, Modify, Remove */
  char     *logical_id;
  char     *physical_id;
  char     *type;
  char     *replacement;       /* True, False, Conditional, or NULL */
  GPtrArray *details;          /* SbxChangeDetail */
  gboolean  dynamic;
} SbxChange;

typedef struct {
  char *name;                  /* property */
  char *requires_recreation;   /* Never, Always, Conditionally */
  char *evaluation;            /* Static, Dynamic */
  char *source;                /* DirectModification, ResourceReference, ParameterReference */
  char *causing_entity;
} SbxChangeDetail;

typedef struct {
  char        *arn;
  char        *name;
  char        *stack_id;
  char        *stack_name;
  char        *type;           /* CREATE, UPDATE */
  char        *status;
  char        *execution_status;
  char        *status_reason;
  char        *description;
  gint64       created;
  gint64       ready_at;
  SbxTemplate *tmpl;
  GPtrArray   *parameters;     /* SbxPair */
  GPtrArray   *tags;
  GStrv        capabilities;
  GPtrArray   *changes;        /* SbxChange */
} SbxChangeSet;

/* Add/Modify/Remove between the stack's template and TMPL. */
GPtrArray      *sbx_compute_changes       (SbxState     *state,
                                           SbxStack     *stack,
                                           SbxTemplate  *tmpl,
                                           GPtrArray    *parameters);
SbxChangeSet   *sbx_change_set_create     (SbxState     *state,
                                           SbxStack     *stack,
                                           const char   *name,
                                           const char   *type,
                                           SbxTemplate  *tmpl,
                                           GPtrArray    *parameters,
                                           GPtrArray    *tags,
                                           GStrv         capabilities,
                                           const char   *description,
                                           gint64        now);
SbxChangeSet   *sbx_change_set_find       (SbxState     *state,
                                           const char   *name_or_arn,
                                           const char   *stack_name);
gboolean        sbx_change_set_execute    (SbxState     *state,
                                           SbxChangeSet *cs,
                                           const char   *token,
                                           gboolean      disable_rollback,
                                           gint64        now,
                                           GError      **error);
void            sbx_change_set_delete     (SbxState     *state,
                                           SbxChangeSet *cs);
void            sbx_change_sets_advance   (SbxState     *state,
                                           gint64        now);
void            sbx_change_set_free       (SbxChangeSet *cs);
void            sbx_change_free           (SbxChange    *change);

/* ---- ECS and logs emulation (wharf-sandbox-ecs.c, wharf-sandbox-logs.c) ---- */

typedef struct {
  char   *arn;
  char   *name;
  char   *status;
  gint64  created;
} SbxCluster;

typedef struct {
  char     *arn;
  char     *family;
  int       revision;
  JsonNode *properties;
  gboolean  active;
} SbxTaskDef;

typedef struct {
  char   *arn;
  char   *id;
  char   *last_status;
  char   *desired_status;
  char   *health;
  char   *stopped_reason;
  char   *stop_code;
  char   *private_ip;
  int     exit_code;
  int     steps;               /* steps since creation */
  int     log_lines;
  gint64  created;
  gint64  started;
  gint64  stopped;
} SbxTask;

typedef struct {
  char      *arn;
  char      *name;
  char      *cluster_arn;
  char      *task_def_arn;
  char      *status;
  char      *launch_type;
  char      *deployment_id;
  int        desired;
  gint64     created;
  gint64     next_step;
  gboolean   steady;
  GPtrArray *tasks;            /* SbxTask */
  GPtrArray *events;           /* SbxPair: key = ISO time µs as string, value = message */
  JsonNode  *network;
  JsonNode  *load_balancers;
} SbxService;

SbxCluster     *sbx_ecs_cluster_find      (SbxState     *state,
                                           const char   *name_or_arn);
SbxCluster     *sbx_ecs_cluster_add       (SbxState     *state,
                                           const char   *name,
                                           gint64        now);
SbxTaskDef     *sbx_ecs_task_def_register (SbxState     *state,
                                           const char   *arn,
                                           JsonNode     *properties);
SbxService     *sbx_ecs_service_add       (SbxState     *state,
                                           const char   *cluster,
                                           const char   *name,
                                           const char   *task_def_arn,
                                           int           desired,
                                           JsonNode     *properties,
                                           gint64        now);
void            sbx_ecs_service_update    (SbxState     *state,
                                           SbxService   *service,
                                           const char   *task_def_arn,
                                           int           desired,
                                           gint64        now);
void            sbx_ecs_service_remove    (SbxState     *state,
                                           const char   *arn,
                                           gint64        now);
SbxTaskDef     *sbx_ecs_task_def_find     (SbxState     *state,
                                           const char   *arn_or_family);
SbxService     *sbx_ecs_service_find      (SbxState     *state,
                                           const char   *cluster,
                                           const char   *name_or_arn);
/* CONTAINER is an entry of a task definition's ContainerDefinitions; its
 * healthStatus in T is T's health when it has a HealthCheck, else UNKNOWN
 * (wharf-sandbox-ecs-tasks.c). */
gboolean        sbx_ecs_container_has_health_check (JsonObject *container);
const char     *sbx_ecs_container_health  (SbxTask      *t,
                                           JsonObject   *container);
void            sbx_ecs_advance           (SbxState     *state,
                                           gint64        now);
void            sbx_service_free          (SbxService   *service);

typedef struct {
  gint64  timestamp;           /* ms */
  gint64  ingestion;           /* ms */
  char   *message;
  char   *event_id;
} SbxLogEvent;

typedef struct {
  char      *name;
  gint64     created;
  GPtrArray *events;           /* SbxLogEvent */
} SbxLogStream;

typedef struct {
  char      *name;
  char      *arn;
  gint64     created;
  int        retention;
  GPtrArray *streams;          /* SbxLogStream */
} SbxLogGroup;

SbxLogGroup    *sbx_logs_group_find       (SbxState     *state,
                                           const char   *name);
SbxLogGroup    *sbx_logs_group_ensure     (SbxState     *state,
                                           const char   *name,
                                           gint64        now);
void            sbx_logs_group_remove     (SbxState     *state,
                                           const char   *name);
void            sbx_logs_put              (SbxState     *state,
                                           const char   *group,
                                           const char   *stream,
                                           gint64        when,
                                           const char   *message);
void            sbx_log_group_free        (SbxLogGroup  *group);

/* ---- other services' state ---- */

typedef struct {
  char   *arn;
  char   *name;
  char   *description;
  char   *value;
  char   *version_id;
  gint64  created;
  gint64  deleted;             /* DeletedDate, 0 when live */
  gint64  deletion_date;
  JsonNode *tags;              /* array of {Key, Value}, or NULL */
} SbxSecret;

typedef struct {
  char     *id;
  char     *arn;
  char     *creation_token;
  char     *name;
  char     *performance_mode;
  char     *throughput_mode;
  gboolean  encrypted;
  gint64    created;
  JsonNode *tags;              /* array of {Key, Value} */
} SbxFileSystem;

SbxSecret      *sbx_secret_add            (SbxState     *state,
                                           const char   *name,
                                           const char   *value,
                                           const char   *description,
                                           gint64        now);
void            sbx_secret_remove         (SbxState     *state,
                                           const char   *arn);
SbxFileSystem  *sbx_file_system_add       (SbxState     *state,
                                           const char   *token,
                                           JsonObject   *props,
                                           gint64        now);
void            sbx_file_system_remove    (SbxState     *state,
                                           const char   *id);
void            sbx_secret_free           (SbxSecret    *secret);
void            sbx_file_system_free      (SbxFileSystem *fs);
/* The body of an S3 object (for TemplateURL), or NULL. */
GBytes         *sbx_s3_lookup_url         (SbxState     *state,
                                           const char   *url);

/* ---- wire (wharf-sandbox-wire.c) ---- */

typedef enum {
  SBX_PROTO_QUERY,
  SBX_PROTO_EC2,
  SBX_PROTO_JSON,
  SBX_PROTO_REST_JSON,
  SBX_PROTO_REST_XML,
} SbxProtocol;

typedef struct {
  SbxState          *state;
  SoupServerMessage *msg;
  const char        *method;
  const char        *path;
  SbxProtocol        protocol;
  const char        *service;  /* signing name */
  const char        *xmlns;
  char              *operation;
  char              *request_id;
  GHashTable        *params;   /* Query / EC2 parameters, or URL query */
  JsonObject        *json;     /* JSON body */
  JsonNode          *json_root;
  GBytes            *body;
  gint64             now;
} SbxRequest;

GHashTable     *sbx_parse_form            (const char   *data,
                                           gsize         length);
const char     *sbx_param                 (SbxRequest   *req,
                                           const char   *name);
/* Values of PREFIX.1, PREFIX.2… (PREFIX is e.g. "Capabilities.member"). */
GStrv           sbx_param_list            (SbxRequest   *req,
                                           const char   *prefix);
/* Pairs from PREFIX.N.KEY / PREFIX.N.VALUE. */
GPtrArray      *sbx_param_pairs           (SbxRequest   *req,
                                           const char   *prefix,
                                           const char   *key,
                                           const char   *value);
const char     *sbx_json_string           (SbxRequest   *req,
                                           const char   *member);
gint64          sbx_json_int              (SbxRequest   *req,
                                           const char   *member,
                                           gint64        fallback);

void            sbx_xml_text              (GString      *out,
                                           const char   *element,
                                           const char   *text);
void            sbx_xml_bool              (GString      *out,
                                           const char   *element,
                                           gboolean      value);
void            sbx_xml_int               (GString      *out,
                                           const char   *element,
                                           gint64        value);
void            sbx_xml_time              (GString      *out,
                                           const char   *element,
                                           gint64        usec);
/* Query answer: <OpResponse><OpResult>RESULT</OpResult>…; RESULT NULL: no result. */
void            sbx_reply_query           (SbxRequest   *req,
                                           const char   *result);
/* EC2 answer: <OpResponse><requestId/>BODY</OpResponse> */
void            sbx_reply_ec2             (SbxRequest   *req,
                                           const char   *body);
/* Takes ownership of NODE. */
void            sbx_reply_json            (SbxRequest   *req,
                                           guint         status,
                                           JsonNode     *node);
void            sbx_reply_raw             (SbxRequest   *req,
                                           guint         status,
                                           const char   *content_type,
                                           GBytes       *body);
/* An error in the shape of the request's protocol. */
void            sbx_reply_error           (SbxRequest   *req,
                                           guint         status,
                                           const char   *code,
                                           const char   *message);
void            sbx_reply_gerror          (SbxRequest   *req,
                                           const GError *error);
double          sbx_json_time             (gint64        usec);

/* CloudFormation helpers shared by wharf-sandbox-cfn*.c: the template of a
 * request (TemplateBody, TemplateURL or UsePreviousTemplate with STACK);
 * NULL after replying with the error. */
SbxTemplate    *sbx_cfn_request_template  (SbxRequest   *req,
                                           SbxStack     *stack);
gboolean        sbx_cfn_check_name        (SbxRequest   *req,
                                           const char   *value,
                                           const char   *member,
                                           const char   *pattern);
void            sbx_cfn_parameters_xml    (GString      *out,
                                           GPtrArray    *parameters);
void            sbx_cfn_tags_xml          (GString      *out,
                                           GPtrArray    *tags);
gboolean        sbx_handle_cfn_change_sets (SbxRequest  *req);
/* DescribeStacks, ListStacks, DescribeStackEvents, ListStackResources,
 * DescribeStackResources; FALSE for other operations. */
gboolean        sbx_handle_cfn_describe   (SbxRequest   *req);

/* Routing (wharf-sandbox-route.c): sets the protocol, service and
 * operation of REQ (FALSE when nothing matches); parses a JSON body into
 * req->json (FALSE when it is not an object); answers the protocol's
 * throttling error; runs the service's handler (or answers that the
 * operation is unknown). */
gboolean        sbx_route                 (SbxRequest   *req);
gboolean        sbx_parse_json_body       (SbxRequest   *req);
void            sbx_reply_throttled       (SbxRequest   *req);
void            sbx_dispatch              (SbxRequest   *req);

/* Shared by the ECS API files (wharf-sandbox-ecs-api.c, -ecs-tasks.c). */
JsonArray      *sbx_ecs_json_array        (SbxRequest   *req,
                                           const char   *name);
gboolean        sbx_ecs_cluster_or_fail   (SbxRequest   *req,
                                           SbxCluster  **out);
void            sbx_ecs_reply_page        (SbxRequest   *req,
                                           GPtrArray    *items,
                                           const char   *member,
                                           gint64        max_default,
                                           gint64        max_limit);
void            sbx_json_add_string       (JsonBuilder  *b,
                                           const char   *name,
                                           const char   *value);
void            sbx_json_add_int          (JsonBuilder  *b,
                                           const char   *name,
                                           gint64        value);
void            sbx_json_add_time         (JsonBuilder  *b,
                                           const char   *name,
                                           gint64        usec);
gboolean        sbx_handle_ecs_tasks      (SbxRequest   *req);

/* Shared by the Secrets Manager files (wharf-sandbox-secrets.c, -tags.c). */
/* The secret named by the SecretId member, or NULL after replying
 * ResourceNotFoundException. */
SbxSecret      *sbx_secret_or_fail        (SbxRequest   *req);
/* FALSE, after replying InvalidParameterException, when TAGS is not a
 * list of tags Secrets Manager takes. */
gboolean        sbx_secret_tags_valid     (SbxRequest   *req,
                                           JsonNode     *tags);
/* Adds TAGS (checked) to S, replacing the values of keys it has. */
void            sbx_secret_set_tags       (SbxSecret    *s,
                                           JsonNode     *tags);
/* TagResource, UntagResource; FALSE for other operations. */
gboolean        sbx_handle_secrets_tags   (SbxRequest   *req);

/* Per-service handlers: return FALSE when the operation is unknown. */
gboolean        sbx_handle_cloudformation (SbxRequest   *req);
gboolean        sbx_handle_ecs            (SbxRequest   *req);
gboolean        sbx_handle_logs           (SbxRequest   *req);
gboolean        sbx_handle_secretsmanager (SbxRequest   *req);
gboolean        sbx_handle_ssm            (SbxRequest   *req);
gboolean        sbx_handle_efs            (SbxRequest   *req);
gboolean        sbx_handle_s3             (SbxRequest   *req);
gboolean        sbx_handle_ec2            (SbxRequest   *req);
gboolean        sbx_handle_elbv2          (SbxRequest   *req);
gboolean        sbx_handle_sts            (SbxRequest   *req);
gboolean        sbx_handle_autoscaling    (SbxRequest   *req);

/* ---- authentication (wharf-sandbox-auth.c) ---- */

typedef enum {
  SBX_AUTH_OK,
  SBX_AUTH_MISSING,
  SBX_AUTH_UNKNOWN_KEY,
  SBX_AUTH_BAD_SIGNATURE,
  SBX_AUTH_EXPIRED,
  SBX_AUTH_MALFORMED,
} SbxAuthResult;

/* Signing name and region from the Authorization header's scope. */
gboolean        sbx_auth_scope            (const char   *authorization,
                                           char        **service,
                                           char        **region);
SbxAuthResult   sbx_auth_verify           (SbxState     *state,
                                           SoupServerMessage *msg,
                                           GBytes       *body,
                                           gint64        now,
                                           char        **detail);
void            sbx_reply_auth_error      (SbxRequest   *req,
                                           SbxAuthResult result,
                                           const char   *detail);

G_END_DECLS
