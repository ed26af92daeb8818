/**
 * Regressions (issue 10.13 and 10.14): JSON nested thousands deep answered 500 (a stack
 * overflow) on any route; a `__proto__` key read back as `__proto_`; a lone surrogate read
 * back as replacement characters; a name typed with combining marks was not found by a
 * search typed precomposed. Every body and every JSON query parameter is read by one
 * parser that refuses the first three with 400 and normalises text to NFC.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../../engine/api/json-input.js';
import { expectProblem } from '../api/problem-assertions.js';
import { call, client, type Client } from '../api/test-client.js';
import { startTestServer, type TestServer } from '../api/test-server.js';

let server: TestServer;
let api: Client;
let dealId: string;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  dealId = (await api.post<{ id: string }>('/api/records/deal', { data: { title: 'Tour Đà Lạt' } })).body.id;
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

const deep = (levels: number, leaf = '1') => `${'{"a":'.repeat(levels)}${leaf}${'}'.repeat(levels)}`;
const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('nesting depth', () => {
  const bodies: [string, string, (json: string) => string][] = [
    ['POST', '/api/records/deal', (j) => `{"data":${j}}`],
    ['PATCH', '/api/records/deal/DEAL', (j) => `{"data":${j}}`],
    ['POST', '/api/records/deal/DEAL/events', (j) => `{"type":"WIN","payload":${j}}`],
    ['PUT', '/api/definitions/deal', (j) => `{"schema":${j},"machine":{}}`],
    ['POST', '/api/definitions/deal/validate', (j) => `{"schema":${j},"machine":{}}`],
    ['POST', '/api/definitions/deal/simulate', (j) => `{"events":${j}}`],
    ['PUT', '/api/segments/deal/deep', (j) => `{"filter":${j}}`],
    ['POST', '/api/records/deal/import', (j) => `{"rows":[${j}]}`],
    ['POST', '/api/users', (j) => `{"id":"x","name":${j}}`],
    ['POST', '/api/auth/login', (j) => `{"user":${j},"password":"x"}`],
  ];
  it.each(bodies)('refuses a body nested 10 000 deep on %s %s with 400, naming the limit', async (method, path, wrap) => {
    for (const json of [deep(10_000), deepArray(10_000)]) {
      const reply = await call(server.url, method, path.replace('DEAL', dealId), { raw: wrap(json) });
      const problem = expectProblem(reply, 400, 'invalid-request');
      expect(problem.errors?.[0]).toMatchObject({ pointer: '/body', message: expect.stringContaining(`more than the ${MAX_JSON_DEPTH} allowed`) as unknown });
    }
  });

  it('refuses a filter and a sort nested too deep in the query with 400', async () => {
    // Arrays: the deepest nesting that fits in a URL (16 kB of headers).
    for (const param of ['filter', 'sort']) {
      const reply = await api.get(`/api/records/deal?${param}=${encodeURIComponent(`{"data.title":{"$in":${deepArray(2_000)}}}`)}`);
      expect(expectProblem(reply, 400, 'invalid-request').errors?.[0]?.pointer).toBe(`/query/${param}`);
    }
  });

  it('still takes nesting up to the limit, and brackets inside strings do not count', async () => {
    const inString = `{"data":{"title":${JSON.stringify('['.repeat(5_000))}}}`;
    expect((await call(server.url, 'POST', '/api/records/deal', { raw: inString })).status).toBe(201);
    const reply = await call(server.url, 'POST', `/api/records/deal/${dealId}/events`, { raw: `{"type":"NOT_AN_EVENT","payload":${deep(MAX_JSON_DEPTH - 2)}}` });
    expect(reply.status).not.toBe(400);
  });
});

describe('what is stored is what was acknowledged', () => {
  it('refuses a __proto__ member anywhere in a body, and stores nothing', async () => {
    const before = (await api.get<{ total: number }>('/api/records/deal?limit=1')).body.total;
    for (const raw of ['{"data":{"title":"x","__proto__":{"admin":true}}}', '{"__proto__":{"data":1},"data":{"title":"y"}}']) {
      const reply = await call(server.url, 'POST', '/api/records/deal', { raw });
      expect(expectProblem(reply, 400, 'invalid-request').errors?.[0]?.message).toBe('is not allowed as a member name');
    }
    const patched = await call(server.url, 'PATCH', `/api/records/deal/${dealId}`, { raw: '{"data":{"__proto__":{"title":"z"}}}' });
    expect(expectProblem(patched, 400, 'invalid-request').errors?.[0]?.pointer).toBe('/body/data/__proto__');
    expect((await api.get<{ total: number }>('/api/records/deal?limit=1')).body.total).toBe(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses a lone surrogate, in a value or a key, naming where', async () => {
    const value = await call(server.url, 'POST', '/api/records/deal', { raw: '{"data":{"title":"Tour \\ud800 Huế"}}' });
    expect(expectProblem(value, 400, 'invalid-request').errors?.[0]?.pointer).toBe('/body/data/title');
    const key = await call(server.url, 'POST', `/api/records/deal/${dealId}/events`, { raw: '{"type":"WIN","payload":{"\\udc00":1}}' });
    expect(expectProblem(key, 400, 'invalid-request').errors?.[0]?.message).toContain('lone surrogate');
    // A surrogate pair (an emoji) is text, and reads back as sent.
    const emoji = await api.post<{ id: string; data: { title: string } }>('/api/records/deal', { data: { title: 'Tour 🏖️ Phú Quốc' } });
    expect((await api.get<{ data: { title: string } }>(`/api/records/deal/${emoji.body.id}`)).body.data.title).toBe('Tour 🏖️ Phú Quốc');
  });

  it('stores Vietnamese text as NFC, so a search finds a name typed either way', async () => {
    const decomposed = 'Nguyễn Thị Hằng'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn Thị Hằng');
    const created = await api.post<{ id: string; data: { title: string } }>('/api/records/deal', { data: { title: decomposed } });
    expect(created.status).toBe(201);
    expect(created.body.data.title).toBe('Nguyễn Thị Hằng'.normalize('NFC'));
    for (const typed of ['Nguyễn Thị Hằng'.normalize('NFC'), decomposed]) {
      const filter = encodeURIComponent(JSON.stringify({ 'data.title': { $regex: typed.split(' ')[0], $options: 'i' } }));
      const found = await api.get<{ items: { id: string }[] }>(`/api/records/deal?filter=${filter}`);
      expect(found.body.items.map((r) => r.id)).toContain(created.body.id);
    }
  });
});
