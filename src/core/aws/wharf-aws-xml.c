/* wharf-aws-xml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wharf-aws-request.h"
#include "wharf-aws-xml.h"

typedef struct {
  WharfAwsXmlNode *root;
  WharfAwsXmlNode *current;
  GString         *text;
  guint            depth;
} ParseState;

static WharfAwsXmlNode *
node_new (const char      *qualified_name,
          WharfAwsXmlNode *parent)
{
  WharfAwsXmlNode *node = g_new0 (WharfAwsXmlNode, 1);
  const char *colon = strchr (qualified_name, ':');

  node->name = g_strdup (colon != NULL ? colon + 1 : qualified_name);
  node->text = NULL;
  node->parent = parent;
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) wharf_aws_xml_node_free);
  return node;
}

void
wharf_aws_xml_node_free (WharfAwsXmlNode *node)
{
  if (node == NULL)
    return;
  g_free (node->name);
  g_free (node->text);
  g_ptr_array_unref (node->children);
  g_free (node);
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseState *state = user_data;
  WharfAwsXmlNode *node;

  if (state->depth >= WHARF_AWS_XML_MAX_DEPTH)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "elements nested deeper than %d", WHARF_AWS_XML_MAX_DEPTH);
      return;
    }
  if (state->current == NULL && state->root != NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "more than one root element");
      return;
    }

  node = node_new (element_name, state->current);
  if (state->current != NULL)
    g_ptr_array_add (state->current->children, node);
  else
    state->root = node;
  state->current = node;
  state->depth++;
  g_string_truncate (state->text, 0);
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  ParseState *state = user_data;
  WharfAwsXmlNode *node = state->current;

  /* Text is kept only for leaf elements: whitespace between child elements
   * is formatting. */
  if (node->children->len == 0)
    node->text = g_strndup (state->text->str, state->text->len);
  else
    node->text = g_strdup ("");
  g_string_truncate (state->text, 0);
  state->current = node->parent;
  state->depth--;
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;

  if (state->current == NULL)
    return;
  /* Text after a child element closed belongs to a mixed element; AWS
   * does not send those, keep the leaf text only. */
  if (state->current->children->len > 0)
    return;
  g_string_append_len (state->text, text, text_len);
}

static const GMarkupParser parser_funcs = {
  on_start_element,
  on_end_element,
  on_text,
  NULL,
  NULL,
};

WharfAwsXmlNode *
wharf_aws_xml_parse (const char  *data,
                     gsize        length,
                     GError     **error)
{
  ParseState state = { NULL, NULL, NULL, 0 };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  state.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser_funcs, G_MARKUP_PREFIX_ERROR_POSITION,
                                        &state, NULL);
  if (!g_markup_parse_context_parse (context, data != NULL ? data : "", length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      /* Nodes not yet closed are owned by the tree under the root. */
      wharf_aws_xml_node_free (state.root);
      g_string_free (state.text, TRUE);
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, 0,
                                  NULL, NULL, local_error->message);
      return NULL;
    }
  g_string_free (state.text, TRUE);

  if (state.root == NULL)
    {
      wharf_aws_client_set_error (error, WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE, 0,
                                  NULL, NULL, _("The response has no XML element"));
      return NULL;
    }
  return state.root;
}

static WharfAwsXmlNode *
child_named (const WharfAwsXmlNode *node,
             const char            *name,
             gsize                  name_len)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      WharfAwsXmlNode *child = g_ptr_array_index (node->children, i);

      if (strlen (child->name) == name_len && strncmp (child->name, name, name_len) == 0)
        return child;
    }
  return NULL;
}

WharfAwsXmlNode *
wharf_aws_xml_get (const WharfAwsXmlNode *node,
                   const char            *path)
{
  const char *p = path;

  if (node == NULL)
    return NULL;
  if (path == NULL || *path == '\0')
    return (WharfAwsXmlNode *) node;

  while (node != NULL && *p != '\0')
    {
      const char *slash = strchr (p, '/');
      gsize len = slash != NULL ? (gsize) (slash - p) : strlen (p);

      node = child_named (node, p, len);
      p += len;
      if (*p == '/')
        p++;
    }
  return (WharfAwsXmlNode *) node;
}

