/* wharf-aws-cloudformation.h: typed CloudFormation calls (Query protocol).
 *
 * Each call is a blocking function for the CLI. The calls the GUI polls
 * also have _async/_finish pairs; any other call can run asynchronously
 * through its exported request builder and decoder with
 * wharf_aws_client_call_decoded_async().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char      *key;
  char      *value;
  char      *description;
  char      *export_name;
} WharfCfnOutput;

typedef struct {
  char       *stack_id;
  char       *stack_name;
  char       *status;
  char       *status_reason;
  char       *description;
  GDateTime  *creation_time;
  GDateTime  *last_updated_time;   /* may be NULL */
  GDateTime  *deletion_time;       /* may be NULL */
  GHashTable *parameters;          /* key → value */
  GPtrArray  *outputs;             /* WharfCfnOutput* */
  GHashTable *tags;                /* key → value */
  char      **capabilities;
  gboolean    disable_rollback;
  gboolean    termination_protection;
} WharfCfnStack;

typedef struct {
  char      *event_id;
  char      *stack_id;
  char      *stack_name;
  char      *logical_resource_id;
  char      *physical_resource_id;
  char      *resource_type;
  char      *resource_status;
  char      *resource_status_reason;
  char      *client_request_token;
  GDateTime *timestamp;
} WharfCfnStackEvent;

typedef struct {
  char      *logical_resource_id;
  char      *physical_resource_id;
  char      *resource_type;
  char      *resource_status;
  char      *resource_status_reason;
  GDateTime *last_updated_time;
} WharfCfnResourceSummary;

typedef struct {
  char  *action;                /* Add, Modify, Remove, … */
  char  *logical_resource_id;
  char  *physical_resource_id;
  char  *resource_type;
  char  *replacement;           /* True, False, Conditional or NULL */
  char **scope;
} WharfCfnResourceChange;

typedef struct {
  char      *change_set_id;
  char      *change_set_name;
  char      *stack_id;
  char      *stack_name;
  char      *status;
  char      *execution_status;
  char      *status_reason;
  char      *description;
  char     **capabilities;
  GPtrArray *changes;           /* WharfCfnResourceChange*, every page */
} WharfCfnChangeSet;

typedef struct {
  char     *key;
  char     *default_value;
  char     *description;
  char     *type;               /* GetTemplateSummary only */
  gboolean  no_echo;
} WharfCfnTemplateParameter;

/* Result of ValidateTemplate and GetTemplateSummary. */
typedef struct {
  char      *description;
  GPtrArray *parameters;        /* WharfCfnTemplateParameter* */
  char     **capabilities;
  char      *capabilities_reason;
  char     **declared_transforms;
  char     **resource_types;    /* GetTemplateSummary only */
} WharfCfnTemplateSummary;

/* Input of CreateStack, UpdateStack and CreateChangeSet. Unset members
 * (NULL / 0 / FALSE) are not sent. */
typedef struct {
  const char         *stack_name;
  const char         *template_body;
  const char         *template_url;
  gboolean            use_previous_template;
  /* KEY, VALUE pairs, NULL-terminated; a NULL-looking value is not
   * possible, use use_previous_keys for UsePreviousValue=true. */
  const char * const *parameters;
  const char * const *use_previous_keys;
  const char * const *capabilities;
  const char * const *tags;              /* KEY, VALUE pairs */
  const char         *role_arn;
  const char         *client_request_token;
  const char         *on_failure;        /* CreateStack */
  guint               timeout_in_minutes;
  const char         *change_set_name;   /* CreateChangeSet */
  const char         *change_set_type;   /* CREATE, UPDATE, IMPORT */
  const char         *description;       /* CreateChangeSet */
} WharfCfnStackInput;

void wharf_cfn_stack_free             (WharfCfnStack             *stack);
void wharf_cfn_output_free            (WharfCfnOutput            *output);
void wharf_cfn_stack_event_free       (WharfCfnStackEvent        *event);
void wharf_cfn_resource_summary_free  (WharfCfnResourceSummary   *summary);
void wharf_cfn_resource_change_free   (WharfCfnResourceChange    *change);
void wharf_cfn_change_set_free        (WharfCfnChangeSet         *change_set);
void wharf_cfn_template_parameter_free (WharfCfnTemplateParameter *parameter);
void wharf_cfn_template_summary_free  (WharfCfnTemplateSummary   *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfCfnStack, wharf_cfn_stack_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfCfnStackEvent, wharf_cfn_stack_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfCfnChangeSet, wharf_cfn_change_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfCfnTemplateSummary, wharf_cfn_template_summary_free)

/* "Stack with id X does not exist" (ValidationError). */
gboolean wharf_cfn_error_is_stack_missing (const GError *error);
/* "No updates are to be performed." (ValidationError). */
gboolean wharf_cfn_error_is_no_updates    (const GError *error);
/* TRUE for the terminal stack statuses (…_COMPLETE, …_FAILED). */
gboolean wharf_cfn_status_is_terminal     (const char   *status);

/* Request builders and decoders. */
WharfAwsRequest *wharf_cfn_create_stack_request     (const WharfCfnStackInput *input);
WharfAwsRequest *wharf_cfn_update_stack_request     (const WharfCfnStackInput *input);
WharfAwsRequest *wharf_cfn_create_change_set_request (const WharfCfnStackInput *input);
WharfAwsRequest *wharf_cfn_describe_stacks_request  (const char *stack_name,
                                                     const char *next_token);
WharfAwsRequest *wharf_cfn_describe_stack_events_request (const char *stack_name,
                                                          const char *next_token);
WharfAwsRequest *wharf_cfn_describe_change_set_request (const char *change_set_name,
                                                        const char *stack_name,
                                                        const char *next_token);
