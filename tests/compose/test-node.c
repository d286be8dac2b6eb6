/* test-node.c: the positioned YAML tree, its parser and writers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "wharf-node.h"
#include "wharf-test-util.h"

static WharfNode *
parse_ok (const char *yaml)
{
  g_autoptr(GError) error = NULL;
  WharfNode *node = wharf_node_parse (yaml, strlen (yaml), "t.yaml", &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_parse_error (const char     *yaml,
                    gssize          length,
                    WharfYamlError  code,
                    const char     *substring)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfNode) node = NULL;

  node = wharf_node_parse (yaml, length < 0 ? strlen (yaml) : (gsize) length, "t.yaml", &error);
  g_assert_null (node);
  g_assert_error (error, WHARF_YAML_ERROR, (int) code);
  if (substring != NULL && strstr (error->message, substring) == NULL)
    g_error ("“%s” not in “%s”", substring, error->message);
}

static void
test_positions (void)
{
  g_autoptr(WharfNode) root = parse_ok ("services:\n  web:\n    image: nginx\n    ports:\n      - 80:80\n");
  WharfNode *web = wharf_node_mapping_lookup (wharf_node_mapping_lookup (root, "services"), "web");
  WharfNode *image = wharf_node_mapping_lookup (web, "image");
  WharfNode *port = wharf_node_sequence_get (wharf_node_mapping_lookup (web, "ports"), 0);
  g_autofree char *where = wharf_node_format_position (port);

  g_assert_cmpstr (wharf_node_get_scalar (image), ==, "nginx");
  g_assert_cmpuint (wharf_node_get_line (image), ==, 3);
  g_assert_cmpuint (wharf_node_get_column (image), ==, 12);
  g_assert_cmpuint (wharf_node_get_line (wharf_node_mapping_lookup_key_node (web, "image")), ==, 3);
  g_assert_cmpuint (wharf_node_get_column (wharf_node_mapping_lookup_key_node (web, "image")), ==, 5);
  g_assert_cmpstr (where, ==, "t.yaml:5:9");
  g_assert_cmpint (wharf_node_get_scalar_type (port), ==, WHARF_SCALAR_STRING);
}

static void
test_scalar_types (void)
{
  g_autoptr(WharfNode) root = parse_ok ("a: 1\nb: \"1\"\nc: 1.5\nd: true\ne: yes\nf: ~\ng:\nh: 0x1F\n"
                                        "i: '3'\nj: !!str 4\nk: 1e3\nl: .inf\nm: 1_000\n");
  gint64 i = 0;
  double d = 0;

  g_assert_cmpint (wharf_node_get_scalar_type (wharf_node_mapping_lookup (root, "a")), ==, WHARF_SCALAR_INT);
  g_assert_cmpint (wharf_node_get_scalar_type (wharf_node_mapping_lookup (root, "b")), ==, WHARF_SCALAR_STRING);
  g_assert_cmpint (wharf_node_get_scalar_type (wharf_node_mapping_lookup (root, "c")), ==, WHARF_SCALAR_FLOAT);
  g_assert_cmpint (wharf_node_get_scalar_type (wharf_node_mapping_lookup (root, "d")), ==, WHARF_SCALAR_BOOL);
  /* YAML 1.2, as compose-go: "yes" is a string. */
  g_assert_cmpint (wharf_node_get_scalar_type (wharf_node_mapping_lookup (root, "e")), ==, WHARF_SCALAR_STRING);
  g_assert_cmpint (wharf_node_get_kind (wharf_node_mapping_lookup (root, "f")), ==, WHARF_NODE_NULL);
  g_assert_cmpint (wharf_node_get_kind (wharf_node_mapping_lookup (root, "g")), ==, WHARF_NODE_NULL);
  g_assert_true (wharf_node_get_int64 (wharf_node_mapping_lookup (root, "h"), &i));
  g_assert_cmpint (i, ==, 31);
  g_assert_cmpint (wharf_node_get_scalar_type (wharf_node_mapping_lookup (root, "i")), ==, WHARF_SCALAR_STRING);
  g_assert_cmpint (wharf_node_get_scalar_type (wharf_node_mapping_lookup (root, "j")), ==, WHARF_SCALAR_STRING);
  g_assert_true (wharf_node_get_double (wharf_node_mapping_lookup (root, "k"), &d));
  g_assert_cmpfloat (d, ==, 1000.0);
  g_assert_cmpint (wharf_node_get_scalar_type (wharf_node_mapping_lookup (root, "l")), ==, WHARF_SCALAR_FLOAT);
  g_assert_cmpint (wharf_node_get_scalar_type (wharf_node_mapping_lookup (root, "m")), ==, WHARF_SCALAR_STRING);
}

