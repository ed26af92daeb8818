/**
 * The scheduler (DESIGN.md: "delays become durable scheduled jobs"): Agenda 6 on our
 * Store backend, or on @agendajs/mongo-backend with MONGODB_URL. It owns *when*; the
 * engine owns *what* (engine/runtime/scheduler-port.ts). Several processes may run it
 * over one MongoDB: Agenda's locks make each job run once, and every engine call it
 * makes is idempotent per timer instance or per recurring run.
 *
 * Timers: the engine hands it `timers.sync` changes from its outbox (`apply`), each
 * becoming or removing one Agenda job `tourflow.timer` unique by (timer, instance). At
 * start it rebuilds missing jobs from the armed timers and drops jobs of timers gone.
 * On the embedded store (one process per data directory) the timer jobs due together are
 * run in batches beside Agenda, many firings to a commit (./timer-runner.ts); with MongoDB,
 * Agenda runs them one by one under its locks.
 */
import { hostname } from 'node:os';
import { isatty } from 'node:tty';
import createDebug from 'debug';
import { Agenda, backoffStrategies, toJobId, type AgendaBackend, type Job, type NotificationChannel } from 'agenda';
import { ensureError } from '../errors.js';
import type { SchedulerPort, TimerSink, TimerSyncOp } from '../runtime/scheduler-port.js';
import type { Store, WriteOp } from '../store/store.js';
import { StoreAgendaBackend, type OwnedBackend } from './agenda-backends.js';
import { jobFields, type StoredJob } from './job-doc.js';
import { declareRecurring, declareRepeating, recurringJobName, type RecurringPack } from './recurring-jobs.js';
import { TimerRunner } from './timer-runner.js';
import { DEFAULT_TIMEZONE } from '../runtime/core/index.js';

// Agenda derives a `debug` logger on every step of every job, and each one asks whether
// stderr is a terminal (a system call) unless colours are settled: a tenth of the CPU of
// firing timers. Settle them once, as DEBUG_COLORS would.
const debugOptions = (createDebug.inspectOpts ??= {});
if (!('colors' in debugOptions)) debugOptions.colors = isatty(process.stderr.fd);

/** A job of the server itself (not of a pack) on a cron expression in the business time zone. */
export interface SystemJob {
  id: string;
  cron: string;
  run: () => Promise<void>;
}

/** The Agenda job name of system job `id`. */
export function systemJobName(id: string): string {
  return `tourflow.system:${id}`;
}

/** The Agenda job name of every timer. */
export const TIMER_JOB = 'tourflow.timer';

/** The job id of a timer instance, when the jobs live in the Store (one job per instance). */
export function timerJobId(key: string, instance: number): string {
  return `timer:${key}#${instance}`;
}

/** The timer instance a job id of `timerJobId` names. */
export function timerOfJobId(id: string): { key: string; instance: number } | undefined {
  const hash = id.lastIndexOf('#');
  const instance = Number(id.slice(hash + 1));
  if (!id.startsWith('timer:') || hash < 0 || !Number.isSafeInteger(instance) || timerJobId(id.slice(6, hash), instance) !== id) return undefined;
  return { key: id.slice(6, hash), instance };
}

interface TimerJobData {
  key: string;
  instance: number;
  recordId: string;
}

export interface SchedulerOptions {
  /** How often Agenda looks for due jobs, and how far ahead it locks them (ms). Default 5000. */
  processEveryMs?: number;
  /** Timers fired at once by this process. Default 100. */
  timerConcurrency?: number;
  /** How long a job may run before another process may take it over (ms). Default 10 minutes. */
  lockLifetimeMs?: number;
  /** Time zone of recurring jobs that name none. Default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /** The clock recurring jobs read "today" from. */
  now?: () => Date;
  /** This process in job locks. Default `<host>:<pid>`. */
  name?: string;
  /**
   * With our Store backend, write timer jobs in the engine's own commits (default true).
   * False makes them travel through the outbox, as they must with MongoDB's backend.
   */
  jobsInEngineCommits?: boolean;
  /** Where failures of jobs are reported. Default console.error. */
  log?: (message: string, error?: Error) => void;
}

/** Where jobs are kept: MongoDB when a URL is given, else the Store. */
export interface SchedulerTarget {
  store: Store;
  mongodbUrl?: string;
}

