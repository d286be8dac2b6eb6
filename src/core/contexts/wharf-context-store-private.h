/* wharf-context-store-private.h: internals of the context store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-context-private.h"
#include "wharf-context-store.h"

G_BEGIN_DECLS

struct _WharfContextStore
{
  GObject    parent_instance;

  char      *config_dir;
  char      *override;     /* --context */
  char      *configured;   /* currentContext of config.json */
  char      *current_name; /* what applies, overrides included */
  GPtrArray *items;        /* WharfContext, sorted by name */

  GFileMonitor *config_monitor;   /* wharf_context_store_watch() */
  GFileMonitor *meta_monitor;
  GCancellable *watch_cancellable;
  guint         reload_source;
};

void        wharf_context_store_update_current (WharfContextStore *self);
void        wharf_context_store_unwatch        (WharfContextStore *self);

char       *wharf_context_config_path         (const char  *config_dir);
JsonNode   *wharf_context_config_read         (const char  *config_dir,
                                               GError     **error);
const char *wharf_context_config_get_current  (JsonNode    *config);
gboolean    wharf_context_config_set_current  (const char  *config_dir,
                                               const char  *name,
                                               GError     **error);
char       *wharf_context_resolve_current     (const char  *override,
                                               const char  *configured);
gboolean    wharf_context_resolve_uses_config (const char  *override);

void        wharf_context_store_changed       (WharfContextStore *self);

/* Every context of the store folder (broken ones included, "default"
 * included), sorted by name. Fails only when the folder cannot be read. */
GPtrArray  *wharf_context_store_scan          (const char  *config_dir,
                                               GError     **error);
WharfContext *wharf_context_store_read        (const char  *config_dir,
                                               const char  *name,
                                               GError     **error);

G_END_DECLS