static void
test_anchors_and_merge (void)
{
  g_autoptr(WharfNode) root = parse_ok (
    "x-base: &base\n  image: busybox\n  environment:\n    A: '1'\n"
    "x-more: &more\n  image: alpine\n  restart: always\n"
    "services:\n"
    "  one:\n    <<: *base\n    command: echo\n"
    "  two:\n    <<: [*more, *base]\n    image: own\n"
    "  three:\n    <<: *base\n    environment: *base\n");
  WharfNode *services = wharf_node_mapping_lookup (root, "services");
  WharfNode *one = wharf_node_mapping_lookup (services, "one");
  WharfNode *two = wharf_node_mapping_lookup (services, "two");
  WharfNode *three = wharf_node_mapping_lookup (services, "three");

  g_assert_cmpstr (wharf_node_mapping_lookup_string (one, "image"), ==, "busybox");
  g_assert_cmpstr (wharf_node_mapping_lookup_string (one, "command"), ==, "echo");
  g_assert_null (wharf_node_mapping_lookup (one, "<<"));
  /* Explicit keys win, then earlier sources. */
  g_assert_cmpstr (wharf_node_mapping_lookup_string (two, "image"), ==, "own");
  g_assert_cmpstr (wharf_node_mapping_lookup_string (two, "restart"), ==, "always");
  g_assert_nonnull (wharf_node_mapping_lookup (two, "environment"));
  /* Aliases are copies: editing one does not touch the other. */
  wharf_node_mapping_remove (wharf_node_mapping_lookup (one, "environment"), "A");
  g_assert_nonnull (wharf_node_mapping_lookup (wharf_node_mapping_lookup (two, "environment"), "A"));
  g_assert_cmpuint (wharf_node_get_kind (wharf_node_mapping_lookup (three, "environment")), ==,
                    WHARF_NODE_MAPPING);
}

static void
test_tags (void)
{
  g_autoptr(WharfNode) root = parse_ok ("command: !reset null\nports: !override\n  - 80\nx: !reset []\n");

  g_assert_cmpstr (wharf_node_get_tag (wharf_node_mapping_lookup (root, "command")), ==, "!reset");
  g_assert_cmpint (wharf_node_get_kind (wharf_node_mapping_lookup (root, "command")), ==, WHARF_NODE_NULL);
  g_assert_cmpstr (wharf_node_get_tag (wharf_node_mapping_lookup (root, "ports")), ==, "!override");
  g_assert_cmpstr (wharf_node_get_tag (wharf_node_mapping_lookup (root, "x")), ==, "!reset");
}

