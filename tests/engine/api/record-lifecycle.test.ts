/**
 * A record walked through its whole pipeline over HTTP only, and optimistic concurrency
 * seen from outside: two writers, one version, one winner.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventLogDoc, RecordView } from '../../../engine/runtime/core/record.js';
import { expectProblem } from './problem-assertions.js';
import { client, type Client, type Reply } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

/** The event types a record offers with their guards passing. */
function enabled(record: RecordView): string[] {
  return record.allowedEvents
    .filter((e) => e.enabled)
    .map((e) => e.type)
    .sort();
}

function expectRecord(
  reply: Reply<RecordView>,
  status: number,
  expected: { state: string; version: number; enabled: string[] },
): RecordView {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('etag')).toBe(`"${expected.version}"`);
  expect({ state: reply.body.state, version: reply.body.version, enabled: enabled(reply.body) }).toEqual(
    expected,
  );
  return reply.body;
}

describe('a deal from open to won, through the API only', () => {
  it('moves stage by stage, bumping the version and offering the next events, and runs the win effect', async () => {
    const created = await api.post<RecordView>('/api/records/deal', {
      data: { title: 'Hotel block, Da Nang' },
    });
    const deal = expectRecord(created, 201, {
      state: 'open',
      version: 1,
      enabled: ['LOSE', 'PROPOSE', 'TOUCH'],
    });
    expect(created.headers.get('location')).toBe(`/api/records/deal/${deal.id}`);
    expect(deal).toMatchObject({
      entity: 'deal',
      definitionVersion: 1,
      status: 'active',
      owner: 'user:ann',
      data: { title: 'Hotel block, Da Nang' },
    });
    const at = `/api/records/deal/${deal.id}`;

    const touched = await api.post<RecordView>(`${at}/events`, { type: 'TOUCH', version: 1 });
    expect(
      expectRecord(touched, 200, { state: 'open', version: 2, enabled: ['LOSE', 'PROPOSE', 'TOUCH'] }).data
        .touches,
    ).toBe(1);

    const proposed = await api.post<RecordView>(`${at}/events`, {
      type: 'PROPOSE',
      data: { amount: 12_000 },
      version: 2,
    });
    expect(
      expectRecord(proposed, 200, { state: 'proposal', version: 3, enabled: ['LOSE', 'NEGOTIATE', 'TOUCH'] })
        .data.amount,
    ).toBe(12_000);

    const quoted = await api.post<RecordView>(`${at}/activities/sendQuote`, { done: true, version: 3 });
    expect(
      expectRecord(quoted, 200, { state: 'proposal', version: 4, enabled: ['LOSE', 'NEGOTIATE', 'TOUCH'] })
        .activitiesDone,
    ).toEqual(['sendQuote']);

    const renamed = await api.patch<RecordView>(at, {
      data: { title: 'Hotel block, Da Nang, 2027' },
      version: 4,
    });
    expect(
      expectRecord(renamed, 200, { state: 'proposal', version: 5, enabled: ['LOSE', 'NEGOTIATE', 'TOUCH'] })
        .data,
    ).toMatchObject({
      title: 'Hotel block, Da Nang, 2027',
      amount: 12_000,
      touches: 1,
    });

    const negotiating = await api.post<RecordView>(`${at}/events`, { type: 'NEGOTIATE', version: 5 });
    const n = expectRecord(negotiating, 200, {
      state: 'negotiation',
      version: 6,
      enabled: ['LOSE', 'TOUCH', 'WIN'],
    });
    expect(n.activitiesDone).toEqual([]);
    expect(Date.parse(String(n.data.negotiationStartedAt))).not.toBeNaN();

    const won = await api.post<RecordView>(`${at}/events`, { type: 'WIN', version: 6 });
    expect(expectRecord(won, 200, { state: 'won', version: 7, enabled: [] }).status).toBe('done');
    expect(won.body.allowedEvents).toEqual([]);

    const read = await api.get<RecordView>(at);
    expect(expectRecord(read, 200, { state: 'won', version: 7, enabled: [] })).toEqual(won.body);

    // The win queued a notify effect; once the outbox has run, the timeline shows it.
    await server.engine.drainOutbox();
    const timeline = await api.get<{ items: EventLogDoc[] }>(`${at}/timeline`);
    expect(timeline.status).toBe(200);
    const steps = timeline.body.items
      .filter((e) => e.kind !== 'effect')
      .map((e) => [e.kind, e.type, e.version, e.actor]);
    expect(steps).toEqual([
      ['created', 'created', 1, 'user:ann'],
      ['event', 'TOUCH', 2, 'user:ann'],
      ['event', 'PROPOSE', 3, 'user:ann'],
      // Entering the proposal stage armed its follow-up reminder; leaving it disarmed it.
      ['reminder', 'reminder.scheduled', 3, 'user:ann'],
      ['activity', 'activity.done', 4, 'user:ann'],
      ['updated', 'updated', 5, 'user:ann'],
      ['event', 'NEGOTIATE', 6, 'user:ann'],
      ['reminder', 'reminder.cancelled', 6, 'user:ann'],
      ['event', 'WIN', 7, 'user:ann'],
    ]);
    const effects = timeline.body.items.filter((e) => e.kind === 'effect');
    expect(effects).toHaveLength(1);
    expect(effects[0]?.effect).toMatchObject({ action: 'notify', attempts: 1 });
    expect(effects[0]?.effect?.error).toBeUndefined();

    // Final means final.
    expectProblem(await api.post(`${at}/events`, { type: 'TOUCH' }), 409, 'event-not-allowed');
  });
});

