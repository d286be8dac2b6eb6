/* wharf-ecs-convert-project.c: top-level networks (security groups),
 * secrets (Secrets Manager) and volumes (EFS).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-ecs-convert-private.h"

static gboolean
set_error (WharfEcsConvert *ctx,
           int              code,
           char            *message)
{
  if (ctx->error == NULL)
    ctx->error = g_error_new_literal (WHARF_ECS_ERROR, code, message);
  g_free (message);
  return FALSE;
}

/* Every network key the project uses: the declared ones, plus "default"
 * when a service relies on it without a declaration. */
static GPtrArray *
network_keys (WharfEcsConvert *ctx)
{
  WharfNode *networks = wharf_ecs_lookup (ctx->project, "networks", NULL);
  WharfNode *services = wharf_ecs_lookup (ctx->project, "services", NULL);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  gboolean need_default = FALSE;

  for (guint i = 0; networks && i < wharf_node_mapping_size (networks); i++)
    g_ptr_array_add (keys, g_strdup (wharf_node_mapping_get_key (networks, i)));
  for (guint i = 0; services && i < wharf_node_mapping_size (services); i++)
    {
      WharfNode *nets = wharf_ecs_lookup (wharf_node_mapping_get_value (services, i), "networks", NULL);

      if (nets == NULL || wharf_node_mapping_size (nets) == 0 ||
          wharf_node_mapping_lookup (nets, "default") != NULL)
        need_default = TRUE;
    }
  if (need_default && wharf_ecs_lookup (networks, "default", NULL) == NULL)
    g_ptr_array_add (keys, g_strdup ("default"));
  return keys;
}

gboolean
wharf_ecs_convert_networks (WharfEcsConvert *ctx)
{
  WharfNode *networks = wharf_ecs_lookup (ctx->project, "networks", NULL);
  g_autoptr(GPtrArray) keys = network_keys (ctx);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      WharfNode *network = wharf_ecs_lookup (networks, key, NULL);
      const char *sg = wharf_ecs_lookup_string (network, "x-aws-securitygroup");
      g_autofree char *norm = wharf_ecs_normalize_name (key);
      g_autofree char *owner = g_strdup_printf (_("network “%s”"), key);
      g_autofree char *sg_id = NULL, *ingress_id = NULL, *description = NULL, *name = NULL;
      JsonObject *props;

      if (sg == NULL && wharf_ecs_lookup_bool (network, "external"))
        sg = wharf_ecs_lookup_string (network, "name");
      if (sg != NULL)
        {
          if (!g_str_has_prefix (sg, "sg-"))
            return set_error (ctx, WHARF_ECS_ERROR_UNSUPPORTED,
                              g_strdup_printf (_("external network “%s”: “%s” is not a security group ID (sg-…)"),
                                               key, sg));
          if (!wharf_ecs_environment_is_offline (ctx->env) &&
              !wharf_ecs_environment_has_security_group (ctx->env, sg))
            return set_error (ctx, WHARF_ECS_ERROR_ENVIRONMENT,
                              g_strdup_printf (_("security group “%s” doesn’t exist"), sg));
          g_hash_table_insert (ctx->network_sg, g_strdup (key), wharf_cfn_string (sg));
          g_ptr_array_add (ctx->all_sgs, wharf_cfn_string (sg));
          continue;
        }

      sg_id = g_strconcat (norm, "Network", NULL);
      name = g_strdup (wharf_ecs_lookup_string (network, "name"));
      if (name == NULL)
        name = g_strdup_printf ("%s_%s", ctx->name, key);
      props = wharf_ecs_add_resource (ctx, sg_id, "AWS::EC2::SecurityGroup", owner);
      if (props == NULL)
        return FALSE;
      description = g_strdup_printf ("%s Security Group for %s network", ctx->name, key);
      json_object_set_string_member (props, "GroupDescription", description);
      json_object_set_array_member (props, "Tags", wharf_cfn_tags (ctx, WHARF_TAG_NETWORK, name));
      json_object_set_member (props, "VpcId", wharf_cfn_copy (ctx->vpc));

      ingress_id = g_strconcat (norm, "NetworkIngress", NULL);
      props = wharf_ecs_add_resource (ctx, ingress_id, "AWS::EC2::SecurityGroupIngress", owner);
      if (props == NULL)
        return FALSE;
      g_free (description);
      description = g_strdup_printf ("Allow communication within network %s", key);
      json_object_set_string_member (props, "Description", description);
      json_object_set_member (props, "GroupId", wharf_cfn_ref (sg_id));
      json_object_set_string_member (props, "IpProtocol", "-1");
      json_object_set_member (props, "SourceSecurityGroupId", wharf_cfn_ref (sg_id));

      g_hash_table_insert (ctx->network_sg, g_strdup (key), wharf_cfn_ref (sg_id));
      g_ptr_array_add (ctx->all_sgs, wharf_cfn_ref (sg_id));
    }
  return TRUE;
}