static void
test_errors (void)
{
  GString *deep = g_string_new (NULL);
  GString *bomb = g_string_new ("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
  const char *latin1 = "image: caf\xe9\n";

  assert_parse_error ("a: [1, 2\n", -1, WHARF_YAML_ERROR_SYNTAX, "t.yaml:2:1");
  assert_parse_error ("a: b: c\n", -1, WHARF_YAML_ERROR_SYNTAX, "t.yaml:1:5");
  assert_parse_error ("a: 1\na: 2\n", -1, WHARF_YAML_ERROR_DUPLICATE_KEY, "already defined at line 1");
  assert_parse_error (latin1, -1, WHARF_YAML_ERROR_ENCODING, "t.yaml:1:11");
  assert_parse_error ("a: *nope\n", -1, WHARF_YAML_ERROR_UNSUPPORTED, "unknown anchor");
  assert_parse_error ("a: 1\n---\nb: 2\n", -1, WHARF_YAML_ERROR_UNSUPPORTED, "several");
  assert_parse_error ("? [a]\n: 1\n", -1, WHARF_YAML_ERROR_UNSUPPORTED, "mapping keys");
  assert_parse_error ("a: &a [*a]\n", -1, WHARF_YAML_ERROR_UNSUPPORTED, "unknown anchor");
  assert_parse_error ("<<: 3\n", -1, WHARF_YAML_ERROR_SYNTAX, "map merge");

  /* 10,000 levels of nesting. */
  for (int i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  assert_parse_error (deep->str, deep->len, WHARF_YAML_ERROR_TOO_DEEP, "deeper than 256");
  g_string_free (deep, TRUE);

  /* Billion laughs: 9 levels of 9 aliases. */
  for (char c = 'b'; c <= 'j'; c++)
    g_string_append_printf (bomb, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n",
                            c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
  assert_parse_error (bomb->str, bomb->len, WHARF_YAML_ERROR_TOO_LARGE, "excessive aliasing");
  g_string_free (bomb, TRUE);
}

static void
test_big_file (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "big.yaml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfNode) node = NULL;
  FILE *f = fopen (path, "w");
  g_autofree char *line = g_strnfill (99, 'x');

  g_assert_nonnull (f);
  fputs ("x-big:\n", f);
  for (int i = 0; i < 500000; i++)   /* 50 MB */
    fprintf (f, "  - %s\n", line);
  fclose (f);

  node = wharf_node_parse_file (path, &error);
  g_assert_null (node);
  g_assert_error (error, WHARF_YAML_ERROR, WHARF_YAML_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  /* A device is read only up to the limit. */
  node = wharf_node_parse_file ("/dev/zero", &error);
  g_assert_null (node);
  g_assert_error (error, WHARF_YAML_ERROR, WHARF_YAML_ERROR_TOO_LARGE);
  g_clear_error (&error);

  node = wharf_node_parse_file ("/nonexistent/compose.yaml", &error);
  g_assert_null (node);
  g_assert_error (error, WHARF_YAML_ERROR, WHARF_YAML_ERROR_IO);
  wharf_test_rmtree (dir);
}

static void
test_empty (void)
{
  g_autoptr(WharfNode) a = parse_ok ("");
  g_autoptr(WharfNode) b = parse_ok ("# only a comment\n");

  g_assert_cmpint (wharf_node_get_kind (a), ==, WHARF_NODE_NULL);
  g_assert_cmpint (wharf_node_get_kind (b), ==, WHARF_NODE_NULL);
}

static void
test_yaml_round_trip (void)
{
  const char *input = "b: \"80\"\na: 80\nc: [\"yes\", 'true', 1.5, null, '', \"multi\\nline\", 08]\nd: {}\ne: []\n";
  g_autoptr(WharfNode) root = parse_ok (input);
  g_autoptr(WharfNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yaml = NULL;
  gsize len;

  wharf_node_mapping_sort (root);
  g_assert_cmpstr (wharf_node_mapping_get_key (root, 0), ==, "a");
  yaml = wharf_node_to_yaml (root, &len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (yaml, "b: \"80\"\n"));
  g_assert_nonnull (strstr (yaml, "a: 80\n"));
  g_assert_nonnull (strstr (yaml, "- \"yes\"\n"));
  again = wharf_node_parse (yaml, len, "again.yaml", &error);
  g_assert_no_error (error);
  g_assert_true (wharf_node_equal (root, again));
}

static void
test_json (void)
{
  g_autoptr(WharfNode) root = parse_ok ("a: 1\nb: '1'\nc: [true, null, 2.5]\nd: {e: x}\n");
  g_autofree char *json = wharf_node_to_json (root, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(WharfNode) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (json, ==, "{\"a\":1,\"b\":\"1\",\"c\":[true,null,2.5],\"d\":{\"e\":\"x\"}}");
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  back = wharf_node_from_json_node (json_parser_get_root (parser));
  g_assert_true (wharf_node_equal (root, back));
}

static void
test_mapping_edit (void)
{
  g_autoptr(WharfNode) map = wharf_node_new_mapping (NULL, 0, 0);
  char key[16];

  /* Past the index threshold, lookups and removals stay consistent. */
  for (int i = 0; i < 40; i++)
    {
      g_snprintf (key, sizeof key, "k%02d", 39 - i);
      wharf_node_mapping_set (map, key, wharf_node_new_int (39 - i));
    }
  g_assert_cmpuint (wharf_node_mapping_size (map), ==, 40);
  g_assert_true (wharf_node_mapping_remove (map, "k10"));
  g_assert_false (wharf_node_mapping_remove (map, "k10"));
  g_assert_null (wharf_node_mapping_lookup (map, "k10"));
  wharf_node_mapping_set (map, "k05", wharf_node_new_string ("five"));
  g_assert_cmpuint (wharf_node_mapping_size (map), ==, 39);
  g_assert_cmpstr (wharf_node_mapping_lookup_string (map, "k05"), ==, "five");
  wharf_node_mapping_sort (map);
  g_assert_cmpstr (wharf_node_mapping_get_key (map, 0), ==, "k00");
  g_assert_cmpstr (wharf_node_mapping_lookup_string (map, "k39"), ==, "39");
}

/* A scalar's text lives with the node until it outgrows it: replacing it
 * by longer, shorter or overlapping text (a part of itself) keeps it. */
static void
test_scalar_set (void)
{
  g_autoptr(WharfNode) node = wharf_node_new_string ("abcdef");
  g_autoptr(WharfNode) copy = NULL;
  const char *text;

  wharf_node_set_scalar (node, "a much longer text than before", WHARF_SCALAR_STRING);
  g_assert_cmpstr (wharf_node_get_scalar (node), ==, "a much longer text than before");
  text = wharf_node_get_scalar (node);
  wharf_node_set_scalar (node, text + 7, WHARF_SCALAR_STRING);
  g_assert_cmpstr (wharf_node_get_scalar (node), ==, "longer text than before");
  text = wharf_node_get_scalar (node);
  wharf_node_set_scalar (node, text + 19, WHARF_SCALAR_STRING);
  g_assert_cmpstr (wharf_node_get_scalar (node), ==, "fore");
  text = wharf_node_get_scalar (node);
  wharf_node_set_scalar (node, text + 1, WHARF_SCALAR_STRING);
  g_assert_cmpstr (wharf_node_get_scalar (node), ==, "ore");
  wharf_node_set_scalar (node, wharf_node_get_scalar (node), WHARF_SCALAR_INT);
  g_assert_cmpstr (wharf_node_get_scalar (node), ==, "ore");
  g_assert_cmpint (wharf_node_get_scalar_type (node), ==, WHARF_SCALAR_INT);
  wharf_node_set_scalar (node, NULL, WHARF_SCALAR_STRING);
  g_assert_cmpstr (wharf_node_get_scalar (node), ==, "");

  wharf_node_set_scalar (node, "0123456789abcdefghij", WHARF_SCALAR_STRING);
  copy = wharf_node_copy (node);
  wharf_node_set_scalar (node, "x", WHARF_SCALAR_STRING);
  g_assert_cmpstr (wharf_node_get_scalar (copy), ==, "0123456789abcdefghij");
  g_assert_false (wharf_node_equal (node, copy));
}

/* Sequences grow, take items in the middle and give them back in order;
 * copies of large collections are deep and equal. */
static void
test_sequence_edit (void)
{
  g_autoptr(WharfNode) seq = wharf_node_new_sequence (NULL, 0, 0);
  g_autoptr(WharfNode) map = wharf_node_new_mapping (NULL, 0, 0);
  g_autoptr(WharfNode) copy = NULL;

  for (int i = 0; i < 50; i++)
    wharf_node_sequence_append (seq, wharf_node_new_int (i));
  wharf_node_sequence_insert (seq, 0, wharf_node_new_string ("first"));
  wharf_node_sequence_insert (seq, 25, wharf_node_new_string ("middle"));
  wharf_node_sequence_insert (seq, 52, wharf_node_new_string ("last"));
  g_assert_cmpuint (wharf_node_sequence_size (seq), ==, 53);
  g_assert_cmpstr (wharf_node_get_scalar (wharf_node_sequence_get (seq, 0)), ==, "first");
  g_assert_cmpstr (wharf_node_get_scalar (wharf_node_sequence_get (seq, 24)), ==, "23");
  g_assert_cmpstr (wharf_node_get_scalar (wharf_node_sequence_get (seq, 25)), ==, "middle");
  g_assert_cmpstr (wharf_node_get_scalar (wharf_node_sequence_get (seq, 26)), ==, "24");
  g_assert_cmpstr (wharf_node_get_scalar (wharf_node_sequence_get (seq, 52)), ==, "last");
  wharf_node_sequence_remove (seq, 25);
  wharf_node_sequence_remove (seq, 0);
  g_assert_cmpuint (wharf_node_sequence_size (seq), ==, 51);
  for (guint i = 0; i < 50; i++)
    {
      gint64 value = -1;

      g_assert_true (wharf_node_get_int64 (wharf_node_sequence_get (seq, i), &value));
      g_assert_cmpint (value, ==, i);
    }

  wharf_node_mapping_set (map, "seq", wharf_node_ref (seq));
  for (int i = 0; i < 30; i++)
    {
      char key[16];

      g_snprintf (key, sizeof key, "key-%d", i);
      wharf_node_mapping_set (map, key, wharf_node_new_int (i));
    }
  copy = wharf_node_copy (map);
  g_assert_true (wharf_node_equal (map, copy));
  g_assert_cmpstr (wharf_node_mapping_lookup_string (copy, "key-29"), ==, "29");
  wharf_node_sequence_clear (seq);
  g_assert_cmpuint (wharf_node_sequence_size (seq), ==, 0);
  g_assert_cmpuint (wharf_node_sequence_size (wharf_node_mapping_lookup (copy, "seq")), ==, 51);
  g_assert_false (wharf_node_equal (map, copy));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/node/positions", test_positions);
  g_test_add_func ("/node/scalar-types", test_scalar_types);
  g_test_add_func ("/node/anchors-merge", test_anchors_and_merge);
  g_test_add_func ("/node/tags", test_tags);
  g_test_add_func ("/node/errors", test_errors);
  g_test_add_func ("/node/big-file", test_big_file);
  g_test_add_func ("/node/empty", test_empty);
  g_test_add_func ("/node/yaml-round-trip", test_yaml_round_trip);
  g_test_add_func ("/node/json", test_json);
  g_test_add_func ("/node/mapping-edit", test_mapping_edit);
  g_test_add_func ("/node/scalar-set", test_scalar_set);
  g_test_add_func ("/node/sequence-edit", test_sequence_edit);
  return g_test_run ();
}
