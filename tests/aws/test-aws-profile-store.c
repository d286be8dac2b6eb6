/* test-aws-profile-store.c: the line-preserving INI model, the profile
 * store (create/edit/delete, comments kept, modes, atomic writes) and
 * interoperability with the real `aws configure`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "wharf-aws-profile-store.h"
#include "wharf-test-util.h"

typedef struct {
  char                 *dir;
  char                 *config_path;
  char                 *credentials_path;
  char                 *config_orig;
  char                 *credentials_orig;
  WharfAwsProfileStore *store;
} Fixture;

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *config = wharf_test_srcdir_path ("fixtures", "aws", "config", NULL);
  g_autofree char *credentials = wharf_test_srcdir_path ("fixtures", "aws", "credentials", NULL);
  g_autoptr(GError) error = NULL;

  fx->config_orig = read_text (config);
  fx->credentials_orig = read_text (credentials);
  fx->dir = wharf_test_mkdtemp ();
  fx->config_path = wharf_test_write_file (fx->dir, ".aws/config", fx->config_orig);
  fx->credentials_path = wharf_test_write_file (fx->dir, ".aws/credentials", fx->credentials_orig);
  g_assert_cmpint (g_chmod (fx->credentials_path, 0600), ==, 0);
  fx->store = wharf_aws_profile_store_new (fx->config_path, fx->credentials_path);
  g_assert_true (wharf_aws_profile_store_load (fx->store, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  wharf_test_rmtree (fx->dir);
  g_free (fx->dir);
  g_free (fx->config_path);
  g_free (fx->credentials_path);
  g_free (fx->config_orig);
  g_free (fx->credentials_orig);
}

static int
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static GHashTable *
settings (const char *first_key,
          ...)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  va_list args;

  va_start (args, first_key);
  for (const char *k = first_key; k != NULL; k = va_arg (args, const char *))
    g_hash_table_insert (table, (gpointer) k, va_arg (args, char *));
  va_end (args);
  return table;
}

/* ---- the store --------------------------------------------------------------- */

