/**
 * Runs queued effects after commit, at least once. An entry is claimed with a lease
 * (optimistic concurrency on the entry), so several engine processes can share one
 * outbox; a failure is recorded on the entry and the record's timeline and retried
 * with exponential backoff until `maxAttempts`, then stays visible as `failed`.
 */
import { ensureError, VersionConflictError } from '../errors.js';
import type { Store, WriteOp } from '../store/store.js';
import { OUTBOX, type OutboxEntry } from './outbox.js';
import { EVENTS } from './record-service.js';
import type { EventLogDoc } from './record.js';

export interface OutboxWorkerOptions {
  /** How often to look for due entries when not kicked. */
  pollMs?: number;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  leaseMs?: number;
  batchSize?: number;
}

export type EffectExecutor = (entry: OutboxEntry) => Promise<void>;

export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = false;
  private readonly options: Required<OutboxWorkerOptions>;

  constructor(
    private readonly store: Store,
    private readonly execute: EffectExecutor,
    options: OutboxWorkerOptions = {},
  ) {
    this.options = { pollMs: 1000, maxAttempts: 8, backoffMs: 1000, maxBackoffMs: 300_000, leaseMs: 60_000, batchSize: 100, ...options };
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Ask for a run soon (after a commit queued effects). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain().catch(() => undefined), delay);
    this.timer.unref();
  }

  /** Run every due entry now; resolves with how many ran (succeeded or failed). */
  async drain(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.drainLoop();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
      if (!this.stopped) this.schedule(this.again ? 0 : this.options.pollMs);
      this.again = false;
    }
  }

  private async drainLoop(): Promise<number> {
    let total = 0;
    for (;;) {
      const due = await this.store.find<OutboxEntry>(
        OUTBOX,
        { status: { $in: ['pending', 'running'] }, nextAttemptAt: { $lte: new Date().toISOString() } },
        { sort: { createdAt: 1 }, limit: this.options.batchSize },
      );
      if (due.length === 0) return total;
      for (const entry of due) {
        // Stopping waits for the effect in hand, not for a backlog: the rest stays queued.
        if (this.stopped) return total;
        if (await this.runOne(entry)) total++;
      }
      if (due.length < this.options.batchSize) return total;
    }
  }

  private async runOne(entry: OutboxEntry): Promise<boolean> {
    const claimed: OutboxEntry = {
      ...entry,
      status: 'running',
      nextAttemptAt: new Date(Date.now() + this.options.leaseMs).toISOString(),
      version: entry.version + 1,
    };
    try {
      await this.store.commit([{ op: 'put', collection: OUTBOX, doc: claimed, expectVersion: entry.version }]);
    } catch (error) {
      if (error instanceof VersionConflictError) return false; // another worker has it
      throw error;
    }
    const attempts = entry.attempts + 1;
    let failure: string | undefined;
    try {
      await this.execute(claimed);
    } catch (error) {
      failure = ensureError(error).message;
    }
    const now = new Date();
    const giveUp = failure !== undefined && attempts >= this.options.maxAttempts;
    const backoff = Math.min(this.options.backoffMs * 2 ** (attempts - 1), this.options.maxBackoffMs);
    const settled: OutboxEntry = {
      ...claimed,
      status: failure === undefined ? 'done' : giveUp ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: failure === undefined || giveUp ? claimed.nextAttemptAt : new Date(now.getTime() + backoff).toISOString(),
      version: claimed.version + 1,
      ...(failure === undefined ? {} : { lastError: failure }),
    };
    const log: EventLogDoc = {
      _id: `${entry._id}:attempt:${attempts}`,
      recordId: entry.recordId,
      entity: entry.entity,
      version: 0,
      type: entry.action,
      kind: failure === undefined ? 'effect' : 'effect-failed',
      actor: entry.actor,
      at: now.toISOString(),
      effect: { id: entry._id, action: entry.action, attempts, ...(failure === undefined ? {} : { error: failure }) },
    };
    const ops: WriteOp[] = [{ op: 'put', collection: OUTBOX, doc: settled, expectVersion: claimed.version }];
    // The engine's own bookkeeping shows on the timeline only when it fails.
    if (!entry.internal || failure !== undefined) ops.push({ op: 'put', collection: EVENTS, doc: log });
    await this.store.commit(ops).catch((error: unknown) => {
      // Lost the lease to another worker meanwhile: it will settle the entry.
      if (!(error instanceof VersionConflictError)) throw error;
    });
    return true;
  }
}
