/**
 * `?include=automations` (issue 11.6–11.7): how many of a record's effects are still to run
 * and how many failed for good, so the record page follows what an event set off and says
 * when an automation did not run.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
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

describe('failed automations, for admins', () => {
  it('lists what failed for good, tells the person whose action set it off, and runs it again or puts it aside', async () => {
    await server.addUser('trang', ['accountant']);
    await server.addUser('minh', ['sales']);
    const contract = (await api.post<RecordView>('/api/records/contract', { data: { title: 'HĐ Sa Pa' } }, { actor: 'root' })).body;
    const payment = (await api.post<RecordView>('/api/records/payment', { data: { kind: 'receipt', amount: 2_000_000, isDeposit: true, contractId: contract.id } }, { actor: 'root' })).body;
    await api.post(`/api/records/payment/${payment.id}/events`, { type: 'PAY', data: { paidAt: '2027-01-05T02:00:00.000Z', method: 'cash' } }, { actor: 'trang' });
    await server.engine.drainOutbox();
    type Letters = { items: { id: string; entity: string; recordId: string; recordTitle?: string; action: string; code?: string; actor: string; error: string }[]; total: number };
    const listed = async () => (await api.get<Letters>('/api/automations/failed', { actor: 'root' })).body;
    await expect.poll(async () => (await listed()).items.some((l) => l.recordId === payment.id), { timeout: 10_000 }).toBe(true);
    const letter = (await listed()).items.find((l) => l.recordId === payment.id);
    expect(letter).toMatchObject({ entity: 'payment', action: 'sendEvent', code: 'event-not-allowed', actor: 'trang' });
    expect(letter?.error).toContain('DEPOSIT_RECEIVED');
    // The accountant who recorded the payment is told, with a link to it.
    const inbox = (await api.get<{ items: { message: { en: string }; link?: { id: string } }[] }>('/api/inbox', { actor: 'trang' })).body.items;
    expect(inbox.some((n) => n.link?.id === payment.id && n.message.en.includes('did not run'))).toBe(true);
    // Only admins see or act on the list.
    expect((await api.get('/api/automations/failed', { actor: 'minh' })).status).toBe(403);
    expect((await api.post(`/api/automations/${letter?.id}/retry`, {}, { actor: 'minh' })).status).toBe(403);

    // Once the contract can take the deposit, running it again works.
    await api.post(`/api/records/contract/${contract.id}/activities/customerReview`, { done: true }, { actor: 'root' });
    const account = (await api.post<RecordView>('/api/records/account', { data: { kind: 'individual', name: 'Lê Hoa' } }, { actor: 'root' })).body;
    const tour = (await api.post<RecordView>('/api/records/tour', { data: { code: 'SP-1', name: 'Sa Pa', departureDate: '2027-03-12' } }, { actor: 'root' })).body;
    const fresh = (await api.get<RecordView>(`/api/records/contract/${contract.id}`, { actor: 'root' })).body;
    const terms = { accountId: account.id, tourId: tour.id, totalValue: 6_000_000, depositAmount: 2_000_000, depositDueDate: '2027-01-20', balanceDueDate: '2027-02-26' };
    await api.patch(`/api/records/contract/${contract.id}`, { data: terms, version: fresh.version }, { actor: 'root' });
    expect((await api.post(`/api/records/contract/${contract.id}/events`, { type: 'SIGN' }, { actor: 'root' })).status).toBe(200);
    expect((await api.post(`/api/automations/${letter?.id}/retry`, {}, { actor: 'root' })).status).toBe(204);
    await server.engine.drainOutbox();
    await expect.poll(async () => (await api.get<RecordView>(`/api/records/contract/${contract.id}`, { actor: 'root' })).body.state, { timeout: 10_000 }).toBe('depositPaid');
    expect((await listed()).items.some((l) => l.id === letter?.id)).toBe(false);
    // Retrying what is no longer failed is 404.
    expect((await api.post(`/api/automations/${letter?.id}/retry`, {}, { actor: 'root' })).status).toBe(404);
  });

  it('puts a failure aside when dismissed, and refuses bad ids and bodies', async () => {
    const contract = (await api.post<RecordView>('/api/records/contract', { data: { title: 'HĐ Huế' } }, { actor: 'root' })).body;
    const payment = (await api.post<RecordView>('/api/records/payment', { data: { kind: 'receipt', amount: 1, isDeposit: true, contractId: contract.id } }, { actor: 'root' })).body;
    await api.post(`/api/records/payment/${payment.id}/events`, { type: 'PAY', data: { paidAt: '2027-01-05T02:00:00.000Z', method: 'cash' } }, { actor: 'root' });
    await server.engine.drainOutbox();
    type Letters = { items: { id: string; recordId: string }[] };
    const find = async () => (await api.get<Letters>('/api/automations/failed', { actor: 'root' })).body.items.find((l) => l.recordId === payment.id);
    await expect.poll(find, { timeout: 10_000 }).toBeDefined();
    const letter = await find();
    expect((await api.post(`/api/automations/${letter?.id}/dismiss`, { why: 'x' }, { actor: 'root' })).status).toBe(400);
    expect((await api.post(`/api/automations/${letter?.id}/dismiss`, {}, { actor: 'root' })).status).toBe(204);
    expect(await find()).toBeUndefined();
    expect((await api.post('/api/automations/bad%20id/retry', {}, { actor: 'root' })).status).toBe(400);
    expect((await api.get('/api/automations/failed?limit=0', { actor: 'root' })).status).toBe(400);
  });
});