gboolean
wharf_ecs_convert_secrets (WharfEcsConvert *ctx)
{
  WharfNode *secrets = wharf_ecs_lookup (ctx->project, "secrets", NULL);

  for (guint i = 0; secrets && i < wharf_node_mapping_size (secrets); i++)
    {
      const char *key = wharf_node_mapping_get_key (secrets, i);
      WharfNode *secret = wharf_node_mapping_get_value (secrets, i);
      g_autofree char *name = g_strdup (wharf_ecs_lookup_string (secret, "name"));
      g_autofree char *norm = NULL, *id = NULL, *param = NULL, *owner = NULL;
      g_autofree char *description = NULL, *param_description = NULL;
      const char *file = wharf_ecs_lookup_string (secret, "file");
      const char *env_var = wharf_ecs_lookup_string (secret, "environment");
      JsonObject *props;
      JsonObject *parameter;

      if (name == NULL)
        name = g_strdup_printf ("%s_%s", ctx->name, key);
      if (wharf_ecs_lookup_bool (secret, "external"))
        {
          g_hash_table_insert (ctx->secret_arn, g_strdup (key), wharf_cfn_string (name));
          continue;
        }
      norm = wharf_ecs_normalize_name (name);
      id = g_strconcat (norm, "Secret", NULL);
      owner = g_strdup_printf (_("secret “%s”"), key);
      props = wharf_ecs_add_resource (ctx, id, "AWS::SecretsManager::Secret", owner);
      if (props == NULL)
        return FALSE;
      /* The content is a NoEcho parameter the deploy fills from the file
       * or variable: secret values never appear in the template. */
      param = g_strconcat (norm, "SecretValue", NULL);
      param_description = file ? g_strdup_printf ("Content of secret %s (file %s)", key, file)
                               : g_strdup_printf ("Content of secret %s (variable %s)", key,
                                                  env_var ? env_var : "?");
      parameter = wharf_template_add_parameter (ctx->tpl, param, "String", param_description);
      json_object_set_boolean_member (parameter, "NoEcho", TRUE);
      wharf_template_add_secret (ctx->tpl, param, key, file, env_var);

      description = g_strdup_printf ("Secret %s", name);
      json_object_set_string_member (props, "Description", description);
      json_object_set_string_member (props, "Name", name);
      json_object_set_member (props, "SecretString", wharf_cfn_ref (param));
      json_object_set_array_member (props, "Tags", wharf_cfn_tags (ctx, NULL, NULL));
      g_hash_table_insert (ctx->secret_arn, g_strdup (key), wharf_cfn_ref (id));
    }
  return TRUE;
}

static void
set_driver_opt_string (JsonObject      *props,
                       const char      *property,
                       const WharfNode *opts,
                       const char      *key)
{
  const char *value = wharf_ecs_lookup_string (opts, key);

  if (value != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      json_object_set_string_member (props, property, trimmed);
    }
}

