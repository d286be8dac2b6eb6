/* wharf-project-page.h: the project page of the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WHARF_TYPE_PROJECT_PAGE (wharf_project_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfProjectPage, wharf_project_page, WHARF, PROJECT_PAGE, AdwBin)

GtkWidget          *wharf_project_page_new       (void);
const char * const *wharf_project_page_get_files (WharfProjectPage   *self);
void                wharf_project_page_set_files (WharfProjectPage   *self,
                                                  const char * const *files);
guint               wharf_project_page_get_n_file_rows (WharfProjectPage *self);

G_END_DECLS
