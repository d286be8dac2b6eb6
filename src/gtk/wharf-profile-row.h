/* wharf-profile-row.h: one AWS profile in the Contexts & Profiles window:
 * name, credential kind, key hint and region, and Test / Edit / Remove
 * buttons (the profiles.* actions of the window, targeted at the name).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-aws-profile.h"

G_BEGIN_DECLS

#define WHARF_TYPE_PROFILE_ROW (wharf_profile_row_get_type ())
G_DECLARE_FINAL_TYPE (WharfProfileRow, wharf_profile_row, WHARF, PROFILE_ROW, AdwActionRow)

GtkWidget       *wharf_profile_row_new         (WharfAwsProfile *profile);
WharfAwsProfile *wharf_profile_row_get_profile (WharfProfileRow *self);
/* While TRUE, a spinner replaces the Test button. */
void             wharf_profile_row_set_testing (WharfProfileRow *self,
                                                gboolean         testing);
/* "Access keys · ****************WXYZ · eu-west-3" */
char            *wharf_profile_row_dup_summary (WharfAwsProfile *profile);

G_END_DECLS
