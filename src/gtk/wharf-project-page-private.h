/* wharf-project-page-private.h: state shared by the files of
 * WharfProjectPage (the page, its lists, its load options).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-project-page.h"

G_BEGIN_DECLS

struct _WharfProjectPage
{
  AdwBin                parent_instance;

  GStrv                 files;
  GPtrArray            *file_rows;

  WharfComposeProject  *project;
  GListModel           *diagnostics;
  /* The window showing a diagnostic's source (weak). */
  WharfSourceWindow    *source_window;

  /* Load options chosen here (wharf-project-options.c): every profile the
   * last loaded project declares, the active ones, and the env files in
   * --env-file order. */
  GStrv                 all_profiles;
  GHashTable           *active_profiles;
  GtkStringList        *env_files;

  /* Template children */
  GtkLabel             *summary_label;
  GtkMenuButton        *profiles_button;
  GtkListBox           *profiles_list;
  GtkWidget            *profiles_empty;
  GtkMenuButton        *env_files_button;
  GtkListBox           *env_files_list;
  GtkStack             *sections;
  AdwPreferencesGroup  *files_group;
  GtkGridView          *services_view;
  GtkGridView          *networks_view;
  GtkGridView          *volumes_view;
  GtkGridView          *secrets_view;
  GtkGridView          *diagnostics_view;
};

/* wharf-project-lists.c */
void _wharf_project_page_init_lists      (WharfProjectPage *self);
void _wharf_project_page_update_lists    (WharfProjectPage *self);
void _wharf_project_page_class_init_lists (GtkWidgetClass  *widget_class);

/* wharf-project-options.c */
void _wharf_project_page_init_options    (WharfProjectPage *self);
void _wharf_project_page_finalize_options (WharfProjectPage *self);
void _wharf_project_page_reset_options   (WharfProjectPage *self);
void _wharf_project_page_update_profiles (WharfProjectPage *self);
void _wharf_project_page_class_init_options (GtkWidgetClass *widget_class);

G_END_DECLS
