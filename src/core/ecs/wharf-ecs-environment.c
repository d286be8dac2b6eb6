/* wharf-ecs-environment.c: the converter's only view of the AWS account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-ecs-environment.h"

struct _WharfEcsEnvironment
{
  GObject                parent_instance;
  gboolean               offline;
  char                  *region;
  char                  *account_id;
  char                  *vpc_id;
  GArray                *subnets;          /* WharfEcsSubnet */
  char                  *cluster;
  char                  *load_balancer;
  char                  *load_balancer_dns;
  WharfLoadBalancerType  load_balancer_type;
  GHashTable            *security_groups;  /* set */
  GHashTable            *file_systems;     /* set */
  GHashTable            *volume_fs;        /* volume key → fs id */
  char                  *gpu_ami;
};

G_DEFINE_FINAL_TYPE (WharfEcsEnvironment, wharf_ecs_environment, G_TYPE_OBJECT)

static void
subnet_clear (gpointer data)
{
  WharfEcsSubnet *subnet = data;

  g_free (subnet->id);
  g_free (subnet->availability_zone);
}

static void
wharf_ecs_environment_finalize (GObject *object)
{
  WharfEcsEnvironment *self = WHARF_ECS_ENVIRONMENT (object);

  g_free (self->region);
  g_free (self->account_id);
  g_free (self->vpc_id);
  g_array_unref (self->subnets);
  g_free (self->cluster);
  g_free (self->load_balancer);
  g_free (self->load_balancer_dns);
  g_hash_table_unref (self->security_groups);
  g_hash_table_unref (self->file_systems);
  g_hash_table_unref (self->volume_fs);
  g_free (self->gpu_ami);
  G_OBJECT_CLASS (wharf_ecs_environment_parent_class)->finalize (object);
}

static void
wharf_ecs_environment_class_init (WharfEcsEnvironmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wharf_ecs_environment_finalize;
}

static void
wharf_ecs_environment_init (WharfEcsEnvironment *self)
{
  self->subnets = g_array_new (FALSE, TRUE, sizeof (WharfEcsSubnet));
  g_array_set_clear_func (self->subnets, subnet_clear);
  self->security_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->file_systems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->volume_fs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static char *
dup_nonempty (const char *s)
{
  return (s != NULL && *s != '\0') ? g_strdup (s) : NULL;
}

WharfEcsEnvironment *
wharf_ecs_environment_new_offline (const char *region)
{
  WharfEcsEnvironment *self = g_object_new (WHARF_TYPE_ECS_ENVIRONMENT, NULL);

  self->offline = TRUE;
  self->region = dup_nonempty (region);
  return self;
}

WharfEcsEnvironment *
wharf_ecs_environment_new (const char *region,
                           const char *account_id,
                           const char *vpc_id)
{
  WharfEcsEnvironment *self = g_object_new (WHARF_TYPE_ECS_ENVIRONMENT, NULL);

  self->region = dup_nonempty (region);
  self->account_id = dup_nonempty (account_id);
  self->vpc_id = dup_nonempty (vpc_id);
  return self;
}

gboolean
wharf_ecs_environment_is_offline (WharfEcsEnvironment *self)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), TRUE);
  return self->offline;
}

const char *
wharf_ecs_environment_get_region (WharfEcsEnvironment *self)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), NULL);
  return self->region;
}

const char *
wharf_ecs_environment_get_account_id (WharfEcsEnvironment *self)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), NULL);
  return self->account_id;
}

const char *
wharf_ecs_environment_get_vpc_id (WharfEcsEnvironment *self)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), NULL);
  return self->vpc_id;
}

void
wharf_ecs_environment_set_vpc_id (WharfEcsEnvironment *self,
                                  const char          *vpc_id)
{
  g_return_if_fail (WHARF_IS_ECS_ENVIRONMENT (self));
  g_free (self->vpc_id);
  self->vpc_id = dup_nonempty (vpc_id);
}

void
wharf_ecs_environment_add_subnet (WharfEcsEnvironment *self,
                                  const char          *id,
                                  const char          *availability_zone,
                                  gboolean             is_public)
{
  WharfEcsSubnet subnet = { 0 };

  g_return_if_fail (WHARF_IS_ECS_ENVIRONMENT (self));
  g_return_if_fail (id != NULL);
  subnet.id = g_strdup (id);
  subnet.availability_zone = dup_nonempty (availability_zone);
  subnet.is_public = is_public;
  g_array_append_val (self->subnets, subnet);
}

guint
wharf_ecs_environment_get_n_subnets (WharfEcsEnvironment *self)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), 0);
  return self->subnets->len;
}

const WharfEcsSubnet *
wharf_ecs_environment_get_subnet (WharfEcsEnvironment *self,
                                  guint                index)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), NULL);
  g_return_val_if_fail (index < self->subnets->len, NULL);
  return &g_array_index (self->subnets, WharfEcsSubnet, index);
}

