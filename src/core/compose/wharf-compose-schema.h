/* wharf-compose-schema.h: structural validation of a Compose file, the way
 * the compose-spec JSON schema (the one compose-go v2 embeds) does it.
 *
 * The input is one parsed, interpolated file (a WharfNode tree). Every
 * problem becomes a WharfDiagnostic with the node's FILE:LINE:COL and the key
 * path ("services.web.ports[0].published"):
 *   - unknown keys ("additional property foo is not allowed", at the key);
 *     `x-` keys are accepted wherever the schema accepts them;
 *   - wrong types ("must be a string or list", at the value);
 *   - bad values: enums ("must be one of: …"), durations, byte sizes, ranges,
 *     duplicated list items, missing required properties.
 * Like compose-go, a string is accepted where an integer, number or boolean
 * is expected when it parses as one ("8000", "true"), and a string that still
 * holds a variable reference ("${PORT}") is accepted for every typed field
 * (the schema's own rule, so an uninterpolated file validates too).
 * Numbers are accepted where a string is expected (interpolation gives
 * `image: ${TAG}` the type of its value). Values tagged `!reset` are not
 * checked (the merge step removes them); `!override` values are checked.
 * An obsolete top-level `version:` is a warning, not an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-node.h"

G_BEGIN_DECLS

/* Appends to DIAGNOSTICS (a GListStore of WharfDiagnostic, may be NULL) one
 * diagnostic per problem below ROOT. Returns FALSE when at least one of them
 * is an error. A null ROOT (an empty document) has nothing to check. */
gboolean wharf_compose_schema_validate (WharfNode  *root,
                                        GListStore *diagnostics);

G_END_DECLS
