/* wharf-deploy-format.c: words, colours and icons of the deployment views.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-error.h"
#include "wharf-aws-request.h"
#include "wharf-deploy-error.h"
#include "wharf-deploy-format.h"
#include "wharf-ecs-error.h"

static const char *
sentence_for_code (const char *code)
{
  if (g_str_has_prefix (code, "AccessDenied") || g_str_equal (code, "UnauthorizedOperation"))
    return _("AWS denied access: the credentials lack a permission this deployment needs.");
  if (g_str_equal (code, "ExpiredToken") || g_str_equal (code, "ExpiredTokenException") ||
      g_str_equal (code, "RequestExpired"))
    return _("The AWS credentials have expired. Sign in again and retry.");
  if (g_str_equal (code, "InvalidClientTokenId") || g_str_equal (code, "SignatureDoesNotMatch") ||
      g_str_equal (code, "UnrecognizedClientException"))
    return _("AWS did not accept the credentials of this context.");
  if (strstr (code, "Throttl") != NULL || g_str_equal (code, "RequestLimitExceeded"))
    return _("AWS is throttling requests. Wait a moment and try again.");
  if (g_str_equal (code, "LimitExceededException") || g_str_equal (code, "LimitExceeded"))
    return _("An AWS account limit was reached.");
  if (g_str_equal (code, "AlreadyExistsException"))
    return _("A resource with this name already exists.");
  if (g_str_equal (code, "InsufficientCapabilitiesException"))
    return _("CloudFormation needs more capabilities to deploy this template.");
  if (g_str_equal (code, "ValidationError"))
    return _("CloudFormation rejected the request.");
  return _("AWS returned an error.");
}

char *
wharf_deploy_format_error (const GError  *error,
                           char         **detail)
{
  const char *title = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (detail != NULL)
    *detail = g_strdup (error->message);

  if (error->domain == WHARF_AWS_CLIENT_ERROR)
    {
      const char *code = wharf_aws_client_error_get_code (error);

      if (code != NULL)
        {
          if (detail != NULL)
            {
              const char *message = error->message;

              /* The message is "CODE: text": show the code once. */
              if (g_str_has_prefix (message, code) && g_str_has_prefix (message + strlen (code), ": "))
                message += strlen (code) + 2;
              g_free (*detail);
              *detail = g_strdup_printf (_("Error code %s: %s"), code, message);
            }
          return g_strdup (sentence_for_code (code));
        }
      switch (error->code)
        {
        case WHARF_AWS_CLIENT_ERROR_NETWORK:
          title = _("Could not reach AWS. Check the network connection and the endpoint.");
          break;
        case WHARF_AWS_CLIENT_ERROR_THROTTLED:
          title = _("AWS is throttling requests. Wait a moment and try again.");
          break;
        case WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT:
          title = _("The endpoint of this context is not secure.");
          break;
        default:
          title = _("AWS answered with something unexpected.");
        }
    }
  else if (error->domain == WHARF_AWS_ERROR)
    {
      if (error->code == WHARF_AWS_ERROR_NO_CREDENTIALS)
        title = _("No AWS credentials were found for this context.");
      else if (error->code == WHARF_AWS_ERROR_NO_REGION)
        title = _("No AWS region is set for this context.");
      else if (error->code == WHARF_AWS_ERROR_PROFILE_NOT_FOUND)
        title = _("The AWS profile of this context does not exist.");
      else
        title = _("The AWS configuration of this context cannot be used.");
    }
  else if (error->domain == WHARF_DEPLOY_ERROR)
    {
      switch (error->code)
        {
        case WHARF_DEPLOY_ERROR_NO_VPC:
        case WHARF_DEPLOY_ERROR_INVALID_VPC:
        case WHARF_DEPLOY_ERROR_SUBNETS:
          title = _("The account’s network cannot host the project.");
          break;
        case WHARF_DEPLOY_ERROR_NOT_FOUND:
        case WHARF_DEPLOY_ERROR_MISMATCH:
        case WHARF_DEPLOY_ERROR_AMBIGUOUS:
          title = _("An existing resource named by the project cannot be used.");
          break;
        case WHARF_DEPLOY_ERROR_NO_STACK:
          title = _("The stack does not exist.");
          break;
        case WHARF_DEPLOY_ERROR_STACK_FAILED:
          title = _("The deployment failed.");
          break;
        case WHARF_DEPLOY_ERROR_CHANGE_SET:
          title = _("CloudFormation could not create the change set.");
          break;
        case WHARF_DEPLOY_ERROR_STACK_BUSY:
          title = _("The stack cannot be updated now.");
          break;
        default:
          title = _("The deployment could not go on.");
        }
    }
  else if (error->domain == WHARF_ECS_ERROR)
    title = _("The project cannot be converted for Amazon ECS.");
  else
    title = _("The deployment could not go on.");

  return g_strdup (title);
}

const char *
wharf_deploy_format_type_icon (const char *resource_type)
{
  static const struct {
    const char *prefix;
    const char *icon;
  } icons[] = {
    { "AWS::CloudFormation::", "view-grid-symbolic" },
    { "AWS::ECS::Service", "system-run-symbolic" },
    { "AWS::ECS::TaskDefinition", "text-x-generic-symbolic" },
    { "AWS::ECS::", "application-x-executable-symbolic" },
    { "AWS::ElasticLoadBalancingV2::", "network-workgroup-symbolic" },
    { "AWS::EC2::SecurityGroup", "channel-secure-symbolic" },
    { "AWS::EC2::", "network-wired-symbolic" },
    { "AWS::IAM::", "dialog-password-symbolic" },
    { "AWS::SecretsManager::", "dialog-password-symbolic" },
    { "AWS::EFS::", "drive-harddisk-symbolic" },
    { "AWS::Logs::", "text-x-generic-symbolic" },
    { "AWS::ServiceDiscovery::", "system-search-symbolic" },
    { "AWS::AutoScaling::", "view-refresh-symbolic" },
  };

  for (gsize i = 0; resource_type != NULL && i < G_N_ELEMENTS (icons); i++)
    if (g_str_has_prefix (resource_type, icons[i].prefix))
      return icons[i].icon;
  return "application-x-addon-symbolic";
}

char *
wharf_deploy_format_status (const char *status)
{
  char *text;

  if (status == NULL || *status == '\0')
    return g_strdup ("");
  text = g_ascii_strdown (status, -1);
  for (char *p = text; *p != '\0'; p++)
    if (*p == '_')
      *p = ' ';
  text[0] = g_ascii_toupper (text[0]);
  return text;
}

const char *
wharf_deploy_format_status_class (const char *status)
{
  if (status == NULL)
    return "accent";
  if (strstr (status, "FAILED") != NULL)
    return "error";
  if (strstr (status, "ROLLBACK") != NULL || g_str_equal (status, "DELETE_SKIPPED"))
    return "warning";
  if (g_str_has_suffix (status, "_COMPLETE"))
    return "success";
  return "accent";
}

char *
wharf_deploy_format_duration (GTimeSpan span)
{
  gint64 seconds;

  if (span < 0)
    return NULL;
  seconds = span / G_TIME_SPAN_SECOND;
  if (seconds < 60)
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("%d min %d s"), (int) (seconds / 60), (int) (seconds % 60));
  return g_strdup_printf (_("%d h %d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
}
