/**
 * Field roles (issue 11.2) over HTTP on the travel CRM: computed fields worked out by the
 * engine on every write (a quote line's amount, the quote's total, a contract's balance and
 * what is still owed), read-only and computed fields refused when a person writes them
 * (with nothing changed), fields a stage locks, and final stages read-only except for admins.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { TRAVEL_CRM } from '../runtime/travel-chain.js';
import { expectProblem } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
let product: RecordView;

beforeAll(async () => {
  server = await startTestServer({ packDir: TRAVEL_CRM });
  api = client(server.url);
  await server.addUser('minh', ['sales']);
  await server.addUser('lan', ['marketing']);
  await server.addUser('root', ['admin']);
  const created = await api.post<RecordView>('/api/records/product', { data: { code: 'HL', name: 'Hạ Long', kind: 'tour' } }, { actor: 'root' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  product = created.body;
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

const line = (quantity: number, unitPrice: number) => ({ productId: product.id, quantity, unitPrice });
const createQuote = async (data: Record<string, unknown>, actor = 'minh') => api.post<RecordView>('/api/records/quote', { data: { title: 'Báo giá Hạ Long', ...data } }, { actor });

describe('computed fields', () => {
  it("works out each line's amount and the total when a quote is created and edited", async () => {
    const created = await createQuote({ lines: [line(3, 4_590_000), line(1, 500_000)] });
    expect(created.status).toBe(201);
    expect(created.body.data.lines).toEqual([
      { ...line(3, 4_590_000), amount: 13_770_000 },
      { ...line(1, 500_000), amount: 500_000 },
    ]);
    expect(created.body.data.total).toBe(14_270_000);
    // Remove the first line: the amounts sent back shift, which is not writing them.
    const lines = created.body.data.lines as unknown[];
    const edited = await api.patch<RecordView>(`/api/records/quote/${created.body.id}`, { data: { lines: [lines[1], line(2, 1_000_000)] }, version: created.body.version }, { actor: 'minh' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.data.total).toBe(2_500_000);
    expect((edited.body.data.lines as { amount: number }[]).map((l) => l.amount)).toEqual([500_000, 2_000_000]);
  });

  it('leaves a computed field out while its operands are missing', async () => {
    const quote = await createQuote({});
    expect(quote.body.data.total).toBeUndefined();
  });

  it("keeps a contract's paid amount and what is still owed as payments come in", async () => {
    const as = { actor: 'root' };
    const account = (await api.post<RecordView>('/api/records/account', { data: { kind: 'individual', name: 'Lê Hoa' } }, as)).body;
    const tour = (await api.post<RecordView>('/api/records/tour', { data: { code: 'HL-1', name: 'Hạ Long 12/03', departureDate: '2027-03-12' } }, as)).body;
    const terms = { accountId: account.id, tourId: tour.id, totalValue: 10_000_000, depositAmount: 3_000_000, depositDueDate: '2027-01-20', balanceDueDate: '2027-02-26' };
    const contract = (await api.post<RecordView>('/api/records/contract', { data: { title: 'HĐ', ...terms } }, as)).body;
    expect([contract.data.balanceAmount, contract.data.outstandingAmount]).toEqual([7_000_000, 10_000_000]);
    await api.post(`/api/records/contract/${contract.id}/activities/customerReview`, { done: true }, as);
    const signed = await api.post<RecordView>(`/api/records/contract/${contract.id}/events`, { type: 'SIGN' }, as);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    await server.engine.drainOutbox();
    const payments = (await api.get<{ items: RecordView[] }>(`/api/records/payment?filter=${encodeURIComponent(JSON.stringify({ 'data.contractId': contract.id }))}`, as)).body.items;
    const deposit = payments.find((p) => p.data.isDeposit === true);
    expect(deposit?.data.amount).toBe(3_000_000);
    const paid = await api.post(`/api/records/payment/${deposit?.id}/events`, { type: 'PAY', data: { paidAt: '2027-01-05T02:00:00.000Z', method: 'cash' } }, as);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    await server.engine.drainOutbox();
    const after = (await api.get<RecordView>(`/api/records/contract/${contract.id}`, as)).body;
    expect([after.state, after.data.paidAmount, after.data.outstandingAmount]).toEqual(['depositPaid', 3_000_000, 7_000_000]);
  });
});

describe('read-only and computed fields are refused when a person writes them', () => {
  it.each([
    ['a computed total', { total: 1 }, '/data/total'],
    ["a line's computed amount", { lines: [{ productId: 'any', quantity: 1, unitPrice: 100, amount: 5 }] }, '/data/lines/0/amount'],
    ['a timestamp automations set', { sentAt: '2027-01-01T00:00:00.000Z' }, '/data/sentAt'],
  ])('%s on create: 422 naming the field, nothing stored', async (_what, data, pointer) => {
    const before = (await api.get<{ total: number }>('/api/records/quote?limit=1', { actor: 'root' })).body.total;
    const reply = await createQuote(data);
    expectProblem(reply, 422, 'field-read-only');
    expect(JSON.stringify(reply.body)).toContain(pointer);
    expect((await api.get<{ total: number }>('/api/records/quote?limit=1', { actor: 'root' })).body.total).toBe(before);
  });

  it('refuses counters automations keep, on a patch and in an event', async () => {
    const campaign = (await api.post<RecordView>('/api/records/campaign', { data: { name: 'Hè', channel: 'email' } }, { actor: 'lan' })).body;
    const patched = await api.patch<RecordView>(`/api/records/campaign/${campaign.id}`, { data: { openedCount: 500, name: 'Hè 2027' }, version: campaign.version }, { actor: 'lan' });
    expectProblem(patched, 422, 'field-read-only');
    expect(JSON.stringify(patched.body)).toContain('/data/openedCount');
    const unchanged = (await api.get<RecordView>(`/api/records/campaign/${campaign.id}`, { actor: 'lan' })).body;
    expect([unchanged.version, unchanged.data.name]).toEqual([campaign.version, 'Hè']);
    for (const activity of ['prepareContent', 'testSend']) await api.post(`/api/records/campaign/${campaign.id}/activities/${activity}`, { done: true }, { actor: 'lan' });
    const launched = await api.post(`/api/records/campaign/${campaign.id}/events`, { type: 'LAUNCH', data: { message: 'Giảm 10%', audience: { entity: 'account', filter: {} }, sentCount: 100 } }, { actor: 'lan' });
    expectProblem(launched, 422, 'field-read-only');
    expect(JSON.stringify(launched.body)).toContain('/data/sentCount');
  });

  it('accepts a form that sends back the values it shows', async () => {
    const quote = (await createQuote({ lines: [line(2, 1_000)] })).body;
    const reply = await api.patch<RecordView>(`/api/records/quote/${quote.id}`, { data: { ...quote.data, title: 'Báo giá mới' }, version: quote.version }, { actor: 'minh' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  });
});

describe('stage locks and final stages', () => {
  it('locks the lines of a sent quote', async () => {
    const quote = (await createQuote({ lines: [line(2, 1_000)] })).body;
    const sent = await api.post<RecordView>(`/api/records/quote/${quote.id}/events`, { type: 'SEND', data: { validUntil: '2027-02-01' } }, { actor: 'minh' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const reply = await api.patch(`/api/records/quote/${quote.id}`, { data: { lines: [line(3, 1_000)] }, version: sent.body.version }, { actor: 'minh' });
    expectProblem(reply, 422, 'field-read-only');
    expect(JSON.stringify(reply.body)).toContain('cannot be changed in stage sent');
  });

  it('keeps a record in a final stage as it is, except for an admin', async () => {
    const quote = (await createQuote({ lines: [line(2, 1_000)] })).body;
    await api.post(`/api/records/quote/${quote.id}/events`, { type: 'SEND', data: { validUntil: '2027-02-01' } }, { actor: 'minh' });
    const rejected = await api.post<RecordView>(`/api/records/quote/${quote.id}/events`, { type: 'REJECT', data: { rejectReason: 'Giá cao' } }, { actor: 'minh' });
    expect(rejected.body.status).toBe('done');
    const bySales = await api.patch(`/api/records/quote/${quote.id}`, { data: { rejectReason: 'Khách đổi ý' }, version: rejected.body.version }, { actor: 'minh' });
    expectProblem(bySales, 422, 'field-read-only');
    expect(JSON.stringify(bySales.body)).toContain('final stage');
    const byAdmin = await api.patch<RecordView>(`/api/records/quote/${quote.id}`, { data: { rejectReason: 'Khách đổi ý' }, version: rejected.body.version }, { actor: 'root' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.data.rejectReason).toBe('Khách đổi ý');
  });
});
