/* conformance-util.c: loading the peer corpora with explicit options.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "conformance-util.h"

#include <string.h>

WharfComposeProject *
conf_load (const ConfLoad  *load,
           GError         **error)
{
  g_autoptr(WharfComposeLoadOptions) o = wharf_compose_load_options_new ();
  const char * const base_env[] = { CONF_BASE_ENV, NULL };

  wharf_compose_load_options_set_working_directory (o, load->dir);
  wharf_compose_load_options_set_environment (o, load->env ? load->env : base_env);
  for (guint i = 0; load->files && load->files[i]; i++)
    wharf_compose_load_options_add_file (o, load->files[i]);
  for (guint i = 0; load->profiles && load->profiles[i]; i++)
    wharf_compose_load_options_add_profile (o, load->profiles[i]);
  for (guint i = 0; load->env_files && load->env_files[i]; i++)
    {
      /* --env-file is relative to the working directory, as in Docker. */
      g_autofree char *path = g_path_is_absolute (load->env_files[i])
        ? g_strdup (load->env_files[i])
        : g_build_filename (load->dir, load->env_files[i], NULL);
      wharf_compose_load_options_add_env_file (o, path);
    }
  if (load->project_name)
    wharf_compose_load_options_set_project_name (o, load->project_name);
  return wharf_compose_load (o, NULL, NULL, error);
}

WharfComposeProject *
conf_load_ok (const ConfLoad *load)
{
  g_autoptr(GError) error = NULL;
  WharfComposeProject *p = conf_load (load, &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

char *
conf_peer_dir (const char *first_element,
               ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *root = wharf_test_peer_path (first_element, NULL);
  g_autofree char *path = NULL;
  const char *element;
  va_list args;

  if (root == NULL)
    return NULL;
  g_ptr_array_add (parts, root);
  va_start (args, first_element);
  for (element = va_arg (args, const char *); element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) element);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  /* WHARF_PEER_TESTS is ".../main/../shared/peer-tests": the loader prints
   * canonical paths, and so must the expected values. */
  return g_canonicalize_filename (path, NULL);
}

static void
copy_into (const char *src,
           const char *dst)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (src, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (dst, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (src, name, NULL);
      g_autofree char *to = g_build_filename (dst, name, NULL);

      if (g_file_test (from, G_FILE_TEST_IS_DIR))
        copy_into (from, to);
      else
        {
          g_autofree char *contents = NULL;
          gsize length = 0;

          g_file_get_contents (from, &contents, &length, &error);
          g_assert_no_error (error);
          g_file_set_contents (to, contents, (gssize) length, &error);
          g_assert_no_error (error);
        }
    }
}

char *
conf_copy_tree (const char *src)
{
  char *tmp = wharf_test_mkdtemp ();

  copy_into (src, tmp);
  return tmp;
}

WharfNode *
conf_at (WharfNode  *node,
         const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      if (wharf_node_get_kind (node) == WHARF_NODE_SEQUENCE)
        {
          char *end = NULL;
          guint64 index = g_ascii_strtoull (parts[i], &end, 10);

          g_assert_true (end != parts[i] && *end == '\0');
          node = index < wharf_node_sequence_size (node) ? wharf_node_sequence_get (node, (guint) index) : NULL;
        }
      else if (wharf_node_get_kind (node) == WHARF_NODE_MAPPING)
        node = wharf_node_mapping_lookup (node, parts[i]);
      else
        node = NULL;
    }
  return node;
}

const char *
conf_str (WharfNode  *node,
          const char *path)
{
  return wharf_node_get_scalar (conf_at (node, path));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
conf_keys (WharfNode  *node,
           const char *path)
{
  WharfNode *map = conf_at (node, path);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (guint i = 0; i < wharf_node_mapping_size (map); i++)
    g_ptr_array_add (keys, (gpointer) wharf_node_mapping_get_key (map, i));
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (",", (char **) keys->pdata);
}

WharfNode *
conf_root (WharfComposeProject *project)
{
  return wharf_compose_project_get_root (project);
}