/** The outcome of opening Agenda's backend, without Agenda's unhandled rejection on failure. */
function guarded(backend: AgendaBackend): { backend: AgendaBackend; connected: Promise<void> } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const connected = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const wrapper: AgendaBackend = {
    name: backend.name,
    repository: backend.repository,
    notificationChannel: backend.notificationChannel,
    ownsConnection: backend.ownsConnection,
    connect: () =>
      backend.connect().then(resolve, (error: unknown) => {
        reject(ensureError(error));
        // Agenda chains `.then(emit ready)` without a catch: never settle it.
        return new Promise<void>(() => undefined);
      }),
    disconnect: () => backend.disconnect(),
  };
  return { backend: wrapper, connected };
}

/**
 * @example
 * const scheduler = await Scheduler.open({ store });
 * const engine = await createEngine({ store, registry, definitions, timers: scheduler });
 * await scheduler.start(engine, [{ pack: 'crm', jobs: loaded.pack.recurring }]);
 * // …
 * await scheduler.stop();
 */
export class Scheduler implements TimerSink {
  readonly #agenda: Agenda;
  readonly #owned: OwnedBackend | undefined;
  /** Our Store backend, when the jobs live in the engine's store. */
  readonly #local: StoreAgendaBackend | undefined;
  readonly #options: Required<SchedulerOptions>;
  /** Handlers running now, awaited by stop(). */
  readonly #running = new Set<Promise<unknown>>();
  /** Fires timers in batches when this process alone uses the embedded store (./timer-runner.ts). */
  #runner: TimerRunner | undefined;
  #started = false;
  #refillQueued = false;

  private constructor(agenda: Agenda, backend: OwnedBackend | StoreAgendaBackend, options: Required<SchedulerOptions>) {
    this.#agenda = agenda;
    if (backend instanceof StoreAgendaBackend) this.#local = backend;
    else this.#owned = backend;
    this.#options = options;
  }

  /** Connect to the jobs' storage; nothing runs before `start`. */
  static async open(target: SchedulerTarget, options: SchedulerOptions = {}): Promise<Scheduler> {
    const resolved: Required<SchedulerOptions> = {
      processEveryMs: 5000,
      timerConcurrency: 100,
      lockLifetimeMs: 10 * 60_000,
      timeZone: DEFAULT_TIMEZONE,
      now: () => new Date(),
      name: `${hostname()}:${process.pid}`,
      log: (message, error) => console.error(`[scheduler] ${message}`, error ?? ''),
      jobsInEngineCommits: true,
      ...options,
    };
    const owned = target.mongodbUrl ? await (await import('./mongo-agenda-backend.js')).openMongoAgendaBackend(target.mongodbUrl) : undefined;
    const local = owned ? undefined : new StoreAgendaBackend(target.store, { indexedFields: ['data.key'] });
    const { backend, connected } = guarded(owned?.backend ?? (local as StoreAgendaBackend));
    const agenda = new Agenda({
      backend,
      name: resolved.name,
      processEvery: resolved.processEveryMs,
      defaultLockLifetime: resolved.lockLifetimeMs,
      maxConcurrency: Math.max(20, resolved.timerConcurrency + 10),
    });
    try {
      await connected;
    } catch (error) {
      await owned?.close();
      throw error;
    }
    return new Scheduler(agenda, owned ?? (local as StoreAgendaBackend), resolved);
  }

  /**
   * With our Store backend, the jobs of timer changes are written in the engine's own
   * commit: one job per timer instance, under an id derived from it. Undefined with
   * MongoDB's backend (the engine then queues the changes on its outbox for `apply`).
   */
  inline(ops: TimerSyncOp[]): { writes: WriteOp[]; committed: () => void } | undefined {
    return this.#options.jobsInEngineCommits ? this.#timerJobWrites(ops) : undefined;
  }

