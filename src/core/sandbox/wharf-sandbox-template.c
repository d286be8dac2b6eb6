/* wharf-sandbox-template.c: reading a CloudFormation template the way
 * CloudFormation does: structure, limits, references, dependency order.
 * Messages are CloudFormation's own (ValidationError on the wire).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-aws-json.h"
#include "wharf-sandbox-private.h"

static const char * const top_level_keys[] = {
  "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules",
  "Mappings", "Conditions", "Transform", "Resources", "Outputs", NULL,
};

static gboolean
template_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
template_error (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_TEMPLATE, msg);
  return FALSE;
}

void
sbx_template_free (SbxTemplate *tmpl)
{
  if (tmpl == NULL)
    return;
  g_clear_pointer (&tmpl->root, json_node_unref);
  g_free (tmpl->body);
  g_free (tmpl->description);
  g_clear_pointer (&tmpl->order, g_ptr_array_unref);
  g_clear_pointer (&tmpl->deps, g_hash_table_unref);
  g_clear_pointer (&tmpl->parameters, g_ptr_array_unref);
  g_free (tmpl);
}

JsonObject *
sbx_template_section (SbxTemplate *tmpl,
                      const char  *name)
{
  JsonObject *root = json_node_get_object (tmpl->root);
  JsonNode *node = json_object_get_member (root, name);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonObject *
sbx_template_resources (SbxTemplate *tmpl)
{
  return sbx_template_section (tmpl, "Resources");
}

JsonObject *
sbx_template_resource (SbxTemplate *tmpl,
                       const char  *logical_id)
{
  JsonObject *resources = sbx_template_resources (tmpl);
  JsonNode *node = resources ? json_object_get_member (resources, logical_id) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
sbx_template_resource_type (SbxTemplate *tmpl,
                            const char  *logical_id)
{
  JsonObject *res = sbx_template_resource (tmpl, logical_id);

  return res ? json_object_get_string_member_with_default (res, "Type", NULL) : NULL;
}

GPtrArray *
sbx_template_deps (SbxTemplate *tmpl,
                   const char  *logical_id)
{
  return g_hash_table_lookup (tmpl->deps, logical_id);
}

/* Names in "${Name}" / "${Name.Attr}" of a Fn::Sub string, minus locals. */
static gboolean
is_alnum (const char *s)
{
  if (*s == '\0' || strlen (s) > 255)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isalnum (*s))
      return FALSE;
  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_sorted (GPtrArray *names)
{
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static gboolean
check_refs (SbxTemplate *tmpl, JsonNode *node, const char *block, GPtrArray *deps, GError **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) getatts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  JsonObject *resources = sbx_template_resources (tmpl);
  JsonObject *params = sbx_template_section (tmpl, "Parameters");
  GHashTableIter iter;
  gpointer key;

  sbx_collect_refs_and_getatts (node, set, getatts);
  g_hash_table_iter_init (&iter, getatts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!json_object_has_member (resources, key))
      return template_error (error, "Template error: instance of Fn::GetAtt references undefined resource %s",
                             (const char *) key);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (json_object_has_member (resources, key))
        {
          if (deps && !g_ptr_array_find_with_equal_func (deps, key, g_str_equal, NULL))
            g_ptr_array_add (deps, g_strdup (key));
        }
      else if (!g_str_has_prefix (key, "AWS::") && !(params && json_object_has_member (params, key)))
        g_ptr_array_add (missing, key);
    }
  if (missing->len > 0)
    {
      g_autofree char *names = join_sorted (missing);

      return template_error (error, "Template format error: Unresolved resource dependencies [%s] in the %s block of the template",
                             names, block);
    }
  return TRUE;
}

/* Depth-first topological sort; a back edge is a cycle. */
static gboolean
visit (SbxTemplate *tmpl, const char *id, GHashTable *marks, GPtrArray *path, GError **error)
{
  int mark = GPOINTER_TO_INT (g_hash_table_lookup (marks, id));
  GPtrArray *deps;

  if (mark == 2)
    return TRUE;
  if (mark == 1)
    {
      g_autoptr(GPtrArray) cycle = g_ptr_array_new ();
      g_autofree char *names = NULL;
      guint start = 0;

      g_ptr_array_find_with_equal_func (path, id, g_str_equal, &start);
      for (guint i = start; i < path->len; i++)
        g_ptr_array_add (cycle, g_ptr_array_index (path, i));
      names = join_sorted (cycle);
      return template_error (error, "Circular dependency between resources: [%s]", names);
    }
  g_hash_table_insert (marks, (gpointer) id, GINT_TO_POINTER (1));
  g_ptr_array_add (path, (gpointer) id);
  deps = g_hash_table_lookup (tmpl->deps, id);
  for (guint i = 0; deps && i < deps->len; i++)
    if (!visit (tmpl, g_ptr_array_index (deps, i), marks, path, error))
      return FALSE;
  g_ptr_array_remove_index (path, path->len - 1);
  g_hash_table_insert (marks, (gpointer) id, GINT_TO_POINTER (2));
  g_ptr_array_add (tmpl->order, g_strdup (id));
  return TRUE;
}

