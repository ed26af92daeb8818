/**
 * The embedded Store adapter: documents kept durable by lmdb, queried with mingo
 * (DESIGN.md decisions 4 and 5). Needs no other process; one process per data
 * directory (see dir-lock.ts).
 */

import { open } from 'lmdb';
import type { RootDatabase } from 'lmdb';
import { aggregate as mingoAggregate } from 'mingo';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OperationalError, TourflowError, UnexpectedError, ensureError } from '../errors.js';
import { applyOps, docKey, incremented, opId } from './apply-ops.js';
import type { DocKey } from './apply-ops.js';
import { CollectionIndexes } from './collection-indexes.js';
import { acquireDirLock } from './dir-lock.js';
import { DocumentCache } from './document-cache.js';
import { countDocs, findDocs, sumDocs, type CollectionReader } from './embedded-query.js';
import type { Filter, FindOptions, Pipeline, Store, StoredDoc, WriteOp } from './store.js';
import { copyDoc, storedCopy } from './copy.js';

/** Where the lmdb environment lives inside the data directory. */
export const LMDB_SUBDIR = 'store';

/** How documents are encoded: every reader of the store's files opens them with these. */
export const LMDB_ENCODING = {
  encoding: 'msgpack',
  // Documents reach lmdb without undefined members (./copy.ts storedCopy); anything else
  // undefined is stored as null, as MongoDB's driver would.
  encoder: { encodeUndefinedAsNil: true },
} as const;

export interface EmbeddedStoreOptions {
  /** The data directory; created if missing. */
  dir: string;
  /**
   * How many decoded documents queries may keep between calls (./document-cache.ts);
   * 0 keeps none. Default 25,000: a few tens of MB for typical records.
   */
  cachedDocuments?: number;
}

const DEFAULT_CACHED_DOCUMENTS = 25_000;

/**
 * Open the embedded store in `options.dir`. A commit resolves only once lmdb has
 * synced it to disk, so an acknowledged write survives a crash or power loss.
 *
 * @throws OperationalError `store-locked` when another live process (or this one)
 *   has the directory open; `store-unavailable` when it cannot be opened.
 * @example
 * const store = await openEmbeddedStore({ dir: './data' });
 * await store.commit([{ op: 'insert', collection: 'records', doc: { _id: 'lead-1', version: 1 } }]);
 * await store.close();
 */
// eslint-disable-next-line @typescript-eslint/require-await -- async turns the synchronous lock and open failures into rejections
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const lock = acquireDirLock(options.dir);
  let db: RootDatabase<StoredDoc, DocKey>;
  try {
    // Keys are [collection, _id] in one environment rather than one lmdb sub-database
    // per collection: collections appear at run time and lmdb caps sub-databases
    // (maxDbs), and a collection is still one contiguous key range.
    db = open<StoredDoc, DocKey>({
      path: join(options.dir, LMDB_SUBDIR),
      // Resolve a commit only after fsync: acknowledged means durable (STACK.md).
      overlappingSync: false,
      noSync: false,
      ...LMDB_ENCODING,
      eventTurnBatching: false,
      // No compression: documents are small and full scans decode every one. It cannot
      // be switched later without rewriting the data. No `cache`: it disables the
      // child transactions that commit() relies on to abort.
    });
  } catch (caught) {
    lock.release();
    const error = ensureError(caught);
    const message = `Cannot open the store in ${resolve(options.dir)}: ${error.message}`;
    throw new OperationalError('store-unavailable', message, { cause: error });
  }
  return new EmbeddedStore(db, () => lock.release(), new DocumentCache(options.cachedDocuments ?? DEFAULT_CACHED_DOCUMENTS));
}

class EmbeddedStore implements Store {
  readonly kind = 'embedded';
  readonly #indexes = new Map<string, CollectionIndexes>();
  /** Commits not yet settled: close() waits for them rather than cutting them off. */
  readonly #inFlight = new Set<Promise<void>>();
  #closed = false;

