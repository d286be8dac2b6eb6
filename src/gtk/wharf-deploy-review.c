/* wharf-deploy-review.c: the change-set review.
 *
 * The changes are a GListStore of WharfChangeSetItem shown through one
 * filtered model per action, so each group hides itself when empty.
 * Replacement is the costly part of an update (a new resource, a new
 * physical id), so it gets a coloured badge: True in error colours,
 * Conditional in warning colours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-change-set-item.h"
#include "wharf-deploy-format.h"
#include "wharf-deploy-review.h"
#include "wharf-diagnostic.h"

struct _WharfDeployReview
{
  AdwBin                parent_instance;

  GListStore           *changes;

  GtkLabel             *title_label;
  GtkLabel             *summary_label;
  AdwActionRow         *account_row;
  AdwActionRow         *region_row;
  AdwActionRow         *stack_row;
  AdwActionRow         *context_row;
  AdwPreferencesGroup  *add_group;
  GtkListBox           *add_list;
  AdwPreferencesGroup  *modify_group;
  GtkListBox           *modify_list;
  AdwPreferencesGroup  *remove_group;
  GtkListBox           *remove_list;
  AdwPreferencesGroup  *warnings_group;
  GtkListBox           *warnings_list;
  AdwComboRow          *on_failure_row;
};

G_DEFINE_FINAL_TYPE (WharfDeployReview, wharf_deploy_review, ADW_TYPE_BIN)

static gboolean
is_add (gpointer item,
        gpointer user_data)
{
  return g_strcmp0 (wharf_change_set_item_get_action (item), "Add") == 0;
}

static gboolean
is_remove (gpointer item,
           gpointer user_data)
{
  return g_strcmp0 (wharf_change_set_item_get_action (item), "Remove") == 0;
}

/* Modify, and the rarer Import/Dynamic actions. */
static gboolean
is_modify (gpointer item,
           gpointer user_data)
{
  return !is_add (item, NULL) && !is_remove (item, NULL);
}

static GtkWidget *
create_change_row (gpointer item,
                   gpointer user_data)
{
  WharfChangeSetItem *change = item;
  const char *replacement = wharf_change_set_item_get_replacement (change);
  const char *type = wharf_change_set_item_get_resource_type (change);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (wharf_deploy_format_type_icon (type));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wharf_change_set_item_get_logical_id (change));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), type);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (icon, "dim-label");

  if (g_strcmp0 (replacement, "True") == 0 || g_strcmp0 (replacement, "Conditional") == 0)
    {
      gboolean certain = g_str_equal (replacement, "True");
      GtkWidget *badge = gtk_label_new (certain ? _("Replaced") : _("May be replaced"));

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "wharf-status-badge");
      gtk_widget_add_css_class (badge, "caption");
      gtk_widget_add_css_class (badge, certain ? "error" : "warning");
      gtk_widget_set_tooltip_text (badge, certain
                                   ? _("CloudFormation creates a new resource and deletes this one")
                                   : _("CloudFormation may have to replace this resource, depending on other changes"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  return row;
}

static GtkWidget *
create_warning_row (gpointer item,
                    gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = wharf_diagnostic_format (item);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wharf_diagnostic_get_message (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  return row;
}

static void
bind_group (WharfDeployReview   *self,
            GtkListBox          *list,
            AdwPreferencesGroup *group,
            GtkCustomFilterFunc  func)
{
  GtkFilter *filter = GTK_FILTER (gtk_custom_filter_new (func, NULL, NULL));
  g_autoptr(GtkFilterListModel) model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->changes)),
                                                                    filter);

  gtk_list_box_bind_model (list, G_LIST_MODEL (model), create_change_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (group), g_list_model_get_n_items (G_LIST_MODEL (model)) > 0);
}

static void
wharf_deploy_review_dispose (GObject *object)
{
  WharfDeployReview *self = WHARF_DEPLOY_REVIEW (object);

  g_clear_object (&self->changes);

  G_OBJECT_CLASS (wharf_deploy_review_parent_class)->dispose (object);
}

static void
wharf_deploy_review_class_init (WharfDeployReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_deploy_review_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-deploy-review.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, title_label);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, account_row);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, region_row);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, stack_row);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, context_row);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, add_group);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, add_list);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, modify_group);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, modify_list);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, remove_group);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, remove_list);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, WharfDeployReview, on_failure_row);
}

static void
wharf_deploy_review_init (WharfDeployReview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->changes = g_list_store_new (WHARF_TYPE_CHANGE_SET_ITEM);
}

GtkWidget *
wharf_deploy_review_new (void)
{
  return g_object_new (WHARF_TYPE_DEPLOY_REVIEW, NULL);
}