static void
convert_file_system (WharfEcsConvert *ctx,
                     JsonObject      *props,
                     const char      *key,
                     const char      *name,
                     const WharfNode *opts)
{
  const char *lifecycle = wharf_ecs_lookup_string (opts, "lifecycle_policy");
  const char *backup = wharf_ecs_lookup_string (opts, "backup_policy");
  WharfNode *throughput = wharf_ecs_lookup (opts, "provisioned_throughput", NULL);
  JsonArray *tags = wharf_cfn_tags (ctx, WHARF_TAG_VOLUME, key);
  JsonObject *name_tag = json_object_new ();
  double mibps;

  json_object_set_string_member (name_tag, "Key", "Name");
  json_object_set_string_member (name_tag, "Value", name);
  json_array_add_object_element (tags, name_tag);
  json_object_set_boolean_member (props, "Encrypted", TRUE);
  json_object_set_array_member (props, "FileSystemTags", tags);
  if (backup != NULL)
    {
      JsonObject *policy = json_object_new ();

      json_object_set_string_member (policy, "Status", backup);
      json_object_set_object_member (props, "BackupPolicy", policy);
    }
  if (lifecycle != NULL)
    {
      JsonArray *policies = json_array_new ();
      JsonObject *policy = json_object_new ();
      g_autofree char *trimmed = g_strstrip (g_strdup (lifecycle));

      json_object_set_string_member (policy, "TransitionToIA", trimmed);
      json_array_add_object_element (policies, policy);
      json_object_set_array_member (props, "LifecyclePolicies", policies);
    }
  set_driver_opt_string (props, "PerformanceMode", opts, "performance_mode");
  set_driver_opt_string (props, "ThroughputMode", opts, "throughput_mode");
  set_driver_opt_string (props, "KmsKeyId", opts, "kms_key_id");
  if (throughput != NULL && wharf_node_get_double (throughput, &mibps))
    json_object_set_double_member (props, "ProvisionedThroughputInMibps", mibps);
}

static void
convert_access_point (WharfEcsConvert *ctx,
                      JsonObject      *props,
                      const char      *key,
                      const char      *name,
                      JsonNode        *fs,
                      const WharfNode *opts)
{
  const char *uid = wharf_ecs_lookup_string (opts, "uid");
  const char *gid = wharf_ecs_lookup_string (opts, "gid");
  const char *path = wharf_ecs_lookup_string (opts, "root_directory");
  const char *permissions = wharf_ecs_lookup_string (opts, "permissions");
  JsonArray *tags = wharf_cfn_tags (ctx, WHARF_TAG_VOLUME, key);
  JsonObject *name_tag = json_object_new ();

  json_object_set_string_member (name_tag, "Key", "Name");
  json_object_set_string_member (name_tag, "Value", name);
  json_array_add_object_element (tags, name_tag);
  json_object_set_array_member (props, "AccessPointTags", tags);
  json_object_set_member (props, "FileSystemId", wharf_cfn_copy (fs));
  if (uid != NULL)
    {
      JsonObject *user = json_object_new ();

      json_object_set_string_member (user, "Uid", uid);
      json_object_set_string_member (user, "Gid", gid ? gid : uid);
      json_object_set_object_member (props, "PosixUser", user);
    }
  if (path != NULL)
    {
      JsonObject *root = json_object_new ();

      json_object_set_string_member (root, "Path", path);
      if (uid != NULL)
        {
          JsonObject *info = json_object_new ();

          json_object_set_string_member (info, "OwnerUid", uid);
          json_object_set_string_member (info, "OwnerGid", gid ? gid : uid);
          json_object_set_string_member (info, "Permissions", permissions ? permissions : "0755");
          json_object_set_object_member (root, "CreationInfo", info);
        }
      json_object_set_object_member (props, "RootDirectory", root);
    }
}

