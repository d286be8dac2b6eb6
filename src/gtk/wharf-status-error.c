/* wharf-status-error.c: AWS errors explained, for the status, logs and
 * resources views (which show them in place of their content).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "wharf-aws-error.h"
#include "wharf-aws-request.h"
#include "wharf-status-error.h"

typedef struct {
  const char *code;
  const char *title;
  const char *sentence;
} KnownCode;

/* The codes users meet most with the calls these views make. */
static const KnownCode known_codes[] = {
  { "AccessDeniedException", N_("Access Denied"),
    N_("The AWS identity of this context is not allowed to do this. Check the IAM policy of its profile.") },
  { "AccessDenied", N_("Access Denied"),
    N_("The AWS identity of this context is not allowed to do this. Check the IAM policy of its profile.") },
  { "UnrecognizedClientException", N_("Unknown Credentials"),
    N_("AWS does not recognise the access key of this context. The key may have been deleted or belong to another partition.") },
  { "InvalidClientTokenId", N_("Unknown Credentials"),
    N_("AWS does not recognise the access key of this context. The key may have been deleted or belong to another partition.") },
  { "ExpiredTokenException", N_("Credentials Expired"),
    N_("The session credentials of this context have expired. Log in again (for SSO: aws sso login).") },
  { "ExpiredToken", N_("Credentials Expired"),
    N_("The session credentials of this context have expired. Log in again (for SSO: aws sso login).") },
  { "ThrottlingException", N_("AWS Is Busy"),
    N_("AWS is limiting the rate of requests. Wharf will try again shortly.") },
  { "Throttling", N_("AWS Is Busy"),
    N_("AWS is limiting the rate of requests. Wharf will try again shortly.") },
  { "ResourceNotFoundException", N_("Not Found"),
    N_("AWS does not know this resource. It may not have been created yet, or was deleted.") },
  { "ResourceExistsException", N_("Already Exists"),
    N_("A resource with this name already exists. Choose another name, or delete the existing one first.") },
  { "InvalidRequestException", N_("Request Refused"),
    N_("AWS refused the request in the current state of the resource (a secret scheduled for deletion keeps its name for up to 30 days).") },
  { "ClusterNotFoundException", N_("Cluster Not Found"),
    N_("The ECS cluster of the stack does not exist any more.") },
  { "FileSystemInUse", N_("Volume In Use"),
    N_("The file system still has mount targets. Delete the stack that mounts it first.") },
  { "FileSystemNotFound", N_("Volume Not Found"),
    N_("The file system does not exist any more.") },
};

static const KnownCode *
lookup (const GError *error)
{
  const char *code = wharf_aws_client_error_get_code (error);

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (known_codes); i++)
    if (g_str_equal (code, known_codes[i].code))
      return &known_codes[i];
  return NULL;
}

char *
wharf_status_error_dup_title (const GError *error)
{
  const KnownCode *known;

  g_return_val_if_fail (error != NULL, NULL);

  known = lookup (error);
  if (known != NULL)
    return g_strdup (_(known->title));
  if (error->domain == WHARF_AWS_CLIENT_ERROR)
    {
      switch (error->code)
        {
        case WHARF_AWS_CLIENT_ERROR_NETWORK:
          return g_strdup (_("Cannot Reach AWS"));
        case WHARF_AWS_CLIENT_ERROR_THROTTLED:
          return g_strdup (_("AWS Is Busy"));
        default:
          return g_strdup (_("AWS Error"));
        }
    }
  if (error->domain == WHARF_AWS_ERROR)
    return g_strdup (_("AWS Configuration Problem"));
  return g_strdup (_("Something Went Wrong"));
}

static const char *
sentence (const GError *error)
{
  const KnownCode *known = lookup (error);

  if (known != NULL)
    return _(known->sentence);
  if (error->domain == WHARF_AWS_CLIENT_ERROR)
    {
      switch (error->code)
        {
        case WHARF_AWS_CLIENT_ERROR_NETWORK:
          return _("The connection to AWS failed on every attempt. Check the network, or that the sandbox is running.");
        case WHARF_AWS_CLIENT_ERROR_THROTTLED:
          return _("AWS kept limiting the rate of requests. Wharf will try again shortly.");
        case WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE:
          return _("AWS sent an answer Wharf does not understand. A proxy or a wrong endpoint may be in the way.");
        case WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT:
          return _("The endpoint of this context is not secure: plain http is only allowed on this computer.");
        default:
          return _("AWS refused the request.");
        }
    }
  if (error->domain == WHARF_AWS_ERROR)
    return _("The AWS profile of this context cannot be used. Check it in Contexts & Profiles.");
  return _("The request failed.");
}

char *
wharf_status_error_dup_description (const GError *error)
{
  const char *code;

  g_return_val_if_fail (error != NULL, NULL);

  code = wharf_aws_client_error_get_code (error);
  if (code != NULL)
    /* Translators: an AWS error code, an explanation, then AWS's message */
    return g_strdup_printf (_("%s — %s\n\n%s"), code, sentence (error), error->message);
  return g_strdup_printf ("%s\n\n%s", sentence (error), error->message);
}

char *
wharf_status_error_dup_summary (const GError *error)
{
  const char *code;

  g_return_val_if_fail (error != NULL, NULL);

  code = wharf_aws_client_error_get_code (error);
  if (code != NULL)
    /* Translators: an AWS error code, then an explanation */
    return g_strdup_printf (_("%s — %s"), code, sentence (error));
  return g_strdup (sentence (error));
}
