/* deploy-test-sandbox.h: a sandbox ("wharf-cli sandbox" on a free
 * loopback port), and clients and environments that talk to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

typedef struct _DeployTestSandbox DeployTestSandbox;

/* Starts a sandbox seeded with the default account plus EXTRA (JSON
 * members without braces, e.g. "\"faults\": {…}", or NULL) at PACE
 * seconds per step. */
DeployTestSandbox *deploy_test_sandbox_start  (const char        *extra,
                                               double             pace);
void               deploy_test_sandbox_stop   (DeployTestSandbox *sandbox);
const char        *deploy_test_sandbox_url    (DeployTestSandbox *sandbox);
/* A client for the sandbox (credentials test/test, us-east-1). */
WharfAwsClient    *deploy_test_sandbox_client (DeployTestSandbox *sandbox);
/* The environment for a wharf-cli run against the sandbox, with HOME
 * (and the Docker/AWS config) in HOME. */
char             **deploy_test_sandbox_envp   (DeployTestSandbox *sandbox,
                                               const char        *home);
