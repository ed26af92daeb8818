/**
 * Reports (issue 14, DESIGN.md decision 11), on fixed records with hand-computed answers:
 * sales by month in the business time zone (a deal won at 01:00 on 1 December in Hà Nội is
 * December's), narrowed by period and person; each reader sees only what they may see (a
 * sales person never another's revenue); parameters and periods a report does not know are
 * refused with the parameter named; reports for other roles do not exist for them; and a
 * report that would reach other collections or run code never loads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineIssues } from '../../../engine/runtime/core/report-rules.js';
import type { RecordDoc } from '../../../engine/runtime/core/record.js';
import { openChannelWorld, type ChannelWorld } from '../channels/channel-world.js';
import { RECORDS } from '../../../engine/collections.js';

let world: ChannelWorld;
let n = 0;
/** The id of the campaign whose funnel is computed by hand. */
let summer = '';
const record = (entity: string, stage: string, data: Record<string, unknown>, owner: string, createdAt = '2026-06-01T03:00:00.000Z'): RecordDoc => ({
  _id: `fixed-${entity}-${++n}`,
  entity,
  definitionVersion: 1,
  state: stage,
  stage,
  status: stage === 'won' || stage === 'lost' || stage === 'closed' ? 'done' : 'active',
  data,
  activitiesDone: [],
  owner,
  version: 1,
  createdAt,
  updatedAt: createdAt,
  createdBy: owner,
  updatedBy: owner,
});

beforeAll(async () => {
  world = await openChannelWorld({});
  await world.addUser('sales.an', ['sales']);
  await world.addUser('sales.binh', ['sales']);
  await world.addUser('manager.ha', ['manager']);
  await world.addUser('op.khanh', ['operator']);
  await world.addUser('acc.trang', ['accountant']);
  const won = (owner: string, amount: number, wonAt: string) => record('opportunity', 'won', { title: `Deal ${n}`, amount, wonAt }, owner);
  // A campaign: 100 sent, 40 opened, 10 clicked; 3 targets, 2 leads, 2 opportunities, 1 won.
  const campaign = record('campaign', 'completed', { name: 'Hè 2026', channel: 'email', sentCount: 100, openedCount: 40, clickedCount: 10 }, 'manager.ha');
  const other = record('campaign', 'completed', { name: 'Tết', channel: 'sms', sentCount: 50 }, 'manager.ha');
  summer = campaign._id;
  const of = (entity: string, stage: string, data: Record<string, unknown>) => record(entity, stage, { ...data, campaignId: campaign._id }, 'sales.an');
  const docs = [
    campaign,
    other,
    of('target', 'new', { name: 'T1' }),
    of('target', 'new', { name: 'T2' }),
    of('target', 'assigned', { name: 'T3' }),
    record('target', 'new', { name: 'T4', campaignId: other._id }, 'sales.an'),
    of('lead', 'new', { fullName: 'L1' }),
    of('lead', 'converted', { fullName: 'L2' }),
    // Lost, and won long ago: the other reports of these tests do not see them.
    of('opportunity', 'lost', { title: 'O1', amount: 1 }),
    of('opportunity', 'won', { title: 'O2', amount: 2, wonAt: '2024-06-01T03:00:00.000Z' }),
    won('sales.an', 40_000_000, '2026-11-03T02:00:00.000Z'),
    won('sales.an', 25_500_000, '2026-11-20T09:30:00.000Z'),
    // 01:00 on 1 December in Hà Nội: December's, though still 30 November in UTC.
    won('sales.an', 10_000_000, '2026-11-30T18:00:00.000Z'),
    won('sales.binh', 60_000_000, '2026-11-15T04:00:00.000Z'),
    won('sales.binh', 7_000_000, '2025-12-20T04:00:00.000Z'),
    record('opportunity', 'open', { title: 'Open', amount: 99_000_000 }, 'sales.an'),
    record('opportunity', 'lost', { title: 'Lost', amount: 5_000_000, lostAt: '2026-11-10T00:00:00.000Z' }, 'sales.binh'),
    record('account', 'customer', { kind: 'individual', name: 'A', tier: 'VIP1' }, 'sales.an'),
    record('account', 'customer', { kind: 'individual', name: 'B', tier: 'VIP1' }, 'sales.binh'),
    record('account', 'customer', { kind: 'business', name: 'C', tier: 'VIP2' }, 'sales.an'),
    record('account', 'prospect', { kind: 'individual', name: 'D' }, 'sales.an'),
    record('case', 'open', { title: 'Xe trễ', category: 'service-issue', supplierName: 'Xe Hoàng Long', compensation: 500_000 }, 'op.khanh', '2026-10-01T03:00:00.000Z'),
    record('case', 'open', { title: 'Phòng bẩn', category: 'complaint', supplierName: 'Khách sạn Biển Xanh', compensation: 1_000_000 }, 'op.khanh', '2026-10-02T03:00:00.000Z'),
    record('case', 'open', { title: 'Xe hỏng điều hòa', category: 'service-issue', supplierName: 'Xe Hoàng Long', compensation: 0 }, 'op.khanh', '2026-10-03T03:00:00.000Z'),
    record('sales-activity', 'done', { type: 'call', subject: 'Gọi', completedAt: '2026-11-02T03:00:00.000Z' }, 'sales.an'),
    record('sales-activity', 'done', { type: 'call', subject: 'Gọi lại', completedAt: '2026-11-05T03:00:00.000Z' }, 'sales.an'),
    record('sales-activity', 'done', { type: 'meeting', subject: 'Gặp', completedAt: '2026-11-06T03:00:00.000Z' }, 'sales.binh'),
    record('sales-activity', 'planned', { type: 'call', subject: 'Chưa gọi' }, 'sales.binh'),
    record('payment', 'paid', { title: 'Cọc', kind: 'receipt', amount: 20_000_000, dueDate: '2026-11-10', paidAt: '2026-11-09T03:00:00.000Z' }, 'acc.trang'),
    record('payment', 'overdue', { title: 'Còn lại', kind: 'receipt', amount: 45_000_000, dueDate: '2026-11-25' }, 'acc.trang'),
    record('payment', 'due', { title: 'Đợt 2', kind: 'receipt', amount: 30_000_000, dueDate: '2026-12-15' }, 'acc.trang'),
    record('payment', 'paid', { title: 'Trả khách sạn', kind: 'expense', amount: 99_000_000, dueDate: '2026-11-01' }, 'acc.trang'),
    record('comment', 'received', { subject: 'guide', supplierName: 'HDV Minh', rating: 5 }, 'op.khanh', '2026-11-01T03:00:00.000Z'),
    record('comment', 'received', { subject: 'guide', supplierName: 'HDV Minh', rating: 4 }, 'op.khanh', '2026-11-02T03:00:00.000Z'),
    record('comment', 'received', { subject: 'hotel', supplierName: 'Khách sạn Biển Xanh', rating: 2 }, 'op.khanh', '2026-11-03T03:00:00.000Z'),
  ];
  // Written around the engine, as a restore would: the rollups the reports read are remade.
  await world.tf.store.commit(docs.map((doc) => ({ op: 'insert' as const, collection: RECORDS, doc })));
  await world.tf.engine.rebuildRollups();
});
afterAll(async () => world?.close());

