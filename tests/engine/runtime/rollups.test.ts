/**
 * Rollups (issue 14, DESIGN.md decision 11): figures kept in the record's own commit. A
 * write adds its difference (a new record, a changed amount, another owner, a deletion) to
 * the rows; the rows written that way equal the rows remade from the records; a rollup's
 * rows keep owner and handler, so a sales person's report covers their records only; a
 * report over a month key refuses a period that is not whole months; and the pack loader
 * refuses a rollup or a report that names what does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportIssues, rollupIssues } from '../../../engine/definitions/check-manifest-rules.js';
import type { Rollup } from '../../../engine/definitions/definition.js';
import { rollupCollection, Rollups } from '../../../engine/runtime/services/rollups.js';
import type { Store, StoredDoc } from '../../../engine/store/store.js';
import { openChannelWorld, type ChannelWorld } from '../channels/channel-world.js';

const WON: Rollup = { id: 'won', entity: 'opportunity', when: { stage: 'won' }, by: { month: { month: 'data.wonAt' } }, sum: { revenue: 'data.amount' } };
const opp = (id: string, data: Record<string, unknown>, owner = 'an', stage = 'won'): StoredDoc => ({ _id: id, entity: 'opportunity', stage, owner, data });

describe('rollup deltas', () => {
  const rollups = new Rollups([WON], 'Asia/Ho_Chi_Minh');
  /** No reference is read: no store is asked. */
  const nostore = {} as Store;
  const incs = async (before: StoredDoc | undefined, after: StoredDoc | undefined) =>
    (await rollups.ops([{ before, after }], nostore)).map((op) => (op.op === 'inc' ? { by: op.by, insert: op.insert } : op));

  it('adds a record that counts to the row of its month in the business time zone, with its owner', async () => {
    // 01:00 on 1 December in Hà Nội: December's row.
    expect(await incs(undefined, opp('o1', { amount: 10, wonAt: '2026-11-30T18:00:00Z' }))).toEqual([{ by: { count: 1, revenue: 10 }, insert: { owner: 'an', month: '2026-12' } }]);
    expect(await incs(undefined, opp('o1', { amount: 10 }, 'an', 'open'))).toEqual([]);
  });

  it('moves only what changed: an amount, an owner, a stage left, a deletion', async () => {
    const before = opp('o1', { amount: 10, wonAt: '2026-11-03T02:00:00Z', note: 'a' }) as StoredDoc & { data: Record<string, unknown> };
    expect(await incs(before, { ...before, data: { ...before.data, note: 'b' } })).toEqual([]);
    expect(await incs(before, { ...before, data: { ...before.data, amount: 25 } })).toEqual([{ by: { revenue: 15 }, insert: { owner: 'an', month: '2026-11' } }]);
    expect(await incs(before, { ...before, owner: 'binh' })).toEqual([
      { by: { count: -1, revenue: -10 }, insert: { owner: 'an', month: '2026-11' } },
      { by: { count: 1, revenue: 10 }, insert: { owner: 'binh', month: '2026-11' } },
    ]);
    expect(await incs(before, { ...before, stage: 'lost' })).toEqual([{ by: { count: -1, revenue: -10 }, insert: { owner: 'an', month: '2026-11' } }]);
    expect(await incs(before, undefined)).toEqual([{ by: { count: -1, revenue: -10 }, insert: { owner: 'an', month: '2026-11' } }]);
  });

  it('works nothing out for a change it does not read, and everything for one it may', async () => {
    // A key read through a reference: working a contribution out would ask the store.
    const byAccount = new Rollups([{ id: 'byAccount', entity: 'opportunity', when: { $or: [{ stage: 'won' }, { 'data.flag': true }] }, by: { tier: { ref: 'data.accountId', entity: 'account', path: 'data.tier' } } }], 'Asia/Ho_Chi_Minh');
    const asked: string[] = [];
    const store = { get: (_: string, id: string) => (asked.push(id), Promise.resolve({ _id: id, entity: 'account', data: { tier: 'VIP1' } })) } as unknown as Store;
    const before: StoredDoc = { _id: 'o1', entity: 'opportunity', stage: 'open', owner: 'an', data: { accountId: 'a1', note: 'a', flag: false } };
    const withData = (data: Record<string, unknown>): StoredDoc => ({ ...before, data: { ...(before.data as object), ...data } });
    expect(await byAccount.ops([{ before, after: withData({ note: 'b' }) }], store)).toEqual([]);
    expect(asked).toEqual([]);
    // A path only the condition reads, inside an $or.
    expect(await byAccount.ops([{ before, after: withData({ flag: true }) }], store)).toMatchObject([{ op: 'inc', by: { count: 1 }, insert: { tier: 'VIP1' } }]);
    // The named record written in the same commit (a record and its link back) is read as written.
    const account: StoredDoc = { _id: 'a2', entity: 'account', data: { tier: 'VIP3' } };
    expect(await byAccount.ops([{ before: undefined, after: { ...withData({ flag: true, accountId: 'a2' }) } }], store, [account])).toMatchObject([{ op: 'inc', insert: { tier: 'VIP3' } }]);
    expect(asked).not.toContain('a2');
    // A condition whose paths cannot be told ($expr): every change is worked out.
    const big = new Rollups([{ id: 'big', entity: 'opportunity', when: { $expr: { $gt: ['$data.amount', 5] } }, by: { stage: 'stage' } }], 'Asia/Ho_Chi_Minh');
    expect(await big.ops([{ before: opp('o2', { amount: 3 }), after: opp('o2', { amount: 10 }) }], nostore)).toMatchObject([{ op: 'inc', by: { count: 1 }, insert: { stage: 'won' } }]);
  });

  it('keeps a date field (no time) on its own day, and a missing key as null', async () => {
    const due = new Rollups([{ id: 'due', entity: 'payment', by: { day: { day: 'data.dueDate' }, kind: 'data.kind' } }], 'Asia/Ho_Chi_Minh');
    const [op] = await due.ops([{ before: undefined, after: { _id: 'p', entity: 'payment', data: { dueDate: '2026-12-01' } } }], nostore);
    expect(op).toMatchObject({ op: 'inc', insert: { day: '2026-12-01', kind: null } });
  });
});

