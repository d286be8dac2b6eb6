/* wharf-environment-resolver-private.h: shared by the resolver's files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-environment-resolver.h"

const char *wharf_resolver_lookup_string    (const WharfNode      *node,
                                             const char           *key);
gboolean    wharf_resolver_lookup_true      (const WharfNode      *node,
                                             const char           *key);
gboolean    wharf_resolver_cluster          (WharfAwsClient       *client,
                                             WharfEcsEnvironment  *env,
                                             const char           *cluster,
                                             GCancellable         *cancellable,
                                             GError              **error);
gboolean    wharf_resolver_security_groups  (WharfAwsClient       *client,
                                             WharfEcsEnvironment  *env,
                                             const WharfNode      *project,
                                             GCancellable         *cancellable,
                                             GError              **error);
gboolean    wharf_resolver_file_systems     (WharfAwsClient       *client,
                                             WharfEcsEnvironment  *env,
                                             const WharfNode      *project,
                                             const char           *project_name,
                                             GCancellable         *cancellable,
                                             GError              **error);
gboolean    wharf_resolver_gpu_ami          (WharfAwsClient       *client,
                                             WharfEcsEnvironment  *env,
                                             GCancellable         *cancellable,
                                             GError              **error);
