/**
 * An email campaign from a saved segment to a real SMTP server: throttled, with progress,
 * pause, resume and cancel; every recipient gets one message with an open pixel, tracked
 * links and one-click unsubscribe (RFC 8058); opens and clicks (fetched from the received
 * mail, as a mail client would) turn people into targets exactly once, scanners do not;
 * forged and tampered links change nothing and never redirect elsewhere.
 */
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import type { BulkProgress } from '../../../engine/runtime/services/channels/bulk-send.js';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';

let world: ChannelWorld;
const MARKETER = 'mkt.lan';
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

beforeAll(async () => {
  world = await openChannelWorld();
  await world.addUser(MARKETER, ['marketing']);
  await world.addUser('sales.minh', ['sales']);
  await world.addUser('sales.lan', ['sales']);
});
afterAll(async () => world?.close());

async function people(province: string, count: number, extra: (i: number) => Record<string, unknown> = () => ({})) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await world.tf.engine.create('account', { data: { kind: 'individual', name: `Khách ${province} ${i}`, email: `${province.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}${i}@example.vn`, province, ...extra(i) } }, 'admin');
    ids.push(created.id);
  }
  return ids;
}

async function launch(province: string, extra: Record<string, unknown> = {}): Promise<RecordView> {
  const created = await world.http.post<RecordView>(
    '/api/records/campaign',
    {
      data: {
        name: `Hè ${province}`,
        channel: 'email',
        destinations: ['Sa Pa'],
        audience: { entity: 'account', segment: `Khách ${province}`, filter: { 'data.province': province } },
        ...extra,
      },
    },
    { actor: MARKETER },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const launched = await world.http.post<RecordView>(
    `/api/records/campaign/${created.body.id}/events`,
    { type: 'LAUNCH', data: { subject: 'Ưu đãi hè {{ person.name }}', message: 'Chào {{ person.name }},\n\nXem tour Sa Pa: https://senvang.test/tour/sapa?utm=hè\n\nHẹn gặp lại!' } },
    { actor: MARKETER },
  );
  expect(launched.status, JSON.stringify(launched.body)).toBe(200);
  return launched.body;
}

async function progressOf(id: string) {
  const reply = await world.http.get<{ progress: BulkProgress | null; funnel: { id: string; count: number }[] }>(`/api/records/campaign/${id}/bulk-send`, { actor: MARKETER });
  expect(reply.status).toBe(200);
  return reply.body;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await world.settle();
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const linksOf = (mail: ParsedMail) => [...String(mail.html || '').matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
/** A header as it came, unparsed (mailparser reads List-* headers into structures). */
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name)?.line.slice(name.length + 1).trim();
const mailTo = (address: string) => world.smtp.received.filter((m) => (m.to && 'text' in m.to ? m.to.text : '').includes(address));

describe('an email campaign to a saved segment', () => {
  let campaign: RecordView;

  it('sends one message to each person of the segment, with tracking and one-click unsubscribe', async () => {
    await people('Lào Cai', 6);
    await people('Cần Thơ', 2); // not in the segment
    const before = world.smtp.count();
    campaign = await launch('Lào Cai');
    const done = await until('the send to finish', async () => {
      const { progress } = await progressOf(campaign.id);
      return progress?.status === 'done' ? progress : undefined;
    });
    expect(done).toMatchObject({ total: 6, sent: 6, failed: 0, skipped: 0, remaining: 0, segment: 'Khách Lào Cai' });
    await world.smtp.waitFor(before + 6);
    expect(world.smtp.count()).toBe(before + 6);
    const first = mailTo('laocai0@example.vn')[0];
    expect(first.subject).toBe('Ưu đãi hè Khách Lào Cai 0');
    expect(header(first, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header(first, 'list-unsubscribe')).toMatch(new RegExp(`<${world.url}/t/u/[^>]+>`));
    const links = linksOf(first);
    expect(links.some((l) => l.startsWith(`${world.url}/t/o/`) && l.endsWith('.gif'))).toBe(true);
    expect(links.some((l) => l.startsWith(`${world.url}/t/c/`))).toBe(true);
    // The original link is not in the HTML as a target: only through the redirect.
    expect(links).not.toContain('https://senvang.test/tour/sapa?utm=hè');
    expect(first.text).toContain('Hủy đăng ký:');
    expect((await world.tf.engine.get('campaign', campaign.id)).data.sentCount).toBe(6);
  });

  it('turns an opener into a target once, however often they open', async () => {
    const mail = mailTo('laocai0@example.vn')[0];
    const pixel = linksOf(mail).find((l) => l.includes('/t/o/')) as string;
    for (let i = 0; i < 3; i++) {
      const reply = await fetch(pixel, { headers: { 'user-agent': BROWSER } });
      expect([reply.status, reply.headers.get('content-type')]).toEqual([200, 'image/gif']);
    }
    await world.settle();
    const targets = await world.tf.engine.list('target', { filter: { 'data.campaignId': campaign.id } });
    expect(targets.items.map((t) => t.data.email)).toEqual(['laocai0@example.vn']);
    expect((await world.tf.engine.get('campaign', campaign.id)).data.openedCount).toBe(1);
  });

  it('counts a click as the strong signal: a clicker who never loaded images becomes a target', async () => {
    const mail = mailTo('laocai1@example.vn')[0];
    const link = linksOf(mail).find((l) => l.includes('/t/c/')) as string;
    const reply = await fetch(link, { redirect: 'manual', headers: { 'user-agent': BROWSER } });
    expect(reply.status).toBe(302);
    expect(reply.headers.get('location')).toBe('https://senvang.test/tour/sapa?utm=h%C3%A8');
    await fetch(link, { redirect: 'manual', headers: { 'user-agent': BROWSER } });
    await world.settle();
    const targets = await world.tf.engine.list('target', { filter: { 'data.campaignId': campaign.id } });
    expect(targets.items.map((t) => t.data.email).sort()).toEqual(['laocai0@example.vn', 'laocai1@example.vn']);
    // The campaign's targets are shared among the sales people in turn (a list each), assigned.
    expect(targets.items.map((t) => t.owner).sort()).toEqual(['sales.lan', 'sales.minh']);
    expect(targets.items.map((t) => [t.state, t.data.salesRep === t.owner])).toEqual([
      ['assigned', true],
      ['assigned', true],
    ]);
    const data = (await world.tf.engine.get('campaign', campaign.id)).data;
    expect([data.openedCount, data.clickedCount]).toEqual([2, 1]);
    const { progress } = await progressOf(campaign.id);
    expect([progress?.opened, progress?.clicked]).toEqual([2, 1]);
  });

  it('marks opens by security scanners and makes nothing of them', async () => {
    const mail = mailTo('laocai2@example.vn')[0];
    const pixel = linksOf(mail).find((l) => l.includes('/t/o/')) as string;
    await fetch(pixel, { headers: { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel link scanner)' } });
    await fetch(pixel, { headers: {} });
    await world.settle();
    const targets = await world.tf.engine.list('target', { filter: { 'data.campaignId': campaign.id } });
    expect(targets.items).toHaveLength(2);
    const message = (await world.tf.store.find('messages', { to: 'laocai2@example.vn' }))[0];
    expect([message?.opens, message?.machineOpens]).toEqual([0, 2]);
  });

  it('unsubscribes in one click (RFC 8058) and from the page, and sends that person no more marketing', async () => {
    const mail = mailTo('laocai3@example.vn')[0];
    const unsubscribe = (header(mail, 'list-unsubscribe') ?? '').replace(/^<|>$/g, '');
    const page = await fetch(unsubscribe);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('laocai3@example.vn');
    // Showing the page changes nothing; the one-click POST does.
    const [person] = (await world.tf.engine.list('account', { filter: { 'data.email': 'laocai3@example.vn' } })).items;
    expect(person?.data.consent).toBeUndefined();
    const post = await fetch(unsubscribe, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('Đã hủy đăng ký');
    expect((await world.tf.engine.get('account', person?.id ?? '')).data.consent).toMatchObject({ emailMarketing: false });
    // The next campaign to the same segment skips them.
    const before = world.smtp.count();
    const next = await launch('Lào Cai', { name: 'Thu Lào Cai' });
    const done = await until('the second send', async () => {
      const { progress } = await progressOf(next.id);
      return progress?.status === 'done' ? progress : undefined;
    });
    expect([done.sent, done.skipped]).toEqual([5, 1]);
    await world.smtp.waitFor(before + 5);
    expect(world.smtp.count()).toBe(before + 5);
  });

  it('ignores forged and tampered links: no redirect elsewhere, no unsubscribe, no open', async () => {
    const mail = mailTo('laocai4@example.vn')[0];
    const link = linksOf(mail).find((l) => l.includes('/t/c/')) as string;
    const [body, mac] = (link.split('/t/c/')[1] ?? '').split('.');
    const claim = JSON.parse(Buffer.from(body ?? '', 'base64url').toString()) as Record<string, unknown>;
    const evil = Buffer.from(JSON.stringify({ ...claim, u: 'https://evil.example/phish' })).toString('base64url');
    const forged = await fetch(`${world.url}/t/c/${evil}.${mac}`, { redirect: 'manual' });
    expect(forged.status).toBe(404);
    expect(forged.headers.get('location')).toBeNull();
    const unsub = await fetch(`${world.url}/t/u/${evil}.${mac}`, { method: 'POST', body: '' });
    expect(unsub.status).toBe(404);
    const pixel = await fetch(`${world.url}/t/o/${evil}.${mac}.gif`);
    expect(pixel.status).toBe(200); // the pixel answers the same whatever it is given
    await world.settle();
    const message = (await world.tf.store.find('messages', { to: 'laocai4@example.vn', bulk: campaign.id }))[0];
    expect([message?.opens, message?.clicks]).toEqual([0, 0]);
    const [person] = (await world.tf.engine.list('account', { filter: { 'data.email': 'laocai4@example.vn' } })).items;
    expect(person?.data.consent).toBeUndefined();
    expect(world.tf.engine.channels).toBeDefined();
  });

  it('goes at the rate asked, and can be paused, resumed and cancelled by who may launch it', async () => {
    await people('Hà Giang', 12);
    const slow = await launch('Hà Giang', { sendRate: 120 }); // two a second
    await until('a first message', async () => ((await progressOf(slow.id)).progress?.sent ?? 0) >= 1 ? true : undefined);
    expect((await world.http.post(`/api/records/campaign/${slow.id}/bulk-send/pause`, undefined, { actor: 'sales.minh' })).status).toBe(403);
    const paused = await world.http.post<{ progress: BulkProgress }>(`/api/records/campaign/${slow.id}/bulk-send/pause`, undefined, { actor: MARKETER });
    expect(paused.status).toBe(200);
    expect(paused.body.progress.status).toBe('paused');
    const sentWhenPaused = (await progressOf(slow.id)).progress?.sent ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await progressOf(slow.id)).progress?.sent).toBe(sentWhenPaused);
    expect(sentWhenPaused).toBeLessThan(12);
    const again = await world.http.post(`/api/records/campaign/${slow.id}/bulk-send/pause`, undefined, { actor: MARKETER });
    expect(again.status).toBe(400);
    expect((await world.http.post<{ progress: BulkProgress }>(`/api/records/campaign/${slow.id}/bulk-send/resume`, undefined, { actor: MARKETER })).body.progress.status).toBe('running');
    await until('more after resuming', async () => ((await progressOf(slow.id)).progress?.sent ?? 0) > sentWhenPaused ? true : undefined);
    const cancelled = await world.http.post<{ progress: BulkProgress }>(`/api/records/campaign/${slow.id}/bulk-send/cancel`, undefined, { actor: MARKETER });
    expect(cancelled.body.progress.status).toBe('cancelled');
    const at = (await progressOf(slow.id)).progress?.sent ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 800));
    const final = (await progressOf(slow.id)).progress;
    expect(final?.sent).toBe(at);
    expect(final?.remaining).toBeGreaterThan(0);
    expect(world.smtp.received.filter((m) => (m.to && 'text' in m.to ? m.to.text : '').includes('hagiang')).length).toBe(at);
  });

  it('shows the funnel: targets, then the leads and deals they became', async () => {
    const { funnel } = await progressOf(campaign.id);
    expect(funnel.map((s) => [s.id, s.count])).toEqual([
      ['targets', 2],
      ['leads', 0],
      ['opportunities', 0],
      ['won', 0],
    ]);
  });
});