describe('two writers with the same version', () => {
  async function newDeal(): Promise<string> {
    const reply = await api.post<RecordView>('/api/records/deal', { data: { title: 'Contested' } });
    expect(reply.status).toBe(201);
    return reply.body.id;
  }

  it.each([1, 2, 3])('lets exactly one of two concurrent events win (round %i)', async () => {
    const id = await newDeal();
    const at = `/api/records/deal/${id}`;
    const replies = await Promise.all([
      api.post<RecordView>(
        `${at}/events`,
        { type: 'PROPOSE', data: { amount: 500 }, version: 1 },
        { actor: 'user:ann' },
      ),
      api.post<RecordView>(
        `${at}/events`,
        { type: 'LOSE', data: { lostReason: 'price' }, version: 1 },
        { actor: 'user:bob' },
      ),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = replies.find((r) => r.status === 200) as Reply<RecordView>;
    const loser = replies.find((r) => r.status === 409) as Reply<unknown>;
    const problem = expectProblem(loser, 409, 'version-conflict');
    expect(problem).toMatchObject({ expectedVersion: 1, currentVersion: 2 });

    const stored = await api.get<RecordView>(at);
    expect(stored.body).toEqual(winner.body);
    expect(stored.body.version).toBe(2);
    // Only the winner's data: the loser's field is not there.
    if (stored.body.state === 'proposal')
      expect(stored.body.data).toEqual({ title: 'Contested', amount: 500 });
    else
      expect(stored.body).toMatchObject({ state: 'lost', data: { title: 'Contested', lostReason: 'price' } });
    const timeline = await api.get<{ items: EventLogDoc[] }>(`${at}/timeline`);
    // Only the winner's step: the proposal also armed that stage's reminder.
    const winnerSteps = stored.body.state === 'proposal' ? ['created', 'event', 'reminder'] : ['created', 'event'];
    expect(timeline.body.items.map((e) => e.kind)).toEqual(winnerSteps);
  });

  it('counts a concurrent data change only once', async () => {
    const id = await newDeal();
    const at = `/api/records/deal/${id}`;
    const replies = await Promise.all(
      [1, 2, 3, 4].map(() => api.post(`${at}/events`, { type: 'TOUCH', version: 1 })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const stored = await api.get<RecordView>(at);
    expect(stored.body).toMatchObject({ version: 2, data: { touches: 1 } });
  });
});
