/* test-dotenv.c: ".env" files, with compose-go's fixtures (by path in
 * ../shared/peer-tests) and cases from its godotenv tests, plus our own
 * fixtures in tests/fixtures/compose/dotenv.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "wharf-dotenv.h"
#include "wharf-test-util.h"

static const char *
table_lookup (const char *name,
              gpointer    user_data)
{
  const char * const *table = user_data;

  for (gsize i = 0; table != NULL && table[i] != NULL; i += 2)
    if (g_str_equal (table[i], name))
      return table[i + 1];
  return NULL;
}

/* Asserts that ENV holds exactly the KEY, VALUE pairs of EXPECTED. */
static void
assert_env (GHashTable         *env,
            const char * const *expected)
{
  guint n = 0;

  g_assert_nonnull (env);
  for (; expected[2 * n] != NULL; n++)
    {
      const char *value = g_hash_table_lookup (env, expected[2 * n]);

      if (g_strcmp0 (value, expected[2 * n + 1]) != 0)
        g_error ("%s: got “%s”, expected “%s”", expected[2 * n], value, expected[2 * n + 1]);
    }
  g_assert_cmpuint (g_hash_table_size (env), ==, n);
}

static GHashTable *
parse_peer (const char          *name,
            const char * const  *lookup_table)
{
  g_autofree char *path = wharf_test_peer_path ("compose-spec", "compose-go", "dotenv",
                                                "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  GHashTable *env;

  if (path == NULL)
    return NULL;
  env = wharf_dotenv_parse_file (path, table_lookup, (gpointer) lookup_table, &error);
  g_assert_no_error (error);
  return env;
}

static void
test_peer_plain (void)
{
  static const char * const expected[] = {
    "OPTION_A", "1", "OPTION_B", "2", "OPTION_C", "3", "OPTION_D", "4", "OPTION_E", "5",
    "456", "ABC", "OPTION_F", "", "OPTION_G", "", "OPTION_H", "my string", NULL
  };
  g_autoptr(GHashTable) env = parse_peer ("plain.env", NULL);

  if (env != NULL)
    assert_env (env, expected);
}

static void
test_peer_quoted (void)
{
  static const char * const expected[] = {
    "OPTION_A", "1", "OPTION_B", "2", "OPTION_C", "", "OPTION_D", "\\n",
    "OPTION_E", "1", "OPTION_F", "2", "OPTION_G", "", "OPTION_H", "\n",
    "OPTION_I", "echo 'asd'", "OPTION_J", "first line\nsecond line\nthird line\nand so on",
    "OPTION_K", "Let's go!", "OPTION_Z", "last value", NULL
  };
  g_autoptr(GHashTable) env = parse_peer ("quoted.env", NULL);

  if (env != NULL)
    assert_env (env, expected);
}

static void
test_peer_substitutions (void)
{
  static const char * const expected[] = {
    "OPTION_A", "1", "OPTION_B", "1", "OPTION_C", "1", "OPTION_D", "1_1", "OPTION_E", "", NULL
  };
  /* The caller's environment wins over the file for interpolation, but the
   * file still sets its own OPTION_A (TestSubstitutionsWithEnvFilePrecedence). */
  static const char * const os_env[] = { "OPTION_A", "5", NULL };
  static const char * const expected_os[] = {
    "OPTION_A", "1", "OPTION_B", "5", "OPTION_C", "5", "OPTION_D", "5_5", "OPTION_E", "", NULL
  };
  g_autoptr(GHashTable) env = parse_peer ("substitutions.env", NULL);
  g_autoptr(GHashTable) env_os = NULL;

  if (env == NULL)
    return;
  assert_env (env, expected);
  env_os = parse_peer ("substitutions.env", os_env);
  assert_env (env_os, expected_os);
}

static void
test_peer_substitutions_default (void)
{
  static const char * const expected[] = {
    "OPTION_A", "1", "OPTION_B", "1", "OPTION_C", "1", "OPTION_D", "1_1", "OPTION_E", "", NULL
  };
  static const char * const os_env[] = { "OPTION_A", "5", NULL };
  static const char * const expected_os[] = {
    "OPTION_A", "5", "OPTION_B", "5", "OPTION_C", "5", "OPTION_D", "5_5", "OPTION_E", "", NULL
  };
  g_autoptr(GHashTable) env = parse_peer ("substitutions-default.env", NULL);
  g_autoptr(GHashTable) env_os = NULL;

  if (env == NULL)
    return;
  assert_env (env, expected);
  env_os = parse_peer ("substitutions-default.env", os_env);
  assert_env (env_os, expected_os);
}

static void
test_peer_utf8_bom (void)
{
  static const char * const expected[] = {
    "OPTION_A", "1", "OPTION_B", "2", "OPTION_C", "3", "OPTION_D", "4", "OPTION_E", "5",
    "456", "ABC", "OPTION_F", "", "OPTION_G", "", "OPTION_H", "my string", NULL
  };
  g_autofree char *path = wharf_test_peer_path ("compose-spec", "compose-go", "dotenv",
                                                "fixtures", "utf8-bom.env", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) env = NULL;

  if (path == NULL)
    return;
  /* The fixture must really start with a BOM, or this proves nothing. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  env = parse_peer ("utf8-bom.env", NULL);
  assert_env (env, expected);
}

typedef struct
{
  const char *text;
  const char *key;
  const char *value;
} Line;

typedef struct
{
  const char *path;                 /* below peer-tests/compose-spec */
  const char * const *lookup;
  const char * const *expected;
} PeerFile;

static void
test_peer_env_files (void)
{
  /* Every other .env file of the conformance corpus, with what its README
   * says it should give. */
  static const char * const shell[] = { "WHEREAMI", "shell", "IMAGE_NAME", "from-shell", NULL };
  static const char * const none[] = { NULL };
  const PeerFile files[] = {
    { "compose-go/cli/testdata/env-file/.env", NULL, (const char * const[]) {
        "COMPOSE_FILE", "compose-with-env-file.yaml",
        "COMPOSE_PROJECT_NAME", "my_project_from_dot_env", "PORT", "8000", NULL } },
    { "compose-go/cli/testdata/env-file/override.env", NULL,
      (const char * const[]) { "PORT", "9000", NULL } },
    { "compose-go/cli/testdata/simple/.env", NULL,
      (const char * const[]) { "PUBLIC_PORT", "8000", NULL } },
    { "compose-go@v2.9.1/loader/example1.env", NULL, (const char * const[]) {
        "FOO", "foo_from_env_file", "ENV.WITH.DOT", "ok", "ENV_WITH_UNDERSCORE", "ok",
        "BAR", "bar_from_env_file", "BAZ", "baz_from_env_file", NULL } },
    { "docker-compose/pkg/e2e/fixtures/dotenv/.env", NULL, (const char * const[]) {
        "COMPOSE_FILE", "development/compose.yaml", "IMAGE_NAME", "test",
        "COMPOSE_PROFILES", "test", NULL } },
    { "docker-compose/pkg/e2e/fixtures/dotenv/development/.env", NULL, (const char * const[]) {
        "IMAGE_NAME", "backend", "IMAGE_TAG", "latest", NULL } },
    { "docker-compose/pkg/e2e/fixtures/dotenv/development/.env", shell, (const char * const[]) {
        "IMAGE_NAME", "from-shell", "IMAGE_TAG", "latest", NULL } },
    { "docker-compose/pkg/e2e/testdata/TestEnvPriority/.env", NULL,
      (const char * const[]) { "WHEREAMI", "Env File", NULL } },
    { "docker-compose/pkg/e2e/testdata/TestEnvPriority/.env.override", shell,
      (const char * const[]) { "WHEREAMI", "override", NULL } },
    { "docker-compose/pkg/e2e/testdata/TestEnvPriority/.env.override.with.default", none,
      (const char * const[]) { "WHEREAMI", "EnvFileDefaultValue", NULL } },
    { "docker-compose/pkg/e2e/testdata/TestEnvPriority/.env.override.with.default", shell,
      (const char * const[]) { "WHEREAMI", "shell", NULL } },
    { "docker-compose/pkg/e2e/testdata/TestSecretFromEnv/secret.env", NULL,
      (const char * const[]) { "MY_SECRET", "this-is-secret", NULL } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = wharf_test_peer_path ("compose-spec", files[i].path, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) env = NULL;

      if (path == NULL)
        return;
      env = wharf_dotenv_parse_file (path, table_lookup, (gpointer) files[i].lookup, &error);
      g_assert_no_error (error);
      g_test_message ("%s", files[i].path);
      assert_env (env, files[i].expected);
    }
}

static void
test_peer_layered_files (void)
{
  /* types/fixtures: base.env then override.env. The later file wins; inside
   * override.env, ${FOO} finds the environment first, then base.env, and
   * only then override.env's own FOO (compose-go's GetEnvFromFile). */
  static const char * const expected[] = {
    "FOO", "foo_from_override.env", "INTERPOLATED_FOO", "foo_from_base.env",
    "BAR", "bar_from_override.env", "INTERPOLATED_BAR", "bar_from_os",
    "ZOT", "zot_from_base.env", "INTERPOLATED_ZOT", "zot_from_base.env", NULL
  };
  static const char * const os_env[] = { "BAR", "bar_from_os", NULL };
  g_autofree char *base = wharf_test_peer_path ("compose-spec", "compose-go", "types", "fixtures",
                                                "base.env", NULL);
  g_autofree char *override = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GHashTable) env = NULL;
  g_autoptr(GHashTable) broken = NULL;
  g_autofree char *missing = NULL;

  if (base == NULL)
    return;
  override = wharf_test_peer_path ("compose-spec", "compose-go", "types", "fixtures",
                                   "override.env", NULL);
  env = wharf_dotenv_parse_files ((const char * const[]) { base, override, NULL },
                                  table_lookup, (gpointer) os_env, &keys, &error);
  g_assert_no_error (error);
  assert_env (env, expected);
  g_assert_cmpuint (keys->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, "FOO");
  g_assert_cmpstr (g_ptr_array_index (keys, 5), ==, "INTERPOLATED_ZOT");

  /* A missing file among them: NOT_FOUND, naming it. */
  missing = g_build_filename (g_get_tmp_dir (), "wharf-no-such-file.env", NULL);
  broken = wharf_dotenv_parse_files ((const char * const[]) { base, missing, NULL },
                                     NULL, NULL, NULL, &error);
  g_assert_null (broken);
  g_assert_error (error, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, missing));
}

