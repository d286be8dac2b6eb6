/* test-aws-cloudformation.c: typed CloudFormation calls against canned
 * responses: request encoding, decoding, paging across pages, the "new
 * events only" reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-aws-client-server.h"
#include "wharf-aws-cloudformation.h"

#define XML "text/xml"

static char *
event_xml (const char *id,
           const char *logical_id,
           const char *status)
{
  return g_strdup_printf ("<member><EventId>%s</EventId><StackName>demo</StackName>"
                          "<StackId>arn:aws:cloudformation:us-east-1:1:stack/demo/x</StackId>"
                          "<LogicalResourceId>%s</LogicalResourceId>"
                          "<PhysicalResourceId>phys-%s</PhysicalResourceId>"
                          "<ResourceType>AWS::ECS::Service</ResourceType>"
                          "<Timestamp>2026-11-27T08:00:00Z</Timestamp>"
                          "<ResourceStatus>%s</ResourceStatus>"
                          "<ResourceStatusReason>because %s</ResourceStatusReason>"
                          "<ClientRequestToken>tok-1</ClientRequestToken></member>",
                          id, logical_id, logical_id, status, id);
}

/* A page of DescribeStackEvents with events IDS (newest first). */
static char *
events_page (const char * const *ids,
             const char         *next_token)
{
  GString *out = g_string_new ("<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents>");

  for (gsize i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *member = event_xml (ids[i], "Web", "CREATE_IN_PROGRESS");

      g_string_append (out, member);
    }
  g_string_append (out, "</StackEvents>");
  if (next_token != NULL)
    g_string_append_printf (out, "<NextToken>%s</NextToken>", next_token);
  g_string_append (out, "</DescribeStackEventsResult></DescribeStackEventsResponse>");
  return g_string_free (out, FALSE);
}

static void
push_event_pages (WharfTestServer *server)
{
  g_autofree char *p1 = events_page ((const char *[]) { "e9", "e8", "e7", NULL }, "tok/2+=");
  g_autofree char *p2 = events_page ((const char *[]) { "e6", "e5", "e4", NULL }, "tok3");
  g_autofree char *p3 = events_page ((const char *[]) { "e3", "e2", "e1", NULL }, NULL);

  wharf_test_server_push (server, 200, XML, p1, NULL);
  wharf_test_server_push (server, 200, XML, p2, NULL);
  wharf_test_server_push (server, 200, XML, p3, NULL);
}

static void
test_events_all_pages (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfTestRequest) second = NULL;
  g_autofree char *token = NULL;
  WharfCfnStackEvent *event;

  push_event_pages (server);
  events = wharf_cfn_describe_stack_events (client, "demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 9);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 3);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->event_id, ==, "e9");
  g_assert_cmpstr (event->logical_resource_id, ==, "Web");
  g_assert_cmpstr (event->physical_resource_id, ==, "phys-Web");
  g_assert_cmpstr (event->resource_type, ==, "AWS::ECS::Service");
  g_assert_cmpstr (event->resource_status, ==, "CREATE_IN_PROGRESS");
  g_assert_cmpstr (event->resource_status_reason, ==, "because e9");
  g_assert_cmpstr (event->client_request_token, ==, "tok-1");
  g_assert_cmpint (g_date_time_get_hour (event->timestamp), ==, 8);
  g_assert_cmpstr (((WharfCfnStackEvent *) g_ptr_array_index (events, 8))->event_id, ==, "e1");

  /* The token goes back exactly (it contains '/', '+' and '='). */
  second = wharf_test_server_get_request (server, 1);
  token = wharf_test_request_form_value (second, "NextToken");
  g_assert_cmpstr (token, ==, "tok/2+=");
}

static void
test_new_events_stop_at_last_seen (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  push_event_pages (server);
  events = wharf_cfn_describe_new_stack_events (client, "demo", "e5", NULL, &error);
  g_assert_no_error (error);
  /* e9…e6, oldest first; the third page was never asked for. */
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpstr (((WharfCfnStackEvent *) g_ptr_array_index (events, 0))->event_id, ==, "e6");
  g_assert_cmpstr (((WharfCfnStackEvent *) g_ptr_array_index (events, 3))->event_id, ==, "e9");
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 2);
}