describe('rollups in the pack', () => {
  const schemas = new Map<string, unknown>([['opportunity', { properties: { amount: {}, wonAt: {} } }]]);
  it('refuses a rollup over an unknown field or entity, or a key named like the engine’s own', () => {
    const issues = rollupIssues([{ ...WON, by: { owner: 'data.amount', month: { month: 'data.closedAt' } } }, { ...WON, id: 'other', entity: 'ghost' }], schemas);
    expect(issues.map((i) => i.pointer)).toEqual(['/rollups/0/by/month', '/rollups/0/by/owner', '/rollups/1/entity']);
  });
  it('refuses a report over a rollup that keeps no key for its parameter', () => {
    const report = { id: 'r', labels: { vi: 'r', en: 'r' }, entity: 'opportunity', rollup: 'won', params: { period: { kind: 'period', field: 'createdAt', labels: { vi: 'k', en: 'p' } } }, pipeline: [{ $match: {} }], columns: [{ key: 'a', labels: { vi: 'a', en: 'a' } }], chart: { kind: 'table' } };
    expect(reportIssues([report], schemas, [WON]).map((i) => [i.pointer, i.message])).toEqual([['/reports/0/params/period/field', 'the rollup "won" keeps no key for the month or day of createdAt: add one to its "by"']]);
    expect(reportIssues([{ ...report, rollup: 'nope', params: {} }], schemas, [WON]).map((i) => i.pointer)).toEqual(['/reports/0/rollup']);
  });
});

