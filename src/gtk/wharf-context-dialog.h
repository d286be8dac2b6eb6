/* wharf-context-dialog.h: creating or editing an ECS context: name,
 * description, where the credentials come from (an AWS profile, the
 * environment, or new access keys saved as a profile) and the region.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-aws-profile-store.h"
#include "wharf-context-store.h"

G_BEGIN_DECLS

#define WHARF_TYPE_CONTEXT_DIALOG (wharf_context_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WharfContextDialog, wharf_context_dialog, WHARF, CONTEXT_DIALOG, AdwWindow)

/* The source choices, in the order of the Source row. */
typedef enum {
  WHARF_CONTEXT_SOURCE_PROFILE,
  WHARF_CONTEXT_SOURCE_ENVIRONMENT,
  WHARF_CONTEXT_SOURCE_KEYS,
} WharfContextSource;

/* CONTEXT: the ECS context to edit, or NULL to create one. PROFILES must
 * be loaded. The dialog saves through the stores ("dialog.save") and
 * closes itself when that worked. */
GtkWindow *wharf_context_dialog_new (GtkWindow            *parent,
                                     WharfContextStore    *store,
                                     WharfAwsProfileStore *profiles,
                                     WharfContext         *context);

G_END_DECLS
