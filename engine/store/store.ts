/**
 * The Store port. Filters, sorts and aggregation pipelines are MongoDB documents
 * (DESIGN.md decision 4); adapters: embedded (lmdb + mingo) and MongoDB.
 */

/** A stored document. `_id` is a string chosen by the caller. */
export interface StoredDoc {
  _id: string;
  [field: string]: unknown;
}

/** A MongoDB query document, e.g. `{ entity: 'lead', 'data.score': { $gt: 3 } }`. */
export type Filter = Record<string, unknown>;
/** A MongoDB sort document, e.g. `{ updatedAt: -1 }`. */
export type Sort = Record<string, 1 | -1>;
/** A MongoDB aggregation pipeline. */
export type Pipeline = Record<string, unknown>[];

export interface FindOptions {
  sort?: Sort;
  limit?: number;
  skip?: number;
  /**
   * Return only these top-level fields (and `_id`), like MongoDB's inclusion projection:
   * for reading one field of large documents without copying the rest.
   */
  fields?: readonly string[];
}

/**
 * One write inside an atomic commit. `expectVersion` makes the write conditional on the
 * stored document's numeric `version` field (optimistic concurrency); a mismatch fails
 * the whole commit with a VersionConflictError and writes nothing.
 */
export type WriteOp =
  | { op: 'insert'; collection: string; doc: StoredDoc }
  | { op: 'put'; collection: string; doc: StoredDoc; expectVersion?: number }
  | { op: 'delete'; collection: string; id: string; expectVersion?: number }
  /**
   * Add `by` to numeric fields of document `id` (a missing field counts as 0), creating it
   * from `insert` plus `by` when missing. Increments commute, so concurrent commits adding
   * to one document (a rollup row) never conflict and never lose each other's amounts.
   */
  | { op: 'inc'; collection: string; id: string; by: Record<string, number>; insert?: Record<string, unknown> };

export interface Store {
  /** Which adapter this is, for health output and logs. */
  readonly kind: 'embedded' | 'mongodb';

  get<T extends StoredDoc = StoredDoc>(collection: string, id: string): Promise<T | undefined>;
  find<T extends StoredDoc = StoredDoc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter?: Filter): Promise<number>;
  aggregate<T = Record<string, unknown>>(collection: string, pipeline: Pipeline): Promise<T[]>;

  /**
   * Apply every op atomically and durably: when the promise resolves, all ops are
   * committed and synced to disk; when it rejects, none is. An `insert` of an existing
   * `_id` fails with a DuplicateKeyError; a version mismatch with a VersionConflictError.
   */
  commit(ops: WriteOp[]): Promise<void>;

  /**
   * Declare fields that queries filter or sort on often, so the adapter can narrow
   * candidates (equality and `$in`) and order them without reading every document.
   */
  ensureIndex(collection: string, fields: string[]): Promise<void>;

  /** The names of the collections holding at least one document, sorted. */
  collections(): Promise<string[]>;

  /**
   * Copy one consistent snapshot of everything into `targetDir` (created, empty), while
   * commits go on: the embedded store's backup (engine/backup). MongoDB has its own tools.
   */
  snapshot?(targetDir: string): Promise<void>;

  close(): Promise<void>;
}
