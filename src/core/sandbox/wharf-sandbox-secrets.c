/* wharf-sandbox-secrets.c: Secrets Manager (secretsmanager.*) and the SSM
 * GetParameter call (AmazonSSM.*), both JSON 1.1. Tags of secrets:
 * wharf-sandbox-secrets-tags.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wharf-sandbox-private.h"

#define DAY_USEC (G_USEC_PER_SEC * (gint64) 86400)

void
sbx_secret_free (SbxSecret *secret)
{
  g_free (secret->arn);
  g_free (secret->name);
  g_free (secret->description);
  g_free (secret->value);
  g_free (secret->version_id);
  g_clear_pointer (&secret->tags, json_node_unref);
  g_free (secret);
}

SbxSecret *
sbx_secret_add (SbxState   *state,
                const char *name,
                const char *value,
                const char *description,
                gint64      now)
{
  SbxSecret *secret = g_new0 (SbxSecret, 1);
  g_autofree char *six = sbx_random_alnum (state, 6);

  secret->name = g_strdup (name);
  secret->arn = g_strdup_printf ("arn:aws:secretsmanager:%s:%s:secret:%s-%s",
                                 state->region, state->account_id, name, six);
  secret->value = g_strdup (value);
  secret->description = g_strdup (description);
  secret->version_id = sbx_uuid (state);
  secret->created = now;
  g_ptr_array_add (state->secrets, secret);
  return secret;
}

void
sbx_secret_remove (SbxState   *state,
                   const char *arn)
{
  for (guint i = 0; i < state->secrets->len; i++)
    {
      SbxSecret *s = g_ptr_array_index (state->secrets, i);

      if (g_str_equal (s->arn, arn))
        {
          g_ptr_array_remove_index (state->secrets, i);
          return;
        }
    }
}

static SbxSecret *
find_secret (SbxState *state, const char *id)
{
  for (guint i = 0; id && i < state->secrets->len; i++)
    {
      SbxSecret *s = g_ptr_array_index (state->secrets, i);

      /* a partial ARN (without the random suffix) also names the secret */
      if (g_str_equal (s->arn, id) || g_str_equal (s->name, id) ||
          (g_str_has_prefix (s->arn, id) && strlen (s->arn) == strlen (id) + 7))
        return s;
    }
  return NULL;
}

