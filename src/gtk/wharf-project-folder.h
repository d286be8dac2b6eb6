/* wharf-project-folder.h: opening a project by its folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-window.h"

G_BEGIN_DECLS

/* The Compose files `docker compose` uses when run in FOLDER: the first
 * of compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml,
 * then its .override file when there is one. Unlike the loader, parent
 * folders are not searched: the user chose this one. */
GStrv    wharf_project_folder_find_files (GFile   *folder,
                                          GError **error);

G_END_DECLS
