/* wharf-context-regions.h: the AWS regions offered by the region choosers
 * of the context and profile dialogs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Fills ROW with the known regions, after FIRST when not NULL (e.g. "The
 * profile’s region"), and selects REGION (added at the end when the list
 * does not have it; nothing selected beyond FIRST when NULL). */
void        wharf_context_regions_setup_row (AdwComboRow *row,
                                             const char  *first,
                                             const char  *region);
/* The selected region id, or NULL when FIRST (or nothing) is selected. */
const char *wharf_context_regions_get       (AdwComboRow *row);

G_END_DECLS
