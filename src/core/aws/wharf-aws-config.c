/* wharf-aws-config.c: environment, files, profile, region and endpoints of
 * the AWS shared configuration (the credential chain is in
 * wharf-aws-credentials-chain.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wharf-aws-config.h"
#include "wharf-aws-credentials-private.h"

struct _WharfAwsConfig
{
  GObject              parent_instance;

  GStrv                envp;
  char                *config_path;
  char                *credentials_path;
  WharfAwsProfileFile *config;
  WharfAwsProfileFile *credentials;
  char                *profile_override;
  char                *region_override;

  GMutex               cache_lock;
  GHashTable          *cache;        /* key → WharfAwsCredentials */

  WharfAwsAssumeRoleFunc assume_role_func;
  gpointer             assume_role_data;
  GDestroyNotify       assume_role_destroy;
  WharfAwsSsoFunc      sso_func;
  gpointer             sso_data;
  GDestroyNotify       sso_destroy;
};

G_DEFINE_FINAL_TYPE (WharfAwsConfig, wharf_aws_config, G_TYPE_OBJECT)

static void
wharf_aws_config_finalize (GObject *object)
{
  WharfAwsConfig *self = WHARF_AWS_CONFIG (object);

  g_strfreev (self->envp);
  g_free (self->config_path);
  g_free (self->credentials_path);
  g_clear_pointer (&self->config, wharf_aws_profile_file_free);
  g_clear_pointer (&self->credentials, wharf_aws_profile_file_free);
  g_free (self->profile_override);
  g_free (self->region_override);
  g_hash_table_unref (self->cache);
  g_mutex_clear (&self->cache_lock);
  if (self->assume_role_destroy != NULL)
    self->assume_role_destroy (self->assume_role_data);
  if (self->sso_destroy != NULL)
    self->sso_destroy (self->sso_data);

  G_OBJECT_CLASS (wharf_aws_config_parent_class)->finalize (object);
}

static void
wharf_aws_config_class_init (WharfAwsConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_aws_config_finalize;
}

static void
wharf_aws_config_init (WharfAwsConfig *self)
{
  g_mutex_init (&self->cache_lock);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) wharf_aws_credentials_unref);
  self->config = wharf_aws_profile_file_new ();
  self->credentials = wharf_aws_profile_file_new ();
}

const char *
wharf_aws_config_getenv (WharfAwsConfig *self,
                         const char     *name)
{
  const char *value = g_environ_getenv (self->envp, name);

  /* An empty variable counts as unset, as in botocore. */
  return value != NULL && *value != '\0' ? value : NULL;
}

const char * const *
wharf_aws_config_get_environ (WharfAwsConfig *self)
{
  return (const char * const *) self->envp;
}

char *
wharf_aws_config_expand_path (WharfAwsConfig *self,
                              const char     *path)
{
  GString *out = g_string_new (NULL);
  const char *p = path;

  if (path[0] == '~' && (path[1] == '/' || path[1] == '\0'))
    {
      const char *home = wharf_aws_config_getenv (self, "HOME");
      g_string_append (out, home != NULL ? home : g_get_home_dir ());
      p++;
    }
  while (*p != '\0')
    {
      gboolean braced = p[0] == '$' && p[1] == '{';
      const char *name = p + (braced ? 2 : 1);
      gsize len = 0;

      if (*p != '$')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      while (g_ascii_isalnum (name[len]) || name[len] == '_')
        len++;
      if (len == 0 || (braced && name[len] != '}'))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      {
        g_autofree char *var = g_strndup (name, len);
        const char *value = wharf_aws_config_getenv (self, var);
        g_string_append (out, value != NULL ? value : "");
      }
      p = name + len + (braced ? 1 : 0);
    }
  return g_string_free (out, FALSE);
}

WharfAwsConfig *
wharf_aws_config_new (const char * const *envp)
{
  WharfAwsConfig *self = g_object_new (WHARF_TYPE_AWS_CONFIG, NULL);
  const char *config = NULL, *credentials = NULL;

  self->envp = envp != NULL ? g_strdupv ((GStrv) envp) : g_get_environ ();
  config = wharf_aws_config_getenv (self, "AWS_CONFIG_FILE");
  credentials = wharf_aws_config_getenv (self, "AWS_SHARED_CREDENTIALS_FILE");
  self->config_path = wharf_aws_config_expand_path (self, config != NULL ? config : "~/.aws/config");
  self->credentials_path = wharf_aws_config_expand_path (self, credentials != NULL
                                                         ? credentials : "~/.aws/credentials");
  return self;
}

const char *
wharf_aws_config_get_config_path (WharfAwsConfig *self)
{
  return self->config_path;
}

const char *
wharf_aws_config_get_credentials_path (WharfAwsConfig *self)
{
  return self->credentials_path;
}

