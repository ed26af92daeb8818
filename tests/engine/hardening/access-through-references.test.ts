/**
 * Regressions (issue 10.9–10.11), on the travel CRM pack over HTTP: a sales person saw a
 * colleague's record's title, stage and owner through "related records"; named a
 * colleague's contract in her own payment, paid it, and the automation moved the
 * colleague's contract; records were created with owners and handlers that are not users.
 * References now name only records the writer may see (refused as if they did not exist),
 * automations act only on what the triggering person could reach, related records hide
 * what the reader may not see, and owners and handlers are checked like a hand-over.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import type { RelatedRecords } from '../../../engine/runtime/read/related-records.js';
import { expectProblem } from '../api/problem-assertions.js';
import { client, type Client } from '../api/test-client.js';
import { startTestServer, type TestServer } from '../api/test-server.js';
import { TRAVEL_CRM } from '../runtime/travel-chain.js';

let server: TestServer;
let api: Client;
/** Minh's records, which Lan (another sales person) may not see. */
let minhAccount: string;
let minhContract: string;

const LOST = { lostReasonCategory: 'price', lostReason: 'Bên khác rẻ hơn' };

const SIGNED = {
  title: 'Hợp đồng Hạ Long',
  totalValue: 20_000_000,
  depositAmount: 5_000_000,
  depositDueDate: '2027-01-10',
  balanceAmount: 15_000_000,
  balanceDueDate: '2027-02-10',
};

