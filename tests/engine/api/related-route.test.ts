/** `GET /api/records/:entity/:id/related` over HTTP, on the travel CRM pack and its record views. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RelatedRecords } from '../../../engine/runtime/read/related-records.js';
import { seedChain, TRAVEL_CRM, type Chain } from '../runtime/travel-chain.js';
import { expectProblem } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
let chain: Chain;

beforeAll(async () => {
  server = await startTestServer({ packDir: TRAVEL_CRM });
  api = client(server.url);
  // The chain's references are checked against what its writers may see: they are users.
  await server.addUser('user:sales.minh', ['sales']);
  await server.addUser('user:acc.trang', ['accountant']);
  chain = await seedChain(server.engine);
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

describe('GET /api/records/:entity/:id/related', () => {
  it('answers with the references both ways and the declared views, in one call', async () => {
    const reply = await api.get<RelatedRecords>(`/api/records/account/${chain.account}/related`);
    expect(reply.status).toBe(200);
    const { body } = reply;
    expect([body.entity, body.id]).toEqual(['account', chain.account]);
    expect(body.incoming.find((g) => g.entity === 'traveller')).toMatchObject({ field: 'accountId', total: 1, items: [{ id: chain.traveller, title: 'Lê Thị Hoa' }] });
    expect(body.views.map((v) => [v.id, v.total])).toEqual([
      ['transactionHistory', 1],
      ['interestList', 1],
    ]);
    expect(body.views[0]?.rows[0]?.cells[1]).toEqual({
      value: 'cruise',
      labels: { vi: 'Du thuyền', en: 'Cruise' },
      ref: { entity: 'product', id: chain.product, title: 'Hạ Long du thuyền 3N2Đ' },
    });
  });

  it('takes a limit per group', async () => {
    await server.engine.create('payment', { data: { kind: 'receipt', amount: 1_000, contractId: chain.contract, accountId: chain.account, title: 'Thu thêm' } }, 'user:acc.trang');
    const reply = await api.get<RelatedRecords>(`/api/records/account/${chain.account}/related?limit=1`);
    expect(reply.status).toBe(200);
    expect(reply.body.incoming.find((g) => g.entity === 'payment')).toMatchObject({ total: 2, items: [{ title: 'Thu thêm' }] });
  });

  it('refuses a bad limit, an unknown parameter and a malformed id, pointing at them', async () => {
    expectProblem(await api.get(`/api/records/account/${chain.account}/related?limit=0`), 400, 'invalid-request', '/query/limit');
    expectProblem(await api.get(`/api/records/account/${chain.account}/related?limit=51`), 400, 'invalid-request', '/query/limit');
    expectProblem(await api.get(`/api/records/account/${chain.account}/related?deep=1`), 400, 'invalid-request', '/query/deep');
    expectProblem(await api.get('/api/records/account/bad%20id/related'), 400, 'invalid-request', '/params/id');
  });

  it('answers 404 problems for an unknown entity and a missing record', async () => {
    expectProblem(await api.get(`/api/records/galaxy/${chain.account}/related`), 404, 'unknown-entity');
    expectProblem(await api.get('/api/records/account/no-such-record/related'), 404, 'not-found');
    expectProblem(await api.get(`/api/records/account/${chain.contract}/related`), 404, 'not-found');
  });

  it('is described in the OpenAPI document for every entity', async () => {
    const doc = (await api.get<{ paths: Record<string, { get?: { operationId?: string } }>; components: { schemas: Record<string, unknown> } }>('/api/openapi.json')).body;
    expect(doc.paths['/api/records/account/{id}/related']?.get?.operationId).toBe('getAccountRelated');
    expect(doc.paths['/api/records/sales-activity/{id}/related']?.get?.operationId).toBe('getSalesActivityRelated');
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['RelatedRecords', 'RecordSummary', 'RecordViewResult']));
  });
});
