/* wharf-context-row.h: one Docker context in the Contexts & Profiles
 * window: name, type, description, region and profile, the "Current"
 * badge, and Use / Edit / Remove buttons (the contexts.* actions of the
 * window, targeted at the context's name).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-context.h"

G_BEGIN_DECLS

#define WHARF_TYPE_CONTEXT_ROW (wharf_context_row_get_type ())
G_DECLARE_FINAL_TYPE (WharfContextRow, wharf_context_row, WHARF, CONTEXT_ROW, AdwActionRow)

GtkWidget    *wharf_context_row_new         (WharfContext    *context);
WharfContext *wharf_context_row_get_context (WharfContextRow *self);
/* One line: "Profile “dev” · eu-west-3 · Staging account". */
char         *wharf_context_row_dup_summary (WharfContext    *context);

G_END_DECLS
