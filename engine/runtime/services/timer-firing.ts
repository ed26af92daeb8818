/**
 * What happens when a timer falls due (the scheduler calls this; it never decides
 * anything itself). The timer document is the truth: an instance that is no longer
 * armed (its stage was left, or it was re-armed) does nothing. Each outcome consumes the
 * timer in one commit with its timeline entry, so a second delivery of the same instance
 * finds nothing to do.
 *
 * - a delay sends its XState event (idempotency key `timer:<timer>:<instance>`);
 * - a reminder notifies or escalates: its inbox messages are written in the commit that
 *   consumes the timer (once, at the moment it fires, not after the effects queued before
 *   it); or it sends its event; with `onlyIfNoActivity` it is skipped when an activity was
 *   marked since its stage was entered.
 */
import type { ReminderDecl } from '../../definitions/definition.js';
import { DuplicateKeyError, UserError, VersionConflictError } from '../../errors.js';
import type { Store, WriteOp } from '../../store/store.js';
import { notificationOps } from './effect-context.js';
import type { RecordService } from './record-service.js';
import { consumeTimerOps, timerLogEntry, type TimerSink } from './timers.js';
import { EVENTS, RECORDS, TIMERS } from '../../collections.js';
import { notifyRecipient, type CompiledDefinitions, type RecordDoc, type TimerDoc } from '../core/index.js';

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

/** A timer instance that fell due. */
export interface DueTimer {
  key: string;
  instance: number;
}

/** Consume the timer with its timeline entry (and a reminder's inbox messages): writes only. */
interface SettlePlan {
  kind: 'settle';
  outcome: TimerOutcome;
  ops: WriteOp[];
  committed?: () => void;
}

/** What firing a timer comes to, before anything is written. */
type Plan =
  | { kind: 'done'; outcome: TimerOutcome }
  | SettlePlan
  /** Send an event to the record: a transition of its own. */
  | { kind: 'send'; timer: TimerDoc; event: { type: string }; actor: string };

export class TimerFiring {
  constructor(
    private readonly store: Store,
    private readonly records: RecordService,
    private readonly definitions: CompiledDefinitions,
    /** The scheduler, whose job for a timer ends in the commit consuming it. */
    private readonly sink: TimerSink | undefined,
  ) {}

  /** Fire instance `instance` of timer `key` (`${recordId}:${timerId}`). */
  async fire(key: string, instance: number): Promise<TimerOutcome> {
    const [result] = await this.fireMany([{ key, instance }]);
    if (result?.status !== 'fulfilled') throw result?.reason;
    return result.value;
  }

  /**
   * Fire timers that fell due together. Those that only write (a reminder that notifies,
   * a skip, a refusal) are consumed in one commit; should that commit fail (one was
   * disarmed meanwhile), each is fired alone. Those that send an event transition alone.
   * One outcome per timer, in order; a failure is that timer's alone.
   */
  async fireMany(due: DueTimer[]): Promise<PromiseSettledResult<TimerOutcome>[]> {
    const plans = await Promise.allSettled(due.map((d) => this.plan(d)));
    const results = plans.map((p): PromiseSettledResult<TimerOutcome> | undefined => (p.status === 'rejected' ? p : undefined));
    const settling = plans.flatMap((p, i) => (p.status === 'fulfilled' && p.value.kind === 'settle' ? [{ i, plan: p.value }] : []));
    const settled = await this.commitSettles(settling.map((s) => s.plan), (n) => this.fire(due[settling[n].i].key, due[settling[n].i].instance));
    settling.forEach((s, n) => (results[s.i] = settled[n]));
    await Promise.all(
      plans.map(async (p, i) => {
        if (p.status !== 'fulfilled' || p.value.kind === 'settle') return;
        const plan = p.value;
        results[i] = await (plan.kind === 'done' ? Promise.resolve(plan.outcome) : this.sendEvent(plan.timer, plan.event, plan.actor)).then(
          (value): PromiseFulfilledResult<TimerOutcome> => ({ status: 'fulfilled', value }),
          (reason: unknown): PromiseRejectedResult => ({ status: 'rejected', reason }),
        );
      }),
    );
    return results as PromiseSettledResult<TimerOutcome>[];
  }

