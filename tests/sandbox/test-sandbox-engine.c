/* test-sandbox-engine.c: the CloudFormation engine on a virtual clock:
 * event order, rollback, change sets, updates, Retain, ECS emulation and
 * injected faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wharf-test-util.h"
#include "wharf-sandbox-private.h"

#define T0 ((gint64) 1800000000 * G_USEC_PER_SEC)

static const char base_template[] =
  "Resources:\n"
  "  Cluster:\n"
  "    Type: AWS::ECS::Cluster\n"
  "  LogGroup:\n"
  "    Type: AWS::Logs::LogGroup\n"
  "    DeletionPolicy: Retain\n"
  "    Properties:\n"
  "      LogGroupName: /demo/logs\n"
  "  LoadBalancer:\n"
  "    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n"
  "    Properties:\n"
  "      Scheme: internet-facing\n"
  "  Listener:\n"
  "    Type: AWS::ElasticLoadBalancingV2::Listener\n"
  "    Properties:\n"
  "      LoadBalancerArn: !Ref LoadBalancer\n"
  "      Port: 80\n"
  "  TaskDef:\n"
  "    Type: AWS::ECS::TaskDefinition\n"
  "    Properties:\n"
  "      Family: web\n"
  "      ContainerDefinitions:\n"
  "        - Name: web\n"
  "          Image: nginx\n"
  "          LogConfiguration:\n"
  "            LogDriver: awslogs\n"
  "            Options:\n"
  "              awslogs-group: !Ref LogGroup\n"
  "              awslogs-stream-prefix: demo\n"
  "  WebService:\n"
  "    Type: AWS::ECS::Service\n"
  "    DependsOn: Listener\n"
  "    Properties:\n"
  "      Cluster: !Ref Cluster\n"
  "      ServiceName: web\n"
  "      DesiredCount: 2\n"
  "      TaskDefinition: !Ref TaskDef\n"
  "Outputs:\n"
  "  Endpoint:\n"
  "    Value: !GetAtt LoadBalancer.DNSName\n";

static SbxState *
state_new (const char *faults)
{
  g_autofree char *seed = g_strdup_printf ("{\"pace\": 1, \"random_seed\": 3, \"faults\": %s}",
                                           faults ? faults : "null");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SbxState *state;

  json_parser_load_from_data (parser, seed, -1, &error);
  g_assert_no_error (error);
  state = sbx_state_new_from_seed (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return state;
}

static SbxTemplate *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  SbxTemplate *tmpl = sbx_template_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  return tmpl;
}

static SbxStack *
create (SbxState *state, const char *text, gint64 now)
{
  g_autoptr(GError) error = NULL;
  SbxStack *stack = sbx_engine_create_stack (state, NULL, "demo", parse (text), NULL, NULL, NULL,
                                             NULL, "token-1", now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stack);
  return stack;
}

/* Index of the first event for ID with STATUS at or after FROM, or -1. */
static int
find_event (SbxStack *stack, const char *id, const char *status, int from)
{
  for (guint i = MAX (from, 0); i < stack->events->len; i++)
    {
      SbxEvent *e = g_ptr_array_index (stack->events, i);

      if (g_str_equal (e->logical_id, id) && g_str_equal (e->status, status))
        return (int) i;
    }
  return -1;
}

static SbxEvent *
event_at (SbxStack *stack, int index)
{
  g_assert_cmpint (index, >=, 0);
  return g_ptr_array_index (stack->events, index);
}

