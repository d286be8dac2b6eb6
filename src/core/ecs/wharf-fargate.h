/* wharf-fargate.h: Fargate task sizes and EC2 GPU instance types.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The smallest valid Fargate size with at least CPU_UNITS (1 vCPU = 1024)
 * and MEMORY_MIB (0: not requested). FALSE when none fits. */
gboolean     wharf_fargate_find_size       (guint64      cpu_units,
                                            guint64      memory_mib,
                                            guint       *out_cpu,
                                            guint       *out_memory);
/* TRUE when CPU/MEMORY is one of the Fargate combinations. */
gboolean     wharf_fargate_is_valid_size   (guint        cpu,
                                            guint        memory);

/* The first G4 instance type with memory strictly above MEMORY_MIB, at
 * least CPUS vCPUs and GPUS GPUs; NULL when none. */
const char  *wharf_gpu_guess_instance_type (guint64      memory_mib,
                                            double       cpus,
                                            guint        gpus);

/* Byte sizes as Compose writes them ("2048M", "792Mb", "1.5g", 1024).
 * FALSE on a malformed value. */
gboolean     wharf_parse_byte_size         (const char  *text,
                                            guint64     *out_bytes);
/* Go-style durations as compose-go prints them ("1m30s", "500ms", "10s").
 * FALSE on a malformed value. */
gboolean     wharf_parse_duration          (const char  *text,
                                            double      *out_seconds);

G_END_DECLS
