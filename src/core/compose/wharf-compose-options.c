/* wharf-compose-options.c: the options of a load (-f, -p, --profile,
 * --env-file…) and Docker's project-name rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wharf-compose-loader.h"
#include "wharf-compose-private.h"

G_DEFINE_BOXED_TYPE (WharfComposeLoadOptions, wharf_compose_load_options,
                     wharf_compose_load_options_copy, wharf_compose_load_options_free)

WharfComposeLoadOptions *
wharf_compose_load_options_new (void)
{
  WharfComposeLoadOptions *o = g_new0 (WharfComposeLoadOptions, 1);

  o->files = g_ptr_array_new_with_free_func (g_free);
  o->profiles = g_ptr_array_new_with_free_func (g_free);
  o->env_files = g_ptr_array_new_with_free_func (g_free);
  return o;
}

static void
copy_strings (GPtrArray *to,
              GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (from->pdata[i]));
}

WharfComposeLoadOptions *
wharf_compose_load_options_copy (WharfComposeLoadOptions *options)
{
  WharfComposeLoadOptions *o = wharf_compose_load_options_new ();

  copy_strings (o->files, options->files);
  copy_strings (o->profiles, options->profiles);
  copy_strings (o->env_files, options->env_files);
  o->project_name = g_strdup (options->project_name);
  o->project_dir = g_strdup (options->project_dir);
  o->working_dir = g_strdup (options->working_dir);
  o->environment = g_strdupv (options->environment);
  return o;
}

void
wharf_compose_load_options_free (WharfComposeLoadOptions *options)
{
  if (options == NULL)
    return;
  g_ptr_array_unref (options->files);
  g_ptr_array_unref (options->profiles);
  g_ptr_array_unref (options->env_files);
  g_free (options->project_name);
  g_free (options->project_dir);
  g_free (options->working_dir);
  g_strfreev (options->environment);
  g_free (options);
}

void
wharf_compose_load_options_add_file (WharfComposeLoadOptions *options,
                                     const char              *file)
{
  g_ptr_array_add (options->files, g_strdup (file));
}

void
wharf_compose_load_options_set_project_name (WharfComposeLoadOptions *options,
                                             const char              *name)
{
  g_free (options->project_name);
  options->project_name = g_strdup (name);
}

void
wharf_compose_load_options_set_project_directory (WharfComposeLoadOptions *options,
                                                  const char              *dir)
{
  g_free (options->project_dir);
  options->project_dir = g_strdup (dir);
}

void
wharf_compose_load_options_add_profile (WharfComposeLoadOptions *options,
                                        const char              *profile)
{
  g_ptr_array_add (options->profiles, g_strdup (profile));
}

void
wharf_compose_load_options_add_env_file (WharfComposeLoadOptions *options,
                                         const char              *file)
{
  g_ptr_array_add (options->env_files, g_strdup (file));
}

void
wharf_compose_load_options_set_environment (WharfComposeLoadOptions *options,
                                            const char * const      *envp)
{
  g_strfreev (options->environment);
  options->environment = g_strdupv ((char **) envp);
}

void
wharf_compose_load_options_set_working_directory (WharfComposeLoadOptions *options,
                                                  const char              *dir)
{
  g_free (options->working_dir);
  options->working_dir = g_strdup (dir);
}

/* Project names */

gboolean
wharf_compose_is_valid_project_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  if (!(g_ascii_islower (*name) || g_ascii_isdigit (*name)))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

char *
wharf_compose_normalize_project_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; p && *p; p++)
    {
      char c = g_ascii_tolower (*p);
      if (g_ascii_islower (c) || g_ascii_isdigit (c) || c == '_' || c == '-')
        {
          if (out->len == 0 && (c == '_' || c == '-'))
            continue;
          g_string_append_c (out, c);
        }
    }
  return g_string_free (out, FALSE);
}
