/**
 * Messages from Facebook Messenger, through the page's webhook as Facebook calls it: the
 * verification handshake; a signed message becomes the person's conversation (created
 * once, given to a sales person by the assignment rule) with MESSAGE_RECEIVED; a webhook
 * delivered twice stores one message; a tampered or unsigned one is refused with 401
 * problem+json and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubSignature } from '../../../plugins/messenger/index.js';
import { INBOUND } from '../../../engine/runtime/channels/inbound.js';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';

const APP_SECRET = 'messenger-app-secret-test';
const VERIFY = 'verify-token-for-tests';
let world: ChannelWorld;

beforeAll(async () => {
  world = await openChannelWorld({ env: { MESSENGER_PAGE_TOKEN: 'page-token-0123456789', MESSENGER_APP_SECRET: APP_SECRET, MESSENGER_VERIFY_TOKEN: VERIFY } });
  await world.addUser('sales.minh', ['sales']);
});
afterAll(async () => world?.close());

const hook = () => `${world.url}/api/channels/messenger/webhook`;
const payload = (mid: string, text: string, sender = '24681357924681357') =>
  JSON.stringify({ object: 'page', entry: [{ id: 'PAGE', time: 1764000000000, messaging: [{ sender: { id: sender }, recipient: { id: 'PAGE' }, timestamp: 1764000000000, message: { mid, text } }] }] });
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
    expect(chat?.owner).toBe('sales.minh');
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
});
