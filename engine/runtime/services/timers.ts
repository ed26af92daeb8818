/**
 * Durable timers: XState's delayed events (`after`) and stage reminders. A timer is a
 * document of collection `timers`, written in the same commit as the transition that
 * arms or disarms it; that document is the truth. The scheduler's jobs only wake the
 * engine up at the right moment. They follow the timer documents either inside that same
 * commit (when the jobs live in the engine's store: `TimerSink.inline`) or through an
 * internal outbox entry (`timers.sync`); either way they are keyed by timer and instance,
 * so applying a change twice, late or out of order never loses or duplicates a firing
 * (docs/scheduler.md).
 */
import type { EventFacts } from '../../plugins/contract.js';
import type { WriteOp } from '../../store/store.js';
import type { OutboxEntry } from './outbox.js';
import { EVENTS, OUTBOX, TIMERS } from '../../collections.js';
import type { EventLogDoc, TimerChange, TimerDoc } from '../core/index.js';

/** The internal outbox action that hands timer changes to the scheduler. */
export const TIMER_SYNC_ACTION = 'timers.sync';

/** What the scheduler is asked to do for a commit. */
export type TimerSyncOp =
  | { op: 'schedule'; key: string; instance: number; dueAt: string; recordId: string }
  | { op: 'cancel'; key: string; instance: number };

/** The scheduler, as the engine sees it: it makes its jobs follow the timer documents. */
export interface TimerSink {
  /** Apply changes idempotently (a schedule already applied, or a cancel of nothing, does nothing). */
  apply(ops: TimerSyncOp[]): Promise<void>;
  /**
   * When the jobs are kept in the engine's own store: the writes that make them follow
   * `ops`, for the engine to put in the commit that changes the timers, and what to call
   * once that commit is durable. Undefined: the engine queues a `timers.sync` entry.
   */
  inline?(ops: TimerSyncOp[]): { writes: WriteOp[]; committed: () => void } | undefined;
}

/** What a timer's timeline entries say about it. */
export function timerFacts(doc: TimerDoc): Record<string, unknown> {
  return doc.kind === 'reminder'
    ? { reminder: doc.reminder?.id, stage: doc.reminder?.stage, dueAt: doc.dueAt }
    : { timer: doc.timerId, event: doc.event?.type, dueAt: doc.dueAt };
}

/** A timeline entry about a timer: `<kind>.<what>` (reminder.fired, timer.cancelled, …). */
export function timerLogEntry(
  doc: TimerDoc,
  what: 'scheduled' | 'cancelled' | 'fired' | 'skipped' | 'refused',
  at: { version: number; at: string; actor: string; seq?: number },
  extra: Record<string, unknown> = {},
): EventLogDoc {
  const id =
    what === 'scheduled' || what === 'cancelled'
      ? // After the commit's own entry (`<record>:<version>`), in the order of the changes.
        `${doc.recordId}:${at.version}:timer:${String(at.seq ?? 0).padStart(3, '0')}`
      : // Deterministic per instance: a second firing of the same instance is a duplicate key.
        `${doc._id}:${doc.instance}:done`;
  return {
    _id: id,
    recordId: doc.recordId,
    entity: doc.entity,
    version: at.version,
    type: `${doc.kind === 'reminder' ? 'reminder' : 'timer'}.${what}`,
    kind: doc.kind === 'reminder' ? 'reminder' : 'timer',
    actor: at.actor,
    at: at.at,
    payload: { ...timerFacts(doc), ...extra },
  };
}

/**
 * The writes that consume timer instance `fired` in the commit acting on it: its document
 * (version-checked: a timer disarmed or re-armed meanwhile fails the commit), its timeline
 * entry, and its job when the jobs live in the engine's store. The firing and the end of
 * its job are then one commit: the job does not wait for the scheduler's own bookkeeping
 * writes, and a crash between them cannot leave a job for a consumed timer. With MongoDB's
 * backend the scheduler removes the job once the firing returns.
 */
export function consumeTimerOps(fired: TimerDoc, entry: EventLogDoc, sink: TimerSink | undefined): { ops: WriteOp[]; committed?: () => void } {
  const ops: WriteOp[] = [
    { op: 'delete', collection: TIMERS, id: fired._id, expectVersion: fired.version },
    // An insert: a second firing of the same instance is a duplicate key.
    { op: 'insert', collection: EVENTS, doc: entry },
  ];
  const inline = sink?.inline?.([{ op: 'cancel', key: fired._id, instance: fired.instance }]);
  return inline ? { ops: [...ops, ...inline.writes], committed: inline.committed } : { ops };
}

/** The sync operation of a change, for the scheduler. */
function syncOp(change: TimerChange): TimerSyncOp {
  const { doc } = change;
  return change.op === 'schedule'
    ? { op: 'schedule', key: doc._id, instance: doc.instance, dueAt: doc.dueAt, recordId: doc.recordId }
    : { op: 'cancel', key: doc._id, instance: doc.instance };
}

/**
 * The writes of a commit's timer changes: the timer documents, a timeline entry for each,
 * and, when a scheduler listens, its jobs' writes or one internal outbox entry carrying
 * the changes to it. `committed` is to be called once the commit is durable.
 */
export function timerWriteOps(
  changes: TimerChange[],
  record: { id: string; entity: string; version: number },
  context: { actor: string; at: string; event: EventFacts; sink: TimerSink | undefined },
): { ops: WriteOp[]; queued: boolean; committed?: () => void } {
  if (changes.length === 0) return { ops: [], queued: false };
  const ops: WriteOp[] = [];
  changes.forEach((change, seq) => {
    const { doc } = change;
    ops.push(change.op === 'schedule' ? { op: 'put', collection: TIMERS, doc } : { op: 'delete', collection: TIMERS, id: doc._id });
    const what = change.op === 'schedule' ? 'scheduled' : 'cancelled';
    const at = { version: record.version, at: context.at, actor: context.actor, seq };
    ops.push({ op: 'put', collection: EVENTS, doc: timerLogEntry(doc, what, at) });
  });
  if (!context.sink) return { ops, queued: false };
  const inline = context.sink.inline?.(changes.map(syncOp));
  if (inline) return { ops: [...ops, ...inline.writes], queued: false, committed: inline.committed };
  const entry: OutboxEntry = {
    _id: `${record.id}:${record.version}:timers`,
    recordId: record.id,
    entity: record.entity,
    action: TIMER_SYNC_ACTION,
    params: { ops: changes.map(syncOp) },
    actor: context.actor,
    event: context.event,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: context.at,
    createdAt: context.at,
    version: 1,
    internal: true,
  };
  ops.push({ op: 'insert', collection: OUTBOX, doc: entry });
  return { ops, queued: true };
}
