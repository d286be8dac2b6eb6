/* wharf-interpolate.h: Compose variable interpolation ("${VAR:-default}").
 *
 * The rules are compose-go's (template package, v2):
 *   $$              a literal "$"
 *   $VAR  ${VAR}    the value, or "" when unset
 *   ${VAR:-text}    text when VAR is unset or empty     ${VAR-text}  … when unset
 *   ${VAR:?msg}     error when VAR is unset or empty    ${VAR?msg}   … when unset
 *   ${VAR:+text}    text when VAR is set and not empty  ${VAR+text}  … when set
 * TEXT and MSG are interpolated themselves (only when used), so defaults
 * nest: ${A:-${B:-x}}. VAR is [_A-Za-z][_A-Za-z0-9]*. A "$" that starts none
 * of these ("a $ b", "$1", "$}", a final "$") is kept as it is. A "${" that
 * is not closed, or whose contents are not NAME[OP TEXT], is an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-node.h"

G_BEGIN_DECLS

#define WHARF_INTERPOLATE_ERROR (wharf_interpolate_error_quark ())

typedef enum {
  WHARF_INTERPOLATE_ERROR_SYNTAX,    /* "invalid interpolation format for …" */
  WHARF_INTERPOLATE_ERROR_REQUIRED,  /* "required variable VAR is missing a value[: msg]" */
} WharfInterpolateError;

GQuark       wharf_interpolate_error_quark (void);

/* Returns the value of NAME, or NULL when it is unset (an empty string is
 * set-but-empty, which ${VAR-x} and ${VAR:-x} tell apart). The returned
 * string must stay valid until the next call. */
typedef const char *(*WharfLookupFunc) (const char *name,
                                        gpointer    user_data);

/* TEXT with every reference replaced; NULL with ERROR set on bad syntax or
 * a missing required variable. LOOKUP may be NULL (nothing is set). */
char        *wharf_interpolate              (const char       *text,
                                             WharfLookupFunc   lookup,
                                             gpointer          user_data,
                                             GError          **error);

/* Same, and reports variables: REFERENCED (may be NULL) gets the name of
 * every variable that was looked up, UNSET (may be NULL) the name of every
 * $VAR / ${VAR} that was unset and had no operator, so it became "" (compose
 * warns about those). Both are arrays of strings owned by the array (create
 * them with g_ptr_array_new_with_free_func (g_free)); names are appended once
 * each, in order of first use. */
char        *wharf_interpolate_full         (const char       *text,
                                             WharfLookupFunc   lookup,
                                             gpointer          user_data,
                                             GPtrArray        *referenced,
                                             GPtrArray        *unset,
                                             GError          **error);

/* TRUE when TEXT contains something that interpolation would change or
 * reject (any "$"). */
gboolean     wharf_interpolate_has_references (const char     *text);

/* Interpolates, in place, every scalar value below NODE (mapping keys are
 * left alone). A scalar whose text contained a reference gets the type of
 * its new text (wharf_scalar_resolve_type (), as compose-go casts after
 * interpolation), unless it was a quoted string. PATH is NODE's key path
 * ("services.web", NULL or "" for the root); errors read
 * "FILE:LINE:COL: PATH: message" for the offending scalar. On error the
 * tree may be partly interpolated. */
gboolean     wharf_interpolate_node         (WharfNode        *node,
                                             WharfLookupFunc   lookup,
                                             gpointer          user_data,
                                             const char       *path,
                                             GError          **error);

/* Same, and appends to DIAGNOSTICS (a GListStore of WharfDiagnostic, may be
 * NULL) a warning for each unset variable that became "", at each scalar
 * that uses it (at most 1000 warnings per call). */
gboolean     wharf_interpolate_node_full    (WharfNode        *node,
                                             WharfLookupFunc   lookup,
                                             gpointer          user_data,
                                             const char       *path,
                                             GListStore       *diagnostics,
                                             GError          **error);

G_END_DECLS
