/**
 * One message to one person through the email channel, against a real SMTP server on
 * 127.0.0.1: payment reminders rendered from the pack's templates (dates and money as
 * Vietnamese write them), at most once per key, consent and undeliverable addresses, the
 * timeline, and the channel's settings as an admin sees them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdOf } from '../../../plugins/email/index.js';
import type { EventLogDoc } from '../../../engine/runtime/core/record.js';
import { MESSAGES, type MessageDoc } from '../../../engine/runtime/services/channels/messenger.js';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';

let world: ChannelWorld;
beforeAll(async () => {
  world = await openChannelWorld({ env: { SMTP_PASSWORD: 'not-shown-anywhere', SMTP_USER: 'mailer' } });
});
afterAll(async () => world?.close());

async function account(data: Record<string, unknown>) {
  return world.tf.engine.create('account', { data: { kind: 'individual', ...data } }, 'admin');
}

async function payment(accountId: string, extra: Record<string, unknown> = {}) {
  const contract = await world.tf.engine.create('contract', { data: { title: 'Hợp đồng tour', accountId } }, 'admin');
  return world.tf.engine.create(
    'payment',
    { data: { title: 'Đặt cọc tour Đà Lạt', kind: 'receipt', accountId, contractId: contract.id, amount: 1_500_000, dueDate: '2027-05-01', ...extra } },
    'admin',
  );
}

const messagesOf = (id: string) => world.tf.store.find<MessageDoc>(MESSAGES, { 'recipient.id': id });

describe('email through a real SMTP server', () => {
  it('sends a payment reminder in the customer’s language, with Vietnamese dates and money, once per reminder', async () => {
    const before = world.smtp.count();
    const lan = await account({ name: 'Nguyễn Thị Lan', email: 'lan@example.vn', phone: '0912345678' });
    const due = await payment(lan.id);
    await world.tf.engine.send('payment', due.id, { type: 'REMIND_DUE_SOON' }, 'system:scheduler');
    await world.settle();
    await world.smtp.waitFor(before + 1);
    const mail = world.smtp.received.at(-1);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain('lan@example.vn');
    expect(mail?.subject).toBe('Nhắc thanh toán: Đặt cọc tour Đà Lạt đến hạn ngày 01/05/2027');
    expect(mail?.text).toContain('Kính gửi Nguyễn Thị Lan');
    expect(mail?.text).toContain('1.500.000 ₫');
    expect(mail?.from?.text).toContain('info@senvang.test');
    // Transactional: no unsubscribe header, no tracking pixel.
    expect(mail?.headers.get('list-unsubscribe')).toBeUndefined();
    expect(mail?.html || '').not.toContain('/t/o/');
    // The idempotency key is the Message-ID.
    const [sent] = (await messagesOf(lan.id)).filter((m) => m.channel === 'email');
    expect(sent?.status).toBe('sent');
    expect(mail?.messageId).toBe(messageIdOf(sent?._id ?? '', 'info@senvang.test'));
    // No SMS provider is configured: the SMS of the same reminder is not sent, and says why.
    const [text] = (await messagesOf(lan.id)).filter((m) => m.channel === 'sms');
    expect([text?.status, text?.reason]).toEqual(['skipped', 'channel-off']);
    expect((await world.tf.engine.failedAutomations({ limit: 10, skip: 0 })).total).toBe(0);
  });

  it('writes each message on the timelines of the customer and the payment', async () => {
    const an = await account({ name: 'Trần Văn An', email: 'an@example.vn' });
    const due = await payment(an.id, { title: 'Thanh toán tour Huế' });
    await world.tf.engine.send('payment', due.id, { type: 'REMIND_DUE_TODAY' }, 'system:scheduler');
    await world.settle();
    const onAccount = (await world.tf.engine.timeline('account', an.id)).filter((e: EventLogDoc) => e.kind === 'message');
    const onPayment = (await world.tf.engine.timeline('payment', due.id)).filter((e: EventLogDoc) => e.kind === 'message');
    // The email went; the SMS did not (no SMS provider is configured), and the timeline says so.
    expect(onAccount.map((e) => [e.type, e.payload?.channel, e.payload?.subject ?? e.payload?.reason])).toEqual([
      ['message.sent', 'email', 'Hôm nay đến hạn thanh toán Thanh toán tour Huế'],
      ['message.skipped', 'sms', 'channel-off'],
    ]);
    expect(onPayment.map((e) => e.type)).toEqual(['message.sent', 'message.skipped']);
  });

  it('tells staff of a role by the email on their profile, and says so when one has none', async () => {
    await world.tf.access.users.create({ id: 'kt.hang', name: 'Đào Thu Hằng', roles: ['accountant'], email: 'hang@senvang.test', password: 'a-long-password-for-hang' });
    await world.tf.access.users.create({ id: 'kt.nam', name: 'Mai Văn Nam', roles: ['accountant'], password: 'a-long-password-for-nam' });
    const before = world.smtp.count();
    const quy = await account({ name: 'Tạ Văn Quý', email: 'quy@example.vn' });
    const due = await payment(quy.id, { title: 'Thanh toán Mũi Né' });
    await world.tf.engine.send('payment', due.id, { type: 'REMIND_OVERDUE' }, 'system:scheduler');
    await world.settle();
    await world.smtp.waitFor(before + 2);
    const staffMail = world.smtp.received.find((m) => (m.to && 'text' in m.to ? m.to.text : '').includes('hang@senvang.test'));
    expect(staffMail?.subject).toBe('Quá hạn: Thanh toán Mũi Né (1.500.000 ₫)');
    expect(staffMail?.text).toContain('Chào Đào Thu Hằng');
    const onPayment = (await world.tf.engine.timeline('payment', due.id)).filter((e) => e.kind === 'message' && e.payload?.template === 'paymentOverdueStaffEmail');
    expect(onPayment.map((e) => [e.type, e.payload?.reason ?? e.payload?.to])).toEqual(
      expect.arrayContaining([['message.sent', 'hang@senvang.test'], ['message.skipped', 'no-address']]) as unknown[],
    );
  });

  it('writes English to a customer who reads English', async () => {
    const before = world.smtp.count();
    const john = await account({ name: 'John Smith', email: 'john@example.com', language: 'en' });
    const due = await payment(john.id, { title: 'Halong Bay cruise' });
    await world.tf.engine.send('payment', due.id, { type: 'REMIND_OVERDUE' }, 'system:scheduler');
    await world.settle();
    await world.smtp.waitFor(before + 1);
    const mail = world.smtp.received.find((m) => (m.to && 'text' in m.to ? m.to.text : '').includes('john@example.com'));
    expect(mail?.subject).toBe('Halong Bay cruise is overdue');
    expect(mail?.text).toContain('₫1,500,000');
    expect(mail?.text).toContain('1 May 2027');
  });

  it('never sends marketing to someone who opted out, and still sends what is about their booking', async () => {
    const before = world.smtp.count();
    const hoa = await account({ name: 'Lê Hoa', email: 'hoa@example.vn', consent: { emailMarketing: false } });
    await world.tf.engine.send('account', hoa.id, { type: 'BIRTHDAY' }, 'system:scheduler');
    await world.settle();
    const [greeting] = (await messagesOf(hoa.id)).filter((m) => m.template === 'birthdayEmail');
    expect([greeting?.status, greeting?.reason]).toEqual(['skipped', 'opted-out']);
    expect(world.smtp.count()).toBe(before);
    const due = await payment(hoa.id);
    await world.tf.engine.send('payment', due.id, { type: 'REMIND_DUE_SOON' }, 'system:scheduler');
    await world.settle();
    await world.smtp.waitFor(before + 1);
    expect(world.smtp.received.at(-1)?.subject).toContain('Nhắc thanh toán');
  });

  it('marks an address the server refuses for good as undeliverable, and does not try it again', async () => {
    world.smtp.reject.add('nobody@example.vn');
    const ghost = await account({ name: 'Phạm Khuyết', email: 'nobody@example.vn' });
    const first = await payment(ghost.id);
    await world.tf.engine.send('payment', first.id, { type: 'REMIND_DUE_SOON' }, 'system:scheduler');
    await world.settle();
    const [failed] = (await messagesOf(ghost.id)).filter((m) => m.channel === 'email');
    expect(failed?.status).toBe('failed');
    expect(failed?.reason).toContain('550');
    expect((await world.tf.engine.get('account', ghost.id)).data.consent).toMatchObject({ emailUndeliverable: true });
    const second = await payment(ghost.id);
    await world.tf.engine.send('payment', second.id, { type: 'REMIND_DUE_TODAY' }, 'system:scheduler');
    await world.settle();
    const statuses = (await messagesOf(ghost.id)).filter((m) => m.channel === 'email').map((m) => [m.status, m.reason?.slice(0, 13)]);
    expect(statuses).toContainEqual(['skipped', 'undeliverable']);
  });

  it('plans a payment’s customer reminders from its due date, and drops them once it is paid', async () => {
    const thu = await account({ name: 'Vũ Thị Thu', email: 'thu@example.vn' });
    const due = await payment(thu.id);
    const armed = async () => (await world.tf.engine.armedTimers()).filter((t) => t.recordId === due.id).map((t) => t.dueAt).sort();
    // 3 days before at 08:00, on the day at 08:00, and the day after it is marked overdue (business time, UTC+7).
    expect(await armed()).toEqual(['2027-04-28T01:00:00.000Z', '2027-05-01T01:00:00.000Z', '2027-05-01T17:00:00.000Z']);
    await world.tf.engine.send('payment', due.id, { type: 'PAY', data: { paidAt: '2027-04-20T03:00:00.000Z', method: 'cash' } }, 'admin');
    await world.settle();
    expect(await armed()).toEqual([]);
  });

  it('shows admins each channel’s state and settings, never a secret', async () => {
    const reply = await world.http.get<{ items: { name: string; state: string; settings: { key: string; set: boolean; value?: unknown }[] }[] }>('/api/channels', { actor: 'ann' });
    expect(reply.status).toBe(200);
    const email = reply.body.items.find((c) => c.name === 'email');
    expect(email?.state).toBe('ready');
    expect(email?.settings.find((s) => s.key === 'password')).toEqual({ key: 'password', variable: 'SMTP_PASSWORD', secret: true, set: true });
    expect(JSON.stringify(reply.body)).not.toContain('not-shown-anywhere');
    expect(reply.body.items.find((c) => c.name === 'sms')?.state).toBe('off');
    await world.addUser('sales-1', ['sales']);
    expect((await world.http.get('/api/channels', { actor: 'sales-1' })).status).toBe(403);
  });

  it('sends an admin’s test message, and says clearly why one cannot go', async () => {
    const before = world.smtp.count();
    const ok = await world.http.post<{ providerId: string }>('/api/channels/email/test', { to: 'admin@senvang.test' }, { actor: 'ann' });
    expect(ok.status).toBe(200);
    await world.smtp.waitFor(before + 1);
    expect(world.smtp.received.at(-1)?.text).toContain('Tin nhắn thử');
    const off = await world.http.post<{ detail: string; issues: { pointer: string }[] }>('/api/channels/sms/test', { to: '0912345678' }, { actor: 'ann' });
    expect(off.status).toBe(400);
    expect(off.headers.get('content-type')).toContain('application/problem+json');
    expect(off.body.detail).toContain('SMS_API_KEY');
    const bad = await world.http.post('/api/channels/email/test', { to: 'x', extra: 1 }, { actor: 'ann' });
    expect(bad.status).toBe(400);
  });
});
