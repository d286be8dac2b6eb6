/* wharf-aws-retry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "wharf-aws-request.h"
#include "wharf-aws-retry.h"

static const char * const throttling_codes[] = {
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
  "TooManyRequestsException", "ProvisionedThroughputExceededException",
  "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
  "LimitExceededException", "RequestThrottled", "SlowDown", "EC2ThrottledException",
  NULL,
};

static const char * const transient_codes[] = {
  "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
  "InternalError", "InternalFailure", "ServiceUnavailable",
  NULL,
};

static const char * const skew_codes[] = {
  "RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException",
  "SignatureDoesNotMatch", "AuthFailure", "RequestInTheFuture",
  NULL,
};

gboolean
wharf_aws_retry_is_throttling_code (const char *aws_code)
{
  return aws_code != NULL && g_strv_contains (throttling_codes, aws_code);
}

gboolean
wharf_aws_retry_is_transient_code (const char *aws_code)
{
  return aws_code != NULL && g_strv_contains (transient_codes, aws_code);
}

gboolean
wharf_aws_retry_is_clock_skew_code (const char *aws_code)
{
  return aws_code != NULL && g_strv_contains (skew_codes, aws_code);
}

WharfAwsRetryKind
wharf_aws_retry_classify (const GError *error)
{
  guint status;

  if (error == NULL || error->domain != WHARF_AWS_CLIENT_ERROR)
    return WHARF_AWS_RETRY_NONE;

  switch (error->code)
    {
    case WHARF_AWS_CLIENT_ERROR_THROTTLED:
      return WHARF_AWS_RETRY_THROTTLING;
    case WHARF_AWS_CLIENT_ERROR_NETWORK:
      return wharf_aws_client_error_has_code (error, "RequestTimeout")
             ? WHARF_AWS_RETRY_TIMEOUT : WHARF_AWS_RETRY_TRANSIENT;
    case WHARF_AWS_CLIENT_ERROR_SERVICE:
      status = wharf_aws_client_error_get_status (error);
      if (status == 500 || status == 502 || status == 503 || status == 504)
        return WHARF_AWS_RETRY_TRANSIENT;
      if (wharf_aws_retry_is_transient_code (wharf_aws_client_error_get_code (error)))
        return WHARF_AWS_RETRY_TRANSIENT;
      return WHARF_AWS_RETRY_NONE;
    default:
      return WHARF_AWS_RETRY_NONE;
    }
}

guint
wharf_aws_retry_max_attempts_from_env (guint default_value)
{
  const char *text = g_getenv ("AWS_MAX_ATTEMPTS");
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 100, &value, NULL))
    return default_value;
  return (guint) value;
}

struct _WharfAwsRetryPolicy
{
  GMutex    lock;
  guint     max_attempts;
  guint     base_ms;
  gboolean  quota_enabled;
  guint     quota;
  GRand    *rand;
};

WharfAwsRetryPolicy *
wharf_aws_retry_policy_new (guint max_attempts)
{
  WharfAwsRetryPolicy *policy = g_new0 (WharfAwsRetryPolicy, 1);

  g_mutex_init (&policy->lock);
  policy->max_attempts = MAX (max_attempts, 1);
  policy->base_ms = WHARF_AWS_RETRY_DEFAULT_BASE_MS;
  policy->quota_enabled = TRUE;
  policy->quota = WHARF_AWS_RETRY_QUOTA;
  policy->rand = g_rand_new ();
  return policy;
}

void
wharf_aws_retry_policy_free (WharfAwsRetryPolicy *policy)
{
  if (policy == NULL)
    return;
  g_mutex_clear (&policy->lock);
  g_rand_free (policy->rand);
  g_free (policy);
}

guint
wharf_aws_retry_policy_get_max_attempts (WharfAwsRetryPolicy *policy)
{
  return policy->max_attempts;
}

void
wharf_aws_retry_policy_set_max_attempts (WharfAwsRetryPolicy *policy,
                                         guint                max_attempts)
{
  policy->max_attempts = MAX (max_attempts, 1);
}

void
wharf_aws_retry_policy_set_base_delay (WharfAwsRetryPolicy *policy,
                                       guint                base_ms)
{
  policy->base_ms = base_ms;
}

void
wharf_aws_retry_policy_set_seed (WharfAwsRetryPolicy *policy,
                                 guint32              seed)
{
  g_mutex_lock (&policy->lock);
  g_rand_set_seed (policy->rand, seed);
  g_mutex_unlock (&policy->lock);
}

void
wharf_aws_retry_policy_set_quota_enabled (WharfAwsRetryPolicy *policy,
                                          gboolean             enabled)
{
  policy->quota_enabled = enabled;
}

guint
wharf_aws_retry_policy_get_quota (WharfAwsRetryPolicy *policy)
{
  guint quota;

  g_mutex_lock (&policy->lock);
  quota = policy->quota;
  g_mutex_unlock (&policy->lock);
  return quota;
}

guint
wharf_aws_retry_policy_delay (WharfAwsRetryPolicy *policy,
                              guint                attempt)
{
  guint64 cap = policy->base_ms;
  double r;

  /* base × 2^(attempt-1), truncated at 20 s; the shift is bounded so it
   * cannot overflow. */
  for (guint i = 1; i < attempt && cap < WHARF_AWS_RETRY_MAX_BACKOFF_MS; i++)
    cap *= 2;
  cap = MIN (cap, WHARF_AWS_RETRY_MAX_BACKOFF_MS);

  g_mutex_lock (&policy->lock);
  r = g_rand_double (policy->rand);
  g_mutex_unlock (&policy->lock);
  return (guint) (r * (double) cap);
}

gboolean
wharf_aws_retry_policy_acquire (WharfAwsRetryPolicy *policy,
                                WharfAwsRetryKind    kind,
                                guint               *cost)
{
  guint price = kind == WHARF_AWS_RETRY_TIMEOUT ? WHARF_AWS_RETRY_TIMEOUT_COST : WHARF_AWS_RETRY_COST;
  gboolean ok = TRUE;

  if (!policy->quota_enabled)
    return TRUE;

  g_mutex_lock (&policy->lock);
  if (policy->quota < price)
    ok = FALSE;
  else
    {
      policy->quota -= price;
      *cost += price;
    }
  g_mutex_unlock (&policy->lock);
  return ok;
}

void
wharf_aws_retry_policy_release (WharfAwsRetryPolicy *policy,
                                guint                cost)
{
  if (!policy->quota_enabled)
    return;

  g_mutex_lock (&policy->lock);
  policy->quota = MIN (policy->quota + (cost > 0 ? cost : WHARF_AWS_RETRY_NO_RETRY_REFUND),
                       WHARF_AWS_RETRY_QUOTA);
  g_mutex_unlock (&policy->lock);
}

gboolean
wharf_aws_retry_parse_skew (const char *date_header,
                            GDateTime  *local_now,
                            GTimeSpan  *out_skew)
{
  g_autoptr(GDateTime) server = NULL;

  if (date_header == NULL || local_now == NULL)
    return FALSE;
  server = soup_date_time_new_from_http_string (date_header);
  if (server == NULL)
    return FALSE;
  *out_skew = g_date_time_difference (server, local_now);
  return TRUE;
}
