/* test-logs-buffer.c: WharfLogLine and the bounded WharfLogBuffer model:
 * order, the bound, wrap-around of the ring, and the exact items-changed
 * signals a GtkListView relies on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-logs-buffer.h"

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint n_items;   /* the model's size when the signal ran */
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change c = { position, removed, added, g_list_model_get_n_items (model) };

  g_array_append_val (changes, c);
}

/* COUNT lines "line FIRST" … with timestamps FIRST … */
static GPtrArray *
make_lines (guint first,
            guint count)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < first + count; i++)
    {
      g_autofree char *msg = g_strdup_printf ("line %u", i);

      g_ptr_array_add (lines, wharf_log_line_new ("web", i, msg));
    }
  return lines;
}

/* The model holds "line FIRST" … "line FIRST+COUNT-1", in order. */
static void
assert_contents (GListModel *model,
                 guint       first,
                 guint       count)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count);
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(WharfLogLine) line = g_list_model_get_item (model, i);
      g_autofree char *expected = g_strdup_printf ("line %u", first + i);

      g_assert_nonnull (line);
      g_assert_cmpstr (wharf_log_line_get_message (line), ==, expected);
      g_assert_cmpint (wharf_log_line_get_timestamp (line), ==, first + i);
    }
  g_assert_null (g_list_model_get_item (model, count));
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added,
               guint   n_items)
{
  Change *c = &g_array_index (changes, Change, index);

  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
  g_assert_cmpuint (c->n_items, ==, n_items);
}

static void
test_line (void)
{
  WharfLogEvent event = { .log_stream_name = (char *) "webapp/web/0123abcd",
                          .message = (char *) "GET / 200\n", .timestamp = 1714557600123 };
  WharfLogEvent other = { .log_stream_name = (char *) "plain-stream",
                          .message = (char *) "Hello", .timestamp = 0 };
  g_autoptr(WharfLogLine) line = wharf_log_line_new_from_event (&event);
  g_autoptr(WharfLogLine) line2 = wharf_log_line_new_from_event (&other);
  g_autofree char *text = wharf_log_line_to_string (line);

  g_assert_cmpstr (wharf_log_line_get_service (line), ==, "web");
  g_assert_cmpstr (wharf_log_line_get_message (line), ==, "GET / 200");
  g_assert_cmpint (wharf_log_line_get_timestamp (line), ==, 1714557600123);
  g_assert_cmpstr (text, ==, "web | 2024-05-01T10:00:00.123Z GET / 200");
  g_assert_cmpstr (wharf_log_line_get_service (line2), ==, "plain-stream");
  g_assert_true (wharf_log_line_matches (line, ""));
  g_assert_true (wharf_log_line_matches (line, "get /"));
  g_assert_true (wharf_log_line_matches (line, "we"));
  g_assert_false (wharf_log_line_matches (line, "post"));
  g_assert_true (wharf_log_line_matches (line2, "hello"));
}

static void
test_append_in_order (void)
{
  g_autoptr(WharfLogBuffer) buffer = wharf_log_buffer_new (10);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) a = make_lines (0, 3);
  g_autoptr(GPtrArray) b = make_lines (3, 4);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  g_signal_connect (buffer, "items-changed", G_CALLBACK (on_items_changed), changes);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (buffer)) == WHARF_TYPE_LOG_LINE);
  g_assert_cmpuint (wharf_log_buffer_get_capacity (buffer), ==, 10);
  assert_contents (G_LIST_MODEL (buffer), 0, 0);

  wharf_log_buffer_append (buffer, a);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 0, 3, 3);
  wharf_log_buffer_append (buffer, b);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 1, 3, 0, 4, 7);
  /* nothing to add: no signal */
  wharf_log_buffer_append (buffer, none);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_contents (G_LIST_MODEL (buffer), 0, 7);
  g_assert_cmpuint (wharf_log_buffer_get_dropped (buffer), ==, 0);
  /* the caller's array is not consumed */
  g_assert_cmpuint (a->len, ==, 3);
}

