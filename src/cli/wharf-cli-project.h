/* wharf-cli-project.h: the Compose options every project command shares
 * (-f, -p, --profile, --env-file, --project-directory) and loading.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-compose-loader.h"

G_BEGIN_DECLS

typedef struct {
  char **files;
  char  *project_name;
  char **profiles;
  char **env_files;
  char  *project_directory;
} WharfCliProjectOptions;

/* Adds the shared options to CONTEXT (they fill OPTIONS). */
void                 wharf_cli_project_options_add   (WharfCliProjectOptions *options,
                                                      GOptionContext         *context);
void                 wharf_cli_project_options_clear (WharfCliProjectOptions *options);

/* Loads the project; prints warnings (and errors) as FILE:LINE:COL lines on
 * stderr. NULL on failure, after printing why. */
WharfComposeProject *wharf_cli_project_load          (WharfCliProjectOptions *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WharfCliProjectOptions, wharf_cli_project_options_clear)

G_END_DECLS
