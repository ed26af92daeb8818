/**
 * The one inbox, through the HTTP API as the web app uses it, with messages arriving through
 * the real Zalo and Messenger webhooks: threads newest first with unread counts per reader;
 * mine / unassigned / channel filters; a customer's conversations on two channels become one
 * thread once tied to their account; replies show what
 * became of them; each reader sees only their threads; the stream says when something
 * changed; an opportunity made from a thread links both ways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubSignature } from '../../../plugins/messenger/index.js';
import { zaloSignature } from '../../../plugins/zalo/index.js';
import { startZaloPeer, type ZaloPeer } from '../../peers/zalo-peer.js';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';
import { INBOUND } from '../../../engine/collections.js';

const APP = { appId: '4318093361823917', appSecret: 'zalo-app-secret-test' };
const OA_SECRET = 'zalo-oa-secret-key-test';
const FB_SECRET = 'messenger-app-secret-test';
let zalo: ZaloPeer;
let world: ChannelWorld;

interface Thread {
  id: string;
  conversations: { id: string; channel: string }[];
  channels: string[];
  name?: string;
  lastMessage?: string;
  unread: number;
  owner?: string;
  customer?: { entity: string; id: string };
  reply: { channel: string; open: boolean; closesAt?: string; fallback?: string };
}
interface Message {
  direction: 'in' | 'out';
  channel: string;
  text: string;
  status?: string;
  reason?: string;
}

beforeAll(async () => {
  zalo = await startZaloPeer(APP);
  world = await openChannelWorld({
    env: {
      ZALO_APP_ID: APP.appId,
      ZALO_APP_SECRET: APP.appSecret,
      ZALO_OA_SECRET_KEY: OA_SECRET,
      ZALO_REFRESH_TOKEN: zalo.issueRefreshToken(),
      ZALO_API_URL: zalo.url,
      ZALO_OAUTH_URL: zalo.url,
      MESSENGER_PAGE_TOKEN: 'page-token-0123456789',
      MESSENGER_APP_SECRET: FB_SECRET,
      MESSENGER_VERIFY_TOKEN: 'verify-token-for-tests',
      MESSENGER_GRAPH_URL: 'http://127.0.0.1:9/v21.0',
    },
  });
  await world.addUser('sales.lan', ['sales']);
  await world.addUser('sales.minh', ['sales']);
  await world.addUser('manager.ha', ['manager']);
});
afterAll(async () => {
  await world?.close();
  await zalo?.close();
});

let zaloMessages = 0;
async function fromZalo(sender: string, text: string) {
  const raw = JSON.stringify({ app_id: APP.appId, event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: sender }, recipient: { id: '1646843870823903717' }, message: { text, msg_id: `zm-${++zaloMessages}` } });
  const { timestamp } = JSON.parse(raw) as { timestamp: string };
  const answer = await fetch(`${world.url}/api/channels/zalo/webhook`, { method: 'POST', headers: { 'x-zevent-signature': `mac=${zaloSignature(APP.appId, raw, timestamp, OA_SECRET)}` }, body: raw });
  expect(answer.status).toBe(200);
  await delivered();
}
async function fromMessenger(sender: string, text: string) {
  const raw = JSON.stringify({ object: 'page', entry: [{ id: 'PAGE', time: Date.now(), messaging: [{ sender: { id: sender }, recipient: { id: 'PAGE' }, timestamp: Date.now(), message: { mid: `fb-${++zaloMessages}`, text } }] }] });
  const answer = await fetch(`${world.url}/api/channels/messenger/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(FB_SECRET, raw) }, body: raw });
  expect(answer.status).toBe(200);
  await delivered();
}
async function delivered() {
  for (let i = 0; i < 200; i++) {
    if ((await world.tf.store.count(INBOUND, { status: 'pending' })) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await world.settle();
}
const threads = async (actor: string, query = '') => {
  const answer = await world.http.get<{ items: Thread[]; unread: number }>(`/api/conversations${query}`, { actor });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};
/** PATCH a conversation as the web app does: naming the version it read. */
const patch = async (id: string, data: Record<string, unknown>, actor: string) => {
  const { version } = await world.tf.engine.get('conversation', id);
  return world.http.patch(`/api/records/conversation/${id}`, { data, version }, { actor });
};
const thread = async (actor: string, id: string) => (await world.http.get<{ thread: Thread; messages: Message[] }>(`/api/conversations/${id}`, { actor })).body;

