/**
 * Changing a pipeline while people work in it, over HTTP (DESIGN.md decision 12): drafts
 * staff never see, publishing a draft, and migrating live records with a preview first.
 * Admins only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDefinition, MachineConfig } from '../../../engine/definitions/definition.js';
import type { DefinitionDraft } from '../../../engine/definitions/definition-drafts.js';
import type { MigrationJob, MigrationPreview } from '../../../engine/runtime/services/migrations.js';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { expectProblem } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
let deal: EntityDefinition;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  await server.addUser('lan', ['sales']);
  deal = (await api.get<EntityDefinition>('/api/definitions/deal')).body;
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

/** Deal with `proposal` renamed `quote`. */
function renamedProposal(): MachineConfig {
  const machine = structuredClone(deal.machine) as MachineConfig & { states: Record<string, { on?: Record<string, unknown> }> };
  const { proposal, ...rest } = machine.states;
  machine.states = { ...rest, quote: proposal };
  machine.states.open.on = { ...machine.states.open.on, PROPOSE: 'quote' };
  return machine;
}

describe('drafts', () => {
  it('keeps an admin’s draft apart from what staff see, refuses a stale save, and publishes it', async () => {
    const first = await api.put<DefinitionDraft>('/api/definitions/deal/draft', { schema: deal.schema, machine: renamedProposal(), baseVersion: 1 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ entity: 'deal', baseVersion: 1, version: 1, savedBy: 'user:ann' });
    // Staff read the published version only.
    expect((await api.get<EntityDefinition>('/api/definitions/deal', { actor: 'lan' })).body.machine.states).toHaveProperty('proposal');
    expectProblem(await api.get('/api/definitions/deal/draft', { actor: 'lan' }), 403, 'forbidden');
    expect((await api.get<DefinitionDraft[]>('/api/definition-drafts')).body.map((d) => [d.entity, d.version])).toEqual([['deal', 1]]);

    // A second save names the draft version it replaces; a save on an older one is a conflict.
    expect((await api.put<DefinitionDraft>('/api/definitions/deal/draft', { schema: deal.schema, machine: renamedProposal(), baseVersion: 1, version: 1 })).body.version).toBe(2);
    expectProblem(await api.put('/api/definitions/deal/draft', { schema: deal.schema, machine: deal.machine, baseVersion: 1, version: 1 }), 409, 'version-conflict');
    expectProblem(await api.put('/api/definitions/deal/draft', { schema: deal.schema, machine: deal.machine, baseVersion: 1 }), 409, 'version-conflict');
    expectProblem(await api.put('/api/definitions/deal/draft', { schema: deal.schema, baseVersion: 1 }), 400, 'invalid-request', '/body/machine');

    // Publishing saves the version and drops the draft in the same commit.
    const draft = (await api.get<DefinitionDraft>('/api/definitions/deal/draft')).body;
    const published = await api.put<EntityDefinition>('/api/definitions/deal', { schema: draft.schema, machine: draft.machine, baseVersion: draft.baseVersion, summary: 'Rename proposal' });
    expect(published.body.version).toBe(2);
    expect((await api.get('/api/definitions/deal/draft')).status).toBe(204);
  });

  it('throws a draft away only at the version the admin saw', async () => {
    const saved = (await api.put<DefinitionDraft>('/api/definitions/task/draft', { schema: {}, machine: {}, baseVersion: 1 })).body;
    expectProblem(await api.delete(`/api/definitions/task/draft?version=${saved.version + 1}`), 409, 'version-conflict');
    expectProblem(await api.delete('/api/definitions/task/draft'), 400, 'invalid-request', '/query/version');
    expect((await api.delete(`/api/definitions/task/draft?version=${saved.version}`)).status).toBe(204);
    expect((await api.get('/api/definitions/task/draft')).status).toBe(204);
  });
});

