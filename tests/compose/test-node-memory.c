/* test-node-memory.c: where nodes live (the slab), and what the parser
 * notes about a tree for the loader's passes (tags, '$').
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "wharf-node-private.h"

static WharfNode *
parse_ok (const char *yaml)
{
  g_autoptr(GError) error = NULL;
  WharfNode *node = wharf_node_parse (yaml, strlen (yaml), "t.yaml", &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static gboolean
slab_enabled (void)
{
  gpointer probe = wharf_node_slab_alloc (16);

  if (probe == NULL)
    return FALSE;
  wharf_node_slab_free (probe);
  return TRUE;
}

/* Builds a tree of N mappings in the calling thread. */
static WharfNode *
build_tree (guint n)
{
  WharfNode *root = wharf_node_new_sequence ("t.yaml", 1, 1);

  for (guint i = 0; i < n; i++)
    {
      WharfNode *m = wharf_node_new_mapping ("t.yaml", i + 1, 1);
      g_autofree char *text = g_strdup_printf ("value-%u", i);

      wharf_node_mapping_set (m, "key", wharf_node_new_string (text));
      wharf_node_sequence_append (root, m);
    }
  return root;
}

static gpointer
build_in_thread (gpointer data)
{
  return build_tree (GPOINTER_TO_UINT (data));
}

static void
test_slab_chunks (void)
{
  guint before;
  WharfNode *tree;
  GThread *thread;

  if (!slab_enabled ())
    {
      g_test_skip ("nodes are malloc()ed one by one in sanitizer builds");
      return;
    }
  wharf_node_slab_thread_done ();
  before = wharf_node_slab_chunks_in_use ();

  /* 30 000 nodes fill many chunks; all of them go when the tree goes. */
  tree = build_tree (10000);
  g_assert_cmpuint (wharf_node_slab_chunks_in_use (), >, before + 10);
  g_assert_cmpstr (wharf_node_get_scalar (wharf_node_mapping_lookup (wharf_node_sequence_get (tree, 9999), "key")),
                   ==, "value-9999");
  wharf_node_unref (tree);
  /* The chunk this thread still carves from stays until it lets go. */
  g_assert_cmpuint (wharf_node_slab_chunks_in_use (), <=, before + 1);
  wharf_node_slab_thread_done ();
  g_assert_cmpuint (wharf_node_slab_chunks_in_use (), ==, before);

  /* Built in a thread that then exits, freed here: the exiting thread
   * lets go of its chunk, the last free here releases it. */
  thread = g_thread_new ("build", build_in_thread, GUINT_TO_POINTER (5000));
  tree = g_thread_join (thread);
  g_assert_cmpuint (wharf_node_slab_chunks_in_use (), >, before);
  g_assert_cmpstr (wharf_node_get_scalar (wharf_node_mapping_lookup (wharf_node_sequence_get (tree, 4999), "key")),
                   ==, "value-4999");
  wharf_node_unref (tree);
  g_assert_cmpuint (wharf_node_slab_chunks_in_use (), ==, before);
}

static void
test_slab_large_and_shared (void)
{
  g_autofree char *big = g_strnfill (WHARF_NODE_SLAB_MAX * 3, 'x');
  g_autoptr(WharfNode) node = wharf_node_new_string (big);
  g_autoptr(WharfNode) tree = parse_ok ("a: {b: [1, 2, 3]}\nc: text\n");
  WharfNode *shared = wharf_node_ref (wharf_node_mapping_lookup (tree, "a"));

  /* Larger than a chunk allows: its own allocation, same behaviour. */
  g_assert_cmpuint (strlen (wharf_node_get_scalar (node)), ==, WHARF_NODE_SLAB_MAX * 3);
  wharf_node_set_scalar (node, "short", WHARF_SCALAR_STRING);
  g_assert_cmpstr (wharf_node_get_scalar (node), ==, "short");

  /* A subtree outlives the tree it came from. */
  g_clear_pointer (&tree, wharf_node_unref);
  g_assert_cmpuint (wharf_node_sequence_size (wharf_node_mapping_lookup (shared, "b")), ==, 3);
  wharf_node_unref (shared);
}

static void
test_parse_had_tags (void)
{
  g_autoptr(WharfNode) plain = parse_ok ("services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n");
  g_autoptr(WharfNode) reset = parse_ok ("services:\n  web:\n    ports: !reset []\n");
  g_autoptr(WharfNode) custom = parse_ok ("a: [1, !custom x]\n");
  g_autoptr(WharfNode) core = parse_ok ("a: !!str 1\nb: !!int \"2\"\n");
  g_autoptr(WharfNode) built = wharf_node_new_mapping (NULL, 0, 0);

  g_assert_false (wharf_node_parse_had_tags (plain));
  g_assert_true (wharf_node_parse_had_tags (reset));
  g_assert_true (wharf_node_parse_had_tags (custom));
  /* YAML's own tags only decide the type: nothing is kept. */
  g_assert_false (wharf_node_parse_had_tags (core));
  g_assert_false (wharf_node_parse_had_tags (built));
  g_assert_false (wharf_node_parse_had_tags (NULL));
}

