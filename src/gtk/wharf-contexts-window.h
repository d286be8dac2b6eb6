/* wharf-contexts-window.h: the Contexts & Profiles window: the Docker
 * contexts (create, edit, remove and use ECS contexts) and the AWS
 * profiles (create, edit, remove, test with STS GetCallerIdentity).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wharf-context-store.h"

G_BEGIN_DECLS

#define WHARF_TYPE_CONTEXTS_WINDOW (wharf_contexts_window_get_type ())
G_DECLARE_FINAL_TYPE (WharfContextsWindow, wharf_contexts_window, WHARF, CONTEXTS_WINDOW, AdwPreferencesWindow)

/* STORE: the (watched) context store to show and change. AWS profiles are
 * read from AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE (default
 * ~/.aws/config and ~/.aws/credentials). PARENT may be NULL. */
GtkWindow *wharf_contexts_window_new (GtkWindow         *parent,
                                      WharfContextStore *store);

G_END_DECLS
