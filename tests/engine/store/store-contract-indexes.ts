/**
 * The index part of the Store contract (./store-contract.ts): queries answer the same with
 * and without declared indexes, through commits, failed commits and reopening.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../../engine/errors.js';
import type { Filter, Store, StoredDoc } from '../../../engine/store/store.js';

/** Define the index tests inside an adapter's contract suite; `current` is that test's store. */
export function indexesContract(current: () => Store): void {
  describe('indexes', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });
    const insert = (collection: string, ...docs: StoredDoc[]): Promise<void> =>
      store.commit(docs.map((doc) => ({ op: 'insert' as const, collection, doc })));
    const ids = (docs: StoredDoc[]): string[] => docs.map((doc) => doc._id);

    const queries: Filter[] = [
      {},
      { entity: 'lead' },
      { entity: 'lead', stage: 'won' },
      { stage: { $in: ['won', 'lost'] } },
      { stage: { $eq: 'new' }, 'data.score': { $gt: 3 } },
      { $and: [{ stage: 'won' }, { 'data.owner': 'u1' }] },
      { stage: 'won', $or: [{ 'data.owner': 'u2' }, { 'data.score': 0 }] },
      // A reader's scope: what they own, or what nobody owns.
      { entity: 'lead', $or: [{ 'data.owner': { $in: ['u1'] } }, { 'data.owner': { $exists: false } }] },
      { $and: [{ stage: 'won' }, { $or: [{ 'data.owner': 'u2' }, { tags: 'vip' }] }] },
      { 'lines.sku': { $exists: false } },
      { n: { $exists: false } },
      { stage: { $ne: 'won' } },
      { 'data.owner': 'u3' },
      { tags: 'vip' },
      { 'lines.sku': 'A' },
      { n: 3 },
      { n: '3' },
      { at: new Date(Date.UTC(2026, 0, 2)) },
      { stage: 'nope' },
    ];

    async function expectSameAsScan(): Promise<void> {
      for (const filter of queries) {
        const indexed = await store.find('indexed', filter, { sort: { _id: 1 } });
        const scanned = await store.find('plain', filter, { sort: { _id: 1 } });
        expect(indexed, JSON.stringify(filter)).toEqual(scanned);
        expect(await store.count('indexed', filter)).toBe(scanned.length);
        const pipeline = [
          { $match: filter },
          { $group: { _id: '$stage', n: { $sum: 1 } } },
          { $sort: { _id: 1 } },
        ];
        expect(await store.aggregate('indexed', pipeline)).toEqual(
          await store.aggregate('plain', pipeline),
        );
      }
    }

    async function both(ops: (collection: string) => Parameters<Store['commit']>[0]): Promise<void> {
      await store.commit(ops('indexed'));
      await store.commit(ops('plain'));
    }

    it('give the same results as a scan, also after updates and deletes', async () => {
      await store.ensureIndex('indexed', ['entity', 'stage']);
      await both((collection) => seedLeads().map((doc) => ({ op: 'insert', collection, doc })));
      // Indexed after the data exists, so building from existing docs is exercised too.
      await store.ensureIndex('indexed', ['data.owner', 'tags', 'lines.sku', 'n', 'at']);
      const stages = ['new', 'won', 'lost'];
      await expectSameAsScan();

      await both((collection) =>
        seedLeads()
          .filter((_, i) => i % 4 === 0)
          .map((doc, i) => ({
            op: 'put',
            collection,
            doc: {
              ...doc,
              version: 2,
              stage: stages[i % 3],
              tags: i % 2 ? ['vip'] : [],
              data: { owner: 'u3', score: 0 },
            },
            expectVersion: 1,
          })),
      );
      await both((collection) =>
        ['lead-05', 'lead-11', 'lead-30'].map((id) => ({ op: 'delete', collection, id })),
      );
      await both((collection) => [
        { op: 'insert', collection, doc: { _id: 'late', version: 1, entity: 'lead', stage: 'won', n: 3 } },
      ]);
      await expectSameAsScan();
      expect(await store.count('indexed', { stage: 'won' })).toBeGreaterThan(0);
    });

    it('sort, skip and limit like a scan, by indexed fields and others', async () => {
      await store.ensureIndex('indexed', ['entity', 'stage', 'data.owner', 'tags', 'n', 'at']);
      await both((collection) => seedLeads().map((doc) => ({ op: 'insert', collection, doc })));
      const sorts: Record<string, 1 | -1>[] = [
        { stage: 1, _id: 1 },
        { n: -1, _id: 1 },
        { at: 1, _id: -1 },
        { 'data.owner': 1, 'data.score': -1, _id: 1 },
        { 'data.score': -1, stage: 1, _id: -1 },
        { missing: 1, _id: -1 },
        { _id: -1 },
      ];
      const filters: Filter[] = [{}, { entity: 'lead' }, { entity: 'lead', stage: { $in: ['won', 'lost'] } }, { 'data.score': { $gt: 2 } }];
      const pages = [{}, { limit: 7 }, { skip: 5, limit: 10 }, { skip: 38, limit: 10 }, { skip: 70, limit: 5 }];
      for (const sort of sorts) {
        expect(ids(await store.find('indexed', {}, { sort })), JSON.stringify(sort)).toEqual(ids(sortedLike(seedLeads(), sort)));
        for (const filter of filters) {
          for (const page of pages) {
            const what = JSON.stringify({ sort, filter, page });
            const scanned = ids(await store.find('plain', filter, { sort, ...page }));
            expect(ids(await store.find('indexed', filter, { sort, ...page })), what).toEqual(scanned);
          }
        }
      }
      const top = await store.find('indexed', { entity: 'lead' }, { sort: { n: 1, _id: 1 }, limit: 3 });
      expect(top.map((doc) => [doc._id, doc.n])).toEqual([
        ['lead-04', 0],
        ['lead-08', 0],
        ['lead-16', 0],
      ]);
    });

    it('count and find agree with a scan while commits are in flight', async () => {
      await store.ensureIndex('indexed', ['entity', 'stage']);
      await both((collection) => seedLeads().map((doc) => ({ op: 'insert', collection, doc })));
      const moves = (collection: string): Parameters<Store['commit']>[0] => [
        { op: 'put', collection, doc: { ...(seedLeads()[1]), stage: 'won', version: 2 }, expectVersion: 1 },
        { op: 'delete', collection, id: 'lead-02' },
      ];
      // Not awaited: the reads below run while both commits are in flight.
      const writing = Promise.all([store.commit(moves('indexed')), store.commit(moves('plain'))]);
      const filter = { entity: 'lead', stage: 'won' };
      const during = [await store.count('indexed', filter), ids(await store.find('indexed', filter, { sort: { _id: 1 } }))] as const;
      expect(during[0]).toBe(during[1].length);
      await writing;
      expect(await store.count('indexed', filter)).toBe(await store.count('plain', filter));
      expect(ids(await store.find('indexed', filter, { sort: { _id: 1 }, limit: 3 }))).toEqual(
        ids(await store.find('plain', filter, { sort: { _id: 1 }, limit: 3 })),
      );
      expect(ids(await store.find('indexed', filter))).toContain('lead-01');
      expect(ids(await store.find('indexed', { entity: 'lead' }))).not.toContain('lead-02');
    });

    it('are not changed by a commit that fails', async () => {
      await store.ensureIndex('indexed', ['stage']);
      await insert('indexed', { _id: 'a', version: 1, stage: 'new' });
      const failing = store.commit([
        { op: 'put', collection: 'indexed', doc: { _id: 'a', version: 2, stage: 'won' }, expectVersion: 1 },
        { op: 'insert', collection: 'indexed', doc: { _id: 'b', version: 1, stage: 'won' } },
        { op: 'insert', collection: 'indexed', doc: { _id: 'a', version: 1, stage: 'won' } },
      ]);
      await expect(failing).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(ids(await store.find('indexed', { stage: 'new' }))).toEqual(['a']);
      expect(await store.find('indexed', { stage: 'won' })).toEqual([]);
    });
  });
}

