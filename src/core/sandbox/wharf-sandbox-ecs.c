/* wharf-sandbox-ecs.c: ECS emulation: clusters, task definitions, services
 * that start tasks (PROVISIONING → PENDING → ACTIVATING → RUNNING), tasks
 * that stop with a reason, and tasks that write to their awslogs streams.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wharf-sandbox-private.h"

#define MAX_LOG_LINES_PER_TASK 60
#define MAX_STOPPED_TASKS      20
#define MAX_SERVICE_EVENTS     100
/* a task counts for a steady state once it has run for a couple of steps */
#define STEADY_STEPS           5

static void
task_free (SbxTask *t)
{
  g_free (t->arn);
  g_free (t->id);
  g_free (t->last_status);
  g_free (t->desired_status);
  g_free (t->health);
  g_free (t->stopped_reason);
  g_free (t->stop_code);
  g_free (t->private_ip);
  g_free (t);
}

void
sbx_service_free (SbxService *s)
{
  g_free (s->arn);
  g_free (s->name);
  g_free (s->cluster_arn);
  g_free (s->task_def_arn);
  g_free (s->status);
  g_free (s->launch_type);
  g_free (s->deployment_id);
  g_ptr_array_unref (s->tasks);
  g_ptr_array_unref (s->events);
  g_clear_pointer (&s->network, json_node_unref);
  g_clear_pointer (&s->load_balancers, json_node_unref);
  g_free (s);
}

static void
set_string (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static const char *
base_name (const char *name_or_arn)
{
  const char *slash = name_or_arn ? strrchr (name_or_arn, '/') : NULL;

  return slash ? slash + 1 : name_or_arn;
}

SbxCluster *
sbx_ecs_cluster_find (SbxState   *state,
                      const char *name_or_arn)
{
  const char *name = base_name (name_or_arn ? name_or_arn : "default");

  for (guint i = 0; i < state->clusters->len; i++)
    {
      SbxCluster *c = g_ptr_array_index (state->clusters, i);

      if (g_strcmp0 (c->arn, name_or_arn) == 0 || g_strcmp0 (c->name, name) == 0)
        return c;
    }
  return NULL;
}

SbxCluster *
sbx_ecs_cluster_add (SbxState   *state,
                     const char *name,
                     gint64      now)
{
  SbxCluster *c = sbx_ecs_cluster_find (state, name);

  if (c == NULL)
    {
      c = g_new0 (SbxCluster, 1);
      c->name = g_strdup (name);
      c->arn = g_strdup_printf ("arn:aws:ecs:%s:%s:cluster/%s", state->region, state->account_id, name);
      g_ptr_array_add (state->clusters, c);
    }
  set_string (&c->status, "ACTIVE");
  c->created = now;
  return c;
}

SbxTaskDef *
sbx_ecs_task_def_register (SbxState   *state,
                           const char *arn,
                           JsonNode   *properties)
{
  SbxTaskDef *td = g_new0 (SbxTaskDef, 1);
  const char *slash = strrchr (arn, '/');
  const char *colon = strrchr (arn, ':');

  td->arn = g_strdup (arn);
  td->family = slash && colon > slash ? g_strndup (slash + 1, colon - slash - 1) : g_strdup (arn);
  td->revision = colon ? atoi (colon + 1) : 1;
  td->properties = properties ? json_node_copy (properties) : NULL;
  td->active = TRUE;
  g_ptr_array_add (state->task_definitions, td);
  return td;
}

SbxTaskDef *
sbx_ecs_task_def_find (SbxState   *state,
                       const char *arn_or_family)
{
  SbxTaskDef *best = NULL;

  for (guint i = 0; arn_or_family && i < state->task_definitions->len; i++)
    {
      SbxTaskDef *td = g_ptr_array_index (state->task_definitions, i);
      g_autofree char *family_rev = g_strdup_printf ("%s:%d", td->family, td->revision);

      if (g_str_equal (td->arn, arn_or_family) || g_str_equal (family_rev, arn_or_family))
        return td;
      if (g_str_equal (td->family, arn_or_family) && (best == NULL || td->revision > best->revision))
        best = td;
    }
  return best;
}

static void
service_event (SbxService *s, gint64 when, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
service_event (SbxService *s, gint64 when, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, when);

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (s->events, sbx_pair_new (key, msg));
  if (s->events->len > MAX_SERVICE_EVENTS)
    g_ptr_array_remove_index (s->events, 0);
}

SbxService *
sbx_ecs_service_add (SbxState   *state,
                     const char *cluster,
                     const char *name,
                     const char *task_def_arn,
                     int         desired,
                     JsonNode   *properties,
                     gint64      now)
{
  SbxService *s = g_new0 (SbxService, 1);
  SbxCluster *c = sbx_ecs_cluster_find (state, cluster);
  JsonObject *props = properties && JSON_NODE_HOLDS_OBJECT (properties) ? json_node_get_object (properties) : NULL;
  g_autofree char *digits = g_strdup_printf ("%u%u", g_rand_int_range (state->rand, 100000000, 999999999),
                                             g_rand_int_range (state->rand, 1000000000, 2000000000));
  JsonNode *node;

  s->name = g_strdup (name);
  s->cluster_arn = g_strdup (c ? c->arn : cluster);
  s->arn = g_strdup_printf ("arn:aws:ecs:%s:%s:service/%s/%s", state->region, state->account_id,
                            c ? c->name : base_name (cluster), name);
  s->task_def_arn = g_strdup (task_def_arn);
  s->status = g_strdup ("ACTIVE");
  s->launch_type = g_strdup (props ? json_object_get_string_member_with_default (props, "LaunchType", "FARGATE")
                                   : "FARGATE");
  s->deployment_id = g_strdup_printf ("ecs-svc/%s", digits);
  s->desired = MAX (desired, 0);
  s->created = now;
  s->next_step = now + MAX (sbx_state_step_usec (state), 1000);
  s->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) task_free);
  s->events = g_ptr_array_new_with_free_func ((GDestroyNotify) sbx_pair_free);
  if (props && (node = json_object_get_member (props, "NetworkConfiguration")))
    s->network = json_node_copy (node);
  if (props && (node = json_object_get_member (props, "LoadBalancers")))
    s->load_balancers = json_node_copy (node);
  g_ptr_array_add (state->services, s);
  return s;
}

