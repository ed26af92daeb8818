/**
 * The example channel plugin of docs/plugins.md (tests/fixtures/plugins/http-sms), loaded
 * the way the server loads plugins and tested against a local gateway that speaks its API:
 * signed requests, the idempotency key honoured, delivery reports accepted only signed.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES, type MessageDoc } from '../../../engine/runtime/services/channels/messenger.js';
import { signature } from '../../fixtures/plugins/http-sms/index.js';
import { openChannelWorld, ROOT, type ChannelWorld } from '../channels/channel-world.js';

const SECRET = 'example-gateway-secret-0123';
const received: { to: string; text: string; key: string }[] = [];
const byKey = new Map<string, string>();
let gateway: ReturnType<typeof createServer>;
let world: ChannelWorld;

const body = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

beforeAll(async () => {
  // The gateway: checks the signature, answers a repeated key with its first answer.
  gateway = createServer((req, res) => {
    void body(req).then((raw) => {
      if (req.headers['x-signature'] !== signature(SECRET, raw)) return void res.writeHead(401).end();
      const key = String(req.headers['idempotency-key']);
      let id = byKey.get(key);
      if (!id) {
        id = `gw-${byKey.size + 1}`;
        byKey.set(key, id);
        const sent = JSON.parse(raw.toString('utf8')) as { to: string; text: string };
        received.push({ to: sent.to, text: sent.text, key });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
  world = await openChannelWorld({ pluginsDir: path.join(ROOT, 'tests/fixtures/plugins'), env: { HTTP_SMS_URL: url, HTTP_SMS_SECRET: SECRET } });
});
afterAll(async () => {
  await world?.close();
  await new Promise<void>((resolve) => gateway?.close(() => resolve()));
});

describe('the example channel plugin', () => {
  it('sends a payment reminder through the gateway, signed, once', async () => {
    const account = await world.tf.engine.create('account', { data: { kind: 'individual', name: 'Ngô Thị Mai', phone: '0987 111 222' } }, 'admin');
    const contract = await world.tf.engine.create('contract', { data: { title: 'Hợp đồng Sa Pa', accountId: account.id } }, 'admin');
    const payment = await world.tf.engine.create('payment', { data: { title: 'Đặt cọc Sa Pa', kind: 'receipt', accountId: account.id, contractId: contract.id, amount: 3_000_000, dueDate: '2027-03-01' } }, 'admin');
    await world.tf.engine.send('payment', payment.id, { type: 'REMIND_DUE_SOON' }, 'system:scheduler');
    await world.settle();
    expect(received).toEqual([{ to: '0987 111 222', text: 'Nhac thanh toan: Dat coc Sa Pa so tien 3.000.000 VND den han ngay 01/03/2027.', key: expect.any(String) as string }]);
    const [message] = await world.tf.store.find<MessageDoc>(MESSAGES, { 'recipient.id': account.id, channel: 'sms' });
    expect([message?.channel, message?.status, message?.providerId]).toEqual(['sms', 'sent', 'gw-1']);

    // Delivery reports: only signed ones count.
    const report = JSON.stringify({ id: 'gw-1', status: 'delivered' });
    const forged = await fetch(`${world.url}/api/channels/sms/status`, { method: 'POST', headers: { 'x-signature': signature('wrong-secret-wrong-secret', report) }, body: report });
    expect(forged.status).toBe(401);
    expect((await world.tf.store.get<MessageDoc>(MESSAGES, message?._id ?? ''))?.status).toBe('sent');
    const signed = await fetch(`${world.url}/api/channels/sms/status`, { method: 'POST', headers: { 'x-signature': signature(SECRET, report) }, body: report });
    expect(signed.status).toBe(204);
    expect((await world.tf.store.get<MessageDoc>(MESSAGES, message?._id ?? ''))?.status).toBe('delivered');
  });
});
