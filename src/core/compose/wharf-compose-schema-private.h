/* wharf-compose-schema-private.h: the schema table shared by the validator
 * (wharf-compose-schema.c) and its data (wharf-compose-schema-table.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "wharf-node.h"

G_BEGIN_DECLS

typedef enum {
  WHARF_SCHEMA_ANY,          /* anything */
  WHARF_SCHEMA_STRING,       /* a string (numbers accepted) */
  WHARF_SCHEMA_SCALAR,       /* string, number or boolean */
  WHARF_SCHEMA_STRING_OR_NUMBER,
  WHARF_SCHEMA_INTEGER,      /* integer, or a string that parses as one */
  WHARF_SCHEMA_NUMBER,
  WHARF_SCHEMA_BOOLEAN,
  WHARF_SCHEMA_DURATION,     /* Go duration: "1m30s" */
  WHARF_SCHEMA_BYTES,        /* integer or "1.5g" */
  WHARF_SCHEMA_PORT,         /* port number or range: 80, "8000-8010" */
  WHARF_SCHEMA_ENUM,         /* one of VALUES */
  WHARF_SCHEMA_RESTART,      /* no, always, on-failure[:N], unless-stopped */
  WHARF_SCHEMA_PULL_POLICY,
  WHARF_SCHEMA_OBSOLETE,     /* any scalar, with a warning */
  WHARF_SCHEMA_OBJECT,       /* PROPS, KEYS for the other keys */
  WHARF_SCHEMA_ARRAY,        /* of ITEM */
  WHARF_SCHEMA_ONE_OF,       /* ALTERNATIVES, told apart by node kind */
} WharfSchemaKind;

typedef enum {
  WHARF_SCHEMA_NULLABLE   = 1 << 0,  /* null is accepted */
  WHARF_SCHEMA_EXTENSIONS = 1 << 1,  /* object: x- keys are accepted */
  WHARF_SCHEMA_UNIQUE     = 1 << 2,  /* array: scalar items are unique */
  WHARF_SCHEMA_RANGE      = 1 << 3,  /* integer: MIN ≤ value ≤ MAX */
} WharfSchemaFlags;

/* Keys of an object that are not among its PROPS. */
typedef enum {
  WHARF_SCHEMA_KEYS_NONE,    /* additionalProperties: false */
  WHARF_SCHEMA_KEYS_NAME,    /* ^[a-zA-Z0-9._-]+$ → ITEM */
  WHARF_SCHEMA_KEYS_ANY,     /* .+ → ITEM */
  WHARF_SCHEMA_KEYS_LOWER,   /* ^[a-z]+$ → ITEM */
} WharfSchemaKeys;

typedef struct _WharfSchemaRule WharfSchemaRule;

typedef struct {
  const char            *name;
  const WharfSchemaRule *rule;
} WharfSchemaProp;

struct _WharfSchemaRule
{
  guint8                         kind;      /* WharfSchemaKind */
  guint8                         flags;     /* WharfSchemaFlags */
  guint8                         keys;      /* WharfSchemaKeys */
  guint                          n_props;
  const WharfSchemaProp         *props;     /* sorted by name (strcmp) */
  const WharfSchemaRule         *item;      /* array items, object pattern values */
  const WharfSchemaRule * const *alternatives; /* NULL-terminated */
  const char * const            *values;    /* enum values, or required keys */
  gint64                         min;
  gint64                         max;
};

/* The top level of a Compose file. */
extern const WharfSchemaRule wharf_compose_schema_root;

/* Checks that every object's properties are sorted (the validator looks
 * them up with a binary search); on failure names the first offender. */
gboolean wharf_compose_schema_check_table (char **offender);

/* Checks scalar NODE against RULE (a scalar rule). FALSE when it does not
 * fit, with MESSAGE set to what is wrong, or left NULL when the node simply
 * has the wrong type (the caller words that from the rule). */
gboolean wharf_compose_schema_check_scalar (const WharfSchemaRule  *rule,
                                            const WharfNode        *node,
                                            char                  **message);

/* TRUE when TEXT holds a variable reference ("${X}", "$X"). */
gboolean wharf_compose_schema_has_variable (const char *text);

G_END_DECLS
