/**
 * Rollups (DESIGN.md decision 11): figures kept up to date in the same commit as the
 * record, so a report at a million records reads a few hundred rows instead of every
 * record. A rollup groups one entity's records that count (`when`) by declared keys (a
 * field, or the month or day a date falls on in the business time zone) and keeps, per
 * group, how many records there are and the sums of declared fields.
 *
 * Every row also keeps the records' `owner` and `handler`, so the reader's visibility filter
 * (owner or handler among the people they may see, or no owner) applies to rows exactly as
 * it applies to records: a sales person's report over a rollup covers their records only.
 *
 * A write adds the difference between the record's contribution before and after as `inc`
 * ops in the record's own commit; increments commute, so concurrent commits never conflict.
 * A rollup declared anew or changed is rebuilt from the records when the engine starts.
 */
import { createHash } from 'node:crypto';
import { Query } from 'mingo';
import type { Rollup } from '../../definitions/definition.js';
import { canonicalJson } from '../../definitions/canonical-json.js';
import type { Filter, Store, StoredDoc, WriteOp } from '../../store/store.js';
import { RECORDS } from '../../collections.js';
import { isoDate, keySource, localDate, readField, type KeySource, type RecordDoc } from '../core/index.js';

/** Where a rollup declaration's fingerprint is kept, so a changed one is rebuilt. */
const META = 'rollup-meta';
/** Bump when the way rows are computed changes: every rollup is rebuilt. */
const FORMAT = 1;
const BATCH = 2_000;

/** The collection holding one rollup's rows. */
export function rollupCollection(id: string): string {
  return `rollup-${id}`;
}

/** The records references name, by id (loaded before contributions are worked out). */
type Lookup = (id: string) => StoredDoc | undefined;
const NOTHING: Lookup = () => undefined;

/** The paths of a sum: the first that holds a number counts (amount, else budget). */
const sumPaths = (sum: string | string[]): string[] => (Array.isArray(sum) ? sum : [sum]);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

interface Contribution {
  id: string;
  dims: Record<string, unknown>;
  by: Record<string, number>;
}

/** One rollup, compiled. */
class CompiledRollup {
  readonly collection: string;
  readonly #when: Query | undefined;
  readonly #keys: [name: string, source: KeySource][];
  readonly #sums: [name: string, paths: string[]][];
  /** Every path a record's contribution depends on, split; undefined when `when` may read any. */
  readonly #reads: string[][] | undefined;
  /** Keys read through a reference (a field of the record a reference names). */
  readonly refKeys: Extract<KeySource, { kind: 'ref' }>[];

  constructor(
    readonly decl: Rollup,
    private readonly timeZone: string,
  ) {
    this.collection = rollupCollection(decl.id);
    this.#when = decl.when ? new Query(decl.when) : undefined;
    this.#keys = Object.entries(decl.by).map(([name, key]) => [name, keySource(key)]);
    this.#sums = Object.entries(decl.sum ?? {}).map(([name, sum]) => [name, sumPaths(sum)]);
    const conditions: string[] = [];
    this.#reads = decl.when === undefined || filterPaths(decl.when, conditions) ? [...new Set([...this.paths(), ...conditions])].map((path) => path.split('.')) : undefined;
    this.refKeys = this.#keys.flatMap(([, source]) => (source.kind === 'ref' ? [source] : []));
  }

  /**
   * Whether a record's contribution may differ between `before` and `after`: false when
   * every path it is worked out from holds the same (an activity marked, a note edited).
   * A key read through a reference reads the named record as stored, the same for both.
   */
  changes(before: StoredDoc, after: StoredDoc): boolean {
    return this.#reads === undefined || this.#reads.some((path) => !sameAt(before, after, path));
  }

