/**
 * In-memory secondary indexes for one collection of the embedded store: for each
 * indexed field, lookup key → ids of the documents holding it.
 *
 * Invariant: for every id, the keys listed for it include every key its document
 * has in the data a reader may see. The index may list extra keys (mingo re-checks
 * every candidate against the filter) but never miss one. Commits keep it so:
 * `beginWrite` adds the new document's keys before lmdb makes it visible, and
 * `endWrite` trims back to the stored document once the commit has settled, keeping
 * the keys of any other commit on the same id still in flight. So an id with a write
 * in flight must be checked against its document; every other id's entries are exact.
 *
 * Each field also keeps the value every document sorts by (mingo's view of it), so a
 * sort on an indexed field can order candidates without reading them.
 */

import { coveredConstraints, disjunctions, equalityConstraints, keysAtPath, NOT_SCALAR, sortValueOf, type CoveredTerm } from './index-keys.js';
import type { Filter, StoredDoc } from './store.js';

/** What one document holds at one indexed field: its sort value and its keys. */
interface Found {
  value: unknown;
  keys: ReturnType<typeof keysAtPath>;
}

interface FieldIndex {
  idsByKey: Map<string, Set<string>>;
  /** An id's keys at this path: one key as is (the common case), several as an array. */
  keysById: Map<string, string | string[]>;
  /** Ids whose value at this path sits inside an array: always candidates. */
  unindexable: Set<string>;
  /** The value each document sorts by at this path (scalars only). */
  sortValues: Map<string, unknown>;
}

/** The ids an index-covered filter matches; those in `verify` must be re-checked on their document. */
export interface ExactMatches {
  /** May be the index's own set: read it, never change it. */
  ids: ReadonlySet<string>;
  verify: Set<string>;
}

export class CollectionIndexes {
  readonly #fields = new Map<string, FieldIndex>();
  /** Documents written by commits that have not settled yet, by id. */
  readonly #pending = new Map<string, StoredDoc[]>();
  /** How many commits writing (or deleting) each id have not settled yet. */
  readonly #writing = new Map<string, number>();
  /** Ids another commit wrote while one was in flight, until none is. */
  readonly #contended = new Set<string>();
  /** The keys `beginWrite` found in a document, per field, for `endWrite` to reuse. */
  readonly #found = new WeakMap<StoredDoc, Map<string, Found>>();

  /**
   * Whether the one commit in flight on `id` has been its only writer since it began: once
   * it commits, what it wrote is what is stored (the store then need not read it back).
   */
  soleWriter(id: string): boolean {
    return this.#writing.get(id) === 1 && !this.#contended.has(id);
  }

  /** Whether any field is indexed (if not, queries scan without asking). */
  get isEmpty(): boolean {
    return this.#fields.size === 0;
  }

