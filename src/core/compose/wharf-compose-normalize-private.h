/* wharf-compose-normalize-private.h: the value-level rewrites of
 * wharf-compose-normalize.c, shared by the service and project
 * canonicalisation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-compose-private.h"

G_BEGIN_DECLS

gboolean    wharf_compose_is_url                  (const char          *s);
/* A new string or mapping node at WHERE's position. */
WharfNode  *wharf_compose_positioned_string       (const char          *value,
                                                   const WharfNode     *where);
WharfNode  *wharf_compose_positioned_mapping      (const WharfNode     *where);
/* Replaces KEY's value in MAP (keeping the key node and the old value's
 * tag) with VALUE; takes ownership of VALUE. */
void        wharf_compose_replace_value           (WharfNode           *map,
                                                   const char          *key,
                                                   WharfNode           *value);
/* "a" → ["a"] */
void        wharf_compose_string_to_list          (WharfNode           *map,
                                                   const char          *key);
/* A command given as a string is split like a shell would. */
void        wharf_compose_normalize_command       (WharfComposeContext *ctx,
                                                   WharfNode           *map,
                                                   const char          *key,
                                                   const char          *path);
void        wharf_compose_normalize_duration      (WharfComposeContext *ctx,
                                                   WharfNode           *map,
                                                   const char          *key,
                                                   const char          *path);
void        wharf_compose_normalize_bytes         (WharfComposeContext *ctx,
                                                   WharfNode           *map,
                                                   const char          *key,
                                                   const char          *path);
void        wharf_compose_normalize_cpus          (WharfComposeContext *ctx,
                                                   WharfNode           *map,
                                                   const char          *key,
                                                   const char          *path);
/* ["A=1", "B"] or {A: 1, B: null} → {A: "1", B: null}. */
void        wharf_compose_normalize_dict          (WharfComposeContext *ctx,
                                                   WharfNode           *map,
                                                   const char          *key,
                                                   const char          *path,
                                                   gboolean             stringify);
/* [a, b] → {a: null, b: null} */
void        wharf_compose_normalize_list_to_names (WharfNode           *map,
                                                   const char          *key);

G_END_DECLS
