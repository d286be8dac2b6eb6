/* wharf-logs-buffer.c: log lines and the ring buffer that holds them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-logs-buffer.h"

struct _WharfLogLine
{
  GObject  parent_instance;

  char    *service;
  char    *message;
  gint64   timestamp;
};

G_DEFINE_FINAL_TYPE (WharfLogLine, wharf_log_line, G_TYPE_OBJECT)

static void
wharf_log_line_finalize (GObject *object)
{
  WharfLogLine *self = WHARF_LOG_LINE (object);

  g_free (self->service);
  g_free (self->message);

  G_OBJECT_CLASS (wharf_log_line_parent_class)->finalize (object);
}

static void
wharf_log_line_class_init (WharfLogLineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_log_line_finalize;
}

static void
wharf_log_line_init (WharfLogLine *self)
{
}

WharfLogLine *
wharf_log_line_new (const char *service,
                    gint64      timestamp_ms,
                    const char *message)
{
  WharfLogLine *self = g_object_new (WHARF_TYPE_LOG_LINE, NULL);
  gsize len;

  self->service = g_strdup (service ? service : "");
  self->message = g_strdup (message ? message : "");
  len = strlen (self->message);
  while (len > 0 && (self->message[len - 1] == '\n' || self->message[len - 1] == '\r'))
    self->message[--len] = '\0';
  self->timestamp = timestamp_ms;
  return self;
}

WharfLogLine *
wharf_log_line_new_from_event (const WharfLogEvent *event)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  parts = g_strsplit (event->log_stream_name ? event->log_stream_name : "", "/", 3);
  return wharf_log_line_new (parts[0] && parts[1] ? parts[1] : event->log_stream_name,
                             event->timestamp, event->message);
}

const char *
wharf_log_line_get_service (WharfLogLine *self)
{
  g_return_val_if_fail (WHARF_IS_LOG_LINE (self), NULL);
  return self->service;
}

gint64
wharf_log_line_get_timestamp (WharfLogLine *self)
{
  g_return_val_if_fail (WHARF_IS_LOG_LINE (self), 0);
  return self->timestamp;
}

const char *
wharf_log_line_get_message (WharfLogLine *self)
{
  g_return_val_if_fail (WHARF_IS_LOG_LINE (self), NULL);
  return self->message;
}

/* strcasestr for UTF-8 text whose needle is already casefolded. */
static gboolean
contains_casefolded (const char *haystack,
                     const char *needle)
{
  g_autofree char *folded = NULL;

  if (strstr (haystack, needle) != NULL)
    return TRUE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

gboolean
wharf_log_line_matches (WharfLogLine *self,
                        const char   *text_casefolded)
{
  g_return_val_if_fail (WHARF_IS_LOG_LINE (self), FALSE);

  if (text_casefolded == NULL || *text_casefolded == '\0')
    return TRUE;
  return contains_casefolded (self->message, text_casefolded) ||
         contains_casefolded (self->service, text_casefolded);
}

char *
wharf_log_line_to_string (WharfLogLine *self)
{
  g_autoptr(GDateTime) t = NULL;
  g_autofree char *iso = NULL;

  g_return_val_if_fail (WHARF_IS_LOG_LINE (self), NULL);

  t = g_date_time_new_from_unix_utc (self->timestamp / 1000);
  iso = t ? g_date_time_format (t, "%Y-%m-%dT%H:%M:%S") : g_strdup ("?");
  return g_strdup_printf ("%s | %s.%03dZ %s", self->service, iso,
                          (int) (self->timestamp % 1000), self->message);
}

struct _WharfLogBuffer
{
  GObject        parent_instance;

  /* A ring: item I of the model is ring[(head + I) % capacity]. */
  WharfLogLine **ring;
  guint          capacity;
  guint          head;
  guint          len;
  guint64        dropped;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WharfLogBuffer, wharf_log_buffer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return WHARF_TYPE_LOG_LINE;
}

static guint
get_n_items (GListModel *model)
{
  return WHARF_LOG_BUFFER (model)->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  WharfLogBuffer *self = WHARF_LOG_BUFFER (model);

  if (position >= self->len)
    return NULL;
  return g_object_ref (self->ring[(self->head + position) % self->capacity]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Drops the N oldest lines, without signalling. */
static void
drop_front (WharfLogBuffer *self,
            guint           n)
{
  for (guint i = 0; i < n; i++)
    {
      g_clear_object (&self->ring[self->head]);
      self->head = (self->head + 1) % self->capacity;
    }
  self->len -= n;
  if (self->len == 0)
    self->head = 0;
}

static void
wharf_log_buffer_finalize (GObject *object)
{
  WharfLogBuffer *self = WHARF_LOG_BUFFER (object);

  drop_front (self, self->len);
  g_free (self->ring);

  G_OBJECT_CLASS (wharf_log_buffer_parent_class)->finalize (object);
}

static void
wharf_log_buffer_class_init (WharfLogBufferClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_log_buffer_finalize;
}

static void
wharf_log_buffer_init (WharfLogBuffer *self)
{
}

WharfLogBuffer *
wharf_log_buffer_new (guint capacity)
{
  WharfLogBuffer *self;

  g_return_val_if_fail (capacity >= 1, NULL);

  self = g_object_new (WHARF_TYPE_LOG_BUFFER, NULL);
  self->capacity = capacity;
  self->ring = g_new0 (WharfLogLine *, capacity);
  return self;
}

guint
wharf_log_buffer_get_capacity (WharfLogBuffer *self)
{
  g_return_val_if_fail (WHARF_IS_LOG_BUFFER (self), 0);
  return self->capacity;
}

guint64
wharf_log_buffer_get_dropped (WharfLogBuffer *self)
{
  g_return_val_if_fail (WHARF_IS_LOG_BUFFER (self), 0);
  return self->dropped;
}

void
wharf_log_buffer_append (WharfLogBuffer *self,
                         GPtrArray      *lines)
{
  guint n_add, skip, n_drop, position;

  g_return_if_fail (WHARF_IS_LOG_BUFFER (self));
  g_return_if_fail (lines != NULL);

  if (lines->len == 0)
    return;
  /* Lines that would be dropped at once are never stored. */
  n_add = MIN (lines->len, self->capacity);
  skip = lines->len - n_add;
  n_drop = self->len + n_add > self->capacity ? self->len + n_add - self->capacity : 0;
  self->dropped += skip + n_drop;
  if (n_drop > 0)
    {
      drop_front (self, n_drop);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_drop, 0);
    }
  position = self->len;
  for (guint i = skip; i < lines->len; i++)
    {
      WharfLogLine *line = g_ptr_array_index (lines, i);

      g_assert (WHARF_IS_LOG_LINE (line));
      self->ring[(self->head + self->len) % self->capacity] = g_object_ref (line);
      self->len++;
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n_add);
}

void
wharf_log_buffer_clear (WharfLogBuffer *self)
{
  guint removed;

  g_return_if_fail (WHARF_IS_LOG_BUFFER (self));

  removed = self->len;
  drop_front (self, removed);
  self->dropped = 0;
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
}
