/* wharf-context-store-reload.c: reading the store again (now, in a
 * worker thread, or whenever the files change).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-context-store-private.h"

typedef struct {
  GPtrArray *items;
  char      *configured;
  GError    *config_error;
} ScanResult;

static void
scan_result_free (ScanResult *result)
{
  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_clear_pointer (&result->configured, g_free);
  g_clear_error (&result->config_error);
  g_free (result);
}

static ScanResult *
scan (const char  *config_dir,
      GError     **error)
{
  ScanResult *result = g_new0 (ScanResult, 1);
  g_autoptr(JsonNode) config = NULL;

  result->items = wharf_context_store_scan (config_dir, error);
  if (result->items == NULL)
    {
      scan_result_free (result);
      return NULL;
    }
  config = wharf_context_config_read (config_dir, &result->config_error);
  if (config != NULL)
    result->configured = g_strdup (wharf_context_config_get_current (config));
  return result;
}

static gboolean
same_context (WharfContext *a,
              WharfContext *b)
{
  g_autofree char *data_a = NULL;
  g_autofree char *data_b = NULL;
  const GError *error_a = wharf_context_get_error (a);
  const GError *error_b = wharf_context_get_error (b);

  if (g_strcmp0 (wharf_context_get_name (a), wharf_context_get_name (b)) != 0 ||
      (error_a == NULL) != (error_b == NULL) ||
      (error_a != NULL && g_strcmp0 (error_a->message, error_b->message) != 0))
    return FALSE;
  data_a = wharf_context_to_data (a);
  data_b = wharf_context_to_data (b);
  return g_str_equal (data_a, data_b);
}

static gboolean
same_items (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!same_context (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* Replaces the list by the result of a scan (nothing is emitted when the
 * contexts are the same: a view keeps its selection). A config.json that
 * cannot be read leaves the list filled and fails (the current context is
 * then the one the environment names, else "default"). */
static gboolean
apply (WharfContextStore  *self,
       ScanResult         *result,
       GError            **error)
{
  guint removed = self->items->len;
  gboolean same = same_items (self->items, result->items);

  if (!same)
    {
      g_ptr_array_unref (self->items);
      self->items = g_steal_pointer (&result->items);
    }
  g_free (self->configured);
  self->configured = g_steal_pointer (&result->configured);
  wharf_context_store_update_current (self);
  if (!same)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
  if (result->config_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&result->config_error));
      return FALSE;
    }
  return TRUE;
}

/* Reads the store folder and config.json again. Contexts whose meta.json
 * cannot be read are listed with their error (wharf_context_get_error()). */
gboolean
wharf_context_store_reload (WharfContextStore  *self,
                            GError            **error)
{
  ScanResult *result;
  gboolean ok;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), FALSE);

  result = scan (self->config_dir, error);
  if (result == NULL)
    return FALSE;
  ok = apply (self, result, error);
  scan_result_free (result);
  return ok;
}

static void
scan_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  ScanResult *result = scan (task_data, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) scan_result_free);
}

static void
scanned (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  ScanResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (apply (WHARF_CONTEXT_STORE (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  scan_result_free (result);
}

/* Reads the folder in a worker thread; the list changes in the main
 * context, before CALLBACK runs. */
void
wharf_context_store_reload_async (WharfContextStore   *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) worker = NULL;

  g_return_if_fail (WHARF_IS_CONTEXT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wharf_context_store_reload_async);
  worker = g_task_new (self, cancellable, scanned, task);
  g_task_set_task_data (worker, g_strdup (self->config_dir), g_free);
  g_task_run_in_thread (worker, scan_in_thread);
}

gboolean
wharf_context_store_reload_finish (WharfContextStore  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}


static void
reloaded (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!wharf_context_store_reload_finish (WHARF_CONTEXT_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Context store: %s", error->message);
}

static gboolean
reload_soon (gpointer user_data)
{
  WharfContextStore *self = user_data;

  self->reload_source = 0;
  wharf_context_store_reload_async (self, self->watch_cancellable, reloaded, NULL);
  return G_SOURCE_REMOVE;
}

static void
files_changed (GFileMonitor      *monitor,
               GFile             *file,
               GFile             *other,
               GFileMonitorEvent  event,
               gpointer           user_data)
{
  WharfContextStore *self = user_data;

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || self->reload_source != 0)
    return;
  /* Changes come in bursts (a folder, then its file): read once after. */
  self->reload_source = g_timeout_add (100, reload_soon, self);
}

static GFileMonitor *
watch_folder (WharfContextStore  *self,
              const char         *path,
              GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFileMonitor *monitor;

  monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, error);
  if (monitor != NULL)
    g_signal_connect_object (monitor, "changed", G_CALLBACK (files_changed), self, 0);
  return monitor;
}

/* Reloads (in the background) whenever contexts are added or removed or
 * config.json changes, by Wharf, the Docker CLI or anyone; for the GUI. */
gboolean
wharf_context_store_watch (WharfContextStore  *self,
                           GError            **error)
{
  g_autofree char *meta = NULL;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), FALSE);

  if (self->config_monitor != NULL)
    return TRUE;
  meta = g_build_filename (self->config_dir, "contexts", "meta", NULL);
  self->config_monitor = watch_folder (self, self->config_dir, error);
  if (self->config_monitor == NULL)
    return FALSE;
  self->meta_monitor = watch_folder (self, meta, error);
  if (self->meta_monitor == NULL)
    {
      g_clear_object (&self->config_monitor);
      return FALSE;
    }
  self->watch_cancellable = g_cancellable_new ();
  return TRUE;
}

void
wharf_context_store_unwatch (WharfContextStore *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->watch_cancellable != NULL)
    g_cancellable_cancel (self->watch_cancellable);
  g_clear_object (&self->watch_cancellable);
  g_clear_object (&self->config_monitor);
  g_clear_object (&self->meta_monitor);
}
