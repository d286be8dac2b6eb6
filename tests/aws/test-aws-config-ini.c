/* test-aws-config-ini.c: the line-preserving INI model of ~/.aws/config
 * and ~/.aws/credentials: exact round trips, queries, edits, CRLF files,
 * errors, and random mutations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wharf-aws-profile-file.h"
#include "wharf-test-util.h"

static char *config_orig;
static char *credentials_orig;

/* ---- the INI model ------------------------------------------------------------ */

static void
test_file_round_trip (void)
{
  const char *samples[] = {
    config_orig,
    credentials_orig,
    "",
    "\n\n# only comments\n",
    "[a]\r\nk = v\r\n\r\n[b]\r\nx=y",
    "[default]\n  region = x\n  output = json\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WharfAwsProfileFile) file = wharf_aws_profile_file_parse (samples[i], strlen (samples[i]),
                                                                          "sample", &error);
      g_autofree char *text = NULL;
      gsize length = 0;

      g_assert_no_error (error);
      text = wharf_aws_profile_file_to_data (file, &length);
      g_assert_cmpstr (text, ==, samples[i]);
      g_assert_cmpuint (length, ==, strlen (samples[i]));
    }
}

static void
test_file_queries (void)
{
  const char *text = "[profile dev]\nRegion = us-east-2\ns3 =\n  addressing_style = path\n"
                     "  max_concurrent_requests = 4\n\n[default]\n  region = a\n  output = json\n";
  g_autoptr(WharfAwsProfileFile) file = wharf_aws_profile_file_parse (text, strlen (text), NULL, NULL);
  g_auto(GStrv) sections = wharf_aws_profile_file_get_sections (file);
  g_auto(GStrv) keys = wharf_aws_profile_file_get_keys (file, "profile dev");
  g_autofree char *nested = wharf_aws_profile_file_get_nested (file, "profile dev", "s3", "max_concurrent_requests");
  const char *expected_sections[] = { "profile dev", "default", NULL };
  const char *expected_keys[] = { "Region", "s3", NULL };

  g_assert_cmpstrv (sections, expected_sections);
  g_assert_cmpstrv (keys, expected_keys);
  g_assert_cmpstr (wharf_aws_profile_file_get (file, "profile dev", "region"), ==, "us-east-2");
  g_assert_cmpstr (wharf_aws_profile_file_get (file, "profile dev", "s3"), ==, "");
  g_assert_cmpstr (nested, ==, "4");
  /* Indented keys at the same level are keys, not continuations. */
  g_assert_cmpstr (wharf_aws_profile_file_get (file, "default", "output"), ==, "json");
  g_assert_null (wharf_aws_profile_file_get_keys (file, "nope"));
}

static void
test_file_edits (void)
{
  const char *text = "# head\n[default]\nregion = a\n# about s3\ns3 =\n  x = 1\noutput = json\n"
                     "\n# next section\n[profile b]\nk = v";
  g_autoptr(WharfAwsProfileFile) file = wharf_aws_profile_file_parse (text, strlen (text), NULL, NULL);
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL, *t4 = NULL;

  wharf_aws_profile_file_set (file, "default", "REGION", "b");      /* in place, spelling kept */
  wharf_aws_profile_file_set (file, "default", "s3", "flat");       /* sub-section dropped */
  wharf_aws_profile_file_set (file, "profile b", "new", "1");       /* after the last key */
  t1 = wharf_aws_profile_file_to_data (file, NULL);
  g_assert_cmpstr (t1, ==, "# head\n[default]\nregion = b\n# about s3\ns3 = flat\noutput = json\n"
                           "\n# next section\n[profile b]\nk = v\nnew = 1\n");

  g_assert_true (wharf_aws_profile_file_remove_key (file, "default", "s3"));
  g_assert_false (wharf_aws_profile_file_remove_key (file, "default", "s3"));
  wharf_aws_profile_file_set (file, "profile c", "region", "z");    /* new section at the end */
  t2 = wharf_aws_profile_file_to_data (file, NULL);
  g_assert_cmpstr (t2, ==, "# head\n[default]\nregion = b\n# about s3\noutput = json\n"
                           "\n# next section\n[profile b]\nk = v\nnew = 1\n\n[profile c]\nregion = z\n");

  /* Removing a section keeps the comment that introduces the next one. */
  g_assert_true (wharf_aws_profile_file_remove_section (file, "default"));
  t3 = wharf_aws_profile_file_to_data (file, NULL);
  g_assert_cmpstr (t3, ==, "# head\n\n# next section\n[profile b]\nk = v\nnew = 1\n\n[profile c]\nregion = z\n");
  g_assert_true (wharf_aws_profile_file_remove_section (file, "profile c"));
  g_assert_false (wharf_aws_profile_file_remove_section (file, "profile c"));
  t4 = wharf_aws_profile_file_to_data (file, NULL);
  g_assert_cmpstr (t4, ==, "# head\n\n# next section\n[profile b]\nk = v\nnew = 1\n");
}

