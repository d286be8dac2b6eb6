/* wharf-aws-efs.h: typed EFS calls (rest-json protocol).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wharf-aws-client.h"

G_BEGIN_DECLS

typedef struct {
  char       *file_system_id;
  char       *file_system_arn;
  char       *creation_token;
  char       *life_cycle_state;   /* creating, available, deleting, … */
  char       *name;
  char       *performance_mode;
  gboolean    encrypted;
  gint64      number_of_mount_targets;
  GHashTable *tags;               /* key → value */
} WharfEfsFileSystem;

void                wharf_efs_file_system_free      (WharfEfsFileSystem *file_system);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfEfsFileSystem, wharf_efs_file_system_free)

WharfEfsFileSystem *wharf_efs_file_system_from_json (JsonObject          *object);

/* TAGS: KEY, VALUE pairs (may be NULL). */
WharfEfsFileSystem *wharf_efs_create_file_system    (WharfAwsClient      *client,
                                                     const char          *creation_token,
                                                     gboolean             encrypted,
                                                     const char * const  *tags,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
/* FILE_SYSTEM_ID or CREATION_TOKEN filter (both may be NULL: every file
 * system); follows every Marker/NextMarker. */
GPtrArray          *wharf_efs_describe_file_systems (WharfAwsClient      *client,
                                                     const char          *file_system_id,
                                                     const char          *creation_token,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
gboolean            wharf_efs_delete_file_system    (WharfAwsClient      *client,
                                                     const char          *file_system_id,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

G_END_DECLS
