/**
 * The definitions routes: reading, validating and saving versions, the refusals of bad
 * input, and records staying on the version they started with.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../../../engine/definitions/definition.js';
import type { Issue } from '../../../engine/errors.js';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { expectProblem } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
let deal: EntityDefinition;

type Summary = Pick<EntityDefinition, 'entity' | 'version' | 'pack' | 'hash' | 'createdAt'> & {
  labels: unknown;
};

const list = async () => (await api.get<Summary[]>('/api/definitions')).body;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  deal = (await api.get<EntityDefinition>('/api/definitions/deal')).body;
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

/** The deal definition with an `invalid` initial state and an unknown guard. */
function brokenDeal() {
  const machine = structuredClone(deal.machine);
  machine.initial = 'nowhere';
  return { schema: deal.schema, machine, baseVersion: 1 };
}

/** Version 2 of deal: a `currency` field. */
function dealWithCurrency() {
  const properties = {
    ...deal.schema.properties,
    currency: { type: 'string', enum: ['VND', 'USD'], 'x-labels': { vi: 'Tiền tệ', en: 'Currency' } },
  };
  return { schema: { ...deal.schema, properties }, machine: deal.machine, summary: 'Add currency', baseVersion: 1 };
}

describe('reading definitions', () => {
  it('lists the latest version of every entity with its labels', async () => {
    const items = await list();
    expect(items.map((d) => [d.entity, d.version, d.pack])).toEqual([
      ['deal', 1, 'mini-crm'],
      ['inquiry', 1, 'mini-crm'],
      ['task', 1, 'mini-crm'],
    ]);
    expect(items[0]).toMatchObject({ labels: { en: 'Deal', vi: 'Cơ hội bán hàng' }, hash: deal.hash });
  });

  it('returns one definition in full', () => {
    expect(deal).toMatchObject({
      entity: 'deal',
      version: 1,
      machine: { id: 'deal', initial: 'open' },
      schema: { required: ['title'] },
    });
    expect(typeof deal.createdAt).toBe('string');
  });

  it('refuses an unknown entity, an unknown version and a malformed version', async () => {
    expectProblem(await api.get('/api/definitions/hotel'), 404, 'unknown-entity');
    expectProblem(await api.get('/api/definitions/deal?version=9'), 404, 'unknown-entity');
    expectProblem(
      await api.get('/api/definitions/deal?version=-1'),
      400,
      'invalid-request',
      '/query/version',
    );
    expectProblem(await api.get('/api/definitions/de_al'), 400, 'invalid-request', '/params/entity');
  });

  it('lists the registry for the designer', async () => {
    const guards = await api.get<{ name: string; source: string }[]>('/api/guards');
    expect(guards.body.map((g) => g.name)).toEqual(
      expect.arrayContaining(['fieldCompare', 'stageRequiredFieldsPresent']),
    );
    const actions = await api.get<{ name: string; kind: string }[]>('/api/actions');
    expect(actions.body.find((a) => a.name === 'notify')).toMatchObject({ kind: 'effect' });
  });
});

describe('POST /api/definitions/:entity/validate', () => {
  it('answers valid for a valid candidate', async () => {
    const reply = await api.post('/api/definitions/deal/validate', {
      schema: deal.schema,
      machine: deal.machine,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ valid: true, issues: [] });
  });

  it('answers the issues of an invalid candidate as its result, storing nothing', async () => {
    const reply = await api.post<{ valid: boolean; issues: Issue[] }>(
      '/api/definitions/deal/validate',
      brokenDeal(),
    );
    expect(reply.status).toBe(200);
    expect(reply.body.valid).toBe(false);
    expect(reply.body.issues.map((i) => i.pointer)).toContain('/initial');
    expect((await list()).find((d) => d.entity === 'deal')?.version).toBe(1);
  });

  it('refuses malformed JSON, a non-object body, missing and unknown members, and no actor', async () => {
    const at = '/api/definitions/deal/validate';
    expectProblem(await api.post(at, undefined, { raw: '{"schema":{}' }), 400, 'malformed-json');
    expectProblem(await api.post(at, 'deal'), 400, 'invalid-request', '/body');
    expectProblem(await api.post(at, { schema: deal.schema }), 400, 'invalid-request', '/body/machine');
    expectProblem(
      await api.post(at, { schema: deal.schema, machine: deal.machine, version: 3 }),
      400,
      'invalid-request',
      '/body/version',
    );
    expectProblem(
      await api.post(at, { schema: deal.schema, machine: deal.machine }, { actor: null }),
      401,
      'unauthenticated',
    );
  });
});

