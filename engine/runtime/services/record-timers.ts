/**
 * What a record's commit writes about its timers (./timer-plan.ts plans them): the timer
 * that fired, if any, is consumed (version-checked: disarmed meanwhile means the commit
 * fails), then XState's delays and the stage reminders are armed and disarmed. And the
 * rule that an archived record type takes no new records.
 */
import { UserError } from '../../errors.js';
import type { EventFacts } from '../../plugins/contract.js';
import type { Store, WriteOp } from '../../store/store.js';
import { consumeTimerOps, timerLogEntry, timerWriteOps, type TimerSink } from './timers.js';
import { TIMERS } from '../../collections.js';
import { hasTimers, planTimerChanges, type CompiledDefinitions, type RecordDoc, type TimerDoc, type TimerOp } from '../core/index.js';

export interface RecordTimerDeps {
  store: Store;
  definitions: CompiledDefinitions;
  timeZone: string;
  sink: TimerSink | undefined;
}

export interface RecordTimerInput {
  doc: RecordDoc;
  previous: RecordDoc | undefined;
  /** XState's timer operations of this step. */
  xstate: TimerOp[];
  actor: string;
  event: EventFacts;
  /** The timer whose firing this commit is. */
  fired: TimerDoc | undefined;
}

export async function recordTimerWrites(deps: RecordTimerDeps, input: RecordTimerInput): Promise<{ ops: WriteOp[]; queued: boolean; committed?: () => void }> {
  const { doc, previous, xstate, actor, event, fired } = input;
  const consumed = fired ? consumeTimerOps(fired, timerLogEntry(fired, 'fired', { version: doc.version, at: doc.updatedAt, actor }), deps.sink) : undefined;
  const ops = consumed?.ops ?? [];
  const alone = { ops, queued: false, ...(consumed?.committed ? { committed: consumed.committed } : {}) };
  const unchanged = previous !== undefined && previous.stage === doc.stage && previous.data === doc.data;
  if (unchanged && xstate.length === 0) return alone;
  const compiled = await deps.definitions.version(doc.entity, doc.definitionVersion);
  if (xstate.length === 0 && !hasTimers(compiled)) return alone;
  const existing = (await deps.store.find<TimerDoc>(TIMERS, { recordId: doc._id })).filter((t) => t._id !== fired?._id);
  const changes = planTimerChanges({
    compiled,
    record: { id: doc._id, entity: doc.entity, version: doc.version, stage: doc.stage, data: doc.data },
    ...(previous ? { previous: { stage: previous.stage, data: previous.data } } : {}),
    xstate,
    existing,
    now: new Date(doc.updatedAt),
    timeZone: deps.timeZone,
  });
  const writes = timerWriteOps(changes, { id: doc._id, entity: doc.entity, version: doc.version }, { actor, at: doc.updatedAt, event, sink: deps.sink });
  const committed = [consumed?.committed, writes.committed].filter((call) => call !== undefined);
  return { ops: [...ops, ...writes.ops], queued: writes.queued, ...(committed.length > 0 ? { committed: () => committed.forEach((call) => call()) } : {}) };
}

/** New records of an archived record type are refused; its records stay readable and movable. */
export function assertNotArchived(schema: { 'x-archived'?: boolean }, entity: string): void {
  if (schema['x-archived'] === true) throw new UserError('entity-archived', `${entity} is archived: it takes no new records`, { extra: { entity } });
}
