/**
 * Advertising SMS wait for their hours (Decree 91/2020: 07:00–22:00 by default): a birthday
 * greeting (marketing) outside the window is not attempted; its automation waits, without a
 * failure, until the window opens; a payment reminder (customer care) still goes at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../../engine/runtime/core/calendar.js';
import type { OutboxEntry } from '../../../engine/runtime/services/outbox.js';
import { startEsmsPeer, type EsmsPeer } from '../../peers/esms-peer.js';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';
import { OUTBOX } from '../../../engine/collections.js';

const KEYS = { apiKey: 'k', secretKey: 's' };
let esms: EsmsPeer;
let world: ChannelWorld;
const pad = (n: number) => String(n).padStart(2, '0');

/** A one-hour advertising window starting two hours from now (business time): now is outside it. */
function laterWindow(): { window: string; from: string } {
  const now = localDate(new Date(), 'Asia/Ho_Chi_Minh');
  const from = (now.hour + 2) % 24;
  const to = (from + 1) % 24 || 24;
  return { window: `${pad(from)}:00-${pad(to)}:00`, from: `${pad(from)}:00` };
}

beforeAll(async () => {
  esms = await startEsmsPeer(KEYS);
  world = await openChannelWorld({ env: { SMS_API_URL: esms.url, SMS_API_KEY: KEYS.apiKey, SMS_SECRET_KEY: KEYS.secretKey, SMS_BRANDNAME: 'SENVANG', SMS_AD_WINDOW: laterWindow().window } });
});
afterAll(async () => {
  await world?.close();
  await esms?.close();
});

describe('advertising hours', () => {
  it('holds a birthday SMS until its window opens, and sends a payment reminder at once', async () => {
    const account = await world.tf.engine.create('account', { data: { kind: 'individual', name: 'Đinh Văn Tú', phone: '0933444555' } }, 'admin');
    await world.tf.engine.send('account', account.id, { type: 'BIRTHDAY' }, 'system:scheduler');
    await world.settle();
    expect(esms.sent.filter((m) => m.Phone === '0933444555')).toEqual([]);
    const waiting = (await world.tf.store.find<OutboxEntry>(OUTBOX, { recordId: account.id, action: 'sendMessage' })).find((e) => JSON.stringify(e.params).includes('sms'));
    expect(waiting?.status).toBe('pending');
    expect(waiting?.attempts).toBe(0);
    expect(waiting?.postponed).toContain('waits for');
    const opens = localDate(new Date(waiting?.nextAttemptAt ?? 0), 'Asia/Ho_Chi_Minh');
    expect(`${pad(opens.hour)}:${pad(opens.minute)}`).toBe(laterWindow().from);
    expect((await world.tf.engine.failedAutomations({ limit: 10, skip: 0 })).total).toBe(0);

    const contract = await world.tf.engine.create('contract', { data: { title: 'Hợp đồng', accountId: account.id } }, 'admin');
    const payment = await world.tf.engine.create('payment', { data: { title: 'Đặt cọc', kind: 'receipt', accountId: account.id, contractId: contract.id, amount: 1_000_000, dueDate: '2027-01-10' } }, 'admin');
    await world.tf.engine.send('payment', payment.id, { type: 'REMIND_DUE_TODAY' }, 'system:scheduler');
    await world.settle();
    expect(esms.sent.filter((m) => m.Phone === '0933444555').map((m) => m.SmsType)).toEqual(['2']);
  });
});
