/* wharf-context.h: one Docker context (a meta.json of the Docker CLI's store).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define WHARF_CONTEXT_ERROR (wharf_context_error_quark ())

typedef enum {
  WHARF_CONTEXT_ERROR_NOT_FOUND,     /* no context of that name */
  WHARF_CONTEXT_ERROR_EXISTS,        /* create: the name is taken */
  WHARF_CONTEXT_ERROR_INVALID_NAME,  /* not ^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$, or "default" */
  WHARF_CONTEXT_ERROR_READ_ONLY,     /* the default context, or a context that is not ECS */
  WHARF_CONTEXT_ERROR_IO,            /* a file or folder could not be read or written */
  WHARF_CONTEXT_ERROR_PARSE,         /* meta.json or config.json is not what Docker writes */
  WHARF_CONTEXT_ERROR_IN_USE,        /* remove: the context is the current one (use force) */
  WHARF_CONTEXT_ERROR_INVALID,       /* an invalid value (region, profile name…) */
} WharfContextError;

GQuark wharf_context_error_quark (void);

/* How an ECS context gets its AWS credentials. */
typedef enum {
  WHARF_CONTEXT_CREDENTIALS_NONE,         /* not an ECS context */
  WHARF_CONTEXT_CREDENTIALS_PROFILE,      /* a named profile of ~/.aws/config */
  WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT,  /* AWS_* environment variables, read at each command */
} WharfContextCredentials;

#define WHARF_CONTEXT_DEFAULT_NAME "default"
#define WHARF_CONTEXT_TYPE_ECS     "ecs"
#define WHARF_CONTEXT_TYPE_MOBY    "moby"

#define WHARF_TYPE_CONTEXT_CREDENTIALS (wharf_context_credentials_get_type ())
GType wharf_context_credentials_get_type (void);

#define WHARF_TYPE_CONTEXT (wharf_context_get_type ())
G_DECLARE_FINAL_TYPE (WharfContext, wharf_context, WHARF, CONTEXT, GObject)

gboolean                wharf_context_name_is_valid         (const char              *name,
                                                             GError                 **error);
gboolean                wharf_context_region_is_valid       (const char              *region,
                                                             GError                 **error);

WharfContext           *wharf_context_new_ecs               (const char              *name,
                                                             WharfContextCredentials  credentials,
                                                             const char              *profile,
                                                             const char              *region,
                                                             const char              *description);
WharfContext           *wharf_context_new_default           (void);
WharfContext           *wharf_context_new_from_data         (const char              *data,
                                                             gssize                   length,
                                                             const char              *path,
                                                             GError                 **error);
WharfContext           *wharf_context_new_broken            (const char              *name,
                                                             const GError            *error);

const char             *wharf_context_get_name              (WharfContext            *self);
const char             *wharf_context_get_context_type      (WharfContext            *self);
const char             *wharf_context_get_description       (WharfContext            *self);
gboolean                wharf_context_is_default            (WharfContext            *self);
gboolean                wharf_context_is_ecs                (WharfContext            *self);
gboolean                wharf_context_is_read_only          (WharfContext            *self);
gboolean                wharf_context_get_current           (WharfContext            *self);
const GError           *wharf_context_get_error             (WharfContext            *self);

WharfContextCredentials wharf_context_get_credentials       (WharfContext            *self);
const char             *wharf_context_get_profile           (WharfContext            *self);
const char             *wharf_context_get_region            (WharfContext            *self);
const char             *wharf_context_get_docker_host       (WharfContext            *self);
char                   *wharf_context_dup_endpoint_summary  (WharfContext            *self);

void                    wharf_context_set_description       (WharfContext            *self,
                                                             const char              *description);
void                    wharf_context_set_credentials       (WharfContext            *self,
                                                             WharfContextCredentials  credentials,
                                                             const char              *profile);
void                    wharf_context_set_region            (WharfContext            *self,
                                                             const char              *region);

JsonObject             *wharf_context_get_metadata          (WharfContext            *self);
JsonObject             *wharf_context_get_endpoints         (WharfContext            *self);
char                   *wharf_context_to_data               (WharfContext            *self);
char                   *wharf_context_to_list_json          (WharfContext            *self);

G_END_DECLS
