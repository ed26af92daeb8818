/**
 * `find` and `count` of the embedded store. Reading a document means decoding it (a few
 * µs each), the one cost that grows with the collection, so queries read as few as they
 * can: a filter the indexes answer exactly reads only the documents it returns (and any
 * with a commit in flight), a sort on indexed fields orders candidates by the values the
 * index keeps, and a sort with a limit keeps only the first `skip + limit` (a heap)
 * rather than sorting everything. Documents read are shared (./document-cache.ts): only
 * the ones returned are copied. Results are the ones mingo gives over a full scan, ties
 * included (in `_id` order).
 */

import { find as mingoFind, Query } from 'mingo';
import { compare, resolve } from 'mingo/util';
import type { CollectionIndexes } from './collection-indexes.js';
import { equalityConstraints, NOT_SCALAR, sortValueOf } from './index-keys.js';
import type { Filter, FindOptions, Sort, StoredDoc } from './store.js';
import { copyDoc } from './copy.js';

/** How a query reads one collection. */
export interface CollectionReader {
  indexes: CollectionIndexes | undefined;
  /** One document, shared with other queries (read it, never change it), or undefined. */
  peek(id: string): StoredDoc | undefined;
  /** Every document, shared, in `_id` order. */
  scan(): StoredDoc[];
  /** Every id, in `_id` order, without decoding documents. */
  ids(): string[];
  /** How many documents there are. */
  size(): number;
}

/** The ids matching a filter, the documents read on the way, and whether `ids` is in `_id` order. */
interface Matches {
  ids: string[];
  docs: Map<string, StoredDoc>;
  inIdOrder: boolean;
}

const UNLIMITED = Number.POSITIVE_INFINITY;

/**
 * The documents matching `filter`, sorted, skipped and limited like MongoDB (a limit of
 * 0 means none).
 * @example findDocs(reader, { stage: 'won' }, { sort: { updatedAt: -1 }, limit: 25 });
 */
export function findDocs(reader: CollectionReader, filter: Filter, options: FindOptions): StoredDoc[] {
  const skip = options.skip !== undefined && options.skip > 0 ? options.skip : 0;
  const limit = options.limit !== undefined && options.limit > 0 ? options.limit : UNLIMITED;
  const sort = options.sort !== undefined && Object.keys(options.sort).length > 0 ? options.sort : undefined;
  const copy = copier(options.fields);
  if (sort !== undefined && limit !== UNLIMITED && needsDocuments(reader, filter) && sortedByIndex(reader, sort)) {
    const page = pageInIndexOrder(reader, filter, sort, skip, limit);
    if (page !== undefined) return page.map(copy);
  }
  const found = matching(reader, filter, sort, limit);
  if (sort === undefined) {
    if (!found.inIdOrder) found.ids.sort();
    return docsOf(reader, found, found.ids.slice(skip, skip + limit), copy);
  }
  const order = sortOrder(reader, found, sort);
  // A sort key holding an array or an object: mingo orders those.
  if (order === undefined) {
    if (!found.inIdOrder) found.ids.sort();
    return mingoSorted(sharedDocs(reader, found, found.ids), sort, skip, limit).map(copy);
  }
  const wanted = skip + limit;
  const first =
    wanted < order.alive.length
      ? firstInOrder(order.alive, wanted, order.compare)
      : order.alive.sort(order.compare);
  return docsOf(
    reader,
    found,
    first.slice(skip, skip + limit).map((i) => found.ids[i]),
    copy,
  );
}

/** Whether `filter` has conditions only documents can answer (the indexes cannot alone). */
function needsDocuments(reader: CollectionReader, filter: Filter): boolean {
  return Object.keys(filter).length > 0 && reader.indexes?.covers(filter) !== true;
}

/**
 * A page of a filter the indexes narrow but cannot answer, sorted by indexed fields: the
 * candidates are ordered by the values the indexes keep, and documents are read in that
 * order only until the page is full (the outbox's due entries, oldest first, cost a page
 * of reads, not the whole backlog). Undefined when a sort key is not a scalar.
 */
function pageInIndexOrder(reader: CollectionReader, filter: Filter, sort: Sort, skip: number, limit: number): StoredDoc[] | undefined {
  const candidates = reader.indexes?.candidates(filter);
  const found: Matches = candidates === undefined ? { ids: reader.ids(), docs: new Map(), inIdOrder: true } : { ids: [...candidates], docs: new Map(), inIdOrder: false };
  const order = sortOrder(reader, found, sort);
  if (order === undefined) return undefined;
  const query = new Query(filter);
  const wanted = skip + limit;
  const page: StoredDoc[] = [];
  let matched = 0;
  /** Test `positions` in order; true once the page is full. */
  const take = (positions: number[]): boolean => {
    for (const i of positions) {
      const id = found.ids[i];
      const doc = found.docs.get(id) ?? reader.peek(id);
      if (doc === undefined || !query.test(doc)) continue;
      if (matched++ >= skip) page.push(doc);
      if (matched >= wanted) return true;
    }
    return false;
  };
  // Most pages fill from the first few in order (a heap); else the rest, sorted. The order
  // is total (ties by `_id`), so the rest continues where the first ones end.
  const first = firstInOrder(order.alive, 2 * wanted, order.compare);
  if (take(first) || first.length === order.alive.length) return page;
  take(order.alive.sort(order.compare).slice(first.length));
  return page;
}

