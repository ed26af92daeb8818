/**
 * Runs queued effects after commit, at least once. On a store several engine processes
 * share (MongoDB), an entry is claimed with a lease (optimistic concurrency on the entry);
 * on a store one process has to itself (the embedded store) the claim is kept in memory,
 * which saves a commit per effect: the entry is settled with a version check either way.
 * A failure is recorded on the entry and the record's timeline and retried
 * with exponential backoff until `maxAttempts`, then stays visible as `failed`. A user
 * error (not allowed, not valid, not found) fails at once: retrying cannot help.
 *
 * Effects of different records run concurrently (up to `concurrency`); one record's
 * effects run one at a time, in the order they were queued, and a record whose earlier
 * effect waits for a retry runs none of its later ones meanwhile. Each effect has a
 * deadline (`effectTimeoutMs`): one whose target never answers fails like any other and
 * is retried, and holds up nothing else. Stopping waits at most `stopGraceMs` for effects
 * under way; what is still running runs again after a restart (once its lease ends, where
 * entries are claimed in the store).
 *
 * Backpressure: while the worker runs effects more than `maxLagMs` after they fell due (it
 * is behind the commands queueing them), `kick` hands the command a wait, until the worker
 * is back within half of it or for `maxHoldMs` at most. The command is committed already;
 * its answer comes later, so that senders slow to the pace effects run at rather than pile
 * up a backlog. Effects waiting for a retry are not due and hold nobody up.
 */
import { ensureError, RetryLaterError, TourflowError, UserError, VersionConflictError } from '../../errors.js';
import type { Store, WriteOp } from '../../store/store.js';
import { queueOrder, type OutboxEntry } from './outbox.js';
import { NOTIFICATIONS, OUTBOX, EVENTS } from '../../collections.js';
import type { EventLogDoc } from '../core/index.js';

export interface OutboxWorkerOptions {
  /** How often to look for due entries when not kicked. */
  pollMs?: number;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claimed entry is this worker's; past it another worker (or a restart) runs it again. */
  leaseMs?: number;
  /**
   * Where an entry is claimed: `store` (a commit with a lease, for a store several processes
   * share) or `memory` (this worker's own list, for a store only this process opens). Default:
   * `memory` on the embedded store, `store` otherwise.
   */
  claims?: 'store' | 'memory';
  /** Entries read per round. */
  batchSize?: number;
  /** Effects of different records run at once; default 32. */
  concurrency?: number;
  /** How long one effect may take before it counts as failed and is retried; default 30 s. */
  effectTimeoutMs?: number;
  /** How long stop() waits for effects under way before it abandons them to their lease; default 5 s. */
  stopGraceMs?: number;
  /** How late effects may run before commands queueing more are held (backpressure); default 1 s. */
  maxLagMs?: number;
  /** The longest one command is held; default 2 s. */
  maxHoldMs?: number;
  /**
   * Work that goes before effects (timers firing, ./timers-first.ts): `turn()` is what an
   * effect waits for first (undefined: run now), `holding()` whether effects are held back now.
   */
  priority?: { turn(): Promise<void> | undefined; holding(): boolean };
}

/** Runs one effect; `signal` aborts when its deadline passes or the worker stops. */
export type EffectExecutor = (entry: OutboxEntry, signal: AbortSignal) => Promise<void>;

type Outcome = 'done' | 'retry' | 'failed' | 'lost';