const char *
wharf_aws_xml_get_text (const WharfAwsXmlNode *node,
                        const char            *path)
{
  WharfAwsXmlNode *found = wharf_aws_xml_get (node, path);

  return found != NULL ? found->text : NULL;
}

gint64
wharf_aws_xml_get_int (const WharfAwsXmlNode *node,
                       const char            *path,
                       gint64                 default_value)
{
  const char *text = wharf_aws_xml_get_text (node, path);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return default_value;
  return value;
}

gboolean
wharf_aws_xml_get_bool (const WharfAwsXmlNode *node,
                        const char            *path,
                        gboolean               default_value)
{
  const char *text = wharf_aws_xml_get_text (node, path);

  if (text == NULL)
    return default_value;
  if (g_ascii_strcasecmp (text, "true") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (text, "false") == 0)
    return FALSE;
  return default_value;
}

GDateTime *
wharf_aws_xml_get_datetime (const WharfAwsXmlNode *node,
                            const char            *path)
{
  const char *text = wharf_aws_xml_get_text (node, path);
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

static gboolean
is_list_entry (const WharfAwsXmlNode *node)
{
  return strcmp (node->name, "member") == 0 || strcmp (node->name, "item") == 0;
}

GPtrArray *
wharf_aws_xml_get_list (const WharfAwsXmlNode *node,
                        const char            *path)
{
  WharfAwsXmlNode *list = wharf_aws_xml_get (node, path);
  GPtrArray *entries = g_ptr_array_new ();

  if (list == NULL)
    return entries;
  for (guint i = 0; i < list->children->len; i++)
    {
      WharfAwsXmlNode *child = g_ptr_array_index (list->children, i);

      if (is_list_entry (child))
        g_ptr_array_add (entries, child);
    }
  return entries;
}

char **
wharf_aws_xml_get_strv (const WharfAwsXmlNode *node,
                        const char            *path)
{
  g_autoptr(GPtrArray) entries = wharf_aws_xml_get_list (node, path);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < entries->len; i++)
    {
      WharfAwsXmlNode *entry = g_ptr_array_index (entries, i);

      g_strv_builder_add (builder, entry->text);
    }
  return g_strv_builder_end (builder);
}

WharfAwsXmlNode *
wharf_aws_xml_find (const WharfAwsXmlNode *node,
                    const char            *name)
{
  if (node == NULL)
    return NULL;
  if (strcmp (node->name, name) == 0)
    return (WharfAwsXmlNode *) node;
  for (guint i = 0; i < node->children->len; i++)
    {
      WharfAwsXmlNode *found = wharf_aws_xml_find (g_ptr_array_index (node->children, i), name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
wharf_aws_xml_get_error (const WharfAwsXmlNode  *root,
                         const char            **code,
                         const char            **message,
                         const char            **request_id)
{
  WharfAwsXmlNode *error_node = wharf_aws_xml_find (root, "Error");
  const char *found_code = wharf_aws_xml_get_text (error_node, "Code");
  const char *found_id;

  if (found_code == NULL || *found_code == '\0')
    return FALSE;

  /* Query: ErrorResponse/RequestId; EC2: Response/RequestID; S3: Error/RequestId. */
  found_id = wharf_aws_xml_get_text (root, "RequestId");
  if (found_id == NULL)
    found_id = wharf_aws_xml_get_text (root, "RequestID");
  if (found_id == NULL)
    found_id = wharf_aws_xml_get_text (error_node, "RequestId");

  *code = found_code;
  *message = wharf_aws_xml_get_text (error_node, "Message");
  *request_id = found_id;
  return TRUE;
}
