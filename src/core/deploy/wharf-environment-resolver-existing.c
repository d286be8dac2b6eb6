/* wharf-environment-resolver-existing.c: the existing resources a project
 * names: x-aws-cluster, external security groups, external and retained
 * EFS file systems, and the GPU AMI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-aws-ecs.h"
#include "wharf-aws-efs.h"
#include "wharf-aws-json.h"
#include "wharf-aws-ssm.h"
#include "wharf-environment-resolver-private.h"

#define GPU_AMI_PARAMETER "/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended"

gboolean
wharf_resolver_cluster (WharfAwsClient       *client,
                        WharfEcsEnvironment  *env,
                        const char           *cluster,
                        GCancellable         *cancellable,
                        GError              **error)
{
  const char * const names[] = { cluster, NULL };
  g_autoptr(GPtrArray) clusters = wharf_ecs_describe_clusters (client, names, cancellable, error);

  if (clusters == NULL)
    return FALSE;
  for (guint i = 0; i < clusters->len; i++)
    {
      WharfEcsCluster *c = g_ptr_array_index (clusters, i);

      if (g_strcmp0 (c->status, "ACTIVE") == 0)
        {
          wharf_ecs_environment_set_cluster (env, c->arn);
          return TRUE;
        }
    }
  g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_NOT_FOUND,
               _("cluster “%s” (x-aws-cluster) doesn’t exist or is not active"), cluster);
  return FALSE;
}

gboolean
wharf_resolver_security_groups (WharfAwsClient       *client,
                                WharfEcsEnvironment  *env,
                                const WharfNode      *project,
                                GCancellable         *cancellable,
                                GError              **error)
{
  WharfNode *networks = wharf_node_mapping_lookup (project, "networks");
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GPtrArray) groups = NULL;

  for (guint i = 0; networks && wharf_node_get_kind (networks) == WHARF_NODE_MAPPING && i < wharf_node_mapping_size (networks); i++)
    {
      WharfNode *n = wharf_node_mapping_get_value (networks, i);
      const char *sg = wharf_resolver_lookup_string (n, "x-aws-securitygroup");

      if (wharf_resolver_lookup_true (n, "external"))
        sg = wharf_resolver_lookup_string (n, "name");
      if (sg != NULL && wharf_ecs_is_resource_id (sg, "sg-"))
        g_ptr_array_add (wanted, (gpointer) sg);
    }
  if (wanted->len == 0)
    return TRUE;
  g_ptr_array_add (wanted, NULL);
  groups = wharf_ec2_describe_security_groups (client, (const char * const *) wanted->pdata, NULL,
                                               cancellable, error);
  if (groups == NULL)
    return FALSE;
  for (guint i = 0; i < groups->len; i++)
    wharf_ecs_environment_add_security_group (env, ((WharfEc2SecurityGroup *) g_ptr_array_index (groups, i))->group_id);
  for (guint i = 0; wanted->pdata[i] != NULL; i++)
    if (!wharf_ecs_environment_has_security_group (env, wanted->pdata[i]))
      {
        g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_NOT_FOUND,
                     _("security group “%s” doesn’t exist"), (const char *) wanted->pdata[i]);
        return FALSE;
      }
  return TRUE;
}

gboolean
wharf_resolver_file_systems (WharfAwsClient       *client,
                             WharfEcsEnvironment  *env,
                             const WharfNode      *project,
                             const char           *project_name,
                             GCancellable         *cancellable,
                             GError              **error)
{
  WharfNode *volumes = wharf_node_mapping_lookup (project, "volumes");
  g_autoptr(GPtrArray) all = NULL;

  if (volumes == NULL || wharf_node_get_kind (volumes) != WHARF_NODE_MAPPING || wharf_node_mapping_size (volumes) == 0)
    return TRUE;
  /* One scan serves both the external ids and the retained file systems. */
  all = wharf_efs_describe_file_systems (client, NULL, NULL, cancellable, error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < wharf_node_mapping_size (volumes); i++)
    {
      const char *key = wharf_node_mapping_get_key (volumes, i);
      WharfNode *v = wharf_node_mapping_get_value (volumes, i);
      const char *found = NULL;
      guint matches = 0;

      if (wharf_resolver_lookup_true (v, "external"))
        {
          const char *id = wharf_resolver_lookup_string (v, "name") ? wharf_resolver_lookup_string (v, "name") : key;

          for (guint j = 0; j < all->len; j++)
            if (g_strcmp0 (((WharfEfsFileSystem *) g_ptr_array_index (all, j))->file_system_id, id) == 0)
              found = id;
          if (found == NULL)
            {
              g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_NOT_FOUND,
                           _("EFS file system “%s” (external volume “%s”) doesn’t exist"), id, key);
              return FALSE;
            }
          wharf_ecs_environment_add_file_system (env, id);
          continue;
        }
      for (guint j = 0; j < all->len; j++)
        {
          WharfEfsFileSystem *fs = g_ptr_array_index (all, j);

          if (fs->tags == NULL ||
              g_strcmp0 (g_hash_table_lookup (fs->tags, "com.docker.compose.project"), project_name) != 0 ||
              g_strcmp0 (g_hash_table_lookup (fs->tags, "com.docker.compose.volume"), key) != 0 ||
              g_strcmp0 (fs->life_cycle_state, "deleting") == 0 ||
              g_strcmp0 (fs->life_cycle_state, "deleted") == 0)
            continue;
          found = fs->file_system_id;
          matches++;
        }
      if (matches > 1)
        {
          g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_AMBIGUOUS,
                       _("%u file systems are tagged as project “%s”, volume “%s”: remove all but one (wharf-cli volume rm)"),
                       matches, project_name, key);
          return FALSE;
        }
      if (found != NULL)
        wharf_ecs_environment_set_volume_file_system (env, key, found);
    }
  return TRUE;
}

gboolean
wharf_resolver_gpu_ami (WharfAwsClient       *client,
                        WharfEcsEnvironment  *env,
                        GCancellable         *cancellable,
                        GError              **error)
{
  g_autoptr(WharfSsmParameter) p = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  const char *ami = NULL;

  p = wharf_ssm_get_parameter (client, GPU_AMI_PARAMETER, FALSE, cancellable, error);
  if (p == NULL)
    return FALSE;
  /* The value is a JSON document with image_id (checked first: a
   * parameter is anyone's text). */
  if (p->value != NULL && wharf_json_check_shape (p->value, -1, NULL) &&
      json_parser_load_from_data (parser, p->value, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    ami = json_object_get_string_member_with_default (json_node_get_object (root), "image_id", NULL);
  else if (p->value != NULL && g_str_has_prefix (p->value, "ami-"))
    ami = p->value;
  if (ami == NULL)
    {
      g_set_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_FAILED,
                   _("SSM parameter %s holds no image_id"), GPU_AMI_PARAMETER);
      return FALSE;
    }
  wharf_ecs_environment_set_gpu_ami (env, ami);
  return TRUE;
}
