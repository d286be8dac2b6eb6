/* conformance-util.h: loading the peer corpora (../shared/peer-tests) with
 * explicit options, and reading values out of the canonical model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-compose-loader.h"
#include "wharf-test-util.h"

G_BEGIN_DECLS

/* What one load gets: every path is relative to DIR unless absolute. */
typedef struct {
  const char         *dir;           /* working directory (absolute) */
  const char * const *files;         /* -f (NULL: default discovery) */
  const char * const *env;           /* process environment (NULL: a minimal one) */
  const char * const *profiles;      /* --profile */
  const char * const *env_files;     /* --env-file */
  const char         *project_name;  /* -p */
} ConfLoad;

#define CONF_STRV(...) ((const char * const []) { __VA_ARGS__, NULL })

/* The environment every test starts from: HOME and PATH only. */
#define CONF_BASE_ENV "HOME=/home/tester", "PATH=/usr/bin:/bin"

WharfComposeProject *conf_load         (const ConfLoad     *load,
                                        GError            **error);
/* Loads, asserting success. */
WharfComposeProject *conf_load_ok      (const ConfLoad     *load);

/* A peer folder (below ../shared/peer-tests), or NULL after g_test_skip(). */
char                *conf_peer_dir     (const char         *first_element,
                                        ...) G_GNUC_NULL_TERMINATED;
/* Copies the peer folder SRC (recursively) into a new temporary folder,
 * which the caller removes with wharf_test_rmtree(). */
char                *conf_copy_tree    (const char         *src);

/* Value at a dotted PATH below NODE ("services.web.ports.0.published");
 * sequence elements by index. NULL when absent. */
WharfNode           *conf_at           (WharfNode          *node,
                                        const char         *path);
const char          *conf_str          (WharfNode          *node,
                                        const char         *path);
/* The keys of the mapping at PATH, sorted, joined with ",". */
char                *conf_keys         (WharfNode          *node,
                                        const char         *path);
/* The project's model root. */
WharfNode           *conf_root         (WharfComposeProject *project);

G_END_DECLS