static void
test_create (void)
{
  g_autoptr(SbxState) state = state_new (NULL);
  SbxStack *stack = create (state, base_template, T0);
  SbxEvent *first, *last;
  gint64 end;
  SbxResource *lb;

  g_assert_cmpstr (stack->status, ==, "CREATE_IN_PROGRESS");
  /* nothing happens before the first step */
  sbx_engine_advance (state, T0 + G_USEC_PER_SEC / 2);
  g_assert_cmpuint (stack->events->len, ==, 1);
  end = sbx_engine_run_until_idle (state, T0);
  g_assert_cmpstr (stack->status, ==, "CREATE_COMPLETE");
  /* 4 levels of dependencies, each a start step and a completion step */
  g_assert_cmpint (end - T0, >=, 4 * G_USEC_PER_SEC);

  first = g_ptr_array_index (stack->events, 0);
  last = g_ptr_array_index (stack->events, stack->events->len - 1);
  g_assert_cmpstr (first->logical_id, ==, "demo");
  g_assert_cmpstr (first->status, ==, "CREATE_IN_PROGRESS");
  g_assert_cmpstr (first->reason, ==, "User Initiated");
  g_assert_cmpstr (first->token, ==, "token-1");
  g_assert_cmpstr (last->logical_id, ==, "demo");
  g_assert_cmpstr (last->status, ==, "CREATE_COMPLETE");
  /* 6 resources × (2 in progress + complete) + 2 stack events */
  g_assert_cmpuint (stack->events->len, ==, 6 * 3 + 2);
  /* a resource starts only after what it references is complete */
  g_assert_cmpint (find_event (stack, "LoadBalancer", "CREATE_COMPLETE", 0), <,
                   find_event (stack, "Listener", "CREATE_IN_PROGRESS", 0));
  g_assert_cmpint (find_event (stack, "Listener", "CREATE_COMPLETE", 0), <,
                   find_event (stack, "WebService", "CREATE_IN_PROGRESS", 0));
  g_assert_cmpint (find_event (stack, "TaskDef", "CREATE_COMPLETE", 0), <,
                   find_event (stack, "WebService", "CREATE_IN_PROGRESS", 0));
  /* events are strictly ordered in time */
  for (guint i = 1; i < stack->events->len; i++)
    g_assert_cmpint (event_at (stack, i - 1)->timestamp, <, event_at (stack, i)->timestamp);

  lb = sbx_stack_resource (stack, "LoadBalancer");
  g_assert_true (g_str_has_prefix (lb->physical_id, "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/"));
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (lb->attributes, "DNSName"), ".us-east-1.elb.amazonaws.com"));
  g_assert_cmpstr (sbx_pairs_lookup (stack->outputs, "Endpoint"), ==, g_hash_table_lookup (lb->attributes, "DNSName"));
  g_assert_cmpstr (sbx_stack_resource (stack, "TaskDef")->physical_id, ==,
                   "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1");
  g_assert_cmpuint (state->load_balancers->len, ==, 1);
}

static void
test_rollback (void)
{
  g_autoptr(SbxState) state = state_new ("{\"resources\": [{\"logical_id\": \"Listener\", "
                                         "\"reason\": \"Invalid port\"}]}");
  SbxStack *stack = create (state, base_template, T0);
  int failed, rollback, complete;

  sbx_engine_run_until_idle (state, T0);
  g_assert_cmpstr (stack->status, ==, "ROLLBACK_COMPLETE");
  failed = find_event (stack, "Listener", "CREATE_FAILED", 0);
  g_assert_cmpstr (event_at (stack, failed)->reason, ==, "Invalid port");
  /* the task definition was in flight next to the listener */
  g_assert_cmpstr (event_at (stack, find_event (stack, "TaskDef", "CREATE_FAILED", 0))->reason, ==,
                   "Resource creation cancelled");
  rollback = find_event (stack, "demo", "ROLLBACK_IN_PROGRESS", 0);
  g_assert_cmpint (rollback, >, failed);
  g_assert_cmpstr (event_at (stack, rollback)->reason, ==,
                   "The following resource(s) failed to create: [Listener]. Rollback requested by user.");
  /* the service never started */
  g_assert_cmpint (find_event (stack, "WebService", "CREATE_IN_PROGRESS", 0), ==, -1);
  /* created resources are deleted, dependents first; Retain is honoured */
  g_assert_cmpint (find_event (stack, "Listener", "DELETE_COMPLETE", rollback), <,
                   find_event (stack, "LoadBalancer", "DELETE_IN_PROGRESS", rollback));
  g_assert_cmpint (find_event (stack, "Cluster", "DELETE_COMPLETE", rollback), >, rollback);
  g_assert_cmpint (find_event (stack, "LogGroup", "DELETE_SKIPPED", rollback), >, rollback);
  complete = find_event (stack, "demo", "ROLLBACK_COMPLETE", 0);
  g_assert_cmpint (complete, ==, (int) stack->events->len - 1);
  g_assert_cmpuint (state->load_balancers->len, ==, 0);
}