static void
test_list (Fixture       *fx,
           gconstpointer  data)
{
  GListModel *model = wharf_aws_profile_store_get_profiles (fx->store);
  const char *names[] = { "ci", "default", "dev", "fake", "role", "sso" };
  WharfAwsProfileKind kinds[] = { WHARF_AWS_PROFILE_KIND_KEYS, WHARF_AWS_PROFILE_KIND_KEYS,
                                  WHARF_AWS_PROFILE_KIND_KEYS, WHARF_AWS_PROFILE_KIND_NONE,
                                  WHARF_AWS_PROFILE_KIND_ROLE, WHARF_AWS_PROFILE_KIND_SSO };
  WharfAwsProfile *dev;
  g_autofree char *region = NULL;
  g_autofree char *hint = NULL;
  gboolean has_credentials = FALSE;
  WharfAwsProfileKind kind;

  g_assert_true (g_list_model_get_item_type (model) == WHARF_TYPE_AWS_PROFILE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(WharfAwsProfile) p = g_list_model_get_item (model, i);
      g_assert_cmpstr (wharf_aws_profile_get_name (p), ==, names[i]);
      g_assert_cmpint (wharf_aws_profile_get_kind (p), ==, kinds[i]);
    }

  dev = wharf_aws_profile_store_lookup (fx->store, "dev");
  g_object_get (dev, "region", &region, "has-credentials", &has_credentials, "kind", &kind,
                "access-key-hint", &hint, NULL);
  g_assert_cmpstr (region, ==, "us-east-1");   /* credentials file wins */
  g_assert_true (has_credentials);
  g_assert_cmpint (kind, ==, WHARF_AWS_PROFILE_KIND_KEYS);
  g_assert_cmpstr (hint, ==, "****************0002");
  /* Secrets are write-only. */
  g_assert_null (wharf_aws_profile_get_value (dev, "aws_secret_access_key"));
  g_assert_null (wharf_aws_profile_get_value (wharf_aws_profile_store_lookup (fx->store, "ci"),
                                              "aws_session_token"));
  g_assert_cmpstr (wharf_aws_profile_get_value (dev, "output"), ==, "text");
  {
    g_auto(GStrv) keys = wharf_aws_profile_list_keys (wharf_aws_profile_store_lookup (fx->store, "ci"));
    const char *expected[] = { "aws_access_key_id", NULL };
    g_assert_cmpstrv (keys, expected);
  }
  g_assert_null (wharf_aws_profile_store_lookup (fx->store, "corp"));
  g_assert_false (wharf_aws_profile_get_has_credentials (wharf_aws_profile_store_lookup (fx->store, "role")));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_create (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GHashTable) s = settings ("region", "eu-north-1", "output", "yaml",
                                      "aws_access_key_id", "AKIDNEW000000000WXYZ",
                                      "aws_secret_access_key", "new/secret", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *credentials = NULL;
  WharfAwsProfile *created;
  guint changes = 0;

  g_signal_connect (wharf_aws_profile_store_get_profiles (fx->store), "items-changed",
                    G_CALLBACK (on_items_changed), &changes);
  g_assert_true (wharf_aws_profile_store_create (fx->store, "staging", s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);

  config = read_text (fx->config_path);
  credentials = read_text (fx->credentials_path);
  /* Everything that was there is still there, byte for byte, followed by
   * the new sections in the CLI's naming. */
  g_assert_true (g_str_has_prefix (config, fx->config_orig));
  g_assert_true (g_str_has_prefix (credentials, fx->credentials_orig));
  g_assert_nonnull (strstr (config + strlen (fx->config_orig), "[profile staging]\n"));
  g_assert_nonnull (strstr (config, "region = eu-north-1\n"));
  g_assert_null (strstr (config, "new/secret"));
  g_assert_nonnull (strstr (credentials + strlen (fx->credentials_orig),
                            "[staging]\naws_access_key_id = AKIDNEW000000000WXYZ\n"
                            "aws_secret_access_key = new/secret\n"));
  g_assert_cmpint (file_mode (fx->credentials_path), ==, 0600);

  created = wharf_aws_profile_store_lookup (fx->store, "staging");
  g_assert_nonnull (created);
  g_assert_cmpint (wharf_aws_profile_get_kind (created), ==, WHARF_AWS_PROFILE_KIND_KEYS);
  g_assert_cmpstr (wharf_aws_profile_get_access_key_hint (created), ==, "****************WXYZ");

  g_assert_false (wharf_aws_profile_store_create (fx->store, "staging", s, &error));
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PROFILE_EXISTS);
  g_clear_error (&error);
  g_assert_false (wharf_aws_profile_store_create (fx->store, "dev", NULL, &error));
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PROFILE_EXISTS);
  g_clear_error (&error);

  /* A bare profile still gets a section. */
  g_assert_true (wharf_aws_profile_store_create (fx->store, "empty", NULL, &error));
  g_assert_nonnull (wharf_aws_profile_store_lookup (fx->store, "empty"));
  g_clear_pointer (&config, g_free);
  config = read_text (fx->config_path);
  g_assert_true (g_str_has_suffix (config, "[profile empty]\n"));
}

