/* wharf-compose-private.h: what the loader's parts share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-compose-loader.h"
#include "wharf-diagnostic.h"
#include "wharf-interpolate.h"
#include "wharf-node.h"

G_BEGIN_DECLS

typedef struct {
  GHashTable  *env;          /* interpolation environment: name → value */
  GListStore  *diagnostics;  /* of WharfDiagnostic */
  const char  *home;         /* for "~" in paths */
} WharfComposeContext;

const char *wharf_compose_context_lookup     (const char          *name,
                                              gpointer             user_data);
void        wharf_compose_error_at           (WharfComposeContext *ctx,
                                              const WharfNode     *node,
                                              const char          *path,
                                              const char          *format,
                                              ...) G_GNUC_PRINTF (4, 5);
void        wharf_compose_warning_at         (WharfComposeContext *ctx,
                                              const WharfNode     *node,
                                              const char          *path,
                                              const char          *format,
                                              ...) G_GNUC_PRINTF (4, 5);
gboolean    wharf_compose_context_has_errors (WharfComposeContext *ctx);

/* wharf-compose-normalize.c: short syntax to long syntax, for one file's
 * tree, with relative paths resolved against BASE_DIR. */
void        wharf_compose_canonicalize_service (WharfComposeContext *ctx,
                                                WharfNode           *service,
                                                const char          *name,
                                                const char          *base_dir);
void        wharf_compose_canonicalize_file  (WharfComposeContext *ctx,
                                              WharfNode           *root,
                                              const char          *base_dir);
/* wharf-compose-mounts.c */
void        wharf_compose_normalize_ports    (WharfComposeContext *ctx,
                                              WharfNode           *service,
                                              const char          *path);
void        wharf_compose_normalize_volumes  (WharfComposeContext *ctx,
                                              WharfNode           *service,
                                              const char          *base_dir,
                                              const char          *path);

/* Project-level defaults once everything is merged: resource names, the
 * default network, env_file folded into environment. */
void        wharf_compose_finish_project     (WharfComposeContext *ctx,
                                              WharfNode           *root,
                                              const char          *project_name);
char       *wharf_compose_resolve_path       (WharfComposeContext *ctx,
                                              const char          *base_dir,
                                              const char          *path);
/* Resolves the path a scalar NODE holds, in place (no-op for NULL). */
void        wharf_compose_resolve_path_node  (WharfComposeContext *ctx,
                                              const char          *base_dir,
                                              WharfNode           *node);

/* wharf-compose-merge.c: merges OVERRIDE into BASE (both canonical),
 * honouring !reset and !override. PATH is BASE's path ("services.web"). */
void        wharf_compose_merge              (WharfNode           *base,
                                              WharfNode           *override,
                                              const char          *path);
/* Removes !reset nodes left in a tree that was not merged. */
void        wharf_compose_strip_tags         (WharfNode           *node);

/* The state of one load (wharf-compose-loader.c). */
typedef struct _WharfComposeLoader WharfComposeLoader;

struct _WharfComposeLoader
{
  WharfComposeContext  ctx;
  GHashTable          *os_env;        /* the process environment */
  GPtrArray           *include_stack; /* files being included (cycle check) */
  GHashTable          *parsed;        /* path → WharfNode read early (for name:) */
  GCancellable        *cancellable;
  gboolean             saw_tags;      /* a file read had tagged nodes */
};

/* Parses, interpolates, validates and canonicalises one file; its relative
 * paths resolve against BASE_DIR. */
WharfNode  *wharf_compose_loader_read_file   (WharfComposeLoader  *loader,
                                              const char          *path,
                                              const char          *base_dir,
                                              GError             **error);
/* Reads FILES (absolute) as one project rooted at PROJECT_DIR and merges
 * them, with includes and extends resolved. */
WharfNode  *wharf_compose_loader_load_files  (WharfComposeLoader  *loader,
                                              const char * const  *files,
                                              const char          *project_dir,
                                              GError             **error);

/* wharf-compose-options.c: what wharf_compose_load () was asked. */
struct _WharfComposeLoadOptions
{
  GPtrArray *files;
  GPtrArray *profiles;
  GPtrArray *env_files;
  char      *project_name;
  char      *project_dir;
  char      *working_dir;
  GStrv      environment;
};

/* wharf-compose-files.c: the environment and the files. */
GHashTable *wharf_compose_environ_to_table   (const char * const  *envp);
/* --env-file files (or else DOT_ENV when it exists) under OS_ENV. */
GHashTable *wharf_compose_build_environment  (GHashTable          *os_env,
                                              const char * const  *env_files,
                                              const char          *dot_env,
                                              GError             **error);
/* compose.yaml (or another default name) in DIR or a parent, plus its
 * override file; NULL when there is none. */
GStrv       wharf_compose_discover_files     (const char          *dir);
char       *wharf_compose_absolute_path      (const char          *cwd,
                                              const char          *path);
/* The interpolated top-level name: of the last of FILES that has one ("" if
 * none); the parsed files are kept in PARSED for the rest of the load. */
char       *wharf_compose_name_from_files    (const char * const  *files,
                                              GHashTable          *env,
                                              GHashTable          *parsed,
                                              GError             **error);
/* TEXT split at SEPARATOR, items stripped, empty ones dropped. */
GStrv       wharf_compose_split_list         (const char          *text,
                                              const char          *separator);

/* wharf-compose-extends.c */
gboolean    wharf_compose_resolve_extends    (WharfComposeLoader  *loader,
                                              WharfNode           *root,
                                              const char          *file,
                                              GError             **error);
gboolean    wharf_compose_resolve_includes   (WharfComposeLoader  *loader,
                                              WharfNode           *root,
                                              const char          *file,
                                              GError             **error);

/* wharf-compose-check.c */
void        wharf_compose_apply_profiles     (WharfComposeContext *ctx,
                                              WharfNode           *root,
                                              const char * const  *profiles);
GStrv       wharf_compose_collect_profiles   (WharfNode           *root);
gboolean    wharf_compose_fold_env_files     (WharfComposeContext *ctx,
                                              WharfNode           *root,
                                              GError             **error);
gboolean    wharf_compose_check_project      (WharfComposeContext *ctx,
                                              WharfNode           *root,
                                              GError             **error);

G_END_DECLS
