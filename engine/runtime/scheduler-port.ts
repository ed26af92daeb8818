import type { DueTimer, RecurringOutcome, RecurringRun, TimerOutcome } from './services/index.js';
import type { TimerDoc } from './core/index.js';
export type { DueTimer, RecurringOutcome, RecurringRun, TimerOutcome, TimerSink, TimerSyncOp } from './services/index.js';
/**
 * The narrow port the scheduler (engine/scheduler) uses into the engine: fire a timer
 * that fell due, list the armed timers (to rebuild its jobs at start), run a recurring
 * job. The scheduler decides when; the engine decides what.
 */

/** An armed timer, as the scheduler needs to know it. */
export type ArmedTimer = Pick<TimerDoc, '_id' | 'recordId' | 'instance' | 'dueAt'>;

export interface SchedulerPort {
  /** Fire instance `instance` of timer `key`; a timer no longer armed as that instance does nothing. */
  fireTimer(key: string, instance: number): Promise<TimerOutcome>;
  /** Fire timers due together, in as few commits as they allow; one outcome (or failure) each, in order. */
  fireTimers(due: DueTimer[]): Promise<PromiseSettledResult<TimerOutcome>[]>;
  /** Every armed timer. */
  armedTimers(): Promise<ArmedTimer[]>;
  /** One run of a recurring job; idempotent per run. */
  runRecurring(run: RecurringRun): Promise<RecurringOutcome>;
}
