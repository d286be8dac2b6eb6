/* wharf-deployment-page.h: the deployment page of the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WHARF_TYPE_DEPLOYMENT_PAGE (wharf_deployment_page_get_type ())
G_DECLARE_FINAL_TYPE (WharfDeploymentPage, wharf_deployment_page, WHARF, DEPLOYMENT_PAGE, AdwBin)

GtkWidget *wharf_deployment_page_new (void);

G_END_DECLS