static void
test_on_failure_do_nothing (void)
{
  g_autoptr(SbxState) state = state_new ("{\"resources\": [{\"type\": \"AWS::ECS::Cluster\"}]}");
  g_autoptr(GError) error = NULL;
  SbxStack *stack = sbx_engine_create_stack (state, NULL, "demo", parse (base_template), NULL, NULL, NULL,
                                             "DO_NOTHING", NULL, T0, &error);

  g_assert_no_error (error);
  sbx_engine_run_until_idle (state, T0);
  g_assert_cmpstr (stack->status, ==, "CREATE_FAILED");
  g_assert_cmpint (find_event (stack, "demo", "ROLLBACK_IN_PROGRESS", 0), ==, -1);
  g_assert_true (strstr (stack->status_reason, "[Cluster]") != NULL);
  /* a failed stack cannot be updated */
  g_assert_false (sbx_engine_update_stack (state, stack, parse (base_template), NULL, NULL, NULL, FALSE,
                                           NULL, T0, &error));
  g_assert_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_STATE);
  g_assert_true (strstr (error->message, "is in CREATE_FAILED state and can not be updated.") != NULL);
}

static void
test_delete_retain (void)
{
  g_autoptr(SbxState) state = state_new (NULL);
  g_autoptr(GError) error = NULL;
  SbxStack *stack = create (state, base_template, T0);
  g_autofree char *id = NULL;
  gint64 now = sbx_engine_run_until_idle (state, T0);
  int start;

  id = g_strdup (stack->stack_id);
  g_assert_true (sbx_engine_delete_stack (state, stack, NULL, "token-2", now, &error));
  g_assert_no_error (error);
  sbx_engine_run_until_idle (state, now);
  g_assert_cmpstr (stack->status, ==, "DELETE_COMPLETE");
  start = find_event (stack, "demo", "DELETE_IN_PROGRESS", 0);
  g_assert_cmpstr (event_at (stack, start)->token, ==, "token-2");
  g_assert_cmpint (find_event (stack, "LogGroup", "DELETE_SKIPPED", start), >, start);
  g_assert_cmpint (find_event (stack, "LogGroup", "DELETE_COMPLETE", start), ==, -1);
  g_assert_cmpint (find_event (stack, "WebService", "DELETE_COMPLETE", start), <,
                   find_event (stack, "Cluster", "DELETE_IN_PROGRESS", start));
  /* the retained log group outlives the stack */
  g_assert_nonnull (sbx_logs_group_find (state, "/demo/logs"));
  g_assert_null (sbx_stack_find (state, "demo", FALSE));
  g_assert_true (sbx_stack_find (state, id, FALSE) == stack);
}

static SbxChange *
find_change (GPtrArray *changes, const char *id)
{
  for (guint i = 0; i < changes->len; i++)
    if (g_str_equal (((SbxChange *) g_ptr_array_index (changes, i))->logical_id, id))
      return g_ptr_array_index (changes, i);
  return NULL;
}

static SbxChange *
change_for (GPtrArray *changes, const char *id)
{
  SbxChange *c = find_change (changes, id);

  if (c == NULL)
    g_error ("no change for %s", id);
  return c;
}

static char *
edit (const char *text, const char *from, const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, 2);

  g_assert_nonnull (parts[1]);
  return g_strconcat (parts[0], to, parts[1], NULL);
}