static void
test_lines (void)
{
  /* compose-go's TestParsing, TestExpanding and TestVariableStringValueSeparator. */
  static const Line lines[] = {
    { "FOO=bar", "FOO", "bar" },
    { "FOO =bar", "FOO", "bar" },
    { "FOO= bar", "FOO", "bar" },
    { "FOO=\"bar\"", "FOO", "bar" },
    { "FOO='bar'", "FOO", "bar" },
    { "FOO=\"escaped\\\"bar\"", "FOO", "escaped\"bar" },
    { "FOO=\"\\\"quoted\\\"\"", "FOO", "\"quoted\"" },
    { "FOO=\"'d'\"", "FOO", "'d'" },
    { "OPTION_A: 1", "OPTION_A", "1" },
    { "OPTION_A: Foo=bar", "OPTION_A", "Foo=bar" },
    { "OPTION_A=1:B", "OPTION_A", "1:B" },
    { "export OPTION_A=2", "OPTION_A", "2" },
    { "export OPTION_B='\\n'", "OPTION_B", "\\n" },
    { "export exportFoo=2", "exportFoo", "2" },
    { "exportFOO=2", "exportFOO", "2" },
    { "export_FOO =2", "export_FOO", "2" },
    { "export.FOO= 2", "export.FOO", "2" },
    { "export\tOPTION_A=2", "OPTION_A", "2" },
    { "  export OPTION_A=2", "OPTION_A", "2" },
    { "\texport OPTION_A=2", "OPTION_A", "2" },
    { "export OPTION_A=\"export A\"", "OPTION_A", "export A" },
    { "FOO=\"bar\\nbaz\"", "FOO", "bar\nbaz" },
    { "FOO=a\\tb", "FOO", "a\\tb" },
    { "FOO=\"a\\tb\"", "FOO", "a\tb" },
    { "KEY=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z\"", "KEY", "Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ" },
    { "FOO.BAR=foobar", "FOO.BAR", "foobar" },
    { "VAR-WITH-DASHES=dashes", "VAR-WITH-DASHES", "dashes" },
    { "ARR[0]=x", "ARR[0]", "x" },
    { "FOO=foobar=", "FOO", "foobar=" },
    { "FOO=bar ", "FOO", "bar" },
    { "FOO=bar # this is foo", "FOO", "bar" },
    { "FOO=bar #this is foo", "FOO", "bar" },
    { "FOO=bar #", "FOO", "bar" },
    { "FOO=123#not-an-inline-comment", "FOO", "123#not-an-inline-comment" },
    { "FOO=\"bar#baz\"", "FOO", "bar#baz" },
    { "FOO=\"bar#baz\"#", "FOO", "bar#baz" },
    { "FOO=\"bar#baz\" # comment", "FOO", "bar#baz" },
    { "FOO='bar#baz' # comment", "FOO", "bar#baz" },
    { "FOO=\"bar#baz#bang\" # comment", "FOO", "bar#baz#bang" },
    { "FOO=\"ba#r\"", "FOO", "ba#r" },
    { "FOO='ba#r'", "FOO", "ba#r" },
    { "FOO=\"bar\\n\\ b\\az\"", "FOO", "bar\n\\ b\az" },
    { "FOO=\"bar\\\\\\n\\ b\\az\"", "FOO", "bar\\\n\\ b\az" },
    { "FOO=\"bar\\\\r\\ b\\az\"", "FOO", "bar\\r\\ b\az" },
    { "FOO=\"bar\\nbaz\\\\\"", "FOO", "bar\nbaz\\" },
    { "=\"value\"", "", "value" },
    { " KEY =value", "KEY", "value" },
    { "   KEY=value", "KEY", "value" },
    { "\tKEY=value", "KEY", "value" },
    { "KEY=\"\\0123\"", "KEY", "S" },
    { "KEY=\"\\0101\\0102\"", "KEY", "AB" },
    { "KEY=\"\\012\"", "KEY", "\\012" },
    { "KEY=\"\\0777\"", "KEY", "\\0777" },
    { "KEY=\"\\0000\"", "KEY", "\\0000" },
    { "KEY=\"\\x07\"", "KEY", "\\x07" },
    { "KEY=\"\\u12e4\"", "KEY", "\\u12e4" },
    { "KEY=\"\\U00101234\"", "KEY", "\\U00101234" },
    { "KEY='Let\\'s go'", "KEY", "Let's go" },
    { "KEY='a\\tb'", "KEY", "a\\tb" },
    { "BAR='quote $FOO'", "BAR", "quote $FOO" },
    { "FOO=\"foo\\$BAR\"", "FOO", "foo$BAR" },
    { "FOO=\"foo\\${BAR}\"", "FOO", "foo${BAR}" },
    { "FOO=foo$$BAR", "FOO", "foo$BAR" },
    { "BAR=$FOO", "BAR", "" },
    { "FOO=test\nBAR=$FOO", "BAR", "test" },
    { "FOO=test\nBAR=${FOO}bar", "BAR", "testbar" },
    { "FOO=test\nBAR=\"quote $FOO\"", "BAR", "quote test" },
    { "FOO=test\nBAR=\"foo\\${FOO} ${FOO}\"", "BAR", "foo${FOO} test" },
    { "TEST_URLS=\"stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443\"",
      "TEST_URLS", "stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443" },
    { "KEY=é ü # unicode", "KEY", "é ü" },
    { "KEY=a\xc2\xa0", "KEY", "a" },   /* a trailing no-break space is trimmed */
    { "ONE=1\nTWO='2'\nTHREE = \"3\"", "THREE", "3" },
    { "A=\nB=2", "A", "" },
    { "A= #only a comment", "A", "#only a comment" },
    { "A=1\nA=2", "A", "2" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) env = wharf_dotenv_parse (lines[i].text, -1, "t.env", NULL, NULL, &error);
      const char *value;

      if (error != NULL)
        g_error ("“%s”: %s", lines[i].text, error->message);
      value = g_hash_table_lookup (env, lines[i].key);
      if (g_strcmp0 (value, lines[i].value) != 0)
        g_error ("“%s”: %s is “%s”, expected “%s”", lines[i].text, lines[i].key, value, lines[i].value);
    }
}

