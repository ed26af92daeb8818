/**
 * What happens when a timer falls due (the scheduler calls this; it never decides
 * anything itself). The timer document is the truth: an instance that is no longer
 * armed (its stage was left, or it was re-armed) does nothing. Each outcome consumes the
 * timer in one commit with its timeline entry, so a second delivery of the same instance
 * finds nothing to do.
 *
 * - a delay sends its XState event (idempotency key `timer:<timer>:<instance>`);
 * - a reminder notifies or escalates through the `notify` effect (an outbox entry, run
 *   like any effect), or sends its event; with `onlyIfNoActivity` it is skipped when an
 *   activity was marked since its stage was entered.
 */
import type { ReminderDecl } from '../definitions/definition.js';
import { DuplicateKeyError, UserError, VersionConflictError } from '../errors.js';
import type { Store, WriteOp } from '../store/store.js';
import type { CompiledDefinitions } from './definition-source.js';
import { OUTBOX, type OutboxEntry } from './outbox.js';
import type { RecordDoc } from './record.js';
import { EVENTS, RECORDS, type RecordService } from './record-service.js';
import { consumeTimerOps, TIMERS, timerLogEntry, type TimerDoc, type TimerSink } from './timers.js';

export type TimerOutcome =
  /** The timer did what it is for. */
  | { outcome: 'fired' }
  /** A reminder whose condition did not hold (activity since its stage was entered). */
  | { outcome: 'skipped'; reason: string }
  /** Its event was refused by the record (a guard, or a stage that does not take it). */
  | { outcome: 'refused'; reason: string }
  /** No longer armed as this instance: nothing was done. */
  | { outcome: 'stale' };

const TIMER_ACTOR = 'system:timer';
const REMINDER_ACTOR = 'system:reminder';

function refusal(error: unknown): string | undefined {
  const refused = error instanceof UserError && (error.code === 'event-not-allowed' || error.code === 'guard-refused');
  return refused ? error.message : undefined;
}

export class TimerFiring {
  constructor(
    private readonly store: Store,
    private readonly records: RecordService,
    private readonly definitions: CompiledDefinitions,
    /** Called after a commit that queued an effect. */
    private readonly onEffectsQueued: () => void,
    /** The scheduler, whose job for a timer ends in the commit consuming it. */
    private readonly sink: TimerSink | undefined,
  ) {}

  /** Fire instance `instance` of timer `key` (`${recordId}:${timerId}`). */
  async fire(key: string, instance: number): Promise<TimerOutcome> {
    const timer = await this.store.get<TimerDoc>(TIMERS, key);
    if (!timer || timer.instance !== instance) return { outcome: 'stale' };
    if (timer.kind === 'reminder') return this.remind(timer);
    if (timer.event) return this.sendEvent(timer, timer.event, TIMER_ACTOR);
    return this.settle(timer, 'skipped', TIMER_ACTOR, { reason: 'no event to send' });
  }

  private async sendEvent(timer: TimerDoc, event: { type: string }, actor: string): Promise<TimerOutcome> {
    try {
      const sent = await this.records.sendForTimer(timer, event, actor);
      return sent ? { outcome: 'fired' } : { outcome: 'stale' };
    } catch (error) {
      const reason = refusal(error);
      if (reason === undefined) throw error;
      return this.settle(timer, 'refused', actor, { reason, sent: event.type });
    }
  }

  private async remind(timer: TimerDoc): Promise<TimerOutcome> {
    const record = await this.store.get<RecordDoc>(RECORDS, timer.recordId);
    const stage = timer.reminder?.stage ?? '';
    const compiled = record && (await this.definitions.version(record.entity, record.definitionVersion));
    const decl = compiled?.stages.get(stage)?.reminders.find((r) => r.id === timer.reminder?.id);
    if (!record || !decl) return this.settle(timer, 'skipped', REMINDER_ACTOR, { reason: 'not declared any more' });
    if (decl.onlyIfNoActivity && (await this.activitySince(timer))) {
      return this.settle(timer, 'skipped', REMINDER_ACTOR, { reason: 'activity since the stage was entered' });
    }
    const action = decl.do;
    if (action.type === 'send') return this.sendEvent(timer, { type: action.event }, REMINDER_ACTOR);
    const outcome = await this.settle(timer, 'fired', REMINDER_ACTOR, { action: action.type, to: action.to }, [
      this.notifyEntry(timer, decl, action),
    ]);
    if (outcome.outcome === 'fired') this.onEffectsQueued();
    return outcome;
  }

  private async activitySince(timer: TimerDoc): Promise<boolean> {
    const filter = { recordId: timer.recordId, kind: 'activity', version: { $gt: timer.enteredVersion } };
    return (await this.store.count(EVENTS, filter)) > 0;
  }

  /** The `notify` effect of a reminder, queued like any effect (idempotent by its id). */
  private notifyEntry(timer: TimerDoc, decl: ReminderDecl, action: Extract<ReminderDecl['do'], { to: string }>): WriteOp {
    const at = new Date().toISOString();
    const entry: OutboxEntry = {
      _id: `${timer._id}:${timer.instance}:notify`,
      recordId: timer.recordId,
      entity: timer.entity,
      action: 'notify',
      params: { to: action.to, message: action.message },
      actor: REMINDER_ACTOR,
      event: { type: `reminder.${action.type}`, payload: { reminder: decl.id, stage: timer.reminder?.stage } },
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      version: 1,
    };
    return { op: 'insert', collection: OUTBOX, doc: entry };
  }

  /** Consume the timer with a timeline entry (and `extra` writes) in one commit. */
  private async settle(
    timer: TimerDoc,
    what: 'fired' | 'skipped' | 'refused',
    actor: string,
    facts: Record<string, unknown>,
    extra: WriteOp[] = [],
  ): Promise<TimerOutcome> {
    const record = await this.store.get<RecordDoc>(RECORDS, timer.recordId);
    const at = new Date().toISOString();
    const entry = timerLogEntry(timer, what, { version: record?.version ?? timer.instance, at, actor }, facts);
    const consumed = consumeTimerOps(timer, entry, this.sink);
    try {
      await this.store.commit([...consumed.ops, ...extra]);
    } catch (error) {
      // Disarmed meanwhile, or settled by an earlier delivery of this instance.
      if (error instanceof VersionConflictError || error instanceof DuplicateKeyError) return { outcome: 'stale' };
      throw error;
    }
    consumed.committed?.();
    if (what === 'fired') return { outcome: 'fired' };
    return { outcome: what, reason: String(facts.reason) };
  }
}
