/**
 * The inbox over HTTP: a user's notifications (here fed by a stage reminder and written
 * by the notify effect), read and marked read; bad input is a precise problem+json and
 * changes nothing.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../engine/api/create-app.js';
import type { InboxItem, InboxPage } from '../../../engine/runtime/read/inbox.js';
import { eventually, openScheduled, type Scheduled } from '../scheduler/open-scheduled.js';
import { expectProblem } from './problem-assertions.js';
import { client, registerTokenSource, type Client } from './test-client.js';
import { testAccess, testTokens } from './test-server.js';

const LAN = 'user:lan';
const MAI = 'user:mai';
let t: Scheduled;
let server: Server;
let api: Client;
const unexpected: Error[] = [];

type Page = InboxPage & { limit: number; skip: number };

beforeAll(async () => {
  t = await openScheduled();
  const access = testAccess(t.store, t.engine);
  server = createApp(t.engine, access, { logError: (error) => unexpected.push(error) }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  registerTokenSource(url, testTokens(access).tokenFor);
  api = client(url);
  // Older notifications, as the notify effect writes them.
  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const note = (id: string, user: string, en: string, minutes: number) => ({
    op: 'insert' as const,
    collection: 'notifications',
    doc: { _id: id, user, message: { vi: `${en} (vi)`, en }, read: false, createdAt: at(minutes) },
  });
  await t.store.commit([note('n-old', LAN, 'Oldest', 30), note('n-mid', LAN, 'Middle', 20), note('n-mai', MAI, 'For Mai', 10)]);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.dispose();
});

const inbox = (actor: string, query = '') => api.get<Page>(`/api/inbox${query}`, { actor });

describe('GET /api/inbox', () => {
  it('lists the actor’s notifications, a reminder’s among them, newest first', async () => {
    const task = await t.engine.create('task', { data: { title: 'Call the hotel' } }, LAN);
    await eventually(async () => (await inbox(LAN)).body.items.some((i) => i.message.en === 'Still to do'));
    const page = await inbox(LAN);
    expect(page.status).toBe(200);
    expect(page.body.items.map((i) => i.message.en)).toEqual(['Still to do', 'Middle', 'Oldest']);
    expect(page.body.items[0]).toMatchObject({ read: false, link: { entity: 'task', id: task.id } });
    expect(page.body).toMatchObject({ total: 3, unread: 3, limit: 20, skip: 0 });
    expect((await inbox(MAI)).body.items.map((i) => i.id)).toEqual(['n-mai']);
  });

  it('pages, and lists only unread ones on request', async () => {
    const second = await inbox(LAN, '?limit=1&skip=1');
    expect(second.body.items.map((i) => i.id)).toEqual(['n-mid']);
    expect(second.body).toMatchObject({ total: 3, limit: 1, skip: 1 });
  });
});

describe('marking read', () => {
  it('marks one read (twice is the same), which puts it after the unread ones', async () => {
    const first = await api.post<InboxItem>('/api/inbox/n-mid/read', undefined, { actor: LAN });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: 'n-mid', read: true });
    const again = await api.post<InboxItem>('/api/inbox/n-mid/read', {}, { actor: LAN });
    expect(again.body).toEqual(first.body);
    const page = await inbox(LAN);
    expect(page.body.items.map((i) => [i.id.startsWith('n-') ? i.id : 'reminder', i.read])).toEqual([
      ['reminder', false],
      ['n-old', false],
      ['n-mid', true],
    ]);
    expect(page.body.unread).toBe(2);
    expect((await inbox(LAN, '?unread=true')).body.items.map((i) => i.read)).toEqual([false, false]);
  });

  it('marks all of the actor’s read, and nobody else’s', async () => {
    const all = await api.post<{ marked: number }>('/api/inbox/read-all', undefined, { actor: LAN });
    expect(all.body).toEqual({ marked: 2 });
    expect((await api.post('/api/inbox/read-all', undefined, { actor: LAN })).body).toEqual({ marked: 0 });
    expect((await inbox(LAN)).body.unread).toBe(0);
    expect((await inbox(MAI)).body.unread).toBe(1);
  });
});

describe('bad input changes nothing', () => {
  it('refuses each with a pointer to what is wrong', async () => {
    const before = [(await inbox(LAN)).body, (await inbox(MAI)).body];

    expectProblem(await api.get('/api/inbox', { actor: null }), 401, 'unauthenticated');
    expectProblem(await api.post('/api/inbox/n-mai/read', undefined, { actor: null }), 401, 'unauthenticated');
    expectProblem(await inbox(LAN, '?limit=0'), 400, 'invalid-request', '/query/limit');
    expectProblem(await inbox(LAN, '?limit=101'), 400, 'invalid-request', '/query/limit');
    expectProblem(await inbox(LAN, '?skip=-1'), 400, 'invalid-request', '/query/skip');
    expectProblem(await inbox(LAN, '?unread=maybe'), 400, 'invalid-request', '/query/unread');
    expectProblem(await inbox(LAN, '?sort=createdAt'), 400, 'invalid-request', '/query/sort');
    expectProblem(await api.post('/api/inbox/bad%20id/read', undefined, { actor: MAI }), 400, 'invalid-request', '/params/id');
    expectProblem(await api.post('/api/inbox/n-mai/read', { read: true }, { actor: MAI }), 400, 'invalid-request', '/body');
    expectProblem(await api.post('/api/inbox/read-all', [1], { actor: MAI }), 400, 'invalid-request', '/body');
    expectProblem(await api.post('/api/inbox/n-mai/read', undefined, { actor: MAI, raw: '{"read":', contentType: 'application/json' }), 400, 'malformed-json');
    // Someone else's notification is not found, exactly like a missing one.
    const theirs = expectProblem(await api.post('/api/inbox/n-mai/read', undefined, { actor: LAN }), 404, 'not-found');
    expect(theirs.detail).toBe('There is no notification n-mai in your inbox');
    expectProblem(await api.post('/api/inbox/n-none/read', undefined, { actor: LAN }), 404, 'not-found');

    expect([(await inbox(LAN)).body, (await inbox(MAI)).body]).toEqual(before);
    expect(unexpected).toEqual([]);
  });
});