static void
test_ignored_lines (void)
{
  static const char * const inputs[] = { "", "\n", "\r\n", "\t\t ", "# Comment", "\t # comment\n\n" };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) env = wharf_dotenv_parse (inputs[i], -1, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (env), ==, 0);
    }
}

static void
assert_parse_error (const char  *text,
                    gssize       length,
                    GQuark       domain,
                    int          code,
                    const char  *prefix,
                    const char  *substring)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) env = wharf_dotenv_parse (text, length, "bad.env", NULL, NULL, &error);

  g_assert_null (env);
  g_assert_error (error, domain, code);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, substring) == NULL)
    g_error ("“%s”: message “%s” lacks “%s” or “%s”", text, error->message, prefix, substring);
}

static void
test_errors (void)
{
  static const char * const unterminated[] = {
    "KEY=\"", "KEY=\"value", "KEY=\"value\\\"", "KEY=\"value'",
    "KEY='", "KEY='value", "KEY='value\\'", "KEY='value\"",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (unterminated); i++)
    assert_parse_error (unterminated[i], -1, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_SYNTAX,
                        "bad.env:1: ", "unterminated quoted value");

  assert_parse_error ("lol$wut", -1, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_SYNTAX,
                      "bad.env:1: ", "unexpected character “$” in variable name “lol$wut”");
  assert_parse_error ("A=1\n\nB C=2\n", -1, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_SYNTAX,
                      "bad.env:3: ", "cannot contain a space");
  assert_parse_error ("A=1\nFOO='a' 'b'\n", -1, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_SYNTAX,
                      "bad.env:2: ", "unexpected character “'”");
  assert_parse_error ("A=1\nB=\"x\ny\nz\nC=${}\"", -1, WHARF_INTERPOLATE_ERROR,
                      WHARF_INTERPOLATE_ERROR_SYNTAX, "bad.env:2: ", "invalid interpolation format");
  assert_parse_error ("A=1\nB=${NOPE:?needed}\n", -1, WHARF_INTERPOLATE_ERROR,
                      WHARF_INTERPOLATE_ERROR_REQUIRED, "bad.env:2: ",
                      "required variable NOPE is missing a value: needed");
  {
    /* A huge bad line is quoted in part only. */
    g_autofree char *long_line = g_strnfill (100000, 'X');
    g_autofree char *text = g_strdup_printf ("A=1\n%s$\n", long_line);
    g_autoptr(GError) error = NULL;
    g_autoptr(GHashTable) env = wharf_dotenv_parse (text, -1, "bad.env", NULL, NULL, &error);

    g_assert_null (env);
    g_assert_error (error, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_SYNTAX);
    g_assert_cmpuint (strlen (error->message), <, 300);
    g_assert_true (g_str_has_prefix (error->message, "bad.env:2: unexpected character “$”"));
  }
  assert_parse_error ("A=1\nB=caf\xe9\n", -1, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_ENCODING,
                      "bad.env:2: ", "UTF-8");
  assert_parse_error ("A=1\nB=x\0y\n", 10, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_ENCODING,
                      "bad.env:2: ", "UTF-8");
}

