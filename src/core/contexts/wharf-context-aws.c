/* wharf-context-aws.c: ECS contexts and the AWS profiles they name.
 *
 * Docker's integration wrote keys to the profile "default" (overwriting
 * whatever was there) and the region to a section the AWS CLI does not
 * read for that profile, so deployments went to us-east-1
 * (compose-cli-ecs.md §7 item 1). Here the profile gets the context's
 * name, an existing one is never touched, and the region goes through the
 * profile store to exactly where the AWS CLI reads it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-aws-config.h"
#include "wharf-context-aws.h"
#include "wharf-context-private.h"

static gboolean
key_is (const char *key,
        const char *a,
        const char *b)
{
  return g_ascii_strcasecmp (key, a) == 0 || g_ascii_strcasecmp (key, b) == 0;
}

static char *
csv_field (const char *field)
{
  g_autofree char *copy = g_strstrip (g_strdup (field));
  gsize len = strlen (copy);

  if (len >= 2 && copy[0] == '"' && copy[len - 1] == '"')
    return g_strndup (copy + 1, len - 2);
  return g_steal_pointer (&copy);
}

/* The IAM console's CSV: a header naming the columns, then one row. */
static void
read_csv (char **lines,
          guint  header,
          char **access_key_id,
          char **secret_access_key)
{
  g_auto(GStrv) names = g_strsplit (lines[header], ",", -1);
  g_auto(GStrv) values = NULL;
  int id_column = -1, secret_column = -1;

  for (guint i = header + 1; lines[i] != NULL && values == NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      values = g_strsplit (lines[i], ",", -1);
  if (values == NULL)
    return;
  for (int i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = csv_field (names[i]);

      if (key_is (name, "Access key ID", "AWSAccessKeyId"))
        id_column = i;
      else if (key_is (name, "Secret access key", "AWSSecretKey"))
        secret_column = i;
    }
  if (id_column >= 0 && (guint) id_column < g_strv_length (values))
    *access_key_id = csv_field (values[id_column]);
  if (secret_column >= 0 && (guint) secret_column < g_strv_length (values))
    *secret_access_key = csv_field (values[secret_column]);
}

static gboolean
looks_like_key_id (const char *value)
{
  gsize len = strlen (value);

  if (len < 3 || len > 128)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static gboolean
looks_like_secret (const char *value)
{
  if (strlen (value) < 3)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isgraph (*p))
      return FALSE;
  return TRUE;
}

gboolean
wharf_context_read_access_keys (const char  *data,
                                gssize       length,
                                const char  *path,
                                char       **access_key_id,
                                char       **secret_access_key,
                                GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  const char *start;

  g_return_val_if_fail (data != NULL, FALSE);

  if (length < 0)
    length = strlen (data);
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE,
                   _("Could not read the access keys in “%s”: the file is not text"), path);
      return FALSE;
    }
  start = length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? data + 3 : data;
  text = g_strndup (start, length - (start - data));
  g_strdelimit (text, "\r", '\n');
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *eq;

      if (*line == '\0' || *line == '#')
        continue;
      eq = strchr (line, '=');
      if (eq == NULL)
        {
          read_csv (lines, i, &id, &secret);
          break;
        }
      *eq = '\0';
      g_strstrip (line);
      if (key_is (line, "AWSAccessKeyId", "aws_access_key_id"))
        {
          g_free (id);
          id = g_strdup (g_strstrip (eq + 1));
        }
      else if (key_is (line, "AWSSecretKey", "aws_secret_access_key"))
        {
          g_free (secret);
          secret = g_strdup (g_strstrip (eq + 1));
        }
    }

  if (id == NULL || secret == NULL)
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE,
                   _("“%s” holds no access key: it needs “AWSAccessKeyId=…” and “AWSSecretKey=…” lines, "
                     "or the IAM console’s CSV (“Access key ID,Secret access key”)"), path);
      return FALSE;
    }
  if (!looks_like_key_id (id))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE,
                   _("The access key ID in “%s” is not one (letters and digits, like AKIA…)"), path);
      return FALSE;
    }
  if (!looks_like_secret (secret))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_PARSE,
                   _("The secret access key in “%s” is too short or holds spaces"), path);
      return FALSE;
    }
  *access_key_id = g_steal_pointer (&id);
  *secret_access_key = g_steal_pointer (&secret);
  return TRUE;
}

gboolean
wharf_context_check_profile (WharfAwsProfileStore  *profiles,
                             const char            *profile,
                             GError               **error)
{
  g_return_val_if_fail (WHARF_IS_AWS_PROFILE_STORE (profiles), FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!wharf_aws_profile_store_load (profiles, error))
    return FALSE;
  if (wharf_aws_profile_store_lookup (profiles, profile) == NULL)
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID,
                   _("AWS profile “%s” not found in “%s” or “%s”"), profile,
                   wharf_aws_profile_store_get_config_path (profiles),
                   wharf_aws_profile_store_get_credentials_path (profiles));
      return FALSE;
    }
  return TRUE;
}

