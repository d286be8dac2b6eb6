/* wharf-node.h: a YAML document as a tree of positioned nodes.
 *
 * Every node remembers the file, line and column it came from, so every
 * later phase can report FILE:LINE:COL. Nodes built by code (normalisation,
 * conversion) may have no position (file NULL, line 0); they can borrow one
 * with wharf_node_set_position_from().
 *
 * Nodes are reference counted. A node is owned by at most one parent; the
 * parser copies aliased nodes instead of sharing them, so mutating a tree in
 * place (interpolation, normalisation) never affects another part of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define WHARF_YAML_ERROR (wharf_yaml_error_quark ())

typedef enum {
  WHARF_YAML_ERROR_IO,          /* the file cannot be read */
  WHARF_YAML_ERROR_SYNTAX,      /* malformed YAML */
  WHARF_YAML_ERROR_ENCODING,    /* not UTF-8 */
  WHARF_YAML_ERROR_TOO_DEEP,    /* nesting over WHARF_NODE_MAX_DEPTH */
  WHARF_YAML_ERROR_TOO_LARGE,   /* file over the size limit, or alias expansion over budget */
  WHARF_YAML_ERROR_DUPLICATE_KEY,
  WHARF_YAML_ERROR_UNSUPPORTED, /* several documents, non-scalar keys, unknown alias */
} WharfYamlError;

GQuark wharf_yaml_error_quark (void);

#define WHARF_NODE_MAX_DEPTH        256
#define WHARF_NODE_MAX_FILE_SIZE    (32 * 1024 * 1024)
#define WHARF_NODE_MAX_ALIAS_NODES  (1000 * 1000)

typedef enum {
  WHARF_NODE_NULL,
  WHARF_NODE_SCALAR,
  WHARF_NODE_MAPPING,
  WHARF_NODE_SEQUENCE,
} WharfNodeKind;

/* The type of a scalar: plain scalars are resolved with the YAML 1.2 core
 * schema (as compose-go does); quoted scalars are strings. */
typedef enum {
  WHARF_SCALAR_STRING,
  WHARF_SCALAR_INT,
  WHARF_SCALAR_FLOAT,
  WHARF_SCALAR_BOOL,
} WharfScalarType;

typedef struct _WharfNode WharfNode;

#define WHARF_TYPE_NODE (wharf_node_get_type ())
GType            wharf_node_get_type            (void) G_GNUC_CONST;

/* Construction (positions are optional: FILE may be NULL, LINE 0). */
WharfNode       *wharf_node_new_null            (const char       *file,
                                                 guint             line,
                                                 guint             column);
WharfNode       *wharf_node_new_scalar          (const char       *value,
                                                 WharfScalarType   type,
                                                 const char       *file,
                                                 guint             line,
                                                 guint             column);
WharfNode       *wharf_node_new_mapping         (const char       *file,
                                                 guint             line,
                                                 guint             column);
WharfNode       *wharf_node_new_sequence        (const char       *file,
                                                 guint             line,
                                                 guint             column);
WharfNode       *wharf_node_new_string          (const char       *value);
WharfNode       *wharf_node_new_int             (gint64            value);
WharfNode       *wharf_node_new_double          (double            value);
WharfNode       *wharf_node_new_bool            (gboolean          value);

WharfNode       *wharf_node_ref                 (WharfNode        *node);
void             wharf_node_unref               (WharfNode        *node);
WharfNode       *wharf_node_copy                (const WharfNode  *node);
gboolean         wharf_node_equal               (const WharfNode  *a,
                                                 const WharfNode  *b);

/* Position and tag. FILE is an interned string. These accept NULL (an
 * absent node): kind NULL, no position, no tag. */
WharfNodeKind    wharf_node_get_kind            (const WharfNode  *node);
const char      *wharf_node_get_file            (const WharfNode  *node);
guint            wharf_node_get_line            (const WharfNode  *node);
guint            wharf_node_get_column          (const WharfNode  *node);
void             wharf_node_set_position        (WharfNode        *node,
                                                 const char       *file,
                                                 guint             line,
                                                 guint             column);
void             wharf_node_set_position_from   (WharfNode        *node,
                                                 const WharfNode  *other);
/* "FILE:LINE:COL", "FILE" or "" when there is no position. */
char            *wharf_node_format_position     (const WharfNode  *node);
const char      *wharf_node_get_tag             (const WharfNode  *node);
void             wharf_node_set_tag             (WharfNode        *node,
                                                 const char       *tag);