static void
test_create_default_and_new_files (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *config_path = g_build_filename (dir, "new", ".aws", "config", NULL);
  g_autofree char *credentials_path = g_build_filename (dir, "new", ".aws", "credentials", NULL);
  g_autofree char *aws_dir = g_path_get_dirname (config_path);
  g_autoptr(WharfAwsProfileStore) store = wharf_aws_profile_store_new (config_path, credentials_path);
  g_autoptr(GHashTable) s = settings ("region", "us-east-1", "aws_access_key_id", "A",
                                      "aws_secret_access_key", "S", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *credentials = NULL;

  g_assert_true (wharf_aws_profile_store_load (store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (wharf_aws_profile_store_get_profiles (store)), ==, 0);
  g_assert_true (wharf_aws_profile_store_create (store, "default", s, &error));
  g_assert_no_error (error);
  config = read_text (config_path);
  credentials = read_text (credentials_path);
  g_assert_cmpstr (config, ==, "[default]\nregion = us-east-1\n");
  g_assert_cmpstr (credentials, ==, "[default]\naws_access_key_id = A\naws_secret_access_key = S\n");
  g_assert_cmpint (file_mode (credentials_path), ==, 0600);
  g_assert_cmpint (file_mode (config_path), ==, 0600);
  g_assert_cmpint (file_mode (aws_dir), ==, 0700);
  wharf_test_rmtree (dir);
}

static void
test_edit (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GHashTable) change = settings ("region", "eu-south-1", "output", NULL,
                                           "aws_secret_access_key", "rotated/secret",
                                           "cli_timestamp_format", "iso8601", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *expected_credentials = NULL;

  g_assert_true (wharf_aws_profile_store_edit (fx->store, "dev", change, &error));
  g_assert_no_error (error);
  config = read_text (fx->config_path);
  credentials = read_text (fx->credentials_path);

  /* region lives in dev's credentials section: changed there, in place. */
  expected_credentials = g_strdup (fx->credentials_orig);
  {
    g_autoptr(GString) s = g_string_new (fx->credentials_orig);
    g_string_replace (s, "dev/secret/key/0000000000000000000000002", "rotated/secret", 1);
    g_string_replace (s, "region = us-east-1", "region = eu-south-1", 1);
    g_assert_cmpstr (credentials, ==, s->str);
  }
  /* Output removed, the new key after dev's last key, the rest untouched. */
  {
    g_autoptr(GString) s = g_string_new (fx->config_orig);
    g_string_replace (s, "Output : text\n", "", 1);
    g_string_replace (s, "  max_concurrent_requests = 4\n",
                      "  max_concurrent_requests = 4\ncli_timestamp_format = iso8601\n", 1);
    g_assert_cmpstr (config, ==, s->str);
  }
  g_assert_cmpstr (wharf_aws_profile_get_region (wharf_aws_profile_store_lookup (fx->store, "dev")),
                   ==, "eu-south-1");

  g_assert_false (wharf_aws_profile_store_edit (fx->store, "ghost", change, &error));
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PROFILE_NOT_FOUND);
}

static void
test_invalid_input (Fixture       *fx,
                    gconstpointer  data)
{
  const char *names[] = { "", "has space", "a]b", "[x", "#x", "tab\tname", "quo\"te" };
  const char *keys[] = { "Region", "has space", "a=b", "" };
  const char *values[] = { "two\nlines", " padded", "padded ", "", "cr\rx" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_false (wharf_aws_profile_store_create (fx->store, names[i], NULL, &error));
      g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GHashTable) s = settings (keys[i], "x", NULL);
      g_assert_false (wharf_aws_profile_store_edit (fx->store, "dev", s, &error));
      g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GHashTable) s = settings ("region", values[i], NULL);
      g_assert_false (wharf_aws_profile_store_edit (fx->store, "dev", s, &error));
      g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  /* Nothing was written. */
  {
    g_autofree char *config = read_text (fx->config_path);
    g_assert_cmpstr (config, ==, fx->config_orig);
  }
  /* A damaged file is reported, not overwritten. */
  g_assert_true (g_file_set_contents (fx->config_path, "[default]\nbroken line\n", -1, NULL));
  g_assert_false (wharf_aws_profile_store_delete (fx->store, "dev", &error));
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PARSE);
  {
    g_autofree char *config = read_text (fx->config_path);
    g_assert_cmpstr (config, ==, "[default]\nbroken line\n");
  }
}

static void
test_delete (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *credentials = NULL;

  g_assert_true (wharf_aws_profile_store_delete (fx->store, "dev", &error));
  g_assert_no_error (error);
  config = read_text (fx->config_path);
  credentials = read_text (fx->credentials_path);
  g_assert_null (strstr (config, "[profile dev]"));
  g_assert_null (strstr (config, "addressing_style"));
  g_assert_null (strstr (credentials, "[dev]"));
  g_assert_null (strstr (credentials, "AKIDDEV"));
  /* Neighbours and their comments stay. */
  g_assert_nonnull (strstr (config, "# trailing comment in a section\n\n[profile role]\n"));
  g_assert_nonnull (strstr (credentials, "default/secret/key/000000000000000000001\n\n[ci]\n"));
  g_assert_null (strstr (credentials, "wins over config"));   /* it was inside [dev] */
  g_assert_nonnull (strstr (config, "whatever = kept\tbyte for byte  "));
  g_assert_null (wharf_aws_profile_store_lookup (fx->store, "dev"));
  g_assert_cmpint (file_mode (fx->credentials_path), ==, 0600);

  g_assert_false (wharf_aws_profile_store_delete (fx->store, "dev", &error));
  g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PROFILE_NOT_FOUND);
}

