/* wharf-aws-client-paging.c: decoded calls and paginators, on top of
 * wharf_aws_client_call_async().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-aws-client-private.h"
#include "wharf-aws-json.h"

#define DEFAULT_MAX_PAGES 10000

typedef struct {
  WharfAwsDecodeFunc decode;
  GDestroyNotify     result_free;
} DecodeData;

static void
on_decoded_call_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DecodeData *data = g_task_get_task_data (task);
  g_autoptr(WharfAwsResponse) response = NULL;
  GError *error = NULL;
  gpointer value;

  response = wharf_aws_client_call_finish (WHARF_AWS_CLIENT (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  value = data->decode (response, &error);
  if (error != NULL)
    {
      if (value != NULL && data->result_free != NULL)
        data->result_free (value);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, value, data->result_free);
}

void
wharf_aws_client_call_decoded_async (WharfAwsClient      *self,
                                     WharfAwsRequest     *request,
                                     WharfAwsDecodeFunc   decode,
                                     GDestroyNotify       result_free,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  DecodeData *data;

  g_return_if_fail (WHARF_IS_AWS_CLIENT (self));
  g_return_if_fail (decode != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wharf_aws_client_call_decoded_async);
  data = g_new0 (DecodeData, 1);
  data->decode = decode;
  data->result_free = result_free;
  g_task_set_task_data (task, data, g_free);
  wharf_aws_client_call_async (self, request, cancellable, on_decoded_call_done, task);
}

gpointer
wharf_aws_client_call_decoded_finish (WharfAwsClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
wharf_aws_client_call_decoded (WharfAwsClient      *self,
                               WharfAwsRequest     *request,
                               WharfAwsDecodeFunc   decode,
                               GDestroyNotify       result_free,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context;
  gpointer value;

  context = wharf_aws_client_sync_begin (self);
  wharf_aws_client_call_decoded_async (self, request, decode, result_free, cancellable,
                                       wharf_aws_client_sync_done, &result);
  wharf_aws_client_sync_wait (context, &result);
  value = wharf_aws_client_call_decoded_finish (self, result, error);
  wharf_aws_client_sync_end (context);
  return value;
}

typedef struct {
  WharfAwsPageRequestFunc  build;
  WharfAwsPageFunc         page;
  gpointer                 page_data;
  GDestroyNotify           page_data_free;
  guint                    max_pages;
  guint                    pages;
  char                    *token;
} PageData;

static void
page_data_free (PageData *data)
{
  if (data->page_data_free != NULL)
    data->page_data_free (data->page_data);
  g_free (data->token);
  g_free (data);
}

static void on_page_done (GObject *source, GAsyncResult *result, gpointer user_data);

static void
request_page (GTask *task)
{
  PageData *data = g_task_get_task_data (task);
  WharfAwsRequest *request = data->build (data->token, data->page_data);

  if (request == NULL)
    {
      g_task_return_new_error (task, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_INVALID_ARGUMENT,
                               "%s", _("Could not build the request for the next page"));
      return;
    }
  wharf_aws_client_call_async (g_task_get_source_object (task), request,
                               g_task_get_cancellable (task), on_page_done, g_object_ref (task));
}

static void
on_page_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PageData *data = g_task_get_task_data (task);
  g_autoptr(WharfAwsResponse) response = NULL;
  g_autofree char *next = NULL;
  GError *error = NULL;

  response = wharf_aws_client_call_finish (WHARF_AWS_CLIENT (source), result, &error);
  if (response == NULL || !data->page (response, &next, data->page_data, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->pages++;

  /* The last page has no token; a repeated token (GetLogEvents' end) or
   * the page limit also end the loop, so a looping server cannot hang us. */
  if (next == NULL || *next == '\0' || g_strcmp0 (next, data->token) == 0 ||
      data->pages >= data->max_pages)
    {
      if (next != NULL && *next != '\0' && g_strcmp0 (next, data->token) != 0)
        g_debug ("Paging stopped after %u pages", data->pages);
      g_task_return_int (task, data->pages);
      return;
    }
  g_free (data->token);
  data->token = g_steal_pointer (&next);
  if (g_task_return_error_if_cancelled (task))
    return;
  request_page (task);
}

