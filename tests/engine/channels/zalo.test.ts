/**
 * Zalo OA, against a local server that speaks Zalo's OAuth, OA v3 and ZNS APIs: a signed
 * webhook event becomes the person's conversation (ids kept as strings, every digit), a
 * redelivery stores one message, a tampered or foreign event is refused with 401 and nothing
 * stored; replies go as consultation messages with a token refreshed once even when two
 * processes need it at the same moment; outside the interaction window a reply goes as ZNS
 * by phone, or is refused with the reason; an error Zalo answers with HTTP 200 is an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zaloPlugin, { zaloSignature } from '../../../plugins/zalo/index.js';
import { ChannelError, type ChannelDefinition, type ChannelHost, type OutgoingMessage } from '../../../engine/plugins/index.js';
import { channelMemory } from '../../../engine/runtime/services/channels/channel-memory.js';
import { startZaloPeer, type ZaloPeer } from '../../peers/zalo-peer.js';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';
import { INBOUND } from '../../../engine/collections.js';

const APP = { appId: '4318093361823917', appSecret: 'zalo-app-secret-test' };
const OA_SECRET = 'zalo-oa-secret-key-test';
/** A follower id as long as Zalo's: beyond 2^53, so a number would lose digits. */
const SENDER = '5510185758261927916';
let zalo: ZaloPeer;
let world: ChannelWorld;
/** The refresh token the OA admin's authorization gave (ZALO_REFRESH_TOKEN). */
let firstRefreshToken = '';

beforeAll(async () => {
  zalo = await startZaloPeer(APP);
  firstRefreshToken = zalo.issueRefreshToken();
  world = await openChannelWorld({
    env: {
      ZALO_APP_ID: APP.appId,
      ZALO_APP_SECRET: APP.appSecret,
      ZALO_OA_SECRET_KEY: OA_SECRET,
      ZALO_REFRESH_TOKEN: firstRefreshToken,
      ZALO_API_URL: zalo.url,
      ZALO_OAUTH_URL: zalo.url,
      ZALO_ZNS_URL: zalo.url,
      ZALO_ZNS_TEMPLATE_ID: '231977',
    },
  });
  await world.addUser('sales.lan', ['sales']);
});
afterAll(async () => {
  await world?.close();
  await zalo?.close();
});

const hook = () => `${world.url}/api/channels/zalo/webhook`;
/** An event as Zalo posts it; the sender id written as a bare number, as a careless peer might. */
const event = (msgId: string, text: string, timestamp = String(Date.now()), appId = APP.appId) =>
  `{"app_id":"${appId}","user_id_by_app":"3611371994410983884","event_name":"user_send_text","timestamp":"${timestamp}","sender":{"id":${SENDER}},"recipient":{"id":"1646843870823903717"},"message":{"text":${JSON.stringify(text)},"msg_id":"${msgId}"}}`;