static void
test_inherited (void)
{
  static const char * const os_env[] = { "FROM_OS", "os-value", "EMPTY_OS", "", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) env = NULL;
  g_autoptr(GHashTable) bare = NULL;

  env = wharf_dotenv_parse ("FROM_OS\nNOT_SET\nEMPTY_OS\nA=1\n  LAST_WITHOUT_NEWLINE",
                            -1, NULL, table_lookup, (gpointer) os_env, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (env, "FROM_OS"), ==, "os-value");
  g_assert_cmpstr (g_hash_table_lookup (env, "EMPTY_OS"), ==, "");
  g_assert_false (g_hash_table_contains (env, "NOT_SET"));
  g_assert_false (g_hash_table_contains (env, "LAST_WITHOUT_NEWLINE"));
  g_assert_cmpuint (g_hash_table_size (env), ==, 3);

  /* Without a lookup, inherited keys are absent. */
  bare = wharf_dotenv_parse ("FROM_OS\nB=2\nexport\n", -1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_hash_table_contains (bare, "FROM_OS"));
  g_assert_cmpuint (g_hash_table_size (bare), ==, 1);
}

static void
test_key_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GHashTable) env = NULL;

  env = wharf_dotenv_parse_full ("B=1\nA=2\n# c\nB=3\nC='x'\n", -1, NULL, NULL, NULL, &keys, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, "B");
  g_assert_cmpstr (g_ptr_array_index (keys, 1), ==, "A");
  g_assert_cmpstr (g_ptr_array_index (keys, 2), ==, "C");
  g_assert_cmpstr (g_hash_table_lookup (env, "B"), ==, "3");
}

