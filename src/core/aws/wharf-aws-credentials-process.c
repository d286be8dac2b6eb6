/* wharf-aws-credentials-process.c: credential_process (reference/aws.md
 * §4.6): run the command without a shell, read its Version 1 JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wharf-aws-credentials-private.h"
#include "wharf-aws-json.h"

/* Process output can hold secrets: error messages never quote stdout. */
static WharfAwsCredentials *
process_error (GError    **error,
               const char *profile,
               const char *reason)
{
  g_set_error (error, WHARF_AWS_ERROR, WHARF_AWS_ERROR_CREDENTIAL_PROCESS,
               _("credential_process of profile “%s”: %s"), profile, reason);
  return NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

WharfAwsCredentials *
wharf_aws_credentials_parse_process_output (const char *json,
                                            gsize       length,
                                            const char *profile,
                                            GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) expires = NULL;
  JsonObject *object;
  JsonNode *version;
  const char *akid, *secret, *token, *expiration;
  g_autoptr(GError) shape_error = NULL;

  if (!wharf_json_check_shape (json, MIN (length, G_MAXSSIZE), &shape_error))
    return process_error (error, profile,
                          g_error_matches (shape_error, WHARF_JSON_ERROR, WHARF_JSON_ERROR_TOO_DEEP)
                          ? _("the output is not a JSON object: it is nested too deeply")
                          : _("the output is not a JSON object: it holds more than one value"));
  if (!json_parser_load_from_data (parser, json, length, NULL) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return process_error (error, profile, _("the output is not a JSON object"));
  object = json_node_get_object (json_parser_get_root (parser));

  version = json_object_get_member (object, "Version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) != 1)
    return process_error (error, profile, _("the output must have \"Version\": 1"));

  akid = string_member (object, "AccessKeyId");
  secret = string_member (object, "SecretAccessKey");
  if (akid == NULL || *akid == '\0' || secret == NULL || *secret == '\0')
    return process_error (error, profile,
                          _("the output must have string members AccessKeyId and SecretAccessKey"));
  token = string_member (object, "SessionToken");
  if (json_object_has_member (object, "SessionToken") && token == NULL &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "SessionToken")))
    return process_error (error, profile, _("SessionToken must be a string"));
  expiration = string_member (object, "Expiration");
  if (json_object_has_member (object, "Expiration") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "Expiration")))
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      if (expiration != NULL)
        expires = g_date_time_new_from_iso8601 (expiration, utc);
      if (expires == NULL)
        return process_error (error, profile,
                              _("Expiration must be an ISO 8601 time such as 2026-11-27T12:00:00Z"));
    }
  return wharf_aws_credentials_new (akid, secret, token, expires, "credential_process");
}

WharfAwsCredentials *
wharf_aws_credentials_from_process (const char         *command,
                                    const char * const *envp,
                                    const char         *profile,
                                    GCancellable       *cancellable,
                                    GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) argv = NULL;
  const char *data;
  gsize length;

  if (!g_shell_parse_argv (command, NULL, &argv, &local_error))
    return process_error (error, profile, local_error->message);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (envp != NULL)
    g_subprocess_launcher_set_environ (launcher, (char **) envp);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &local_error);
  if (process == NULL)
    return process_error (error, profile, local_error->message);
  if (!g_subprocess_communicate (process, NULL, cancellable, &out, &err, &local_error))
    {
      g_subprocess_force_exit (process);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return process_error (error, profile, local_error->message);
    }

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_autofree char *stderr_text = NULL;
      g_autofree char *reason = NULL;

      data = g_bytes_get_data (err, &length);
      stderr_text = g_utf8_make_valid (data != NULL ? data : "", MIN (length, 2000));
      g_strstrip (stderr_text);
      if (g_subprocess_get_if_exited (process))
        reason = g_strdup_printf (_("%s exited with status %d%s%s"), argv[0],
                                  g_subprocess_get_exit_status (process),
                                  *stderr_text != '\0' ? ": " : "", stderr_text);
      else
        reason = g_strdup_printf (_("%s was killed by signal %d"), argv[0],
                                  g_subprocess_get_term_sig (process));
      return process_error (error, profile, reason);
    }

  data = g_bytes_get_data (out, &length);
  return wharf_aws_credentials_parse_process_output (data != NULL ? data : "", length, profile, error);
}