static void
test_bound_and_wrap (void)
{
  g_autoptr(WharfLogBuffer) buffer = wharf_log_buffer_new (5);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint next = 0;

  g_signal_connect (buffer, "items-changed", G_CALLBACK (on_items_changed), changes);
  {
    g_autoptr(GPtrArray) lines = make_lines (next, 4);

    wharf_log_buffer_append (buffer, lines);
    next += 4;
  }
  assert_contents (G_LIST_MODEL (buffer), 0, 4);
  /* 3 more: one over the bound, the oldest goes, removal signalled first */
  {
    g_autoptr(GPtrArray) lines = make_lines (next, 3);

    wharf_log_buffer_append (buffer, lines);
    next += 3;
  }
  g_assert_cmpuint (changes->len, ==, 3);
  assert_change (changes, 1, 0, 2, 0, 2);
  assert_change (changes, 2, 2, 0, 3, 5);
  assert_contents (G_LIST_MODEL (buffer), 2, 5);
  g_assert_cmpuint (wharf_log_buffer_get_dropped (buffer), ==, 2);

  /* many small appends make the ring wrap around several times */
  for (guint round = 0; round < 13; round++)
    {
      g_autoptr(GPtrArray) lines = make_lines (next, round % 3 + 1);
      guint before = changes->len;

      next += lines->len;
      wharf_log_buffer_append (buffer, lines);
      g_assert_cmpuint (changes->len, ==, before + 2);
      assert_change (changes, before, 0, lines->len, 0, 5 - lines->len);
      assert_change (changes, before + 1, 5 - lines->len, 0, lines->len, 5);
      assert_contents (G_LIST_MODEL (buffer), next - 5, 5);
    }
  g_assert_cmpuint (wharf_log_buffer_get_dropped (buffer), ==, next - 5);
}

static void
test_append_over_capacity (void)
{
  g_autoptr(WharfLogBuffer) buffer = wharf_log_buffer_new (4);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) first = make_lines (0, 3);
  g_autoptr(GPtrArray) big = make_lines (100, 11);

  wharf_log_buffer_append (buffer, first);
  g_signal_connect (buffer, "items-changed", G_CALLBACK (on_items_changed), changes);
  /* one batch larger than the buffer: all old lines go, only the newest
   * CAPACITY of the batch are kept */
  wharf_log_buffer_append (buffer, big);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 0, 3, 0, 0);
  assert_change (changes, 1, 0, 0, 4, 4);
  assert_contents (G_LIST_MODEL (buffer), 107, 4);
  g_assert_cmpuint (wharf_log_buffer_get_dropped (buffer), ==, 3 + 7);
}

static void
test_clear (void)
{
  g_autoptr(WharfLogBuffer) buffer = wharf_log_buffer_new (3);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) lines = make_lines (0, 5);
  g_autoptr(GPtrArray) more = make_lines (50, 2);
  g_autoptr(WharfLogLine) kept = NULL;

  wharf_log_buffer_append (buffer, lines);
  /* an item handed out outlives the buffer's copy */
  kept = g_list_model_get_item (G_LIST_MODEL (buffer), 0);
  g_signal_connect (buffer, "items-changed", G_CALLBACK (on_items_changed), changes);
  wharf_log_buffer_clear (buffer);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 3, 0, 0);
  g_assert_cmpuint (wharf_log_buffer_get_dropped (buffer), ==, 0);
  assert_contents (G_LIST_MODEL (buffer), 0, 0);
  g_assert_cmpstr (wharf_log_line_get_message (kept), ==, "line 2");
  /* clearing an empty buffer says nothing */
  wharf_log_buffer_clear (buffer);
  g_assert_cmpuint (changes->len, ==, 1);
  wharf_log_buffer_append (buffer, more);
  assert_change (changes, 1, 0, 0, 2, 2);
  assert_contents (G_LIST_MODEL (buffer), 50, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deploy/logs-buffer/line", test_line);
  g_test_add_func ("/deploy/logs-buffer/append-in-order", test_append_in_order);
  g_test_add_func ("/deploy/logs-buffer/bound-and-wrap", test_bound_and_wrap);
  g_test_add_func ("/deploy/logs-buffer/append-over-capacity", test_append_over_capacity);
  g_test_add_func ("/deploy/logs-buffer/clear", test_clear);
  return g_test_run ();
}