static void
test_own_fixtures (void)
{
  static const char * const os_env[] = { "INHERITED", "from-env", "TAG", "ignored-by-TAG=", NULL };
  static const char * const expected[] = {
    "REGISTRY", "registry.example.com", "IMAGE", "registry.example.com/app",
    "TAG", "1.2.3", "FULL", "registry.example.com/app:ignored-by-TAG=",
    "LITERAL", "${IMAGE} stays", "GREETING", "Hello,\n  World\t!", "PASSWORD", "p@ss#word",
    "URL", "postgres://db:5432/app?sslmode=disable", "HASH", "abc#def", "EMPTY", "",
    "DEFAULTED", "fallback", "ESCAPED", "cost: $5", "INHERITED", "from-env", "INDENTED", "yes",
    NULL
  };
  static const char * const crlf[] = { "A", "1", "B", "two", "C", "three", "D", "multi\r\nline", NULL };
  g_autofree char *full = wharf_test_srcdir_path ("fixtures", "compose", "dotenv", "full.env", NULL);
  g_autofree char *crlf_path = wharf_test_srcdir_path ("fixtures", "compose", "dotenv", "crlf.env", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GHashTable) env = NULL;
  g_autoptr(GHashTable) env_crlf = NULL;

  /* TAG from the environment wins for interpolation (FULL), not for TAG itself. */
  env = wharf_dotenv_parse_file_full (full, table_lookup, (gpointer) os_env, &keys, &error);
  g_assert_no_error (error);
  assert_env (env, expected);
  g_assert_cmpuint (keys->len, ==, 14);
  g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, "REGISTRY");
  g_assert_cmpstr (g_ptr_array_index (keys, 13), ==, "INDENTED");

  env_crlf = wharf_dotenv_parse_file (crlf_path, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_env (env_crlf, crlf);
}

