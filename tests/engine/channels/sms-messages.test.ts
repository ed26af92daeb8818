/**
 * Brandname SMS against a local server speaking eSMS.vn's documented API: payment
 * reminders, delivery reports through the callback (verified before anything is stored),
 * the request id that makes a retry after a crash harmless, and the advertising rules of
 * Decree 91/2020 ([QC], 07:00–22:00, 3 a day) as configurable policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestIdOf } from '../../../plugins/sms-esms/index.js';
import type { BulkProgress } from '../../../engine/runtime/services/channels/bulk-send.js';
import { MESSAGES, type MessageDoc } from '../../../engine/runtime/services/channels/messenger.js';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { startEsmsPeer, type EsmsPeer } from '../../peers/esms-peer.js';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';

const KEYS = { apiKey: 'test-api-key', secretKey: 'test-secret-key' };
const CALLBACK_SECRET = 'callback-secret-0123456789';
let esms: EsmsPeer;
let world: ChannelWorld;

function smsEnv(extra: Record<string, string> = {}) {
  return {
    SMS_API_URL: esms.url,
    SMS_API_KEY: KEYS.apiKey,
    SMS_SECRET_KEY: KEYS.secretKey,
    SMS_BRANDNAME: 'SENVANG',
    SMS_CALLBACK_SECRET: CALLBACK_SECRET,
    ...extra,
  };
}

beforeAll(async () => {
  esms = await startEsmsPeer(KEYS);
  // The window is always open here: the rules under test are the prefix and the daily cap.
  world = await openChannelWorld({ env: smsEnv({ SMS_AD_WINDOW: '00:00-24:00', SMS_AD_PER_DAY: '1' }) });
  await world.addUser('mkt.lan', ['marketing']);
});
afterAll(async () => {
  await world?.close();
  await esms?.close();
});

async function duePayment(phone: string, name = 'Nguyễn Thị Lan') {
  const account = await world.tf.engine.create('account', { data: { kind: 'individual', name, phone } }, 'admin');
  const contract = await world.tf.engine.create('contract', { data: { title: 'Hợp đồng tour', accountId: account.id } }, 'admin');
  const payment = await world.tf.engine.create(
    'payment',
    { data: { title: 'Đặt cọc tour Đà Lạt', kind: 'receipt', accountId: account.id, contractId: contract.id, amount: 2_000_000, dueDate: '2027-05-01' } },
    'admin',
  );
  return { account, payment };
}

const smsOf = async (accountId: string) => (await world.tf.store.find<MessageDoc>(MESSAGES, { 'recipient.id': accountId, channel: 'sms' }))[0];

describe('brandname SMS through an eSMS-speaking server', () => {
  it('sends a payment reminder as customer care, without marks, with the request id and the callback', async () => {
    const { account, payment } = await duePayment('0912 345 678');
    await world.tf.engine.send('payment', payment.id, { type: 'REMIND_DUE_SOON' }, 'system:scheduler');
    await world.settle();
    const sent = esms.sent.at(-1);
    expect(sent).toMatchObject({ Phone: '0912345678', SmsType: '2', IsUnicode: '0', Brandname: 'SENVANG' });
    expect(sent?.Content).toBe('Nhac thanh toan: Dat coc tour Da Lat so tien 2.000.000 VND den han ngay 01/05/2027.');
    const message = await smsOf(account.id);
    expect(sent?.RequestId).toBe(requestIdOf(message?._id ?? ''));
    expect(sent?.CallbackUrl).toBe(`${world.url}/api/channels/sms/delivery?secret=${CALLBACK_SECRET}`);
    expect([message?.status, message?.providerId]).toEqual(['sent', sent?.SMSID]);
  });

  it('takes delivery reports from the provider only: a call without the secret stores nothing', async () => {
    const { account, payment } = await duePayment('0987654321', 'Trần Văn Bình');
    await world.tf.engine.send('payment', payment.id, { type: 'REMIND_DUE_TODAY' }, 'system:scheduler');
    await world.settle();
    const sent = esms.sent.at(-1);
    const forged = await fetch(`${world.url}/api/channels/sms/delivery?secret=wrong&SMSID=${sent?.SMSID}&SendStatus=5`);
    expect(forged.status).toBe(401);
    const unsigned = await fetch(`${world.url}/api/channels/sms/delivery?SMSID=${sent?.SMSID}&SendStatus=5`);
    expect(unsigned.status).toBe(401);
    expect((await smsOf(account.id))?.status).toBe('sent');
    expect(await esms.report(sent?.SMSID ?? '', '5')).toBe(200);
    expect(await esms.report(sent?.SMSID ?? '', '5')).toBe(200); // a repeat changes nothing
    const delivered = await smsOf(account.id);
    expect(delivered?.status).toBe('delivered');
    const timeline = (await world.tf.engine.timeline('account', account.id)).filter((e) => e.kind === 'message' && e.payload?.channel === 'sms');
    expect(timeline.map((e) => e.type)).toEqual(['message.sent', 'message.delivered']);
    // Routes a channel does not have are the API's (a session is needed), never the channel's.
    expect((await fetch(`${world.url}/api/channels/sms/other`, { method: 'POST' })).status).toBe(401);
  });

  it('does not send a number that is not a Vietnamese mobile, and marks it', async () => {
    const before = esms.requests;
    const { account, payment } = await duePayment('028 3823 4567'); // a landline: no SMS
    await world.tf.engine.send('payment', payment.id, { type: 'REMIND_DUE_SOON' }, 'system:scheduler');
    await world.settle();
    expect(esms.requests).toBe(before);
    expect((await smsOf(account.id))?.status).toBe('failed');
    expect((await world.tf.engine.get('account', account.id)).data.consent).toMatchObject({ phoneUndeliverable: true });
  });

  it('retries an outage with the same request id, and the provider sends it once', async () => {
    esms.failWith = '99';
    const { account, payment } = await duePayment('0901234567', 'Lê Văn Cường');
    await world.tf.engine.send('payment', payment.id, { type: 'REMIND_DUE_SOON' }, 'system:scheduler');
    await world.settle();
    expect((await smsOf(account.id))?.status).toBe('sending');
    esms.failWith = undefined;
    for (let i = 0; i < 200 && (await smsOf(account.id))?.status !== 'sent'; i++) {
      await world.settle();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const message = await smsOf(account.id);
    expect(message?.status).toBe('sent');
    expect(esms.sent.filter((m) => m.Phone === '0901234567')).toHaveLength(1);
  });

  it('prefixes advertising with [QC], keeps the marks as Unicode, and holds a second one the same day', async () => {
    const ids: string[] = [];
    for (const [i, phone] of ['0911000001', '0911000002'].entries()) {
      ids.push((await world.tf.engine.create('account', { data: { kind: 'individual', name: `Khách ${i}`, phone, province: 'Huế' } }, 'admin')).id);
    }
    const launch = async (name: string) => {
      const created = await world.http.post<RecordView>('/api/records/campaign', { data: { name, channel: 'sms', audience: { entity: 'account', segment: 'Huế', filter: { 'data.province': 'Huế' } } } }, { actor: 'mkt.lan' });
      await world.http.post(`/api/records/campaign/${created.body.id}/events`, { type: 'LAUNCH', data: { message: 'Giảm 1 triệu tour Huế, gọi 1900 1234' } }, { actor: 'mkt.lan' });
      return created.body.id;
    };
    const progress = async (id: string) => (await world.http.get<{ progress: BulkProgress }>(`/api/records/campaign/${id}/bulk-send`, { actor: 'mkt.lan' })).body.progress;
    const first = await launch('Huế 1');
    for (let i = 0; i < 300 && (await progress(first))?.status !== 'done'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const advertising = esms.sent.filter((m) => m.Phone.startsWith('091100000'));
    expect(advertising.map((m) => [m.SmsType, m.IsUnicode, m.Content])).toEqual([
      ['1', '1', '[QC] Giảm 1 triệu tour Huế, gọi 1900 1234'],
      ['1', '1', '[QC] Giảm 1 triệu tour Huế, gọi 1900 1234'],
    ]);
    // At most one advertising SMS a number a day here (SMS_AD_PER_DAY=1): the second campaign waits for tomorrow.
    const second = await launch('Huế 2');
    let waiting: BulkProgress | undefined;
    for (let i = 0; i < 300 && !waiting?.waitUntil; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      waiting = await progress(second);
    }
    expect(waiting?.status).toBe('running');
    expect(waiting?.sent).toBe(0);
    expect(new Date(waiting?.waitUntil ?? 0).getTime()).toBeGreaterThan(Date.now());
    expect(esms.sent.filter((m) => m.Phone.startsWith('091100000'))).toHaveLength(2);
  });
});

describe('an SMS campaign with a link', () => {
  it('sends short links of this server, and a click turns the person into a target once', async () => {
    await world.tf.engine.create('account', { data: { kind: 'individual', name: 'Bùi Thị Hạnh', phone: '0977000111', province: 'Cần Thơ' } }, 'admin');
    const created = await world.http.post<RecordView>(
      '/api/records/campaign',
      { data: { name: 'Miền Tây', channel: 'sms', destinations: ['Cần Thơ'], audience: { entity: 'account', segment: 'Cần Thơ', filter: { 'data.province': 'Cần Thơ' } } } },
      { actor: 'mkt.lan' },
    );
    await world.http.post(`/api/records/campaign/${created.body.id}/events`, { type: 'LAUNCH', data: { message: 'Tour miền Tây giảm 1 triệu: https://senvang.test/mien-tay?utm_source=sms' } }, { actor: 'mkt.lan' });
    let sent: (typeof esms.sent)[number] | undefined;
    for (let i = 0; i < 300 && !sent; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      sent = esms.sent.find((m) => m.Phone === '0977000111');
    }
    const link = /(http:\/\/\S+\/l\/[A-Za-z0-9_-]{10})/.exec(sent?.Content ?? '')?.[1];
    for (let i = 0; i < 300 && (await world.http.get<{ progress: BulkProgress }>(`/api/records/campaign/${created.body.id}/bulk-send`, { actor: 'mkt.lan' })).body.progress?.status !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(sent?.Content).toBe(`[QC] Tour miền Tây giảm 1 triệu: ${link}`);
    const browser = { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36' };
    for (let i = 0; i < 2; i++) {
      const followed = await fetch(link ?? '', { redirect: 'manual', headers: browser });
      expect([followed.status, followed.headers.get('location')]).toEqual([302, 'https://senvang.test/mien-tay?utm_source=sms']);
    }
    await world.settle();
    const targets = await world.tf.engine.list('target', { filter: { 'data.campaignId': created.body.id } });
    expect(targets.items.map((t) => [t.data.phone, t.data.fullName])).toEqual([['0977000111', 'Bùi Thị Hạnh']]);
    expect((await world.tf.engine.get('campaign', created.body.id)).data.clickedCount).toBe(1);
    expect((await fetch(`${world.url}/l/AAAAAAAAAA`, { redirect: 'manual' })).status).toBe(404);
  });
});
