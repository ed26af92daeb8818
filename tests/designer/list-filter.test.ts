/**
 * The list's conditions as MongoDB filters: every operator, relative dates against a fixed
 * "now" in the business time zone, and only operators the list API accepts (its own parse
 * check runs on each filter, and mingo, the embedded store's evaluator, runs them on records).
 */
import type { Request } from 'express';
import { Query } from 'mingo';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../designer/src/workspace/filter-ops.js';
import { INITIAL_CONTROLS, listFilter, type FilterContext } from '../../designer/src/workspace/list-filter.js';
import { listFields } from '../../designer/src/workspace/pipeline-model.js';
import { parseListQuery } from '../../engine/api/list-query.js';
import { schema } from './list-filter-schema.js';

const fields = listFields(schema);
/** 01:30 on 24 November 2026 in Hà Nội (still the 23rd in UTC). */
const context: FilterContext = { now: new Date('2026-11-23T18:30:00Z'), timeZone: 'Asia/Ho_Chi_Minh', me: 'sales1' };
const filterOf = (conditions: Condition[], at: FilterContext = context) =>
  listFilter({ ...INITIAL_CONTROLS, conditions }, fields, 'name', at);
const one = (condition: Condition, at?: FilterContext) => filterOf([condition], at);

/** Every operator on a field it fits, with the filter it makes at `context`. */
const CASES: [Condition, Record<string, unknown>][] = [
  [{ field: 'province', op: 'contains', value: 'Hà Nội' }, { 'data.province': { $regex: 'Hà Nội', $options: 'i' } }],
  [{ field: 'province', op: 'contains', value: 'a.b (1)*' }, { 'data.province': { $regex: 'a\\.b \\(1\\)\\*', $options: 'i' } }],
  [{ field: 'province', op: 'is', value: 'Hà Nội' }, { 'data.province': { $regex: '^Hà Nội$', $options: 'i' } }],
  [{ field: 'province', op: 'isEmpty' }, { 'data.province': { $in: [null, ''] } }],
  [{ field: 'province', op: 'isNotEmpty' }, { 'data.province': { $exists: true, $nin: [null, ''] } }],
  [{ field: 'budget', op: 'eq', value: '45000000' }, { 'data.budget': 45000000 }],
  [{ field: 'budget', op: 'gte', value: '45000000' }, { 'data.budget': { $gte: 45000000 } }],
  [{ field: 'budget', op: 'lte', value: '1000' }, { 'data.budget': { $lte: 1000 } }],
  [{ field: 'rating', op: 'between', value: ['1.5', '4'] }, { 'data.rating': { $gte: 1.5, $lte: 4 } }],
  [{ field: 'budget', op: 'isEmpty' }, { 'data.budget': { $in: [null, ''] } }],
  [{ field: 'tier', op: 'anyOf', value: ['VIP1', 'VIP2'] }, { 'data.tier': { $in: ['VIP1', 'VIP2'] } }],
  [{ field: 'stars', op: 'anyOf', value: ['5'] }, { 'data.stars': { $in: [5] } }],
  [{ field: 'tier', op: 'isEmpty' }, { 'data.tier': { $in: [null, ''] } }],
  [{ field: 'tags', op: 'anyOf', value: ['vip'] }, { 'data.tags': { $in: ['vip'] } }],
  [{ field: 'tags', op: 'isEmpty' }, { $or: [{ 'data.tags': { $exists: false } }, { 'data.tags': null }, { 'data.tags': { $size: 0 } }] }],
  [{ field: 'interests', op: 'anyOf', value: ['Phú Quốc'] }, { 'data.interests': { $regex: '^Phú Quốc$', $options: 'i' } }],
  [
    { field: 'interests', op: 'anyOf', value: ['Phú Quốc', 'Đà Lạt'] },
    { $or: [{ 'data.interests': { $regex: '^Phú Quốc$', $options: 'i' } }, { 'data.interests': { $regex: '^Đà Lạt$', $options: 'i' } }] },
  ],
  [{ field: 'interests', op: 'contains', value: 'phú' }, { 'data.interests': { $regex: 'phú', $options: 'i' } }],
  [{ field: 'vip', op: 'yes' }, { 'data.vip': true }],
  [{ field: 'vip', op: 'no' }, { 'data.vip': { $ne: true } }],
  [{ field: 'dateOfBirth', op: 'on', value: '1990-11-05' }, { 'data.dateOfBirth': '1990-11-05' }],
  [{ field: 'dateOfBirth', op: 'before', value: '1990-01-01' }, { 'data.dateOfBirth': { $lt: '1990-01-01' } }],
  [{ field: 'dateOfBirth', op: 'after', value: '1990-01-01' }, { 'data.dateOfBirth': { $gt: '1990-01-01' } }],
  [{ field: 'dateOfBirth', op: 'between', value: ['1980-01-01', '1989-12-31'] }, { 'data.dateOfBirth': { $gte: '1980-01-01', $lte: '1989-12-31' } }],
  [{ field: 'dateOfBirth', op: 'today' }, { 'data.dateOfBirth': '2026-11-24' }],
  [{ field: 'dateOfBirth', op: 'thisMonth' }, { 'data.dateOfBirth': { $regex: '^\\d{4}-11-' } }],
  [{ field: 'dateOfBirth', op: 'inMonth', value: '3' }, { 'data.dateOfBirth': { $regex: '^\\d{4}-03-' } }],
  [{ field: 'dateOfBirth', op: 'lastDays', value: '7' }, { 'data.dateOfBirth': { $gte: '2026-11-17', $lte: '2026-11-24' } }],
  [{ field: 'dueOn', op: 'nextDays', value: '10' }, { 'data.dueOn': { $gte: '2026-11-24', $lte: '2026-12-04' } }],
  [{ field: 'dateOfBirth', op: 'isEmpty' }, { 'data.dateOfBirth': { $in: [null, ''] } }],
  [{ field: 'seenAt', op: 'on', value: '2026-11-01' }, { 'data.seenAt': { $gte: '2026-10-31T17:00:00.000Z', $lt: '2026-11-01T17:00:00.000Z' } }],
  [{ field: 'seenAt', op: 'before', value: '2026-11-01' }, { 'data.seenAt': { $lt: '2026-10-31T17:00:00.000Z' } }],
  [{ field: 'seenAt', op: 'after', value: '2026-11-01' }, { 'data.seenAt': { $gte: '2026-11-01T17:00:00.000Z' } }],
  [
    { field: 'seenAt', op: 'between', value: ['2026-11-01', '2026-11-30'] },
    { 'data.seenAt': { $gte: '2026-10-31T17:00:00.000Z', $lt: '2026-11-30T17:00:00.000Z' } },
  ],
  [{ field: 'seenAt', op: 'today' }, { 'data.seenAt': { $gte: '2026-11-23T17:00:00.000Z', $lt: '2026-11-24T17:00:00.000Z' } }],
  [{ field: 'seenAt', op: 'lastDays', value: '1' }, { 'data.seenAt': { $gte: '2026-11-22T17:00:00.000Z', $lt: '2026-11-24T17:00:00.000Z' } }],
  [{ field: 'seenAt', op: 'nextDays', value: '2' }, { 'data.seenAt': { $gte: '2026-11-23T17:00:00.000Z', $lt: '2026-11-26T17:00:00.000Z' } }],
  [{ field: '@stage', op: 'anyOf', value: ['open.new', 'won'] }, { stage: { $in: ['open.new', 'won'] } }],
  [{ field: '@owner', op: 'me' }, { owner: 'sales1' }],
  [{ field: '@owner', op: 'is', value: 'sales2' }, { owner: 'sales2' }],
  [{ field: '@owner', op: 'isEmpty' }, { owner: { $in: [null, ''] } }],
];