gboolean
wharf_ecs_convert_volumes (WharfEcsConvert *ctx)
{
  WharfNode *volumes = wharf_ecs_lookup (ctx->project, "volumes", NULL);

  for (guint i = 0; volumes && i < wharf_node_mapping_size (volumes); i++)
    {
      const char *key = wharf_node_mapping_get_key (volumes, i);
      WharfNode *volume = wharf_node_mapping_get_value (volumes, i);
      WharfNode *opts = wharf_ecs_lookup (volume, "driver_opts", NULL);
      g_autofree char *norm = wharf_ecs_normalize_name (key);
      g_autofree char *owner = g_strdup_printf (_("volume “%s”"), key);
      g_autofree char *name = g_strdup (wharf_ecs_lookup_string (volume, "name"));
      g_autofree char *ap_id = NULL;
      const char *fs_id = NULL;
      JsonNode *fs;
      JsonObject *props;

      if (name == NULL)
        name = g_strdup_printf ("%s_%s", ctx->name, key);
      if (wharf_ecs_lookup_bool (volume, "external"))
        {
          fs_id = wharf_ecs_lookup_string (volume, "name");
          if (fs_id == NULL || !g_str_has_prefix (fs_id, "fs-"))
            return set_error (ctx, WHARF_ECS_ERROR_UNSUPPORTED,
                              g_strdup_printf (_("external volume “%s”: “%s” is not an EFS file system ID (fs-…)"),
                                               key, fs_id ? fs_id : ""));
          if (!wharf_ecs_environment_is_offline (ctx->env) &&
              !wharf_ecs_environment_has_file_system (ctx->env, fs_id))
            return set_error (ctx, WHARF_ECS_ERROR_ENVIRONMENT,
                              g_strdup_printf (_("EFS file system “%s” doesn’t exist"), fs_id));
        }
      else
        fs_id = wharf_ecs_environment_get_volume_file_system (ctx->env, key);

      if (fs_id != NULL)
        fs = wharf_cfn_string (fs_id);
      else
        {
          g_autofree char *fs_resource = g_strconcat (norm, "Filesystem", NULL);
          JsonObject *resource;

          props = wharf_ecs_add_resource (ctx, fs_resource, "AWS::EFS::FileSystem", owner);
          if (props == NULL)
            return FALSE;
          convert_file_system (ctx, props, key, name, opts);
          /* Data outlives the stack; a later deploy finds it by its tags. */
          resource = wharf_template_get_resource (ctx->tpl, fs_resource);
          json_object_set_string_member (resource, "DeletionPolicy", "Retain");
          json_object_set_string_member (resource, "UpdateReplacePolicy", "Retain");
          fs = wharf_cfn_ref (fs_resource);
        }
      g_hash_table_insert (ctx->volume_fs, g_strdup (key), fs);

      for (guint s = 0; s < ctx->mount_subnets->len; s++)
        {
          g_autofree char *mt_id = g_strdup_printf ("%sNFSMountTargetOn%s", norm,
                                                    (char *) ctx->mount_suffixes->pdata[s]);
          JsonArray *sgs = json_array_new ();

          props = wharf_ecs_add_resource (ctx, mt_id, "AWS::EFS::MountTarget", owner);
          if (props == NULL)
            {
              json_array_unref (sgs);
              return FALSE;
            }
          for (guint g = 0; g < ctx->all_sgs->len; g++)
            json_array_add_element (sgs, wharf_cfn_copy (ctx->all_sgs->pdata[g]));
          json_object_set_member (props, "FileSystemId", wharf_cfn_copy (fs));
          json_object_set_array_member (props, "SecurityGroups", sgs);
          json_object_set_member (props, "SubnetId", wharf_cfn_copy (ctx->mount_subnets->pdata[s]));
        }

      ap_id = g_strconcat (norm, "AccessPoint", NULL);
      props = wharf_ecs_add_resource (ctx, ap_id, "AWS::EFS::AccessPoint", owner);
      if (props == NULL)
        return FALSE;
      convert_access_point (ctx, props, key, name, fs, opts);
    }
  return TRUE;
}
