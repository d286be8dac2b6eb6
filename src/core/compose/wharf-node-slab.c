/* wharf-node-slab.c: where nodes live.
 *
 * A loaded 1000-service project is about 200 000 nodes, and each loader
 * pass (interpolation, validation, canonicalisation, merge, checks) walks
 * them in document order. With one malloc () per node they end up
 * scattered over a heap the previous load fragmented, and every pass
 * pays a cache miss per node; the allocation and freeing themselves were
 * a fifth of the load. Here a thread carves its nodes one after the other
 * out of aligned chunks, so a walk reads memory in the order it was
 * written and the hardware prefetcher keeps up.
 *
 * A node finds its chunk by masking its own address (chunks are aligned
 * to their size), so it needs no pointer back. A chunk counts its live
 * nodes and goes back to a small cache, then to the system, when the last
 * one is freed, whichever thread frees it. While a thread still carves
 * out of a chunk, the count carries a bias so that frees cannot take it
 * to zero; the thread settles its own count when it moves on (or exits).
 *
 * Sanitizer builds give every node its own malloc () instead, so that
 * AddressSanitizer still sees a use after free or a leak of a single node.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "wharf-node-private.h"

#if defined(__SANITIZE_ADDRESS__)
# define WHARF_NODE_SLAB_DISABLED 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define WHARF_NODE_SLAB_DISABLED 1
# endif
#endif

#define CHUNK_SIZE   (32 * 1024)
#define HEADER_SIZE  16
#define BIAS         (G_MAXINT / 2)
#define CACHE_MAX    128                       /* 4 MiB of empty chunks kept */

typedef struct _Chunk Chunk;
struct _Chunk
{
  gint   live;    /* nodes not freed yet (+ BIAS while a thread carves) */
  Chunk *next;    /* in the cache */
};

G_STATIC_ASSERT (sizeof (Chunk) <= HEADER_SIZE);

typedef struct {
  Chunk *chunk;
  gsize  offset;
  gint   carved;  /* nodes carved out of CHUNK, not yet added to its count */
} Cursor;

static G_LOCK_DEFINE (cache);
static Chunk *cache;
static guint  cache_len;
static gint   chunks_alive;   /* for the tests */

static Chunk *
chunk_new (void)
{
  Chunk *chunk = NULL;

  G_LOCK (cache);
  if (cache != NULL)
    {
      chunk = cache;
      cache = chunk->next;
      cache_len--;
    }
  G_UNLOCK (cache);
  if (chunk == NULL)
    {
      void *memory = NULL;

      if (posix_memalign (&memory, CHUNK_SIZE, CHUNK_SIZE) != 0)
        g_error ("%s: out of memory", G_STRLOC);
      chunk = memory;
      g_atomic_int_inc (&chunks_alive);
    }
  chunk->live = BIAS;
  chunk->next = NULL;
  return chunk;
}

static void
chunk_release (Chunk *chunk)
{
  G_LOCK (cache);
  if (cache_len < CACHE_MAX)
    {
      chunk->next = cache;
      cache = chunk;
      cache_len++;
      chunk = NULL;
    }
  G_UNLOCK (cache);
  if (chunk != NULL)
    {
      g_atomic_int_add (&chunks_alive, -1);
      free (chunk);
    }
}

/* Stops carving out of the cursor's chunk: its count becomes the number of
 * its nodes still alive. */
static void
cursor_close (Cursor *cursor)
{
  Chunk *chunk = cursor->chunk;

  if (chunk == NULL)
    return;
  cursor->chunk = NULL;
  if (g_atomic_int_add (&chunk->live, cursor->carved - BIAS) == BIAS - cursor->carved)
    chunk_release (chunk);
}

static void
cursor_destroy (gpointer data)
{
  cursor_close (data);
}

static __thread Cursor cursor __attribute__ ((tls_model ("initial-exec")));
static GPrivate cursor_owner = G_PRIVATE_INIT (cursor_destroy);

gpointer
wharf_node_slab_alloc (gsize size)
{
  gpointer memory;

#ifdef WHARF_NODE_SLAB_DISABLED
  return NULL;
#endif
  size = (size + 7) & ~(gsize) 7;   /* a node holds pointers */
  if (size > WHARF_NODE_SLAB_MAX)
    return NULL;
  if (cursor.chunk == NULL || cursor.offset + size > CHUNK_SIZE)
    {
      if (cursor.chunk == NULL && g_private_get (&cursor_owner) == NULL)
        g_private_set (&cursor_owner, &cursor);   /* closes it when the thread exits */
      cursor_close (&cursor);
      cursor.chunk = chunk_new ();
      cursor.offset = HEADER_SIZE;
      cursor.carved = 0;
    }
  memory = (char *) cursor.chunk + cursor.offset;
  cursor.offset += size;
  cursor.carved++;
  return memory;
}

void
wharf_node_slab_free (gpointer memory)
{
  Chunk *chunk = (Chunk *) ((guintptr) memory & ~(guintptr) (CHUNK_SIZE - 1));

  if (g_atomic_int_dec_and_test (&chunk->live))
    chunk_release (chunk);
}

guint
wharf_node_slab_chunks_in_use (void)
{
  guint in_cache;

  G_LOCK (cache);
  in_cache = cache_len;
  G_UNLOCK (cache);
  return (guint) g_atomic_int_get (&chunks_alive) - in_cache;
}

void
wharf_node_slab_thread_done (void)
{
  cursor_close (&cursor);
}