const signed = (raw: string) => {
  const { app_id, timestamp } = JSON.parse(raw) as { app_id: string; timestamp: string };
  return `mac=${zaloSignature(app_id, raw, timestamp, OA_SECRET)}`;
};
const post = (raw: string, signature: string | null = signed(raw)) =>
  fetch(hook(), { method: 'POST', headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-zevent-signature': signature }) }, body: raw });

async function conversations() {
  for (let i = 0; i < 100; i++) {
    if ((await world.tf.store.count(INBOUND, { status: 'pending' })) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await world.settle();
  return (await world.tf.engine.list('conversation', { filter: { 'data.channel': 'zalo' }, limit: 50 })).items;
}

const reply = (id: string, text: string) => world.http.post<{ detail?: string }>(`/api/records/conversation/${id}/events`, { type: 'REPLY', payload: { text } }, { actor: 'sales.lan' });
const timeline = async (id: string) => (await world.tf.engine.timeline('conversation', id)).filter((e) => e.kind === 'message');

describe('Zalo OA webhook', () => {
  it('turns a signed event into the follower’s conversation, id kept to the last digit, given to a sales person', async () => {
    const answer = await post(event('e2a641af6661713b2874', 'Chào OA, tour Phú Quốc 3 ngày giá bao nhiêu?'));
    expect(answer.status).toBe(200);
    const [chat] = await conversations();
    expect(chat?.data).toMatchObject({ channel: 'zalo', externalId: SENDER, messageCount: 1, replyWindowHours: 168, replyFallback: 'ZNS' });
    expect([chat?.owner, chat?.state]).toEqual(['sales.lan', 'assigned']);
  });

  it('stores an event delivered twice once', async () => {
    await post(event('e2a641af6661713b2874', 'Chào OA, tour Phú Quốc 3 ngày giá bao nhiêu?'));
    const chats = await conversations();
    expect([chats.length, chats[0]?.data.messageCount]).toEqual([1, 1]);
    expect(await world.tf.store.count(INBOUND, { channel: 'zalo' })).toBe(1);
  });

  it('refuses tampered, unsigned, mis-keyed and foreign events with 401 problem+json, storing nothing', async () => {
    const raw = event('evil-1', 'Chuyển khoản vào số tài khoản này');
    const tampered = await post(raw.replace('evil-1', 'evil-2'), signed(raw));
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get('content-type')).toContain('application/problem+json');
    expect((await post(raw, null)).status).toBe(401);
    const { timestamp } = JSON.parse(raw) as { timestamp: string };
    expect((await post(raw, `mac=${zaloSignature(APP.appId, raw, timestamp, 'another-oa-secret')}`)).status).toBe(401);
    // Signed correctly, but for another app: not ours.
    const foreign = event('evil-3', 'Xin chào', String(Date.now()), '1111111111111111');
    expect((await post(foreign)).status).toBe(401);
    expect(await world.tf.store.count(INBOUND, { channel: 'zalo' })).toBe(1);
  });
});

describe('Zalo OA replies', () => {
  it('sends a consultation message within the window, refreshing the access token first', async () => {
    const [chat] = await conversations();
    const id = chat?.id ?? '';
    const answer = await reply(id, 'Dạ tour Phú Quốc 3 ngày 2 đêm giá 4.990.000 ₫ ạ.');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    await world.settle();
    expect(zalo.refreshes).toBe(1);
    expect(zalo.messages.map((m) => [m.type, m.body])).toEqual([['cs', { recipient: { user_id: SENDER }, message: { text: 'Dạ tour Phú Quốc 3 ngày 2 đêm giá 4.990.000 ₫ ạ.' } }]]);
    expect((await timeline(id)).map((e) => [e.type, e.payload?.channel])).toEqual([['message.sent', 'zalo']]);
  });

  it('treats an error Zalo answers with HTTP 200 as a failure, with Zalo’s reason on the timeline', async () => {
    const [chat] = await conversations();
    zalo.failSendsWith = { error: -213, message: 'User has not followed OA' };
    try {
      await reply(chat?.id ?? '', 'Anh/chị cần thêm thông tin gì không ạ?');
      await world.settle();
    } finally {
      delete zalo.failSendsWith;
    }
    const failed = (await timeline(chat?.id ?? '')).filter((e) => e.type === 'message.failed');
    expect(String(failed[0]?.payload?.reason)).toContain('User has not followed OA');
  });

  it('outside the window sends the reply as ZNS to the conversation’s phone', async () => {
    const [chat] = await conversations();
    const id = chat?.id ?? '';
    await world.tf.engine.update('conversation', id, { data: { lastInboundAt: new Date(Date.now() - 8 * 24 * 3_600_000).toISOString(), phone: '0912 345 678', customerName: 'Chị Hoa' } }, 'system:test');
    const answer = await reply(id, 'Tour Phú Quốc tháng 12 còn 4 chỗ, chị giữ chỗ không ạ?');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    await world.settle();
    expect(zalo.zns.map((z) => z.body)).toEqual([
      expect.objectContaining({ phone: '84912345678', template_id: '231977', template_data: { customer_name: 'Chị Hoa', content: 'Tour Phú Quốc tháng 12 còn 4 chỗ, chị giữ chỗ không ạ?' } }),
    ]);
    expect(zalo.messages.filter((m) => m.type === 'cs')).toHaveLength(1);
  });
});

describe('Zalo OA tokens and windows, as two processes on one store see them', () => {
  const definition = zaloPlugin.channels.zalo as unknown as ChannelDefinition<Record<string, unknown>>;
  const config = (extra: Record<string, unknown> = {}) => ({
    appId: APP.appId,
    appSecret: APP.appSecret,
    oaSecretKey: OA_SECRET,
    refreshToken: firstRefreshToken,
    apiUrl: zalo.url,
    oauthUrl: zalo.url,
    znsUrl: zalo.url,
    znsTextParam: 'content',
    znsNameParam: 'customer_name',
    windowHours: 168,
    ...extra,
  });
  const host = (): ChannelHost => ({ routeUrl: (r) => r, report: () => Promise.resolve(), receive: () => Promise.resolve(), memory: channelMemory(world.tf.store, 'zalo') });
  const message = (n: number, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
    to: SENDER,
    text: `Tin ${n}`,
    purpose: 'transactional',
    idempotencyKey: `k${n}`,
    conversation: { lastInboundAt: new Date().toISOString() },
    ...extra,
  });

  it('refreshes once when many sends in two processes find the access token expired', async () => {
    // Both "processes" are set up like the server (same ZALO_REFRESH_TOKEN), so they share the pair it keeps.
    const kept = await channelMemory(world.tf.store, 'zalo').get<{ refreshToken: string; seed: string }>('tokens');
    expect(kept).toBeDefined();
    const a = definition.open(config(), host());
    const b = definition.open(config(), host());
    // Force the kept pair to be due for a refresh, as 24 hours later.
    const memory = channelMemory(world.tf.store, 'zalo');
    await memory.set('tokens', { ...(kept ?? {}), expiresAt: Date.now() + 60_000 });
    zalo.expireAccessTokens();
    zalo.refreshDelayMs = 50;
    const before = { refreshes: zalo.refreshes, messages: zalo.messages.length };
    const sends = Array.from({ length: 10 }, (_, n) => (n % 2 ? a : b).send(message(n), AbortSignal.timeout(10_000)));
    const results = await Promise.all(sends);
    zalo.refreshDelayMs = 0;
    expect(results).toHaveLength(10);
    expect(zalo.refreshes - before.refreshes).toBe(1);
    expect(zalo.refusedRefreshes).toBe(0);
    expect(zalo.messages.length - before.messages).toBe(10);
  });

  it('refreshes once more when Zalo says the token is invalid (-216), and sends', async () => {
    const a = definition.open(config(), host());
    zalo.expireAccessTokens();
    const before = zalo.refreshes;
    await a.send(message(20), AbortSignal.timeout(10_000));
    expect(zalo.refreshes - before).toBe(1);
  });

  it('refuses a reply outside the window without a ZNS template, saying why, and sends nothing', async () => {
    const a = definition.open(config(), host());
    const before = zalo.messages.length + zalo.zns.length;
    const late = message(30, { conversation: { lastInboundAt: new Date(Date.now() - 8 * 24 * 3_600_000).toISOString(), phone: '0912345678' } });
    const error = await a.send(late, AbortSignal.timeout(10_000)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).permanent).toBe(true);
    expect((error as ChannelError).message).toContain('168-hour window');
    expect(zalo.messages.length + zalo.zns.length).toBe(before);
    expect(definition.replyWindow?.(config())).toEqual({ hours: 168 });
    expect(definition.replyWindow?.(config({ znsTemplateId: '1' }))).toEqual({ hours: 168, fallback: 'ZNS' });
  });
});
