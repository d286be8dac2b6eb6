/* wharf-aws-ssm.h: SSM GetParameter (JSON 1.1 protocol), used to look up
 * public parameters such as the ECS GPU-optimised AMI id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char   *name;
  char   *type;      /* String, StringList, SecureString */
  char   *value;     /* a secret for SecureString: never log it */
  char   *arn;
  gint64  version;
} WharfSsmParameter;

void               wharf_ssm_parameter_free (WharfSsmParameter *parameter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfSsmParameter, wharf_ssm_parameter_free)

/* ParameterNotFound is a WHARF_AWS_CLIENT_ERROR_SERVICE error. */
WharfSsmParameter *wharf_ssm_get_parameter  (WharfAwsClient  *client,
                                             const char      *name,
                                             gboolean         with_decryption,
                                             GCancellable    *cancellable,
                                             GError         **error);

G_END_DECLS
