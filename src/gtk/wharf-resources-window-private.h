/* wharf-resources-window-private.h: state shared by the files of
 * WharfResourcesWindow (the window and its AWS operations).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-resources-window.h"

G_BEGIN_DECLS

struct _WharfResourcesWindow
{
  AdwPreferencesWindow  parent_instance;

  WharfSession         *session;
  char                 *project_name;
  /* Cancelled when the window closes: operations in flight stop. */
  GCancellable         *cancellable;
  /* The lists: names (ids) as GtkStringLists bound to the list boxes,
   * details in the tables. */
  GtkStringList        *secret_names;
  GHashTable           *secrets;        /* name → WharfSecret* */
  GtkStringList        *volume_ids;
  GHashTable           *volumes;        /* id → WharfEfsFileSystem* */
  guint                 secrets_busy;
  guint                 volumes_busy;
  guint                 n_operations;   /* finished since creation */

  AdwEntryRow          *secret_name_row;
  AdwPasswordEntryRow  *secret_value_row;
  GtkListBox           *secrets_list;
  GtkSpinner           *secrets_spinner;
  AdwEntryRow          *volume_name_row;
  GtkListBox           *volumes_list;
  GtkSpinner           *volumes_spinner;
  GtkToggleButton      *project_only_button;
};

typedef enum {
  WHARF_RESOURCES_LIST_SECRETS,
  WHARF_RESOURCES_CREATE_SECRET,
  WHARF_RESOURCES_DELETE_SECRET,
  WHARF_RESOURCES_LIST_VOLUMES,
  WHARF_RESOURCES_CREATE_VOLUME,
  WHARF_RESOURCES_DELETE_VOLUME,
} WharfResourcesOp;

/* Runs OP in a worker with a client of its own, then shows the refreshed
 * list (or a toast with the error). NAME: the secret or volume name, or
 * the id to delete. VALUE (secrets only) is taken and wiped once sent. */
void _wharf_resources_window_run          (WharfResourcesWindow *self,
                                           WharfResourcesOp      op,
                                           const char           *name,
                                           char                 *value);
/* Replace the lists (WharfSecret* / WharfEfsFileSystem*, taken). */
void _wharf_resources_window_set_secrets  (WharfResourcesWindow *self,
                                           GPtrArray            *secrets);
void _wharf_resources_window_set_volumes  (WharfResourcesWindow *self,
                                           GPtrArray            *volumes);

G_END_DECLS