static void
test_change_set (void)
{
  g_autoptr(SbxState) state = state_new (NULL);
  SbxStack *stack = create (state, base_template, T0);
  gint64 now = sbx_engine_run_until_idle (state, T0);
  g_autofree char *t1 = edit (base_template, "Scheme: internet-facing", "Scheme: internal");
  g_autofree char *t2 = edit (t1, "DesiredCount: 2", "DesiredCount: 3");
  g_autofree char *t3 = edit (t2, "  Cluster:\n    Type: AWS::ECS::Cluster\n",
                              "  Cluster:\n    Type: AWS::ECS::Cluster\n  Extra:\n    Type: AWS::SNS::Topic\n");
  g_autofree char *t4 = edit (t3, "      Cluster: !Ref Cluster\n", "      Cluster: default\n");
  g_autofree char *t5 = edit (t4, "  Cluster:\n    Type: AWS::ECS::Cluster\n", "");
  SbxChangeSet *cs;
  SbxChange *c;
  g_autoptr(GError) error = NULL;

  cs = sbx_change_set_create (state, stack, "cs1", "UPDATE", parse (t5), NULL, NULL, NULL, NULL, now);
  g_assert_cmpstr (cs->status, ==, "CREATE_PENDING");
  g_assert_false (sbx_change_set_execute (state, cs, NULL, FALSE, now, &error));
  g_assert_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_STATE);
  g_assert_true (g_str_has_prefix (error->message, "InvalidChangeSetStatus: "));
  g_clear_error (&error);
  sbx_engine_advance (state, now + G_USEC_PER_SEC);
  g_assert_cmpstr (cs->status, ==, "CREATE_COMPLETE");
  g_assert_cmpstr (cs->execution_status, ==, "AVAILABLE");

  c = change_for (cs->changes, "LoadBalancer");
  g_assert_cmpstr (c->action, ==, "Modify");
  g_assert_cmpstr (c->replacement, ==, "True");
  g_assert_cmpstr (((SbxChangeDetail *) g_ptr_array_index (c->details, 0))->name, ==, "Scheme");
  g_assert_cmpstr (((SbxChangeDetail *) g_ptr_array_index (c->details, 0))->requires_recreation, ==, "Always");
  /* the listener's LoadBalancerArn changes because its load balancer is replaced */
  c = change_for (cs->changes, "Listener");
  g_assert_cmpstr (c->replacement, ==, "Conditional");
  g_assert_cmpstr (((SbxChangeDetail *) g_ptr_array_index (c->details, 0))->evaluation, ==, "Dynamic");
  g_assert_cmpstr (((SbxChangeDetail *) g_ptr_array_index (c->details, 0))->causing_entity, ==, "LoadBalancer");
  /* DesiredCount is an in-place update, Cluster forces a new service */
  c = change_for (cs->changes, "WebService");
  g_assert_cmpstr (c->replacement, ==, "True");
  g_assert_cmpuint (c->details->len, ==, 2);
  g_assert_cmpstr (change_for (cs->changes, "Extra")->action, ==, "Add");
  g_assert_cmpstr (change_for (cs->changes, "Cluster")->action, ==, "Remove");
  g_assert_null (find_change (cs->changes, "TaskDef"));
  g_assert_null (find_change (cs->changes, "LogGroup"));

  g_assert_true (sbx_change_set_execute (state, cs, "token-3", FALSE, now + G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cs->execution_status, ==, "EXECUTE_IN_PROGRESS");
  sbx_engine_run_until_idle (state, now + G_USEC_PER_SEC);
  sbx_change_sets_advance (state, now + 100 * G_USEC_PER_SEC);
  g_assert_cmpstr (stack->status, ==, "UPDATE_COMPLETE");
  g_assert_cmpstr (cs->execution_status, ==, "EXECUTE_COMPLETE");
  g_assert_null (sbx_stack_resource (stack, "Cluster"));
  g_assert_nonnull (sbx_stack_resource (stack, "Extra"));
  g_assert_cmpint (find_event (stack, "demo", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", 0), <,
                   find_event (stack, "Cluster", "DELETE_COMPLETE", 0));
  g_assert_cmpstr (sbx_pairs_lookup (stack->outputs, "Endpoint"), ==,
                   g_hash_table_lookup (sbx_stack_resource (stack, "LoadBalancer")->attributes, "DNSName"));
}

static void
test_empty_change_set (void)
{
  g_autoptr(SbxState) state = state_new (NULL);
  SbxStack *stack = create (state, base_template, T0);
  gint64 now = sbx_engine_run_until_idle (state, T0);
  g_autoptr(GError) error = NULL;
  SbxChangeSet *cs = sbx_change_set_create (state, stack, "same", "UPDATE", parse (base_template),
                                            NULL, NULL, NULL, NULL, now);

  sbx_engine_advance (state, now + 2 * G_USEC_PER_SEC);
  g_assert_cmpstr (cs->status, ==, "FAILED");
  g_assert_cmpstr (cs->execution_status, ==, "UNAVAILABLE");
  g_assert_true (g_str_has_prefix (cs->status_reason, "The submitted information didn't contain changes."));
  g_assert_false (sbx_engine_update_stack (state, stack, parse (base_template), NULL, NULL, NULL, FALSE,
                                           NULL, now, &error));
  g_assert_cmpstr (error->message, ==, "ValidationError: No updates are to be performed.");
}

static void
test_update_rollback (void)
{
  g_autoptr(SbxState) state = state_new ("{\"resources\": [{\"logical_id\": \"Broken\", \"reason\": \"boom\"}]}");
  SbxStack *stack = create (state, base_template, T0);
  gint64 now = sbx_engine_run_until_idle (state, T0);
  g_autofree char *t1 = edit (base_template, "DesiredCount: 2", "DesiredCount: 5");
  g_autofree char *t2 = edit (t1, "Outputs:\n",
                             "  Broken:\n    Type: AWS::SNS::Topic\n    DependsOn: WebService\nOutputs:\n");
  g_autofree char *t3 = edit (t2, "Scheme: internet-facing", "Scheme: internal");
  g_autofree char *old_lb = g_strdup (sbx_stack_resource (stack, "LoadBalancer")->physical_id);
  g_autoptr(GError) error = NULL;
  SbxResource *service;
  int rollback;

  g_assert_true (sbx_engine_update_stack (state, stack, parse (t3), NULL, NULL, NULL, FALSE, "u1", now, &error));
  g_assert_no_error (error);
  sbx_engine_run_until_idle (state, now);
  g_assert_cmpstr (stack->status, ==, "UPDATE_ROLLBACK_COMPLETE");
  g_assert_cmpstr (event_at (stack, find_event (stack, "Broken", "CREATE_FAILED", 0))->reason, ==, "boom");
  rollback = find_event (stack, "demo", "UPDATE_ROLLBACK_IN_PROGRESS", 0);
  g_assert_cmpstr (event_at (stack, rollback)->reason, ==, "The following resource(s) failed to update: [Broken]. ");
  g_assert_cmpint (find_event (stack, "demo", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", rollback), >, rollback);
  g_assert_cmpint (find_event (stack, "Broken", "DELETE_COMPLETE", rollback), >, rollback);
  g_assert_null (sbx_stack_resource (stack, "Broken"));
  /* the replaced load balancer is back, its replacement deleted */
  g_assert_cmpstr (sbx_stack_resource (stack, "LoadBalancer")->physical_id, ==, old_lb);
  g_assert_cmpuint (state->load_balancers->len, ==, 1);
  g_assert_cmpstr (((SbxLoadBalancer *) g_ptr_array_index (state->load_balancers, 0))->arn, ==, old_lb);
  service = sbx_stack_resource (stack, "WebService");
  g_assert_cmpstr (service->status, ==, "UPDATE_COMPLETE");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (service->properties), "DesiredCount"), ==, 2);
  g_assert_cmpint (sbx_ecs_service_find (state, NULL, service->physical_id)->desired, ==, 2);
}

static void
test_cancel_update (void)
{
  g_autoptr(SbxState) state = state_new (NULL);
  SbxStack *stack = create (state, base_template, T0);
  gint64 now = sbx_engine_run_until_idle (state, T0);
  g_autofree char *t1 = edit (base_template, "Scheme: internet-facing", "Scheme: internal");
  g_autoptr(GError) error = NULL;

  g_assert_false (sbx_engine_cancel_update (state, stack, now, &error));
  g_assert_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_STATE);
  g_clear_error (&error);
  g_assert_true (sbx_engine_update_stack (state, stack, parse (t1), NULL, NULL, NULL, FALSE, NULL, now, &error));
  sbx_engine_advance (state, now + G_USEC_PER_SEC);
  g_assert_cmpstr (stack->status, ==, "UPDATE_IN_PROGRESS");
  g_assert_true (sbx_engine_cancel_update (state, stack, now + G_USEC_PER_SEC, &error));
  g_assert_cmpstr (event_at (stack, find_event (stack, "LoadBalancer", "UPDATE_FAILED", 0))->reason, ==,
                   "Resource update cancelled");
  g_assert_cmpstr (stack->status_reason, ==, "Stack update cancelled");
  sbx_engine_run_until_idle (state, now + G_USEC_PER_SEC);
  g_assert_cmpstr (stack->status, ==, "UPDATE_ROLLBACK_COMPLETE");
  g_assert_cmpuint (state->load_balancers->len, ==, 1);
}