static void
test_file_crlf (void)
{
  const char *text = "[a]\r\nk = v\r\n";
  g_autoptr(WharfAwsProfileFile) file = wharf_aws_profile_file_parse (text, strlen (text), NULL, NULL);
  g_autofree char *out = NULL;

  wharf_aws_profile_file_set (file, "a", "n", "1");
  wharf_aws_profile_file_set (file, "b", "m", "2");
  out = wharf_aws_profile_file_to_data (file, NULL);
  g_assert_cmpstr (out, ==, "[a]\r\nk = v\r\nn = 1\r\n\r\n[b]\r\nm = 2\r\n");
}

static void
test_file_errors (void)
{
  const char *bad[] = { "k = v\n", "[a]\nk = 1\nK = 2\n", "[a\n", "[a]\nnovalue\n", "[]\n",
                        "[a]\n[a]\n", "[a]\n: v\n", "[a]\nk = \xff\n" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(WharfAwsProfileFile) file = wharf_aws_profile_file_parse (bad[i], strlen (bad[i]),
                                                                          "/x/config", &error);
      g_assert_null (file);
      g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, "/x/config"));
      g_clear_error (&error);
    }
  {
    const char nul[] = "[a]\nk = v\0x\n";
    g_autoptr(WharfAwsProfileFile) file = wharf_aws_profile_file_parse (nul, sizeof nul - 1, NULL, &error);
    g_assert_null (file);
    g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PARSE);
    g_clear_error (&error);
  }
  /* A folder where the file should be: an I/O error, not a crash. */
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  {
    g_autoptr(WharfAwsProfileFile) file = wharf_aws_profile_file_load (sub, &error);
    g_assert_null (file);
    g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_IO);
  }
  wharf_test_rmtree (dir);
}

/* Mutated files either parse and round-trip exactly, or fail with a
 * parse error; edits on what parses keep the file parseable. */
static void
test_file_mutations (void)
{
  const char alphabet[] = "[]=:#; \t\nab\r\\\"";
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  gsize length = strlen (config_orig);
  guint parsed = 0;

  for (guint round = 0; round < 3000; round++)
    {
      g_autofree char *text = g_strdup (config_orig);
      g_autoptr(GError) error = NULL;
      g_autoptr(WharfAwsProfileFile) file = NULL;
      guint edits = g_rand_int_range (rand, 1, 4);

      for (guint e = 0; e < edits; e++)
        text[g_rand_int_range (rand, 0, length)] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      file = wharf_aws_profile_file_parse (text, length, "mutant", &error);
      if (file == NULL)
        {
          g_assert_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_PARSE);
          continue;
        }
      parsed++;
      {
        g_autofree char *back = wharf_aws_profile_file_to_data (file, NULL);
        g_autofree char *again_text = NULL;
        g_autoptr(WharfAwsProfileFile) again = NULL;

        g_assert_cmpstr (back, ==, text);
        wharf_aws_profile_file_set (file, "profile dev", "region", "x-1");
        wharf_aws_profile_file_set (file, "profile new", "k", "v");
        wharf_aws_profile_file_remove_section (file, "default");
        again_text = wharf_aws_profile_file_to_data (file, NULL);
        again = wharf_aws_profile_file_parse (again_text, strlen (again_text), "edited", &error);
        g_assert_no_error (error);
        g_assert_cmpstr (wharf_aws_profile_file_get (again, "profile new", "k"), ==, "v");
      }
    }
  g_test_message ("%u of 3000 mutants parsed", parsed);
  g_assert_cmpuint (parsed, >, 0);
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;
  g_autofree char *credentials = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  config = wharf_test_srcdir_path ("fixtures", "aws", "config", NULL);
  credentials = wharf_test_srcdir_path ("fixtures", "aws", "credentials", NULL);
  g_assert_true (g_file_get_contents (config, &config_orig, NULL, NULL));
  g_assert_true (g_file_get_contents (credentials, &credentials_orig, NULL, NULL));

  g_test_add_func ("/aws-profile-file/round-trip", test_file_round_trip);
  g_test_add_func ("/aws-profile-file/queries", test_file_queries);
  g_test_add_func ("/aws-profile-file/edits", test_file_edits);
  g_test_add_func ("/aws-profile-file/crlf", test_file_crlf);
  g_test_add_func ("/aws-profile-file/errors", test_file_errors);
  g_test_add_func ("/aws-profile-file/mutations", test_file_mutations);

  status = g_test_run ();
  g_free (config_orig);
  g_free (credentials_orig);
  return status;
}
