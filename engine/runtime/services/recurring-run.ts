/**
 * One run of a recurring job (the scheduler decides when; this decides what). Every
 * write is keyed by the job, the run and the record, so a run repeated after a crash
 * does again only what it had not done:
 * - `sendToMatching`: the event to each matching active record (`recurring:<job>:<run>:<record>`);
 *   a record whose stage does not take it is skipped;
 * - `notifyMatching`: the `notify` effect for each matching active record (outbox entry of that id);
 * - `createRecord`: one record per run (`recurring:<job>:<run>`);
 * - `sendReportSummary`: one summary per user of the role (./report-summary.ts).
 */
import type { RecurringAction } from '../../definitions/definition.js';
import { DuplicateKeyError, ensureError, OperationalError, UserError } from '../../errors.js';
import type { Filter, Store } from '../../store/store.js';
import type { OutboxEntry } from './outbox.js';
import type { RecordService } from './record-service.js';
import type { TierKeeper } from './tiers.js';
import { sendReportSummaries, type SummaryDeps } from './report-summary.js';
import { OUTBOX, RECORDS } from '../../collections.js';
import type { RecordDoc } from '../core/index.js';

export interface RecurringRun {
  /** `<pack>:<job id>`. */
  job: string;
  /** Names this run among the job's runs (a local date, or date and time). */
  run: string;
  /** The job's action, its filter's date placeholders already resolved. */
  action: RecurringAction;
}

export interface RecurringOutcome {
  matched: number;
  done: number;
  skipped: number;
}

/** Records run in parallel per batch (the store batches concurrent commits). */
const BATCH = 32;

async function matching(store: Store, entity: string, filter: Filter | undefined): Promise<RecordDoc[]> {
  const query: Filter = { ...(filter ?? {}), entity };
  // Records in a final stage are left alone unless the filter asks about status itself.
  if (!('status' in query)) query.status = 'active';
  return store.find<RecordDoc>(RECORDS, query, { sort: { _id: 1 } });
}

/** Run `task` on every item, BATCH at a time; failures are collected, not thrown. */
async function forEach<T>(items: T[], task: (item: T) => Promise<'done' | 'skipped'>): Promise<{ done: number; skipped: number; failures: Error[] }> {
  const out = { done: 0, skipped: 0, failures: [] as Error[] };
  for (let i = 0; i < items.length; i += BATCH) {
    const settled = await Promise.allSettled(items.slice(i, i + BATCH).map(task));
    for (const result of settled) {
      if (result.status === 'rejected') out.failures.push(ensureError(result.reason));
      else out[result.value]++;
    }
  }
  return out;
}

/**
 * @throws OperationalError `effect-failed` when some records failed (the others are done;
 *   running the same run again completes it).
 */
export async function runRecurring(
  deps: { store: Store; records: RecordService; onEffectsQueued: () => void; tiers?: TierKeeper; summaries?: SummaryDeps },
  { job, run, action }: RecurringRun,
): Promise<RecurringOutcome> {
  const actor = `system:recurring:${job}`;
  const key = `recurring:${job}:${run}`;
  if (action.type === 'recomputeTiers') {
    if (!deps.tiers) return { matched: 0, done: 0, skipped: 0 };
    const { checked, changed } = await deps.tiers.applyAll();
    return { matched: checked, done: changed, skipped: checked - changed };
  }
  if (action.type === 'sendReportSummary') {
    if (!deps.summaries) return { matched: 0, done: 0, skipped: 0 };
    return sendReportSummaries(deps.summaries, job, run, action);
  }
  if (action.type === 'createRecord') {
    const input = { data: action.data, ...(action.owner ? { owner: action.owner } : {}) };
    await deps.records.create(action.entity, input, actor, { idempotencyKey: key });
    return { matched: 1, done: 1, skipped: 0 };
  }
  const records = await matching(deps.store, action.entity, action.filter);
  let result: Awaited<ReturnType<typeof forEach>>;
  if (action.type === 'sendToMatching') {
    result = await forEach(records, async (record) => {
      try {
        await deps.records.send(action.entity, record._id, { type: action.event }, actor, { idempotencyKey: `${key}:${record._id}` });
        return 'done';
      } catch (error) {
        if (error instanceof UserError && (error.code === 'event-not-allowed' || error.code === 'guard-refused')) return 'skipped';
        throw error;
      }
    });
  } else {
    const at = new Date().toISOString();
    result = await forEach(records, async (record) => {
      const entry: OutboxEntry = {
        _id: `${key}:${record._id}`,
        recordId: record._id,
        entity: record.entity,
        action: 'notify',
        params: { to: action.to, message: action.message },
        actor,
        event: { type: 'recurring', payload: { job, run } },
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at,
        createdAt: at,
        version: 1,
      };
      try {
        await deps.store.commit([{ op: 'insert', collection: OUTBOX, doc: entry }]);
        return 'done';
      } catch (error) {
        if (error instanceof DuplicateKeyError) return 'skipped'; // queued by an earlier attempt of this run
        throw error;
      }
    });
    if (result.done > 0) deps.onEffectsQueued();
  }
  if (result.failures.length > 0) {
    throw new OperationalError(
      'effect-failed',
      `Recurring job ${job} (${run}) failed for ${result.failures.length} of ${records.length} records: ${result.failures[0]?.message}`,
    );
  }
  return { matched: records.length, done: result.done, skipped: result.skipped };
}
