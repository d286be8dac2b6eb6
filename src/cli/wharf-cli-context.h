/* wharf-cli-context.h: shared by the files of "wharf-cli context".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-cli.h"
#include "wharf-context-store.h"

G_BEGIN_DECLS

/* Options given before the subcommand: --config DIR, --context NAME. */
typedef struct {
  const char *config_dir;
  const char *context;
} WharfCliContextGlobals;

WharfContextStore *wharf_cli_context_open_store (const WharfCliContextGlobals *globals);
gboolean           wharf_cli_context_parse      (GOptionContext               *context,
                                                 int                          *argc,
                                                 char                       ***argv);
int                wharf_cli_context_create     (const WharfCliContextGlobals *globals,
                                                 int                           argc,
                                                 char                        **argv);

G_END_DECLS