static void
replace_files (WharfAwsConfig      *self,
               WharfAwsProfileFile *config,
               WharfAwsProfileFile *credentials)
{
  g_clear_pointer (&self->config, wharf_aws_profile_file_free);
  g_clear_pointer (&self->credentials, wharf_aws_profile_file_free);
  self->config = config;
  self->credentials = credentials;
  wharf_aws_config_clear_cache (self);
}

gboolean
wharf_aws_config_load (WharfAwsConfig *self,
                       GError        **error)
{
  g_autoptr(WharfAwsProfileFile) config = NULL;
  g_autoptr(WharfAwsProfileFile) credentials = NULL;

  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (self), FALSE);

  config = wharf_aws_profile_file_load (self->config_path, error);
  if (config == NULL)
    return FALSE;
  credentials = wharf_aws_profile_file_load (self->credentials_path, error);
  if (credentials == NULL)
    return FALSE;
  replace_files (self, g_steal_pointer (&config), g_steal_pointer (&credentials));
  return TRUE;
}

gboolean
wharf_aws_config_load_from_data (WharfAwsConfig *self,
                                 const char     *config_data,
                                 const char     *credentials_data,
                                 GError        **error)
{
  g_autoptr(WharfAwsProfileFile) config = NULL;
  g_autoptr(WharfAwsProfileFile) credentials = NULL;

  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (self), FALSE);

  config = wharf_aws_profile_file_parse (config_data != NULL ? config_data : "",
                                         config_data != NULL ? strlen (config_data) : 0,
                                         self->config_path, error);
  if (config == NULL)
    return FALSE;
  credentials = wharf_aws_profile_file_parse (credentials_data != NULL ? credentials_data : "",
                                              credentials_data != NULL ? strlen (credentials_data) : 0,
                                              self->credentials_path, error);
  if (credentials == NULL)
    return FALSE;
  replace_files (self, g_steal_pointer (&config), g_steal_pointer (&credentials));
  return TRUE;
}

const WharfAwsProfileFile *
wharf_aws_config_get_config_file (WharfAwsConfig *self)
{
  return self->config;
}

const WharfAwsProfileFile *
wharf_aws_config_get_credentials_file (WharfAwsConfig *self)
{
  return self->credentials;
}

void
wharf_aws_config_set_profile (WharfAwsConfig *self,
                              const char     *profile)
{
  g_return_if_fail (WHARF_IS_AWS_CONFIG (self));
  g_free (self->profile_override);
  self->profile_override = g_strdup (profile);
}

void
wharf_aws_config_set_region (WharfAwsConfig *self,
                             const char     *region)
{
  g_return_if_fail (WHARF_IS_AWS_CONFIG (self));
  g_free (self->region_override);
  self->region_override = g_strdup (region);
}

gboolean
wharf_aws_config_has_profile_override (WharfAwsConfig *self)
{
  return self->profile_override != NULL && *self->profile_override != '\0';
}

const char *
wharf_aws_config_get_profile_name (WharfAwsConfig *self)
{
  const char *name;

  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (self), NULL);

  if (self->profile_override != NULL && *self->profile_override != '\0')
    return self->profile_override;
  if ((name = wharf_aws_config_getenv (self, "AWS_PROFILE")) != NULL)
    return name;
  if ((name = wharf_aws_config_getenv (self, "AWS_DEFAULT_PROFILE")) != NULL)
    return name;
  return "default";
}

char *
wharf_aws_config_dup_section_for (WharfAwsConfig *self,
                                  const char     *profile)
{
  return wharf_aws_profile_file_find_profile_section (self->config, profile);
}

gboolean
wharf_aws_config_has_profile (WharfAwsConfig *self,
                              const char     *profile)
{
  g_autofree char *section = NULL;

  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (self), FALSE);

  if (profile == NULL)
    profile = wharf_aws_config_get_profile_name (self);
  if (wharf_aws_profile_file_has_section (self->credentials, profile))
    return TRUE;
  section = wharf_aws_config_dup_section_for (self, profile);
  return section != NULL;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
wharf_aws_config_list_profiles (WharfAwsConfig *self)
{
  g_auto(GStrv) config = wharf_aws_profile_file_get_sections (self->config);
  g_auto(GStrv) credentials = wharf_aws_profile_file_get_sections (self->credentials);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; config[i] != NULL; i++)
    {
      char *name = wharf_aws_profile_file_profile_of_section (config[i]);
      if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, name);
      else
        g_free (name);
    }
  for (guint i = 0; credentials[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (names, credentials[i], g_str_equal, NULL))
      g_ptr_array_add (names, g_strdup (credentials[i]));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

const char *
wharf_aws_config_get_value (WharfAwsConfig *self,
                            const char     *profile,
                            const char     *key)
{
  g_autofree char *section = NULL;
  const char *value;

  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (self), NULL);

  if (profile == NULL)
    profile = wharf_aws_config_get_profile_name (self);
  value = wharf_aws_profile_file_get (self->credentials, profile, key);
  if (value != NULL)
    return value;
  section = wharf_aws_config_dup_section_for (self, profile);
  return section != NULL ? wharf_aws_profile_file_get (self->config, section, key) : NULL;
}