  /**
   * Index `fields` over `docs` (the whole collection, read in one synchronous pass, each
   * document once: it may be dropped as soon as the next one is read).
   */
  addFields(fields: readonly string[], docs: Iterable<StoredDoc>): void {
    const added = new Map<string, FieldIndex>();
    for (const field of fields) {
      if (this.#fields.has(field) || added.has(field)) continue;
      added.set(field, { idsByKey: new Map(), keysById: new Map(), unindexable: new Set(), sortValues: new Map() });
    }
    if (added.size === 0) return;
    for (const [field, index] of added) this.#fields.set(field, index);
    for (const doc of docs) for (const [field, index] of added) this.#addDoc(field, index, doc._id, doc);
    // Commits already in flight when the index appeared must be covered too.
    for (const [id, pending] of this.#pending) for (const doc of pending) for (const [field, index] of added) this.#addDoc(field, index, id, doc);
  }

  /** Index `field` over `docs` (see `addFields`). */
  addField(field: string, docs: Iterable<StoredDoc>): void {
    this.addFields([field], docs);
  }

  /** Call before a commit that writes `doc` (undefined for a delete) under `id`. */
  beginWrite(id: string, doc: StoredDoc | undefined): void {
    const writing = (this.#writing.get(id) ?? 0) + 1;
    this.#writing.set(id, writing);
    if (writing > 1) this.#contended.add(id);
    if (doc === undefined) return;
    this.#pending.set(id, [...(this.#pending.get(id) ?? []), doc]);
    const found = new Map<string, Found>();
    for (const [field, index] of this.#fields) found.set(field, this.#addDoc(field, index, id, doc));
    this.#found.set(doc, found);
  }

  /** Call once the commit begun with `doc` settled, passing what is now stored under `id`. */
  endWrite(id: string, doc: StoredDoc | undefined, stored: StoredDoc | undefined): void {
    const writing = (this.#writing.get(id) ?? 1) - 1;
    if (writing > 0) this.#writing.set(id, writing);
    else {
      this.#writing.delete(id);
      this.#contended.delete(id);
    }
    const others = (this.#pending.get(id) ?? []).filter((pending) => pending !== doc);
    if (others.length === 0) this.#pending.delete(id);
    else this.#pending.set(id, others);
    // The common case: what this commit wrote is what is stored, and nothing else is in
    // flight on the id. Its keys are in already (beginWrite): only the previous
    // document's other keys go, without working the document's keys out again.
    const found = doc !== undefined && stored === doc && others.length === 0 ? this.#found.get(doc) : undefined;
    for (const [field, index] of this.#fields) {
      const mine = found?.get(field);
      if (mine) {
        this.#keepOnly(index, id, mine);
        continue;
      }
      this.#removeId(index, id);
      for (const kept of stored === undefined ? others : [stored, ...others]) this.#addDoc(field, index, id, kept);
    }
  }

  /**
   * The ids that may match `filter`, or undefined when no indexed field constrains it
   * (then the caller scans). Picks the most selective indexed equality, or `$or` whose
   * every branch an index narrows (the union of the branches' candidates).
   */
  candidates(filter: Filter): ReadonlySet<string> | undefined {
    return this.#narrowest(filter)?.ids();
  }

  /**
   * The ids matching `filter` when indexes alone answer it (see `coveredConstraints`),
   * or undefined. A filter without conditions is not answered here: every id matches.
   */
  exactMatches(filter: Filter): ExactMatches | undefined {
    const constraints = coveredConstraints(filter);
    if (constraints === undefined || constraints.length === 0) return undefined;
    const unindexable: Set<string>[] = [];
    const ids = this.#matchAll(constraints, unindexable);
    if (ids === undefined) return undefined;
    const verify = new Set<string>();
    for (const uncertain of [this.#writing.keys(), ...unindexable]) for (const id of uncertain) if (ids.has(id)) verify.add(id);
    return { ids, verify };
  }

  /** The cheapest way the indexes narrow `filter`: at most `size` ids, built on demand. */
  #narrowest(filter: Filter): { size: number; ids: () => ReadonlySet<string> } | undefined {
    let best: { size: number; ids: () => ReadonlySet<string> } | undefined;
    for (const [field, keys] of equalityConstraints(filter)) {
      const index = this.#fields.get(field);
      if (index === undefined) continue;
      // At most this many ids: sized before any set is built.
      let size = index.unindexable.size;
      for (const key of keys) size += index.idsByKey.get(key)?.size ?? 0;
      if (best === undefined || size < best.size) best = { size, ids: () => idsOf(index, keys) };
    }
    for (const branches of disjunctions(filter)) {
      const narrowed = branches.map((branch) => this.#narrowest(branch));
      if (!narrowed.every((one) => one !== undefined)) continue;
      const size = narrowed.reduce((sum, one) => sum + one.size, 0);
      if (best === undefined || size < best.size) best = { size, ids: () => union(narrowed.map((one) => one.ids())) };
    }
    return best;
  }

  /** The ids holding every term, collecting the unindexable ids they involve; undefined if a field is not indexed. */
  #matchAll(terms: CoveredTerm[], unindexable: Set<string>[]): ReadonlySet<string> | undefined {
    const sets: ReadonlySet<string>[] = [];
    for (const term of terms) {
      let ids: ReadonlySet<string> | undefined;
      if (Array.isArray(term)) {
        const index = this.#fields.get(term[0]);
        if (index === undefined) return undefined;
        unindexable.push(index.unindexable);
        ids = idsOf(index, term[1]);
      } else {
        const branches = term.or.map((branch) => this.#matchAll(branch, unindexable));
        if (!branches.every((branch) => branch !== undefined)) return undefined;
        ids = union(branches);
      }
      sets.push(ids);
    }
    sets.sort((a, b) => a.size - b.size);
    const [smallest, ...others] = sets as [ReadonlySet<string>, ...ReadonlySet<string>[]];
    if (others.length === 0) return smallest;
    const all = new Set<string>();
    for (const id of smallest) if (others.every((set) => set.has(id))) all.add(id);
    return all;
  }

  /** Whether `field` is indexed, so that `sortValue` can answer for it. */
  has(field: string): boolean {
    return this.#fields.has(field);
  }

  /**
   * How to look up the value each id sorts by at `field` (NOT_SCALAR when only its
   * document can say), or undefined when `field` is not indexed.
   */
  sortValues(field: string): ((id: string) => unknown) | undefined {
    const values = this.#fields.get(field)?.sortValues;
    if (values === undefined) return undefined;
    const writing = this.#writing;
    const known = (id: string): unknown => {
      const value = values.get(id);
      return value === undefined ? NOT_SCALAR : value;
    };
    // A write in flight leaves more than one value for its id.
    return writing.size === 0 ? known : (id) => (writing.has(id) ? NOT_SCALAR : known(id));
  }

  /** Leave `id` under exactly the keys and sort value `mine` (whose keys are in already). */
  #keepOnly(index: FieldIndex, docId: string, mine: Found): void {
    const id = detached(docId);
    if (mine.value === NOT_SCALAR) index.sortValues.delete(id);
    else index.sortValues.set(id, mine.value);
    const next = mine.keys.kind === 'unindexable' ? undefined : mine.keys.keys;
    for (const key of keysOf(index.keysById.get(id))) {
      if (next?.includes(key) === true) continue;
      const ids = index.idsByKey.get(key);
      ids?.delete(id);
      if (ids?.size === 0) index.idsByKey.delete(key);
    }
    if (next === undefined || next.length === 0) index.keysById.delete(id);
    else index.keysById.set(id, next.length === 1 ? (next[0]) : next);
    if (next === undefined) index.unindexable.add(id);
    else index.unindexable.delete(id);
  }

  #addDoc(field: string, index: FieldIndex, docId: string, doc: StoredDoc): Found {
    // What the index keeps lives as long as the document: it must not hold on to the
    // decoded document's memory (see `detached`).
    const id = detached(docId);
    const read = sortValueOf(doc, field);
    const value = typeof read === 'string' ? detached(read) : read;
    if (value === NOT_SCALAR) index.sortValues.delete(id);
    else index.sortValues.set(id, value);
    const found = keysAtPath(doc, field);
    if (found.kind === 'unindexable') {
      index.unindexable.add(id);
      return { value, keys: found };
    }
    const keys = found.keys.map(detached);
    const had = index.keysById.get(id);
    const all = had === undefined ? keys : [...new Set([...keysOf(had), ...keys])];
    if (all.length > 0) index.keysById.set(id, all.length === 1 ? (all[0]) : all);
    for (const key of keys) {
      let ids = index.idsByKey.get(key);
      if (ids === undefined) index.idsByKey.set(key, (ids = new Set()));
      ids.add(id);
    }
    return { value, keys: { kind: 'keys', keys } };
  }

  #removeId(index: FieldIndex, id: string): void {
    index.unindexable.delete(id);
    index.sortValues.delete(id);
    for (const key of keysOf(index.keysById.get(id))) {
      const ids = index.idsByKey.get(key);
      ids?.delete(id);
      if (ids?.size === 0) index.idsByKey.delete(key);
    }
    index.keysById.delete(id);
  }
}

/** The keys `keysById` holds for an id, as a list. */
function keysOf(held: string | string[] | undefined): readonly string[] {
  return held === undefined ? [] : typeof held === 'string' ? [held] : held;
}

/**
 * `text` as a string of its own. A decoder may hand out strings that are slices of one
 * string holding a whole document's bytes (msgpackr does), and a slice keeps all of it
 * alive: an index entry kept that way held its whole document. Using the text as a
 * property name makes the engine keep one copy per distinct text (its string table,
 * which forgets what nothing uses any more): a stage or owner key is then shared by
 * every document holding it.
 */
export function detached(text: string): string {
  // V8 copies texts shorter than this rather than slicing them.
  if (text.length < 13) return text;
  const holder: Record<string, true> = { [text]: true };
  for (const key in holder) return key;
  return text;
}

const EMPTY: ReadonlySet<string> = new Set();

/** Every id of `sets`; the one set itself when there is one. */
function union(sets: ReadonlySet<string>[]): ReadonlySet<string> {
  if (sets.length === 1) return sets[0];
  const all = new Set<string>();
  for (const set of sets) for (const id of set) all.add(id);
  return all;
}

/** The ids holding one of `keys` at this index, or whose value there is unindexable. */
function idsOf(index: FieldIndex, keys: string[]): ReadonlySet<string> {
  // One key and nothing unindexable: the index's own set, read rather than copied.
  const [only] = keys;
  if (keys.length === 1 && only !== undefined && index.unindexable.size === 0) return index.idsByKey.get(only) ?? EMPTY;
  const ids = new Set(index.unindexable);
  for (const key of keys) for (const id of index.idsByKey.get(key) ?? []) ids.add(id);
  return ids;
}