/** Every `$` key of a filter, at any depth. */
function operators(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => operators(item, found));
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      if (key.startsWith('$')) found.add(key);
      operators(inner, found);
    }
  return found;
}

describe('list conditions as MongoDB filters', () => {
  it.each(CASES)('%j', (condition, expected) => {
    expect(one(condition)).toEqual(expected);
  });

  it('covers every operator', () => {
    const ops = new Set(CASES.map(([c]) => c.op));
    expect([...ops].sort()).toEqual(
      ['after', 'anyOf', 'before', 'between', 'contains', 'eq', 'gte', 'is', 'isEmpty', 'isNotEmpty', 'inMonth', 'lastDays', 'lte', 'me', 'nextDays', 'no', 'on', 'thisMonth', 'today', 'yes'].sort(),
    );
  });

  it('passes the list API\'s operator check, with no $expr', () => {
    const all = filterOf(CASES.map(([c]) => c));
    const request = { query: { filter: JSON.stringify(all) } } as unknown as Request;
    expect(parseListQuery(request).filter).toEqual(all);
    const allowed = '$eq $ne $gt $gte $lt $lte $in $nin $exists $type $regex $options $and $or $nor $not $all $elemMatch $size $mod'.split(' ');
    expect([...operators(all)].filter((op) => !allowed.includes(op))).toEqual([]);
  });

  it('ANDs the conditions with the search box and the stage', () => {
    const filter = listFilter(
      {
        ...INITIAL_CONTROLS,
        search: ' an (',
        stage: 'won',
        conditions: [
          { field: 'tier', op: 'anyOf', value: ['VIP1'] },
          { field: 'province', op: 'contains', value: 'Hà Nội' },
        ],
      },
      fields,
      'name',
      context,
    );
    expect(filter).toEqual({
      $and: [
        { 'data.name': { $regex: 'an \\(', $options: 'i' } },
        { stage: 'won' },
        { 'data.tier': { $in: ['VIP1'] } },
        { 'data.province': { $regex: 'Hà Nội', $options: 'i' } },
      ],
    });
    expect(filterOf([])).toEqual({});
  });

  it('leaves out incomplete conditions, and "me" without a user matches nobody', () => {
    expect(filterOf([{ field: 'province', op: 'contains', value: '  ' }, { field: 'budget', op: 'gte', value: 'x' }, { field: 'tier', op: 'anyOf', value: [] }])).toEqual({});
    expect(one({ field: '@owner', op: 'me' }, { ...context, me: undefined })).toEqual({ owner: { $in: [] } });
  });

  it('keeps relative dates relative: "this month" and "today" follow the moment of the query', () => {
    const condition: Condition = { field: 'dateOfBirth', op: 'thisMonth' };
    // 00:30 on 1 December in Hà Nội is still November in UTC.
    const december = { ...context, now: new Date('2026-11-30T17:30:00Z') };
    expect(one(condition, december)).toEqual({ 'data.dateOfBirth': { $regex: '^\\d{4}-12-' } });
    expect(one({ field: 'dateOfBirth', op: 'today' }, december)).toEqual({ 'data.dateOfBirth': '2026-12-01' });
    expect(one({ field: 'dueOn', op: 'lastDays', value: '1' }, { ...context, now: new Date('2028-02-29T12:00:00Z') })).toEqual({
      'data.dueOn': { $gte: '2028-02-28', $lte: '2028-02-29' },
    });
  });

  it('finds the right records when the embedded store evaluates the filters', () => {
    const records = [
      { id: 'a', stage: 'won', owner: 'sales1', data: { name: 'An', province: 'Hà Nội', tier: 'VIP1', dateOfBirth: '1990-11-05', budget: 45_000_000, tags: ['vip'], interests: ['Phú Quốc'], seenAt: '2026-11-23T18:00:00.000Z' } },
      { id: 'b', stage: 'open.new', owner: 'sales2', data: { name: 'Bình', province: 'TP. Hồ Chí Minh', tier: 'VIP1', dateOfBirth: '1985-03-24', budget: 5_000_000, tags: [], vip: true, seenAt: '2026-11-23T16:59:59.000Z' } },
      { id: 'c', stage: 'open.new', data: { name: 'Chi', province: 'hà nội', tier: 'VIP2', dateOfBirth: '2001-11-24', interests: ['Đà Lạt'] } },
      { id: 'd', stage: 'lost', owner: 'sales1', data: { name: 'Dũng', province: '', vip: false } },
    ];
    const ids = (conditions: Condition[]) =>
      new Query(filterOf(conditions)).find(records).all().map((r) => (r as { id: string }).id);
    expect(ids([{ field: 'tier', op: 'anyOf', value: ['VIP1'] }, { field: 'province', op: 'contains', value: 'Hà Nội' }])).toEqual(['a']);
    expect(ids([{ field: 'dateOfBirth', op: 'thisMonth' }])).toEqual(['a', 'c']);
    expect(ids([{ field: 'dateOfBirth', op: 'today' }])).toEqual([]);
    expect(ids([{ field: 'dateOfBirth', op: 'inMonth', value: '3' }])).toEqual(['b']);
    expect(ids([{ field: 'province', op: 'is', value: 'HÀ NỘI' }])).toEqual(['a', 'c']);
    expect(ids([{ field: 'province', op: 'isEmpty' }])).toEqual(['d']);
    expect(ids([{ field: 'province', op: 'isNotEmpty' }])).toEqual(['a', 'b', 'c']);
    expect(ids([{ field: 'budget', op: 'between', value: ['1000000', '45000000'] }])).toEqual(['a', 'b']);
    expect(ids([{ field: 'budget', op: 'isEmpty' }])).toEqual(['c', 'd']);
    expect(ids([{ field: 'tags', op: 'anyOf', value: ['vip'] }])).toEqual(['a']);
    expect(ids([{ field: 'tags', op: 'isEmpty' }])).toEqual(['b', 'c', 'd']);
    expect(ids([{ field: 'interests', op: 'anyOf', value: ['phú quốc', 'đà lạt'] }])).toEqual(['a', 'c']);
    expect(ids([{ field: 'vip', op: 'yes' }])).toEqual(['b']);
    expect(ids([{ field: 'vip', op: 'no' }])).toEqual(['a', 'c', 'd']);
    expect(ids([{ field: 'seenAt', op: 'today' }])).toEqual(['a']);
    expect(ids([{ field: '@stage', op: 'anyOf', value: ['open.new'] }])).toEqual(['b', 'c']);
    expect(ids([{ field: '@owner', op: 'me' }])).toEqual(['a', 'd']);
    expect(ids([{ field: '@owner', op: 'isEmpty' }])).toEqual(['c']);
  });
});