static void
test_new_events_none_new (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  push_event_pages (server);
  events = wharf_cfn_describe_new_stack_events (client, "demo", "e9", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 1);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_new_events_async_throttled_page (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *p1 = events_page ((const char *[]) { "e9", "e8", NULL }, "t2");
  g_autofree char *p2 = events_page ((const char *[]) { "e7", NULL }, NULL);

  /* A throttled page in the middle costs a retry, not the poll. */
  wharf_test_server_push (server, 200, XML, p1, NULL);
  wharf_test_server_push (server, 400, XML, "<ErrorResponse><Error><Code>Throttling</Code>"
                          "<Message>Rate exceeded</Message></Error></ErrorResponse>", NULL);
  wharf_test_server_push (server, 200, XML, p2, NULL);
  wharf_cfn_describe_new_stack_events_async (client, "demo", NULL, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  events = wharf_cfn_describe_new_stack_events_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (((WharfCfnStackEvent *) g_ptr_array_index (events, 0))->event_id, ==, "e7");
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 3);
}

static void
test_paging_loop_guard (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = events_page ((const char *[]) { "e1", NULL }, "same");

  /* A server that returns the same token forever does not hang us. */
  wharf_test_server_set_default (server, 200, XML, page);
  events = wharf_cfn_describe_stack_events (client, "demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 2);
}

static void
test_create_stack_request (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfTestRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stack_id = NULL;
  WharfCfnStackInput input = {
    .stack_name = "demo",
    .template_body = "{\"Resources\":{}}",
    .parameters = (const char *[]) { "Image", "nginx:1.25", NULL },
    .use_previous_keys = (const char *[]) { "Count", NULL },
    .capabilities = (const char *[]) { "CAPABILITY_IAM", NULL },
    .tags = (const char *[]) { "k", "v w", NULL },
    .client_request_token = "wharf-1",
    .on_failure = "DELETE",
  };

  wharf_test_server_push (server, 200, XML,
                          "<CreateStackResponse><CreateStackResult><StackId>arn:stack/demo/1</StackId>"
                          "</CreateStackResult></CreateStackResponse>", NULL);
  stack_id = wharf_cfn_create_stack (client, &input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stack_id, ==, "arn:stack/demo/1");
  request = wharf_test_server_get_request (server, 0);
  g_assert_cmpstr (request->body, ==,
                   "Action=CreateStack&Version=2010-05-15&StackName=demo"
                   "&TemplateBody=%7B%22Resources%22%3A%7B%7D%7D"
                   "&Parameters.member.1.ParameterKey=Image&Parameters.member.1.ParameterValue=nginx%3A1.25"
                   "&Parameters.member.2.ParameterKey=Count&Parameters.member.2.UsePreviousValue=true"
                   "&Capabilities.member.1=CAPABILITY_IAM&Tags.member.1.Key=k&Tags.member.1.Value=v%20w"
                   "&ClientRequestToken=wharf-1&OnFailure=DELETE");
}

static void
test_update_no_updates (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GError) error = NULL;
  g_autofree char *stack_id = NULL;
  WharfCfnStackInput input = { .stack_name = "demo", .use_previous_template = TRUE };

  wharf_test_server_push (server, 400, XML,
                          "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>"
                          "<Message>No updates are to be performed.</Message></Error></ErrorResponse>", NULL);
  stack_id = wharf_cfn_update_stack (client, &input, NULL, &error);
  g_assert_null (stack_id);
  g_assert_error (error, WHARF_AWS_CLIENT_ERROR, WHARF_AWS_CLIENT_ERROR_SERVICE);
  g_assert_true (wharf_cfn_error_is_no_updates (error));
  g_assert_false (wharf_cfn_error_is_stack_missing (error));
}

static void
test_describe_stacks (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) stacks = NULL;
  g_autoptr(GError) error = NULL;
  WharfCfnStack *stack;
  WharfCfnOutput *output;

  wharf_test_server_push (server, 200, XML,
    "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
    "<DescribeStacksResult><Stacks><member><StackId>arn:1</StackId><StackName>a</StackName>"
    "<StackStatus>UPDATE_COMPLETE</StackStatus><CreationTime>2026-01-01T00:00:00.123Z</CreationTime>"
    "<Parameters><member><ParameterKey>Image</ParameterKey><ParameterValue>nginx:1.25</ParameterValue></member></Parameters>"
    "<Outputs><member><OutputKey>ClusterArn</OutputKey><OutputValue>arn:ecs</OutputValue>"
    "<ExportName>demo-cluster</ExportName></member></Outputs>"
    "<Tags><member><Key>k</Key><Value>v</Value></member></Tags>"
    "<Capabilities><member>CAPABILITY_IAM</member></Capabilities>"
    "<DisableRollback>true</DisableRollback></member></Stacks><NextToken>n2</NextToken>"
    "</DescribeStacksResult></DescribeStacksResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackId>arn:2</StackId>"
    "<StackName>b</StackName><StackStatus>ROLLBACK_COMPLETE</StackStatus>"
    "<StackStatusReason>The following resource(s) failed to create: [Web].</StackStatusReason>"
    "</member></Stacks></DescribeStacksResult></DescribeStacksResponse>", NULL);
  stacks = wharf_cfn_describe_stacks (client, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stacks->len, ==, 2);
  stack = g_ptr_array_index (stacks, 0);
  g_assert_cmpstr (stack->stack_name, ==, "a");
  g_assert_cmpstr (stack->status, ==, "UPDATE_COMPLETE");
  g_assert_cmpstr (g_hash_table_lookup (stack->parameters, "Image"), ==, "nginx:1.25");
  g_assert_cmpstr (g_hash_table_lookup (stack->tags, "k"), ==, "v");
  g_assert_cmpstrv (stack->capabilities, ((const char *[]) { "CAPABILITY_IAM", NULL }));
  g_assert_true (stack->disable_rollback);
  g_assert_null (stack->last_updated_time);
  g_assert_cmpuint (stack->outputs->len, ==, 1);
  output = g_ptr_array_index (stack->outputs, 0);
  g_assert_cmpstr (output->key, ==, "ClusterArn");
  g_assert_cmpstr (output->value, ==, "arn:ecs");
  g_assert_cmpstr (output->export_name, ==, "demo-cluster");
  stack = g_ptr_array_index (stacks, 1);
  g_assert_cmpstr (stack->status_reason, ==, "The following resource(s) failed to create: [Web].");
  g_assert_true (wharf_cfn_status_is_terminal (stack->status));
  g_assert_false (wharf_cfn_status_is_terminal ("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"));
  g_assert_false (wharf_cfn_status_is_terminal ("CREATE_IN_PROGRESS"));
}

