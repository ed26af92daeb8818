/**
 * Admins edit the pack's message templates: a preview on a real record in either
 * language (SMS with its length and parts), saves checked like pack files, and a save
 * based on an older version refused instead of overwriting a colleague.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateView } from '../../../engine/runtime/services/channels/template-book.js';
import type { TemplatePreview } from '../../../engine/runtime/services/channels/channels.js';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';

let world: ChannelWorld;
let paymentId: string;
beforeAll(async () => {
  world = await openChannelWorld();
  await world.addUser('sales.minh', ['sales']);
  const account = await world.tf.engine.create('account', { data: { kind: 'individual', name: 'Phạm Thu Hà', email: 'ha@example.vn' } }, 'admin');
  const contract = await world.tf.engine.create('contract', { data: { title: 'Hợp đồng Phú Quốc', accountId: account.id } }, 'admin');
  paymentId = (await world.tf.engine.create('payment', { data: { title: 'Thanh toán đợt 2', kind: 'receipt', accountId: account.id, contractId: contract.id, amount: 8_750_000, dueDate: '2027-06-15' } }, 'admin')).id;
});
afterAll(async () => world?.close());

describe('message templates', () => {
  it('lists the pack’s templates with their channel and purpose', async () => {
    const reply = await world.http.get<{ items: TemplateView[] }>('/api/message-templates', { actor: 'ann' });
    expect(reply.status).toBe(200);
    const ids = reply.body.items.map((t) => [t.id, t.channel, t.purpose, t.version]);
    expect(ids).toContainEqual(['paymentDueSoonEmail', 'email', 'transactional', 0]);
    expect(ids).toContainEqual(['birthdaySms', 'sms', 'marketing', 0]);
    expect((await world.http.get('/api/message-templates', { actor: 'sales.minh' })).status).toBe(403);
  });

  it('previews a template on a real record, in Vietnamese and in English', async () => {
    const vi = await world.http.post<TemplatePreview>('/api/message-templates/paymentDueSoonEmail/preview', { record: { entity: 'payment', id: paymentId }, lang: 'vi' }, { actor: 'ann' });
    expect(vi.status).toBe(200);
    expect(vi.body.subject).toBe('Nhắc thanh toán: Thanh toán đợt 2 đến hạn ngày 15/06/2027');
    expect(vi.body.text).toContain('8.750.000 ₫');
    expect(vi.body.html).toContain('<p>');
    const en = await world.http.post<TemplatePreview>('/api/message-templates/paymentDueSoonEmail/preview', { record: { entity: 'payment', id: paymentId }, lang: 'en' }, { actor: 'ann' });
    expect(en.body.subject).toBe('Payment reminder: Thanh toán đợt 2 is due on 15 Jun 2027');
  });

  it('counts an SMS preview’s characters and parts, with and without marks', async () => {
    const edit = { body: { vi: 'Chúc mừng {{ record.title }}: {{ record.amount | money }}', en: 'Hi {{ record.title }}' } };
    const marked = await world.http.post<TemplatePreview>('/api/message-templates/paymentDueSoonSms/preview', { record: { entity: 'payment', id: paymentId }, lang: 'vi', edit: { ...edit, stripDiacritics: false } }, { actor: 'ann' });
    expect(marked.body.sms).toMatchObject({ encoding: 'unicode', segments: 1, perSegment: 70 });
    const plain = await world.http.post<TemplatePreview>('/api/message-templates/paymentDueSoonSms/preview', { record: { entity: 'payment', id: paymentId }, lang: 'vi', edit: { ...edit, stripDiacritics: true } }, { actor: 'ann' });
    expect(plain.body.text).toBe('Chuc mung Thanh toan dot 2: 8.750.000 VND');
    expect(plain.body.sms).toMatchObject({ encoding: 'gsm', length: 41, segments: 1 });
  });

  it('saves an admin’s edit, refuses a broken one with the failing field, and a stale one', async () => {
    const body = { vi: 'Kính gửi {{ person.name }}: {{ record.title }} đến hạn {{ record.dueDate | date }}.', en: 'Dear {{ person.name }}: {{ record.title }} is due on {{ record.dueDate | date }}.' };
    const saved = await world.http.put<TemplateView>('/api/message-templates/paymentDueSoonEmail', { subject: { vi: 'Nhắc hạn', en: 'Due soon' }, body, version: 0 }, { actor: 'ann' });
    expect(saved.status).toBe(200);
    expect([saved.body.version, saved.body.updatedBy, saved.body.subject?.vi]).toEqual([1, 'ann', 'Nhắc hạn']);
    const broken = await world.http.put<{ errors: { pointer: string; message: string }[] }>('/api/message-templates/paymentDueSoonEmail', { body: { vi: 'Chào {{ person.name', en: '' }, version: 1 }, { actor: 'ann' });
    expect(broken.status, JSON.stringify(broken.body)).toBe(422);
    expect(broken.body.errors.map((i) => i.pointer)).toEqual(['/body/vi', '/body/en']);
    const stale = await world.http.put('/api/message-templates/paymentDueSoonEmail', { body, version: 0 }, { actor: 'ann' });
    expect(stale.status).toBe(409);
    const list = await world.http.get<{ items: TemplateView[] }>('/api/message-templates', { actor: 'ann' });
    expect(list.body.items.find((t) => t.id === 'paymentDueSoonEmail')?.version).toBe(1);
    expect((await world.http.put('/api/message-templates/nope', { body, version: 0 }, { actor: 'ann' })).status).toBe(404);
  });
});