SbxService *
sbx_ecs_service_find (SbxState   *state,
                      const char *cluster,
                      const char *name_or_arn)
{
  SbxCluster *c = cluster ? sbx_ecs_cluster_find (state, cluster) : NULL;

  /* newest first: a deleted service's name can be reused */
  for (guint i = state->services->len; i > 0; i--)
    {
      SbxService *s = g_ptr_array_index (state->services, i - 1);

      if (g_str_equal (s->arn, name_or_arn))
        return s;
      if (g_str_equal (s->name, name_or_arn) && (c == NULL || g_str_equal (s->cluster_arn, c->arn)))
        return s;
    }
  return NULL;
}

static void
stop_task (SbxTask *t, const char *reason, const char *code, gint64 when)
{
  if (g_str_equal (t->desired_status, "STOPPED"))
    return;
  set_string (&t->desired_status, "STOPPED");
  set_string (&t->stopped_reason, reason);
  set_string (&t->stop_code, code);
  (void) when;
}

void
sbx_ecs_service_update (SbxState   *state,
                        SbxService *service,
                        const char *task_def_arn,
                        int         desired,
                        gint64      now)
{
  g_autofree char *reason = NULL;

  service->desired = MAX (desired, 0);
  service->steady = FALSE;
  if (task_def_arn && g_strcmp0 (task_def_arn, service->task_def_arn) != 0)
    {
      g_autofree char *digits = g_strdup_printf ("%u%u", g_rand_int_range (state->rand, 100000000, 999999999),
                                                 g_rand_int_range (state->rand, 1000000000, 2000000000));

      reason = g_strdup_printf ("Scaling activity initiated by (deployment %s)", service->deployment_id);
      set_string (&service->task_def_arn, task_def_arn);
      set_string (&service->deployment_id, NULL);
      service->deployment_id = g_strdup_printf ("ecs-svc/%s", digits);
      for (guint i = 0; i < service->tasks->len; i++)
        stop_task (g_ptr_array_index (service->tasks, i), reason, "ServiceSchedulerInitiated", now);
    }
}

void
sbx_ecs_service_remove (SbxState   *state,
                        const char *arn,
                        gint64      now)
{
  SbxService *s = sbx_ecs_service_find (state, NULL, arn);
  g_autofree char *reason = NULL;

  if (s == NULL)
    return;
  reason = g_strdup_printf ("Scaling activity initiated by (deployment %s)", s->deployment_id);
  for (guint i = 0; i < s->tasks->len; i++)
    stop_task (g_ptr_array_index (s->tasks, i), reason, "ServiceSchedulerInitiated", now);
  s->desired = 0;
  set_string (&s->status, "DRAINING");
}