export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = false;
  /** Not started (`autoStart: false`): effects run only when drain() is called. */
  private started = false;
  private readonly options: Required<OutboxWorkerOptions>;
  /** Effects under way, so that stop() can abort them. */
  private readonly inFlight = new Set<AbortController>();
  /** Records with effects waiting for their retry, and which: only those run for the record until they settle. */
  private readonly waitingRetry = new Map<string, Set<string>>();
  private retriesLoaded = false;
  /** How long after falling due the oldest effect of the current round started; 0 when idle. */
  private lagMs = 0;
  /** Commands held until the worker catches up (see `kick`). */
  private readonly held = new Set<() => void>();
  /** Entries this worker runs now, when claims are kept in memory. */
  private readonly claimed = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly execute: EffectExecutor,
    options: OutboxWorkerOptions = {},
  ) {
    this.options = {
      pollMs: 1000,
      maxAttempts: 8,
      backoffMs: 1000,
      maxBackoffMs: 300_000,
      leaseMs: 60_000,
      batchSize: 500,
      concurrency: 32,
      effectTimeoutMs: 30_000,
      stopGraceMs: 5_000,
      maxLagMs: 1000,
      maxHoldMs: 2000,
      priority: { turn: () => undefined, holding: () => false },
      claims: store.kind === 'embedded' ? 'memory' : 'store',
      ...options,
    };
  }

  start(): void {
    this.started = true;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stop taking effects; wait for those under way at most `stopGraceMs`, then abort them. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const release of [...this.held]) release();
    clearTimeout(this.timer);
    const running = this.running;
    if (!running) return;
    let graceTimer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (graceTimer = setTimeout(resolve, this.options.stopGraceMs)));
    await Promise.race([running.then(() => undefined, () => undefined), grace]);
    clearTimeout(graceTimer);
    // Still running: abort them; their entries keep the lease and run again after a restart.
    for (const controller of this.inFlight) controller.abort(new Error('The engine stopped before the effect finished'));
  }

  /**
   * Ask for a run soon (after a commit queued effects). While the worker is behind, the
   * promise resolves once it has caught up (or after `maxHoldMs`): the committing command
   * awaits it before it answers.
   */
  kick(): Promise<void> | undefined {
    if (this.stopped || !this.started) return undefined;
    if (this.running) this.again = true;
    else this.schedule(0);
    // Effects held back for timers firing are late on purpose, not because the worker is behind.
    if (this.lagMs <= this.options.maxLagMs || this.options.priority.holding()) return undefined;
    return new Promise<void>((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, this.options.maxHoldMs);
      this.held.add(release);
    });
  }

  /** Note how late the round starting now runs (`due`: its entries), releasing held commands once caught up. */
  private noteLag(due: readonly OutboxEntry[]): void {
    const now = Date.now();
    // Entries held back behind a retry of their record wait by design: they are not late.
    const runnable = due.filter((entry) => this.waitingRetry.get(entry.recordId)?.has(entry._id) !== false);
    this.lagMs = runnable.reduce((lag, entry) => Math.max(lag, now - Date.parse(entry.nextAttemptAt)), 0);
    if (this.lagMs <= this.options.maxLagMs / 2) for (const release of [...this.held]) release();
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain().catch(() => undefined), delay);
    this.timer.unref();
  }

  /**
   * Run every entry due now; resolves with how many ran (succeeded or failed). A round
   * already under way may have read its entries before the latest commits: wait for it,
   * then run another.
   */
  async drain(): Promise<number> {
    while (this.running) await this.running.catch(() => 0);
    this.running = this.drainLoop();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
      if (this.started && !this.stopped) this.schedule(this.again ? 0 : this.options.pollMs);
      this.again = false;
    }
  }

  private async drainLoop(): Promise<number> {
    await this.loadRetries();
    let total = 0;
    for (;;) {
      if (this.stopped) return total;
      const due = await this.store.find<OutboxEntry>(
        OUTBOX,
        { status: { $in: ['pending', 'running'] }, nextAttemptAt: { $lte: new Date().toISOString() } },
        { sort: { createdAt: 1 }, limit: this.options.batchSize },
      );
      this.noteLag(due);
      if (due.length === 0) return total;
      const { ran, heldBack } = await this.runBatch(due);
      total += ran;
      // Nothing ran: what is due waits behind retries. Otherwise go on while entries remain:
      // a full batch, or ones held back behind a retry that may have succeeded since.
      if (ran === 0 || (due.length < this.options.batchSize && heldBack === 0)) return total;
    }
  }

  /** One round: each record's entries in order, records side by side. */
  private async runBatch(due: OutboxEntry[]): Promise<{ ran: number; heldBack: number }> {
    const byRecord = new Map<string, OutboxEntry[]>();
    let heldBack = 0;
    for (const entry of due) {
      const waiting = this.waitingRetry.get(entry.recordId);
      // An earlier effect of this record waits for its retry: later ones wait behind it.
      if (waiting !== undefined && !waiting.has(entry._id)) {
        heldBack++;
        continue;
      }
      const queue = byRecord.get(entry.recordId);
      if (queue) queue.push(entry);
      else byRecord.set(entry.recordId, [entry]);
    }
    const queues = [...byRecord.values()].map((queue) => queue.sort(queueOrder));
    let ran = 0;
    let next = 0;
    const lane = async () => {
      while (next < queues.length && !this.stopped) {
        const queue = queues[next++] ?? [];
        for (const entry of queue) {
          const wait = this.options.priority.turn();
          if (wait) await wait;
          if (this.stopped) return;
          const outcome = await this.runOne(entry);
          if (outcome !== 'lost') ran++;
          if (outcome === 'retry') {
            heldBack += queue.length - queue.indexOf(entry) - 1;
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queues.length) }, lane));
    return { ran, heldBack };
  }

  /** Which records wait for a retry, as the store says (once; this worker keeps it current). */
  private async loadRetries(): Promise<void> {
    if (this.retriesLoaded) return;
    const retrying = await this.store.find<OutboxEntry>(OUTBOX, { status: 'pending', $or: [{ attempts: { $gt: 0 } }, { postponed: { $exists: true } }] });
    for (const entry of retrying) this.noteRetry(entry, true);
    this.retriesLoaded = true;
  }

  private noteRetry(entry: OutboxEntry, waiting: boolean): void {
    const ids = this.waitingRetry.get(entry.recordId);
    if (waiting) {
      if (ids) ids.add(entry._id);
      else this.waitingRetry.set(entry.recordId, new Set([entry._id]));
    } else if (ids?.delete(entry._id) && ids.size === 0) this.waitingRetry.delete(entry.recordId);
  }

  private async runOne(entry: OutboxEntry): Promise<Outcome> {
    if (this.options.claims === 'memory') {
      // Still under way from a round an earlier stop() abandoned: that run settles it.
      if (this.claimed.has(entry._id)) return 'lost';
      this.claimed.add(entry._id);
      try {
        return await this.runClaimed(entry, entry);
      } finally {
        this.claimed.delete(entry._id);
      }
    }
    const claimed: OutboxEntry = {
      ...entry,
      status: 'running',
      nextAttemptAt: new Date(Date.now() + this.options.leaseMs).toISOString(),
      version: entry.version + 1,
    };
    try {
      await this.store.commit([{ op: 'put', collection: OUTBOX, doc: claimed, expectVersion: entry.version }]);
    } catch (error) {
      if (error instanceof VersionConflictError) return 'lost'; // another worker has it
      throw error;
    }
    return this.runClaimed(entry, claimed);
  }

  /** Run a claimed entry (`claimed`: as stored now) and settle it. */
  private async runClaimed(entry: OutboxEntry, claimed: OutboxEntry): Promise<Outcome> {
    const { failure, code, permanent, later } = await this.attempt(claimed);
    if (later) return this.postpone(claimed, later, failure ?? '');
    const attempts = entry.attempts + 1;
    const now = new Date();
    const giveUp = failure !== undefined && (permanent || attempts >= this.options.maxAttempts);
    const backoff = Math.min(this.options.backoffMs * 2 ** (attempts - 1), this.options.maxBackoffMs);
    const settled: OutboxEntry = {
      ...claimed,
      status: failure === undefined ? 'done' : giveUp ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: failure === undefined || giveUp ? claimed.nextAttemptAt : new Date(now.getTime() + backoff).toISOString(),
      version: claimed.version + 1,
      settledAt: now.toISOString(),
      ...(failure === undefined ? {} : { lastError: failure, ...(code ? { lastErrorCode: code } : {}) }),
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
      effect: { id: entry._id, action: entry.action, attempts, ...(failure === undefined ? {} : { error: failure, ...(code ? { code } : {}), final: giveUp }) },
    };
    const ops: WriteOp[] = [{ op: 'put', collection: OUTBOX, doc: settled, expectVersion: claimed.version }];
    // The engine's own bookkeeping shows on the timeline only when it fails.
    if (!entry.internal || failure !== undefined) ops.push({ op: 'put', collection: EVENTS, doc: log });
    // Given up: the person whose action set it off hears of it, in the same commit.
    if (giveUp && !entry.actor.startsWith('system:')) ops.push({ op: 'put', collection: NOTIFICATIONS, doc: failureNotice(entry, now) });
    try {
      await this.store.commit(ops);
    } catch (error) {
      // Lost the lease to another worker meanwhile: it will settle the entry.
      if (!(error instanceof VersionConflictError)) throw error;
      return 'lost';
    }
    this.noteRetry(entry, settled.status === 'pending');
    return settled.status === 'pending' ? 'retry' : settled.status === 'done' ? 'done' : 'failed';
  }

  /**
   * Run the effect within its deadline: the failure's message (none on success), and
   * whether retrying cannot help (a user error: not allowed, not valid, not found).
   */
  /** The effect may only run from `at` (advertising hours): it waits, no attempt counted, holding back the record's later effects. */
  private async postpone(claimed: OutboxEntry, at: Date, reason: string): Promise<Outcome> {
    const waiting: OutboxEntry = { ...claimed, status: 'pending', nextAttemptAt: at.toISOString(), postponed: reason, version: claimed.version + 1 };
    try {
      await this.store.commit([{ op: 'put', collection: OUTBOX, doc: waiting, expectVersion: claimed.version }]);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      return 'lost';
    }
    this.noteRetry(claimed, true);
    return 'retry';
  }

  private async attempt(entry: OutboxEntry): Promise<{ failure?: string; code?: string; permanent: boolean; later?: Date }> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const deadline = setTimeout(
      () => controller.abort(new Error(`The effect did not finish within ${Math.round(this.options.effectTimeoutMs / 1000)} s`)),
      this.options.effectTimeoutMs,
    );
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(ensureError(controller.signal.reason)), { once: true });
    });
    try {
      await Promise.race([this.execute(entry, controller.signal), aborted]);
      return { permanent: false };
    } catch (error) {
      if (error instanceof RetryLaterError) return { permanent: false, later: error.at, failure: error.message };
      const permanent = error instanceof UserError && error.code !== 'version-conflict';
      const code = error instanceof TourflowError ? error.code : controller.signal.aborted ? 'effect-timeout' : 'effect-failed';
      return { failure: ensureError(error).message, code, permanent };
    } finally {
      clearTimeout(deadline);
      this.inFlight.delete(controller);
    }
  }
}

/** The inbox message that tells a person an automation of theirs did not run. */
function failureNotice(entry: OutboxEntry, now: Date) {
  return {
    _id: `${entry._id}:failed`,
    user: entry.actor,
    message: {
      vi: 'Một bước tự động từ thao tác của bạn không chạy được: xem lý do ở lịch sử hồ sơ; quản trị viên có thể cho chạy lại.',
      en: 'An automation set off by your action did not run: the record’s timeline says why, and an admin can run it again.',
    },
    link: { entity: entry.entity, id: entry.recordId },
    read: false,
    createdAt: now.toISOString(),
  };
}
