/**
 * Bad input on the record CRUD routes: each refusal is a precise problem+json, and the
 * record, its timeline and its entity's count are exactly as before.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { expectProblem, snapshot, type RecordSnapshot } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
/** A deal in stage `proposal` at version 2, amount 100. */
let id: string;
let before: RecordSnapshot;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  const created = await api.post<RecordView>('/api/records/deal', { data: { title: 'Kept as is' } });
  id = created.body.id;
  const proposed = await api.post<RecordView>(`/api/records/deal/${id}/events`, {
    type: 'PROPOSE',
    data: { amount: 100 },
  });
  expect(proposed.body).toMatchObject({ state: 'proposal', version: 2 });
  before = await snapshot(api, 'deal', id);
  expect(before.total).toBe(1);
});
afterAll(() => server.close());
afterEach(async () => {
  expect(await snapshot(api, 'deal', id)).toEqual(before);
  expect(server.unexpected).toEqual([]);
});

describe('GET /api/records/:entity', () => {
  it('accepts the text conditions the list page sends: escaped text, anchors, fixed-count classes', async () => {
    for (const regex of ['^Đoàn Hà Nội \\(VIP\\)$', 'tour\\.vn', '^\\d{4}-11-']) {
      const filter = encodeURIComponent(JSON.stringify({ 'data.title': { $regex: regex, $options: 'i' } }));
      expect((await api.get(`/api/records/deal?filter=${filter}`)).status).toBe(200);
    }
  });

  it.each([
    ['{"title":', '/query/filter'],
    ['[{"title":"x"}]', '/query/filter'],
    ['{"$where":"this.data.amount > 0"}', '/query/filter/$where'],
    ['{"data.amount":{"$gt":0},"$or":[{"$expr":{"$eq":[1,1]}}]}', '/query/filter/$or/0/$expr'],
    ['{"data.tags":{"$elemMatch":{"$function":{}}}}', '/query/filter/data.tags/$elemMatch/$function'],
    ['{"$accumulator":{}}', '/query/filter/$accumulator'],
    // Regular expressions that could take exponential time (ReDoS), or that are not ones.
    ['{"data.title":{"$regex":"(a+)+$"}}', '/query/filter/data.title/$regex'],
    ['{"data.title":{"$regex":"(x)\\\\1"}}', '/query/filter/data.title/$regex'],
    // Groups and alternatives can backtrack exponentially even without repeats: refused too.
    ['{"data.title":{"$regex":"^Đoàn (Hà|Sa) "}}', '/query/filter/data.title/$regex'],
    [`{"data.title":{"$regex":"${'a'.repeat(201)}"}}`, '/query/filter/data.title/$regex'],
    ['{"data.title":{"$regex":"("}}', '/query/filter/data.title/$regex'],
    ['{"data.title":{"$regex":1}}', '/query/filter/data.title/$regex'],
  ])('refuses the filter %s at %s', async (filter, pointer) => {
    expectProblem(
      await api.get(`/api/records/deal?filter=${encodeURIComponent(filter)}`),
      400,
      'invalid-request',
      pointer,
    );
  });

  it.each([
    ['limit=0', '/query/limit'],
    ['limit=501', '/query/limit'],
    ['limit=many', '/query/limit'],
    ['skip=-1', '/query/skip'],
    [`sort=${encodeURIComponent('{"updatedAt":0}')}`, '/query/sort/updatedAt'],
    [`sort=${encodeURIComponent('{"updatedAt":')}`, '/query/sort'],
    ['page=2', '/query/page'],
  ])('refuses ?%s at %s', async (query, pointer) => {
    expectProblem(await api.get(`/api/records/deal?${query}`), 400, 'invalid-request', pointer);
  });

  it('accepts the limits of the range and a plain filter', async () => {
    const reply = await api.get<{ items: RecordView[]; total: number; limit: number; skip: number }>(
      `/api/records/deal?limit=500&skip=0&filter=${encodeURIComponent('{"data.amount":{"$gte":100}}')}`,
    );
    expect(reply.status).toBe(200);
    expect({
      ids: reply.body.items.map((r) => r.id),
      total: reply.body.total,
      limit: reply.body.limit,
      skip: reply.body.skip,
    }).toEqual({
      ids: [id],
      total: 1,
      limit: 500,
      skip: 0,
    });
  });

  it('answers 404 unknown-entity for an entity that is not defined, 400 for a malformed name', async () => {
    expectProblem(await api.get('/api/records/hotel'), 404, 'unknown-entity');
    expectProblem(await api.get('/api/records/Deal'), 400, 'invalid-request', '/params/entity');
  });
});

