/**
 * Messages from Facebook Messenger, through the page's webhook as Facebook calls it: the
 * verification handshake; a signed message becomes the person's conversation (created
 * once, given to a sales person by the assignment rule) with MESSAGE_RECEIVED; a webhook
 * delivered twice stores one message; a tampered or unsigned one is refused with 401
 * problem+json and nothing stored.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubSignature } from '../../../plugins/messenger/index.js';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';
import { INBOUND } from '../../../engine/collections.js';

const APP_SECRET = 'messenger-app-secret-test';
/** The Graph API's Send API as documented: what arrived, and a refusal outside the 24-hour window when asked. */
const graph = { sent: [] as { token: string | null; body: Record<string, unknown> }[], refuseWindow: false };
let graphServer: Server;
const VERIFY = 'verify-token-for-tests';
let world: ChannelWorld;

beforeAll(async () => {
  graphServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://graph');
      if (req.method !== 'POST' || url.pathname !== '/v21.0/me/messages') return void res.writeHead(404).end();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      if (graph.refuseWindow) {
        return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278 } }));
      }
      graph.sent.push({ token: url.searchParams.get('access_token'), body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ recipient_id: (body.recipient as { id: string }).id, message_id: `m_out_${graph.sent.length}` }));
    });
  });
  await new Promise<void>((resolve) => graphServer.listen(0, '127.0.0.1', resolve));
  const graphUrl = `http://127.0.0.1:${(graphServer.address() as AddressInfo).port}/v21.0`;
  world = await openChannelWorld({ env: { MESSENGER_PAGE_TOKEN: 'page-token-0123456789', MESSENGER_APP_SECRET: APP_SECRET, MESSENGER_VERIFY_TOKEN: VERIFY, MESSENGER_GRAPH_URL: graphUrl } });
  await world.addUser('sales.minh', ['sales']);
});
afterAll(async () => {
  await world?.close();
  await new Promise<void>((resolve) => graphServer?.close(() => resolve()));
});

const hook = () => `${world.url}/api/channels/messenger/webhook`;
const payload = (mid: string, text: string, sender = '24681357924681357') =>
  JSON.stringify({ object: 'page', entry: [{ id: 'PAGE', time: Date.now(), messaging: [{ sender: { id: sender }, recipient: { id: 'PAGE' }, timestamp: Date.now(), message: { mid, text } }] }] });
/** `signature: null` sends none. */
const post = (body: string, signature: string | null = hubSignature(APP_SECRET, body)) =>
  fetch(hook(), { method: 'POST', headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) }, body });

async function conversations() {
  for (let i = 0; i < 100; i++) {
    if ((await world.tf.store.count(INBOUND, { status: 'pending' })) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await world.settle();
  return (await world.tf.engine.list('conversation', { filter: { 'data.channel': 'facebook' }, limit: 50 })).items;
}

describe('Messenger webhook', () => {
  it('answers the verification handshake only with the verify token', async () => {
    const ok = await fetch(`${hook()}?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`);
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    const wrong = await fetch(`${hook()}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1`);
    expect(wrong.status).toBe(403);
  });

  it('turns a signed message into the person’s conversation, given to a sales person', async () => {
    const reply = await post(payload('m_first', 'Chào shop, tour Đà Lạt tháng 7 còn chỗ không?'));
    expect([reply.status, await reply.text()]).toEqual([200, 'EVENT_RECEIVED']);
    const [chat] = await conversations();
    expect(chat?.data).toMatchObject({ channel: 'facebook', externalId: '24681357924681357', messageCount: 1, lastMessage: 'Chào shop, tour Đà Lạt tháng 7 còn chỗ không?' });
    expect([chat?.owner, chat?.data.assignee, chat?.state]).toEqual(['sales.minh', 'sales.minh', 'assigned']);
    const received = (await world.tf.engine.timeline('conversation', chat?.id ?? '')).filter((e) => e.type === 'MESSAGE_RECEIVED');
    expect(received.map((e) => [e.actor, e.payload?.messageId])).toEqual([['system:channel:messenger', 'm_first']]);
  });

  it('stores a webhook delivered twice once, and adds the next message to the same conversation', async () => {
    await post(payload('m_first', 'Chào shop, tour Đà Lạt tháng 7 còn chỗ không?'));
    await post(payload('m_second', 'Cho mình 4 người nhé'));
    const chats = await conversations();
    expect(chats).toHaveLength(1);
    expect([chats[0]?.data.messageCount, chats[0]?.data.lastMessage]).toEqual([2, 'Cho mình 4 người nhé']);
    expect(await world.tf.store.count(INBOUND, {})).toBe(2);
  });

  it('refuses a tampered or unsigned webhook with 401, storing nothing', async () => {
    const body = payload('m_evil', 'Chuyển khoản vào tài khoản này');
    const tampered = await post(body.replace('m_evil', 'm_evil2'), hubSignature(APP_SECRET, body));
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get('content-type')).toContain('application/problem+json');
    const unsigned = await post(body, null);
    expect(unsigned.status).toBe(401);
    const wrongKey = await post(body, hubSignature('another-secret', body));
    expect(wrongKey.status).toBe(401);
    expect(await world.tf.store.count(INBOUND, {})).toBe(2);
    expect(await conversations()).toHaveLength(1);
  });

  it('replies through the Send API within the 24-hour window, and refuses outside it, saying why', async () => {
    const [chat] = await conversations();
    const id = chat?.id ?? '';
    const reply = await world.http.post(`/api/records/conversation/${id}/events`, { type: 'REPLY', payload: { text: 'Dạ còn chỗ ạ, tour khởi hành 12/07.' } }, { actor: 'sales.minh' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    await world.settle();
    expect(graph.sent).toEqual([{ token: 'page-token-0123456789', body: { recipient: { id: '24681357924681357' }, messaging_type: 'RESPONSE', message: { text: 'Dạ còn chỗ ạ, tour khởi hành 12/07.' } } }]);
    const sent = (await world.tf.engine.timeline('conversation', id)).filter((e) => e.kind === 'message');
    expect(sent.map((e) => [e.type, e.payload?.channel])).toEqual([['message.sent', 'messenger']]);

    // A day and more after the customer's last message: the reply is refused before anything is sent.
    await world.tf.engine.update('conversation', id, { data: { lastInboundAt: new Date(Date.now() - 25 * 3_600_000).toISOString() } }, 'system:test');
    const late = await world.http.post<{ detail: string }>(`/api/records/conversation/${id}/events`, { type: 'REPLY', payload: { text: 'Anh/chị còn quan tâm không ạ?' } }, { actor: 'sales.minh' });
    expect(late.status).toBe(422);
    expect(late.body.detail).toContain('24 hours');
    expect(graph.sent).toHaveLength(1);

    // Facebook's own refusal (its window is the truth) fails the reply for good, with its reason.
    await world.tf.engine.update('conversation', id, { data: { lastInboundAt: new Date().toISOString() } }, 'system:test');
    graph.refuseWindow = true;
    await world.http.post(`/api/records/conversation/${id}/events`, { type: 'REPLY', payload: { text: 'Alo?' } }, { actor: 'sales.minh' });
    await world.settle();
    const failed = (await world.tf.engine.timeline('conversation', id)).filter((e) => e.type === 'message.failed');
    expect(String(failed[0]?.payload?.reason)).toContain('24-hour window');
  });
});
