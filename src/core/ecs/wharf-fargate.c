/* wharf-fargate.c: Fargate task sizes (reference/aws.md §6.3), G4 GPU
 * instance types, and the size/duration syntaxes of Compose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wharf-fargate.h"

typedef struct {
  guint cpu;
  guint mem_min;
  guint mem_max;
  guint mem_step;
  const guint *mem_list;   /* explicit list (256 CPU units), 0-terminated */
} FargateRow;

static const guint mem_256[] = { 512, 1024, 2048, 0 };

/* Fixed against Docker's table: 8 and 16 vCPU rows, compared in CPU units. */
static const FargateRow fargate_rows[] = {
  { 256, 0, 0, 0, mem_256 },
  { 512, 1024, 4096, 1024, NULL },
  { 1024, 2048, 8192, 1024, NULL },
  { 2048, 4096, 16384, 1024, NULL },
  { 4096, 8192, 30720, 1024, NULL },
  { 8192, 16384, 61440, 4096, NULL },
  { 16384, 32768, 122880, 8192, NULL },
};

static gboolean
row_find_memory (const FargateRow *row,
                 guint64           memory_mib,
                 guint            *out_memory)
{
  if (row->mem_list != NULL)
    {
      for (guint i = 0; row->mem_list[i] != 0; i++)
        if (row->mem_list[i] >= memory_mib)
          {
            *out_memory = row->mem_list[i];
            return TRUE;
          }
      return FALSE;
    }
  for (guint m = row->mem_min; m <= row->mem_max; m += row->mem_step)
    if (m >= memory_mib)
      {
        *out_memory = m;
        return TRUE;
      }
  return FALSE;
}

gboolean
wharf_fargate_find_size (guint64  cpu_units,
                         guint64  memory_mib,
                         guint   *out_cpu,
                         guint   *out_memory)
{
  for (guint i = 0; i < G_N_ELEMENTS (fargate_rows); i++)
    {
      const FargateRow *row = &fargate_rows[i];
      guint memory;

      if (row->cpu < cpu_units)
        continue;
      if (row_find_memory (row, memory_mib, &memory))
        {
          *out_cpu = row->cpu;
          *out_memory = memory;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
wharf_fargate_is_valid_size (guint cpu,
                             guint memory)
{
  for (guint i = 0; i < G_N_ELEMENTS (fargate_rows); i++)
    {
      const FargateRow *row = &fargate_rows[i];
      guint found;

      if (row->cpu == cpu)
        return row_find_memory (row, memory, &found) && found == memory;
    }
  return FALSE;
}

typedef struct {
  const char *name;
  guint       cpus;
  guint       memory_gib;
  guint       gpus;
} GpuInstance;

static const GpuInstance gpu_instances[] = {
  { "g4dn.xlarge", 4, 16, 1 },
  { "g4dn.2xlarge", 8, 32, 1 },
  { "g4dn.4xlarge", 16, 64, 1 },
  { "g4dn.8xlarge", 32, 128, 1 },
  { "g4dn.12xlarge", 48, 192, 4 },
  { "g4dn.16xlarge", 64, 256, 1 },
  { "g4dn.metal", 96, 384, 8 },
};

const char *
wharf_gpu_guess_instance_type (guint64 memory_mib,
                               double  cpus,
                               guint   gpus)
{
  for (guint i = 0; i < G_N_ELEMENTS (gpu_instances); i++)
    {
      const GpuInstance *t = &gpu_instances[i];

      if ((guint64) t->memory_gib * 1024 > memory_mib && t->cpus >= cpus && t->gpus >= gpus)
        return t->name;
    }
  return NULL;
}

gboolean
wharf_parse_byte_size (const char *text,
                       guint64    *out_bytes)
{
  g_autofree char *unit = NULL;
  char *end = NULL;
  double value;
  double factor = 1;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (!g_ascii_isdigit (*text) && *text != '.')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (value) || value < 0)
    return FALSE;
  unit = g_ascii_strdown (end, -1);
  g_strstrip (unit);
  if (*unit == '\0' || g_str_equal (unit, "b"))
    factor = 1;
  else if (g_str_equal (unit, "k") || g_str_equal (unit, "kb") || g_str_equal (unit, "kib"))
    factor = 1024.0;
  else if (g_str_equal (unit, "m") || g_str_equal (unit, "mb") || g_str_equal (unit, "mib"))
    factor = 1024.0 * 1024;
  else if (g_str_equal (unit, "g") || g_str_equal (unit, "gb") || g_str_equal (unit, "gib"))
    factor = 1024.0 * 1024 * 1024;
  else if (g_str_equal (unit, "t") || g_str_equal (unit, "tb") || g_str_equal (unit, "tib"))
    factor = 1024.0 * 1024 * 1024 * 1024;
  else
    return FALSE;
  value *= factor;
  if (value > 9.0e18)
    return FALSE;
  *out_bytes = (guint64) value;
  return TRUE;
}

gboolean
wharf_parse_duration (const char *text,
                      double     *out_seconds)
{
  const char *p = text;
  double total = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  /* A bare number is seconds (as docker-compose 1.x accepted). */
  if (strspn (text, "0123456789.") == strlen (text))
    {
      *out_seconds = g_ascii_strtod (text, NULL);
      return TRUE;
    }
  while (*p != '\0')
    {
      char *end = NULL;
      double value = g_ascii_strtod (p, &end);
      double unit;

      if (end == p || value < 0 || !isfinite (value))
        return FALSE;
      p = end;
      if (g_str_has_prefix (p, "ms"))
        unit = 0.001, p += 2;
      else if (g_str_has_prefix (p, "us") || g_str_has_prefix (p, "µs"))
        unit = 0.000001, p += g_str_has_prefix (p, "us") ? 2 : strlen ("µs");
      else if (g_str_has_prefix (p, "ns"))
        unit = 0.000000001, p += 2;
      else if (*p == 'h')
        unit = 3600, p++;
      else if (*p == 'm')
        unit = 60, p++;
      else if (*p == 's')
        unit = 1, p++;
      else
        return FALSE;
      total += value * unit;
    }
  *out_seconds = total;
  return TRUE;
}