/* Scalars. */
const char      *wharf_node_get_scalar          (const WharfNode  *node);
WharfScalarType  wharf_node_get_scalar_type     (const WharfNode  *node);
void             wharf_node_set_scalar          (WharfNode        *node,
                                                 const char       *value,
                                                 WharfScalarType   type);
gboolean         wharf_node_is_string           (const WharfNode  *node);
/* TRUE for a scalar written quoted (or as a block scalar, or tagged !!str):
 * its text is a string whatever it looks like, even after interpolation. */
gboolean         wharf_node_get_quoted          (const WharfNode  *node);
void             wharf_node_set_quoted          (WharfNode        *node,
                                                 gboolean          quoted);
/* Typed reads: TRUE when the scalar (of any type) parses as one. */
gboolean         wharf_node_get_int64           (const WharfNode  *node,
                                                 gint64           *out);
gboolean         wharf_node_get_double          (const WharfNode  *node,
                                                 double           *out);
gboolean         wharf_node_get_boolean         (const WharfNode  *node,
                                                 gboolean         *out);
/* The YAML 1.2 core schema type of a plain scalar with this text. */
WharfScalarType  wharf_scalar_resolve_type      (const char       *text);

/* Mappings: keys are unique strings, insertion order is kept. */
guint            wharf_node_mapping_size        (const WharfNode  *node);
const char      *wharf_node_mapping_get_key     (const WharfNode  *node,
                                                 guint             index);
WharfNode       *wharf_node_mapping_get_key_node (const WharfNode *node,
                                                 guint             index);
WharfNode       *wharf_node_mapping_get_value   (const WharfNode  *node,
                                                 guint             index);
WharfNode       *wharf_node_mapping_lookup      (const WharfNode  *node,
                                                 const char       *key);
WharfNode       *wharf_node_mapping_lookup_key_node (const WharfNode *node,
                                                 const char       *key);
const char      *wharf_node_mapping_lookup_string (const WharfNode *node,
                                                 const char       *key);
/* Takes ownership of VALUE (and KEY_NODE); replaces an existing value in
 * place, or appends. */
void             wharf_node_mapping_set         (WharfNode        *node,
                                                 const char       *key,
                                                 WharfNode        *value);
void             wharf_node_mapping_set_with_key (WharfNode       *node,
                                                 WharfNode        *key_node,
                                                 WharfNode        *value);
gboolean         wharf_node_mapping_remove      (WharfNode        *node,
                                                 const char       *key);
/* Sorts keys bytewise (stable output for printing). */
void             wharf_node_mapping_sort        (WharfNode        *node);
/* Sorts every mapping in NODE's subtree (NODE included). */
void             wharf_node_sort_recursively    (WharfNode        *node);

/* Sequences. */
guint            wharf_node_sequence_size       (const WharfNode  *node);
WharfNode       *wharf_node_sequence_get        (const WharfNode  *node,
                                                 guint             index);
/* Takes ownership of ITEM. */
void             wharf_node_sequence_append     (WharfNode        *node,
                                                 WharfNode        *item);
void             wharf_node_sequence_insert     (WharfNode        *node,
                                                 guint             index,
                                                 WharfNode        *item);
void             wharf_node_sequence_remove     (WharfNode        *node,
                                                 guint             index);
void             wharf_node_sequence_clear      (WharfNode        *node);

/* Parsing (wharf-node-parse.c). One document; an empty document is a null
 * node. FILE names the source in positions and errors. Errors name
 * FILE:LINE:COL. */
WharfNode       *wharf_node_parse               (const char       *data,
                                                 gsize             length,
                                                 const char       *file,
                                                 GError          **error);
/* TRUE when ROOT, the result of a parse, holds a node with a tag (such as
 * !reset or !override) that its readers may need to act on or strip;
 * FALSE for a tree without tags and for nodes not made by a parse. */
gboolean         wharf_node_parse_had_tags      (const WharfNode  *root);
WharfNode       *wharf_node_parse_file          (const char       *path,
                                                 GError          **error);

/* Output (wharf-node-emit.c): block-style YAML whose strings are quoted
 * where a plain scalar would read as another type; JSON. */
char            *wharf_node_to_yaml             (const WharfNode  *node,
                                                 gsize            *length,
                                                 GError          **error);
JsonNode        *wharf_node_to_json_node        (const WharfNode  *node);
char            *wharf_node_to_json             (const WharfNode  *node,
                                                 gboolean          pretty);
/* From JSON (positions unset). */
WharfNode       *wharf_node_from_json_node      (JsonNode         *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfNode, wharf_node_unref)

G_END_DECLS
