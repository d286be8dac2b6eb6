/* wharf-test-gtk-sandbox.h: the sandbox of the GTK tests that talk to AWS
 * (status, logs, Secrets & Volumes, deployment page).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "deploy-test-sandbox.h"
#include "wharf-compose-project.h"
#include "wharf-session.h"

G_BEGIN_DECLS

/* Sets (or unsets) in this process the variables deploy_test_sandbox_envp()
 * gives a wharf-cli child: HOME, DOCKER_CONFIG, DOCKER_CONTEXT and the
 * AWS_* chain. WharfSession reads them, so call it before any window. */
void                 wharf_test_gtk_sandbox_export (DeployTestSandbox  *sandbox,
                                                    const char         *home);

/* Starts a sandbox (deploy_test_sandbox_start() with EXTRA and PACE) and
 * exports its environment with a new temporary HOME, returned in OUT_HOME
 * (free it with wharf_test_gtk_sandbox_stop()). */
DeployTestSandbox   *wharf_test_gtk_sandbox_start  (const char         *extra,
                                                    double              pace,
                                                    char              **out_home);
/* Stops SANDBOX (may be NULL), removes and frees HOME (may be NULL). */
void                 wharf_test_gtk_sandbox_stop   (DeployTestSandbox  *sandbox,
                                                    char               *home);

/* tests/fixtures/deploy/web.yaml as project NAME (TAG unset: its
 * default applies). */
WharfComposeProject *wharf_test_gtk_load_web       (const char         *name);

/* Deploys PROJECT to SANDBOX through WharfDeployment (prepare, execute,
 * wait), asserting each step succeeds. */
void                 wharf_test_gtk_deploy         (DeployTestSandbox  *sandbox,
                                                    WharfComposeProject *project);

/* The set_project () of a page: wharf_status_page_set_project (),
 * wharf_logs_page_set_project (). */
typedef void (*WharfTestSetProject) (gpointer             page,
                                     WharfSession        *session,
                                     WharfComposeProject *project);

/* Screenshot mode (see wharf_test_screenshot_begin ()): deploys web.yaml
 * as "webapp" to SANDBOX, shows PAGE (floating) in a window with a header
 * and SET_PROJECT's project, and shoots it as NAME after SETTLE_MS. */
void                 wharf_test_gtk_screenshot_page (DeployTestSandbox  *sandbox,
                                                     GtkWidget          *page,
                                                     WharfTestSetProject set_project,
                                                     const char         *name,
                                                     guint               settle_ms);

G_END_DECLS
