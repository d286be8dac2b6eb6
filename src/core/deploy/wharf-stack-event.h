/* wharf-stack-event.h: one CloudFormation stack event as a GObject (for
 * GListModel timelines), and the tracker that keeps only new events and
 * the state of every resource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wharf-aws-cloudformation.h"

G_BEGIN_DECLS

#define WHARF_TYPE_STACK_EVENT (wharf_stack_event_get_type ())
G_DECLARE_FINAL_TYPE (WharfStackEvent, wharf_stack_event, WHARF, STACK_EVENT, GObject)

WharfStackEvent *wharf_stack_event_new               (const WharfCfnStackEvent *event);

const char      *wharf_stack_event_get_event_id      (WharfStackEvent *self);
GDateTime       *wharf_stack_event_get_timestamp     (WharfStackEvent *self);
const char      *wharf_stack_event_get_logical_id    (WharfStackEvent *self);
const char      *wharf_stack_event_get_resource_type (WharfStackEvent *self);
const char      *wharf_stack_event_get_status        (WharfStackEvent *self);
const char      *wharf_stack_event_get_reason        (WharfStackEvent *self);
const char      *wharf_stack_event_get_physical_id   (WharfStackEvent *self);
/* Time since the resource's operation started (its first IN_PROGRESS
 * event seen), in microseconds; -1 when unknown. */
GTimeSpan        wharf_stack_event_get_duration      (WharfStackEvent *self);
void             wharf_stack_event_set_duration      (WharfStackEvent *self,
                                                      GTimeSpan        duration);
/* TRUE for the stack's own events (type AWS::CloudFormation::Stack). */
gboolean         wharf_stack_event_is_stack          (WharfStackEvent *self);
gboolean         wharf_stack_event_is_failed         (WharfStackEvent *self);
/* TRUE for statuses …_COMPLETE and DELETE_SKIPPED. */
gboolean         wharf_stack_event_is_complete       (WharfStackEvent *self);
/* "CREATE_IN_PROGRESS" → "CreateInProgress". */
char            *wharf_stack_status_to_camel         (const char      *status);

/* The tracker: which events were seen, when each resource started. */
typedef struct _WharfStackEventTracker WharfStackEventTracker;

WharfStackEventTracker *wharf_stack_event_tracker_new      (void);
void                    wharf_stack_event_tracker_free     (WharfStackEventTracker *tracker);
/* Forgets nothing, but marks every event of BASELINE (events that were
 * there before the operation, WharfCfnStackEvent*) as seen. */
void                    wharf_stack_event_tracker_mark_seen (WharfStackEventTracker *tracker,
                                                             GPtrArray              *baseline);
/* Appends the events of EVENTS (WharfCfnStackEvent*, oldest first) not
 * seen yet to STORE (of WharfStackEvent), with their durations; returns
 * how many were added. */
guint                   wharf_stack_event_tracker_add      (WharfStackEventTracker *tracker,
                                                            GListStore             *store,
                                                            GPtrArray              *events);
/* The newest event id added or marked seen (for polling), or NULL. */
const char             *wharf_stack_event_tracker_get_last_id (WharfStackEventTracker *tracker);
/* Resources (not the stack) whose last status is complete, and all
 * resources seen. */
guint                   wharf_stack_event_tracker_count_done  (WharfStackEventTracker *tracker);
guint                   wharf_stack_event_tracker_count_seen  (WharfStackEventTracker *tracker);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WharfStackEventTracker, wharf_stack_event_tracker_free)

G_END_DECLS
