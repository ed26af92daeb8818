/**
 * In-memory secondary indexes for one collection of the embedded store: for each
 * indexed field, lookup key → ids of the documents holding it.
 *
 * Invariant: for every id, the keys listed for it include every key its document
 * has in the data a reader may see. The index may list extra keys (mingo re-checks
 * every candidate against the filter) but never miss one. Commits keep it so:
 * `beginWrite` adds the new document's keys before lmdb makes it visible, and
 * `endWrite` trims back to the stored document once the commit has settled, keeping
 * the keys of any other commit on the same id still in flight.
 */

import { equalityConstraints, keysAtPath } from './index-keys.js';
import type { Filter, StoredDoc } from './store.js';

interface FieldIndex {
  idsByKey: Map<string, Set<string>>;
  keysById: Map<string, Set<string>>;
  /** Ids whose value at this path sits inside an array: always candidates. */
  unindexable: Set<string>;
}

export class CollectionIndexes {
  readonly #fields = new Map<string, FieldIndex>();
  /** Documents written by commits that have not settled yet, by id. */
  readonly #pending = new Map<string, StoredDoc[]>();

  /** Whether any field is indexed (if not, queries scan without asking). */
  get isEmpty(): boolean {
    return this.#fields.size === 0;
  }

  /** Index `field` over `docs` (the whole collection, read in one synchronous pass). */
  addField(field: string, docs: Iterable<StoredDoc>): void {
    if (this.#fields.has(field)) return;
    const index: FieldIndex = { idsByKey: new Map(), keysById: new Map(), unindexable: new Set() };
    this.#fields.set(field, index);
    for (const doc of docs) this.#addDoc(field, index, doc._id, doc);
    // Commits already in flight when the index appeared must be covered too.
    for (const [id, docs] of this.#pending) for (const doc of docs) this.#addDoc(field, index, id, doc);
  }

  /** Call before a commit that writes `doc` (undefined for a delete) under `id`. */
  beginWrite(id: string, doc: StoredDoc | undefined): void {
    if (doc === undefined) return;
    this.#pending.set(id, [...(this.#pending.get(id) ?? []), doc]);
    for (const [field, index] of this.#fields) this.#addDoc(field, index, id, doc);
  }

  /** Call once the commit begun with `doc` settled, passing what is now stored under `id`. */
  endWrite(id: string, doc: StoredDoc | undefined, stored: StoredDoc | undefined): void {
    const others = (this.#pending.get(id) ?? []).filter((pending) => pending !== doc);
    if (others.length === 0) this.#pending.delete(id);
    else this.#pending.set(id, others);
    const keep = stored === undefined ? others : [stored, ...others];
    for (const [field, index] of this.#fields) {
      this.#removeId(index, id);
      for (const kept of keep) this.#addDoc(field, index, id, kept);
    }
  }

  /**
   * The ids that may match `filter`, or undefined when no indexed field constrains it
   * (then the caller scans). Picks the most selective indexed equality.
   */
  candidates(filter: Filter): Set<string> | undefined {
    let best: Set<string> | undefined;
    for (const [field, keys] of equalityConstraints(filter)) {
      const index = this.#fields.get(field);
      if (index === undefined) continue;
      const ids = new Set(index.unindexable);
      for (const key of keys) for (const id of index.idsByKey.get(key) ?? []) ids.add(id);
      if (best === undefined || ids.size < best.size) best = ids;
    }
    return best;
  }

  #addDoc(field: string, index: FieldIndex, id: string, doc: StoredDoc): void {
    const found = keysAtPath(doc, field);
    if (found.kind === 'unindexable') {
      index.unindexable.add(id);
      return;
    }
    let keys = index.keysById.get(id);
    for (const key of found.keys) {
      if (keys === undefined) index.keysById.set(id, (keys = new Set()));
      keys.add(key);
      let ids = index.idsByKey.get(key);
      if (ids === undefined) index.idsByKey.set(key, (ids = new Set()));
      ids.add(id);
    }
  }

  #removeId(index: FieldIndex, id: string): void {
    index.unindexable.delete(id);
    for (const key of index.keysById.get(id) ?? []) {
      const ids = index.idsByKey.get(key);
      ids?.delete(id);
      if (ids?.size === 0) index.idsByKey.delete(key);
    }
    index.keysById.delete(id);
  }
}
