/* wharf-context-regions.c: the AWS regions of the region choosers.
 *
 * The list is fixed rather than fetched (EC2 DescribeRegions needs
 * credentials, which is what the user is setting up); a region the list
 * does not know (a new one, the sandbox's) is kept by adding it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-context-regions.h"

static const char * const regions[] = {
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  "af-south-1",
  "ap-east-1", "ap-south-1", "ap-south-2", "ap-northeast-1", "ap-northeast-2",
  "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
  "ap-southeast-4",
  "ca-central-1", "ca-west-1",
  "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
  "eu-west-1", "eu-west-2", "eu-west-3",
  "il-central-1",
  "me-central-1", "me-south-1",
  "sa-east-1",
  NULL
};

/* Whether the row's first item is the "none" choice. */
#define HAS_FIRST_KEY "wharf-regions-has-first"

void
wharf_context_regions_setup_row (AdwComboRow *row,
                                 const char  *first,
                                 const char  *region)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint offset = first != NULL ? 1 : 0;
  guint selected = 0;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; regions[i] != NULL; i++)
    {
      gtk_string_list_append (list, regions[i]);
      if (g_strcmp0 (region, regions[i]) == 0)
        selected = i + offset;
    }
  if (region != NULL && *region != '\0' && !g_strv_contains (regions, region))
    {
      gtk_string_list_append (list, region);
      selected = g_list_model_get_n_items (G_LIST_MODEL (list)) - 1;
    }
  g_object_set_data (G_OBJECT (row), HAS_FIRST_KEY, GUINT_TO_POINTER (first != NULL));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (row, selected);
}

const char *
wharf_context_regions_get (AdwComboRow *row)
{
  GtkStringObject *item;
  gboolean has_first;
  guint selected;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), NULL);

  has_first = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), HAS_FIRST_KEY));
  selected = adw_combo_row_get_selected (row);
  if (selected == GTK_INVALID_LIST_POSITION || (has_first && selected == 0))
    return NULL;
  item = adw_combo_row_get_selected_item (row);
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}
