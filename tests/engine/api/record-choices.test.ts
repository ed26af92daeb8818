/**
 * What a reference picker asks the API (issue 11.1): records found by what names them,
 * ignoring case and Vietnamese marks, as title + stage, only those the reader may see,
 * and the names of given ids in the order asked.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordSummary } from '../../../engine/runtime/core/record-summary.js';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { TRAVEL_CRM } from '../runtime/travel-chain.js';
import { expectProblem } from './problem-assertions.js';
import { client, type Client } from './test-client.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let api: Client;
const accounts: Record<string, RecordView> = {};

beforeAll(async () => {
  server = await startTestServer({ packDir: TRAVEL_CRM });
  api = client(server.url);
  await server.addUser('minh', ['sales']);
  await server.addUser('lan', ['sales']);
  await server.addUser('root', ['admin']);
  for (const [name, owner] of [
    ['Nguyễn Văn An', 'minh'],
    ['Trần Thị Bình', 'minh'],
    ['Công ty Du lịch Đất Việt', 'lan'],
    ['Nguyen Hoang (no marks)', 'lan'],
  ] as const) {
    accounts[name] = (await api.post<RecordView>('/api/records/account', { data: { name, kind: 'individual' }, owner }, { actor: 'root' })).body;
  }
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

const choices = async (entity: string, query: string, actor = 'root') =>
  api.get<{ items: RecordSummary[] }>(`/api/records/${entity}/choices?${query}`, { actor });
const titles = (items: RecordSummary[]) => items.map((i) => i.title).sort();

describe('finding records by name', () => {
  it('finds names with marks from text typed without them, in any case', async () => {
    const reply = await choices('account', 'q=NGUYEN');
    expect(reply.status).toBe(200);
    expect(titles(reply.body.items)).toEqual(['Nguyen Hoang (no marks)', 'Nguyễn Văn An']);
    expect(titles((await choices('account', `q=${encodeURIComponent('đất')}`)).body.items)).toEqual(['Công ty Du lịch Đất Việt']);
    expect(titles((await choices('account', 'q=dat viet')).body.items)).toEqual(['Công ty Du lịch Đất Việt']);
  });

  it('gives each record as title and stage with its labels, never only an id', async () => {
    const [item] = (await choices('account', 'q=binh')).body.items;
    expect(item).toMatchObject({ id: accounts['Trần Thị Bình'].id, entity: 'account', title: 'Trần Thị Bình', status: 'active' });
    expect(item.stage).not.toBe('');
    expect(item.stageLabels?.vi).toMatch(/\S/);
    expect(item.stageLabels?.en).toMatch(/\S/);
  });

  it('treats typed regular-expression characters as text', async () => {
    expect((await choices('account', `q=${encodeURIComponent('(no marks)')}`)).body.items).toHaveLength(1);
    expect((await choices('account', `q=${encodeURIComponent('.*')}`)).body.items).toEqual([]);
  });

  it('without text, lists the most recently changed first, up to the limit', async () => {
    const items = (await choices('account', 'limit=2')).body.items;
    expect(items.map((i) => i.title)).toEqual(['Nguyen Hoang (no marks)', 'Công ty Du lịch Đất Việt']);
  });

  it('offers a sales person only the records they may see', async () => {
    expect(titles((await choices('account', 'q=nguyen', 'minh')).body.items)).toEqual(['Nguyễn Văn An']);
    expect(titles((await choices('account', '', 'lan')).body.items)).toEqual(['Công ty Du lịch Đất Việt', 'Nguyen Hoang (no marks)']);
  });

  it('names given ids in the order asked, leaving out those the reader may not see', async () => {
    const ids = [accounts['Công ty Du lịch Đất Việt'].id, accounts['Nguyễn Văn An'].id, accounts['Trần Thị Bình'].id];
    const all = (await choices('account', `ids=${ids.join(',')}`)).body.items;
    expect(all.map((i) => i.title)).toEqual(['Công ty Du lịch Đất Việt', 'Nguyễn Văn An', 'Trần Thị Bình']);
    const seen = (await choices('account', `ids=${ids.join(',')}`, 'minh')).body.items;
    expect(seen.map((i) => i.title)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
  });

  it('names a record without a name field by its declared x-title fields', async () => {
    await api.post('/api/records/conversation', { data: { channel: 'zalo', customerName: 'Lê Hoa', phone: '0901234567' } }, { actor: 'root' });
    const [found] = (await choices('conversation', 'q=hoa')).body.items;
    expect(found?.title).toBe('Lê Hoa · 0901234567');
    expect((await choices('conversation', 'q=0901')).body.items).toHaveLength(1);
  });
});

describe('bad picker queries', () => {
  it.each([
    ['limit=0', '/query/limit'],
    ['limit=51', '/query/limit'],
    ['ids=not%20an%20id', '/query/ids'],
    [`ids=${Array.from({ length: 51 }, (_, i) => `id${i}`).join(',')}`, '/query/ids'],
    [`q=${'x'.repeat(101)}`, '/query/q'],
    ['other=1', '/query'],
  ])('%s is refused at %s', async (query, pointer) => {
    const reply = await choices('account', query);
    expectProblem(reply, 400, 'invalid-request');
    expect(JSON.stringify(reply.body)).toContain(pointer);
  });

  it('an unknown entity is 404', async () => {
    expectProblem(await choices('ghost', 'q=a'), 404, 'unknown-entity');
  });
});
