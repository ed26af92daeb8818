/** The app around the routes: health, the actor rule, unknown routes and the single-page app. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './problem-assertions.js';
import { call, client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
let staticDir: string;

beforeAll(async () => {
  const tmp = fileURLToPath(new URL('../../.tmp/', import.meta.url));
  await mkdir(tmp, { recursive: true });
  staticDir = await mkdtemp(join(tmp, 'spa-'));
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>designer</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startTestServer({ staticDir });
  api = client(server.url);
});
afterAll(async () => {
  await server.close();
  await rm(staticDir, { recursive: true, force: true });
});
afterEach(() => expect(server.unexpected).toEqual([]));

describe('the API', () => {
  it('answers health', async () => {
    const reply = await api.get('/api/health', { actor: null });
    expect({ status: reply.status, body: reply.body }).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('refuses a read without a session, or with a forged or malformed token', async () => {
    expectProblem(await api.get('/api/records/deal', { actor: null }), 401, 'unauthenticated');
    const forged = { actor: null, headers: { authorization: `Bearer ${'A'.repeat(43)}` } };
    expectProblem(await api.get('/api/records/deal', forged), 401, 'unauthenticated');
    expectProblem(await api.get('/api/records/deal', { actor: null, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }), 401, 'unauthenticated');
    // The X-Actor header of earlier versions names nobody any more.
    expectProblem(await api.get('/api/records/deal', { actor: null, headers: { 'x-actor': 'admin' } }), 401, 'unauthenticated');
    expect((await api.get('/api/health', { actor: null })).status).toBe(200);
  });

  it('requires an actor on every write method, before reading the body', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const reply = await call(server.url, method, '/api/records/deal/x', { actor: null, raw: '{not json' });
      expectProblem(reply, 401, 'unauthenticated');
    }
  });

  it('answers unknown routes and methods with a not-found problem', async () => {
    const problem = expectProblem(await api.get('/api/nothing/here'), 404, 'not-found');
    expect(problem.instance).toBe('/api/nothing/here');
    expectProblem(await api.put('/api/records/deal', { data: {} }), 404, 'not-found');
  });
});

describe('the single-page app', () => {
  it('serves its files and falls back to index.html for client-side routes', async () => {
    const asset = await api.get('/assets/app.js');
    expect({ status: asset.status, body: asset.body }).toEqual({ status: 200, body: 'console.log(1)' });
    for (const path of ['/', '/records/deal/123', '/designer']) {
      const page = await api.get(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.body).toContain('<title>designer</title>');
    }
  });

  it('does not answer a missing asset or an API path with the page', async () => {
    expectProblem(await api.get('/assets/missing.js'), 404, 'not-found');
    expectProblem(await api.get('/api/missing'), 404, 'not-found');
    expectProblem(await api.post('/records', {}), 404, 'not-found');
  });
});
