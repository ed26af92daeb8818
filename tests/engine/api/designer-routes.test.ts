/**
 * The designer's extra routes: a definition's versions, records per stage, and dry runs
 * of a candidate definition that store nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../../../engine/definitions/definition.js';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import type { SimulationResult } from '../../../engine/runtime/core/simulate-definition.js';
import { expectProblem, snapshot } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
let deal: EntityDefinition;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  deal = (await api.get<EntityDefinition>('/api/definitions/deal')).body;
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

const simulate = (body: Record<string, unknown>) =>
  api.post<SimulationResult>('/api/definitions/deal/simulate', {
    schema: deal.schema,
    machine: deal.machine,
    ...body,
  });

describe('GET /api/definitions/:entity/history', () => {
  it('lists every version newest first, with who saved it and the summary', async () => {
    const machine = structuredClone(deal.machine);
    machine.states.open = {
      ...machine.states.open,
      meta: { ...machine.states.open.meta, position: { x: 10, y: 20 } },
    };
    await api.put('/api/definitions/deal', { schema: deal.schema, machine, summary: 'Move the open stage', baseVersion: 1 });
    const reply = await api.get<{ version: number; summary?: string; createdBy: string; schema?: unknown }[]>(
      '/api/definitions/deal/history',
    );
    expect(reply.status).toBe(200);
    expect(reply.body.map((v) => [v.version, v.summary, v.createdBy])).toEqual([
      [2, 'Move the open stage', 'user:ann'],
      [1, undefined, 'system:test'],
    ]);
    expect(reply.body[0]?.schema).toBeUndefined();
  });

  it('refuses an unknown entity and a malformed name', async () => {
    expectProblem(await api.get('/api/definitions/hotel/history'), 404, 'unknown-entity');
    expectProblem(await api.get('/api/definitions/Ho_tel/history'), 400, 'invalid-request', '/params/entity');
  });
});

describe('GET /api/definitions/:entity/stage-counts', () => {
  it('counts records per stage and definition version', async () => {
    const empty = await api.get<{ total: number; counts: unknown[] }>('/api/definitions/task/stage-counts');
    expect(empty.body).toEqual({ entity: 'task', total: 0, counts: [] });
    const a = await api.post<RecordView>('/api/records/task', { data: { title: 'a' } });
    await api.post('/api/records/task', { data: { title: 'b' } });
    await api.post(`/api/records/task/${a.body.id}/events`, { type: 'START' });
    const reply = await api.get('/api/definitions/task/stage-counts');
    expect(reply.body).toEqual({
      entity: 'task',
      total: 2,
      counts: [
        { stage: 'doing', version: 1, count: 1, live: 1 },
        { stage: 'todo', version: 1, count: 1, live: 1 },
      ],
    });
    expectProblem(await api.get('/api/definitions/hotel/stage-counts'), 404, 'unknown-entity');
  });
});

describe('POST /api/definitions/:entity/simulate', () => {
  it('creates, refuses a guarded event with its reason, then passes it once the data allows', async () => {
    const before = await snapshot(api, 'deal');
    const reply = await simulate({
      data: { title: 'Tour Đà Lạt' },
      events: [
        { type: 'PROPOSE', data: { amount: 0 } },
        { type: 'NEGOTIATE' },
        { type: 'WIN' },
        { type: 'TOUCH' },
      ],
    });
    expect(reply.status).toBe(200);
    const { start, steps } = reply.body;
    expect(start).toMatchObject({ ok: true, created: true, to: 'open' });
    expect(start.record.allowedEvents.map((e) => e.type).sort()).toEqual(['LOSE', 'PROPOSE', 'TOUCH']);

    expect(steps[0]).toMatchObject({ ok: true, from: 'open', to: 'proposal', changed: ['amount'] });
    expect(steps[0]?.reminders.map((r) => r.id)).toEqual(['proposalFollowUp']);
    expect(steps[1]).toMatchObject({ ok: true, to: 'negotiation', changed: ['negotiationStartedAt'] });
    expect(steps[1]?.guards).toEqual([{ guard: 'stageRequiredFieldsPresent', ok: true }]);

    // amount is 0: the WIN guard refuses, with a reason in both languages; the record stays.
    expect(steps[2]).toMatchObject({
      ok: false,
      from: 'negotiation',
      to: 'negotiation',
      error: { code: 'guard-refused' },
    });
    expect(steps[2]?.error?.reasons).toEqual([
      { en: 'Amount must be greater than 0', vi: 'Giá trị phải lớn hơn 0' },
    ]);
    expect(steps[2]?.guards[0]).toMatchObject({ guard: 'fieldCompare', ok: false });

    expect(steps[3]).toMatchObject({ ok: true, to: 'negotiation', changed: ['touches'] });
    expect(steps[3]?.record.data.touches).toBe(1);
    // Nothing was stored.
    expect(await snapshot(api, 'deal')).toEqual(before);
  });

  it('plans effects, reports missing required fields, activity steps and unknown events', async () => {
    const { steps } = (
      await simulate({
        data: { title: 'T', amount: 5 },
        stateValue: 'negotiation',
        events: [{ type: 'FLY' }, { activity: 'nope', done: true }, { type: 'WIN' }, { type: 'LOSE' }],
      })
    ).body;
    expect(steps.map((s) => [s.ok, s.error?.code])).toEqual([
      [false, 'event-not-allowed'],
      [false, 'invalid-request'],
      [true, undefined],
      [false, 'event-not-allowed'],
    ]);
    expect(steps[2]?.effects).toEqual([
      {
        action: 'notify',
        params: {
          to: 'owner',
          message: { vi: 'Chúc mừng: cơ hội đã thắng', en: 'Congratulations: the deal is won' },
        },
      },
    ]);
    expect(steps[2]?.record.status).toBe('done');

    const missing = (
      await simulate({
        data: { title: 'T' },
        events: [{ type: 'PROPOSE' }, { activity: 'sendQuote', done: true }],
      })
    ).body;
    expect(missing.steps[0]).toMatchObject({
      ok: false,
      error: { code: 'required-fields-missing', missingFields: ['amount'] },
    });
    expect(missing.steps[1]).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('simulates the candidate, not the stored version, and starts from a given stage', async () => {
    const machine = structuredClone(deal.machine);
    machine.states.open.on = { ...machine.states.open.on, PARK: 'lost' };
    machine.meta = {
      ...machine.meta,
      events: { ...machine.meta?.events, PARK: { vi: 'Tạm dừng', en: 'Park' } },
    };
    const reply = await api.post<SimulationResult>('/api/definitions/deal/simulate', {
      schema: deal.schema,
      machine,
      data: { title: 'T' },
      events: [{ type: 'PARK' }],
    });
    expect(reply.body.steps[0]).toMatchObject({ ok: true, to: 'lost' });
    const start = await simulate({
      data: { title: 'T' },
      stateValue: 'proposal',
      activitiesDone: ['sendQuote'],
      events: [],
    });
    expect(start.body.start).toMatchObject({
      ok: true,
      created: false,
      to: 'proposal',
      record: { activitiesDone: ['sendQuote'] },
    });
  });

  it('starts in a sub-stage given as a path or a state value; a stage with sub-stages starts in its first', async () => {
    const machine = structuredClone(deal.machine);
    const { proposal, negotiation } = machine.states;
    machine.states = {
      open: { ...machine.states.open, on: { PROPOSE: 'active', LOSE: 'lost' } },
      active: {
        initial: 'proposal',
        meta: { labels: { vi: 'Đang bán', en: 'Active' } },
        states: {
          proposal: { ...proposal, on: { NEGOTIATE: 'negotiation' } },
          negotiation: { ...negotiation, on: { WIN: { target: '#deal.won' }, LOSE: '#deal.lost' } },
        },
      },
      won: machine.states.won,
      lost: machine.states.lost,
    };
    const run = (stateValue: unknown) =>
      api.post<SimulationResult>('/api/definitions/deal/simulate', {
        schema: deal.schema,
        machine,
        data: { title: 'T', amount: 3 },
        stateValue,
        events: [{ type: 'WIN' }],
      });
    for (const given of ['active.negotiation', { active: 'negotiation' }]) {
      const reply = await run(given);
      expect(reply.status).toBe(200);
      expect(reply.body.start).toMatchObject({
        ok: true,
        to: 'active.negotiation',
        record: { stateValue: { active: 'negotiation' } },
      });
      expect(reply.body.steps[0]).toMatchObject({ ok: true, from: 'active.negotiation', to: 'won' });
    }
    expect((await run('active')).body.start).toMatchObject({ to: 'active.proposal' });
    expectProblem(await run('active.nowhere'), 400, 'invalid-request', '/body/stateValue');
  });

  it('refuses an invalid candidate, an unknown start stage and malformed input', async () => {
    const machine = { ...deal.machine, initial: 'nowhere' };
    expectProblem(
      await api.post('/api/definitions/deal/simulate', {
        schema: deal.schema,
        machine,
        data: {},
        events: [],
      }),
      422,
      'invalid-definition',
      '/initial',
    );
    expectProblem(
      await simulate({ data: { title: 'T' }, stateValue: 'limbo', events: [] }),
      400,
      'invalid-request',
      '/body/stateValue',
    );
    expectProblem(await simulate({ data: { title: 'T' } }), 400, 'invalid-request', '/body/events');
    expectProblem(
      await simulate({ data: { title: 'T' }, events: [{ type: 'xstate.init' }] }),
      400,
      'invalid-request',
    );
    expectProblem(
      await api.post('/api/definitions/deal/simulate', {}, { actor: null }),
      401,
      'unauthenticated',
    );
  });

  it('reports data that does not match the schema at the start', async () => {
    const { start, steps } = (await simulate({ data: { title: 5 }, events: [{ type: 'PROPOSE' }] })).body;
    expect(start).toMatchObject({ ok: false, error: { code: 'validation-failed' } });
    expect(steps).toEqual([]);
  });
});
