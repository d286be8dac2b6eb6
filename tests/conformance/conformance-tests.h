/* conformance-tests.h: the groups of test-conformance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* compose-go/loader/testdata and compose-go@v2.9.1 (conformance-loader.c). */
void conformance_add_loader_tests  (void);
/* docker-compose/pkg/e2e (conformance-e2e.c). */
void conformance_add_e2e_tests     (void);
/* awesome-compose (conformance-awesome.c). */
void conformance_add_awesome_tests (void);

G_END_DECLS
