/**
 * The travel CRM pack behind the real HTTP API (the API tests' server, on an embedded
 * store in a fresh directory), with a client that speaks the pack's language: create a
 * record, send it an event, tick an activity, and wait for the records that automations
 * create after commit.
 */
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Engine } from '../../../engine/runtime/engine-port.js';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { client, type Client } from '../../engine/api/test-client.js';
import { startTestServer } from '../../engine/api/test-server.js';

export const TRAVEL_CRM = fileURLToPath(new URL('../../../definitions/travel-crm/', import.meta.url));

type Data = Record<string, unknown>;

export interface TravelApi {
  http: Client;
  /** The engine itself: what channels, timers and automations send through (system actors). */
  engine: Engine;
  /** Errors the API logged as unexpected (each a 500 to some client). */
  unexpected: Error[];
  create(entity: string, data: Data, actor?: string): Promise<RecordView>;
  /** Send an event as `actor`: over HTTP for a person, through the engine for a `system:` actor (facts from outside). */
  send(
    entity: string,
    id: string,
    type: string,
    body?: { data?: Data; payload?: Data },
    actor?: string,
  ): Promise<RecordView>;
  /** Send an event that must be refused; returns the problem body. */
  refuse(entity: string, id: string, type: string, body?: { data?: Data; payload?: Data }): Promise<Data>;
  done(entity: string, id: string, ...activities: string[]): Promise<RecordView>;
  get(entity: string, id: string): Promise<RecordView>;
  list(entity: string, filter: Data): Promise<RecordView[]>;
  /** Poll until `count` records match (automations run after commit), and return them. */
  waitFor(entity: string, filter: Data, count?: number): Promise<RecordView[]>;
  /** Poll until the record reaches `state`. */
  waitForState(entity: string, id: string, state: string): Promise<RecordView>;
  /** Poll until the record satisfies `test`. */
  waitUntil(entity: string, id: string, test: (record: RecordView) => boolean): Promise<RecordView>;
  close(): Promise<void>;
}

export async function startTravelServer(): Promise<TravelApi> {
  const server = await startTestServer({ packDir: TRAVEL_CRM });
  const http = client(server.url);
  const { unexpected } = server;

  const ok = (reply: { status: number; body: unknown }, what: string): RecordView => {
    expect(reply.status, `${what}: ${JSON.stringify(reply.body)}`).toBeLessThan(300);
    return reply.body as RecordView;
  };
  const list = async (entity: string, filter: Data) => {
    const reply = await http.get<{ items: RecordView[] }>(
      `/api/records/${entity}?limit=500&filter=${encodeURIComponent(JSON.stringify(filter))}`,
    );
    expect(reply.status).toBe(200);
    return reply.body.items;
  };
  const poll = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    // Generous: effects run after commit, and a loaded CI machine can be slow to get there.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const found = await probe();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`Timed out waiting for ${what}`);
  };
  const api: TravelApi = {
    http,
    engine: server.engine,
    unexpected,
    create: async (entity, data, actor = 'user:sales.minh') =>
      ok(await http.post(`/api/records/${entity}`, { data }, { actor }), `create ${entity}`),
    send: async (entity, id, type, body = {}, actor = 'user:sales.minh') =>
      actor.startsWith('system:')
        ? server.engine.send(entity, id, { type, ...body }, actor)
        : ok(await http.post(`/api/records/${entity}/${id}/events`, { type, ...body }, { actor }), `${entity} ${type}`),
    async refuse(entity, id, type, body = {}) {
      const reply = await http.post<Data>(`/api/records/${entity}/${id}/events`, { type, ...body });
      expect(reply.status, JSON.stringify(reply.body)).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      return reply.body;
    },
    async done(entity, id, ...activities) {
      let record: RecordView | undefined;
      for (const activity of activities) {
        record = ok(
          await http.post(`/api/records/${entity}/${id}/activities/${activity}`, { done: true }),
          `${entity} activity ${activity}`,
        );
      }
      if (!record) throw new Error('no activity named');
      return record;
    },
    get: async (entity, id) => ok(await http.get(`/api/records/${entity}/${id}`), `get ${entity}`),
    list,
    waitFor: (entity, filter, count = 1) =>
      poll(`${count} ${entity} matching ${JSON.stringify(filter)}`, async () => {
        const items = await list(entity, filter);
        return items.length >= count ? items : undefined;
      }),
    waitForState: (entity, id, state) => api.waitUntil(entity, id, (record) => record.state === state),
    waitUntil: (entity, id, test) =>
      poll(`${entity} ${id} to change`, async () => {
        const record = await api.get(entity, id);
        return test(record) ? record : undefined;
      }),
    close: () => server.close(),
  };
  return api;
}