describe('POST /api/records/:entity', () => {
  it('refuses malformed JSON', async () => {
    expectProblem(
      await api.post('/api/records/deal', undefined, { raw: '{"data": {"title": "x"' }),
      400,
      'malformed-json',
    );
  });

  it.each([['[]'], ['"deal"'], ['null'], ['7']])('refuses the non-object body %s', async (raw) => {
    expectProblem(await api.post('/api/records/deal', undefined, { raw }), 400, 'invalid-request', '/body');
  });

  it('refuses a body that is not sent as JSON', async () => {
    const reply = await api.post('/api/records/deal', undefined, {
      raw: '{"data":{"title":"x"}}',
      contentType: 'text/plain',
    });
    expectProblem(reply, 400, 'invalid-request', '/body');
  });

  it('names unknown members and a missing data', async () => {
    const unknown = expectProblem(
      await api.post('/api/records/deal', { data: { title: 'x' }, stage: 'won' }),
      400,
      'invalid-request',
      '/body/stage',
    );
    expect(unknown.detail).toContain('stage');
    expectProblem(
      await api.post('/api/records/deal', { owner: 'user:ann' }),
      400,
      'invalid-request',
      '/body/data',
    );
    expectProblem(await api.post('/api/records/deal', { data: 'x' }), 400, 'invalid-request', '/body/data');
  });

  it('refuses data that breaks the schema with every failing pointer', async () => {
    const problem = expectProblem(
      await api.post('/api/records/deal', { data: { amount: -5, colour: 'red' } }),
      422,
      'validation-failed',
    );
    expect(problem.errors?.map((e) => e.pointer).sort()).toEqual([
      '/data/amount',
      '/data/colour',
      '/data/title',
    ]);
  });

  it('refuses an unknown entity and a write without actor', async () => {
    expectProblem(await api.post('/api/records/hotel', { data: {} }), 404, 'unknown-entity');
    const anonymous = await api.post('/api/records/deal', { data: { title: 'x' } }, { actor: null });
    expectProblem(anonymous, 401, 'unauthenticated');
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('refuses a body over 1 MB with 413', async () => {
    const reply = await api.post('/api/records/deal', { data: { title: 'x'.repeat(1_100_000) } });
    expectProblem(reply, 413, 'invalid-request');
  });
});

describe('GET /api/records/:entity/:id', () => {
  it('tells an unknown id from an unknown entity and a malformed id', async () => {
    expectProblem(await api.get('/api/records/deal/no-such-id'), 404, 'not-found');
    expectProblem(await api.get(`/api/records/task/${id}`), 404, 'not-found');
    expectProblem(await api.get(`/api/records/hotel/${id}`), 404, 'unknown-entity');
    expectProblem(await api.get('/api/records/deal/a.b'), 400, 'invalid-request', '/params/id');
  });
});

describe('PATCH /api/records/:entity/:id', () => {
  const at = () => `/api/records/deal/${id}`;

  it('refuses malformed JSON, a non-object body and unknown members', async () => {
    expectProblem(await api.patch(at(), undefined, { raw: '{"version":2,' }), 400, 'malformed-json');
    expectProblem(await api.patch(at(), [{ data: {} }]), 400, 'invalid-request', '/body');
    expectProblem(
      await api.patch(at(), { data: { title: 'y' }, version: 2, state: 'won' }),
      400,
      'invalid-request',
      '/body/state',
    );
  });

  it('requires the version, and refuses a stale one with the current version', async () => {
    expectProblem(await api.patch(at(), { data: { title: 'y' } }), 400, 'invalid-request', '/body/version');
    const stale = expectProblem(
      await api.patch(at(), { data: { title: 'y' }, version: 1 }),
      409,
      'version-conflict',
    );
    expect(stale).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
  });

  it('refuses data that breaks the schema, and clearing a field the stage requires', async () => {
    expectProblem(
      await api.patch(at(), { data: { amount: 'lots' }, version: 2 }),
      422,
      'validation-failed',
      '/data/amount',
    );
    expectProblem(
      await api.patch(at(), { data: { amount: null }, version: 2 }),
      422,
      'required-fields-missing',
      '/data/amount',
    );
  });

  it('refuses an unknown id and a write without actor', async () => {
    expectProblem(await api.patch('/api/records/deal/nope', { data: {}, version: 1 }), 404, 'not-found');
    expectProblem(
      await api.patch(at(), { data: { title: 'y' }, version: 2 }, { actor: null }),
      401,
      'unauthenticated',
    );
  });
});

describe('DELETE /api/records/:entity/:id', () => {
  const at = () => `/api/records/deal/${id}`;

  it('refuses a stale version given as ?version= or If-Match', async () => {
    expectProblem(await api.delete(`${at()}?version=1`), 409, 'version-conflict');
    expectProblem(await api.delete(at(), { headers: { 'if-match': '"1"' } }), 409, 'version-conflict');
  });

  it('refuses a malformed version and contradicting ones', async () => {
    expectProblem(await api.delete(`${at()}?version=two`), 400, 'invalid-request', '/query/version');
    expectProblem(
      await api.delete(at(), { headers: { 'if-match': 'W/"2"' } }),
      400,
      'invalid-request',
      '/headers/if-match',
    );
    expectProblem(
      await api.delete(`${at()}?version=2`, { headers: { 'if-match': '"1"' } }),
      400,
      'invalid-request',
      '/headers/if-match',
    );
  });

  it('refuses an unknown id and a write without actor', async () => {
    expectProblem(await api.delete('/api/records/deal/nope'), 404, 'not-found');
    expectProblem(await api.delete(at(), { actor: null }), 401, 'unauthenticated');
  });
});

describe('a delete that is allowed', () => {
  it('removes only the record it names, with the version it names', async () => {
    const other = await api.post<RecordView>('/api/records/deal', { data: { title: 'To delete' } });
    const gone = await api.delete(`/api/records/deal/${other.body.id}`, { headers: { 'if-match': '"1"' } });
    expect(gone.status).toBe(204);
    expect(gone.body).toBe('');
    expectProblem(await api.get(`/api/records/deal/${other.body.id}`), 404, 'not-found');
  });
});
