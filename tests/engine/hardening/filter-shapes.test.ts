/**
 * Regression (issue 10.12): filters with operands of the wrong shape (an `$in` that is not
 * an array, `$and` that is not one, unknown `$options`, a field operator at the top level)
 * answered 500 with a stack trace, and regular expressions that backtrack badly blocked
 * the server. Every operator's operand is checked before evaluation, and `$regex` takes
 * only patterns that run in linear time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../api/problem-assertions.js';
import { client, type Client } from '../api/test-client.js';
import { startTestServer, type TestServer } from '../api/test-server.js';

let server: TestServer;
let api: Client;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
  await api.post('/api/records/deal', { data: { title: 'Đoàn Hà Nội', amount: 5 } });
});
afterAll(() => server.close());
afterEach(() => expect(server.unexpected).toEqual([]));

const list = (filter: unknown) => api.get(`/api/records/deal?filter=${encodeURIComponent(JSON.stringify(filter))}`);

describe('operands of the wrong shape', () => {
  it.each([
    [{ 'data.title': { $in: 'Huế' } }, '/query/filter/data.title/$in'],
    [{ 'data.title': { $nin: { a: 1 } } }, '/query/filter/data.title/$nin'],
    [{ 'data.tags': { $all: 3 } }, '/query/filter/data.tags/$all'],
    [{ $and: { 'data.title': 'x' } }, '/query/filter/$and'],
    [{ $or: ['x'] }, '/query/filter/$or/0'],
    [{ $nor: 'x' }, '/query/filter/$nor'],
    [{ 'data.title': { $regex: 'Hà', $options: 'g' } }, '/query/filter/data.title/$options'],
    [{ 'data.title': { $regex: 'Hà', $options: 7 } }, '/query/filter/data.title/$options'],
    [{ 'data.title': { $options: 'i' } }, '/query/filter/data.title/$options'],
    [{ $gt: 5 }, '/query/filter/$gt'],
    [{ $regex: 'x' }, '/query/filter/$regex'],
    [{ 'data.amount': { $exists: 'yes' } }, '/query/filter/data.amount/$exists'],
    [{ 'data.amount': { $size: -1 } }, '/query/filter/data.amount/$size'],
    [{ 'data.amount': { $mod: [0, 1] } }, '/query/filter/data.amount/$mod'],
    [{ 'data.amount': { $mod: 'x' } }, '/query/filter/data.amount/$mod'],
    [{ 'data.amount': { $gt: { $gt: 1 } } }, '/query/filter/data.amount/$gt'],
    [{ 'data.amount': { $not: 5 } }, '/query/filter/data.amount/$not'],
    [{ 'data.amount': { $type: { a: 1 } } }, '/query/filter/data.amount/$type'],
    [{ 'data.amount': { $gt: 1, plain: 2 } }, '/query/filter/data.amount/plain'],
    [{ 'data.tags': { $elemMatch: 'x' } }, '/query/filter/data.tags/$elemMatch'],
    [{ 'data.amount': { $bogus: 1 } }, '/query/filter/data.amount/$bogus'],
    [{ $and: [{ 'data.amount': { $in: 5 } }] }, '/query/filter/$and/0/data.amount/$in'],
  ])('refuses %j at %s with 400', async (filter, pointer) => {
    expectProblem(await list(filter), 400, 'invalid-request', pointer);
  });

  it('never answers 500, whatever operand any operator is given', async () => {
    const operators = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$all', '$exists', '$type', '$regex', '$options', '$not', '$elemMatch', '$size', '$mod', '$and', '$or', '$nor'];
    const operands: unknown[] = ['x', 0, -1, 1.5, null, true, {}, [], [[]], [{}], { $gt: 1 }, { $in: 'x' }, ['a', 'b'], [2, 1], { a: { $gt: 1 } }];
    for (const operator of operators) {
      for (const operand of operands) {
        for (const filter of [{ 'data.amount': { [operator]: operand } }, { [operator]: operand }]) {
          const reply = await list(filter);
          expect([200, 400], `${JSON.stringify(filter)} answered ${reply.status}`).toContain(reply.status);
        }
      }
    }
  });

  it('still runs well-formed filters', async () => {
    const ok = await list({ $and: [{ 'data.amount': { $in: [5, 6] } }, { 'data.title': { $regex: '^Đoàn', $options: 'i' } }], 'data.amount': { $not: { $gt: 10 } } });
    expect(ok.status).toBe(200);
    expect((ok.body as { total: number }).total).toBe(1);
  });
});

describe('regular expressions', () => {
  it.each([
    ['exponential: nested repeats', '(a+)+$'],
    ['exponential: repeated alternatives', '(a|aa)*b'],
    ['exponential: alternatives without repeats', '(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)b'],
    ['polynomial: adjacent open repeats', '\\d*\\d*\\d*x'],
    ['polynomial: a repeated wildcard', '.*.*.*=.*'],
    ['polynomial: one open repeat', 'a+b'],
    ['a back-reference', '(x)\\1'],
    ['a lookahead', '(?=a)a'],
    ['a character class', '[a-z]+'],
  ])('refuses %s (%s)', async (_what, regex) => {
    expectProblem(await list({ 'data.title': { $regex: regex } }), 400, 'invalid-request', '/query/filter/data.title/$regex');
  });

  it('runs a refused pattern\'s escaped text as a "contains" condition', async () => {
    const escaped = '(a+)+$'.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect((await list({ 'data.title': { $regex: escaped } })).status).toBe(200);
  });
});
