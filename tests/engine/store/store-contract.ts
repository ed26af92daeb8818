/**
 * The behaviour every Store adapter must show, run once per adapter (STYLE.md §11).
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError, VersionConflictError } from '../../../engine/errors.js';
import type { Store, StoredDoc } from '../../../engine/store/store.js';
import { indexesContract } from './store-contract-indexes.js';
import { reportsContract } from './store-contract-reports.js';

/** A store opened on fresh, empty data, with a way to reopen it on the same data. */
export interface StoreHarness {
  store: Store;
  /** Close the current store and open a new one on the same data. */
  reopen: () => Promise<Store>;
  /** Close whatever store is open and remove its data. */
  cleanup: () => Promise<void>;
}

/** Define the contract suite for one adapter; `open` is called before each test. */
export function storeContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: Store;

    beforeEach(async () => {
      harness = await open();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    const insert = (collection: string, ...docs: StoredDoc[]): Promise<void> =>
      store.commit(docs.map((doc) => ({ op: 'insert' as const, collection, doc })));
    const ids = (docs: StoredDoc[]): string[] => docs.map((doc) => doc._id);

    describe('get', () => {
      it('returns what was inserted, nested values and dates included', async () => {
        const doc = {
          _id: 'lead-1',
          version: 1,
          data: { name: 'An', tags: ['vip'], at: new Date('2026-01-02T03:04:05Z') },
        };
        await insert('records', doc);
        expect(await store.get('records', 'lead-1')).toEqual(doc);
        expect(await store.get('records', 'missing')).toBeUndefined();
        expect(await store.get('other', 'lead-1')).toBeUndefined();
      });

      it('returns copies: mutating a result or the committed object changes nothing stored', async () => {
        const doc = { _id: 'a', version: 1, data: { n: 1 } };
        const committing = insert('records', doc);
        doc.data.n = 99; // before the commit resolves: the store must have taken a copy
        await committing;
        const got = await store.get<typeof doc>('records', 'a');
        expect(got?.data.n).toBe(1);
        got!.data.n = 2;
        const [found] = await store.find<typeof doc>('records', {});
        found.data.n = 3;
        expect((await store.get<typeof doc>('records', 'a'))?.data.n).toBe(1);
        const [sorted] = await store.find<typeof doc>('records', { version: 1 }, { sort: { version: 1 }, limit: 1 });
        sorted.data.n = 4;
        expect((await store.find<typeof doc>('records', {}))[0]?.data.n).toBe(1);
        expect(await store.count('records', { 'data.n': 1 })).toBe(1);
      });
    });

    describe('find, count and aggregate', () => {
      beforeEach(async () => {
        await insert(
          'leads',
          { _id: 'l1', stage: 'new', data: { score: 1, city: 'Hanoi' } },
          { _id: 'l2', stage: 'won', data: { score: 5, city: 'Hue' } },
          { _id: 'l3', stage: 'won', data: { score: 3, city: 'Hanoi' } },
          { _id: 'l4', stage: 'lost', data: { score: 5, city: 'Danang' } },
          { _id: 'l5', stage: 'new', data: { score: 4, city: 'Hue' } },
        );
        await insert('leads2', { _id: 'x1', stage: 'won', data: { score: 9, city: 'Hue' } });
      });

      it('answers queries with what is committed now, every commit seen at once', async () => {
        await store.ensureIndex('records', ['stage']);
        await insert('records', { _id: 'a', version: 1, stage: 'new', n: 1 }, { _id: 'b', version: 1, stage: 'new', n: 2 });
        const query = async () => ({
          docs: (await store.find('records', { stage: 'new' }, { sort: { n: -1 } })).map((d) => [d._id, d.n]),
          scan: (await store.find('records', { n: { $gte: 0 } })).map((d) => [d._id, d.n]),
          count: await store.count('records', { n: { $gte: 2 } }),
        });
        expect(await query()).toEqual({ docs: [['b', 2], ['a', 1]], scan: [['a', 1], ['b', 2]], count: 1 });
        const writing = store.commit([{ op: 'put', collection: 'records', doc: { _id: 'a', version: 2, stage: 'new', n: 5 } }]);
        const during = await query();
        // Before the commit settles a reader sees the old or the new document, never a mix.
        expect([during.docs[0], during.scan[0]]).toEqual(during.docs[0]?.[0] === 'a' ? [['a', 5], ['a', 5]] : [['b', 2], ['a', 1]]);
        await writing;
        expect(await query()).toEqual({ docs: [['a', 5], ['b', 2]], scan: [['a', 5], ['b', 2]], count: 2 });
        await store.commit([{ op: 'delete', collection: 'records', id: 'b' }]);
        expect(await query()).toEqual({ docs: [['a', 5]], scan: [['a', 5]], count: 1 });
      });

      it('filters with $gt, $in, nested paths and $or', async () => {
        const sorted = { sort: { _id: 1 as const } };
        expect(ids(await store.find('leads', { 'data.score': { $gt: 3 } }, sorted))).toEqual([
          'l2',
          'l4',
          'l5',
        ]);
        expect(ids(await store.find('leads', { stage: { $in: ['won', 'lost'] } }, sorted))).toEqual([
          'l2',
          'l3',
          'l4',
        ]);
        expect(ids(await store.find('leads', { 'data.city': 'Hanoi' }, sorted))).toEqual(['l1', 'l3']);
        const either = { $or: [{ stage: 'lost' }, { 'data.score': { $lt: 2 } }] };
        expect(ids(await store.find('leads', either, sorted))).toEqual(['l1', 'l4']);
        expect(await store.find('leads', { stage: 'nope' })).toEqual([]);
        expect(ids(await store.find('leads2', {}))).toEqual(['x1']);
      });

      it('sorts ascending, descending and by several keys, then skips and limits', async () => {
        expect(ids(await store.find('leads', {}, { sort: { 'data.score': 1, _id: 1 } }))).toEqual([
          'l1',
          'l3',
          'l5',
          'l2',
          'l4',
        ]);
        expect(ids(await store.find('leads', {}, { sort: { 'data.score': -1, _id: -1 } }))).toEqual([
          'l4',
          'l2',
          'l5',
          'l3',
          'l1',
        ]);
        expect(ids(await store.find('leads', {}, { sort: { stage: 1, 'data.score': -1 } }))).toEqual([
          'l4',
          'l5',
          'l1',
          'l2',
          'l3',
        ]);
        const page = await store.find('leads', {}, { sort: { 'data.score': 1, _id: 1 }, skip: 1, limit: 2 });
        expect(ids(page)).toEqual(['l3', 'l5']);
        expect(ids(await store.find('leads', {}, { sort: { _id: 1 }, skip: 4, limit: 10 }))).toEqual(['l5']);
      });

      it('returns only the fields asked for, as copies', async () => {
        const [top] = await store.find('leads', { stage: 'won' }, { sort: { 'data.score': -1 }, limit: 1, fields: ['data'] });
        expect(top).toEqual({ _id: 'l2', data: { score: 5, city: 'Hue' } });
        (top?.data as { score: number }).score = 0;
        expect(await store.find('leads', { _id: 'l2' }, { fields: ['stage', 'missing'] })).toEqual([{ _id: 'l2', stage: 'won' }]);
        expect((await store.get('leads', 'l2'))?.data).toEqual({ score: 5, city: 'Hue' });
      });

      it('returns aggregation results as copies: changing one changes nothing stored', async () => {
        const [top] = await store.aggregate<StoredDoc>('leads', [{ $match: { stage: 'won' } }, { $sort: { 'data.score': -1 } }, { $limit: 1 }]);
        (top?.data as { score: number }).score = 0;
        const [grouped] = await store.aggregate<{ all: StoredDoc[] }>('leads', [{ $match: { stage: 'won' } }, { $group: { _id: null, all: { $push: '$$ROOT' } } }]);
        for (const doc of grouped?.all ?? []) doc.stage = 'changed';
        expect((await store.find('leads', { stage: 'won' }, { sort: { _id: 1 } })).map((doc) => [doc._id, (doc.data as { score: number }).score])).toEqual([
          ['l2', 5],
          ['l3', 3],
        ]);
        const [sum] = await store.aggregate<{ total: number }>('leads', [{ $match: { stage: 'won' } }, { $group: { _id: null, total: { $sum: '$data.score' } } }]);
        expect(sum?.total).toBe(8);
      });

      it('counts with and without a filter, per collection', async () => {
        expect(await store.count('leads')).toBe(5);
        expect(await store.count('leads', { stage: 'won' })).toBe(2);
        expect(await store.count('leads2')).toBe(1);
        expect(await store.count('empty')).toBe(0);
      });

      it('runs $match / $group / $sort pipelines', async () => {
        const rows = await store.aggregate('leads', [
          { $match: { 'data.score': { $gte: 3 } } },
          { $group: { _id: '$data.city', total: { $sum: '$data.score' }, leads: { $sum: 1 } } },
          { $sort: { total: -1, _id: 1 } },
        ]);
        expect(rows).toEqual([
          { _id: 'Hue', total: 9, leads: 2 },
          { _id: 'Danang', total: 5, leads: 1 },
          { _id: 'Hanoi', total: 3, leads: 1 },
        ]);
      });

      it('resolves other collections named in $lookup', async () => {
        await insert('cities', { _id: 'Hue', region: 'central' }, { _id: 'Hanoi', region: 'north' });
        const rows = await store.aggregate('leads', [
          { $match: { stage: 'won' } },
          { $lookup: { from: 'cities', localField: 'data.city', foreignField: '_id', as: 'city' } },
          { $project: { _id: 1, region: { $first: '$city.region' } } },
          { $sort: { _id: 1 } },
        ]);
        expect(rows).toEqual([
          { _id: 'l2', region: 'central' },
          { _id: 'l3', region: 'north' },
        ]);
      });
    });

    describe('collections', () => {
      it('names the collections that hold documents, sorted, and forgets an emptied one', async () => {
        expect(await store.collections()).toEqual([]);
        await insert('records', { _id: 'a', version: 1 });
        await insert('events', { _id: 'e', version: 1 });
        await insert('records-archive', { _id: 'x', version: 1 });
        await insert('rec', { _id: 'r', version: 1 });
        expect(await store.collections()).toEqual(['events', 'rec', 'records', 'records-archive']);
        await store.commit([{ op: 'delete', collection: 'events', id: 'e' }]);
        expect(await store.collections()).toEqual(['rec', 'records', 'records-archive']);
      });
    });

    describe('commit', () => {
      beforeEach(async () => {
        await insert(
          'records',
          { _id: 'r1', version: 1, stage: 'new' },
          { _id: 'r2', version: 3, stage: 'new' },
        );
      });

      it('keeps no member whose value is undefined: it reads back absent, not null', async () => {
        const doc = { _id: 'u1', version: 1, payload: undefined, nested: { kept: 1, gone: undefined }, list: [1, undefined] };
        await store.commit([{ op: 'insert', collection: 'records', doc }]);
        const read = await store.get('records', 'u1');
        expect(read).toEqual({ _id: 'u1', version: 1, nested: { kept: 1 }, list: [1, null] });
        expect(Object.hasOwn(read ?? {}, 'payload')).toBe(false);
        expect(Object.hasOwn(read?.nested ?? {}, 'gone')).toBe(false);
      });

      it('writes nothing when a later op in the batch conflicts', async () => {
        const failing = store.commit([
          { op: 'insert', collection: 'records', doc: { _id: 'r3', version: 1 } },
          {
            op: 'put',
            collection: 'records',
            doc: { _id: 'r1', version: 2, stage: 'won' },
            expectVersion: 1,
          },
          {
            op: 'put',
            collection: 'records',
            doc: { _id: 'r2', version: 4, stage: 'won' },
            expectVersion: 2,
          },
        ]);
        await expect(failing).rejects.toBeInstanceOf(VersionConflictError);
        expect(await store.get('records', 'r3')).toBeUndefined();
        expect(await store.get('records', 'r1')).toEqual({ _id: 'r1', version: 1, stage: 'new' });
        expect(await store.count('records')).toBe(2);
      });

      it('writes nothing when a later op in the batch is a duplicate insert', async () => {
        const failing = store.commit([
          { op: 'delete', collection: 'records', id: 'r2' },
          { op: 'insert', collection: 'events', doc: { _id: 'e1' } },
          { op: 'insert', collection: 'records', doc: { _id: 'r1', version: 9 } },
        ]);
        await expect(failing).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await store.get('records', 'r2')).toBeDefined();
        expect(await store.count('events')).toBe(0);
      });

      it('reports a version conflict with the expected and actual versions', async () => {
        const stale = store.commit([
          { op: 'put', collection: 'records', doc: { _id: 'r2', version: 3 }, expectVersion: 2 },
        ]);
        await expect(stale).rejects.toMatchObject({
          code: 'version-conflict',
          collection: 'records',
          id: 'r2',
          expected: 2,
          actual: 3,
        });
        const gone = store.commit([
          { op: 'put', collection: 'records', doc: { _id: 'zz', version: 1 }, expectVersion: 0 },
        ]);
        await expect(gone).rejects.toMatchObject({ id: 'zz', expected: 0, actual: undefined });
        await expect(gone).rejects.toBeInstanceOf(VersionConflictError);
      });

      it('rejects inserting an existing _id with a DuplicateKeyError and keeps the stored doc', async () => {
        const dup = insert('records', { _id: 'r1', version: 7 });
        await expect(dup).rejects.toBeInstanceOf(DuplicateKeyError);
        await expect(dup).rejects.toMatchObject({ collection: 'records', id: 'r1' });
        expect(await store.get('records', 'r1')).toMatchObject({ version: 1 });
      });

      it('puts with and without expectVersion, each op seeing the ones before it', async () => {
        await store.commit([
          {
            op: 'put',
            collection: 'records',
            doc: { _id: 'r1', version: 2, stage: 'won' },
            expectVersion: 1,
          },
          {
            op: 'put',
            collection: 'records',
            doc: { _id: 'r1', version: 3, stage: 'paid' },
            expectVersion: 2,
          },
          { op: 'put', collection: 'records', doc: { _id: 'new', version: 1 } },
        ]);
        expect(await store.get('records', 'r1')).toEqual({ _id: 'r1', version: 3, stage: 'paid' });
        expect(await store.get('records', 'new')).toEqual({ _id: 'new', version: 1 });
      });

      it('deletes with and without expectVersion; deleting a missing doc without one is a no-op', async () => {
        await store.commit([{ op: 'delete', collection: 'records', id: 'r1' }]);
        expect(await store.get('records', 'r1')).toBeUndefined();
        await store.commit([{ op: 'delete', collection: 'records', id: 'r1' }]);
        const stale = store.commit([{ op: 'delete', collection: 'records', id: 'r2', expectVersion: 1 }]);
        await expect(stale).rejects.toMatchObject({ expected: 1, actual: 3 });
        expect(await store.get('records', 'r2')).toBeDefined();
        await store.commit([{ op: 'delete', collection: 'records', id: 'r2', expectVersion: 3 }]);
        expect(await store.count('records')).toBe(0);
        const missing = store.commit([{ op: 'delete', collection: 'records', id: 'r2', expectVersion: 3 }]);
        await expect(missing).rejects.toMatchObject({ expected: 3, actual: undefined });
      });

      it('lets exactly one of two concurrent commits on the same version win', async () => {
        const attempt = (stage: string): Promise<void> =>
          store.commit([
            { op: 'put', collection: 'records', doc: { _id: 'r1', version: 2, stage }, expectVersion: 1 },
          ]);
        const results = await Promise.allSettled([attempt('won'), attempt('lost')]);
        expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
        const rejected = results.find((result) => result.status === 'rejected');
        expect(rejected?.reason).toBeInstanceOf(VersionConflictError);
        expect(await store.get('records', 'r1')).toMatchObject({ version: 2 });
      });

      it('adds with inc: creates the document from insert, sums concurrent increments, undone with its batch', async () => {
        const add = (count: number, revenue: number) =>
          store.commit([{ op: 'inc', collection: 'rollup', id: '2026-11|an', by: { count, revenue }, insert: { month: '2026-11', owner: 'an' } }]);
        await add(1, 5_000_000);
        expect(await store.get('rollup', '2026-11|an')).toEqual({ _id: '2026-11|an', month: '2026-11', owner: 'an', count: 1, revenue: 5_000_000 });
        await Promise.all(Array.from({ length: 20 }, (_, i) => add(1, i)));
        expect(await store.get('rollup', '2026-11|an')).toMatchObject({ month: '2026-11', count: 21, revenue: 5_000_000 + 190 });
        await add(-21, -5_000_190);
        expect(await store.get('rollup', '2026-11|an')).toMatchObject({ count: 0, revenue: 0 });
        // A field the document lacks counts from 0; a failed batch adds nothing.
        await store.commit([{ op: 'inc', collection: 'rollup', id: '2026-11|an', by: { trips: 2 } }]);
        const failing = store.commit([
          { op: 'inc', collection: 'rollup', id: '2026-11|an', by: { trips: 5 } },
          { op: 'put', collection: 'records', doc: { _id: 'r1', version: 9 }, expectVersion: 7 },
        ]);
        await expect(failing).rejects.toBeInstanceOf(VersionConflictError);
        expect(await store.get('rollup', '2026-11|an')).toMatchObject({ trips: 2 });
        expect(await store.aggregate('rollup', [{ $group: { _id: '$month', trips: { $sum: '$trips' } } }])).toEqual([{ _id: '2026-11', trips: 2 }]);
      });

      it('accepts an empty batch', async () => {
        await store.commit([]);
        expect(await store.count('records')).toBe(2);
      });
    });

    indexesContract(() => store);
    reportsContract(() => store);

    it('keeps committed data across close and reopen', async () => {
      await store.ensureIndex('records', ['stage']);
      await insert(
        'records',
        { _id: 'r1', version: 1, stage: 'won' },
        { _id: 'r2', version: 1, stage: 'new' },
      );
      await store.commit([{ op: 'delete', collection: 'records', id: 'r2' }]);
      store = await harness.reopen();
      expect(await store.get('records', 'r1')).toEqual({ _id: 'r1', version: 1, stage: 'won' });
      expect(await store.get('records', 'r2')).toBeUndefined();
      expect(await store.count('records')).toBe(1);
      await store.ensureIndex('records', ['stage']);
      expect(ids(await store.find('records', { stage: 'won' }))).toEqual(['r1']);
    });
  });
}
