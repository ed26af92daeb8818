/**
 * Email coming in (issue 13: the inbox's threads across Zalo, Messenger, website and email):
 * the mail host posts each raw message to the email channel's inbound route with its
 * secret; a customer's email becomes their conversation (assigned by the rule), its quoted
 * history cut off, stored once per Message-ID; robots' automatic replies are dropped; a
 * reply from the conversation answers the subject, threaded under the customer's message,
 * with no window to wait for. A wrong secret is refused with 401 and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';
import { INBOUND } from '../../../engine/collections.js';

const SECRET = 'inbound-secret-0123456789';
let world: ChannelWorld;

beforeAll(async () => {
  world = await openChannelWorld({ env: { EMAIL_INBOUND_SECRET: SECRET } });
  await world.addUser('sales.lan', ['sales']);
});
afterAll(async () => world?.close());

const subject = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
/** A message as a mail program writes it: 8-bit UTF-8 text, an encoded subject. */
const rawMail = (options: { id: string; from?: string; subject?: string; body: string; headers?: string }) =>
  [
    ...(options.from === undefined ? ['From: =?UTF-8?B?' + Buffer.from('Trần Thị Hoa').toString('base64') + '?= <hoa.tran@example.vn>'] : options.from ? [`From: ${options.from}`] : []),
    'To: info@senvang.test',
    `Subject: ${subject(options.subject ?? 'Hỏi tour Đà Nẵng')}`,
    `Message-ID: <${options.id}@mail.example.vn>`,
    'Date: Wed, 02 Dec 2026 09:15:00 +0700',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    ...(options.headers ? [options.headers] : []),
    '',
    options.body,
  ].join('\r\n');
const post = (raw: string, secret: string | null = SECRET) =>
  fetch(`${world.url}/api/channels/email/inbound${secret === null ? '' : `?secret=${secret}`}`, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: raw });

async function conversations() {
  for (let i = 0; i < 100; i++) {
    if ((await world.tf.store.count(INBOUND, { status: 'pending' })) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await world.settle();
  return (await world.tf.engine.list('conversation', { filter: { 'data.channel': 'email' } })).items;
}

describe('email into the inbox', () => {
  it('refuses a post without the secret, storing nothing', async () => {
    const answer = await post(rawMail({ id: 'evil', body: 'Xin chào' }), 'guess-guess-guess-guess');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect((await post(rawMail({ id: 'evil', body: 'Xin chào' }), null)).status).toBe(401);
    expect(await world.tf.store.count(INBOUND, {})).toBe(0);
  });

  it('turns a customer’s email into their conversation, without the history it quotes, once per Message-ID', async () => {
    const raw = rawMail({
      id: 'first',
      body: 'Chào anh chị,\nNhà em 4 người muốn đi Đà Nẵng dịp Tết, còn tour không ạ?\n\nVào Th 3, 1 thg 12, 2026 lúc 10:00 Du lịch Sen Vàng đã viết:\n> Ưu đãi hè...\n',
    });
    expect((await post(raw)).status).toBe(200);
    expect((await post(raw)).status).toBe(200);
    const [chat, ...more] = await conversations();
    expect(more).toEqual([]);
    expect(chat?.data).toMatchObject({
      channel: 'email',
      externalId: 'hoa.tran@example.vn',
      email: 'hoa.tran@example.vn',
      customerName: 'Trần Thị Hoa',
      lastMessage: 'Chào anh chị,\nNhà em 4 người muốn đi Đà Nẵng dịp Tết, còn tour không ạ?',
      messageCount: 1,
      replyWindowHours: 0,
    });
    expect(chat?.owner).toBe('sales.lan');
  });

  it('drops automatic replies and messages without a sender', async () => {
    const ooo = await post(rawMail({ id: 'ooo', subject: 'Trả lời tự động: Ưu đãi hè', body: 'Tôi đang nghỉ phép đến 10/12.', headers: 'Auto-Submitted: auto-replied' }));
    expect([ooo.status, await ooo.json()]).toEqual([200, { stored: 0 }]);
    expect((await post(rawMail({ id: 'nobody', from: '', body: 'Không rõ ai gửi' }))).status).toBe(400);
    expect(await world.tf.store.count(INBOUND, {})).toBe(1);
  });

  it('answers from the conversation under the customer’s subject, threaded, with no window to wait for', async () => {
    const [chat] = await conversations();
    const id = chat?.id ?? '';
    // A month later: email has no reply window.
    await world.tf.engine.update('conversation', id, { data: { lastInboundAt: new Date(Date.now() - 30 * 24 * 3_600_000).toISOString() } }, 'system:test');
    const before = world.smtp.received.length;
    const reply = await world.http.post(`/api/records/conversation/${id}/events`, { type: 'REPLY', payload: { text: 'Dạ còn tour Đà Nẵng 4N3Đ mùng 3 Tết ạ.' } }, { actor: 'sales.lan' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    await world.settle();
    const mail = world.smtp.received[before];
    expect(mail?.subject).toBe('Re: Hỏi tour Đà Nẵng');
    expect(mail?.inReplyTo).toBe('<first@mail.example.vn>');
    expect(mail?.text?.trim()).toBe('Dạ còn tour Đà Nẵng 4N3Đ mùng 3 Tết ạ.');
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('hoa.tran@example.vn');
  });
});
