/* wharf-compose-project.h: a loaded Compose project, for views to bind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-compose-service.h"
#include "wharf-node.h"

G_BEGIN_DECLS

#define WHARF_TYPE_COMPOSE_PROJECT (wharf_compose_project_get_type ())
G_DECLARE_FINAL_TYPE (WharfComposeProject, wharf_compose_project, WHARF, COMPOSE_PROJECT, GObject)

/* Takes a canonical tree (what the loader produces). */
WharfComposeProject *wharf_compose_project_new               (WharfNode           *root,
                                                              const char          *working_dir,
                                                              const char * const  *files,
                                                              GListModel          *diagnostics);

const char          *wharf_compose_project_get_name          (WharfComposeProject *self);
const char          *wharf_compose_project_get_working_dir   (WharfComposeProject *self);
const char * const  *wharf_compose_project_get_files         (WharfComposeProject *self);
/* The canonical model: what `wharf-cli config` prints. */
WharfNode           *wharf_compose_project_get_root          (WharfComposeProject *self);
/* WharfComposeService items, sorted by name. */
GListModel          *wharf_compose_project_get_services      (WharfComposeProject *self);
WharfComposeService *wharf_compose_project_lookup_service    (WharfComposeProject *self,
                                                              const char          *name);
/* WharfComposeResource items of each kind, sorted by key. */
GListModel          *wharf_compose_project_get_networks      (WharfComposeProject *self);
GListModel          *wharf_compose_project_get_volumes       (WharfComposeProject *self);
GListModel          *wharf_compose_project_get_secrets       (WharfComposeProject *self);
GListModel          *wharf_compose_project_get_configs       (WharfComposeProject *self);
/* WharfDiagnostic items (warnings; errors stop the loader). */
GListModel          *wharf_compose_project_get_diagnostics   (WharfComposeProject *self);
/* Every profile some service declares (sorted, unique), active or not. */
const char * const  *wharf_compose_project_get_all_profiles  (WharfComposeProject *self);
void                 wharf_compose_project_set_all_profiles  (WharfComposeProject *self,
                                                              const char * const  *profiles);

G_END_DECLS