WharfContext *
wharf_context_store_create_from_keys (WharfContextStore     *self,
                                      WharfAwsProfileStore  *profiles,
                                      const char            *name,
                                      const char            *access_key_id,
                                      const char            *secret_access_key,
                                      const char            *region,
                                      const char            *description,
                                      GError               **error)
{
  g_autoptr(WharfContext) context = NULL;
  g_autoptr(WharfContext) existing = NULL;
  g_autoptr(GHashTable) settings = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), NULL);
  g_return_val_if_fail (WHARF_IS_AWS_PROFILE_STORE (profiles), NULL);
  g_return_val_if_fail (access_key_id != NULL && secret_access_key != NULL, NULL);

  /* Every check that can fail comes before the profile is written. */
  context = wharf_context_new_ecs (name, WHARF_CONTEXT_CREDENTIALS_PROFILE, name, NULL, description);
  if (!wharf_context_name_is_valid (name, error))
    return NULL;
  if (region == NULL || !wharf_context_region_is_valid (region, error))
    {
      if (region == NULL)
        g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID,
                     _("A region is needed to create a profile from access keys"));
      return NULL;
    }
  existing = wharf_context_store_lookup (self, name, &local_error);
  if (existing != NULL || g_str_equal (name, WHARF_CONTEXT_DEFAULT_NAME))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR,
                   existing != NULL && !wharf_context_is_default (existing)
                   ? WHARF_CONTEXT_ERROR_EXISTS : WHARF_CONTEXT_ERROR_INVALID_NAME,
                   _("Context “%s” already exists"), name);
      return NULL;
    }
  if (!g_error_matches (local_error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  settings = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (settings, (gpointer) "aws_access_key_id", (gpointer) access_key_id);
  g_hash_table_insert (settings, (gpointer) "aws_secret_access_key", (gpointer) secret_access_key);
  g_hash_table_insert (settings, (gpointer) "region", (gpointer) region);
  if (!wharf_aws_profile_store_load (profiles, error) ||
      !wharf_aws_profile_store_create (profiles, name, settings, error))
    return NULL;

  if (!wharf_context_store_create (self, context, error))
    {
      g_autoptr(GError) undo_error = NULL;

      if (!wharf_aws_profile_store_delete (profiles, name, &undo_error))
        g_warning ("Could not remove the AWS profile “%s” again: %s", name, undo_error->message);
      return NULL;
    }
  return g_steal_pointer (&context);
}

static gboolean
has_env (WharfAwsConfig *config,
         const char     *name)
{
  const char *value = wharf_aws_config_getenv (config, name);

  return value != NULL && *value != '\0';
}

gboolean
wharf_context_apply_to_aws_config (WharfContext    *context,
                                   WharfAwsConfig  *config,
                                   GError         **error)
{
  const char *region;

  g_return_val_if_fail (WHARF_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (config), FALSE);

  if (wharf_context_is_default (context))
    return TRUE;
  if (wharf_context_get_error (context) != NULL)
    {
      g_propagate_error (error, g_error_copy (wharf_context_get_error (context)));
      return FALSE;
    }
  if (!wharf_context_is_ecs (context))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID,
                   _("Context “%s” is a “%s” context: Wharf deploys with ECS contexts "
                     "(“wharf-cli context create ecs NAME”)"),
                   wharf_context_get_name (context), wharf_context_get_context_type (context));
      return FALSE;
    }

  region = wharf_context_get_region (context);
  if (wharf_context_get_credentials (context) == WHARF_CONTEXT_CREDENTIALS_ENVIRONMENT)
    {
      if (!has_env (config, "AWS_PROFILE") &&
          !(has_env (config, "AWS_ACCESS_KEY_ID") && has_env (config, "AWS_SECRET_ACCESS_KEY")))
        {
          g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID,
                       _("Context “%s” reads the AWS credentials from the environment: set AWS_PROFILE, "
                         "or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
                       wharf_context_get_name (context));
          return FALSE;
        }
      wharf_aws_config_set_profile (config, NULL);
    }
  else
    wharf_aws_config_set_profile (config, wharf_context_get_profile (context));
  /* A region stored in the context wins; else the profile's, or
   * AWS_REGION / AWS_DEFAULT_REGION, as the AWS CLI decides. */
  if (region != NULL)
    wharf_aws_config_set_region (config, region);
  return TRUE;
}

gboolean
wharf_context_store_apply_to_aws_config (WharfContextStore     *self,
                                         const char            *name,
                                         WharfContextAwsFlags   flags,
                                         WharfAwsConfig        *config,
                                         GError               **error)
{
  g_autoptr(WharfContext) context = NULL;

  g_return_val_if_fail (WHARF_IS_CONTEXT_STORE (self), FALSE);
  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (config), FALSE);

  if (name == NULL)
    {
      if ((flags & WHARF_CONTEXT_AWS_FOLLOW_CURRENT) == 0)
        return TRUE;
      /* Nobody chose: a current context Wharf cannot deploy with (a Docker
       * engine, or none readable) is no reason to fail, the AWS chain
       * decides as it would without Docker. */
      context = wharf_context_store_lookup_current (self, NULL);
      if (context == NULL || !wharf_context_is_ecs (context))
        return TRUE;
      return wharf_context_apply_to_aws_config (context, config, error);
    }

  context = wharf_context_store_lookup (self, name, error);
  if (context == NULL)
    return FALSE;
  if (!wharf_context_is_ecs (context) &&
      ((flags & WHARF_CONTEXT_AWS_ECS_ONLY) != 0 || !wharf_context_is_default (context)))
    {
      g_set_error (error, WHARF_CONTEXT_ERROR, WHARF_CONTEXT_ERROR_INVALID,
                   _("The context “%s” is not an Amazon ECS context"), name);
      return FALSE;
    }
  return wharf_context_apply_to_aws_config (context, config, error);
}
