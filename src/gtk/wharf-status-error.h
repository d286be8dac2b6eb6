/* wharf-status-error.h: AWS errors for people: the AWS code (or the kind
 * of failure) and a sentence that says what it means and what to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A short title ("Access Denied", "Cannot Reach AWS"…). */
char *wharf_status_error_dup_title       (const GError *error);
/* "CODE — sentence.\n\nmessage": the AWS code when there is one, a human
 * sentence, then AWS's own message. Never contains request bodies. */
char *wharf_status_error_dup_description (const GError *error);

/* "CODE — sentence." (or the sentence alone): one line, for toasts. */
char *wharf_status_error_dup_summary     (const GError *error);

G_END_DECLS
