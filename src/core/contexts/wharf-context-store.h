/* wharf-context-store.h: the Docker CLI's context store, as a list model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-context.h"

G_BEGIN_DECLS

#define WHARF_TYPE_CONTEXT_STORE (wharf_context_store_get_type ())
G_DECLARE_FINAL_TYPE (WharfContextStore, wharf_context_store, WHARF, CONTEXT_STORE, GObject)

/* A GListModel of WharfContext, sorted by name as `docker context ls`
 * sorts them, the built-in "default" included. Empty until reloaded. */
WharfContextStore *wharf_context_store_new               (const char          *config_dir);

const char        *wharf_context_store_get_config_dir    (WharfContextStore   *self);
void               wharf_context_store_set_override      (WharfContextStore   *self,
                                                          const char          *name);
const char        *wharf_context_store_get_override      (WharfContextStore   *self);
const char        *wharf_context_store_get_current_name  (WharfContextStore   *self);

char              *wharf_context_store_dup_meta_path     (WharfContextStore   *self,
                                                          const char          *name);
char              *wharf_context_store_dup_tls_path      (WharfContextStore   *self,
                                                          const char          *name);
char              *wharf_context_dup_folder_name         (const char          *name);

gboolean           wharf_context_store_reload            (WharfContextStore   *self,
                                                          GError             **error);
void               wharf_context_store_reload_async      (WharfContextStore   *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean           wharf_context_store_reload_finish     (WharfContextStore   *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
gboolean           wharf_context_store_watch             (WharfContextStore   *self,
                                                          GError             **error);

WharfContext      *wharf_context_store_lookup            (WharfContextStore   *self,
                                                          const char          *name,
                                                          GError             **error);
char              *wharf_context_store_dup_current       (WharfContextStore   *self,
                                                          GError             **error);
WharfContext      *wharf_context_store_lookup_current    (WharfContextStore   *self,
                                                          GError             **error);
char              *wharf_context_store_dup_configured    (WharfContextStore   *self,
                                                          GError             **error);

gboolean           wharf_context_store_create            (WharfContextStore   *self,
                                                          WharfContext        *context,
                                                          GError             **error);
gboolean           wharf_context_store_update            (WharfContextStore   *self,
                                                          WharfContext        *context,
                                                          GError             **error);
gboolean           wharf_context_store_remove            (WharfContextStore   *self,
                                                          const char          *name,
                                                          gboolean             force,
                                                          GError             **error);
gboolean           wharf_context_store_use               (WharfContextStore   *self,
                                                          const char          *name,
                                                          GError             **error);

char              *wharf_context_store_inspect           (WharfContextStore   *self,
                                                          const char * const  *names,
                                                          GError             **error);

G_END_DECLS
