/* wharf-template-page-private.h: state shared by the files of
 * WharfTemplatePage (the page, its outline and search, its export).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-template-page.h"

G_BEGIN_DECLS

struct _WharfTemplatePage
{
  AdwBin                  parent_instance;

  GSettings              *settings;
  WharfComposeProject    *project;
  GCancellable           *cancellable;
  WharfTemplate          *template;
  char                   *yaml;
  char                   *json;
  char                   *summary;
  WharfTemplateFormat     format;
  gboolean                offline;
  GtkSourceBuffer        *buffer;
  GtkSourceSearchContext *search;
  /* The text going into the buffer by chunks (yaml or json), and where. */
  const char             *fill_text;
  gsize                   fill_offset;
  guint                   fill_source_id;
  /* Logical ids of the outline (wharf-template-outline.c). */
  GtkStringList          *outline;

  GtkStack               *stack;
  AdwStatusPage          *placeholder;
  GtkLabel               *offline_badge;
  GtkLabel               *summary_label;
  GtkSwitch              *json_switch;
  GtkToggleButton        *search_button;
  GtkSearchBar           *search_bar;
  GtkSearchEntry         *search_entry;
  GtkGridView            *outline_view;
  GtkSourceView          *view;
};

/* wharf-template-outline.c: the resource outline and search. */
void _wharf_template_page_class_init_outline (GtkWidgetClass    *widget_class);
void _wharf_template_page_init_outline       (WharfTemplatePage *self);
void _wharf_template_page_rebuild_outline    (WharfTemplatePage *self);

/* wharf-template-export.c: "Export Stack File…". */
void _wharf_template_page_class_init_export  (GtkWidgetClass    *widget_class);

G_END_DECLS
