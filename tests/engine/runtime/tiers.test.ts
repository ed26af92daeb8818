/**
 * Customer tiers as declared rules (issue 14): the travel pack's tiers come from completed
 * contracts of the last 24 months. A customer gets the first tier whose minimums their
 * revenue and trips reach, with the date it changed, on their timeline by `system:tiers`;
 * the tier follows when a contract changes; the nightly job takes a tier back once its
 * window has passed; and the filter "VIP1, VIP2 or VIP3" finds them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc } from '../../../engine/runtime/core/record.js';
import { windowStart, type TierKeeper } from '../../../engine/runtime/services/tiers.js';
import { openChannelWorld, type ChannelWorld } from '../channels/channel-world.js';
import { RECORDS } from '../../../engine/collections.js';

let world: ChannelWorld;
const NOW = Date.now();
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
const doc = (id: string, entity: string, stage: string, data: Record<string, unknown>): RecordDoc => ({
  _id: id,
  entity,
  definitionVersion: 1,
  state: stage,
  stage,
  status: stage === 'completed' || stage === 'cancelled' ? 'done' : 'active',
  data,
  activitiesDone: [],
  owner: 'sales.an',
  version: 1,
  createdAt: daysAgo(400),
  updatedAt: daysAgo(400),
  createdBy: 'sales.an',
  updatedBy: 'sales.an',
});

beforeAll(async () => {
  world = await openChannelWorld({});
  await world.tf.store.commit(
    [
      doc('acc-hoa', 'account', 'customer', { kind: 'individual', name: 'Trần Thị Hoa' }),
      doc('acc-nam', 'account', 'customer', { kind: 'individual', name: 'Lê Nam' }),
      doc('c1', 'contract', 'completed', { title: 'Hạ Long', accountId: 'acc-hoa', totalValue: 90_000_000, completedAt: daysAgo(300) }),
      doc('c2', 'contract', 'completed', { title: 'Sa Pa', accountId: 'acc-hoa', totalValue: 110_000_000, completedAt: daysAgo(100) }),
      // Not completed, or too long ago: they do not count.
      doc('c3', 'contract', 'signed', { title: 'Phú Quốc', accountId: 'acc-hoa', totalValue: 500_000_000 }),
      doc('c4', 'contract', 'completed', { title: 'Đà Lạt', accountId: 'acc-nam', totalValue: 400_000_000, completedAt: daysAgo(800) }),
    ].map((d) => ({ op: 'insert' as const, collection: RECORDS, doc: d })),
  );
});
afterAll(async () => world?.close());

const keeper = () => world.tf.engine.tiers as TierKeeper;
const account = async (id: string) => world.tf.engine.get('account', id);

describe('customer tiers', () => {
  it('gives a customer the first tier their revenue and trips in the window reach, with the date', async () => {
    expect(await keeper().standing('acc-hoa')).toEqual({ revenue: 200_000_000, trips: 2, tier: 'VIP2' });
    expect(await keeper().apply('acc-hoa')).toBe(true);
    const hoa = await account('acc-hoa');
    expect(hoa.data.tier).toBe('VIP2');
    expect(Date.parse(String(hoa.data.tierChangedAt))).toBeGreaterThan(NOW - 60_000);
    const entry = (await world.tf.engine.timeline('account', 'acc-hoa')).at(-1);
    expect([entry?.actor, entry?.kind]).toEqual(['system:tiers', 'updated']);
    // Nothing earned in the window: no tier.
    expect(await keeper().standing('acc-nam')).toEqual({ revenue: 0, trips: 0 });
    expect(await keeper().apply('acc-nam')).toBe(false);
  });

  it('follows a contract that changes: a third completed trip makes VIP1', async () => {
    await world.tf.store.commit([{ op: 'insert', collection: RECORDS, doc: doc('c5', 'contract', 'completed', { title: 'Huế', accountId: 'acc-hoa', totalValue: 95_000_000, completedAt: daysAgo(10) }) }]);
    // The change that counts goes through the engine (here: the amount corrected by an accountant).
    await world.tf.engine.update('contract', 'c5', { data: { totalValue: 105_000_000 } }, 'system:test');
    await keeper().settled();
    expect((await account('acc-hoa')).data.tier).toBe('VIP1');
    const vip = await world.tf.engine.list('account', { filter: { 'data.tier': { $in: ['VIP1', 'VIP2', 'VIP3'] } } });
    expect(vip.items.map((a) => a.id)).toEqual(['acc-hoa']);
  });

  it('takes the tier back on the nightly job once the window has passed', async () => {
    const later = keeper().at(() => new Date(NOW + 3 * 365 * 86_400_000));
    expect(await later.standing('acc-hoa')).toEqual({ revenue: 0, trips: 0 });
    const outcome = await world.tf.engine.runRecurring({ job: 'travel-crm:nightlyTiers', run: 'test', action: { type: 'recomputeTiers' } });
    expect(outcome).toMatchObject({ matched: 2, done: 0 });
    expect(await later.applyAll()).toEqual({ checked: 2, changed: 1 });
    expect((await account('acc-hoa')).data.tier).toBeUndefined();
  });

  it('is never typed by a person: the tier is read-only to them', async () => {
    await expect(world.tf.engine.update('account', 'acc-nam', { data: { tier: 'VIP1' } }, 'sales.an')).rejects.toMatchObject({ code: 'field-read-only' });
    expect((await account('acc-nam')).data.tier).toBeUndefined();
  });

  it('counts months back from now', () => {
    expect(windowStart('P24M', new Date('2026-12-02T00:00:00.000Z'))).toBe('2024-12-02T00:00:00.000Z');
    expect(windowStart('P1Y', new Date('2026-12-02T00:00:00.000Z'))).toBe('2025-12-02T00:00:00.000Z');
    expect(windowStart('P30D', new Date('2026-12-02T00:00:00.000Z'))).toBe('2026-11-02T00:00:00.000Z');
  });
});