describe('rollups through the engine', () => {
  let world: ChannelWorld;
  beforeAll(async () => {
    world = await openChannelWorld({});
    await world.addUser('sales.an', ['sales']);
    await world.addUser('sales.binh', ['sales']);
    await world.addUser('manager.ha', ['manager']);
  });
  afterAll(async () => world?.close());

  const rows = async () =>
    (await world.tf.store.find(rollupCollection('customers'), { count: { $gt: 0 } }))
      .map(({ _id, ...row }) => row)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it('keeps the rows every write leaves equal to the rows remade from the records', async () => {
    const { engine } = world.tf;
    const hoa = await engine.create('account', { data: { kind: 'individual', name: 'Hoa', source: 'zalo' }, owner: 'sales.an' }, 'sales.an');
    const nam = await engine.create('account', { data: { kind: 'business', name: 'Nam', source: 'zalo' }, owner: 'sales.an' }, 'sales.an');
    await engine.create('account', { data: { kind: 'individual', name: 'Lan', source: 'referral' }, owner: 'sales.binh' }, 'sales.binh');
    await engine.update('account', hoa.id, { data: { source: 'phone' } }, 'sales.an');
    await engine.assign('account', nam.id, { owner: 'sales.binh' }, 'manager.ha');
    const gone = await engine.create('account', { data: { kind: 'agent', name: 'Gone' }, owner: 'sales.an' }, 'sales.an');
    await engine.remove('account', gone.id, {}, 'manager.ha');
    const kept = await rows();
    expect(kept.map((r) => [r.owner, r.kind, r.source, r.count])).toEqual([
      ['sales.an', 'individual', 'phone', 1],
      ['sales.binh', 'business', 'zalo', 1],
      ['sales.binh', 'individual', 'referral', 1],
    ]);
    await engine.rebuildRollups();
    expect(await rows()).toEqual(kept);
  });

  it('shows each reader the rows of what they may see, and counts a new record at once', async () => {
    const mine = await world.http.get<{ rows: { source: string; customers: number }[] }>('/api/reports/customersBySource', { actor: 'sales.an' });
    expect(mine.body.rows.map((r) => [r.source, r.customers])).toEqual([['phone', 1]]);
    await world.tf.engine.create('account', { data: { kind: 'individual', name: 'Mai', source: 'phone' }, owner: 'sales.an' }, 'sales.an');
    const again = await world.http.get<{ rows: { source: string; customers: number }[] }>('/api/reports/customersBySource', { actor: 'sales.an' });
    expect(again.body.rows.map((r) => [r.source, r.customers])).toEqual([['phone', 2]]);
    const all = await world.http.get<{ rows: { customers: number }[] }>('/api/reports/customersBySource', { actor: 'manager.ha' });
    expect(all.body.rows.reduce((sum, r) => sum + r.customers, 0)).toBe(4);
  });

  it('counts sales by the tour type of the product sold, and moves them when the product changes type', async () => {
    const { engine, store } = world.tf;
    const at = '2025-03-10T03:00:00.000Z';
    const product = { _id: 'p-halong', entity: 'product', definitionVersion: 1, state: 'active', stage: 'active', status: 'active', data: { code: 'HL', name: 'Hạ Long', kind: 'tour', tourType: 'beach' }, activitiesDone: [], version: 1, createdAt: at, updatedAt: at, createdBy: 'manager.ha', updatedBy: 'manager.ha' };
    const deal = (id: string, amount: number) => ({ ...product, _id: id, entity: 'opportunity', state: 'won', stage: 'won', status: 'done', owner: 'sales.an', data: { title: id, amount, wonAt: at, productId: 'p-halong' } });
    await store.commit([product, deal('d-1', 10_000_000), deal('d-2', 5_000_000)].map((doc) => ({ op: 'insert' as const, collection: 'records', doc })));
    await engine.rebuildRollups();
    const byType = async () => (await world.http.get<{ rows: { tourType: string; deals: number; revenue: number }[] }>('/api/reports/salesByTourType?period=2025', { actor: 'manager.ha' })).body.rows;
    expect(await byType()).toEqual([{ tourType: 'beach', deals: 2, revenue: 15_000_000 }]);
    // The product's type changes: both deals move in that commit.
    await engine.update('product', 'p-halong', { data: { tourType: 'culture' } }, 'manager.ha');
    expect(await byType()).toEqual([{ tourType: 'culture', deals: 2, revenue: 15_000_000 }]);
    // A deal written now reads the product as it is.
    await engine.update('opportunity', 'd-2', { data: { amount: 7_000_000 } }, 'system:test');
    expect(await byType()).toEqual([{ tourType: 'culture', deals: 2, revenue: 17_000_000 }]);
    const kept = await store.find(rollupCollection('wonDeals'), { count: { $gt: 0 } }, { sort: { _id: 1 } });
    await engine.rebuildRollups();
    expect(await store.find(rollupCollection('wonDeals'), {}, { sort: { _id: 1 } })).toEqual(kept);
  });

  it('refuses a period that is not whole months on a report that counts by month', async () => {
    const answer = await world.http.get<{ errors: { pointer: string }[] }>('/api/reports/salesByMonth?period=2026-11-03..2026-11-20', { actor: 'manager.ha' });
    expect([answer.status, answer.body.errors[0]?.pointer]).toEqual([400, '/query/period']);
    const months = await world.http.get('/api/reports/salesByMonth?period=2026-11-01..2026-11-30', { actor: 'manager.ha' });
    expect(months.status).toBe(200);
  });
});