static void
assert_file_error (const char *name,
                   GQuark      domain,
                   int         code,
                   const char *substring)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "compose", "dotenv", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) env = wharf_dotenv_parse_file (path, NULL, NULL, &error);

  g_assert_null (env);
  g_assert_error (error, domain, code);
  if (!g_str_has_prefix (error->message, path) || strstr (error->message, substring) == NULL)
    g_error ("%s: message “%s” lacks the path or “%s”", name, error->message, substring);
}

static void
test_file_errors (void)
{
  g_autofree char *dir = wharf_test_mkdtemp ();
  g_autofree char *big = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) env = NULL;
  g_autofree char *missing = g_build_filename (dir, "missing.env", NULL);
  FILE *f;

  assert_file_error ("latin1.env", WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_ENCODING, ":2: ");
  assert_file_error ("invalid-key.env", WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_SYNTAX,
                     ":4: key “BAD KEY” cannot contain a space");
  assert_file_error ("unterminated.env", WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_SYNTAX,
                     ":3: unterminated quoted value \"never");
  assert_file_error ("required.env", WHARF_INTERPOLATE_ERROR, WHARF_INTERPOLATE_ERROR_REQUIRED,
                     ":2: required variable DB_NAME is missing a value: set DB_NAME in the environment");

  env = wharf_dotenv_parse_file (missing, NULL, NULL, &error);
  g_assert_null (env);
  g_assert_error (error, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_NOT_FOUND);
  g_clear_error (&error);

  env = wharf_dotenv_parse_file (dir, NULL, NULL, &error);
  g_assert_null (env);
  g_assert_error (error, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_IO);
  g_clear_error (&error);

  /* Over the size limit: refused before reading (a sparse file). */
  big = g_build_filename (dir, "big.env", NULL);
  f = fopen (big, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, WHARF_DOTENV_MAX_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('\n', f), ==, '\n');
  fclose (f);
  env = wharf_dotenv_parse_file (big, NULL, NULL, &error);
  g_assert_null (env);
  g_assert_error (error, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_IO);
  g_clear_error (&error);

  /* Devices: an endless one is cut at the size limit; an empty one is an
   * empty file (pipes such as --env-file <(…) are read the same way). */
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      env = wharf_dotenv_parse_file ("/dev/zero", NULL, NULL, &error);
      g_assert_null (env);
      g_assert_error (error, WHARF_DOTENV_ERROR, WHARF_DOTENV_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "too large"));
      g_clear_error (&error);

      env = wharf_dotenv_parse_file ("/dev/null", NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (env), ==, 0);
      g_clear_pointer (&env, g_hash_table_unref);
    }

  wharf_test_rmtree (dir);
}

