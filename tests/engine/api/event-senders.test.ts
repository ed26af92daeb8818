/**
 * Who may send which event (DESIGN.md decision 9, issue 11.3), on the travel CRM pack over
 * HTTP: each role against a sample of events declared for some roles or for the system
 * only. A refused event is 403 naming the event and changes nothing; the events a record
 * offers its reader are only those they may send.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { TRAVEL_CRM } from '../runtime/travel-chain.js';
import { expectProblem } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
const ROLES = { sales: 'minh', accountant: 'trang', manager: 'hai', marketing: 'lan', operator: 'khanh', admin: 'root' } as const;
type RoleName = keyof typeof ROLES;

beforeAll(async () => {
  server = await startTestServer({ packDir: TRAVEL_CRM });
  api = client(server.url);
  for (const [role, id] of Object.entries(ROLES)) await server.addUser(id, [role as RoleName]);
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

const send = (entity: string, id: string, type: string, actor: string, data?: Record<string, unknown>) =>
  api.post<RecordView>(`/api/records/${entity}/${id}/events`, { type, ...(data ? { data } : {}) }, { actor });
const offered = async (entity: string, id: string, actor: string) =>
  (await api.get<RecordView>(`/api/records/${entity}/${id}`, { actor })).body.allowedEvents.map((e) => e.type);

/** A due receipt, owned by `owner` so that they see it whatever their role. */
async function duePayment(owner: string = ROLES.admin): Promise<RecordView> {
  const contract = (await api.post<RecordView>('/api/records/contract', { data: { title: 'Hợp đồng Đà Lạt' } }, { actor: ROLES.admin })).body;
  return (await api.post<RecordView>('/api/records/payment', { data: { kind: 'receipt', amount: 3_000_000, contractId: contract.id }, owner }, { actor: ROLES.admin })).body;
}

async function runningCampaign(): Promise<RecordView> {
  const campaign = (await api.post<RecordView>('/api/records/campaign', { data: { name: 'Hè 2027', channel: 'email', audience: { entity: 'account', segment: 'Tất cả', filter: {} } } }, { actor: ROLES.marketing })).body;
  for (const activity of ['prepareContent', 'testSend']) await api.post(`/api/records/campaign/${campaign.id}/activities/${activity}`, { done: true }, { actor: ROLES.marketing });
  const launched = await send('campaign', campaign.id, 'LAUNCH', ROLES.marketing, { message: 'Giảm 10%' });
  expect(launched.body.state, JSON.stringify(launched.body)).toBe('running');
  return launched.body;
}

const PAID = { paidAt: '2027-01-05T02:00:00.000Z', method: 'bank-transfer' };

describe('an event some roles may send', () => {
  it.each<[RoleName, boolean]>([
    ['sales', false],
    ['marketing', false],
    ['operator', false],
    ['manager', false],
    ['accountant', true],
    ['admin', true],
  ])('PAY on a payment by %s: allowed %s', async (role, allowed) => {
    const payment = await duePayment(ROLES[role]);
    const reply = await send('payment', payment.id, 'PAY', ROLES[role], PAID);
    if (allowed) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.state).toBe('paid');
      return;
    }
    const problem = expectProblem(reply, 403, 'forbidden');
    expect(problem).toMatchObject({ event: 'PAY', senders: ['accountant'] });
    expect(problem.detail).toBe('"Record payment" (PAY) may be sent only by accountant');
    const after = (await api.get<RecordView>(`/api/records/payment/${payment.id}`, { actor: ROLES.admin })).body;
    expect([after.state, after.version]).toEqual(['due', payment.version]);
  });

  it('offers PAY to the accountant and admins only', async () => {
    const payment = await duePayment();
    expect(await offered('payment', payment.id, ROLES.accountant)).toContain('PAY');
    expect(await offered('payment', payment.id, ROLES.admin)).toContain('PAY');
    expect(await offered('payment', payment.id, ROLES.manager)).not.toContain('PAY');
    // …in lists too.
    const listed = await api.get<{ items: RecordView[] }>(`/api/records/payment?filter=${encodeURIComponent(JSON.stringify({ _id: payment.id }))}`, { actor: ROLES.manager });
    expect(listed.body.items[0]?.allowedEvents.map((e) => e.type)).toEqual(['CANCEL']);
  });

  it('lets only managers approve a settlement', async () => {
    const tour = (await api.post<RecordView>('/api/records/tour', { data: { code: 'DL-1', name: 'Đà Lạt', departureDate: '2027-02-01' } }, { actor: ROLES.operator })).body;
    const settlement = (await api.post<RecordView>('/api/records/settlement', { data: { tourId: tour.id, revenue: 100, totalCost: 80 } }, { actor: ROLES.operator })).body;
    for (const activity of ['supplierInvoices', 'reconcileIncidents', 'settleAdvance']) await api.post(`/api/records/settlement/${settlement.id}/activities/${activity}`, { done: true }, { actor: ROLES.operator });
    expect((await send('settlement', settlement.id, 'SUBMIT', ROLES.operator)).body.state).toBe('review');
    expect(await offered('settlement', settlement.id, ROLES.operator)).toEqual([]);
    expectProblem(await send('settlement', settlement.id, 'APPROVE', ROLES.operator), 403, 'forbidden');
    expectProblem(await send('settlement', settlement.id, 'APPROVE', ROLES.accountant), 403, 'forbidden');
    expect((await send('settlement', settlement.id, 'APPROVE', ROLES.manager)).body.state).toBe('closed');
  });
});

