/* wharf-core.h: version and process-wide helpers of libwharf-core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *wharf_core_version    (void);
const char *wharf_core_user_agent (void);

G_END_DECLS