/**
 * How many documents match `filter`; reads none when the indexes answer it exactly.
 * @example countDocs(reader, { entity: 'lead', stage: 'won' });
 */
export function countDocs(reader: CollectionReader, filter: Filter): number {
  if (Object.keys(filter).length === 0) return reader.size();
  const exact = reader.indexes?.exactMatches(filter);
  if (exact === undefined) return matching(reader, filter, undefined, UNLIMITED).ids.length;
  let matched = exact.ids.size - exact.verify.size;
  if (exact.verify.size === 0) return matched;
  const query = new Query(filter);
  for (const id of exact.verify) {
    const doc = reader.peek(id);
    if (doc !== undefined && query.test(doc)) matched++;
  }
  return matched;
}

/** The matching ids; documents are read only where the filter needs them. */
function matching(reader: CollectionReader, filter: Filter, sort: Sort | undefined, limit: number): Matches {
  const docs = new Map<string, StoredDoc>();
  const exact = reader.indexes?.exactMatches(filter);
  if (exact !== undefined) {
    // Compiling the filter costs more than a lookup: only when a document must be checked.
    if (exact.verify.size === 0) return { ids: [...exact.ids], docs, inIdOrder: false };
    const query = new Query(filter);
    const ids: string[] = [];
    for (const id of exact.ids) {
      if (!exact.verify.has(id)) ids.push(id);
      else {
        const doc = reader.peek(id);
        if (doc !== undefined && query.test(doc)) {
          ids.push(id);
          docs.set(id, doc);
        }
      }
    }
    return { ids, docs, inIdOrder: false };
  }
  const everything = Object.keys(filter).length === 0;
  if (everything && (sort === undefined ? limit !== UNLIMITED : sortedByIndex(reader, sort))) {
    return { ids: reader.ids(), docs, inIdOrder: true };
  }
  const test = (): readonly string[] => {
    const query = new Query(filter);
    const ids: string[] = [];
    for (const doc of candidates(reader, filter)) {
      if (everything || query.test(doc)) {
        ids.push(doc._id);
        docs.set(doc._id, doc);
      }
    }
    return ids;
  };
  // A page and its count test the same documents in a row: the second takes the first's
  // ids unless a write came between (CollectionIndexes.answer).
  const key = everything ? undefined : plainKey(filter);
  const ids = key === undefined || reader.indexes === undefined ? test() : reader.indexes.answer('matches', key, test);
  return { ids: [...ids], docs, inIdOrder: true };
}

/**
 * A filter as text when it holds only JSON values (strings, numbers, booleans, null, arrays,
 * plain objects), else undefined: a date, a regular expression or a function would not
 * survive the text, and two different filters could read alike.
 */
function plainKey(filter: Filter): string | undefined {
  const plain = (value: unknown): boolean => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return true;
    if (Array.isArray(value)) return value.every(plain);
    if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
    return Object.values(value).every(plain);
  };
  return plain(filter) ? JSON.stringify(filter) : undefined;
}

/** The documents a filter may match, in `_id` order: by `_id`, by an index, or all of them. */
function candidates(reader: CollectionReader, filter: Filter): StoredDoc[] {
  const byId = equalityConstraints(filter).get('_id');
  const ids =
    byId !== undefined
      ? byId.filter((key) => key.startsWith('s:')).map((key) => key.slice(2))
      : reader.indexes?.candidates(filter);
  if (ids === undefined) return reader.scan();
  const docs: StoredDoc[] = [];
  for (const id of [...ids].sort()) {
    const doc = reader.peek(id);
    if (doc !== undefined) docs.push(doc);
  }
  return docs;
}

function sortedByIndex(reader: CollectionReader, sort: Sort): boolean {
  return Object.keys(sort).every((field) => field === '_id' || reader.indexes?.has(field) === true);
}

/**
 * The positions in `found.ids` still present, and how to order them; undefined when a
 * sort key is not a scalar. Keys come from the index, else from the document (read now).
 */