const char *
wharf_aws_config_get_setting (WharfAwsConfig *self,
                              const char     *env_name,
                              const char     *key)
{
  const char *value;

  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (self), NULL);

  if (env_name != NULL && (value = wharf_aws_config_getenv (self, env_name)) != NULL)
    return value;
  value = key != NULL ? wharf_aws_config_get_value (self, NULL, key) : NULL;
  return value != NULL && *value != '\0' ? value : NULL;
}

char *
wharf_aws_config_dup_region (WharfAwsConfig *self,
                             GError        **error)
{
  const char *region;

  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (self), NULL);

  if (self->region_override != NULL && *self->region_override != '\0')
    return g_strdup (self->region_override);
  if ((region = wharf_aws_config_getenv (self, "AWS_REGION")) != NULL ||
      (region = wharf_aws_config_getenv (self, "AWS_DEFAULT_REGION")) != NULL)
    return g_strdup (region);
  region = wharf_aws_config_get_value (self, NULL, "region");
  if (region != NULL && *region != '\0')
    return g_strdup (region);
  g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_NO_REGION,
               _("You must specify a region: set AWS_REGION, or “region” in profile “%s”"),
               wharf_aws_config_get_profile_name (self));
  return NULL;
}

/* ---- hooks and cache ------------------------------------------------------ */

void
wharf_aws_config_set_assume_role_func (WharfAwsConfig        *self,
                                       WharfAwsAssumeRoleFunc func,
                                       gpointer               user_data,
                                       GDestroyNotify         destroy)
{
  g_return_if_fail (WHARF_IS_AWS_CONFIG (self));

  if (self->assume_role_destroy != NULL)
    self->assume_role_destroy (self->assume_role_data);
  self->assume_role_func = func;
  self->assume_role_data = user_data;
  self->assume_role_destroy = destroy;
}

void
wharf_aws_config_set_sso_func (WharfAwsConfig *self,
                               WharfAwsSsoFunc func,
                               gpointer        user_data,
                               GDestroyNotify  destroy)
{
  g_return_if_fail (WHARF_IS_AWS_CONFIG (self));

  if (self->sso_destroy != NULL)
    self->sso_destroy (self->sso_data);
  self->sso_func = func;
  self->sso_data = user_data;
  self->sso_destroy = destroy;
}

WharfAwsCredentials *
wharf_aws_config_call_assume_role (WharfAwsConfig                 *self,
                                   const WharfAwsAssumeRoleParams *params,
                                   GCancellable                   *cancellable,
                                   GError                        **error)
{
  if (self->assume_role_func == NULL)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_UNSUPPORTED,
                   _("Profile “%s” assumes a role, but no STS client is available"),
                   params->profile);
      return NULL;
    }
  return self->assume_role_func (params, self->assume_role_data, cancellable, error);
}

WharfAwsCredentials *
wharf_aws_config_call_sso (WharfAwsConfig          *self,
                           const WharfAwsSsoParams *params,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  if (self->sso_func == NULL)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_UNSUPPORTED,
                   _("Profile “%s” uses SSO, but no SSO client is available"), params->profile);
      return NULL;
    }
  return self->sso_func (params, self->sso_data, cancellable, error);
}

WharfAwsCredentials *
wharf_aws_config_cache_lookup (WharfAwsConfig *self,
                               const char     *key)
{
  WharfAwsCredentials *found;
  WharfAwsCredentials *result = NULL;

  g_mutex_lock (&self->cache_lock);
  found = g_hash_table_lookup (self->cache, key);
  if (found != NULL && !wharf_aws_credentials_expires_within (found, NULL, WHARF_AWS_REFRESH_MARGIN))
    result = wharf_aws_credentials_ref (found);
  g_mutex_unlock (&self->cache_lock);
  return result;
}

void
wharf_aws_config_cache_store (WharfAwsConfig      *self,
                              const char          *key,
                              WharfAwsCredentials *credentials)
{
  g_mutex_lock (&self->cache_lock);
  g_hash_table_replace (self->cache, g_strdup (key), wharf_aws_credentials_ref (credentials));
  g_mutex_unlock (&self->cache_lock);
}

void
wharf_aws_config_clear_cache (WharfAwsConfig *self)
{
  g_return_if_fail (WHARF_IS_AWS_CONFIG (self));

  g_mutex_lock (&self->cache_lock);
  g_hash_table_remove_all (self->cache);
  g_mutex_unlock (&self->cache_lock);
}
