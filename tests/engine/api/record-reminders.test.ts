/**
 * Reminder status over HTTP: `?include=reminders` on record reads and
 * `GET /api/inbox/upcoming`. No scheduler runs here, so a reminder past due stays armed:
 * it must show as overdue all the same. Bad input is a precise problem+json.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import type { RecordReminders } from '../../../engine/runtime/read/record-reminders.js';
import type { UpcomingReminders } from '../../../engine/runtime/read/upcoming-reminders.js';
import { choreMachine, choreSchema, NUDGE } from '../scheduler/chore-definition.js';
import { expectProblem } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

type WithReminders = RecordView & { reminders?: RecordReminders };

let server: TestServer;
let api: Client;
let chore: RecordView;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  expect(
    (
      await api.put(
        '/api/definitions/chore',
        { schema: choreSchema, machine: choreMachine() },
        { actor: 'user:admin' },
      )
    ).status,
  ).toBe(200);
  chore = (
    await api.post<RecordView>(
      '/api/records/chore',
      { data: { title: 'Call the hotel' } },
      { actor: 'user:lan' },
    )
  ).body;
  // Past the first reminder's due time; nothing fires it here.
  await new Promise((resolve) => setTimeout(resolve, 150));
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

describe('GET /api/records/:entity?include=reminders', () => {
  it('adds each record’s overdue reminders and the next one armed', async () => {
    const page = await api.get<{ items: WithReminders[] }>('/api/records/chore?include=reminders');
    expect(page.status).toBe(200);
    const [item] = page.body.items;
    expect(item?.stageEnteredAt).toBe(chore.createdAt);
    const due = Date.parse(chore.createdAt) + 100;
    expect(item?.reminders).toEqual({
      overdue: [{ id: 'nudge', stage: 'open', labels: NUDGE, at: new Date(due).toISOString() }],
      next: {
        id: 'later',
        stage: 'open',
        labels: { en: 'Call back within the hour', vi: 'Call back within the hour (vi)' },
        dueAt: new Date(due - 100 + 3_600_000).toISOString(),
      },
    });

    const one = await api.get<WithReminders>(`/api/records/chore/${chore.id}?include=reminders`);
    expect(one.status).toBe(200);
    expect(one.body.reminders).toEqual(item?.reminders);
    expect(one.headers.get('etag')).toBe(`"${chore.version}"`);
  });

  it('adds nothing unless asked', async () => {
    const page = await api.get<{ items: WithReminders[] }>('/api/records/chore');
    expect(page.body.items[0]).not.toHaveProperty('reminders');
    expect((await api.get<WithReminders>(`/api/records/chore/${chore.id}`)).body).not.toHaveProperty(
      'reminders',
    );
  });

  it('refuses an unknown, empty or repeated include, naming /query/include', async () => {
    for (const query of [
      'include=owner',
      'include=',
      'include=reminders,timeline',
      'include=reminders&include=reminders',
    ]) {
      const list = await api.get(`/api/records/chore?${query}`);
      expect(expectProblem(list, 400, 'invalid-request', '/query/include').detail).toContain(
        '/query/include',
      );
      expectProblem(
        await api.get(`/api/records/chore/${chore.id}?${query}`),
        400,
        'invalid-request',
        '/query/include',
      );
    }
    expect((await api.get('/api/records/chore?include=owner')).body).toMatchObject({
      errors: [{ pointer: '/query/include', message: 'names "owner": each must be one of reminders, automations' }],
    });
    // The single read takes no other parameter either.
    expectProblem(
      await api.get(`/api/records/chore/${chore.id}?expand=all`),
      400,
      'invalid-request',
      '/query/expand',
    );
  });
});

describe('GET /api/inbox/upcoming', () => {
  it('lists the actor’s reminders due by the end of today, with the day’s bounds', async () => {
    const mai = await api.post<RecordView>(
      '/api/records/chore',
      { data: { title: 'Mai’s' } },
      { actor: 'user:mai' },
    );
    expect(mai.status).toBe(201);
    const reply = await api.get<UpcomingReminders>('/api/inbox/upcoming', { actor: 'user:lan' });
    expect(reply.status).toBe(200);
    const { items, today } = reply.body;
    expect(today.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(Date.parse(today.start)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(today.end)).toBeGreaterThan(Date.now());
    // The past-due `nudge` always; `later` (1 h) only when the day has an hour left; never `tomorrow`.
    expect(items[0]).toEqual({
      id: 'nudge',
      stage: 'open',
      labels: NUDGE,
      dueAt: new Date(Date.parse(chore.createdAt) + 100).toISOString(),
      link: { entity: 'chore', id: chore.id },
    });
    const later = Date.parse(chore.createdAt) + 3_600_000 < Date.parse(today.end);
    expect(items.map((i) => i.id)).toEqual(later ? ['nudge', 'later'] : ['nudge']);
    expect(items.every((i) => i.link.id === chore.id)).toBe(true);
  });

  it('needs the actor, and takes only the number of days (1 to 31)', async () => {
    for (const days of ['0', '32', 'x'])
      expectProblem(await api.get(`/api/inbox/upcoming?days=${days}`, { actor: 'user:lan' }), 400, 'invalid-request', '/query/days');
    expect((await api.get('/api/inbox/upcoming?days=7', { actor: 'user:lan' })).status).toBe(200);
    expectProblem(await api.get('/api/inbox/upcoming', { actor: null }), 401, 'unauthenticated');
    expectProblem(
      await api.get('/api/inbox/upcoming?limit=5', { actor: 'user:lan' }),
      400,
      'invalid-request',
      '/query/limit',
    );
  });

  it('is documented, with the include parameter and the record’s reminders', async () => {
    type Doc = {
      paths: Record<string, Record<string, { parameters?: { name?: string }[] }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const doc = (await api.get<Doc>('/api/openapi.json')).body;
    expect(doc.paths['/api/inbox/upcoming']?.get).toBeDefined();
    expect(doc.paths['/api/records/chore']?.get?.parameters?.map((p) => p.name)).toContain('include');
    expect(doc.paths['/api/records/chore/{id}']?.get?.parameters?.map((p) => p.name)).toContain('include');
    expect(Object.keys(doc.components.schemas.ChoreRecord?.properties ?? {})).toEqual(
      expect.arrayContaining(['stageEnteredAt', 'reminders']),
    );
    expect(doc.components.schemas.RecordReminders).toBeDefined();
  });
});
