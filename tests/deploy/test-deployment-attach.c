/* test-deployment-attach.c: following an operation someone else started
 * (wharf_deployment_attach) against the sandbox: an update attached to
 * mid-way reports the update only, from its UPDATE_IN_PROGRESS on, and
 * counts its time from there; a cancelled update is still the update
 * while it rolls back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "deploy-test-sandbox.h"
#include "wharf-compose-loader.h"
#include "wharf-deployment.h"
#include "wharf-test-util.h"

/* Slow enough that the update is still running when the test attaches
 * (the assertions hold either way); small pages, so the search for the
 * operation's start goes over several of them. */
#define PACE 0.1
#define SEED "\"event_page_size\": 4"

static WharfNode *
load_web (const char *tag)
{
  g_autofree char *path = wharf_test_srcdir_path ("fixtures", "deploy", "web.yaml", NULL);
  g_autoptr(WharfComposeLoadOptions) options = wharf_compose_load_options_new ();
  g_autoptr(WharfComposeProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();

  env = g_environ_unsetenv (env, "TAG");
  if (tag != NULL)
    env = g_environ_setenv (env, "TAG", tag, TRUE);
  wharf_compose_load_options_add_file (options, path);
  wharf_compose_load_options_set_project_name (options, "webapp");
  wharf_compose_load_options_set_environment (options, (const char * const *) env);
  project = wharf_compose_load (options, NULL, NULL, &error);
  g_assert_no_error (error);
  return wharf_node_ref (wharf_compose_project_get_root (project));
}

static WharfDeployment *
new_deployment (WharfAwsClient *client)
{
  WharfDeployment *d = wharf_deployment_new (client, "webapp");

  wharf_deployment_set_poll_interval (d, 0.05, 0.2);
  return d;
}

/* Prepares and executes PROJECT; the stack operation is left running. */
static WharfDeployment *
start (WharfAwsClient *client,
       WharfNode      *project)
{
  WharfDeployment *d = new_deployment (client);
  g_autoptr(GError) error = NULL;

  wharf_deployment_set_project (d, project);
  g_assert_true (wharf_deployment_prepare (d, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_deployment_has_changes (d));
  g_assert_true (wharf_deployment_execute (d, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (wharf_deployment_get_started (d));
  return d;
}

static GHashTable *
event_ids (WharfDeployment *d)
{
  GListModel *events = wharf_deployment_get_events (d);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(WharfStackEvent) e = g_list_model_get_item (events, i);

      g_assert_false (g_hash_table_contains (ids, wharf_stack_event_get_event_id (e)));
      g_hash_table_add (ids, g_strdup (wharf_stack_event_get_event_id (e)));
    }
  return ids;
}

/* The stack's own event of STATUS, the newest, from the whole history. */
static WharfCfnStackEvent *
find_stack_event (WharfAwsClient *client,
                  const char     *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = wharf_cfn_describe_stack_events (client, "webapp", NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      WharfCfnStackEvent *e = g_ptr_array_index (all, i);

      if (g_strcmp0 (e->logical_resource_id, "webapp") == 0 && g_strcmp0 (e->resource_status, status) == 0)
        return g_ptr_array_steal_index (all, i);
    }
  g_assert_not_reached ();
}

static void
assert_starts_at (WharfDeployment    *d,
                  WharfCfnStackEvent *start)
{
  GListModel *events = wharf_deployment_get_events (d);
  g_autoptr(WharfStackEvent) first = g_list_model_get_item (events, 0);

  g_assert_nonnull (first);
  g_assert_cmpstr (wharf_stack_event_get_event_id (first), ==, start->event_id);
  g_assert_nonnull (wharf_deployment_get_started (d));
  g_assert_true (g_date_time_equal (wharf_deployment_get_started (d), start->timestamp));
}

static void
test_attach_update (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (SEED, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) v1 = load_web (NULL);
  g_autoptr(WharfNode) v2 = load_web ("1.26");
  g_autoptr(WharfDeployment) create = NULL, update = NULL, follow = NULL;
  g_autoptr(GHashTable) created = NULL, updated = NULL, followed = NULL;
  g_autoptr(WharfCfnStackEvent) update_start = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer id;
  guint done = 0, total = 0, created_done = 0;

  create = start (client, v1);
  g_assert_true (wharf_deployment_wait (create, NULL, &error));
  g_assert_no_error (error);
  created = event_ids (create);

  update = start (client, v2);
  follow = new_deployment (client);
  g_assert_true (wharf_deployment_attach (follow, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wharf_deployment_get_state (follow), ==, WHARF_DEPLOYMENT_WAITING);
  g_assert_true (wharf_deployment_wait (follow, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wharf_deployment_get_stack_status (follow), ==, "UPDATE_COMPLETE");
  g_assert_true (wharf_deployment_wait (update, NULL, &error));
  g_assert_no_error (error);

  /* the update's events, none of the create's: the same as what the
   * deployment that ran the update saw */
  followed = event_ids (follow);
  updated = event_ids (update);
  g_hash_table_iter_init (&iter, created);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_assert_false (g_hash_table_contains (followed, id));
  g_assert_cmpuint (g_hash_table_size (followed), ==, g_hash_table_size (updated));
  g_hash_table_iter_init (&iter, updated);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_assert_true (g_hash_table_contains (followed, id));

  update_start = find_stack_event (client, "UPDATE_IN_PROGRESS");
  assert_starts_at (follow, update_start);
  /* progress counts the resources the update touched */
  wharf_deployment_get_progress (follow, &done, &total);
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (done, ==, total);
  wharf_deployment_get_progress (create, &created_done, NULL);
  g_assert_cmpuint (total, <, created_done);

  g_clear_object (&client);
  deploy_test_sandbox_stop (sb);
}

/* UPDATE_ROLLBACK_IN_PROGRESS is part of the update it rolls back: the
 * operation still starts at UPDATE_IN_PROGRESS, and it failed. */
static void
test_attach_rolled_back_update (void)
{
  DeployTestSandbox *sb = deploy_test_sandbox_start (SEED, PACE);
  g_autoptr(WharfAwsClient) client = deploy_test_sandbox_client (sb);
  g_autoptr(WharfNode) v1 = load_web (NULL);
  g_autoptr(WharfNode) v2 = load_web ("1.26");
  g_autoptr(WharfDeployment) create = NULL, update = NULL, follow = NULL;
  g_autoptr(WharfCfnStackEvent) update_start = NULL;
  g_autoptr(GHashTable) created = NULL, followed = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer id;
  gboolean rollback_seen = FALSE;
  GListModel *events;

  create = start (client, v1);
  g_assert_true (wharf_deployment_wait (create, NULL, &error));
  g_assert_no_error (error);
  created = event_ids (create);
  update = start (client, v2);
  g_assert_true (wharf_deployment_cancel_update (update, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wharf_deployment_wait (update, NULL, &error));
  g_assert_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_FAILED);
  g_clear_error (&error);

  /* attached once it is over: the whole update, rollback included */
  follow = new_deployment (client);
  g_assert_true (wharf_deployment_attach (follow, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wharf_deployment_wait (follow, NULL, &error));
  g_assert_error (error, WHARF_DEPLOY_ERROR, WHARF_DEPLOY_ERROR_STACK_FAILED);
  g_assert_cmpstr (wharf_deployment_get_stack_status (follow), ==, "UPDATE_ROLLBACK_COMPLETE");
  update_start = find_stack_event (client, "UPDATE_IN_PROGRESS");
  assert_starts_at (follow, update_start);
  followed = event_ids (follow);
  g_hash_table_iter_init (&iter, created);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_assert_false (g_hash_table_contains (followed, id));
  events = wharf_deployment_get_events (follow);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(WharfStackEvent) e = g_list_model_get_item (events, i);

      if (wharf_stack_event_is_stack (e) &&
          g_strcmp0 (wharf_stack_event_get_status (e), "UPDATE_ROLLBACK_IN_PROGRESS") == 0)
        rollback_seen = TRUE;
    }
  g_assert_true (rollback_seen);

  g_clear_object (&client);
  deploy_test_sandbox_stop (sb);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deploy/attach/update", test_attach_update);
  g_test_add_func ("/deploy/attach/rolled-back-update", test_attach_rolled_back_update);
  return g_test_run ();
}