static void
test_change_set (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfCfnChangeSet) change_set = NULL;
  g_autoptr(WharfTestRequest) create = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *type = NULL;
  WharfCfnResourceChange *change;
  WharfCfnStackInput input = {
    .stack_name = "demo", .change_set_name = "wharf-1", .change_set_type = "CREATE",
    .template_body = "{}", .client_request_token = "tok",
  };

  wharf_test_server_push (server, 200, XML,
    "<CreateChangeSetResponse><CreateChangeSetResult><Id>arn:changeSet/wharf-1/1</Id>"
    "<StackId>arn:stack</StackId></CreateChangeSetResult></CreateChangeSetResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<DescribeChangeSetResponse><DescribeChangeSetResult><ChangeSetName>wharf-1</ChangeSetName>"
    "<Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus>"
    "<Changes><member><Type>Resource</Type><ResourceChange><Action>Add</Action>"
    "<LogicalResourceId>Cluster</LogicalResourceId><ResourceType>AWS::ECS::Cluster</ResourceType>"
    "</ResourceChange></member></Changes><NextToken>c2</NextToken></DescribeChangeSetResult>"
    "</DescribeChangeSetResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<DescribeChangeSetResponse><DescribeChangeSetResult><ChangeSetName>wharf-1</ChangeSetName>"
    "<Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus>"
    "<Changes><member><Type>Resource</Type><ResourceChange><Action>Modify</Action>"
    "<LogicalResourceId>Web</LogicalResourceId><PhysicalResourceId>svc</PhysicalResourceId>"
    "<ResourceType>AWS::ECS::Service</ResourceType><Replacement>True</Replacement>"
    "<Scope><member>Properties</member></Scope></ResourceChange></member></Changes>"
    "</DescribeChangeSetResult></DescribeChangeSetResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<ExecuteChangeSetResponse><ExecuteChangeSetResult/></ExecuteChangeSetResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<DeleteChangeSetResponse><DeleteChangeSetResult/></DeleteChangeSetResponse>", NULL);

  id = wharf_cfn_create_change_set (client, &input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "arn:changeSet/wharf-1/1");
  create = wharf_test_server_get_request (server, 0);
  type = wharf_test_request_form_value (create, "ChangeSetType");
  g_assert_cmpstr (type, ==, "CREATE");
  g_assert_nonnull (strstr (create->body, "&ClientToken=tok"));

  change_set = wharf_cfn_describe_change_set (client, id, "demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (change_set->execution_status, ==, "AVAILABLE");
  g_assert_cmpuint (change_set->changes->len, ==, 2);
  change = g_ptr_array_index (change_set->changes, 1);
  g_assert_cmpstr (change->action, ==, "Modify");
  g_assert_cmpstr (change->replacement, ==, "True");
  g_assert_cmpstrv (change->scope, ((const char *[]) { "Properties", NULL }));

  g_assert_true (wharf_cfn_execute_change_set (client, id, "demo", "tok2", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wharf_cfn_delete_change_set (client, id, "demo", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wharf_test_server_get_n_requests (server), ==, 5);
}

static void
test_templates (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(WharfCfnTemplateSummary) validated = NULL;
  g_autoptr(WharfCfnTemplateSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  WharfCfnTemplateParameter *parameter;

  wharf_test_server_push (server, 200, XML,
    "<ValidateTemplateResponse><ValidateTemplateResult><Description>d</Description>"
    "<Parameters><member><ParameterKey>Vpc</ParameterKey><NoEcho>false</NoEcho>"
    "<DefaultValue>vpc-1</DefaultValue></member></Parameters>"
    "<Capabilities><member>CAPABILITY_IAM</member></Capabilities>"
    "<CapabilitiesReason>IAM role</CapabilitiesReason></ValidateTemplateResult></ValidateTemplateResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<GetTemplateSummaryResponse><GetTemplateSummaryResult><ResourceTypes><member>AWS::ECS::Cluster</member>"
    "</ResourceTypes><Parameters><member><ParameterKey>Vpc</ParameterKey><ParameterType>AWS::EC2::VPC::Id</ParameterType>"
    "<NoEcho>true</NoEcho></member></Parameters></GetTemplateSummaryResult></GetTemplateSummaryResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<GetTemplateResponse><GetTemplateResult><TemplateBody>{\n  \"Resources\": {}\n}</TemplateBody>"
    "</GetTemplateResult></GetTemplateResponse>", NULL);

  validated = wharf_cfn_validate_template (client, "{}", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (validated->description, ==, "d");
  g_assert_cmpstr (validated->capabilities_reason, ==, "IAM role");
  g_assert_cmpuint (validated->parameters->len, ==, 1);
  parameter = g_ptr_array_index (validated->parameters, 0);
  g_assert_cmpstr (parameter->default_value, ==, "vpc-1");

  summary = wharf_cfn_get_template_summary (client, NULL, NULL, "demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (summary->resource_types, ((const char *[]) { "AWS::ECS::Cluster", NULL }));
  parameter = g_ptr_array_index (summary->parameters, 0);
  g_assert_true (parameter->no_echo);
  g_assert_cmpstr (parameter->type, ==, "AWS::EC2::VPC::Id");

  body = wharf_cfn_get_template (client, "demo", NULL, "Original", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (body, ==, "{\n  \"Resources\": {}\n}");
}

static void
test_resources_delete_cancel (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WharfTestRequest) delete = NULL;
  WharfCfnResourceSummary *summary;

  wharf_test_server_push (server, 200, XML,
    "<ListStackResourcesResponse><ListStackResourcesResult><StackResourceSummaries><member>"
    "<LogicalResourceId>Cluster</LogicalResourceId><PhysicalResourceId>demo-cluster</PhysicalResourceId>"
    "<ResourceType>AWS::ECS::Cluster</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus>"
    "<LastUpdatedTimestamp>2026-11-27T08:00:00Z</LastUpdatedTimestamp></member></StackResourceSummaries>"
    "<NextToken>r2</NextToken></ListStackResourcesResult></ListStackResourcesResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<ListStackResourcesResponse><ListStackResourcesResult><StackResourceSummaries><member>"
    "<LogicalResourceId>Web</LogicalResourceId><ResourceType>AWS::ECS::Service</ResourceType>"
    "<ResourceStatus>CREATE_FAILED</ResourceStatus><ResourceStatusReason>no</ResourceStatusReason>"
    "</member></StackResourceSummaries></ListStackResourcesResult></ListStackResourcesResponse>", NULL);
  wharf_test_server_push (server, 200, XML, "<DeleteStackResponse><ResponseMetadata><RequestId>x"
                          "</RequestId></ResponseMetadata></DeleteStackResponse>", NULL);
  wharf_test_server_push (server, 200, XML, "<CancelUpdateStackResponse/>", NULL);

  resources = wharf_cfn_list_stack_resources (client, "demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resources->len, ==, 2);
  summary = g_ptr_array_index (resources, 1);
  g_assert_cmpstr (summary->resource_status, ==, "CREATE_FAILED");
  g_assert_cmpstr (summary->resource_status_reason, ==, "no");
  g_assert_null (summary->physical_resource_id);

  g_assert_true (wharf_cfn_delete_stack (client, "demo", "tok-d", (const char *[]) { "Logs", NULL },
                                         NULL, &error));
  g_assert_no_error (error);
  delete = wharf_test_server_get_request (server, 2);
  g_assert_cmpstr (delete->body, ==, "Action=DeleteStack&Version=2010-05-15&StackName=demo"
                   "&RetainResources.member.1=Logs&ClientRequestToken=tok-d");
  g_assert_true (wharf_cfn_cancel_update_stack (client, "demo", NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_async_stack_and_change_set (void)
{
  g_autoptr(WharfTestServer) server = wharf_test_server_new ();
  g_autoptr(WharfAwsClient) client = wharf_test_client_new (server);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(WharfCfnStack) stack = NULL;
  g_autoptr(WharfCfnStack) none = NULL;
  g_autoptr(WharfCfnChangeSet) change_set = NULL;
  g_autoptr(GError) error = NULL;

  wharf_test_server_push (server, 200, XML,
    "<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>demo</StackName>"
    "<StackStatus>CREATE_IN_PROGRESS</StackStatus></member></Stacks></DescribeStacksResult></DescribeStacksResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<DescribeStacksResponse><DescribeStacksResult><Stacks/></DescribeStacksResult></DescribeStacksResponse>", NULL);
  wharf_test_server_push (server, 200, XML,
    "<DescribeChangeSetResponse><DescribeChangeSetResult><Status>FAILED</Status>"
    "<ExecutionStatus>UNAVAILABLE</ExecutionStatus><StatusReason>The submitted information didn't contain changes. "
    "Submit different information to create a change set.</StatusReason><Changes/></DescribeChangeSetResult>"
    "</DescribeChangeSetResponse>", NULL);

  wharf_cfn_describe_stack_async (client, "demo", NULL, on_done, &r1);
  while (r1 == NULL)
    g_main_context_iteration (NULL, TRUE);
  stack = wharf_cfn_describe_stack_finish (client, r1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stack->status, ==, "CREATE_IN_PROGRESS");
  g_assert_false (wharf_cfn_status_is_terminal (stack->status));

  wharf_cfn_describe_stack_async (client, "gone", NULL, on_done, &r2);
  while (r2 == NULL)
    g_main_context_iteration (NULL, TRUE);
  none = wharf_cfn_describe_stack_finish (client, r2, &error);
  g_assert_null (none);
  g_assert_true (wharf_cfn_error_is_stack_missing (error));
  g_clear_error (&error);

  wharf_cfn_describe_change_set_async (client, "cs", "demo", NULL, on_done, &r3);
  while (r3 == NULL)
    g_main_context_iteration (NULL, TRUE);
  change_set = wharf_cfn_describe_change_set_finish (client, r3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (change_set->status, ==, "FAILED");
  g_assert_cmpuint (change_set->changes->len, ==, 0);
  g_assert_nonnull (strstr (change_set->status_reason, "didn't contain changes"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/cloudformation/events/all-pages", test_events_all_pages);
  g_test_add_func ("/aws/cloudformation/events/new-only", test_new_events_stop_at_last_seen);
  g_test_add_func ("/aws/cloudformation/events/none-new", test_new_events_none_new);
  g_test_add_func ("/aws/cloudformation/events/async-throttled-page", test_new_events_async_throttled_page);
  g_test_add_func ("/aws/cloudformation/events/loop-guard", test_paging_loop_guard);
  g_test_add_func ("/aws/cloudformation/create-stack", test_create_stack_request);
  g_test_add_func ("/aws/cloudformation/update-no-updates", test_update_no_updates);
  g_test_add_func ("/aws/cloudformation/describe-stacks", test_describe_stacks);
  g_test_add_func ("/aws/cloudformation/change-set", test_change_set);
  g_test_add_func ("/aws/cloudformation/templates", test_templates);
  g_test_add_func ("/aws/cloudformation/resources-delete-cancel", test_resources_delete_cancel);
  g_test_add_func ("/aws/cloudformation/async-stack-and-change-set", test_async_stack_and_change_set);

  return g_test_run ();
}
