/* wharf-aws-profile-store.h: list, create, edit and delete AWS profiles in
 * ~/.aws/config and ~/.aws/credentials, the way the AWS CLI lays them out:
 * config sections are [default] and [profile NAME], credentials sections
 * are [NAME]; access keys go to the credentials file (mode 0600), every
 * other key to the config file. Each change re-reads both files, edits
 * only the lines concerned (comments, unknown keys and sections stay byte
 * for byte) and writes atomically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-config.h"
#include "wharf-aws-profile.h"

G_BEGIN_DECLS

#define WHARF_TYPE_AWS_PROFILE_STORE (wharf_aws_profile_store_get_type ())
G_DECLARE_FINAL_TYPE (WharfAwsProfileStore, wharf_aws_profile_store, WHARF, AWS_PROFILE_STORE, GObject)

WharfAwsProfileStore *wharf_aws_profile_store_new            (const char           *config_path,
                                                              const char           *credentials_path);
/* Uses CONFIG's file paths (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, ~). */
WharfAwsProfileStore *wharf_aws_profile_store_new_for_config (WharfAwsConfig       *config);

const char           *wharf_aws_profile_store_get_config_path      (WharfAwsProfileStore *self);
const char           *wharf_aws_profile_store_get_credentials_path (WharfAwsProfileStore *self);

/* (Re)reads both files and updates the list. Errors: WHARF_AWS_ERROR_IO,
 * WHARF_AWS_ERROR_PARSE. */
gboolean              wharf_aws_profile_store_load           (WharfAwsProfileStore *self,
                                                              GError              **error);
/* GListModel of WharfAwsProfile, sorted by name (owned by SELF; kept
 * up to date by load and every change). */
GListModel           *wharf_aws_profile_store_get_profiles   (WharfAwsProfileStore *self);
/* The profile NAME of the last load, or NULL (transfer none). */
WharfAwsProfile      *wharf_aws_profile_store_lookup         (WharfAwsProfileStore *self,
                                                              const char           *name);

/* SETTINGS: key → value (region, output, aws_access_key_id,
 * aws_secret_access_key, role_arn, source_profile, sso_session, …).
 * Errors: WHARF_AWS_ERROR_PROFILE_EXISTS, WHARF_AWS_ERROR_INVALID_ARGUMENT
 * (bad name, key or value), WHARF_AWS_ERROR_IO, WHARF_AWS_ERROR_PARSE. */
gboolean              wharf_aws_profile_store_create         (WharfAwsProfileStore *self,
                                                              const char           *name,
                                                              GHashTable           *settings,
                                                              GError              **error);
/* CHANGES: key → value, or key → NULL to remove the key. A key already in
 * one of the files is changed where it is; new keys go where the CLI puts
 * them. Errors: WHARF_AWS_ERROR_PROFILE_NOT_FOUND, and those of create. */
gboolean              wharf_aws_profile_store_edit           (WharfAwsProfileStore *self,
                                                              const char           *name,
                                                              GHashTable           *changes,
                                                              GError              **error);
/* Removes the profile's sections from both files. Errors:
 * WHARF_AWS_ERROR_PROFILE_NOT_FOUND, WHARF_AWS_ERROR_IO, WHARF_AWS_ERROR_PARSE. */
gboolean              wharf_aws_profile_store_delete         (WharfAwsProfileStore *self,
                                                              const char           *name,
                                                              GError              **error);

/* TRUE when NAME can be a profile name (no spaces, brackets, control or
 * comment characters). */
gboolean              wharf_aws_profile_name_is_valid        (const char           *name);

G_END_DECLS
