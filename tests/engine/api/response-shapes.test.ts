/**
 * What the server answers is what the OpenAPI document says it answers: a walk through the
 * API (records created, moved and read; users, inbox, reports, definitions, automations,
 * segments, backups; refusals) validates every response body against the schema the
 * document gives for its path, method and status (problems against `Problem`).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type Doc = { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };

let server: TestServer;
let doc: Doc;
let ajv: Ajv2020;
const checked: string[] = [];

/** The documented path (literal segments first) that `path` is an instance of. */
function documentedPath(path: string): string | undefined {
  const segments = path.split('?')[0].split('/');
  const candidates = Object.keys(doc.paths).filter((p) => {
    const d = p.split('/');
    return d.length === segments.length && d.every((seg, i) => seg === segments[i] || /^\{\w+\}$/.test(seg));
  });
  // The most literal match: /api/records/deal/{id} before /api/records/{entity}/{id}.
  return candidates.sort((a, b) => (b.match(/\{/g)?.length ?? 0) - (a.match(/\{/g)?.length ?? 0)).at(-1);
}

function validatorFor(method: string, path: string, status: number, problem: boolean): { where: string; validate: ValidateFunction } {
  const documented = documentedPath(path);
  if (!documented) throw new Error(`${method} ${path} is not in the document`);
  const op = doc.paths[documented][method.toLowerCase()];
  const response = op?.responses?.[String(status)];
  if (!response) throw new Error(`${method} ${documented} documents no ${status} response`);
  const media = problem ? 'application/problem+json' : 'application/json';
  const schema = response.content?.[media]?.schema ?? (problem ? { $ref: '#/components/schemas/Problem' } : undefined);
  if (!schema) throw new Error(`${method} ${documented} ${status} documents no ${media} body`);
  const where = `${method} ${documented} ${status}`;
  // The schema refers to `#/components/...` of the document: it carries them.
  return { where, validate: ajv.compile({ $id: `check:${checked.length}`, components: doc.components, ...schema }) };
}

/** Call the API as the admin and check the body against the document; returns the body. */
async function checkedCall<T = Record<string, unknown>>(method: string, path: string, body?: unknown, actor?: string): Promise<{ status: number; body: T }> {
  const reply = await call<T>(server.url, method, path, { ...(body === undefined ? {} : { body }), ...(actor ? { actor } : {}) });
  const type = reply.headers.get('content-type') ?? '';
  if (reply.status !== 204) {
    const { where, validate } = validatorFor(method, path, reply.status, type.includes('problem+json'));
    checked.push(where);
    expect(validate(reply.body), `${where}: ${JSON.stringify(validate.errors?.slice(0, 3))} in ${JSON.stringify(reply.body).slice(0, 600)}`).toBe(true);
  }
  return { status: reply.status, body: reply.body };
}

beforeAll(async () => {
  server = await startTestServer();
  doc = (await call<Doc>(server.url, 'GET', '/api/openapi.json')).body;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its function is the module or its default (STACK.md).
  const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (a: Ajv2020) => void;
  addFormats(ajv);
});
afterAll(() => server.close());

describe('responses match the documented schemas', () => {
  it('for records: create, read, list, move, tick, hand over, timeline, related, choices', async () => {
    const created = await checkedCall<{ id: string; version: number }>('POST', '/api/records/deal', { data: { title: 'Đoàn Hà Nội 12 khách', amount: 120_000_000 } });
    expect(created.status).toBe(201);
    const at = `/api/records/deal/${created.body.id}`;
    await checkedCall('GET', at);
    await checkedCall('GET', '/api/records/deal?limit=5');
    await checkedCall('GET', `${at}?include=reminders`);
    await checkedCall('POST', `${at}/events`, { type: 'PROPOSE' });
    await checkedCall('GET', `${at}/timeline`);
    await checkedCall('GET', `${at}/related`);
    await checkedCall('POST', `${at}/assign`, { owner: 'user:ann' });
    const refused = await checkedCall('POST', `${at}/events`, { type: 'NOPE' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    await checkedCall('GET', '/api/records/deal/no-such-record');
  });

  it('for the rest of the API a person reaches from the app', async () => {
    for (const path of ['/api/auth/me', '/api/users', '/api/navigation', '/api/definitions', '/api/definitions/deal', '/api/guards', '/api/actions', '/api/inbox', '/api/automations/failed', '/api/reports', '/api/dashboards', '/api/segments/deal', '/api/inbox/upcoming', '/api/conversations', '/api/admin/backups', '/api/assignment-rules', '/api/health']) {
      await checkedCall('GET', path);
    }
  });

  it('for the admin pages: drafts, validation, simulation, history, stage counts, assignment rules', async () => {
    const { body: definition } = await checkedCall<{ schema: unknown; machine: unknown }>('GET', '/api/definitions/deal');
    const draft = { schema: definition.schema, machine: definition.machine };
    await checkedCall('POST', '/api/definitions/deal/validate', draft);
    const run = await checkedCall<{ steps: { ok: boolean }[] }>('POST', '/api/definitions/deal/simulate', {
      ...draft,
      data: { title: 'Đoàn Đà Nẵng', amount: 50_000_000 },
      events: [{ type: 'PROPOSE' }, { type: 'NOPE' }],
    });
    expect(run.body.steps.map((s) => s.ok)).toEqual([true, false]);
    await checkedCall('PUT', '/api/definitions/deal/draft', { ...draft, baseVersion: 1 });
    await checkedCall('GET', '/api/definitions/deal/draft');
    await checkedCall('GET', '/api/definition-drafts');
    await checkedCall('GET', '/api/definitions/deal/history');
    await checkedCall('GET', '/api/definitions/deal/stage-counts');
    const rule = { id: 'sales-deals', labels: { vi: 'Chia đều', en: 'In turn' }, entity: 'deal', strategy: 'round-robin', role: 'sales' };
    const saved = await checkedCall<{ rules: unknown[] }>('PUT', '/api/assignment-rules', { rules: [rule], version: 0 });
    expect(saved.body.rules).toEqual([rule]);
  });

  it('checked something of each kind', () => {
    expect(checked.length).toBeGreaterThan(25);
    expect(checked.some((c) => c.endsWith(' 404'))).toBe(true);
  });
});
