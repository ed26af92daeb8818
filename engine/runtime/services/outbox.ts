/** Outbox entries: effects planned in a commit, run after it, at least once. */
import type { EventFacts } from '../../plugins/contract.js';
import type { StoredDoc, WriteOp } from '../../store/store.js';
import { OUTBOX } from '../../collections.js';
import type { PlannedEffect } from '../core/index.js';

export interface OutboxEntry extends StoredDoc {
  /**
   * Also the effect's idempotency key. `${recordId}:${recordVersion}:${index}` for a
   * transition's effects; the engine's own entries name what queued them
   * (`…:timers`, `<timer>:<instance>:notify`, `recurring:<job>:<run>:<record>`).
   */
  _id: string;
  recordId: string;
  entity: string;
  action: string;
  params: unknown;
  actor: string;
  /** The event whose transition queued the effect. */
  event: EventFacts;
  status: 'pending' | 'running' | 'done' | 'failed' | 'dismissed';
  attempts: number;
  /** When a pending entry may run next, or when a running entry's lease ends. */
  nextAttemptAt: string;
  lastError?: string;
  /** The error's code (`event-not-allowed`, `effect-timeout`, …), for a message in people's words. */
  lastErrorCode?: string;
  /** When its last attempt ended. */
  settledAt?: string;
  /** Why it waits, not failed (advertising hours): its record's later effects wait behind it. */
  postponed?: string;
  createdAt: string;
  version: number;
  /** The engine's own bookkeeping (timers.sync): only its failures reach the timeline. */
  internal?: boolean;
}

/** Write ops queuing a commit's effects, keyed by the record version (timers: ./timers.ts). */
export function outboxOps(
  record: { id: string; entity: string; version: number },
  effects: PlannedEffect[],
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
  return ops;
}

/**
 * The order of one record's effects: by queue time, then, within one commit (the same
 * time), by the record version and the effect's index in `${recordId}:${version}:${index}`.
 */
export function queueOrder(a: OutboxEntry, b: OutboxEntry): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  const [av, ai] = positionOf(a);
  const [bv, bi] = positionOf(b);
  return av - bv || ai - bi || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

function positionOf(entry: OutboxEntry): [number, number] {
  const match = /:(\d+):(\d+)$/.exec(entry._id.slice(entry.recordId.length));
  return match ? [Number(match[1]), Number(match[2])] : [Number.MAX_SAFE_INTEGER, 0];
}
