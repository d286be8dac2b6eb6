/* wharf-window-context.c: the header bar's context selector.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-window-private.h"

void
_wharf_window_class_init_context (GtkWidgetClass *widget_class)
{
}

void
_wharf_window_init_context (WharfWindow *self)
{
}