SbxSecret *
sbx_secret_or_fail (SbxRequest *req)
{
  SbxSecret *s = find_secret (req->state, sbx_json_string (req, "SecretId"));

  if (s == NULL)
    sbx_reply_error (req, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
  return s;
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_time (JsonBuilder *b, const char *name, gint64 usec)
{
  if (usec <= 0)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, sbx_json_time (usec));
}

static void
add_secret (JsonBuilder *b, SbxSecret *s)
{
  add_string (b, "ARN", s->arn);
  add_string (b, "Name", s->name);
  add_string (b, "Description", s->description);
  add_time (b, "CreatedDate", s->created);
  add_time (b, "LastChangedDate", s->created);
  add_time (b, "DeletedDate", s->deleted);
  json_builder_set_member_name (b, "Tags");
  if (s->tags != NULL)
    json_builder_add_value (b, json_node_copy (s->tags));
  else
    {
      json_builder_begin_array (b);
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "SecretVersionsToStages");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, s->version_id);
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "AWSCURRENT");
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
create_secret (SbxRequest *req)
{
  const char *name = sbx_json_string (req, "Name");
  const char *value = sbx_json_string (req, "SecretString");
  JsonNode *tags = req->json ? json_object_get_member (req->json, "Tags") : NULL;
  SbxSecret *s;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (name == NULL || *name == '\0' || strlen (name) > 512)
    {
      sbx_reply_error (req, 400, "InvalidParameterException", "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!");
      return;
    }
  if (value && strlen (value) > 65536)
    {
      sbx_reply_error (req, 400, "InvalidParameterException", "The SecretString must be at most 65536 bytes.");
      return;
    }
  if (tags != NULL && !sbx_secret_tags_valid (req, tags))
    return;
  s = find_secret (req->state, name);
  if (s != NULL && s->deleted)
    {
      sbx_reply_error (req, 400, "InvalidRequestException",
                       "You can't create this secret because a secret with this name is already scheduled for deletion.");
      return;
    }
  if (s != NULL)
    {
      g_autofree char *m = g_strdup_printf ("The operation failed because the secret %s already exists.", name);
      sbx_reply_error (req, 400, "ResourceExistsException", m);
      return;
    }
  s = sbx_secret_add (req->state, name, value ? value : sbx_json_string (req, "SecretBinary"),
                      sbx_json_string (req, "Description"), req->now);
  if (tags != NULL)
    sbx_secret_set_tags (s, tags);
  json_builder_begin_object (b);
  add_string (b, "ARN", s->arn);
  add_string (b, "Name", s->name);
  add_string (b, "VersionId", s->version_id);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static void
describe_secret (SbxRequest *req)
{
  SbxSecret *s = sbx_secret_or_fail (req);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (s == NULL)
    return;
  json_builder_begin_object (b);
  add_secret (b, s);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static gboolean
secret_matches (SbxSecret *s, JsonNode *filters)
{
  JsonArray *fa = filters && JSON_NODE_HOLDS_ARRAY (filters) ? json_node_get_array (filters) : NULL;

  for (guint i = 0; fa && i < json_array_get_length (fa); i++)
    {
      JsonObject *f = json_array_get_object_element (fa, i);
      const char *key = json_object_get_string_member_with_default (f, "Key", "");
      JsonArray *values = json_object_has_member (f, "Values") ? json_object_get_array_member (f, "Values") : NULL;
      gboolean hit = FALSE;

      for (guint j = 0; values && j < json_array_get_length (values); j++)
        {
          const char *v = json_array_get_string_element (values, j);

          if (g_str_equal (key, "name"))
            hit |= g_str_has_prefix (s->name, v);
          else if (g_str_equal (key, "description"))
            hit |= s->description && g_str_has_prefix (s->description, v);
          else if (g_str_equal (key, "all"))
            hit |= g_str_has_prefix (s->name, v) || (s->description && g_str_has_prefix (s->description, v));
        }
      if (!hit)
        return FALSE;
    }
  return TRUE;
}

static void
list_secrets (SbxRequest *req)
{
  gint64 max = sbx_json_int (req, "MaxResults", 100);
  const char *token = sbx_json_string (req, "NextToken");
  guint offset = token ? (guint) atoi (token) : 0;
  gboolean planned = req->json && json_object_has_member (req->json, "IncludePlannedDeletion") &&
                     json_object_get_boolean_member (req->json, "IncludePlannedDeletion");
  JsonNode *filters = req->json ? json_object_get_member (req->json, "Filters") : NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint last;

  if (max < 1 || max > 100)
    {
      sbx_reply_error (req, 400, "InvalidParameterException", "MaxResults must be between 1 and 100.");
      return;
    }
  for (guint i = 0; i < req->state->secrets->len; i++)
    {
      SbxSecret *s = g_ptr_array_index (req->state->secrets, i);

      if ((planned || s->deleted == 0) && secret_matches (s, filters))
        g_ptr_array_add (hits, s);
    }
  last = MIN (hits->len, offset + (guint) max);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "SecretList");
  json_builder_begin_array (b);
  for (guint i = offset; i < last; i++)
    {
      json_builder_begin_object (b);
      add_secret (b, g_ptr_array_index (hits, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (last < hits->len)
    {
      g_autofree char *next = g_strdup_printf ("%u", last);
      add_string (b, "NextToken", next);
    }
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static void
delete_secret (SbxRequest *req)
{
  SbxSecret *s = sbx_secret_or_fail (req);
  gboolean force = req->json && json_object_has_member (req->json, "ForceDeleteWithoutRecovery") &&
                   json_object_get_boolean_member (req->json, "ForceDeleteWithoutRecovery");
  gboolean has_window = req->json && json_object_has_member (req->json, "RecoveryWindowInDays");
  gint64 window = sbx_json_int (req, "RecoveryWindowInDays", 30);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (s == NULL)
    return;
  if (force && has_window)
    {
      sbx_reply_error (req, 400, "InvalidParameterException",
                       "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
      return;
    }
  if (window < 7 || window > 30)
    {
      sbx_reply_error (req, 400, "InvalidParameterException",
                       "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
      return;
    }
  json_builder_begin_object (b);
  add_string (b, "ARN", s->arn);
  add_string (b, "Name", s->name);
  if (force)
    {
      add_time (b, "DeletionDate", req->now);
      json_builder_end_object (b);
      sbx_secret_remove (req->state, s->arn);
    }
  else
    {
      if (s->deleted == 0)
        {
          s->deleted = req->now;
          s->deletion_date = req->now + window * DAY_USEC;
        }
      add_time (b, "DeletionDate", s->deletion_date);
      json_builder_end_object (b);
    }
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

static void
get_secret_value (SbxRequest *req)
{
  SbxSecret *s = sbx_secret_or_fail (req);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (s == NULL)
    return;
  if (s->deleted)
    {
      sbx_reply_error (req, 400, "InvalidRequestException",
                       "You can't perform this operation on the secret because it was marked for deletion.");
      return;
    }
  json_builder_begin_object (b);
  add_string (b, "ARN", s->arn);
  add_string (b, "Name", s->name);
  add_string (b, "VersionId", s->version_id);
  add_string (b, "SecretString", s->value);
  json_builder_set_member_name (b, "VersionStages");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "AWSCURRENT");
  json_builder_end_array (b);
  add_time (b, "CreatedDate", s->created);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
}

gboolean
sbx_handle_secretsmanager (SbxRequest *req)
{
  if (g_str_equal (req->operation, "CreateSecret"))
    create_secret (req);
  else if (g_str_equal (req->operation, "DescribeSecret"))
    describe_secret (req);
  else if (g_str_equal (req->operation, "ListSecrets"))
    list_secrets (req);
  else if (g_str_equal (req->operation, "DeleteSecret"))
    delete_secret (req);
  else if (g_str_equal (req->operation, "GetSecretValue"))
    get_secret_value (req);
  else
    return sbx_handle_secrets_tags (req);
  return TRUE;
}

gboolean
sbx_handle_ssm (SbxRequest *req)
{
  const char *name = sbx_json_string (req, "Name");
  const char *value = name ? g_hash_table_lookup (req->state->ssm_parameters, name) : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *arn = NULL;

  if (!g_str_equal (req->operation, "GetParameter"))
    return FALSE;
  if (value == NULL)
    {
      sbx_reply_error (req, 400, "ParameterNotFound", "");
      return TRUE;
    }
  arn = g_strdup_printf ("arn:aws:ssm:%s::parameter%s%s", req->state->region, name[0] == '/' ? "" : "/", name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "Parameter");
  json_builder_begin_object (b);
  add_string (b, "Name", name);
  add_string (b, "Type", "String");
  add_string (b, "Value", value);
  json_builder_set_member_name (b, "Version");
  json_builder_add_int_value (b, 1);
  add_time (b, "LastModifiedDate", req->now - DAY_USEC);
  add_string (b, "ARN", arn);
  add_string (b, "DataType", "text");
  json_builder_end_object (b);
  json_builder_end_object (b);
  sbx_reply_json (req, 200, json_builder_get_root (b));
  return TRUE;
}