static void
test_large (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) env = NULL;

  /* 20,000 statements, each referring to the one before: linear. */
  g_string_append (text, "V0=x\n");
  for (int i = 1; i < 20000; i++)
    g_string_append_printf (text, "V%d=${V%d:0:1}\n", i, i - 1);
  env = wharf_dotenv_parse (text->str, text->len, "big.env", NULL, NULL, &error);
  g_assert_null (env);
  g_assert_error (error, WHARF_INTERPOLATE_ERROR, WHARF_INTERPOLATE_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "big.env:2: "));
  g_clear_error (&error);

  g_string_truncate (text, 0);
  g_string_append (text, "V0=x\n");
  for (int i = 1; i < 20000; i++)
    g_string_append_printf (text, "V%d=\"${V%d}\"\n", i, i - 1);
  env = wharf_dotenv_parse (text->str, text->len, "big.env", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (env), ==, 20000);
  g_assert_cmpstr (g_hash_table_lookup (env, "V19999"), ==, "x");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dotenv/peer/plain", test_peer_plain);
  g_test_add_func ("/dotenv/peer/quoted", test_peer_quoted);
  g_test_add_func ("/dotenv/peer/substitutions", test_peer_substitutions);
  g_test_add_func ("/dotenv/peer/substitutions-default", test_peer_substitutions_default);
  g_test_add_func ("/dotenv/peer/utf8-bom", test_peer_utf8_bom);
  g_test_add_func ("/dotenv/peer/env-files", test_peer_env_files);
  g_test_add_func ("/dotenv/peer/layered-files", test_peer_layered_files);
  g_test_add_func ("/dotenv/lines", test_lines);
  g_test_add_func ("/dotenv/ignored-lines", test_ignored_lines);
  g_test_add_func ("/dotenv/errors", test_errors);
  g_test_add_func ("/dotenv/inherited", test_inherited);
  g_test_add_func ("/dotenv/key-order", test_key_order);
  g_test_add_func ("/dotenv/own-fixtures", test_own_fixtures);
  g_test_add_func ("/dotenv/file-errors", test_file_errors);
  g_test_add_func ("/dotenv/large", test_large);

  return g_test_run ();
}