describe('migrating records', () => {
  it('previews, then moves records in the background with progress, for admins only', async () => {
    // Records made on version 2 (renamed stage) wait in `quote`; version 3 renames it back.
    const latest = (await api.get<EntityDefinition>('/api/definitions/deal')).body;
    const record = (await api.post<RecordView>('/api/records/deal', { data: { title: 'Ha Long' } })).body;
    await api.post(`/api/records/deal/${record.id}/events`, { type: 'PROPOSE', data: { amount: 5 } });
    const back = await api.put<EntityDefinition>('/api/definitions/deal', { schema: deal.schema, machine: deal.machine, baseVersion: latest.version, summary: 'Back to proposal' });
    expect(back.body.version).toBe(latest.version + 1);

    expectProblem(await api.post('/api/definitions/deal/migrations/preview', { mapping: { quote: 'proposal' } }, { actor: 'lan' }), 403, 'forbidden');
    expectProblem(await api.post('/api/definitions/deal/migrations/preview', { mapping: { quote: 'nowhere' } }), 400, 'invalid-request', '/body/mapping/quote');
    expectProblem(await api.post('/api/definitions/deal/migrations/preview', { mapping: { quote: 3 } }), 400, 'invalid-request', '/body/mapping/quote');
    expectProblem(await api.post('/api/definitions/nope/migrations/preview', {}), 404, 'unknown-entity');

    const unmapped = (await api.post<MigrationPreview>('/api/definitions/deal/migrations/preview', {})).body;
    expect(unmapped).toMatchObject({ toVersion: back.body.version, total: 1, movable: 0, blocked: 1 });
    const preview = await api.post<MigrationPreview>('/api/definitions/deal/migrations/preview', { mapping: { quote: 'proposal' } });
    expect(preview.body).toMatchObject({ total: 1, movable: 1, groups: [{ fromVersion: latest.version, fromStage: 'quote', toStage: 'proposal', count: 1, movable: 1 }] });
    expect(preview.body.records[0]).toMatchObject({ id: record.id, title: 'Ha Long', toStage: 'proposal' });

    const started = await api.post<MigrationJob>('/api/definitions/deal/migrations', { mapping: { quote: 'proposal' } });
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/api/definitions/deal/migrations/${started.body._id}`);
    let job = started.body;
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await api.get<MigrationJob>(`/api/definitions/deal/migrations/${job._id}`)).body;
    }
    expect(job).toMatchObject({ status: 'done', total: 1, moved: 1, skipped: 0 });
    expect((await api.get<MigrationJob[]>('/api/definitions/deal/migrations')).body.map((j) => j._id)).toContain(job._id);
    expect((await api.get<RecordView>(`/api/records/deal/${record.id}`)).body).toMatchObject({ definitionVersion: back.body.version, state: 'proposal' });
    expectProblem(await api.get('/api/definitions/deal/migrations/nope', { actor: 'lan' }), 403, 'forbidden');
    expectProblem(await api.get('/api/definitions/deal/migrations/nope'), 404, 'not-found');
  });
});

describe('record types admins create', () => {
  const visa = (extra: Record<string, unknown> = {}) => ({
    schema: {
      type: 'object',
      'x-labels': { vi: 'Đơn xin visa', en: 'Visa application' },
      'x-group': 'nowhere-yet',
      required: ['title'],
      properties: { title: { type: 'string', 'x-labels': { vi: 'Tiêu đề', en: 'Title' } }, dealId: { type: 'string', 'x-ref': 'deal', 'x-labels': { vi: 'Cơ hội', en: 'Deal' } } },
      ...extra,
    },
    machine: {
      id: 'visa',
      initial: 'open',
      meta: { events: { COMPLETE: { vi: 'Hoàn tất', en: 'Complete' } } },
      states: { open: { meta: { labels: { vi: 'Mới', en: 'New' } }, on: { COMPLETE: 'done' } }, done: { type: 'final', meta: { labels: { vi: 'Xong', en: 'Done' } } } },
    },
  });
  const navigation = async () => (await api.get<{ groups: { id: string; entities: { entity: string }[] }[] }>('/api/navigation', { actor: 'lan' })).body.groups;

  it('appear in the workspace once published, and archived ones take no new records but stay readable', async () => {
    const first = await api.put('/api/definitions/visa', { ...visa(), baseVersion: 0 });
    expect(first.body).toMatchObject({ version: 1 });
    expect((await navigation()).find((g) => g.id === 'other')?.entities.map((e) => e.entity)).toContain('visa');
    const record = await api.post<RecordView>('/api/records/visa', { data: { title: 'Visa Hàn Quốc' } }, { actor: 'lan' });
    expect(record.status).toBe(201);

    expect((await api.put('/api/definitions/visa', { ...visa({ 'x-archived': true }), baseVersion: 1 })).status).toBe(200);
    expect((await navigation()).flatMap((g) => g.entities.map((e) => e.entity))).not.toContain('visa');
    expectProblem(await api.post('/api/records/visa', { data: { title: 'Another' } }, { actor: 'lan' }), 409, 'entity-archived');
    expectProblem(await api.post('/api/records/visa/import', { rows: [{ data: { title: 'Another' } }] }), 409, 'entity-archived');
    expect((await api.get<RecordView>(`/api/records/visa/${record.body.id}`, { actor: 'lan' })).body.data.title).toBe('Visa Hàn Quốc');
    expect((await api.post<RecordView>(`/api/records/visa/${record.body.id}/events`, { type: 'COMPLETE' }, { actor: 'lan' })).body.state).toBe('done');
  });
});
