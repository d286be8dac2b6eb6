/* wharf-project-page.h: the project page of the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-compose-loader.h"
#include "wharf-compose-project.h"
#include "wharf-diagnostic.h"
#include "wharf-project-row.h"
#include "wharf-source-window.h"

G_BEGIN_DECLS

#define WHARF_TYPE_PROJECT_PAGE (wharf_project_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfProjectPage, wharf_project_page, WHARF, PROJECT_PAGE, AdwBin)

GtkWidget          *wharf_project_page_new       (void);
const char * const *wharf_project_page_get_files (WharfProjectPage   *self);
void                wharf_project_page_set_files (WharfProjectPage   *self,
                                                  const char * const *files);
guint               wharf_project_page_get_n_file_rows (WharfProjectPage *self);
void                wharf_project_page_set_project (WharfProjectPage    *self,
                                                    WharfComposeProject *project,
                                                    GListModel          *diagnostics);
WharfComposeProject *wharf_project_page_get_project (WharfProjectPage   *self);
GtkGridView        *wharf_project_page_get_list  (WharfProjectPage   *self,
                                                  const char         *group);
WharfProjectRow    *wharf_project_page_get_row   (WharfProjectPage   *self,
                                                  const char         *group,
                                                  guint               position);
char               *wharf_project_page_format_location (WharfDiagnostic *diagnostic);
GListModel         *wharf_project_page_get_diagnostics (WharfProjectPage *self);
WharfSourceWindow  *wharf_project_page_get_source_window (WharfProjectPage *self);
char               *wharf_project_page_format_fargate_size (WharfNode *service_node);

/* The load options chosen on the page (wharf-project-options.c). */
const char * const *wharf_project_page_get_all_profiles  (WharfProjectPage   *self);
GStrv               wharf_project_page_dup_active_profiles (WharfProjectPage *self);
void                wharf_project_page_set_profile_active (WharfProjectPage  *self,
                                                          const char         *profile,
                                                          gboolean            active);
GListModel         *wharf_project_page_get_env_files     (WharfProjectPage   *self);
void                wharf_project_page_add_env_file      (WharfProjectPage   *self,
                                                          const char         *path);
void                wharf_project_page_remove_env_file   (WharfProjectPage   *self,
                                                          guint               position);
void                wharf_project_page_apply_load_options (WharfProjectPage  *self,
                                                          WharfComposeLoadOptions *options);

G_END_DECLS
