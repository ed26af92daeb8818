/**
 * Saved segments over HTTP: kept per user and entity, replaced by name, deleted; another
 * user sees none of them; bad input is a precise problem+json and changes nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../../../engine/runtime/read/segments.js';
import { expectProblem } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

const LAN = 'user:lan';
const MAI = 'user:mai';
let server: TestServer;
let api: Client;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

const path = (entity: string, name?: string) =>
  `/api/segments/${entity}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
const list = async (actor: string, entity = 'deal') => {
  const reply = await api.get<{ items: Segment[] }>(path(entity), { actor });
  expect(reply.status).toBe(200);
  return reply.body.items;
};
const save = (actor: string, name: string, controls: unknown, entity = 'deal') =>
  api.put<Segment>(path(entity, name), { controls }, { actor });

describe('saved segments', () => {
  it('are kept per user: another user sees none of them and cannot delete them', async () => {
    const vip = { search: '', stage: 'won', field: 'city', value: 'Hà Nội', sortBy: 'amount', direction: -1 };
    const created = await save(LAN, '  VIP1 ở Hà Nội  ', vip);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'VIP1 ở Hà Nội', entity: 'deal', controls: vip });
    expect(Date.parse(created.body.updatedAt)).not.toBeNaN();
    expect(await list(LAN)).toEqual([created.body]);
    expect(await list(MAI)).toEqual([]);
    // Another entity is another list.
    expect(await list(LAN, 'task')).toEqual([]);
    expectProblem(await api.delete(path('deal', 'VIP1 ở Hà Nội'), { actor: MAI }), 404, 'not-found');
    expect((await list(LAN)).map((s) => s.name)).toEqual(['VIP1 ở Hà Nội']);
  });

  it('replace a segment of the same name, and list by name', async () => {
    const first = await save(MAI, 'Won', { stage: 'won' });
    expect(first.status).toBe(201);
    expect((await save(MAI, 'Born this month', { field: 'birthday' })).status).toBe(201);
    const replaced = await save(MAI, 'Won', { stage: 'won', sortBy: 'amount' });
    expect(replaced.status).toBe(200);
    const items = await list(MAI);
    expect(items.map((s) => [s.name, s.controls])).toEqual([
      ['Born this month', { field: 'birthday' }],
      ['Won', { stage: 'won', sortBy: 'amount' }],
    ]);
    expect(replaced.body.createdAt).toBe(first.body.createdAt);
    expect(items[1]).toEqual(replaced.body);
  });

  it('delete one segment by name, leaving the others', async () => {
    await save('user:deleter', 'A/B test', { stage: 'new' });
    await save('user:deleter', 'Keep', { stage: 'won' });
    const gone = await api.delete(path('deal', 'A/B test'), { actor: 'user:deleter' });
    expect(gone.status).toBe(204);
    expect((await list('user:deleter')).map((s) => s.name)).toEqual(['Keep']);
    expectProblem(await api.delete(path('deal', 'A/B test'), { actor: 'user:deleter' }), 404, 'not-found');
  });

  it('refuse bad input with pointers, and change nothing', async () => {
    const user = 'user:careful';
    await save(user, 'Mine', { stage: 'won' });
    const before = await list(user);
    expectProblem(await save(user, 'Mine', [1, 2]), 400, 'invalid-request', '/body/controls');
    expectProblem(
      await api.put(path('deal', 'Mine'), { controls: {}, extra: 1 }, { actor: user }),
      400,
      'invalid-request',
      '/body/extra',
    );
    expectProblem(
      await api.put(path('deal', 'Mine'), {}, { actor: user }),
      400,
      'invalid-request',
      '/body/controls',
    );
    expectProblem(
      await save(user, 'Mine', { note: 'x'.repeat(17 * 1024) }),
      400,
      'invalid-request',
      '/body/controls',
    );
    expectProblem(await save(user, '   ', { stage: 'new' }), 400, 'invalid-request', '/params/name');
    expectProblem(await save(user, 'n'.repeat(81), { stage: 'new' }), 400, 'invalid-request', '/params/name');
    expectProblem(await save(user, 'tab\there', { stage: 'new' }), 400, 'invalid-request', '/params/name');
    expectProblem(await save(user, 'Mine', { stage: 'new' }, 'nope'), 404, 'unknown-entity');
    expectProblem(
      await save(user, 'Mine', { stage: 'new' }, 'Bad_Entity'),
      400,
      'invalid-request',
      '/params/entity',
    );
    expectProblem(await api.get(path('nope'), { actor: user }), 404, 'unknown-entity');
    expectProblem(await api.delete(path('nope', 'Mine'), { actor: user }), 404, 'unknown-entity');
    expectProblem(
      await api.put(path('deal', 'Mine'), { controls: {} }, { actor: null }),
      401,
      'unauthenticated',
    );
    expectProblem(await api.get(path('deal'), { actor: null }), 401, 'unauthenticated');
    expect(await list(user)).toEqual(before);
  });

  it('are described in the OpenAPI document', async () => {
    const doc = (
      await api.get<{ paths: Record<string, Record<string, { operationId?: string }>> }>('/api/openapi.json')
    ).body;
    expect(doc.paths['/api/segments/{entity}']?.get?.operationId).toBe('listSegments');
    expect(doc.paths['/api/segments/{entity}/{name}']?.put?.operationId).toBe('saveSegment');
    expect(doc.paths['/api/segments/{entity}/{name}']?.delete?.operationId).toBe('deleteSegment');
  });
});
