/* test-sandbox-ecs-health.c: the healthStatus of sandbox tasks and their
 * containers, which ECS knows only through container health checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wharf-test-util.h"
#include "wharf-sandbox-private.h"

#define T0 ((gint64) 1800000000 * G_USEC_PER_SEC)

/* %s: the lines after the web container's Image (a HealthCheck or none);
 * a sidecar follows, never with a health check. */
static const char template_format[] =
  "Resources:\n"
  "  Cluster:\n"
  "    Type: AWS::ECS::Cluster\n"
  "  TaskDef:\n"
  "    Type: AWS::ECS::TaskDefinition\n"
  "    Properties:\n"
  "      Family: web\n"
  "      ContainerDefinitions:\n"
  "        - Name: web\n"
  "          Image: nginx\n"
  "%s"
  "        - Name: sidecar\n"
  "          Image: busybox\n"
  "  WebService:\n"
  "    Type: AWS::ECS::Service\n"
  "    Properties:\n"
  "      Cluster: !Ref Cluster\n"
  "      ServiceName: web\n"
  "      DesiredCount: 2\n"
  "      TaskDefinition: !Ref TaskDef\n";

static const char health_check[] =
  "          HealthCheck:\n"
  "            Command: [CMD-SHELL, curl -f http://localhost/ || exit 1]\n";

/* A sandbox that ran the stack (with or without the health check) for a
 * while; FAULTS: the seed's "faults" member, or NULL. */
static SbxState *
run_stack (gboolean    checked,
           const char *faults)
{
  g_autofree char *seed = g_strdup_printf ("{\"pace\": 1, \"random_seed\": 3, \"faults\": %s}",
                                           faults != NULL ? faults : "null");
  g_autofree char *text = g_strdup_printf (template_format, checked ? health_check : "");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SbxTemplate *tmpl;
  SbxStack *stack;
  SbxState *state;
  gint64 now;

  json_parser_load_from_data (parser, seed, -1, &error);
  g_assert_no_error (error);
  state = sbx_state_new_from_seed (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  tmpl = sbx_template_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  stack = sbx_engine_create_stack (state, NULL, "demo", tmpl, NULL, NULL, NULL,
                                   NULL, "token-1", T0, &error);
  g_assert_no_error (error);
  now = sbx_engine_run_until_idle (state, T0);
  g_assert_cmpstr (stack->status, ==, "CREATE_COMPLETE");
  sbx_engine_advance (state, now + 30 * G_USEC_PER_SEC);
  return state;
}

static JsonArray *
containers_of (SbxState   *state,
               SbxService *service)
{
  SbxTaskDef *td = sbx_ecs_task_def_find (state, service->task_def_arn);

  g_assert_nonnull (td);
  return json_object_get_array_member (json_node_get_object (td->properties), "ContainerDefinitions");
}

/* Checks every task of the service that is in LAST_STATUS (at least one):
 * the task's health, the web container's and the sidecar's. */
static void
assert_health (SbxState   *state,
               const char *last_status,
               const char *task_health,
               const char *web_health)
{
  SbxService *web = sbx_ecs_service_find (state, NULL, "web");
  JsonArray *containers;
  guint seen = 0;

  g_assert_nonnull (web);
  containers = containers_of (state, web);
  g_assert_cmpuint (json_array_get_length (containers), ==, 2);
  for (guint i = 0; i < web->tasks->len; i++)
    {
      SbxTask *t = g_ptr_array_index (web->tasks, i);

      if (!g_str_equal (t->last_status, last_status))
        continue;
      seen++;
      g_assert_cmpstr (t->health, ==, task_health);
      g_assert_cmpstr (sbx_ecs_container_health (t, json_array_get_object_element (containers, 0)), ==,
                       web_health);
      g_assert_cmpstr (sbx_ecs_container_health (t, json_array_get_object_element (containers, 1)), ==,
                       "UNKNOWN");
    }
  g_assert_cmpuint (seen, >, 0);
}

static void
test_without_health_check (void)
{
  g_autoptr(SbxState) state = run_stack (FALSE, NULL);

  assert_health (state, "RUNNING", "UNKNOWN", "UNKNOWN");
}

static void
test_with_health_check (void)
{
  g_autoptr(SbxState) state = run_stack (TRUE, NULL);

  assert_health (state, "RUNNING", "HEALTHY", "HEALTHY");
}

/* A container that exits is no health check failure either. */
static void
test_crash (void)
{
  const char *crash = "{\"tasks\": [{\"service\": \"web\", \"reason\": "
                      "\"Essential container in task exited\", \"exit_code\": 1}]}";
  g_autoptr(SbxState) plain = run_stack (FALSE, crash);
  g_autoptr(SbxState) checked = run_stack (TRUE, crash);

  assert_health (plain, "STOPPED", "UNKNOWN", "UNKNOWN");
  assert_health (checked, "STOPPED", "UNHEALTHY", "UNHEALTHY");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sandbox/ecs/health/without-health-check", test_without_health_check);
  g_test_add_func ("/sandbox/ecs/health/with-health-check", test_with_health_check);
  g_test_add_func ("/sandbox/ecs/health/crash", test_crash);
  return g_test_run ();
}
