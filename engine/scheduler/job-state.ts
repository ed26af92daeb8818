/**
 * What every job repository over one Store object and collection shares in this
 * process: the lock order (./due-index.ts), the locks and started runs kept in memory
 * (embedded store), and the chain that serialises saves which look a job up before
 * writing it.
 */
import type { Store } from '../store/store.js';
import { DueIndex } from './due-index.js';
import type { JobFields, StoredJob } from './job-doc.js';

const byStore = new WeakMap<Store, Map<string, SharedJobState>>();

export class SharedJobState {
  readonly index = new DueIndex();
  /** Locks held in memory: job id → lockedAt (ms). */
  readonly locks = new Map<string, number>();
  /** Runs started (embedded store): the state Agenda saved at a run's start, written with its end. */
  readonly runs = new Map<string, Partial<JobFields>>();
  /** Told of every job this process learns was written or deleted. */
  readonly listeners = new Set<(doc: StoredJob | undefined) => void>();
  /** The first connect's work (index build, release of dead locks), done once. */
  connected?: Promise<void>;
  readonly #serial = new Map<string, Promise<unknown>>();

  /** The state of `collection` of `store`, created on first use. */
  static of(store: Store, collection: string): SharedJobState {
    let byCollection = byStore.get(store);
    if (byCollection === undefined) byStore.set(store, (byCollection = new Map<string, SharedJobState>()));
    let state = byCollection.get(collection);
    if (state === undefined) byCollection.set(collection, (state = new SharedJobState()));
    return state;
  }

  /** A job as readers see it: a lock held in memory shows as its `lockedAt`. */
  effective(doc: StoredJob): StoredJob {
    const lockedAt = this.locks.get(doc._id);
    const run = this.runs.get(doc._id);
    if (run === undefined) return lockedAt === undefined ? doc : { ...doc, lockedAt };
    return { ...doc, ...run, ...(lockedAt === undefined ? {} : { lockedAt }) };
  }

  /** Forget what is held in memory about job `id`: its lock and its run. */
  release(id: string): void {
    this.locks.delete(id);
    this.runs.delete(id);
  }

  /** Record what the Store now holds under `id` (undefined once deleted). */
  note(id: string, doc: StoredJob | undefined): void {
    if (doc === undefined) this.release(id);
    this.index.set(id, doc && this.effective(doc));
    for (const listener of this.listeners) listener(doc);
  }

  /** Run `task` after the previous task for the same job name has settled. */
  serially<T>(name: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#serial.get(name) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.#serial.set(name, tail);
    void tail.then(() => {
      if (this.#serial.get(name) === tail) this.#serial.delete(name);
    });
    return run;
  }
}
