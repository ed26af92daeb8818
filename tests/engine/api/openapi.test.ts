/** The OpenAPI document is generated from the definitions the engine holds. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../../../engine/definitions/definition.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;

interface OpenApi {
  openapi: string;
  info: { title: string; version: string; 'x-definition-versions': Record<string, number> };
  security: unknown;
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

const fetchDoc = async () => {
  const reply = await api.get<OpenApi>('/api/openapi.json');
  expect(reply.status).toBe(200);
  return reply.body;
};

/** Every `$ref` in the document, with where it is. */
function refs(value: unknown, at = '#', found: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) value.forEach((v, i) => refs(v, `${at}/${i}`, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push([at, v]);
      else refs(v, `${at}/${k}`, found);
    }
  }
  return found;
}

function resolve(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, token) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[token] : undefined,
      doc,
    );
}

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with the paths and data schemas of every entity', async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('tourflow API');
    expect(doc.info['x-definition-versions']).toEqual({ deal: 1, inquiry: 1, task: 1 });
    for (const [entity, name] of [
      ['deal', 'Deal'],
      ['inquiry', 'Inquiry'],
      ['task', 'Task'],
    ]) {
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          `/api/records/${entity}`,
          `/api/records/${entity}/{id}`,
          `/api/records/${entity}/{id}/events`,
          `/api/records/${entity}/{id}/activities/{activity}`,
          `/api/records/${entity}/{id}/timeline`,
          `/api/records/${entity}/{id}/related`,
        ]),
      );
      const definition = (await api.get<EntityDefinition>(`/api/definitions/${entity}`)).body;
      expect(doc.components.schemas[`${name}Data`]).toEqual(definition.schema);
    }
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/definitions',
        '/api/definitions/{entity}',
        '/api/definitions/{entity}/validate',
        '/api/guards',
        '/api/actions',
        '/api/auth/login',
        '/api/auth/logout',
        '/api/auth/me',
        '/api/users',
        '/api/users/{id}',
      ]),
    );
    // Sessions everywhere, but signing in and the health check need none.
    expect(doc.security).toEqual([{ bearer: [] }, { sessionCookie: [] }]);
    expect(doc.paths['/api/auth/login']?.post).toMatchObject({ security: [] });
    expect(doc.paths['/api/health']?.get).toMatchObject({ security: [] });
  });

  it('lists the machine events as the enum of the event body type, and the stage activities', async () => {
    const doc = await fetchDoc();
    const event = doc.components.schemas.DealEvent as { properties: { type: { enum: string[] } } };
    expect(event.properties.type.enum).toEqual(['LOSE', 'NEGOTIATE', 'PROPOSE', 'TOUCH', 'WIN']);
    const activityPath = doc.paths['/api/records/deal/{id}/activities/{activity}'] as unknown as {
      parameters: { name: string; schema: unknown }[];
    };
    expect(activityPath.parameters.find((p) => p.name === 'activity')?.schema).toEqual({
      enum: ['followUpCall', 'sendQuote'],
    });
  });

  it('resolves every $ref, names each operation once, and describes errors as Problem', async () => {
    const doc = await fetchDoc();
    const dangling = refs(doc).filter(([, ref]) => resolve(doc, ref) === undefined);
    expect(dangling).toEqual([]);
    const operations = Object.values(doc.paths).flatMap((item) =>
      Object.entries(item).filter(([method]) => method !== 'parameters'),
    );
    const ids = operations.map(([, op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, op] of operations) expect(op.responses).toBeDefined();
    expect(doc.components.schemas.Problem).toMatchObject({
      required: ['type', 'title', 'status', 'detail', 'instance'],
    });
    expect(doc.paths['/api/records/deal/{id}/events']?.post?.responses?.['409']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  });

  it('follows a new definition version', async () => {
    const deal = (await api.get<EntityDefinition>('/api/definitions/deal')).body;
    const machine = structuredClone(deal.machine);
    machine.states.open = { ...machine.states.open, on: { ...machine.states.open?.on, PARK: 'lost' } };
    machine.meta = {
      ...machine.meta,
      events: { ...machine.meta?.events, PARK: { vi: 'Tạm dừng', en: 'Park' } },
    };
    expect((await api.put('/api/definitions/deal', { schema: deal.schema, machine, baseVersion: 1 })).status).toBe(200);
    const doc = await fetchDoc();
    expect(doc.info['x-definition-versions'].deal).toBe(2);
    expect(
      (doc.components.schemas.DealEvent as { properties: { type: { enum: string[] } } }).properties.type.enum,
    ).toContain('PARK');
  });
});
