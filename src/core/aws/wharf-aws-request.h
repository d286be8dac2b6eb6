/* wharf-aws-request.h: what the HTTP client sends and receives, independent
 * of the transport: the client error domain, the service table (protocol,
 * signing name, API version), ordered request parameters (Query form bodies
 * and REST query strings), requests and parsed responses.
 *
 * Everything here is pure (no I/O), so the decoders can be tested and
 * fuzzed on bytes alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "wharf-aws-xml.h"

G_BEGIN_DECLS

/* Errors of the client layer. The configuration, credential and signing
 * layer has its own domain, WHARF_AWS_ERROR (wharf-aws-error.h); its errors
 * are passed through unchanged. Cancellation is G_IO_ERROR_CANCELLED, as
 * everywhere in GIO. */
#define WHARF_AWS_CLIENT_ERROR (wharf_aws_client_error_quark ())

typedef enum {
  /* AWS answered with an error: the message is "CODE: message", the AWS
   * code is wharf_aws_client_error_get_code(). */
  WHARF_AWS_CLIENT_ERROR_SERVICE,
  /* AWS answered with a throttling error (on the last attempt). */
  WHARF_AWS_CLIENT_ERROR_THROTTLED,
  /* The connection failed, was reset or timed out on every attempt. */
  WHARF_AWS_CLIENT_ERROR_NETWORK,
  /* The response body or content type is not what the protocol says. */
  WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE,
  /* Plain http to a host that is not loopback, or an unusable URL. */
  WHARF_AWS_CLIENT_ERROR_INSECURE_ENDPOINT,
  /* A typed call was given an unusable argument. */
  WHARF_AWS_CLIENT_ERROR_INVALID_ARGUMENT,
} WharfAwsClientError;

GQuark      wharf_aws_client_error_quark          (void);

/* Sets an error of WHARF_AWS_CLIENT_ERROR that also carries the AWS error
 * code (may be NULL), the request id (may be NULL) and the HTTP status
 * (0 when there was no response). */
void        wharf_aws_client_set_error            (GError      **error,
                                                   WharfAwsClientError code,
                                                   guint         http_status,
                                                   const char   *aws_code,
                                                   const char   *request_id,
                                                   const char   *message);
/* The AWS error code ("ValidationError", "ThrottlingException", …) of an
 * error from this layer, NULL for other errors. */
const char *wharf_aws_client_error_get_code       (const GError *error);
const char *wharf_aws_client_error_get_request_id (const GError *error);
guint       wharf_aws_client_error_get_status     (const GError *error);
/* TRUE when ERROR is from this layer and carries AWS code AWS_CODE. */
gboolean    wharf_aws_client_error_has_code       (const GError *error,
                                                   const char   *aws_code);

typedef enum {
  WHARF_AWS_PROTOCOL_QUERY,
  WHARF_AWS_PROTOCOL_EC2,
  WHARF_AWS_PROTOCOL_JSON,
  WHARF_AWS_PROTOCOL_REST_JSON,
  WHARF_AWS_PROTOCOL_REST_XML,
} WharfAwsProtocol;

typedef enum {
  WHARF_AWS_SERVICE_CLOUDFORMATION,
  WHARF_AWS_SERVICE_ECS,
  WHARF_AWS_SERVICE_LOGS,
  WHARF_AWS_SERVICE_SECRETS_MANAGER,
  WHARF_AWS_SERVICE_EFS,
  WHARF_AWS_SERVICE_EC2,
  WHARF_AWS_SERVICE_ELBV2,
  WHARF_AWS_SERVICE_AUTOSCALING,
  WHARF_AWS_SERVICE_STS,
  WHARF_AWS_SERVICE_SSM,
  WHARF_AWS_SERVICE_S3,
  WHARF_AWS_SERVICE_SSO,
  WHARF_AWS_N_SERVICES,
} WharfAwsServiceKind;

typedef struct {
  WharfAwsServiceKind  kind;
  const char          *name;            /* botocore client name: "elbv2" */
  const char          *service_id;      /* model serviceId: "Elastic Load Balancing v2" */
  const char          *endpoint_prefix; /* "elasticloadbalancing" */
  const char          *signing_name;    /* credential scope service */
  WharfAwsProtocol     protocol;
  const char          *api_version;     /* Query/EC2 "Version" */
  const char          *target_prefix;   /* JSON 1.1 X-Amz-Target prefix */
} WharfAwsService;

const WharfAwsService *wharf_aws_service_get    (WharfAwsServiceKind kind);
/* By botocore client name ("cloudformation", "logs", "elbv2", …). */
const WharfAwsService *wharf_aws_service_from_name (const char         *name);

/* An ordered list of name=value parameters. */
typedef struct _WharfAwsParams WharfAwsParams;

WharfAwsParams *wharf_aws_params_new        (void);
void            wharf_aws_params_free       (WharfAwsParams *params);
void            wharf_aws_params_add        (WharfAwsParams *params,
                                             const char     *name,
                                             const char     *value);
void            wharf_aws_params_add_int    (WharfAwsParams *params,
                                             const char     *name,
                                             gint64          value);
void            wharf_aws_params_add_bool   (WharfAwsParams *params,
                                             const char     *name,
                                             gboolean        value);
