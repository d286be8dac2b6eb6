/* wharf-diagnostic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wharf-diagnostic.h"

struct _WharfDiagnostic
{
  GObject        parent_instance;
  WharfSeverity  severity;
  const char    *file;     /* interned */
  guint          line;
  guint          column;
  char          *path;
  char          *message;
};

G_DEFINE_FINAL_TYPE (WharfDiagnostic, wharf_diagnostic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEVERITY,
  PROP_FILE,
  PROP_LINE,
  PROP_COLUMN,
  PROP_PATH,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wharf_diagnostic_finalize (GObject *object)
{
  WharfDiagnostic *self = WHARF_DIAGNOSTIC (object);

  g_free (self->path);
  g_free (self->message);
  G_OBJECT_CLASS (wharf_diagnostic_parent_class)->finalize (object);
}

static void
wharf_diagnostic_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WharfDiagnostic *self = WHARF_DIAGNOSTIC (object);

  switch (prop_id)
    {
    case PROP_SEVERITY:
      g_value_set_int (value, self->severity);
      break;
    case PROP_FILE:
      g_value_set_string (value, self->file);
      break;
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case PROP_COLUMN:
      g_value_set_uint (value, self->column);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wharf_diagnostic_class_init (WharfDiagnosticClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wharf_diagnostic_finalize;
  object_class->get_property = wharf_diagnostic_get_property;

  properties[PROP_SEVERITY] =
    g_param_spec_int ("severity", NULL, NULL,
                      WHARF_SEVERITY_INFO, WHARF_SEVERITY_ERROR, WHARF_SEVERITY_ERROR,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_string ("file", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE] =
    g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN] =
    g_param_spec_uint ("column", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wharf_diagnostic_init (WharfDiagnostic *self)
{
}

WharfDiagnostic *
wharf_diagnostic_new (WharfSeverity  severity,
                      const char    *file,
                      guint          line,
                      guint          column,
                      const char    *path,
                      const char    *message)
{
  WharfDiagnostic *self = g_object_new (WHARF_TYPE_DIAGNOSTIC, NULL);

  self->severity = severity;
  self->file = file ? g_intern_string (file) : NULL;
  self->line = line;
  self->column = column;
  self->path = g_strdup (path);
  self->message = g_strdup (message);
  return self;
}

WharfDiagnostic *
wharf_diagnostic_new_at (WharfSeverity    severity,
                         const WharfNode *node,
                         const char      *path,
                         const char      *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return wharf_diagnostic_new (severity,
                               node ? wharf_node_get_file (node) : NULL,
                               node ? wharf_node_get_line (node) : 0,
                               node ? wharf_node_get_column (node) : 0,
                               path, message);
}

WharfSeverity
wharf_diagnostic_get_severity (WharfDiagnostic *self)
{
  g_return_val_if_fail (WHARF_IS_DIAGNOSTIC (self), WHARF_SEVERITY_ERROR);
  return self->severity;
}

const char *
wharf_diagnostic_get_file (WharfDiagnostic *self)
{
  g_return_val_if_fail (WHARF_IS_DIAGNOSTIC (self), NULL);
  return self->file;
}

guint
wharf_diagnostic_get_line (WharfDiagnostic *self)
{
  g_return_val_if_fail (WHARF_IS_DIAGNOSTIC (self), 0);
  return self->line;
}

guint
wharf_diagnostic_get_column (WharfDiagnostic *self)
{
  g_return_val_if_fail (WHARF_IS_DIAGNOSTIC (self), 0);
  return self->column;
}

const char *
wharf_diagnostic_get_path (WharfDiagnostic *self)
{
  g_return_val_if_fail (WHARF_IS_DIAGNOSTIC (self), NULL);
  return self->path;
}

const char *
wharf_diagnostic_get_message (WharfDiagnostic *self)
{
  g_return_val_if_fail (WHARF_IS_DIAGNOSTIC (self), NULL);
  return self->message;
}

const char *
wharf_severity_to_string (WharfSeverity severity)
{
  switch (severity)
    {
    case WHARF_SEVERITY_INFO:
      return "info";
    case WHARF_SEVERITY_WARNING:
      return "warning";
    case WHARF_SEVERITY_ERROR:
    default:
      return "error";
    }
}

char *
wharf_diagnostic_format (WharfDiagnostic *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (WHARF_IS_DIAGNOSTIC (self), NULL);

  if (self->file != NULL)
    {
      g_string_append (out, self->file);
      if (self->line > 0)
        g_string_append_printf (out, ":%u:%u", self->line, self->column);
      g_string_append (out, ": ");
    }
  g_string_append_printf (out, "%s: ", wharf_severity_to_string (self->severity));
  if (self->path != NULL && *self->path != '\0')
    g_string_append_printf (out, "%s: ", self->path);
  g_string_append (out, self->message);
  return g_string_free (out, FALSE);
}

guint
wharf_diagnostics_count (GListModel    *diagnostics,
                         WharfSeverity  severity)
{
  guint n = g_list_model_get_n_items (diagnostics);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WharfDiagnostic) d = g_list_model_get_item (diagnostics, i);
      if (d->severity == severity)
        count++;
    }
  return count;
}

gboolean
wharf_diagnostics_has_errors (GListModel *diagnostics)
{
  return wharf_diagnostics_count (diagnostics, WHARF_SEVERITY_ERROR) > 0;
}
