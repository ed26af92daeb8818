/**
 * Signing in and who may do what, over HTTP: sessions (cookie and bearer), the user
 * directory for admins only, records seen by their owner, handler, the owner's team
 * manager and admins, definitions changed by admins only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { expectProblem } from './problem-assertions.js';
import { call, client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

const PASSWORD = 'một mật khẩu đủ dài';
let server: TestServer;
let api: Client;

interface Page {
  items: RecordView[];
  total: number;
}

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  await server.access.users.create({ id: 'thu', name: 'Lê Thu', roles: ['sales'], password: PASSWORD });
  await server.addUser('lan', ['sales'], 'north');
  await server.addUser('minh', ['sales'], 'south');
  await server.addUser('hai', ['manager'], 'north');
  await server.addUser('boss', ['manager']);
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

const login = (user: string, password: string, headers: Record<string, string> = {}) =>
  call<{ token: string; user: { id: string; roles: string[] }; expiresAt: string }>(server.url, 'POST', '/api/auth/login', {
    actor: null,
    body: { user, password },
    headers,
  });

describe('signing in', () => {
  it('gives the same answer for a wrong password and an unknown user, and stores no password', async () => {
    const wrong = expectProblem(await login('thu', 'not the password'), 401, 'unauthenticated');
    const unknown = expectProblem(await login('nobody', PASSWORD), 401, 'unauthenticated');
    expect(wrong.detail).toBe(unknown.detail);
    const users = await api.get<{ items: Record<string, unknown>[] }>('/api/users');
    expect(JSON.stringify(users.body)).not.toContain('passwordHash');
    expect(JSON.stringify(users.body)).not.toContain(PASSWORD);
  });

  it('starts a session as an HttpOnly SameSite cookie and a bearer token, and ends it', async () => {
    const reply = await login('thu', PASSWORD);
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ id: 'thu', roles: ['sales'] });
    const cookie = reply.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tourflow_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = cookie.split(';')[0] ?? '';
    const me = await call<{ user: { id: string } }>(server.url, 'GET', '/api/auth/me', { actor: null, headers: { cookie: session } });
    expect(me.body.user.id).toBe('thu');
    const bearer = { actor: null, headers: { authorization: `Bearer ${reply.body.token}` } };
    expect((await api.get('/api/auth/me', bearer)).status).toBe(200);
    expect((await api.post('/api/auth/logout', undefined, bearer)).status).toBe(204);
    expectProblem(await api.get('/api/auth/me', bearer), 401, 'unauthenticated');
    expectProblem(await call(server.url, 'GET', '/api/auth/me', { actor: null, headers: { cookie: session } }), 401, 'unauthenticated');
  });

  it('refuses a cookie-carried write from another origin', async () => {
    const cookie = ((await login('thu', PASSWORD)).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const reply = await call(server.url, 'POST', '/api/records/deal', {
      actor: null,
      body: { data: { title: 'From elsewhere' } },
      headers: { cookie, origin: 'https://evil.example' },
    });
    expectProblem(reply, 403, 'forbidden');
    const mine = await api.get<Page>(`/api/records/deal?filter=${encodeURIComponent('{"data.title":"From elsewhere"}')}`);
    expect(mine.body.total).toBe(0);
  });

  it('checks the sign-in body', async () => {
    expectProblem(await call(server.url, 'POST', '/api/auth/login', { actor: null, body: { user: 'thu' } }), 400, 'invalid-request', '/body/password');
  });
});

describe('the user directory', () => {
  it('lets only admins create and change users, with clear errors', async () => {
    const body = { id: 'thao', name: 'Hoàng Thảo', roles: ['sales'], password: 'short' };
    expectProblem(await api.post('/api/users', { ...body, password: PASSWORD }, { actor: 'lan' }), 403, 'forbidden');
    expectProblem(await api.post('/api/users', body), 400, 'invalid-request', '/body/password');
    expectProblem(await api.post('/api/users', { ...body, password: PASSWORD, roles: ['boss'] }), 400, 'invalid-request', '/body/roles/0');
    expectProblem(await api.post('/api/users', { ...body, id: 'system:x', password: PASSWORD }), 400, 'invalid-request', '/body/id');
    const created = await api.post<{ id: string; roles: string[] }>('/api/users', { ...body, password: PASSWORD });
    expect([created.status, created.body.id]).toEqual([201, 'thao']);
    expect((await login('thao', PASSWORD)).status).toBe(200);
    expectProblem(await api.patch('/api/users/thao', { disabled: true }, { actor: 'lan' }), 403, 'forbidden');
    expect((await api.patch('/api/users/thao', { disabled: true })).status).toBe(200);
    expectProblem(await login('thao', PASSWORD), 401, 'unauthenticated');
    expectProblem(await api.patch('/api/users/user:ann', { disabled: true }), 400, 'invalid-request', '/body/disabled');
  });
});

describe('who sees which records', () => {
  let lans: RecordView;
  let minhs: RecordView;
  let nobodys: RecordView;

  beforeAll(async () => {
    lans = (await api.post<RecordView>('/api/records/deal', { data: { title: 'Lan’s deal' } }, { actor: 'lan' })).body;
    minhs = (await api.post<RecordView>('/api/records/deal', { data: { title: 'Minh’s deal' } }, { actor: 'minh' })).body;
    nobodys = await server.engine.create('deal', { data: { title: 'Web deal' } }, 'system:web');
  });

  const titles = async (actor: string) =>
    (await api.get<Page>('/api/records/deal?limit=500', { actor })).body.items.map((r) => r.data.title).sort();

  it('shows sales people their own records and unowned ones, and hides the others as not found', async () => {
    expect([lans.owner, nobodys.owner]).toEqual(['lan', undefined]);
    expect(await titles('lan')).toEqual(['Lan’s deal', 'Web deal']);
    expectProblem(await api.get(`/api/records/deal/${minhs.id}`, { actor: 'lan' }), 404, 'not-found');
    expectProblem(await api.post(`/api/records/deal/${minhs.id}/events`, { type: 'LOSE' }, { actor: 'lan' }), 404, 'not-found');
    expectProblem(await api.patch(`/api/records/deal/${minhs.id}`, { data: { title: 'mine now' }, version: 1 }, { actor: 'lan' }), 404, 'not-found');
    expectProblem(await api.delete(`/api/records/deal/${minhs.id}`, { actor: 'lan' }), 404, 'not-found');
    expectProblem(await api.get(`/api/records/deal/${minhs.id}/timeline`, { actor: 'lan' }), 404, 'not-found');
    expect((await server.engine.get('deal', minhs.id)).data.title).toBe('Minh’s deal');
  });

  it('shows a team manager the team’s records, a manager without a team and admins everything', async () => {
    expect(await titles('hai')).toEqual(['Lan’s deal', 'Web deal']);
    expect(await titles('boss')).toEqual(['Lan’s deal', 'Minh’s deal', 'Web deal']);
    expect(await titles('user:ann')).toEqual(['Lan’s deal', 'Minh’s deal', 'Web deal']);
  });

  it('lets only managers and admins give a record to someone else', async () => {
    const given = { data: { title: 'For Minh' }, owner: 'minh' };
    expectProblem(await api.post('/api/records/deal', given, { actor: 'lan' }), 403, 'forbidden', '/body/owner');
    const byManager = await api.post<RecordView>('/api/records/deal', given, { actor: 'boss' });
    expect([byManager.status, byManager.body.owner]).toEqual([201, 'minh']);
  });

  it('lets only admins change definitions or see counts over every record', async () => {
    const current = (await api.get<{ schema: unknown; machine: unknown }>('/api/definitions/deal', { actor: 'lan' })).body;
    expectProblem(await api.put('/api/definitions/deal', { schema: current.schema, machine: current.machine, baseVersion: 1 }, { actor: 'lan' }), 403, 'forbidden');
    expectProblem(await api.get('/api/definitions/deal/stage-counts', { actor: 'lan' }), 403, 'forbidden');
    expect((await api.get('/api/definitions/deal/stage-counts', { actor: 'hai' })).status).toBe(200);
  });
});

describe('handing a record over', () => {
  it('lets the owner or a manager hand it over, to known users only, and logs it', async () => {
    const deal = (await api.post<RecordView>('/api/records/deal', { data: { title: 'Hand me over' } }, { actor: 'lan' })).body;
    expectProblem(await api.post(`/api/records/deal/${deal.id}/assign`, { owner: 'nobody' }, { actor: 'lan' }), 400, 'invalid-request', '/body/owner');
    expectProblem(await api.post(`/api/records/deal/${deal.id}/assign`, {}, { actor: 'lan' }), 400, 'invalid-request');
    const given = await api.post<RecordView>(`/api/records/deal/${deal.id}/assign`, { owner: 'minh', version: deal.version }, { actor: 'lan' });
    expect([given.status, given.body.owner]).toEqual([200, 'minh']);
    // Now Minh's: Lan no longer sees it, and cannot take it back.
    expectProblem(await api.post(`/api/records/deal/${deal.id}/assign`, { owner: 'lan' }, { actor: 'lan' }), 404, 'not-found');
    const byManager = await api.post<RecordView>(`/api/records/deal/${deal.id}/assign`, { handler: 'lan' }, { actor: 'boss' });
    expect([byManager.body.owner, byManager.body.handler]).toEqual(['minh', 'lan']);
    expect((await api.get(`/api/records/deal/${deal.id}`, { actor: 'lan' })).status).toBe(200);
    expectProblem(await api.post(`/api/records/deal/${deal.id}/assign`, { owner: 'lan' }, { actor: 'lan' }), 403, 'forbidden');
    const timeline = (await api.get<{ items: { type: string; actor: string; payload?: Record<string, unknown> }[] }>(`/api/records/deal/${deal.id}/timeline`)).body.items;
    expect(timeline.filter((e) => e.type === 'assigned').map((e) => [e.actor, e.payload])).toEqual([
      ['lan', { owner: 'minh', previousOwner: 'lan' }],
      ['boss', { handler: 'lan', previousHandler: null }],
    ]);
  });
});

describe('signing out and locks', () => {
  it('clears the cookie even when the session is already gone', async () => {
    const reply = await call(server.url, 'POST', '/api/auth/logout', { actor: null, headers: { cookie: 'tourflow_session=gone' } });
    expect(reply.status).toBe(204);
    expect(reply.headers.get('set-cookie')).toMatch(/tourflow_session=;.*Expires=Thu, 01 Jan 1970/i);
  });
});
