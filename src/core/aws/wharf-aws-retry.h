/* wharf-aws-retry.h: the "standard" retry mode of the AWS SDKs (reference
 * aws.md §4.10): which failures are retried, the full-jitter exponential
 * backoff, the client-wide retry quota, and clock-skew detection. Pure
 * logic, no I/O; the client drives it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WHARF_AWS_RETRY_DEFAULT_MAX_ATTEMPTS 3
#define WHARF_AWS_RETRY_DEFAULT_BASE_MS      1000
#define WHARF_AWS_RETRY_MAX_BACKOFF_MS       20000
#define WHARF_AWS_RETRY_QUOTA                500
#define WHARF_AWS_RETRY_COST                 5
#define WHARF_AWS_RETRY_TIMEOUT_COST         10
#define WHARF_AWS_RETRY_NO_RETRY_REFUND      1
/* A response Date this far from the local clock means a wrong clock. */
#define WHARF_AWS_RETRY_SKEW_THRESHOLD       (4 * G_TIME_SPAN_MINUTE)

typedef enum {
  WHARF_AWS_RETRY_NONE,        /* not retryable */
  WHARF_AWS_RETRY_TRANSIENT,   /* 5xx, transient code, connection error */
  WHARF_AWS_RETRY_THROTTLING,  /* throttling code or HTTP 429 */
  WHARF_AWS_RETRY_TIMEOUT,     /* the request timed out */
} WharfAwsRetryKind;

gboolean           wharf_aws_retry_is_throttling_code (const char   *aws_code);
gboolean           wharf_aws_retry_is_transient_code  (const char   *aws_code);
/* Codes with which AWS rejects a request whose signing time is off. */
gboolean           wharf_aws_retry_is_clock_skew_code (const char   *aws_code);
/* How ERROR (from WHARF_AWS_CLIENT_ERROR) should be retried. */
WharfAwsRetryKind  wharf_aws_retry_classify           (const GError *error);

/* The max attempts from AWS_MAX_ATTEMPTS, or DEFAULT_VALUE when it is
 * unset or not a number from 1 to 100. */
guint              wharf_aws_retry_max_attempts_from_env (guint      default_value);

typedef struct _WharfAwsRetryPolicy WharfAwsRetryPolicy;

WharfAwsRetryPolicy *wharf_aws_retry_policy_new           (guint                max_attempts);
void                 wharf_aws_retry_policy_free          (WharfAwsRetryPolicy *policy);
guint                wharf_aws_retry_policy_get_max_attempts (WharfAwsRetryPolicy *policy);
void                 wharf_aws_retry_policy_set_max_attempts (WharfAwsRetryPolicy *policy,
                                                              guint                max_attempts);
/* Base of the backoff (1000 ms by default; tests use a few ms). */
void                 wharf_aws_retry_policy_set_base_delay   (WharfAwsRetryPolicy *policy,
                                                              guint                base_ms);
/* Makes the jitter reproducible. */
void                 wharf_aws_retry_policy_set_seed         (WharfAwsRetryPolicy *policy,
                                                              guint32              seed);
/* Disables the retry quota (on by default). */
void                 wharf_aws_retry_policy_set_quota_enabled (WharfAwsRetryPolicy *policy,
                                                               gboolean             enabled);
guint                wharf_aws_retry_policy_get_quota        (WharfAwsRetryPolicy *policy);
/* Delay in ms before the attempt after ATTEMPT (1-based):
 * random(0,1) × min(base × 2^(ATTEMPT-1), 20 s). */
guint                wharf_aws_retry_policy_delay            (WharfAwsRetryPolicy *policy,
                                                              guint                attempt);
/* Takes the cost of one retry of KIND from the quota; FALSE (and nothing
 * taken) when the quota is exhausted. *COST accumulates what was taken. */
gboolean             wharf_aws_retry_policy_acquire          (WharfAwsRetryPolicy *policy,
                                                              WharfAwsRetryKind    kind,
                                                              guint               *cost);
/* A call succeeded after taking COST (0: no retry) from the quota. */
void                 wharf_aws_retry_policy_release          (WharfAwsRetryPolicy *policy,
                                                              guint                cost);

/* Clock skew from an HTTP Date header ("Tue, 15 Nov 1994 08:12:31 GMT"):
 * server time minus LOCAL_NOW, in microseconds. FALSE when DATE_HEADER
 * cannot be parsed. */
gboolean             wharf_aws_retry_parse_skew              (const char          *date_header,
                                                              GDateTime           *local_now,
                                                              GTimeSpan           *out_skew);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfAwsRetryPolicy, wharf_aws_retry_policy_free)

G_END_DECLS
