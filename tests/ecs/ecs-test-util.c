/* ecs-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ecs-test-util.h"

#include <string.h>

static char *lint_dir;
static guint lint_count;

WharfEcsEnvironment *
ecs_test_environment (void)
{
  WharfEcsEnvironment *env = wharf_ecs_environment_new ("eu-west-3", "123456789012", "vpc-0a1b2c3d");

  wharf_ecs_environment_add_subnet (env, "subnet-0a1b2c3d4e5f60718", "eu-west-3a", TRUE);
  wharf_ecs_environment_add_subnet (env, "subnet-0b2c3d4e5f6a70819", "eu-west-3b", TRUE);
  wharf_ecs_environment_add_subnet (env, "subnet-0c3d4e5f6a7b8091a", "eu-west-3a", FALSE);
  return env;
}

WharfNode *
ecs_test_load (const char *path,
               const char *name,
               const char *dir)
{
  g_autoptr(WharfComposeLoadOptions) options = wharf_compose_load_options_new ();
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(WharfComposeProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *env[] = { "PATH=/usr/bin:/bin", NULL };

  wharf_compose_load_options_add_file (options, path);
  if (name != NULL)
    wharf_compose_load_options_set_project_name (options, name);
  if (dir != NULL)
    wharf_compose_load_options_set_project_directory (options, dir);
  wharf_compose_load_options_set_environment (options, env);
  project = wharf_compose_load (options, diagnostics, NULL, &error);
  if (error != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diagnostics)); i++)
      {
        g_autoptr(WharfDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (diagnostics), i);
        g_autofree char *text = wharf_diagnostic_format (d);

        g_test_message ("%s", text);
      }
  g_assert_no_error (error);
  return wharf_node_ref (wharf_compose_project_get_root (project));
}

WharfNode *
ecs_test_load_string (const char *yaml,
                      const char *name)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *path = wharf_test_write_file (dir, "compose.yaml", yaml);
  WharfNode *root = ecs_test_load (path, name, NULL);

  wharf_test_rmtree (dir);
  return root;
}

WharfNode *
ecs_test_load_fixture (const char *file,
                       const char *name)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "ecs", file, NULL);

  return ecs_test_load (path, name, NULL);
}

/* Docker's fixtures use IDs AWS never issues (sg-123abc, fs-123abc,
 * ami123456789, t0.femto); CloudFormation and cfn-lint reject them, so the
 * tests give them realistic values, as they do for vpc-123. */
static const struct { const char *from; const char *to; } realistic_ids[] = {
  { "sg-123abc", "sg-0a1b2c3d4e5f60718" },
  { "fs-123abc", "fs-0a1b2c3d4e5f60718" },
  { "node.ami == ami123456789", "node.ami == ami-0a1b2c3d4e5f60718" },
  { "node.machine == t0.femto", "node.machine == g4dn.2xlarge" },
};

static void
make_ids_realistic (WharfNode *node)
{
  switch (wharf_node_get_kind (node))
    {
    case WHARF_NODE_SCALAR:
      for (guint i = 0; i < G_N_ELEMENTS (realistic_ids); i++)
        if (g_str_equal (wharf_node_get_scalar (node), realistic_ids[i].from))
          wharf_node_set_scalar (node, realistic_ids[i].to, WHARF_SCALAR_STRING);
      break;
    case WHARF_NODE_MAPPING:
      for (guint i = 0; i < wharf_node_mapping_size (node); i++)
        make_ids_realistic (wharf_node_mapping_get_value (node, i));
      break;
    case WHARF_NODE_SEQUENCE:
      for (guint i = 0; i < wharf_node_sequence_size (node); i++)
        make_ids_realistic (wharf_node_sequence_get (node, i));
      break;
    case WHARF_NODE_NULL:
    default:
      break;
    }
}

WharfNode *
ecs_test_load_inline (const char *file,
             const char *name)
{
  g_autofree char *path = wharf_test_peer_path ("compose-cli-ecs", "inline", file, NULL);
  g_autofree char *lower = NULL;
  WharfNode *root;

  if (path == NULL)
    return NULL;
  lower = g_ascii_strdown (name, -1);
  root = ecs_test_load (path, lower, NULL);
  make_ids_realistic (root);
  return root;
}