  constructor(
    private readonly db: RootDatabase<StoredDoc, DocKey>,
    private readonly releaseLock: () => void,
    private readonly cache: DocumentCache,
  ) {}

  get<T extends StoredDoc = StoredDoc>(collection: string, id: string): Promise<T | undefined> {
    // lmdb decodes a fresh object on every read: the caller owns it.
    return this.#read(() => this.db.get(docKey(collection, id)) as T | undefined);
  }

  find<T extends StoredDoc = StoredDoc>(
    collection: string,
    filter: Filter = {},
    options: FindOptions = {},
  ): Promise<T[]> {
    return this.#read(() => findDocs(this.#reader(collection), filter, options) as T[]);
  }

  count(collection: string, filter: Filter = {}): Promise<number> {
    return this.#read(() => countDocs(this.#reader(collection), filter));
  }

  aggregate<T = Record<string, unknown>>(collection: string, pipeline: Pipeline): Promise<T[]> {
    return this.#read(() => {
      // A leading $match narrows the input through the indexes; the pipeline still runs it.
      const first = pipeline[0];
      const match = first !== undefined && isFilter(first.$match) ? first.$match : {};
      const total = totalOf(pipeline);
      if (total !== undefined) {
        const { matched, sum } = sumDocs(this.#reader(collection), match, total.path);
        return (matched === 0 ? [] : [{ _id: null, [total.name]: sum }]) as T[];
      }
      if (pipeline.every(readsOnly)) {
        // Stages that only read their input run on the shared documents the queries keep
        // (./document-cache.ts), none decoded again; what they answer may point into them,
        // so the caller gets a copy (a few rows, as a rule: totals, groups, a page).
        return copyDoc(mingoAggregate(this.#candidates(collection, match, 'shared'), pipeline)) as T[];
      }
      // $lookup, $unionWith and $graphLookup name other collections: mingo reads them here.
      const options = { collectionResolver: (name: string) => this.#scan(name) };
      return mingoAggregate(this.#candidates(collection, match, 'owned'), pipeline, options) as T[];
    });
  }

  commit(ops: WriteOp[]): Promise<void> {
    let staged: WriteOp[];
    try {
      this.#assertOpen();
      // Copy now: the write runs on a later turn and the caller may mutate its objects.
      staged = ops.map(copyOp);
    } catch (caught) {
      return Promise.reject(ensureError(caught));
    }
    if (staged.length === 0) return Promise.resolve();
    const committing = this.#write(staged);
    this.#inFlight.add(committing);
    const forget = (): void => void this.#inFlight.delete(committing);
    committing.then(forget, forget);
    return committing;
  }

  async #write(staged: WriteOp[]): Promise<void> {
    const written = new Map<WriteOp, StoredDoc | undefined>();
    for (const op of staged) {
      // An increment's document as it would be now: its keys (a rollup row's dimensions) are
      // set once; other commits in flight may change its numbers, which endWrite re-reads.
      const doc = op.op === 'delete' ? undefined : op.op === 'inc' ? incremented(this.db.get(docKey(op.collection, op.id)), op) : op.doc;
      written.set(op, doc);
      this.#indexes.get(op.collection)?.beginWrite(opId(op), doc);
      this.cache.beginWrite(op.collection, opId(op));
    }
    let committed = false;
    try {
      // A child transaction, not transaction(): lmdb batches every transaction() callback
      // of an event turn into one write transaction, and a callback that throws does NOT
      // undo the writes it already made. A child transaction is rolled back on throw.
      await this.db.childTransaction(() => applyOps(this.db, staged));
      committed = true;
    } catch (caught) {
      if (caught instanceof TourflowError) throw caught;
      // lmdb itself failed (disk full, map full, I/O): nothing was written, a retry may work.
      const error = ensureError(caught);
      throw new OperationalError(
        'store-unavailable',
        `The embedded store could not commit: ${await commitFailure(error)}`,
        { cause: error },
      );
    } finally {
      for (const op of staged) {
        const id = opId(op);
        const indexes = this.#indexes.get(op.collection);
        if (indexes) {
          // A put, insert or delete that committed with no other writer on its id left exactly what
          // it wrote: no need to read and decode it back (a tenth of an event's CPU).
          const exact = committed && op.op !== 'inc' && indexes.soleWriter(id);
          indexes.endWrite(id, written.get(op), exact ? written.get(op) : this.db.get(docKey(op.collection, id)));
        }
        this.cache.endWrite(op.collection, id);
      }
    }
  }

  ensureIndex(collection: string, fields: string[]): Promise<void> {
    return this.#read(() => {
      let indexes = this.#indexes.get(collection);
      if (indexes === undefined) this.#indexes.set(collection, (indexes = new CollectionIndexes()));
      // Synchronous: no commit can settle between the scan and the index going live.
      // One pass for every field, one document at a time: a collection's worth of decoded
      // documents never sits in memory at once.
      if (fields.every((field) => indexes.has(field))) return;
      indexes.addFields(fields, this.#each(collection));
    });
  }

  collections(): Promise<string[]> {
    return this.#read(() => {
      const names: string[] = [];
      // Keys are [collection, id]: jump from one collection's range to the next.
      for (let start: [string] = ['']; ; ) {
        let first: unknown;
        for (const key of this.db.getKeys({ start, limit: 1 })) first = key;
        if (!Array.isArray(first) || typeof first[0] !== 'string') return names;
        names.push(first[0]);
        start = collectionRange(first[0]).end;
      }
    });
  }

  async snapshot(targetDir: string): Promise<void> {
    this.#assertOpen();
    mkdirSync(targetDir, { recursive: true });
    // lmdb's copy runs in a read transaction of its own: commits go on meanwhile.
    await this.db.backup(targetDir, true);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled(this.#inFlight);
    try {
      await this.db.close();
    } finally {
      this.releaseLock();
    }
  }

  /** How queries read one collection (./embedded-query.ts). */
  #reader(collection: string): CollectionReader {
    const peek = (id: string): StoredDoc | undefined => {
      const cached = this.cache.get(collection, id);
      if (cached !== undefined) return cached;
      const doc = this.db.get(docKey(collection, id));
      if (doc !== undefined) this.cache.remember(collection, id, doc);
      return doc;
    };
    const ids = (): string[] => Array.from(this.db.getKeys(collectionRange(collection)), (key) => key[1]);
    return {
      indexes: this.#indexes.get(collection),
      peek,
      scan: () => {
        const docs: StoredDoc[] = [];
        for (const id of ids()) {
          const doc = peek(id);
          if (doc !== undefined) docs.push(doc);
        }
        return docs;
      },
      ids,
      size: () => this.db.getCount(collectionRange(collection)),
    };
  }

  /**
   * The documents a filter may match, in `_id` order: index candidates when one applies,
   * else all. `shared`: the document cache's (read them, never change them); `owned`:
   * decoded anew, the caller's to change.
   */
  #candidates(collection: string, filter: Filter, as: 'shared' | 'owned'): StoredDoc[] {
    const reader = this.#reader(collection);
    const ids = reader.indexes?.candidates(filter);
    if (ids === undefined) return as === 'shared' ? reader.scan() : this.#scan(collection);
    const read = as === 'shared' ? (id: string) => reader.peek(id) : (id: string) => this.db.get(docKey(collection, id));
    return [...ids].sort().flatMap((id) => read(id) ?? []);
  }

  /**
   * Every document of a collection, decoded as the caller reaches it. Its `_id` is the
   * key's (decoded on its own), not a slice of the document's bytes: indexes keep ids.
   */
  *#each(collection: string): Generator<StoredDoc> {
    for (const { key, value } of this.db.getRange(collectionRange(collection))) {
      value._id = key[1];
      yield value;
    }
  }

  #scan(collection: string): StoredDoc[] {
    return Array.from(this.db.getRange(collectionRange(collection)), ({ value }) => value);
  }

  /**
   * Run a synchronous lmdb/mingo call as the port's promise, so that a closed store or
   * a filter mingo rejects (an unknown operator) reaches the caller as a rejection.
   */
  #read<T>(call: () => T): Promise<T> {
    try {
      this.#assertOpen();
      return Promise.resolve(call());
    } catch (caught) {
      return Promise.reject(ensureError(caught));
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new OperationalError('store-unavailable', 'The embedded store is closed');
  }
}