describe('the one inbox', () => {
  it('lists threads newest first with unread counts, and filters mine, unassigned and channel', async () => {
    await fromZalo('5510185758261927916', 'Chào OA, tour Phú Quốc còn chỗ không?');
    await fromZalo('5510185758261927916', 'Cho mình 2 người lớn');
    await fromMessenger('24681357924681357', 'Hi, do you have a Sapa tour in March?');
    // Round robin: the first conversation went to one sales person, the second to the other.
    const all = await threads('manager.ha');
    expect(all.items.map((t) => [t.channels, t.unread, t.lastMessage])).toEqual([
      [['facebook'], 1, 'Hi, do you have a Sapa tour in March?'],
      [['zalo'], 2, 'Cho mình 2 người lớn'],
    ]);
    expect(all.unread).toBe(3);
    const zaloOnly = await threads('manager.ha', '?channel=zalo');
    expect(zaloOnly.items.map((t) => t.channels)).toEqual([['zalo']]);
    const owner = all.items[1]?.owner ?? '';
    expect((await threads(owner, '?view=mine')).items.map((t) => t.channels)).toEqual([['zalo']]);
    expect((await threads('manager.ha', '?view=unassigned')).items).toEqual([]);
    expect(all.items[1]?.reply).toMatchObject({ channel: 'zalo', open: true });
  });

  it('counts unread per reader: reading clears it for that reader only, a new message counts again', async () => {
    const [, zaloThread] = (await threads('manager.ha')).items;
    const owner = zaloThread?.owner ?? '';
    expect((await world.http.post(`/api/conversations/${zaloThread?.id}/read`, {}, { actor: owner })).status).toBe(200);
    expect((await threads(owner, '?channel=zalo')).items[0]?.unread).toBe(0);
    expect((await threads('manager.ha', '?channel=zalo')).items[0]?.unread).toBe(2);
    await fromZalo('5510185758261927916', 'Giá trẻ em thế nào ạ?');
    expect((await threads(owner, '?channel=zalo')).items[0]?.unread).toBe(1);
  });

  it('shows each sales person only their own threads', async () => {
    const [fb, zl] = (await threads('manager.ha')).items;
    const zaloOwner = zl?.owner ?? '';
    const other = zaloOwner === 'sales.lan' ? 'sales.minh' : 'sales.lan';
    expect(fb?.owner).toBe(other);
    expect((await threads(other)).items.map((t) => t.id)).toEqual([fb?.id]);
    const peek = await world.http.get(`/api/conversations/${zl?.id}`, { actor: other });
    expect(peek.status).toBe(404);
    expect((await world.http.post(`/api/conversations/${zl?.id}/read`, {}, { actor: other })).status).toBe(404);
  });

  it('makes one thread of a customer’s conversations on two channels once tied to their account', async () => {
    const [fb, zl] = (await threads('manager.ha')).items;
    const account = await world.http.post<{ id: string }>('/api/records/account', { data: { kind: 'individual', name: 'Trần Thị Hoa', email: 'hoa@example.test' } }, { actor: 'manager.ha' });
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    for (const t of [fb, zl]) {
      const tied = await patch(t?.id ?? '', { accountId: account.body.id }, 'manager.ha');
      expect(tied.status, JSON.stringify(tied.body)).toBe(200);
    }
    const merged = await threads('manager.ha');
    expect(merged.items).toHaveLength(1);
    expect([...(merged.items[0]?.channels ?? [])].sort()).toEqual(['facebook', 'zalo']);
    expect(merged.items[0]?.customer).toEqual({ entity: 'account', id: account.body.id });
    const view = await thread('manager.ha', merged.items[0]?.id ?? '');
    expect(view.messages.map((m) => [m.direction, m.channel, m.text])).toEqual([
      ['in', 'zalo', 'Chào OA, tour Phú Quốc còn chỗ không?'],
      ['in', 'zalo', 'Cho mình 2 người lớn'],
      ['in', 'facebook', 'Hi, do you have a Sapa tour in March?'],
      ['in', 'zalo', 'Giá trẻ em thế nào ạ?'],
    ]);
  });

  it('shows a reply and what became of it', async () => {
    const [merged] = (await threads('manager.ha')).items;
    const zaloConversation = merged?.conversations.find((c) => c.channel === 'zalo');
    const owner = (await world.tf.engine.get('conversation', zaloConversation?.id ?? '')).owner ?? '';
    const sent = await world.http.post(`/api/records/conversation/${zaloConversation?.id}/events`, { type: 'REPLY', payload: { text: 'Dạ trẻ em dưới 5 tuổi miễn phí ạ.' } }, { actor: owner });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    await world.settle();
    const view = await thread('manager.ha', merged?.id ?? '');
    expect(view.messages.at(-1)).toMatchObject({ direction: 'out', channel: 'zalo', text: 'Dạ trẻ em dưới 5 tuổi miễn phí ạ.', status: 'sent' });
    expect(zalo.messages.at(-1)?.body).toMatchObject({ message: { text: 'Dạ trẻ em dưới 5 tuổi miễn phí ạ.' } });
  });

  it('creates an opportunity from a thread, linked both ways', async () => {
    const [merged] = (await threads('manager.ha')).items;
    const id = merged?.conversations.find((c) => c.channel === 'zalo')?.id ?? '';
    const owner = (await world.tf.engine.get('conversation', id)).owner ?? '';
    expect((await patch(id, { customerName: 'Trần Thị Hoa', phone: '0912345678' }, owner)).status).toBe(200);
    const made = await world.http.post(`/api/records/conversation/${id}/events`, { type: 'CREATE_OPPORTUNITY' }, { actor: owner });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    await world.settle();
    const conversation = await world.tf.engine.get('conversation', id);
    const opportunityId = typeof conversation.data.opportunityId === 'string' ? conversation.data.opportunityId : '';
    expect(opportunityId).not.toBe('');
    const opportunity = await world.tf.engine.get('opportunity', opportunityId);
    expect(opportunity.data).toMatchObject({ conversationId: id, customerName: 'Trần Thị Hoa', customerPhone: '0912345678', source: 'zalo' });
    expect(opportunity.owner).toBe(owner);
  });

  it('streams a change when a message arrives', async () => {
    const controller = new AbortController();
    const response = await fetch(`${world.url}/api/conversations/stream`, { headers: { authorization: `Bearer ${await world.tokenFor('manager.ha')}` }, signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body?.getReader();
    const seen: string[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        seen.push(decoder.decode(chunk.value as Uint8Array));
        if (seen.join('').includes('event: changed')) return;
      }
    })();
    await fromZalo('7000000000000000001', 'Xin chào');
    await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    controller.abort();
    expect(seen.join('')).toContain('event: changed');
  });
});
