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
 * A scalar's one key also says the value it sorts by (mingo's view of it, `valueOfKey`), so
 * a sort on an indexed field orders candidates without reading them.
 */

import { coveredConstraints, disjunctions, equalityConstraints, keysAtPath, NOT_SCALAR, valueOfKey, type CoveredTerm, type PathKeys } from './index-keys.js';
import type { Filter, StoredDoc } from './store.js';

/** A document a commit in flight writes, and the keys found in it per field. */
interface PendingDoc {
  doc: StoredDoc;
  found: PathKeys[];
}

/** One pending document or several, as a list. */
const listOf = (pending: PendingDoc | PendingDoc[]): PendingDoc[] => (Array.isArray(pending) ? pending : [pending]);

interface FieldIndex {
  /** The ids under each key: one id as is (a unique value: a time, a reference), several as a set. */
  idsByKey: Map<string, string | Set<string>>;
  /**
   * An id's keys at this path: a scalar's one key as is (the common case), else an array
   * (the elements of an array, or the documents of several commits in flight).
   */
  keysById: Map<string, string | string[]>;
  /** Ids whose value at this path sits inside an array: always candidates. */
  unindexable: Set<string>;
}

/** The ids an index-covered filter matches; those in `verify` must be re-checked on their document. */
export interface ExactMatches {
  /** May be the index's own set: read it, never change it. */
  ids: ReadonlySet<string>;
  verify: Set<string>;
}

