/* wharf-profile-dialog.h: creating or editing an AWS profile: name,
 * region, AWS CLI output format, access key ID and secret access key.
 * The secret is write-only: an edited profile never shows it, and an
 * empty secret entry keeps the stored one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-aws-profile-store.h"

G_BEGIN_DECLS

#define WHARF_TYPE_PROFILE_DIALOG (wharf_profile_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WharfProfileDialog, wharf_profile_dialog, WHARF, PROFILE_DIALOG, AdwWindow)

/* PROFILE: the profile to edit, or NULL to create one. The dialog saves
 * through STORE ("dialog.save") and closes itself when that worked. */
GtkWindow *wharf_profile_dialog_new (GtkWindow            *parent,
                                     WharfAwsProfileStore *store,
                                     WharfAwsProfile      *profile);

G_END_DECLS
