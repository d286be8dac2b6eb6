/* wharf-aws-profile.c: an AWS profile snapshot for listings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wharf-aws-profile.h"

struct _WharfAwsProfile
{
  GObject              parent_instance;

  char                *name;
  GHashTable          *values;     /* lower-case key → value, no secrets */
  WharfAwsProfileKind  kind;
  gboolean             has_credentials;
  char                *access_key_hint;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_REGION,
  PROP_KIND,
  PROP_HAS_CREDENTIALS,
  PROP_ACCESS_KEY_HINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (WharfAwsProfileKind, wharf_aws_profile_kind,
  G_DEFINE_ENUM_VALUE (WHARF_AWS_PROFILE_KIND_NONE, "none"),
  G_DEFINE_ENUM_VALUE (WHARF_AWS_PROFILE_KIND_KEYS, "keys"),
  G_DEFINE_ENUM_VALUE (WHARF_AWS_PROFILE_KIND_SSO, "sso"),
  G_DEFINE_ENUM_VALUE (WHARF_AWS_PROFILE_KIND_ROLE, "role"),
  G_DEFINE_ENUM_VALUE (WHARF_AWS_PROFILE_KIND_PROCESS, "process"),
  G_DEFINE_ENUM_VALUE (WHARF_AWS_PROFILE_KIND_WEB_IDENTITY, "web-identity"))

G_DEFINE_FINAL_TYPE (WharfAwsProfile, wharf_aws_profile, G_TYPE_OBJECT)

static const char * const secret_keys[] = {
  "aws_secret_access_key", "aws_session_token", "aws_security_token", NULL,
};

gboolean
wharf_aws_profile_key_is_secret (const char *key)
{
  g_autofree char *lower = g_ascii_strdown (key, -1);

  return g_strv_contains (secret_keys, lower);
}

static void
wharf_aws_profile_finalize (GObject *object)
{
  WharfAwsProfile *self = WHARF_AWS_PROFILE (object);

  g_free (self->name);
  g_hash_table_unref (self->values);
  g_free (self->access_key_hint);

  G_OBJECT_CLASS (wharf_aws_profile_parent_class)->finalize (object);
}

static void
wharf_aws_profile_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WharfAwsProfile *self = WHARF_AWS_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_REGION:
      g_value_set_string (value, wharf_aws_profile_get_region (self));
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_HAS_CREDENTIALS:
      g_value_set_boolean (value, self->has_credentials);
      break;
    case PROP_ACCESS_KEY_HINT:
      g_value_set_string (value, self->access_key_hint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_aws_profile_class_init (WharfAwsProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wharf_aws_profile_finalize;
  object_class->get_property = wharf_aws_profile_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, WHARF_TYPE_AWS_PROFILE_KIND,
                       WHARF_AWS_PROFILE_KIND_NONE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_CREDENTIALS] =
    g_param_spec_boolean ("has-credentials", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCESS_KEY_HINT] =
    g_param_spec_string ("access-key-hint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wharf_aws_profile_init (WharfAwsProfile *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* The kind in credential-chain order (role, web identity, SSO, keys, process). */
static WharfAwsProfileKind
guess_kind (WharfAwsProfile *self)
{
  if (g_hash_table_contains (self->values, "role_arn"))
    return WHARF_AWS_PROFILE_KIND_ROLE;
  if (g_hash_table_contains (self->values, "web_identity_token_file"))
    return WHARF_AWS_PROFILE_KIND_WEB_IDENTITY;
  if (g_hash_table_contains (self->values, "sso_session") ||
      g_hash_table_contains (self->values, "sso_start_url"))
    return WHARF_AWS_PROFILE_KIND_SSO;
  if (self->has_credentials)
    return WHARF_AWS_PROFILE_KIND_KEYS;
  if (g_hash_table_contains (self->values, "credential_process"))
    return WHARF_AWS_PROFILE_KIND_PROCESS;
  return WHARF_AWS_PROFILE_KIND_NONE;
}

WharfAwsProfile *
wharf_aws_profile_new (const char *name,
                       GHashTable *values)
{
  WharfAwsProfile *self;
  GHashTableIter iter;
  gpointer key, value;
  const char *akid;
  gboolean has_secret = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (WHARF_TYPE_AWS_PROFILE, NULL);
  self->name = g_strdup (name);
  if (values != NULL)
    {
      g_hash_table_iter_init (&iter, values);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *lower = g_ascii_strdown (key, -1);

          if (g_strcmp0 (lower, "aws_secret_access_key") == 0)
            has_secret = value != NULL && *(const char *) value != '\0';
          if (wharf_aws_profile_key_is_secret (lower) || value == NULL)
            continue;
          g_hash_table_replace (self->values, g_steal_pointer (&lower), g_strdup (value));
        }
    }
  akid = g_hash_table_lookup (self->values, "aws_access_key_id");
  self->has_credentials = akid != NULL && *akid != '\0' && has_secret;
  if (akid != NULL && *akid != '\0')
    {
      gsize len = strlen (akid);
      self->access_key_hint = g_strdup_printf ("****************%s", akid + (len > 4 ? len - 4 : 0));
    }
  self->kind = guess_kind (self);
  return self;
}

const char *
wharf_aws_profile_get_name (WharfAwsProfile *self)
{
  g_return_val_if_fail (WHARF_IS_AWS_PROFILE (self), NULL);
  return self->name;
}

const char *
wharf_aws_profile_get_region (WharfAwsProfile *self)
{
  g_return_val_if_fail (WHARF_IS_AWS_PROFILE (self), NULL);
  return g_hash_table_lookup (self->values, "region");
}

WharfAwsProfileKind
wharf_aws_profile_get_kind (WharfAwsProfile *self)
{
  g_return_val_if_fail (WHARF_IS_AWS_PROFILE (self), WHARF_AWS_PROFILE_KIND_NONE);
  return self->kind;
}

gboolean
wharf_aws_profile_get_has_credentials (WharfAwsProfile *self)
{
  g_return_val_if_fail (WHARF_IS_AWS_PROFILE (self), FALSE);
  return self->has_credentials;
}

const char *
wharf_aws_profile_get_access_key_hint (WharfAwsProfile *self)
{
  g_return_val_if_fail (WHARF_IS_AWS_PROFILE (self), NULL);
  return self->access_key_hint;
}

const char *
wharf_aws_profile_get_value (WharfAwsProfile *self,
                             const char      *key)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (WHARF_IS_AWS_PROFILE (self), NULL);

  lower = g_ascii_strdown (key, -1);
  return g_hash_table_lookup (self->values, lower);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
wharf_aws_profile_list_keys (WharfAwsProfile *self)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  GStrv out;

  g_return_val_if_fail (WHARF_IS_AWS_PROFILE (self), NULL);

  keys = g_hash_table_get_keys_as_array (self->values, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  out = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (keys[i]);
  return out;
}

const char *
wharf_aws_profile_kind_to_string (WharfAwsProfileKind kind)
{
  switch (kind)
    {
    case WHARF_AWS_PROFILE_KIND_NONE:
      return _("No credentials");
    case WHARF_AWS_PROFILE_KIND_KEYS:
      return _("Access keys");
    case WHARF_AWS_PROFILE_KIND_SSO:
      return _("IAM Identity Center (SSO)");
    case WHARF_AWS_PROFILE_KIND_ROLE:
      return _("Assume role");
    case WHARF_AWS_PROFILE_KIND_PROCESS:
      return _("Credential process");
    case WHARF_AWS_PROFILE_KIND_WEB_IDENTITY:
      return _("Web identity");
    default:
      return _("Unknown");
    }
}
