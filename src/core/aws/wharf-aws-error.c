/* wharf-aws-error.c: the WHARF_AWS_ERROR domain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-aws-error.h"

G_DEFINE_QUARK (wharf-aws-error-quark, wharf_aws_error)
