/* bench-generate.h: synthetic Compose projects of N services.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Compose YAML of a project of N_SERVICES realistic services (image,
 * ports, environment, named volumes, depends_on, healthcheck, deploy
 * resources, labels, networks), which Fargate can run as is. */
char     *bench_generate_compose (guint        n_services);

/* Writes it to DIR/compose.yaml (creating DIR); returns the file's path. */
char     *bench_write_project    (guint        n_services,
                                  const char  *dir,
                                  GError     **error);

G_END_DECLS
