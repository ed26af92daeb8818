/**
 * Regressions (issue 10.6–10.8) over HTTP: a 429 says when to retry; sign-out and sign-in
 * check Origin like every cookie-carried write; a malformed cookie is a 401, not a 500;
 * weak passwords are refused; users change their own password.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../api/problem-assertions.js';
import { call } from '../api/test-client.js';
import { startTestServer, type TestServer } from '../api/test-server.js';

const PASSWORD = 'một mật khẩu đủ dài';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await server.access.users.create({ id: 'thu', name: 'Lê Thu', roles: ['sales'], password: PASSWORD });
  await server.access.users.create({ id: 'vy', name: 'Trần Vy', roles: ['sales'], password: PASSWORD });
  await server.access.users.create({ id: 'kha', name: 'Đỗ Kha', roles: ['sales'], password: PASSWORD });
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

const login = (user: string, password: string, headers: Record<string, string> = {}) =>
  call<{ token: string }>(server.url, 'POST', '/api/auth/login', { actor: null, body: { user, password }, headers });

describe('locks say when to retry', () => {
  it('answers 429 with Retry-After once a user id is locked', async () => {
    for (let i = 0; i < 10; i++) expectProblem(await login('vy', `wrong password ${i}`), 401, 'unauthenticated');
    const locked = expectProblem(await login('vy', PASSWORD), 429, 'too-many-attempts');
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('sends the Retry-After header', async () => {
    const reply = await login('vy', PASSWORD);
    expect(reply.status).toBe(429);
    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('cookies and origins', () => {
  it('refuses a sign-out and a sign-in from another origin, and keeps the session', async () => {
    const { body } = await login('thu', PASSWORD);
    const cookie = `tourflow_session=${body.token}`;
    expectProblem(await call(server.url, 'POST', '/api/auth/logout', { actor: null, headers: { cookie, origin: 'https://evil.example' } }), 403, 'forbidden');
    expect((await call(server.url, 'GET', '/api/auth/me', { actor: null, headers: { cookie } })).status).toBe(200);
    expectProblem(await login('thu', PASSWORD, { origin: 'https://evil.example' }), 403, 'forbidden');
    // This site's own origin is fine.
    expect((await call(server.url, 'POST', '/api/auth/logout', { actor: null, headers: { cookie, origin: server.url } })).status).toBe(204);
  });

  it('answers a malformed cookie with 401, on every kind of route', async () => {
    for (const cookie of ['tourflow_session=%E0%A4%A', 'tourflow_session=%', 'tourflow_session=%FF%FE']) {
      expectProblem(await call(server.url, 'GET', '/api/auth/me', { actor: null, headers: { cookie } }), 401, 'unauthenticated');
      expectProblem(await call(server.url, 'GET', '/api/records/deal', { actor: null, headers: { cookie } }), 401, 'unauthenticated');
      expect((await call(server.url, 'POST', '/api/auth/logout', { actor: null, headers: { cookie } })).status).toBe(204);
    }
  });
});

describe('passwords', () => {
  it.each([
    ['only spaces', '            '],
    ['the user id', 'new.person.1'],
    ['a common password', 'password123'],
    ['a common password in capitals', 'QWERTYUIOP'],
    ['a Vietnamese favourite', 'matkhau123'],
  ])('refuses %s for a new user', async (_what, password) => {
    const reply = await call(server.url, 'POST', '/api/users', { actor: 'admin', body: { id: 'new.person.1', name: 'Người mới', roles: ['sales'], password } });
    const problem = expectProblem(reply, 400, 'invalid-request');
    expect(problem.errors?.[0]?.pointer).toBe('/password');
  });

  it('lets a user change their own password: the current one is checked, other sessions end, this one stays', async () => {
    const here = `tourflow_session=${(await login('kha', PASSWORD)).body.token}`;
    const elsewhere = `tourflow_session=${(await login('kha', PASSWORD)).body.token}`;
    const change = (body: unknown) => call(server.url, 'POST', '/api/auth/password', { actor: null, body, headers: { cookie: here } });

    const wrong = expectProblem(await change({ currentPassword: 'not it at all', newPassword: 'a fresh passphrase' }), 400, 'invalid-request');
    expect(wrong.errors?.[0]?.pointer).toBe('/body/currentPassword');
    const weak = expectProblem(await change({ currentPassword: PASSWORD, newPassword: '1234567890' }), 400, 'invalid-request');
    expect(weak.errors?.[0]?.pointer).toBe('/body/newPassword');
    expect((await change({ currentPassword: PASSWORD, newPassword: 'a fresh passphrase' })).status).toBe(204);

    expect((await call(server.url, 'GET', '/api/auth/me', { actor: null, headers: { cookie: here } })).status).toBe(200);
    expect((await call(server.url, 'GET', '/api/auth/me', { actor: null, headers: { cookie: elsewhere } })).status).toBe(401);
    expectProblem(await login('kha', PASSWORD), 401, 'unauthenticated');
    expect((await login('kha', 'a fresh passphrase')).status).toBe(200);
  });

  it('needs a session to change a password', async () => {
    expectProblem(await call(server.url, 'POST', '/api/auth/password', { actor: null, body: { currentPassword: PASSWORD, newPassword: 'another passphrase' } }), 401, 'unauthenticated');
  });
});
