/* wharf-window-load.c: loading the window's Compose project.
 *
 * Each reload starts an asynchronous load of the window's files (in -f
 * order, with the profiles and env files chosen on the project page) and
 * cancels the previous one. A successful load replaces the project; a
 * failed one clears it, shows the error as a toast and its diagnostics on
 * the project page. The visible page never changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-compose-loader.h"
#include "wharf-window-private.h"

void
_wharf_window_cancel_load (WharfWindow *self)
{
  g_return_if_fail (WHARF_IS_WINDOW (self));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->loading = FALSE;
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(WharfWindow) self = g_weak_ref_get (weak);
  g_autoptr(GListModel) diagnostics = NULL;
  g_autoptr(WharfComposeProject) project = NULL;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);

  project = wharf_compose_load_finish (result, &diagnostics, &error);
  /* The window may be gone: it holds no reference to the load. */
  if (self == NULL)
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A load that finished after a newer one started is stale. */
  if (g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;

  g_clear_object (&self->load_cancellable);
  self->loading = FALSE;

  if (project == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Could not load the project: %s"), error->message);
      wharf_window_add_toast (self, message);
    }

  wharf_project_page_set_project (self->project_page, project, diagnostics);
  wharf_template_page_set_project (self->template_page, project);
  _wharf_window_set_project (self, G_OBJECT (project));
}

void
_wharf_window_load (WharfWindow *self)
{
  g_autoptr(WharfComposeLoadOptions) options = NULL;
  g_autofree char *dir = NULL;
  GWeakRef *weak;

  g_return_if_fail (WHARF_IS_WINDOW (self));

  _wharf_window_cancel_load (self);
  if (self->files == NULL)
    return;

  options = wharf_compose_load_options_new ();
  for (guint i = 0; self->files[i] != NULL; i++)
    wharf_compose_load_options_add_file (options, self->files[i]);
  dir = g_path_get_dirname (self->files[0]);
  wharf_compose_load_options_set_working_directory (options, dir);
  /* --profile and --env-file, as chosen on this window's project page. */
  wharf_project_page_apply_load_options (self->project_page, options);

  self->load_cancellable = g_cancellable_new ();
  self->loading = TRUE;
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  wharf_compose_load_async (options, self->load_cancellable, load_cb, weak);
}