beforeAll(async () => {
  server = await startTestServer({ packDir: TRAVEL_CRM });
  api = client(server.url);
  await server.addUser('minh', ['sales']);
  await server.addUser('lan', ['sales']);
  await server.addUser('trang', ['accountant']);
  await server.addUser('hai', ['manager']);
  await server.addUser('khanh', ['operator']);
  minhAccount = (await api.post<RecordView>('/api/records/account', { data: { kind: 'individual', name: 'Trần Văn Bình' } }, { actor: 'minh' })).body.id;
  const tour = (await api.post<RecordView>('/api/records/tour', { data: { code: 'HL-1', name: 'Hạ Long', departureDate: '2027-03-12' } }, { actor: 'khanh' })).body.id;
  const contract = await api.post<RecordView>('/api/records/contract', { data: { ...SIGNED, accountId: minhAccount, tourId: tour } }, { actor: 'minh' });
  minhContract = contract.body.id;
  await api.post(`/api/records/contract/${minhContract}/activities/customerReview`, { done: true }, { actor: 'minh' });
  const signed = await api.post<RecordView>(`/api/records/contract/${minhContract}/events`, { type: 'SIGN' }, { actor: 'minh' });
  expect(signed.body.state, JSON.stringify(signed.body)).toBe('signed');
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

const payments = async () => (await api.get<{ total: number }>('/api/records/payment?limit=1', { actor: 'admin' })).body.total;

describe('writing through a reference', () => {
  it('refuses a reference to a colleague\'s record exactly as one to a record that does not exist, and stores nothing', async () => {
    const before = await payments();
    const hidden = expectProblem(
      await api.post('/api/records/payment', { data: { kind: 'receipt', amount: 1, isDeposit: true, contractId: minhContract } }, { actor: 'lan' }),
      422,
      'validation-failed',
      '/data/contractId',
    );
    const missing = expectProblem(
      await api.post('/api/records/payment', { data: { kind: 'receipt', amount: 1, isDeposit: true, contractId: 'no-such-contract' } }, { actor: 'lan' }),
      422,
      'validation-failed',
      '/data/contractId',
    );
    expect(hidden.errors?.[0]?.message).toBe(`there is no contract with the id ${minhContract}`);
    expect(missing.errors?.[0]?.message).toBe('there is no contract with the id no-such-contract');
    expect(await payments()).toBe(before);
  });

  it('refuses it in a change, in an event\'s data and in an import too', async () => {
    const own = (await api.post<RecordView>('/api/records/opportunity', { data: { title: 'Tour Huế của Lan' } }, { actor: 'lan' })).body;
    expectProblem(await api.patch(`/api/records/opportunity/${own.id}`, { data: { accountId: minhAccount }, version: own.version }, { actor: 'lan' }), 422, 'validation-failed', '/data/accountId');
    expectProblem(
      await api.post(`/api/records/opportunity/${own.id}/events`, { type: 'LOSE', data: { accountId: minhAccount, ...LOST } }, { actor: 'lan' }),
      422,
      'validation-failed',
      '/data/accountId',
    );
    const imported = expectProblem(
      await api.post('/api/records/opportunity/import', { rows: [{ data: { title: 'A' } }, { data: { title: 'B', accountId: minhAccount } }] }, { actor: 'lan' }),
      422,
      'import-rejected',
    );
    expect(imported.errors?.[0]?.pointer).toBe('/rows/1/data/accountId');
    // Someone who sees the account may name it.
    expect((await api.patch(`/api/records/opportunity/${own.id}`, { data: { accountId: minhAccount }, version: own.version }, { actor: 'hai' })).status).toBe(200);
  });

  it('lets an automation act only on what the person whose event queued it could reach', async () => {
    const lostCount = async () => (await api.get<RecordView>(`/api/records/account/${minhAccount}`, { actor: 'minh' })).body.data.lostOpportunityCount ?? 0;
    // A manager (who sees everything) gave Lan an opportunity naming Minh's customer.
    const given = (await api.post<RecordView>('/api/records/opportunity', { data: { title: 'Tour Đà Nẵng', accountId: minhAccount }, owner: 'lan' }, { actor: 'hai' })).body;
    const lost = await api.post<RecordView>(`/api/records/opportunity/${given.id}/events`, { type: 'LOSE', data: LOST }, { actor: 'lan' });
    expect(lost.body.state).toBe('lost');
    await server.engine.drainOutbox();
    // Minh's customer was not written to, and the refused automation is on the timeline, once.
    expect(await lostCount()).toBe(0);
    const timeline = (await api.get<{ items: { kind: string; effect?: { error?: string } }[] }>(`/api/records/opportunity/${given.id}/timeline`, { actor: 'lan' })).body.items;
    const failed = timeline.filter((e) => e.kind === 'effect-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.effect?.error).toContain('may reach');
    // Not retried: not being allowed does not pass with time.
    expect(await server.engine.drainOutbox()).toBe(0);

    // The same loss recorded by the manager, who sees the customer, reaches it.
    const theirs = (await api.post<RecordView>('/api/records/opportunity', { data: { title: 'Tour Nha Trang', accountId: minhAccount } }, { actor: 'hai' })).body;
    await api.post(`/api/records/opportunity/${theirs.id}/events`, { type: 'LOSE', data: LOST }, { actor: 'hai' });
    await server.engine.drainOutbox();
    expect(await lostCount()).toBe(1);
  });
});

describe('reading through a reference', () => {
  it('shows the id of a referenced record the reader may not see, never its title, stage or owner', async () => {
    const payment = (await api.post<RecordView>('/api/records/payment', { data: { kind: 'receipt', amount: 1, contractId: minhContract, accountId: minhAccount }, owner: 'lan' }, { actor: 'hai' })).body;
    const related = (await api.get<RelatedRecords>(`/api/records/payment/${payment.id}/related`, { actor: 'lan' })).body;
    const contract = related.outgoing.find((r) => r.field === 'contractId');
    expect(contract).toMatchObject({ entity: 'contract', id: minhContract });
    expect(contract).not.toHaveProperty('record');
    expect(JSON.stringify(related)).not.toContain('Hợp đồng Hạ Long');
    expect(JSON.stringify(related)).not.toContain('Trần Văn Bình');
    // The accountant sees it.
    const theirs = (await api.get<RelatedRecords>(`/api/records/payment/${payment.id}/related`, { actor: 'trang' })).body;
    expect(theirs.outgoing.find((r) => r.field === 'contractId')?.record?.title).toBe('Hợp đồng Hạ Long');
  });
});

describe('owners and handlers of new records', () => {
  it('refuses an owner or handler that is not a user, on a create and in an import', async () => {
    expectProblem(await api.post('/api/records/lead', { data: { fullName: 'An', source: 'phone' }, owner: 'ghost' }, { actor: 'hai' }), 400, 'invalid-request', '/body/owner');
    expectProblem(await api.post('/api/records/lead', { data: { fullName: 'An', source: 'phone' }, handler: 'ghost' }, { actor: 'hai' }), 400, 'invalid-request', '/body/handler');
    expectProblem(
      await api.post('/api/records/lead/import', { rows: [{ data: { fullName: 'An', source: 'phone' } }, { data: { fullName: 'Bình', source: 'phone' }, owner: 'ghost' }] }, { actor: 'hai' }),
      400,
      'invalid-request',
      '/body/rows/1/owner',
    );
  });

  it('refuses a handler the creator may not assign, as a hand-over would', async () => {
    expectProblem(await api.post('/api/records/lead', { data: { fullName: 'An', source: 'phone' }, handler: 'minh' }, { actor: 'lan' }), 403, 'forbidden', '/body/handler');
    expectProblem(await api.post('/api/records/lead/import', { rows: [{ data: { fullName: 'An', source: 'phone' }, handler: 'minh' }] }, { actor: 'lan' }), 403, 'forbidden', '/body/rows/0/handler');
    const byOperator = await api.post<RecordView>('/api/records/lead', { data: { fullName: 'An', source: 'phone' }, handler: 'minh' }, { actor: 'khanh' });
    expect([byOperator.status, byOperator.body.handler]).toEqual([201, 'minh']);
  });
});

describe('what seeing every record grants', () => {
  it('lets a role that sees all of an entity read and work its records, but not delete them', async () => {
    const account = (await api.post<RecordView>('/api/records/account', { data: { kind: 'individual', name: 'Phạm Thu' } }, { actor: 'minh' })).body;
    // Accountants see every account (x-access.seeAll), and may not delete Minh's.
    expect((await api.get(`/api/records/account/${account.id}`, { actor: 'trang' })).status).toBe(200);
    expectProblem(await api.delete(`/api/records/account/${account.id}`, { actor: 'trang' }), 403, 'forbidden');
    expect((await api.get(`/api/records/account/${account.id}`, { actor: 'minh' })).status).toBe(200);
    expect((await api.delete(`/api/records/account/${account.id}`, { actor: 'minh' })).status).toBe(204);
  });
});