static void
test_ecs_tasks_and_logs (void)
{
  g_autoptr(SbxState) state = state_new ("{\"tasks\": [{\"service\": \"crashy\", \"reason\": "
                                         "\"Essential container in task exited\", \"exit_code\": 137}]}");
  g_autofree char *crashy = edit (base_template, "ServiceName: web", "ServiceName: crashy");
  SbxStack *stack = create (state, base_template, T0);
  gint64 now = sbx_engine_run_until_idle (state, T0);
  SbxService *web = sbx_ecs_service_find (state, "demo-Cluster", "web");
  SbxLogGroup *logs;
  guint running = 0, lines = 0;

  g_assert_nonnull (stack);
  g_assert_nonnull (web);
  g_assert_cmpint (web->desired, ==, 2);
  sbx_engine_advance (state, now + 10 * G_USEC_PER_SEC);
  for (guint i = 0; i < web->tasks->len; i++)
    {
      SbxTask *t = g_ptr_array_index (web->tasks, i);

      running += g_str_equal (t->last_status, "RUNNING");
      /* no health check in the task definition (test-sandbox-ecs-health.c) */
      g_assert_cmpstr (t->health, ==, "UNKNOWN");
    }
  g_assert_cmpuint (running, ==, 2);
  g_assert_true (web->steady);
  logs = sbx_logs_group_find (state, "/demo/logs");
  g_assert_nonnull (logs);
  g_assert_cmpuint (logs->streams->len, ==, 2);
  for (guint i = 0; i < logs->streams->len; i++)
    {
      SbxLogStream *s = g_ptr_array_index (logs->streams, i);
      g_autofree char *expected = g_strdup_printf ("demo/web/%s",
                                                   ((SbxTask *) g_ptr_array_index (web->tasks, i))->id);

      g_assert_cmpstr (s->name, ==, expected);
      lines += s->events->len;
    }
  /* and they keep writing */
  sbx_engine_advance (state, now + 40 * G_USEC_PER_SEC);
  for (guint i = 0; i < logs->streams->len; i++)
    lines -= ((SbxLogStream *) g_ptr_array_index (logs->streams, i))->events->len;
  g_assert_cmpint ((int) lines, <, 0);

  /* a service whose tasks crash: stopped tasks with the reason, replacements */
  sbx_state_free (g_steal_pointer (&state));
  state = state_new ("{\"tasks\": [{\"service\": \"crashy\", \"reason\": "
                     "\"Essential container in task exited\", \"exit_code\": 137}]}");
  create (state, crashy, T0);
  now = sbx_engine_run_until_idle (state, T0);
  sbx_engine_advance (state, now + 30 * G_USEC_PER_SEC);
  {
    SbxService *s = sbx_ecs_service_find (state, NULL, "crashy");
    guint stopped = 0;

    for (guint i = 0; i < s->tasks->len; i++)
      {
        SbxTask *t = g_ptr_array_index (s->tasks, i);

        if (!g_str_equal (t->last_status, "STOPPED"))
          continue;
        stopped++;
        g_assert_cmpstr (t->stopped_reason, ==, "Essential container in task exited");
        g_assert_cmpstr (t->stop_code, ==, "EssentialContainerExited");
        g_assert_cmpint (t->exit_code, ==, 137);
      }
    g_assert_cmpuint (stopped, >=, 2);
    g_assert_false (s->steady);
  }
}

