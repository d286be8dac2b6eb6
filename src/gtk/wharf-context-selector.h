/* wharf-context-selector.h: the header bar's Docker context menu of a
 * window: the ECS contexts (and "default") of the session's store as
 * radio items of the stateful action "use-context", Docker's current one
 * marked, and the button's label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "wharf-session.h"

G_BEGIN_DECLS

#define WHARF_TYPE_CONTEXT_SELECTOR (wharf_context_selector_get_type ())
G_DECLARE_FINAL_TYPE (WharfContextSelector, wharf_context_selector, WHARF, CONTEXT_SELECTOR, GObject)

/* SECTION is filled with one item per context; LABEL (and BUTTON's
 * tooltip) show the session's choice. The action "use-context" ("s"
 * parameter and state: a context name, "" for none) must be added to
 * the window by the caller. */
WharfContextSelector *wharf_context_selector_new        (WharfSession         *session,
                                                         GMenu                *section,
                                                         GtkLabel             *label,
                                                         GtkWidget            *button);
GAction              *wharf_context_selector_get_action (WharfContextSelector *self);
/* Rebuilds the menu now (it follows the store by itself). */
void                  wharf_context_selector_update     (WharfContextSelector *self);

G_END_DECLS
