/* wharf-template-page.h: the template page of the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "wharf-compose-project.h"
#include "wharf-template.h"

G_BEGIN_DECLS

#define WHARF_TEMPLATE_PAGE_ERROR (wharf_template_page_error_quark ())

typedef enum {
  WHARF_TEMPLATE_PAGE_ERROR_NO_TEMPLATE,  /* nothing converted yet to export */
} WharfTemplatePageError;

GQuark wharf_template_page_error_quark (void);

#define WHARF_TYPE_TEMPLATE_PAGE (wharf_template_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfTemplatePage, wharf_template_page, WHARF, TEMPLATE_PAGE, AdwBin)

GtkWidget           *wharf_template_page_new          (void);
void                 wharf_template_page_set_project  (WharfTemplatePage   *self,
                                                       WharfComposeProject *project);
gboolean             wharf_template_page_get_busy     (WharfTemplatePage   *self);
WharfTemplate       *wharf_template_page_get_template (WharfTemplatePage   *self);
WharfTemplateFormat  wharf_template_page_get_format   (WharfTemplatePage   *self);
void                 wharf_template_page_set_format   (WharfTemplatePage   *self,
                                                       WharfTemplateFormat  format);
char                *wharf_template_page_dup_text     (WharfTemplatePage   *self);
const char          *wharf_template_page_get_summary  (WharfTemplatePage   *self);
gboolean             wharf_template_page_get_offline  (WharfTemplatePage   *self);
GtkGridView         *wharf_template_page_get_outline  (WharfTemplatePage   *self);
GListModel          *wharf_template_page_get_outline_model (WharfTemplatePage *self);
GtkSourceView       *wharf_template_page_get_view     (WharfTemplatePage   *self);

/* wharf-template-export.c */
WharfTemplateFormat  wharf_template_page_format_for_file (GFile               *file,
                                                          WharfTemplateFormat  fallback);
void                 wharf_template_page_export_async  (WharfTemplatePage   *self,
                                                        GFile               *file,
                                                        WharfTemplateFormat  format,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             wharf_template_page_export_finish (WharfTemplatePage   *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
