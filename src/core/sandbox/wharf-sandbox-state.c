/* wharf-sandbox-state.c: the account state of the sandbox, from a JSON seed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wharf-sandbox-private.h"

/* The built-in seed: what a fresh AWS account looks like in us-east-1. */
static const char default_seed[] =
  "{"
  " \"account_id\": \"000000000000\","
  " \"region\": \"us-east-1\","
  " \"credentials\": [{\"access_key_id\": \"test\", \"secret_access_key\": \"test\"}],"
  " \"vpcs\": [{"
  "   \"id\": \"vpc-0a1b2c3d4e5f60718\", \"cidr\": \"172.31.0.0/16\", \"default\": true,"
  "   \"internet_gateway\": \"igw-0c1d2e3f4a5b6c7d8\","
  "   \"main_route_table\": \"rtb-0a9b8c7d6e5f40312\","
  "   \"subnets\": ["
  "     {\"id\": \"subnet-0123456789abcdef0\", \"availability_zone\": \"us-east-1a\","
  "      \"cidr\": \"172.31.0.0/20\", \"public\": true},"
  "     {\"id\": \"subnet-0fedcba9876543210\", \"availability_zone\": \"us-east-1b\","
  "      \"cidr\": \"172.31.16.0/20\", \"public\": true}],"
  "   \"security_groups\": [{\"id\": \"sg-0123abcd4567ef890\", \"name\": \"default\","
  "      \"description\": \"default VPC security group\"}]"
  " }]"
  "}";

static const char * const default_regions[] = {
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2",
  "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1",
  "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "sa-east-1",
};

static gboolean
seed_error (GError **error, const char *what)
{
  g_set_error (error, WHARF_SANDBOX_ERROR, WHARF_SANDBOX_ERROR_SEED,
               _("Invalid sandbox seed: %s"), what);
  return FALSE;
}

/* Typed reads that fail on a member of the wrong type. */
static gboolean
seed_string (JsonObject *obj, const char *member, const char *fallback,
             char **out, GError **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = g_strdup (fallback);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *what = g_strdup_printf (_("“%s” must be a string"), member);
      return seed_error (error, what);
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
seed_array (JsonObject *obj, const char *member, JsonArray **out, GError **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *what = g_strdup_printf (_("“%s” must be an array"), member);
      return seed_error (error, what);
    }
  *out = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (*out); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (*out, i)) &&
        !JSON_NODE_HOLDS_VALUE (json_array_get_element (*out, i)))
      {
        g_autofree char *what = g_strdup_printf (_("“%s” has an invalid item"), member);
        return seed_error (error, what);
      }
  return TRUE;
}

static double
seed_double (JsonObject *obj, const char *member, double fallback)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  return json_node_get_double (node);
}

static gboolean
seed_bool (JsonObject *obj, const char *member, gboolean fallback)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  return json_node_get_boolean (node);
}

