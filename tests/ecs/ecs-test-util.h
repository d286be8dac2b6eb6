/* ecs-test-util.h: helpers of the ecs test programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-compose-loader.h"
#include "wharf-ecs-convert.h"
#include "wharf-test-util.h"

G_BEGIN_DECLS

/* The fixture account: eu-west-3, vpc-0a1b2c3d, two public subnets in two
 * zones and a private one. */
WharfEcsEnvironment *ecs_test_environment      (void);

/* Loads a Compose file with the real loader (project NAME, directory DIR
 * or the file's). Fails the test on a load error. */
WharfNode           *ecs_test_load             (const char          *path,
                                                const char          *name,
                                                const char          *dir);
/* Loads Compose YAML text written to a temporary compose.yaml. */
WharfNode           *ecs_test_load_string      (const char          *yaml,
                                                const char          *name);
/* A fixture of tests/fixtures/ecs. */
WharfNode           *ecs_test_load_fixture     (const char          *file,
                                                const char          *name);

/* Loads ../shared/peer-tests/compose-cli-ecs/inline/FILE as project NAME
 * (lower-cased for the loader), with Docker's unrealistic IDs replaced;
 * NULL after g_test_skip () when the peer tests are absent. */
WharfNode           *ecs_test_load_inline      (const char          *file,
                                                const char          *name);
/* The same, converted as project NAME (ENV NULL: the fixture account). */
WharfTemplate       *ecs_test_convert_inline   (const char          *file,
                                                const char          *name,
                                                WharfEcsEnvironment *env);

/* Converts (ENV NULL: the fixture account), asserts success and queues the
 * template for the cfn-lint run. */
WharfTemplate       *ecs_test_convert          (const WharfNode     *root,
                                                const char          *name,
                                                WharfEcsEnvironment *env);
/* Converts and expects a failure; returns the diagnostics. */
GListStore          *ecs_test_convert_fails    (const WharfNode     *root,
                                                const char          *name,
                                                WharfEcsEnvironment *env,
                                                GQuark               domain,
                                                int                  code,
                                                const char          *message_part);

/* A sorted deep copy of the whole document. */
JsonNode            *ecs_test_template_json    (WharfTemplate       *tpl);
/* "Resources.Web.Properties.Tags[0].Key"; NULL when absent. */
JsonNode            *ecs_test_get              (WharfTemplate       *tpl,
                                                const char          *path);
const char          *ecs_test_get_string       (WharfTemplate       *tpl,
                                                const char          *path);
gint64               ecs_test_get_int          (WharfTemplate       *tpl,
                                                const char          *path);
/* The container named NAME of task definition TASK. */
JsonObject          *ecs_test_container        (WharfTemplate       *tpl,
                                                const char          *task,
                                                const char          *name);
/* The value of environment variable VAR of a container, or NULL. */
const char          *ecs_test_container_env    (JsonObject          *container,
                                                const char          *var);
/* TRUE when a diagnostic of SEVERITY contains TEXT (and, when LINE > 0, is
 * on that line). */
gboolean             ecs_test_has_diagnostic   (GListModel          *diagnostics,
                                                WharfSeverity        severity,
                                                const char          *text,
                                                guint                line);

/* Queues a template for cfn-lint; ecs_test_add_lint () registers the test
 * that lints every queued template at once (add it last). */
void                 ecs_test_lint_queue       (WharfTemplate       *tpl,
                                                const char          *label);
void                 ecs_test_add_lint         (const char          *test_path);

G_END_DECLS
