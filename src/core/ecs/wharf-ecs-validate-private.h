/* wharf-ecs-validate-private.h: shared state of the validator's files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-ecs-convert-private.h"

G_BEGIN_DECLS

typedef struct {
  WharfNode   *root;          /* the copy being prepared */
  GListStore  *diagnostics;
  GHashTable  *published;     /* "80/tcp" → service name */
  GHashTable  *logical;       /* normalised service name → service name */
} WharfEcsValidate;

void      wharf_ecs_report          (WharfEcsValidate *v,
                                     WharfSeverity     severity,
                                     const WharfNode  *node,
                                     const char       *path,
                                     const char       *format,
                                     ...) G_GNUC_PRINTF (5, 6);
/* The key node of KEY in MAPPING when it has a position, else the value. */
const WharfNode *wharf_ecs_key_node (const WharfNode  *mapping,
                                     const char       *key);
/* Reports and removes KEY from MAPPING. */
void      wharf_ecs_drop            (WharfEcsValidate *v,
                                     WharfNode        *mapping,
                                     const char       *key,
                                     const char       *path,
                                     const char       *reason);

gboolean  wharf_ecs_check_string    (WharfEcsValidate *v,
                                     const WharfNode  *node,
                                     const char       *path);
gboolean  wharf_ecs_check_int       (WharfEcsValidate *v,
                                     const WharfNode  *node,
                                     const char       *path,
                                     gint64            min,
                                     gint64            max,
                                     gint64           *out);

void      wharf_ecs_validate_service (WharfEcsValidate *v,
                                      const char       *name,
                                      WharfNode        *service);
void      wharf_ecs_validate_container (WharfEcsValidate *v,
                                      const char       *name,
                                      WharfNode        *service);
void      wharf_ecs_validate_deploy  (WharfEcsValidate *v,
                                      const char       *name,
                                      WharfNode        *service);

G_END_DECLS
