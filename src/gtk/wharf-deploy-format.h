/* wharf-deploy-format.h: how the deployment views put AWS things into
 * words, colours and icons (errors, stack statuses, resource types,
 * durations).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A human sentence for ERROR (the title of an error view); *DETAIL gets
 * the AWS error code and the service's own message, or the message. */
char       *wharf_deploy_format_error        (const GError *error,
                                              char        **detail);
/* A symbolic icon name for a CloudFormation resource type. */
const char *wharf_deploy_format_type_icon    (const char   *resource_type);
/* "CREATE_IN_PROGRESS" → "Create in progress". */
char       *wharf_deploy_format_status       (const char   *status);
/* The libadwaita style class of a status: "success", "warning", "error"
 * or "accent". */
const char *wharf_deploy_format_status_class (const char   *status);
/* "45 s", "2 min 5 s", "1 h 3 min"; NULL for a negative span. */
char       *wharf_deploy_format_duration     (GTimeSpan     span);

G_END_DECLS
