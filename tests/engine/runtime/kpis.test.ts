/**
 * KPI targets whose actual is computed (issue 14): a sales person's revenue target for a
 * quarter takes its actual from the deals they won in it (in the business time zone), with
 * the progress and the pace still needed per remaining day; a new won deal moves it at once;
 * another person's deals, or deals outside the quarter, do not; a team's target sums its
 * people's; and nobody can type the actual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc } from '../../../engine/runtime/record.js';
import { RECORDS } from '../../../engine/runtime/record-service.js';
import type { KpiKeeper } from '../../../engine/runtime/kpis.js';
import { openChannelWorld, type ChannelWorld } from '../channels/channel-world.js';

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
