/* test-interpolate.c: "${VAR:-default}" interpolation, on strings and on
 * positioned YAML trees. Cases follow compose-go's template tests (same
 * variables: FOO=first, BAR set but empty, everything else unset).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "wharf-diagnostic.h"
#include "wharf-interpolate.h"
#include "wharf-test-util.h"

typedef struct
{
  const char *text;
  const char *expected;
} Case;

static const char *
table_lookup (const char *name,
              gpointer    user_data)
{
  const char * const *table = user_data;

  for (gsize i = 0; table[i] != NULL; i += 2)
    if (g_str_equal (table[i], name))
      return table[i + 1];
  return NULL;
}

static const char * const defaults[] = { "FOO", "first", "BAR", "", NULL };

static void
check_cases (const Case *cases,
             gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *result = wharf_interpolate (cases[i].text, table_lookup,
                                                   (gpointer) defaults, &error);

      if (error != NULL)
        g_error ("“%s”: unexpected error: %s", cases[i].text, error->message);
      if (g_strcmp0 (result, cases[i].expected) != 0)
        g_error ("“%s” gave “%s”, expected “%s”", cases[i].text, result, cases[i].expected);
    }
}

static void
check_error (const char            *text,
             WharfInterpolateError  code,
             const char            *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = wharf_interpolate (text, table_lookup, (gpointer) defaults, &error);

  if (result != NULL)
    g_error ("“%s” gave “%s”, expected an error", text, result);
  g_assert_error (error, WHARF_INTERPOLATE_ERROR, (int) code);
  if (code == WHARF_INTERPOLATE_ERROR_REQUIRED)
    g_assert_cmpstr (error->message, ==, message);
  else if (strstr (error->message, message) == NULL)
    g_error ("“%s”: “%s” not in “%s”", text, message, error->message);
}

static void
test_escapes (void)
{
  static const Case cases[] = {
    { "$${foo}", "${foo}" },
    { "$$", "$" },
    { "$$FOO", "$FOO" },
    { "a$$$FOO", "a$first" },
    { "$$$$", "$$" },
    { "foo", "foo" },
    { "", "" },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_lone_dollar (void)
{
  /* compose-go's TestUnescaped, plus other non-name characters. */
  static const Case cases[] = {
    { "a $ string", "a $ string" },
    { "^REGEX$", "^REGEX$" },
    { "$}", "$}" },
    { "$", "$" },
    { "$1 and $-x", "$1 and $-x" },
    { "cost: 5$ {FOO}", "cost: 5$ {FOO}" },
    { "$é$FOO", "$éfirst" },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_invalid (void)
{
  static const char * const templates[] = {
    "${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "${VAR:x}", "${VAR:}",
    "${1A}", "abc ${FOO", "${FOO:-${BAR}", "${FOO}${", "${-x}", "${:-x}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (templates); i++)
    check_error (templates[i], WHARF_INTERPOLATE_ERROR_SYNTAX, "invalid interpolation format");
  check_error ("${VAR:x}", WHARF_INTERPOLATE_ERROR_SYNTAX, "unknown operator");
  check_error ("x ${FOO", WHARF_INTERPOLATE_ERROR_SYNTAX, "“x ${FOO”");
}

static void
test_plain_values (void)
{
  static const Case cases[] = {
    { "$FOO-bar", "first-bar" },            /* docker/compose#8601 */
    { "$FOO.x/$FOO", "first.x/first" },
    { "${FOO}bar", "firstbar" },
    { "This ${missing} var", "This  var" },
    { "This ${BAR} var", "This  var" },
    { "This $missing var", "This  var" },
    { "This $FOO var", "This first var" },
    { "This ${FOO} var", "This first var" },
    { "${foo}", "" },                       /* names are case-sensitive */
    { "$FOO_BAR", "" },                     /* the longest name is taken */
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_defaults (void)
{
  static const Case cases[] = {
    { "ok ${missing:-def}", "ok def" },
    { "ok ${missing-def}", "ok def" },
    { "ok ${BAR:-def}", "ok def" },          /* set but empty: soft default applies */
    { "ok ${BAR-def}", "ok " },              /* … hard default does not */
    { "ok ${FOO:-def}", "ok first" },
    { "ok ${FOO-def}", "ok first" },
    { "ok ${BAR:-/non:-alphanumeric}", "ok /non:-alphanumeric" },
    { "${UNSET:-}", "" },
    { "${UNSET:-a b c}", "a b c" },
    { "${UNSET:-héllo wörld}", "héllo wörld" },
    { "${UNSET:-{a}}", "{a}" },
    { "${UNSET:-a}b}", "ab}" },
    { "${UNSET-myerror?msg}", "myerror?msg" },
    { "${UNSET:-$$HOME}", "$HOME" },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_alternatives (void)
{
  static const Case cases[] = {
    { "ok ${UNSET_VAR:+presence_value}", "ok " },
    { "ok ${UNSET_VAR+presence_value}", "ok " },
    { "ok ${FOO:+presence_value}", "ok presence_value" },
    { "ok ${FOO+presence_value}", "ok presence_value" },
    { "ok ${BAR+presence_value}", "ok presence_value" },   /* set, even empty */
    { "ok ${BAR:+presence_value}", "ok " },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_outer_text (void)
{
  /* compose-go's TestInterpolationExternalInterference: operator-like text
   * around a reference changes nothing. */
  static const Case cases[] = {
    { "-ok ${BAR:-defaultValue}", "-ok defaultValue" },
    { "+ok ${UNSET:-${BAR-defaultValue}}", "+ok " },
    { "-ok ${FOO:-defaultValue}", "-ok first" },
    { ":-ok ${UNSET-defaultValue}", ":-ok defaultValue" },
    { ":-ok ${BAR-defaultValue}", ":-ok " },
    { ":?ok ${BAR-defaultValue}", ":?ok " },
    { ":?ok ${BAR:-defaultValue}", ":?ok defaultValue" },
    { ":+ok ${BAR:-defaultValue}", ":+ok defaultValue" },
    { "+ok ${BAR-defaultValue}", "+ok " },
    { "?ok ${BAR:-defaultValue}", "?ok defaultValue" },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_nested (void)
{
  static const Case cases[] = {
    { "ok ${UNSET_VAR-$FOO}", "ok first" },
    { "ok ${UNSET_VAR-${FOO}}", "ok first" },
    { "ok ${UNSET_VAR-${FOO} ${FOO}}", "ok first first" },
    { "ok ${BAR:-$FOO}", "ok first" },
    { "ok ${BAR:-${FOO}}", "ok first" },
    { "ok ${BAR:-${FOO} ${FOO}}", "ok first first" },
    { "ok ${BAR+$FOO}", "ok first" },
    { "ok ${BAR+$FOO ${FOO:+second}}", "ok first second" },
    { "${A:-${B:-x}}", "x" },
    { "${A:-${B:-${C:-${FOO}}}}-${D:-y}", "first-y" },
    { "${A:-${BAR:-${FOO:+z}}}", "z" },
    /* An operator's text is only interpolated when it is used. */
    { "${FOO:-${UNSET:?never checked}}", "first" },
    { "${UNSET:+${X:?never checked}}", "" },
  };
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_required (void)
{
  static const Case cases[] = {
    { "ok ${FOO:?err}", "ok first" },
    { "ok ${FOO?err}", "ok first" },
    { "ok ${BAR?err}", "ok " },
    { "${FOO?bar-baz}", "first" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
  check_error ("not ok ${UNSET_VAR:?Mandatory Variable Unset}", WHARF_INTERPOLATE_ERROR_REQUIRED,
               "required variable UNSET_VAR is missing a value: Mandatory Variable Unset");
  check_error ("not ok ${BAR:?Mandatory Variable Empty}", WHARF_INTERPOLATE_ERROR_REQUIRED,
               "required variable BAR is missing a value: Mandatory Variable Empty");
  check_error ("not ok ${UNSET_VAR:?}", WHARF_INTERPOLATE_ERROR_REQUIRED,
               "required variable UNSET_VAR is missing a value");
  check_error ("not ok ${UNSET_VAR?Mandatory Variable Unset}", WHARF_INTERPOLATE_ERROR_REQUIRED,
               "required variable UNSET_VAR is missing a value: Mandatory Variable Unset");
  check_error ("not ok ${UNSET_VAR?}", WHARF_INTERPOLATE_ERROR_REQUIRED,
               "required variable UNSET_VAR is missing a value");
  check_error ("${UNSET_VAR?bar-baz}", WHARF_INTERPOLATE_ERROR_REQUIRED,
               "required variable UNSET_VAR is missing a value: bar-baz");
  /* The message is interpolated. */
  check_error ("not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}", WHARF_INTERPOLATE_ERROR_REQUIRED,
               "required variable UNSET_VAR is missing a value: Mandatory Variable first");
  check_error ("not ok ${UNSET_VAR?Mandatory Variable ${FOO}}", WHARF_INTERPOLATE_ERROR_REQUIRED,
               "required variable UNSET_VAR is missing a value: Mandatory Variable first");
  /* A required variable inside a default that is used. */
  check_error ("${UNSET:-${TAG:?set TAG}}", WHARF_INTERPOLATE_ERROR_REQUIRED,
               "required variable TAG is missing a value: set TAG");
  /* The first error wins. */
  check_error ("${A:?first} ${B:?second}", WHARF_INTERPOLATE_ERROR_REQUIRED,
               "required variable A is missing a value: first");
}

static void
test_no_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = wharf_interpolate ("[$A|${B:-b}|${C+c}]", NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "[|b|]");
  g_assert_false (wharf_interpolate_has_references ("plain text"));
  g_assert_true (wharf_interpolate_has_references ("a $ b"));
}

static void
test_reports (void)
{
  g_autoptr(GPtrArray) referenced = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unset = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  result = wharf_interpolate_full ("${A} $B ${C:-x} ${FOO} $A ${BAR} $$D ${FOO:-${E}}",
                                   table_lookup, (gpointer) defaults, referenced, unset, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "  x first   $D first");
  /* E is in a default that was not used: never looked up. */
  g_assert_cmpuint (referenced->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (referenced, 0), ==, "A");
  g_assert_cmpstr (g_ptr_array_index (referenced, 1), ==, "B");
  g_assert_cmpstr (g_ptr_array_index (referenced, 2), ==, "C");
  g_assert_cmpstr (g_ptr_array_index (referenced, 3), ==, "FOO");
  g_assert_cmpstr (g_ptr_array_index (referenced, 4), ==, "BAR");
  /* C had a default; BAR is set (empty). */
  g_assert_cmpuint (unset->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (unset, 0), ==, "A");
  g_assert_cmpstr (g_ptr_array_index (unset, 1), ==, "B");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) open = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  for (int i = 0; i < 32; i++)
    g_string_append (ok, "${U:-");
  g_string_append (ok, "end");
  for (int i = 0; i < 32; i++)
    g_string_append_c (ok, '}');
  result = wharf_interpolate (ok->str, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "end");

  /* 100,000 levels: an error, not a stack overflow. */
  for (int i = 0; i < 100000; i++)
    g_string_append (deep, "${U:-");
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '}');
  g_clear_pointer (&result, g_free);
  result = wharf_interpolate (deep->str, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, WHARF_INTERPOLATE_ERROR, WHARF_INTERPOLATE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  /* The excerpt in the message is bounded. */
  g_assert_cmpuint (strlen (error->message), <, 600);
  g_clear_error (&error);

  /* 100,000 unclosed "${": one error, in linear time. */
  for (int i = 0; i < 100000; i++)
    g_string_append (open, "${");
  result = wharf_interpolate (open->str, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, WHARF_INTERPOLATE_ERROR, WHARF_INTERPOLATE_ERROR_SYNTAX);
}

/* Tree walker. */

static const char * const node_env[] = {
  "PORT", "8000", "DEBUG", "true", "RATIO", "1.5", "NAME", "web", "EMPTY", "", NULL
};

static WharfNode *
parse_yaml (const char *yaml)
{
  g_autoptr(GError) error = NULL;
  WharfNode *node = wharf_node_parse (yaml, strlen (yaml), "compose.yaml", &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static WharfNode *
at (WharfNode  *root,
    const char *dotted)
{
  g_auto(GStrv) parts = g_strsplit (dotted, ".", -1);
  WharfNode *node = root;

  for (guint i = 0; parts[i] != NULL && node != NULL; i++)
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (parts[i], &end, 10);

      if (end != parts[i] && *end == '\0')
        node = wharf_node_sequence_get (node, (guint) index);
      else
        node = wharf_node_mapping_lookup (node, parts[i]);
    }
  g_assert_nonnull (node);
  return node;
}

static void
assert_scalar (WharfNode       *root,
               const char      *dotted,
               const char      *text,
               WharfScalarType  type)
{
  WharfNode *node = at (root, dotted);

  g_assert_cmpint (wharf_node_get_kind (node), ==, WHARF_NODE_SCALAR);
  g_assert_cmpstr (wharf_node_get_scalar (node), ==, text);
  g_assert_cmpint (wharf_node_get_scalar_type (node), ==, type);
}

static void
test_node_values (void)
{
  g_autoptr(WharfNode) root = parse_yaml (
    "services:\n"
    "  web:\n"
    "    image: \"nginx:${TAG:-latest}\"\n"
    "    ports:\n"
    "      - \"${PORT}:80\"\n"
    "      - ${PORT}\n"
    "    replicas: 3\n"
    "    labels:\n"
    "      quoted_number: \"123\"\n"
    "    environment:\n"
    "      PORT: ${PORT}\n"
    "      DEBUG: ${DEBUG}\n"
    "      RATIO: ${RATIO}\n"
    "      QUOTED_RATIO: \"${RATIO}\"\n"
    "      MISSING: ${NOPE}\n"
    "      SET_EMPTY: ${EMPTY-unused}\n"
    "      LITERAL: $$HOME\n"
    "      ${NAME}: key-is-not-interpolated\n"
    "    command: [\"echo\", \"$NAME\", '${NAME:+yes}']\n");
  g_autoptr(GError) error = NULL;

  g_assert_true (wharf_interpolate_node (root, table_lookup, (gpointer) node_env, NULL, &error));
  g_assert_no_error (error);

  assert_scalar (root, "services.web.image", "nginx:latest", WHARF_SCALAR_STRING);
  assert_scalar (root, "services.web.ports.0", "8000:80", WHARF_SCALAR_STRING);
  assert_scalar (root, "services.web.ports.1", "8000", WHARF_SCALAR_INT);
  /* Scalars without references keep their type, even quoted digits. */
  assert_scalar (root, "services.web.replicas", "3", WHARF_SCALAR_INT);
  assert_scalar (root, "services.web.labels.quoted_number", "123", WHARF_SCALAR_STRING);
  assert_scalar (root, "services.web.environment.PORT", "8000", WHARF_SCALAR_INT);
  assert_scalar (root, "services.web.environment.DEBUG", "true", WHARF_SCALAR_BOOL);
  assert_scalar (root, "services.web.environment.RATIO", "1.5", WHARF_SCALAR_FLOAT);
  /* A quoted reference stays a string (no 1.10 → 1.1 surprises). */
  assert_scalar (root, "services.web.environment.QUOTED_RATIO", "1.5", WHARF_SCALAR_STRING);
  assert_scalar (root, "services.web.environment.MISSING", "", WHARF_SCALAR_STRING);
  assert_scalar (root, "services.web.environment.SET_EMPTY", "", WHARF_SCALAR_STRING);
  assert_scalar (root, "services.web.environment.LITERAL", "$HOME", WHARF_SCALAR_STRING);
  assert_scalar (root, "services.web.environment.${NAME}", "key-is-not-interpolated",
                 WHARF_SCALAR_STRING);
  assert_scalar (root, "services.web.command.1", "web", WHARF_SCALAR_STRING);
  assert_scalar (root, "services.web.command.2", "yes", WHARF_SCALAR_STRING);
  /* Positions survive. */
  g_assert_cmpuint (wharf_node_get_line (at (root, "services.web.image")), ==, 3);
  g_assert_cmpuint (wharf_node_get_column (at (root, "services.web.image")), ==, 12);
}

static void
assert_node_error (const char            *yaml,
                   const char            *path,
                   const char            *subtree,
                   WharfInterpolateError  code,
                   const char            *message)
{
  g_autoptr(WharfNode) root = parse_yaml (yaml);
  g_autoptr(GError) error = NULL;
  WharfNode *node = subtree != NULL ? at (root, subtree) : root;

  g_assert_false (wharf_interpolate_node (node, table_lookup, (gpointer) node_env, path, &error));
  g_assert_error (error, WHARF_INTERPOLATE_ERROR, (int) code);
  if (code == WHARF_INTERPOLATE_ERROR_REQUIRED)
    g_assert_cmpstr (error->message, ==, message);
  else if (!g_str_has_prefix (error->message, message))
    g_error ("“%s” does not start with “%s”", error->message, message);
}

static void
test_node_errors (void)
{
  assert_node_error ("services:\n  web:\n    image: \"app:${TAG:?TAG must be set}\"\n",
                     NULL, NULL, WHARF_INTERPOLATE_ERROR_REQUIRED,
                     "compose.yaml:3:12: services.web.image: "
                     "required variable TAG is missing a value: TAG must be set");
  assert_node_error ("services:\n  web:\n    image: x\n    ports:\n      - 80\n      - ${P:?}\n",
                     NULL, NULL, WHARF_INTERPOLATE_ERROR_REQUIRED,
                     "compose.yaml:6:9: services.web.ports[1]: "
                     "required variable P is missing a value");
  /* A subtree with its own path. */
  assert_node_error ("services:\n  web:\n    image: ${TAG?}\n",
                     "services.web", "services.web", WHARF_INTERPOLATE_ERROR_REQUIRED,
                     "compose.yaml:3:12: services.web.image: "
                     "required variable TAG is missing a value");
  /* A scalar at the root: no path. */
  assert_node_error ("${X:?}\n", NULL, NULL, WHARF_INTERPOLATE_ERROR_REQUIRED,
                     "compose.yaml:1:1: required variable X is missing a value");
  assert_node_error ("name: ok\nx-bad:\n  - a: \"${FOO }\"\n", NULL, NULL,
                     WHARF_INTERPOLATE_ERROR_SYNTAX,
                     "compose.yaml:3:8: x-bad[0].a: invalid interpolation format");
}

static void
test_node_unpositioned (void)
{
  g_autoptr(WharfNode) root = wharf_node_new_mapping (NULL, 0, 0);
  g_autoptr(GError) error = NULL;

  wharf_node_mapping_set (root, "image", wharf_node_new_string ("${X:?}"));
  g_assert_false (wharf_interpolate_node (root, NULL, NULL, NULL, &error));
  g_assert_error (error, WHARF_INTERPOLATE_ERROR, WHARF_INTERPOLATE_ERROR_REQUIRED);
  g_assert_cmpstr (error->message, ==, "image: required variable X is missing a value");
}

static void
test_node_diagnostics (void)
{
  g_autoptr(WharfNode) root = parse_yaml ("services:\n  web:\n    image: ${REPO}/app:${TAG}\n"
                                          "    user: ${USER_ID:-1000}\n    hostname: $HOST\n");
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfDiagnostic) first = NULL;
  g_autoptr(WharfDiagnostic) last = NULL;

  g_assert_true (wharf_interpolate_node_full (root, NULL, NULL, NULL, diagnostics, &error));
  g_assert_no_error (error);
  assert_scalar (root, "services.web.image", "/app:", WHARF_SCALAR_STRING);
  assert_scalar (root, "services.web.user", "1000", WHARF_SCALAR_INT);

  /* REPO, TAG and HOST; not USER_ID, which has a default. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diagnostics)), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (diagnostics), 0);
  last = g_list_model_get_item (G_LIST_MODEL (diagnostics), 2);
  g_assert_cmpint (wharf_diagnostic_get_severity (first), ==, WHARF_SEVERITY_WARNING);
  g_assert_cmpstr (wharf_diagnostic_get_file (first), ==, "compose.yaml");
  g_assert_cmpuint (wharf_diagnostic_get_line (first), ==, 3);
  g_assert_cmpstr (wharf_diagnostic_get_path (first), ==, "services.web.image");
  g_assert_nonnull (strstr (wharf_diagnostic_get_message (first), "REPO"));
  g_assert_cmpuint (wharf_diagnostic_get_line (last), ==, 5);
  g_assert_nonnull (strstr (wharf_diagnostic_get_message (last), "HOST"));
}

static void
test_many_names (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) referenced = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unset = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  /* 200,000 distinct names, each used twice: reported once each, in order,
   * and in linear time. A name already in the array is not added again. */
  g_ptr_array_add (referenced, g_strdup ("v7"));
  for (int i = 0; i < 200000; i++)
    g_string_append_printf (text, "$v%d${v%d}", i, i);
  result = wharf_interpolate_full (text->str, NULL, NULL, referenced, unset, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "");
  g_assert_cmpuint (referenced->len, ==, 200000);
  g_assert_cmpuint (unset->len, ==, 200000);
  g_assert_cmpstr (g_ptr_array_index (referenced, 0), ==, "v7");
  g_assert_cmpstr (g_ptr_array_index (referenced, 1), ==, "v0");
  g_assert_cmpstr (g_ptr_array_index (unset, 199999), ==, "v199999");
}

static void
test_node_warning_cap (void)
{
  g_autoptr(WharfNode) root = wharf_node_new_sequence ("big.yaml", 1, 1);
  g_autoptr(GListStore) diagnostics = g_list_store_new (WHARF_TYPE_DIAGNOSTIC);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 1500; i++)
    {
      g_autofree char *text = g_strdup_printf ("${V%d}", i);
      wharf_node_sequence_append (root, wharf_node_new_string (text));
    }
  g_assert_true (wharf_interpolate_node_full (root, NULL, NULL, "x", diagnostics, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diagnostics)), ==, 1000);
  g_assert_cmpstr (wharf_node_get_scalar (wharf_node_sequence_get (root, 1499)), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interpolate/escapes", test_escapes);
  g_test_add_func ("/interpolate/lone-dollar", test_lone_dollar);
  g_test_add_func ("/interpolate/invalid", test_invalid);
  g_test_add_func ("/interpolate/plain-values", test_plain_values);
  g_test_add_func ("/interpolate/defaults", test_defaults);
  g_test_add_func ("/interpolate/alternatives", test_alternatives);
  g_test_add_func ("/interpolate/outer-text", test_outer_text);
  g_test_add_func ("/interpolate/nested", test_nested);
  g_test_add_func ("/interpolate/required", test_required);
  g_test_add_func ("/interpolate/no-lookup", test_no_lookup);
  g_test_add_func ("/interpolate/reports", test_reports);
  g_test_add_func ("/interpolate/deep-nesting", test_deep_nesting);
  g_test_add_func ("/interpolate/many-names", test_many_names);
  g_test_add_func ("/interpolate/node/values", test_node_values);
  g_test_add_func ("/interpolate/node/errors", test_node_errors);
  g_test_add_func ("/interpolate/node/unpositioned", test_node_unpositioned);
  g_test_add_func ("/interpolate/node/diagnostics", test_node_diagnostics);
  g_test_add_func ("/interpolate/node/warning-cap", test_node_warning_cap);

  return g_test_run ();
}
