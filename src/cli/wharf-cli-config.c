/* wharf-cli-config.c: "wharf-cli config", the resolved Compose model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-cli.h"

int
wharf_cli_config (int    argc,
                  char **argv)
{
  wharf_cli_printerr (_("config: the loader is not built yet"));
  return WHARF_EXIT_FAILURE;
}
