/* wharf-node-private.h: the layout of a WharfNode, shared by the files
 * that implement it (wharf-node.c, wharf-node-scalar.c,
 * wharf-node-collections.c, wharf-node-parse*.c).
 *
 * A loaded 1000-service project holds about 200 000 nodes, so the layout
 * keeps allocations down: a scalar's text lives in the same block as the
 * node (until it outgrows it), and a collection's children are one plain
 * array (mapping entries are key/value pairs) rather than GPtrArrays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-node.h"

G_BEGIN_DECLS

/* Mappings index their keys in a hash table once they grow past this. */
#define WHARF_NODE_INDEX_THRESHOLD 12

typedef struct {
  WharfNode *key;     /* a scalar */
  WharfNode *value;
} WharfNodeEntry;

/* Every pass of the loader walks the whole tree, so its size is what a
 * pass costs: a scalar is 44 bytes and its text (was 72 and its text), a
 * collection 56. Nodes are allocated at the size of their kind: a
 * scalar's text follows its last field (see wharf_node_inline_text ()). */
struct _WharfNode
{
  gatomicrefcount  ref_count;
  guint8           kind;            /* WharfNodeKind */
  guint8           scalar_type;     /* WharfScalarType */
  guint8           quoted      : 1;
  guint8           in_slab     : 1; /* carved by wharf_node_slab_alloc () */
  guint8           tree_tagged : 1; /* the root of a parse where some node got a tag */
  guint8           no_dollar   : 1; /* the parser saw no '$' in this subtree (0: unknown) */
  guint8           keys_sorted : 1; /* mapping: keys in ascending order (0: unknown) */
  guint            line;
  guint            column;
  const char      *file;            /* interned */
  const char      *tag;             /* interned */
  union {
    struct {                        /* WHARF_NODE_SCALAR */
      char        *scalar;          /* the inline text or its own allocation */
      guint        inline_size;     /* bytes of inline text */
    };
    struct {                        /* WHARF_NODE_MAPPING, WHARF_NODE_SEQUENCE */
      guint        len;             /* children */
      guint        alloc;           /* room in the array */
      union {
        WharfNode      **items;     /* sequence */
        WharfNodeEntry  *entries;   /* mapping */
      };
      GHashTable  *index;           /* mapping: key text → GUINT_TO_POINTER (position + 1) */
    };
  };
};

/* Bytes of a node of KIND before its inline text. */
#define WHARF_NODE_SCALAR_HEADER (G_STRUCT_OFFSET (WharfNode, inline_size) + sizeof (guint))
#define WHARF_NODE_HEADER(kind) ((kind) == WHARF_NODE_SCALAR ? WHARF_NODE_SCALAR_HEADER : \
                                 (kind) == WHARF_NODE_NULL ? G_STRUCT_OFFSET (WharfNode, scalar) : \
                                 sizeof (WharfNode))

static inline char *
wharf_node_inline_text (const WharfNode *node)
{
  return (char *) node + WHARF_NODE_SCALAR_HEADER;
}

/* Node memory (wharf-node-slab.c): NULL when SIZE is too large for a
 * chunk or in sanitizer builds, and the node is then g_malloc ()ed. */
#define WHARF_NODE_SLAB_MAX 2048
gpointer   wharf_node_slab_alloc              (gsize            size);
void       wharf_node_slab_free               (gpointer         memory);
/* For the tests: chunks holding live nodes (or still carved by a thread),
 * and a way to make the calling thread let go of its chunk. */
guint      wharf_node_slab_chunks_in_use      (void);
void       wharf_node_slab_thread_done        (void);

/* TRUE when the parser saw no '$' anywhere in NODE's subtree, so that
 * interpolation has nothing to do there. Adding a child or setting a
 * scalar keeps it true only for text without '$', but an edit deeper down
 * does not reach the ancestors: only trust it on a tree fresh from
 * wharf_node_parse (). */
static inline gboolean
wharf_node_parsed_without_dollar (const WharfNode *node)
{
  return node->no_dollar;
}

/* FILE must already be interned (or NULL): the parser creates nodes by the
 * hundred thousand and interning takes GLib's global lock every time. */
WharfNode *wharf_node_new_scalar_len_interned (const char      *value,
                                               gsize            length,
                                               WharfScalarType  type,
                                               const char      *file,
                                               guint            line,
                                               guint            column);
WharfNode *wharf_node_new_interned            (WharfNodeKind    kind,
                                               const char      *file,
                                               guint            line,
                                               guint            column);
/* Appends KEY → VALUE without looking for an existing KEY (the caller
 * knows it is new). Takes ownership of both. */
void       wharf_node_mapping_append_new      (WharfNode       *node,
                                               WharfNode       *key,
                                               WharfNode       *value);
/* Frees the children of a collection (wharf-node-collections.c). */
void       wharf_node_collection_clear        (WharfNode       *node);
/* The position of KEY among the N ENTRIES, or -1; *INDEX (key text →
 * position + 1) is built once there are enough of them, and must then be
 * kept up to date by whoever adds entries. */
int        wharf_node_entries_find            (const WharfNodeEntry  *entries,
                                               guint                  n,
                                               GHashTable           **index,
                                               const char            *key);
/* The position of KEY in mapping NODE, or -1. */
int        wharf_node_mapping_find            (const WharfNode *node,
                                               const char      *key);

/* One step of a key path ("services.web.ports[0]"). Tree walks keep a
 * stack of these and only spell the path out when they report something:
 * formatting it at every node cost more than the walks' own work. */
typedef struct {
  const char *key;    /* NULL: a sequence index */
  guint       index;
} WharfNodePathSegment;

/* A stack of segments; pushes and pops are inline, as walks make one per
 * node. Zero-initialise, free with wharf_node_path_clear (). */
typedef struct {
  WharfNodePathSegment *segments;
  guint                 len;
  guint                 alloc;
} WharfNodePath;

static inline void
wharf_node_path_push (WharfNodePath *path,
                      const char    *key,
                      guint          index)
{
  if (path->len == path->alloc)
    {
      path->alloc = MAX (32, path->alloc * 2);
      path->segments = g_renew (WharfNodePathSegment, path->segments, path->alloc);
    }
  path->segments[path->len].key = key;
  path->segments[path->len].index = index;
  path->len++;
}

static inline void
wharf_node_path_pop (WharfNodePath *path)
{
  path->len--;
}

static inline void
wharf_node_path_clear (WharfNodePath *path)
{
  g_clear_pointer (&path->segments, g_free);
  path->len = path->alloc = 0;
}

/* PREFIX (may be NULL) followed by PATH's segments. */
char      *wharf_node_path_format             (const char          *prefix,
                                               const WharfNodePath *path);

G_END_DECLS
