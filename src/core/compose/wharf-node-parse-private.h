/* wharf-node-parse-private.h: the state of one parse, shared by the event
 * handling (wharf-node-parse.c) and the alias and merge-key handling
 * (wharf-node-parse-alias.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <yaml.h>

#include "wharf-node-private.h"

G_BEGIN_DECLS

#define WHARF_YAML_TAG_MERGE "tag:yaml.org,2002:merge"

typedef struct {
  WharfNode  *node;
  WharfNode  *pending_key;    /* mapping: key waiting for its value */
  GPtrArray  *merge_sources;  /* mapping: values of `<<` keys, in order */
  char       *anchor;
  guint       first_child;    /* where its children start in the builder's CHILDREN */
  gboolean    keys_sorted;    /* mapping: keys so far in ascending order */
  GHashTable *keys;           /* mapping with many keys: key text → position + 1 */
} WharfParseFrame;

typedef struct {
  const char  *file;          /* interned */
  const char  *data;
  GArray      *stack;         /* of WharfParseFrame */
  /* The children of the open collections, innermost last (sequence items
   * as { item, NULL }): a collection gets one array of the right size
   * when it closes, instead of one grown by doubling. */
  WharfNodeEntry *children;
  guint        n_children;
  guint        children_alloc;
  GHashTable  *anchors;       /* name → WharfNode (complete nodes only) */
  WharfNode   *root;
  guint        n_documents;
  gboolean     tagged;        /* some node got a tag */
  gsize        alias_budget;
  GError      *error;
} WharfParseBuilder;

/* wharf-node-parse-frame.c: the children of an open collection.
 * Pushes a child (a sequence item: KEY is the item, VALUE NULL). */
static inline void
wharf_parse_push_child (WharfParseBuilder *b,
                        WharfNode         *key,
                        WharfNode         *value)
{
  if (b->n_children == b->children_alloc)
    {
      b->children_alloc *= 2;
      b->children = g_renew (WharfNodeEntry, b->children, b->children_alloc);
    }
  b->children[b->n_children].key = key;
  b->children[b->n_children].value = value;
  b->n_children++;
}

/* Adds KEY → VALUE to FRAME's mapping (KEY known to be new). */
void        wharf_parse_frame_add_child        (WharfParseBuilder  *b,
                                                WharfParseFrame    *frame,
                                                WharfNode          *key,
                                                WharfNode          *value);
/* Hands FRAME's children to its node, which is complete. */
void        wharf_parse_frame_install_children (WharfParseBuilder  *b,
                                                WharfParseFrame    *frame);

/* Sets B's error (the first one wins), at MARK when it is not NULL. */
void        wharf_parse_set_error          (WharfParseBuilder  *b,
                                            const yaml_mark_t  *mark,
                                            WharfYamlError      code,
                                            const char         *format,
                                            ...) G_GNUC_PRINTF (4, 5);
/* Deep copy for an alias; NULL once the alias budget is spent. */
WharfNode  *wharf_parse_copy_within_budget (WharfParseBuilder  *b,
                                            const WharfNode    *node);
gboolean    wharf_parse_is_merge_key       (const WharfNode    *key);
/* VALUE is the value of a `<<` key of FRAME's mapping. */
void        wharf_parse_add_merge_source   (WharfParseBuilder  *b,
                                            WharfParseFrame    *frame,
                                            WharfNode          *value);
/* Once FRAME's mapping is complete: adds the keys merged into it. */
void        wharf_parse_apply_merges       (WharfParseFrame    *frame);

G_END_DECLS
