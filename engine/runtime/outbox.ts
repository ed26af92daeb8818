/** Outbox entries: effects planned in a commit, run after it, at least once. */
import type { EventFacts } from '../plugins/contract.js';
import type { StoredDoc, WriteOp } from '../store/store.js';
import type { PlannedEffect, TimerOp } from './plan-transition.js';

export const OUTBOX = 'outbox';
export const TIMERS = 'timers';

export interface OutboxEntry extends StoredDoc {
  /** `${recordId}:${recordVersion}:${index}`: also the effect's idempotency key. */
  _id: string;
  recordId: string;
  entity: string;
  action: string;
  params: unknown;
  actor: string;
  /** The event whose transition queued the effect. */
  event: EventFacts;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  /** When a pending entry may run next, or when a running entry's lease ends. */
  nextAttemptAt: string;
  lastError?: string;
  createdAt: string;
  version: number;
}

export interface TimerDoc extends StoredDoc {
  recordId: string;
  entity: string;
  timerId: string;
  event: { type: string };
  dueAt: string;
  status: 'scheduled' | 'cancelled' | 'fired';
  version: number;
}

/** Write ops queuing a commit's effects and timers, keyed by the record version. */
export function outboxOps(
  record: { id: string; entity: string; version: number },
  effects: PlannedEffect[],
  timers: TimerOp[],
  actor: string,
  now: Date,
  event: EventFacts,
): WriteOp[] {
  const at = now.toISOString();
  const ops: WriteOp[] = effects.map((effect, index) => ({
    op: 'insert',
    collection: OUTBOX,
    doc: {
      _id: `${record.id}:${record.version}:${index}`,
      recordId: record.id,
      entity: record.entity,
      action: effect.action,
      params: effect.params,
      actor,
      event,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      version: 1,
    } satisfies OutboxEntry,
  }));
  for (const timer of timers) {
    const _id = `${record.id}:${timer.id}`;
    if (timer.op === 'cancel') {
      ops.push({ op: 'delete', collection: TIMERS, id: _id });
    } else {
      const doc: TimerDoc = {
        _id,
        recordId: record.id,
        entity: record.entity,
        timerId: timer.id,
        event: timer.event,
        dueAt: new Date(now.getTime() + timer.delay).toISOString(),
        status: 'scheduled',
        version: 1,
      };
      ops.push({ op: 'put', collection: TIMERS, doc });
    }
  }
  return ops;
}