static void
test_parsed_without_dollar (void)
{
  g_autoptr(WharfNode) root = parse_ok ("x-base: &base {level: info}\n"
                                        "a: {b: 1, c: [x, y]}\n"
                                        "d: [plain, \"${HOME}\"]\n"
                                        "e: *base\n"
                                        "f: {<<: *base, g: $$literal}\n");
  WharfNode *a = wharf_node_mapping_lookup (root, "a");
  WharfNode *d = wharf_node_mapping_lookup (root, "d");

  g_assert_false (wharf_node_parsed_without_dollar (root));
  g_assert_true (wharf_node_parsed_without_dollar (a));
  g_assert_true (wharf_node_parsed_without_dollar (wharf_node_mapping_lookup (a, "c")));
  g_assert_false (wharf_node_parsed_without_dollar (d));
  g_assert_true (wharf_node_parsed_without_dollar (wharf_node_sequence_get (d, 0)));
  g_assert_false (wharf_node_parsed_without_dollar (wharf_node_sequence_get (d, 1)));
  /* Aliases and merge keys copy clean text. */
  g_assert_true (wharf_node_parsed_without_dollar (wharf_node_mapping_lookup (root, "e")));
  g_assert_false (wharf_node_parsed_without_dollar (wharf_node_mapping_lookup (root, "f")));

  /* Edits never leave a stale "clean": a new child or new text clears it. */
  wharf_node_mapping_set (a, "h", wharf_node_new_string ("no dollar, but not parsed"));
  g_assert_false (wharf_node_parsed_without_dollar (a));
  wharf_node_set_scalar (wharf_node_sequence_get (d, 0), "plain", WHARF_SCALAR_STRING);
  g_assert_false (wharf_node_parsed_without_dollar (wharf_node_sequence_get (d, 0)));
}

static void
assert_keys (const WharfNode *node,
             const char      *expected)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < wharf_node_mapping_size (node); i++)
    g_string_append_printf (keys, "%s%s", i ? "," : "", wharf_node_mapping_get_key (node, i));
  g_assert_cmpstr (keys->str, ==, expected);
}

static void
test_keys_sorted (void)
{
  g_autoptr(WharfNode) root = parse_ok ("sorted: {a: 1, b: 2, c: 3}\nunsorted: {b: 1, a: 2}\n");
  WharfNode *sorted = wharf_node_mapping_lookup (root, "sorted");
  WharfNode *unsorted = wharf_node_mapping_lookup (root, "unsorted");
  g_autoptr(WharfNode) copy = NULL;

  g_assert_true (sorted->keys_sorted);
  g_assert_false (unsorted->keys_sorted);
  g_assert_true (root->keys_sorted);    /* "sorted" < "unsorted" */

  /* A key appended in order keeps the mark, one out of order drops it,
   * and sorting (which then has work to do) restores it. */
  wharf_node_mapping_set (sorted, "d", wharf_node_new_int (4));
  g_assert_true (sorted->keys_sorted);
  wharf_node_mapping_set (sorted, "B", wharf_node_new_int (5));
  g_assert_false (sorted->keys_sorted);
  wharf_node_mapping_sort (sorted);
  g_assert_true (sorted->keys_sorted);
  assert_keys (sorted, "B,a,b,c,d");

  /* Replacing a value or removing a key keeps the order. */
  wharf_node_mapping_set (sorted, "a", wharf_node_new_int (6));
  g_assert_true (wharf_node_mapping_remove (sorted, "c"));
  g_assert_true (sorted->keys_sorted);
  assert_keys (sorted, "B,a,b,d");

  /* Nested mappings, in mappings and sequences, all get sorted. */
  {
    g_autoptr(WharfNode) nested = parse_ok ("b: {d: 1, c: 2}\na: [{f: 1, e: {h: 1, g: 2}}, x]\n");
    WharfNode *item;

    wharf_node_sort_recursively (nested);
    assert_keys (nested, "a,b");
    assert_keys (wharf_node_mapping_lookup (nested, "b"), "c,d");
    item = wharf_node_sequence_get (wharf_node_mapping_lookup (nested, "a"), 0);
    assert_keys (item, "e,f");
    assert_keys (wharf_node_mapping_lookup (item, "e"), "g,h");
  }

  copy = wharf_node_copy (unsorted);
  g_assert_false (copy->keys_sorted);
  wharf_node_mapping_sort (copy);
  assert_keys (copy, "a,b");
  g_assert_true (copy->keys_sorted);
  assert_keys (unsorted, "b,a");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/node-memory/slab-chunks", test_slab_chunks);
  g_test_add_func ("/node-memory/slab-large-and-shared", test_slab_large_and_shared);
  g_test_add_func ("/node-memory/parse-had-tags", test_parse_had_tags);
  g_test_add_func ("/node-memory/parsed-without-dollar", test_parsed_without_dollar);
  g_test_add_func ("/node-memory/keys-sorted", test_keys_sorted);
  return g_test_run ();
}