export class CollectionIndexes {
  readonly #fields = new Map<string, FieldIndex>();
  /**
   * Documents written by commits that have not settled yet, by id (one as is, the common
   * case, or several), each with the keys `beginWrite` found in it, one per field in the
   * order of `#fields` then (fields are only ever added), for `endWrite` to reuse.
   */
  readonly #pending = new Map<string, PendingDoc | PendingDoc[]>();
  /** How many commits writing (or deleting) each id have not settled yet. */
  readonly #writing = new Map<string, number>();
  /** Ids another commit wrote while one was in flight, until none is. */
  readonly #contended = new Set<string>();
  /** Counts every change to the index (writes beginning and settling, fields added). */
  #generation = 0;
  /** The last answer of each kind, with its question and the generation it holds for. */
  readonly #answers = new Map<string, { key: string; generation: number; value: unknown }>();

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
    this.#generation++;
    const added = new Map<string, FieldIndex>();
    for (const field of fields) {
      if (this.#fields.has(field) || added.has(field)) continue;
      added.set(field, { idsByKey: new Map(), keysById: new Map(), unindexable: new Set() });
    }
    if (added.size === 0) return;
    for (const [field, index] of added) this.#fields.set(field, index);
    for (const doc of docs) for (const [field, index] of added) this.#addDoc(field, index, doc._id, doc);
    // Commits already in flight when the index appeared must be covered too.
    for (const [id, pending] of this.#pending) for (const { doc } of listOf(pending)) for (const [field, index] of added) this.#addDoc(field, index, id, doc);
  }

  /** Index `field` over `docs` (see `addFields`). */
  addField(field: string, docs: Iterable<StoredDoc>): void {
    this.addFields([field], docs);
  }

  /** Call before a commit that writes `doc` (undefined for a delete) under `id`. */
  beginWrite(id: string, doc: StoredDoc | undefined): void {
    this.#generation++;
    const writing = (this.#writing.get(id) ?? 0) + 1;
    this.#writing.set(id, writing);
    if (writing > 1) this.#contended.add(id);
    if (doc === undefined) return;
    const found: PathKeys[] = [];
    for (const [field, index] of this.#fields) found.push(this.#addDoc(field, index, id, doc));
    const mine: PendingDoc = { doc, found };
    const before = this.#pending.get(id);
    this.#pending.set(id, before === undefined ? mine : [...listOf(before), mine]);
  }

  /** Call once the commit begun with `doc` settled, passing what is now stored under `id`. */
  endWrite(id: string, doc: StoredDoc | undefined, stored: StoredDoc | undefined): void {
    this.#generation++;
    const writing = (this.#writing.get(id) ?? 1) - 1;
    if (writing > 0) this.#writing.set(id, writing);
    else {
      this.#writing.delete(id);
      this.#contended.delete(id);
    }
    const pending = this.#pending.get(id);
    let others: PendingDoc[] = [];
    let found: PathKeys[] | undefined;
    if (pending !== undefined && !Array.isArray(pending)) {
      if (pending.doc === doc) found = pending.found;
      else others = [pending];
    } else if (pending !== undefined) {
      others = pending.filter((one) => one.doc !== doc);
    }
    if (others.length === 0) this.#pending.delete(id);
    else this.#pending.set(id, others.length === 1 ? others[0] : others);
    // The common case: what this commit wrote is what is stored, and nothing else is in
    // flight on the id. Its keys are in already (beginWrite): only the previous
    // document's other keys go, without working the document's keys out again.
    if (doc === undefined || stored !== doc || others.length > 0) found = undefined;
    let i = 0;
    for (const [field, index] of this.#fields) {
      const mine = found?.[i++];
      if (mine) {
        this.#keepOnly(index, id, mine);
        continue;
      }
      this.#removeId(index, id);
      if (stored !== undefined) this.#addDoc(field, index, id, stored);
      for (const kept of others) this.#addDoc(field, index, id, kept.doc);
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
    return this.answer('exact', JSON.stringify(constraints), () => {
      const unindexable: Set<string>[] = [];
      const ids = this.#matchAll(constraints, unindexable);
      if (ids === undefined) return undefined;
      const verify = new Set<string>();
      for (const uncertain of [this.#writing.keys(), ...unindexable]) for (const id of uncertain) if (ids.has(id)) verify.add(id);
      return { ids, verify };
    });
  }

  /**
   * The answer to the question `key` of kind `kind`: the last one given, unless the index
   * changed since (a write began or settled, a field was added), else `compute`'s. A page
   * and its count ask the same in a row; the second costs a lookup.
   */
  answer<T>(kind: string, key: string, compute: () => T): T {
    const last = this.#answers.get(kind);
    if (last?.key === key && last.generation === this.#generation) return last.value as T;
    const value = compute();
    this.#answers.set(kind, { key, generation: this.#generation, value });
    return value;
  }

  /** Whether the indexes alone answer `filter` (see `exactMatches`), without working out its ids. */
  covers(filter: Filter): boolean {
    const constraints = coveredConstraints(filter);
    const indexed = (terms: CoveredTerm[]): boolean =>
      terms.every((term) => (Array.isArray(term) ? this.#fields.has(term[0]) : term.or.every(indexed)));
    return constraints !== undefined && constraints.length > 0 && indexed(constraints);
  }

  /** The cheapest way the indexes narrow `filter`: at most `size` ids, built on demand. */
  #narrowest(filter: Filter): { size: number; ids: () => ReadonlySet<string> } | undefined {
    let best: { size: number; ids: () => ReadonlySet<string> } | undefined;
    for (const [field, keys] of equalityConstraints(filter)) {
      const index = this.#fields.get(field);
      if (index === undefined) continue;
      // At most this many ids: sized before any set is built.
      let size = index.unindexable.size;
      for (const key of keys) size += sizeOf(index.idsByKey.get(key));
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
    const keysById = this.#fields.get(field)?.keysById;
    if (keysById === undefined) return undefined;
    const writing = this.#writing;
    // No key (null, an object) or several (an array): the document says.
    const known = (id: string): unknown => {
      const held = keysById.get(id);
      return typeof held === 'string' ? valueOfKey(held) : NOT_SCALAR;
    };
    // A write in flight leaves more than one value for its id.
    return writing.size === 0 ? known : (id) => (writing.has(id) ? NOT_SCALAR : known(id));
  }

  /** Leave `id` under exactly the keys `mine` (which are in already). */
  #keepOnly(index: FieldIndex, id: string, mine: PathKeys): void {
    const next = mine.kind === 'unindexable' ? undefined : mine.keys;
    // Held as it is already: one key, unchanged, with no other commit's keys beside it. (The
    // check keeps the index's own string: `mine` may hold one sliced from a decoded document.)
    if (mine.kind === 'keys' && mine.list !== true && next?.length === 1 && index.keysById.get(id) === next[0]) return;
    for (const key of keysOf(index.keysById.get(id))) {
      if (next?.includes(key) === true) continue;
      removeFrom(index, key, id);
    }
    if (mine.kind === 'unindexable') {
      index.keysById.delete(id);
      index.unindexable.add(id);
      return;
    }
    if (mine.keys.length === 0) index.keysById.delete(id);
    else index.keysById.set(id, held(mine));
    index.unindexable.delete(id);
  }

  /**
   * Add `doc`'s keys under `id`. What the index keeps of a document's strings must not
   * share their memory (see `flattened`): a document read from lmdb, or one committed
   * with strings taken from one, would stay alive through them; `id` never comes from it.
   */
  #addDoc(field: string, index: FieldIndex, id: string, doc: StoredDoc): PathKeys {
    const read = keysAtPath(doc, field);
    if (read.kind === 'unindexable') {
      index.unindexable.add(id);
      return read;
    }
    const had = index.keysById.get(id);
    // The common update: the field's one key did not change, and is in already under this id.
    if (typeof had === 'string' && read.keys.length === 1 && read.list !== true && read.keys[0] === had) return read;
    const found = { ...read, keys: read.keys.map(flattened) };
    const { keys } = found;
    // Another commit's document is in already: both documents' keys, as a list.
    if (had !== undefined) index.keysById.set(id, [...new Set([...keysOf(had), ...keys])]);
    else if (keys.length > 0) index.keysById.set(id, held(found));
    for (const key of keys) {
      const ids = index.idsByKey.get(key);
      if (ids === undefined || ids === id) index.idsByKey.set(key, id);
      else if (typeof ids === 'string') index.idsByKey.set(key, new Set([ids, id]));
      else ids.add(id);
    }
    return found;
  }

  #removeId(index: FieldIndex, id: string): void {
    index.unindexable.delete(id);
    for (const key of keysOf(index.keysById.get(id))) {
      removeFrom(index, key, id);
    }
    index.keysById.delete(id);
  }
}

/** What `keysById` holds for a document's keys: a scalar's one key as is. */
function held(found: PathKeys & { kind: 'keys' }): string | string[] {
  return found.keys.length === 1 && found.list !== true ? (found.keys[0]) : found.keys;
}

/** The keys `keysById` holds for an id, as a list. */
function keysOf(held: string | string[] | undefined): readonly string[] {
  return held === undefined ? [] : typeof held === 'string' ? [held] : held;
}

/*
 * Strings read from lmdb are slices of one string holding a whole document's bytes
 * (msgpackr's native decoder does that), and a slice keeps all of it alive: an index that
 * kept such a slice kept its whole document in memory. V8 copies
 * texts shorter than SLICE_MIN instead of slicing them. embedded-store.test.ts checks that
 * an index keeps nothing of the documents it read.
 */
const SLICE_MIN = 13;

/**
 * A key built from a decoded value (`s:` + a slice) with characters of its own: turning a
 * concatenation into a number makes V8 flatten it in place, copying the slice's characters
 * and letting go of the slice.
 */
function flattened(key: string): string {
  if (key.length >= SLICE_MIN) Number(key);
  return key;
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
  if (keys.length === 1 && only !== undefined && index.unindexable.size === 0) {
    const held = index.idsByKey.get(only);
    return held === undefined ? EMPTY : typeof held === 'string' ? new Set([held]) : held;
  }
  const ids = new Set(index.unindexable);
  for (const key of keys) {
    const held = index.idsByKey.get(key);
    if (typeof held === 'string') ids.add(held);
    else if (held !== undefined) for (const id of held) ids.add(id);
  }
  return ids;
}

/** How many ids a key holds. */
function sizeOf(held: string | Set<string> | undefined): number {
  return held === undefined ? 0 : typeof held === 'string' ? 1 : held.size;
}

/** Take `id` out of `key`'s ids (a set left with one id becomes that id). */
function removeFrom(index: FieldIndex, key: string, id: string): void {
  const held = index.idsByKey.get(key);
  if (held === id) index.idsByKey.delete(key);
  else if (held instanceof Set && held.delete(id) && held.size === 1) index.idsByKey.set(key, held.values().next().value as string);
}
