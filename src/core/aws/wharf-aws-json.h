/* wharf-aws-json.h: JSON helpers for the JSON 1.1 and rest-json protocols:
 * a bounded parser and forgiving typed getters (a missing or mistyped member
 * reads as absent, never as a crash).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Documents nested deeper than this are rejected before parsing. */
#define WHARF_AWS_JSON_MAX_DEPTH 128

#define WHARF_JSON_ERROR (wharf_json_error_quark ())

typedef enum {
  WHARF_JSON_ERROR_TOO_DEEP,         /* over WHARF_AWS_JSON_MAX_DEPTH levels */
  WHARF_JSON_ERROR_SEVERAL_VALUES,   /* "x"{…}, [1][2], 1 2 */
} WharfJsonError;

GQuark       wharf_json_error_quark      (void);

/* The check to run on untrusted text before json_parser_load_from_data():
 * json-glib's parser recurses once per nesting level, and json-glib 1.6
 * takes values written one after the other as one document and leaks all
 * but the last. FALSE (WHARF_JSON_ERROR) when DATA is nested too deeply
 * or holds more than one top-level value. LENGTH -1: DATA ends with NUL.
 * Says nothing of other syntax errors: the parser reports those. */
gboolean     wharf_json_check_shape      (const char  *data,
                                          gssize       length,
                                          GError     **error);

/* Parses a whole document. Errors: WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE. */
JsonNode    *wharf_aws_json_parse        (const char  *data,
                                          gsize        length,
                                          GError     **error);
/* Serialises NODE compactly. */
char        *wharf_aws_json_to_string    (JsonNode    *node);

/* Getters on a possibly NULL object. */
const char  *wharf_aws_json_get_string   (JsonObject  *object,
                                          const char  *member);
gint64       wharf_aws_json_get_int      (JsonObject  *object,
                                          const char  *member,
                                          gint64       default_value);
gboolean     wharf_aws_json_get_bool     (JsonObject  *object,
                                          const char  *member,
                                          gboolean     default_value);
JsonObject  *wharf_aws_json_get_object   (JsonObject  *object,
                                          const char  *member);
JsonArray   *wharf_aws_json_get_array    (JsonObject  *object,
                                          const char  *member);
/* String elements of an array member; never NULL. */
char       **wharf_aws_json_get_strv     (JsonObject  *object,
                                          const char  *member);
/* A timestamp member: epoch seconds (JSON 1.1 "timestamp", possibly
 * fractional) or, when MILLISECONDS, epoch milliseconds (Logs "long");
 * also accepts an ISO 8601 string. NULL when absent. */
GDateTime   *wharf_aws_json_get_datetime (JsonObject  *object,
                                          const char  *member,
                                          gboolean     milliseconds);
/* The root object of NODE, or NULL when NODE is not an object. */
JsonObject  *wharf_aws_json_root_object  (JsonNode    *node);

/* The code and message of a JSON error body ({"__type": …, "message": …},
 * EFS's {"ErrorCode": …, "Message": …}) or of the x-amzn-ErrorType header
 * ERROR_TYPE_HEADER (may be NULL), normalised like botocore: anything
 * after ':' and before the last '#' is cut. FALSE when there is no code.
 * *CODE is newly allocated; *MESSAGE is borrowed from ROOT (may be NULL). */
gboolean     wharf_aws_json_get_error    (JsonNode    *root,
                                          const char  *error_type_header,
                                          char       **code,
                                          const char **message);

/* Builder shortcuts for request bodies: set MEMBER only when VALUE is set. */
void         wharf_aws_json_set_string   (JsonObject  *object,
                                          const char  *member,
                                          const char  *value);
void         wharf_aws_json_set_strv     (JsonObject  *object,
                                          const char  *member,
                                          const char * const *values);

G_END_DECLS
