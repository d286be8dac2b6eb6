/* wharf-session.h: where a window deploys to: the Docker context store
 * (watched) and the ECS context chosen in the header bar, turned into an
 * AWS client the same way `wharf-cli --context` does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-client.h"
#include "wharf-context-store.h"

G_BEGIN_DECLS

#define WHARF_TYPE_SESSION (wharf_session_get_type ())
G_DECLARE_FINAL_TYPE (WharfSession, wharf_session, WHARF, SESSION, GObject)

/* CONFIG_DIR is the Docker configuration folder (NULL: DOCKER_CONFIG or
 * ~/.docker). The store is loaded and watched; the chosen context starts
 * as Docker's current context. */
WharfSession      *wharf_session_new              (const char    *config_dir);

/* The GListModel of WharfContext (every type; only ECS ones deploy). */
WharfContextStore *wharf_session_get_contexts     (WharfSession  *self);
/* The chosen context, or NULL for the AWS chain alone (no ECS context). */
const char        *wharf_session_get_context_name (WharfSession  *self);
void               wharf_session_set_context_name (WharfSession  *self,
                                                   const char    *name);
/* The chosen context (a new reference), or NULL. */
WharfContext      *wharf_session_dup_context      (WharfSession  *self);

/* A client for the chosen context: its profile and region, or the AWS
 * chain when none is chosen (or the "default" context). Reads the AWS
 * files; does not call AWS. */
WharfAwsClient    *wharf_session_create_client    (WharfSession  *self,
                                                   GError       **error);
/* "sandbox · us-east-1" for the header and the review page. */
char              *wharf_session_dup_summary      (WharfSession  *self);

G_END_DECLS