/**
 * The key range of one collection. Array keys are encoded element by element with a
 * 0 byte between them, and ordered-binary escapes characters below 5 in strings, so
 * every [c, id] sorts after [c] and before [c + '\0'] and no other key falls between.
 */
export function collectionRange(collection: string): { start: DocKey | [string]; end: [string] } {
  return { start: [collection], end: [`${collection}\u0000`] };
}

/**
 * Why lmdb failed a commit. lmdb rejects each write of a failed flush with "Commit failed"
 * and the cause in `commitError`, a promise of its own that nobody else awaits: left
 * unhandled it ends the process (a full disk did). Await it here, briefly, for its reason.
 */
async function commitFailure(error: Error): Promise<string> {
  const cause = (error as { commitError?: unknown }).commitError;
  if (!(cause instanceof Promise)) return error.message;
  const reason = await Promise.race([
    cause.then(
      () => undefined,
      (rejected: unknown) => ensureError(rejected).message,
    ),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 50).unref()),
  ]);
  return reason === undefined ? error.message : `${reason} (${error.message})`;
}

function copyOp(op: WriteOp): WriteOp {
  if (typeof op.collection !== 'string' || op.collection === '') {
    throw new UnexpectedError(`A ${op.op} op needs a collection name`);
  }
  const id: unknown = op.op === 'delete' || op.op === 'inc' ? op.id : op.doc._id;
  if (typeof id !== 'string' || id === '') {
    throw new UnexpectedError(`A ${op.op} op on ${op.collection} needs a string _id`);
  }
  if (op.op === 'inc') {
    if (!Object.values(op.by).every(Number.isFinite)) throw new UnexpectedError(`An inc op on ${op.collection} adds finite numbers only`);
    return { ...op, by: { ...op.by }, ...(op.insert ? { insert: storedCopy(op.insert) } : {}) };
  }
  return op.op === 'delete' ? { ...op } : { ...op, doc: storedCopy(op.doc) };
}