  #timerJobWrites(ops: TimerSyncOp[]): { writes: WriteOp[]; committed: () => void } | undefined {
    const local = this.#local;
    if (!local) return undefined;
    const collection = local.repository.collection;
    const docs = ops.map((op): [string, StoredJob | undefined] => [timerJobId(op.key, op.instance), op.op === 'schedule' ? this.#timerJob(op) : undefined]);
    const writes = docs.map(([id, doc]): WriteOp => (doc ? { op: 'put', collection, doc } : { op: 'delete', collection, id }));
    const committed = () => {
      for (const [id, doc] of docs) local.repository.observe(id, doc);
      const channel = local.notificationChannel;
      // The runner learns of them through `observe`; Agenda runs them only with no runner.
      if (channel.state !== 'connected' || this.#runner) return;
      for (const [id, doc] of docs) {
        if (!doc) continue;
        // Lets this process lock a timer due before its next poll at once, as Agenda's own save does.
        const nextRunAt = doc.nextRunAt === null ? null : new Date(doc.nextRunAt);
        channel.publish({ jobId: toJobId(id), jobName: TIMER_JOB, nextRunAt, priority: 0, timestamp: new Date() }).catch(() => undefined);
      }
    };
    return { writes, committed };
  }

  #timerJob(op: Extract<TimerSyncOp, { op: 'schedule' }>): StoredJob {
    const data: TimerJobData = { key: op.key, instance: op.instance, recordId: op.recordId };
    const fields = jobFields({ name: TIMER_JOB, priority: 0, type: 'normal', nextRunAt: new Date(op.dueAt), data }, this.#options.name);
    return { _id: timerJobId(op.key, op.instance), version: 1, ...fields };
  }

  /** Make the jobs follow timer changes (from the engine's outbox, or at start; idempotent). */
  async apply(ops: TimerSyncOp[]): Promise<void> {
    const local = this.#local;
    if (local) {
      // Only jobs not there yet: a put over an existing one could undo its lock.
      const fresh: TimerSyncOp[] = [];
      for (const op of ops) {
        if (op.op === 'cancel' || !(await local.repository.getJobById(timerJobId(op.key, op.instance)))) fresh.push(op);
      }
      const inline = this.#timerJobWrites(fresh);
      if (!inline || inline.writes.length === 0) return;
      await local.repository.store.commit(inline.writes);
      inline.committed();
      return;
    }
    for (const op of ops) {
      if (op.op === 'cancel') {
        await this.#agenda.cancel({ name: TIMER_JOB, data: { key: op.key, instance: op.instance } });
        continue;
      }
      const data: TimerJobData = { key: op.key, instance: op.instance, recordId: op.recordId };
      await this.#agenda
        .create(TIMER_JOB, data)
        .unique({ 'data.key': op.key, 'data.instance': op.instance }, { insertOnly: true })
        .schedule(new Date(op.dueAt))
        .save();
    }
  }

  /** Define the jobs, reconcile timers, declare the packs' recurring jobs and the system's, and start polling. */
  async start(port: SchedulerPort, recurring: RecurringPack[] = [], system: SystemJob[] = []): Promise<void> {
    if (this.#started) return;
    const backoff = backoffStrategies.exponential({ delay: 1000, maxDelay: 5 * 60_000, maxRetries: 10 });
    if (this.#local?.repository.singleProcess) {
      const { timerConcurrency, processEveryMs, log } = this.#options;
      this.#runner = new TimerRunner(this.#local.repository, port, { jobName: TIMER_JOB, batchSize: timerConcurrency, batches: 6, pollMs: processEveryMs, backoff, log, timerOf: timerOfJobId });
    } else {
      this.#agenda.define(TIMER_JOB, (job: Job<TimerJobData>) => this.#track(port.fireTimer(job.attrs.data.key, job.attrs.data.instance)), {
        concurrency: this.#options.timerConcurrency,
        // Agenda scans its in-memory queue of locked jobs on every step: keep it short…
        lockLimit: this.#options.timerConcurrency * 2,
        removeOnComplete: true,
        backoff,
      });
      // …and lock the next ones as soon as a slot frees, not at the next poll.
      this.#agenda.on(`complete:${TIMER_JOB}`, () => this.#refill());
    }
    const context = {
      agenda: this.#agenda,
      port,
      timeZone: this.#options.timeZone,
      now: this.#options.now,
      define: (name: string, handler: (job: Job) => Promise<void>) => this.#agenda.define(name, (job: Job) => this.#track(handler(job)), { concurrency: 1, removeOnComplete: true, backoff }),
    };
    const names = await declareRecurring(context, recurring);
    const systemJobs = system.map((job) => ({ name: systemJobName(job.id), cron: job.cron, timeZone: this.#options.timeZone, data: { system: job.id }, run: job.run }));
    const systemNames = await declareRepeating(context, systemJobs);
    // Jobs of recurring declarations removed or disabled since the last start.
    await this.#agenda.cancel({ notNames: [TIMER_JOB, ...names, ...systemNames] });
    await this.#reconcile(port);
    this.#agenda.on('fail', (error: Error, job: Job) => {
      this.#options.log(`job ${job.attrs.name} ${JSON.stringify(job.attrs.data)} failed (attempt ${job.attrs.failCount ?? 1})`, error);
    });
    await this.#agenda.start();
    this.#runner?.start();
    this.#started = true;
  }

  /** Stop polling, release the jobs locked but not started, wait for running ones (up to `timeoutMs`). */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.#started) {
      this.#started = false;
      await this.#agenda.stop(false);
      const runner = this.#runner?.stop();
      if (runner) this.#running.add(runner);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.allSettled([...this.#running]), timeout]);
      clearTimeout(timer);
    }
    await this.#owned?.close();
  }

