/**
 * Admins edit the assignment rules (issue 13: "declared in the pack, edited in the
 * designer"): the packs' rules until a save; a saved list is checked like the pack file and
 * refused whole with every problem named; it applies to the next record at once; a stale
 * save is a conflict; reset goes back to the packs' rules; only admins may.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentRule } from '../../../engine/definitions/definition.js';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';

let world: ChannelWorld;
beforeAll(async () => {
  world = await openChannelWorld({});
  for (const id of ['sales.an', 'sales.binh']) await world.addUser(id, ['sales']);
  await world.addUser('boss', ['admin']);
  await world.addUser('manager.ha', ['manager']);
});
afterAll(async () => world?.close());

interface RuleSet {
  rules: AssignmentRule[];
  version: number;
  declared: AssignmentRule[];
}
const get = () => world.http.get<RuleSet>('/api/assignment-rules', { actor: 'boss' });
const put = (rules: unknown, version: number, actor = 'boss') => world.http.put<RuleSet & { errors?: { pointer: string; message: string }[] }>('/api/assignment-rules', { rules, version }, { actor });
const webLead = (i: number, fields: Record<string, unknown>) =>
  fetch(`${world.url}/api/forms/advice`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i}` }, body: JSON.stringify({ fields }) });

describe('assignment rules edited by admins', () => {
  it('starts from the packs’ rules, for admins only', async () => {
    const current = await get();
    expect(current.status).toBe(200);
    expect(current.body.version).toBe(0);
    expect(current.body.rules.map((r) => r.id)).toEqual(['campaignTargets', 'webLeads', 'newConversations', 'webBookings']);
    expect((await world.http.get('/api/assignment-rules', { actor: 'manager.ha' })).status).toBe(403);
    expect((await put(current.body.rules, 0, 'manager.ha')).status).toBe(403);
  });

  it('refuses a wrong list whole, naming every problem, and changes nothing', async () => {
    const { rules } = (await get()).body;
    const wrong = [
      ...rules,
      { id: 'ghost', labels: { vi: 'Ma', en: 'Ghost' }, entity: 'spaceship', strategy: 'round-robin', role: 'sales' },
      { id: 'byProvince', labels: { vi: 'Theo tỉnh', en: 'By province' }, entity: 'lead', strategy: 'by-field', role: 'sales' },
      { id: 'sneaky', labels: { vi: 'Lén', en: 'Sneaky' }, entity: 'lead', strategy: 'round-robin', role: 'sales', when: { $where: 'sleep(1000)' } },
      { id: 'webLeads', labels: { vi: 'Trùng', en: 'Twice' }, entity: 'lead', strategy: 'round-robin', role: 'sales' },
    ];
    const answer = await put(wrong, 0);
    expect(answer.status).toBe(422);
    const pointers = (answer.body.errors ?? []).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/4/entity', '/5/field', '/5/map', '/7/id']));
    expect(pointers.some((p) => p.startsWith('/6/when'))).toBe(true);
    expect((await get()).body.version).toBe(0);
    const shapeless = await put([{ id: 'x', entity: 'lead' }], 0);
    expect(shapeless.status).toBe(422);
  });

  it('applies a saved list to the next record at once; a stale save is a conflict; reset goes back', async () => {
    const { rules } = (await get()).body;
    // Web leads about Phú Quốc go to Bình; the rest as before.
    const phuQuoc: AssignmentRule = { id: 'phuQuoc', labels: { vi: 'Phú Quốc cho Bình', en: 'Phú Quốc to Bình' }, entity: 'lead', when: { 'data.tripInterest': 'Phú Quốc' }, strategy: 'by-field', role: 'sales', field: 'tripInterest', map: { 'Phú Quốc': ['sales.binh'] } };
    const saved = await put([phuQuoc, ...rules], 0);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(1);
    for (let i = 0; i < 3; i++) expect((await webLead(10 + i, { fullName: `Khách Phú Quốc ${i}`, phone: `09130001${i}0`, tripInterest: 'Phú Quốc' })).status).toBe(201);
    const { items } = await world.tf.engine.list('lead', { filter: { 'data.fullName': { $regex: '^Khách Phú Quốc' } } });
    expect(items.map((l) => l.owner)).toEqual(['sales.binh', 'sales.binh', 'sales.binh']);

    expect((await put(rules, 0)).status).toBe(409);
    const reset = await world.http.delete<RuleSet>('/api/assignment-rules?version=1', { actor: 'boss' });
    expect(reset.status).toBe(200);
    expect([reset.body.version, reset.body.rules.map((r) => r.id)]).toEqual([0, rules.map((r) => r.id)]);
  });
});
