/**
 * Assignment rules: web leads go to the sales people in turn, fairly even when they arrive
 * at once, never to someone away; website bookings go to whoever has the fewest open
 * orders; each hand-over is on the record's timeline, by the assignment rule.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChannelWorld, ROOT, type ChannelWorld } from './channel-world.js';

let world: ChannelWorld;
beforeAll(async () => {
  world = await openChannelWorld({});
  for (const id of ['sales.an', 'sales.binh', 'sales.chi']) await world.addUser(id, ['sales']);
  // Chi is on leave: no new work for her.
  await world.tf.access.users.update('sales.chi', { away: true });
});
afterAll(async () => world?.close());

const post = (form: string, i: number, fields: Record<string, unknown>) =>
  fetch(`${world.url}/api/forms/${form}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i}` }, body: JSON.stringify({ fields }) });

describe('assignment rules', () => {
  it('gives web leads arriving at once to the available sales people in turn, evenly', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => post('advice', i + 1, { fullName: `Khách web ${i}`, phone: `09120001${String(i).padStart(2, '0')}` })));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const { items } = await world.tf.engine.list('lead', { filter: { 'data.fullName': { $regex: '^Khách web' } }, limit: 50 });
    const counts: Record<string, number> = {};
    for (const lead of items) counts[lead.owner ?? 'nobody'] = (counts[lead.owner ?? 'nobody'] ?? 0) + 1;
    expect(counts).toEqual({ 'sales.an': 10, 'sales.binh': 10 });
    const assigned = (await world.tf.engine.timeline('lead', items[0]?.id ?? '')).find((e) => e.kind === 'assigned');
    expect([assigned?.actor, assigned?.payload?.owner]).toEqual(['system:assignment', items[0]?.owner]);
  });

  it('gives a website booking to whoever has the fewest open orders', async () => {
    for (let i = 0; i < 3; i++) await world.tf.engine.create('order', { data: { customerName: `Đơn cũ ${i}`, phone: '0900111222' }, owner: 'sales.an' }, 'admin');
    const first = await post('booking', 100, { customerName: 'Đặt mới 1', phone: '0977222333' });
    expect(first.status).toBe(201);
    const second = await post('booking', 101, { customerName: 'Đặt mới 2', phone: '0977222444' });
    expect(second.status).toBe(201);
    const owners = async (name: string) => (await world.tf.engine.list('order', { filter: { 'data.customerName': name } })).items[0]?.owner;
    expect([await owners('Đặt mới 1'), await owners('Đặt mới 2')]).toEqual(['sales.binh', 'sales.binh']);
  });

  it('leaves a record for anyone to pick up when everyone is away', async () => {
    await world.tf.access.users.update('sales.an', { away: true });
    await world.tf.access.users.update('sales.binh', { away: true });
    expect((await post('advice', 200, { fullName: 'Không ai nhận', phone: '0966000111' })).status).toBe(201);
    const [lead] = (await world.tf.engine.list('lead', { filter: { 'data.fullName': 'Không ai nhận' } })).items;
    expect(lead?.owner).toBeUndefined();
  });
});

describe('an assignment rule by field', () => {
  let byTour: ChannelWorld;
  let packRoot: string;
  beforeAll(async () => {
    // The travel pack with one more rule: bookings of two tours go to the people who run them.
    packRoot = mkdtempSync(path.join(os.tmpdir(), 'tourflow-pack-'));
    const packDir = path.join(packRoot, 'travel-crm');
    cpSync(path.join(ROOT, 'definitions/travel-crm'), packDir, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')) as { assignmentRules: unknown[] };
    manifest.assignmentRules.unshift({
      id: 'byTour',
      labels: { vi: 'Theo tour', en: 'By tour' },
      entity: 'order',
      when: { 'data.source': 'website-booking', 'data.tourName': { $in: ['Sa Pa 3N2Đ', 'Hạ Long 2N1Đ'] } },
      strategy: 'by-field',
      role: 'sales',
      field: 'tourName',
      map: { 'Sa Pa 3N2Đ': ['sales.bac'], 'Hạ Long 2N1Đ': ['sales.dong', 'sales.hai'] },
    });
    writeFileSync(path.join(packDir, 'pack.json'), JSON.stringify(manifest, null, 2));
    byTour = await openChannelWorld({ packDir });
    for (const id of ['sales.bac', 'sales.dong', 'sales.hai', 'sales.khac']) await byTour.addUser(id, ['sales']);
  });
  afterAll(async () => {
    await byTour?.close();
    if (packRoot) rmSync(packRoot, { recursive: true, force: true });
  });

  it('gives each booking to the people named for its tour, in turn, and others by the next rule', async () => {
    const book = async (i: number, tourName: string) =>
      fetch(`${byTour.url}/api/forms/booking`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` }, body: JSON.stringify({ fields: { customerName: `Đặt ${i}`, phone: `0966${String(100000 + i)}`, tourName } }) });
    for (const [i, tour] of [[1, 'Sa Pa 3N2Đ'], [2, 'Hạ Long 2N1Đ'], [3, 'Hạ Long 2N1Đ'], [4, 'Sa Pa 3N2Đ'], [5, 'Phú Quốc 4N3Đ']] as const) expect((await book(i, tour)).status).toBe(201);
    const owner = async (i: number) => (await byTour.tf.engine.list('order', { filter: { 'data.customerName': `Đặt ${i}` } })).items[0]?.owner;
    expect([await owner(1), await owner(2), await owner(3), await owner(4)]).toEqual(['sales.bac', 'sales.dong', 'sales.hai', 'sales.bac']);
    // A tour no one is named for: the least-loaded rule after it (nobody has open orders but the ones above).
    expect(await owner(5)).toBe('sales.khac');
  });
});
