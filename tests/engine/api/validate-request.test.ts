import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { parseListQuery } from '../../../engine/api/list-query.js';
import { EVENT_BODY, readCreateRecord, readVersionQuery } from '../../../engine/api/request-schemas.js';
import { bodyReader, routeParams } from '../../../engine/api/validate-request.js';
import { UserError } from '../../../engine/errors.js';

/** The event route's body, as its contract reads it. */
const readEvent = bodyReader(EVENT_BODY);

function request(parts: {
  body?: unknown;
  query?: Record<string, unknown>;
  params?: Record<string, string>;
}): Request {
  return {
    body: parts.body,
    query: parts.query ?? {},
    params: parts.params ?? {},
    path: '/x',
  } as unknown as Request;
}

function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected an invalid-request error');
}

function pointers(fn: () => unknown): string[] {
  const error = refusal(fn);
  expect(error.code).toBe('invalid-request');
  return error.issues.map((i) => i.pointer);
}

describe('body readers', () => {
  it('accept a valid body', () => {
    expect(readEvent(request({ body: { type: 'WIN', version: 3 } }))).toEqual({ type: 'WIN', version: 3 });
  });

  it('refuse a missing (non-JSON) body and bodies that are not objects', () => {
    for (const body of [undefined, null, [], 'text', 42])
      expect(pointers(() => readEvent(request({ body })))).toEqual(['/body']);
  });

  it('name every unknown member and every failing field', () => {
    expect(
      pointers(() => readCreateRecord(request({ body: { data: 1, extra: true, other: 2 } }))).sort(),
    ).toEqual(['/body/data', '/body/extra', '/body/other']);
    expect(pointers(() => readEvent(request({ body: {} })))).toEqual(['/body/type']);
  });

  it.each(['xstate.init', '1ABC', 'a b', 'A'.repeat(101), ''])('refuse the event type %j', (type) => {
    expect(pointers(() => readEvent(request({ body: { type } })))).toEqual(['/body/type']);
  });

  it('explain a pattern failure in words', () => {
    const error = refusal(() => readEvent(request({ body: { type: 'xstate.done' } })));
    expect(error.issues[0]?.message).toContain('not starting with "xstate."');
  });
});

describe('routeParams', () => {
  it('returns checked params', () => {
    expect(routeParams(request({ params: { entity: 'deal', id: 'a_b-1' } }), 'entity', 'id')).toEqual({
      entity: 'deal',
      id: 'a_b-1',
    });
  });

  it.each([
    [{ entity: 'Deal' }, '/params/entity'],
    [{ entity: '9deal' }, '/params/entity'],
    [{ entity: 'a'.repeat(64) }, '/params/entity'],
    [{ entity: 'deal', id: 'a/b' }, '/params/id'],
    [{ entity: 'deal', id: 'x'.repeat(101) }, '/params/id'],
  ])('refuses %j', (params, pointer) => {
    expect(pointers(() => routeParams(request({ params }), 'entity'))).toEqual([pointer]);
  });
});

describe('parseListQuery', () => {
  const list = (query: Record<string, unknown>) => parseListQuery(request({ query }));

  it('defaults limit to 50 and skip to 0, and parses filter and sort', () => {
    expect(list({})).toEqual({ limit: 50, skip: 0 });
    expect(
      list({ filter: '{"data.amount":{"$gt":5}}', sort: '{"updatedAt":-1}', limit: '20', skip: '40' }),
    ).toEqual({
      filter: { 'data.amount': { $gt: 5 } },
      sort: { updatedAt: -1 },
      limit: 20,
      skip: 40,
    });
  });

  it.each([
    [{ limit: '0' }, '/query/limit'],
    [{ limit: '501' }, '/query/limit'],
    [{ limit: 'ten' }, '/query/limit'],
    [{ limit: ['1', '2'] }, '/query/limit'],
    [{ skip: '-1' }, '/query/skip'],
    [{ filter: '{not json' }, '/query/filter'],
    [{ filter: '[1]' }, '/query/filter'],
    [{ sort: '{"a":2}' }, '/query/sort/a'],
    [{ sort: '{"$natural":1}' }, '/query/sort/$natural'],
    [{ page: '2' }, '/query/page'],
  ])('refuses %j at %s', (query, pointer) => {
    expect(pointers(() => list(query))).toEqual([pointer]);
  });

  it.each([
    ['{"$where":"sleep(1000)"}', '/query/filter/$where'],
    ['{"$expr":{"$gt":["$a","$b"]}}', '/query/filter/$expr'],
    ['{"$or":[{"a":1},{"$function":{}}]}', '/query/filter/$or/1/$function'],
    ['{"data.x":{"$elemMatch":{"$accumulator":{}}}}', '/query/filter/data.x/$elemMatch/$accumulator'],
    ['{"a/b":{"$foo":1}}', '/query/filter/a~1b/$foo'],
  ])('refuses the operator in %s at its pointer', (filter, pointer) => {
    expect(pointers(() => list({ filter }))).toContain(pointer);
  });
});

describe('readVersionQuery', () => {
  it('coerces the version and refuses a bad one', () => {
    expect(readVersionQuery(request({ query: { version: '2' } }))).toEqual({ version: 2 });
    expect(pointers(() => readVersionQuery(request({ query: { version: '0' } })))).toEqual([
      '/query/version',
    ]);
  });
});
