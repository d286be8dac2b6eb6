/* context-fixture.h: helpers shared by the context store tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-context-store.h"
#include "wharf-test-util.h"

typedef struct {
  char              *dir;    /* a fresh DOCKER_CONFIG folder */
  WharfContextStore *store;  /* on it */
} ContextFixture;

/* Unsets DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG (only when set:
 * unsetenv() is not thread-safe once GIO has threads); umask 022. */
void      context_clear_env          (void);
void      context_fixture_set_up     (ContextFixture *fixture,
                                      gconstpointer   data);
void      context_fixture_tear_down  (ContextFixture *fixture,
                                      gconstpointer   data);

char     *context_read_file          (const char     *path);
JsonNode *context_parse_file         (const char     *path);
guint     context_mode_of            (const char     *path);
/* A profile context (PROFILE) or an environment one (NULL), asserted. */
void      context_create_ecs         (ContextFixture *fixture,
                                      const char     *name,
                                      const char     *profile);
/* Writes DATA as the meta.json of NAME, as another tool would. */
char     *context_plant_meta         (ContextFixture *fixture,
                                      const char     *name,
                                      const char     *data);