static JsonObject *
item_object (JsonArray *array, guint i, const char *what, GError **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      seed_error (error, what);
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
seed_vpc (SbxState *state, JsonObject *o, GError **error)
{
  SbxVpc *vpc = g_new0 (SbxVpc, 1);
  g_autofree char *main_rtb = NULL;
  SbxRouteTable *main;
  JsonArray *subnets, *groups;

  g_ptr_array_add (state->vpcs, vpc);
  if (!seed_string (o, "id", NULL, &vpc->id, error) ||
      !seed_string (o, "cidr", "172.31.0.0/16", &vpc->cidr, error) ||
      !seed_string (o, "internet_gateway", NULL, &vpc->igw_id, error) ||
      !seed_string (o, "main_route_table", NULL, &main_rtb, error) ||
      !seed_array (o, "subnets", &subnets, error) ||
      !seed_array (o, "security_groups", &groups, error))
    return FALSE;
  if (vpc->id == NULL)
    return seed_error (error, _("a VPC has no “id”"));
  vpc->is_default = seed_bool (o, "default", FALSE);
  vpc->dns_support = seed_bool (o, "enable_dns_support", TRUE);
  vpc->dns_hostnames = seed_bool (o, "enable_dns_hostnames", vpc->is_default);

  /* Like a default VPC: the main route table routes to the internet
   * gateway; private subnets get their own explicitly associated table. */
  main = g_new0 (SbxRouteTable, 1);
  main->id = main_rtb ? g_strdup (main_rtb) : g_strdup_printf ("rtb-%s", vpc->id + 4);
  main->vpc_id = g_strdup (vpc->id);
  main->main = TRUE;
  main->subnet_ids = g_ptr_array_new_with_free_func (g_free);
  main->igw_id = g_strdup (vpc->igw_id);
  g_ptr_array_add (state->route_tables, main);

  for (guint i = 0; subnets && i < json_array_get_length (subnets); i++)
    {
      JsonObject *so = item_object (subnets, i, _("a subnet must be an object"), error);
      SbxSubnet *s;

      if (so == NULL)
        return FALSE;
      s = g_new0 (SbxSubnet, 1);
      g_ptr_array_add (state->subnets, s);
      s->vpc_id = g_strdup (vpc->id);
      if (!seed_string (so, "id", NULL, &s->id, error) ||
          !seed_string (so, "availability_zone", NULL, &s->az, error) ||
          !seed_string (so, "cidr", NULL, &s->cidr, error))
        return FALSE;
      if (s->id == NULL || s->az == NULL)
        return seed_error (error, _("a subnet needs “id” and “availability_zone”"));
      s->public_ip = seed_bool (so, "public", TRUE);
      s->default_for_az = seed_bool (so, "default_for_az", vpc->is_default);
      if (!s->public_ip || vpc->igw_id == NULL)
        {
          SbxRouteTable *rt = g_new0 (SbxRouteTable, 1);

          rt->id = g_strdup_printf ("rtb-%s", s->id + 7);
          rt->vpc_id = g_strdup (vpc->id);
          rt->subnet_ids = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (rt->subnet_ids, g_strdup (s->id));
          g_ptr_array_add (state->route_tables, rt);
        }
    }
  for (guint i = 0; groups && i < json_array_get_length (groups); i++)
    {
      JsonObject *go = item_object (groups, i, _("a security group must be an object"), error);
      SbxSecurityGroup *g;

      if (go == NULL)
        return FALSE;
      g = g_new0 (SbxSecurityGroup, 1);
      g_ptr_array_add (state->security_groups, g);
      g->vpc_id = g_strdup (vpc->id);
      if (!seed_string (go, "id", NULL, &g->id, error) ||
          !seed_string (go, "name", "default", &g->name, error) ||
          !seed_string (go, "description", "default VPC security group", &g->description, error))
        return FALSE;
      if (g->id == NULL)
        return seed_error (error, _("a security group has no “id”"));
    }
  return TRUE;
}

SbxState *
sbx_state_new_from_seed (JsonNode  *seed,
                         GError   **error)
{
  g_autoptr(SbxState) state = sbx_state_new_empty ();
  JsonObject *root;
  JsonArray *creds, *vpcs, *regions;

  if (seed == NULL || !JSON_NODE_HOLDS_OBJECT (seed))
    {
      seed_error (error, _("the document must be a JSON object"));
      return NULL;
    }
  root = json_node_get_object (seed);
  if (!seed_string (root, "account_id", "000000000000", &state->account_id, error) ||
      !seed_string (root, "region", "us-east-1", &state->region, error) ||
      !seed_array (root, "credentials", &creds, error) ||
      !seed_array (root, "vpcs", &vpcs, error) ||
      !seed_array (root, "regions", &regions, error))
    return NULL;
  if (strlen (state->account_id) != 12 ||
      strspn (state->account_id, "0123456789") != 12)
    {
      seed_error (error, _("“account_id” must be 12 digits"));
      return NULL;
    }
  state->pace = seed_double (root, "pace", 1.0);
  if (state->pace < 0 || state->pace > 3600)
    {
      seed_error (error, _("“pace” must be between 0 and 3600 seconds"));
      return NULL;
    }
  state->event_page_size = CLAMP ((guint) seed_double (root, "event_page_size", 100), 1, 1000);
  state->stack_page_size = CLAMP ((guint) seed_double (root, "stack_page_size", 100), 1, 1000);
  state->resource_page_size = CLAMP ((guint) seed_double (root, "resource_page_size", 100), 1, 1000);
  state->verify_signatures = seed_bool (root, "verify_signatures", TRUE);
  if (json_object_has_member (root, "random_seed"))
    g_rand_set_seed (state->rand, (guint32) seed_double (root, "random_seed", 0));

  if (creds == NULL || json_array_get_length (creds) == 0)
    {
      SbxCredential *c = g_new0 (SbxCredential, 1);

      c->access_key_id = g_strdup ("test");
      c->secret_access_key = g_strdup ("test");
      g_ptr_array_add (state->credentials, c);
    }
  for (guint i = 0; creds && i < json_array_get_length (creds); i++)
    {
      JsonObject *co = item_object (creds, i, _("a credential must be an object"), error);
      SbxCredential *c;

      if (co == NULL)
        return NULL;
      c = g_new0 (SbxCredential, 1);
      g_ptr_array_add (state->credentials, c);
      if (!seed_string (co, "access_key_id", NULL, &c->access_key_id, error) ||
          !seed_string (co, "secret_access_key", NULL, &c->secret_access_key, error) ||
          !seed_string (co, "session_token", NULL, &c->session_token, error) ||
          !seed_string (co, "arn", NULL, &c->arn, error))
        return NULL;
      if (c->access_key_id == NULL || c->secret_access_key == NULL)
        {
          seed_error (error, _("a credential needs “access_key_id” and “secret_access_key”"));
          return NULL;
        }
    }
  for (guint i = 0; i < state->credentials->len; i++)
    {
      SbxCredential *c = g_ptr_array_index (state->credentials, i);

      if (c->arn == NULL)
        c->arn = g_strdup_printf ("arn:aws:iam::%s:root", state->account_id);
      if (c->user_id == NULL)
        c->user_id = g_strdup (i == 0 ? state->account_id : c->access_key_id);
    }

  for (guint i = 0; regions && i < json_array_get_length (regions); i++)
    g_ptr_array_add (state->regions,
                     g_strdup (json_node_get_string (json_array_get_element (regions, i))));
  if (state->regions->len == 0)
    for (gsize i = 0; i < G_N_ELEMENTS (default_regions); i++)
      g_ptr_array_add (state->regions, g_strdup (default_regions[i]));

  /* without "vpcs", the account has the built-in default VPC */
  if (!json_object_has_member (root, "vpcs"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_parser_load_from_data (parser, default_seed, -1, NULL);
      if (!seed_vpc (state, json_array_get_object_element (
                       json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "vpcs"), 0),
                     error))
        return NULL;
    }
  for (guint i = 0; vpcs && i < json_array_get_length (vpcs); i++)
    {
      JsonObject *vo = item_object (vpcs, i, _("a VPC must be an object"), error);

      if (vo == NULL || !seed_vpc (state, vo, error))
        return NULL;
    }
  if (!sbx_state_seed_services (state, root, error))
    return NULL;
  return g_steal_pointer (&state);
}

SbxState *
sbx_state_new_default (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SbxState *state;

  json_parser_load_from_data (parser, default_seed, -1, &error);
  g_assert_no_error (error);
  state = sbx_state_new_from_seed (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return state;
}

gint64
sbx_state_step_usec (SbxState *state)
{
  return (gint64) (state->pace * G_USEC_PER_SEC);
}

char *
sbx_random_hex (SbxState *state,
                guint     length)
{
  GString *s = g_string_sized_new (length);

  for (guint i = 0; i < length; i++)
    g_string_append_c (s, "0123456789abcdef"[g_rand_int_range (state->rand, 0, 16)]);
  return g_string_free (s, FALSE);
}

char *
sbx_random_alnum (SbxState *state,
                  guint     length)
{
  static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  GString *s = g_string_sized_new (length);

  for (guint i = 0; i < length; i++)
    g_string_append_c (s, chars[g_rand_int_range (state->rand, 0, sizeof chars - 1)]);
  return g_string_free (s, FALSE);
}

char *
sbx_uuid (SbxState *state)
{
  g_autofree char *h = sbx_random_hex (state, 32);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-a%.3s-%.12s", h, h + 8, h + 12, h + 15, h + 18);
}

SbxCredential *
sbx_state_find_credential (SbxState   *state,
                           const char *access_key_id)
{
  for (guint i = 0; i < state->credentials->len; i++)
    {
      SbxCredential *c = g_ptr_array_index (state->credentials, i);

      if (g_strcmp0 (c->access_key_id, access_key_id) == 0)
        return c;
    }
  return NULL;
}

SbxCredential *
sbx_state_issue_credential (SbxState   *state,
                            const char *role_arn,
                            const char *session_name,
                            gint64      expiration)
{
  SbxCredential *c = g_new0 (SbxCredential, 1);
  g_autofree char *key = sbx_random_alnum (state, 16);
  g_autofree char *secret = sbx_random_hex (state, 40);
  g_autofree char *token = sbx_random_hex (state, 96);
  g_autofree char *role_id = sbx_random_alnum (state, 17);
  const char *role_name = strrchr (role_arn, '/');

  c->access_key_id = g_strconcat ("ASIA", key, NULL);
  c->secret_access_key = g_steal_pointer (&secret);
  c->session_token = g_strconcat ("FwoGZXIvYXdzE", token, NULL);
  c->arn = g_strdup_printf ("arn:aws:sts::%s:assumed-role/%s/%s", state->account_id,
                            role_name ? role_name + 1 : role_arn, session_name);
  c->user_id = g_strdup_printf ("AROA%s:%s", role_id, session_name);
  c->expiration = expiration;
  g_ptr_array_add (state->credentials, c);
  return c;
}

char *
sbx_iso8601 (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt),
                          (int) ((usec / 1000) % 1000));
}

SbxSubnet *
sbx_state_find_subnet (SbxState   *state,
                       const char *id)
{
  for (guint i = 0; i < state->subnets->len; i++)
    {
      SbxSubnet *s = g_ptr_array_index (state->subnets, i);

      if (g_strcmp0 (s->id, id) == 0)
        return s;
    }
  return NULL;
}

SbxVpc *
sbx_state_default_vpc (SbxState *state)
{
  for (guint i = 0; i < state->vpcs->len; i++)
    {
      SbxVpc *v = g_ptr_array_index (state->vpcs, i);

      if (v->is_default)
        return v;
    }
  return state->vpcs->len ? g_ptr_array_index (state->vpcs, 0) : NULL;
}