void
wharf_aws_client_paginate_async (WharfAwsClient          *self,
                                 WharfAwsPageRequestFunc  build,
                                 WharfAwsPageFunc         page,
                                 gpointer                 page_data,
                                 GDestroyNotify           page_data_free_func,
                                 guint                    max_pages,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  PageData *data;

  g_return_if_fail (WHARF_IS_AWS_CLIENT (self));
  g_return_if_fail (build != NULL && page != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wharf_aws_client_paginate_async);
  data = g_new0 (PageData, 1);
  data->build = build;
  data->page = page;
  data->page_data = page_data;
  data->page_data_free = page_data_free_func;
  data->max_pages = max_pages > 0 ? max_pages : DEFAULT_MAX_PAGES;
  g_task_set_task_data (task, data, (GDestroyNotify) page_data_free);
  request_page (task);
}

guint
wharf_aws_client_paginate_finish (WharfAwsClient  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  gssize pages;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  pages = g_task_propagate_int (G_TASK (result), error);
  return pages > 0 ? (guint) pages : 0;
}

guint
wharf_aws_client_paginate (WharfAwsClient          *self,
                           WharfAwsPageRequestFunc  build,
                           WharfAwsPageFunc         page,
                           gpointer                 page_data,
                           guint                    max_pages,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GMainContext *context;
  guint pages;

  context = wharf_aws_client_sync_begin (self);
  wharf_aws_client_paginate_async (self, build, page, page_data, NULL, max_pages, cancellable,
                                   wharf_aws_client_sync_done, &result);
  wharf_aws_client_sync_wait (context, &result);
  pages = wharf_aws_client_paginate_finish (self, result, error);
  wharf_aws_client_sync_end (context);
  return pages;
}

typedef struct {
  WharfAwsServiceKind  kind;
  const char          *operation;
  JsonObject          *input;
  const char          *token_member;
  const char          *next_member;
  const char          *items_member;
  JsonArray           *items;
} JsonListState;

static WharfAwsRequest *
json_list_request (const char *token,
                   gpointer    user_data)
{
  JsonListState *state = user_data;
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  if (state->input != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (state->input);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data,
                                json_node_copy (json_object_get_member (state->input, l->data)));
    }
  if (token != NULL)
    json_object_set_string_member (object, state->token_member, token);
  json_node_take_object (body, object);
  return wharf_aws_request_new_json (state->kind, state->operation, body);
}

static gboolean
json_list_page (WharfAwsResponse  *response,
                char             **out_next_token,
                gpointer           user_data,
                GError           **error)
{
  JsonListState *state = user_data;
  JsonObject *object = wharf_aws_response_json_object (response, error);
  JsonArray *page;
  const char *next;

  if (object == NULL)
    return FALSE;
  page = wharf_aws_json_get_array (object, state->items_member);
  for (guint i = 0; page != NULL && i < json_array_get_length (page); i++)
    json_array_add_element (state->items, json_node_copy (json_array_get_element (page, i)));
  next = wharf_aws_json_get_string (object, state->next_member);
  *out_next_token = next != NULL && *next != '\0' ? g_strdup (next) : NULL;
  return TRUE;
}

JsonArray *
wharf_aws_client_json_list_all (WharfAwsClient       *self,
                                WharfAwsServiceKind   kind,
                                const char           *operation,
                                JsonObject           *input,
                                const char           *token_member,
                                const char           *next_member,
                                const char           *items_member,
                                GCancellable         *cancellable,
                                GError              **error)
{
  JsonListState state = { kind, operation, input, token_member,
                          next_member != NULL ? next_member : token_member, items_member, NULL };
  g_autoptr(JsonArray) items = json_array_new ();

  state.items = items;
  if (!wharf_aws_client_paginate (self, json_list_request, json_list_page, &state, 0,
                                  cancellable, error))
    return NULL;
  return g_steal_pointer (&items);
}
