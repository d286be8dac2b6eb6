/* wharf-cli-aws.h: the AWS client of a command, from --context, --profile
 * (or --aws-profile), --region and the environment, and error reporting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char *context;
  char *profile;
  char *region;
} WharfCliAwsOptions;

/* Adds --context, --region and the profile option to CONTEXT; the
 * profile option is --aws-profile when PROFILE_NAME_TAKEN (the project
 * commands use --profile for Compose profiles), else --profile. */
void            wharf_cli_aws_options_add    (WharfCliAwsOptions *options,
                                              GOptionContext     *context,
                                              gboolean            profile_name_taken);
void            wharf_cli_aws_options_clear  (WharfCliAwsOptions *options);

/* The client: an explicit --profile wins, then --context (or the current
 * Docker context when it is an ECS context), then the AWS chain. NULL
 * after printing why. */
WharfAwsClient *wharf_cli_aws_client         (WharfCliAwsOptions *options);

/* Prints ERROR and returns the exit code for it: WHARF_EXIT_AWS for errors
 * of AWS (with their code), WHARF_EXIT_INTERRUPTED for cancellation,
 * else WHARF_EXIT_FAILURE. */
int             wharf_cli_aws_fail           (const GError       *error);

/* Cancelled on SIGINT/SIGTERM (installed once). */
GCancellable   *wharf_cli_interrupt_cancellable (void);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WharfCliAwsOptions, wharf_cli_aws_options_clear)

G_END_DECLS
