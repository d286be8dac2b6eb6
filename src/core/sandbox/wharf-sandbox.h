/* wharf-sandbox.h: a local AWS region on loopback (design.md §4).
 *
 * The sandbox serves CloudFormation, ECS, CloudWatch Logs, Secrets Manager,
 * EFS, EC2, ELBv2, AutoScaling, STS, SSM and a minimal S3 on one port, with
 * the wire protocols of AWS, and verifies SigV4 signatures against the
 * credentials of its seed. State lives in memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WHARF_SANDBOX_ERROR (wharf_sandbox_error_quark ())

typedef enum {
  WHARF_SANDBOX_ERROR_SEED,       /* the seed file is unreadable or invalid */
  WHARF_SANDBOX_ERROR_LISTEN,     /* the address cannot be bound */
  WHARF_SANDBOX_ERROR_TEMPLATE,   /* CloudFormation rejects the template */
  WHARF_SANDBOX_ERROR_STATE,      /* the operation is not allowed in this state */
} WharfSandboxError;

GQuark wharf_sandbox_error_quark (void);

#define WHARF_TYPE_SANDBOX (wharf_sandbox_get_type ())
G_DECLARE_FINAL_TYPE (WharfSandbox, wharf_sandbox, WHARF, SANDBOX, GObject)

/* A sandbox with the built-in default seed. */
WharfSandbox *wharf_sandbox_new                (void);
/* A sandbox seeded from a JSON document (format: src/core/sandbox/README.md). */
WharfSandbox *wharf_sandbox_new_from_seed      (const char    *json,
                                                gssize         length,
                                                GError       **error);
WharfSandbox *wharf_sandbox_new_from_seed_file (const char    *path,
                                                GError       **error);

/* Seconds between two steps of a stack operation or an ECS task. */
void          wharf_sandbox_set_pace           (WharfSandbox  *self,
                                                double         seconds);
double        wharf_sandbox_get_pace           (WharfSandbox  *self);
/* Request faults (overriding the seed's): probabilities 0–1 of a throttling
 * error, of a 500, of a dropped connection; a delay before every answer.
 * A negative value keeps the current setting. */
void          wharf_sandbox_set_faults         (WharfSandbox  *self,
                                                double         throttle_rate,
                                                double         error_rate,
                                                double         drop_rate,
                                                int            latency_ms);

/* Listens on ADDRESS:PORT (PORT 0 picks a free port); the server runs in
 * CONTEXT (NULL: the thread-default context), which the caller iterates. */
gboolean      wharf_sandbox_start              (WharfSandbox  *self,
                                                const char    *address,
                                                guint          port,
                                                GMainContext  *context,
                                                GError       **error);
/* "http://127.0.0.1:PORT/" once started, else NULL. */
const char   *wharf_sandbox_get_url            (WharfSandbox  *self);
guint         wharf_sandbox_get_port           (WharfSandbox  *self);
void          wharf_sandbox_stop               (WharfSandbox  *self);

const char   *wharf_sandbox_get_account_id     (WharfSandbox  *self);
const char   *wharf_sandbox_get_region         (WharfSandbox  *self);
/* Number of requests served (any outcome). */
guint         wharf_sandbox_get_request_count  (WharfSandbox  *self);

G_END_DECLS
