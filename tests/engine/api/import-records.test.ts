/**
 * POST /api/records/:entity/import: all or nothing. A refused import is a precise
 * problem+json naming the rows and fields, and the entity's count is exactly as before.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_ROW_LIMIT } from '../../../engine/runtime/core/import-records.js';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { expectProblem, snapshot } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
const IMPORT = '/api/records/inquiry/import';
const total = async () => (await snapshot(api, 'inquiry')).total;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  expect((await api.post('/api/records/inquiry', { data: { subject: 'Before the import' } })).status).toBe(201);
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

describe('POST /api/records/:entity/import', () => {
  it('creates every row and answers 201 with their ids', async () => {
    await server.addUser('user:binh', ['sales']);
    const before = await total();
    const reply = await api.post<{ imported: number; ids: string[] }>(IMPORT, {
      rows: [
        { data: { subject: 'Hạ Long 3N2Đ', email: 'an@example.vn', source: 'web' } },
        { data: { subject: 'Sa Pa trekking' }, owner: 'user:binh' },
      ],
    });
    expect(reply.status).toBe(201);
    expect(reply.body.imported).toBe(2);
    expect(reply.body.ids).toHaveLength(2);
    expect(await total()).toBe(before + 2);
    const second = await api.get<RecordView>(`/api/records/inquiry/${reply.body.ids[1]}`);
    expect(second.body).toMatchObject({ state: 'new', owner: 'user:binh', data: { subject: 'Sa Pa trekking' } });
    const first = await api.get<RecordView>(`/api/records/inquiry/${reply.body.ids[0]}`);
    expect(first.body.owner).toBe('user:ann');
  });

  it('refuses the whole file when one row is bad, naming the row and the field, and writes nothing', async () => {
    const before = await total();
    const reply = await api.post(IMPORT, {
      rows: [
        { data: { subject: 'Good one' } },
        { data: { subject: 'Good two' } },
        { data: { subject: 'Bad one', email: 'no at sign' } },
      ],
    });
    const problem = expectProblem(reply, 422, 'import-rejected', '/rows/2/data/email');
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors?.[0]?.message).toContain('email');
    expect(problem.detail).toContain('1 of 3 rows');
    expect(problem.detail).toContain('rows[2]');
    expect(problem.rejectedRows).toEqual([2]);
    expect(await total()).toBe(before);
  });

  it('lists the issues of every failing row, not just the first', async () => {
    const reply = await api.post(IMPORT, {
      rows: [{ data: {} }, { data: { subject: 'ok' } }, { data: { subject: 'x', source: 'fax' } }],
    });
    const problem = expectProblem(reply, 422, 'import-rejected');
    expect(problem.errors?.map((e) => e.pointer)).toEqual(['/rows/0/data/subject', '/rows/2/data/source']);
  });

  it('only checks on a dry run: 200 with the count, nothing written', async () => {
    const before = await total();
    const reply = await api.post(IMPORT, { rows: [{ data: { subject: 'A' } }, { data: { subject: 'B' } }], dryRun: true });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ dryRun: true, valid: 2 });
    expect(await total()).toBe(before);
    expectProblem(await api.post(IMPORT, { rows: [{ data: { subject: '' } }], dryRun: true }), 422, 'import-rejected', '/rows/0/data/subject');
  });

  it(`refuses more than ${IMPORT_ROW_LIMIT} rows with a clear message`, async () => {
    const before = await total();
    const rows = Array.from({ length: IMPORT_ROW_LIMIT + 1 }, (_, i) => ({ data: { subject: `Row ${i}` } }));
    const problem = expectProblem(await api.post(IMPORT, { rows }), 400, 'invalid-request', '/rows');
    expect(problem.detail).toContain(`At most ${IMPORT_ROW_LIMIT} rows`);
    expect(await total()).toBe(before);
  });

  it('reads bodies over the 1 MB the other routes accept', async () => {
    const before = await total();
    const notes = 'x'.repeat(500);
    const rows = Array.from({ length: 3000 }, (_, i) => ({ data: { subject: `Bulk ${i}`, contactName: notes } }));
    expect(JSON.stringify({ rows }).length).toBeGreaterThan(1024 * 1024);
    const reply = await api.post<{ imported: number }>(IMPORT, { rows, dryRun: true });
    expect(reply.body).toEqual({ dryRun: true, valid: 3000 });
    // The other routes keep their 1 MB limit.
    const big = await api.post('/api/records/inquiry', { data: { subject: 'big', contactName: 'x'.repeat(1.1 * 1024 * 1024) } });
    expect(expectProblem(big, 413, 'invalid-request').detail).toContain('1 MB');
    expect(await total()).toBe(before);
  });

  it.each([
    ['rows is not an array', { rows: { data: { subject: 'x' } } }, '/body/rows'],
    ['rows is missing', { data: { subject: 'x' } }, '/body/rows'],
    ['rows is empty', { rows: [] }, '/body/rows'],
    ['a row has no data', { rows: [{ subject: 'x' }] }, '/body/rows/0/data'],
    ['an owner is malformed', { rows: [{ data: { subject: 'x' }, owner: 'a b' }] }, '/body/rows/0/owner'],
    ['dryRun is not a boolean', { rows: [{ data: { subject: 'x' } }], dryRun: 'yes' }, '/body/dryRun'],
  ])('refuses a body where %s', async (_case, body, pointer) => {
    const before = await total();
    expectProblem(await api.post(IMPORT, body), 400, 'invalid-request', pointer);
    expect(await total()).toBe(before);
  });

  it('refuses an unknown entity and an anonymous caller', async () => {
    expectProblem(await api.post('/api/records/nothing/import', { rows: [{ data: {} }] }), 404, 'unknown-entity');
    const before = await total();
    expectProblem(await api.post(IMPORT, { rows: [{ data: { subject: 'x' } }] }, { actor: null }), 401, 'unauthenticated');
    expect(await total()).toBe(before);
  });

  it('is described in the OpenAPI document for every entity', async () => {
    const doc = await api.get<{ paths: Record<string, { post?: { operationId: string; responses: Record<string, unknown> } }> }>('/api/openapi.json');
    for (const [entity, name] of [['inquiry', 'Inquiry'], ['deal', 'Deal']]) {
      const post = doc.body.paths[`/api/records/${entity}/import`]?.post;
      expect(post?.operationId).toBe(`import${name}`);
      expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201', '400', '404', '422']));
    }
  });
});