/* PREFIX.1=a&PREFIX.2=b… ("Capabilities.member" for Query lists,
 * "VpcId" for EC2's flattened lists). Nothing for an empty list. */
void            wharf_aws_params_add_list   (WharfAwsParams *params,
                                             const char     *prefix,
                                             const char * const *values);
guint           wharf_aws_params_get_length (const WharfAwsParams *params);
/* The first value of NAME, or NULL. */
const char     *wharf_aws_params_lookup     (const WharfAwsParams *params,
                                             const char           *name);
/* "a=1&b=x%20y", every name and value SigV4-encoded, in insertion order. */
char           *wharf_aws_params_encode     (const WharfAwsParams *params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfAwsParams, wharf_aws_params_free)

typedef struct {
  const WharfAwsService *service;
  char                  *operation;     /* "DescribeStacks" */
  char                  *method;        /* "POST" */
  char                  *path;          /* already percent-encoded */
  WharfAwsParams        *query;         /* URL query, may be empty */
  GBytes                *body;          /* NULL: no body */
  char                  *content_type;  /* NULL: none */
  GPtrArray             *headers;       /* extra headers, name then value */
  gboolean               unsigned_request; /* SSO GetRoleCredentials: no SigV4 */
} WharfAwsRequest;

/* Query and EC2 protocols: POST / with "Action=OP&Version=V&PARAMS".
 * PARAMS may be NULL. */
WharfAwsRequest *wharf_aws_request_new_query (WharfAwsServiceKind  kind,
                                              const char          *operation,
                                              const WharfAwsParams *params);
/* JSON 1.1: POST / with X-Amz-Target; BODY may be NULL ("{}"). */
WharfAwsRequest *wharf_aws_request_new_json  (WharfAwsServiceKind  kind,
                                              const char          *operation,
                                              JsonNode            *body);
/* rest-json / rest-xml: METHOD PATH (already encoded), no body. */
WharfAwsRequest *wharf_aws_request_new_rest  (WharfAwsServiceKind  kind,
                                              const char          *operation,
                                              const char          *method,
                                              const char          *path);
void             wharf_aws_request_set_body  (WharfAwsRequest     *request,
                                              const char          *content_type,
                                              GBytes              *body);
void             wharf_aws_request_add_header (WharfAwsRequest    *request,
                                              const char          *name,
                                              const char          *value);
void             wharf_aws_request_free      (WharfAwsRequest     *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfAwsRequest, wharf_aws_request_free)

/* A successful response, its body parsed for the protocol: XML protocols
 * fill XML (NULL for an empty body), JSON protocols fill JSON (NULL for an
 * empty body). */
typedef struct {
  guint               status;
  char               *request_id;
  SoupMessageHeaders *headers;
  GBytes             *body;
  WharfAwsXmlNode    *xml;
  JsonNode           *json;
  guint               attempts;
} WharfAwsResponse;

/* Parses an HTTP answer for PROTOCOL. 2xx: the response, or
 * WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE when the body is not valid for
 * the protocol or its content type is wrong. Otherwise NULL and an error
 * carrying the AWS code and message: THROTTLED for throttling codes and
 * HTTP 429, SERVICE for the rest (an unparsable error body gives the HTTP
 * status as code). HEADERS may be NULL. */
WharfAwsResponse *wharf_aws_response_parse (WharfAwsProtocol    protocol,
                                            guint               status,
                                            SoupMessageHeaders *headers,
                                            GBytes             *body,
                                            GError            **error);
void              wharf_aws_response_free  (WharfAwsResponse   *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfAwsResponse, wharf_aws_response_free)

/* Query protocol: the <OPERATION>Result element of the response (an empty
 * element is fine). WHARF_AWS_CLIENT_ERROR_MALFORMED_RESPONSE when absent. */
WharfAwsXmlNode  *wharf_aws_response_query_result (WharfAwsResponse  *response,
                                                   const char        *operation,
                                                   GError           **error);
/* XML protocols: the root element (EC2, S3), or MALFORMED_RESPONSE. */
WharfAwsXmlNode  *wharf_aws_response_xml_root     (WharfAwsResponse  *response,
                                                   GError           **error);
/* JSON protocols: the root object, or MALFORMED_RESPONSE. */
JsonObject       *wharf_aws_response_json_object  (WharfAwsResponse  *response,
                                                   GError           **error);

/* For debug logs: VALUE, or "<redacted>" when header NAME carries a secret
 * (Authorization, X-Amz-Security-Token, …). */
const char *wharf_aws_redact_header (const char *name,
                                     const char *value);
/* For debug logs: a copy of a form body or query string with the values of
 * secret-bearing parameters (SecretString, SessionToken, …) replaced. */
char       *wharf_aws_redact_params (const char *encoded);
/* TRUE when a parameter or JSON member called NAME carries a secret. */
gboolean    wharf_aws_is_secret_name (const char *name,
                                      gsize       length);
/* For debug logs: a copy of a JSON body with secret-bearing members
 * (SecretString, SecretAccessKey, SessionToken, …) replaced. */
char       *wharf_aws_redact_json   (const char *text,
                                     gsize       length);

G_END_DECLS
