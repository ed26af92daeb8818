/** The embedded store's query planning: what it reads, and that it answers like mingo over a scan. */
import { aggregate as mingoAggregate, find as mingoFind } from 'mingo';
import { describe, expect, it } from 'vitest';
import { CollectionIndexes } from '../../../engine/store/collection-indexes.js';
import {
  countDocs,
  findDocs,
  firstInOrder,
  sumDocs,
  type CollectionReader,
} from '../../../engine/store/embedded-query.js';
import type { Filter, FindOptions, Sort, StoredDoc } from '../../../engine/store/store.js';

/** A collection in memory, counting the documents read. */
function collection(docs: StoredDoc[], indexed: string[]) {
  const byId = new Map(docs.map((doc) => [doc._id, doc]));
  const sorted = [...byId.keys()].sort();
  const indexes = new CollectionIndexes();
  for (const field of indexed) indexes.addField(field, docs);
  const reads = { count: 0 };
  const reader: CollectionReader = {
    indexes,
    // Shared, as the store's document cache hands them out: queries must copy what they return.
    peek: (id) => {
      const doc = byId.get(id);
      if (doc !== undefined) reads.count++;
      return doc;
    },
    scan: () => sorted.map((id) => (reads.count++, byId.get(id) as StoredDoc)),
    ids: () => [...sorted],
    size: () => byId.size,
  };
  return { reader, reads, indexes };
}