static JsonArray *
task_containers (SbxState *state, SbxService *s)
{
  SbxTaskDef *td = sbx_ecs_task_def_find (state, s->task_def_arn);
  JsonNode *defs;

  if (td == NULL || td->properties == NULL || !JSON_NODE_HOLDS_OBJECT (td->properties))
    return NULL;
  defs = json_object_get_member (json_node_get_object (td->properties), "ContainerDefinitions");
  return defs && JSON_NODE_HOLDS_ARRAY (defs) ? json_node_get_array (defs) : NULL;
}

/* A task none of whose containers has a health check stays UNKNOWN for
 * good, as in ECS (reporting HEALTHY made every service look checked). */
static gboolean
task_has_health_check (SbxState *state, SbxService *s)
{
  JsonArray *containers = task_containers (state, s);

  for (guint i = 0; containers && i < json_array_get_length (containers); i++)
    {
      JsonNode *c = json_array_get_element (containers, i);

      if (JSON_NODE_HOLDS_OBJECT (c) && sbx_ecs_container_has_health_check (json_node_get_object (c)))
        return TRUE;
    }
  return FALSE;
}

/* A few realistic lines per container, into "<prefix>/<container>/<task-id>". */
static void
write_logs (SbxState *state, SbxService *s, SbxTask *t, gint64 when, const char *message)
{
  JsonArray *containers = task_containers (state, s);

  for (guint i = 0; containers && i < json_array_get_length (containers); i++)
    {
      JsonObject *c = json_array_get_object_element (containers, i);
      JsonObject *lc = json_object_has_member (c, "LogConfiguration")
                       ? json_object_get_object_member (c, "LogConfiguration") : NULL;
      JsonObject *opts = lc && json_object_has_member (lc, "Options")
                         ? json_object_get_object_member (lc, "Options") : NULL;
      const char *name = json_object_get_string_member_with_default (c, "Name", "app");
      const char *image = json_object_get_string_member_with_default (c, "Image", "unknown");
      const char *group, *prefix;
      g_autofree char *stream = NULL;
      g_autofree char *line = NULL;

      if (opts == NULL || g_strcmp0 (json_object_get_string_member_with_default (lc, "LogDriver", ""), "awslogs") != 0)
        continue;
      group = json_object_get_string_member_with_default (opts, "awslogs-group", NULL);
      prefix = json_object_get_string_member_with_default (opts, "awslogs-stream-prefix", NULL);
      if (group == NULL)
        continue;
      stream = prefix ? g_strdup_printf ("%s/%s/%s", prefix, name, t->id) : g_strdup (t->id);
      if (message != NULL)
        line = g_strdup (message);
      else if (t->log_lines == 0)
        line = g_strdup_printf ("%s: starting container from image %s", name, image);
      else if (t->log_lines == 1)
        line = g_strdup_printf ("%s: listening on %s", name, t->private_ip);
      else
        line = g_strdup_printf ("%s: %s - - \"GET / HTTP/1.1\" 200 %d", name, "10.0.0.1",
                                g_rand_int_range (state->rand, 200, 4000));
      sbx_logs_group_ensure (state, group, when);
      sbx_logs_put (state, group, stream, when, line);
    }
  t->log_lines++;
}

static SbxTaskFault *
task_fault (SbxState *state, SbxService *s)
{
  for (guint i = 0; i < state->faults.tasks->len; i++)
    {
      SbxTaskFault *f = g_ptr_array_index (state->faults.tasks, i);

      if (f->service == NULL || g_str_equal (f->service, s->name))
        return f;
    }
  return NULL;
}

