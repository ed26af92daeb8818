/**
 * KPI targets whose actual is computed (issue 14): a sales person's revenue target for a
 * quarter takes its actual from the deals they won in it (in the business time zone), with
 * the progress and the pace still needed per remaining day; a new won deal moves it at once;
 * another person's deals, or deals outside the quarter, do not; a team's target sums its
 * people's; nobody can type the actual; and a yearly target spread by a distribution gets
 * twelve monthly targets under way whose targets add up to the year's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc } from '../../../engine/runtime/core/record.js';
import { spreadOver, type KpiKeeper } from '../../../engine/runtime/services/kpis.js';
import { openChannelWorld, type ChannelWorld } from '../channels/channel-world.js';
import { RECORDS } from '../../../engine/collections.js';

let world: ChannelWorld;
let n = 0;
const won = (owner: string, amount: number, wonAt: string): RecordDoc => ({
  _id: `deal-${++n}`,
  entity: 'opportunity',
  definitionVersion: 1,
  state: 'won',
  stage: 'won',
  status: 'done',
  data: { title: `Deal ${n}`, amount, wonAt },
  activitiesDone: [],
  owner,
  version: 1,
  createdAt: wonAt,
  updatedAt: wonAt,
  createdBy: owner,
  updatedBy: owner,
});
const keeper = () => world.tf.engine.kpis as KpiKeeper;

beforeAll(async () => {
  world = await openChannelWorld({});
  await world.addUser('sales.an', ['sales']);
  await world.addUser('sales.binh', ['sales']);
  await world.addUser('manager.ha', ['manager']);
  await world.tf.access.users.update('sales.an', { team: 'Miền Bắc' });
  await world.tf.access.users.update('sales.binh', { team: 'Miền Bắc' });
  await world.tf.store.commit(
    [
      won('sales.an', 300_000_000, '2027-01-15T03:00:00.000Z'),
      // 00:30 on 1 April in Hà Nội: the next quarter's.
      won('sales.an', 999_000_000, '2027-03-31T17:30:00.000Z'),
      won('sales.binh', 200_000_000, '2027-02-10T03:00:00.000Z'),
    ].map((doc) => ({ op: 'insert' as const, collection: RECORDS, doc })),
  );
});
afterAll(async () => world?.close());

async function target(data: Record<string, unknown>) {
  const created = await world.http.post<{ id: string; version: number }>('/api/records/kpi-target', { data: { period: '2027-Q1', metric: 'revenue', target: 1_000_000_000 } }, { actor: 'manager.ha' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const active = await world.http.post(`/api/records/kpi-target/${created.body.id}/events`, { type: 'ACTIVATE', data: { periodStart: '2027-01-01', periodEnd: '2027-03-31', ...data } }, { actor: 'manager.ha' });
  expect(active.status, JSON.stringify(active.body)).toBe(200);
  await keeper().settled();
  return created.body.id;
}

describe('KPI targets', () => {
  it('computes a person’s actual from the deals they won in the period, with progress', async () => {
    const id = await target({ scope: 'user', userId: 'sales.an' });
    const kpi = await world.tf.engine.get('kpi-target', id);
    expect([kpi.data.actual, kpi.data.progress]).toEqual([300_000_000, 0.3]);
    expect(typeof kpi.data.neededPerDay).toBe('number');
  });

  it('follows a new won deal at once; other people’s deals do not count', async () => {
    const id = await target({ scope: 'user', userId: 'sales.an' });
    await world.tf.store.commit([{ op: 'insert', collection: RECORDS, doc: won('sales.an', 150_000_000, '2027-03-01T03:00:00.000Z') }]);
    await world.tf.store.commit([{ op: 'insert', collection: RECORDS, doc: won('sales.binh', 70_000_000, '2027-03-02T03:00:00.000Z') }]);
    // The deal that counts goes through the engine (here: its amount corrected).
    await world.tf.engine.update('opportunity', `deal-${n - 1}`, { data: { amount: 200_000_000 } }, 'system:test');
    await keeper().settled();
    expect((await world.tf.engine.get('kpi-target', id)).data.actual).toBe(500_000_000);
  });

  it('sums a team’s people', async () => {
    const id = await target({ scope: 'team', team: 'Miền Bắc' });
    expect((await world.tf.engine.get('kpi-target', id)).data.actual).toBe(500_000_000 + 270_000_000);
  });

  it('refuses a person typing the actual', async () => {
    const id = await target({ scope: 'company' });
    const { version } = await world.tf.engine.get('kpi-target', id);
    const typed = await world.http.patch(`/api/records/kpi-target/${id}`, { data: { actual: 5 }, version }, { actor: 'manager.ha' });
    expect(typed.status).toBe(422);
    expect((await world.tf.engine.get('kpi-target', id)).data.actual).toBe(300_000_000 + 200_000_000 + 200_000_000 + 70_000_000);
  });
});

describe('a yearly target spread over months', () => {
  it('shares a total by weights exactly, each share within one of its part', () => {
    expect(spreadOver(100, [1, 1, 1])).toEqual([33, 34, 33]);
    expect(spreadOver(1_000, Array.from({ length: 12 }, () => 1)).reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(spreadOver(5, [0, 0])).toEqual([0, 0]);
  });

  it('creates the twelve monthly targets once, by the travel season, each under way with its own actual', async () => {
    const created = await world.http.post<{ id: string }>('/api/records/kpi-target', { data: { period: '2027', metric: 'revenue', target: 12_000_000_000, distribution: 'travel-season' } }, { actor: 'manager.ha' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const active = await world.http.post(`/api/records/kpi-target/${id}/events`, { type: 'ACTIVATE', data: { periodStart: '2027-01-01', periodEnd: '2027-12-31', scope: 'user', userId: 'sales.an' } }, { actor: 'manager.ha' });
    expect(active.status, JSON.stringify(active.body)).toBe(200);
    await keeper().settled();
    await keeper().settled();
    const months = (await world.tf.store.find<RecordDoc>(RECORDS, { entity: 'kpi-target', 'data.parentId': id }, { sort: { 'data.periodStart': 1 } })).map((r) => r.data);
    expect(months.map((m) => m.period)).toEqual(['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12']);
    expect(months.map((m) => m.target)).toEqual([720_000_000, 840_000_000, 840_000_000, 960_000_000, 1_080_000_000, 1_440_000_000, 1_560_000_000, 1_320_000_000, 720_000_000, 720_000_000, 720_000_000, 1_080_000_000]);
    expect(months[1]).toMatchObject({ periodStart: '2027-02-01', periodEnd: '2027-02-28', scope: 'user', userId: 'sales.an', metric: 'revenue' });
    // Under way: January's actual is sales.an's January deals.
    const january = await world.tf.store.find<RecordDoc>(RECORDS, { entity: 'kpi-target', 'data.parentId': id, 'data.period': '2027-01' });
    expect([january[0]?.stage, january[0]?.data.actual]).toEqual(['active', 300_000_000]);
    // Once: a change to the year makes no second set.
    await world.tf.engine.update('kpi-target', id, { data: { feedbackSummary: 'ok' } }, 'manager.ha');
    await keeper().settled();
    expect(await world.tf.store.count(RECORDS, { entity: 'kpi-target', 'data.parentId': id })).toBe(12);
  });
});