function sortOrder(
  reader: CollectionReader,
  found: Matches,
  sort: Sort,
): { alive: number[]; compare: (a: number, b: number) => number } | undefined {
  const { ids, docs } = found;
  const fields = Object.keys(sort);
  const directions = fields.map((field) => sort[field] ?? 1);
  const columns = fields.map(() => new Array<unknown>(ids.length));
  const fromIndex = fields.map((field) =>
    field === '_id' ? (id: string) => id : (reader.indexes?.sortValues(field) ?? (() => NOT_SCALAR)),
  );
  const alive: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    let doc = docs.get(id);
    let present = true;
    for (let f = 0; f < fields.length && present; f++) {
      const field = fields[f];
      let value = doc === undefined ? fromIndex[f](id) : sortValueOf(doc, field);
      if (value === NOT_SCALAR && doc === undefined) {
        doc = reader.peek(id);
        // Deleted while we read: no longer an answer.
        if (doc === undefined) present = false;
        else {
          docs.set(id, doc);
          value = sortValueOf(doc, field);
        }
      }
      if (value === NOT_SCALAR) return undefined;
      columns[f][i] = value;
    }
    if (present) alive.push(i);
  }
  const { inIdOrder } = found;
  const byKeys = (a: number, b: number): number => {
    for (let f = 0; f < columns.length; f++) {
      const column = columns[f];
      const order = scalarCompare(column[a], column[b]);
      if (order !== 0) return order * (directions[f] as number);
    }
    // Ties keep `_id` order, as mingo's stable sort over an `_id`-ordered input does.
    if (inIdOrder) return a - b;
    return ids[a] < ids[b] ? -1 : 1;
  };
  return { alive, compare: byKeys };
}

/** mingo's order of scalars, with its two common cases inline. */
function scalarCompare(a: unknown, b: unknown): number {
  if ((typeof a === 'string' && typeof b === 'string') || (typeof a === 'number' && typeof b === 'number'))
    return a < b ? -1 : a > b ? 1 : 0;
  return compare(a, b);
}

/** The `n` first items in `order`, sorted: a bounded max-heap, O(items · log n). */
export function firstInOrder<T>(items: T[], n: number, order: (a: T, b: T) => number): T[] {
  const heap: T[] = [];
  const swap = (i: number, j: number): void => void ([heap[i], heap[j]] = [heap[j], heap[i]]);
  const above = (i: number, j: number): boolean => order(heap[i], heap[j]) > 0;
  for (const item of items) {
    if (heap.length < n) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0 && above(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (n > 0 && order(item, heap[0]) < 0) {
      heap[0] = item;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        let top = i;
        if (left < heap.length && above(left, top)) top = left;
        if (left + 1 < heap.length && above(left + 1, top)) top = left + 1;
        if (top === i) break;
        swap(i, top);
        i = top;
      }
    }
  }
  return heap.sort(order);
}

/** Sort, then skip, then limit, by mingo (which reorders the array, not the shared documents). */
function mingoSorted(docs: StoredDoc[], sort: Sort, skip: number, limit: number): StoredDoc[] {
  const cursor = mingoFind(docs, {}).sort(sort);
  if (skip > 0) cursor.skip(skip);
  if (limit !== UNLIMITED) cursor.limit(limit);
  return cursor.all() as StoredDoc[];
}

/** The shared documents of `ids`; ids deleted meanwhile are left out. */
function sharedDocs(reader: CollectionReader, found: Matches, ids: string[]): StoredDoc[] {
  const docs: StoredDoc[] = [];
  for (const id of ids) {
    const doc = found.docs.get(id) ?? reader.peek(id);
    if (doc !== undefined) docs.push(doc);
  }
  return docs;
}

/** Copies the caller owns of the documents of `ids`. */
function docsOf(reader: CollectionReader, found: Matches, ids: string[], copy: (doc: StoredDoc) => StoredDoc): StoredDoc[] {
  return sharedDocs(reader, found, ids).map(copy);
}

/** How a shared document becomes the caller's: whole, or only `fields` (and `_id`). */
function copier(fields: readonly string[] | undefined): (doc: StoredDoc) => StoredDoc {
  if (fields === undefined) return (doc) => copyDoc(doc);
  return (doc) => {
    const projected: StoredDoc = { _id: doc._id };
    for (const field of fields) if (field !== '_id' && Object.hasOwn(doc, field)) projected[field] = copyDoc(doc[field]);
    return projected;
  };
}

/**
 * The total of `path` over the documents matching `filter`, as mingo's
 * `[{ $match: filter }, { $group: { _id: null, total: { $sum: '$path' } } }]` answers it
 * (numbers only, NaN left out; a path through an array resolves to an array, not a number),
 * without its pipeline: the matches come from the indexes as for a count, and each
 * document is read once, from the shared ones. `matched` 0 means no row (mingo's empty
 * answer). A board's column asks for this beside its page: it was two thirds of its cost.
 * @example sumDocs(reader, { entity: 'deal', stage: 'won' }, 'data.amount');
 */
export function sumDocs(reader: CollectionReader, filter: Filter, path: string): { matched: number; sum: number } {
  const found = matching(reader, filter, undefined, UNLIMITED);
  const parts = path.split('.');
  let sum = 0;
  for (const id of found.ids) {
    const doc = found.docs.get(id) ?? reader.peek(id);
    if (doc === undefined) continue;
    const value = valueAt(doc, parts, path);
    if (typeof value === 'number' && !Number.isNaN(value)) sum += value;
  }
  return { matched: found.ids.length, sum };
}

/** What mingo's `resolve` gives at `path`: walked directly through objects; through an array, by mingo. */
function valueAt(doc: StoredDoc, parts: string[], path: string): unknown {
  let value: unknown = doc;
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return undefined;
    if (Array.isArray(value)) return resolve(doc, path);
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