static void
task_step (SbxState *state, SbxService *s, SbxTask *t, gint64 when)
{
  static const char * const lifecycle[] = { "PROVISIONING", "PENDING", "ACTIVATING", "RUNNING" };
  SbxTaskFault *fault = task_fault (state, s);
  gboolean checked;

  t->steps++;
  if (g_str_equal (t->last_status, "STOPPED"))
    return;
  if (g_str_equal (t->desired_status, "STOPPED"))
    {
      if (g_str_equal (t->last_status, "DEACTIVATING") || g_str_equal (t->last_status, "STOPPING"))
        {
          set_string (&t->last_status, "STOPPED");
          t->stopped = when;
        }
      else
        set_string (&t->last_status, "DEACTIVATING");
      return;
    }
  if (t->steps < (int) G_N_ELEMENTS (lifecycle))
    {
      set_string (&t->last_status, lifecycle[t->steps]);
      if (t->steps == G_N_ELEMENTS (lifecycle) - 1)
        {
          t->started = when;
          write_logs (state, s, t, when, NULL);
          write_logs (state, s, t, when, NULL);
        }
      return;
    }
  checked = task_has_health_check (state, s);
  if (checked && g_str_equal (t->health, "UNKNOWN"))
    set_string (&t->health, "HEALTHY");
  if (fault && t->steps >= (int) G_N_ELEMENTS (lifecycle) - 1 + MAX (fault->after_steps, 1))
    {
      g_autofree char *line = g_strdup_printf ("exited with code %d", fault->exit_code);

      write_logs (state, s, t, when, line);
      t->exit_code = fault->exit_code;
      stop_task (t, fault->reason, "EssentialContainerExited", when);
      set_string (&t->last_status, "STOPPING");
      if (checked)
        set_string (&t->health, "UNHEALTHY");
      service_event (s, when, "(service %s) has stopped 1 running tasks: (task %s).", s->name, t->id);
      return;
    }
  if (t->log_lines < MAX_LOG_LINES_PER_TASK && t->steps % 3 == 0)
    write_logs (state, s, t, when, NULL);
}

static void
service_step (SbxState *state, SbxService *s, gint64 when)
{
  SbxCluster *c = sbx_ecs_cluster_find (state, s->cluster_arn);
  guint live = 0, running = 0, stopped = 0;

  for (guint i = 0; i < s->tasks->len; i++)
    task_step (state, s, g_ptr_array_index (s->tasks, i), when);
  for (guint i = 0; i < s->tasks->len; i++)
    {
      SbxTask *t = g_ptr_array_index (s->tasks, i);

      if (g_str_equal (t->desired_status, "RUNNING"))
        {
          live++;
          if (live > (guint) s->desired)
            stop_task (t, "Scaling activity initiated by (deployment)", "ServiceSchedulerInitiated", when);
          else if (g_str_equal (t->last_status, "RUNNING") && t->steps >= STEADY_STEPS)
            running++;
        }
    }
  while (g_str_equal (s->status, "ACTIVE") && live < (guint) s->desired)
    {
      SbxTask *t = g_new0 (SbxTask, 1);

      t->id = sbx_random_hex (state, 32);
      t->arn = g_strdup_printf ("arn:aws:ecs:%s:%s:task/%s/%s", state->region, state->account_id,
                                c ? c->name : "default", t->id);
      t->last_status = g_strdup ("PROVISIONING");
      t->desired_status = g_strdup ("RUNNING");
      t->health = g_strdup ("UNKNOWN");
      t->private_ip = g_strdup_printf ("172.31.%d.%d", g_rand_int_range (state->rand, 0, 32),
                                       g_rand_int_range (state->rand, 4, 250));
      t->created = when;
      g_ptr_array_add (s->tasks, t);
      service_event (s, when, "(service %s) has started 1 tasks: (task %s).", s->name, t->id);
      live++;
      s->steady = FALSE;
    }
  if (!s->steady && running == (guint) s->desired && g_str_equal (s->status, "ACTIVE"))
    {
      s->steady = TRUE;
      service_event (s, when, "(service %s) has reached a steady state.", s->name);
    }
  /* forget the oldest stopped tasks, as ECS does after a while */
  for (guint i = s->tasks->len; i > 0; i--)
    {
      SbxTask *t = g_ptr_array_index (s->tasks, i - 1);

      if (g_str_equal (t->last_status, "STOPPED") && ++stopped > MAX_STOPPED_TASKS)
        g_ptr_array_remove_index (s->tasks, i - 1);
    }
  if (g_str_equal (s->status, "DRAINING"))
    {
      gboolean all_stopped = TRUE;

      for (guint i = 0; i < s->tasks->len; i++)
        all_stopped &= g_str_equal (((SbxTask *) g_ptr_array_index (s->tasks, i))->last_status, "STOPPED");
      if (all_stopped)
        set_string (&s->status, "INACTIVE");
    }
}

void
sbx_ecs_advance (SbxState *state,
                 gint64    now)
{
  gint64 step = MAX (sbx_state_step_usec (state), 1000);

  for (guint i = 0; i < state->services->len; i++)
    {
      SbxService *s = g_ptr_array_index (state->services, i);

      if (g_str_equal (s->status, "INACTIVE"))
        continue;
      /* after a long pause, catch up on the last 200 steps only */
      if (now - s->next_step > 200 * step)
        s->next_step = now - 200 * step;
      while (s->next_step <= now)
        {
          service_step (state, s, s->next_step);
          s->next_step += step;
        }
    }
}