describe('an event only the system reports', () => {
  it.each(Object.keys(ROLES) as RoleName[])('refuses EMAIL_OPENED from %s, and never offers it', async (role) => {
    const campaign = await runningCampaign();
    const problem = expectProblem(await send('campaign', campaign.id, 'EMAIL_OPENED', ROLES[role]), 403, 'forbidden');
    expect(problem).toMatchObject({ event: 'EMAIL_OPENED', senders: 'system' });
    expect(await offered('campaign', campaign.id, ROLES[role])).not.toContain('EMAIL_OPENED');
    expect(await offered('campaign', campaign.id, ROLES[role])).not.toContain('LINK_CLICKED');
  });

  it('takes it from the system (a channel, a timer, an automation)', async () => {
    const campaign = await runningCampaign();
    const reported = await server.engine.send('campaign', campaign.id, { type: 'EMAIL_OPENED', payload: { email: 'an@example.vn', name: 'An' } }, 'system:email');
    expect(reported.data.openedCount).toBe(1);
  });

  it('refuses BIRTHDAY on an account from anyone, admins included', async () => {
    const account = (await api.post<RecordView>('/api/records/account', { data: { kind: 'individual', name: 'Lê Hoa' } }, { actor: ROLES.sales })).body;
    for (const actor of [ROLES.sales, ROLES.admin]) expectProblem(await send('account', account.id, 'BIRTHDAY', actor), 403, 'forbidden');
  });
});

describe('declaring it', () => {
  it('refuses a declaration for an event the machine does not have, naming where', async () => {
    const quote = (await api.get<{ schema: unknown; machine: { meta: { senders: Record<string, unknown> } } }>('/api/definitions/quote', { actor: ROLES.admin })).body;
    quote.machine.meta.senders.SENDD = ['sales'];
    const reply = await api.put('/api/definitions/quote', { schema: quote.schema, machine: quote.machine, baseVersion: 1 }, { actor: ROLES.admin });
    const problem = expectProblem(reply, 422, 'invalid-definition');
    expect(problem.errors).toContainEqual(expect.objectContaining({ pointer: '/meta/senders/SENDD', message: '"SENDD" is not an event of this machine: no stage accepts it' }));
  });

  it('refuses a role that does not exist', async () => {
    const quote = (await api.get<{ schema: unknown; machine: { meta: { senders: Record<string, unknown> } } }>('/api/definitions/quote', { actor: ROLES.admin })).body;
    quote.machine.meta.senders.SEND = ['salesman'];
    expectProblem(await api.put('/api/definitions/quote', { schema: quote.schema, machine: quote.machine, baseVersion: 1 }, { actor: ROLES.admin }), 422, 'invalid-definition');
  });
});
