/**
 * Bad input on the routes that move a record (events, activities) and read its
 * timeline: each refusal is a precise problem+json and leaves the record as it was.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { expectProblem, snapshot, type RecordSnapshot } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
/** A deal in `negotiation` whose amount is 0, so the WIN guard (amount > 0) says no. */
let stuck: string;
/** A deal in `open` at version 1. */
let fresh: string;
let before: RecordSnapshot[];

async function send(id: string, event: Record<string, unknown>): Promise<RecordView> {
  const reply = await api.post<RecordView>(`/api/records/deal/${id}/events`, event);
  expect(reply.status).toBe(200);
  return reply.body;
}

const states = () => Promise.all([snapshot(api, 'deal', stuck), snapshot(api, 'deal', fresh)]);

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  stuck = (await api.post<RecordView>('/api/records/deal', { data: { title: 'Free trip' } })).body.id;
  await send(stuck, { type: 'PROPOSE', data: { amount: 0 } });
  expect(await send(stuck, { type: 'NEGOTIATE' })).toMatchObject({ state: 'negotiation', version: 3 });
  fresh = (await api.post<RecordView>('/api/records/deal', { data: { title: 'New' } })).body.id;
  before = await states();
});
afterAll(() => server.close());
afterEach(async () => {
  expect(await states()).toEqual(before);
  expect(server.unexpected).toEqual([]);
});

describe('POST /api/records/:entity/:id/events', () => {
  const events = (id: string) => `/api/records/deal/${id}/events`;

  it('refuses malformed JSON and a non-object body', async () => {
    expectProblem(
      await api.post(events(fresh), undefined, { raw: "{type: 'PROPOSE'}" }),
      400,
      'malformed-json',
    );
    expectProblem(await api.post(events(fresh), ['PROPOSE']), 400, 'invalid-request', '/body');
  });

  it('names unknown members, a missing type and a malformed one', async () => {
    expectProblem(
      await api.post(events(fresh), { type: 'LOSE', reason: 'x' }),
      400,
      'invalid-request',
      '/body/reason',
    );
    expectProblem(await api.post(events(fresh), { data: {} }), 400, 'invalid-request', '/body/type');
    expectProblem(
      await api.post(events(fresh), { type: 'xstate.init' }),
      400,
      'invalid-request',
      '/body/type',
    );
    expectProblem(
      await api.post(events(fresh), { type: 'LOSE', version: 0 }),
      400,
      'invalid-request',
      '/body/version',
    );
  });

  it('refuses an unknown entity and an unknown id', async () => {
    expectProblem(await api.post('/api/records/hotel/x/events', { type: 'LOSE' }), 404, 'unknown-entity');
    expectProblem(await api.post(events('no-such-deal'), { type: 'LOSE' }), 404, 'not-found');
  });

  it('refuses an event the stage does not accept, listing the ones it does', async () => {
    const problem = expectProblem(await api.post(events(fresh), { type: 'WIN' }), 409, 'event-not-allowed');
    expect(problem).toMatchObject({ stage: 'open', event: 'WIN' });
    expect((problem.acceptedEvents as string[]).sort()).toEqual(['LOSE', 'PROPOSE', 'TOUCH']);
  });

  it('refuses an event whose guard says no, with the reasons', async () => {
    const problem = expectProblem(await api.post(events(stuck), { type: 'WIN' }), 422, 'guard-refused');
    expect(problem.reasons).toEqual([{ en: 'Amount must be greater than 0', vi: 'Giá trị phải lớn hơn 0' }]);
    // The record offers the event but says why it cannot happen now.
    const record = await api.get<RecordView>(`/api/records/deal/${stuck}`);
    expect(record.body.allowedEvents.find((e) => e.type === 'WIN')).toMatchObject({
      enabled: false,
      reasons: problem.reasons,
    });
  });

  it('refuses to enter a stage without the fields its form requires', async () => {
    const problem = expectProblem(
      await api.post(events(fresh), { type: 'PROPOSE' }),
      422,
      'required-fields-missing',
      '/data/amount',
    );
    expect(problem.missingFields).toEqual(['amount']);
  });

  it('refuses event data that breaks the schema', async () => {
    expectProblem(
      await api.post(events(fresh), { type: 'PROPOSE', data: { amount: -1 } }),
      422,
      'validation-failed',
      '/data/amount',
    );
    expectProblem(
      await api.post(events(fresh), { type: 'TOUCH', data: { note: 'hi' } }),
      422,
      'validation-failed',
      '/data/note',
    );
  });

  it('refuses a stale version', async () => {
    const problem = expectProblem(
      await api.post(events(stuck), { type: 'LOSE', version: 2 }),
      409,
      'version-conflict',
    );
    expect(problem).toMatchObject({ expectedVersion: 2, currentVersion: 3 });
  });

  it('refuses a write without actor', async () => {
    expectProblem(await api.post(events(fresh), { type: 'LOSE' }, { actor: null }), 401, 'unauthenticated');
  });
});

describe('POST /api/records/:entity/:id/activities/:activity', () => {
  const activity = (id: string, name: string) => `/api/records/deal/${id}/activities/${name}`;

  it('refuses malformed JSON, a non-object body, unknown members and a missing done', async () => {
    expectProblem(
      await api.post(activity(fresh, 'sendQuote'), undefined, { raw: '{"done":tru}' }),
      400,
      'malformed-json',
    );
    expectProblem(await api.post(activity(fresh, 'sendQuote'), true), 400, 'invalid-request', '/body');
    expectProblem(
      await api.post(activity(fresh, 'sendQuote'), { done: true, at: 'now' }),
      400,
      'invalid-request',
      '/body/at',
    );
    expectProblem(
      await api.post(activity(fresh, 'sendQuote'), { done: 'yes' }),
      400,
      'invalid-request',
      '/body/done',
    );
    expectProblem(await api.post(activity(fresh, 'sendQuote'), {}), 400, 'invalid-request', '/body/done');
  });

  it('refuses an activity the current stage does not declare', async () => {
    expectProblem(await api.post(activity(fresh, 'sendQuote'), { done: true }), 400, 'invalid-request');
    expectProblem(
      await api.post(activity(fresh, 'bad.name'), { done: true }),
      400,
      'invalid-request',
      '/params/activity',
    );
  });

  it('refuses a stale version, an unknown id and a write without actor', async () => {
    expectProblem(
      await api.post(activity(stuck, 'sendQuote'), { done: true, version: 1 }),
      409,
      'version-conflict',
    );
    expectProblem(await api.post(activity('nope', 'sendQuote'), { done: true }), 404, 'not-found');
    expectProblem(
      await api.post(activity(fresh, 'sendQuote'), { done: true }, { actor: null }),
      401,
      'unauthenticated',
    );
  });
});

describe('GET /api/records/:entity/:id/timeline', () => {
  it('refuses an unknown id, an id of another entity and an unknown entity', async () => {
    expectProblem(await api.get('/api/records/deal/nope/timeline'), 404, 'not-found');
    expectProblem(await api.get(`/api/records/task/${fresh}/timeline`), 404, 'not-found');
    expectProblem(await api.get(`/api/records/hotel/${fresh}/timeline`), 404, 'unknown-entity');
  });
});