type Rows = { rows: Record<string, unknown>[]; params: Record<string, unknown> };
const run = (actor: string, id: string, query = '') => world.http.get<Rows & { errors?: { pointer: string }[] }>(`/api/reports/${id}${query}`, { actor });

describe('reports', () => {
  it('sums sales per month in the business time zone, for a manager across the team', async () => {
    const answer = await run('manager.ha', 'salesByMonth', '?period=2026');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.rows).toEqual([
      { month: '2026-11', owner: 'sales.an', deals: 2, revenue: 65_500_000 },
      { month: '2026-11', owner: 'sales.binh', deals: 1, revenue: 60_000_000 },
      { month: '2026-12', owner: 'sales.an', deals: 1, revenue: 10_000_000 },
    ]);
    expect(answer.body.params.period).toMatchObject({ name: '2026', from: '2025-12-31T17:00:00.000Z', to: '2026-12-31T17:00:00.000Z' });
  });

  it('narrows by period and person', async () => {
    const november = await run('manager.ha', 'salesByMonth', '?period=2026-11');
    expect(november.body.rows.map((r) => [r.owner, r.revenue])).toEqual([
      ['sales.an', 65_500_000],
      ['sales.binh', 60_000_000],
    ]);
    const days = await run('manager.ha', 'salesByMonth', '?period=2026-12-01..2026-12-31');
    expect(days.body.rows.map((r) => [r.month, r.revenue])).toEqual([['2026-12', 10_000_000]]);
    const binh = await run('manager.ha', 'salesByMonth', '?period=all&owner=sales.binh');
    expect(binh.body.rows.map((r) => [r.month, r.revenue])).toEqual([
      ['2025-12', 7_000_000],
      ['2026-11', 60_000_000],
    ]);
  });

  it('narrows to a team: the people whose user names it', async () => {
    await world.tf.access.users.update('sales.binh', { team: 'Miền Nam' });
    const south = await run('manager.ha', 'salesByMonth', '?period=all&team=Miền%20Nam');
    expect(south.body.rows.map((r) => [r.owner, r.revenue])).toEqual([
      ['sales.binh', 7_000_000],
      ['sales.binh', 60_000_000],
    ]);
    expect((await run('manager.ha', 'salesByMonth', '?period=all&team=Nobody')).body.rows).toEqual([]);
    await world.tf.access.users.update('sales.binh', { team: '' });
  });

  it('shows a sales person only their own revenue, whatever they ask', async () => {
    const mine = await run('sales.an', 'salesByMonth', '?period=2026');
    expect(mine.body.rows.map((r) => r.owner)).toEqual(['sales.an', 'sales.an']);
    const peek = await run('sales.an', 'salesByMonth', '?period=2026&owner=sales.binh');
    expect(peek.body.rows).toEqual([]);
    const tiers = await run('sales.an', 'customersByTier');
    expect(tiers.body.rows).toEqual([
      { tier: 'VIP1', kind: 'individual', customers: 1 },
      { tier: 'VIP2', kind: 'business', customers: 1 },
      { tier: 'none', kind: 'individual', customers: 1 },
    ]);
  });

  it('counts open opportunities by stage and cases by supplier', async () => {
    const open = await run('manager.ha', 'openPipeline');
    expect(open.body.rows).toEqual([{ stage: 'open', deals: 1, value: 99_000_000 }]);
    const cases = await run('op.khanh', 'casesBySupplier', '?period=2026-10');
    expect(cases.body.rows).toEqual([
      { supplier: 'Xe Hoàng Long', category: 'service-issue', cases: 2, compensation: 500_000 },
      { supplier: 'Khách sạn Biển Xanh', category: 'complaint', cases: 1, compensation: 1_000_000 },
    ]);
  });

  it('counts activities done per person, payments collected and outstanding per month, feedback scores', async () => {
    const activity = await run('manager.ha', 'staffActivity', '?period=2026-11');
    expect(activity.body.rows).toEqual([
      { owner: 'sales.an', type: 'call', activities: 2 },
      { owner: 'sales.binh', type: 'meeting', activities: 1 },
    ]);
    const payments = await run('acc.trang', 'paymentsByMonth', '?period=2026');
    expect(payments.body.rows).toEqual([
      { month: '2026-11', collected: 20_000_000, outstanding: 45_000_000, overdue: 45_000_000 },
      { month: '2026-12', collected: 0, outstanding: 30_000_000, overdue: 0 },
    ]);
    const feedback = await run('op.khanh', 'feedbackBySupplier', '?period=2026-11');
    expect(feedback.body.rows).toEqual([
      { supplier: 'Khách sạn Biển Xanh', subject: 'hotel', score: 2, comments: 1 },
      { supplier: 'HDV Minh', subject: 'guide', score: 4.5, comments: 2 },
    ]);
  });

  it('follows a campaign from messages sent to deals won, with the conversion at each step', async () => {
    const all = await run('manager.ha', 'campaignFunnel');
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.rows.map((r) => [r.step, r.count])).toEqual([['sent', 150], ['opened', 40], ['clicked', 10], ['targets', 4], ['leads', 2], ['opportunities', 2], ['won', 1]]);
    const one = await run('manager.ha', 'campaignFunnel', `?campaign=${summer}`);
    expect(one.body.rows.map((r) => [r.step, r.count, r.rate === null ? null : Math.round(Number(r.rate) * 1000) / 1000, r.ofFirst])).toEqual([
      ['sent', 100, null, 1],
      ['opened', 40, 0.4, 0.4],
      ['clicked', 10, 0.25, 0.1],
      ['targets', 3, 0.3, 0.03],
      ['leads', 2, 0.667, 0.02],
      ['opportunities', 2, 1, 0.02],
      ['won', 1, 0.5, 0.01],
    ]);
    // Each step names the records behind it: the won step, the campaign's won opportunities.
    expect(one.body.rows.at(-1)?._drill).toEqual({ entity: 'opportunity', where: { 'data.campaignId': summer, stage: 'won' } });
  });

  it('refuses what a report does not know, naming the parameter, and hides reports of other roles', async () => {
    const unknown = await run('manager.ha', 'salesByMonth', '?region=north');
    expect([unknown.status, unknown.body.errors?.[0]?.pointer]).toEqual([400, '/query/region']);
    const badPeriod = await run('manager.ha', 'salesByMonth', '?period=2026-13');
    expect([badPeriod.status, badPeriod.body.errors?.[0]?.pointer]).toEqual([400, '/query/period']);
    expect((await run('sales.an', 'casesBySupplier')).status).toBe(404);
    const list = await world.http.get<{ items: { id: string }[] }>('/api/reports', { actor: 'sales.an' });
    expect(list.body.items.map((r) => r.id)).toEqual(['salesByMonth', 'salesByTourType', 'openPipeline', 'customersByTier', 'customersBySource', 'staffActivity']);
  });

  it('never loads a report that reaches other collections or runs code', () => {
    expect(pipelineIssues([{ $lookup: { from: 'users', localField: 'owner', foreignField: '_id', as: 'u' } }], '/pipeline').map((i) => i.pointer)).toEqual(['/pipeline/0', '/pipeline/0/$lookup']);
    expect(pipelineIssues([{ $match: { $where: 'true' } }], '/pipeline').map((i) => i.pointer)).toEqual(['/pipeline/0/$match/$where']);
    expect(pipelineIssues([{ $group: { _id: '$owner', n: { $sum: 1 } } }], '/pipeline')).toEqual([]);
  });
});