void
wharf_ecs_environment_set_cluster (WharfEcsEnvironment *self,
                                   const char          *cluster)
{
  g_return_if_fail (WHARF_IS_ECS_ENVIRONMENT (self));
  g_free (self->cluster);
  self->cluster = dup_nonempty (cluster);
}

const char *
wharf_ecs_environment_get_cluster (WharfEcsEnvironment *self)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), NULL);
  return self->cluster;
}

void
wharf_ecs_environment_set_load_balancer (WharfEcsEnvironment   *self,
                                         const char            *arn,
                                         WharfLoadBalancerType  type,
                                         const char            *dns_name)
{
  g_return_if_fail (WHARF_IS_ECS_ENVIRONMENT (self));
  g_free (self->load_balancer);
  g_free (self->load_balancer_dns);
  self->load_balancer = dup_nonempty (arn);
  self->load_balancer_dns = dup_nonempty (dns_name);
  self->load_balancer_type = self->load_balancer ? type : WHARF_LOAD_BALANCER_NONE;
}

const char *
wharf_ecs_environment_get_load_balancer (WharfEcsEnvironment *self)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), NULL);
  return self->load_balancer;
}

WharfLoadBalancerType
wharf_ecs_environment_get_load_balancer_type (WharfEcsEnvironment *self)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), WHARF_LOAD_BALANCER_NONE);
  return self->load_balancer_type;
}

const char *
wharf_ecs_environment_get_load_balancer_dns (WharfEcsEnvironment *self)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), NULL);
  return self->load_balancer_dns;
}

void
wharf_ecs_environment_add_security_group (WharfEcsEnvironment *self,
                                          const char          *group_id)
{
  g_return_if_fail (WHARF_IS_ECS_ENVIRONMENT (self));
  g_return_if_fail (group_id != NULL);
  g_hash_table_add (self->security_groups, g_strdup (group_id));
}

gboolean
wharf_ecs_environment_has_security_group (WharfEcsEnvironment *self,
                                          const char          *group_id)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), FALSE);
  return group_id != NULL && g_hash_table_contains (self->security_groups, group_id);
}

void
wharf_ecs_environment_add_file_system (WharfEcsEnvironment *self,
                                       const char          *file_system_id)
{
  g_return_if_fail (WHARF_IS_ECS_ENVIRONMENT (self));
  g_return_if_fail (file_system_id != NULL);
  g_hash_table_add (self->file_systems, g_strdup (file_system_id));
}

gboolean
wharf_ecs_environment_has_file_system (WharfEcsEnvironment *self,
                                       const char          *file_system_id)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), FALSE);
  return file_system_id != NULL && g_hash_table_contains (self->file_systems, file_system_id);
}

void
wharf_ecs_environment_set_volume_file_system (WharfEcsEnvironment *self,
                                              const char          *volume,
                                              const char          *file_system_id)
{
  g_return_if_fail (WHARF_IS_ECS_ENVIRONMENT (self));
  g_return_if_fail (volume != NULL);
  if (file_system_id == NULL)
    g_hash_table_remove (self->volume_fs, volume);
  else
    g_hash_table_insert (self->volume_fs, g_strdup (volume), g_strdup (file_system_id));
}

const char *
wharf_ecs_environment_get_volume_file_system (WharfEcsEnvironment *self,
                                              const char          *volume)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), NULL);
  return volume ? g_hash_table_lookup (self->volume_fs, volume) : NULL;
}

void
wharf_ecs_environment_set_gpu_ami (WharfEcsEnvironment *self,
                                   const char          *ami_id)
{
  g_return_if_fail (WHARF_IS_ECS_ENVIRONMENT (self));
  g_free (self->gpu_ami);
  self->gpu_ami = dup_nonempty (ami_id);
}

const char *
wharf_ecs_environment_get_gpu_ami (WharfEcsEnvironment *self)
{
  g_return_val_if_fail (WHARF_IS_ECS_ENVIRONMENT (self), NULL);
  return self->gpu_ami;
}

char *
wharf_ecs_parse_vpc_id (const char *value)
{
  const char *slash;

  if (value == NULL)
    return NULL;
  if (g_str_has_prefix (value, "arn:"))
    {
      slash = strrchr (value, '/');
      if (slash == NULL)
        return NULL;
      value = slash + 1;
    }
  if (!g_str_has_prefix (value, "vpc-") || value[4] == '\0')
    return NULL;
  for (const char *p = value + 4; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return NULL;
  return g_strdup (value);
}

gboolean
wharf_ecs_is_resource_id (const char *value,
                          const char *prefix)
{
  gsize n;

  if (value == NULL || prefix == NULL || !g_str_has_prefix (value, prefix))
    return FALSE;
  value += strlen (prefix);
  n = strlen (value);
  for (const char *p = value; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  if (g_str_equal (prefix, "fs-"))
    return n >= 8 && n <= 40;
  return n == 8 || n == 17;
}
