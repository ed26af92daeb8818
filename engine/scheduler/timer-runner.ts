/**
 * Runs the jobs of due timers in batches, when this process is the only one using the
 * embedded store (the store admits one process per data directory, so no lock is needed
 * to run a job once). Agenda still keeps the jobs' shape, the recurring jobs, and runs
 * timers with MongoDB, where several processes share the jobs and its locks decide.
 *
 * Why beside Agenda: Agenda runs one job at a time through its lock, its queue and three
 * writes of the job's state, about half the cost of firing a reminder. Here the jobs due
 * together are read from the in-memory due index and handed to the engine at once
 * (`fireTimers`), which consumes the timers and their jobs in one commit. No polling
 * decides lateness: a job written by this process wakes the runner at its due time.
 *
 * Guarantees as with Agenda: a timer fires once (its document is version-checked in the
 * firing commit, which also deletes the job); a crash before that commit fires it at the
 * next start; a failure is retried with the same backoff, and logged.
 */
import type { BackoffStrategy } from 'agenda';
import { ensureError } from '../errors.js';
import type { DueTimer, SchedulerPort } from '../runtime/scheduler-port.js';
import type { StoredJob } from './job-doc.js';
import type { StoreJobRepository } from './store-job-repository.js';

export interface TimerRunnerOptions {
  /** The job name of timers. */
  jobName: string;
  /** Timers handed to the engine at once. */
  batchSize: number;
  /** Batches running at once (one may plan while another waits on its commit). */
  batches: number;
  /** The longest sleep between two looks at the due index (a safety net: writes wake it). */
  pollMs: number;
  backoff: BackoffStrategy;
  log: (message: string, error?: Error) => void;
  /** The timer a job id names, when the id says (it saves reading the job); else its data is read. */
  timerOf: (jobId: string) => DueTimer | undefined;
}

export class TimerRunner {
  #sleep: NodeJS.Timeout | undefined;
  /** When the runner wakes next (ms), Infinity while it is not sleeping. */
  #wakeAt = Infinity;
  #stopped = true;
  /** Jobs being fired now. */
  readonly #busy = new Set<string>();
  readonly #running = new Set<Promise<void>>();
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly repository: StoreJobRepository,
    private readonly port: Pick<SchedulerPort, 'fireTimers'>,
    private readonly options: TimerRunnerOptions,
  ) {}

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#unsubscribe = this.repository.onChange((doc) => {
      if (doc?.name === this.options.jobName && doc.nextRunAt !== null && doc.nextRunAt < this.#wakeAt && doc.disabled !== true) this.#wake(doc.nextRunAt);
    });
    this.#look();
  }

  /** Stop waking, and wait for the batches running. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    clearTimeout(this.#sleep);
    this.#wakeAt = Infinity;
    await Promise.allSettled([...this.#running]);
  }

  #wake(at: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#sleep);
    this.#wakeAt = at;
    this.#sleep = setTimeout(() => this.#look(), Math.min(Math.max(0, at - Date.now()), this.options.pollMs));
  }

  /** Start batches of the jobs due now, as many as may run; else sleep until the next is due. */
  #look(): void {
    this.#sleep = undefined;
    this.#wakeAt = Infinity;
    if (this.#stopped) return;
    const { batchSize, batches, jobName } = this.options;
    while (this.#running.size < batches) {
      const ids = this.repository
        .dueIds(jobName, Date.now(), batchSize + this.#busy.size)
        .filter((id) => !this.#busy.has(id))
        .slice(0, batchSize);
      if (ids.length === 0) break;
      const run = this.#fire(ids);
      this.#running.add(run);
      void run.then(() => {
        this.#running.delete(run);
        // On the next turn: requests and timers go between batches, whatever a batch was.
        setImmediate(() => this.#look());
      });
    }
    // A batch ending looks again; with none running, sleep until the next job is due.
    if (this.#running.size === 0) this.#wake(this.repository.nextDue(jobName) ?? Date.now() + this.options.pollMs);
  }

  async #fire(ids: string[]): Promise<void> {
    for (const id of ids) this.#busy.add(id);
    try {
      const due = await Promise.all(ids.map((id) => this.#timer(id)));
      const jobs = ids.filter((_, i) => due[i] !== undefined);
      const results = await this.port.fireTimers(due.filter((d): d is DueTimer => d !== undefined));
      const done: string[] = [];
      for (const [i, result] of results.entries()) {
        if (result.status === 'fulfilled') done.push(jobs[i]);
        else await this.#failed(jobs[i], ensureError(result.reason));
      }
      // The firing commit ended the job of each timer it consumed; the others (stale) end here.
      const left = done.filter((id) => this.repository.holds(id));
      if (left.length > 0) await this.repository.removeJobs({ ids: left });
    } catch (error) {
      // The store failed around the firing: the jobs stay due and are tried again.
      this.options.log(`timers ${ids.join(', ')} could not be fired`, ensureError(error));
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, this.options.pollMs)));
    } finally {
      for (const id of ids) this.#busy.delete(id);
    }
  }

  /** The timer of job `id`, if it is still a due timer job. */
  async #timer(id: string): Promise<DueTimer | undefined> {
    const named = this.options.timerOf(id);
    if (named) return named;
    const job = await this.repository.getJobById(id);
    const due = job !== null && job.name === this.options.jobName && job.disabled !== true && job.nextRunAt !== null && job.nextRunAt.getTime() <= Date.now();
    if (!due) {
      // The due index was wrong about it: take what the Store holds, or it would be proposed again at once.
      this.repository.observe(id, await this.repository.store.get<StoredJob>(this.repository.collection, id));
      return undefined;
    }
    const { key, instance } = job.data as DueTimer;
    return { key, instance };
  }

  /** A failed firing runs again after the backoff, or no more once it is exhausted (as with Agenda). */
  async #failed(id: string, error: Error): Promise<void> {
    const job = await this.repository.getJobById(id);
    if (!job) return;
    const attempt = (job.failCount ?? 0) + 1;
    this.options.log(`job ${job.name} ${JSON.stringify(job.data)} failed (attempt ${attempt})`, error);
    const delay = this.options.backoff({ attempt, error, jobName: job.name, jobData: job.data });
    const now = new Date();
    // The state Agenda saves after a failed run.
    await this.repository.saveJobState(
      { ...job, failCount: attempt, failReason: error.message, failedAt: now, lastRunAt: now, lastFinishedAt: now, nextRunAt: delay === null ? null : new Date(now.getTime() + delay) },
      undefined,
    );
  }
}