describe('PUT /api/definitions/:entity refusals', () => {
  afterEach(async () => {
    expect((await list()).map((d) => d.version)).toEqual([1, 1, 1]);
  });

  it('refuses an invalid definition with 422 and every issue', async () => {
    const problem = expectProblem(
      await api.put('/api/definitions/deal', brokenDeal()),
      422,
      'invalid-definition',
      '/initial',
    );
    expect(problem.errors?.length).toBeGreaterThan(0);
  });

  it('refuses malformed JSON, a non-object body, unknown members, a bad name and no actor', async () => {
    expectProblem(
      await api.put('/api/definitions/deal', undefined, { raw: '{"schema":' }),
      400,
      'malformed-json',
    );
    expectProblem(await api.put('/api/definitions/deal', []), 400, 'invalid-request', '/body');
    expectProblem(
      await api.put('/api/definitions/deal', { ...dealWithCurrency(), pack: 'x' }),
      400,
      'invalid-request',
      '/body/pack',
    );
    expectProblem(
      await api.put('/api/definitions/Deal', dealWithCurrency()),
      400,
      'invalid-request',
      '/params/entity',
    );
    expectProblem(
      await api.put('/api/definitions/deal', dealWithCurrency(), { actor: null }),
      401,
      'unauthenticated',
    );
  });
});

describe('saving a new version', () => {
  it('creates version 2; records created before stay on version 1, new ones use version 2', async () => {
    const old = await api.post<RecordView>('/api/records/deal', { data: { title: 'Before' } });
    expect(old.body.definitionVersion).toBe(1);

    const saved = await api.put<EntityDefinition>('/api/definitions/deal', dealWithCurrency());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      entity: 'deal',
      version: 2,
      pack: 'mini-crm',
      summary: 'Add currency',
      createdBy: 'user:ann',
    });
    expect((await api.get<EntityDefinition>('/api/definitions/deal')).body.version).toBe(2);
    expect(
      (await api.get<EntityDefinition>('/api/definitions/deal?version=1')).body.schema.properties?.currency,
    ).toBeUndefined();

    const young = await api.post<RecordView>('/api/records/deal', {
      data: { title: 'After', currency: 'VND' },
    });
    expect(young.status).toBe(201);
    expect(young.body.definitionVersion).toBe(2);

    // The old record is still checked against version 1, which has no currency field …
    expectProblem(
      await api.patch(`/api/records/deal/${old.body.id}`, { data: { currency: 'VND' }, version: 1 }),
      422,
      'validation-failed',
      '/data/currency',
    );
    // … and still moves along version 1's machine.
    const moved = await api.post<RecordView>(`/api/records/deal/${old.body.id}/events`, {
      type: 'PROPOSE',
      data: { amount: 1 },
    });
    expect(moved.body).toMatchObject({ state: 'proposal', definitionVersion: 1 });

    // Saving the same content again is not a new version.
    expect((await api.put<EntityDefinition>('/api/definitions/deal', { ...dealWithCurrency(), baseVersion: 2 })).body.version).toBe(2);

    // A save made on version 1 now would overwrite version 2: a conflict naming who saved it.
    const stale = expectProblem(await api.put('/api/definitions/deal', { ...dealWithCurrency(), summary: 'mine', baseVersion: 1 }), 409, 'version-conflict');
    expect(stale).toMatchObject({ entity: 'deal', baseVersion: 1, latestVersion: 2, savedBy: 'user:ann', summary: 'Add currency' });
    // Without naming a version at all, nothing is saved either.
    expectProblem(await api.put('/api/definitions/deal', { schema: deal.schema, machine: deal.machine }), 400, 'invalid-request', '/body/baseVersion');
    expect((await api.get<EntityDefinition>('/api/definitions/deal')).body.version).toBe(2);
  });

  it('creates a new entity at version 1 that records can use at once', async () => {
    const note = {
      schema: {
        type: 'object',
        'x-labels': { vi: 'Ghi chú', en: 'Note' },
        required: ['text'],
        properties: { text: { type: 'string', 'x-labels': { vi: 'Nội dung', en: 'Text' } } },
      },
      machine: {
        id: 'note',
        initial: 'draft',
        meta: { events: { PUBLISH: { vi: 'Đăng', en: 'Publish' } } },
        states: {
          draft: { meta: { labels: { vi: 'Nháp', en: 'Draft' } }, on: { PUBLISH: 'published' } },
          published: { type: 'final', meta: { labels: { vi: 'Đã đăng', en: 'Published' } } },
        },
      },
    };
    const saved = await api.put<EntityDefinition>('/api/definitions/note', note);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ entity: 'note', version: 1 });
    expect((await list()).map((d) => d.entity)).toContain('note');
    const created = await api.post<RecordView>('/api/records/note', { data: { text: 'hello' } });
    expect(created.body).toMatchObject({ state: 'draft', definitionVersion: 1 });
  });
});
