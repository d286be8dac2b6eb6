/* wharf-context-ecs.c: what an ECS context holds (how the AWS credentials
 * come, the region), in the shape Docker's ECS integration stored it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-context-private.h"

/* An AWS region name: us-east-1, eu-west-3, us-gov-west-1, cn-north-1… */
gboolean
wharf_context_region_is_valid (const char  *region,
                               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (region != NULL ? region : "", "-", -1);
  guint n = g_strv_length (parts);
  gboolean ok = n >= 3 && strlen (parts[0]) >= 2 && parts[n - 1][0] != '\0';

  for (guint i = 0; ok && i < n; i++)
    {
      if (parts[i][0] == '\0')
        ok = FALSE;
      for (const char *p = parts[i]; ok && *p != '\0'; p++)
        ok = i + 1 < n ? g_ascii_islower (*p) : g_ascii_isdigit (*p);
    }
  if (!ok)
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID,
                   _("“%s” is not an AWS region name (for example “eu-west-3”)"),
                   region != NULL ? region : "");
      return FALSE;
    }
  return TRUE;
}

/* The exact shape Docker's ECS integration wrote (compose-cli-ecs.md §1.2);
 * Wharf adds "Region" to the endpoint, where 2020 versions of Docker had it
 * and where later versions ignore it. */
WharfContext *
wharf_context_new_ecs (const char              *name,
                       WharfContextCredentials  credentials,
                       const char              *profile,
                       const char              *region,
                       const char              *description)
{
  WharfContext *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (credentials != WHARF_CONTEXT_CREDENTIALS_NONE, NULL);

  self = wharf_context_new_named (name);
  json_object_set_string_member (wharf_context_ensure_metadata (self), "Type", WHARF_CONTEXT_TYPE_ECS);
  wharf_context_set_description (self, description);
  wharf_context_set_credentials (self, credentials, profile);
  wharf_context_set_region (self, region);
  return self;
}

static JsonObject *
ecs_endpoint (WharfContext *self)
{
  if (!wharf_context_is_ecs (self))
    return NULL;
  return wharf_json_get_object (wharf_context_get_endpoints (self), WHARF_CONTEXT_TYPE_ECS);
}

WharfContextCredentials
wharf_context_get_credentials (WharfContext *self)
{
  JsonObject *ecs;

  g_return_val_if_fail (WHARF_IS_CONTEXT (self), WHARF_CONTEXT_CREDENTIALS_NONE);
  if (!wharf_context_is_ecs (self))
    return WHARF_CONTEXT_CREDENTIALS_NONE;
  ecs = ecs_endpoint (self);
  if (ecs != NULL && json_object_has_member (ecs, "CredentialsFromEnv") &&
      json_object_get_boolean_member (ecs, "CredentialsFromEnv"))
    return WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT;
  return WHARF_CONTEXT_CREDENTIALS_PROFILE;
}

/* The AWS profile, or NULL for the default credential chain. */
const char *
wharf_context_get_profile (WharfContext *self)
{
  const char *profile;

  g_return_val_if_fail (WHARF_IS_CONTEXT (self), NULL);
  if (wharf_context_get_credentials (self) != WHARF_CONTEXT_CREDENTIALS_PROFILE)
    return NULL;
  profile = wharf_json_get_string (ecs_endpoint (self), "Profile");
  return profile != NULL && *profile != '\0' ? profile : NULL;
}

/* The region stored in the context, or NULL: then the profile's region (or
 * AWS_REGION / AWS_DEFAULT_REGION for environment contexts) applies. */
const char *
wharf_context_get_region (WharfContext *self)
{
  const char *region;

  g_return_val_if_fail (WHARF_IS_CONTEXT (self), NULL);
  region = wharf_json_get_string (ecs_endpoint (self), "Region");
  return region != NULL && *region != '\0' ? region : NULL;
}

const char *
wharf_context_get_docker_host (WharfContext *self)
{
  g_return_val_if_fail (WHARF_IS_CONTEXT (self), NULL);
  return wharf_json_get_string (wharf_json_get_object (wharf_context_get_endpoints (self), "docker"), "Host");
}

/* One line saying where the context points, for lists. */
char *
wharf_context_dup_endpoint_summary (WharfContext *self)
{
  const char *region;
  const char *profile;
  g_autofree char *what = NULL;

  g_return_val_if_fail (WHARF_IS_CONTEXT (self), NULL);
  if (wharf_context_get_error (self) != NULL)
    return g_strdup ("");
  if (!wharf_context_is_ecs (self))
    return g_strdup (wharf_context_get_docker_host (self) != NULL ? wharf_context_get_docker_host (self) : "");

  profile = wharf_context_get_profile (self);
  region = wharf_context_get_region (self);
  if (wharf_context_get_credentials (self) == WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT)
    what = g_strdup (_("environment variables"));
  else if (profile != NULL)
    what = g_strdup_printf (_("profile %s"), profile);
  else
    what = g_strdup (_("default AWS credentials"));
  if (region == NULL)
    return g_steal_pointer (&what);
  return g_strdup_printf ("%s, %s", what, region);
}

static void
notify_ecs (WharfContext *self,
            const char   *property)
{
  g_object_notify (G_OBJECT (self), property);
  g_object_notify (G_OBJECT (self), "endpoint");
}

/* Docker's integration stores the same object under "docker" and "ecs". */
static void
set_endpoint_member (WharfContext *self,
                     const char   *key,
                     JsonNode     *value)
{
  const char *endpoints[] = { "docker", WHARF_CONTEXT_TYPE_ECS };

  for (gsize i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      JsonObject *endpoint = wharf_json_ensure_object (wharf_context_ensure_endpoints (self), endpoints[i]);

      if (value == NULL)
        json_object_remove_member (endpoint, key);
      else
        json_object_set_member (endpoint, key, json_node_copy (value));
    }
  g_clear_pointer (&value, json_node_unref);
}

void
wharf_context_set_credentials (WharfContext            *self,
                               WharfContextCredentials  credentials,
                               const char              *profile)
{
  gboolean from_env = credentials == WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT;

  g_return_if_fail (WHARF_IS_CONTEXT (self));
  g_return_if_fail (wharf_context_is_ecs (self));
  g_return_if_fail (credentials != WHARF_CONTEXT_CREDENTIALS_NONE);

  set_endpoint_member (self, "CredentialsFromEnv",
                       from_env ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL);
  set_endpoint_member (self, "Profile",
                       !from_env && profile != NULL && *profile != '\0'
                       ? json_node_init_string (json_node_alloc (), profile) : NULL);
  g_object_notify (G_OBJECT (self), "profile");
  notify_ecs (self, "credentials");
}

void
wharf_context_set_region (WharfContext *self,
                          const char   *region)
{
  g_return_if_fail (WHARF_IS_CONTEXT (self));
  g_return_if_fail (wharf_context_is_ecs (self));

  set_endpoint_member (self, "Region",
                       region != NULL && *region != '\0'
                       ? json_node_init_string (json_node_alloc (), region) : NULL);
  notify_ecs (self, "region");
}