static gboolean
check_resource (SbxTemplate *tmpl, const char *id, JsonNode *node, GPtrArray *unknown, GError **error)
{
  JsonObject *res;
  const char *type;
  JsonNode *depends;
  GPtrArray *deps;

  if (!is_alnum (id))
    return template_error (error, "Template format error: Resource name %s is non alphanumeric.", id);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return template_error (error, "Template format error: [/Resources/%s] Every Resources object must contain a Type member.", id);
  res = json_node_get_object (node);
  type = json_object_get_string_member_with_default (res, "Type", NULL);
  if (type == NULL)
    return template_error (error, "Template format error: [/Resources/%s] Every Resources object must contain a Type member.", id);
  if (!sbx_resource_type_known (type) &&
      !g_ptr_array_find_with_equal_func (unknown, type, g_str_equal, NULL))
    g_ptr_array_add (unknown, (gpointer) type);
  if (g_str_has_prefix (type, "AWS::IAM::"))
    {
      static const char * const named[] = { "RoleName", "ManagedPolicyName", "UserName",
                                            "GroupName", "InstanceProfileName" };
      JsonNode *props = json_object_get_member (res, "Properties");

      tmpl->needs_iam = TRUE;
      for (gsize i = 0; props && JSON_NODE_HOLDS_OBJECT (props) && i < G_N_ELEMENTS (named); i++)
        if (json_object_has_member (json_node_get_object (props), named[i]))
          tmpl->needs_named_iam = TRUE;
    }

  deps = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_insert (tmpl->deps, g_strdup (id), deps);
  depends = json_object_get_member (res, "DependsOn");
  if (depends != NULL)
    {
      g_autoptr(GPtrArray) missing = g_ptr_array_new ();
      JsonArray *list = NULL;
      g_autoptr(JsonArray) single = NULL;

      if (JSON_NODE_HOLDS_ARRAY (depends))
        list = json_node_get_array (depends);
      else if (JSON_NODE_HOLDS_VALUE (depends))
        {
          single = json_array_new ();
          json_array_add_string_element (single, json_node_get_string (depends));
          list = single;
        }
      for (guint i = 0; list && i < json_array_get_length (list); i++)
        {
          const char *dep = json_array_get_string_element (list, i);

          if (dep == NULL || !json_object_has_member (sbx_template_resources (tmpl), dep))
            g_ptr_array_add (missing, (gpointer) (dep ? dep : "null"));
          else if (!g_ptr_array_find_with_equal_func (deps, dep, g_str_equal, NULL))
            g_ptr_array_add (deps, g_strdup (dep));
        }
      if (missing->len)
        {
          g_autofree char *names = join_sorted (missing);

          return template_error (error, "Template format error: Unresolved resource dependencies [%s] in the Resources block of the template", names);
        }
    }
  return check_refs (tmpl, json_object_get_member (res, "Properties"), "Resources", deps, error);
}

