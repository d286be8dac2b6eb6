/* wharf-window-files.c: the Compose files of a WharfWindow: checking them
 * before opening (errors are shown in toasts), the header bar title, and
 * watching them for changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-recent.h"
#include "wharf-window-private.h"

/* Title and subtitle for FILES: the first file's name (with how many more
 * files are merged into it) and its folder. */
char *
_wharf_window_dup_title (const char * const *files,
                         char              **subtitle)
{
  g_autoptr(GFile) first = NULL;
  g_autofree char *basename = NULL;
  guint n_files;

  g_return_val_if_fail (subtitle != NULL, NULL);

  if (files == NULL || files[0] == NULL)
    {
      *subtitle = NULL;
      return g_strdup (_("Wharf"));
    }

  first = g_file_new_for_path (files[0]);
  basename = g_file_get_basename (first);
  n_files = g_strv_length ((char **) files);
  *subtitle = wharf_format_folder (first);

  if (n_files == 1)
    return g_steal_pointer (&basename);

  /* Translators: %s is the first Compose file's name, %u the number of
   * override files merged into it, as in "compose.yaml + 2" */
  return g_strdup_printf (ngettext ("%s + %u", "%s + %u", n_files - 1), basename, n_files - 1);
}

void
_wharf_window_update_title (WharfWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *title = _wharf_window_dup_title ((const char * const *) self->files, &subtitle);
  gboolean has_files = self->files != NULL;

  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle ? subtitle : "");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, has_files);
  gtk_window_set_title (GTK_WINDOW (self), title);

  gtk_widget_set_visible (GTK_WIDGET (self->deploy_button), has_files);
  gtk_widget_set_visible (GTK_WIDGET (self->context_button), has_files);
}

static gboolean
delayed_reload_cb (gpointer user_data)
{
  WharfWindow *self = WHARF_WINDOW (user_data);

  self->reload_source_id = 0;
  wharf_window_reload (self);

  return G_SOURCE_REMOVE;
}

static void
on_file_changed (WharfWindow       *self,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 GFileMonitor      *monitor)
{
  /* Metadata changes do not change the project; everything else (writes,
   * atomic replacements, deletions) does. Bursts are coalesced. */
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;

  g_clear_handle_id (&self->reload_source_id, g_source_remove);
  self->reload_source_id = g_timeout_add (WHARF_WINDOW_RELOAD_DELAY_MS, delayed_reload_cb, self);
}

void
_wharf_window_watch_files (WharfWindow *self)
{
  for (guint i = 0; self->files != NULL && self->files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->files[i]);
      g_autoptr(GError) error = NULL;
      GFileMonitor *monitor;

      monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, self->cancellable, &error);
      if (monitor == NULL)
        {
          /* Not fatal: the project still opens, it just is not reloaded. */
          g_debug ("Cannot watch %s: %s", self->files[i], error->message);
          continue;
        }
      g_signal_connect_object (monitor, "changed",
                               G_CALLBACK (on_file_changed), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->monitors, monitor);
    }
}

void
_wharf_window_unwatch_files (WharfWindow *self)
{
  g_clear_handle_id (&self->reload_source_id, g_source_remove);
  if (self->monitors == NULL)
    return;
  for (guint i = 0; i < self->monitors->len; i++)
    {
      GFileMonitor *monitor = g_ptr_array_index (self->monitors, i);

      g_signal_handlers_disconnect_by_data (monitor, self);
      g_file_monitor_cancel (monitor);
    }
  g_ptr_array_set_size (self->monitors, 0);
}

/* Checks that FILE can be opened as a Compose file; sets ERROR with a
 * sentence for the user otherwise. */
static char *
check_file (GFile   *file,
            GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file"), name);
      return NULL;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot open “%s”: %s"), name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a Compose file"), name);
      return NULL;
    }

  return g_steal_pointer (&path);
}

/**
 * wharf_window_open_files:
 * @files: (array length=n_files): Compose files in -f order
 *
 * Opens the project made of @files in this window; a single folder opens
 * the Compose files found in it. A file that is not a local, readable file
 * is reported in a toast and nothing changes.
 *
 * Returns: %TRUE if the files were opened
 */
gboolean
wharf_window_open_files (WharfWindow  *self,
                         GFile       **files,
                         gsize         n_files)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) paths = NULL;

  g_return_val_if_fail (WHARF_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (files != NULL || n_files == 0, FALSE);

  if (n_files == 0)
    return FALSE;
  /* `wharf FOLDER` opens what `docker compose` would use there. */
  if (n_files == 1 && g_file_query_file_type (files[0], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      _wharf_window_open_folder (self, files[0]);
      return self->files != NULL;
    }

  builder = g_strv_builder_new ();
  for (gsize i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = check_file (files[i], &error);

      if (path == NULL)
        {
          wharf_window_add_toast (self, error->message);
          return FALSE;
        }
      g_strv_builder_add (builder, path);
    }

  paths = g_strv_builder_end (builder);
  wharf_window_set_files (self, (const char * const *) paths);

  return TRUE;
}

/**
 * wharf_window_add_toast:
 *
 * Shows MESSAGE (plain text) in a toast: for transient errors.
 */
void
wharf_window_add_toast (WharfWindow *self,
                        const char  *message)
{
  g_autofree char *markup = NULL;
  AdwToast *toast;

  g_return_if_fail (WHARF_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* Toast titles are Pango markup, and messages quote file names. */
  markup = g_markup_escape_text (message, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
