/* wharf-template.h: a CloudFormation template (JsonNode tree) and its
 * writers (YAML through libyaml, JSON through json-glib; keys sorted).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* CloudFormation quotas (reference/aws.md §6.1). */
#define WHARF_TEMPLATE_MAX_BODY_SIZE   51200          /* inline TemplateBody */
#define WHARF_TEMPLATE_MAX_SIZE        (1000 * 1000)  /* through S3 */
#define WHARF_TEMPLATE_MAX_RESOURCES   500
#define WHARF_TEMPLATE_MAX_PARAMETERS  200
#define WHARF_TEMPLATE_MAX_OUTPUTS     200

typedef enum {
  WHARF_TEMPLATE_FORMAT_YAML,
  WHARF_TEMPLATE_FORMAT_JSON,
} WharfTemplateFormat;

/* A secret whose value the deploy passes as a NoEcho parameter, so that
 * secret contents never appear in the template. */
typedef struct {
  char *parameter;    /* Parameters key */
  char *secret;       /* compose key in top-level secrets */
  char *file;         /* absolute path of the content, or NULL */
  char *environment;  /* environment variable with the content, or NULL */
} WharfTemplateSecret;

#define WHARF_TYPE_TEMPLATE (wharf_template_get_type ())
G_DECLARE_FINAL_TYPE (WharfTemplate, wharf_template, WHARF, TEMPLATE, GObject)

WharfTemplate  *wharf_template_new                   (void);
/* The whole document; owned by the template. */
JsonObject     *wharf_template_get_root              (WharfTemplate        *self);

void            wharf_template_set_description       (WharfTemplate        *self,
                                                      const char           *description);
const char     *wharf_template_get_description       (WharfTemplate        *self);

/* Adds Resources.ID = {Type: TYPE, Properties: {}}; returns the resource
 * object (owned by the template). Replaces an existing one. */
JsonObject     *wharf_template_add_resource          (WharfTemplate        *self,
                                                      const char           *logical_id,
                                                      const char           *type);
JsonObject     *wharf_template_get_resource          (WharfTemplate        *self,
                                                      const char           *logical_id);
/* Properties of a resource (created when missing), or NULL. */
JsonObject     *wharf_template_get_properties        (WharfTemplate        *self,
                                                      const char           *logical_id);
const char     *wharf_template_get_resource_type     (WharfTemplate        *self,
                                                      const char           *logical_id);
gboolean        wharf_template_remove_resource       (WharfTemplate        *self,
                                                      const char           *logical_id);
/* Sorted logical IDs (free with g_strfreev). */
char          **wharf_template_list_resources        (WharfTemplate        *self);
guint           wharf_template_get_n_resources       (WharfTemplate        *self);
/* Sorted logical IDs of the resources of TYPE. */
char          **wharf_template_list_resources_of_type (WharfTemplate       *self,
                                                      const char           *type);

/* Parameters / Outputs / Conditions. VALUE is taken over. */
JsonObject     *wharf_template_add_parameter         (WharfTemplate        *self,
                                                      const char           *name,
                                                      const char           *type,
                                                      const char           *description);
void            wharf_template_add_output            (WharfTemplate        *self,
                                                      const char           *name,
                                                      const char           *description,
                                                      JsonNode             *value);
void            wharf_template_add_condition         (WharfTemplate        *self,
                                                      const char           *name,
                                                      JsonNode             *value);
void            wharf_template_set_metadata          (WharfTemplate        *self,
                                                      const char           *key,
                                                      JsonNode             *value);

void            wharf_template_add_secret            (WharfTemplate        *self,
                                                      const char           *parameter,
                                                      const char           *secret,
                                                      const char           *file,
                                                      const char           *environment);
/* Array of WharfTemplateSecret, owned by the template. */
GArray         *wharf_template_get_secrets           (WharfTemplate        *self);

/* Writers. The output ends with a newline. */
char           *wharf_template_to_yaml               (WharfTemplate        *self,
                                                      gsize                *length,
                                                      GError              **error);
char           *wharf_template_to_json               (WharfTemplate        *self,
                                                      gsize                *length);
char           *wharf_template_serialize             (WharfTemplate        *self,
                                                      WharfTemplateFormat   format,
                                                      gsize                *length,
                                                      GError              **error);

/* Size in bytes of the serialised document. */
gsize           wharf_template_get_size              (WharfTemplate        *self,
                                                      WharfTemplateFormat   format);
/* FALSE with WHARF_ECS_ERROR_LIMIT over 500 resources, 200 parameters or
 * outputs, or 1 MB; *NEEDS_UPLOAD is TRUE over 51,200 bytes (the deploy
 * must go through S3). */
gboolean        wharf_template_check_limits          (WharfTemplate        *self,
                                                      WharfTemplateFormat   format,
                                                      gboolean             *needs_upload,
                                                      GError              **error);

/* A deep copy of NODE with object members sorted by name at every level. */
JsonNode       *wharf_json_sorted_copy               (JsonNode             *node);
/* YAML of any JSON tree (block style, sorted keys). */
char           *wharf_json_to_yaml                   (JsonNode             *node,
                                                      gsize                *length,
                                                      GError              **error);

G_END_DECLS