static gboolean
check_template (SbxTemplate *tmpl, GError **error)
{
  JsonObject *root = json_node_get_object (tmpl->root);
  JsonObject *resources, *params, *outputs;
  g_autoptr(GPtrArray) bad_keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  g_autoptr(GHashTable) marks = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  GList *members, *l;
  JsonNode *version;

  members = json_object_get_members (root);
  for (l = members; l; l = l->next)
    if (!g_strv_contains (top_level_keys, l->data))
      g_ptr_array_add (bad_keys, l->data);
  g_list_free (members);
  if (bad_keys->len)
    {
      g_autofree char *names = join_sorted (bad_keys);
      return template_error (error, "Template format error: Invalid template property or properties [%s]", names);
    }
  version = json_object_get_member (root, "AWSTemplateFormatVersion");
  if (version && (!JSON_NODE_HOLDS_VALUE (version) ||
                  g_strcmp0 (json_node_get_string (version), "2010-09-09") != 0))
    return template_error (error, "Template format error: Unsupported template format version");
  if (json_object_has_member (root, "Description"))
    tmpl->description = g_strdup (json_object_get_string_member_with_default (root, "Description", NULL));
  if (tmpl->description && strlen (tmpl->description) > 1024)
    return template_error (error, "Template format error: Template description must be less than or equal to 1024 bytes");

  resources = sbx_template_resources (tmpl);
  if (resources == NULL || json_object_get_size (resources) == 0)
    return template_error (error, "Template format error: At least one Resources member must be defined.");
  if (json_object_get_size (resources) > SBX_MAX_RESOURCES)
    return template_error (error, "Template format error: Number of resources, %u, is greater than maximum allowed, %d",
                           json_object_get_size (resources), SBX_MAX_RESOURCES);

  params = sbx_template_section (tmpl, "Parameters");
  if (params && json_object_get_size (params) > 200)
    return template_error (error, "Template format error: Number of parameters, %u, is greater than maximum allowed, 200",
                           json_object_get_size (params));
  members = params ? json_object_get_members (params) : NULL;
  for (l = members; l; l = l->next)
    {
      JsonNode *p = json_object_get_member (params, l->data);

      g_ptr_array_add (tmpl->parameters, g_strdup (l->data));
      if (!JSON_NODE_HOLDS_OBJECT (p) || !json_object_has_member (json_node_get_object (p), "Type"))
        {
          g_list_free (members);
          return template_error (error, "Template format error: Every Parameters object must contain a Type member.");
        }
    }
  g_list_free (members);

  members = json_object_get_members (resources);
  for (l = members; l; l = l->next)
    if (!check_resource (tmpl, l->data, json_object_get_member (resources, l->data), unknown, error))
      {
        g_list_free (members);
        return FALSE;
      }
  if (unknown->len)
    {
      g_autofree char *names = NULL;

      g_list_free (members);
      names = join_sorted (unknown);
      return template_error (error, "Template format error: Unrecognized resource types: [%s]", names);
    }
  for (l = members; l; l = l->next)
    if (!visit (tmpl, l->data, marks, path, error))
      {
        g_list_free (members);
        return FALSE;
      }
  g_list_free (members);

  outputs = sbx_template_section (tmpl, "Outputs");
  if (outputs && json_object_get_size (outputs) > 200)
    return template_error (error, "Template format error: Number of outputs, %u, is greater than maximum allowed, 200",
                           json_object_get_size (outputs));
  members = outputs ? json_object_get_members (outputs) : NULL;
  for (l = members; l; l = l->next)
    {
      JsonNode *o = json_object_get_member (outputs, l->data);

      if (!JSON_NODE_HOLDS_OBJECT (o) || !json_object_has_member (json_node_get_object (o), "Value"))
        {
          g_list_free (members);
          return template_error (error, "Template format error: Every Outputs member must contain a Value object");
        }
    }
  g_list_free (members);
  return check_refs (tmpl, json_object_get_member (root, "Outputs"), "Outputs", NULL, error);
}

SbxTemplate *
sbx_template_parse (const char  *body,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(SbxTemplate) tmpl = g_new0 (SbxTemplate, 1);
  gsize i = 0;

  tmpl->body = g_strndup (body, length);
  tmpl->order = g_ptr_array_new_with_free_func (g_free);
  tmpl->parameters = g_ptr_array_new_with_free_func (g_free);
  tmpl->deps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  if (!g_utf8_validate (body, length, NULL))
    {
      template_error (error, "Template format error: the template is not valid UTF-8");
      return NULL;
    }
  while (i < length && g_ascii_isspace (body[i]))
    i++;
  if (i < length && body[i] == '{')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) local = NULL;

      /* Bodies come from the network; json-glib 1.6 takes `{}{}` as one
       * document (leaking all but the last value), CloudFormation does not. */
      if (!wharf_json_check_shape (body, MIN (length, G_MAXSSIZE), &local) ||
          !json_parser_load_from_data (parser, body, length, &local))
        {
          template_error (error, "Template format error: JSON not well-formed. (%s)", local->message);
          return NULL;
        }
      tmpl->root = json_parser_steal_root (parser);
    }
  else
    {
      tmpl->root = sbx_yaml_to_json (body, length, error);
      if (tmpl->root == NULL)
        return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (tmpl->root))
    {
      template_error (error, "Template format error: unsupported structure.");
      return NULL;
    }
  if (!check_template (tmpl, error))
    return NULL;
  return g_steal_pointer (&tmpl);
}