/**
 * Stages mingo runs without changing the documents they are given (it sorts its own array):
 * a pipeline of only these may read the document cache's shared documents.
 */
const READ_ONLY_STAGES = new Set(['$match', '$group', '$sort', '$skip', '$limit', '$count', '$sortByCount', '$bucket']);

function readsOnly(stage: Record<string, unknown>): boolean {
  const names = Object.keys(stage);
  return names.length === 1 && READ_ONLY_STAGES.has(names[0]);
}

function isFilter(value: unknown): value is Filter {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * `{ name, path }` when `pipeline` is one total over a filter: an optional leading `$match`,
 * then `{ $group: { _id: null, <name>: { $sum: '$<path>' } } }` with a plain field path
 * (no variable, no operator). Such a pipeline runs without mingo (embedded-query.ts sumDocs).
 */
function totalOf(pipeline: Pipeline): { name: string; path: string } | undefined {
  const stages = pipeline.length === 2 && readsOnly(pipeline[0]) && isFilter(pipeline[0].$match) ? pipeline.slice(1) : pipeline;
  if (stages.length !== 1) return undefined;
  const [stage] = stages;
  if (!readsOnly(stage) || !isFilter(stage.$group)) return undefined;
  const group = stage.$group;
  const names = Object.keys(group);
  if (names.length !== 2 || !('_id' in group) || group._id !== null) return undefined;
  const name = names.find((key) => key !== '_id');
  const accumulator = name === undefined ? undefined : group[name];
  if (name === undefined || name.startsWith('$') || !isFilter(accumulator) || Object.keys(accumulator).length !== 1) return undefined;
  const expression = accumulator.$sum;
  if (typeof expression !== 'string' || !/^\$[^$]/.test(expression)) return undefined;
  return { name, path: expression.slice(1) };
}
