/* wharf-compose-service.h: one service, and one network, volume, secret or
 * config, of a loaded project. Both wrap the canonical node.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-node.h"

G_BEGIN_DECLS

#define WHARF_TYPE_COMPOSE_SERVICE (wharf_compose_service_get_type ())
G_DECLARE_FINAL_TYPE (WharfComposeService, wharf_compose_service, WHARF, COMPOSE_SERVICE, GObject)

WharfComposeService *wharf_compose_service_new          (const char          *name,
                                                         WharfNode           *node);
const char          *wharf_compose_service_get_name     (WharfComposeService *self);
WharfNode           *wharf_compose_service_get_node     (WharfComposeService *self);
/* NULL when the service only has a build. */
const char          *wharf_compose_service_get_image    (WharfComposeService *self);
/* deploy.replicas, or 1. */
guint                wharf_compose_service_get_replicas (WharfComposeService *self);
/* "80:80/tcp", "443/tcp" … */
GStrv                wharf_compose_service_dup_ports    (WharfComposeService *self);
GStrv                wharf_compose_service_dup_networks (WharfComposeService *self);
/* Volume sources or targets ("data:/var/lib/data"). */
GStrv                wharf_compose_service_dup_volumes  (WharfComposeService *self);
GStrv                wharf_compose_service_dup_secrets  (WharfComposeService *self);
GStrv                wharf_compose_service_dup_depends_on (WharfComposeService *self);

#define WHARF_TYPE_COMPOSE_RESOURCE (wharf_compose_resource_get_type ())
G_DECLARE_FINAL_TYPE (WharfComposeResource, wharf_compose_resource, WHARF, COMPOSE_RESOURCE, GObject)

WharfComposeResource *wharf_compose_resource_new          (const char           *kind,
                                                           const char           *key,
                                                           WharfNode            *node);
/* "network", "volume", "secret" or "config". */
const char           *wharf_compose_resource_get_kind     (WharfComposeResource *self);
/* The key in the file ("default", "data"). */
const char           *wharf_compose_resource_get_key      (WharfComposeResource *self);
/* The resource name ("myapp_default"). */
const char           *wharf_compose_resource_get_name     (WharfComposeResource *self);
gboolean              wharf_compose_resource_get_external (WharfComposeResource *self);
WharfNode            *wharf_compose_resource_get_node     (WharfComposeResource *self);

G_END_DECLS