static guint
count_action (GListModel *changes,
              GtkCustomFilterFunc func)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (changes, i);

      n += func (item, NULL) ? 1 : 0;
    }
  return n;
}

void
wharf_deploy_review_set_deployment (WharfDeployReview *self,
                                    WharfDeployment   *deployment,
                                    const char        *context_summary)
{
  g_autoptr(GListStore) changes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *adds = NULL;
  g_autofree char *modifies = NULL;
  g_autofree char *removes = NULL;
  const char *stack;
  const char *region;
  GListModel *warnings;

  g_return_if_fail (WHARF_IS_DEPLOY_REVIEW (self));
  g_return_if_fail (WHARF_IS_DEPLOYMENT (deployment));

  stack = wharf_deployment_get_stack_name (deployment);
  region = wharf_aws_client_get_region (wharf_deployment_get_client (deployment));
  changes = wharf_change_set_item_list (wharf_deployment_get_change_set (deployment));
  g_set_object (&self->changes, changes);
  bind_group (self, self->add_list, self->add_group, is_add);
  bind_group (self, self->modify_list, self->modify_group, is_modify);
  bind_group (self, self->remove_list, self->remove_group, is_remove);

  if (wharf_deployment_is_new_stack (deployment))
    title = g_strdup_printf (_("Create Stack “%s”"), stack);
  else
    title = g_strdup_printf (_("Update Stack “%s”"), stack);
  gtk_label_set_text (self->title_label, title);
  adds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to add", "%u to add",
                                       count_action (G_LIST_MODEL (changes), is_add)),
                          count_action (G_LIST_MODEL (changes), is_add));
  modifies = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to modify", "%u to modify",
                                           count_action (G_LIST_MODEL (changes), is_modify)),
                              count_action (G_LIST_MODEL (changes), is_modify));
  removes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to remove", "%u to remove",
                                          count_action (G_LIST_MODEL (changes), is_remove)),
                             count_action (G_LIST_MODEL (changes), is_remove));
  /* Translators: "3 to add · 1 to modify · 0 to remove" */
  summary = g_strdup_printf (_("%s · %s · %s"), adds, modifies, removes);
  gtk_label_set_text (self->summary_label, summary);

  adw_action_row_set_subtitle (self->account_row, _("Looking up…"));
  adw_action_row_set_subtitle (self->region_row, region ? region : _("Unknown"));
  adw_action_row_set_subtitle (self->stack_row, stack);
  adw_action_row_set_subtitle (self->context_row, context_summary ? context_summary : _("AWS environment"));

  warnings = wharf_deployment_get_diagnostics (deployment);
  gtk_list_box_bind_model (self->warnings_list, warnings, create_warning_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), g_list_model_get_n_items (warnings) > 0);
}

void
wharf_deploy_review_set_account (WharfDeployReview *self,
                                 const char        *account)
{
  g_return_if_fail (WHARF_IS_DEPLOY_REVIEW (self));

  adw_action_row_set_subtitle (self->account_row, account ? account : _("Unknown"));
}

WharfOnFailure
wharf_deploy_review_get_on_failure (WharfDeployReview *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOY_REVIEW (self), WHARF_ON_FAILURE_ROLLBACK);

  switch (adw_combo_row_get_selected (self->on_failure_row))
    {
    case 1:
      return WHARF_ON_FAILURE_DELETE;
    case 2:
      return WHARF_ON_FAILURE_KEEP;
    default:
      return WHARF_ON_FAILURE_ROLLBACK;
    }
}

void
wharf_deploy_review_set_on_failure (WharfDeployReview *self,
                                    WharfOnFailure     on_failure)
{
  g_return_if_fail (WHARF_IS_DEPLOY_REVIEW (self));

  adw_combo_row_set_selected (self->on_failure_row,
                              on_failure == WHARF_ON_FAILURE_DELETE ? 1 :
                              on_failure == WHARF_ON_FAILURE_KEEP ? 2 : 0);
}

static guint
count_children (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child) ? 1 : 0;
  return n;
}

guint
wharf_deploy_review_count_rows (WharfDeployReview *self,
                                const char        *action)
{
  g_return_val_if_fail (WHARF_IS_DEPLOY_REVIEW (self), 0);

  if (g_strcmp0 (action, "Add") == 0)
    return count_children (self->add_list);
  if (g_strcmp0 (action, "Remove") == 0)
    return count_children (self->remove_list);
  return count_children (self->modify_list);
}

guint
wharf_deploy_review_count_warnings (WharfDeployReview *self)
{
  g_return_val_if_fail (WHARF_IS_DEPLOY_REVIEW (self), 0);
  return count_children (self->warnings_list);
}