/** Many ties, several types, missing values: what the order of equal keys shows up on. */
function records(count: number): StoredDoc[] {
  return Array.from({ length: count }, (_, i) => ({
    _id: `r${String((i * 7919) % count).padStart(4, '0')}`,
    entity: i % 4 === 0 ? 'account' : 'lead',
    stage: ['new', 'won', 'lost'][i % 3],
    updatedAt: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00.000Z`,
    data:
      i % 11 === 0
        ? {}
        : { score: i % 5, city: i % 2 ? 'Huế' : 'Hà Nội', budget: i % 13 === 0 ? 'n/a' : (i * 37) % 100 },
  }));
}

const mingoAnswer = (docs: StoredDoc[], filter: Filter, options: FindOptions): string[] => {
  const cursor = mingoFind(
    [...docs].sort((a, b) => (a._id < b._id ? -1 : 1)),
    filter,
  );
  if (options.sort) cursor.sort(options.sort);
  if (options.skip) cursor.skip(options.skip);
  if (options.limit) cursor.limit(options.limit);
  return (cursor.all() as StoredDoc[]).map((doc) => doc._id);
};

describe('embedded queries', () => {
  it('read only the page when indexes answer both the filter and the sort', () => {
    const { reader, reads } = collection(records(400), ['entity', 'stage', 'updatedAt']);
    const page = findDocs(reader, { entity: 'lead', stage: 'won' }, { sort: { updatedAt: -1 }, limit: 5 });
    expect(page).toHaveLength(5);
    expect(reads.count).toBe(5);
    expect(countDocs(reader, { entity: 'lead', stage: { $in: ['won', 'lost'] } })).toBe(
      records(400).filter((doc) => doc.entity === 'lead' && doc.stage !== 'new').length,
    );
    expect(reads.count).toBe(5);
    // A condition the indexes cannot answer needs the documents, read in the order the
    // indexes give until the page is full: not all of them.
    const unanswered = { entity: 'lead', 'data.score': 3 };
    const sorted = { sort: { updatedAt: -1 }, limit: 5 } as const;
    expect(findDocs(reader, unanswered, sorted).map((doc) => doc._id)).toEqual(mingoAnswer(records(400), unanswered, sorted));
    expect(reads.count - 5).toBeLessThan(60);
  });

  it("narrow a reader's scope through the indexes: an $or of what they own and what nobody owns", () => {
    const docs = records(400).map((doc, i) => (i % 10 === 0 ? doc : { ...doc, owner: `u${i % 4}` }));
    const { reader, reads } = collection(docs, ['entity', 'owner', 'updatedAt']);
    const scoped = { entity: 'lead', $or: [{ owner: { $in: ['u1'] } }, { owner: { $exists: false } }] };
    const page = findDocs(reader, scoped, { sort: { updatedAt: -1 }, limit: 5 });
    expect(page.map((doc) => doc._id)).toEqual(mingoAnswer(docs, scoped, { sort: { updatedAt: -1 }, limit: 5 }));
    expect(countDocs(reader, scoped)).toBe(mingoAnswer(docs, scoped, {}).length);
    // Only the page is read: the indexes answer the scope, the count and the order.
    expect(reads.count).toBe(5);
    // A branch no index narrows leaves the other conditions to narrow.
    const unindexed = { entity: 'lead', $or: [{ owner: 'u1' }, { 'data.city': 'Huế' }] };
    expect(findDocs(reader, unindexed, { sort: { _id: 1 } }).map((doc) => doc._id)).toEqual(mingoAnswer(docs, unindexed, { sort: { _id: 1 } }));
  });

  it("count a page's filter from the page's own reading, until a write", () => {
    const docs = records(300);
    const { reader, reads, indexes } = collection(docs, ['entity']);
    const filter = { entity: 'lead', 'data.city': 'Huế' };
    const answer = () => mingoAnswer(docs, filter, {}).length;
    expect(findDocs(reader, filter, {}).length).toBe(answer());
    const read = reads.count;
    expect(countDocs(reader, filter)).toBe(answer());
    expect(reads.count).toBe(read);
    // Filters that read alike as text are not taken for one another.
    expect(countDocs(reader, { entity: 'lead', 'data.city': /^Hu/ })).toBe(mingoAnswer(docs, { entity: 'lead', 'data.city': /^Hu/ }, {}).length);
    expect(countDocs(reader, { entity: 'lead', 'data.city': /^Hà/ })).toBe(mingoAnswer(docs, { entity: 'lead', 'data.city': /^Hà/ }, {}).length);
    // A write in between: read again.
    const moved = docs.find((doc) => doc.entity === 'lead' && (doc.data as { city?: string }).city === 'Hà Nội') as StoredDoc;
    (moved.data as { city: string }).city = 'Huế';
    indexes.beginWrite(moved._id, moved);
    indexes.endWrite(moved._id, moved, moved);
    expect(countDocs(reader, filter)).toBe(answer());
    expect(reads.count).toBeGreaterThan(read);
  });

  it('answer like mingo over a scan, ties and mixed types included', () => {
    const docs = records(300);
    const { reader } = collection(docs, ['entity', 'stage', 'updatedAt', 'data.budget']);
    const filters: Filter[] = [
      {},
      { entity: 'lead' },
      { stage: { $in: ['won', 'new'] }, entity: 'lead' },
      { 'data.city': 'Huế' },
    ];
    const sorts = [
      { updatedAt: -1 },
      { 'data.budget': 1 },
      { 'data.budget': -1, stage: 1 },
      { 'data.score': -1 },
      { stage: 1, updatedAt: 1 },
    ] as const;
    const pages = [{}, { limit: 10 }, { skip: 17, limit: 25 }, { skip: 290, limit: 25 }];
    for (const filter of filters) {
      for (const sort of sorts) {
        for (const page of pages) {
          const options = { sort, ...page };
          const what = JSON.stringify({ filter, options });
          expect(
            findDocs(reader, filter, options).map((doc) => doc._id),
            what,
          ).toEqual(mingoAnswer(docs, filter, options));
        }
      }
      expect(countDocs(reader, filter)).toBe(mingoAnswer(docs, filter, {}).length);
    }
  });

  it('return copies: changing a result changes nothing the next query sees', () => {
    const docs = records(50);
    const { reader } = collection(docs, ['entity', 'updatedAt']);
    for (const options of [
      { sort: { updatedAt: -1 }, limit: 3 },
      { sort: { 'data.score': 1 }, limit: 3 },
      {},
    ] as FindOptions[]) {
      const [first] = findDocs(reader, { entity: 'lead' }, options);
      if (!first) throw new Error('no result');
      (first.data as Record<string, unknown>).score = 'changed';
      first.entity = 'changed';
      expect(docs.find((doc) => doc._id === first._id)).toMatchObject({ entity: 'lead' });
      expect(JSON.stringify(docs)).not.toContain('changed');
    }
    const [sorted] = findDocs(reader, {}, { sort: { data: 1 }, limit: 1 });
    (sorted).entity = 'changed';
    expect(JSON.stringify(docs)).not.toContain('changed');
  });

  it('leave sorts by arrays and objects to mingo', () => {
    const docs: StoredDoc[] = [
      { _id: 'a', tags: ['b', 'a'], data: { x: 1 } },
      { _id: 'b', tags: 'a', data: { x: 0 } },
      { _id: 'c', tags: [], data: {} },
      { _id: 'd', data: { x: 2 } },
    ];
    const { reader } = collection(docs, ['tags']);
    for (const sort of [{ tags: 1 }, { tags: -1 }, { data: 1 }] as Sort[]) {
      expect(findDocs(reader, {}, { sort, limit: 3 }).map((doc) => doc._id)).toEqual(
        mingoAnswer(docs, {}, { sort, limit: 3 }),
      );
    }
  });

  it('keep the first n of a large input in order with a bounded heap', () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1013);
    const byValue = (a: number, b: number): number => a - b;
    for (const n of [0, 1, 25, 1013, 5000, 6000]) {
      expect(firstInOrder(values, n, byValue)).toEqual([...values].sort(byValue).slice(0, n));
    }
  });

  it('total a field like mingo\'s $group $sum, reading each matching document once', () => {
    // Numbers, and what $sum leaves out: text, NaN, null, a missing field, arrays (a path
    // through an array of objects resolves to an array), objects.
    const amounts: unknown[] = [5, 2.5, -1, 'n/a', Number.NaN, null, undefined, [1, 2], { v: 1 }, 1e6, 0];
    const docs: StoredDoc[] = Array.from({ length: 60 }, (_, i) => ({
      _id: `d${String(i).padStart(2, '0')}`,
      stage: ['new', 'won', 'lost'][i % 3],
      owner: i % 4 === 0 ? undefined : `u${i % 4}`,
      data: i % 13 === 0 ? 'no data' : i % 7 === 0 ? [{ amount: 3 }, { amount: 4 }] : amounts[i % amounts.length] === undefined ? {} : { amount: amounts[i % amounts.length] },
    }));
    const { reader, reads } = collection(docs, ['stage', 'owner']);
    const filters: Filter[] = [{}, { stage: 'won' }, { stage: 'won', owner: 'u1' }, { 'data.amount': { $gt: 1 } }, { stage: 'nope' }, { $or: [{ owner: 'u2' }, { stage: 'lost' }] }];
    for (const filter of filters) {
      const pipeline = [{ $match: filter }, { $group: { _id: null, total: { $sum: '$data.amount' } } }];
      const expected = mingoAggregate([...docs], pipeline) as { total: number }[];
      reads.count = 0;
      const { matched, sum } = sumDocs(reader, filter, 'data.amount');
      expect(matched === 0 ? [] : [{ _id: null, total: sum }], JSON.stringify(filter)).toEqual(expected);
      // The indexes answer every filter here but the one on the amount, which reads each document once.
      expect(reads.count, JSON.stringify(filter)).toBeLessThanOrEqual('data.amount' in filter ? docs.length : matched);
    }
  });
});
