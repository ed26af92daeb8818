/**
 * `?include=automations` (issue 11.6–11.7): how many of a record's effects are still to run
 * and how many failed for good, so the record page follows what an event set off and says
 * when an automation did not run.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/record.js';
import { TRAVEL_CRM } from '../runtime/travel-chain.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
type Followed = RecordView & { automations: { pending: number; failed: number } };

beforeAll(async () => {
  server = await startTestServer({ packDir: TRAVEL_CRM });
  api = client(server.url);
  await server.addUser('root', ['admin']);
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

describe('a record with its automations', () => {
  it('has none pending once they ran, and counts one that failed for good', async () => {
    const as = { actor: 'root' };
    // A deposit on a contract still in draft: telling the contract fails (a draft takes no
    // deposit), and stays failed.
    const contract = (await api.post<RecordView>('/api/records/contract', { data: { title: 'HĐ nháp' } }, as)).body;
    const payment = (await api.post<RecordView>('/api/records/payment', { data: { kind: 'receipt', amount: 1_000_000, isDeposit: true, contractId: contract.id } }, as)).body;
    const fresh = await api.get<Followed>(`/api/records/payment/${payment.id}?include=automations`, as);
    expect(fresh.body.automations, JSON.stringify(fresh.body)).toEqual({ pending: 0, failed: 0 });
    const paid = await api.post(`/api/records/payment/${payment.id}/events`, { type: 'PAY', data: { paidAt: '2027-01-05T02:00:00.000Z', method: 'cash' } }, as);
    expect(paid.status).toBe(200);
    await server.engine.drainOutbox();
    await expect
      .poll(async () => (await api.get<Followed>(`/api/records/payment/${payment.id}?include=automations`, as)).body.automations, { timeout: 10_000 })
      .toEqual({ pending: 0, failed: 1 });
    // A list can ask too.
    const page = await api.get<{ items: Followed[] }>(`/api/records/payment?include=automations&filter=${encodeURIComponent(JSON.stringify({ _id: payment.id }))}`, as);
    expect(page.body.items[0]?.automations).toEqual({ pending: 0, failed: 1 });
  });
});
