/* wharf-core.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-core.h"

const char *
wharf_core_version (void)
{
  return PACKAGE_VERSION;
}

/* The User-Agent every AWS request carries ("wharf/<version>"). */
const char *
wharf_core_user_agent (void)
{
  return "wharf/" PACKAGE_VERSION;
}
