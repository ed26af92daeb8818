/**
 * Which timers a commit arms and disarms (pure, no I/O): XState's delayed events as its
 * `transition()` planned them, and the stage reminders of the stages entered, left, or
 * whose date field changed. The record's current timer documents say exactly which
 * instance each cancellation disarms.
 *
 * Reminder rules (docs/scheduler.md): a reminder belongs to its stage and to the stages
 * inside it; it is armed when that stage is entered and disarmed when it is left.
 * `after` alone: that long after entering. `field`: at the field's date (a calendar date
 * begins at midnight in the business time zone), moved by `before` or `after`; re-armed
 * when the field changes, disarmed when it is cleared; not armed when that moment has
 * already passed.
 */
import type { ReminderDecl } from '../../definitions/definition.js';
import type { RecordData } from '../../plugins/contract.js';
import { instantOf } from './calendar.js';
import type { CompiledDefinition } from './compiled-definition.js';
import { durationMs } from './duration.js';
import { readField } from './field-path.js';
import type { TimerOp } from './plan-transition.js';
import type { TimerChange, TimerDoc } from './record.js';

export interface TimerPlanInput {
  compiled: CompiledDefinition;
  /** The record after the commit. */
  record: { id: string; entity: string; version: number; stage: string; data: RecordData };
  /** The record before it; undefined for a creation. */
  previous?: { stage: string; data: RecordData };
  /** XState's timer operations of this step, in order. */
  xstate: TimerOp[];
  /** The record's timer documents before the commit. */
  existing: TimerDoc[];
  now: Date;
  timeZone: string;
}

/** A stage and every stage that contains it, for each active leaf ("a.b,c" → a, a.b, c). */
export function activeStages(stage: string): Set<string> {
  const out = new Set<string>();
  if (stage === '') return out;
  for (const leaf of stage.split(',')) {
    const parts = leaf.split('.');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  }
  return out;
}

const armsTimers = new WeakMap<CompiledDefinition, boolean>();

/** Whether a definition arms any timer at all (lets commits skip reading timers). */
export function hasTimers(compiled: CompiledDefinition): boolean {
  let known = armsTimers.get(compiled);
  if (known === undefined) {
    known =
      [...compiled.stages.values()].some((stage) => stage.reminders.length > 0) ||
      // Errs towards true (a field named "after"): it only saves a read.
      JSON.stringify(compiled.definition.machine).includes('"after"');
    armsTimers.set(compiled, known);
  }
  return known;
}

export function reminderTimerId(stage: string, reminderId: string): string {
  return `reminder:${stage}:${reminderId}`;
}

/** When a reminder armed now is due, or undefined when it cannot or need not be armed. */
export function reminderDue(reminder: ReminderDecl, data: RecordData, now: Date, timeZone: string): Date | undefined {
  if (reminder.field === undefined) {
    const ms = reminder.after === undefined ? undefined : durationMs(reminder.after);
    return ms === undefined ? undefined : new Date(now.getTime() + ms);
  }
  const base = instantOf(readField(data, reminder.field), timeZone);
  if (base === undefined) return undefined;
  const shift = reminder.before !== undefined ? -(durationMs(reminder.before) ?? 0) : (durationMs(reminder.after ?? 'PT0S') ?? 0);
  const due = new Date(base.getTime() + shift);
  return due.getTime() > now.getTime() ? due : undefined;
}

/** The timer changes of one commit, in the order they must be written. */
export function planTimerChanges(input: TimerPlanInput): TimerChange[] {
  const { compiled, record, previous, now } = input;
  const live = new Map(input.existing.map((doc) => [doc._id, doc]));
  const changes: TimerChange[] = [];
  const cancel = (doc: TimerDoc) => {
    changes.push({ op: 'cancel', doc });
    live.delete(doc._id);
  };
  const base = { recordId: record.id, entity: record.entity, instance: record.version, version: record.version };

  for (const op of input.xstate) {
    const key = `${record.id}:${op.id}`;
    const current = live.get(key);
    if (current) cancel(current);
    if (op.op === 'schedule') {
      const doc: TimerDoc = {
        ...base,
        _id: key,
        kind: 'delay',
        timerId: op.id,
        event: op.event,
        dueAt: new Date(now.getTime() + op.delay).toISOString(),
        enteredVersion: record.version,
      };
      changes.push({ op: 'schedule', doc });
      live.set(key, doc);
    }
  }

  const before = previous ? activeStages(previous.stage) : new Set<string>();
  const after = activeStages(record.stage);
  // Reminders of stages left, and date reminders whose date moved or went away.
  for (const doc of [...live.values()]) {
    if (doc.kind !== 'reminder' || !doc.reminder) continue;
    const { stage, id } = doc.reminder;
    if (!after.has(stage)) {
      cancel(doc);
      continue;
    }
    const decl = compiled.stages.get(stage)?.reminders.find((r) => r.id === id);
    if (!decl || decl.field === undefined || !previous) continue;
    if (readField(previous.data, decl.field) === readField(record.data, decl.field)) continue;
    cancel(doc);
    const due = reminderDue(decl, record.data, now, input.timeZone);
    if (due) changes.push({ op: 'schedule', doc: { ...doc, ...base, dueAt: due.toISOString() } });
  }
  // Reminders of stages entered, and date reminders whose date appeared in a stage kept.
  for (const stage of after) {
    const entered = !before.has(stage);
    for (const decl of compiled.stages.get(stage)?.reminders ?? []) {
      const key = `${record.id}:${reminderTimerId(stage, decl.id)}`;
      if (live.has(key) || changes.some((c) => c.op === 'schedule' && c.doc._id === key)) continue;
      if (!entered && (decl.field === undefined || !previous || readField(previous.data, decl.field) === readField(record.data, decl.field))) continue;
      const due = reminderDue(decl, record.data, now, input.timeZone);
      if (!due) continue;
      changes.push({
        op: 'schedule',
        doc: {
          ...base,
          _id: key,
          kind: 'reminder',
          timerId: reminderTimerId(stage, decl.id),
          reminder: { stage, id: decl.id },
          dueAt: due.toISOString(),
          enteredVersion: record.version,
        },
      });
    }
  }
  return changes;
}