  /**
   * What a record adds to its row, or undefined when it does not count (`counts`: already
   * known to); `lookup` gives the records its references name.
   */
  contribution(doc: StoredDoc | undefined, lookup: Lookup = NOTHING, counts = false): Contribution | undefined {
    if (doc === undefined || doc.entity !== this.decl.entity) return undefined;
    if (!counts && this.#when && !this.#when.test(doc)) return undefined;
    const dims: Record<string, unknown> = {};
    // Absent, not null: the visibility filter's `owner: { $exists: false }` means "unowned".
    if (typeof doc.owner === 'string') dims.owner = doc.owner;
    if (typeof doc.handler === 'string') dims.handler = doc.handler;
    for (const [name, source] of this.#keys) dims[name] = this.#keyValue(doc, source, lookup);
    const by: Record<string, number> = { count: 1 };
    for (const [name, paths] of this.#sums) by[name] = firstNumber(doc, paths);
    return { id: rowId(dims), dims, by };
  }

  /** The paths a rebuild reads off each record. */
  paths(): string[] {
    return [...new Set(['entity', 'owner', 'handler', ...this.#keys.map(([, s]) => s.path), ...this.#sums.flatMap(([, paths]) => paths)])];
  }

  /** What identifies this declaration's rows: a change rebuilds them. */
  fingerprint(): string {
    return createHash('sha256').update(canonicalJson({ decl: this.decl, timeZone: this.timeZone, format: FORMAT })).digest('hex');
  }

  #keyValue(doc: StoredDoc, source: KeySource, lookup: Lookup): unknown {
    const value = readField(doc, source.path);
    if (source.kind === 'value') return value === undefined ? null : value;
    if (source.kind === 'ref') {
      const named = typeof value === 'string' ? lookup(value) : undefined;
      const read = named?.entity === source.entity ? readField(named, source.field) : undefined;
      return read === undefined ? null : read;
    }
    if (typeof value !== 'string') return null;
    const day = DATE_ONLY.test(value) ? value : dayOf(value, this.timeZone);
    if (day === undefined) return null;
    return source.kind === 'day' ? day : day.slice(0, 7);
  }
}

/**
 * Collect the document paths a filter reads (its fields, through `$and`, `$or`, `$nor`);
 * false when it may read others (`$expr`, `$where` and the like).
 */
function filterPaths(filter: unknown, into: string[]): boolean {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return false;
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(condition) || !condition.every((part) => filterPaths(part, into))) return false;
    } else if (key === '$comment') continue;
    else if (key.startsWith('$')) return false;
    else into.push(key);
  }
  return true;
}

/** The value at `path`, or the first array on the way to it (a query may look into its items). */
function valueAt(doc: unknown, path: string[]): unknown {
  let value = doc;
  for (const part of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function sameAt(before: StoredDoc, after: StoredDoc, path: string[]): boolean {
  const was = valueAt(before, path);
  const is = valueAt(after, path);
  return was === is || (typeof was === 'object' && typeof is === 'object' && JSON.stringify(was) === JSON.stringify(is));
}

function firstNumber(doc: StoredDoc, paths: string[]): number {
  for (const path of paths) {
    const value = readField(doc, path);
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return 0;
}

/** The calendar day an instant falls on in the time zone, or undefined when it is not one. */
function dayOf(value: string, timeZone: string): string | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : isoDate(localDate(new Date(time), timeZone));
}

/** A row's `_id`: a digest of its dimensions, the same in every process. */
function rowId(dims: Record<string, unknown>): string {
  return createHash('sha1').update(canonicalJson(dims)).digest('base64url');
}

/**
 * The records the references of `docs` name, for the keys of `rollup` that read through one:
 * as `alongside` has them (written in the same commit), else as stored.
 */
async function lookupFor(store: Store, rollup: CompiledRollup, docs: readonly (StoredDoc | undefined)[], alongside: readonly StoredDoc[] = []): Promise<Lookup> {
  const keys = rollup.refKeys;
  if (keys.length === 0) return NOTHING;
  const ids = new Set(docs.flatMap((doc) => keys.map((k) => (doc ? readField(doc, k.path) : undefined)).filter((id): id is string => typeof id === 'string')));
  const found = new Map<string, StoredDoc>();
  for (const id of ids) {
    const doc = alongside.find((written) => written._id === id) ?? (await store.get(RECORDS, id));
    if (doc) found.set(id, doc);
  }
  return (id) => found.get(id);
}

/** Add `by` into the row `id` of `rows`. */
function addInto(rows: Map<string, Contribution>, c: Contribution, sign: 1 | -1): void {
  const row = rows.get(c.id) ?? { id: c.id, dims: c.dims, by: {} };
  for (const [name, amount] of Object.entries(c.by)) row.by[name] = (row.by[name] ?? 0) + sign * amount;
  rows.set(c.id, row);
}

/** Every rollup of the packs, keeping their rows. */
export class Rollups {
  readonly #byEntity = new Map<string, CompiledRollup[]>();
  readonly #byId = new Map<string, CompiledRollup>();

  constructor(decls: readonly Rollup[], timeZone: string) {
    for (const decl of decls) {
      const compiled = new CompiledRollup(decl, timeZone);
      this.#byId.set(decl.id, compiled);
      this.#byEntity.set(decl.entity, [...(this.#byEntity.get(decl.entity) ?? []), compiled]);
    }
  }

  /** The declaration of a rollup, or undefined. */
  get(id: string): Rollup | undefined {
    return this.#byId.get(id)?.decl;
  }

  /**
   * The ops that keep every rollup true when records change from `before` to `after`
   * (undefined: created, or deleted): one `inc` per row whose numbers move. A key read
   * through a reference reads the named record as stored now; a change to such a record
   * moves the rows of the records naming it (its dependents), in the same commit.
   * `alongside`: records the commit writes besides these changes, read as written.
   */
  async ops(changes: readonly { before: StoredDoc | undefined; after: StoredDoc | undefined }[], store: Store, alongside: readonly StoredDoc[] = []): Promise<WriteOp[]> {
    const ops: WriteOp[] = [];
    for (const rollup of this.#byId.values()) {
      const rows = new Map<string, Contribution>();
      const move = (was: Contribution | undefined, is: Contribution | undefined) => {
        if (was) addInto(rows, was, -1);
        if (is) addInto(rows, is, 1);
      };
      const own = changes.filter(
        (c) =>
          (c.before?.entity === rollup.decl.entity || c.after?.entity === rollup.decl.entity) &&
          (c.before === undefined || c.after === undefined || rollup.changes(c.before, c.after)),
      );
      if (own.length > 0) {
        const lookup = await lookupFor(store, rollup, own.flatMap((c) => [c.before, c.after]), alongside);
        for (const { before, after } of own) move(rollup.contribution(before, lookup), rollup.contribution(after, lookup));
      }
      for (const key of rollup.refKeys) {
        for (const { before, after } of changes) {
          const named = after ?? before;
          if (named?.entity !== key.entity || JSON.stringify(readField(before ?? {}, key.field) ?? null) === JSON.stringify(readField(after ?? {}, key.field) ?? null)) continue;
          const dependents = await store.find(RECORDS, { entity: rollup.decl.entity, [key.path]: named._id });
          const lookup = await lookupFor(store, rollup, dependents);
          const as = (version: StoredDoc | undefined): Lookup => (id) => (id === named._id ? version : lookup(id));
          for (const dependent of dependents) move(rollup.contribution(dependent, as(before)), rollup.contribution(dependent, as(after)));
        }
      }
      for (const row of rows.values()) {
        const by = Object.fromEntries(Object.entries(row.by).filter(([, amount]) => amount !== 0));
        if (Object.keys(by).length > 0) ops.push({ op: 'inc', collection: rollup.collection, id: row.id, by, insert: row.dims });
      }
    }
    return ops;
  }

  /**
   * Rebuild, from the records, every rollup whose declaration is new or changed since its
   * rows were made (`force`: every one, after records were written around the engine: a
   * restore, a bulk load). Run before the engine takes writes (at start). A rebuild cut
   * off (a crash) is redone at the next start: the fingerprint is written last.
   */
  async ensureBuilt(store: Store, options: { force?: boolean; log?: (message: string) => void } = {}): Promise<void> {
    for (const rollup of this.#byId.values()) {
      const fingerprint = rollup.fingerprint();
      const meta = await store.get<StoredDoc & { fingerprint?: string }>(META, rollup.decl.id);
      if (!options.force && meta?.fingerprint === fingerprint) continue;
      const started = Date.now();
      const rows = await this.#rebuild(store, rollup);
      await store.commit([{ op: 'put', collection: META, doc: { _id: rollup.decl.id, fingerprint, rows, builtAt: new Date().toISOString() } }]);
      options.log?.(`rollup ${rollup.decl.id}: ${rows} rows rebuilt from the records in ${Date.now() - started} ms`);
    }
  }

  async #rebuild(store: Store, rollup: CompiledRollup): Promise<number> {
    const old = await store.find(rollup.collection, {});
    for (let i = 0; i < old.length; i += BATCH) await store.commit(old.slice(i, i + BATCH).map((doc) => ({ op: 'delete' as const, collection: rollup.collection, id: doc._id })));
    const match: Filter = { entity: rollup.decl.entity, ...(rollup.decl.when ? { $and: [rollup.decl.when] } : {}) };
    const projection = Object.fromEntries(rollup.paths().map((path) => [path, 1]));
    const records = await store.aggregate<StoredDoc>(RECORDS, [{ $match: match }, { $project: projection }]);
    // The records references name: every record of each entity a key reads through one.
    const named = new Map<string, StoredDoc>();
    for (const entity of new Set(rollup.refKeys.map((k) => k.entity))) for (const doc of await store.find(RECORDS, { entity })) named.set(doc._id, doc);
    const rows = new Map<string, Contribution>();
    for (const record of records) {
      const c = rollup.contribution(record, (id) => named.get(id), true);
      if (c) addInto(rows, c, 1);
    }
    const docs = [...rows.values()].map((row): StoredDoc => ({ ...row.dims, ...row.by, _id: row.id }));
    for (let i = 0; i < docs.length; i += BATCH) await store.commit(docs.slice(i, i + BATCH).map((doc) => ({ op: 'insert' as const, collection: rollup.collection, doc })));
    return docs.length;
  }
}

/** The record changes of a record write, for `Rollups.ops`. */
export type RecordChange = { before: RecordDoc | undefined; after: RecordDoc | undefined };

