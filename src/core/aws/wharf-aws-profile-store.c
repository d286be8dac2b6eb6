/* wharf-aws-profile-store.c: profiles in ~/.aws/config and
 * ~/.aws/credentials, edited the way the AWS CLI edits them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wharf-aws-profile-store.h"

struct _WharfAwsProfileStore
{
  GObject     parent_instance;

  char       *config_path;
  char       *credentials_path;
  GListStore *profiles;
};

G_DEFINE_FINAL_TYPE (WharfAwsProfileStore, wharf_aws_profile_store, G_TYPE_OBJECT)

static const char * const credentials_keys[] = {
  "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_security_token", NULL,
};

static void
wharf_aws_profile_store_finalize (GObject *object)
{
  WharfAwsProfileStore *self = WHARF_AWS_PROFILE_STORE (object);

  g_free (self->config_path);
  g_free (self->credentials_path);
  g_object_unref (self->profiles);

  G_OBJECT_CLASS (wharf_aws_profile_store_parent_class)->finalize (object);
}

static void
wharf_aws_profile_store_class_init (WharfAwsProfileStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_aws_profile_store_finalize;
}

static void
wharf_aws_profile_store_init (WharfAwsProfileStore *self)
{
  self->profiles = g_list_store_new (WHARF_TYPE_AWS_PROFILE);
}

WharfAwsProfileStore *
wharf_aws_profile_store_new (const char *config_path,
                             const char *credentials_path)
{
  WharfAwsProfileStore *self;

  g_return_val_if_fail (config_path != NULL && credentials_path != NULL, NULL);

  self = g_object_new (WHARF_TYPE_AWS_PROFILE_STORE, NULL);
  self->config_path = g_strdup (config_path);
  self->credentials_path = g_strdup (credentials_path);
  return self;
}

WharfAwsProfileStore *
wharf_aws_profile_store_new_for_config (WharfAwsConfig *config)
{
  g_return_val_if_fail (WHARF_IS_AWS_CONFIG (config), NULL);

  return wharf_aws_profile_store_new (wharf_aws_config_get_config_path (config),
                                      wharf_aws_config_get_credentials_path (config));
}

const char *
wharf_aws_profile_store_get_config_path (WharfAwsProfileStore *self)
{
  return self->config_path;
}

const char *
wharf_aws_profile_store_get_credentials_path (WharfAwsProfileStore *self)
{
  return self->credentials_path;
}

GListModel *
wharf_aws_profile_store_get_profiles (WharfAwsProfileStore *self)
{
  g_return_val_if_fail (WHARF_IS_AWS_PROFILE_STORE (self), NULL);
  return G_LIST_MODEL (self->profiles);
}

WharfAwsProfile *
wharf_aws_profile_store_lookup (WharfAwsProfileStore *self,
                                const char           *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WharfAwsProfile) profile = g_list_model_get_item (G_LIST_MODEL (self->profiles), i);
      if (strcmp (wharf_aws_profile_get_name (profile), name) == 0)
        return profile; /* the store keeps its reference */
    }
  return NULL;
}

gboolean
wharf_aws_profile_name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0' || *name == '#' || *name == ';' ||
      !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || *p == '[' || *p == ']' ||
        *p == '"' || *p == '\'')
      return FALSE;
  return TRUE;
}

static void
add_section_values (GHashTable                *values,
                    const WharfAwsProfileFile *file,
                    const char                *section)
{
  g_auto(GStrv) keys = section != NULL ? wharf_aws_profile_file_get_keys (file, section) : NULL;

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    g_hash_table_replace (values, g_ascii_strdown (keys[i], -1),
                          g_strdup (wharf_aws_profile_file_get (file, section, keys[i])));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Rebuilds the list from the two files (credentials file values win). */
static void
refresh (WharfAwsProfileStore      *self,
         const WharfAwsProfileFile *config,
         const WharfAwsProfileFile *credentials)
{
  g_auto(GStrv) config_sections = wharf_aws_profile_file_get_sections (config);
  g_auto(GStrv) credentials_sections = wharf_aws_profile_file_get_sections (credentials);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; config_sections[i] != NULL; i++)
    {
      char *name = wharf_aws_profile_file_profile_of_section (config_sections[i]);
      if (name != NULL && !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, name);
      else
        g_free (name);
    }
  for (guint i = 0; credentials_sections[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (names, credentials_sections[i], g_str_equal, NULL))
      g_ptr_array_add (names, g_strdup (credentials_sections[i]));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *section = wharf_aws_profile_file_find_profile_section (config, name);
      g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      add_section_values (values, config, section);
      if (wharf_aws_profile_file_has_section (credentials, name))
        add_section_values (values, credentials, name);
      g_ptr_array_add (profiles, wharf_aws_profile_new (name, values));
    }
  g_list_store_splice (self->profiles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->profiles)),
                       profiles->pdata, profiles->len);
}