/* Loads inline/FILE and converts it as project NAME in the fixture account. */
WharfTemplate *
ecs_test_convert_inline (const char          *file,
                const char          *name,
                WharfEcsEnvironment *env)
{
  g_autoptr(WharfNode) root = ecs_test_load_inline (file, name);

  if (root == NULL)
    return NULL;
  return ecs_test_convert (root, name, env);
}

WharfTemplate *
ecs_test_convert (const WharfNode     *root,
                  const char          *name,
                  WharfEcsEnvironment *env)
{
  g_autoptr(WharfEcsEnvironment) fixture = NULL;
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(GError) error = NULL;
  WharfTemplate *tpl;

  if (env == NULL)
    env = fixture = ecs_test_environment ();
  tpl = wharf_ecs_convert (root, name, env, diagnostics, &error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diagnostics)); i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (G_LIST_MODEL (diagnostics), i);
      g_autofree char *text = wharf_diagnostic_format (d);

      g_test_message ("%s", text);
    }
  g_assert_no_error (error);
  g_assert_nonnull (tpl);
  ecs_test_lint_queue (tpl, name);
  return tpl;
}

GListStore *
ecs_test_convert_fails (const WharfNode     *root,
                        const char          *name,
                        WharfEcsEnvironment *env,
                        GQuark               domain,
                        int                  code,
                        const char          *message_part)
{
  g_autoptr(WharfEcsEnvironment) fixture = NULL;
  GListStore *diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfTemplate) tpl = NULL;

  if (env == NULL)
    env = fixture = ecs_test_environment ();
  tpl = wharf_ecs_convert (root, name, env, diagnostics, &error);
  g_assert_null (tpl);
  g_assert_error (error, domain, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, message_part);
  return diagnostics;
}

JsonNode *
ecs_test_template_json (WharfTemplate *tpl)
{
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), wharf_template_get_root (tpl));

  return wharf_json_sorted_copy (root);
}

JsonNode *
ecs_test_get (WharfTemplate *tpl,
              const char    *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = json_object_get_member (wharf_template_get_root (tpl), parts[0]);

  for (guint i = 1; parts[i] != NULL && node != NULL; i++)
    {
      char *bracket = strchr (parts[i], '[');

      if (bracket != NULL)
        *bracket = '\0';
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      node = json_object_get_member (json_node_get_object (node), parts[i]);
      /* Any number of indices: "Fn::Join[1][0]". */
      while (bracket != NULL && node != NULL)
        {
          guint index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);

          if (!JSON_NODE_HOLDS_ARRAY (node) || index >= json_array_get_length (json_node_get_array (node)))
            return NULL;
          node = json_array_get_element (json_node_get_array (node), index);
          bracket = strchr (bracket + 1, '[');
        }
    }
  return node;
}

const char *
ecs_test_get_string (WharfTemplate *tpl,
                     const char    *path)
{
  JsonNode *node = ecs_test_get (tpl, path);

  if (node == NULL)
    g_error ("%s: absent", path);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    g_error ("%s: not a string", path);
  return json_node_get_string (node);
}

gint64
ecs_test_get_int (WharfTemplate *tpl,
                  const char    *path)
{
  JsonNode *node = ecs_test_get (tpl, path);

  if (node == NULL)
    g_error ("%s: absent", path);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    g_error ("%s: not an integer", path);
  return json_node_get_int (node);
}

JsonObject *
ecs_test_container (WharfTemplate *tpl,
                    const char    *task,
                    const char    *name)
{
  g_autofree char *path = g_strdup_printf ("Resources.%s.Properties.ContainerDefinitions", task);
  JsonNode *node = ecs_test_get (tpl, path);

  g_assert_nonnull (node);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonObject *c = json_array_get_object_element (json_node_get_array (node), i);

      if (g_strcmp0 (json_object_get_string_member (c, "Name"), name) == 0)
        return c;
    }
  g_error ("no container %s in %s", name, task);
  return NULL;
}