static void
test_modes_and_symlinks (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GHashTable) s = settings ("region", "us-west-1", NULL);
  g_autoptr(GHashTable) k = settings ("aws_access_key_id", "K", "aws_secret_access_key", "S", NULL);
  g_autofree char *real = wharf_test_write_file (fx->dir, "dotfiles/aws-config", fx->config_orig);
  g_autoptr(GError) error = NULL;
  g_autofree char *via_link = NULL;
  g_autofree char *target = NULL;

  /* The config file keeps its mode; the credentials file is tightened. */
  g_assert_cmpint (g_chmod (fx->credentials_path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (real, 0640), ==, 0);
  g_assert_cmpint (g_unlink (fx->config_path), ==, 0);
  g_assert_cmpint (symlink (real, fx->config_path), ==, 0);

  g_assert_true (wharf_aws_profile_store_edit (fx->store, "default", s, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_aws_profile_store_edit (fx->store, "ci", k, &error));
  g_assert_no_error (error);

  /* The symlink is still a symlink, and its target got the change. */
  target = g_file_read_link (fx->config_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, real);
  via_link = read_text (real);
  g_assert_nonnull (strstr (via_link, "[default]\nregion = us-west-1\n"));
  g_assert_cmpint (file_mode (real), ==, 0640);
  g_assert_cmpint (file_mode (fx->credentials_path), ==, 0600);
}

/* ---- the real AWS CLI ---------------------------------------------------------- */

typedef struct {
  char *aws;
  char *python;
  char *dir;
  char *config_path;
  char *credentials_path;
} Cli;

/* The aws script next to the Python that has botocore (pyenv shims need
 * the real $HOME, which these tests replace). */
static gboolean
cli_init (Cli *cli)
{
  g_autofree char *aws = wharf_test_find_program ("aws");
  g_autofree char *python = NULL;
  g_autofree char *exe = NULL;
  g_autofree char *bin = NULL;

  if (aws == NULL)
    return FALSE;
  python = wharf_test_find_program ("python3");
  if (python == NULL)
    return FALSE;
  {
    const char *argv[] = { python, "-c", "import sys, awscli; print(sys.executable)", NULL };
    if (wharf_test_run (argv, NULL, NULL, &exe, NULL) != 0)
      {
        g_test_skip ("awscli is not importable from python3");
        return FALSE;
      }
  }
  cli->python = g_strdup (g_strstrip (exe));
  bin = g_path_get_dirname (cli->python);
  cli->aws = g_build_filename (bin, "aws", NULL);
  g_assert_true (g_file_test (cli->aws, G_FILE_TEST_IS_EXECUTABLE));
  cli->dir = wharf_test_mkdtemp ();
  cli->config_path = g_build_filename (cli->dir, ".aws", "config", NULL);
  cli->credentials_path = g_build_filename (cli->dir, ".aws", "credentials", NULL);
  return TRUE;
}

static void
cli_clear (Cli *cli)
{
  if (cli->dir != NULL)
    wharf_test_rmtree (cli->dir);
  g_free (cli->aws);
  g_free (cli->python);
  g_free (cli->dir);
  g_free (cli->config_path);
  g_free (cli->credentials_path);
}

static GStrv
cli_environ (Cli *cli)
{
  g_autoptr(GStrvBuilder) env = g_strv_builder_new ();
  g_autofree char *home = g_strconcat ("HOME=", cli->dir, NULL);
  g_autofree char *config = g_strconcat ("AWS_CONFIG_FILE=", cli->config_path, NULL);
  g_autofree char *creds = g_strconcat ("AWS_SHARED_CREDENTIALS_FILE=", cli->credentials_path, NULL);
  g_autofree char *path = g_strconcat ("PATH=", g_getenv ("PATH"), NULL);

  g_strv_builder_add_many (env, home, config, creds, path, "LC_ALL=C.UTF-8", NULL);
  return g_strv_builder_end (env);
}

/* Runs `aws ARGS…`; returns the exit status, stdout trimmed in OUT. */
static int
cli_run (Cli   *cli,
         char **out,
         ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = cli_environ (cli);
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  va_list args;
  int status;

  g_strv_builder_add (builder, cli->aws);
  va_start (args, out);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_strv_builder_add (builder, a);
  va_end (args);
  argv = g_strv_builder_end (builder);
  status = wharf_test_run ((const char * const *) argv, NULL, (const char * const *) envp,
                           &stdout_text, &stderr_text);
  if (out != NULL)
    *out = g_strstrip (g_steal_pointer (&stdout_text));
  return status;
}

static void
assert_cli_get (Cli        *cli,
                const char *key,
                const char *profile,
                const char *expected)
{
  g_autofree char *out = NULL;
  int status = profile != NULL ? cli_run (cli, &out, "configure", "get", key, "--profile", profile, NULL)
                               : cli_run (cli, &out, "configure", "get", key, NULL);

  if (expected == NULL)
    {
      g_assert_cmpint (status, !=, 0);
      return;
    }
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_cli_reads_wharf (void)
{
  Cli cli = { 0 };
  g_autoptr(WharfAwsProfileStore) store = NULL;
  g_autoptr(GHashTable) dev = settings ("region", "eu-west-3", "output", "json",
                                        "aws_access_key_id", "AKIDWHARF00000000001",
                                        "aws_secret_access_key", "wharf/secret+key=", NULL);
  g_autoptr(GHashTable) dflt = settings ("region", "us-east-2", NULL);
  g_autoptr(GHashTable) role = settings ("role_arn", "arn:aws:iam::123456789012:role/Deploy",
                                         "source_profile", "wharf-dev", NULL);
  g_autoptr(GHashTable) move = settings ("region", "eu-central-2", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  g_auto(GStrv) names = NULL;

  if (!cli_init (&cli))
    return;
  store = wharf_aws_profile_store_new (cli.config_path, cli.credentials_path);
  g_assert_true (wharf_aws_profile_store_create (store, "wharf-dev", dev, &error));
  g_assert_true (wharf_aws_profile_store_create (store, "default", dflt, &error));
  g_assert_true (wharf_aws_profile_store_create (store, "wharf-role", role, &error));
  g_assert_true (wharf_aws_profile_store_edit (store, "wharf-dev", move, &error));
  g_assert_no_error (error);

  assert_cli_get (&cli, "region", "wharf-dev", "eu-central-2");
  assert_cli_get (&cli, "output", "wharf-dev", "json");
  assert_cli_get (&cli, "aws_access_key_id", "wharf-dev", "AKIDWHARF00000000001");
  assert_cli_get (&cli, "aws_secret_access_key", "wharf-dev", "wharf/secret+key=");
  assert_cli_get (&cli, "region", NULL, "us-east-2");
  assert_cli_get (&cli, "role_arn", "wharf-role", "arn:aws:iam::123456789012:role/Deploy");
  assert_cli_get (&cli, "source_profile", "wharf-role", "wharf-dev");

  /* Both list the same profiles (CLI v1 has no `configure list-profiles`:
   * ask its botocore). */
  {
    const char *argv[] = { cli.python, "-c", "import botocore.session as s; "
                           "print('\\n'.join(s.Session().available_profiles))", NULL };
    g_auto(GStrv) envp = cli_environ (&cli);
    GListModel *model = wharf_aws_profile_store_get_profiles (store);

    g_assert_cmpint (wharf_test_run (argv, NULL, (const char * const *) envp, &listed, NULL), ==, 0);
    names = g_strsplit (g_strstrip (listed), "\n", -1);
    g_assert_cmpuint (g_strv_length (names), ==, g_list_model_get_n_items (model));
  }
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_nonnull (wharf_aws_profile_store_lookup (store, names[i]));

  g_assert_true (wharf_aws_profile_store_delete (store, "wharf-dev", &error));
  assert_cli_get (&cli, "region", "wharf-dev", NULL);
  assert_cli_get (&cli, "region", NULL, "us-east-2");
  cli_clear (&cli);
}

static void
test_wharf_reads_cli (void)
{
  Cli cli = { 0 };
  g_autoptr(WharfAwsProfileStore) store = NULL;
  g_autoptr(WharfAwsConfig) config = NULL;
  g_autoptr(WharfAwsCredentials) creds = NULL;
  g_autoptr(GHashTable) change = settings ("region", "sa-east-1", NULL);
  g_auto(GStrv) envp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *credentials_text = NULL;
  WharfAwsProfile *made;

  if (!cli_init (&cli))
    return;
  g_assert_cmpint (cli_run (&cli, NULL, "configure", "set", "region", "ap-south-1", "--profile", "cli-made", NULL), ==, 0);
  g_assert_cmpint (cli_run (&cli, NULL, "configure", "set", "aws_access_key_id", "AKIDCLI0000000000009",
                            "--profile", "cli-made", NULL), ==, 0);
  g_assert_cmpint (cli_run (&cli, NULL, "configure", "set", "aws_secret_access_key", "cli/secret",
                            "--profile", "cli-made", NULL), ==, 0);
  g_assert_cmpint (cli_run (&cli, NULL, "configure", "set", "output", "table", NULL), ==, 0);

  store = wharf_aws_profile_store_new (cli.config_path, cli.credentials_path);
  g_assert_true (wharf_aws_profile_store_load (store, &error));
  g_assert_no_error (error);
  made = wharf_aws_profile_store_lookup (store, "cli-made");
  g_assert_nonnull (made);
  g_assert_cmpstr (wharf_aws_profile_get_region (made), ==, "ap-south-1");
  g_assert_true (wharf_aws_profile_get_has_credentials (made));
  g_assert_cmpint (wharf_aws_profile_get_kind (made), ==, WHARF_AWS_PROFILE_KIND_KEYS);
  g_assert_cmpstr (wharf_aws_profile_get_value (wharf_aws_profile_store_lookup (store, "default"), "output"),
                   ==, "table");

  envp = cli_environ (&cli);
  config = wharf_aws_config_new ((const char * const *) envp);
  g_assert_true (wharf_aws_config_load (config, &error));
  wharf_aws_config_set_profile (config, "cli-made");
  creds = wharf_aws_config_resolve_credentials (config, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_aws_credentials_get_access_key_id (creds), ==, "AKIDCLI0000000000009");
  g_assert_cmpstr (wharf_aws_credentials_get_secret_access_key (creds), ==, "cli/secret");

  /* Wharf edits what the CLI wrote; the CLI reads it back. */
  g_assert_true (wharf_aws_profile_store_edit (store, "cli-made", change, &error));
  assert_cli_get (&cli, "region", "cli-made", "sa-east-1");
  config_text = read_text (cli.config_path);
  credentials_text = read_text (cli.credentials_path);
  g_assert_nonnull (strstr (config_text, "[profile cli-made]"));
  g_assert_null (strstr (config_text, "ap-south-1"));
  g_assert_nonnull (strstr (credentials_text, "[cli-made]"));
  cli_clear (&cli);
}

static void
wharf_test_profile_store_add_cli_tests (void)
{
  g_test_add_func ("/aws-profile-store/aws-cli-reads-wharf", test_cli_reads_wharf);
  g_test_add_func ("/aws-profile-store/wharf-reads-aws-cli", test_wharf_reads_cli);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/aws-profile-store/list", test_list);
  ADD ("/aws-profile-store/create", test_create);
  g_test_add_func ("/aws-profile-store/create-default-new-files", test_create_default_and_new_files);
  ADD ("/aws-profile-store/edit", test_edit);
  ADD ("/aws-profile-store/invalid-input", test_invalid_input);
  ADD ("/aws-profile-store/delete", test_delete);
  ADD ("/aws-profile-store/modes-and-symlinks", test_modes_and_symlinks);
#undef ADD
  wharf_test_profile_store_add_cli_tests ();

  return g_test_run ();
}
