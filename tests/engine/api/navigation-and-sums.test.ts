/**
 * Navigation by the business and board totals (issue 11.8) over HTTP on the travel CRM:
 * the pack's groups in the order of the flow, and a list's `sum` of a number field over
 * every record the filter selects, scoped to the reader.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NavigationView } from '../../../engine/runtime/read/navigation.js';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { TRAVEL_CRM } from '../runtime/travel-chain.js';
import { expectProblem } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;

beforeAll(async () => {
  server = await startTestServer({ packDir: TRAVEL_CRM });
  api = client(server.url);
  await server.addUser('minh', ['sales']);
  await server.addUser('lan', ['sales']);
  await server.addUser('root', ['admin']);
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

describe('navigation', () => {
  it('groups the record types by the business, in the order of the flow', async () => {
    const reply = await api.get<NavigationView>('/api/navigation', { actor: 'minh' });
    expect(reply.status).toBe(200);
    expect(reply.body.groups.map((g) => g.labels.en)).toEqual(['Marketing', 'Sales', 'Operations', 'Customer care', 'Management']);
    expect(reply.body.groups[0]?.entities.map((e) => e.entity)).toEqual(['campaign', 'target', 'lead', 'conversation']);
    expect(reply.body.groups[1]?.entities[0]).toEqual({ entity: 'opportunity', labels: { vi: 'Cơ hội bán hàng', en: 'Opportunity' } });
    expect(reply.body.groups.flatMap((g) => g.entities)).toHaveLength(20);
  });
});

describe('a list with a sum', () => {
  const opportunity = async (title: string, budget: number, owner: string) =>
    (await api.post<RecordView>('/api/records/opportunity', { data: { title, budget }, owner }, { actor: 'root' })).body;
  const sum = async (query: string, actor: string) =>
    api.get<{ total: number; sum: number; items: unknown[] }>(`/api/records/opportunity?${query}`, { actor });

  it('totals the field over every record selected, not only the page, and only what the reader sees', async () => {
    await opportunity('Hạ Long', 10_000_000, 'minh');
    await opportunity('Sa Pa', 5_000_000, 'minh');
    await opportunity('Phú Quốc', 7_000_000, 'lan');
    const all = await sum('sum=budget&limit=1', 'root');
    expect([all.body.total, all.body.sum, all.body.items.length]).toEqual([3, 22_000_000, 1]);
    expect((await sum('sum=budget', 'minh')).body.sum).toBe(15_000_000);
    const filter = encodeURIComponent(JSON.stringify({ 'data.budget': { $gt: 6_000_000 } }));
    expect((await sum(`sum=budget&filter=${filter}`, 'root')).body.sum).toBe(17_000_000);
    expect((await sum(`sum=amount&filter=${filter}`, 'root')).body.sum).toBe(0);
    expect('sum' in (await sum('limit=1', 'root')).body).toBe(false);
  });

  it.each([['sum=title'], ['sum=ghost'], ['sum=data.budget'], ['sum=']])('refuses %s at /query/sum', async (query) => {
    const reply = await sum(query, 'root');
    expectProblem(reply, 400, 'invalid-request');
    expect(JSON.stringify(reply.body)).toContain('/query/sum');
  });
});