const char *
ecs_test_container_env (JsonObject *container,
                        const char *var)
{
  JsonArray *env;

  if (!json_object_has_member (container, "Environment"))
    return NULL;
  env = json_object_get_array_member (container, "Environment");
  for (guint i = 0; i < json_array_get_length (env); i++)
    {
      JsonObject *pair = json_array_get_object_element (env, i);

      if (g_strcmp0 (json_object_get_string_member (pair, "Name"), var) == 0)
        return json_object_get_string_member (pair, "Value");
    }
  return NULL;
}

gboolean
ecs_test_has_diagnostic (GListModel    *diagnostics,
                         WharfSeverity  severity,
                         const char    *text,
                         guint          line)
{
  for (guint i = 0; i < g_list_model_get_n_items (diagnostics); i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (diagnostics, i);
      g_autofree char *formatted = wharf_diagnostic_format (d);

      if (wharf_diagnostic_get_severity (d) == severity && strstr (formatted, text) != NULL &&
          (line == 0 || wharf_diagnostic_get_line (d) == line))
        return TRUE;
    }
  for (guint i = 0; i < g_list_model_get_n_items (diagnostics); i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (diagnostics, i);
      g_autofree char *formatted = wharf_diagnostic_format (d);

      g_test_message ("diagnostic: %s", formatted);
    }
  return FALSE;
}

void
ecs_test_lint_queue (WharfTemplate *tpl,
                     const char    *label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *file = NULL;
  g_autofree char *safe = g_strcanon (g_strdup (label ? label : "template"),
                                      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", '_');
  WharfTemplateFormat format = (lint_count % 4 == 3) ? WHARF_TEMPLATE_FORMAT_JSON : WHARF_TEMPLATE_FORMAT_YAML;

  if (lint_dir == NULL)
    lint_dir = wharf_test_mkdtemp ();
  text = wharf_template_serialize (tpl, format, NULL, &error);
  g_assert_no_error (error);
  file = g_strdup_printf ("%03u-%s.%s", lint_count++, safe,
                          format == WHARF_TEMPLATE_FORMAT_JSON ? "json" : "yaml");
  g_free (wharf_test_write_file (lint_dir, file, text));
}

static void
test_cfn_lint (void)
{
  g_autofree char *program = NULL;
  g_autofree char *shims = g_build_filename (g_get_home_dir (), ".pyenv", "shims", "cfn-lint", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  int status;
  guint errors = 0;

  if (g_file_test (shims, G_FILE_TEST_IS_EXECUTABLE))
    program = g_strdup (shims);
  else if ((program = wharf_test_find_program ("cfn-lint")) == NULL)
    return;
  if (lint_dir == NULL)
    {
      g_test_skip ("no template to lint");
      return;
    }
  g_ptr_array_add (argv, g_strdup (program));
  g_ptr_array_add (argv, g_strdup ("--format"));
  g_ptr_array_add (argv, g_strdup ("parseable"));
  g_ptr_array_add (argv, g_strdup ("--"));
  dir = g_dir_open (lint_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (argv, g_build_filename (lint_dir, name, NULL));
  g_ptr_array_add (argv, NULL);
  status = wharf_test_run ((const char * const *) argv->pdata, NULL, NULL, &out, &err);
  g_test_message ("cfn-lint on %u templates: status %d", argv->len - 5, status);
  if (out != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (*lines[i] == '\0')
            continue;
          g_test_message ("%s", lines[i]);
          /* parseable: FILE:LINE:COL:LINE:COL:RULE:MESSAGE, rules E… are errors. */
          if (strstr (lines[i], ":E") != NULL)
            errors++;
        }
    }
  if (err != NULL && *err != '\0')
    g_test_message ("stderr: %s", err);
  g_assert_cmpuint (errors, ==, 0);
  g_assert_true (status == 0 || (status & 2) == 0);
  wharf_test_rmtree (lint_dir);
  g_clear_pointer (&lint_dir, g_free);
}

void
ecs_test_add_lint (const char *test_path)
{
  g_test_add_func (test_path, test_cfn_lint);
}