  /**
   * Commit settlements in one commit. A version or key conflict means one was disarmed or
   * settled meanwhile: alone, it is stale; among others, each is fired again alone (`again`).
   */
  private async commitSettles(plans: SettlePlan[], again: (n: number) => Promise<TimerOutcome>): Promise<PromiseSettledResult<TimerOutcome>[]> {
    if (plans.length === 0) return [];
    try {
      await this.store.commit(plans.flatMap((p) => p.ops));
    } catch (error) {
      const conflict = error instanceof VersionConflictError || error instanceof DuplicateKeyError;
      if (conflict && plans.length > 1) return Promise.allSettled(plans.map((_, n) => again(n)));
      return plans.map(() => (conflict ? { status: 'fulfilled', value: { outcome: 'stale' } } : { status: 'rejected', reason: error }));
    }
    for (const plan of plans) plan.committed?.();
    return plans.map((p) => ({ status: 'fulfilled', value: p.outcome }));
  }

  private async plan({ key, instance }: DueTimer): Promise<Plan> {
    const timer = await this.store.get<TimerDoc>(TIMERS, key);
    if (!timer || timer.instance !== instance) return { kind: 'done', outcome: { outcome: 'stale' } };
    if (timer.kind === 'reminder') return this.planReminder(timer);
    if (timer.event) return { kind: 'send', timer, event: timer.event, actor: TIMER_ACTOR };
    return this.planSettle(timer, 'skipped', TIMER_ACTOR, { reason: 'no event to send' });
  }

  private async sendEvent(timer: TimerDoc, event: { type: string }, actor: string): Promise<TimerOutcome> {
    try {
      const sent = await this.records.sendForTimer(timer, event, actor);
      return sent ? { outcome: 'fired' } : { outcome: 'stale' };
    } catch (error) {
      const reason = refusal(error);
      if (reason === undefined) throw error;
      const [settled] = await this.commitSettles([await this.planSettle(timer, 'refused', actor, { reason, sent: event.type })], () => this.fire(timer._id, timer.instance));
      if (settled?.status !== 'fulfilled') throw settled?.reason;
      return settled.value;
    }
  }

  private async planReminder(timer: TimerDoc): Promise<Plan> {
    const record = await this.store.get<RecordDoc>(RECORDS, timer.recordId);
    const stage = timer.reminder?.stage ?? '';
    const compiled = record && (await this.definitions.version(record.entity, record.definitionVersion));
    const decl = compiled?.stages.get(stage)?.reminders.find((r) => r.id === timer.reminder?.id);
    if (!record || !decl) return this.planSettle(timer, 'skipped', REMINDER_ACTOR, { reason: 'not declared any more' }, [], record);
    if (decl.onlyIfNoActivity && (await this.activitySince(timer))) {
      return this.planSettle(timer, 'skipped', REMINDER_ACTOR, { reason: 'activity since the stage was entered' }, [], record);
    }
    const action = decl.do;
    if (action.type === 'send') return { kind: 'send', timer, event: { type: action.event }, actor: REMINDER_ACTOR };
    return this.planSettle(timer, 'fired', REMINDER_ACTOR, { action: action.type, to: action.to }, await this.notifications(timer, record, action), record);
  }

  private async activitySince(timer: TimerDoc): Promise<boolean> {
    const filter = { recordId: timer.recordId, kind: 'activity', version: { $gt: timer.enteredVersion } };
    return (await this.store.count(EVENTS, filter)) > 0;
  }

  /**
   * The inbox messages of a reminder that notifies or escalates, as `notify` writes them
   * (keyed as its effect was: `<timer>:<instance>:notify`); none when nobody holds the role.
   */
  private async notifications(timer: TimerDoc, record: RecordDoc, action: Extract<ReminderDecl['do'], { to: string }>): Promise<WriteOp[]> {
    const to = notifyRecipient(action.to, record, REMINDER_ACTOR);
    if (!to) return [];
    return notificationOps(this.store, `${timer._id}:${timer.instance}:notify`, to, action.message, { entity: record.entity, id: record._id });
  }

  /** The writes consuming the timer with a timeline entry (and `extra` writes), for one commit. */
  private async planSettle(
    timer: TimerDoc,
    what: 'fired' | 'skipped' | 'refused',
    actor: string,
    facts: Record<string, unknown>,
    extra: WriteOp[] = [],
    known?: RecordDoc,
  ): Promise<SettlePlan> {
    const record = known ?? (await this.store.get<RecordDoc>(RECORDS, timer.recordId));
    const at = new Date().toISOString();
    const entry = timerLogEntry(timer, what, { version: record?.version ?? timer.instance, at, actor }, facts);
    const consumed = consumeTimerOps(timer, entry, this.sink);
    const outcome: TimerOutcome = what === 'fired' ? { outcome: 'fired' } : { outcome: what, reason: String(facts.reason) };
    return {
      kind: 'settle',
      outcome,
      ops: [...consumed.ops, ...extra],
      ...(consumed.committed ? { committed: consumed.committed } : {}),
    };
  }
}
