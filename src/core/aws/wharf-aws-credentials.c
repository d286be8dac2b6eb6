/* wharf-aws-credentials.c: immutable, reference-counted AWS credentials.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-aws-credentials.h"

struct _WharfAwsCredentials
{
  gatomicrefcount  ref_count;
  char            *access_key_id;
  char            *secret_access_key;
  char            *session_token;
  GDateTime       *expiration;
  char            *source;
};

G_DEFINE_BOXED_TYPE (WharfAwsCredentials, wharf_aws_credentials,
                     wharf_aws_credentials_ref, wharf_aws_credentials_unref)

WharfAwsCredentials *
wharf_aws_credentials_new (const char *access_key_id,
                           const char *secret_access_key,
                           const char *session_token,
                           GDateTime  *expiration,
                           const char *source)
{
  WharfAwsCredentials *self;

  g_return_val_if_fail (access_key_id != NULL, NULL);
  g_return_val_if_fail (secret_access_key != NULL, NULL);

  self = g_new0 (WharfAwsCredentials, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->access_key_id = g_strdup (access_key_id);
  self->secret_access_key = g_strdup (secret_access_key);
  self->session_token = (session_token != NULL && *session_token != '\0')
                        ? g_strdup (session_token) : NULL;
  self->expiration = expiration != NULL ? g_date_time_to_utc (expiration) : NULL;
  self->source = g_strdup (source != NULL ? source : "static");
  return self;
}

WharfAwsCredentials *
wharf_aws_credentials_ref (WharfAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/* Secrets are overwritten before they go back to the allocator. */
static void
wipe_string (char *s)
{
  if (s == NULL)
    return;
  explicit_bzero (s, strlen (s));
  g_free (s);
}

void
wharf_aws_credentials_unref (WharfAwsCredentials *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->access_key_id);
  wipe_string (self->secret_access_key);
  wipe_string (self->session_token);
  g_clear_pointer (&self->expiration, g_date_time_unref);
  g_free (self->source);
  g_free (self);
}

const char *
wharf_aws_credentials_get_access_key_id (const WharfAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->access_key_id;
}

const char *
wharf_aws_credentials_get_secret_access_key (const WharfAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->secret_access_key;
}

const char *
wharf_aws_credentials_get_session_token (const WharfAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->session_token;
}

GDateTime *
wharf_aws_credentials_get_expiration (const WharfAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->expiration;
}

const char *
wharf_aws_credentials_get_source (const WharfAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

gboolean
wharf_aws_credentials_expires_within (const WharfAwsCredentials *self,
                                      GDateTime                 *now,
                                      GTimeSpan                  margin)
{
  g_autoptr(GDateTime) current = NULL;

  g_return_val_if_fail (self != NULL, TRUE);

  if (self->expiration == NULL)
    return FALSE;
  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  return g_date_time_difference (self->expiration, current) <= margin;
}
