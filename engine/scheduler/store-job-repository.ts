/**
 * Agenda's `JobRepository` over the tourflow Store (DESIGN.md decision 5: Agenda runs on
 * the embedded store too). It mirrors @agendajs/mongo-backend operation by operation, so
 * that one behaviour suite passes against both (tests/engine/scheduler/).
 *
 * The lock order comes from an in-memory index (./due-index.ts) shared by every
 * repository over the same Store object; it only proposes candidates. A lock is taken:
 * - on the embedded store, in memory, shared by every Agenda instance of the process:
 *   the store admits one process per data directory, so no other process can want the
 *   job, and a lock outliving its process is meaningless (locks found on disk when the
 *   store is first connected are released at once, instead of after `lockLifetime`).
 *   The state Agenda saves when a run starts stays in memory and is written with its end;
 * - on any other store, by a commit that expects the version it read (optimistic), so
 *   that two processes never lock the same job.
 */
import { randomUUID } from 'node:crypto';
import type { JobParameters, JobRepository, JobRepositoryOptions, JobsOverview, JobsQueryOptions, JobsResult, RemoveJobsOptions } from 'agenda';
import { DuplicateKeyError, UnexpectedError, VersionConflictError } from '../errors.js';
import type { Filter, Store, WriteOp } from '../store/store.js';
import { jobFields, jobStateFields, nextRunAfterCrash, toJobParameters, type JobFields, type StoredJob } from './job-doc.js';
import { distinctJobNames, jobsOverview, queryJobs, queueSize, type JobReads } from './job-reads.js';
import { assertSafeUnique, selectionFilter } from './job-query.js';
import { SharedJobState } from './job-state.js';
import { AGENDA_JOBS } from '../collections.js';

const WRITE_ATTEMPTS = 8;
const CANDIDATES_PER_ROUND = 16;

export interface StoreJobRepositoryOptions {
  collection?: string;
  /** Job fields queried by equality often (e.g. `data.key`), indexed by the Store. */
  indexedFields?: string[];
  /**
   * Whether this process is the only one using the store: then locks are kept in memory
   * and those found on disk at the first connect are released. Default: true for the
   * embedded store (one process per data directory), false otherwise.
   */
  singleProcess?: boolean;
}

// A job state saved for a job that is not there (worded as MongoDB's backend words it).
const gone = (id: string, name: string): Error => new Error(`job ${id} (name: ${name}) cannot be updated in the database, maybe it does not exist anymore?`);
/**
 * @example
 * const repository = new StoreJobRepository(store, { indexedFields: ['data.key'] });
 * const agenda = new Agenda({ backend: new StoreAgendaBackend(repository) });
 */
export class StoreJobRepository implements JobRepository {
  readonly collection: string;
  readonly #indexedFields: string[];
  readonly #singleProcess: boolean;
  readonly #shared: SharedJobState;
  readonly #reads: JobReads;

  constructor(
    readonly store: Store,
    options: StoreJobRepositoryOptions = {},
  ) {
    this.collection = options.collection ?? AGENDA_JOBS;
    // `_id` too: Agenda removes and unlocks jobs by id ({ _id: { $in: [...] } }).
    this.#indexedFields = ['_id', 'name', ...(options.indexedFields ?? [])];
    this.#singleProcess = options.singleProcess ?? store.kind === 'embedded';
    this.#shared = SharedJobState.of(store, this.collection);
    this.#reads = { store, collection: this.collection, shared: this.#shared };
  }

  connect(): Promise<void> {
    this.#shared.connected ??= this.#firstConnect();
    return this.#shared.connected;
  }