static void
test_intrinsics (void)
{
  g_autoptr(SbxState) state = state_new (NULL);
  SbxStack *stack = create (state,
                            "Parameters:\n"
                            "  Env: {Type: String, Default: prod}\n"
                            "  Nets: {Type: CommaDelimitedList, Default: 'a, b'}\n"
                            "Conditions:\n"
                            "  IsProd: !Equals [!Ref Env, prod]\n"
                            "  IsDev: !Not [!Condition IsProd]\n"
                            "Mappings:\n"
                            "  Sizes: {prod: {cpu: '512'}}\n"
                            "Resources:\n"
                            "  G:\n"
                            "    Type: AWS::Logs::LogGroup\n"
                            "    Properties:\n"
                            "      LogGroupName: !Sub '/${AWS::StackName}/${Env}'\n"
                            "      A: !Join ['+', !Ref Nets]\n"
                            "      B: !Select [1, !Ref Nets]\n"
                            "      C: !If [IsProd, !FindInMap [Sizes, !Ref Env, cpu], small]\n"
                            "      D: !If [IsProd, !Ref 'AWS::NoValue', x]\n"
                            "      E: !Select [0, !GetAZs '']\n"
                            "      F: !Sub ['${X}-${AWS::AccountId}', {X: !Ref Env}]\n"
                            "  OnlyDev:\n"
                            "    Type: AWS::SNS::Topic\n"
                            "    Condition: IsDev\n", T0);
  JsonObject *props;

  sbx_engine_run_until_idle (state, T0);
  g_assert_cmpstr (stack->status, ==, "CREATE_COMPLETE");
  props = json_node_get_object (sbx_stack_resource (stack, "G")->properties);
  g_assert_cmpstr (json_object_get_string_member (props, "LogGroupName"), ==, "/demo/prod");
  g_assert_cmpstr (sbx_stack_resource (stack, "G")->physical_id, ==, "/demo/prod");
  g_assert_cmpstr (json_object_get_string_member (props, "A"), ==, "a+b");
  g_assert_cmpstr (json_object_get_string_member (props, "B"), ==, "b");
  g_assert_cmpstr (json_object_get_string_member (props, "C"), ==, "512");
  g_assert_false (json_object_has_member (props, "D"));
  g_assert_cmpstr (json_object_get_string_member (props, "E"), ==, "us-east-1a");
  g_assert_cmpstr (json_object_get_string_member (props, "F"), ==, "prod-000000000000");
  /* a resource whose condition is false is not created */
  g_assert_null (sbx_stack_resource (stack, "OnlyDev"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/engine/create", test_create);
  g_test_add_func ("/sandbox/engine/rollback", test_rollback);
  g_test_add_func ("/sandbox/engine/on-failure-do-nothing", test_on_failure_do_nothing);
  g_test_add_func ("/sandbox/engine/delete-retain", test_delete_retain);
  g_test_add_func ("/sandbox/engine/change-set", test_change_set);
  g_test_add_func ("/sandbox/engine/empty-change-set", test_empty_change_set);
  g_test_add_func ("/sandbox/engine/update-rollback", test_update_rollback);
  g_test_add_func ("/sandbox/engine/cancel-update", test_cancel_update);
  g_test_add_func ("/sandbox/ecs/tasks-and-logs", test_ecs_tasks_and_logs);
  g_test_add_func ("/sandbox/engine/intrinsics", test_intrinsics);
  return g_test_run ();
}