/** MongoDB's order for the scalars seedLeads holds: missing/null, numbers, strings, dates. */
function sortedLike(docs: StoredDoc[], sort: Record<string, 1 | -1>): StoredDoc[] {
  const at = (doc: StoredDoc, path: string): unknown =>
    path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], doc);
  const rank = (v: unknown): number => (v === undefined || v === null ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3);
  const compare = (a: unknown, b: unknown): number =>
    rank(a) - rank(b) || ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
  return [...docs].sort((x, y) => {
    for (const [path, direction] of Object.entries(sort)) {
      const order = compare(at(x, path), at(y, path));
      if (order !== 0) return order * direction;
    }
    return 0;
  });
}

/** 60 documents with every shape the index code must handle. */
function seedLeads(): StoredDoc[] {
  const stages = ['new', 'qualified', 'won', 'lost'];
  return Array.from({ length: 60 }, (_, i) => ({
    _id: `lead-${String(i).padStart(2, '0')}`,
    version: 1,
    entity: i % 3 === 0 ? 'contact' : 'lead',
    stage: stages[i % 4],
    data: { score: i % 7, owner: `u${i % 5}` },
    tags: i % 6 === 0 ? ['vip', 'hot'] : i % 6 === 1 ? ['vip'] : [],
    // An array of objects: MongoDB matches 'lines.sku' inside any element.
    lines: [{ sku: i % 2 ? 'A' : 'B' }, { sku: i % 5 ? 'C' : 'A' }],
    // Numbers and numeric strings must not match each other.
    n: i % 10 === 0 ? String(i % 4) : i % 4,
    at: new Date(Date.UTC(2026, 0, 1 + (i % 3))),
  }));
}