/* StackId of CreateStack/UpdateStack; Id of CreateChangeSet (char*). */
gpointer         wharf_cfn_decode_stack_id          (WharfAwsResponse *response,
                                                     GError          **error);
/* One page: the stacks (GPtrArray of WharfCfnStack*), *OUT_NEXT_TOKEN. */
GPtrArray       *wharf_cfn_decode_describe_stacks   (WharfAwsResponse *response,
                                                     char            **out_next_token,
                                                     GError          **error);
/* One page, newest first (GPtrArray of WharfCfnStackEvent*). */
GPtrArray       *wharf_cfn_decode_stack_events      (WharfAwsResponse *response,
                                                     char            **out_next_token,
                                                     GError          **error);
WharfCfnChangeSet *wharf_cfn_decode_change_set      (WharfAwsResponse *response,
                                                     char            **out_next_token,
                                                     GError          **error);
WharfCfnTemplateSummary *wharf_cfn_decode_template_summary (WharfAwsResponse *response,
                                                            const char       *operation,
                                                            GError          **error);

/* Blocking calls. */
char              *wharf_cfn_create_stack       (WharfAwsClient           *client,
                                                 const WharfCfnStackInput *input,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
char              *wharf_cfn_update_stack       (WharfAwsClient           *client,
                                                 const WharfCfnStackInput *input,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
gboolean           wharf_cfn_delete_stack       (WharfAwsClient           *client,
                                                 const char               *stack_name,
                                                 const char               *client_request_token,
                                                 const char * const       *retain_resources,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
/* Every stack (STACK_NAME NULL) or the one named; all pages. */
GPtrArray         *wharf_cfn_describe_stacks    (WharfAwsClient           *client,
                                                 const char               *stack_name,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
WharfCfnStack     *wharf_cfn_describe_stack     (WharfAwsClient           *client,
                                                 const char               *stack_name,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
void               wharf_cfn_describe_stack_async  (WharfAwsClient       *client,
                                                    const char           *stack_name,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
/* A missing stack is the ValidationError "Stack with id X does not exist"
 * (wharf_cfn_error_is_stack_missing()). */
WharfCfnStack     *wharf_cfn_describe_stack_finish (WharfAwsClient       *client,
                                                    GAsyncResult         *result,
                                                    GError              **error);
/* Every event, newest first, following every NextToken. */
GPtrArray         *wharf_cfn_describe_stack_events (WharfAwsClient        *client,
                                                    const char            *stack_name,
                                                    GCancellable          *cancellable,
                                                    GError               **error);
/* Only the events newer than LAST_SEEN_EVENT_ID (NULL: all), oldest
 * first: paging stops at the page holding that event. */
GPtrArray         *wharf_cfn_describe_new_stack_events (WharfAwsClient    *client,
                                                        const char        *stack_name,
                                                        const char        *last_seen_event_id,
                                                        GCancellable      *cancellable,
                                                        GError           **error);
void               wharf_cfn_describe_new_stack_events_async  (WharfAwsClient      *client,
                                                               const char          *stack_name,
                                                               const char          *last_seen_event_id,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
GPtrArray         *wharf_cfn_describe_new_stack_events_finish (WharfAwsClient      *client,
                                                               GAsyncResult        *result,
                                                               GError             **error);
GPtrArray         *wharf_cfn_list_stack_resources (WharfAwsClient         *client,
                                                   const char             *stack_name,
                                                   GCancellable           *cancellable,
                                                   GError                **error);
/* TemplateBody of a stack (or of CHANGE_SET_NAME); STAGE "Original" or
 * "Processed" or NULL. */
char              *wharf_cfn_get_template       (WharfAwsClient           *client,
                                                 const char               *stack_name,
                                                 const char               *change_set_name,
                                                 const char               *stage,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
/* Of a template body, URL or existing stack (one of the three). */
WharfCfnTemplateSummary *wharf_cfn_get_template_summary (WharfAwsClient   *client,
                                                         const char       *template_body,
                                                         const char       *template_url,
                                                         const char       *stack_name,
                                                         GCancellable     *cancellable,
                                                         GError          **error);
WharfCfnTemplateSummary *wharf_cfn_validate_template    (WharfAwsClient   *client,
                                                         const char       *template_body,
                                                         const char       *template_url,
                                                         GCancellable     *cancellable,
                                                         GError          **error);
/* Returns the change set ARN (Id). */
char              *wharf_cfn_create_change_set  (WharfAwsClient           *client,
                                                 const WharfCfnStackInput *input,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
/* All pages of Changes merged. */
WharfCfnChangeSet *wharf_cfn_describe_change_set (WharfAwsClient          *client,
                                                  const char              *change_set_name,
                                                  const char              *stack_name,
                                                  GCancellable            *cancellable,
                                                  GError                 **error);
void               wharf_cfn_describe_change_set_async  (WharfAwsClient      *client,
                                                         const char          *change_set_name,
                                                         const char          *stack_name,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
WharfCfnChangeSet *wharf_cfn_describe_change_set_finish (WharfAwsClient      *client,
                                                         GAsyncResult        *result,
                                                         GError             **error);
gboolean           wharf_cfn_execute_change_set (WharfAwsClient           *client,
                                                 const char               *change_set_name,
                                                 const char               *stack_name,
                                                 const char               *client_request_token,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
gboolean           wharf_cfn_delete_change_set  (WharfAwsClient           *client,
                                                 const char               *change_set_name,
                                                 const char               *stack_name,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
gboolean           wharf_cfn_cancel_update_stack (WharfAwsClient          *client,
                                                  const char              *stack_name,
                                                  const char              *client_request_token,
                                                  GCancellable            *cancellable,
                                                  GError                 **error);

G_END_DECLS
