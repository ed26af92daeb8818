/**
 * Decoded documents of the embedded store, kept so that queries over many candidates do
 * not decode each one again (decoding is the cost that grows with the collection). The
 * cached objects are shared: queries only read them, and copy the few they return.
 *
 * Coherence: a document with a commit in flight is never cached, and every commit drops
 * the entries of the ids it writes when it begins and again when it settles, so a reader
 * sees what lmdb holds now. Bounded: past `capacity` documents the oldest entries go.
 */
import type { StoredDoc } from './store.js';

export class DocumentCache {
  /** Per collection (no key built per lookup: ids keep their cached hashes). */
  readonly #collections = new Map<string, Map<string, StoredDoc>>();
  /** The order documents were remembered in, oldest first from `#head`; may hold stale pairs. */
  #order: [collection: string, id: string][] = [];
  #head = 0;
  #size = 0;
  /** How many commits writing each id have not settled yet, per collection. */
  readonly #writing = new Map<string, Map<string, number>>();

  constructor(readonly capacity: number) {}

  /** The cached document, or undefined (then read it and `remember` it). */
  get(collection: string, id: string): StoredDoc | undefined {
    return this.#collections.get(collection)?.get(id);
  }

  /** Keep `doc`, just read from the store, unless a commit on it is in flight. */
  remember(collection: string, id: string, doc: StoredDoc): void {
    if (this.capacity <= 0 || this.#writing.get(collection)?.has(id) === true) return;
    let docs = this.#collections.get(collection);
    if (docs === undefined) this.#collections.set(collection, (docs = new Map<string, StoredDoc>()));
    if (!docs.has(id)) this.#size++;
    docs.set(id, doc);
    this.#order.push([collection, id]);
    while (this.#size > this.capacity && this.#head < this.#order.length) {
      const [oldCollection, oldId] = this.#order[this.#head++];
      this.#drop(oldCollection, oldId);
    }
    // Stale pairs pile up as documents are dropped by commits: start the order afresh.
    if (this.#head > this.capacity) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Call before a commit that writes or deletes `id`. */
  beginWrite(collection: string, id: string): void {
    let writing = this.#writing.get(collection);
    if (writing === undefined) this.#writing.set(collection, (writing = new Map<string, number>()));
    writing.set(id, (writing.get(id) ?? 0) + 1);
    this.#drop(collection, id);
  }

  /** Call once that commit has settled, whether it succeeded or not. */
  endWrite(collection: string, id: string): void {
    const writing = this.#writing.get(collection);
    const left = (writing?.get(id) ?? 1) - 1;
    if (left > 0) writing?.set(id, left);
    else writing?.delete(id);
    this.#drop(collection, id);
  }

  /** How many documents are cached. */
  get size(): number {
    return this.#size;
  }

  #drop(collection: string, id: string): void {
    if (this.#collections.get(collection)?.delete(id) === true) this.#size--;
  }
}
