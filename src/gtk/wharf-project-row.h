/* wharf-project-row.h: one row of the project page's lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-compose-project.h"
#include "wharf-diagnostic.h"

G_BEGIN_DECLS

#define WHARF_TYPE_PROJECT_ROW (wharf_project_row_get_type ())
G_DECLARE_FINAL_TYPE (WharfProjectRow, wharf_project_row, WHARF, PROJECT_ROW, GtkWidget)

GtkWidget  *wharf_project_row_new             (void);
void        wharf_project_row_bind_service    (WharfProjectRow      *self,
                                               WharfComposeService  *service,
                                               GListModel           *diagnostics);
void        wharf_project_row_bind_resource   (WharfProjectRow      *self,
                                               WharfComposeResource *resource);
void        wharf_project_row_bind_diagnostic (WharfProjectRow      *self,
                                               WharfDiagnostic      *diagnostic);
void        wharf_project_row_unbind          (WharfProjectRow      *self);
GObject    *wharf_project_row_get_item        (WharfProjectRow      *self);
const char *wharf_project_row_get_title       (WharfProjectRow      *self);
const char *wharf_project_row_get_subtitle    (WharfProjectRow      *self);
/* The text of the suffix NAME ("replicas", "fargate-size", "warnings"),
 * or %NULL when it is hidden. */
const char *wharf_project_row_get_suffix      (WharfProjectRow      *self,
                                               const char           *name);

G_END_DECLS
