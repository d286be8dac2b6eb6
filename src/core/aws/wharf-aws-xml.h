/* wharf-aws-xml.h: a small XML reader for AWS responses (Query, EC2 and
 * rest-xml protocols), built on GMarkupParseContext. The result is a plain
 * element tree: namespace prefixes are dropped, attributes are ignored,
 * text is kept exactly as sent (entities decoded).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Documents nested deeper than this are rejected (bounded recursion). */
#define WHARF_AWS_XML_MAX_DEPTH 128

typedef struct _WharfAwsXmlNode WharfAwsXmlNode;

struct _WharfAwsXmlNode
{
  char            *name;      /* local name, without namespace prefix */
  char            *text;      /* text content ("" when none) */
  WharfAwsXmlNode *parent;
  GPtrArray       *children;  /* WharfAwsXmlNode*, never NULL */
};

/* Parses a whole document. Errors: WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE
 * (not well formed, truncated, empty, too deep). */
WharfAwsXmlNode *wharf_aws_xml_parse        (const char            *data,
                                             gsize                  length,
                                             GError               **error);
void             wharf_aws_xml_node_free    (WharfAwsXmlNode       *node);

/* The first child element named NAME, following a "/"-separated PATH
 * ("DescribeStacksResult/Stacks"); NULL when absent. NODE may be NULL. */
WharfAwsXmlNode *wharf_aws_xml_get          (const WharfAwsXmlNode *node,
                                             const char            *path);
/* Text of the element at PATH, or NULL when absent. */
const char      *wharf_aws_xml_get_text     (const WharfAwsXmlNode *node,
                                             const char            *path);
/* Text at PATH parsed as an integer, DEFAULT_VALUE when absent or invalid. */
gint64           wharf_aws_xml_get_int      (const WharfAwsXmlNode *node,
                                             const char            *path,
                                             gint64                 default_value);
/* "true"/"false" at PATH, DEFAULT_VALUE when absent or invalid. */
gboolean         wharf_aws_xml_get_bool     (const WharfAwsXmlNode *node,
                                             const char            *path,
                                             gboolean               default_value);
/* ISO 8601 timestamp at PATH (with or without fraction), NULL when absent
 * or invalid. */
GDateTime       *wharf_aws_xml_get_datetime (const WharfAwsXmlNode *node,
                                             const char            *path);
/* Texts of the list element at PATH (its <member> or <item> children),
 * never NULL. */
char           **wharf_aws_xml_get_strv     (const WharfAwsXmlNode *node,
                                             const char            *path);
/* The list entries (<member>/<item> children) of the element at PATH, as
 * borrowed pointers; an empty array when absent. */
GPtrArray       *wharf_aws_xml_get_list     (const WharfAwsXmlNode *node,
                                             const char            *path);
/* First descendant (depth first, NODE included) named NAME, or NULL. */
WharfAwsXmlNode *wharf_aws_xml_find         (const WharfAwsXmlNode *node,
                                             const char            *name);

/* The fields of an AWS XML error body: Query <ErrorResponse><Error>, EC2
 * <Response><Errors><Error>, S3 <Error>. FALSE when ROOT has no Error
 * element with a Code. Borrowed strings; MESSAGE and REQUEST_ID may be
 * set to NULL. */
gboolean         wharf_aws_xml_get_error    (const WharfAwsXmlNode *root,
                                             const char           **code,
                                             const char           **message,
                                             const char           **request_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfAwsXmlNode, wharf_aws_xml_node_free)

G_END_DECLS
