/* wharf-deploy-page-views.c: the views of the deployment page that its
 * steps share: a message (idle, up to date, discarded…), an error, and
 * the preparing view's step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-deploy-format.h"
#include "wharf-deploy-page-private.h"

void
_wharf_deploy_page_show_message (WharfDeploymentPage *self,
                                 const char          *icon_name,
                                 const char          *title,
                                 const char          *description)
{
  g_autofree char *escaped = description ? g_markup_escape_text (description, -1) : NULL;

  adw_status_page_set_icon_name (self->placeholder, icon_name);
  adw_status_page_set_title (self->placeholder, title);
  adw_status_page_set_description (self->placeholder, escaped);
  /* Follow is offered by wharf-deploy-follow.c, after this. */
  gtk_widget_set_visible (self->follow_button, FALSE);
  gtk_widget_set_visible (self->deploy_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "message");
  gtk_spinner_stop (self->preparing_spinner);
}

void
_wharf_deploy_page_show_error (WharfDeploymentPage *self,
                               const GError        *error)
{
  g_autofree char *detail = NULL;
  g_autofree char *escaped = NULL;

  g_autofree char *sentence = NULL;
  g_autofree char *description = NULL;

  g_free (self->error_title);
  self->error_title = wharf_deploy_format_error (error, &detail);
  sentence = g_markup_escape_text (self->error_title, -1);
  escaped = g_markup_escape_text (detail, -1);
  /* The human sentence first, then what AWS said (with its code). */
  description = g_strdup_printf ("<b>%s</b>\n\n%s", sentence, escaped);
  adw_status_page_set_title (self->error_page,
                             self->run == WHARF_DEPLOY_RUN_DOWN ? _("Could Not Delete the Stack") : _("Could Not Deploy"));
  adw_status_page_set_description (self->error_page, description);
  /* A stack stuck after a failed creation can only be deleted. */
  gtk_widget_set_visible (self->error_delete_button,
                          g_error_matches (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_BUSY));
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_spinner_stop (self->preparing_spinner);
}

/* The preparing view names the step the deployment is at. */
void
_wharf_deploy_page_show_step (WharfDeploymentPage *self)
{
  const char *title;

  if (self->deployment == NULL || self->run != WHARF_DEPLOY_RUN_UP ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "preparing") != 0)
    return;
  switch (wharf_deployment_get_state (self->deployment))
    {
    case WHARF_DEPLOYMENT_RESOLVING:
      title = _("Looking Up the AWS Environment");
      break;
    case WHARF_DEPLOYMENT_CONVERTING:
      title = _("Converting the Project");
      break;
    case WHARF_DEPLOYMENT_CREATING_CHANGE_SET:
      title = _("Creating the Change Set");
      break;
    default:
      title = _("Preparing the Deployment");
    }
  adw_status_page_set_title (self->preparing_page, title);
}

void
_wharf_deploy_page_show_idle (WharfDeploymentPage *self)
{
  if (self->project == NULL)
    _wharf_deploy_page_show_message (self, "send-to-symbolic", _("Not Deployed"),
                                     _("Deploy the project to review its changes and follow the deployment here"));
  else
    _wharf_deploy_page_show_message (self, "send-to-symbolic", _("Ready to Deploy"),
                                     _("Deploy to review the changes CloudFormation would make, then execute them"));
}
