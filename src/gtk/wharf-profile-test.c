/* wharf-profile-test.c: testing an AWS profile with STS GetCallerIdentity.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-aws-client.h"
#include "wharf-profile-test.h"

static void
identity_ready (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  WharfStsIdentity *identity;

  identity = wharf_sts_get_caller_identity_finish (WHARF_AWS_CLIENT (object), result, &error);
  if (identity == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, identity, (GDestroyNotify) wharf_sts_identity_free);
}

void
wharf_profile_test_async (const char          *profile,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(WharfAwsConfig) config = wharf_aws_config_new (NULL);
  g_autoptr(WharfAwsClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *region = NULL;

  g_return_if_fail (profile != NULL);

  g_task_set_source_tag (task, wharf_profile_test_async);
  if (!wharf_aws_config_load (config, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* An explicit profile: the AWS_ACCESS_KEY_ID of the environment must
   * not stand in for the profile's own keys. */
  wharf_aws_config_set_profile (config, profile);
  region = wharf_aws_config_dup_region (config, NULL);
  if (region == NULL)
    wharf_aws_config_set_region (config, "us-east-1");
  /* The client resolves the credentials in a worker thread. */
  client = wharf_aws_client_new_for_config (config, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, g_object_ref (client), g_object_unref);
  wharf_sts_get_caller_identity_async (client, cancellable, identity_ready, g_steal_pointer (&task));
}

WharfStsIdentity *
wharf_profile_test_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static const struct {
  const char *code;
  const char *sentence;
} known_codes[] = {
  { "InvalidClientTokenId",
    N_("AWS does not know this access key ID. Check it, or create a new access key in the IAM console.") },
  { "UnrecognizedClientException",
    N_("AWS does not know this access key ID. Check it, or create a new access key in the IAM console.") },
  { "SignatureDoesNotMatch",
    N_("The secret access key does not belong to this access key ID. Enter the secret again.") },
  { "InvalidSignatureException",
    N_("The secret access key does not belong to this access key ID. Enter the secret again.") },
  { "ExpiredToken",
    N_("The temporary credentials have expired. Sign in again to get new ones.") },
  { "ExpiredTokenException",
    N_("The temporary credentials have expired. Sign in again to get new ones.") },
  { "AccessDenied",
    N_("AWS refused the call: the identity has no right to it.") },
  { "RequestExpired",
    N_("The request arrived too late: check that this computer’s clock is right.") },
  { "OptInRequired",
    N_("This account has not enabled the region: choose another region for the profile.") },
};

void
wharf_profile_test_explain (const GError  *error,
                            char         **code,
                            char         **sentence)
{
  const char *aws_code;

  g_return_if_fail (error != NULL);
  g_return_if_fail (code != NULL && sentence != NULL);

  aws_code = wharf_aws_client_error_get_code (error);
  if (aws_code != NULL)
    {
      *code = g_strdup (aws_code);
      for (guint i = 0; i < G_N_ELEMENTS (known_codes); i++)
        if (g_str_equal (aws_code, known_codes[i].code))
          {
            *sentence = g_strdup (_(known_codes[i].sentence));
            return;
          }
      /* An AWS message says what went wrong and quotes no secret (the
       * client trims the canonical request of signature errors). */
      *sentence = g_strdup (error->message);
      return;
    }
  if (g_error_matches (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_NETWORK))
    {
      *code = g_strdup (_("Network error"));
      *sentence = g_strdup_printf (_("AWS could not be reached: %s"), error->message);
      return;
    }
  if (g_error_matches (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_NO_CREDENTIALS))
    {
      *code = g_strdup (_("No credentials"));
      *sentence = g_strdup (_("The profile has no credentials: add an access key, or set up SSO or a role."));
      return;
    }
  if (g_error_matches (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_SSO_TOKEN))
    {
      *code = g_strdup (_("SSO sign-in needed"));
      *sentence = g_strdup_printf (_("%s Run “aws sso login” for this profile, then test it again."),
                                   error->message);
      return;
    }
  *code = g_strdup (_("Error"));
  *sentence = g_strdup (error->message);
}