  /** When a recurring job runs next (null when it does not). */
  nextRun(pack: string, id: string): Promise<Date | null> {
    return this.#nextRunOf(recurringJobName(pack, id));
  }

  /** When system job `id` runs next (null when it does not). */
  nextSystemRun(id: string): Promise<Date | null> {
    return this.#nextRunOf(systemJobName(id));
  }

  async #nextRunOf(name: string): Promise<Date | null> {
    const jobs = (await this.#agenda.queryJobs({ name })).jobs;
    return jobs.find((j) => j.type === 'single')?.nextRunAt ?? null;
  }

  /** Run a recurring job once now, besides its schedule (an admin's "run now"). */
  async runNow(pack: string, id: string): Promise<void> {
    await this.#agenda.now(recurringJobName(pack, id), { pack, id });
  }

  /** Run system job `id` once now, besides its schedule. */
  async runSystemNow(id: string): Promise<void> {
    await this.#agenda.now(systemJobName(id), { system: id });
  }

  /** Armed timers' jobs, for tests and health output. */
  async timerJobs(): Promise<{ key: string; instance: number; nextRunAt: Date | null; lockedAt?: Date }[]> {
    const { jobs } = await this.#agenda.queryJobs({ name: TIMER_JOB });
    return jobs.map((j) => ({ ...(j.data as TimerJobData), nextRunAt: j.nextRunAt, ...(j.lockedAt ? { lockedAt: j.lockedAt } : {}) }));
  }

  /**
   * Jobs for armed timers that have none (their sync was lost), and no job for a timer
   * gone. Jobs are read before timers: a job always follows its timer's commit, so a
   * job missing from the timers read after it belongs to a timer that is gone.
   */
  async #reconcile(port: SchedulerPort): Promise<void> {
    const jobs = (await this.#agenda.queryJobs({ name: TIMER_JOB })).jobs;
    const armed = await port.armedTimers();
    const id = (key: string, instance: number) => `${key}#${instance}`;
    const scheduled = new Set(jobs.map((j) => id((j.data as TimerJobData).key, (j.data as TimerJobData).instance)));
    const wanted = new Set(armed.map((t) => id(t._id, t.instance)));
    const missing = armed.filter((t) => !scheduled.has(id(t._id, t.instance)));
    await this.apply(missing.map((t) => ({ op: 'schedule', key: t._id, instance: t.instance, dueAt: t.dueAt, recordId: t.recordId })));
    const orphans = jobs.filter((j) => !j.lockedAt && !wanted.has(id((j.data as TimerJobData).key, (j.data as TimerJobData).instance)));
    if (orphans.length > 0) await this.#agenda.cancel({ ids: orphans.map((j) => j._id) });
  }

  /** Ask Agenda to lock more due timers now (through its notification channel), once per turn. */
  #refill(): void {
    if (this.#refillQueued || !this.#started) return;
    this.#refillQueued = true;
    setImmediate(() => {
      this.#refillQueued = false;
      const channel: NotificationChannel | undefined = (this.#local ?? this.#owned?.backend)?.notificationChannel;
      if (channel?.state !== 'connected') return;
      // No due time: Agenda ignores a notification due after its `nextScanAt`, which it
      // does not move while its lock limit is reached, so a refill right after a poll that
      // hit the limit would otherwise wait for the next poll (5 s of lateness per poll).
      const notification = { jobId: toJobId(TIMER_JOB), jobName: TIMER_JOB, nextRunAt: null, priority: 0, timestamp: new Date() };
      channel.publish(notification).catch(() => undefined);
    });
  }

  #track(work: Promise<unknown>): Promise<void> {
    this.#running.add(work);
    const done = () => void this.#running.delete(work);
    work.then(done, done);
    return work.then(() => undefined);
  }
}