static gboolean
read_files (WharfAwsProfileStore *self,
            WharfAwsProfileFile **config,
            WharfAwsProfileFile **credentials,
            GError              **error)
{
  *config = wharf_aws_profile_file_load (self->config_path, error);
  if (*config == NULL)
    return FALSE;
  *credentials = wharf_aws_profile_file_load (self->credentials_path, error);
  if (*credentials == NULL)
    {
      g_clear_pointer (config, wharf_aws_profile_file_free);
      return FALSE;
    }
  return TRUE;
}

gboolean
wharf_aws_profile_store_load (WharfAwsProfileStore *self,
                              GError              **error)
{
  g_autoptr(WharfAwsProfileFile) config = NULL;
  g_autoptr(WharfAwsProfileFile) credentials = NULL;

  g_return_val_if_fail (WHARF_IS_AWS_PROFILE_STORE (self), FALSE);

  if (!read_files (self, &config, &credentials, error))
    return FALSE;
  refresh (self, config, credentials);
  return TRUE;
}

/* ---- changes ------------------------------------------------------------- */

/* Takes MESSAGE. */
static gboolean
invalid (GError **error,
         char    *message)
{
  g_set_error_literal (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_ARGUMENT, message);
  g_free (message);
  return FALSE;
}

static gboolean
check_changes (const char *name,
               GHashTable *changes,
               gboolean    allow_removal,
               GError    **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (!wharf_aws_profile_name_is_valid (name))
    return invalid (error, g_strdup_printf (_("“%s” is not a valid profile name (no spaces, "
                                              "brackets or quotes)"), name != NULL ? name : ""));
  if (changes == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, changes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *k = key, *v = value;

      if (*k == '\0' || strspn (k, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen (k))
        return invalid (error, g_strdup_printf (_("“%s” is not a valid setting name (lower-case "
                                                  "letters, digits and “_”)"), k));
      if (v == NULL && !allow_removal)
        return invalid (error, g_strdup_printf (_("Setting “%s” has no value"), k));
      if (v != NULL && (strpbrk (v, "\r\n") != NULL || *v == '\0' || g_ascii_isspace (*v) ||
                        g_ascii_isspace (v[strlen (v) - 1]) || !g_utf8_validate (v, -1, NULL)))
        return invalid (error, g_strdup_printf (_("The value of “%s” must be one line of text "
                                                  "without surrounding spaces"), k));
    }
  return TRUE;
}

/* The config section for NAME as the CLI names it. */
static char *
config_section_name (const WharfAwsProfileFile *config,
                     const char                *name)
{
  char *existing = wharf_aws_profile_file_find_profile_section (config, name);

  if (existing != NULL)
    return existing;
  return strcmp (name, "default") == 0 ? g_strdup ("default") : g_strconcat ("profile ", name, NULL);
}

static void
apply_change (WharfAwsProfileFile *config,
              WharfAwsProfileFile *credentials,
              const char          *name,
              const char          *key,
              const char          *value)
{
  g_autofree char *section = config_section_name (config, name);
  gboolean in_credentials = wharf_aws_profile_file_get (credentials, name, key) != NULL;
  gboolean in_config = wharf_aws_profile_file_get (config, section, key) != NULL;

  if (value == NULL)
    {
      wharf_aws_profile_file_remove_key (credentials, name, key);
      wharf_aws_profile_file_remove_key (config, section, key);
    }
  else if (in_credentials || (!in_config && g_strv_contains (credentials_keys, key)))
    wharf_aws_profile_file_set (credentials, name, key, value);
  else
    wharf_aws_profile_file_set (config, section, key, value);
}

static gboolean
profile_exists (const WharfAwsProfileFile *config,
                const WharfAwsProfileFile *credentials,
                const char                *name)
{
  g_autofree char *section = wharf_aws_profile_file_find_profile_section (config, name);

  return section != NULL || wharf_aws_profile_file_has_section (credentials, name);
}

/* Writes the files whose text changed, then refreshes the list. */
static gboolean
save (WharfAwsProfileStore      *self,
      const WharfAwsProfileFile *config,
      const char                *config_before,
      const WharfAwsProfileFile *credentials,
      const char                *credentials_before,
      GError                   **error)
{
  g_autofree char *config_after = wharf_aws_profile_file_to_data (config, NULL);
  g_autofree char *credentials_after = wharf_aws_profile_file_to_data (credentials, NULL);

  if (strcmp (credentials_before, credentials_after) != 0 &&
      !wharf_aws_profile_file_save (credentials, self->credentials_path, 0600, error))
    return FALSE;
  if (strcmp (config_before, config_after) != 0 &&
      !wharf_aws_profile_file_save (config, self->config_path, -1, error))
    return FALSE;
  explicit_bzero (credentials_after, strlen (credentials_after));
  refresh (self, config, credentials);
  return TRUE;
}

typedef enum {
  MODE_CREATE,
  MODE_EDIT,
  MODE_DELETE,
} ChangeMode;

static gboolean
change (WharfAwsProfileStore *self,
        const char           *name,
        GHashTable           *changes,
        ChangeMode            mode,
        GError              **error)
{
  g_autoptr(WharfAwsProfileFile) config = NULL;
  g_autoptr(WharfAwsProfileFile) credentials = NULL;
  g_autofree char *config_before = NULL;
  g_autofree char *credentials_before = NULL;
  gboolean exists, ok;

  g_return_val_if_fail (WHARF_IS_AWS_PROFILE_STORE (self), FALSE);

  if (!check_changes (name, changes, mode == MODE_EDIT, error))
    return FALSE;
  /* Re-read first: another tool (or `aws configure`) may have written. */
  if (!read_files (self, &config, &credentials, error))
    return FALSE;
  config_before = wharf_aws_profile_file_to_data (config, NULL);
  credentials_before = wharf_aws_profile_file_to_data (credentials, NULL);

  exists = profile_exists (config, credentials, name);
  if (mode == MODE_CREATE && exists)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PROFILE_EXISTS,
                   _("A profile named “%s” already exists"), name);
      return FALSE;
    }
  if (mode != MODE_CREATE && !exists)
    {
      g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PROFILE_NOT_FOUND,
                   _("The config profile (%s) could not be found"), name);
      return FALSE;
    }

  if (mode == MODE_DELETE)
    {
      char *section;

      wharf_aws_profile_file_remove_section (credentials, name);
      while ((section = wharf_aws_profile_file_find_profile_section (config, name)) != NULL)
        {
          wharf_aws_profile_file_remove_section (config, section);
          g_free (section);
        }
    }
  else
    {
      GHashTableIter iter;
      gpointer key, value;

      if (changes != NULL)
        {
          g_hash_table_iter_init (&iter, changes);
          while (g_hash_table_iter_next (&iter, &key, &value))
            apply_change (config, credentials, name, key, value);
        }
      /* A new profile always exists afterwards, even without settings. */
      if (mode == MODE_CREATE && !profile_exists (config, credentials, name))
        {
          g_autofree char *section = config_section_name (config, name);
          wharf_aws_profile_file_add_section (config, section);
        }
    }

  ok = save (self, config, config_before, credentials, credentials_before, error);
  explicit_bzero (credentials_before, strlen (credentials_before));
  return ok;
}

gboolean
wharf_aws_profile_store_create (WharfAwsProfileStore *self,
                                const char           *name,
                                GHashTable           *settings,
                                GError              **error)
{
  return change (self, name, settings, MODE_CREATE, error);
}

gboolean
wharf_aws_profile_store_edit (WharfAwsProfileStore *self,
                              const char           *name,
                              GHashTable           *changes,
                              GError              **error)
{
  return change (self, name, changes, MODE_EDIT, error);
}

gboolean
wharf_aws_profile_store_delete (WharfAwsProfileStore *self,
                                const char           *name,
                                GError              **error)
{
  return change (self, name, NULL, MODE_DELETE, error);
}
