/* wharf-context-private.h: internals shared by the files of src/core/contexts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-context.h"

G_BEGIN_DECLS

/* JSON written the way Go's encoding/json writes it (Docker is written in
 * Go): the same escaping (<, >, & as \u003c…), the same spacing, so that
 * files and output are byte for byte what the Docker CLI produces. */
typedef enum {
  WHARF_JSON_COMPACT = 0,        /* json.Marshal */
  WHARF_JSON_INDENT_TAB = 1,     /* json.MarshalIndent (v, "", "\t"): config.json */
  WHARF_JSON_INDENT_SPACES = 2,  /* json.MarshalIndent (v, "", "    "): inspect */
  WHARF_JSON_SORT_KEYS = 1 << 4, /* Go maps: keys in byte order */
  WHARF_JSON_GO_FLOATS = 1 << 5, /* numbers decoded by Go into float64 */
} WharfJsonStyle;

void          wharf_json_write_string        (GString         *out,
                                              const char      *str);
void          wharf_json_write_node          (GString         *out,
                                              JsonNode        *node,
                                              WharfJsonStyle   style,
                                              guint            depth);
void          wharf_json_write_newline       (GString         *out,
                                              WharfJsonStyle   style,
                                              guint            depth);
void          wharf_json_write_key           (GString         *out,
                                              const char      *key,
                                              WharfJsonStyle   style);

/* Parses DATA as a JSON object; PATH names the file in errors. */
JsonNode     *wharf_json_parse_object        (const char      *data,
                                              gssize           length,
                                              const char      *path,
                                              GError         **error);

/* Members of a known type, or NULL; ensure_object replaces a member of
 * another type by an empty object. */
JsonObject   *wharf_json_ensure_object       (JsonObject      *parent,
                                              const char      *key);
JsonObject   *wharf_json_get_object          (JsonObject      *parent,
                                              const char      *key);
const char   *wharf_json_get_string          (JsonObject      *object,
                                              const char      *key);

/* Atomic replace of PATH (following a symbolic link to its target):
 * a temporary file in the same folder, renamed over the file. The mode of
 * an existing file is kept; a new file gets NEW_MODE. */
gboolean      wharf_context_write_file       (const char      *path,
                                              const char      *contents,
                                              gsize            length,
                                              int              new_mode,
                                              GError         **error);

WharfContext *wharf_context_new_named        (const char      *name);
void          wharf_context_set_current      (WharfContext    *self,
                                              gboolean         current);
JsonNode     *wharf_context_get_root         (WharfContext    *self);
JsonObject   *wharf_context_ensure_metadata  (WharfContext    *self);
JsonObject   *wharf_context_ensure_endpoints (WharfContext    *self);

G_END_DECLS
