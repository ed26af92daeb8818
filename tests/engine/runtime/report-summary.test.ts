/**
 * The weekly summary to managers (issue 14): the recurring job runs each report for each
 * manager over what they may see and sends the totals in the app and by email through a
 * real SMTP server, in Vietnamese (VND) and English; the same run repeated sends nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc } from '../../../engine/runtime/core/record.js';
import { openChannelWorld, type ChannelWorld } from '../channels/channel-world.js';
import { RECORDS } from '../../../engine/collections.js';

let world: ChannelWorld;
const now = new Date();
const won = (id: string, owner: string, amount: number): RecordDoc => ({
  _id: id,
  entity: 'opportunity',
  definitionVersion: 1,
  state: 'won',
  stage: 'won',
  status: 'done',
  data: { title: id, amount, wonAt: now.toISOString() },
  activitiesDone: [],
  owner,
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  createdBy: owner,
  updatedBy: owner,
});

beforeAll(async () => {
  world = await openChannelWorld({});
  await world.addUser('sales.an', ['sales']);
  await world.tf.access.users.create({ id: 'manager.ha', name: 'Nguyễn Thu Hà', roles: ['manager'], email: 'ha@senvang.test', password: 'a-long-password-for-ha' });
  await world.tf.store.commit([won('w1', 'sales.an', 40_000_000), won('w2', 'sales.an', 25_500_000)].map((doc) => ({ op: 'insert' as const, collection: RECORDS, doc })));
  await world.tf.engine.rebuildRollups();
});
afterAll(async () => world?.close());

describe('the weekly summary to managers', () => {
  it('sends each manager their totals in the app and by email, once per run', async () => {
    const action = { type: 'sendReportSummary' as const, role: 'manager' as const, reports: ['salesByMonth', 'openPipeline'], period: 'this-month' as const };
    const outcome = await world.tf.engine.runRecurring({ job: 'travel-crm:weeklySummary', run: '2026-W49', action });
    expect(outcome).toMatchObject({ matched: 1, done: 1 });
    const [mail] = await world.smtp.waitFor(1);
    expect(mail?.to).toMatchObject({ text: 'ha@senvang.test' });
    expect(mail?.subject).toBe('Tóm tắt số liệu tháng này · Summary of this month');
    expect(mail?.text).toContain('Doanh số theo tháng: Cơ hội thắng: 2; Doanh số: 65.500.000 ₫');
    expect(mail?.text).toContain('Sales by month: Deals won: 2; Revenue: 65,500,000 VND');
    const inbox = () => world.tf.store.find<{ _id: string; message: { vi: string; en: string } }>('notifications', { user: 'manager.ha' });
    expect((await inbox()).map((n) => n.message.en)).toEqual([expect.stringContaining('Revenue: 65,500,000 VND')]);
    // The same run again (a retry after a crash): nothing new.
    await world.tf.engine.runRecurring({ job: 'travel-crm:weeklySummary', run: '2026-W49', action });
    expect(world.smtp.count()).toBe(1);
    expect(await inbox()).toHaveLength(1);
  });
});
