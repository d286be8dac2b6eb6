/* wharf-compose-loader.h: loads a Compose project as Docker Compose does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-compose-project.h"
#include "wharf-diagnostic.h"

G_BEGIN_DECLS

#define WHARF_COMPOSE_ERROR (wharf_compose_error_quark ())

typedef enum {
  WHARF_COMPOSE_ERROR_NOT_FOUND,     /* no Compose file, or a named file is missing */
  WHARF_COMPOSE_ERROR_INVALID,       /* schema or consistency errors: see the diagnostics */
  WHARF_COMPOSE_ERROR_CYCLE,         /* extends, include or depends_on cycle */
  WHARF_COMPOSE_ERROR_ENV_FILE,      /* an env file is missing or malformed */
  WHARF_COMPOSE_ERROR_PROJECT_NAME,  /* -p or COMPOSE_PROJECT_NAME is not a valid name */
  WHARF_COMPOSE_ERROR_EMPTY,         /* a Compose file is empty or not a mapping */
} WharfComposeError;

GQuark wharf_compose_error_quark (void);

typedef struct _WharfComposeLoadOptions WharfComposeLoadOptions;

#define WHARF_TYPE_COMPOSE_LOAD_OPTIONS (wharf_compose_load_options_get_type ())
GType                    wharf_compose_load_options_get_type     (void) G_GNUC_CONST;

WharfComposeLoadOptions *wharf_compose_load_options_new          (void);
WharfComposeLoadOptions *wharf_compose_load_options_copy         (WharfComposeLoadOptions *options);
void                     wharf_compose_load_options_free         (WharfComposeLoadOptions *options);
/* -f FILE (repeatable; relative to the working directory). */
void                     wharf_compose_load_options_add_file     (WharfComposeLoadOptions *options,
                                                                  const char              *file);
/* -p NAME */
void                     wharf_compose_load_options_set_project_name (WharfComposeLoadOptions *options,
                                                                  const char              *name);
/* --project-directory DIR */
void                     wharf_compose_load_options_set_project_directory (WharfComposeLoadOptions *options,
                                                                  const char              *dir);
/* --profile P (repeatable) */
void                     wharf_compose_load_options_add_profile  (WharfComposeLoadOptions *options,
                                                                  const char              *profile);
/* --env-file F (repeatable, later files win) */
void                     wharf_compose_load_options_add_env_file (WharfComposeLoadOptions *options,
                                                                  const char              *file);
/* The process environment (default: g_get_environ ()). */
void                     wharf_compose_load_options_set_environment (WharfComposeLoadOptions *options,
                                                                  const char * const      *envp);
/* Where relative -f paths and default files are looked for (default: the
 * current directory). */
void                     wharf_compose_load_options_set_working_directory (WharfComposeLoadOptions *options,
                                                                  const char              *dir);

/* Loads the project. Warnings (and, on failure, errors) are appended to
 * DIAGNOSTICS when it is not NULL (a GListStore of WharfDiagnostic); the
 * project also keeps its warnings. */
WharfComposeProject     *wharf_compose_load                      (WharfComposeLoadOptions *options,
                                                                  GListStore              *diagnostics,
                                                                  GCancellable            *cancellable,
                                                                  GError                 **error);
void                     wharf_compose_load_async                (WharfComposeLoadOptions *options,
                                                                  GCancellable            *cancellable,
                                                                  GAsyncReadyCallback      callback,
                                                                  gpointer                 user_data);
/* DIAGNOSTICS (optional) receives the diagnostics list (even on failure). */
WharfComposeProject     *wharf_compose_load_finish               (GAsyncResult            *result,
                                                                  GListModel             **diagnostics,
                                                                  GError                 **error);

/* Docker's rule: lowercase, keep [a-z0-9_-], start with a letter or digit. */
char                    *wharf_compose_normalize_project_name    (const char              *name);
gboolean                 wharf_compose_is_valid_project_name     (const char              *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfComposeLoadOptions, wharf_compose_load_options_free)

G_END_DECLS
