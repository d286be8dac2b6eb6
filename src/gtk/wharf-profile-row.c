/* wharf-profile-row.c: a row of the AWS Profiles page. Profiles are
 * snapshots without secrets (WharfAwsProfile never holds one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-profile-row.h"

struct _WharfProfileRow
{
  AdwActionRow     parent_instance;

  WharfAwsProfile *profile;

  GtkSpinner      *spinner;
  GtkButton       *test_button;
  GtkButton       *edit_button;
  GtkButton       *remove_button;
};

G_DEFINE_FINAL_TYPE (WharfProfileRow, wharf_profile_row, ADW_TYPE_ACTION_ROW)

char *
wharf_profile_row_dup_summary (WharfAwsProfile *profile)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  WharfAwsProfileKind kind = wharf_aws_profile_get_kind (profile);
  const char *hint = wharf_aws_profile_get_access_key_hint (profile);
  const char *region = wharf_aws_profile_get_region (profile);

  if (kind == WHARF_AWS_PROFILE_KIND_NONE)
    g_ptr_array_add (parts, (char *) _("No credentials"));
  else
    g_ptr_array_add (parts, (char *) wharf_aws_profile_kind_to_string (kind));
  if (hint != NULL)
    g_ptr_array_add (parts, (char *) hint);
  g_ptr_array_add (parts, region != NULL ? (char *) region : (char *) _("No region"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
wharf_profile_row_dispose (GObject *object)
{
  WharfProfileRow *self = WHARF_PROFILE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WHARF_TYPE_PROFILE_ROW);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (wharf_profile_row_parent_class)->dispose (object);
}

static void
wharf_profile_row_class_init (WharfProfileRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wharf_profile_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wharf/Wharf/ui/wharf-profile-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WharfProfileRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, WharfProfileRow, test_button);
  gtk_widget_class_bind_template_child (widget_class, WharfProfileRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, WharfProfileRow, remove_button);
}

static void
wharf_profile_row_init (WharfProfileRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wharf_profile_row_new (WharfAwsProfile *profile)
{
  WharfProfileRow *self;
  g_autofree char *summary = NULL;
  const char *name;

  g_return_val_if_fail (WHARF_IS_AWS_PROFILE (profile), NULL);

  self = g_object_new (WHARF_TYPE_PROFILE_ROW, NULL);
  self->profile = g_object_ref (profile);
  name = wharf_aws_profile_get_name (profile);
  summary = wharf_profile_row_dup_summary (profile);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), summary);
  /* The target first: an action name without its target would not match
   * the action's parameter type. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->test_button), "s", name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->test_button), "profiles.test");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s", name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), "profiles.edit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "s", name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), "profiles.remove");
  return GTK_WIDGET (self);
}

WharfAwsProfile *
wharf_profile_row_get_profile (WharfProfileRow *self)
{
  g_return_val_if_fail (WHARF_IS_PROFILE_ROW (self), NULL);

  return self->profile;
}

void
wharf_profile_row_set_testing (WharfProfileRow *self,
                               gboolean         testing)
{
  g_return_if_fail (WHARF_IS_PROFILE_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), testing);
  gtk_spinner_set_spinning (self->spinner, testing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !testing);
}