  async #firstConnect(): Promise<void> {
    await this.store.ensureIndex(this.collection, this.#indexedFields);
    const docs = await this.store.find<StoredJob>(this.collection, {});
    const stale = this.#singleProcess ? docs.filter((d) => d.lockedAt !== null) : [];
    if (stale.length > 0) {
      const released = stale.map((d): StoredJob => ({ ...d, lockedAt: null, nextRunAt: nextRunAfterCrash(d), version: d.version + 1 }));
      await this.store.commit(released.map((d, i) => this.#putOp(d, stale[i]?.version)));
      for (const doc of released) docs[docs.findIndex((d) => d._id === doc._id)] = doc;
    }
    this.#shared.index.clear();
    this.#shared.locks.clear();
    this.#shared.runs.clear();
    for (const doc of docs) this.#shared.note(doc._id, doc);
  }

  /**
   * Learn about a job written by someone else's commit (the engine arms timer jobs in
   * its own commits): what the Store now holds under `id`.
   */
  observe(id: string, doc: StoredJob | undefined): void {
    this.#shared.note(id, doc);
  }

  /** Whether this process is the only one using the store (then no lock is needed to run a job). */
  get singleProcess(): boolean {
    return this.#singleProcess;
  }

  /** Ids of the unlocked jobs of `name` due by `at` (ms), earliest first, at most `limit`. */
  dueIds(name: string, at: number, limit: number): string[] {
    return this.#shared.index.candidates(name, at, -Infinity, limit);
  }

  /** When the earliest unlocked job of `name` is due (ms); undefined when none is. */
  nextDue(name: string): number | undefined {
    return this.#shared.index.nextDue(name);
  }

  /** Whether job `id` is known to be stored, enabled, and due some time or locked. */
  holds(id: string): boolean {
    return this.#shared.index.has(id);
  }

  /** Call `listener` with every job this process writes or learns of; returns the unsubscribe. */
  onChange(listener: (doc: StoredJob | undefined) => void): () => void {
    this.#shared.listeners.add(listener);
    return () => void this.#shared.listeners.delete(listener);
  }

  async getJobById(id: string): Promise<JobParameters | null> {
    const doc = await this.#get(String(id));
    return doc ? toJobParameters(doc) : null;
  }

  queryJobs(options: JobsQueryOptions = {}): Promise<JobsResult> {
    return queryJobs(this.#reads, options);
  }

  getJobsOverview(): Promise<JobsOverview[]> {
    return jobsOverview(this.#reads);
  }

  getDistinctJobNames(): Promise<string[]> {
    return distinctJobNames(this.#reads);
  }

  getQueueSize(): Promise<number> {
    return queueSize(this.#reads);
  }

  async removeJobs(options: RemoveJobsOptions): Promise<number> {
    const filter = selectionFilter(options);
    return filter === undefined ? 0 : this.#removeWhere(filter);
  }

  purgeAllJobs(): Promise<number> {
    return this.#removeWhere({});
  }

  disableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.#setDisabled(options, true);
  }

  enableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.#setDisabled(options, false);
  }

  async saveJob<DATA = unknown>(job: JobParameters<DATA>, options: JobRepositoryOptions | undefined): Promise<JobParameters<DATA>> {
    const { _id, unique, uniqueOpts } = job;
    const fields = jobFields(job, options?.lastModifiedBy);
    if (_id) {
      const saved = await this.#update(String(_id), (doc) => (doc.name === fields.name ? fields : undefined), { releaseMemoryLock: true });
      return (saved ? toJobParameters(saved) : job) as JobParameters<DATA>;
    }
    if (fields.type === 'single') {
      return this.#shared.serially(fields.name, () => this.#saveSingle(fields)) as Promise<JobParameters<DATA>>;
    }
    if (unique) {
      assertSafeUnique(unique);
      return this.#shared.serially(fields.name, () => this.#saveUnique(fields, unique, uniqueOpts)) as Promise<JobParameters<DATA>>;
    }
    return toJobParameters(await this.#insert(fields)) as JobParameters<DATA>;
  }

  async saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
    if (!job._id) throw new Error('Cannot save job state without job ID');
    const state = jobStateFields(job, options?.lastModifiedBy);
    const id = String(job._id);
    if (this.#singleProcess && typeof state.lockedAt === 'number') {
      // A run starting: only this process runs jobs, and a crash re-runs an unfinished run at the
      // next start (nextRunAfterCrash). Its state is written with its end: one commit per run.
      const stored = await this.store.get<StoredJob>(this.collection, id);
      if (stored?.name !== job.name) throw gone(id, job.name);
      this.#shared.runs.set(id, state);
      this.#shared.locks.set(id, state.lockedAt);
      this.#shared.note(id, stored);
      return;
    }
    // From here the stored lockedAt is the truth (Agenda clears it when a run ends).
    const saved = await this.#update(id, (doc) => (doc.name === job.name ? state : undefined), { releaseMemoryLock: true });
    if (!saved) throw gone(id, job.name);
  }

  async lockJob(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    if (!job._id) return undefined;
    const expected = job.nextRunAt === null ? null : new Date(job.nextRunAt).getTime();
    const doc = await this.#get(String(job._id));
    if (!doc || doc.name !== job.name || doc.lockedAt !== null || doc.nextRunAt !== expected || doc.disabled === true) {
      return undefined;
    }
    const locked = await this.#lock(doc, Date.now(), options);
    return locked && toJobParameters(locked);
  }

  async unlockJob(job: JobParameters): Promise<void> {
    if (!job._id) return;
    // Only a job that is not running (it still has a next run) is unlocked, as in MongoDB.
    const id = String(job._id);
    const doc = await this.#get(id);
    if (!doc || doc.nextRunAt === null) return;
    this.#shared.release(id);
    await this.#update(id, (current) => (current.lockedAt !== null ? { lockedAt: null } : undefined));
  }

  async unlockJobs(jobIds: string[]): Promise<void> {
    for (const raw of jobIds) {
      const id = String(raw);
      this.#shared.release(id);
      await this.#update(id, (doc) => (doc.lockedAt !== null ? { lockedAt: null } : undefined));
    }
  }

  async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    const scan = nextScanAt.getTime();
    const deadline = lockDeadline.getTime();
    const lockTime = (now ?? new Date()).getTime();
    for (;;) {
      const ids = this.#shared.index.candidates(jobName, scan, deadline, CANDIDATES_PER_ROUND);
      if (ids.length === 0) return undefined;
      let progressed = false;
      for (const id of ids) {
        const doc = await this.#get(id);
        const lockable =
          doc !== undefined &&
          doc.name === jobName &&
          doc.disabled !== true &&
          ((doc.lockedAt === null && doc.nextRunAt !== null && doc.nextRunAt <= scan) ||
            (doc.lockedAt !== null && doc.lockedAt <= deadline));
        if (!lockable) {
          // The index was behind the Store: correct it and try the next candidate.
          this.#shared.note(id, doc);
          progressed = true;
          continue;
        }
        const locked = await this.#lock(doc, lockTime, options);
        if (locked) return toJobParameters(locked);
        progressed = true;
      }
      if (!progressed) return undefined;
    }
  }

  /** Lock `doc` (as read, with its in-memory lock); undefined when another locker got there first. */
  async #lock(doc: StoredJob, at: number, options: JobRepositoryOptions | undefined): Promise<StoredJob | undefined> {
    const lastModifiedBy = options?.lastModifiedBy ?? null;
    if (this.#singleProcess) {
      // Check and set with no await in between: the lock is this process's to give. It is
      // still the lock read (none, or a dead one being taken over) unless a locker came first.
      if ((this.#shared.locks.get(doc._id) ?? doc.lockedAt) !== doc.lockedAt) return undefined;
      this.#shared.locks.set(doc._id, at);
      const locked: StoredJob = { ...doc, lockedAt: at, lastModifiedBy };
      this.#shared.index.set(doc._id, locked);
      return locked;
    }
    const locked: StoredJob = { ...doc, lockedAt: at, lastModifiedBy, version: doc.version + 1 };
    return (await this.#write([this.#putOp(locked, doc.version)], [locked])) ? locked : undefined;
  }

  /** A job as stored, with its in-memory lock. */
  async #get(id: string): Promise<StoredJob | undefined> {
    const doc = await this.store.get<StoredJob>(this.collection, id);
    return doc && this.#shared.effective(doc);
  }

  async #saveSingle(fields: JobFields): Promise<JobParameters> {
    const [existing] = await this.store.find<StoredJob>(this.collection, { name: fields.name, type: 'single' }, { limit: 1 });
    if (!existing) return toJobParameters(await this.#insert(fields));
    // A single job's past due time is kept: re-declaring it must not make it run again.
    const keepDue = fields.nextRunAt !== null && fields.nextRunAt <= Date.now();
    const patch = keepDue ? { ...fields, nextRunAt: existing.nextRunAt } : fields;
    const saved = await this.#update(existing._id, () => patch, { releaseMemoryLock: true });
    return toJobParameters(saved ?? existing);
  }

  async #saveUnique(
    fields: JobFields,
    unique: Record<string, unknown>,
    uniqueOpts: JobParameters['uniqueOpts'],
  ): Promise<JobParameters> {
    const filter: Filter = { ...unique, name: fields.name };
    const [existing] = await this.store.find<StoredJob>(this.collection, filter, { limit: 1 });
    const debounce = uniqueOpts?.debounce;
    const now = Date.now();
    if (!existing) {
      if (debounce?.strategy === 'leading') return toJobParameters(await this.#insert({ ...fields, debounceStartedAt: now }));
      if (debounce) return toJobParameters(await this.#insert({ ...fields, nextRunAt: now + debounce.delay, debounceStartedAt: now }));
      return toJobParameters(await this.#insert(fields));
    }
    if (uniqueOpts?.insertOnly && !debounce) return toJobParameters(existing);
    let patch: Partial<JobFields> = fields;
    if (debounce) {
      const startedAt = existing.debounceStartedAt ?? now;
      if (debounce.strategy === 'leading') patch = { ...fields, nextRunAt: existing.nextRunAt, debounceStartedAt: startedAt };
      else if (debounce.maxWait !== undefined && now - startedAt >= debounce.maxWait) patch = { ...fields, nextRunAt: now, debounceStartedAt: null };
      else patch = { ...fields, nextRunAt: now + debounce.delay, debounceStartedAt: startedAt };
    }
    const saved = await this.#update(existing._id, () => patch, { releaseMemoryLock: true });
    return toJobParameters(saved ?? existing);
  }

  async #insert(fields: JobFields): Promise<StoredJob> {
    const doc: StoredJob = { _id: randomUUID(), version: 1, ...fields };
    await this.#write([{ op: 'insert', collection: this.collection, doc }], [doc]);
    return doc;
  }

  /**
   * Read-modify-write of one job, retried when another writer got there first.
   * `change` returns the fields to set, or undefined to leave the job as it is.
   * Resolves with the job as stored afterwards, or undefined when there is none.
   */
  async #update(
    id: string,
    change: (doc: StoredJob) => Partial<JobFields> | undefined,
    options: { releaseMemoryLock?: boolean } = {},
  ): Promise<StoredJob | undefined> {
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
      const stored = await this.store.get<StoredJob>(this.collection, id);
      if (!stored) return undefined;
      const doc = this.#shared.effective(stored);
      const patch = change(doc);
      if (patch === undefined) return doc;
      const next: StoredJob = { ...stored, ...patch, _id: stored._id, version: stored.version + 1 };
      if (await this.#write([this.#putOp(next, stored.version)], [next], options.releaseMemoryLock)) return this.#shared.effective(next);
    }
    throw new UnexpectedError(`Job ${id} kept changing under ${WRITE_ATTEMPTS} attempts to update it`);
  }

  async #setDisabled(options: RemoveJobsOptions, disabled: boolean): Promise<number> {
    const filter = selectionFilter(options);
    if (filter === undefined) return 0;
    let changed = 0;
    for (const doc of await this.store.find<StoredJob>(this.collection, filter)) {
      if (doc.disabled === disabled) continue;
      await this.#update(doc._id, (current) => (current.disabled === disabled ? undefined : { disabled }));
      changed++;
    }
    return changed;
  }

  async #removeWhere(filter: Filter): Promise<number> {
    const docs = await this.store.find<StoredJob>(this.collection, filter);
    if (docs.length === 0) return 0;
    await this.store.commit(docs.map((d) => ({ op: 'delete', collection: this.collection, id: d._id })));
    for (const doc of docs) this.#shared.note(doc._id, undefined);
    return docs.length;
  }

  #putOp(doc: StoredJob, expectVersion: number | undefined): WriteOp {
    return expectVersion === undefined
      ? { op: 'put', collection: this.collection, doc }
      : { op: 'put', collection: this.collection, doc, expectVersion };
  }

  /** Commit; false when a version check failed (the index is then refreshed from the Store). */
  async #write(ops: WriteOp[], docs: StoredJob[], releaseMemoryLock = false): Promise<boolean> {
    try {
      await this.store.commit(ops);
    } catch (error) {
      if (!(error instanceof VersionConflictError || error instanceof DuplicateKeyError)) throw error;
      for (const doc of docs) this.#shared.note(doc._id, await this.store.get<StoredJob>(this.collection, doc._id));
      return false;
    }
    if (releaseMemoryLock) for (const doc of docs) this.#shared.release(doc._id);
    for (const doc of docs) this.#shared.note(doc._id, doc);
    return true;
  }
}
