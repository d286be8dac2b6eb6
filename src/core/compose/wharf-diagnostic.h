/* wharf-diagnostic.h: an error or warning about a Compose project, with the
 * place it comes from (FILE:LINE:COL and the YAML key path).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-node.h"

G_BEGIN_DECLS

typedef enum {
  WHARF_SEVERITY_INFO,
  WHARF_SEVERITY_WARNING,
  WHARF_SEVERITY_ERROR,
} WharfSeverity;

#define WHARF_TYPE_DIAGNOSTIC (wharf_diagnostic_get_type ())
G_DECLARE_FINAL_TYPE (WharfDiagnostic, wharf_diagnostic, WHARF, DIAGNOSTIC, GObject)

WharfDiagnostic *wharf_diagnostic_new           (WharfSeverity          severity,
                                                 const char            *file,
                                                 guint                  line,
                                                 guint                  column,
                                                 const char            *path,
                                                 const char            *message);
/* Position taken from NODE (may be NULL). */
WharfDiagnostic *wharf_diagnostic_new_at        (WharfSeverity          severity,
                                                 const WharfNode       *node,
                                                 const char            *path,
                                                 const char            *format,
                                                 ...) G_GNUC_PRINTF (4, 5);

WharfSeverity    wharf_diagnostic_get_severity  (WharfDiagnostic       *self);
const char      *wharf_diagnostic_get_file      (WharfDiagnostic       *self);
guint            wharf_diagnostic_get_line      (WharfDiagnostic       *self);
guint            wharf_diagnostic_get_column    (WharfDiagnostic       *self);
/* Key path such as "services.web.ports[0].published" (may be NULL). */
const char      *wharf_diagnostic_get_path      (WharfDiagnostic       *self);
const char      *wharf_diagnostic_get_message   (WharfDiagnostic       *self);
/* "FILE:LINE:COL: error: MESSAGE" (the key path is part of MESSAGE's
 * context: "services.web.ports: …"). */
char            *wharf_diagnostic_format        (WharfDiagnostic       *self);
const char      *wharf_severity_to_string       (WharfSeverity          severity);

/* Helpers for lists of diagnostics (a GListStore of WharfDiagnostic). */
gboolean         wharf_diagnostics_has_errors   (GListModel            *diagnostics);
guint            wharf_diagnostics_count        (GListModel            *diagnostics,
                                                 WharfSeverity          severity);

G_END_DECLS
